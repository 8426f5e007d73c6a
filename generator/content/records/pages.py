"""pages/<id>/: free pages (about, approach, accessibility, privacy)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import Record
from generator.content.bundle import Kind
from generator.content.messages import N_
from generator.content.records.front import Front


class PageMeta(Record):
    """A free page's optional settings (pages/<id>/meta.yml)."""

    order: int = Field(default=100, description=N_(
        "its place in the menu: lower numbers come first"))
    menu: Literal["main", "footer", "none"] = Field(default="main", description=N_(
        "where the page is listed: main (the top menu), footer, or none"))


KIND = Kind("pages", N_("page"), PageMeta, Front, template="page", meta_required=False,
            at_root=True)
