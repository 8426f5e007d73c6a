"""What a page says about itself in structured data (schema.org, as JSON-LD):
the home page is a WebSite, a story an Article, a pilot a Place. The theme
writes it into the page's head, outside its content."""

from __future__ import annotations

import json
from typing import Any

from generator.content.kinds import PILOTS, STORIES
from generator.emit.context import PageCtx
from generator.site.model import Node, Pilot, Shown, Story


def inert_json(encoded: str) -> str:
    """Writes <, > and & in JSON text as \\u escapes, so that no text inside it can
    open or close an HTML element wherever the JSON ends up."""
    return encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_ld(c: PageCtx, node: Node | None, title: Shown, summary: str | None,
            image: str | None) -> str | None:
    """Returns the JSON-LD (inert inside a script element) of a page showing a
    record (`node`; None: the home page, or an index), with its title (and the
    language it is in), description and picture's full address; or None."""
    make = _website if node is None else {STORIES: _article, PILOTS: _place}.get(node.kind)
    if make is None or (node is None and c.url):  # an index, a person's page...
        return None
    data = {"@context": "https://schema.org", **make(c, node, title),
            "description": summary, "image": image, "url": c.ls.absolute(c.url)}
    data = {key: value for key, value in data.items() if value}
    return inert_json(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _website(c: PageCtx, node: None, title: Shown) -> dict[str, Any]:
    return {"@type": "WebSite", "name": title.text, "inLanguage": c.code}


def _article(c: PageCtx, story: Story, title: Shown) -> dict[str, Any]:
    data = {"@type": "Article", "headline": title.text, "inLanguage": title.lang,
            "datePublished": story.meta.date.iso(),
            "author": {"@type": "Person", "name": c.pick(story.meta.narrator.name).text}}
    if title.lang != c.code:  # the page shows another language's text: no translation of it
        return data
    # the site's default language is the one a story is first written in
    default = c.ls.site.config.default_language
    if c.code == default:
        others = [code for code in c.ls.site.languages if code != default and code in story.prose]
        data["workTranslation"] = [{"@id": c.ls.absolute(c.url, code)} for code in others]
    elif default in story.prose:
        data["translationOfWork"] = {"@id": c.ls.absolute(c.url, default)}
    return data


def _place(c: PageCtx, pilot: Pilot, title: Shown) -> dict[str, Any]:
    meta = pilot.meta
    address = {"@type": "PostalAddress", "addressCountry": meta.country,
               **({"addressLocality": meta.place} if meta.place else {})}
    data = {"@type": "Place", "name": title.text, "address": address}
    if "location" not in meta.approximate_fields:  # a guessed point is no coordinate
        data["geo"] = {"@type": "GeoCoordinates", "latitude": meta.location.lat,
                       "longitude": meta.location.lon}
    return data
