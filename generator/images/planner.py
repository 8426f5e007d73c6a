"""Which images a build needs: planned while pages are emitted, processed after."""

from __future__ import annotations

import os
import sys
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from generator.content.store import Store
from generator.images.pipeline import (Rendition, Source, Stats, cached, clash, plan, render,
                                       same_work)
from generator.images.probe import ImageIndex


class ImagePlanner:
    """Collects the renditions one build needs, of images the `index` measured
    while the content was checked; they are kept in the store in `cache_dir`.
    With `early`, each new image is started at once (see `_start`)."""

    def __init__(self, cache_dir: Path, index: ImageIndex, early: bool = False):
        self.store = Store(cache_dir)
        self.index = index
        self.renditions: dict[Path, Rendition] = {}
        self.early = early
        self._started: dict[str, Future] = {}
        self._published: dict[str, str] = {}  # name -> hash of the image published under it
        self._pool: ThreadPoolExecutor | None = None

    def get(self, path: Path) -> Rendition:
        """Returns the rendition of an image file, planning it on first use. A
        ValueError for an image the content check refused, or one that would be
        published under another's name, is a bug if reached."""
        found = self.renditions.get(path)
        if found is None:
            measured = self.index.measure(path)
            if measured.error:
                raise ValueError(f"{path}: {measured.error}")
            source = Source(path, measured.digest, measured.width, measured.height, measured.alpha)
            found = self.renditions[path] = plan(source)
            if clash(found, self._published):
                raise ValueError(f"{path}: published under another image's name")
            if self.early:
                self._start(found)
        return found

    def _start(self, rendition: Rendition) -> None:
        """Starts a new image at once, in one thread beside the pages being
        written: Pillow works outside the interpreter's lock, so the images
        are mostly done by the time the engine runs."""
        key = same_work(rendition)
        if key in self._started or cached(rendition, self.store):
            return
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="images")
        self._started[key] = self._pool.submit(render, rendition, self.store)

    def __enter__(self) -> "ImagePlanner":
        return self

    def __exit__(self, *exc) -> None:
        """Drops the images started early but not begun (a build that failed
        before processing them); the one being made is finished."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool, self._started = None, {}

    def process(self) -> Stats:
        """Produces every missing output in the cache, in parallel across cores
        (with a progress bar on a terminal, for many images)."""
        begun = [future for future in self._started.values() if not future.cancel()]
        written = sum(future.result() for future in begun)  # the others are done below
        self.__exit__()
        unique = {same_work(r): r for r in self.renditions.values()}
        todo = [r for r in unique.values() if not cached(r, self.store)]
        # Threads: Pillow lets go of the interpreter while it decodes, resizes and
        # encodes, so they run side by side; a fork would copy a large build's
        # memory page by page, and a fresh process would import it all again.
        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            results = pool.map(render, todo, [self.store] * len(todo))
            if sys.stderr.isatty() and len(todo) > 8:
                from tqdm import tqdm

                results = tqdm(results, total=len(todo), desc="images", unit="img", leave=False)
            written += sum(results)
        return Stats(len(unique), len(todo) + len(begun), written)

    def outputs(self) -> dict[str, Path]:
        """Returns every output file the site needs: name -> its file in the
        store (FileNotFoundError for one that is not there: a bug once processed)."""
        found = {}
        for variant in (v for r in self.renditions.values() for v in r.variants):
            path = self.store.get(variant.key)
            if path is None:
                raise FileNotFoundError(f"{variant.name} was not made")
            found[variant.name] = path
        return found
