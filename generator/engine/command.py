"""Engines run through their public command line, one process per language:
MkDocs (the default), ProperDocs (MkDocs' maintained fork, with the same
plugins, hooks and theme overrides) and Zensical (Material's successor, which
reads mkdocs.yml but runs no hooks and writes only inside the project)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from generator.engine.base import WARNING_LINE, EngineRun
from generator.engine.project import OUTPUT_IN_PROJECT

WORKER = Path(__file__).with_name("worker.py")
Job = tuple[str, Path, Path]  # language, project folder, output folder


class MkDocsEngine:
    """Builds emitted projects with `mkdocs build`.

    Args:
        command: The command that builds a project folder; the default runs
            MkDocs from this Python. `{config}` and `{site}` are filled in.
    """

    name = "mkdocs"
    module: str | None = "mkdocs"  # the package our worker can drive in-process
    fills_csp = True  # the project's hooks fill each page's CSP
    packages = ("mkdocs", "mkdocs-material")  # what the output depends on
    strict_flag: str | None = "--strict"

    def __init__(self, command: list[str] | None = None):
        if command is not None:
            self.module = None  # someone else's command: run it as it is
        self.command = command or [sys.executable, "-m", "mkdocs", "build", "-f", "{config}",
                                   "-d", "{site}"]

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Where this engine writes a project's HTML."""
        return default

    def identity(self) -> str:
        """The command (interpreters compared as real files) and the package versions."""
        command = " ".join(os.path.realpath(a) if os.path.isabs(a) else a for a in self.command)
        return f"{command} {_versions(*self.packages)}"

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool) -> EngineRun:
        """Builds one language's project into `site_dir`."""
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

    def build_many(self, jobs: list[Job], strict: bool, workers: int,
                   dirty: frozenset[str] = frozenset()) -> list[EngineRun]:
        """Builds several languages in `workers` processes, each building its
        share one after another (an engine and its theme are loaded once per
        process, not once per language); in the `dirty` languages, only the
        pages whose file changed."""
        if self.module is None:
            return _parallel([[job] for job in jobs], lambda group: [self.build(*group[0], strict)])
        groups = [jobs[i::workers] for i in range(max(1, min(workers, len(jobs))))]
        return _parallel(groups, lambda group: self._worker(group, strict, dirty))

    def _worker(self, group: list[Job], strict: bool, dirty: frozenset[str]) -> list[EngineRun]:
        args = ["--strict"] if strict else []
        args += [f"--dirty={project}" for lang, project, _ in group if lang in dirty]
        args += [str(folder) for _, project, out in group for folder in (project, out)]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
        process = subprocess.run([sys.executable, "-P", str(WORKER), "--once", "--module",
                                  self.module, *args], env=env, text=True, capture_output=True)
        answers = [json.loads(line) for line in process.stdout.splitlines()
                   if line.startswith("{")]
        runs = [EngineRun(lang, a["ok"], a["warnings"], a["error"], a["seconds"])
                for (lang, _, _), a in zip(group, answers)]
        return runs + [EngineRun(lang, False, output=process.stderr[-4000:])
                       for lang, _, _ in group[len(answers):]]


def _parallel(groups: list[list[Job]], run) -> list[EngineRun]:
    """Runs each group in a thread (each starts a process); keeps the jobs' order."""
    with ThreadPoolExecutor(max_workers=max(1, len(groups))) as pool:
        done = [run_ for runs in pool.map(run, groups) for run_ in runs]
    order = [job[0] for group in groups for job in group]
    return sorted(done, key=lambda r: order.index(r.lang)) if done else done


class ProperDocsEngine(MkDocsEngine):
    """Builds with ProperDocs, MkDocs' maintained fork: the same projects, theme,
    hooks and plugins (it answers MkDocs' imports with its own modules)."""

    name = "properdocs"
    packages = ("properdocs", "mkdocs-material")

    def __init__(self) -> None:
        super().__init__([sys.executable, "-m", "properdocs", "build", "-f", "{config}",
                          "-d", "{site}"])
        self.module = "properdocs"


class ZensicalEngine(MkDocsEngine):
    """Builds the same emitted projects with Zensical (Material's successor),
    which reads mkdocs.yml. It runs no MkDocs hooks, so the pages' CSP hashes
    are filled in after the build (`fills_csp = False`)."""

    name = "zensical"
    module = None
    fills_csp = False
    packages = ("zensical",)
    strict_flag = None

    def __init__(self, executable: str | None = None):
        beside = Path(sys.executable).with_name("zensical")  # installed in this environment
        found = executable or (str(beside) if beside.exists() else shutil.which("zensical"))
        super().__init__([found or "zensical", "build", "-f", "{config}"])

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Zensical insists on an output folder inside the project."""
        return project_dir / OUTPUT_IN_PROJECT


def _versions(*packages: str) -> str:
    found = []
    for package in packages:
        try:
            found.append(f"{package}={version(package)}")
        except PackageNotFoundError:
            found.append(f"{package}=-")
    return " ".join(found)
