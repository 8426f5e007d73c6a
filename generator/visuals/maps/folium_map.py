"""Maps built with folium, made deterministic, self-contained and inert.

folium writes Leaflet code; we keep only that code (it goes into a script
file of its own, so no inline script is needed) and drop folium's page
header: its CDN links (Leaflet, jQuery, Bootstrap, Font Awesome) and its
`user-scalable=no` viewport never reach a page. Element ids are renumbered,
so two builds of the same content write the same bytes.

Content never reaches folium: folium renders its Jinja templates, and then
renders their output as a template again, so a title such as `{{ 6*7 }}`
would run. Every text a map shows (titles, popups, layer names, tile URL and
attribution) is therefore taken out of the map's description before folium
sees it and replaced by a reference into a table, `pl_texts[i]`; the table is
written as JSON in front of folium's code. folium only ever sees numbers,
colours, class names and those references, all made by the generator.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, NamedTuple

from generator.content.store import Store, code_digest, key_of
from generator.site.mapsettings import Tiles as TileSource
from generator.visuals.maps.script import TEXTS, js


@dataclass
class Handle:
    """A map, or a layer in it, while the map is being described.

    A map is first written down as a list of steps (a sketch), every text in
    them already a reference into the table of texts; folium draws it only
    when no drawing of exactly these steps is cached.
    """

    sketch: list
    texts: dict[str, str]  # text -> its reference, in the order of the table
    index: int = 0

    def add(self, *step: Any) -> "Handle":
        """Appends a step; returns a handle to what it makes."""
        self.sketch.append(list(step))
        return Handle(self.sketch, self.texts, len(self.sketch) - 1)

    def ref(self, text: str) -> str:
        """A text's reference into the table of texts (one entry per text)."""
        return self.texts.setdefault(text, f"{TEXTS}[{len(self.texts)}]")


def new_map(tiles: TileSource, center: tuple[float, float], zoom: int) -> Handle:
    """Starts a map with the site's tiles (attribution always shown)."""
    m = Handle([], {})
    texts = {key: m.ref(getattr(tiles, key)) for key in ("url", "attribution", "subdomains")}
    m.add("map", asdict(tiles) | texts, list(center), zoom)
    return m


def layer(m: Handle, label_html: str) -> Handle:
    """Adds a layer the reader can switch on and off (one per type)."""
    return m.add("layer", 0, m.ref(label_html))


def marker(parent: Handle, point: tuple[float, float], css: str, title: str,
           popup_html: str | None = None, html: str = "") -> None:
    """Adds a marker drawn with CSS (a coloured disc with its type's icon, from
    its classes `css`), into the map's one cluster (in a layer: while the layer
    is shown). Its `title` (plain text) is its accessible name and tooltip;
    `html` is what it shows inside (a chapter's number)."""
    title = parent.ref(title)
    popup = parent.ref(popup_html) if popup_html is not None else None
    parent.add("marker", parent.index, list(point), css, title, popup, html)


def area(parent: Handle, geometry: dict, color: str, title: str, popup_html: str) -> None:
    """Adds a GeoJSON area in a type's colour, with a popup."""
    parent.add("area", parent.index, geometry, color, parent.ref(title), parent.ref(popup_html))


def layer_control(m: Handle) -> None:
    """Adds the control that switches layers on and off."""
    m.add("control", 0)


def fit(m: Handle, points: list[tuple[float, float]], max_zoom: int = 16) -> None:
    """Fits the map to points (at most `max_zoom` deep)."""
    if len(points) > 1:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.add("fit", 0, [[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom)


class RenderedMap(NamedTuple):
    """A map ready for a page: the id of its container and of its Leaflet
    variable, and the Leaflet code that draws it (for a script file)."""

    name: str
    script: str


def render(m: Handle, cache: Store) -> RenderedMap:
    """Draws a map's Leaflet code with deterministic names, or takes it from
    `cache`: earlier drawings, by a hash of their steps and of the code that drew them."""
    steps = json.dumps(m.sketch, sort_keys=True, ensure_ascii=False)
    key = key_of(steps, code_digest(("visuals/maps",), ("folium", "branca")))
    stored = cache.read(key)
    if stored is None:
        from generator.visuals.maps.draw import draw  # folium is loaded only to draw

        stored = json.dumps(draw(m.sketch)).encode()
        cache.put(key, stored, ".json")
    name, script = json.loads(stored)
    table = f"var {TEXTS}={js(list(m.texts), text=True)};\n"
    return RenderedMap(name, table + script)
