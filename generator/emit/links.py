"""Relative links between pages, so the site works under any path
(a project page on GitHub Pages, a local preview, a file server)."""

from __future__ import annotations


def relative(from_page: str, to: str) -> str:
    """Returns the link from a page to a target, both as site paths.

    Args:
        from_page: The page's path from the site root, a folder ending in "/"
            ("" for the home page, "en/stories/x/").
        to: The target's path from the site root: a page folder ending in "/"
            or a file ("media/a.webp").

    Returns:
        A relative URL ("../../pilots/houten/", "./").
    """
    base = from_page.rstrip("/").split("/") if from_page.strip("/") else []
    target = to.rstrip("/").split("/") if to.strip("/") else []
    common = 0  # posixpath.relpath would do, but asks the file system for the cwd each time
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    rel = "/".join([".."] * (len(base) - common) + target[common:]) or "."
    if to.endswith("/") or to == "":
        return "./" if rel == "." else rel + "/"
    return rel


def language_root(lang: str, default: str) -> str:
    """Returns a language's root within the site: "" for the default, else "en/"."""
    return "" if lang == default else f"{lang}/"
