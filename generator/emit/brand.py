"""The site's own look in its pages: site.yml's `brand:` as a stylesheet that
sets the theme's colour tokens in both schemes, and its logo and fonts as
files beside it. The colours were checked for contrast with the content."""

from __future__ import annotations

from generator.content.records.brand import DARK_PAGE, LIGHT_PAGE, TEXT, UI, mix, readable
from generator.site.model import Site

STYLESHEET = "assets/css/brand.css"
SUFFIXES = {"logo": ".png", "text": ".woff2", "headings": ".woff2"}


def brand_files(site: Site) -> dict[str, str | bytes]:
    """Each language's project files for the brand: docs path -> content."""
    brand = site.config.brand
    if brand is None:
        return {}
    files: dict[str, str | bytes] = {STYLESHEET: stylesheet(site)}
    for role, data in site.brand.items():
        suffix = ".webp" if role == "logo" and data.startswith(b"RIFF") else SUFFIXES[role]
        files[f"assets/brand/{role}{suffix}"] = data
    return files


def stylesheet(site: Site) -> str:
    """The brand's colours and fonts as custom properties over tokens.css."""
    brand = site.config.brand
    light, dark = brand.colour, brand.dark
    accent = brand.accent or light
    rules = [_scheme("default", light, mix(light, "#000000", 0.3), light, accent,
                     readable(accent, LIGHT_PAGE, UI)),
             _scheme("slate", dark, mix(dark, "#ffffff", 0.3), mix(light, "#000000", 0.3),
                     readable(accent, DARK_PAGE, UI), readable(accent, DARK_PAGE, TEXT))]
    rules += [_font(role) for role in ("text", "headings") if role in site.brand]
    return "/* Written from content/site.yml's brand: by the generator. */\n" + "\n".join(rules)


def _scheme(name: str, brand: str, strong: str, header: str, accent: str, focus: str) -> str:
    return (f'[data-md-color-scheme="{name}"] {{ --pl-brand: {brand}; --pl-brand-strong: '
            f"{strong}; --md-typeset-a-color: {brand}; --md-primary-fg-color: {header}; "
            f"--md-primary-fg-color--dark: {mix(header, '#000000', 0.3)}; --md-primary-fg-color"
            f"--light: {mix(header, '#ffffff', 0.15)}; --pl-accent: {accent}; --pl-focus: "
            f"{focus}; --md-accent-fg-color: {focus}; }}")


def _font(role: str) -> str:
    face = (f'@font-face {{ font-family: "pl-{role}"; font-display: swap; src: url("../brand/'
            f'{role}{SUFFIXES[role]}") format("woff2"); }}\n')
    if role == "text":
        return face + (':root { --pl-sans: "pl-text", system-ui, sans-serif; --pl-serif: '
                       '"pl-text", Georgia, serif; }')
    return face + ('.md-typeset h1, .md-typeset h2, .md-typeset h3, .pl-hero h1 { font-family: '
                   '"pl-headings", var(--pl-serif); }')
