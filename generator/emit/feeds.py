"""Each language's stories as feeds, newest first, at the language's root:
Atom (feed.xml, written by a template) and JSON Feed 1.1 (feed.json). Their
dates are the stories' own (a month is its first day), never the time of the
build, so that two builds write the same feeds."""

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
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": title.text,
            "home_page_url": ls.absolute(""), "feed_url": ls.absolute(JSON_FEED),
            "description": tagline.text if tagline else "", "language": c.code,
            "items": [_item(c, visuals, story) for story in ls.site.stories.values()]}
    updated = max((item["date_published"] for item in feed["items"]), default=NO_DATE)
    return {ATOM: c.render("_feed.atom.j2", feed=feed, atom=ls.absolute(ATOM), updated=updated),
            JSON_FEED: inert_json(json.dumps(feed, ensure_ascii=False, indent=1)) + "\n"}


def _item(c: PageCtx, visuals: Visuals, story: Story) -> dict[str, Any]:
    """A story as a JSON Feed item (the Atom feed's entry says the same)."""
    title, prose = c.title(story), c.prose(story)
    image = visuals.social(c, story, title.text)
    url = c.ls.absolute(story.path)
    summary = prose.summary if prose and prose.summary else title.text
    return {"id": url, "url": url, "title": title.text, "content_text": summary,
            "summary": summary,
            "date_published": f"{story.meta.date.first_day().isoformat()}T00:00:00Z",  # RFC 3339
            "language": title.lang,
            "authors": [{"name": c.pick(story.meta.narrator.name).text}],
            **({"image": c.ls.site.config.base_url + image.path} if image else {})}
