"""pages/<id>/: free pages (about, approach, accessibility, privacy)."""

from __future__ import annotations

from typing import Literal

from generator.content.fields import Record
from generator.content.bundle import BundleSpec, Front


class PageMeta(Record):
    """A free page's optional settings (pages/<id>/meta.yml)."""

    order: int = 100
    menu: Literal["main", "footer", "none"] = "main"


SPEC = BundleSpec(PageMeta, Front, meta_required=False)
