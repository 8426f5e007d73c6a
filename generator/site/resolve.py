"""From validated content to the resolved site: cross-references, geography,
images, consent, drafts and translations are checked here, all in one pass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from pydantic import BaseModel

from generator.site import prose as markup
from generator.site.geo import TOLERANCE_KM, distance_km, is_country, km_outside_country
from generator.content.language import Lang
from generator.images.probe import COVER_MIN_WIDTH, WARN_MEGAPIXELS, ImageIndex
from generator.content.mdrefs import find_images, find_sections
from generator.site.model import (InterventionNode, Node, Page, Partner, Person, Pilot, Prose,
                    PublicationNode, Site, Story)
from generator.content.problems import Problems, did_you_mean
from generator.content import Content, Item
from generator.content.fields import Image, LocalText, Location
from generator.content.boundary import Refused
from generator.content.bundle import Bundle
from generator.content.yamlsrc import line_at

NEAR_KM = 25.0
RESERVED = {"pilots", "stories", "people", "partners", "publications", "assets", "search",
            "data", "media", "404", "sitemap", "robots"}
SINGULAR = {"pilots": "pilot", "stories": "story", "people": "person", "partners": "partner",
            "pages": "page"}
VOCABULARIES = {"themes": "theme", "target_groups": "target group",
                "intervention_types": "intervention type"}


def resolve(content: Content, problems: Problems, drafts: bool = False,
            images: ImageIndex | None = None) -> Site:
    """Builds the cross-linked site from validated content.

    Args:
        content: Everything read from content/.
        problems: Where problems go.
        drafts: Whether drafts are published in this build.
        images: What each image file is (kept between builds); a new one by default.

    Returns:
        The site; records with errors are left out (the errors are recorded).
    """
    site = Site(content.site, content.taxonomies, content.root, drafts=drafts)
    images = images if images is not None else ImageIndex(None)
    images.limit = content.site.images.max_megapixels
    _Resolver(content, site, problems, images).run()
    return site


class _Resolver:
    """One resolution pass; holds what every step needs."""

    def __init__(self, content: Content, site: Site, problems: Problems, images: ImageIndex):
        self.content, self.site, self.problems = content, site, problems
        self.images = images
        self.known = {kind: set(bundles) for kind, bundles in content.bundles.items()}

    def run(self) -> None:
        """Resolves every kind, then the links between them."""
        for page in self._nodes("pages", Page):
            self._check_page_id(page)
            self.site.pages[page.id] = page
        self.site.pages = dict(sorted(self.site.pages.items(),
                                      key=lambda kv: (kv[1].meta.order, kv[0])))
        self.site.partners = {n.id: n for n in self._nodes("partners", Partner)}
        self.site.people = dict(sorted(((n.id, n) for n in self._nodes("people", Person)),
                                       key=lambda kv: kv[1].meta.name.lower()))
        pilots = sorted(self._nodes("pilots", Pilot), key=lambda p: (p.meta.order, p.id))
        for pilot in pilots:
            self._link_pilot(pilot)
            self.site.pilots[pilot.id] = pilot
        self._stories()
        self._people_pilots()
        self._interventions()
        self._publications()
        if self.site.config.translations == "required":
            self._translations()
        self._check_map_settings()

    # -- bundles -------------------------------------------------------------

    def _nodes(self, kind: str, cls: type[Node]) -> Iterator[Any]:
        for bundle in self.content.of(kind).values():
            if bundle.meta is None or (bundle.meta.draft and not self.site.drafts):
                continue
            node = cls(kind, bundle.id, bundle.dir, self._prose(bundle), bundle.meta.draft,
                       dict(bundle.media))
            node.meta = bundle.meta  # type: ignore[attr-defined]
            self._check_images(bundle, node.prose)
            yield node

    def _prose(self, bundle: Bundle) -> dict[str, Prose]:
        prose = {}
        for lang, text in bundle.texts.items():
            front = text.front
            self._check_placeholders(bundle, text)
            images = tuple(find_images(text.body, text.body_line))
            backlink = Lang(lang, self.site.config.locale(lang)).t("footnote.back")
            rendered = markup.render(text.body, images, backlink)
            prose[lang] = Prose(
                lang, getattr(front, "title", None) or "", getattr(front, "summary", None),
                getattr(front, "quote", None), text.body, text.body_line, text.path,
                images, tuple(find_sections(text.body, text.body_line)), rendered)
            self._check_markup(prose[lang])
        return prose

    def _check_placeholders(self, bundle: Bundle, text) -> None:
        if bundle.meta is not None and bundle.meta.draft:
            return
        for number, line in enumerate(text.raw.splitlines(), 1):
            if "TODO" in line and not line.lstrip().startswith("#"):
                self.problems.add(text.path, number, "this text still has a TODO placeholder",
                                  "write the real text, or keep `draft: true` in meta.yml until "
                                  "it is ready", level="warning")
                return

    def _check_page_id(self, page: Page) -> None:
        if page.id in RESERVED or page.id in self.site.languages:
            self.problems.add(page.dir, None, f'a free page cannot be called "{page.id}": '
                              "that address is used by the site itself",
                              "rename the folder, e.g. over-ons or about-cosie")

    # -- references ------------------------------------------------------------

    def refs(self, ids: Iterable[str], kind: str, bundle: Bundle, field: str) -> list[Any]:
        """Resolves ids of another kind in a bundle's meta.yml."""
        return self.refs_in(ids, kind, bundle.meta_path, bundle.raw, field)

    def refs_in(self, ids: Iterable[str], kind: str, path: Path, raw: Any, field: str,
                line: int | None = None) -> list[Any]:
        """Resolves ids of another kind, reporting unknown ones with a suggestion.

        Ids of records that exist but are not published (drafts, no consent)
        are dropped silently: nothing of them may leak into the site.
        """
        published, known = getattr(self.site, kind), self.known.get(kind, ())
        found = []
        for index, ref in enumerate(ids):
            if ref not in known:
                self._unknown(ref, kind, known, path, line_at(raw, (field, index), line), field)
            elif ref in published:
                found.append(published[ref])
        return found

    def _unknown(self, ref: str, kind: str, known: Iterable[str], path: Path,
                 line: int | None, field: str) -> None:
        known = sorted(known)
        listing = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
        self.problems.add(path, line, f'`{field}`: there is no {SINGULAR.get(kind, kind)} '
                          f'"{ref}".{did_you_mean(ref, known)}',
                          f"use the id (folder name) of one in content/{kind}/"
                          + (f": {listing}" if known else " (there are none yet)"))

    def terms(self, ids: Iterable[str], vocabulary: str, path: Path, raw: Any,
              field: str) -> None:
        """Reports taxonomy ids that taxonomies.yml does not define."""
        known = getattr(self.site.taxonomies, vocabulary)
        for index, term in enumerate(ids):
            if term not in known:
                self.problems.add(
                    path, line_at(raw, (field, index)),
                    f'`{field}`: "{term}" is not a {VOCABULARIES[vocabulary]} in taxonomies.yml.'
                    f"{did_you_mean(term, known)}",
                    f"use one of {', '.join(sorted(known)) or '(none)'} or add it under "
                    f"`{vocabulary}:` in content/taxonomies.yml")

    # -- pilots --------------------------------------------------------------

    def _link_pilot(self, pilot: Pilot) -> None:
        bundle = self.content.of("pilots")[pilot.id]
        meta = pilot.meta
        self.terms(meta.themes, "themes", bundle.meta_path, bundle.raw, "themes")
        self.terms(meta.target_groups, "target_groups", bundle.meta_path, bundle.raw,
                   "target_groups")
        pilot.partners = self.refs(meta.partners, "partners", bundle, "partners")
        pilot.people = self.refs(meta.people, "people", bundle, "people")
        for partner in pilot.partners:
            partner.pilots.append(pilot)
        self._check_country(pilot, bundle)

    def _check_country(self, pilot: Pilot, bundle: Bundle) -> None:
        loc, country = pilot.meta.location, pilot.meta.country
        line = line_at(bundle.raw, ("location",))
        if not is_country(country):
            self.problems.add(bundle.meta_path, line_at(bundle.raw, ("country",)),
                              f'"{country}" is not a known country code',
                              "use the ISO 3166-1 two-letter code, e.g. NL, IT, GB")
            return
        km = km_outside_country(country, loc.lat, loc.lon)  # None: no outline to check
        if km is not None and km > TOLERANCE_KM:
            swapped = km_outside_country(country, loc.lon, loc.lat)
            hint = ("lat and lon look swapped: exchange the two numbers" if swapped == 0
                    else f"check the coordinates, or `country: {country}`")
            self.problems.add(bundle.meta_path, line, f"the pilot's location is outside "
                              f"{country} (about {km:.0f} km from its border)", hint)

    # -- stories ---------------------------------------------------------------

    def _stories(self) -> None:
        stories = []
        for bundle in self.content.of("stories").values():
            meta = bundle.meta
            if meta is None or (meta.draft and not self.site.drafts):
                continue
            story = self._story(bundle)  # checked even when it will not be published
            if not meta.consent.given:
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("consent",)),
                                  f'story "{bundle.id}" is not published: consent is not given',
                                  "set consent: {given: true, date: ...} once the narrator "
                                  "has agreed", level="notice")
            elif story is not None:
                stories.append(story)
        stories.sort(key=lambda s: (s.meta.date.first_day(), s.id), reverse=True)
        self.site.stories = {s.id: s for s in stories}
        for story in stories:
            story.pilot.stories.append(story)

    def _story(self, bundle: Bundle) -> Story | None:
        meta = bundle.meta
        pilots = self.refs([meta.pilot], "pilots", bundle, "pilot")
        self.terms(meta.themes, "themes", bundle.meta_path, bundle.raw, "themes")
        story = Story("stories", bundle.id, bundle.dir, self._prose(bundle), meta.draft,
                      dict(bundle.media))
        story.meta = meta
        self._check_images(bundle, story.prose)
        self._check_chapters(story, bundle)
        if not pilots:
            if meta.pilot in self.known.get("pilots", ()):
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("pilot",)),
                                  f'story "{bundle.id}" is left out: its pilot "{meta.pilot}" is '
                                  "a draft or has errors", "publish or fix the pilot first",
                                  level="notice")
            return None
        story.pilot = pilots[0]
        if meta.location:
            self.near_pilot(meta.location, story.pilot, bundle.meta_path,
                            line_at(bundle.raw, ("location",)), "the story")
        return story

    def _check_chapters(self, story: Story, bundle: Bundle) -> None:
        if story.meta.format != "map-story":
            if story.meta.chapters:
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("chapters",)),
                                  "`chapters` are only used by map stories; they are ignored "
                                  "here", "set `format: map-story`, or remove `chapters`",
                                  level="notice")
            return
        count = len(story.meta.chapters)
        if count == 0:
            self.problems.add(bundle.meta_path, line_at(bundle.raw, ("format",)),
                              "a map story needs `chapters`: one location per ## section",
                              "add chapters: - {location: {lat: ..., lon: ...}, zoom: 16}")
            return
        for prose in story.prose.values():
            sections = len(prose.sections)
            if sections != count:
                self.problems.add(bundle.meta_path, line_at(bundle.raw, ("chapters",)),
                                  f"this map story has {count} chapter(s) in meta.yml but "
                                  f"{sections} H2 section(s) (## headings) in {prose.path.name}",
                                  "give one chapter (location and zoom) per ## section, in order")

    def near_pilot(self, loc: Location, pilot: Pilot, path: Path, line: int | None,
                   what: str) -> None:
        """Reports a location more than 25 km from its pilot, hinting at swaps."""
        home = pilot.meta.location
        km = distance_km(loc.lat, loc.lon, home.lat, home.lon)
        if km <= NEAR_KM:
            return
        swapped = distance_km(loc.lon, loc.lat, home.lat, home.lon) <= NEAR_KM
        hint = ("lat and lon look swapped: exchange the two numbers" if swapped else
                f"check the coordinates; {pilot.meta.place or pilot.id} is at lat {home.lat}, lon {home.lon}")
        self.problems.add(path, line, f"{what} is {km:.0f} km from its pilot "
                          f'"{pilot.id}" (more than {NEAR_KM:.0f} km)', hint)

    # -- people, interventions, publications ---------------------------------

    def _people_pilots(self) -> None:
        for person in self.site.people.values():
            bundle = self.content.of("people")[person.id]
            linked = self.refs(person.meta.pilots, "pilots", bundle, "pilots")
            linked += [p for p in self.site.pilots.values() if person in p.people]
            person.pilots = list(dict.fromkeys(linked))
            for pilot in person.pilots:
                if person not in pilot.people:
                    pilot.people.append(person)

    def _interventions(self) -> None:
        for pilot in self.site.pilots.values():
            seen: set[str] = set()
            for item in self.content.interventions.get(pilot.id, []):
                node = self._intervention(item, pilot, seen)
                if node is not None:
                    pilot.interventions.append(node)
                    for story in node.stories:
                        story.interventions.append(node)

    def _intervention(self, item: Item, pilot: Pilot, seen: set[str]) -> InterventionNode | None:
        value = item.value
        if value.id in seen:
            self.problems.add(item.path, item.line, f'the intervention id "{value.id}" is used twice',
                              "give every intervention of this pilot its own id")
            return None
        seen.add(value.id)
        self._check_type(value.type, item)
        self._check_description(item)
        stories = self._intervention_stories(item)
        if value.area:
            area = self._area(item, pilot)
            if area is None:
                return None
            geometry, point = area
        else:
            geometry, point = None, (value.location.lat, value.location.lon)
            self.near_pilot(value.location, pilot, item.path,
                            line_at(item.raw, ("location",), item.line), "this intervention")
        return InterventionNode(value, pilot, stories, geometry, point, item.path, item.line)

    def _check_type(self, kind: str, item: Item) -> None:
        types = self.site.taxonomies.intervention_types
        if kind not in types:
            self.problems.add(item.path, line_at(item.raw, ("type",), item.line),
                              f'`type`: "{kind}" is not an intervention type in taxonomies.yml.'
                              f"{did_you_mean(kind, types)}",
                              f"use one of {', '.join(sorted(types)) or '(none)'} or add it "
                              "under `intervention_types:` in content/taxonomies.yml")

    def _check_description(self, item: Item) -> None:
        for lang, text in (item.value.description or {}).items():
            for offence in markup.short(text).offences:
                message, hint = explain_offence(offence)
                self.problems.add(item.path, line_at(item.raw, ("description", lang), item.line),
                                  message, hint)

    def _intervention_stories(self, item: Item) -> list[Story]:
        return self.refs_in(item.value.stories, "stories", item.path, item.raw, "stories", item.line)

    def _area(self, item: Item, pilot: Pilot) -> tuple[dict, tuple[float, float]] | None:
        bundle = self.content.of("pilots")[pilot.id]
        name, line = item.value.area, line_at(item.raw, ("area",), item.line)
        if name in bundle.refused:
            return None  # the content boundary has said why
        if name not in bundle.media or not name.lower().endswith(".geojson"):
            files = [n for n in bundle.media if n.lower().endswith(".geojson")]
            self.problems.add(item.path, line, f'the area file "{name}" does not exist in '
                              f"pilots/{pilot.id}/.{did_you_mean(name, files)}",
                              f"put the GeoJSON file in pilots/{pilot.id}/ or correct the name")
            return None
        try:
            text = self.content.boundary.read_text(bundle.media[name], bundle.dir)
        except Refused as exc:
            self.problems.add(item.path, line, exc.message, exc.hint)
            return None
        geometry, error = read_geometry(text, name)
        if error:
            self.problems.add(bundle.dir / name, error[0], error[1], "save the area as GeoJSON "
                              "(for example from geojson.io), coordinates as [lon, lat]")
            return None
        lat, lon = geometry_centre(geometry)
        self.near_pilot(Location(lat=lat, lon=lon), pilot, item.path, line, "this area")
        return geometry, (lat, lon)

    def _publications(self) -> None:
        items = sorted(self.content.publications,
                       key=lambda i: (-(i.value.year or 0), i.value.title.lower()))
        for item in items:
            pilots = self.refs_in(item.value.pilots, "pilots", item.path, item.raw, "pilots",
                                  item.line)
            node = PublicationNode(item.value, pilots)
            self.site.publications.append(node)
            for pilot in pilots:
                pilot.publications.append(node)

    # -- images ------------------------------------------------------------------

    def _check_images(self, bundle: Bundle, prose: dict[str, Prose]) -> None:
        for field_name in ("cover", "photo"):
            image = getattr(bundle.meta, field_name, None)
            if image is not None:
                self._check_cover(image, bundle, field_name)
        for text in prose.values():
            for ref in text.images:
                self._check_body_image(ref, bundle, text.path)

    def _check_cover(self, image: Image, bundle: Bundle, field_name: str) -> None:
        line = line_at(bundle.raw, (field_name, "file"))
        found = self._check_file(image.file, bundle, bundle.meta_path, line)
        if found is not None and field_name == "cover" and found.width < COVER_MIN_WIDTH:
            self.problems.add(bundle.meta_path, line, f"the cover {image.file} is {found.width} px "
                              f"wide; covers look blurred below {COVER_MIN_WIDTH} px",
                              "use a larger image", level="warning")

    def _check_body_image(self, ref: Any, bundle: Bundle, path: Path) -> None:
        if not ref.alt:
            self.problems.add(path, ref.line, f"the image {ref.src} has no alt text",
                              "describe the image between the brackets: "
                              f"![what the image shows]({ref.src})")
        if ref.is_remote:
            self.problems.add(path, ref.line, f"the image {ref.src} is on another website",
                              "save the image in the record's folder and use its file name "
                              "(the site loads nothing from other websites)")
            return
        self._check_file(ref.src, bundle, path, ref.line)

    def _check_markup(self, text: Prose) -> None:
        """Refuses what the cleaner would remove from a body: scripts, embeds,
        styles, event attributes, links that are not web addresses."""
        after: dict[str, int] = {}
        for offence in text.rendered.offences:
            line = markup.line_of(offence.needle, text.body, text.body_line,
                                  after.get(offence.needle, 0))
            after[offence.needle] = line
            message, hint = explain_offence(offence)
            self.problems.add(text.path, line, message, hint)

    def _check_file(self, name: str, bundle: Bundle, path: Path, line: int | None) -> Any:
        """Checks an image a record names; returns what it is, or None (reported)."""
        if name in bundle.refused:
            return None  # the content boundary has said why
        if name not in bundle.media:
            self.problems.add(path, line, f'the image "{name}" is not in {bundle.kind}/{bundle.id}/.'
                              f"{did_you_mean(name, bundle.media)}",
                              "put the image file in the record's folder, or correct the name")
            return None
        found = self.images.measure(bundle.media[name])
        if found.error:
            self.problems.add(path, line, found.error, found.hint)
            return None
        if found.megapixels > WARN_MEGAPIXELS:
            self.problems.add(path, line, f"{name} is {found.megapixels:.0f} megapixels; "
                              f"over {WARN_MEGAPIXELS} MP slows every build",
                              "scale it down to at most 4000 px on the long side", level="warning")
        return found

    # -- map settings ------------------------------------------------------------

    def _check_map_settings(self) -> None:
        from generator.visuals.maps.assets import icon_file, icon_names
        from generator.visuals.maps.tiles import UnknownTiles, provider_names, resolve_tiles

        site_yml, tax_yml = self.content.root / "site.yml", self.content.root / "taxonomies.yml"
        try:
            resolve_tiles(self.site.config.map.tiles)
        except UnknownTiles as exc:
            name = str(self.site.config.map.tiles)
            self.problems.add(site_yml, line_at(self.content.site_raw, ("map", "tiles")),
                              f"{exc}.{did_you_mean(name, provider_names())}",
                              "use a name such as OpenStreetMap.Mapnik, or give "
                              "{url: https://.../{z}/{x}/{y}.png, attribution: ...}")
        for kind_id, kind in self.site.taxonomies.intervention_types.items():
            if icon_file(kind.icon) is None:
                self.problems.add(tax_yml, line_at(self.content.taxonomies_raw,
                                                   ("intervention_types", kind_id, "icon")),
                                  f'there is no icon called "{kind.icon}".'
                                  f"{did_you_mean(kind.icon, icon_names())}",
                                  "use a Font Awesome (solid) or Material Design icon name, "
                                  "e.g. users, recycle, leaf", level="warning")

    # -- translations --------------------------------------------------------------

    def _translations(self) -> None:
        languages = self.site.languages
        for kind in ("pages", "pilots", "stories", "people", "partners"):
            for bundle in self.content.of(kind).values():
                self._missing_texts(bundle, languages)
                if bundle.meta is not None:
                    self._missing_labels(bundle.meta, bundle.raw, bundle.meta_path, languages)
        for items in [*self.content.interventions.values(), self.content.publications]:
            for item in items:
                self._missing_labels(item.value, item.raw, item.path, languages)
        self._missing_labels(self.site.taxonomies, self.content.taxonomies_raw,
                             self.content.root / "taxonomies.yml", languages)
        self._missing_labels(self.site.config, self.content.site_raw,
                             self.content.root / "site.yml", languages)

    def _missing_texts(self, bundle: Bundle, languages: list[str]) -> None:
        optional = bundle.kind in ("people", "partners") and not bundle.texts
        for lang in languages:
            if lang not in bundle.texts and not optional:
                self.problems.add(bundle.dir / f"{lang}.md", None,
                                  f"{lang}.md is missing, and site.yml says translations are "
                                  "required", f"write {bundle.kind}/{bundle.id}/{lang}.md, or set "
                                  "`translations: fallback` in site.yml")

    def _missing_labels(self, value: Any, raw: Any, path: Path, languages: list[str]) -> None:
        for loc, text in local_texts(value):
            missing = [lang for lang in languages if lang not in text]
            if missing:
                field = ".".join(str(s) for s in loc)
                self.problems.add(path, line_at(raw, loc), f"`{field}` has no "
                                  f"{', '.join(missing)} text, and translations are required",
                                  f"add {missing[0]}: \"...\" to `{field}`")


def local_texts(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, LocalText]]:
    """Yields (location, text) for every per-language text inside a model.

    Args:
        value: A model, list, dict or scalar.
        loc: The path to `value` so far.
    """
    if isinstance(value, LocalText):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from local_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from local_texts(item, (*loc, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from local_texts(item, (*loc, index))


def read_geometry(text: str, name: str) -> tuple[dict, tuple[int | None, str] | None]:
    """Reads a GeoJSON text into one geometry.

    Args:
        text: The file's text.
        name: The file's name, for messages.

    Returns:
        (geometry, None), or ({}, (line, message)) when the file is unusable.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {}, (getattr(exc, "lineno", None), f"{name} is not valid JSON: "
                    f"{getattr(exc, 'msg', 'nested too deeply')}")
    geometries = _geometries(data)
    if not geometries:
        return {}, (None, f"{name} holds no GeoJSON geometry")
    if not all(_valid_positions(g) for g in geometries):
        return {}, (None, f"{name} has coordinates that are not [lon, lat] numbers in range")
    if len(geometries) == 1:
        return geometries[0], None
    return {"type": "GeometryCollection", "geometries": geometries}, None


def _geometries(data: Any) -> list[dict]:
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "FeatureCollection":
        return [g for f in data.get("features", []) for g in _geometries(f)]
    if kind == "Feature":
        return _geometries(data.get("geometry"))
    if kind == "GeometryCollection":
        return [g for item in data.get("geometries", []) for g in _geometries(item)]
    ok = kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
    return [{"type": kind, "coordinates": data.get("coordinates")}] if ok else []


def positions(coordinates: Any) -> Iterator[list]:
    """Yields every [lon, lat] position in nested GeoJSON coordinates."""
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
    elif isinstance(coordinates, list):
        for item in coordinates:
            yield from positions(item)


def _valid_positions(geometry: dict) -> bool:
    found = list(positions(geometry.get("coordinates")))
    return bool(found) and all(
        len(p) >= 2 and all(isinstance(v, (int, float)) for v in p[:2])
        and -180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in found)


def geometry_centre(geometry: dict) -> tuple[float, float]:
    """Returns (lat, lon) of the centre of a geometry's bounding box."""
    parts = geometry.get("geometries") or [geometry]
    found = [p for g in parts for p in positions(g.get("coordinates"))]
    lons, lats = [p[0] for p in found], [p[1] for p in found]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


_BLOCKED = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "link", "style",
            "base", "meta", "form", "input", "button", "textarea", "select", "svg", "math",
            "template", "noscript", "audio", "video", "source", "track", "canvas", "portal"}


def explain_offence(offence: markup.Offence) -> tuple[str, str]:
    """Returns (message, hint) for HTML in a body that the site does not publish."""
    tag, name = offence.tag, offence.name
    allowed = ", ".join(f"<{t}>" for t in ("abbr", "br", "details", "figure", "figcaption",
                                            "sub", "sup", "summary", "span"))
    if offence.kind == "tag" and tag == "img":
        return ("the text contains an <img> element; images are written in Markdown",
                "write ![what the image shows](photo.jpg) with the file in the record's folder")
    if offence.kind == "tag" and tag in _BLOCKED:
        return (f"the text contains a <{tag}> element; the site publishes no scripts, embeds, "
                "forms or styles", "remove it; to point readers elsewhere, write a link: "
                "[what it is](https://...)")
    if offence.kind == "tag":
        return (f"<{name}> is not one of the HTML elements a text may use",
                f"use Markdown, or one of {allowed}")
    if offence.kind == "attribute" and name.startswith("on"):
        return (f"the attribute {name}= on <{tag}> would run a script; the site publishes no "
                "scripts", "remove the attribute")
    if offence.kind == "attribute":
        return (f"the attribute {name}= is not used on <{tag}>; the site's design is the same "
                "for every text", "remove the attribute (lang= and title= are allowed)")
    if offence.kind == "link":
        return (f"the link {name[:60]!r} is not a web address",
                "links start with https://, http://, mailto: or tel:, or are a path to "
                "another page of the site, e.g. ../other-story/")
    return (f"the {offence.kind} {name[:60]!r} on <{tag}> is not used in texts",
            "remove it")
