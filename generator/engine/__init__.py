"""The engine seam: the only package that knows a site engine.

An emitted language becomes an ordinary MkDocs-format project
(generator.engine.project), and an adapter builds it (generator.engine.command):
MkDocs by default, ProperDocs or Zensical by name. Languages are built in
parallel processes; a language whose project and theme did not change is not
built again.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from generator.engine.base import Engine, EngineRun
from generator.engine.plan import LanguageJob, engine_fingerprint, plan_language
from generator.engine.command import MkDocsEngine, ProperDocsEngine, ZensicalEngine
from generator.engine.project import read_base_config, write_project
from generator.engine.session import SessionEngine

ENGINES: dict[str, type] = {"mkdocs": MkDocsEngine, "properdocs": ProperDocsEngine,
                            "zensical": ZensicalEngine}
__all__ = ["ENGINES", "Engine", "EngineRun", "MkDocsEngine", "ProperDocsEngine", "SessionEngine",
           "ZensicalEngine", "LanguageJob", "build_all", "engine_fingerprint", "engine_named",
           "plan_language", "started_early",
           "read_base_config", "write_project"]


def engine_named(name: str) -> Engine:
    """Returns the engine `pilots build --engine` names.

    Raises:
        KeyError: for a name that is not one of ENGINES.
    """
    return ENGINES[name]()


def build_all(jobs: list[tuple[str, Path, Path]], engine: Engine, strict: bool,
              workers: int | None = None, dirty: frozenset[str] = frozenset()) -> list[EngineRun]:
    """Builds several languages, in at most `workers` processes at once.

    Args:
        jobs: (language, project folder, output folder) per language.
        engine: The engine.
        strict: Fail on the engine's warnings.
        workers: How many processes (default: one per language, at most one per core).
        dirty: The languages of which only the changed pages need rendering
            (engines that cannot do that build them in full).
    """
    workers = workers or min(len(jobs), os.cpu_count() or 1)
    if not jobs:
        return []
    if hasattr(engine, "build_many"):
        return engine.build_many(jobs, strict, workers, dirty)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: engine.build(job[0], job[1], job[2], strict), jobs))


@contextmanager
def started_early(engine: Engine) -> Iterator[None]:
    """Lets the engine start a process before the content is checked (it
    imports the engine meanwhile, on a core that is idle then), and stops
    it if no language needed building."""
    if hasattr(engine, "prepare"):
        engine.prepare(1)  # one: a second would compete with the check for the cores
    try:
        yield
    finally:
        if hasattr(engine, "release"):
            engine.release()
