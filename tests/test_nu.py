"""Valid HTML: the W3C Nu Html Checker (vnu-jar from npm, run with Java) finds no
error on any page of a built site, the fixture's or the repository's own.

Warnings are not a gate: the checker also reads each page's security policy as
if the files were served from disk, where 'self' matches nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.publish.valid_html import valid
from helpers import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_errors(*paths: Path, root: Path) -> list[str]:
    """The checker's errors on HTML files (or every page in folders), each as
    `file:line: message`, with the file relative to `root`."""
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("Java or vnu-jar is missing: run `make test` (it installs both)")
    result = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json",
                             "--skip-non-html", "--exit-zero-always", *map(str, paths)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]  # the checker reports on stderr
    found = []
    for message in messages:
        url = message.get("url", "")
        where = Path(url.removeprefix("file:")).resolve() if url.startswith("file:") else url
        rel = where.relative_to(root.resolve()) if isinstance(where, Path) else where
        found.append(f"{rel}:{message.get('lastLine', '?')}: {message['message']}")
    return found


def _pages(site: Path) -> list[Path]:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10, pages
    return pages


@pytest.mark.parametrize("which", ["basic_site", "repo_site"])
def test_no_page_has_an_html_error(which, request):
    site = request.getfixturevalue(which)
    errors = nu_errors(*_pages(site), root=site)
    assert errors == [], "\n".join(errors)


def test_the_checker_names_the_file_and_line_of_an_error(basic_site, tmp_path):
    page = tmp_path / "about" / "index.html"
    page.parent.mkdir()
    text = (basic_site / "about" / "index.html").read_text(encoding="utf-8")
    line = text[:text.index("</body>")].count("\n") + 1
    page.write_text(text.replace("</body>", '<div tabindex="">x</div></body>', 1), encoding="utf-8")
    errors = nu_errors(page, root=tmp_path)
    assert len(errors) == 1 and errors[0].startswith(f"about/index.html:{line}: "), errors
    assert "tabindex" in errors[0]


def test_the_themes_invalid_attributes_are_taken_out_and_nothing_else():
    page = ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
            'autocomplete="off"><input type="text" name="q" autocomplete="off">'
            '<label class="md-nav__link " for="__nav_2" id="__nav_2_label" tabindex="">'
            '<label for="x" tabindex="0">')
    assert valid(page) == ('<input class="md-toggle" data-md-toggle="drawer" type="checkbox" '
                           'id="__drawer"><input type="text" name="q" autocomplete="off">'
                           '<label class="md-nav__link " for="__nav_2" id="__nav_2_label">'
                           '<label for="x" tabindex="0">')
