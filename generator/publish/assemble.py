"""Assemble the whole site from the engine's per-language outputs, then swap
it into place: a failed build never touches the published folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.content.store import write_atomic
from generator.emit.project import Project
from generator.publish.sitemap import robots, sitemap


ENGINE_LEFTOVERS = {"sitemap.xml", "sitemap.xml.gz"}


def site_files(outputs: dict[str, Path], projects: list[Project], base_url: str,
               files: dict[str, Path], texts: dict[str, str]) -> dict[str, Path | str]:
    """Every file of the whole site: its path in the site -> the file to copy,
    or the text to write.

    Args:
        outputs: The engine's output folder per language.
        projects: The emitted projects, default language first.
        base_url: The site's address.
        files: Extra files: site path -> source file (images).
        texts: Extra text files: site path -> content (data, robots).
    """
    found: dict[str, Path | str] = {}
    languages = {p.root.rstrip("/") for p in projects if p.root}
    for project in projects:
        top, skip = outputs[project.lang], ENGINE_LEFTOVERS | (
            languages if not project.root else set())
        for dirpath, dirnames, filenames in os.walk(top):
            rel = os.path.relpath(dirpath, top).replace(os.sep, "/")
            if rel == ".":
                dirnames[:] = [d for d in dirnames if d not in skip]
                filenames = [f for f in filenames if f not in skip]
            prefix = project.root + ("" if rel == "." else rel + "/")
            found.update({prefix + name: Path(dirpath, name) for name in filenames})
    found.update(files)
    found.update(texts)
    found.update({"sitemap.xml": sitemap(projects, base_url), "robots.txt": robots(base_url)})
    return found


def assemble(stage: Path, planned: dict[str, Path | str]) -> None:
    """Writes the whole site in `stage`, afresh (see `site_files`)."""
    _remove(stage)
    made: set[Path] = set()
    for rel, source in planned.items():
        target = stage / rel
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        if isinstance(source, str):
            target.write_text(source, encoding="utf-8")
        else:
            shutil.copyfile(source, target)


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

    def update(self, planned: dict[str, Path | str], prune: bool = True) -> list[str]:
        """Brings the folder up to date; returns the paths written. Without
        `prune`, only the files planned are placed (and nothing removed)."""
        for rel in sorted(set(self.placed) - set(planned) if prune else ()):  # a file may become a folder
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
                _replace(self.folder / rel, source)
                written.append(rel)
            self.placed[rel] = mark
        return written


def _mark(source: Path | str) -> tuple:
    """What a source was when placed: its text, or its file's name, size and time."""
    if isinstance(source, str):
        return ("text", source)
    stat = source.stat()
    return (str(source), stat.st_size, stat.st_mtime_ns)


def _replace(target: Path, source: Path | str) -> None:
    """Writes a file in its place in one piece (a reader never sees half of it)."""
    write_atomic(target, source.encode("utf-8") if isinstance(source, str) else source.read_bytes())


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
