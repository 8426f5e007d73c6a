"""Which images a build needs: planned while pages are emitted, processed after."""

from __future__ import annotations

from pathlib import Path

from generator.images.pipeline import Rendition, Source, Stats, plan, process
from generator.images.probe import ImageIndex


class ImagePlanner:
    """Collects the renditions one build needs.

    Args:
        cache_dir: Where processed images are kept.
        index: What each image file is (measured while the content was checked).
    """

    def __init__(self, cache_dir: Path, index: ImageIndex):
        self.cache_dir = cache_dir
        self.index = index
        self.renditions: dict[Path, Rendition] = {}

    def get(self, path: Path) -> Rendition:
        """Returns the rendition of an image file, planning it on first use.

        Raises:
            ValueError: for an image the content check refused (a bug if reached).
        """
        found = self.renditions.get(path)
        if found is None:
            measured = self.index.measure(path)
            if measured.error:
                raise ValueError(f"{path}: {measured.error}")
            source = Source(path, measured.digest, measured.width, measured.height, measured.alpha)
            found = self.renditions[path] = plan(source)
        return found

    def process(self, workers: int | None = None) -> Stats:
        """Produces every missing output in the cache."""
        self.index.save()
        return process(self.renditions.values(), self.cache_dir, workers)

    def outputs(self) -> dict[str, Path]:
        """Returns every output file the site needs: name -> cached file."""
        return {v.name: self.cache_dir / v.name
                for r in self.renditions.values() for v in r.variants}
