"""Each language's stories as feeds, newest first, at the language's root:
Atom (feed.xml, written by a template) and JSON Feed 1.1 (feed.json).

Their dates are the stories' own (a month is its first day), never the time of
the build, so that two builds write the same feeds."""

from __future__ import annotations

import json
from typing import Any

from generator.emit.context import LangSite, PageCtx
from generator.emit.jsonld import inert_json
from generator.emit.visuals import Visuals
from generator.site.model import Story

ATOM, JSON_FEED = "feed.xml", "feed.json"
NO_DATE = "1970-01-01T00:00:00Z"  # a feed's date when it has no story yet


def feeds(ls: LangSite, visuals: Visuals) -> dict[str, str]:
    """Returns a language's feeds: file name -> text."""
    c = PageCtx(ls, "")
    title, tagline = ls.pick(ls.site.config.title), ls.pick(ls.site.config.tagline)
    entries = [_entry(c, visuals, story) for story in ls.site.stories.values()]
    feed = {"title": title.text, "subtitle": tagline.text if tagline else "",
            "home": ls.absolute(""), "atom": ls.absolute(ATOM), "json": ls.absolute(JSON_FEED),
            "updated": max((e["date"] for e in entries), default=NO_DATE)}
    return {ATOM: c.render("_feed.atom.j2", feed=feed, entries=entries),
            JSON_FEED: _json_feed(c, feed, entries)}


def _entry(c: PageCtx, visuals: Visuals, story: Story) -> dict[str, Any]:
    title, prose = c.title(story), c.prose(story)
    name = story.meta.narrator.name
    image = visuals.social(c, story, title.text)
    return {"url": c.ls.absolute(story.path), "title": title.text, "lang": title.lang,
            "summary": prose.summary if prose and prose.summary else title.text,
            "date": f"{story.meta.date.first_day().isoformat()}T00:00:00Z",  # as RFC 3339 asks
            "author": name if isinstance(name, str) else c.pick(name).text,
            "image": c.ls.site.config.base_url + image.path if image else None}


def _json_feed(c: PageCtx, feed: dict, entries: list[dict]) -> str:
    items = [{"id": e["url"], "url": e["url"], "title": e["title"], "content_text": e["summary"],
              "summary": e["summary"], "date_published": e["date"], "language": e["lang"],
              "authors": [{"name": e["author"]}], **({"image": e["image"]} if e["image"] else {})}
             for e in entries]
    data = {"version": "https://jsonfeed.org/version/1.1", "title": feed["title"],
            "home_page_url": feed["home"], "feed_url": feed["json"],
            "description": feed["subtitle"], "language": c.code, "items": items}
    return inert_json(json.dumps(data, ensure_ascii=False, indent=1)) + "\n"
