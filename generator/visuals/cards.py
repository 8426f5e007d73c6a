"""What a page shows when it is shared: the record's own cover, as processed
for the page (no extra picture to draw), or, for a page without a picture, a
card drawn with its title, the site's name and a kicker (generator.images.cards
draws it, once, after the covers are processed)."""

from __future__ import annotations

from generator.content.kinds import PILOTS
from generator.emit.context import PageCtx
from generator.emit.indexes import lead_cover
from generator.emit.visuals import SocialImage
from generator.images.cards import SIZE, CardSpec
from generator.site.model import Node, Site


def social_image(c: PageCtx, site: Site, node: Node | None, title: str) -> SocialImage:
    """Returns what a page shows when it is shared."""
    # a page's picture: its record's (a story's may be its pilot's); for a page
    # of no record, the home page's
    cover = node.cover if node is not None else lead_cover(site)
    if cover is not None:
        rendition = c.ls.images.get(cover[1])
        largest = rendition.of(rendition.fallback_format)[-1]
        alt = c.pick(cover[0].alt)
        return SocialImage(f"media/{largest.name}", largest.width, largest.height,
                           alt.text if alt else title)
    site_name = c.ls.pick(site.config.title).text
    kicker = c.gettext("Pilot") if node is not None and node.kind is PILOTS else ""
    spec = CardSpec(c.title(node).text if node is not None else (title or site_name),
                    site_name, kicker)
    alt = c.gettext("%(title)s: sharing image", title=spec.title)
    return SocialImage(f"social/{spec.name}", *SIZE, alt, spec)
