"""The preview's bundles, kept between its rebuilds while their files stay as
they were: a save of one story then reads one folder, not three hundred.

A bundle is known by everything its reading depends on: its kind, the site's
languages, the folder's real path and, of each file in it (a bundle has no
subfolders it reads), its name, kind, identity, size and times, and a link's
target too. Its problems are kept with it and said again. Nothing is kept on
disk: a one-off build reads every bundle (generator.build).
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from pathlib import Path

from generator.content.bundle import Bundle, Kind, Reader, read_bundle
from generator.content.problems import Problems

# A file system keeps times to a tick (FAT to 2 s, HFS+ to 1 s, Linux before
# 6.13 to a few ms): a second save of the same size within the tick of a file
# saved just before its folder was read leaves every stamp as it was. Such a
# bundle (saved less than this long before it was read) is read again next time.
RECENT_NS = 3_000_000_000


class KeptBundles:
    """Bundles by folder, with what they were read from and the problems met."""

    def __init__(self) -> None:
        self._kept: dict[Path, tuple[tuple, Bundle | None, Problems]] = {}
        self._read: set[Path] = set()  # the folders read since forget_unread

    def read(self, kind: Kind, folder: Path, reader: Reader) -> Bundle | None:
        """The bundle in `folder`, read again only when a file of it changed."""
        stamp = _stamp(kind, folder, reader.context["languages"])
        kept = self._kept.get(folder)
        if stamp is None or kept is None or kept[0] != stamp:
            found = Problems(root=reader.problems.root)
            bundle = read_bundle(kind, folder, replace(reader, problems=found))
            kept = self._kept[folder] = (stamp, bundle, found)
        self._read.add(folder)
        reader.problems.take(kept[2])
        return kept[1]

    def forget_unread(self) -> None:
        """Forgets the folders not read since the last call: those renamed or
        deleted, so that a long preview keeps only what the content holds."""
        self._kept = {folder: kept for folder, kept in self._kept.items() if folder in self._read}
        self._read = set()


def _stamp(kind: Kind, folder: Path, languages: list[str]) -> tuple | None:
    """What a bundle was read from, or None when the folder cannot be listed
    (then it is read, and its reading says why) or a file of it was saved
    too lately to tell a next save by (then it is read now and next time)."""
    try:
        files, recent = [], time.time_ns() - RECENT_NS
        with os.scandir(folder) as entries:
            for entry in entries:
                info, target = entry.stat(follow_symlinks=False), _target(entry)
                linked = target[3:4] if target else ()  # the time of a link's target
                if max([info.st_mtime_ns, *linked]) > recent:
                    return None
                files.append((entry.name, info.st_mode, info.st_dev, info.st_ino, info.st_size,
                              info.st_mtime_ns, info.st_ctime_ns, target))
        return (kind.folder, tuple(languages), os.path.realpath(folder), tuple(sorted(files)))
    except (OSError, ValueError):
        return None


def _target(entry: os.DirEntry) -> tuple | None:
    """A link's target and what it leads to (None for anything else)."""
    if not entry.is_symlink():
        return None
    try:
        info = os.stat(entry.path)
        return (os.readlink(entry.path), info.st_ino, info.st_size, info.st_mtime_ns,
                info.st_ctime_ns)
    except OSError:
        return (os.readlink(entry.path),)
