"""The site's own look in its pages: site.yml's `brand:` as a stylesheet that
sets the theme's colour tokens in both schemes, and its logo and fonts as
files beside it. The colours were checked for contrast with the content."""

from __future__ import annotations

from gettext import NullTranslations

from generator.content.records.brand import DARK_PAGE, LIGHT_PAGE, TEXT, UI, mix, readable
from generator.emit.context import environment
from generator.site.model import Site

STYLESHEET = "assets/css/brand.css"
SUFFIXES = {"logo": ".png", "text": ".woff2", "headings": ".woff2"}


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
    css = environment(texts).get_template("brand.css.j2").render(schemes=schemes, fonts=fonts,
                                                                 mix=mix)
    return css.rstrip("\n")
