"""Which images a build needs: planned while pages are emitted, processed after."""

from __future__ import annotations

from pathlib import Path

from .pipeline import Rendition, SourceIndex, Stats, plan, process


class ImagePlanner:
    """Collects the renditions one build needs.

    Args:
        cache_dir: Where processed images (and the source index) are kept.
    """

    def __init__(self, cache_dir: Path):
        self.cache_dir = cache_dir
        self.index = SourceIndex(cache_dir / "sources.json")
        self.renditions: dict[Path, Rendition] = {}

    def get(self, path: Path) -> Rendition:
        """Returns the rendition of an image file, planning it on first use."""
        found = self.renditions.get(path)
        if found is None:
            found = self.renditions[path] = plan(self.index.source(path))
        return found

    def process(self, workers: int | None = None) -> Stats:
        """Produces every missing output in the cache."""
        self.index.save()
        return process(self.renditions.values(), self.cache_dir, workers)

    def outputs(self) -> dict[str, Path]:
        """Returns every output file the site needs: name -> cached file."""
        return {v.name: self.cache_dir / v.name
                for r in self.renditions.values() for v in r.variants}
