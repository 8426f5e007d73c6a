"""What pages ask of the visual narratives: maps, timelines, galleries, social
cards and generated pages. `Visuals` names every request; the pages call
nothing else, and it answers each with nothing, so pages build without them
(generator.visuals.SiteVisuals is the full set)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import Markup

from generator.images.cards import CardSpec
from generator.site.model import Node

if TYPE_CHECKING:  # typing only: the page context and pages use this module at run time
    from generator.emit.context import LangSite, PageCtx
    from generator.emit.project import EmittedPage


@dataclass(frozen=True)
class SocialImage:
    """What a page shows when it is shared (og:image), its size in pixels and
    what it shows (in the page's language)."""

    path: str  # media/... for a cover, social/... for a drawn card
    width: int
    height: int
    alt: str
    card: CardSpec | None = None  # the card to draw, for a page without a picture of its own


class Visuals:
    """The visual parts of pages, each safe HTML or page data; these are none,
    and pages build without them. `record` is a pilot's map, or a story's map
    or gallery; `timeline` a pilot's timeline; `home` the home page's map;
    `period` the project's period with every pilot; `pilots` the pilots index's
    map; `story_map` the map that follows a map story's chapters."""

    def _nothing(self, c: PageCtx, *about: Node) -> Markup:
        return Markup("")

    record = timeline = home = period = pilots = story_map = _nothing

    def body(self, c: PageCtx, node: Node, body: Markup) -> Markup:
        """A record's body, transformed (a map story's chapters)."""
        return body

    def social(self, c: PageCtx, node: Node | None, title: str) -> SocialImage | None:
        """What the page shows when it is shared (None: nothing)."""
        return None

    def pages(self, ls: LangSite) -> list[EmittedPage]:
        """Extra pages for a language (the licences page)."""
        return []

    def files(self) -> dict[str, Path]:
        """Files to publish as they are: site path -> file."""
        return {}

    def texts(self) -> dict[str, str | bytes]:
        """Generated files to publish: site path -> text (or bytes: drawn cards)."""
        return {}

    def draw(self, cards: list[CardSpec]) -> None:
        """Draws the social cards (once the images exist)."""
