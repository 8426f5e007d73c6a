"""Editors' Markdown, rendered by the generator and made safe.

Bodies are rendered here, not by the site engine, and cleaned with nh3 (the
Rust `ammonia` sanitiser): only the HTML elements, attributes, classes and link
schemes listed below survive, however the HTML was written. Checking and
cleaning read the same lists, so `pilots check` refuses, with file and line,
everything the cleaner would drop: nothing is dropped silently.

Images stay out of the editor's HTML: each is a token while the body is
rendered, and the generator's own <picture> goes in its place after cleaning.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, pairwise
from html.parser import HTMLParser
from typing import Sequence

import markdown
import nh3
from markdown.extensions.toc import slugify
from markdown.inlinepatterns import (IMAGE_REFERENCE_RE, ImageReferenceInlineProcessor,
                                     ShortImageReferenceInlineProcessor)

from generator.content.controls import UNSHOWABLE
from generator.site.marks import (Locator, MarkedHeadings, as_code, mark_pattern, marked_body,
                                  token_pattern, unmark)
from generator.site.mdrefs import (BREAK, Heading, HeadingMark, ImageRef, find_images,
                                   heading_marks)

EXTENSIONS = ["fenced_code", "tables", "footnotes", "attr_list", "md_in_html", "admonition",
              "toc"]

# The HTML a body may contain: what Markdown writes, and a small set editors may
# write themselves (listed in the content model).
TAGS = frozenset({
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "caption", "thead", "tbody", "tfoot", "tr",
    "th", "td", "a", "em", "strong", "b", "i", "s", "del", "ins", "mark", "small", "sub",
    "sup", "abbr", "cite", "q", "kbd", "span", "div", "figure", "figcaption", "details",
    "summary"})
ATTRIBUTES = {
    "*": {"lang", "dir", "title", "id"},
    "a": {"href", "hreflang"},
    "ol": {"start", "reversed"},
    "th": {"colspan", "rowspan", "scope", "align"},
    "td": {"colspan", "rowspan", "align"},
    "details": {"open"},
    "code": {"class"},  # fenced code's language: checked by _keep_attribute
}
CLASSES = {  # what admonitions and footnotes write
    "div": {"admonition", "note", "tip", "warning", "important", "footnote"},
    "p": {"admonition-title"},
    "a": {"footnote-ref", "footnote-backref"},
}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset",
                            "data", "xlink:href", "background", "ping"})
# Every id the generator and the theme put on a page starts with "pl-" or "pl_"
# (pl-title, pl_map_pl0, which Leaflet draws into) or, Material's, with "__"
# (__config, __search): a text may not take one, and a heading's id never does.
RESERVED_ID = re.compile(r"^(?:__|pl[-_])")
_ID = re.compile(r"^(?!__|pl[-_])\w[\w:.-]{0,99}$")
_CODE_CLASS = re.compile(r"^language-[\w+#-]{1,40}$")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\t\n\r]")  # browsers remove these anywhere in a URL
# Another website's address written without https:// (www.houten.nl, houten.nl/contact),
# which a browser reads as a path on this site: a host ending in a common or a country's
# domain (two letters, not those of files: nl.md, app.js)
_BARE_ADDRESS = re.compile(r"(?:www\d?\.[^/?#\s]+|(?:[a-z\d-]+\.)+(?:com|org|net|info|edu|"
                           r"gov|eu|io|app|(?!md|js|py|sh|gz)[a-z]{2}))(?::\d+)?(?:[/?#]|$)",
                           re.IGNORECASE)
_C0_AND_SPACE = "".join(map(chr, range(0x21)))  # ... and these at either end


@dataclass(frozen=True)
class Offence:
    """Something in a body's HTML that the site does not publish."""

    kind: str  # "tag", "attribute", "class", "id", "link", "depth" or "reference"
    tag: str  # the element it is on
    name: str  # the tag, attribute, class or id, the link as written, or a reference's file
    needle: str  # what to look for in the source to find its line


@dataclass(frozen=True)
class Rendered:
    """A body rendered to clean HTML, with `token(i)` where image i goes."""

    html: str
    offences: tuple[Offence, ...]  # what the cleaner removed (none for acceptable content)
    nonce: str  # makes the image tokens unguessable from the text itself
    images: tuple[int, ...] = ()  # which of the images given are images (the others, code)
    headings: tuple[tuple[int, int, str], ...] = ()  # (mark, level, title) of each heading

    def token(self, index: int) -> str:
        return f"plimg{self.nonce}n{index}x"

    def alone(self, index: int) -> str:
        """Image `index` as a paragraph of its own: where a figure or a player goes."""
        return f"<p>{self.token(index)}</p>"

    @property
    def tokens(self) -> re.Pattern:
        """Any image's token."""
        return re.compile(rf"plimg{self.nonce}n\d+x")


def scheme_of(url: str) -> str | None:
    """The scheme of a URL (entities already decoded) as a browser reads it."""
    found = _SCHEME.match(_INVISIBLE.sub("", url).strip(_C0_AND_SPACE).lower())
    return found.group(1) if found else None


def bare_address(url: str) -> bool:
    """Whether a link is another website's address without https:// in front."""
    return _BARE_ADDRESS.match(url) is not None


def url_allowed(url: str) -> bool:
    """Whether a link may be published: http(s), mailto, tel or relative."""
    return scheme_of(url) in SCHEMES | {None}


class _Scan(Locator, HTMLParser):
    """Lists every element, attribute, class, id and link the cleaner would drop
    (and, as a Locator, where the marks of `render` are)."""

    def __init__(self, nonce: str = "", marked: dict | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Offence] = []
        self.start_locating(nonce, {} if marked is None else marked)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.opened(tag)
        self.handle_startendtag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.closed(tag)

    def handle_data(self, data: str) -> None:
        self.located(data)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            values = dict(attrs)
            if tag == "img" and (written := values.get(_WRITTEN)):  # see _Reference
                file = values.get("src") or ""
                self.found.append(Offence("reference", tag, file, BREAK.split(written)[0]))
            else:
                self.found.append(Offence("tag", tag, tag, f"<{tag}"))
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            self._attribute(tag, name, value or "", allowed)

    def _attribute(self, tag: str, name: str, value: str, allowed: set[str]) -> None:
        if name == "class" and tag != "code":  # fenced code's language is read below
            self.found += [Offence("class", tag, css, css) for css in value.split()
                           if css not in CLASSES.get(tag, ())]
        elif name not in allowed:
            self.found.append(Offence("attribute", tag, name, name))
        elif _keep_attribute(tag, name, value) is None:  # an id, or a code's class
            self.found.append(Offence(name, tag, value, value))
        elif name in URL_ATTRIBUTES and not url_allowed(value):
            self.found.append(Offence("link", tag, value, scheme_of(value) or value))

    def handle_decl(self, decl: str) -> None:
        self.found.append(Offence("tag", "!", decl[:20], "<!"))

    def handle_pi(self, data: str) -> None:
        self.found.append(Offence("tag", "?", data[:20], "<?"))


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    """The cleaner's (and the scan's) reading of an allowed attribute's value."""
    if attribute == "id" and not _ID.fullmatch(value) or (
            attribute == "class" and tag == "code" and not _CODE_CLASS.fullmatch(value)):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=TAGS, clean_content_tags={"script", "style", "template", "noscript"},
    attributes=ATTRIBUTES, url_schemes=SCHEMES, allowed_classes=CLASSES, link_rel=None,
    strip_comments=True, attribute_filter=_keep_attribute)


_WRITTEN = "data-pl-written"


class _Reference:
    """Python-Markdown's reference images, ![what it shows][name] with the file
    on a line of its own ([name]: photo.jpg), marked with what was written: the
    site reads only images that name their file in place (mdrefs.find_images),
    so the scan refuses these, at their line, instead of as an <img> element."""

    def handleMatch(self, m: re.Match, data: str) -> tuple:
        element, start, end = super().handleMatch(m, data)
        if element is not None:
            element.set(_WRITTEN, data[start:end])
        return element, start, end


class _ImageReference(_Reference, ImageReferenceInlineProcessor):
    pass


class _ShortImageReference(_Reference, ShortImageReferenceInlineProcessor):
    pass


@lru_cache(maxsize=8)
def _converter(backlink: str) -> markdown.Markdown:
    def slug(text: str, separator: str) -> str:  # an image's token, a mark: no part of an id
        for pattern in (getattr(converter, "pl_code", (None,))[0],
                        getattr(converter, "pl_marks", None)):
            text = pattern.sub("", text) if pattern else text
        return heading_id(text, separator)

    converter = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "tables": {"use_align_attribute": True},
        "footnotes": {"BACKLINK_TITLE": backlink, "SUPERSCRIPT_TEXT": "{}"},
        "toc": {"permalink": False, "slugify": slug}})
    patterns = converter.inlinePatterns  # the same names and priorities, replaced
    patterns.register(_ImageReference(IMAGE_REFERENCE_RE, converter), "image_reference", 140)
    patterns.register(_ShortImageReference(IMAGE_REFERENCE_RE, converter), "short_image_ref", 125)
    # after the inline patterns and attr_list (8), before toc (5) makes ids of headings' text
    converter.treeprocessors.register(MarkedHeadings(converter), "pl_marked_headings", 7)
    return converter


def heading_id(text: str, separator: str) -> str:
    """A heading's id as Python-Markdown makes it, kept out of the ids the
    generator reserves (a heading "PL-teams" gets "h-pl-teams")."""
    found = slugify(text, separator)
    return f"h{separator}{found}" if RESERVED_ID.match(found) else found


@lru_cache(maxsize=4096)
def render(body: str, images: Sequence[ImageRef] = (), backlink: str = "Back to the text",
           marks: Sequence[HeadingMark] = ()) -> Rendered:
    """Renders a Markdown body to clean HTML, its images (found by
    `mdrefs.find_images`) left as tokens but for those Python-Markdown reads as
    code; `marks` are where headings may start (`mdrefs.heading_marks`);
    `backlink` is the title of a footnote's link back to the text (per language)."""
    nonce = hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]
    converter = _converter(backlink)
    converter.reset()
    written = as_code(body, images)
    converter.pl_marks, converter.pl_found = mark_pattern(nonce), {}
    converter.pl_code = (token_pattern(nonce), written)
    try:
        raw = converter.convert(marked_body(body, images, marks, nonce))
    except RecursionError:  # lists or blocks nested hundreds deep: refused, not rendered
        _converter.cache_clear()  # the converter may be left half-way
        return Rendered("", (Offence("depth", "", "nesting", ""),), nonce)
    scan = _Scan(nonce, converter.pl_found)  # what the cleaner removes; where the marks are
    scan.feed(raw)
    scan.close()
    raw, kept = unmark(raw, nonce, written, scan.code_images, Rendered("", (), nonce).token)
    headings = tuple((mark, *found) for mark, found in sorted(scan.marked.items()))
    # characters no page can carry (a control character saved into a text) become spaces
    return Rendered(UNSHOWABLE.sub(" ", _CLEANER.clean(raw)), tuple(scan.found),
                    nonce, kept, headings)


@dataclass(frozen=True)
class Text:
    body: str
    first_line: int = 1  # the line of its file on which it starts
    backlink: str = "Back to the text"  # the title of a footnote's link back to the text
    # A short text from YAML (an intervention's description): no images,
    # headings or sections; raw HTML in it is shown as written
    short: bool = False


@dataclass(frozen=True)
class Analysis:
    """Everything the generator needs of a Markdown text, found in one go."""

    images: tuple[ImageRef, ...] = ()
    headings: tuple[Heading, ...] = ()  # at every level
    rendered: Rendered | None = None  # None when the text could not be rendered
    failed: str | None = None  # why it could not: "slow" (over the time budget) or "broken"


def analyse(text: Text) -> Analysis:
    """Finds a text's images and headings and renders it (every step
    whose time can grow faster than the text: generator.site.textwork runs it
    under a time budget)."""
    if text.short:  # links are checked like a body's
        return Analysis(rendered=render(text.body.replace("<", "&lt;")))
    body = text.body.expandtabs(4)  # as Python-Markdown reads it: a mark moves no tab stop
    candidates = tuple(find_images(body, text.first_line))
    marks = tuple(heading_marks(body, text.first_line))
    rendered = render(body, candidates, text.backlink, marks)
    images = tuple(candidates[index] for index in rendered.images)
    headings = tuple(Heading(level, title, marks[mark].line)
                     for mark, level, title in rendered.headings)
    return Analysis(images, headings, rendered)


def line_of(needle: str, text: str, first_line: int, after: dict[str, int]) -> int:
    """Returns the first line, after the one `after` holds for `needle` (the
    last found for it, noted there), whose text, entities decoded, contains
    `needle` as written, else in any case (the cleaner names <SCRIPT> <script>);
    the first line of the text when none does. As written first: a link to
    #Het-gesprek is not on the line of a link to #het-gesprek above it."""
    begin = max(0, after.get(needle, 0) - first_line + 1)
    found = None
    if needle and "\n" not in needle:
        found = next((index for fold in (False, True)
                      if (index := _line_with(needle, text, begin, fold)) is not None), None)
    after[needle] = first_line + (found or 0)
    return after[needle]


def _line_with(needle: str, text: str, begin: int, fold: bool) -> int | None:
    """The index of the first line from `begin` that holds `needle`, or None."""
    joined, starts = _decoded(text, fold)
    found = joined.find(needle.lower() if fold else needle, starts[begin]) \
        if begin < len(starts) else -1
    return bisect.bisect_right(starts, found) - 1 if found >= 0 else None


@lru_cache(maxsize=32)
def _decoded(text: str, fold: bool) -> tuple[str, list[int]]:
    """A text's lines (as Markdown counts them), entities decoded (and
    lowercased if `fold`), joined by new lines (none inside a line), with where
    each starts: every search is then one pass in C, however many problems a
    text has."""
    lines = [html.unescape(line).replace("\n", " ") for line in BREAK.split(text)]
    lines = [line.lower() for line in lines] if fold else lines
    return "\n".join(lines), [0, *accumulate(len(line) + 1 for line in lines[:-1])]


class _Headings(HTMLParser):
    """Finds where each top-level <h2> starts and where its heading ends, and
    its words."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}  # HTML's elements without an end tag (a video's <track>s)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.spans, self.open_at, self.titles = 0, [], None, []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "h2" and self.depth == 0:
            self.open_at = self.getpos()
            self.titles.append("")
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        if tag == "h2" and self.depth == 0 and self.open_at is not None:
            line, col = self.getpos()
            self.spans.append((self.open_at, (line, col + len("</h2>"))))
            self.open_at = None

    def handle_data(self, data: str) -> None:
        if self.open_at is not None:
            self.titles[-1] += data


def _headings(text: str) -> _Headings:
    parser = _Headings()
    parser.feed(text)
    parser.close()
    return parser


def chapters(text: str) -> tuple[str, ...]:
    """The titles of the sections `split_sections` makes of clean HTML (a map
    story's chapters): counted from the HTML its page is made of, whether an
    <h2> was written as ## or as HTML, they are the page's."""
    return tuple(" ".join(title.split()) for title in _headings(text).titles)


def split_sections(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Splits clean HTML at its top-level <h2> headings: returns the HTML
    before the first heading, and (heading, section HTML) pairs."""
    parser = _headings(text)
    # HTMLParser counts lines at "\n" only (not at U+2028 as splitlines does)
    starts = [0, *accumulate(len(line) + 1 for line in text.split("\n"))]
    cuts = [starts[line - 1] + column for span in parser.spans for line, column in span]
    pieces = [text[start:end] for start, end in pairwise([0, *cuts, len(text)])]
    return pieces[0], list(zip(pieces[1::2], pieces[2::2]))  # each heading, then its section
