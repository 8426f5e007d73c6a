"""The engine kept running for the preview: a rebuild renders changed pages only."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.engine.command import WORKER, EngineRun, ProperDocsEngine


class SessionEngine(ProperDocsEngine):
    """ProperDocs kept running, one process per language, for fast repeated builds
    (the preview). Only changed pages are rendered again; call `close()` at the end.
    A worker needs no lock: builds of a site hold its folder's build lock
    (generator.publish.lock), and a build runs each language once."""

    name = "properdocs-session"

    def __init__(self) -> None:
        super().__init__()
        self.workers: dict[tuple[Path, Path], subprocess.Popen] = {}

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool,
              dirty: bool = False) -> EngineRun:
        """Builds one language in its long-lived worker (started on first use);
        `dirty`: only the pages whose file changed, even on the worker's first build."""
        start, key = time.perf_counter(), (project_dir, site_dir)
        worker = self.workers.get(key)
        if worker is None or worker.poll() is not None:
            env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
            errors = tempfile.TemporaryFile()  # what it says when it dies (a pipe could fill)
            worker = self.workers[key] = subprocess.Popen(
                [sys.executable, "-P", str(WORKER), str(project_dir), str(site_dir)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors,
                text=True, env=env, cwd=project_dir)
            worker.errors = errors
        worker.stdin.write(json.dumps({"build": True, "dirty": dirty}) + "\n")
        worker.stdin.flush()
        line = worker.stdout.readline()
        if not line:  # it died: the next build starts another
            del self.workers[key]
            worker.wait()
            worker.errors.seek(0)
            said = worker.errors.read()[-4000:].decode("utf-8", "replace").strip()
            worker.errors.close()
            return EngineRun(lang, False, output=said or f"exit status {worker.returncode}",
                             seconds=time.perf_counter() - start)
        answer = json.loads(line)
        ok = answer["ok"] and not (strict and answer["warnings"])
        return EngineRun(lang, ok, answer["warnings"], answer.get("error", ""),
                         time.perf_counter() - start)

    def close(self) -> None:
        """Stops every worker."""
        for worker in self.workers.values():
            worker.stdin.close()
            worker.wait(timeout=10)
            worker.errors.close()
        self.workers.clear()
