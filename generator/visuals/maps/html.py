"""The HTML around a map: styles and scripts, a skip link, the legend and a
text alternative built from the same data (WCAG 1.1.1)."""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape

from babel.numbers import format_decimal
from markupsafe import Markup

from generator.emit.context import PageCtx
from generator.visuals.maps.assets import VENDOR
from generator.visuals.maps.folium_map import RenderedMap

STYLES = ("leaflet/leaflet.css", "markercluster/MarkerCluster.css",
          "markercluster/MarkerCluster.Default.css", "pl-maps.css")
SCRIPTS = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js")


def coordinates(c: PageCtx, lat: float, lon: float) -> str:
    """Writes a point for people: 52,031° N, 5,083° O (per language)."""
    locale = c.ls.lang.locale
    ns = c.t("geo.n") if lat >= 0 else c.t("geo.s")
    ew = c.t("geo.e") if lon >= 0 else c.t("geo.w")
    return f"{_degrees(abs(lat), locale)}° {ns}, {_degrees(abs(lon), locale)}° {ew}"


@lru_cache(maxsize=8192)
def _degrees(value: float, locale: str) -> str:
    """A coordinate to three decimals (every map table repeats the same points)."""
    return format_decimal(value, format="0.000", locale=locale)


def marker_chip(css: str) -> str:
    """A small marker drawn in the legend and the list (decorative)."""
    return f'<span class="pl-marker pl-marker--chip {css}" aria-hidden="true"></span>'


def block(c: PageCtx, rendered: RenderedMap, script_url: str, kind: str, label: str,
          alt_id: str, legend: str = "") -> Markup:
    """Returns a map's HTML: assets, skip link, container, legend, scripts.

    Args:
        c: The page.
        rendered: The map's Leaflet code and name.
        script_url: The relative URL of the map's script file.
        kind: overview, pilot, story or mapstory (a CSS modifier).
        label: The map's accessible name.
        alt_id: The id of the text alternative the skip link jumps to.
        legend: The legend's HTML.
    """
    styles = "".join(f'<link rel="stylesheet" href="{c.href_site(VENDOR + s)}">' for s in STYLES)
    scripts = "".join(f'<script src="{c.href_site(VENDOR + s)}" defer></script>' for s in SCRIPTS)
    scripts += f'<script src="{script_url}" defer></script>'
    labels = json.dumps({"zoomIn": c.t("map.zoom_in"), "zoomOut": c.t("map.zoom_out"),
                         "layers": c.t("map.layers")}, ensure_ascii=False)
    return Markup(
        f'<div class="pl-mapblock pl-mapblock--{kind}" data-search-exclude>\n{styles}\n'
        f'<a class="pl-skip" href="#{alt_id}">{escape(c.t("map.skip"))}</a>\n'
        f'<div class="pl-map pl-map--{kind}" id="{rendered.name}" role="region" '
        f'aria-label="{escape(label)}" data-pl-map data-labels="{escape(labels)}"></div>\n'
        f"{legend}\n{scripts}\n</div>")


def legend(c: PageCtx, entries: list[tuple[str, str, str | None]]) -> str:
    """Returns the legend: a marker and a label per entry (css, label, lang)."""
    items = "".join(f"<li>{marker_chip(css)} <span{_lang(c, lang)}>{escape(text)}</span></li>"
                    for css, text, lang in entries)
    return (f'<div class="pl-legend"><p class="pl-legend__title">{escape(c.t("map.legend"))}</p>'
            f'<ul class="pl-legend__list">{items}</ul></div>')


def _lang(c: PageCtx, lang: str | None) -> str:
    return str(c.lang_attr(lang)) if lang else ""


def table(c: PageCtx, alt_id: str, caption: str, headers: list[str],
          rows: list[list[str]]) -> Markup:
    """Returns a text alternative as a table (cells are HTML, already escaped)."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>"
                     for row in rows)
    return Markup(
        f'<div class="pl-map-alt" id="{alt_id}" tabindex="-1">\n'
        f'<table class="pl-map-table">\n<caption>{escape(caption)}</caption>\n'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>")
