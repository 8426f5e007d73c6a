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
    return re.compile(rf"plh{nonce}n(\d+)(?:y |x)")


class MarkedHeadings(Treeprocessor):
    """Takes the mark off the start of each heading before `toc` makes its id
    of its text, and notes the heading as found by that mark (in `md.pl_found`:
    mark -> (level, title)). Python-Markdown strips a heading's text: so does this."""

    def run(self, root: Element) -> None:
        pattern, found = self.md.pl_marks, self.md.pl_found
        for element in root.iter():
            if element.tag in LEVELS and (mark := pattern.match(element.text or "")):
                element.text = element.text[mark.end():].lstrip()
                found[int(mark[1])] = (LEVELS[element.tag], "".join(element.itertext()).strip())


class Locator:
    """For an HTMLParser over the rendered HTML: notes the image tokens inside
    code, and the marks inside headings written in HTML (`marked`, as above)."""

    def start_locating(self, nonce: str, found: dict[int, tuple[int, str]]) -> None:
        self.in_code, self.headings, self.code_images, self.marked = 0, [], set(), found
        self._tokens, self._marks = re.compile(rf"plcand{nonce}n(\d+)x"), mark_pattern(nonce)

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
        if self.headings:
            for mark in self._marks.finditer(data):
                self.marked.setdefault(int(mark[1]), (self.headings[-1], ""))


def unmark(raw: str, nonce: str, body: str, images: Sequence[ImageRef],
           code: set[int], token) -> tuple[str, tuple[int, ...]]:
    """The rendered HTML without marks, each image that was code put back as
    written, the others as `token(i)` for the i-th of those kept; and which
    candidates were kept."""
    kept = tuple(i for i in range(len(images)) if i not in code)
    final = {index: token(position) for position, index in enumerate(kept)}

    def back(found: re.Match) -> str:
        index = int(found[1])
        ref = images[index]
        return final.get(index) or html.escape(body[ref.start:ref.end], quote=False)

    unmarked = mark_pattern(nonce).sub("", raw)
    return re.sub(rf"plcand{nonce}n(\d+)x", back, unmarked), kept
