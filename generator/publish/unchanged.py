"""Whether a build would write exactly what the site folder already holds.

A build's output depends only on its inputs: the files of content/, theme/
and mkdocs.yml, the generator itself, the packages it drives, its options,
the language of its messages and the date (the timelines mark today). When
their fingerprint equals the one recorded by the last successful build, and
the site folder still holds exactly the files that build wrote, the build is
skipped and the last build's problems are reported again.

Files are hashed by content, and folders and symbolic links are counted by
name and target; a file whose size and times did not change since the last
build keeps its recorded hash, so an unchanged build reads no file twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import asdict
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.content.problems import Problem

# The packages whose versions the output depends on (besides the engine's)
PACKAGES = ("pilot-stories", "jinja2", "markdown", "nh3", "pillow", "folium", "pagefind",
            "pyyaml", "pydantic")
_STATE_VERSION = "1"


class Unchanged:
    """The inputs of one build, compared with the last successful one.

    Args:
        stamp: Where the last successful build's fingerprint is kept.
        folders: Every input file or folder.
        settings: Everything else the output depends on (options, engine, language).
    """

    def __init__(self, stamp: Path, folders: list[Path], settings: dict):
        self.stamp, self.folders = stamp, folders
        self.settings = {**settings, "packages": _versions(), "state": _STATE_VERSION,
                         "today": dt.date.today().isoformat(),
                         "epoch": os.environ.get("SOURCE_DATE_EPOCH", "")}
        self.known = self._load()
        self.hashes: dict[str, list] = {}
        self._fingerprint: str | None = None

    def _load(self) -> dict:
        try:
            return json.loads(self.stamp.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def fingerprint(self) -> str:
        """Hashes every input, once: the inputs as this build found them
        (reusing the hash of a file whose size and time did not change)."""
        if self._fingerprint is None:
            self._fingerprint = self._hash_inputs()
        return self._fingerprint

    def _hash_inputs(self) -> str:
        seen = self.known.get("files", {})
        digest = hashlib.sha256(json.dumps(self.settings, sort_keys=True).encode())
        for path, link in _entries(self.folders):
            if link is not None or not path.is_file():  # a folder (even empty), or a link
                digest.update(f"{path}\0{link}\0".encode())
                continue
            stat = path.stat()  # the change time too: an editor cannot set it back
            key, mark = str(path), [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns]
            known = seen.get(key)
            file_hash = known[3] if known and known[:3] == mark else _hash(path)
            self.hashes[key] = [*mark, file_hash]
            digest.update(f"{key}\0{file_hash}\0".encode())
        return digest.hexdigest()

    def last(self, out: Path) -> dict | None:
        """The last build's summary, if this build would write the same site into `out`."""
        if not self.known or self.known.get("fingerprint") != self.fingerprint():
            return None
        if self.known.get("out") != str(out) or self.known.get("listing") != _listing(out):
            return None  # the site folder was changed or replaced since
        return self.known

    def record(self, out: Path, problems: list[Problem], summary: dict) -> None:
        """Keeps this successful build's fingerprint and problems for the next build."""
        state = {"fingerprint": self.fingerprint(), "files": self.hashes, "out": str(out),
                 "listing": _listing(out), "problems": [asdict(p) for p in problems], **summary}
        self.stamp.parent.mkdir(parents=True, exist_ok=True)
        self.stamp.write_text(json.dumps(state), encoding="utf-8")

    def forget(self) -> None:
        """Drops the record (a build that failed may have changed anything)."""
        self.stamp.unlink(missing_ok=True)


def problems_of(state: dict) -> list[Problem]:
    """The problems a recorded build reported."""
    return [Problem(**item) for item in state.get("problems", [])]


def _entries(folders: list[Path]) -> list[tuple[Path, str | None]]:
    """Every file, folder and symbolic link under the folders, with where each
    link points (None for the rest); links are not followed."""
    found: list[tuple[Path, str | None]] = []
    for folder in folders:
        if not folder.is_dir() or folder.is_symlink():
            found.append((folder, os.readlink(folder) if folder.is_symlink() else None))
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            found.append((Path(dirpath), None))
            for name in sorted(filenames) + [d for d in dirnames if Path(dirpath, d).is_symlink()]:
                path = Path(dirpath, name)
                found.append((path, os.readlink(path) if path.is_symlink() else None))
    return found


def _hash(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _listing(out: Path) -> str:
    """A hash of every file's name, size and time in the site folder."""
    digest = hashlib.sha256()
    for dirpath, dirnames, filenames in os.walk(out):
        dirnames.sort()
        for name in sorted(filenames):
            stat = os.stat(os.path.join(dirpath, name))
            digest.update(f"{dirpath}/{name}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    return digest.hexdigest()


def _versions() -> dict[str, str]:
    found = {}
    for package in PACKAGES:
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            found[package] = "-"
    return found
