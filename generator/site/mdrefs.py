"""What the generator needs to know about a Markdown body: its images and its
headings, with the lines they are on (for editors' messages)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.content.names import IMAGE_SUFFIXES, MEDIA_SUFFIXES, file_key

# An image as Python-Markdown reads one: its texts may run over the lines of a
# paragraph, and the file name may hold any character but ) or > (a line
# break, or a line separator U+2028, is not a space to it), spaces too
# ("Interview Fatima.mp4", as a phone or Windows names it: at most 20 words,
# so that a paragraph of "![](a " is not read again from each one), or stand in <>
_WORD = r"(?:[^)\s>]|[^\S \t])+?"
_IMAGE = re.compile(rf'!\[(?P<alt>[^\]]*)\]\(\s*(?:<(?P<angled>[^<>]*)>|'
                    rf'(?P<src>{_WORD}(?:[ \t]+{_WORD}){{0,20}}?))'
                    r'(?:\s+"(?P<title>[^"]*)")?\s*\)')
# Lines as Python-Markdown counts them (and editors' editors): at \n, \r\n and
# \r only, never at the other characters str.splitlines() breaks at
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
BREAK = re.compile(r"\r\n|\r|\n")  # where Markdown starts a new line
# Where a heading may start (Python-Markdown tells which are headings): after
# a line's indentation, quote marks and list markers (a mark before those would
# change them), `#` with no space needed after it; an underline makes a heading
# of the line above it
_PREFIX = r"^[ >]*(?:(?:[*+-]|\d+\.)[ ]+)*(?:\[\^[^\]]*\]:[ ]*)?"  # a footnote's too
_ATX = re.compile(_PREFIX + "#{1,6}")
_UNDERLINE = re.compile(r"^[ >]*[=-]+[ ]*(?:\r\n|\r|\n)?$")
_TITLE = re.compile(_PREFIX)
# a mark before these would change what they are (a fence, HTML, an admonition,
# a link's address on a line of its own, a table's row)
_NOT_TITLE = re.compile(_PREFIX + r"(?:<|!!!|```|~~~|\[(?!\^)[^\]]*\]:|.*\|)")
_HTML_HEADING = re.compile(r"<h[1-6](?:\s[^>\r\n]*)?>", re.IGNORECASE)


@dataclass(frozen=True)
class ImageRef:
    """A Markdown image in a body, at `line` of its file (from 1)."""

    alt: str
    src: str  # the file (relative to the bundle) or URL
    title: str | None  # the caption
    line: int
    start: int  # offset of the image in the body
    end: int  # offset just after it
    alone: bool  # whether the image is the only thing on its line (a figure)

    @property
    def is_remote(self) -> bool:
        """Whether the image points outside the bundle (not allowed)."""
        return "://" in self.src or self.src.startswith("//")

    @property
    def is_media(self) -> bool:
        """Whether it is sound or video (a file, or a video on another website),
        which generator.site.media checks, rather than a picture."""
        suffix = PurePosixPath(self.src.split("?")[0]).suffix.lower()
        return suffix in MEDIA_SUFFIXES or (self.is_remote and suffix not in IMAGE_SUFFIXES)


@dataclass(frozen=True)
class Heading:
    """A heading of a body, at any level, at `line` of its file (from 1)."""

    level: int  # 1 for `#`, 2 for `##`, ...
    title: str  # its text ("" for one written in HTML)
    line: int


@dataclass(frozen=True)
class HeadingMark:
    """A place in a body where a heading may start (see `heading_marks`)."""

    offset: int
    line: int  # of its file (from 1)
    spaced: bool  # whether text follows at once: the mark then takes a space after it


def _lines(body: str):
    """Yields (offset, line_index, line) for every line, code too: Python-Markdown
    itself tells which are code while the body is rendered (generator.site.prose)."""
    offset = 0
    for index, line in enumerate(_LINE.findall(body)):
        yield offset, index, line
        offset += len(line)


def _paragraphs(body: str):
    """Yields (offset, line_index, text) for each run of lines that holds no
    blank line: where an image can be (it may span its lines)."""
    run = None
    for offset, index, line in _lines(body):
        blank = not line.strip(" \t\r\n")
        if run and not blank and run[0] + len(run[2]) == offset:
            run = (run[0], run[1], run[2] + line)
            continue
        if run:
            yield run
        run = None if blank else (offset, index, line)
    if run:
        yield run


def find_images(body: str, first_line: int) -> list[ImageRef]:
    """Finds every Markdown image of a body that starts on line `first_line` of
    its file, in code too: `prose.render` keeps those Python-Markdown does not
    read as code (in a list item, a picture is indented as code would be)."""
    refs = []
    for offset, index, text in _paragraphs(body):
        for match in _IMAGE.finditer(text):
            # Markdown decodes entities in an image's texts (&quot; is a quotation mark);
            # they are escaped once more where the picture is written
            title = (BREAK.sub(" ", html.unescape(match["title"]))
                     if match["title"] is not None else None)
            alt = BREAK.sub(" ", html.unescape(match["alt"].strip()))
            line = first_line + index + len(BREAK.findall(text, 0, match.start()))
            src = file_key((match["src"] or match["angled"]).strip(" \t\r\n"))
            refs.append(ImageRef(alt, src, title, line,
                                 offset + match.start(), offset + match.end(),
                                 _alone(text, match)))
    return refs


def _alone(text: str, match: re.Match) -> bool:
    """Whether an image is the only thing on its line (or lines): a figure."""
    before = max(text.rfind("\n", 0, match.start()), text.rfind("\r", 0, match.start())) + 1
    after = BREAK.search(text, match.end())
    return text[before:after.start() if after else len(text)].strip() == match.group(0)


def heading_marks(body: str, first_line: int) -> list[HeadingMark]:
    """Where a heading may start, in order: after `#`s, before a line above an
    underline (=== or ---), after <h1> to <h6>; `prose.render` marks them, and
    Python-Markdown tells which became headings, in a list item or a quote too."""
    marks, lines = [], list(_lines(body))
    for number, (offset, index, line) in enumerate(lines):
        text, line_number = line.rstrip("\r\n"), first_line + index
        following = lines[number + 1][2] if number + 1 < len(lines) else ""
        if atx := _ATX.match(text):
            marks.append(_mark(body, offset + atx.end(), line_number))
        elif (_UNDERLINE.match(following) and text.strip() and not _UNDERLINE.match(text)
              and not _NOT_TITLE.match(text)):  # (a "---" above "---" is not marked)
            marks.append(_mark(body, offset + _TITLE.match(text).end(), line_number))
        marks += [_mark(body, offset + m.end(), line_number)
                  for m in _HTML_HEADING.finditer(text)]
    return marks


def _mark(body: str, offset: int, line: int) -> HeadingMark:
    return HeadingMark(offset, line, offset < len(body) and not body[offset].isspace())
