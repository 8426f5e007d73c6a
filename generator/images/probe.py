"""Cheap checks on image files, done while validating (headers only)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, UnidentifiedImageError

Image.MAX_IMAGE_PIXELS = 200_000_000  # we warn at 25 MP ourselves; refuse only absurd files
WARN_MEGAPIXELS = 25
COVER_MIN_WIDTH = 1200


@dataclass(frozen=True)
class Probe:
    """What an image file's header says.

    Attributes:
        width: Width in pixels, as stored (before EXIF orientation).
        height: Height in pixels, as stored.
        format: Pillow's format name (JPEG, PNG, WEBP, ...).
        error: Why the file is not a usable image, or None.
    """

    width: int = 0
    height: int = 0
    format: str = ""
    error: str | None = None

    @property
    def megapixels(self) -> float:
        """The image's size in megapixels."""
        return self.width * self.height / 1e6


def probe(path: Path) -> Probe:
    """Reads an image's header: size and format, or why it is not an image.

    Args:
        path: The file.
    """
    stat = path.stat()
    return _probe(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _probe(path: Path, mtime_ns: int, size: int) -> Probe:
    try:
        with Image.open(path) as image:
            width, height = image.size
            return Probe(width, height, image.format or "")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        return Probe(error=f"{path.name} is not an image Pillow can read ({type(exc).__name__})")
