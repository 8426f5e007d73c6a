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
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
# Headings as Python-Markdown reads them: `#` needs no space after it, and an
# underline makes a heading of the first line of a block
_ATX = re.compile(r"^(#{1,6})(?!#)(.*?)#*\s*$")
_SETEXT = re.compile(r"^(=+|-+)[ ]*$")
_HTML_HEADING = re.compile(r"<h([1-6])[\s>]", re.IGNORECASE)


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
    title: str  # as written
    line: int


def _lines_outside_code(body: str):
    """Yields (offset, line_index, line) for lines not inside fenced code."""
    offset, fence = 0, None
    for index, line in enumerate(_LINE.findall(body)):
        match = _FENCE.match(line)
        if match and (fence is None or match.group(1) == fence):
            fence = match.group(1) if fence is None else None
        elif fence is None and not line.startswith(("    ", "\t")):
            yield offset, index, line
        offset += len(line)


def _paragraphs(body: str):
    """Yields (offset, line_index, text) for each run of lines outside code
    that holds no blank line: where an image can be (it may span its lines)."""
    run = None
    for offset, index, line in _lines_outside_code(body):
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
    """Finds every Markdown image outside code blocks of a body that starts on
    line `first_line` of its file."""
    refs = []
    for offset, index, text in _paragraphs(body):
        code = [m.span() for m in _CODE_SPAN.finditer(text)]
        for match in _IMAGE.finditer(text):
            if any(start <= match.start() < end for start, end in code):
                continue  # an image written as an example, in `code`
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


def find_headings(body: str, first_line: int) -> list[Heading]:
    """Finds every heading outside code blocks, in order: `#` headings,
    underlined ones (=== and ---) and HTML <h1> to <h6>."""
    found, block_start, previous = [], 0, -1
    all_lines = [line.rstrip("\r\n") for line in _LINE.findall(body)]
    for _, index, line in _lines_outside_code(body):
        text = line.rstrip("\r\n")
        # an underline under code (a line left out here) is a rule, not a heading
        under_text, previous = previous == index - 1, index
        if not text.strip():
            block_start = index + 1
            continue
        atx, setext = _ATX.match(text), _SETEXT.match(text)
        if atx:
            found.append(Heading(len(atx[1]), atx[2].strip(), first_line + index))
            block_start = index + 1
        elif setext and index == block_start + 1 and under_text:
            found.append(Heading(1 if text[0] == "=" else 2, all_lines[index - 1].strip(),
                                 first_line + index - 1))
        else:
            found += [Heading(int(m[1]), "", first_line + index)
                      for m in _HTML_HEADING.finditer(text)]
    return found
