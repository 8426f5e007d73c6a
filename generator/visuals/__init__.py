"""Everything a normal build adds to the pages: maps, timelines, photo
galleries, social cards and the licences page. The pages reach it through the
`Visuals` protocol (generator.emit.visuals); a new SiteVisuals is made for
every build."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from generator.content.kinds import PILOTS, STORIES
from generator.content.store import Store
from generator.emit.context import IMAGES, LangSite, PageCtx
from generator.emit.project import EmittedPage
from generator.emit.visuals import SocialImage, Visuals
from generator.images.cards import CardSpec, render_cards
from generator.site.mapsettings import used_tiles
from generator.site.model import Node, Pilot, Prose, Site, Story
from generator.visuals.cards import social_image
from generator.visuals.licences import licences_page
from generator.visuals.maps import SiteMaps
from generator.visuals.maps.chapters import chapter_body
from generator.visuals.timeline import pilot_timeline, project_timeline


class SiteVisuals(Visuals):
    """Maps, timelines, galleries, cards and generated pages for one build.

    Args:
        site: The resolved site.
        cache: The build cache folder.
    """

    def __init__(self, site: Site, cache: Path):
        self.site = site
        self.cache = cache
        self.maps = SiteMaps(site, cache / "maps")
        self.cards: dict[str, Path] = {}

    # -- page parts ----------------------------------------------------------

    def record(self, c: PageCtx, node: Node) -> Markup:
        """A pilot's map; a story's map, or a photo story's gallery."""
        draw = {PILOTS: self.maps.pilot, STORIES: self._story}.get(node.kind)
        return draw(c, node) if draw else Markup("")

    def _story(self, c: PageCtx, story: Story) -> Markup:
        return self.maps.story(c, story) + self._gallery(c, story)

    def _gallery(self, c: PageCtx, story: Story) -> Markup:
        prose = c.prose(story)
        pictures = [ref for ref in (prose.images if prose else ()) if ref.src in story.media
                    and not ref.is_media]  # a video or sound recording is no photo
        if story.meta.format != "photo-story" or len(pictures) < 2:
            return Markup("")
        items = [(c.ls.images.get(story.media[ref.src]), ref.alt, ref.title) for ref in pictures]
        labels = json.dumps({"label": c.gettext("Enlarged photo"), "close": c.gettext("Close"),
                             "prev": c.gettext("Previous photo"), "next": c.gettext("Next photo")},
                            ensure_ascii=False)
        return c.part(IMAGES, "gallery", items, labels)

    def story_map(self, c: PageCtx, story: Story) -> Markup:
        """The map that follows a map story's chapters."""
        return self.maps.mapstory(c, story)

    def body(self, c: PageCtx, node: Node, prose: Prose, body: Markup) -> Markup:
        """Map stories: wraps sections into chapters."""
        if node.kind is STORIES and node.meta.format == "map-story":
            return chapter_body(c, node, body)
        return body

    def home(self, c: PageCtx) -> Markup:
        """The overview map of every pilot."""
        return self.maps.overview(c)

    def timeline(self, c: PageCtx, pilot: Pilot) -> Markup:
        """A pilot's phases with its stories and interventions."""
        return pilot_timeline(c, pilot)

    def period(self, c: PageCtx) -> Markup:
        """The project's period with every pilot."""
        return project_timeline(c, self.site)

    def pilots(self, c: PageCtx) -> Markup:
        """The map of every intervention, on the pilots index."""
        return self.maps.interventions(c)

    def pages(self, ls: LangSite) -> list[EmittedPage]:
        """The licences page."""
        return [licences_page(ls, used_tiles(self.site), self.site.config.data_licence, self)]

    # -- social cards -----------------------------------------------------------

    def social(self, c: PageCtx, node: Node | None, title: str) -> SocialImage:
        """What the page shows when it is shared: its cover, or a drawn card."""
        return social_image(c, self.site, node, title)

    def draw(self, cards: list[CardSpec]) -> None:
        """Draws the social cards not drawn before (after the images exist)."""
        self.cards = render_cards(cards, Store(self.cache / "cards"))

    # -- files -------------------------------------------------------------------

    def files(self) -> dict[str, Path]:
        """Vendored files and icons, and the social cards drawn."""
        return {**self.maps.files(), **{f"social/{name}": path for name, path in self.cards.items()}}

    def texts(self) -> dict[str, str]:
        """Map scripts, marker styles and open data."""
        return self.maps.texts()
