"""What the HTML around a map needs (emit/templates/_maps.html.j2 writes it):
its styles and scripts, its labels, and points written for people."""

from __future__ import annotations

import json
from functools import lru_cache

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
    ns = c.gettext("N") if lat >= 0 else c.gettext("S")
    ew = c.gettext("E") if lon >= 0 else c.gettext("W")
    return f"{_degrees(abs(lat), locale)}° {ns}, {_degrees(abs(lon), locale)}° {ew}"


@lru_cache(maxsize=8192)
def _degrees(value: float, locale: str) -> str:
    """A coordinate to three decimals (every map table repeats the same points)."""
    return format_decimal(value, format="0.000", locale=locale)


def block(c: PageCtx, rendered: RenderedMap, script_url: str, kind: str, label: str,
          alt_id: str, legend: Markup = Markup("")) -> Markup:
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
    assets = {"name": rendered.name, "styles": [c.href_site(VENDOR + s) for s in STYLES],
              "scripts": [c.href_site(VENDOR + s) for s in SCRIPTS] + [script_url]}
    labels = json.dumps({"zoomIn": c.gettext("Zoom in"), "zoomOut": c.gettext("Zoom out"),
                         "layers": c.gettext("Switch layers on and off")}, ensure_ascii=False)
    return c.part("_maps.html.j2", "block", assets, kind, label, labels, alt_id, legend)
