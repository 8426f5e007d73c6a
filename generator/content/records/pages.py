"""pages/<id>/: free pages (about, approach, accessibility, privacy)."""

from __future__ import annotations

from typing import Literal

from generator.content.fields import Record
from generator.content.bundle import Kind
from generator.content.records.front import Front


class PageMeta(Record):
    """A free page's optional settings (pages/<id>/meta.yml)."""

    order: int = 100
    menu: Literal["main", "footer", "none"] = "main"


KIND = Kind("pages", "page", PageMeta, Front, template="page", meta_required=False,
            at_root=True)
