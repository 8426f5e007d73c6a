"""Map stories: the body's H2 sections become chapters that carry their place.

With JavaScript the map follows the reader from chapter to chapter; without
it (or with a screen reader) the story reads as an ordinary article, each
chapter naming its place in words.
"""

from __future__ import annotations

from html import escape

from markupsafe import Markup

from generator.emit.context import PageCtx
from generator.site.prose import split_sections
from generator.site.model import Story
from generator.visuals.maps.html import coordinates


def chapter_body(c: PageCtx, story: Story, body: str) -> Markup:
    """Wraps each H2 section of a map story's body in a chapter.

    Args:
        c: The page.
        story: The map story.
        body: The body's clean HTML (images put in).
    """
    intro, sections = split_sections(body)
    chapters = story.meta.chapters
    out = [intro]
    for index, (heading, text) in enumerate(sections):
        chapter = chapters[index] if index < len(chapters) else None
        out.append(_section(c, index + 1, chapter, heading, text))
    return Markup("".join(out))


def _section(c: PageCtx, number: int, chapter, heading: str, text: str) -> str:
    attrs, place = "", ""
    if chapter is not None:
        loc = chapter.location
        attrs = f' data-lat="{loc.lat}" data-lon="{loc.lon}" data-zoom="{chapter.zoom}"'
        where = coordinates(c, loc.lat, loc.lon)
        name = c.pick(chapter.place) if chapter.place else None
        label = f"{escape(name.text)} ({where})" if name else where
        lang = c.lang_attr(name.lang) if name else ""
        place = (f'<p class="pl-chapter__place"><span class="pl-chapter__label">'
                 f'{escape(c.t("map.place", place=""))}</span><span{lang}>{label}</span></p>\n')
    return (f'\n<section class="pl-chapter" id="pl-chapter-{number}"{attrs}>\n'
            f"{heading}\n{place}{text.strip()}\n</section>\n")
