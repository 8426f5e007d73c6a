"""Assemble the whole site from the engine's per-language outputs, then swap
it into place: a failed build never touches the published folder."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path
from typing import Callable

from generator.emit.project import Project
from generator.publish.sitemap import robots, sitemap


class Placer:
    """Brings a folder up to date as the next site, touching only what changed.

    The folder is the site from the build before last (kept by `swap`), or a
    new one. A file the current site already holds exactly as this build
    would place it is hard-linked from there: it came from the same source
    file as now (same path, size and times) and is still the file that build
    placed (same inode, size, modification and change time), so a file
    changed in the site folder by hand, even with its time set back, or
    given another mode, is copied afresh. Nothing is ever written through a link (a file
    is removed before it is replaced), and nothing is linked to a cache or to
    the engine's output, so no change made in the site folder can reach them.
    Reusing the folder saves making and removing a folder per page, which
    can cost a millisecond each on a busy disk.

    Args:
        record: Where the last assembled site's files are listed.
        current: The site being replaced (site/).
    """

    def __init__(self, record: Path | None = None, current: Path | None = None):
        self.record, self.current = record, current
        self.last = self._load()
        self.placed: dict[str, list] = {}
        self.present: dict[str, int] = {}  # what the reused folder holds: inode per file
        self.folders: set[str] = set()
        self.linked = 0

    def _load(self) -> dict:
        try:
            state = json.loads(self.record.read_text(encoding="utf-8"))
        except (AttributeError, OSError, ValueError):
            return {}
        if not isinstance(state, dict) or state.get("site") != str(self.current):
            return {}
        files = state.get("files")
        return files if isinstance(files, dict) else {}

    def start(self, stage: Path, spare: Path | None) -> None:
        """Makes `stage` from a leftover stage, else the spare site, else anew."""
        if not stage.is_dir() and spare is not None and spare.is_dir():
            try:
                spare.rename(stage)
            except OSError:  # another file system: start afresh
                shutil.rmtree(spare)
        if stage.is_symlink() or (stage.exists() and not stage.is_dir()):
            stage.unlink()
        stage.mkdir(parents=True, exist_ok=True)
        for dirpath, dirnames, filenames in os.walk(stage):
            rel = os.path.relpath(dirpath, stage).replace(os.sep, "/")
            prefix = "" if rel == "." else rel + "/"
            self.folders.update(prefix + d for d in dirnames)
            for name in filenames:
                self.present[prefix + name] = os.lstat(os.path.join(dirpath, name)).st_ino
            for name in dirnames:  # a link to a folder is a file here, never entered
                if os.path.islink(os.path.join(dirpath, name)):
                    self.present[prefix + name] = -1
                    self.folders.discard(prefix + name)

    def place(self, source: Path, stage: Path, rel: str) -> None:
        """Places a copy of a file at `stage`/`rel`."""
        stat = os.stat(source)
        origin = [str(source), stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
        self._put(stage, rel, origin, lambda target: shutil.copyfile(source, target))

    def write(self, stage: Path, rel: str, text: str) -> None:
        """Writes a text file at `stage`/`rel`."""
        origin = ["text", hashlib.sha256(text.encode("utf-8")).hexdigest()]
        self._put(stage, rel, origin, lambda target: target.write_text(text, encoding="utf-8"))

    def _put(self, stage: Path, rel: str, origin: list, make: Callable[[Path], object]) -> None:
        reuse = self._reusable(rel, origin)
        target = self._clear(stage, rel, keep=reuse)
        if reuse is None or self.present.get(rel) != reuse:
            if reuse is not None and self._link(rel, target):
                self.linked += 1
            else:
                make(target)
        self.present.pop(rel, None)
        self.placed[rel] = [origin, _mark(os.lstat(target))]

    def _reusable(self, rel: str, origin: list) -> int | None:
        """The inode of the current site's file, if it is what this build would place."""
        last = self.last.get(rel)
        if not isinstance(last, list) or len(last) != 2 or last[0] != origin or self.current is None:
            return None
        try:
            stat = os.lstat(self.current / rel)
        except OSError:
            return None
        return stat.st_ino if _mark(stat) == last[1] else None

    def _link(self, rel: str, target: Path) -> bool:
        try:
            os.link(self.current / rel, target)
            return True
        except OSError:  # gone, or a file system without hard links
            return False

    def _clear(self, stage: Path, rel: str, keep: int | None) -> Path:
        """Makes room for `rel`: its folder exists, and no other file or folder
        is in its place (unless it is already the inode `keep`)."""
        folder, _, _ = rel.rpartition("/")
        if folder and folder not in self.folders:
            self._folder(stage, folder)
        target = stage / rel
        if rel in self.folders:  # a folder where a file must be
            shutil.rmtree(target)
            inside = rel + "/"
            self.folders = {f for f in self.folders if f != rel and not f.startswith(inside)}
            self.present = {f: i for f, i in self.present.items() if not f.startswith(inside)}
        elif rel in self.present and self.present[rel] != keep:
            target.unlink()
            del self.present[rel]
        return target

    def _folder(self, stage: Path, folder: str) -> None:
        parts = folder.split("/")
        for depth in range(1, len(parts) + 1):
            rel = "/".join(parts[:depth])
            if rel in self.folders:
                continue
            if rel in self.present:  # a file where a folder must be
                (stage / rel).unlink()
                del self.present[rel]
            (stage / rel).mkdir(exist_ok=True)
            self.folders.add(rel)

    def copy_tree(self, source: Path, stage: Path, prefix: str, skip: set[str]) -> None:
        """Places a folder's files under `prefix`, leaving out the top-level names in `skip`."""
        for dirpath, dirnames, filenames in os.walk(source):
            rel = os.path.relpath(dirpath, source)
            if rel == ".":
                dirnames[:] = [d for d in dirnames if d not in skip]
                filenames = [f for f in filenames if f not in skip]
            folder = prefix + ("" if rel == "." else rel.replace(os.sep, "/") + "/")
            for name in filenames:
                self.place(Path(dirpath, name), stage, folder + name)

    def finish(self, stage: Path) -> None:
        """Removes what the reused folder held but this build did not place,
        and lists what was placed for the next build."""
        for rel in self.present:
            (stage / rel).unlink()
        for rel in sorted(self.folders, key=lambda f: -f.count("/")):
            try:
                os.rmdir(stage / rel)  # only the ones left empty
            except OSError:
                pass
        if self.record is not None:
            self.record.parent.mkdir(parents=True, exist_ok=True)
            self.record.write_text(json.dumps({"site": str(self.current), "files": self.placed}),
                                   encoding="utf-8")


def _mark(stat: os.stat_result) -> list[int]:
    """What a placed file must still show to be reused: its inode, size and
    times. The change time cannot be set back by hand, and moves with every
    write, chmod or chown (a link shares all of them)."""
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]


ENGINE_LEFTOVERS = {"sitemap.xml", "sitemap.xml.gz"}


def assemble(stage: Path, outputs: dict[str, Path], projects: list[Project],
             base_url: str, files: dict[str, Path], texts: dict[str, str],
             placer: Placer | None = None, spare: Path | None = None) -> None:
    """Builds the whole site in `stage`.

    Args:
        stage: Where to build it (made, or brought up to date).
        outputs: The engine's output folder per language.
        projects: The emitted projects, default language first.
        base_url: The site's address.
        files: Extra files to place: site path -> source file (images).
        texts: Extra text files: site path -> content (data, robots).
        placer: Places the files (by default, copies them all).
        spare: The site before the current one (see `swap`), to reuse.
    """
    placer = placer or Placer()
    placer.start(stage, spare)
    for project in projects:
        languages = {p.root.rstrip("/") for p in projects if p.root}
        skip = ENGINE_LEFTOVERS | (languages if not project.root else set())
        placer.copy_tree(outputs[project.lang], stage, project.root, skip)
    for rel, source in files.items():
        placer.place(source, stage, rel)
    texts = {**texts, "sitemap.xml": sitemap(projects, base_url), "robots.txt": robots(base_url)}
    for rel, text in texts.items():
        placer.write(stage, rel, text)
    placer.finish(stage)


def swap(stage: Path, target: Path, spare: Path | None = None) -> None:
    """Replaces `target` by `stage` (two renames). The replaced site is kept
    as `spare` for the next build to bring up to date, or else removed."""
    old = target.with_name(target.name + ".old")
    for leftover in (old, spare):
        if leftover is not None and (leftover.exists() or leftover.is_symlink()):
            _remove(leftover)
    if target.exists():
        target.rename(old)
    stage.rename(target)
    if old.exists() and spare is not None:
        try:
            spare.parent.mkdir(parents=True, exist_ok=True)
            old.rename(spare)
        except OSError:  # another file system
            pass
    if old.exists():
        shutil.rmtree(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
