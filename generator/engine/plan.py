"""Which languages the preview may build "dirty": only the pages whose file changed.

A language whose menu, settings, theme and list of pages did not change since
the preview's last build, only the text of some pages, is built dirty: the
engine renders the pages whose file was rewritten (a project's files are
rewritten only when they change, so their times say which). Anything else,
and a preview's first build, is built in full. What the last build was made
from is kept in memory only, so nothing on disk can make a build dirty.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import generator
from generator.emit.project import Project
from generator.engine.command import WORKER
from generator.engine.project import HOOKS
from generator.publish import valid_html
from generator.site import csp

# The generator's code that runs inside the engine's process
ENGINE_CODE = (HOOKS, Path(csp.__file__), Path(valid_html.__file__), Path(generator.__file__),
               WORKER)


def frame(project: Project, theme_dir: Path) -> str:
    """A hash of everything a language's pages depend on but their own text:
    settings, menu, which pages and files there are, the theme and the
    engine-side code. The files' contents are not in it: no page shows them
    (a feed names every story's title), and a dirty build copies the ones
    rewritten."""
    digest = hashlib.sha256()
    digest.update(json.dumps([project.settings, repr(project.nav), sorted(project.pages),
                              sorted(project.files)], sort_keys=True, default=str).encode())
    for path in sorted(theme_dir.rglob("*")) if theme_dir.is_dir() else []:
        if path.is_file():
            digest.update(str(path.relative_to(theme_dir)).encode() + b"\0" + path.read_bytes())
    for path in ENGINE_CODE:
        digest.update(path.read_bytes())
    return digest.hexdigest()


class DirtyPlan:
    """Remembers each language's frame as of the last build that succeeded."""

    def __init__(self) -> None:
        self.built: dict[str, str] = {}
        self.now: dict[str, str] = {}

    def dirty(self, projects: list[Project], theme_dir: Path) -> frozenset[str]:
        """The languages that may be built dirty this time."""
        self.now = {p.lang: frame(p, theme_dir) for p in projects}
        return frozenset(lang for lang, digest in self.now.items()
                         if self.built.get(lang) == digest)

    def succeeded(self) -> None:
        """The build went through: its frames are the ones to compare with next."""
        self.built = dict(self.now)

    def forget(self) -> None:
        """The next build is a full one (after a failure, the output is unknown)."""
        self.built = {}
