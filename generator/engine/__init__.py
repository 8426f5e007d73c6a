"""The engine seam: the only module that knows MkDocs.

It turns an emitted Project into an ordinary MkDocs project (docs/ plus a
mkdocs.yml derived from the top-level one) and runs `mkdocs build` on each
language in parallel processes, through MkDocs' public command line. Another
engine that builds mkdocs.yml projects (Zensical) can stand in by command.
"""

from __future__ import annotations

import copy
import json
import os
import re
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator import __version__
from generator.emit.project import NavItem, Project, fingerprint, write_tree


OUTPUT_IN_PROJECT = "_site"  # for engines that want their output inside the project


class _Tagged:
    """A YAML value with a custom tag (!ENV, !!python/name:...), kept as written."""

    def __init__(self, tag: str, node: yaml.Node):
        self.tag, self.node = tag, node


class _KeepLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its custom tags."""


def _keep(loader: yaml.Loader, suffix: str, node: yaml.Node) -> _Tagged:
    return _Tagged(node.tag, node)


_KeepLoader.add_multi_constructor("!", _keep)
_KeepLoader.add_multi_constructor("tag:yaml.org,2002:python/", _keep)


class _KeepDumper(yaml.SafeDumper):
    """Writes _Tagged values back with their tags."""


def _represent_tagged(dumper: yaml.Dumper, value: _Tagged) -> yaml.Node:
    node = copy.copy(value.node)
    node.tag = value.tag
    return node


_KeepDumper.add_representer(_Tagged, _represent_tagged)


def read_base_config(path: Path) -> dict[str, Any]:
    """Reads the top-level mkdocs.yml, keeping custom tags as they are.

    Args:
        path: The top-level mkdocs.yml.
    """
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_KeepLoader) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path} does not hold settings")
    return data


def _nav(items: list[NavItem]) -> list[Any]:
    result: list[Any] = []
    for item in items:
        if item.children:
            result.append({item.title: _nav(list(item.children))})
        else:
            result.append({item.title: item.path})
    return result


def project_config(base: dict[str, Any], base_dir: Path, project: Project,
                   site_dir: Path) -> dict[str, Any]:
    """Derives one language's mkdocs.yml from the top-level one.

    Args:
        base: The top-level mkdocs.yml.
        base_dir: The folder of the top-level mkdocs.yml (relative paths).
        project: The emitted language.
        site_dir: Where the engine writes the language's HTML.
    """
    config = copy.deepcopy(base)
    settings = project.settings
    config.update(site_name=settings["site_name"], site_url=settings["site_url"],
                  docs_dir="docs", site_dir=str(site_dir), use_directory_urls=True,
                  nav=_nav(project.nav))
    theme = config.setdefault("theme", {"name": "material"})
    theme["language"] = settings["language"]
    theme["font"] = False  # no Google Fonts: the site loads nothing from third parties
    if "custom_dir" in theme and not os.path.isabs(str(theme["custom_dir"])):
        theme["custom_dir"] = str((base_dir / theme["custom_dir"]).resolve())
    extra = config.setdefault("extra", {})
    extra["pl"] = settings
    extra["alternate"] = settings["languages"]
    hooks = config.setdefault("hooks", [])
    hooks.append(str(Path(__file__).with_name("hooks.py")))
    validation = config.setdefault("validation", {})
    validation.setdefault("nav", {})["omitted_files"] = "ignore"  # stories are not in the menu
    # Links are checked on the assembled site (generator/linkcheck.py), where
    # links across languages and to data and media resolve; the engine sees
    # one language's Markdown only.
    validation["links"] = {"not_found": "info", "anchors": "info", "absolute_links": "info",
                           "unrecognized_links": "info"}
    return config


def write_mkdocs_project(project: Project, folder: Path, base: dict[str, Any],
                         base_dir: Path, site_dir: Path) -> dict[str, str]:
    """Writes a language's MkDocs project (only changed files are touched).

    Returns:
        The files of the project, for fingerprinting.
    """
    files: dict[str, str] = {f"docs/{src}": page.text() for src, page in project.pages.items()}
    files.update({f"docs/{path}": text for path, text in project.files.items()})
    config = project_config(base, base_dir, project, site_dir)
    files["mkdocs.yml"] = yaml.dump(config, Dumper=_KeepDumper, allow_unicode=True,
                                    sort_keys=False, width=1 << 20)
    write_tree(files, folder, keep=(OUTPUT_IN_PROJECT,))
    return files


@dataclass
class EngineRun:
    """The outcome of building one language.

    Attributes:
        lang: The language.
        ok: Whether the engine succeeded.
        warnings: The engine's warnings.
        output: The engine's whole output (for errors).
        seconds: Wall time.
        cached: True when the output was reused (nothing changed).
    """

    lang: str
    ok: bool
    warnings: list[str] = field(default_factory=list)
    output: str = ""
    seconds: float = 0.0
    cached: bool = False


_WARNING = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")


class MkDocsEngine:
    """Builds emitted projects with `mkdocs build`.

    Args:
        command: The command that builds a project folder; the default runs
            MkDocs from this Python. `{config}` and `{site}` are filled in.
    """

    name = "mkdocs"
    fills_csp = True  # the project's hooks fill each page's CSP

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Where this engine writes a project's HTML."""
        return default

    def __init__(self, command: list[str] | None = None):
        self.command = command or [sys.executable, "-m", "mkdocs", "build", "-f", "{config}",
                                   "-d", "{site}"]

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool) -> EngineRun:
        """Builds one language's project into `site_dir`."""
        start = time.perf_counter()
        args = [a.format(config=project_dir / "mkdocs.yml", site=site_dir) for a in self.command]
        if strict and self.name == "mkdocs":
            args.append("--strict")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
        proc = subprocess.run(args, cwd=project_dir, env=env, capture_output=True, text=True)
        output = proc.stdout + proc.stderr
        warnings = [m.group(2) for line in output.splitlines()
                    if (m := _WARNING.match(line.strip()))]
        return EngineRun(lang, proc.returncode == 0, warnings, output,
                         time.perf_counter() - start)


class ZensicalEngine(MkDocsEngine):
    """Builds the same emitted projects with Zensical (Material's successor),
    which reads mkdocs.yml. It runs no MkDocs hooks, so the pages' CSP hashes
    are filled in after the build (`fills_csp = False`)."""

    name = "zensical"
    fills_csp = False

    def __init__(self, executable: str = "zensical"):
        super().__init__([executable, "build", "-f", "{config}"])

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Zensical insists on an output folder inside the project."""
        return project_dir / OUTPUT_IN_PROJECT


class SessionEngine(MkDocsEngine):
    """MkDocs kept running, one process per language, for fast repeated builds
    (the preview). Only changed pages are rendered again; call `close()` at the end."""

    name = "mkdocs-session"

    def __init__(self) -> None:
        super().__init__()
        self.workers: dict[tuple[str, str], subprocess.Popen] = {}
        self.locks: dict[tuple[str, str], threading.Lock] = {}

    def warm(self, jobs: list[tuple[str, Path, Path]]) -> None:
        """Starts the workers and lets them load each project (in the background),
        so the first edit is already a quick, partial rebuild."""
        for job in jobs:
            threading.Thread(target=self.build, args=(*job, False), daemon=True).start()

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool) -> EngineRun:
        """Builds one language in its long-lived worker (started on first use)."""
        lock = self.locks.setdefault((str(project_dir), str(site_dir)), threading.Lock())
        with lock:
            return self._build(lang, project_dir, site_dir, strict)

    def _build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool) -> EngineRun:
        start = time.perf_counter()
        worker = self._worker(project_dir, site_dir)
        worker.stdin.write('{"build": true}\n')
        worker.stdin.flush()
        line = worker.stdout.readline()
        if not line:
            self.workers.pop((str(project_dir), str(site_dir)), None)
            return EngineRun(lang, False, output=worker.stderr.read() if worker.stderr else "",
                             seconds=time.perf_counter() - start)
        answer = json.loads(line)
        ok = answer["ok"] and not (strict and answer["warnings"])
        return EngineRun(lang, ok, answer["warnings"], answer.get("error", ""),
                         time.perf_counter() - start)

    def _worker(self, project_dir: Path, site_dir: Path) -> subprocess.Popen:
        key = (str(project_dir), str(site_dir))
        worker = self.workers.get(key)
        if worker is None or worker.poll() is not None:
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
            worker = subprocess.Popen(
                [sys.executable, "-m", "generator.engine.worker", str(project_dir), str(site_dir)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, env=env, cwd=Path(__file__).resolve().parents[2])
            self.workers[key] = worker
        return worker

    def close(self) -> None:
        """Stops every worker."""
        for worker in self.workers.values():
            if worker.stdin:
                worker.stdin.close()
            worker.wait(timeout=10)
        self.workers.clear()


def engine_fingerprint(files: dict[str, str], theme_dir: Path, engine: Any) -> str:
    """Returns a hash of everything a language's engine output depends on."""
    theme = {str(p.relative_to(theme_dir)): p.read_bytes()
             for p in sorted(theme_dir.rglob("*")) if p.is_file()} if theme_dir.is_dir() else {}
    # the same interpreter may be called python or python3: compare real files
    command = " ".join(os.path.realpath(a) if os.path.isabs(a) else a for a in engine.command)
    return fingerprint({**files, **{f"theme/{k}": v for k, v in theme.items()}},
                       __version__, engine.name, command, _versions())


def _versions() -> str:
    from importlib.metadata import version

    return " ".join(f"{p}={version(p)}" for p in ("mkdocs", "mkdocs-material"))


def build_all(jobs: list[tuple[str, Path, Path]], engine: MkDocsEngine, strict: bool,
              parallel: bool = True) -> list[EngineRun]:
    """Builds several languages at once, one process each.

    Args:
        jobs: (language, project folder, output folder) per language.
        engine: The engine.
        strict: Fail on the engine's warnings.
        parallel: Build languages in parallel processes.
    """
    if not parallel or len(jobs) < 2:
        return [engine.build(lang, project, out, strict) for lang, project, out in jobs]
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        return list(pool.map(lambda job: engine.build(job[0], job[1], job[2], strict), jobs))
