"""What the generator needs to know about a Markdown body: its images and its
H2 sections, with the lines they are on (for editors' error messages)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_IMAGE = re.compile(r'!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+"(?P<title>[^"]*)")?\s*\)')
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_H2 = re.compile(r"^##(?!#)\s+(?P<title>.+?)\s*#*\s*$")


@dataclass(frozen=True)
class ImageRef:
    """A Markdown image in a body.

    Attributes:
        alt: The alt text.
        src: The file (relative to the bundle) or URL.
        title: The optional caption.
        line: The 1-based line in the file.
        start: Offset of the image in the body.
        end: Offset just after it.
        alone: Whether the image is the only thing on its line (a figure).
    """

    alt: str
    src: str
    title: str | None
    line: int
    start: int
    end: int
    alone: bool

    @property
    def is_remote(self) -> bool:
        """Whether the image points outside the bundle (not allowed)."""
        return "://" in self.src or self.src.startswith("//")


@dataclass(frozen=True)
class Section:
    """An H2 section heading of a body."""

    title: str
    line: int


def _lines_outside_code(body: str):
    """Yields (offset, line_index, line) for lines not inside fenced code."""
    offset, fence = 0, None
    for index, line in enumerate(body.splitlines(keepends=True)):
        match = _FENCE.match(line)
        if match and (fence is None or match.group(1) == fence):
            fence = match.group(1) if fence is None else None
        elif fence is None and not line.startswith(("    ", "\t")):
            yield offset, index, line
        offset += len(line)


def find_images(body: str, first_line: int) -> list[ImageRef]:
    """Finds every Markdown image outside code blocks.

    Args:
        body: The Markdown body.
        first_line: The file line on which the body starts.
    """
    refs = []
    for offset, index, line in _lines_outside_code(body):
        for match in _IMAGE.finditer(line):
            alone = line.strip() == match.group(0)
            refs.append(ImageRef(match["alt"].strip(), match["src"], match["title"],
                                 first_line + index, offset + match.start(),
                                 offset + match.end(), alone))
    return refs


def find_sections(body: str, first_line: int) -> list[Section]:
    """Finds the H2 (`## `) headings outside code blocks, in order."""
    return [Section(m["title"], first_line + index)
            for _, index, line in _lines_outside_code(body)
            if (m := _H2.match(line.rstrip("\r\n")))]


def split_sections(body: str) -> tuple[str, list[tuple[str, str]]]:
    """Splits a body at its H2 headings (outside code blocks).

    Returns:
        The text before the first H2, and (heading line, section text) pairs.
    """
    starts = [(offset, line) for offset, _, line in _lines_outside_code(body)
              if _H2.match(line.rstrip("\r\n"))]
    if not starts:
        return body, []
    intro = body[:starts[0][0]]
    sections = []
    for index, (offset, line) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(body)
        sections.append((line.rstrip("\r\n"), body[offset + len(line):end]))
    return intro, sections


_CODE_SPAN = re.compile(r"(`+).*?\1")
_TAG = re.compile(r"<(?P<name>[A-Za-z][A-Za-z0-9-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>?")
# Elements that run code, embed another page or restyle the site: none belongs in a story.
_BLOCKED = {"script", "iframe", "frame", "object", "embed", "applet", "link", "style", "base",
            "meta", "form"}
_EVENT = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
_REMOTE = re.compile(r"""\s(?:src|srcset|data|poster)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)


@dataclass(frozen=True)
class RawHtml:
    """A piece of raw HTML in a body that the site must not publish.

    Attributes:
        tag: The element's name, lowercase.
        reason: "blocked" (an element that runs or embeds), "event" (an on...=
            attribute) or "remote" (loads a file from another website).
        line: The 1-based line in the file.
    """

    tag: str
    reason: str
    line: int


def find_unsafe_html(body: str, first_line: int) -> list[RawHtml]:
    """Finds raw HTML outside code that would run scripts, embed other sites or
    load files from them (the site's pages make no third-party requests)."""
    found = []
    for _, index, line in _lines_outside_code(body):
        for match in _TAG.finditer(_CODE_SPAN.sub("", line)):
            reason = _unsafe(match["name"].lower(), match["attrs"] or "")
            if reason:
                found.append(RawHtml(match["name"].lower(), reason, first_line + index))
    return found


def _unsafe(name: str, attrs: str) -> str | None:
    if name in _BLOCKED:
        return "blocked"
    if _EVENT.search(attrs):
        return "event"
    if _REMOTE.search(attrs):
        return "remote"
    return None
