"""Checks every internal link of a built site: pages, files and anchors; a
broken link is reported at the content file (and line) it came from. It reads
the HTML the build produced (raw HTML too, which the engine's own link
validation never sees), so a broken link is caught whichever engine built it.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from generator.content.boundary import Boundary, Refused
from generator.content.messages import _
from generator.content.problems import Problem, Problems
from generator.emit.project import Project
from generator.site.references import web_address_hint

# One pass over a page finds its links and its anchors (id and name).
_ATTRS = re.compile(r'\s(href|src|srcset|id|name)="([^"]*)"')
_SKIP = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "//")


class BrokenLink(NamedTuple):
    """A link (as written) that leads nowhere, the page it is on (a site path,
    en/stories/x/index.html) and why."""

    page: str
    link: str
    reason: str


def _scan(page: str) -> tuple[set[str], set[str]]:
    """A page's link targets and its anchors, as the browser reads them (&amp; is &)."""
    found = [(name, html.unescape(value)) for name, value in _ATTRS.findall(page)]
    targets = {value for name, value in found if name in ("href", "src")}
    targets.update(part.strip().split(" ")[0] for name, value in found if name == "srcset"
                   for part in value.split(",") if part.strip())
    return targets, {value for name, value in found if name in ("id", "name") and value}


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Returns every broken internal link in a built site, served under
    `base_path` ("/cosie/"; root-relative links use it: the 404 pages')."""
    files = set()
    for dirpath, _dirnames, filenames in os.walk(site):
        rel = os.path.relpath(dirpath, site).replace(os.sep, "/")
        files.update(posixpath.join("" if rel == "." else rel, f) for f in filenames)
    pages = sorted(f for f in files if f.endswith(".html"))
    scans = {page: _scan((site / page).read_text(encoding="utf-8", errors="replace"))
             for page in pages}
    ids = {page: page_ids for page, (_targets, page_ids) in scans.items()}
    broken, verdicts = [], {}  # pages share most links (menus, cards): each is judged once
    for page in pages:
        for link in sorted(scans[page][0]):
            # a link to the page itself is judged on each page
            key = (page, link, "") if link[:1] in ("", "#", "?") else _same_target(
                page.rpartition("/")[0], link)
            if key not in verdicts:
                verdicts[key] = _check(files, ids, page, link, base_path)
            if verdicts[key]:
                broken.append(BrokenLink(page, link, verdicts[key]))
    return broken


def _same_target(folder: str, link: str) -> tuple[str, str]:
    """A key shared by every (page folder, link) that leads to the same place:
    "../x/" from stories/a leads where "x/" from stories does."""
    if link.startswith(("/",) + _SKIP):
        return "", link
    while link.startswith("../") and folder:
        folder, link = folder.rpartition("/")[0], link[3:]
    return folder, link


def _check(files: set[str], ids: dict[str, set[str]], page: str, link: str,
           base_path: str) -> str | None:
    """Why a link leads nowhere, given the site's files and each page's anchors."""
    if not link or link.startswith(_SKIP) or link.startswith("/__pilots__/"):
        return None
    parts = urlsplit(link)
    target = _resolve(page, unquote(parts.path), base_path)
    if target is None:
        return _("points outside the site")
    if target not in files:  # a folder without its slash: servers redirect to it
        target = posixpath.join(target, "index.html")
    if target not in files:
        return _("the target does not exist")
    if parts.fragment and target.endswith(".html"):
        if unquote(parts.fragment) not in ids[target]:
            return _('there is no anchor "#{anchor}" on that page').format(anchor=parts.fragment)
    return None


def _resolve(page: str, path: str, base_path: str) -> str | None:
    if not path:
        return page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        path = path[len(base_path):]
    else:
        path = posixpath.join(posixpath.dirname(page), path)
    joined = posixpath.normpath(path)  # "." for the site's root
    if joined.startswith(".."):
        return None
    if joined == ".":
        return "index.html"
    return posixpath.join(joined, "index.html") if path.endswith("/") else joined


def link_problems(stage: Path, projects: list[Project], base_path: str, root: Path,
                  known: list[Problem]) -> list[Problem]:
    """Checks the links of the assembled site (`stage`, served under
    `base_path`); returns one warning per broken link, pointing at the content
    file (and line) it came from where possible: every language's pages
    (`projects`) name their files, in the project folder `root`. A link the
    content check has already reported at the same line (it checks links
    between records first; `known`) is not reported again."""
    sources = {p.root + page.url + "index.html": page.source
               for p in projects for page in p.pages.values()}
    problems, boundary = Problems(root=root), Boundary(root / "content")
    for link in check_site(stage, base_path):
        source, line = _where(sources.get(link.page), link.link, boundary)
        problems.add(source or link.page, line, _("broken link {link} on {page}: {reason}")
                     .format(link=link.link, page=link.page, reason=link.reason),
                     web_address_hint(link.link) or
                     _("correct the link; links to pages end in /, e.g. ../other-story/"),
                     level="warning")
    seen = {(p.path, p.line) for p in known}
    return [p for p in problems.items if (p.path, p.line) not in seen]


def _where(source: Path | None, link: str, boundary: Boundary) -> tuple[Path | None, int | None]:
    """The file and line a link of a page is written on: its text (`source`,
    nl.md), else a transcript the page shows (interview.nl.md beside it)."""
    if source is None:
        return None, None
    for path in [source, *sorted(source.parent.glob("*." + source.name))]:
        try:
            lines = boundary.read_text(path, link_ok=False).splitlines()
        except Refused:
            continue
        if found := next((n for n, line in enumerate(lines, 1)
                          if link in line or link in html.unescape(line)), None):
            return path, found
    return source, None
