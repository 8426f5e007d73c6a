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

from generator.engine.base import Engine, EngineRun
from generator.engine.plan import DirtyPlan
from generator.engine.command import MkDocsEngine, ProperDocsEngine, ZensicalEngine
from generator.engine.project import read_base_config, write_project
from generator.engine.session import SessionEngine

ENGINES: dict[str, type] = {"mkdocs": MkDocsEngine, "properdocs": ProperDocsEngine,
                            "zensical": ZensicalEngine}
__all__ = ["ENGINES", "DirtyPlan", "Engine", "EngineRun", "MkDocsEngine", "ProperDocsEngine",
           "SessionEngine", "ZensicalEngine", "build_all", "engine_named", "read_base_config",
           "write_project"]


def engine_named(name: str) -> Engine:
    """Returns the engine `pilots build --engine` names (KeyError if none)."""
    return ENGINES[name]()


def build_all(jobs: list[tuple[str, Path, Path]], engine: Engine, strict: bool,
              workers: int | None = None, dirty: frozenset[str] = frozenset()) -> list[EngineRun]:
    """Builds several languages (`jobs`: language, project folder, output
    folder), in at most `workers` processes at once (one per language and core
    by default); in the `dirty` languages only the changed pages need rendering
    (engines that cannot do that build them in full)."""
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    if not jobs:
        return []
    if hasattr(engine, "build_many"):
        return engine.build_many(jobs, strict, workers, dirty)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: engine.build(job[0], job[1], job[2], strict), jobs))
