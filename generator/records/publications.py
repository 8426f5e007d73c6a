"""content/publications.yml: the list of publications."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import Id, Model, Url


class Publication(Model):
    """A publication: a report, article, chapter or presentation."""

    title: str = Field(min_length=1)
    authors: list[str] = Field(default_factory=list)
    year: int | None = Field(default=None, ge=1900, le=2100)
    kind: Literal["article", "report", "chapter", "presentation", "other"] = "other"
    language: str | None = None
    url: Url | None = None
    publisher: str | None = None
    pilots: list[Id] = Field(default_factory=list)


