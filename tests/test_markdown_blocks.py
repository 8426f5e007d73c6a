"""Images and headings in list items: the generator reads a body's blocks as
Python-Markdown does (generator.site.marks), so a picture indented as the
continuation of a list item is a picture, and indented code stays code.

Editors write steps with pictures; Python-Markdown needs the picture indented
four spaces to keep it in its item, which the finder took for code: the
picture was refused as "an <img> element" at the text's first line."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.build import Paths, build
from generator.site import prose as markup
from helpers import all_problems, make_project, minimal, problems_of, soup, write
from test_nu import nu_errors

STEPS = ("1. We gingen langs de flats.\n\n"
         "    ![Bewoners bij de container](containers.jpg \"Foto: de buurt\")\n\n"
         "2. Daarna spraken we de bewoners.\n")


def _story(root: Path, nl: str, en: str) -> Path:
    folder = minimal(root) / "stories" / "een"
    write(folder, "nl.md", f"---\ntitle: Een verhaal\nsummary: Kort.\n---\n{nl}")
    write(folder, "en.md", f"---\ntitle: A story\nsummary: Short.\n---\n{en}")
    return folder


def test_a_picture_in_a_list_item_is_published_as_a_figure_in_the_item(tmp_path: Path):
    root = make_project(tmp_path / "project")
    folder = _story(root, STEPS, STEPS.replace("containers.jpg", "<containers.jpg>"))
    Image.new("RGB", (1200, 800), (30, 120, 40)).save(folder / "containers.jpg")
    assert problems_of(root, strict=True) == []
    build(Paths(root))
    page = root / "site" / "stories" / "een" / "index.html"
    figure = soup(page).select_one("ol > li > figure")
    assert figure is not None and figure.find("img")["alt"] == "Bewoners bij de container"
    assert figure.find("figcaption").get_text(strip=True) == "Foto: de buurt"
    assert nu_errors(page, root=root) == []


def test_a_missing_picture_in_a_list_item_is_named_at_its_line(tmp_path: Path):
    root = make_project(tmp_path / "project")
    _story(root, STEPS, "Text.\n")
    (problem,) = problems_of(root)
    assert "nl.md:7:" in problem and "containers.jpg" in problem and "<img>" not in problem


def test_indented_code_stays_code():
    # after a paragraph, or eight spaces into a list item, four spaces are code
    for body in ("Zo schrijf je een foto:\n\n    ![Wat het toont](foto.jpg)\n",
                 "1. Zo schrijf je een foto:\n\n        ![Wat het toont](foto.jpg)\n"):
        analysis = markup.analyse(markup.Text(body))
        assert analysis.images == () and analysis.rendered.offences == ()
        assert "<pre><code>![Wat het toont](foto.jpg)\n</code></pre>" in analysis.rendered.html


def test_a_heading_in_a_list_item_is_checked_at_its_line(tmp_path: Path):
    root = make_project(tmp_path / "project")
    _story(root, "1. Stap een.\n\n    # Wat we deden\n\n    Tekst.\n", "Text.\n")
    warnings = [p.format() for p in all_problems(root) if "a # heading" in p.message]
    assert len(warnings) == 1 and "nl.md:7:" in warnings[0], warnings


# Lines editors write, and some they should not; each image names its own file
_LINES = ["Tekst.", "Nog een regel tekst.", "1. Stap.", "2. Stap.", "- Punt.", "* Punt.",
          "> Citaat.", "## Kop", "###Kop", "# Titel", "Kop", "---", "===", "-",
          "```\nx\n```", "~~~\n![Foto]({0}.jpg)\n~~~", "!!! note",
          "[^1]: Noot.", "Tekst.[^1]", "| a | b |", "|---|---|",
          "<h3>Kop</h3>", "1. ## Kop", "- # Kop",
          "![Foto]({0}.jpg)", '![Foto]({0}.jpg "Bijschrift")', "Zie ![foto]({0}.jpg) hier.",
          "`![code]({0}.jpg)`", "- ![Foto]({0}.jpg)", "1. ![Foto]({0}.jpg)", "> ![Foto]({0}.jpg)",
          "    ![Foto]({0}.jpg)", "", ""]
_INDENTS = ["", "", " ", "  ", "   ", "    ", "    ", "     ", "      ", "        ", "\t",
            "            "]


@st.composite
def _bodies(draw) -> str:
    lines = draw(st.lists(st.tuples(st.sampled_from(_INDENTS), st.sampled_from(_LINES)),
                          max_size=16))
    return "\n".join(indent + line.format(f"f{n}") if line else ""
                     for n, (indent, line) in enumerate(lines)) + "\n"


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_bodies())
def test_images_and_headings_are_those_python_markdown_renders(body: str):
    # a rule above a rule may be a heading "---", which the generator does not look for
    # (tabs as Python-Markdown reads them: four columns)
    assume(not re.search(r"^[ >]*[=-]+ *\n[ >]*[=-]+ *$", body.expandtabs(4), re.MULTILINE))
    converter = markup._converter("Back to the text")  # the site's own
    converter.reset()
    rendered = converter.convert(body)
    analysis = markup.analyse(markup.Text(body))
    # (footnotes go to the end of the page)
    assert sorted(i.src for i in analysis.images) == sorted(
        re.findall(r'<img alt="[^"]*" src="([^"]*)"', rendered))
    # a line underlined that a mark would change is not looked at (mdrefs._NOT_TITLE)
    if not re.search(r"^.*(?:<|!!!|```|~~~|\]:|\|).*\n[ >]*[=-]+ *$", body.expandtabs(4), re.M):
        assert sorted(h.level for h in analysis.headings) == sorted(
            int(level) for level in re.findall(r"<h([1-6])[\s>]", rendered))
    lines = body.split("\n")
    assert all(i.src in lines[i.line - 1] for i in analysis.images)
    # the marks change nothing but what they are for (but the end of a code span that
    # runs over its line into a marked one, which keeps its line break)
    again = markup.render(body.expandtabs(4), analysis.images)
    assert [re.sub(r"\s+</code>", "</code>", r.html) for r in (again, analysis.rendered)] == [
        re.sub(r"\s+</code>", "</code>", again.html)] * 2
    assert again.offences == analysis.rendered.offences
