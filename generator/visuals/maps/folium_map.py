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

import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

import folium
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.template import Template

from generator.visuals.maps.data import inert_json
from generator.site.mapsettings import Tiles as TileSource


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
    """A popup whose HTML is a text of the map's table (folium's own uses jQuery
    and a JavaScript template literal, which a backtick in a title would break).

    Args:
        html_ref: The reference to the popup's HTML in the text table.
        max_width: The widest the popup may be, in pixels.
    """

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.bindPopup({{ this.html_ref }},{maxWidth:{{ this.width }}});"
        "{% endmacro %}")

    def __init__(self, html_ref: str, max_width: int = 300):
        super().__init__()
        self._name = "popup"
        self.html_ref = _ref(html_ref)
        self.width = max_width


class Tiles(MacroElement):
    """The map's tile layer; its URL, attribution and subdomains are texts of
    the map's table (a tile URL and attribution may come from site.yml)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.tileLayer({{ this.url }},{attribution:{{ this.attribution }},"
        "subdomains:{{ this.subdomains }},maxZoom:{{ this.max_zoom }}})"
        ".addTo({{ this._parent.get_name() }});{% endmacro %}")

    def __init__(self, url: str, attribution: str, subdomains: str, max_zoom: int):
        super().__init__()
        self._name = "tiles"
        self.url, self.attribution = _ref(url), _ref(attribution)
        self.subdomains, self.max_zoom = _ref(subdomains), int(max_zoom)


class Layers(MacroElement):
    """The control that switches layers on and off, named by texts of the table."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "L.control.layers(null,{{ '{' }}"
        "{% for label, layer in this.layers %}[{{ label }}]:{{ layer.get_name() }},{% endfor %}"
        "{{ '}' }},{collapsed:true,position:'topright'}).addTo({{ this._parent.get_name() }});"
        "{% endmacro %}")

    def __init__(self, layers: list[tuple[str, Any]]):
        super().__init__()
        self._name = "layers"
        self.layers = [(_ref(label), layer) for label, layer in layers]


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

    def __init__(self, point: tuple[float, float], icons: Icons, icon: str, title_ref: str,
                 popup_ref: str | None):
        super().__init__()
        self._name = "marker"
        self.point = js([float(point[0]), float(point[1])])
        self.icons, self.icon = icons, icon
        self.title = _ref(title_ref)
        self.popup = _ref(popup_ref) if popup_ref else ""


MAPS_VERSION = "2"  # change to invalidate every cached map drawing
TEXTS = "pl_texts"  # the script's table of texts
_REF = re.compile(rf"^{TEXTS}\[\d+\]$")


def _ref(value: str) -> str:
    """Lets only a reference into the text table reach a folium template."""
    if not _REF.fullmatch(value):
        raise ValueError(f"not a reference into the map's text table: {value[:40]!r}")
    return value


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


def new_map(tiles: TileSource, center: tuple[float, float], zoom: int = 14,
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


def _draw(structure: list) -> folium.Map:
    """Replays a sketch (its texts already references) with folium."""
    made: list[Any] = []
    for kind, *args in structure:
        made.append(_STEPS[kind](made, *args))
    return made[0]


def _step_map(made: list, tiles: dict, center: list, zoom: int, scroll: bool) -> folium.Map:
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   scrollWheelZoom=scroll, max_zoom=int(tiles["max_zoom"]))
    m.add_child(Tiles(tiles["url"], tiles["attribution"], tiles["subdomains"], tiles["max_zoom"]))
    m.pl_icons = Icons()
    m.add_child(m.pl_icons)
    return m


def _step_layer(made: list, parent: int, label_ref: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(show=True, control=False).add_to(made[parent])
    group.pl_label = label_ref
    return group


def _step_cluster(made: list, parent: int) -> MarkerCluster:
    return MarkerCluster(options={"showCoverageOnHover": False, "maxClusterRadius": 45,
                                  "disableClusteringAtZoom": 18}).add_to(made[parent])


def _step_marker(made: list, parent: int, point: list, css: str, title_ref: str,
                 popup_ref: str | None, html: str) -> None:
    icons = made[0].pl_icons
    Marker(tuple(point), icons, icons.key(css, html), title_ref, popup_ref).add_to(made[parent])


def _step_area(made: list, parent: int, geometry: dict, color: str, title_ref: str,
               popup_ref: str) -> None:
    style = {"color": color, "weight": 3, "fillColor": color, "fillOpacity": 0.2,
             "dashArray": "6 4"}
    layer = folium.GeoJson({"type": "Feature", "properties": {}, "geometry": geometry},
                           style_function=lambda _: style, control=False,
                           highlight_function=lambda _: {"weight": 5, "fillOpacity": 0.35})
    layer.add_child(Popup(popup_ref))
    layer.add_to(made[parent])


def _step_control(made: list, parent: int) -> None:
    groups = [(g.pl_label, g) for g in made if isinstance(g, folium.FeatureGroup)]
    made[parent].add_child(Layers(groups))


def _step_fit(made: list, parent: int, bounds: list, max_zoom: int) -> None:
    made[parent].fit_bounds(bounds, padding=(30, 30), max_zoom=max_zoom)


_STEPS = {"map": _step_map, "layer": _step_layer, "cluster": _step_cluster,
          "marker": _step_marker, "area": _step_area, "control": _step_control,
          "fit": _step_fit}
# Where texts sit in each kind of step (positions after the kind)
_TEXT_ARGS = {"layer": (1,), "marker": (3, 4), "area": (3, 4)}


def _extract(sketch: list) -> tuple[list, list[str]]:
    """Replaces every text in a sketch by a reference into a table.

    Returns:
        The sketch with references only, and the table of texts.
    """
    texts: list[str] = []
    index: dict[str, str] = {}

    def ref(text: str) -> str:
        if text not in index:
            index[text] = f"{TEXTS}[{len(texts)}]"
            texts.append(text)
        return index[text]

    structure = []
    for kind, *args in sketch:
        if kind == "map":
            tiles = dict(args[0])
            for key in ("url", "attribution", "subdomains"):
                tiles[key] = ref(tiles[key])
            args[0] = tiles
        for at in _TEXT_ARGS.get(kind, ()):
            if args[at] is not None:
                args[at] = ref(args[at])
        structure.append([kind, *args])
    return structure, texts


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
    structure, texts = _extract(m.sketch)
    steps = json.dumps(structure, sort_keys=True, ensure_ascii=False)
    key = hashlib.sha256(f"{MAPS_VERSION}|{folium.__version__}|{prefix}|{steps}".encode()).hexdigest()
    stored = cache / f"{key[:32]}.json" if cache else None
    if stored is not None and stored.is_file():
        drawn = RenderedMap(**json.loads(stored.read_text(encoding="utf-8")))
    else:
        drawn = _render(_draw(structure), prefix)
        if stored is not None:
            stored.parent.mkdir(parents=True, exist_ok=True)
            stored.write_text(json.dumps(asdict(drawn)), encoding="utf-8")
    table = f"var {TEXTS}={js(texts, text=True)};\n"
    return RenderedMap(drawn.name, table + drawn.script)


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
