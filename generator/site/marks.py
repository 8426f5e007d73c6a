"""Python-Markdown decides what is code and what is a heading, not a guess.

What is code in a body depends on its blocks: a line indented four spaces is
code after a paragraph, but a picture or heading in a list item, a footnote
or an admonition is indented so too. So the places where an image or heading
may be (generator.site.mdrefs) are marked in the body that is rendered
anyway: each image by a token, each heading's start by a mark. A token that
comes out inside <code> or <pre> was code, and is put back as written; a mark
at the start of a heading tells its level. Each is a word of letters and
digits, which changes no block or inline structure around it.
"""

from __future__ import annotations

import html
import re
from typing import Sequence
from xml.etree.ElementTree import Element

from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor

from generator.site.mdrefs import HeadingMark, ImageRef

LEVELS = {f"h{level}": level for level in range(1, 7)}
CODE = frozenset({"code", "pre"})


def candidate(nonce: str, index: int) -> str:
    """The token that stands for image candidate `index` while it is rendered."""
    return f"plcand{nonce}n{index}x"


def marked_body(body: str, images: Sequence[ImageRef], marks: Sequence[HeadingMark],
                nonce: str) -> str:
    """The body with each image replaced by its token and a mark at each place
    a heading may start (one inside an image is left out: the image is one)."""
    edits = sorted([(ref.start, ref.end, candidate(nonce, i)) for i, ref in enumerate(images)]
                   + [(m.offset, m.offset, f"plh{nonce}n{i}" + ("y " if m.spaced else "x"))
                      for i, m in enumerate(marks)])
    pieces, pos = [], 0
    for start, end, text in edits:
        if start >= pos:
            pieces += [body[pos:start], text]
            pos = end
    pieces.append(body[pos:])
    return "".join(pieces)


def mark_pattern(nonce: str) -> re.Pattern:
    # (the space after a mark may be gone: at the end of a code span, say)
    return re.compile(rf"plh{nonce}n(\d+)(?:y ?|x)")


def token_pattern(nonce: str) -> re.Pattern:
    return re.compile(rf"plcand{nonce}n(\d+)x")


def as_code(body: str, images: Sequence[ImageRef]) -> tuple[str, ...]:
    """How each image reads in code: as written, escaped as Python-Markdown escapes code."""
    return tuple(html.escape(body[ref.start:ref.end], quote=False) for ref in images)


class MarkedHeadings(Treeprocessor):
    """Before `toc` makes a heading's id of its text: puts each image token in
    code back as written (`md.pl_code`: token pattern, the written texts), and
    takes the mark off each heading, noting the heading as found by that mark
    (in `md.pl_found`: mark -> (level, title))."""

    def run(self, root: Element) -> None:
        pattern, found = getattr(self.md, "pl_marks", None), getattr(self.md, "pl_found", {})
        tokens, written = getattr(self.md, "pl_code", (None, ()))
        for code in root.iter("code") if tokens else ():  # (fenced code is HTML by now)
            code.text = tokens.sub(lambda t: written[int(t[1])], code.text or "")
        for element in root.iter() if pattern else ():  # marks are render's: none without it
            if element.tag in LEVELS and (mark := _take_mark(element, pattern)) is not None:
                found[mark] = (LEVELS[element.tag], self._title(element, pattern))

    def _title(self, heading: Element, pattern: re.Pattern) -> str:
        """A heading's words, as `toc` reads them for its id: raw HTML and
        entities in it are still Python-Markdown's placeholders here."""
        text = html.unescape(strip_tags(render_inner_html(heading, self.md)))
        return " ".join(pattern.sub("", text).split())


def _take_mark(heading: Element, pattern: re.Pattern) -> int | None:
    """Takes the first mark out of a heading's text, wherever it is in it (after
    the list marker or footnote of an underlined "- a" or "[^1]: a")."""
    for node in heading.iter():
        for part in ("text", "tail") if node is not heading else ("text",):
            text = getattr(node, part) or ""
            if mark := pattern.search(text):
                before, after = text[:mark.start()], text[mark.end():]
                at_start = node is heading and not before
                setattr(node, part, after.lstrip() if at_start else before + after)
                return int(mark[1])
    return None


class Locator:
    """For an HTMLParser over the rendered HTML: notes the image tokens inside
    code, and the marks inside headings written in HTML (`marked`, as above)."""

    def start_locating(self, nonce: str, found: dict[int, tuple[int, str]]) -> None:
        self.in_code, self.headings, self.code_images, self.marked = 0, [], set(), found
        self._tokens, self._marks = token_pattern(nonce), mark_pattern(nonce)

    def opened(self, tag: str) -> None:
        self.in_code += tag in CODE
        if tag in LEVELS:
            self.headings.append(LEVELS[tag])

    def closed(self, tag: str) -> None:
        if tag in CODE and self.in_code:
            self.in_code -= 1
        elif tag in LEVELS and self.headings:
            self.headings.pop()

    def located(self, data: str) -> None:
        if self.in_code:
            self.code_images.update(int(t[1]) for t in self._tokens.finditer(data))
        if self.headings and not self.in_code:  # `<h3>` in a heading's code is no heading
            for mark in self._marks.finditer(data):
                self.marked.setdefault(int(mark[1]), (self.headings[-1], ""))


def unmark(raw: str, nonce: str, written: Sequence[str], code: set[int],
           token) -> tuple[str, tuple[int, ...]]:
    """The rendered HTML without marks, each image that was code put back as
    written, the others as `token(i)` for the i-th of those kept; and which
    candidates were kept."""
    # one Python-Markdown dropped (a footnote written twice keeps the last) is no image
    tokens = token_pattern(nonce)
    present = {int(found[1]) for found in tokens.finditer(raw)}
    kept = tuple(i for i in range(len(written)) if i in present and i not in code)
    final = {index: token(position) for position, index in enumerate(kept)}
    unmarked = mark_pattern(nonce).sub("", raw)
    return tokens.sub(lambda t: final.get(int(t[1])) or written[int(t[1])], unmarked), kept
