"""One way through, each stage named once, in order, and timed:

    check     read content/ (generator.content) and resolve the site (generator.site)
    emit      write every language's pages as HTML (generator.emit, generator.visuals)
    engine    put the theme around them (generator.engine); images and social
              cards are drawn beside it (generator.images)
    assemble  put the languages, media, data and sitemap together (generator.publish)
    links     check every link of the assembled site, while
    search    Pagefind indexes it, per language
    swap      replace site/ by the new site

A one-off build is cold: it reuses nothing of an earlier build but what the
store in .cache/ holds (processed images and map drawings), each
entry found by everything it was made from and checked when it is read
(generator.content.store). A failed stage leaves site/ as it was. The
preview, which keeps its engine and texts between saves, is the one
incremental path (generator.commands.rebuild); it uses these stages too.
"""

from __future__ import annotations

import ctypes
import gc
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from generator.content.kept import KeptBundles
from generator.content.load import load_content
from generator.content.messages import _
from generator.content.problems import ContentError, Problem, Problems
from generator.content.records.site import checked_base_url
from generator.emit import Project, Visuals, emit_language
from generator.engine import (Engine, EngineRun, ProperDocsEngine, build_all, read_base_config,
                              write_project)
from generator.images.pipeline import Stats
from generator.images.planner import ImagePlanner
from generator.images.probe import ImageIndex
from generator.publish.assemble import assemble, site_files, swap
from generator.publish.valid_html import finish_pages
from generator.publish.linkcheck import link_problems
from generator.publish.lock import BuildBusy, build_lock
from generator.publish.search import index_site
from generator.site.media import published
from generator.site.model import Site
from generator.site.resolve import resolve
from generator.site.textwork import TextWork
from generator.visuals import SiteVisuals

STAGES = ("check", "emit", "engine", "assemble", "links", "search", "swap")
__all__ = ["BuildBusy", "BuildReport", "EngineError", "GeneratorBug", "Options", "Paths",
           "STAGES", "build", "check"]


@dataclass
class Paths:
    """Where a build reads and writes; every work folder is named here."""

    root: Path  # the folder holding mkdocs.yml, theme/ and content/
    out: Path | None = None  # where the finished site goes (site/)

    def __post_init__(self) -> None:
        self.root = self.root.resolve()
        self.out = (self.out or self.root / "site").resolve()

    content = property(lambda self: self.root / "content")
    theme = property(lambda self: self.root / "theme")
    config = property(lambda self: self.root / "mkdocs.yml")
    build = property(lambda self: self.root / ".build")
    cache = property(lambda self: self.root / ".cache")

    @property
    def work(self) -> Path:
        """This output's own work folder (the preview's is apart from site/'s)."""
        default = self.out == self.root / "site"
        return self.build / ("work" if default else f"work-{self.out.name}")

    def project(self, lang: str) -> Path:
        """Where a language's emitted project is written."""
        return self.work / "projects" / lang

    def output(self, lang: str) -> Path:
        """Where the engine writes a language's HTML."""
        return self.work / "out" / lang

    @property
    def stage(self) -> Path:
        """Where the whole site is assembled before it is swapped in."""
        return self.out.with_name(f".{self.out.name}.stage")


@dataclass
class Options:
    """How to build."""

    drafts: bool = False  # publish drafts too
    strict: bool = False  # fail on warnings (ours and the engine's)
    engine: Engine | None = None  # ProperDocs, MkDocs' maintained fork, by default
    visuals: Callable[[Site, Path], Visuals] | None = None  # maps, timelines, cards
    base_url: str | None = None  # the site's address, replacing site.yml's
    jobs: int | None = None  # engine processes at once (one per language and core)
    fresh: bool = False  # empty the store in .cache/ first: nothing at all is reused


@dataclass
class BuildReport:
    """What a build did, and how long each stage took (seconds)."""

    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    engine: list[EngineRun] = field(default_factory=list)
    images: Stats | None = None
    pages: int = 0
    languages: list[str] = field(default_factory=list)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Times a stage; an unexpected error is wrapped with the stage's name."""
        start = time.perf_counter()
        try:
            yield
        except (ContentError, EngineError, GeneratorBug):
            raise
        except Exception as exc:
            raise GeneratorBug(name) from exc
        finally:
            self.timings[name] = time.perf_counter() - start


class EngineError(Exception):
    """The engine failed (or warned, with --strict) on some language."""

    def __init__(self, runs: list[EngineRun], strict: bool):
        self.runs = runs
        lines = []
        for run in runs:
            if not run.ok:
                lines.append(f"[{run.lang}] " + _("the site engine failed:") +
                             f"\n{run.output.strip()}")
            elif strict and run.warnings:
                lines += [f"[{run.lang}] " + _("warning: {text}").format(text=w)
                          for w in run.warnings]
        super().__init__("\n".join(lines))


class GeneratorBug(Exception):
    """Something went wrong, in `stage`, that no content can cause: a bug in the generator."""

    def __init__(self, stage: str):
        self.stage = stage
        super().__init__(_("the {stage} stage failed").format(stage=stage))


def check(paths: Paths, drafts: bool = False, base_url: str | None = None,
          images: ImageIndex | None = None, texts: TextWork | None = None,
          kept: KeptBundles | None = None) -> tuple[Site | None, Problems]:
    """Reads, validates and resolves the content, builds nothing, and returns
    the site (None if site.yml is unusable) and every problem found. `images`:
    what each image is (from the store by default); `texts` (where Markdown is
    rendered) and the bundles `kept`: the preview's, kept between its builds.

    Raises:
        ValueError: when `base_url` is not a web address.
    """
    problems = Problems(root=paths.root)
    with ExitStack() as stack:
        # the Markdown workers start while the YAML is read
        texts = texts if texts is not None else stack.enter_context(TextWork())
        content = load_content(paths.content, problems, kept)
        if content is not None and base_url:
            content.site = content.site.model_copy(update={"base_url": checked_base_url(base_url)})
        images = images if images is not None else image_index(paths)
        site = resolve(content, problems, drafts, images, texts) if content is not None else None
    return site, problems


def image_index(paths: Paths) -> ImageIndex:
    """What each image file is, as measured by earlier builds."""
    return ImageIndex(paths.cache / "measured")


def build(paths: Paths, options: Options | None = None, **settings) -> BuildReport:
    """Builds every language into `paths.out`, one build per folder at a time
    (`options`, or its fields as keywords, say how).

    Raises:
        ContentError: with every content problem, before anything is written.
        EngineError: when the engine fails; `paths.out` is left as it was.
        GeneratorBug: for anything else, with the stage it happened in.
        BuildBusy: when another build in the folder does not finish in time.
    """
    options = options or Options(**settings)
    with build_lock(paths.build, paths.root):
        if options.fresh:
            shutil.rmtree(paths.cache, ignore_errors=True)
        report, start = BuildReport(), time.perf_counter()
        site, projects = _made(paths, options, report)
        base_path = site.config.base_path
        del site  # the rest needs only the pages' places: Pagefind needs the memory
        _release(projects)
        with ThreadPoolExecutor(max_workers=1) as pool:
            search = pool.submit(index_site, paths.stage)  # Pagefind, beside the link check
            with report.stage("links"):
                _check_links(paths, projects, base_path, options.strict, report)
            with report.stage("search"):  # what is left of it once the links are checked
                search.result()
        with report.stage("swap"):
            swap(paths.stage, paths.out)
        report.timings["total"] = time.perf_counter() - start
        return report


def _made(paths: Paths, options: Options, report: BuildReport) -> tuple[Site, list[Project]]:
    """Checks, emits, runs the engine and assembles the site in the stage."""
    index, engine = image_index(paths), options.engine or ProperDocsEngine()
    with ImagePlanner(paths.cache / "images", index, early=True) as images:
        with report.stage("check"):
            site = checked(paths, options, index, report)
        with report.stage("emit"):
            visuals = (options.visuals or SiteVisuals)(site, paths.cache)
            projects = emitted(site, images, visuals, report)
        with report.stage("engine"):
            outputs = run_engine(paths, projects, engine, options, report,
                                 lambda: draw_media(images, visuals, projects))
    with report.stage("assemble"):
        assemble(paths.stage, planned_site(paths, site, projects, images, visuals, outputs))
        if not engine.fills_csp:
            finish_pages(paths.stage)
    return site, projects


def checked(paths: Paths, options: Options, index: ImageIndex, report: BuildReport,
            texts: TextWork | None = None, kept: KeptBundles | None = None) -> Site:
    """The checked site; every problem goes into the report.

    Raises:
        ContentError: with the problems that fail this build.
    """
    site, problems = check(paths, options.drafts, options.base_url, index, texts, kept)
    report.problems = problems.items
    failing = problems.failing(options.strict)
    if failing or site is None:
        raise ContentError(failing)
    return site


def emitted(site: Site, images: ImagePlanner, visuals: Visuals,
            report: BuildReport) -> list[Project]:
    """Every language's pages, default language first."""
    projects = [emit_language(site, lang, images, visuals) for lang in site.languages]
    report.pages = sum(len(p.pages) for p in projects)
    report.languages = [p.lang for p in projects]
    return projects


def run_engine(paths: Paths, projects: list[Project], engine: Engine, options: Options,
               report: BuildReport, beside: Callable[[], Stats],
               dirty: frozenset[str] = frozenset()) -> dict[str, Path]:
    """Writes each language's project and builds it (the `dirty` languages:
    only their changed pages); `beside` runs meanwhile (images and cards)."""
    base, jobs, outputs = read_base_config(paths.config), [], {}
    for project in projects:
        folder = paths.project(project.lang)
        out = outputs[project.lang] = engine.output_dir(folder, paths.output(project.lang))
        write_project(project, folder, base, paths.root, out)
        jobs.append((project.lang, folder, out))
    with ThreadPoolExecutor(max_workers=1) as pool:
        media = pool.submit(beside)
        runs = build_all(jobs, engine, options.strict, options.jobs, dirty)
        report.images = media.result()
    report.engine = runs
    failed = [r for r in runs if not r.ok or (options.strict and r.warnings)]
    if failed:
        raise EngineError(failed, options.strict)
    return outputs


def draw_media(images: ImagePlanner, visuals: Visuals, projects: list[Project]) -> Stats:
    """Processes images, then what is drawn from them (every page's social card)."""
    stats = images.process()
    visuals.draw([page.card for project in projects for page in project.pages.values()
                  if page.card])
    return stats


def planned_site(paths: Paths, site: Site, projects: list[Project], images: ImagePlanner,
                 visuals: Visuals, outputs: dict[str, Path]) -> dict[str, Path | str]:
    """Every file of the site: path -> the file to copy, or the text to write."""
    files = {f"media/{name}": path for name, path in images.outputs().items()}
    files.update(published(site.nodes()))  # sound, video and captions
    files.update(visuals.files())
    return site_files(outputs, projects, site.config.base_url, files, visuals.texts())


def _release(projects: list[Project]) -> None:
    """Lets go of the pages' text (written to disk by now) and returns the
    freed memory to the system before the search index is made beside us."""
    for project in projects:
        for page in project.pages.values():
            page.body, page.front = "", {}
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc keeps freed memory otherwise
    except (OSError, AttributeError):  # another C library
        pass


def _check_links(paths: Paths, projects: list[Project], base_path: str, strict: bool,
                 report: BuildReport) -> None:
    broken = link_problems(paths.stage, projects, base_path, paths.root, report.problems)
    report.problems += broken
    if strict and broken:
        raise ContentError(broken)
