"""The site's own look in its pages: site.yml's `brand:` as a stylesheet that
sets the theme's colour tokens in both schemes, and its logo and fonts as
files beside it (the colours were checked for contrast with the content); and
the EU emblem beside EU funding, drawn from its published geometry (no file is
downloaded): a blue rectangle one and a half times as wide as it is high, with
twelve gold five-pointed stars, upright, on an invisible circle whose radius is
a third of the height; each star is drawn in a circle whose radius is one
eighteenth of the height, at the positions of the hours on a clock face.
Colours: Reflex Blue (#003399) and Yellow (#FFCC00), as the EU's graphic guide
gives them."""

from __future__ import annotations

import math
from functools import lru_cache
from gettext import NullTranslations

from generator.content.records.brand import DARK_PAGE, LIGHT_PAGE, TEXT, UI, mix, readable
from generator.emit.context import MACROS, environment
from generator.site.model import Site

STYLESHEET = "assets/css/brand.css"
SUFFIXES = {"logo": ".png", "text": ".woff2", "headings": ".woff2"}
HEIGHT = 120.0  # the emblem's
BLUE, YELLOW = "#003399", "#FFCC00"


def brand_files(site: Site, texts: NullTranslations) -> dict[str, str | bytes]:
    """Each language's project files for the brand: docs path -> content."""
    if site.config.brand is None:
        return {}
    files: dict[str, str | bytes] = {STYLESHEET: stylesheet(site, texts)}
    for role, data in site.brand.items():
        suffix = ".webp" if role == "logo" and data.startswith(b"RIFF") else SUFFIXES[role]
        files[f"assets/brand/{role}{suffix}"] = data
    return files


def stylesheet(site: Site, texts: NullTranslations) -> str:
    """The brand's colours and fonts as custom properties over tokens.css."""
    brand = site.config.brand
    light, dark = brand.colour, brand.dark
    accent = brand.accent or light
    # each scheme's brand colour, its strong tone, header, accent and focus colours
    schemes = [("default", light, mix(light, "#000000", 0.3), light, accent,
                readable(accent, LIGHT_PAGE, UI)),
               ("slate", dark, mix(dark, "#ffffff", 0.3), mix(light, "#000000", 0.3),
                readable(accent, DARK_PAGE, UI), readable(accent, DARK_PAGE, TEXT))]
    fonts = [role for role in ("text", "headings") if role in site.brand]
    return environment(texts).get_template("brand.css.j2").render(
        schemes=schemes, fonts=fonts, mix=mix).rstrip("\n")


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
    macros = environment(texts).get_template(MACROS).module
    return str(macros.emblem(f"{width:g}", f"{HEIGHT:g}", BLUE, YELLOW, stars))
