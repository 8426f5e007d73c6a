"""An emitted project: one language's pages, ready for any engine (HTML with
front matter, and the menu as a plain tree). `write_tree` leaves unchanged
files alone: their modification times tell the engine's dirty mode what to rebuild."""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from generator import CONTENT_END, CONTENT_START
from generator.images.cards import CardSpec

# What YAML refuses to read raw, or reads as a line break, even inside a quoted
# string: DEL and C1 controls, line and paragraph separators, non-characters
_YAML_REFUSES = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class NavItem:
    """A menu entry: a page, or a section with children."""

    title: str
    path: str | None = None  # docs-relative Markdown file
    children: tuple["NavItem", ...] = ()


@dataclass
class EmittedPage:
    """One page: where it goes, its front matter and its content as HTML (one
    block the generator wrote, so an engine that renders Markdown passes it
    through unchanged)."""

    src: str  # its file, relative to the docs folder (stories/x/index.md)
    url: str  # its path under its language root (stories/x/)
    front: dict[str, Any]  # strings HTML-escaped already
    body: str
    source: Any = None  # the content file the page's text comes from, if any
    card: CardSpec | None = None  # what the page's social card shows, if it has one
    # The date of what it shows (a story's; the newest story's on a page of
    # stories), ISO 8601 at its own precision
    date: str | None = None

    def text(self) -> str:
        """Returns the file's text: front matter, then body between the content
        markers. What lies between them was written from content, so no inline
        script there is ever allowed (generator.site.csp); content cannot forge
        them: bodies lose their comments when they are cleaned, and every other
        text is escaped."""
        # JSON is YAML too (a flow mapping), so every engine reads it as front
        # matter; it is written many times faster. The few characters YAML
        # refuses to see raw are written as escapes.
        front = json.dumps(self.front, ensure_ascii=False, indent=1) + "\n"
        front = _YAML_REFUSES.sub(lambda m: f"\\u{ord(m.group()):04x}", front)
        return (f"---\n{front}---\n\n{CONTENT_START}\n<div class=\"pl-content\">\n"
                f"{self.body.strip()}\n</div>\n{CONTENT_END}\n")


@dataclass
class Project:
    """One language's site, emitted: its pages (by source path), its menu, and
    the static files the engine copies as they are (docs path -> text)."""

    lang: str
    root: str  # the language root within the whole site ("" or "en/")
    settings: dict[str, Any]  # for the engine: name, url, language, values for the theme
    pages: dict[str, EmittedPage] = field(default_factory=dict)
    nav: list[NavItem] = field(default_factory=list)
    files: dict[str, str | bytes] = field(default_factory=dict)

    def add(self, page: EmittedPage) -> None:
        assert page.src not in self.pages, f"two pages at {page.src}"  # a bug
        self.pages[page.src] = page


def write_tree(files: Mapping[str, str | bytes | Path], folder: Path, keep: tuple[str, ...] = (),
               prune: bool = True) -> int:
    """Makes `folder` hold exactly `files` (relative path -> text, bytes or a
    file to copy), rewriting only what changed; returns the number of files
    written. Top-level folders in `keep` are left alone (an engine's output
    inside); without `prune`, what `files` does not name is left too."""
    folder.mkdir(parents=True, exist_ok=True)
    written, made = 0, {folder}
    for rel, content in files.items():
        target = folder / rel
        data = content.encode("utf-8") if isinstance(content, str) else content
        if _holds(target, data):
            continue
        if target.parent not in made:  # a page's folder is made once, not once per file
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(data, Path):
            shutil.copyfile(data, target)  # streamed: a video is never held in memory
        else:
            target.write_bytes(data)
        written += 1
    if prune:
        _remove_others(folder, set(files), keep)
    return written


def _holds(target: Path, data: bytes | Path) -> bool:
    if not target.is_file():
        return False
    if isinstance(data, Path):
        return filecmp.cmp(data, target, shallow=False)
    return target.stat().st_size == len(data) and target.read_bytes() == data


def _remove_others(folder: Path, wanted: set[str], keep: tuple[str, ...]) -> None:
    for dirpath, dirnames, filenames in os.walk(folder, topdown=False):
        if keep and Path(dirpath).relative_to(folder).parts[:1] in [(k,) for k in keep]:
            continue
        for name in filenames:
            rel = Path(dirpath, name).relative_to(folder).as_posix()
            if rel not in wanted:
                os.unlink(os.path.join(dirpath, name))
        if dirpath != str(folder) and not os.listdir(dirpath):
            os.rmdir(dirpath)
