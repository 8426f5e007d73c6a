"""Social cards: an Open Graph image per page and language (1200 x 630),
drawn with Pillow in Source Sans Pro (SIL OFL, from PyPI), named after a hash
of everything drawn on them so they are made once and cached for good."""

from __future__ import annotations

import hashlib
import os
import textwrap
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path
from typing import Iterable

from PIL import Image, ImageDraw, ImageFont, ImageOps

CARD_VERSION = "1"
SIZE = (1200, 630)
BRAND = (23, 80, 107)
JPEG = {"quality": 82, "optimize": False, "progressive": False}


@dataclass(frozen=True)
class CardSpec:
    """What one card shows.

    Attributes:
        title: The page title (plain text).
        site: The site's name.
        kicker: A short line above the title (kind of page, pilot).
        label: A label such as "Illustrative example", or "".
        cover: An image for the background (a processed variant), or None.
        cover_key: The cover's content hash (part of the card's name).
    """

    title: str
    site: str
    kicker: str = ""
    label: str = ""
    cover: Path | None = None
    cover_key: str = ""

    @property
    def name(self) -> str:
        """The card's file name: a hash of everything drawn on it."""
        parts = [CARD_VERSION, self.title, self.site, self.kicker, self.label, self.cover_key]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20] + ".jpg"


@lru_cache(maxsize=16)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    import font_source_sans_pro as fonts

    return ImageFont.truetype(getattr(fonts, f"SourceSansPro{weight}"), size)


@lru_cache(maxsize=8)
def background(cover: Path | None) -> Image.Image:
    """Returns a card's background: the cover under a dark gradient, or the brand colour."""
    if cover is None:
        base = Image.new("RGB", SIZE, BRAND)
        draw = ImageDraw.Draw(base)
        for i in range(6):
            draw.ellipse([900 - i * 60, -200 + i * 40, 1500 - i * 60, 400 + i * 40],
                         outline=(255, 255, 255), width=2)
        return base
    with Image.open(cover, formats=("JPEG", "PNG")) as image:  # our own variants
        image.draft("RGB", SIZE)
        base = ImageOps.fit(image.convert("RGB"), SIZE, Image.Resampling.BILINEAR)
    shade = Image.linear_gradient("L").resize(SIZE).point(lambda v: int(110 + v * 0.5))
    return Image.composite(Image.new("RGB", SIZE, (10, 25, 35)), base, shade)


def _title_lines(title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size, width in ((68, 30), (56, 38), (46, 48)):
        lines = textwrap.wrap(title, width=width)
        if len(lines) <= 4:
            return _font("Bold", size), lines
    lines = textwrap.wrap(title, width=48)[:4]
    lines[-1] = lines[-1][:45] + "…"
    return _font("Bold", 46), lines


def draw(spec: CardSpec) -> Image.Image:
    """Draws a card."""
    image = background(spec.cover).copy()
    pen = ImageDraw.Draw(image)
    font, lines = _title_lines(spec.title)
    line_height = font.size + 10
    y = SIZE[1] - 110 - line_height * len(lines)
    if spec.kicker:
        pen.text((70, y - 52), spec.kicker, font=_font("Semibold", 32), fill=(225, 236, 242))
    for line in lines:
        pen.text((70, y), line, font=font, fill=(255, 255, 255))
        y += line_height
    pen.text((70, SIZE[1] - 75), spec.site, font=_font("Semibold", 30), fill=(255, 255, 255))
    pen.rectangle([0, 0, 16, SIZE[1]], fill=(156, 63, 18))
    if spec.label:
        _badge(pen, spec.label)
    return image


def _badge(pen: ImageDraw.ImageDraw, label: str) -> None:
    font = _font("Bold", 30)
    width = int(pen.textlength(label, font=font))
    pen.rounded_rectangle([70, 50, 70 + width + 36, 102], radius=8, fill=(255, 241, 214))
    pen.text((88, 56), label, font=font, fill=(107, 61, 0))


def _render_group(specs: list[CardSpec], out_dir: str) -> int:
    for spec in specs:
        target = Path(out_dir) / spec.name
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        draw(spec).save(tmp, "JPEG", **JPEG)
        os.replace(tmp, target)
    return len(specs)


def render_cards(specs: Iterable[CardSpec], out_dir: Path, workers: int | None = None) -> int:
    """Draws every card not in the cache yet, grouped by cover, across cores.

    Returns:
        The number of cards drawn.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    todo = {s.name: s for s in specs if not (out_dir / s.name).exists()}
    if not todo:
        return 0
    by_cover = sorted(todo.values(), key=lambda s: str(s.cover))
    groups = [list(g) for _, g in groupby(by_cover, key=lambda s: str(s.cover))]
    chunks = _balance(groups, (workers or os.cpu_count() or 1) * 2)
    if len(chunks) == 1:
        return _render_group(chunks[0], str(out_dir))
    with ProcessPoolExecutor(max_workers=min(len(chunks), workers or os.cpu_count() or 1)) as pool:
        return sum(pool.map(_render_group, chunks, [str(out_dir)] * len(chunks)))


def _balance(groups: list[list[CardSpec]], parts: int) -> list[list[CardSpec]]:
    """Splits groups into about `parts` chunks of similar size, keeping covers together."""
    chunks: list[list[CardSpec]] = [[] for _ in range(max(1, parts))]
    for group in sorted(groups, key=len, reverse=True):
        min(chunks, key=len).extend(group)
    return [c for c in chunks if c]
