"""Drawing a map's sketch with folium, only when no drawing of it is cached
(so folium is imported only then). See generator.visuals.maps.folium_map for
why folium only ever sees references into the map's table of texts."""

from __future__ import annotations

import itertools
from typing import Any, Iterator

import folium
from branca.element import Element, MacroElement

from generator.visuals.maps.script import js
from generator.visuals.maps.script import ref as _ref


def draw(structure: list) -> tuple[str, str]:
    """Replays a sketch (its texts already references) with folium, with
    deterministic element names (pl0, pl1, ...); returns the map's name (its
    container's id) and its Leaflet code."""
    made: list[Any] = []
    for kind, *args in structure:
        made.append(_STEPS[kind](made, *args))
    m = made[0]
    m.add_child(Gather(m.pl_cluster, [g for g in made if isinstance(g, Layer)]))
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
    """An element of ours that only writes script: it is written in Python from
    names and references (no template), and added to the page as finished text.
    Its name is its class's, in lower case."""

    def __init__(self):
        super().__init__()
        self._name = type(self).__name__.lower()

    def script(self) -> str:
        """The element's Leaflet code."""
        raise NotImplementedError

    def render(self, **kwargs: Any) -> None:
        self.get_root().script.add_child(_Literal(self.script()), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class Popup(_Scripted):
    """A popup whose HTML is a text of the map's table (folium's own uses jQuery
    and a JavaScript template literal, which a backtick in a title would break)."""

    def __init__(self, html_ref: str):
        super().__init__()
        self.html_ref = _ref(html_ref)

    def script(self) -> str:
        return f"{self._parent.get_name()}.bindPopup({self.html_ref},{{maxWidth:300}});"


class Tiles(_Scripted):
    """The map's tile layer; its URL, attribution and subdomains are texts of
    the map's table (a tile URL and attribution may come from site.yml)."""

    def __init__(self, tiles: dict):
        super().__init__()
        self.url, self.attribution, self.subdomains = (
            _ref(tiles[key]) for key in ("url", "attribution", "subdomains"))
        self.zooms = f"minZoom:{int(tiles['min_zoom'])},maxZoom:{int(tiles['max_zoom'])}"
        self.bounds = f",bounds:{js(tiles['bounds'])}" if tiles["bounds"] else ""

    def script(self) -> str:
        return (f"L.tileLayer({self.url},{{attribution:{self.attribution},"
                f"subdomains:{self.subdomains},{self.zooms}{self.bounds}}})"
                f".addTo({self._parent.get_name()});")


class Layers(_Scripted):
    """The control that switches layers on and off, named by texts of the table."""

    def __init__(self, layers: list[Layer]):
        super().__init__()
        self.layers = layers

    def script(self) -> str:
        named = "".join(f"[{layer.pl_label}]:{layer.get_name()}," for layer in self.layers)
        return (f"L.control.layers(null,{{{named}}},{{collapsed:true,position:'topright'}})"
                f".addTo({self._parent.get_name()});")


class Icons(_Scripted):
    """The map's marker icons, defined once and shared by every marker
    (a thousand markers should not carry a thousand icon definitions)."""

    def __init__(self):
        super().__init__()
        self.icons: dict[str, str] = {}  # options -> key

    def key(self, css: str, html: str = "") -> str:
        """Returns the key of the icon with these classes and inner HTML."""
        options = js({"className": f"pl-marker {css}", "html": html, "iconSize": [30, 30],
                      "iconAnchor": [15, 15]})
        return self.icons.setdefault(options, f"i{len(self.icons)}")

    def script(self) -> str:
        icons = "".join(f"{key}:L.divIcon({icon})," for icon, key in self.icons.items())
        return f"var {self.get_name()}={{{icons}}};"


class Cluster(_Scripted):
    """The map's one marker cluster: every marker goes into it, whatever its
    layer, so that markers at one place or close together are counted (and
    spread out at the deepest zoom) instead of hiding one another."""

    def script(self) -> str:
        # no animation for a reader who asked for less motion
        return (f"var {self.get_name()}=L.markerClusterGroup({{showCoverageOnHover:false,"
                f"maxClusterRadius:60,animate:!matchMedia('(prefers-reduced-motion: reduce)')"
                f".matches}});{self.get_name()}.pl_m=[];")


class Layer(_Scripted):
    """A layer the reader switches on and off: its areas are drawn in it, its
    markers are kept in a list (`pl_m`) that goes into the map's cluster."""

    def __init__(self, label_ref: str):
        super().__init__()
        self.pl_label = _ref(label_ref)

    def script(self) -> str:
        name = self.get_name()
        return f"var {name}=L.featureGroup().addTo({self._parent.get_name()});{name}.pl_m=[];"


class Gather(_Scripted):
    """Written last: the markers go into the cluster, and each layer takes its
    markers out of it when it is switched off (and back when switched on)."""

    def __init__(self, cluster: Cluster, layers: list[Layer]):
        super().__init__()
        self.cluster, self.layers = cluster, layers

    def script(self) -> str:
        c, names = self.cluster.get_name(), [layer.get_name() for layer in self.layers]
        lists = "".join(f",{n}.pl_m" for n in names)
        return (f"[{','.join(names)}].forEach(function(l){{l.on('add',function(){{"
                f"{c}.addLayers(l.pl_m)}}).on('remove',function(){{{c}.removeLayers(l.pl_m)}})}});"
                f"{c}.addLayers([].concat({c}.pl_m{lists}));{c}.addTo({self._parent.get_name()});")


class Fit(_Scripted):
    """The map's view fitted to its places, at once (no zoom played on loading)."""

    def __init__(self, bounds: list, max_zoom: int):
        super().__init__()
        self.bounds, self.max_zoom = js(bounds), int(max_zoom)

    def script(self) -> str:
        return (f"{self._parent.get_name()}.fitBounds({self.bounds},{{padding:[30,30],"
                f"maxZoom:{self.max_zoom},animate:false}});")


class Marker(_Scripted):
    """A compact marker: a shared icon, an accessible title, an optional popup,
    put in a list of markers (its layer's, or the cluster's own)."""

    def __init__(self, m: folium.Map, point: list, css: str, title_ref: str,
                 popup_ref: str | None, html: str):
        super().__init__()
        self.point = js([float(point[0]), float(point[1])])
        self.icons, self.icon, self.cluster = m.pl_icons, m.pl_icons.key(css, html), m.pl_cluster
        self.title = _ref(title_ref)
        self.popup = _ref(popup_ref) if popup_ref else ""

    def script(self) -> str:
        into = self._parent if isinstance(self._parent, Layer) else self.cluster
        popup = f".bindPopup({self.popup},{{maxWidth:300}})" if self.popup else ""
        icon = f"{self.icons.get_name()}.{self.icon}"
        return (f"{into.get_name()}.pl_m.push(L.marker({self.point},{{icon:{icon},"
                f"title:{self.title},riseOnHover:true}}){popup});")


def _step_map(made: list, tiles: dict, center: list, zoom: int) -> folium.Map:
    # no zooming with the mouse wheel: the maps sit inside long pages
    m = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True,
                   scrollWheelZoom=False, max_zoom=int(tiles["max_zoom"]),
                   min_zoom=int(tiles["min_zoom"]))
    # the container's id is the map's name: in the generator's reserved "pl_" space,
    # which no id in a text may take (Leaflet would draw into the first such element)
    m._name = "pl_map"
    m.add_child(Tiles(tiles))
    m.pl_icons, m.pl_cluster = Icons().add_to(m), Cluster().add_to(m)
    return m


def _step_area(made: list, parent: int, geometry: dict, color: str, title_ref: str,
               popup_ref: str) -> None:
    style = {"color": color, "weight": 3, "fillColor": color, "fillOpacity": 0.2,
             "dashArray": "6 4"}
    folium.GeoJson({"type": "Feature", "properties": {}, "geometry": geometry},
                   style_function=lambda _: style, control=False,
                   highlight_function=lambda _: {"weight": 5, "fillOpacity": 0.35}) \
        .add_child(Popup(popup_ref)).add_to(made[parent])


_STEPS = {"map": _step_map, "area": _step_area,
          "marker": lambda made, parent, *marker: Marker(made[0], *marker).add_to(made[parent]),
          "layer": lambda made, parent, label_ref: Layer(label_ref).add_to(made[parent]),
          "control": lambda made, parent: Layers(
              [g for g in made if isinstance(g, Layer)]).add_to(made[parent]),
          "fit": lambda made, parent, bounds, zoom: Fit(bounds, zoom).add_to(made[parent])}


def _renumber(element: Element, counter: Iterator[int]) -> None:
    element._id = f"pl{next(counter)}"
    children = list(element._children.values())
    element._children = {}
    for child in children:
        _renumber(child, counter)
        element._children[child.get_name()] = child
