"""Which languages the engine must build again, and how much of each.

A language whose emitted project and theme did not change is not built at
all. One whose menu, settings, theme and list of pages did not change, only
the text of some pages, is built "dirty": the engine renders only the pages
whose file changed (the project's files are rewritten only when they change,
so their times say which). Anything else is built in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import generator
from generator import __version__
from generator.emit.project import fingerprint
from generator.engine.base import Engine
from generator.engine.command import WORKER
from generator.engine.project import HOOKS
from generator.publish import csp


# The generator's code that runs inside the engine's process: a change to it
# changes the pages, whatever the version number says
ENGINE_CODE = (HOOKS, Path(csp.__file__), Path(generator.__file__), WORKER)


def engine_fingerprint(files: dict[str, str], theme_dir: Path, engine: Engine,
                       fixed: dict[str, bytes] | None = None) -> str:
    """Returns a hash of everything a language's engine output depends on.

    Args:
        files: The language's project.
        theme_dir: The theme overrides.
        engine: The engine.
        fixed: The theme's files and the engine-side code, if already read.
    """
    fixed = fixed if fixed is not None else _fixed_inputs(theme_dir)
    return fingerprint({**files, **fixed}, __version__, engine.name, engine.identity())


def _fixed_inputs(theme_dir: Path) -> dict[str, bytes]:
    """The theme's files and the generator's code that runs in the engine."""
    theme = {f"theme/{p.relative_to(theme_dir)}": p.read_bytes()
             for p in sorted(theme_dir.rglob("*")) if p.is_file()} if theme_dir.is_dir() else {}
    return {**theme, **{f"code/{path.name}": path.read_bytes() for path in ENGINE_CODE}}


@dataclass
class LanguageJob:
    """One language to build.

    Attributes:
        lang: The language.
        project: Its project folder.
        out: Where the engine writes its HTML.
        stamp: Where what it was built from is recorded, once it succeeded.
        digest: The fingerprint of everything its output depends on.
        frame: The fingerprint of all that but the pages' text.
        dirty: Only changed pages need rendering.
    """

    lang: str
    project: Path
    out: Path
    stamp: Path
    digest: str
    frame: str
    dirty: bool = False

    def done(self) -> None:
        """Records what the language's output was built from."""
        self.stamp.write_text(f"{self.digest}\n{self.frame}\n")


def plan_language(lang: str, files: dict[str, str], theme_dir: Path, engine: Engine,
                  folders: tuple[Path, Path, Path]) -> LanguageJob | None:
    """Returns how to build a language, or None when its output is up to date.

    Args:
        lang: The language.
        files: Its emitted project (path -> text).
        theme_dir: The theme overrides.
        engine: The engine.
        folders: Its project folder, output folder and stamp file.
    """
    project, out, stamp = folders
    fixed = _fixed_inputs(theme_dir)
    digest = engine_fingerprint(files, theme_dir, engine, fixed)
    pages = "\n".join(sorted(files))  # which pages exist, not what they say
    frame = engine_fingerprint({k: v for k, v in files.items() if not k.startswith("docs/")}
                               | {"pages": pages}, theme_dir, engine, fixed)
    known = stamp.read_text().split() if out.is_dir() and stamp.is_file() else []
    if known[:1] == [digest]:
        return None
    stamp.parent.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)  # until this build succeeds, nothing is known
    return LanguageJob(lang, project, out, stamp, digest, frame, dirty=known[1:2] == [frame])
