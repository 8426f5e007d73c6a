"""Maps of pilots, interventions and stories, built with folium.

`SiteMaps` draws every map of one build and keeps the files they need: one
script per map (no inline scripts), the vendored Leaflet files, marker icons
and styles, and the open GeoJSON data. The vendored files are taken from
installed packages (never copied into the repository): Leaflet and
Leaflet.markercluster from PyPI's xstatic packages, marker icons from the SVG
icon sets installed with the theme (found by generator.site.mapsettings).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path
from typing import Iterable

from markupsafe import Markup

from generator.content.store import Store

from generator.emit.context import PageCtx
from generator.emit.jsonld import inert_json
from generator.site.model import InterventionNode, Pilot, Site, Story
from generator.visuals.maps import folium_map as fm
from generator.site.mapsettings import icon_file, tiles_for

MAPS = "_maps.html.j2"  # the maps' HTML
STORY_ICON, PILOT_ICON = "book-open", "location-dot"
STORY_COLOR, PILOT_COLOR = "#5b2a86", "#17506b"
STYLES = ("leaflet/leaflet.css", "markercluster/MarkerCluster.css",
          "markercluster/MarkerCluster.Default.css", "pl-maps.css")
SCRIPTS = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js")
VENDOR = "vendor/"  # site path of the vendored files


@dataclass(frozen=True)
class Library:
    """A third-party library the site serves itself, with its licence."""

    name: str
    package: str
    version: str
    licence: str
    copyright: str
    url: str


def _xstatic_dir(module: str) -> Path:
    spec = util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"{module} is not installed; run `make site` to install it")
    return Path(list(spec.submodule_search_locations)[0]) / "data"


def icon_site_path(name: str) -> str:
    """Returns where an icon is served on the site."""
    return f"{VENDOR}icons/{name.replace('/', '-')}.svg"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def libraries() -> list[Library]:
    """Returns the third-party libraries the site serves, for the licences page."""
    return [
        Library("Leaflet", "XStatic-Leaflet", _version("XStatic-Leaflet").rsplit(".", 1)[0],
                "BSD 2-Clause", "© Volodymyr Agafonkin, © CloudMade", "https://leafletjs.com/"),
        Library("Leaflet.markercluster", "XStatic-Leaflet-MarkerCluster",
                _version("XStatic-Leaflet-MarkerCluster").rsplit(".", 1)[0], "MIT",
                "© David Leaver", "https://github.com/Leaflet/Leaflet.markercluster"),
        Library("Material for MkDocs", "mkdocs-material", _version("mkdocs-material"), "MIT",
                "© Martin Donath", "https://squidfunk.github.io/mkdocs-material/"),
        Library("Pagefind", "pagefind", _version("pagefind"), "MIT", "© CloudCannon",
                "https://pagefind.app/"),
        Library("Font Awesome Free (icons)", "mkdocs-material", "", "CC BY 4.0",
                "© Fonticons, Inc.", "https://fontawesome.com/license/free"),
        Library("Material Design Icons", "mkdocs-material", "", "Apache 2.0", "© Pictogrammers",
                "https://pictogrammers.com/"),
    ]


def type_css(kind: str) -> str:
    """The marker class of an intervention type."""
    return f"pl-marker--t-{kind}"


def feature(site: Site, node: InterventionNode) -> dict:
    """Returns one intervention as a GeoJSON Feature (every language's title)."""
    value = node.value
    props: dict = {"id": node.key, "pilot": node.pilot.id, "type": value.type}
    if value.date:
        props["date"] = value.date.iso()
    else:
        props["start"] = value.period.start.iso()
        props["end"] = value.period.end.iso() if value.period.end else None
    for lang in site.languages:
        title = site.pick(value.title, lang)
        props[f"title_{lang}"] = title.text if title else None
        if value.description:
            text = site.pick(value.description, lang)
            props[f"description_{lang}"] = text.text if text else None
    props["stories"] = [story.id for story in node.stories]
    props["location_approximate"] = "location" in value.approximate_fields
    props["date_approximate"] = "date" in value.approximate_fields
    props["licence"] = site.config.data_licence
    geometry = node.area or {"type": "Point",
                             "coordinates": [value.location.lon, value.location.lat]}
    return {"type": "Feature", "id": node.key, "geometry": geometry, "properties": props}


def collection(site: Site, nodes: Iterable[InterventionNode], name: str) -> str:
    """Returns a FeatureCollection as JSON text (stable, so builds are identical)."""
    data = {"type": "FeatureCollection", "name": name, "licence": site.config.data_licence,
            "features": [feature(site, node) for node in nodes]}
    # plain text stays inert even where a consumer pastes the JSON into HTML
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return inert_json(text) + "\n"


class SiteMaps:
    """Draws the maps of one build (overview, pilot, story and map story) of
    the resolved site; `cache` is the store's folder for drawn maps."""

    def __init__(self, site: Site, cache: Path):
        self.site = site
        self.cache = Store(cache)  # earlier drawings, each checked when read
        self.scripts: dict[str, str] = {}

    # -- files -------------------------------------------------------------

    def _markers(self) -> list[tuple[str, str, str]]:
        """The class, colour and icon of every kind of marker."""
        types = sorted(self.site.taxonomies.intervention_types.items())
        return [("pl-marker--story", STORY_COLOR, STORY_ICON),
                ("pl-marker--pilot", PILOT_COLOR, PILOT_ICON),
                *((type_css(name), kind.color, kind.icon) for name, kind in types)]

    def files(self) -> dict[str, Path]:
        """Returns vendored files and icons: site path -> installed file."""
        leaflet = _xstatic_dir("xstatic.pkg.leaflet")
        cluster = _xstatic_dir("xstatic.pkg.leaflet_markercluster")
        files = {f"{VENDOR}leaflet/leaflet.js": leaflet / "leaflet.js",
                 f"{VENDOR}leaflet/leaflet.css": leaflet / "leaflet.css"}
        for image in sorted((leaflet / "images").iterdir()):
            files[f"{VENDOR}leaflet/images/{image.name}"] = image
        for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
            files[f"{VENDOR}markercluster/{name}"] = cluster / name
        for _, _, icon in self._markers():
            path = icon_file(icon) or icon_file("circle")
            if path is not None:
                files[icon_site_path(icon)] = path
        return files

    def texts(self) -> dict[str, str]:
        """Returns generated files: map scripts, marker styles (a colour and an
        icon for each kind), the open data (GeoJSON) of all and of each pilot."""
        css = ""
        for marker, color, icon in self._markers():
            url = icon_site_path(icon).removeprefix(VENDOR)
            css += (f".{marker}{{background-color:{color}}}"
                    f".{marker}::before{{-webkit-mask-image:url({url});mask-image:url({url})}}\n")
        every = collection(self.site, self.site.interventions(), "interventions")
        files = {**self.scripts, f"{VENDOR}pl-maps.css": css, "data/interventions.geojson": every}
        for pilot in self.site.pilots.values():
            data = collection(self.site, pilot.interventions, pilot.id)
            files[f"data/pilots/{pilot.id}.geojson"] = data
        return files

    def _block(self, c: PageCtx, m: fm.Handle, kind: str, label: str,
               alt_id: str = "pl-map-list", legend: Markup = Markup("")) -> Markup:
        """Draws a map and returns its HTML (emit/templates/_maps.html.j2): its
        styles, a skip link to the text alternative `alt_id`, its container named
        `label`, the legend and the scripts; its own script is published beside
        the page. `kind` (overview, pilot, story or mapstory) is a CSS modifier."""
        rendered = fm.render(m, self.cache)
        # the full hash: the maps of one folder are kept by name, and a shorter
        # hash could be made to give two maps one name (one page drawing the other's)
        digest = hashlib.sha256(rendered.script.encode()).hexdigest()
        name = f"pl-map-{digest}.js"
        self.scripts[c.here + name] = rendered.script
        assets = {"name": rendered.name, "styles": [c.href_site(VENDOR + s) for s in STYLES],
                  "scripts": [c.href_site(VENDOR + s) for s in SCRIPTS] + [name]}
        labels = json.dumps({"zoomIn": c.gettext("Zoom in"), "zoomOut": c.gettext("Zoom out"),
                             "layers": c.gettext("Switch layers on and off"),
                             "twoFingers": c.gettext("Use two fingers to move the map")},
                            ensure_ascii=False)
        return c.part(MAPS, "block", assets, kind, label, labels, alt_id, legend)

    def _when(self, c: PageCtx, node: InterventionNode) -> str:
        value = node.value
        text = c.date(value.date) if value.date else c.period(value.period)
        return text + c.rough(value, "date")

    def home(self, c: PageCtx) -> Markup:
        """The home page map: every pilot, with a list of them."""
        pilots = list(self.site.pilots.values())
        if not pilots:
            return Markup("")
        points = [(p.meta.location.lat, p.meta.location.lon) for p in pilots]
        m = fm.new_map(tiles_for(self.site), points[0], 5)
        for pilot, point in zip(pilots, points):
            place = c.where(pilot.meta) + c.rough(pilot.meta, "location")
            popup = c.part(MAPS, "pilot_popup", pilot, place, c.known_period(pilot.meta))
            fm.marker(m, point, "pl-marker--pilot", c.title(pilot).text, str(popup))
        fm.fit(m, points, max_zoom=7)
        return (self._block(c, m, "overview", c.gettext("Map of the pilots"))
                + "\n" + c.part(MAPS, "pilots_table", pilots))

    def pilot(self, c: PageCtx, pilot: Pilot) -> Markup:
        """A pilot's map: interventions by type (points and areas) and stories."""
        stories = [s for s in pilot.stories if s.meta.location]
        if not pilot.interventions and not stories:
            return Markup("")
        home = (pilot.meta.location.lat, pilot.meta.location.lon)
        m = fm.new_map(tiles_for(self.site, pilot), home, 15)
        points = self._draw_interventions(c, m, pilot.interventions)
        if stories:
            label = c.part(MAPS, "layer_label", "pl-marker--story", c.gettext("Stories"))
            group = fm.layer(m, str(label))
            for story in stories:
                point = (story.meta.location.lat, story.meta.location.lon)
                points.append(point)
                fm.marker(group, point, "pl-marker--story", c.title(story).text,
                          str(c.part(MAPS, "story_popup", story, c.prose(story))))
        label = c.gettext("Map of what happened in %(place)s", place=c.place(pilot.meta))
        return self._listed(c, m, points or [home], 16, label, pilot.interventions, stories,
                            f"data/pilots/{pilot.id}.geojson")

    def pilots(self, c: PageCtx) -> Markup:
        """Every intervention of every pilot on one map (the pilots index)."""
        nodes = list(self.site.interventions())
        if not nodes:
            return Markup("")
        m = fm.new_map(tiles_for(self.site), nodes[0].point, 5)
        points = self._draw_interventions(c, m, nodes)
        return self._listed(c, m, points, 12, c.gettext("Everything that happened, on the map"),
                            nodes, [], "data/interventions.geojson")

    def _listed(self, c: PageCtx, m: fm.Handle, points: list, max_zoom: int, label: str,
                nodes: list[InterventionNode], stories: list[Story], data: str) -> Markup:
        """A map of interventions (and stories) with its layer control and
        legend, their list (its text alternative) and a link to their open data."""
        fm.layer_control(m)
        fm.fit(m, points, max_zoom)
        type_label = self.site.label
        used = dict.fromkeys(n.value.type for n in nodes)
        legend = [(type_css(k), type_label("intervention_types", k, c.code)) for k in used]
        html = self._block(c, m, "pilot", label,
                           legend=c.part(MAPS, "legend", legend, bool(stories)))
        rows = [(type_css(n.value.type), type_label("intervention_types", n.value.type, c.code),
                 n.value.title, self._when(c, n), self._where(c, n), n.stories)
                for n in sorted(nodes, key=lambda n: ((n.value.date or n.value.period.start)
                                                      .first_day(), n.key))]
        places = [(story, c.place(story.pilot.meta)) for story in stories]
        return (html + "\n" + c.part(MAPS, "interventions_table", rows, places)
                + c.part(MAPS, "download", c.href_site(data), self.site.config.data_licence))

    def _draw_interventions(self, c: PageCtx, m, nodes: list[InterventionNode]) -> list:
        points, layers = [], {}
        types = self.site.taxonomies.intervention_types
        for kind in [k for k in types if any(n.value.type == k for n in nodes)]:
            label = self.site.label("intervention_types", kind, c.code).text
            layers[kind] = fm.layer(m, str(c.part(MAPS, "layer_label", type_css(kind), label)))
        for node in nodes:
            value, group = node.value, layers[node.value.type]
            label = self.site.label("intervention_types", value.type, c.code)
            popup = str(c.part(MAPS, "intervention_popup", type_css(value.type), label,
                               c.pick(value.title), self._when(c, node), c.pick(node.descriptions),
                               node.stories, "location" in value.approximate_fields))
            title = c.pick(value.title).text
            if node.area:
                fm.area(group, node.area, types[value.type].color, title, popup)
            fm.marker(group, node.point, type_css(value.type), title, popup)
            points.append(node.point)
        return points

    def _where(self, c: PageCtx, node: InterventionNode) -> str:
        """Where, in words: the pilot's place (residents read names, not
        coordinates; the points are in the open data under the map)."""
        text = c.place(node.pilot.meta)
        if node.area:
            text += ", " + c.gettext("area")
        if "location" in node.value.approximate_fields:
            text += " (" + c.gettext("approximate location") + ")"
        return text

    def story(self, c: PageCtx, story: Story) -> Markup:
        """A story's small map, with where it took place in words."""
        loc = story.meta.location
        if loc is None or story.meta.format == "map-story":
            return Markup("")
        point = (loc.lat, loc.lon)
        m = fm.new_map(tiles_for(self.site, story.pilot), point, 15)
        fm.marker(m, point, "pl-marker--story", c.title(story).text)
        return (self._block(c, m, "story", c.gettext("Map of where this story took place"))
                + "\n" + c.part(MAPS, "where_story", c.place(story.pilot.meta)))

    def story_map(self, c: PageCtx, story: Story) -> Markup:
        """A map story's map: one numbered marker per chapter, moved by scrolling."""
        chapters = story.meta.chapters
        if story.meta.format != "map-story" or not chapters:
            return Markup("")
        first = chapters[0]
        # from Europe to a street: the site's tiles, which cover every scale
        m = fm.new_map(tiles_for(self.site), (first.location.lat, first.location.lon), first.zoom)
        titles = c.prose(story).sections
        for index, chapter in enumerate(chapters):
            if not chapter.marker:
                continue
            title = (titles[index] if index < len(titles) else "") or str(index + 1)
            fm.marker(m, (chapter.location.lat, chapter.location.lon),
                      "pl-marker--story pl-marker--number", f"{index + 1}. {title}",
                      html=f'<span aria-hidden="true">{index + 1}</span>')
        return self._block(c, m, "mapstory", c.gettext("Map for this story"), "pl-chapter-1")
