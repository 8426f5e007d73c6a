"""Checks every internal link of a built site: pages, files and anchors.

Engine-independent: it reads the HTML the build produced (raw HTML too, which
the engine's own link validation never sees), so a broken link is caught
whichever engine built the pages.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_ATTR = re.compile(r'\s(?:href|src)="([^"]*)"')
_SRCSET = re.compile(r'\ssrcset="([^"]*)"')
_ID = re.compile(r'\s(?:id|name)="([^"]+)"')
_SKIP = ("http:", "https:", "mailto:", "tel:", "data:", "javascript:", "//")


@dataclass(frozen=True)
class BrokenLink:
    """A link that leads nowhere.

    Attributes:
        page: The page it is on (a site path, e.g. en/stories/x/index.html).
        link: The link as written.
        reason: Why it is broken.
    """

    page: str
    link: str
    reason: str


def _targets(html: str) -> list[str]:
    found = _ATTR.findall(html)
    for srcset in _SRCSET.findall(html):
        found += [part.strip().split(" ")[0] for part in srcset.split(",") if part.strip()]
    return found


def check_site(site: Path, base_path: str = "/") -> list[BrokenLink]:
    """Returns every broken internal link in a built site.

    Args:
        site: The built site folder.
        base_path: The path the site is served under ("/cosie/"), for
            root-relative links (the 404 pages use them).
    """
    pages = {p.relative_to(site).as_posix(): p for p in site.rglob("*.html")}
    ids: dict[str, set[str]] = {}
    broken = []
    for rel, path in sorted(pages.items()):
        html = path.read_text(encoding="utf-8", errors="replace")
        ids[rel] = set(_ID.findall(html))
        for link in sorted(set(_targets(html))):
            reason = _check(site, rel, link, base_path, ids, pages)
            if reason:
                broken.append(BrokenLink(rel, link, reason))
    return broken


def _check(site: Path, page: str, link: str, base_path: str, ids: dict[str, set[str]],
           pages: dict[str, Path]) -> str | None:
    if not link or link.startswith(_SKIP) or link.startswith("/__pilots__/"):
        return None
    parts = urlsplit(link)
    target = _resolve(page, unquote(parts.path), base_path)
    if target is None:
        return "points outside the site"
    if (site / target).is_dir():  # a folder without its slash: servers redirect to it
        target = posixpath.join(target, "index.html")
    if parts.path and not (site / target).is_file():
        return "the target does not exist"
    if parts.fragment and target.endswith(".html"):
        known = ids.get(target)
        if known is None and target in pages:
            known = ids[target] = set(_ID.findall(pages[target].read_text(errors="replace")))
        if known is not None and unquote(parts.fragment) not in known:
            return f'there is no anchor "#{parts.fragment}" on that page'
    return None


def _resolve(page: str, path: str, base_path: str) -> str | None:
    if not path:
        return page
    if path.startswith("/"):
        if not path.startswith(base_path):
            return None
        path = path[len(base_path):]
        joined = posixpath.normpath(path) if path else "."
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined.startswith(".."):
        return None
    if path.endswith("/") or joined == ".":
        joined = posixpath.join(joined, "index.html") if joined != "." else "index.html"
    return joined
