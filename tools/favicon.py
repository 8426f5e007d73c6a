"""The site's favicon.ico, drawn with Pillow from the same shapes as
theme/assets/favicon.svg (browsers and feed readers that ask for /favicon.ico,
or cannot show an SVG icon, get the same picture). Reproducible:
`python tools/favicon.py` redraws theme/favicon.ico, which the engine copies to
the root of the site."""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 32, 48)
BRAND, WHITE = (23, 80, 107, 255), (255, 255, 255, 255)
SCALE = 16  # drawn this many times larger, then scaled down: smooth edges
TARGET = Path(__file__).resolve().parent.parent / "theme" / "favicon.ico"


def _bezier(p0, p1, p2, p3, steps: int = 48) -> list[tuple[float, float]]:
    """Points along a cubic Bézier curve (the SVG's path)."""
    points = []
    for i in range(steps + 1):
        t = i / steps
        a, b, c, d = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t ** 2, t ** 3
        points.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                       a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return points


def _stroke(draw: ImageDraw.ImageDraw, points, width: float, u: float) -> None:
    """A line with round caps and joins, in the SVG's 24-unit coordinates."""
    xy = [(x * u, y * u) for x, y in points]
    draw.line(xy, fill=WHITE, width=round(width * u))
    r = width * u / 2
    for x, y in xy:
        draw.ellipse([x - r, y - r, x + r, y + r], fill=WHITE)


def draw(size: int) -> Image.Image:
    """The icon at `size` pixels square (the SVG's viewBox is 24 units)."""
    big = size * SCALE
    u = big / 24
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle([0, 0, big - 1, big - 1], radius=round(4 * u), fill=BRAND)
    pen.ellipse([5 * u, 5.5 * u, 12 * u, 12.5 * u], fill=WHITE)  # circle 8.5,9 r3.5
    pen.ellipse([12 * u, 5.5 * u, 19 * u, 12.5 * u], outline=WHITE, width=round(1.8 * u))
    # M4 20 c1-3.5 3.8-5.5 8-5.5 s7 2 8 5.5
    curve = _bezier((4, 20), (5, 16.5), (7.8, 14.5), (12, 14.5)) + \
        _bezier((12, 14.5), (16.2, 14.5), (19, 16.5), (20, 20))
    _stroke(pen, curve, 1.8, u)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def write(target: Path = TARGET) -> None:
    """Writes the .ico with every size drawn on its own."""
    images = [draw(size) for size in SIZES]
    images[-1].save(target, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else TARGET)
