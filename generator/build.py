"""One way through, each stage named once, in order, and timed:

    check     read content/ (generator.content) and resolve the site (generator.site)
    emit      write every language's pages as HTML (generator.emit, generator.visuals)
    engine    put the theme around them (generator.engine); images and social
              cards are drawn beside it (generator.images)
    assemble  put the languages, media, data and sitemap together (generator.publish)
    search    index the assembled site for search, per language (Pagefind),
    links     while every link of the assembled site is checked
    swap      replace site/ by the new site

A failed stage leaves site/ as it was. Nothing is kept between builds but
files on disk (caches), so the preview can call `build` again and again.
"""

from __future__ import annotations

import ctypes
import gc
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from generator.content import load_content
from generator.content.messages import _, language
from generator.content.problems import ContentError, Problem, Problems
from generator.content.records.site import checked_base_url
from generator.emit import Project, Visuals, emit_language
from generator.engine import (Engine, EngineRun, MkDocsEngine, build_all, plan_language,
                              read_base_config, started_early, write_project)
from generator.images.pipeline import Stats
from generator.images.planner import ImagePlanner
from generator.images.probe import ImageIndex
from generator.publish.assemble import Placer, assemble, swap
from generator.publish.csp import fill_csp
from generator.publish.linkcheck import link_problems, unreported
from generator.publish.lock import BuildBusy, build_lock
from generator.publish.search import BUNDLE, index_site
from generator.publish.searchkeep import KeptIndex
from generator.publish.unchanged import Unchanged, problems_of
from generator.site.model import Site
from generator.site.resolve import resolve
from generator.site.textwork import TextWork
from generator.visuals import SiteVisuals

STAGES = ("check", "emit", "engine", "assemble", "search", "links", "swap")


@dataclass
class Paths:
    """Where a build reads and writes; every work folder is named here.

    Attributes:
        root: The folder holding mkdocs.yml, theme/ and content/.
        out: Where the finished site goes (site/).
    """

    root: Path
    out: Path | None = None

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

    def stamp(self, lang: str) -> Path:
        """What a language's engine output was built from."""
        return self.work / "out" / f"{lang}.fingerprint"

    @property
    def stage(self) -> Path:
        """Where the whole site is assembled before it is swapped in."""
        return self.out.with_name(f".{self.out.name}.stage")

    spare = property(lambda self: self.work / "spare")  # the site before, to bring up to date


@dataclass
class Options:
    """How to build.

    Attributes:
        drafts: Publish drafts too.
        strict: Fail on warnings (ours and the engine's).
        engine: The site engine (MkDocs by default).
        visuals: Maps, timelines, cards (the full set by default).
        base_url: The site's address, replacing site.yml's.
        links_first: Check links before the site is swapped into place (a
            broken link then fails a strict build). The preview swaps first
            and then indexes the site for search and checks its links
            (`report.check_links()`), so the page reloads sooner.
        jobs: How many engine processes at once (default: one per language,
            at most one per core).
        texts: Where Markdown is rendered (the preview keeps one); new by default.
    """

    drafts: bool = False
    strict: bool = False
    engine: Engine | None = None
    visuals: Callable[[Site, Path], Visuals] | None = None
    base_url: str | None = None
    links_first: bool = True
    jobs: int | None = None
    texts: TextWork | None = None


@dataclass
class BuildReport:
    """What a build did, and how long each stage took (seconds)."""

    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    engine: list[EngineRun] = field(default_factory=list)
    images: Stats | None = None
    pages: int = 0
    check_links: Callable[..., list[Problem]] | None = None  # when links are checked after
    languages: list[str] = field(default_factory=list)
    unchanged: bool = False  # nothing changed since the last build: nothing was built

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
    """Something went wrong that no content can cause: a bug in the generator.

    Args:
        stage: The stage it happened in.
    """

    def __init__(self, stage: str):
        self.stage = stage
        super().__init__(_("the {stage} stage failed").format(stage=stage))


def check(paths: Paths, drafts: bool = False, base_url: str | None = None,
          images: ImageIndex | None = None, texts: TextWork | None = None
          ) -> tuple[Site | None, Problems]:
    """Reads, validates and resolves the content; builds nothing.

    Args:
        paths: Where to read.
        drafts: Treat drafts as published.
        base_url: The site's address, replacing site.yml's (for publishing
            under the address GitHub Pages reports).
        images: What each image is, kept between builds (read from the cache
            by default).
        texts: Where Markdown is rendered (the preview keeps one); new by default.

    Returns:
        The site (None if site.yml is unusable) and every problem found.

    Raises:
        ValueError: when `base_url` is not a web address.
    """
    problems = Problems(root=paths.root)
    with ExitStack() as stack:
        # the Markdown workers start while the YAML is read
        texts = texts if texts is not None else stack.enter_context(TextWork())
        content = load_content(paths.content, problems)
        if content is not None and base_url:
            content.site = content.site.model_copy(update={"base_url": checked_base_url(base_url)})
        images = images if images is not None else image_index(paths)
        site = resolve(content, problems, drafts, images, texts) if content is not None else None
    images.save()
    return site, problems


def image_index(paths: Paths) -> ImageIndex:
    """What each image file is, as measured by earlier builds."""
    return ImageIndex(paths.cache / "images" / "measured.json")


def build(paths: Paths, options: Options | None = None, **settings) -> BuildReport:
    """Builds every language into `paths.out`, one build per folder at a time.

    Args:
        paths: Where to read and write.
        options: How to build (or give its fields as keywords).

    Raises:
        ContentError: with every content problem, before anything is written.
        EngineError: when the engine fails; `paths.out` is left as it was.
        GeneratorBug: for anything else, with the stage it happened in.
        BuildBusy: when another build in the folder does not finish in time.
    """
    options = options or Options(**settings)
    with build_lock(paths.build, paths.root):
        inputs = _inputs(paths, options)
        if inputs and (last := inputs.last(paths.out)):
            return BuildReport(problems_of(last), {"total": 0.0}, pages=last["pages"],
                               engine=[EngineRun(lang, True, cached=True)
                                       for lang in last["languages"]],
                               languages=last["languages"], unchanged=True)
        if inputs:
            inputs.forget()
        report = _build(paths, options)
        if inputs:
            inputs.record(paths.out, report.problems,
                          {"pages": report.pages, "languages": report.languages})
        return report


def _inputs(paths: Paths, options: Options) -> Unchanged | None:
    """Everything the site depends on, to skip a build that would change nothing
    (not for the preview, which checks links afterwards, nor for custom visuals)."""
    if not options.links_first or options.visuals is not None:
        return None
    engine = options.engine or MkDocsEngine()
    settings = {"drafts": options.drafts, "strict": options.strict,
                "base_url": options.base_url, "language": language(),
                "engine": [engine.name, engine.identity()]}
    folders = [paths.content, paths.theme, paths.config, Path(__file__).parent]
    return Unchanged(paths.work / "unchanged.json", folders, settings)


def _build(paths: Paths, options: Options) -> BuildReport:
    report, start = BuildReport(), time.perf_counter()
    index, engine = image_index(paths), options.engine or MkDocsEngine()
    images = ImagePlanner(paths.cache / "images", index, early=True)
    with started_early(engine), images:
        with report.stage("check"):
            site = _checked(paths, options, index, report)
        with report.stage("emit"):
            visuals = (options.visuals or SiteVisuals)(site, paths.cache)
            projects = [emit_language(site, lang, images, visuals) for lang in site.languages]
            report.pages = sum(len(p.pages) for p in projects)
            report.languages = [p.lang for p in projects]
        with report.stage("engine"):
            outputs = _run_engine(paths, projects, engine, options, images, visuals, report)
    with report.stage("assemble"):
        _assemble(paths, site, projects, images, visuals, outputs, engine)
    base_path = site.config.base_path
    del site, images, visuals  # the rest needs only the pages' places: Pagefind needs the memory
    _release(projects, give_back=options.links_first)  # the preview indexes after the reload
    if options.links_first:  # the preview swaps first, so the page reloads sooner
        with ThreadPoolExecutor(max_workers=1) as pool:
            kept = _kept_index(paths, projects, paths.out)
            plan = kept.plan(paths.stage)  # reads every page: not beside the link check
            search = pool.submit(index_site, paths.stage, kept=kept, plan=plan)  # Pagefind, beside
            with report.stage("links"):
                _check_links(paths, projects, base_path, options.strict, report)
            with report.stage("search"):  # what is left of it once the links are checked
                search.result()
    with report.stage("swap"):
        swap(paths.stage, paths.out, paths.spare)
    if not options.links_first:
        report.check_links = _afterwards(paths, projects, base_path, list(report.problems))
    report.timings["total"] = time.perf_counter() - start
    return report


def _release(projects: list[Project], give_back: bool) -> None:
    """Lets go of the pages' text (written to disk by now) and, with
    `give_back`, returns the freed memory to the system before the search
    index is made beside us (a collection takes a while: not for the preview)."""
    for project in projects:
        for page in project.pages.values():
            page.body, page.front = "", {}
    if not give_back:
        return
    gc.collect()
    try:
        ctypes.CDLL(None).malloc_trim(0)  # glibc keeps freed memory otherwise
    except (OSError, AttributeError):  # another C library
        pass


def _checked(paths: Paths, options: Options, index: ImageIndex, report: BuildReport) -> Site:
    site, problems = check(paths, options.drafts, options.base_url, index, options.texts)
    report.problems = problems.items
    failing = problems.failing(options.strict)
    if failing or site is None:
        raise ContentError(failing)
    return site


def _run_engine(paths: Paths, projects: list[Project], engine: Engine, options: Options,
                images: ImagePlanner, visuals: Visuals, report: BuildReport) -> dict[str, Path]:
    """Builds each language whose project changed; images and cards are drawn beside."""
    base, jobs, outputs = read_base_config(paths.config), [], {}
    for project in projects:
        folder, stamp = paths.project(project.lang), paths.stamp(project.lang)
        out = outputs[project.lang] = engine.output_dir(folder, paths.output(project.lang))
        files = write_project(project, folder, base, paths.root, out)
        job = plan_language(project.lang, files, paths.theme, engine, (folder, out, stamp))
        if job is None:
            report.engine.append(EngineRun(project.lang, True, cached=True))
        else:
            jobs.append(job)
    cards = [page.card for project in projects for page in project.pages.values() if page.card]
    with ThreadPoolExecutor(max_workers=1) as pool:
        media = pool.submit(_media, images, visuals, cards)  # beside the engine
        runs = build_all([(j.lang, j.project, j.out) for j in jobs], engine, options.strict,
                         options.jobs, frozenset(j.lang for j in jobs if j.dirty))
        report.images = media.result()
    report.engine += runs
    failed = [r for r in runs if not r.ok or (options.strict and r.warnings)]
    if failed:
        raise EngineError(failed, options.strict)
    for job in jobs:
        job.done()
    return outputs


def _media(images: ImagePlanner, visuals: Visuals, cards: list) -> Stats:
    """Processes images, then what is drawn from them (social cards)."""
    stats = images.process()
    visuals.draw(cards)
    return stats


def _assemble(paths: Paths, site: Site, projects: list[Project], images: ImagePlanner,
              visuals: Visuals, outputs: dict[str, Path], engine: Engine) -> None:
    files = {f"media/{name}": path for name, path in images.outputs().items()}
    files.update(visuals.files())
    cards = {page.card.name for project in projects for page in project.pages.values()
             if page.card}
    files.update({f"social/{name}": paths.cache / "cards" / name for name in cards})
    assemble(paths.stage, outputs, projects, site.config.base_url, files, visuals.texts(),
             Placer(paths.work / "assembled.json", paths.out), paths.spare)
    if not engine.fills_csp:
        fill_csp(paths.stage)


def _afterwards(paths: Paths, projects: list[Project], base_path: str,
                checked: list[Problem]) -> Callable[..., list[Problem]]:
    """What the preview does once the pages have reloaded: index the site for
    search, and check its links; both give way (return at once, nothing
    found) as soon as `stop` is set: the next rebuild does them again."""
    def run(stop: threading.Event | None = None) -> list[Problem]:
        kept = _kept_index(paths, projects, paths.spare)  # the site before, since the swap
        if not index_site(paths.out, gently=True, stop=stop, kept=kept) or (stop and stop.is_set()):
            return []
        return unreported(link_problems(paths.out, projects, base_path, paths.root), checked)
    return run


def _kept_index(paths: Paths, projects: list[Project], last_site: Path) -> KeptIndex:
    """The search index of `last_site`, of which unchanged languages are kept."""
    return KeptIndex(paths.work / "search.json", last_site,
                     {p.lang: p.root for p in projects}, BUNDLE)


def _check_links(paths: Paths, projects: list[Project], base_path: str, strict: bool,
                 report: BuildReport) -> None:
    broken = unreported(link_problems(paths.stage, projects, base_path, paths.root),
                        report.problems)
    report.problems += broken
    if strict and broken:
        raise ContentError(broken)
