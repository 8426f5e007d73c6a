"""The engine kept running for the preview: a rebuild renders changed pages only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.engine.base import EngineRun
from generator.engine.command import WORKER, ProperDocsEngine


class SessionEngine(ProperDocsEngine):
    """ProperDocs kept running, one process per language, for fast repeated builds
    (the preview). Only changed pages are rendered again; call `close()` at the end."""

    name = "properdocs-session"

    def __init__(self) -> None:
        super().__init__()
        self.workers: dict[tuple[str, str], subprocess.Popen] = {}
        self.locks: dict[tuple[str, str], threading.Lock] = {}

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool,
              dirty: bool = False) -> EngineRun:
        """Builds one language in its long-lived worker (started on first use);
        `dirty`: only the pages whose file changed, even on the worker's first build."""
        lock = self.locks.setdefault((str(project_dir), str(site_dir)), threading.Lock())
        with lock:
            return self._build(lang, project_dir, site_dir, strict, dirty)

    def build_many(self, jobs: list, strict: bool, workers: int,
                   dirty: frozenset[str] = frozenset()) -> list[EngineRun]:
        """Builds each language in its own long-lived worker, side by side; in
        the `dirty` languages only the pages whose file changed."""
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            return list(pool.map(lambda job: self.build(*job, strict, job[0] in dirty), jobs))

    def _build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool,
               dirty: bool) -> EngineRun:
        start = time.perf_counter()
        worker = self._worker(project_dir, site_dir)
        worker.stdin.write(json.dumps({"build": True, "dirty": dirty}) + "\n")
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
                [sys.executable, "-P", str(WORKER), str(project_dir), str(site_dir)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                text=True, env=env, cwd=project_dir)
            self.workers[key] = worker
        return worker

    def close(self) -> None:
        """Stops every worker."""
        for worker in self.workers.values():
            if worker.stdin:
                worker.stdin.close()
            worker.wait(timeout=10)
        self.workers.clear()
