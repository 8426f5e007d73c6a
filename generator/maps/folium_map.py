"""Maps built with folium, made deterministic and self-contained.

folium writes Leaflet code; we keep only that code (it goes into a script
file of its own, so no inline script is needed) and drop folium's page
header: its CDN links (Leaflet, jQuery, Bootstrap, Font Awesome) and its
`user-scalable=no` viewport never reach a page. Element ids are renumbered,
so two builds of the same content write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import folium
import xyzservices
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from .data import inert_json
from .tiles import Tiles


def js(value: Any, text: bool = False) -> str:
    """Encodes a value for a script file: JSON, with `</` written as `<\\/`
    so it stays inert even if it were ever inlined in HTML.

    Args:
        value: The value.
        text: The value is plain text from YAML: escape <, > and & too.
    """
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if text:
        return inert_json(encoded)
    return encoded.replace("</", "<\\/")


class Popup(MacroElement):
    """A popup whose HTML travels as a JSON string (folium's uses jQuery and
    a JavaScript template literal, which a backtick in a title would break).

    Args:
        html: The popup's HTML, already escaped by the caller.
        max_width: The widest the popup may be, in pixels.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.html_js }},{maxWidth:{{ this.width }}});"
        "{% endmacro %}")

    def __init__(self, html: str, max_width: int = 300):
        super().__init__()
        self._name = "popup"
        self.html_js = js(html)
        self.width = max_width


class Icons(MacroElement):
    """The map's marker icons, defined once and shared by every marker
    (a thousand markers should not carry a thousand icon definitions)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }}={{ '{' }}"
        "{% for key, icon in this.icons.items() %}{{ key }}:L.divIcon({{ icon }}),{% endfor %}"
        "{{ '}' }};{% endmacro %}")

    def __init__(self):
        super().__init__()
        self._name = "icons"
        self.icons: dict[str, str] = {}

    def key(self, css: str, html: str = "") -> str:
        """Returns the key of the icon with these classes and inner HTML."""
        options = js({"className": f"pl-marker {css}", "html": html, "iconSize": [30, 30],
                      "iconAnchor": [15, 15]})
        for key, existing in self.icons.items():
            if existing == options:
                return key
        key = f"i{len(self.icons)}"
        self.icons[key] = options
        return key


class Marker(MacroElement):
    """A compact marker: a shared icon, an accessible title, an optional popup."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.marker({{ this.point }},{{ '{' }}icon:{{ this.icons.get_name() }}.{{ this.icon }},"
        "title:{{ this.title }},riseOnHover:true{{ '}' }})"
        "{% if this.popup %}.bindPopup({{ this.popup }},{maxWidth:300}){% endif %}"
        ".addTo({{ this._parent.get_name() }});"
        "{% endmacro %}")

    def __init__(self, point: tuple[float, float], icons: Icons, icon: str, title: str,
                 popup_html: str | None):
        super().__init__()
        self._name = "marker"
        self.point = js([round(point[0], 6), round(point[1], 6)])
        self.icons, self.icon = icons, icon
        self.title = js(title, text=True)
        self.popup = js(popup_html) if popup_html else ""


MAPS_VERSION = "1"  # change to invalidate every cached map drawing


@dataclass
class Handle:
    """A map, or a layer or cluster in it, while the map is being described.

    A map is first written down as a list of steps (a sketch); folium draws it
    only when no drawing of exactly these steps is cached.
    """

    sketch: list
    index: int

    def add(self, *step: Any) -> "Handle":
        """Appends a step; returns a handle to what it makes."""
        self.sketch.append(list(step))
        return Handle(self.sketch, len(self.sketch) - 1)


def new_map(tiles: Tiles, center: tuple[float, float], zoom: int = 14,
            scroll_zoom: bool = False) -> Handle:
    """Starts a map with the site's tiles (attribution always shown).

    Args:
        tiles: The tile source.
        center: Where the map starts (lat, lon).
        zoom: The starting zoom.
        scroll_zoom: Zoom with the mouse wheel (off inside long pages).
    """
    return Handle([["map", asdict(tiles), list(center), zoom, scroll_zoom]], 0)


def layer(m: Handle, label_html: str) -> Handle:
    """Adds a layer the reader can switch on and off (one per type)."""
    return m.add("layer", 0, label_html)


def cluster(parent: Handle) -> Handle:
    """Adds a marker cluster inside a layer or the map."""
    return parent.add("cluster", parent.index)


def marker(parent: Handle, point: tuple[float, float], css: str, title: str,
           popup_html: str | None = None, html: str = "") -> None:
    """Adds a marker drawn with CSS (a coloured disc with its type's icon).

    Args:
        parent: The map, a layer or a cluster.
        point: (lat, lon).
        css: The marker's classes (pl-marker--<type>).
        title: Its accessible name and tooltip (plain text).
        popup_html: The popup's HTML, or None.
        html: The marker's inner HTML (a chapter's number).
    """
    parent.add("marker", parent.index, list(point), css, title, popup_html, html)


def area(parent: Handle, geometry: dict, color: str, title: str, popup_html: str) -> None:
    """Adds a GeoJSON area in a type's colour, with a popup."""
    parent.add("area", parent.index, geometry, color, title, popup_html)


def layer_control(m: Handle) -> None:
    """Adds the control that switches layers on and off."""
    m.add("control", 0)


def fit(m: Handle, points: Iterable[tuple[float, float]], max_zoom: int = 16) -> None:
    """Fits the map to points (at most `max_zoom` deep)."""
    points = list(points)
    if len(points) > 1:
        lats, lons = [p[0] for p in points], [p[1] for p in points]
        m.add("fit", 0, [[min(lats), min(lons)], [max(lats), max(lons)]], max_zoom)


def _draw(sketch: list) -> folium.Map:
    """Replays a sketch with folium."""
    made: list[Any] = []
    for kind, *args in sketch:
        made.append(_STEPS[kind](made, *args))
    return made[0]


def _step_map(made: list, tiles: dict, center: list, zoom: int, scroll: bool) -> folium.Map:
    source = Tiles(**tiles)
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   scrollWheelZoom=scroll, max_zoom=source.max_zoom)
    folium.TileLayer(tiles=_provider(source), max_zoom=source.max_zoom, control=False,
                     name="tiles").add_to(m)
    m.pl_icons = Icons()
    m.add_child(m.pl_icons)
    return m


@lru_cache(maxsize=8)
def _provider(tiles: Tiles) -> xyzservices.TileProvider:
    # A provider object: given a bare URL, folium searches every xyzservices
    # provider by name for each map (seconds over a thousand maps)
    return xyzservices.TileProvider(name="tiles", url=tiles.url, attribution=tiles.attribution,
                                    html_attribution=tiles.attribution, max_zoom=tiles.max_zoom,
                                    subdomains=tiles.subdomains)


def _step_layer(made: list, parent: int, label_html: str) -> folium.FeatureGroup:
    return folium.FeatureGroup(name=label_html, show=True).add_to(made[parent])


def _step_cluster(made: list, parent: int) -> MarkerCluster:
    return MarkerCluster(options={"showCoverageOnHover": False, "maxClusterRadius": 45,
                                  "disableClusteringAtZoom": 18}).add_to(made[parent])


def _step_marker(made: list, parent: int, point: list, css: str, title: str,
                 popup_html: str | None, html: str) -> None:
    icons = made[0].pl_icons
    Marker(tuple(point), icons, icons.key(css, html), title, popup_html).add_to(made[parent])


def _step_area(made: list, parent: int, geometry: dict, color: str, title: str,
               popup_html: str) -> None:
    style = {"color": color, "weight": 3, "fillColor": color, "fillOpacity": 0.2,
             "dashArray": "6 4"}
    layer = folium.GeoJson({"type": "Feature", "properties": {}, "geometry": geometry},
                           style_function=lambda _: style, name=title, control=False,
                           highlight_function=lambda _: {"weight": 5, "fillOpacity": 0.35})
    layer.add_child(Popup(popup_html))
    layer.add_to(made[parent])


def _step_control(made: list, parent: int) -> None:
    folium.LayerControl(collapsed=True, position="topright").add_to(made[parent])


def _step_fit(made: list, parent: int, bounds: list, max_zoom: int) -> None:
    made[parent].fit_bounds(bounds, padding=(30, 30), max_zoom=max_zoom)


_STEPS = {"map": _step_map, "layer": _step_layer, "cluster": _step_cluster,
          "marker": _step_marker, "area": _step_area, "control": _step_control,
          "fit": _step_fit}


@dataclass(frozen=True)
class RenderedMap:
    """A map ready for a page.

    Attributes:
        name: The id of the map's container and of its Leaflet variable.
        script: The Leaflet code that draws it (for a script file).
    """

    name: str
    script: str


def render(m: Handle, cache: Path | None = None, prefix: str = "pl") -> RenderedMap:
    """Draws a map's Leaflet code with deterministic names (or takes it from the cache).

    Args:
        m: The map.
        cache: A folder of earlier drawings, by a hash of their steps.
        prefix: Prefix of every element name.
    """
    steps = json.dumps(m.sketch, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{MAPS_VERSION}|{folium.__version__}|{prefix}|{steps}".encode()).hexdigest()
    stored = cache / f"{key[:32]}.json" if cache else None
    if stored is not None and stored.is_file():
        return RenderedMap(**json.loads(stored.read_text(encoding="utf-8")))
    drawn = _render(_draw(m.sketch), prefix)
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        stored.write_text(json.dumps(asdict(drawn)), encoding="utf-8")
    return drawn


def _render(m: folium.Map, prefix: str) -> RenderedMap:
    _renumber(m, prefix, [0])
    root = m.get_root()
    m.render()  # fills root.script; the page around it (root.render()) is not needed
    lines = (line.strip() for line in root.script.render().splitlines())
    script = "\n".join(line for line in lines if line)
    return RenderedMap(m.get_name(), _strip_comments(script) + "\n")


def _renumber(element: Element, prefix: str, counter: list[int]) -> None:
    element._id = f"{prefix}{counter[0]}"
    counter[0] += 1
    children = list(element._children.values())
    element._children = {}
    for child in children:
        _renumber(child, prefix, counter)
        element._children[child.get_name()] = child


def _strip_comments(script: str) -> str:
    return re.sub(r"^//.*$\n?", "", script, flags=re.MULTILINE)
