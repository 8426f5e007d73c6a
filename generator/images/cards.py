"""Social cards for pages without a picture of their own: an Open Graph image
(1200 x 630) with the page's title, drawn with Pillow in Source Sans Pro (SIL
OFL, from PyPI), named after a hash of everything drawn on it. A card takes
3 ms: each build draws them afresh (kept, they saved CoSIE's build 0-2 %).
(A page with a cover is shared with its cover.)"""

from __future__ import annotations

import hashlib
import io
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from PIL import Image, ImageDraw, ImageFont


CARD_VERSION = "2"
SIZE = (1200, 630)
BRAND = (23, 80, 107)
JPEG = {"quality": 82, "optimize": False, "progressive": False}


@dataclass(frozen=True)
class CardSpec:
    """What one card shows: the page title (plain text), the site's name, a
    short line above the title (kind of page: pilot) and a label such as
    "Illustrative example"."""

    title: str
    site: str
    kicker: str = ""
    label: str = ""

    @property
    def name(self) -> str:
        """The card's file name: the full hash of everything drawn on it (a
        shorter hash could be made to match another title's card)."""
        parts = [CARD_VERSION, self.title, self.site, self.kicker, self.label]
        return hashlib.sha256("\0".join(parts).encode()).hexdigest() + ".jpg"


@lru_cache(maxsize=16)
def _font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    import font_source_sans_pro as fonts

    return ImageFont.truetype(getattr(fonts, f"SourceSansPro{weight}"), size)


@lru_cache(maxsize=1)
def background() -> Image.Image:
    """Returns a card's background: the brand colour with a few circles."""
    base = Image.new("RGB", SIZE, BRAND)
    draw = ImageDraw.Draw(base)
    for i in range(6):
        draw.ellipse([900 - i * 60, -200 + i * 40, 1500 - i * 60, 400 + i * 40],
                     outline=(255, 255, 255), width=2)
    return base


def plain(text: str) -> str:
    """A text as one line of a card: control characters and line and paragraph
    separators (which a title may hold, and on which the text layout engine
    fails) become spaces."""
    spaced = "".join(" " if unicodedata.category(ch) in _BREAKS else ch for ch in text)
    return re.sub(r"\s+", " ", spaced).strip()


_BREAKS = frozenset({"Cc", "Zl", "Zp", "Cs"})


def _title_lines(title: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    for size, width in ((68, 30), (56, 38), (46, 48)):
        lines = textwrap.wrap(title, width=width)
        if len(lines) <= 4:
            return _font("Bold", size), lines
    lines = textwrap.wrap(title, width=48)[:4]
    lines[-1] = lines[-1][:45] + "…"
    return _font("Bold", 46), lines


def draw(spec: CardSpec) -> Image.Image:
    image = background().copy()
    pen = ImageDraw.Draw(image)
    spec = CardSpec(plain(spec.title), plain(spec.site), plain(spec.kicker), plain(spec.label))
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
    if spec.label:  # a badge
        width = int(pen.textlength(spec.label, font=_font("Bold", 30)))
        pen.rounded_rectangle([70, 50, 70 + width + 36, 102], radius=8, fill=(255, 241, 214))
        pen.text((88, 56), spec.label, font=_font("Bold", 30), fill=(107, 61, 0))
    return image


def render_cards(specs: Iterable[CardSpec]) -> dict[str, bytes]:
    """Draws the cards (there are few: pages with a picture are shared with
    it); returns each card's JPEG, by name."""
    found = {}
    for spec in {s.name: s for s in specs}.values():
        data = io.BytesIO()
        draw(spec).save(data, "JPEG", **JPEG)
        found[spec.name] = data.getvalue()
    return found
