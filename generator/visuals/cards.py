"""What a page shows when it is shared: the record's own cover, as processed
for the page (no extra picture to draw), or, for a page without a picture, a
card drawn with its title, the site's name and a kicker (generator.images.cards
draws it, once, after the covers are processed)."""

from __future__ import annotations

from generator.emit.context import PageCtx
from generator.emit.visuals import SocialImage
from generator.images.cards import SIZE, CardSpec
from generator.site.model import Node, Person, Pilot, Site, Story


def social_image(c: PageCtx, site: Site, node: Node | None, title: str) -> SocialImage:
    """Returns what a page shows when it is shared."""
    cover = _cover(site, node)
    if cover is not None:
        rendition = c.ls.images.get(cover[1])
        largest = rendition.of(rendition.fallback_format)[-1]
        alt = c.pick(cover[0].alt)
        return SocialImage(f"media/{largest.name}", largest.width, largest.height,
                           alt.text if alt else title)
    site_name = c.ls.pick(site.config.title).text
    kicker = c.gettext("Pilot") if isinstance(node, Pilot) else ""
    spec = CardSpec(c.title(node).text if node is not None else (title or site_name),
                    site_name, kicker)
    alt = c.gettext("%(title)s: sharing image", title=spec.title)
    return SocialImage(f"social/{spec.name}", *SIZE, alt, spec)


def _cover(site: Site, node: Node | None):
    """A page's picture: its record's cover (a story's may be its pilot's), a person's
    photo; for a page of no record, the newest story's cover or a pilot's."""
    if isinstance(node, Story):
        return node.cover
    meta = getattr(node, "meta", None)
    image = getattr(meta, "photo" if isinstance(node, Person) else "cover", None)
    if node is not None:
        return (image, node.media[image.file]) if image else None
    found = next((s.cover for s in site.stories.values() if s.cover), None)
    return found or next(((p.meta.cover, p.media[p.meta.cover.file])
                          for p in site.pilots.values() if p.meta.cover), None)
