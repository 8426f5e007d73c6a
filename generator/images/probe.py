"""The one place image files are measured and checked, before anything is drawn.

Every image is opened once per content version: its size (as shown, after EXIF
rotation), transparency and content hash are recorded, and it is decoded fully
(JPEGs at 1/8 scale, which still reads every byte) so a damaged or truncated
file is a content problem at `check`, never a crash in the middle of a build.
Images over the pixel limit are refused from their header, before decoding.
The results are kept in the store by the file's content and the code that
measured it (a build reads each image's bytes, but decodes only a new one),
and in memory by the file's path, size and times (the preview, asked again on
every save, opens no unchanged image at all).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from generator.content.records.site import MAX_LIMIT_MEGAPIXELS
from generator.content.store import Store, code_digest, key_of
from generator.images.media import MediaIndex

PIPELINE_VERSION = "3"  # part of every digest: change it to invalidate every cached output
# The formats content may use. Pillow knows more, and some (EPS) would run an
# outside program (Ghostscript) on the file: those are never opened.
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF")
WIDEST = 1600  # the widest picture the site shows (the pipeline's largest width)
# Pillow's own bomb check stays on for what a header may claim; the limit
# site.yml sets is on what is decoded (`decoded_megapixels`), so that a phone's
# 108 MP JPEG, decoded at a quarter of its size, is an ordinary photo.
Image.MAX_IMAGE_PIXELS = 16 * MAX_LIMIT_MEGAPIXELS * 1_000_000
_JPEG_SCALES = (8, 4, 2, 1)  # a JPEG is decoded at 1/8, 1/4, 1/2 or full size
WARN_MEGAPIXELS = 25
COVER_MIN_WIDTH = 1200
_SWAPS = {5, 6, 7, 8}  # EXIF orientations that turn the image on its side


def decoded_megapixels(fmt: str, width: int, height: int) -> float:
    """How much of an image is decoded to show it: a JPEG at the smallest
    scale that still gives the widest picture shown; anything else in full."""
    scale = 1
    if fmt == "JPEG":
        scale = next(s for s in _JPEG_SCALES if s == 1 or width / s >= min(width, WIDEST))
    return (width // scale) * (height // scale) / 1e6


@dataclass(frozen=True)
class Measured:
    """What an image file is. It is kept on disk, for every language: the
    content check says its `error` in the editor's language."""

    digest: str = ""  # the hash of its bytes and the pipeline version (hex)
    width: int = 0  # as shown (after EXIF rotation), like the height
    height: int = 0
    alpha: bool = False
    format: str = ""  # Pillow's name (JPEG, PNG, ...), or an unsupported file's (HEIC, ...)
    error: str = ""  # why it cannot be used: unreadable, unsupported, damaged or too-large
    detail: str = ""  # what went wrong in a damaged file (the error's name)
    limit: float = 0  # the pixel limit, in megapixels, of one too large

    @property
    def megapixels(self) -> float:
        return self.width * self.height / 1e6


def digest_of(path: Path) -> str:
    """Returns the hash of a file's bytes and the pipeline version."""
    with path.open("rb") as handle:
        found = hashlib.file_digest(handle, lambda: hashlib.sha256(PIPELINE_VERSION.encode()))
    return found.hexdigest()


def measure(path: Path, limit_megapixels: float = 50, digest: str | None = None) -> Measured:
    """Opens an image (already checked by the content boundary), checks it
    against the pixel limit and decodes it fully; `digest` is its `digest_of`,
    if known."""
    try:
        with Image.open(path, formats=FORMATS) as image:
            width, height = image.size
            if decoded_megapixels(image.format or "", width, height) > limit_megapixels:
                return Measured(width=width, height=height, error="too-large",
                                limit=limit_megapixels)
            found = _shape(image, digest or digest_of(path))
            if image.format == "JPEG":  # decoding at 1/8 scale still reads every byte
                image.draft("RGB", (math.ceil(width / 8), math.ceil(height / 8)))
            image.load()
    except UnidentifiedImageError:
        kind = sniff(path)
        return Measured(format=kind, error="unsupported" if kind else "unreadable")
    except Image.DecompressionBombError:
        return Measured(error="too-large", limit=limit_megapixels)
    except Exception as exc:  # noqa: BLE001 - a damaged file raises many kinds of error in Pillow
        return Measured(error="damaged", detail=type(exc).__name__)
    return found


_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"hevc": "HEIC", b"hevx": "HEIC", b"heim": "HEIC",
           b"heis": "HEIC", b"mif1": "HEIF", b"msf1": "HEIF", b"avif": "AVIF", b"avis": "AVIF"}
_MAGIC = ((b"8BPS", "PSD"), (b"%PDF", "PDF"), (b"BM", "BMP"), (b"<svg", "SVG"), (b"<?xml", "SVG"))


def sniff(path: Path) -> str:
    """Names the format of an image the site does not take (a phone's HEIC photo,
    often saved as .jpg), or returns "" when it is not a known image format."""
    with path.open("rb") as handle:
        head = handle.read(32)
    if head[4:8] == b"ftyp":
        return _BRANDS.get(head[8:12], "")
    return next((kind for magic, kind in _MAGIC if head.lstrip().startswith(magic)), "")


def _shape(image: Image.Image, digest: str) -> Measured:
    width, height = image.size
    if image.getexif().get(0x0112, 1) in _SWAPS:
        width, height = height, width
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return Measured(digest, width, height, alpha, image.format or "")


class ImageIndex:
    """Remembers what each image file is: in memory by its path, size and
    times; in the store in `folder` (None: memory only) by its content and this
    package's code. site.yml may change the largest image accepted (`limit`)."""

    def __init__(self, folder: Path | None, limit_megapixels: float = 50):
        self.store = Store(folder) if folder is not None else None
        self.limit = limit_megapixels
        self.known: dict[tuple, Measured] = {}
        # sound and video files, and their published copies, beside the measurements
        self.media = MediaIndex(folder.parent / "media" if folder is not None else None, digest_of)

    def measure(self, file: Path) -> Measured:
        """Returns what an image is, decoding it only when it is new."""
        info = file.stat()
        mark = (os.path.realpath(file), info.st_mtime_ns, info.st_ctime_ns, info.st_size,
                self.limit)
        if mark not in self.known:
            self.known[mark] = self._measured(file)
        return self.known[mark]

    def _measured(self, file: Path) -> Measured:
        digest = digest_of(file)
        key = key_of(digest, f"{self.limit:g}", code_digest(("images",), ("pillow",)))
        stored = self.store.read(key) if self.store is not None else None
        if stored is not None:
            try:
                return Measured(**json.loads(stored))
            except (TypeError, ValueError):  # written by other code: measured again
                pass
        found = measure(file, self.limit, digest)
        if self.store is not None:
            self.store.put(key, json.dumps(asdict(found), sort_keys=True).encode(), ".json")
        return found
