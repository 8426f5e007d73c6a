"""people/<id>/: researchers and project leads."""

from __future__ import annotations

from pydantic import Field

from generator.content.fields import Id, Image, Localized, Record, Url
from generator.content.bundle import Kind
from generator.content.messages import N_
from generator.content.records.front import BioFront


class PersonMeta(Record):
    """A person (people/<id>/meta.yml); real names only with their public role."""

    name: str = Field(min_length=1, description=N_(
        "the full name, as the person wants it published"))
    role: Localized = Field(description=N_("their public role"))
    affiliation: Localized | None = Field(default=None, description=N_("their organisation"))
    pilots: list[Id] = Field(default_factory=list, description=N_(
        "ids of the pilots they work on"))
    url: Url | None = Field(default=None, description=N_("a web page about them (https://...)"))
    photo: Image | None = Field(default=None, description=N_(
        "a portrait: a picture in this folder"))


KIND = Kind("people", N_("person"), PersonMeta, BioFront, template="person", named_by="name",
            picture="photo", texts_required=False)
