"""content/publications.yml: the list of publications."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import Id, Model, Url
from generator.content.messages import N_


class Publication(Model):
    """A publication: a report, article, chapter or presentation."""

    title: str = Field(min_length=1, description=N_("the title as published"))
    authors: list[str] = Field(default_factory=list, description=N_(
        'the authors, e.g. ["A. Jansen", "B. de Vries"]'))
    year: int | None = Field(default=None, ge=1900, le=2100, description=N_(
        "the year it appeared"))
    kind: Literal["article", "report", "chapter", "presentation", "other"] = Field(
        default="other", description=N_("what kind of publication it is"))
    language: str | None = Field(default=None, pattern=r"^[a-z]{2,3}$",
                                 description=N_("the language it is written in: nl, en, ..."))
    url: Url | None = Field(default=None, description=N_("where to read it (https://...)"))
    publisher: str | None = Field(default=None, description=N_(
        "the journal, publisher or event"))
    pilots: list[Id] = Field(default_factory=list, description=N_(
        "ids of the pilots it is about"))


