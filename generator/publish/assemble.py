"""Assemble the whole site from the engine's per-language outputs, with what
search engines read (the sitemap, every page in every language with its
alternates, and robots.txt), then swap it into place: a failed build never
touches the published folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.content.store import write_atomic
from generator.emit.project import Project, write_tree

ENGINE_LEFTOVERS = {"sitemap.xml", "sitemap.xml.gz"}
Planned = dict[str, Path | str | bytes]  # site path -> the file to copy, or what to write


def site_files(outputs: dict[str, Path], projects: list[Project], base_url: str,
               files: dict[str, Path], texts: dict[str, str | bytes]) -> Planned:
    """Every file of the whole site, its path in the site -> the file to copy
    or the text to write: the engine's `outputs` (a folder per language), the
    extra `files` (images) and `texts` (data), and the sitemap and robots.txt
    of the `projects` (the default language's first) at `base_url`."""
    found: dict[str, Path | str] = {}
    languages = {p.root.rstrip("/") for p in projects if p.root}
    for project in projects:
        top, skip = outputs[project.lang], ENGINE_LEFTOVERS | (set() if project.root else languages)
        for dirpath, dirnames, filenames in os.walk(top):
            rel = os.path.relpath(dirpath, top).replace(os.sep, "/")
            if rel == ".":
                dirnames[:] = [d for d in dirnames if d not in skip]
                filenames = [f for f in filenames if f not in skip]
            prefix = project.root + ("" if rel == "." else rel + "/")
            found.update({prefix + name: Path(dirpath, name) for name in filenames})
    return {**found, **files, **texts, "sitemap.xml": sitemap(projects, base_url),
            "robots.txt": robots(base_url)}


def sitemap(projects: list[Project], base_url: str) -> str:
    """Returns a sitemap listing every page of every language's project (the
    same pages in each) at `base_url` (ending in "/"), with hreflang alternates
    and the date of what a page shows when it has one (a story's): never the
    time of the build, so that two builds write the same sitemap."""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    dates = {page.url: page.date for project in reversed(projects)
             for page in project.pages.values() if page.date}
    for url in sorted({page.url for project in projects for page in project.pages.values()}):
        hrefs = [(p.lang, base_url + p.root + url) for p in projects]
        links = [f'<xhtml:link rel="alternate" hreflang={quoteattr(lang)} '
                 f"href={quoteattr(href)}/>" for lang, href in [*hrefs, ("x-default", hrefs[0][1])]]
        lastmod = [f"<lastmod>{dates[url]}</lastmod>"] if url in dates else []
        for _lang, href in hrefs:
            lines += [f"<url><loc>{escape(href)}</loc>", *lastmod, *links, "</url>"]
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots(base_url: str) -> str:
    """Returns robots.txt: everything may be indexed; here is the sitemap."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n"


def assemble(stage: Path, planned: Planned) -> None:
    """Writes the whole site in `stage`, afresh (see `site_files`)."""
    _remove(stage)
    write_tree(planned, stage, prune=False)


class Mirror:
    """Keeps a folder equal to the site as planned, copying only what changed
    since the last update by this same object (the preview's served folder:
    what it placed is known in memory only, so a new preview copies all, and
    removes what it does not plan)."""

    def __init__(self, folder: Path):
        self.folder = folder
        # what an earlier preview left in the folder: removed unless planned, then copied
        self.placed: dict[str, tuple] = {
            path.relative_to(folder).as_posix(): () for path in folder.rglob("*")
            if path.is_file() or path.is_symlink()} if folder.is_dir() else {}

    def update(self, planned: Planned, prune: bool = True) -> list[str]:
        """Brings the folder up to date; returns the paths written. Without
        `prune`, only the files planned are placed (and nothing removed)."""
        gone = set(self.placed) - set(planned) if prune else set()
        for rel in sorted(gone):  # a file may become a folder
            (self.folder / rel).unlink(missing_ok=True)
            del self.placed[rel]
            for parent in (self.folder / rel).parents:  # and a folder a file
                if parent == self.folder or any(parent.iterdir()):
                    break
                parent.rmdir()
        written = []
        for rel, source in planned.items():
            mark = _mark(source)
            if self.placed.get(rel) != mark or not (self.folder / rel).is_file():
                # in one piece: a reader never sees half of a file
                write_atomic(self.folder / rel, source.encode("utf-8") if isinstance(source, str)
                             else source.read_bytes() if isinstance(source, Path) else source)
                written.append(rel)
            self.placed[rel] = mark
        return written


def _mark(source: Path | str | bytes) -> tuple:
    """What a source was when placed: its text, or its file's name, size and time."""
    if not isinstance(source, Path):
        return ("text", source)
    stat = source.stat()
    return (str(source), stat.st_size, stat.st_mtime_ns)


def swap(stage: Path, target: Path) -> None:
    """Replaces `target` by `stage` (two renames; the old site is removed)."""
    old = target.with_name(target.name + ".old")
    _remove(old)
    if target.exists() or target.is_symlink():
        target.rename(old)
    stage.rename(target)
    _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
