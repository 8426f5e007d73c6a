"""Checks of the texts themselves: HTML the site does not publish (with the
line it is on), headings out of order, and placeholders left in texts that
are to be published.

With `translations: required`, every published record, and every
per-language field, has a text in every language of the site. A draft may
have one language: a Dutch-first writer previews the Dutch text before the
English exists."""

from __future__ import annotations

import html
import re
from itertools import chain
from pathlib import Path
from typing import Any, Sequence

from generator.content.load import Content
from generator.content.bundle import Bundle, TextSource
from generator.content.fields import local_texts
from generator.content.messages import _, ngettext
from generator.content.problems import Problems
from generator.content.yamlsrc import line_at
from generator.site import prose as markup
from generator.site.mdrefs import Heading
from generator.site.model import Prose
from generator.site.textwork import BUDGET

MOST = 20  # problems of one kind said per text; the rest are counted (an editor fixes a few first)


def check_rendered(analysis: markup.Analysis, text: TextSource, problems: Problems) -> bool:
    """Refuses a body that could not be rendered (in time); True when it was."""
    if analysis.failed is None:
        return True
    line, hint = suspect(text.body, text.body_line)
    problems.add(text.path, line, _failure(analysis.failed), hint)
    return False


def suspect(body: str, first_line: int) -> tuple[int, str]:
    """Where a text that is slow to render probably goes wrong, and what to do:
    found in one pass, whatever the text (the usual culprits are brackets that
    open no link and < that start no tag; Markdown looks ahead from each)."""
    depth, deepest = _nesting(body)
    if depth >= 50:
        return first_line + deepest, _("the text is nested {depth} levels deep (lists or quotes "
                                       "inside each other, here): write it with fewer levels"
                                       ).format(depth=depth)
    count, first, which = max((*_unclosed(body, "[", "]"), "["), (*_unclosed(body, "<", ">"), "<"))
    if count < 20:
        return first_line, _("split the text, or look for long runs of the same punctuation")
    line = first_line + body.count("\n", 0, first)
    if which == "[":
        return line, _("the text has {count} [ without a ] (the first on this line): write \\[ "
                       "for a bracket that is not a link, or remove them").format(count=count)
    return line, _("the text has {count} < that start no HTML tag (the first on this line): "
                   "write &lt; for a < that is not HTML, or remove them").format(count=count)


def _nesting(text: str) -> tuple[int, int]:
    """The deepest nesting of lists and quotes (four spaces or a > a level),
    and the index of its line."""
    depth, deepest = 0, 0
    for index, line in enumerate(text.split("\n")):
        lead = line[:len(line) - len(line.lstrip(" \t>"))]
        level = lead.count(">") + lead.expandtabs(4).count(" ") // 4
        if level > depth:
            depth, deepest = level, index
    return depth, deepest


def _unclosed(text: str, opening: str, closing: str) -> tuple[int, int]:
    """How many `opening` have no `closing` after them before the next
    `opening`, and the offset of the first (each look-ahead stops at the next
    `opening`: one pass in all)."""
    a, b = re.escape(opening), re.escape(closing)
    found = [m.start() for m in re.finditer(f"{a}(?=[^{a}{b}]*(?:{a}|\\Z))", text)]
    return len(found), (found[0] if found else 0)


def check_description(analysis: markup.Analysis, path: Path, line: int,
                      problems: Problems) -> None:
    """Refuses what the cleaner would remove from a short text from YAML, or
    a text that could not be rendered."""
    if analysis.failed is not None:
        problems.add(path, line, _failure(analysis.failed),
                     _("shorten the description; a description is a few sentences"))
        return
    for offence in analysis.rendered.offences[:MOST]:
        problems.add(path, line, *explain_offence(offence))


def _failure(reason: str) -> str:
    if reason == "slow":
        return _("this text could not be shown: turning it into a page takes longer than "
                 "{seconds:g} s, which no real text needs").format(seconds=BUDGET)
    return _("this text could not be shown: it is built in a way the Markdown converter "
             "cannot handle (too large or too deeply nested)")


def check_markup(text: Prose, problems: Problems) -> None:
    """Refuses what the cleaner would remove from a body: scripts, embeds,
    styles, event attributes, links that are not web addresses; and an id
    given twice."""
    after: dict[str, int] = {}
    offences = text.rendered.offences
    for offence in offences[:MOST]:
        problems.add(text.path, markup.line_of(offence.needle, text.body, text.body_line, after),
                     *explain_offence(offence))
    say_the_rest(problems, text.path, len(offences))
    check_ids(text, problems)


def say_the_rest(problems: Problems, path: Path, count: int, level: str = "error") -> None:
    """Counts, in one problem, what was not said of a text (over MOST)."""
    if count > MOST:
        problems.add(path, None, ngettext("... and {count} more problem like these in this text",
                                          "... and {count} more problems like these in this text",
                                          count - MOST).format(count=count - MOST),
                     _("fix the ones above first; the rest are probably the same"), level=level)


_ID_ATTRIBUTE = re.compile(r'\sid="([^"]+)"')


def ids_of(rendered: str) -> list[str]:
    """The ids in clean HTML, in order, entities decoded."""
    return [html.unescape(value) for value in _ID_ATTRIBUTE.findall(rendered)]


def check_ids(text: Prose, problems: Problems) -> None:
    """Refuses an id given twice in one text (by hand, or a heading's and an
    element's): a link can reach only the first, and the page is not valid HTML."""
    seen: set[str] = set()
    after: dict[str, int] = {}
    for name in ids_of(text.rendered.html):
        if name in seen and not problems.full(text.path):
            line = markup.line_of(name, text.body, text.body_line, after)
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


def check_headings(headings: Sequence[Heading], path: Path, problems: Problems) -> None:
    """Warns about a second title (`#`: the page's title is its only one) and a
    heading level skipped (## then ####), which screen readers trip over."""
    found, above = [], 1  # the page's title
    for heading in headings:
        if heading.level == 1:
            found.append((heading.line, _("a # heading in the text: the title is the page's "
                                          "only main heading"),
                          _("write ## for a heading in the text")))
        elif heading.level > above + 1:
            found.append((heading.line, _("this heading skips a level: {used} follows {above}")
                          .format(used="#" * heading.level, above="#" * above),
                          _("use {wanted} here (headings go one level down at a time)")
                          .format(wanted="#" * (above + 1))))
        above = heading.level
    for line, message, hint in found[:MOST]:
        problems.add(path, line, message, hint, level="warning")
    say_the_rest(problems, path, len(found), level="warning")


_BLOCKED = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "style",
            "base", "meta", "form", "input", "button", "textarea", "select", "svg", "math",
            "template", "noscript", "audio", "video", "source", "track", "canvas", "portal"}


def explain_offence(offence: markup.Offence) -> tuple[str, str]:
    """Returns (message, hint) for HTML in a body that the site does not publish."""
    tag, name = offence.tag, offence.name
    if offence.kind in ("reference", "tag"):
        return _element_offence(offence)
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
    if offence.kind == "id" and (reserved := markup.RESERVED_ID.match(name)):
        return (_("the id {name!r} on <{tag}> starts with {prefix!r}, which the site keeps for "
                  "its own elements (maps, menus, sections)")
                .format(name=name[:60], tag=tag, prefix=reserved[0]),
                _("choose an id that does not start with pl-, pl_ or __, and change the links "
                  "to it"))
    if offence.kind == "link":
        return (_("the link {link!r} is not a web address").format(link=name[:60]),
                _("links start with https://, http://, mailto: or tel:, or are a path to "
                  "another page of the site, e.g. ../other-story/"))
    return (_("the {kind} {name!r} on <{tag}> is not used in texts")
            .format(kind=offence.kind, name=name[:60], tag=tag), _("remove it"))


def _element_offence(offence: markup.Offence) -> tuple[str, str]:
    """An element a text may not hold, or an image written as a Markdown reference."""
    tag, name = offence.tag, offence.name
    if offence.kind == "reference":
        return (_("the image {image} is a Markdown reference: its file, {file}, is named on "
                  "another line, which the site does not read").format(
                    image=offence.needle[:60], file=name[:60]),
                _("write the image in one piece, ![what the image shows]({file}), and delete "
                  "the line that names the file").format(file=name[:60]))
    if tag == "img":
        return (_("the text contains an <img> element; images are written in Markdown"),
                _("write ![what the image shows](photo.jpg) with the file in the record's folder"))
    if tag in _BLOCKED:
        return (_("the text contains a <{tag}> element; the site publishes no scripts, embeds, "
                  "forms or styles").format(tag=tag),
                _("remove it; to point readers elsewhere, write a link: [what it is](https://...)"))
    allowed = ", ".join(f"<{t}>" for t in ("abbr", "br", "details", "figure", "figcaption",
                                            "sub", "sup", "summary", "span"))
    return (_("<{tag}> is not one of the HTML elements a text may use").format(tag=name),
            _("use Markdown, or one of {tags}").format(tags=allowed))


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


def check_translations(content: Content, problems: Problems) -> None:
    """Reports every text and label that lacks a language."""
    languages, labelled = content.languages, []
    for bundle in (b for bundles in content.bundles.values() for b in bundles.values()):
        if bundle.meta is None or not bundle.meta.draft:
            _missing_texts(bundle, languages, problems)
            if bundle.meta is not None:
                labelled.append((bundle.meta, bundle.raw, bundle.meta_path))
    labelled += [(item.value, item.raw, item.path)
                 for item in chain(*content.interventions.values(), content.publications)]
    labelled += [(content.taxonomies, content.taxonomies_raw, content.root / "taxonomies.yml"),
                 (content.site, content.site_raw, content.root / "site.yml")]
    for value, raw, path in labelled:
        for loc, text in local_texts(value):
            if missing := [lang for lang in languages if lang not in text]:
                field = ".".join(str(s) for s in loc)
                problems.add(path, line_at(raw, loc), _("`{field}` has no {languages} text, and "
                                                        "translations are required")
                             .format(field=field, languages=", ".join(missing)),
                             _('add {lang}: "..." to `{field}`').format(lang=missing[0],
                                                                         field=field))


def _missing_texts(bundle: Bundle, languages: list[str], problems: Problems) -> None:
    optional = not bundle.kind.texts_required and not bundle.texts and not bundle.unreadable
    for lang in languages:
        if lang not in bundle.texts and lang not in bundle.unreadable and not optional:
            problems.add(bundle.dir / f"{lang}.md", None,
                         _("{name} is missing, and site.yml says translations are required")
                         .format(name=f"{lang}.md"),
                         _("write {path}, or set `translations: fallback` in site.yml (a draft "
                           "may have one language)")
                         .format(path=f"{bundle.kind.folder}/{bundle.id}/{lang}.md"))
