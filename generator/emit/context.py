"""What every emitted page needs: its language, its place in the site, and
helpers to write links, dates, per-language texts and images safely. Strings
from YAML are plain text, escaped here wherever they go (HTML text and
attributes); bodies arrive rendered and cleaned (generator.site.prose). The
site's own words are gettext's (domain `site`): `_()` in the templates,
`c.gettext()` in the code.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from gettext import NullTranslations

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from generator.content.language import Lang
from generator.content.messages import SITE, translations
from generator.images.planner import ImagePlanner
from generator.content.kinds import PILOTS, STORIES
from generator.site.model import Node, Shown, Site

# The shared parts of pages; pictures; sound and video
MACROS, IMAGES, MEDIA = "_macros.html.j2", "_images.html.j2", "_media.html.j2"
CARDS = {STORIES: "story_card", PILOTS: "pilot_card"}  # the card (a macro) each kind gets
attr = html.escape  # plain text escaped for HTML, attribute values included


def relative(from_page: str, to: str) -> str:
    """Returns the link ("../../pilots/houten/", "./") from a page (its folder's
    path from the site root: "" for the home page, "en/stories/x/") to a page
    folder ending in "/" or a file ("media/a.webp"): relative, so that the site
    works under any path (a project page on GitHub Pages, a preview, a file server)."""
    base = from_page.rstrip("/").split("/") if from_page.strip("/") else []
    target = to.rstrip("/").split("/") if to.strip("/") else []
    common = 0  # posixpath.relpath would do, but asks the file system for the cwd each time
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if to.endswith("/") or to == "":
        return "./" if rel == "." else rel + "/"
    return rel


def language_root(lang: str, default: str) -> str:
    """Returns a language's root within the site: "" for the default, else "en/"."""
    return "" if lang == default else f"{lang}/"


@dataclass
class LangSite:
    """The site as seen from one language (`lang` writes its dates and names),
    with the build's image planner."""

    site: Site
    lang: Lang
    images: ImagePlanner
    cards: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def code(self) -> str:
        return self.lang.code

    @property
    def texts(self) -> NullTranslations:
        """The site's words in this language (gettext domain `site`): its own
        (content/texts/) over the generator's."""
        return self.site.texts.get(self.code) or translations(self.code, SITE)

    @property
    def root(self) -> str:
        return language_root(self.code, self.site.config.default_language)

    def absolute(self, url: str, code: str | None = None) -> str:
        """Returns the full URL of a page path in a language (for hreflang, sitemaps)."""
        config = self.site.config
        return config.base_url + language_root(code or self.code, config.default_language) + url

    def pick(self, text: Any) -> Shown | None:
        """Chooses a per-language text for this language (falling back); a plain
        string (one text for every language) is this language's."""
        return Shown(text, self.code) if isinstance(text, str) else self.site.pick(text, self.code)


class PageCtx:
    """Helpers for one page (at `url` under its language's root: stories/x/):
    links relative to it, texts marked with their language."""

    def __init__(self, ls: LangSite, url: str):
        self.ls, self.url, self.here, self.code = ls, url, ls.root + url, ls.code
        self.date = ls.lang.date  # writes a date the page's language's way
        self.pick = ls.pick
        # the relative link to a path from the site root (media, data)
        self.href_site = partial(relative, self.here)

    def href(self, target: Node | str) -> str:
        """Returns the relative link to a record's page or a path in this language."""
        path = target.path if isinstance(target, Node) else target
        return relative(self.here, self.ls.root + path)

    def gettext(self, message: str, **values: Any) -> str:
        """Returns one of the site's words in the page's language (plain text),
        with %(name)s placeholders filled in."""
        text = self.ls.texts.gettext(message)
        return text % values if values else text

    def period(self, value: Any) -> str:
        return self.ls.lang.period(value.start, value.end)

    def known(self, meta: Any) -> list[tuple[str, str]]:
        """A pilot's period and status as (label, text), as far as they are known: a
        period that is only a guess with no end, and an unknown status, are left out."""
        period, gettext = self.known_period(meta), self.gettext
        facts = [(gettext("Period"), period)] if period else []
        if meta.status != "unknown":
            status = {"planned": gettext("Planned"), "running": gettext("Running"),
                      "finished": gettext("Finished")}[meta.status]
            facts.append((gettext("Status"), status + self.rough(meta, "status")))
        return facts

    def known_period(self, meta: Any) -> str:
        """A pilot's period as far as it is known ("" when it is only a guess)."""
        if not period_known(meta):
            return ""
        return self.period(meta.period) + self.rough(meta, "period")

    def rough(self, meta: Any, name: str) -> str:
        """" (approximate)" after a fact that is not known exactly, else nothing."""
        note = self.gettext("approximate")  # outside the f-string, where extraction sees it
        return f" ({note})" if name in meta.approximate_fields else ""

    def where(self, meta: Any) -> str:
        """Names a pilot's place and country ("Houten, Nederland"), or only the country
        when the place is not known."""
        country = self.ls.lang.country(meta.country)
        return f"{meta.place}, {country}" if meta.place else country

    def place(self, meta: Any) -> str:
        """Names a pilot's place, or its country when the place is not known."""
        return meta.place or self.ls.lang.country(meta.country)

    def lang_attr(self, lang: str) -> Markup:
        """Returns ` lang="xx"` when a text is not in the page's language; such
        text stays out of this language's search index too (searching in Dutch
        finds Dutch text only)."""
        return Markup("" if lang == self.code else f' lang="{lang}" data-search-exclude')

    def txt(self, value: Shown | str | None) -> Markup:
        """Returns escaped text, wrapped in a lang span when in another language."""
        if isinstance(value, Markup):  # written by a template: escaped already
            return value
        if isinstance(value, Shown) and value.lang != self.code:
            return Markup(f"<span{self.lang_attr(value.lang)}>{attr(value.text)}</span>")
        return Markup(attr(value.text if isinstance(value, Shown) else value or ""))

    def local(self, text: Any) -> Markup:
        """Returns a per-language text from YAML (or one text for every language),
        escaped and lang-marked."""
        return self.txt(self.pick(text))

    def title(self, node: Node) -> Shown:
        """Returns a record's display title in this language: its name, for a kind
        that goes by name (people, partners), else its text's title."""
        if node.kind.named_by:
            shown = self.pick(getattr(node.meta, node.kind.named_by))  # one, or one per language
            return shown or Shown(node.id, self.code)
        prose = self.prose(node)
        return Shown(prose.title, prose.lang) if prose else Shown(node.id, self.code)

    def link(self, node: Node) -> Markup:
        """Returns a link to a record's page, its title escaped and lang-marked."""
        return self.part(MACROS, "link", node)

    def links(self, nodes: list[Node]) -> Markup:
        return Markup(", ").join(self.link(node) for node in nodes)

    def terms(self, vocabulary: str, ids: list[str]) -> Markup:
        """Returns the labels of taxonomy terms, separated by commas."""
        site = self.ls.site
        return Markup(", ").join(self.txt(site.label(vocabulary, term, self.code)) for term in ids)

    def prose(self, node: Node) -> Any:
        """Returns a record's prose for this language (falling back)."""
        return node.text(self.code, self.ls.site.languages)

    def card(self, node: Node, level: int) -> Markup:
        """A record's card, the one its kind gets (CARDS). The same card recurs on
        many pages, and is the same on every page of one folder (links from
        stories/a/ and stories/b/ to stories/x/ or media/ read alike), unless it
        links into the page itself."""
        target = self.ls.root + node.path
        folder = self.here.rstrip("/").rpartition("/")[0] if self.here else None
        key = (node.path, level, folder, self.here if target.startswith(self.here) else None)
        if key not in self.ls.cards:
            self.ls.cards[key] = self.part(MACROS, CARDS[node.kind], node, level)
        return self.ls.cards[key]

    def part(self, template: str, macro: str, *args: Any) -> Markup:
        """Writes a part of a page with a template's macro (given this page first)."""
        module = environment(self.ls.texts).get_template(template).module
        return getattr(module, macro)(self, *args)

    def render(self, template: str, **values: Any) -> str:
        return environment(self.ls.texts).get_template(template).render(c=self, **values)

    def heading(self, level: int, text: Shown | str, anchor: str) -> Markup:
        """Returns a heading, escaped, with an id, and lang when needed."""
        shown = text if isinstance(text, Shown) else Shown(text, self.code)
        return self.part(MACROS, "heading", level, shown, anchor)


def css_string(text: str) -> Markup:
    """A text as a quoted CSS string: every character but letters, digits and
    spaces written as an escape, so no text can end the string or the rule
    (nor the double-quoted attribute it is written into)."""
    plain = text.unescape() if isinstance(text, Markup) else str(text)
    return Markup("'" + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} "
                                for ch in plain) + "'")


def period_known(meta: Any) -> bool:
    """Whether a pilot's period is known: not when it is only a guess with no end."""
    return "period" not in meta.approximate_fields or meta.period.end is not None


@lru_cache(maxsize=None)
def environment(texts: NullTranslations) -> Environment:
    """Returns the Jinja environment of the page templates in one language:
    autoescaping on, and the language's words as `_()`, `gettext()` and
    `ngettext()` (Jinja's i18n extension; placeholders are `%(name)s`). A
    translation is escaped like any other text: the words are data (a site may
    bring a catalogue of its own), never markup."""
    env = Environment(loader=PackageLoader("generator.emit", "templates"), autoescape=True,
                      trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined,
                      keep_trailing_newline=True, auto_reload=False,  # package files
                      extensions=["jinja2.ext.i18n"])
    env.filters["css_string"] = css_string
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: escape(texts.gettext(message)),
        lambda singular, plural, n: escape(texts.ngettext(singular, plural, n)), newstyle=True,
        npgettext=lambda context, singular, plural, n: escape(
            texts.npgettext(context, singular, plural, n)))
    return env
