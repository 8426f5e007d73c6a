"""Everything a normal build adds to the pages: maps, timelines, photo
galleries, social cards and the licences page. The emitters reach it through
the Extras hooks; a new SiteExtras is made for every build."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.emit.context import LangSite, PageCtx
from generator.emit.visuals import Extras
from generator.emit.project import EmittedPage
from generator.images import html as image_html
from generator.images.cards import CardSpec, render_cards
from generator.visuals.maps import SiteMaps
from generator.visuals.maps.chapters import chapter_body
from generator.site.model import Node, Pilot, Prose, Site, Story
from generator.visuals.timeline import pilot_timeline, project_timeline


class SiteExtras(Extras):
    """Maps, timelines, galleries, cards and generated pages for one build.

    Args:
        site: The resolved site.
        cache: The build cache folder.
    """

    def __init__(self, site: Site, cache: Path):
        self.site = site
        self.cache = cache
        self.maps = SiteMaps(site, cache / "maps")
        self.cards: dict[str, CardSpec] = {}

    # -- page parts ----------------------------------------------------------

    def record(self, c: PageCtx, node: Node) -> Markup:
        """A pilot's map; a story's map, or a photo story's gallery."""
        if isinstance(node, Pilot):
            return self.maps.pilot(c, node)
        if isinstance(node, Story):
            return self.maps.story(c, node) + self._gallery(c, node)
        return Markup("")

    def _gallery(self, c: PageCtx, story: Story) -> Markup:
        prose = c.prose(story)
        if story.meta.format != "photo-story" or prose is None or len(prose.images) < 2:
            return Markup("")
        items = [(c.ls.images.get(story.media[ref.src]), ref.alt, ref.title)
                 for ref in prose.images if ref.src in story.media]
        labels = json.dumps({k: c.t(f"lightbox.{k}") for k in ("label", "close", "prev", "next")},
                            ensure_ascii=False)
        html = image_html.gallery(items, c.media(), c.t("gallery.label"))
        return Markup(f'\n<div data-pl-lightbox="{escape(labels)}">{html}</div>')

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

    def timeline(self, c: PageCtx, pilot: Pilot) -> Markup:
        """A pilot's phases with its stories and interventions."""
        return pilot_timeline(c, pilot)

    def period(self, c: PageCtx) -> Markup:
        """The project's period with every pilot."""
        return project_timeline(c, self.site)

    def pages(self, ls: LangSite) -> list[EmittedPage]:
        """The licences page."""
        from generator.emit.pages import licences_page

        return [licences_page(ls, self.maps.tiles, self.site.config.data_licence, self)]

    # -- social cards -----------------------------------------------------------

    def front(self, c: PageCtx, node: Node | None, title: Any = None) -> dict[str, Any]:
        """The page's social card, as front matter for og: and twitter: tags."""
        spec = self._card(c, node, title.text if title else "")
        self.cards[spec.name] = spec
        title = spec.title
        return {"social_image": escape(f"{self.site.config.base_url}social/{spec.name}"),
                "social_image_alt": escape(c.t("card.alt", title=title))}

    def _card(self, c: PageCtx, node: Node | None, title: str) -> CardSpec:
        site_name = c.ls.pick(self.site.config.title).text
        if node is None:
            return CardSpec(title or site_name, site_name, "", "",
                            *self._cover(c, self._home_cover()))
        title = c.title(node).text
        kicker, label, cover = "", "", None
        if isinstance(node, Story):
            kicker = f"{c.t('card.story')} · {c.title(node.pilot).text}"
            label = c.t("story.example") if node.meta.example else ""
            cover = node.cover
        elif isinstance(node, Pilot):
            kicker = f"{c.t('card.pilot')} · {c.where(node.meta)}"
            cover = (node.meta.cover, node.media[node.meta.cover.file]) if node.meta.cover else None
        return CardSpec(title, site_name, kicker, label, *self._cover(c, cover))

    def _home_cover(self):
        return next(((p.meta.cover, p.media[p.meta.cover.file]) for p in self.site.pilots.values()
                     if p.meta.cover), None)

    def _cover(self, c: PageCtx, cover) -> tuple[Path | None, str]:
        if cover is None:
            return None, ""
        rendition = c.ls.images.get(cover[1])
        variant = rendition.of(rendition.fallback_format)[-1]
        return c.ls.images.cache_dir / variant.name, rendition.source.digest

    def process(self, workers: int | None = None) -> int:
        """Draws the social cards not drawn before (after the images exist)."""
        return render_cards(self.cards.values(), self.cache / "cards", workers)

    # -- files -------------------------------------------------------------------

    def files(self) -> dict[str, Path]:
        """Vendored files, icons and social cards."""
        cards = {f"social/{name}": self.cache / "cards" / name for name in self.cards}
        return {**self.maps.files(), **cards}

    def texts(self) -> dict[str, str]:
        """Map scripts, marker styles and open data."""
        return self.maps.texts()
