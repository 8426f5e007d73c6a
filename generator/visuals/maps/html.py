"""What the HTML around a map needs (emit/templates/_maps.html.j2 writes it):
its styles and scripts, and its labels."""

from __future__ import annotations

import json

from markupsafe import Markup

from generator.emit.context import PageCtx
from generator.visuals.maps.assets import VENDOR
from generator.visuals.maps.folium_map import RenderedMap

STYLES = ("leaflet/leaflet.css", "markercluster/MarkerCluster.css",
          "markercluster/MarkerCluster.Default.css", "pl-maps.css")
SCRIPTS = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js")


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
                         "layers": c.gettext("Switch layers on and off"),
                         "twoFingers": c.gettext("Use two fingers to move the map")},
                        ensure_ascii=False)
    return c.part("_maps.html.j2", "block", assets, kind, label, labels, alt_id, legend)
