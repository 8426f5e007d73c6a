"""Everything a normal build adds to the pages: maps, timelines and the
licences page. The emitters reach it through the Extras hooks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import Markup

from .emit.context import LangSite, PageCtx
from .emit.extras import Extras
from .emit.project import EmittedPage
from .maps import SiteMaps
from .maps.chapters import chapter_body
from .model import Node, Pilot, Prose, Site, Story


class SiteExtras(Extras):
    """Maps, timelines and generated pages for one build.

    Args:
        site: The resolved site.
        cache: The build cache folder.
    """

    def __init__(self, site: Site, cache: Path):
        self.site = site
        self.cache = cache
        self.maps = SiteMaps(site)

    def record(self, c: PageCtx, node: Node) -> Markup:
        """A pilot's map, or a story's."""
        if isinstance(node, Pilot):
            return self.maps.pilot(c, node)
        if isinstance(node, Story):
            return self.maps.story(c, node)
        return Markup("")

    def story_map(self, c: PageCtx, story: Story) -> Markup:
        """The map that follows a map story's chapters."""
        return self.maps.mapstory(c, story)

    def body(self, c: PageCtx, node: Node, prose: Prose, body: Markup) -> Markup:
        """Map stories: wraps sections into chapters."""
        if isinstance(node, Story) and node.meta.format == "map-story":
            return chapter_body(c, node, str(body))
        return body

    def home(self, c: PageCtx) -> Markup:
        """The overview map of every pilot."""
        return self.maps.overview(c)

    def pages(self, ls: LangSite) -> list[EmittedPage]:
        """The licences page."""
        from .emit.pages import licences_page

        return [licences_page(ls, self.maps.tiles, self.site.config.data_licence)]

    def files(self) -> dict[str, Path]:
        """Vendored files and icons."""
        return self.maps.files()

    def texts(self) -> dict[str, str]:
        """Map scripts, marker styles and open data."""
        return self.maps.texts()

    def front(self, c: PageCtx, node: Node | None) -> dict[str, Any]:
        """Nothing extra yet."""
        return {}
