"""One way through: read records -> validate -> resolve -> emit -> engine ->
assemble -> swap into site/. Nothing is kept between builds but files on disk
(caches), so a preview server can call `build` again and again."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from filelock import FileLock, Timeout

from generator.publish.assemble import assemble, swap
from generator.emit import Extras, Project, emit_language
from generator.engine import (EngineRun, MkDocsEngine, build_all, engine_fingerprint,
                     read_base_config, write_mkdocs_project)
from generator.images.planner import ImagePlanner
from generator.images.pipeline import Stats
from generator.images.probe import ImageIndex
from generator.site.model import Site
from generator.content.problems import ContentError, Problem, Problems
from generator.content import load_content
from generator.content.boundary import Boundary, Refused
from generator.content.records.site import checked_base_url
from generator.site.resolve import resolve


@dataclass
class Paths:
    """Where a build reads and writes.

    Attributes:
        root: The folder holding mkdocs.yml.
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


@dataclass
class BuildReport:
    """What a build did, and how long each step took (seconds)."""

    problems: list[Problem] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    engine: list[EngineRun] = field(default_factory=list)
    images: Stats | None = None
    pages: int = 0
    check_links: Any = None  # set when the links are left to be checked after the build
    languages: list[str] = field(default_factory=list)


class EngineError(Exception):
    """The engine failed (or warned, with --strict) on some language."""

    def __init__(self, runs: list[EngineRun], strict: bool):
        self.runs = runs
        lines = []
        for run in runs:
            if not run.ok:
                lines.append(f"[{run.lang}] the site engine failed:\n{run.output.strip()}")
            elif strict and run.warnings:
                lines += [f"[{run.lang}] warning: {w}" for w in run.warnings]
        super().__init__("\n".join(lines))


def check(paths: Paths, drafts: bool = False, base_url: str | None = None,
          images: ImageIndex | None = None) -> tuple[Site | None, Problems]:
    """Reads, validates and resolves the content; builds nothing.

    Args:
        paths: Where to read.
        drafts: Treat drafts as published.
        base_url: The site's address, replacing site.yml's (for publishing
            under the address GitHub Pages reports).
        images: What each image is, kept between builds (read from the cache
            by default).

    Returns:
        The site (None if site.yml is unusable) and every problem found.

    Raises:
        ValueError: when `base_url` is not a web address.
    """
    problems = Problems(root=paths.root)
    content = load_content(paths.content, problems)
    if content is not None and base_url:
        content.site = content.site.model_copy(update={"base_url": checked_base_url(base_url)})
    images = images if images is not None else image_index(paths)
    site = resolve(content, problems, drafts, images) if content is not None else None
    images.save()
    return site, problems


def image_index(paths: Paths) -> ImageIndex:
    """What each image file is, as measured by earlier builds."""
    return ImageIndex(paths.cache / "images" / "measured.json")


def build(paths: Paths, *, drafts: bool = False, strict: bool = False,
          engine: MkDocsEngine | None = None, extras: Extras | None = None,
          base_url: str | None = None, links_first: bool = True) -> BuildReport:
    """Builds every language into `paths.out`.

    Args:
        paths: Where to read and write.
        drafts: Publish drafts too.
        strict: Fail on warnings (ours and the engine's).
        engine: The site engine (MkDocs by default).
        extras: Maps, timelines, cards (the full set by default).
        base_url: The site's address, replacing site.yml's.
        links_first: Check links before the site is swapped into place (a
            broken link then fails a strict build). The preview swaps first
            and checks afterwards (`report.check_links()`), so the page
            reloads sooner.

    Raises:
        ContentError: with every content problem, before anything is written.
        EngineError: when the engine fails; `paths.out` is left as it was.
    """
    with build_lock(paths):
        return _build(paths, drafts, strict, engine, extras, base_url, links_first)


def _build(paths: Paths, drafts: bool, strict: bool, engine: MkDocsEngine | None,
           extras: Extras | None, base_url: str | None, links_first: bool) -> BuildReport:
    report, clock = BuildReport(), time.perf_counter()
    index = image_index(paths)
    site, problems = check(paths, drafts, base_url, index)
    report.problems = problems.items
    failing = problems.failing(strict)
    if failing or site is None:
        raise ContentError(failing)
    report.timings["check"] = time.perf_counter() - clock
    engine = engine or MkDocsEngine()
    images = ImagePlanner(paths.cache / "images", index)
    extras = extras if extras is not None else default_extras(site, paths)
    projects = [emit_language(site, lang, images, extras) for lang in site.languages]
    report.pages = sum(len(p.pages) for p in projects)
    report.languages = [p.lang for p in projects]
    report.timings["emit"] = time.perf_counter() - clock - report.timings["check"]
    _run_engine(paths, projects, engine, strict, images, report, extras)
    outputs = {p.lang: engine.output_dir(paths.build / "projects" / p.lang,
                                         paths.build / "out" / p.lang) for p in projects}
    _finish(paths, site, projects, images, extras, report, strict and links_first, outputs,
            engine.fills_csp, links_first)
    report.timings["total"] = time.perf_counter() - clock
    return report


class BuildBusy(Exception):
    """Another build in the same folder did not finish in time."""


LOCK_WAIT = 15 * 60  # seconds a build waits for another one in the same folder


@contextmanager
def build_lock(paths: Paths, notify: Callable[[str], None] | None = None) -> Iterator[None]:
    """Lets one build at a time use a site folder's work folders and output.

    A second build waits for the first (saying so), then goes on.

    Raises:
        BuildBusy: when the other build has not finished after LOCK_WAIT seconds.
    """
    paths.build.mkdir(parents=True, exist_ok=True)
    lock = FileLock(paths.build / "build.lock")
    try:
        lock.acquire(timeout=0)
    except Timeout:
        (notify or _stderr)("another build is running in this folder; waiting for it to finish")
        try:
            lock.acquire(timeout=LOCK_WAIT)
        except Timeout:
            raise BuildBusy(f"another build in {paths.root} has been running for more than "
                            f"{LOCK_WAIT // 60} minutes; stop it, or wait and try again") from None
    try:
        yield
    finally:
        lock.release()


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _line_of(source: Path, text: str, boundary: Boundary) -> int | None:
    try:
        lines = boundary.read_text(source, link_ok=False).splitlines()
    except Refused:
        return None
    return next((n for n, line in enumerate(lines, 1) if text in line), None)


def default_extras(site: Site, paths: Paths) -> Extras:
    """Returns the maps, timelines and social cards of a normal build."""
    try:
        from generator.visuals import SiteExtras
    except ImportError:  # pragma: no cover - during bootstrapping only
        return Extras()
    return SiteExtras(site, paths.cache)


def _run_engine(paths: Paths, projects: list[Project], engine: MkDocsEngine, strict: bool,
                images: ImagePlanner, report: BuildReport, extras: Extras) -> None:
    start = time.perf_counter()
    base = read_base_config(paths.config)
    jobs = []
    for project in projects:
        folder = paths.build / "projects" / project.lang
        out = engine.output_dir(folder, paths.build / "out" / project.lang)
        files = write_mkdocs_project(project, folder, base, paths.root, out)
        stamp = paths.build / "out" / f"{project.lang}.fingerprint"
        stamp.parent.mkdir(parents=True, exist_ok=True)
        digest = engine_fingerprint(files, paths.theme, engine)
        if out.is_dir() and stamp.is_file() and stamp.read_text() == digest:
            report.engine.append(EngineRun(project.lang, True, cached=True))
            continue
        stamp.unlink(missing_ok=True)
        jobs.append((project.lang, folder, out, stamp, digest))
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_process_media, images, extras)  # beside the engine
        runs = build_all([job[:3] for job in jobs], engine, strict)
        report.images = pending.result()
    report.engine += runs
    failed = [r for r in runs if not r.ok or (strict and r.warnings)]
    if failed:
        raise EngineError(failed, strict)
    for job in jobs:
        job[3].write_text(job[4])
    report.timings["engine"] = time.perf_counter() - start


def _process_media(images: ImagePlanner, extras: Extras) -> Stats:
    """Processes images, then what is drawn from them (social cards)."""
    stats = images.process()
    process = getattr(extras, "process", None)
    if process is not None:
        process()
    return stats


def _finish(paths: Paths, site: Site, projects: list[Project], images: ImagePlanner,
            extras: Extras, report: BuildReport, strict: bool, outputs: dict[str, Path],
            csp_done: bool = True, links_first: bool = True) -> None:
    files = {f"media/{name}": path for name, path in images.outputs().items()}
    files.update(getattr(extras, "files", lambda: {})())
    texts = getattr(extras, "texts", lambda: {})()
    stage = paths.out.with_name(f".{paths.out.name}.stage")
    assemble(stage, outputs, projects, site.config.base_url, files, texts)
    if not csp_done:
        fill_csp(stage)
    if not links_first:
        swap(stage, paths.out)
        report.check_links = lambda: link_problems(paths.out, projects, site, paths.root)
        return
    broken = link_problems(stage, projects, site, paths.root)
    report.problems += broken
    if strict and broken:
        raise ContentError(broken)
    swap(stage, paths.out)


def fill_csp(stage: Path) -> None:
    """Fills the CSP of pages an engine wrote without running our hooks."""
    from generator.publish import csp

    for page in stage.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if csp.PLACEHOLDER in text:
            page.unlink()  # it may be a hard link into the engine's output
            page.write_text(csp.apply(text), encoding="utf-8")


def link_problems(stage: Path, projects: list[Project], site: Site, root: Path) -> list[Problem]:
    """Checks the assembled site's links; returns one warning per broken link,
    pointing at the content file (and line) it came from where possible."""
    from generator.publish.linkcheck import check_site

    sources = {p.root + (page.url or "") + "index.html": page.source
               for p in projects for page in p.pages.values()}
    base_path = "/" + site.config.base_url.split("://", 1)[1].split("/", 1)[1]
    problems, boundary = Problems(root=root), Boundary(root / "content")
    for link in check_site(stage, base_path):
        source = sources.get(link.page)
        line = _line_of(source, link.link, boundary) if source else None
        problems.add(source or link.page, line, f"broken link {link.link} on {link.page}: "
                     f"{link.reason}", "correct the link; links to pages end in /, e.g. "
                     "../other-story/", level="warning")
    return problems.items
