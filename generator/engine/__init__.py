"""The engine seam: the only package that knows a site engine.

An emitted language becomes an ordinary MkDocs-format project
(generator.engine.project), and an adapter builds it (generator.engine.command):
MkDocs by default, ProperDocs or Zensical by name. Languages are built in
parallel processes. The preview keeps MkDocs running (generator.engine.session)
and renders only the pages that changed (generator.engine.plan).
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.engine.command import EngineRun, MkDocsEngine, ProperDocsEngine, ZensicalEngine
from generator.engine.plan import DirtyPlan
from generator.engine.project import read_base_config, write_project
from generator.engine.session import SessionEngine

Engine = MkDocsEngine  # what every engine adapter is
ENGINES: dict[str, type[Engine]] = {"mkdocs": MkDocsEngine, "properdocs": ProperDocsEngine,
                                    "zensical": ZensicalEngine}
__all__ = ["ENGINES", "DirtyPlan", "Engine", "EngineRun", "MkDocsEngine", "ProperDocsEngine",
           "SessionEngine", "ZensicalEngine", "build_all", "read_base_config", "write_project"]


def build_all(jobs: list[tuple[str, Path, Path]], engine: Engine, strict: bool,
              workers: int | None = None, dirty: frozenset[str] = frozenset()) -> list[EngineRun]:
    """Builds several languages (`jobs`: language, project folder, output
    folder), in at most `workers` processes at once (one per language and core
    by default); in the `dirty` languages only the changed pages need rendering
    (engines that cannot do that build them in full)."""
    if not jobs:
        return []
    with ThreadPoolExecutor(max_workers=workers or min(len(jobs), os.cpu_count() or 1)) as pool:
        return list(pool.map(lambda job: engine.build(*job, strict, job[0] in dirty), jobs))
