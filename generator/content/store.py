"""What builds keep between them: the store in .cache/, and the one way any
file of the build is written.

An entry of the store holds what one step made (an image's measurement or
processed file, a map, a social card), under a key that hashes all that made
it: the step's input and options, its own code and the packages it drives
(code_digest: from their files, not their version numbers). It is one file,
written in one piece and named by the hash of its bytes: one damaged,
truncated or put there by anything else is made again, never trusted.
`pilots build --fresh` empties the store; a one-off build keeps nothing
else, and the preview keeps the rest in memory."""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

STORE_FORMAT = "1"  # part of every key: change it when entries change shape
_GENERATOR = Path(__file__).resolve().parents[1]


def write_atomic(path: Path, data: bytes) -> None:
    """Writes a file beside its place and moves it there: a reader sees the old
    file or the whole new one, never half of one (builds and threads may race)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@lru_cache(maxsize=None)
def code_digest(packages: tuple[str, ...], installed: tuple[str, ...] = ()) -> str:
    """A hash of the code a step runs: the generator's `packages` (folders
    below generator/, e.g. "images") and the `installed` distributions' files."""
    digest = hashlib.sha256(STORE_FORMAT.encode())
    for package in packages:
        for path in sorted((_GENERATOR / package).glob("*.py")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in installed:
        digest.update(name.encode() + b"\0" + _installed(name).encode())
    return digest.hexdigest()


def _installed(name: str) -> str:
    try:
        files = distribution(name).files or []
    except PackageNotFoundError:
        return "-"
    digest = hashlib.sha256()
    for file in sorted(files, key=str):
        path = Path(file.locate())
        if path.suffix != ".pyc" and path.is_file():
            digest.update(str(file).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key_of(*parts: object) -> str:
    """A key: a hash of the parts, each written out (a step's code digest among them)."""
    return hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest()


class Store:
    """The entries of one kind (a folder of .cache/, e.g. .cache/maps), by key."""

    def __init__(self, folder: Path):
        self.folder = folder
        self._names: dict[str, str] | None = None

    def get(self, key: str) -> Path | None:
        """The entry's file, once its bytes are checked; None when there is none
        (or it is not what it should be: then it is removed)."""
        name = self._index().get(key)
        if name is None:
            return None
        path = self.folder / name
        if not _intact(path, name[65:97]):
            path.unlink(missing_ok=True)
            del self._index()[key]
            return None
        return path

    def read(self, key: str) -> bytes | None:
        path = self.get(key)
        return path.read_bytes() if path is not None else None

    def put(self, key: str, data: bytes, suffix: str = "") -> Path:
        """Stores an entry (replacing any other of the same key); returns its file.
        The suffix (".webp") tells what the file is to whoever looks."""
        name = f"{key}-{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
        old = self._index().get(key)
        write_atomic(self.folder / name, data)
        if old is not None and old != name:
            (self.folder / old).unlink(missing_ok=True)
        self._index()[key] = name
        return self.folder / name

    def _index(self) -> dict[str, str]:
        """The entries by key, listed once (one folder read, not one per entry)."""
        if self._names is None:
            self._names = {}
            for entry in sorted(os.listdir(self.folder) if self.folder.is_dir() else []):
                if _ENTRY.match(entry):
                    self._names[entry[:64]] = entry
        return self._names


_CHECKED: dict[tuple, bool] = {}  # files checked in this process, by identity and times


def _intact(path: Path, written: str) -> bool:
    """Whether a file's bytes hash to `written`; a file checked before and
    unchanged since (the same inode, size and times: a change of any byte
    moves the change time) is not read again (the preview asks on every save)."""
    try:
        info = os.stat(path)
        mark = (str(path), info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)
        if mark not in _CHECKED:
            _CHECKED[mark] = hashlib.sha256(path.read_bytes()).hexdigest()[:32] == written
        return _CHECKED[mark]
    except OSError:
        return False


_ENTRY = re.compile(r"^[0-9a-f]{64}-[0-9a-f]{32}(\.[a-z0-9]{1,8})?$")
