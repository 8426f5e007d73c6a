"""Characters no page or feed can carry, in the texts of YAML files.

YAML refuses control characters typed into a file, but writes any of them from
an escape between double quotes (title: "a\\x01b"). XML 1.0 has no way to write
C0 controls (other than tab and line breaks), U+FFFE or U+FFFF, so one of them
in a title makes the Atom feed no XML at all; HTML calls them, the C1 controls
and the noncharacters parse errors. They are shown as a space, and the editor
is told where they are. The same goes for a Markdown text, where nothing
refuses them (a file saved from a word processor may hold them): the editor
is told, and what is rendered from it shows them as spaces."""

from __future__ import annotations

import re

_ASTRAL_NONCHARACTERS = "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000))
# One class of the C0 and C1 controls, surrogates and all noncharacters is read
# range by range at every character (0.2 ms a page); a class of the first plane
# is one lookup, and the rare character above it is looked at again
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
                        f"\ufffe\uffff]|[\U00010000-\U0010ffff](?<=[{_ASTRAL_NONCHARACTERS}])")


def code_of(text: str) -> str | None:
    """Names the first unshowable character in a text ("U+0001"), or None."""
    found = UNSHOWABLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def unshowable_lines(text: str) -> list[tuple[int, str]]:
    """(line in the text, counted from 0, code of its first unshowable
    character) of each line that holds one; line by line, so that a text full
    of them takes no longer than reading it."""
    if not UNSHOWABLE.search(text):
        return []
    return [(index, code) for index, line in enumerate(text.split("\n"))
            if (code := code_of(line))]
