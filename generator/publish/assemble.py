"""Assemble the whole site from the engine's per-language outputs, then swap
it into place: a failed build never touches the published folder."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.emit.project import Project
from generator.publish.sitemap import robots, sitemap


def copy_tree(source: Path, target: Path, skip: set[str] = frozenset()) -> None:
    """Copies a folder.

    Args:
        source: The folder to copy.
        target: Where to copy it.
        skip: Top-level names to leave out.
    """
    for dirpath, dirnames, filenames in os.walk(source):
        rel = Path(dirpath).relative_to(source)
        if rel == Path("."):
            dirnames[:] = [d for d in dirnames if d not in skip]
            filenames = [f for f in filenames if f not in skip]
        (target / rel).mkdir(parents=True, exist_ok=True)
        for name in filenames:
            place_file(Path(dirpath, name), target / rel / name)


def place_file(source: Path, target: Path) -> None:
    """Copies a file into place. Never a hard link: the published file would
    be the cached one, and whatever changed it in site/ (or filled it in
    there) would change the cache, and so every later build."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


ENGINE_LEFTOVERS = {"sitemap.xml", "sitemap.xml.gz"}


def assemble(stage: Path, outputs: dict[str, Path], projects: list[Project],
             base_url: str, files: dict[str, Path], texts: dict[str, str]) -> None:
    """Builds the whole site in `stage`.

    Args:
        stage: An empty folder to build in.
        outputs: The engine's output folder per language.
        projects: The emitted projects, default language first.
        base_url: The site's address.
        files: Extra files to place: site path -> source file (images).
        texts: Extra text files: site path -> content (data, robots).
    """
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    for project in projects:
        languages = {p.root.rstrip("/") for p in projects if p.root}
        skip = ENGINE_LEFTOVERS | (languages if not project.root else set())
        copy_tree(outputs[project.lang], stage / project.root, skip)
    for rel, source in files.items():
        place_file(source, stage / rel)
    texts = {**texts, "sitemap.xml": sitemap(projects, base_url), "robots.txt": robots(base_url)}
    for rel, text in texts.items():
        (stage / rel).parent.mkdir(parents=True, exist_ok=True)
        (stage / rel).write_text(text, encoding="utf-8")


def swap(stage: Path, target: Path) -> None:
    """Replaces `target` by `stage` (two renames; the old site is removed after)."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    stage.rename(target)
    if old.exists():
        shutil.rmtree(old)
