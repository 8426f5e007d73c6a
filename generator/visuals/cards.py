"""What a page's social card shows: its title, the site, a kicker (the kind of
page and its pilot), an "illustrative example" label, and the record's cover.
The cards are drawn by generator.images.cards once the covers are processed."""

from __future__ import annotations

from pathlib import Path

from generator.emit.context import PageCtx
from generator.images.cards import CardSpec
from generator.site.model import Node, Pilot, Site, Story


def card(c: PageCtx, site: Site, node: Node | None, title: str) -> CardSpec:
    """Returns the social card of a page (a record's, or an index's when node is None)."""
    site_name = c.ls.pick(site.config.title).text
    if node is None:
        return CardSpec(title or site_name, site_name, "", "", *_cover(c, _home_cover(site)))
    title = c.title(node).text
    kicker, label, cover = "", "", None
    if isinstance(node, Story):
        kicker = f"{c.t('card.story')} · {c.title(node.pilot).text}"
        label = c.t("story.example") if node.meta.example else ""
        cover = node.cover
    elif isinstance(node, Pilot):
        kicker = f"{c.t('card.pilot')} · {c.where(node.meta)}"
        cover = (node.meta.cover, node.media[node.meta.cover.file]) if node.meta.cover else None
    return CardSpec(title, site_name, kicker, label, *_cover(c, cover))


def _home_cover(site: Site):
    return next(((p.meta.cover, p.media[p.meta.cover.file]) for p in site.pilots.values()
                 if p.meta.cover), None)


def _cover(c: PageCtx, cover) -> tuple[Path | None, str]:
    if cover is None:
        return None, ""
    rendition = c.ls.images.get(cover[1])
    variant = rendition.of(rendition.fallback_format)[-1]
    return c.ls.images.cache_dir / variant.name, rendition.source.digest
