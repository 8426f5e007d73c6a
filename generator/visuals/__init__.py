"""Everything a normal build adds to the pages: maps, timelines, photo
galleries, social cards and the licences page. The pages reach it through the
`Visuals` protocol (generator.emit.visuals); a new SiteVisuals is made for
every build."""

from __future__ import annotations

import json
from pathlib import Path

from markupsafe import Markup

from generator.content.kinds import PILOTS, STORIES
from generator.emit.context import IMAGES, LangSite, PageCtx
from generator.emit.pages import lead_cover, page
from generator.emit.project import EmittedPage
from generator.emit.visuals import SocialImage, Visuals
from generator.images.cards import SIZE, CardSpec, render_cards
from generator.site.mapsettings import used_tiles
from generator.site.model import Node, Shown, Site, Story
from generator.site.prose import split_sections
from generator.visuals.maps import MAPS, SiteMaps, libraries
from generator.visuals.timeline import pilot_timeline, project_timeline


class SiteVisuals(SiteMaps, Visuals):
    """Maps (those of SiteMaps), timelines, galleries, cards and generated
    pages for one build; `cache` is the build cache folder."""

    def __init__(self, site: Site, cache: Path):
        super().__init__(site, cache / "maps")
        self.cards: dict[str, bytes] = {}

    timeline = staticmethod(pilot_timeline)
    period = staticmethod(project_timeline)

    def record(self, c: PageCtx, node: Node) -> Markup:
        """A pilot's map; a story's map, or a photo story's gallery."""
        if node.kind is PILOTS:
            return self.pilot(c, node)
        return self.story(c, node) + self._gallery(c, node) if node.kind is STORIES else Markup("")

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

    def body(self, c: PageCtx, node: Node, body: Markup) -> Markup:
        """A map story's body (its clean HTML, images put in): each H2 section
        becomes a chapter that carries its place. With JavaScript the map follows
        the reader from chapter to chapter; without it (or with a screen reader)
        the story reads as an ordinary article, each chapter naming its place in
        words (never in coordinates)."""
        if node.kind is not STORIES or node.meta.format != "map-story":
            return body
        intro, sections = split_sections(str(body))
        chapters = node.meta.chapters
        out = Markup(intro)  # pieces of the clean body: HTML already
        for index, (heading, text) in enumerate(sections):
            chapter = chapters[index] if index < len(chapters) else None
            out += c.part(MAPS, "chapter", index + 1, chapter, Markup(heading),
                          Markup(text.strip()))
        return out

    def pages(self, ls: LangSite) -> list[EmittedPage]:
        """The licences page: every library the site serves, the map tiles'
        terms and the open data's licence."""
        c = PageCtx(ls, "licences/")
        title = Shown(c.gettext("Licences"), c.code)
        about = c.gettext("The software, map tiles and data this site uses, with their licences.")
        return [page(c, title, about, "licences", self, libraries=libraries(),
                     tiles=used_tiles(self.site), data_licence=self.site.config.data_licence)]

    def social(self, c: PageCtx, node: Node | None, title: str) -> SocialImage:
        """What a page shows when it is shared: its record's cover, as processed
        for the page (a story's may be its pilot's; a page of no record has the
        home page's), or a card drawn with its title, the site's name and a
        kicker (drawn once, by `draw`, after the covers are processed)."""
        cover = node.cover if node is not None else lead_cover(self.site)
        if cover is not None:
            rendition = c.ls.images.get(cover[1])
            largest = rendition.of(rendition.fallback_format)[-1]
            alt = c.pick(cover[0].alt)
            return SocialImage(f"media/{largest.name}", largest.width, largest.height,
                               alt.text if alt else title)
        site_name = c.ls.pick(self.site.config.title).text
        kicker = c.gettext("Pilot") if node is not None and node.kind is PILOTS else ""
        example = node is not None and getattr(node.meta, "example", False)
        spec = CardSpec(c.title(node).text if node is not None else (title or site_name),
                        site_name, kicker, c.gettext("Illustrative example") if example else "")
        alt = c.gettext("%(title)s: sharing image", title=spec.title)
        return SocialImage(f"social/{spec.name}", *SIZE, alt, spec)

    def draw(self, cards: list[CardSpec]) -> None:
        """Draws the social cards (after the images exist)."""
        self.cards = render_cards(cards)

    def texts(self) -> dict[str, str | bytes]:
        """Generated files (SiteMaps') and the social cards drawn."""
        return {**super().texts(), **{f"social/{name}": data for name, data in self.cards.items()}}
