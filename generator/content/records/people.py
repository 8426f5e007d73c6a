"""people/<id>/: researchers and project leads."""

from __future__ import annotations

from pydantic import Field

from generator.content.fields import Id, Image, Localized, Record, Url
from generator.content.bundle import Kind
from generator.content.records.front import BioFront


class PersonMeta(Record):
    """A person (people/<id>/meta.yml); real names only with their public role."""

    name: str = Field(min_length=1)
    role: Localized
    affiliation: Localized | None = None
    pilots: list[Id] = Field(default_factory=list)
    url: Url | None = None
    photo: Image | None = None


KIND = Kind("people", "person", PersonMeta, BioFront, template="person", texts_required=False)
