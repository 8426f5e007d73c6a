"""Hooks through which maps and visual narratives add to pages.

The page emitters call these; each returns safe HTML (Markup) or front
matter. The base class adds nothing, so pages build without them.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.site.model import Node, Pilot, Prose, Story
from generator.emit.context import LangSite, PageCtx
from generator.emit.project import EmittedPage


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

    def front(self, c: PageCtx, node: Node | None, title: Any = None) -> dict[str, Any]:
        """Returns extra front matter for a page (social card, ...)."""
        return {}

    def story_map(self, c: PageCtx, story: Story) -> Markup:
        """Returns the map that follows a map story's chapters."""
        return Markup("")

    def body(self, c: PageCtx, node: Node, prose: Prose, body: Markup) -> Markup:
        """Returns a record's body, transformed (map stories' chapters)."""
        return body

    def pages(self, ls: LangSite) -> list[EmittedPage]:
        """Returns extra pages for a language (the licences page)."""
        return []

    def files(self) -> dict[str, Any]:
        """Returns files to publish as they are: site path -> file."""
        return {}

    def texts(self) -> dict[str, str]:
        """Returns generated files to publish: site path -> text."""
        return {}
