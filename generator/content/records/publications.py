"""content/publications.yml: the list of publications."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import Id, Model, Url


class Publication(Model):
    """A publication: a report, article, chapter or presentation."""

    title: str = Field(min_length=1)
    authors: list[str] = Field(default_factory=list)
    year: int | None = Field(default=None, ge=1900, le=2100)
    kind: Literal["article", "report", "chapter", "presentation", "other"] = "other"
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$",
                                 description="the language it is written in: nl, en, ...")
    url: Url | None = None
    publisher: str | None = None
    pilots: list[Id] = Field(default_factory=list)


