"""The content boundary: the one place through which content files are found and read.

Content arrives from many hands (pull requests), so nothing it names may lead
outside `content/`. Before a byte is read, a file must be a regular file (not a
device, a pipe or a folder) that lies, once every symlink is followed, inside
its bundle (or inside content/ for shared files), and be no larger than its
limit. A record's own texts (meta.yml, nl.md, en.md) may not be symlinks at
all. What is refused becomes a content problem; the file is never opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.content.messages import _
from generator.content.names import MEDIA_SUFFIXES
from generator.content.problems import HintedError

MB = 1 << 20
KB = 1 << 10
# Generous for editors (256 kB of Markdown is some 40,000 words, a two-hour
# interview written out twice; 512 kB of YAML, a thousand interventions or
# publications; 5 MB of GeoJSON, more points than a pilot's maps may hold),
# small enough that every file is read, parsed and checked in about a second:
# Markdown's time is bounded per text as well (generator.site.textwork), that
# of YAML and JSON grows with the size alone.
LIMITS = {".yml": 512 * KB, ".yaml": 512 * KB, ".md": 256 * KB, ".po": 512 * KB,
          ".geojson": 5 * MB, ".woff2": 2 * MB, ".vtt": 512 * KB}
IMAGE_LIMIT = 50 * MB
# GitHub refuses a file over 100 MB in a repository (and a site over 1 GB:
# generator.site.media counts that); ten minutes of 720p video fit
MEDIA_LIMIT = 100 * MB
LIMITS.update(dict.fromkeys(MEDIA_SUFFIXES, MEDIA_LIMIT))


class Refused(HintedError):
    """A content file that may not be read, with the reason in editors' words."""


def limit_of(path: Path) -> int:
    return LIMITS.get(path.suffix.lower(), IMAGE_LIMIT)


def size(bytes_: int) -> str:
    """Writes a file size as editors read it: 1.0 MB, 200 kB."""
    return f"{bytes_ / MB:.1f} MB" if bytes_ >= MB else f"{bytes_ // 1024} kB"


class Boundary:
    """Where content may be read from: nothing outside `root`, the content folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))
        self._folders: dict[Path, tuple] = {}  # folder -> its real path and identity

    def real(self, path: Path) -> Path:
        """The path with every symlink followed. A folder is resolved once (a
        boundary lives for one build): a file costs one lstat, not one per
        folder above it."""
        path = Path(path)
        if path.name in ("", ".", ".."):
            return Path(os.path.realpath(path))
        folder = self._folder(path.parent)
        candidate = os.path.join(folder, path.name)
        try:
            if not stat.S_ISLNK(os.lstat(candidate).st_mode):
                return Path(candidate)
        except OSError:
            pass
        return Path(os.path.realpath(path))

    def _folder(self, folder: Path) -> str:
        """A folder's real path, resolved again whenever the folder is no
        longer the one resolved (replaced, or turned into a link)."""
        try:
            info = os.lstat(folder)
            mark = (info.st_dev, info.st_ino, stat.S_ISLNK(info.st_mode))
        except OSError:
            mark = None
        known = self._folders.get(folder)
        if known is None or known[1] != mark or mark is None or mark[2]:
            known = self._folders[folder] = (os.path.realpath(folder), mark)
        return known[0]

    def inside(self, path: Path, within: Path | None = None) -> bool:
        """Tells whether a path, with every symlink followed, lies in `within` (or content/)."""
        return self._inside(self.real(path), within)

    def _inside(self, real: Path, within: Path | None) -> bool:
        outer = Path(self._folder(Path(within))) if within is not None else self.root
        return real.is_relative_to(outer) and real.is_relative_to(self.root)

    def check(self, path: Path, within: Path | None = None, link_ok: bool = True) -> Path:
        """The real path of a content file that may be read: it must stay in
        `within` (its bundle; content/ by default), and may be a symlink (that
        stays inside) if `link_ok`. Raises Refused when it leads outside, is no
        regular file, or is too large."""
        try:
            info = os.lstat(path)
        except OSError:
            raise Refused(_("{name} does not exist").format(name=path.name),
                          _("check the file name")) from None
        if stat.S_ISLNK(info.st_mode) and not link_ok:
            raise Refused(_("{name} is a symbolic link; a record's own files must be real files")
                          .format(name=path.name), _("replace the link with the file itself"))
        real = self.real(path)
        if not self._inside(real, within):
            where = _("its folder") if within else "content/"
            raise Refused(_("{name} leads outside {where}").format(name=path.name, where=where),
                          _("keep every file the content uses inside the record's folder, "
                            "as a real file"))
        try:
            info = os.stat(real)
        except OSError:  # a link to nothing, or a loop of links
            raise Refused(_("{name} is a link that leads nowhere").format(name=path.name),
                          _("replace the link with the file itself, or remove it")) from None
        if not stat.S_ISREG(info.st_mode):
            raise Refused(_("{name} is not an ordinary file").format(name=path.name),
                          _("replace it with a real file"))
        limit = limit_of(path)
        if info.st_size > limit:
            raise Refused(_("{name} is {size}; the limit for this kind of file is {limit}")
                          .format(name=path.name, size=size(info.st_size), limit=size(limit)),
                          _("make the file smaller, or split it up"))
        return real

    def read_bytes(self, path: Path, within: Path | None = None, link_ok: bool = True) -> bytes:
        """Reads a content file that passes `check` (never more than its limit)."""
        real = self.check(path, within, link_ok)
        with open(real, "rb") as handle:
            data = handle.read(limit_of(path) + 1)
        if len(data) > limit_of(path):  # it grew after it was checked
            raise Refused(_("{name} is larger than its limit").format(name=path.name),
                          _("make the file smaller"))
        return data

    def read_text(self, path: Path, within: Path | None = None, link_ok: bool = True) -> str:
        """Reads a content file as UTF-8 text (Refused, as by `check`, if it is not)."""
        data = self.read_bytes(path, within, link_ok)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refused(_("{name} is not UTF-8 text ({reason})")
                          .format(name=path.name, reason=exc.reason),
                          _("save the file with UTF-8 encoding")) from None

    def entries(self, folder: Path) -> list[Path]:
        """Lists a content folder, sorted (Refused when it leads outside content/)."""
        if not self.inside(folder):
            raise Refused(_("the folder {name} leads outside content/").format(name=folder.name),
                          _("replace the link with a real folder"))
        return sorted(folder.iterdir())
