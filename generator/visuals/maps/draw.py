"""Drawing a map's sketch with folium, only when no drawing of it is cached
(so folium is imported only then). See generator.visuals.maps.folium_map for
why folium only ever sees references into the map's table of texts."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any, Callable, Iterator

import folium
from branca.element import Element, MacroElement

from generator.visuals.maps.script import js
from generator.visuals.maps.script import ref as _ref

# The Leaflet code of each element of ours, written by a function of its values
# (Python code, never a template made from a string): v.me is the element's
# name and v.parent its parent's (known only once the map is renumbered); the
# other values are numbers, names and references into the table of texts.
_SCRIPTS: dict[str, Callable[[SimpleNamespace], str]] = {
    "tiles": lambda v: (f"L.tileLayer({v.url},{{attribution:{v.attribution},"
                        f"subdomains:{v.subdomains},minZoom:{v.min_zoom},maxZoom:{v.max_zoom}"
                        f"{v.bounds}}}).addTo({v.parent});"),
    # marker icons are defined once and shared by every marker (a thousand
    # markers should not carry a thousand icon definitions)
    "icons": lambda v: f"var {v.me}={{{v.icons}}};",
    # the map's one marker cluster: every marker goes into it, whatever its
    # layer, so that markers at one place or close together are counted (and
    # spread out at the deepest zoom) instead of hiding one another; no
    # animation for a reader who asked for less motion
    "cluster": lambda v: (f"var {v.me}=L.markerClusterGroup({{showCoverageOnHover:false,"
                          "maxClusterRadius:60,animate:!matchMedia('(prefers-reduced-motion: "
                          f"reduce)').matches}});{v.me}.pl_m=[];"),
    # a layer the reader switches on and off: its areas are drawn in it, its
    # markers are kept in a list (`pl_m`) that goes into the map's cluster
    "layer": lambda v: f"var {v.me}=L.featureGroup().addTo({v.parent});{v.me}.pl_m=[];",
    # folium's own popup uses jQuery and a JavaScript template literal, which a
    # backtick in a title would break
    "popup": lambda v: f"{v.parent}.bindPopup({v.html},{{maxWidth:300}});",
    "marker": lambda v: (f"{v.into}.pl_m.push(L.marker({v.point},{{icon:{v.icons}.{v.icon},"
                         f"title:{v.title},riseOnHover:true}}){v.popup});"),
    "layers": lambda v: (f"L.control.layers(null,{{{v.named}}},{{collapsed:true,"
                         f"position:'topright'}}).addTo({v.parent});"),
    "fit": lambda v: (f"{v.parent}.fitBounds({v.bounds},{{padding:[30,30],"
                      f"maxZoom:{v.max_zoom},animate:false}});"),
    # written last: the markers go into the cluster, and each layer takes its
    # markers out of it when it is switched off (and back when switched on)
    "gather": lambda v: (f"[{v.layers}].forEach(function(l){{l.on('add',function(){{"
                         f"{v.c}.addLayers(l.pl_m)}}).on('remove',function(){{"
                         f"{v.c}.removeLayers(l.pl_m)}})}});"
                         f"{v.c}.addLayers([].concat({v.c}.pl_m{v.lists}));"
                         f"{v.c}.addTo({v.parent});"),
}


def draw(structure: list) -> tuple[str, str]:
    """Replays a sketch (its texts already references) with folium, with
    deterministic element names (pl0, pl1, ...); returns the map's name (its
    container's id) and its Leaflet code."""
    made: list[Any] = []
    for kind, *args in structure:
        made.append(_STEPS[kind](made, *args))
    m = made[0]
    names = [layer.get_name for layer in _layers(made)]
    m.add_child(_Scripted("gather", c=m.pl_cluster.get_name,
                          layers=lambda: ",".join(name() for name in names),
                          lists=lambda: "".join(f",{name()}.pl_m" for name in names)))
    _renumber(m, itertools.count())
    m.render()  # fills the root's script; the page around it (root.render()) is not needed
    lines = (line.strip() for line in m.get_root().script.render().splitlines())
    script = "\n".join(line for line in lines if line and not line.startswith("//"))
    return m.get_name(), script + "\n"


class _Literal(Element):
    """Finished script text. folium would wrap it in a new Element, which
    compiles it as a Jinja template (a thousand markers cost a thousand
    compilations, and script text has no business being a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class _Scripted(MacroElement):
    """An element of ours that only writes script: its `_SCRIPTS` entry, filled
    in with `values` (a function gives its value once every name is known), and
    added to the page as finished text. Its name is its kind."""

    def __init__(self, kind: str, **values: Any):
        super().__init__()
        self._name, self.values = kind, values

    def render(self, **kwargs: Any) -> None:
        values = {key: value() if callable(value) else value
                  for key, value in self.values.items()}
        script = _SCRIPTS[self._name](SimpleNamespace(
            **values, me=self.get_name(), parent=self._parent.get_name()))
        self.get_root().script.add_child(_Literal(script), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class _Icons(_Scripted):
    """The map's marker icons (`key` gives the one a marker shows)."""

    def __init__(self):
        super().__init__("icons", icons=lambda: "".join(
            f"{key}:L.divIcon({icon})," for icon, key in self.icons.items()))
        self.icons: dict[str, str] = {}  # options -> key

    def key(self, css: str, html: str = "") -> str:
        """Returns the key of the icon with these classes and inner HTML."""
        options = js({"className": f"pl-marker {css}", "html": html, "iconSize": [30, 30],
                      "iconAnchor": [15, 15]})
        return self.icons.setdefault(options, f"i{len(self.icons)}")


def _layers(made: list) -> list[_Scripted]:
    return [g for g in made if isinstance(g, _Scripted) and g._name == "layer"]


def _step_map(made: list, tiles: dict, center: list, zoom: int) -> folium.Map:
    # no zooming with the mouse wheel: the maps sit inside long pages
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   scrollWheelZoom=False, max_zoom=int(tiles["max_zoom"]),
                   min_zoom=int(tiles["min_zoom"]))
    # the container's id is the map's name: in the generator's reserved "pl_" space,
    # which no id in a text may take (Leaflet would draw into the first such element)
    m._name = "pl_map"
    # a tile URL and attribution may come from site.yml: texts of the table
    m.add_child(_Scripted("tiles", **{key: _ref(tiles[key]) for key in
                                      ("url", "attribution", "subdomains")},
                          min_zoom=int(tiles["min_zoom"]), max_zoom=int(tiles["max_zoom"]),
                          bounds=f",bounds:{js(tiles['bounds'])}" if tiles["bounds"] else ""))
    m.pl_icons, m.pl_cluster = _Icons().add_to(m), _Scripted("cluster").add_to(m)
    return m


def _step_area(made: list, parent: int, geometry: dict, color: str, title_ref: str,
               popup_ref: str) -> None:
    style = {"color": color, "weight": 3, "fillColor": color, "fillOpacity": 0.2,
             "dashArray": "6 4"}
    folium.GeoJson({"type": "Feature", "properties": {}, "geometry": geometry},
                   style_function=lambda _: style, control=False,
                   highlight_function=lambda _: {"weight": 5, "fillOpacity": 0.35}) \
        .add_child(_Scripted("popup", html=_ref(popup_ref))).add_to(made[parent])


def _step_marker(made: list, parent: int, point: list, css: str, title_ref: str,
                 popup_ref: str | None, html: str) -> _Scripted:
    """A compact marker: a shared icon, an accessible title, an optional popup,
    put in a list of markers (its layer's, or the cluster's own)."""
    m = made[0]
    popup = f".bindPopup({_ref(popup_ref)},{{maxWidth:300}})" if popup_ref else ""
    return _Scripted("marker", into=(made[parent] if parent else m.pl_cluster).get_name,
                     point=js([float(point[0]), float(point[1])]), icons=m.pl_icons.get_name,
                     icon=m.pl_icons.key(css, html), title=_ref(title_ref),
                     popup=popup).add_to(made[parent])


def _step_control(made: list, parent: int) -> _Scripted:
    """The control that switches layers on and off, named by texts of the table."""
    layers = _layers(made)
    return _Scripted("layers", named=lambda: "".join(
        f"[{layer.values['label']}]:{layer.get_name()}," for layer in layers)).add_to(made[parent])


_STEPS = {"map": _step_map, "area": _step_area, "marker": _step_marker, "control": _step_control,
          "layer": lambda made, parent, label_ref: _Scripted(
              "layer", label=_ref(label_ref)).add_to(made[parent]),
          # the view fitted to the map's places at once (no zoom played on loading)
          "fit": lambda made, parent, bounds, zoom: _Scripted(
              "fit", bounds=js(bounds), max_zoom=int(zoom)).add_to(made[parent])}


def _renumber(element: Element, counter: Iterator[int]) -> None:
    element._id = f"pl{next(counter)}"
    children = list(element._children.values())
    element._children = {}
    for child in children:
        _renumber(child, counter)
        element._children[child.get_name()] = child
