"""Sound and video as careless editors give them: file names as phones and
Windows make them, transcripts that repeat the text's headings or footnotes.
Each was accepted wrongly or refused with the wrong words before its fix."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.site.mdrefs import find_images
from helpers import make_project, minimal, one_problem, problems_of, write
from mediafiles import make_media

CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.000\n{text}\n"


def _story(root: Path, body: str) -> Path:
    """An article whose Dutch and English texts both end in `body`."""
    folder = minimal(root) / "stories" / "gesprek"
    write(folder, "meta.yml", """
        pilot: houten
        date: 2019-09-12
        format: article
        narrator: {name: "Een bewoner"}
        consent: {given: true, date: 2019-09-01}
        """)
    for lang, title in (("nl", "Een gesprek"), ("en", "A talk")):
        write(folder, f"{lang}.md", f"---\ntitle: {title}\nsummary: {title}.\n---\n"
                                    f"## Het gesprek\n\nIntro.[^1]\n\n{body}\n\n[^1]: Bron.\n")
    return folder


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_project(tmp_path / "project")


@pytest.mark.parametrize("written", ["Interview Fatima.webm", "<Interview Fatima.webm>",
                                     'Interview Fatima.webm "Op het plein"'])
def test_a_video_whose_name_has_a_space_is_shown(root, written):
    # it was refused as "an <img> element; images are written in Markdown", at the
    # body's first line: the image was not found where Python-Markdown found one
    folder = _story(root, f"![Fatima vertelt]({written})")
    make_media(folder / "Interview Fatima.webm")
    for lang in ("nl", "en"):
        write(folder, f"Interview Fatima.{lang}.vtt", CAPTIONS.format(text="Hallo"))
    assert problems_of(root, strict=True) == []


def test_a_photo_whose_name_has_a_space_is_shown(root):
    from PIL import Image

    folder = _story(root, "![De markt](mijn foto.jpg)")
    Image.new("RGB", (800, 600), (30, 120, 40)).save(folder / "mijn foto.jpg")
    assert problems_of(root, strict=True) == []


def test_a_name_with_spaces_missing_is_named_at_its_line(root):
    _story(root, "![Fatima vertelt](Interview Fatima.webm)")
    one_problem(problems_of(root), "nl.md:9:", '"Interview Fatima.webm" is not in')


def test_spaces_in_names_do_not_make_finding_images_slow():
    # a paragraph of "![](a " is read once, not again from each image
    started = time.perf_counter()
    find_images("![](a " * 40000, 1)
    find_images("![](a b c d e f g h i j k l m n o p q r s t u v w x y z " * 4000, 1)
    assert time.perf_counter() - started < 2


def _recording(root: Path, transcript: str, body: str = "![Het gesprek](verhaal.mp3)") -> Path:
    folder = _story(root, body)
    make_media(folder / "verhaal.mp3", 1)
    write(folder, "verhaal.nl.md", transcript)
    write(folder, "verhaal.en.md", "**Fatima:** Hello.\n")
    return folder


@pytest.mark.parametrize("transcript, line, name", [
    ("Inleiding.\n\n## Het gesprek\n\nHallo.\n", 3, "'het-gesprek'"),  # the text's heading
    ("Hallo.[^1]\n\n[^1]: Een noot.\n", 1, "'fnref:1'"),  # the text's footnote
])
def test_a_transcript_repeating_an_id_of_its_page_is_refused(root, transcript, line, name):
    # it was published with the id twice on the page: not valid HTML, and a
    # link to the heading or footnote reached the text's, never the transcript's
    _recording(root, transcript)
    one_problem(problems_of(root), f"verhaal.nl.md:{line}:", name, "on its page already")


def test_a_recording_shown_twice_in_a_text_is_refused_once_its_transcript_has_headings(root):
    _recording(root, "## Deel een\n\nHallo.\n", "![Het gesprek](verhaal.mp3)\n\n"
                                                 "![Nog eens](verhaal.mp3)")
    one_problem(problems_of(root), "verhaal.nl.md:1:", "'deel-een'", "on its page already")


def test_a_transcript_with_its_own_headings_is_accepted_and_a_title_is_pointed_out(root):
    _recording(root, "## Deel een\n\nHallo.\n\n### Een vraag\n\nJa.\n")
    assert problems_of(root, strict=True) == []
    _recording(root, "# Het interview\n\nHallo.\n")
    one_problem(problems_of(root, strict=True), "verhaal.nl.md:1:", "# heading")


def test_a_poster_for_no_video_in_the_texts_is_pointed_out(root):
    # the address written one way in the text and another in meta.yml left the
    # video without its picture, and nobody said so
    from PIL import Image

    folder = _story(root, "![De buurt op film](https://youtu.be/dQw4w9WgXcQ)")
    Image.new("RGB", (800, 450), (30, 120, 40)).save(folder / "buurt.jpg")
    meta = (folder / "meta.yml").read_text()
    (folder / "meta.yml").write_text(meta + "posters: {dQw4w9WgXcR: buurt.jpg}\n")
    problems = problems_of(root, strict=True)  # a warning
    one_problem(problems, "meta.yml:6:", "warning", "dQw4w9WgXcR", "dQw4w9WgXcQ")
    (folder / "meta.yml").write_text(meta + "posters: {dQw4w9WgXcQ: buurt.jpg}\n")
    assert problems_of(root, strict=True) == []
