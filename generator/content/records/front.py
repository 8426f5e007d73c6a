"""The front matter of records' Markdown files (nl.md, en.md)."""

from __future__ import annotations

from generator.content.fields import Model, Text


class Front(Model):
    """Front matter of a record's Markdown file."""

    title: Text
    summary: str | None = None


class StoryFront(Front):
    """Front matter of a story: a quote may be pulled out."""

    quote: str | None = None


class BioFront(Model):
    """Front matter of a person's bio: nothing is required."""

    title: str | None = None
