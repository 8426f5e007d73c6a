"""The EU emblem, drawn from its published geometry (no file is downloaded):
a blue rectangle one and a half times as wide as it is high, with twelve gold
five-pointed stars, upright, on an invisible circle whose radius is a third of
the height; each star is drawn in a circle whose radius is one eighteenth of
the height, at the positions of the hours on a clock face. Colours: Reflex
Blue (#003399) and Yellow (#FFCC00), as the EU's graphic guide gives them."""

from __future__ import annotations

import math
from functools import lru_cache
from gettext import NullTranslations

from generator.emit.context import environment

HEIGHT = 120.0
BLUE, YELLOW = "#003399", "#FFCC00"


def _around(cx: float, cy: float, radius: float, degrees: int) -> tuple[float, float]:
    """The point on a circle at an angle (clockwise from the right)."""
    angle = math.radians(degrees)
    return cx + radius * math.cos(angle), cy + radius * math.sin(angle)


def _star(cx: float, cy: float, outer: float) -> str:
    """The points of an upright five-pointed star."""
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    return " ".join("{:.2f},{:.2f}".format(*_around(cx, cy, inner if i % 2 else outer, i * 36 - 90))
                    for i in range(10))


@lru_cache(maxsize=8)
def emblem(texts: NullTranslations) -> str:
    """Returns the emblem as an inline SVG image with an accessible name (in
    the language of `texts`)."""
    width = HEIGHT * 1.5
    stars = [_star(*_around(width / 2, HEIGHT / 2, HEIGHT / 3, hour * 30 - 90), HEIGHT / 18)
             for hour in range(12)]
    macros = environment(texts).get_template("_macros.html.j2").module
    return str(macros.emblem(f"{width:g}", f"{HEIGHT:g}", BLUE, YELLOW, stars))
