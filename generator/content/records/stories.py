"""stories/<id>/: one individual narrative."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import Date, Id, Image, Localized, Location, Model, Record
from generator.content.bundle import Kind
from generator.content.records.front import StoryFront


class Narrator(Model):
    """Who tells the story: a real name only with consent."""

    name: str = Field(min_length=1)
    role: Localized | None = None


class Consent(Model):
    """The narrator's consent to publish; without it the story is never published."""

    given: bool
    date: Date | None = None


class Chapter(Model):
    """A map story's chapter: where the map goes for one H2 section."""

    location: Location
    zoom: int = Field(default=15, ge=1, le=19)
    place: Localized | None = None
    marker: bool = Field(default=True, description="false for an overview chapter without a pin")


class StoryMeta(Record):
    """A story's language-neutral facts (stories/<id>/meta.yml)."""

    pilot: Id
    date: Date
    format: Literal["article", "photo-story", "map-story"]
    narrator: Narrator
    consent: Consent
    themes: list[Id] = Field(default_factory=list)
    location: Location | None = None
    cover: Image | None = None
    example: bool = False
    chapters: list[Chapter] = Field(default_factory=list)


KIND = Kind("stories", "story", StoryMeta, StoryFront, template="story")
