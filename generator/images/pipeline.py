"""The image pipeline: pure functions over small dataclasses.

Every image is auto-oriented, converted to sRGB, stripped of all metadata
(GPS positions of residents' homes must never be published) and written at
several widths as WebP plus a JPEG (PNG for transparent images) fallback.
Outputs are kept in the store (generator.content.store) by a key of the
source's content hash, their parameters, this package's code and Pillow's
files: an image is processed again only when one of those changed.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from generator.content.store import Store, code_digest, key_of
from generator.images.probe import FORMATS, WIDEST

WIDTHS = (480, 960, WIDEST)
MAX_SIDE = 16383  # the largest side WebP can hold
MIN_SIDE = 16  # a variant less than this on a side shows nothing a reader can see
WEBP = {"quality": 80, "method": 0}  # method 2 takes twice as long for a few % smaller files
FALLBACK_WIDTH = 960  # the one JPEG/PNG for browsers without WebP (and for sharing)
JPEG = {"quality": 82, "optimize": True, "progressive": True}
PNG = {"compress_level": 6}


@dataclass(frozen=True)
class Source:
    """An image file as the pipeline sees it: the hash of its bytes and the
    pipeline version (hex), its size after auto-orientation, and whether it
    has transparency (it falls back to PNG, not JPEG)."""

    path: Path
    digest: str
    width: int
    height: int
    alpha: bool


@dataclass(frozen=True)
class Variant:
    """One output file: a width in one format, published under a short `name`
    (the image's name and 40 bits of its hash: the content check makes sure no
    two images of a site share one, `clash`) and kept in the store under `key`,
    the full hash of all that makes it (an entry found there is this variant's
    and no other's)."""

    width: int
    height: int
    format: str  # webp | jpeg | png
    name: str
    key: str


@dataclass(frozen=True)
class Rendition:
    """Every output of one source image (`variants`: smallest first, WebP and
    fallback for each width)."""

    source: Source
    variants: tuple[Variant, ...]

    def of(self, fmt: str) -> list[Variant]:
        """Returns the variants of one format, smallest first."""
        return [v for v in self.variants if v.format == fmt]

    @property
    def fallback_format(self) -> str:
        """The format for browsers without WebP: PNG if transparent, else JPEG."""
        return "png" if self.source.alpha else "jpeg"


def slug(stem: str) -> str:
    """Returns a file-name-safe version of a file's stem (the same whichever
    form its accented letters are stored in: macOS stores é as e and an accent)."""
    stem = unicodedata.normalize("NFC", stem)
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:40] or "image"


class Unshowable(ValueError):
    """An image of which no variant can be shown: smaller than MIN_SIDE on a
    side, or so long and thin that every variant would be (WebP's largest side
    leaves a very tall image only a few pixels wide). Its `reason` is "small"
    (both sides), "tall" (too narrow) or "flat" (too low); `minimum` and `limit`
    are the fewest and most pixels a variant may have on a side."""

    def __init__(self, width: int, height: int):
        small = width < MIN_SIDE and height < MIN_SIDE
        self.reason = "small" if small else "tall" if height > width else "flat"
        super().__init__(f"{width} x {height}: {self.reason}")
        self.width, self.height, self.minimum, self.limit = width, height, MIN_SIDE, MAX_SIDE


def plan(source: Source) -> Rendition:
    """Decides the outputs of a source: never upscaled, named after parameters.
    Of the WIDTHS, those wider than the source are dropped (the source's own
    width is used when it is narrower than all), and so are those at which the
    image would be under MIN_SIDE high. The content check plans every image
    too, so what this refuses (Unshowable: no variant would be at least
    MIN_SIDE on each side) is refused there, with the file named."""
    # WebP holds at most 16383 px a side: a very tall image gets narrower variants
    widest = min(source.width, WIDTHS[-1], MAX_SIDE * source.width // source.height)
    usable = [w for w in sorted({w for w in WIDTHS if w < widest} | {widest})
              if w >= MIN_SIDE and _height(source, w) >= MIN_SIDE]
    if not usable:
        raise Unshowable(source.width, source.height)
    fallback_width = max([w for w in usable if w <= FALLBACK_WIDTH] or usable[:1])
    fallback = "png" if source.alpha else "jpeg"
    stem = f"{slug(source.path.stem)}-{source.digest[:10]}"
    # the code an output depends on: this package's and Pillow's (and the
    # libraries inside it: its installed files are hashed, not its version)
    code = code_digest(("images",), ("pillow",))
    variants = []
    for width in usable:
        for fmt in ("webp", fallback) if width == fallback_width else ("webp",):
            ext = "jpg" if fmt == "jpeg" else fmt
            height = _height(source, width)
            variants.append(Variant(width, height, fmt, f"{stem}-{width}.{ext}",
                                    key_of(source.digest, width, height, fmt, code)))
    return Rendition(source, tuple(variants))


def _height(source: Source, width: int) -> int:
    return round(source.height * width / source.width)


def render(rendition: Rendition, store: Store) -> int:
    """Makes every variant of a rendition that is not in the store yet;
    returns the number of files written (0 when everything was stored)."""
    todo = [v for v in rendition.variants if store.get(v.key) is None]
    if not todo:
        return 0
    image = decode(rendition.source, max(v.width for v in todo))
    # widest first, each width made from the one before it: far less work than
    # resampling the full photo for every width
    for variant in sorted(todo, key=lambda v: -v.width):
        if variant.width != image.width:
            image = image.resize((variant.width, variant.height), Image.Resampling.LANCZOS,
                                 reducing_gap=3.0)
        store.put(variant.key, _encoded(image, variant), "." + variant.name.rsplit(".", 1)[1])
    return len(todo)


def decode(source: Source, width: int) -> Image.Image:
    """Opens, auto-orients and converts a source to sRGB RGB(A), metadata dropped.

    JPEGs are decoded at a reduced scale when the largest output allows
    (Pillow's draft mode), which is most of the speed of the pipeline.
    """
    with Image.open(source.path, formats=FORMATS) as image:
        if image.format == "JPEG":
            scale = width / source.width
            image.draft("RGB", tuple(math.ceil(side * scale) for side in image.size))
        result = to_srgb(ImageOps.exif_transpose(image))
    result.info = {}
    return result


_SRGB = ImageCms.createProfile("sRGB")


def to_srgb(image: Image.Image) -> Image.Image:
    """Converts any mode and embedded colour profile to plain sRGB RGB/RGBA."""
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            return ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: fall back to a plain conversion
    return image.convert(mode) if image.mode != mode else image.copy()


def _encoded(image: Image.Image, variant: Variant) -> bytes:
    data = io.BytesIO()
    if variant.format == "jpeg":
        image = image.convert("RGB")
    options = {"webp": WEBP, "png": PNG, "jpeg": JPEG}[variant.format]
    image.save(data, variant.format.upper(), **options)
    return data.getvalue()


@dataclass
class Stats:
    """What a processing run did."""

    images: int = 0
    processed: int = 0
    files_written: int = 0


def same_work(rendition: Rendition) -> str:
    """What two renditions share when they are the same work: the same
    source bytes made into the same files."""
    return str([v.key for v in rendition.variants])


def clash(rendition: Rendition, published: dict[str, str]) -> str | None:
    """Notes the names a rendition is published under, in `published` (name ->
    hash of the image); returns a name another image has taken, if any. A
    published name holds 40 bits of the hash: two images can be made to share
    one, and one would then be shown in the other's place."""
    for variant in rendition.variants:
        taken = published.setdefault(variant.name, rendition.source.digest)
        if taken != rendition.source.digest:
            return variant.name
    return None


def cached(rendition: Rendition, store: Store) -> bool:
    """Whether every file of a rendition is in the store already (and intact)."""
    return all(store.get(v.key) is not None for v in rendition.variants)

