"""Helpers for tests: real content trees in temporary folders, real builds."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.build import Paths, check

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# The repository's site is served under its address's path, as GitHub Pages serves it: the
# address is base_url in site.yml, the one every build uses (see .github/workflows/publish.yml)
REPO_PATH = urlsplit(yaml.safe_load((REPO / "content" / "site.yml").read_text())["base_url"]).path


def make_project(folder: Path, content: Path | None = None) -> Path:
    """Makes a site folder: the repository's mkdocs.yml and theme, given content.

    Args:
        folder: An empty folder.
        content: A content folder to copy (none: an empty content/).
    """
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(REPO / "theme", folder / "theme")
    if content is not None:
        shutil.copytree(content, folder / "content")
    else:
        (folder / "content").mkdir()
    return folder


def write(root: Path, rel: str, text: str) -> Path:
    """Writes a file (dedented) under root, creating folders."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def minimal(root: Path) -> Path:
    """Writes a minimal valid content tree into root/content and returns it."""
    content = root / "content"
    write(content, "site.yml", """
        title: {nl: Testsite, en: Test site}
        languages: [nl, en]
        base_url: https://example.org/site/
        """)
    write(content, "taxonomies.yml", """
        themes:
          work: {label: {nl: Werk, en: Work}}
        target_groups:
          job-seekers: {label: {nl: Werkzoekenden, en: Job seekers}}
        intervention_types:
          meeting: {label: {nl: Bijeenkomst, en: Meeting}, color: "#1f77b4", icon: users}
        """)
    write(content, "pilots/houten/meta.yml", """
        country: NL
        place: Houten
        location: {lat: 52.028, lon: 5.168}
        period: {start: 2019-01, end: 2019-11}
        status: finished
        themes: [work]
        target_groups: [job-seekers]
        """)
    write(content, "pilots/houten/nl.md", "---\ntitle: Houten\nsummary: Werk.\n---\nTekst.\n")
    write(content, "pilots/houten/en.md", "---\ntitle: Houten\nsummary: Work.\n---\nText.\n")
    write(content, "stories/een/meta.yml", """
        pilot: houten
        date: 2019-05-10
        format: article
        narrator: {name: "Anonymous"}
        consent: {given: true, date: 2019-05-01}
        themes: [work]
        """)
    write(content, "stories/een/nl.md", "---\ntitle: Een verhaal\nsummary: Kort.\n---\nTekst.\n")
    write(content, "stories/een/en.md", "---\ntitle: A story\nsummary: Short.\n---\nText.\n")
    return content


def pilots_in(root: Path, *args: str, lang: str = "en_GB.UTF-8") -> subprocess.CompletedProcess:
    """Runs `pilots` in a content tree with a LANG, as an editor's terminal would
    (a mkdocs.yml is made when there is none: `pilots` finds the site by it)."""
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text("site_name: test\n")
    return subprocess.run([sys.executable, "-m", "generator.commands.cli", *args], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "LANG": lang})


def problems_of(root: Path, strict: bool = False) -> list[str]:
    """Checks root's content; returns the failing problems, formatted."""
    _, problems = check(Paths(root))
    return [p.format() for p in problems.failing(strict)]


def one_problem(problems: list[str], *needles: str) -> str:
    """Returns the first problem that contains every needle; fails naming them if none does."""
    found = [p for p in problems if all(n in p for n in needles)]
    assert found, f"no problem with {needles} in:\n" + "\n".join(problems)
    return found[0]


def all_problems(root: Path) -> list:
    """Checks root's content; returns every Problem, notices included."""
    _, problems = check(Paths(root))
    return problems.items


def soup(path: Path):
    """Parses an HTML file."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def page(site: Path, url: str) -> Path:
    """Returns the HTML file of a page path ("en/stories/x/")."""
    return site / url / "index.html" if url.endswith("/") or not url else site / url


def resolve_link(from_url: str, href: str) -> str:
    """Resolves a relative link from a page path to a site path."""
    import posixpath

    base = posixpath.join("/", from_url)
    target = posixpath.normpath(posixpath.join(base if base.endswith("/") else posixpath.dirname(base), href))
    target = target.lstrip("/")
    return target + "/" if href.endswith("/") and target else target


def site_files(site: Path) -> dict[str, bytes]:
    """Returns every file of a built site: path -> bytes."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def unpublished_markers(content: Path) -> dict[str, list[str]]:
    """What would show that a record that must not be published was: for every
    draft, and every story without consent, its folder path and its titles and
    summaries. Read with plain YAML, independently of the generator.

    Returns:
        "kind/id" -> the texts to look for.
    """
    found = {}
    for meta_path in sorted(content.glob("*/*/meta.yml")):
        meta = yaml.safe_load(meta_path.read_text(encoding="utf-8")) or {}
        kind, rid = meta_path.parent.parent.name, meta_path.parent.name
        consent = meta.get("consent") or {}
        if meta.get("draft") is True or (kind == "stories" and consent.get("given") is not True):
            found[f"{kind}/{rid}"] = [f"{kind}/{rid}/", *_front_texts(meta_path.parent)]
    return found


def _front_texts(bundle: Path) -> list[str]:
    texts = []
    for md in sorted(bundle.glob("*.md")):
        front = yaml.safe_load(md.read_text(encoding="utf-8").split("---")[1]) or {}
        for key in ("title", "summary"):
            value = str(front.get(key) or "")
            if len(value) >= 12:  # short texts could occur on other pages by chance
                texts += sorted({value, html.escape(value, quote=False), html.escape(value)})
    return texts


def unpublished_leaks(site: Path, content: Path) -> list[str]:
    """Every output file that shows a draft or a story without consent, naming it."""
    markers = unpublished_markers(content)
    leaks = []
    for rel, data in site_files(site).items():
        text = data.decode("utf-8", errors="replace")
        for record, needles in markers.items():
            hits = [n for n in needles if n in text]
            if hits:
                leaks.append(f"{rel} shows unpublished {record} ({hits[0]!r})")
    return leaks
