"""Hooks through which maps and visual narratives add to pages.

The page emitters call these; each returns safe HTML (Markup) or front
matter. The base class adds nothing, so pages build without them.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..model import Node, Pilot
from .context import PageCtx


class Extras:
    """Adds nothing; subclasses add maps, timelines and social cards."""

    def record(self, c: PageCtx, node: Node) -> Markup:
        """Returns HTML to show on a record's page (a map)."""
        return Markup("")

    def timeline(self, c: PageCtx, pilot: Pilot) -> Markup:
        """Returns a pilot's timeline."""
        return Markup("")

    def home(self, c: PageCtx) -> Markup:
        """Returns HTML for the home page (the overview map)."""
        return Markup("")

    def period(self, c: PageCtx) -> Markup:
        """Returns the project period shown on the home page."""
        return Markup("")

    def pilots(self, c: PageCtx) -> Markup:
        """Returns HTML for the pilots index."""
        return Markup("")

    def front(self, c: PageCtx, node: Node | None) -> dict[str, Any]:
        """Returns extra front matter for a page (social card, ...)."""
        return {}
