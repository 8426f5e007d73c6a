"""stories/<id>/: one individual narrative."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import (Date, FileName, Id, Image, Localized, Location, Model,
                                      Record)
from generator.content.messages import N_
from generator.content.bundle import Kind
from generator.content.records.front import StoryFront


class Narrator(Model):
    """Who tells the story: a real name only with consent."""

    name: Localized = Field(description=N_(
        "plain text, or a name per language: {nl: Een bewoner, en: A resident}"))
    role: Localized | None = Field(default=None, description=N_(
        "who they are, e.g. {nl: bewoner, en: resident}"))


class Consent(Model):
    """The narrator's consent to publish; without it the story is never published."""

    given: bool = Field(description=N_("true once the narrator agreed to publication"))
    date: Date | None = Field(default=None, description=N_("when they agreed"))


class Chapter(Model):
    """A map story's chapter: where the map goes for one H2 section."""

    location: Location = Field(description=N_("where the map goes for this section"))
    zoom: int = Field(default=15, ge=1, le=19, description=N_(
        "how close: 1 (the world) to 19 (a street)"))
    place: Localized | None = Field(default=None, description=N_("the place's name"))
    marker: bool = Field(default=True,
                         description=N_("false for an overview chapter without a pin"))


class StoryMeta(Record):
    """A story's language-neutral facts (stories/<id>/meta.yml)."""

    pilot: Id = Field(description=N_("the id of the pilot it belongs to"))
    date: Date = Field(description=N_(
        "when the story happened (a month, 2019-05, is enough), not when it was written"))
    format: Literal["article", "photo-story", "map-story", "video-story", "audio-story"] = Field(
        description=N_("article; photo-story (the photos large); map-story (a map that follows "
                       "the text); video-story or audio-story (told in a video or a sound "
                       "recording: shown large, the transcript open)"))
    narrator: Narrator = Field(description=N_("who tells the story"))
    consent: Consent = Field(description=N_(
        "the narrator's consent; without it the story is never published"))
    themes: list[Id] = Field(default_factory=list, description=N_(
        "theme ids from taxonomies.yml"))
    location: Location | None = Field(default=None, description=N_(
        "where the story happened: it is then shown on its pilot's map"))
    cover: Image | None = Field(default=None, description=N_(
        "the picture on cards and at the top (without one, the pilot's cover is used)"))
    example: bool = Field(default=False, description=N_(
        'true: shown with a visible "illustrative example" label'))
    posters: dict[str, FileName] = Field(default_factory=dict, description=N_(
        "a picture in this folder for a video on another website, by its address or id, shown "
        "until the reader plays it: {dQw4w9WgXcQ: poster.jpg}"))
    chapters: list[Chapter] = Field(default_factory=list, description=N_(
        "a map story only: one place per ## section of the text, in order"))


KIND = Kind("stories", N_("story"), StoryMeta, StoryFront, template="story", picture="cover")
