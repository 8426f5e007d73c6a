"""Map stories: the body's H2 sections become chapters that carry their place.

With JavaScript the map follows the reader from chapter to chapter; without
it (or with a screen reader) the story reads as an ordinary article, each
chapter naming its place in words (never in coordinates).
"""

from __future__ import annotations

from markupsafe import Markup

from generator.emit.context import PageCtx
from generator.site.prose import split_sections
from generator.site.model import Story


def chapter_body(c: PageCtx, story: Story, body: Markup) -> Markup:
    """Wraps each H2 section of a map story's body in a chapter.

    Args:
        c: The page.
        story: The map story.
        body: The body's clean HTML (images put in).
    """
    intro, sections = split_sections(str(body))
    chapters = story.meta.chapters
    out = Markup(intro)  # pieces of the clean body: HTML already
    for index, (heading, text) in enumerate(sections):
        chapter = chapters[index] if index < len(chapters) else None
        out += c.part("_maps.html.j2", "chapter", index + 1, chapter, Markup(heading),
                      Markup(text.strip()))
    return out
