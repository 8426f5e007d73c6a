"""The preview's builds: the one incremental path.

The preview keeps, in memory only, MkDocs with its compiled theme
(generator.engine.session), the Markdown workers with what they rendered,
the bundles of unchanged folders (generator.content.kept) and what it placed
in the folder it serves. A save goes through the one-off build's stages; the
engine renders only the pages whose text changed, when nothing else did
(generator.engine.plan). As Hugo's server does, a saved story is shown first:
its pages and its pilot's, which lists it, are rendered and placed and the
page reloads; the rest of the site, then search and the link check, follow
and give way to the next save.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Callable

from generator.build import (BuildReport, Options, Paths, checked, draw_media, emitted,
                             image_index, planned_site, run_engine)
from generator.content.kept import KeptBundles
from generator.content.problems import Problem
from generator.content.yamlsrc import keep_parsed
from generator.emit import emit_language
from generator.engine import DirtyPlan, SessionEngine, build_all
from generator.engine.project import write_pages
from generator.images.planner import ImagePlanner
from generator.publish.assemble import Mirror
from generator.publish.linkcheck import link_problems
from generator.publish.lock import build_lock
from generator.publish.search import index_site
from generator.site.media import published
from generator.site.model import Site
from generator.site.textwork import TextWork
from generator.visuals import SiteVisuals


class Superseded(Exception):
    """The rest of a build gave way to a newer save (nothing of it was written
    to the engine's projects or the served folder yet)."""


def _give_way(first: frozenset[str] | None, stop: threading.Event) -> None:
    """Ends the rest of a build once its story is shown, if saved again since."""
    if first and stop.is_set():
        raise Superseded


class Rebuilder:
    """Builds one site again and again into the folder the preview serves (`paths.out`)."""

    def __init__(self, paths: Paths, drafts: bool = True):
        self.paths, self.options = paths, Options(drafts=drafts)
        self.engine = SessionEngine()  # MkDocs stays loaded between saves
        self.texts = TextWork()  # its workers stay, and keep what they rendered
        self.bundles = KeptBundles()  # a save reads its own folder again, not every one
        self.plan = DirtyPlan()
        self.index = image_index(paths)  # what each image is, by its file's times
        self.mirror = Mirror(paths.out)
        self.last: tuple[list, str, list[Problem]] | None = None
        self.pages: set[str] = set()  # the records' pages of the last build
        self.rewritten: list[str] = []  # the pages the last build placed anew
        keep_parsed(50_000)  # a rebuild parses only the YAML that changed

    def build(self, changed: frozenset[Path] = frozenset(),
              shown: Callable[[], None] | None = None,
              stop: threading.Event | None = None) -> BuildReport:
        """Builds once into the served folder (left as it was when a stage
        fails). `changed`: the files saved since the last build; `shown`: called
        once the saved story's pages are in place, before the rest of the site
        is (if a story goes first); `stop`: set by a newer save, which the rest
        then gives way to.

        Raises:
            ContentError, EngineError, GeneratorBug, BuildBusy: as `generator.build.build`.
            Superseded: when the rest gave way to `stop`.
        """
        paths, report, start = self.paths, BuildReport(), time.perf_counter()
        with build_lock(paths.build, paths.root):
            try:
                self._build(report, changed, shown, stop or threading.Event())
            except Superseded:
                raise
            except BaseException:
                self.plan.forget()  # what the engine wrote is not known: build in full next
                raise
            finally:
                self.texts.forget_unused()
        report.timings["total"] = time.perf_counter() - start
        return report

    def _build(self, report: BuildReport, changed: frozenset[Path],
               shown: Callable[[], None] | None, stop: threading.Event) -> None:
        paths, index = self.paths, self.index
        with ImagePlanner(paths.cache / "images", index, early=True) as images:
            with report.stage("check"):
                site = checked(paths, self.options, index, report, self.texts, self.bundles)
            first = self._first(site, changed) if shown is not None else None
            if first:
                with report.stage("first"):
                    self._show_first(site, first)
                shown()
            _give_way(first, stop)
            with report.stage("emit"):
                visuals = SiteVisuals(site, paths.cache)
                projects = emitted(site, images, visuals, report)
            _give_way(first, stop)  # before anything of the rest is written
            with report.stage("engine"):
                dirty = self.plan.dirty(projects, paths.theme)
                outputs = run_engine(paths, projects, self.engine, self.options, report,
                                     lambda: draw_media(images, visuals, projects), dirty)
        with report.stage("assemble"):
            written = self.mirror.update(planned_site(paths, site, projects, images, visuals,
                                                      outputs))
        self.rewritten = [rel for rel in written if rel.endswith(".html")]
        self.plan.succeeded()
        self.last = (projects, site.config.base_path, list(report.problems))
        self.pages = {node.path for node in site.nodes()}

    def _first(self, site: Site, changed: frozenset[Path]) -> frozenset[str] | None:
        """The pages to show first: those of the stories saved and of their
        pilots, which list them (the indexes, with every story, follow with the
        rest); None when the save was of anything else (a new story, a pilot,
        site.yml, the theme: the menu may change). A story's folder counts as
        the story: the watcher reports it modified beside each file saved in it."""
        pages = set()
        for path in changed:
            parts = path.relative_to(self.paths.content).parts \
                if path.is_relative_to(self.paths.content) else ()
            story = site.stories.get(parts[1]) if len(parts) > 1 and parts[0] == "stories" else None
            if story is None or story.path not in self.pages or not self.plan.built:
                return None
            pages |= {story.path, story.pilot.path}
        return frozenset(pages)

    def _show_first(self, site: Site, first: frozenset[str]) -> None:
        """Writes, renders and places the pages at `first` (of every language)."""
        paths = self.paths
        with ImagePlanner(paths.cache / "images", self.index) as images:
            visuals = SiteVisuals(site, paths.cache)
            projects = [emit_language(site, lang, images, visuals, first) for lang in site.languages]
            images.process()
        jobs = []
        for project in projects:
            write_pages(project, paths.project(project.lang))
            jobs.append((project.lang, paths.project(project.lang), paths.output(project.lang)))
        runs = build_all(jobs, self.engine, False, None, frozenset(p.lang for p in projects))
        if all(run.ok for run in runs):
            placed: dict[str, Path | str] = {
                project.root + page.url + "index.html": paths.output(project.lang) / page.url
                / "index.html" for project in projects for page in project.pages.values()}
            placed.update({f"media/{name}": path for name, path in images.outputs().items()})
            placed.update(published(n for n in site.nodes() if n.path in first))  # sound, video
            placed.update(visuals.texts())
            self.mirror.update(placed, prune=False)

    def afterwards(self, stop: threading.Event | None = None) -> list[Problem]:
        """Indexes the served site for search and checks its links; both give
        way (return at once, nothing found) as soon as `stop` is set."""
        if self.last is None:
            return []
        projects, base_path, known = self.last
        if not index_site(self.paths.out, gently=True, stop=stop) or (stop and stop.is_set()):
            return []
        return link_problems(self.paths.out, projects, base_path, self.paths.root, known)

    def close(self) -> None:
        """Stops the engine's processes and the Markdown workers."""
        self.engine.close()
        self.texts.close()

    def restart_engine(self) -> None:
        """Starts the engine afresh (after a bug its processes may be half-way)."""
        try:
            self.engine.close()
        except Exception:  # noqa: BLE001 - a process that is gone already is fine
            pass
        self.engine = SessionEngine()
        self.plan.forget()
