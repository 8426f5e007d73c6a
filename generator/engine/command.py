"""Engines run through their public command line, one process per language:
MkDocs (the default), ProperDocs (MkDocs' maintained fork, with the same
plugins, hooks and theme overrides) and Zensical (Material's successor, which
reads mkdocs.yml but runs no hooks and writes only inside the project)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.engine.project import OUTPUT_IN_PROJECT

WORKER = Path(__file__).with_name("worker.py")  # the preview's long-lived MkDocs
WARNING_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")


@dataclass
class EngineRun:
    """The outcome of building one language."""

    lang: str
    ok: bool
    warnings: list[str] = field(default_factory=list)
    output: str = ""  # the engine's whole output (for errors)
    seconds: float = 0.0


class MkDocsEngine:
    """Builds emitted projects with `command` (`{config}` and `{site}` filled
    in), by default `mkdocs build` from this Python. Every engine adapter is
    one of these (`generator.engine.Engine`)."""

    name = "mkdocs"  # how `pilots build --engine` names it
    # Whether it runs the project's hooks (which fill each page's Content-Security-Policy);
    # if not, the build fills it afterwards
    fills_csp = True
    strict_flag: str | None = "--strict"

    def __init__(self, command: list[str] | None = None):
        self.command = command or [sys.executable, "-m", "mkdocs", "build", "-f", "{config}",
                                   "-d", "{site}"]

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Where this engine writes a project's HTML."""
        return default

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool,
              dirty: bool = False) -> EngineRun:
        """Builds one language's project into `site_dir`, every page of it
        (`dirty`, only the changed pages, is for engines kept running)."""
        start = time.perf_counter()
        args = [a.format(config=project_dir / "mkdocs.yml", site=site_dir) for a in self.command]
        if strict and self.strict_flag:
            args.append(self.strict_flag)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
        try:
            proc = subprocess.run(args, cwd=project_dir, env=env, capture_output=True, text=True)
        except FileNotFoundError:
            return EngineRun(lang, False, output=f"{args[0]} is not installed; see the README's "
                             "section on engines")
        output = proc.stdout + proc.stderr
        warnings = [m.group(2) for line in output.splitlines()
                    if (m := WARNING_LINE.match(line.strip()))]
        return EngineRun(lang, proc.returncode == 0, warnings, output,
                         time.perf_counter() - start)


class ProperDocsEngine(MkDocsEngine):
    """Builds with ProperDocs, MkDocs' maintained fork: the same projects, theme,
    hooks and plugins (it answers MkDocs' imports with its own modules)."""

    name = "properdocs"

    def __init__(self) -> None:
        super().__init__([sys.executable, "-m", "properdocs", "build", "-f", "{config}",
                          "-d", "{site}"])


class ZensicalEngine(MkDocsEngine):
    """Builds the same emitted projects with Zensical (Material's successor),
    which reads mkdocs.yml. It runs no MkDocs hooks, so the pages' CSP hashes
    are filled in after the build (`fills_csp = False`)."""

    name = "zensical"
    fills_csp = False
    strict_flag = None

    def __init__(self, executable: str | None = None):
        beside = Path(sys.executable).with_name("zensical")  # installed in this environment
        found = executable or (str(beside) if beside.exists() else shutil.which("zensical"))
        super().__init__([found or "zensical", "build", "-f", "{config}"])

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Zensical insists on an output folder inside the project."""
        return project_dir / OUTPUT_IN_PROJECT
