"""Maps of pilots, interventions and stories, built with folium.

`SiteMaps` draws every map of one build and keeps the files they need: one
script per map (no inline scripts), the vendored Leaflet files, marker icons
and styles, and the open GeoJSON data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from markupsafe import Markup

from generator.content.store import Store

from generator.emit.context import PageCtx
from generator.site.model import InterventionNode, Pilot, Site, Story
from generator.visuals.maps import folium_map as fm
from generator.site.mapsettings import icon_file, tiles_for
from generator.visuals.maps.assets import VENDOR, icon_site_path, leaflet_files
from generator.visuals.maps.data import data_files

MAPS = "_maps.html.j2"  # the maps' HTML
STORY_ICON, PILOT_ICON = "book-open", "location-dot"
STORY_COLOR, PILOT_COLOR = "#5b2a86", "#17506b"
STYLES = ("leaflet/leaflet.css", "markercluster/MarkerCluster.css",
          "markercluster/MarkerCluster.Default.css", "pl-maps.css")
SCRIPTS = ("leaflet/leaflet.js", "markercluster/leaflet.markercluster.js")


def type_css(kind: str) -> str:
    """The marker class of an intervention type."""
    return f"pl-marker--t-{kind}"


class SiteMaps:
    """Draws the maps of one build: overview, pilot, story and map story.

    Args:
        site: The resolved site.
        cache: The store's folder for drawn maps.
    """

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
        files = leaflet_files()
        for _, _, icon in self._markers():
            path = icon_file(icon) or icon_file("circle")
            if path is not None:
                files[icon_site_path(icon)] = path
        return files

    def texts(self) -> dict[str, str]:
        """Returns generated files: map scripts, marker styles (a colour and an
        icon for each kind), open data."""
        css = ""
        for marker, color, icon in self._markers():
            url = icon_site_path(icon).removeprefix(VENDOR)
            css += (f".{marker}{{background-color:{color}}}"
                    f".{marker}::before{{-webkit-mask-image:url({url});mask-image:url({url})}}\n")
        return {**self.scripts, f"{VENDOR}pl-maps.css": css, **data_files(self.site)}

    def _block(self, c: PageCtx, rendered: fm.RenderedMap, kind: str, label: str,
               alt_id: str = "pl-map-list", legend: Markup = Markup("")) -> Markup:
        """A map's HTML (emit/templates/_maps.html.j2): its styles, a skip link to
        the text alternative `alt_id`, its container named `label`, the legend and
        the scripts; its own script is published beside the page. `kind`
        (overview, pilot, story or mapstory) is a CSS modifier."""
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

    # -- popups --------------------------------------------------------------

    def _when(self, c: PageCtx, node: InterventionNode) -> str:
        value = node.value
        text = c.date(value.date) if value.date else c.period(value.period)
        return text + c.rough(value, "date")

    def _intervention_popup(self, c: PageCtx, node: InterventionNode) -> str:
        value = node.value
        label = self.site.label("intervention_types", value.type, c.code)
        return str(c.part(MAPS, "intervention_popup", type_css(value.type), label,
                          c.pick(value.title), self._when(c, node), c.pick(node.descriptions),
                          node.stories, "location" in value.approximate_fields))

    def _pilot_popup(self, c: PageCtx, pilot: Pilot) -> str:
        place = c.where(pilot.meta) + c.rough(pilot.meta, "location")
        return str(c.part(MAPS, "pilot_popup", pilot, place, c.known_period(pilot.meta)))

    def home(self, c: PageCtx) -> Markup:
        """The home page map: every pilot, with a list of them."""
        pilots = list(self.site.pilots.values())
        if not pilots:
            return Markup("")
        points = [(p.meta.location.lat, p.meta.location.lon) for p in pilots]
        m = fm.new_map(tiles_for(self.site), points[0], 5)
        for pilot, point in zip(pilots, points):
            fm.marker(m, point, "pl-marker--pilot", c.title(pilot).text,
                      self._pilot_popup(c, pilot))
        fm.fit(m, points, max_zoom=7)
        rendered = fm.render(m, self.cache)
        return (self._block(c, rendered, "overview", c.gettext("Map of the pilots"))
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
        html = self._block(c, fm.render(m, self.cache), "pilot", label,
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
            group = fm.layer(m, str(c.part(MAPS, "layer_label", type_css(kind), label)))
            layers[kind] = group
        for node in nodes:
            group = layers[node.value.type]
            title = c.pick(node.value.title).text
            popup = self._intervention_popup(c, node)
            if node.area:
                fm.area(group, node.area, types[node.value.type].color, title, popup)
            fm.marker(group, node.point, type_css(node.value.type), title, popup)
            points.append(node.point)
        return points

    def _where(self, c: PageCtx, node: InterventionNode) -> str:
        """Where, in words: the pilot's place (residents read names, not
        coordinates; the points are in the open data under the map)."""
        text, area = c.place(node.pilot.meta), c.gettext("area")
        rough = c.gettext("approximate location")
        if node.area:
            text = f"{text}, {area}"
        if "location" in node.value.approximate_fields:
            text += f" ({rough})"
        return text

    def story(self, c: PageCtx, story: Story) -> Markup:
        """A story's small map, with where it took place in words."""
        loc = story.meta.location
        if loc is None or story.meta.format == "map-story":
            return Markup("")
        point = (loc.lat, loc.lon)
        m = fm.new_map(tiles_for(self.site, story.pilot), point, 15)
        fm.marker(m, point, "pl-marker--story", c.title(story).text)
        rendered = fm.render(m, self.cache)
        return (self._block(c, rendered, "story", c.gettext("Map of where this story took place"))
                + "\n" + c.part(MAPS, "where_story", c.place(story.pilot.meta)))

    def story_map(self, c: PageCtx, story: Story) -> Markup:
        """A map story's map: one numbered marker per chapter, moved by scrolling."""
        chapters = story.meta.chapters
        if story.meta.format != "map-story" or not chapters:
            return Markup("")
        first = chapters[0]
        # from Europe to a street: the site's tiles, which cover every scale
        m = fm.new_map(tiles_for(self.site), (first.location.lat, first.location.lon), first.zoom)
        titles = [s.title for s in (c.prose(story).sections or ())]
        for index, chapter in enumerate(chapters):
            if not chapter.marker:
                continue
            title = titles[index] if index < len(titles) else str(index + 1)
            fm.marker(m, (chapter.location.lat, chapter.location.lon),
                      "pl-marker--story pl-marker--number", f"{index + 1}. {title}",
                      html=f'<span aria-hidden="true">{index + 1}</span>')
        rendered = fm.render(m, self.cache)
        return self._block(c, rendered, "mapstory", c.gettext("Map for this story"), "pl-chapter-1")
