"""The front matter of records' Markdown files (nl.md, en.md)."""

from __future__ import annotations

from pydantic import Field

from generator.content.fields import Model, Text
from generator.content.messages import N_


class Front(Model):
    """Front matter of a record's Markdown file."""

    title: Text = Field(description=N_("the title of the page, in this file's language"))
    summary: str | None = Field(default=None, description=N_(
        "one or two sentences, shown on cards and in search results"))


class StoryFront(Front):
    """Front matter of a story: a quote may be pulled out."""

    quote: str | None = Field(default=None, description=N_(
        "a sentence from the story, shown large"))


class BioFront(Model):
    """Front matter of a person's bio: nothing is required."""

    title: str | None = Field(default=None, description=N_(
        "a title for the text (the page is headed by the name)"))
