"""content/publications.yml: the list of publications."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from .base import Id, Model


class Publication(Model):
    """A publication: a report, article, chapter or presentation."""

    title: str = Field(min_length=1)
    authors: list[str] = Field(default_factory=list)
    year: int | None = Field(default=None, ge=1900, le=2100)
    kind: Literal["article", "report", "chapter", "presentation", "other"] = "other"
    language: str | None = None
    url: str | None = None
    publisher: str | None = None
    pilots: list[Id] = Field(default_factory=list)

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError(f'"{value}" is not a web address; start it with https://')
        return value

