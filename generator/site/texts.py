"""Checks of the texts themselves: HTML the site does not publish (with the
line it is on), headings out of order, and placeholders left in texts that
are to be published."""

from __future__ import annotations

import html
import re
from typing import Any

from generator.content.bundle import Bundle, TextSource
from generator.content.mdrefs import find_headings
from generator.content.messages import _
from generator.content.problems import Problems
from generator.content.yamlsrc import line_at
from generator.site import prose as markup
from generator.site.model import Prose


def check_markup(text: Prose, problems: Problems) -> None:
    """Refuses what the cleaner would remove from a body: scripts, embeds,
    styles, event attributes, links that are not web addresses; and an id
    given twice."""
    after: dict[str, int] = {}
    for offence in text.rendered.offences:
        line = markup.line_of(offence.needle, text.body, text.body_line,
                              after.get(offence.needle, 0))
        after[offence.needle] = line
        message, hint = explain_offence(offence)
        problems.add(text.path, line, message, hint)
    check_ids(text, problems)


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


def check_ids(text: Prose, problems: Problems) -> None:
    """Refuses an id given twice in one text (by hand, or a heading's and an
    element's): a link can reach only the first, and the page is not valid HTML."""
    seen: set[str] = set()
    after: dict[str, int] = {}
    for value in _ID_ATTRIBUTE.findall(text.rendered.html if text.rendered else ""):
        name = html.unescape(value)
        if name in seen:
            line = markup.line_of(name, text.body, text.body_line, after.get(name, 0))
            after[name] = line
            problems.add(text.path, line, _("the id {name!r} is used twice in this text")
                         .format(name=name[:60]),
                         _("give each element its own id (a heading's id is its text in "
                           "lowercase, with hyphens for spaces)"))
        seen.add(name)


def check_placeholders(text: TextSource, problems: Problems) -> None:
    """Warns about a TODO left in a text that is to be published."""
    for number, line in enumerate(text.raw.splitlines(), 1):
        if "TODO" in line and not line.lstrip().startswith("#"):
            problems.add(text.path, number, _("this text still has a TODO placeholder"),
                         _("write the real text, or keep `draft: true` in meta.yml until it is "
                           "ready"), level="warning")
            return


def check_headings(text: Prose, problems: Problems) -> None:
    """Warns about a second title (`#`: the page's title is its only one) and a
    heading level skipped (## then ####), which screen readers trip over."""
    above = 1  # the page's title
    for heading in find_headings(text.body, text.body_line):
        if heading.level == 1:
            problems.add(text.path, heading.line, _("a # heading in the text: the title is the "
                                                    "page's only main heading"),
                         _("write ## for a heading in the text"), level="warning")
        elif heading.level > above + 1:
            problems.add(text.path, heading.line, _("this heading skips a level: {used} follows "
                                                    "{above}").format(used="#" * heading.level,
                                                                      above="#" * above),
                         _("use {wanted} here (headings go one level down at a time)")
                         .format(wanted="#" * (above + 1)), level="warning")
        above = max(heading.level, 1)


_BLOCKED = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "style",
            "base", "meta", "form", "input", "button", "textarea", "select", "svg", "math",
            "template", "noscript", "audio", "video", "source", "track", "canvas", "portal"}


def explain_offence(offence: markup.Offence) -> tuple[str, str]:
    """Returns (message, hint) for HTML in a body that the site does not publish."""
    tag, name = offence.tag, offence.name
    allowed = ", ".join(f"<{t}>" for t in ("abbr", "br", "details", "figure", "figcaption",
                                            "sub", "sup", "summary", "span"))
    if offence.kind == "tag" and tag == "img":
        return (_("the text contains an <img> element; images are written in Markdown"),
                _("write ![what the image shows](photo.jpg) with the file in the record's folder"))
    if offence.kind == "tag" and tag in _BLOCKED:
        return (_("the text contains a <{tag}> element; the site publishes no scripts, embeds, "
                  "forms or styles").format(tag=tag),
                _("remove it; to point readers elsewhere, write a link: [what it is](https://...)"))
    if offence.kind == "tag":
        return (_("<{tag}> is not one of the HTML elements a text may use").format(tag=name),
                _("use Markdown, or one of {tags}").format(tags=allowed))
    if offence.kind == "attribute" and name.startswith("on"):
        return (_("the attribute {name}= on <{tag}> would run a script; the site publishes no "
                  "scripts").format(name=name, tag=tag), _("remove the attribute"))
    if offence.kind == "attribute":
        return (_("the attribute {name}= is not used on <{tag}>; the site's design is the same "
                  "for every text").format(name=name, tag=tag),
                _("remove the attribute (lang= and title= are allowed)"))
    if offence.kind == "depth":
        return (_("the text is nested too deeply to be shown (lists or blocks inside each "
                  "other hundreds of times)"), _("write it with fewer levels"))
    if offence.kind == "id" and markup.RESERVED_ID.match(name):
        return (_("the id {name!r} on <{tag}> starts with {prefix!r}, which the site keeps for "
                  "its own elements (maps, menus, sections)")
                .format(name=name[:60], tag=tag, prefix=markup.RESERVED_ID.match(name)[0]),
                _("choose an id that does not start with pl-, pl_ or __, and change the links "
                  "to it"))
    if offence.kind == "link":
        return (_("the link {link!r} is not a web address").format(link=name[:60]),
                _("links start with https://, http://, mailto: or tel:, or are a path to "
                  "another page of the site, e.g. ../other-story/"))
    return (_("the {kind} {name!r} on <{tag}> is not used in texts")
            .format(kind=offence.kind, name=name[:60], tag=tag), _("remove it"))


def check_chapters(story: Any, bundle: Bundle, problems: Problems) -> None:
    """A map story needs one chapter (a place on the map) per ## section."""
    meta = story.meta
    if meta.format != "map-story":
        if meta.chapters:
            problems.add(bundle.meta_path, line_at(bundle.raw, ("chapters",)),
                         _("`chapters` are only used by map stories; they are ignored here"),
                         _("set `format: map-story`, or remove `chapters`"), level="notice")
        return
    count = len(meta.chapters)
    if count == 0:
        problems.add(bundle.meta_path, line_at(bundle.raw, ("format",)),
                     _("a map story needs `chapters`: one location per ## section"),
                     _("add chapters: - {location: {lat: ..., lon: ...}, zoom: 16}"))
        return
    for prose in story.prose.values():
        if len(prose.sections) != count:
            problems.add(bundle.meta_path, line_at(bundle.raw, ("chapters",)),
                         _("this map story has {chapters} chapter(s) in meta.yml but {sections} "
                           "H2 section(s) (## headings) in {name}")
                         .format(chapters=count, sections=len(prose.sections),
                                 name=prose.path.name),
                         _("give one chapter (location and zoom) per ## section, in order"))
