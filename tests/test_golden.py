"""Golden files: the emitted Markdown of one pilot and one story, compared
byte for byte. After an intended change, run with UPDATE_GOLDEN=1 and review
the diff of tests/golden/ before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build import Paths

GOLDEN = Path(__file__).parent / "golden"
CASES = [("nl", "pilots/alfa/index.md", "pilot-alfa.nl.md"),
         ("en", "stories/eerste-verhaal/index.md", "story-eerste-verhaal.en.md")]


@pytest.mark.parametrize("lang,src,golden", CASES, ids=[c[2] for c in CASES])
def test_emitted_markdown_matches_the_golden_file(basic_project, lang, src, golden):
    emitted = (Paths(basic_project).project(lang) / "docs" / src).read_text(encoding="utf-8")
    path = GOLDEN / golden
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(emitted, encoding="utf-8")
    assert emitted == path.read_text(encoding="utf-8")
