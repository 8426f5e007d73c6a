"""Geography: a pilot inside its country, interventions and stories near their
pilot (with a hint when lat and lon look swapped), areas read from GeoJSON files.

Country outlines (the `countryinfo` package, MIT) are coarse: a point within
TOLERANCE_KM of one counts as inside (coastal towns fall just outside a coarse
coastline). GeoJSON areas are read into numbers only: nothing else of an
editor's file reaches a map."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from itertools import chain, count
from pathlib import Path
from typing import Any, Iterator, Sequence

from generator.content.load import Item
from generator.content.boundary import Boundary, Refused
from generator.content.bundle import Bundle
from generator.content.fields import Location
from generator.content.messages import N_, _
from generator.content.problems import Problems, did_you_mean
from generator.content.yamlsrc import line_at
from generator.site.model import Pilot

EARTH_KM = 6371.0088
TOLERANCE_KM = 30.0
NEAR_KM = 25.0
# Points in all of a pilot's areas together: what the maps and the open data
# may carry (an area file used by many interventions counts each time), more
# than a map can show
AREA_POINTS = 100_000
Ring = Sequence[Sequence[float]]  # [[lon, lat], ...] as in GeoJSON
# The kinds of GeoJSON geometry, and how deep each holds its [lon, lat] positions
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2,
          "MultiPolygon": 3}


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Returns the great-circle distance between two points in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=None)
def country_rings(code: str) -> tuple[Ring, ...] | None:
    """The outer rings of a country's outline (ISO 3166-1 alpha-2), or None if unknown."""
    from countryinfo import CountryInfo  # imported late: only checks need it

    try:
        collection = CountryInfo(code).geo_json()
    except Exception:  # countryinfo raises its own errors for unknown codes
        return None
    geometries = [f["geometry"] for f in collection.get("features", [])]  # (Multi)Polygons
    return tuple(polygon[0] for g in geometries for polygon in (
        g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]))


def km_outside_country(code: str, lat: float, lon: float) -> float | None:
    """How far (km) a point lies outside a country's outline: 0.0 inside, None
    if the country is unknown."""
    rings = country_rings(code.upper())
    if not rings:
        return None
    if any(_inside(ring, lon, lat) for ring in rings):
        return 0.0
    return min(_ring_distance_km(ring, lat, lon) for ring in rings)


def _inside(ring: Ring, x: float, y: float) -> bool:
    inside = False
    points = list(ring)
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _ring_distance_km(ring: Ring, lat: float, lon: float) -> float:
    # Project around the point (equirectangular): exact enough for tens of km
    scale = math.cos(math.radians(lat))
    points = [((x - lon) * scale, y - lat) for x, y in ring]
    best = math.inf  # from the point, now (0, 0), to the nearest point of each edge
    for (ax, ay), (bx, by) in zip(points, points[1:] + points[:1]):
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
        best = min(best, math.hypot(ax + t * dx, ay + t * dy))
    return best * math.pi / 180 * EARTH_KM


def is_country(code: str) -> bool:
    """Whether a code is an ISO 3166-1 alpha-2 country code (by babel's list)."""
    from babel import Locale

    return len(code) == 2 and code.upper() in Locale.parse("en").territories


def read_geometry(text: str, name: str) -> tuple[dict, tuple[int | None, str] | None]:
    """Reads a GeoJSON file's text into one geometry: returns (geometry, None),
    or ({}, (line, message)) when the file (`name`) is unusable."""
    try:
        # a number of thousands of digits is read as a float (infinite, so out of
        # range below): Python's int refuses to read one of over 4,300 digits
        data = json.loads(text, parse_int=float)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {}, (getattr(exc, "lineno", None), _("{name} is not valid JSON: {problem}")
                    .format(name=name, problem=getattr(exc, "msg", None) or _("nested too deeply")))
    try:
        geometries = _geometries(data, count(1))
    except _TooMany:
        return {}, (None, _("{name} has more than {limit:,} points; the map cannot show so many")
                    .format(name=name, limit=AREA_POINTS))
    if not geometries:
        return {}, (None, _("{name} holds no GeoJSON geometry").format(name=name))
    found = [list(positions(g["coordinates"])) for g in geometries]
    if not all(found) or "null" in json.dumps(geometries) or not all(
            -180 <= p[0] <= 180 and -90 <= p[1] <= 90 for p in chain(*found)):
        return {}, (None, _("{name} has coordinates that are not [lon, lat] numbers in range")
                    .format(name=name))
    wrong = next((g["type"] for g in geometries
                  if not _nested(g["coordinates"], _DEPTH[g["type"]])), None)
    if wrong:  # Leaflet fails on it in the reader's browser, and the whole map with it
        return {}, (None, _("{name}: the coordinates of its {kind} are not nested as GeoJSON "
                            "nests them (a Point is [lon, lat], a LineString a list of those, "
                            "a Polygon a list of such lists)").format(name=name, kind=wrong))
    if len(geometries) == 1:
        return geometries[0], None
    return {"type": "GeometryCollection", "geometries": geometries}, None


class _TooMany(Exception):
    """More points than AREA_POINTS: the rest of the file is not worth reading."""


def _geometries(data: Any, points: Iterator[int]) -> list[dict]:
    if not isinstance(data, dict):
        return []
    kind = data.get("type")
    if kind == "FeatureCollection":
        return [g for f in data.get("features", []) for g in _geometries(f, points)]
    if kind == "Feature":
        return _geometries(data.get("geometry"), points)
    if kind == "GeometryCollection":
        return [g for item in data.get("geometries", []) for g in _geometries(item, points)]
    return [{"type": kind, "coordinates": _numbers(data.get("coordinates"), points)}] \
        if kind in _DEPTH else []


def _numbers(coordinates: Any, points: Iterator[int], depth: int = 0) -> Any:
    """Keeps only [lon, lat] numbers: no altitude, no text, nothing else of the file."""
    if depth > 4 or not isinstance(coordinates, list):
        return None
    if coordinates and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                           for v in coordinates[:2]) and len(coordinates) >= 2:
        if next(points) > AREA_POINTS:  # counted from 1
            raise _TooMany
        return [float(coordinates[0]), float(coordinates[1])]
    return [_numbers(item, points, depth + 1) for item in coordinates]


def _nested(coordinates: Any, depth: int) -> bool:
    """Whether coordinates hold [lon, lat] positions at exactly `depth`, in
    lists that are not empty."""
    if depth == 0:
        return isinstance(coordinates, list) and len(coordinates) == 2 and \
            all(isinstance(v, float) for v in coordinates)
    return isinstance(coordinates, list) and bool(coordinates) and \
        all(_nested(item, depth - 1) for item in coordinates)


def positions(coordinates: Any) -> Iterator[list]:
    """Yields every [lon, lat] position in nested GeoJSON coordinates."""
    if isinstance(coordinates, list) and coordinates and isinstance(coordinates[0], (int, float)):
        yield coordinates
    elif isinstance(coordinates, list):
        for item in coordinates:
            yield from positions(item)


def all_positions(geometry: dict | None) -> list[list]:
    """Every [lon, lat] position of a geometry, a collection's parts' too (none for None)."""
    parts = (geometry.get("geometries") or [geometry]) if geometry else []
    return [p for g in parts for p in positions(g.get("coordinates"))]


def geometry_centre(geometry: dict) -> tuple[float, float]:
    """Returns (lat, lon) of the centre of a geometry's bounding box."""
    found = all_positions(geometry)
    lons, lats = [p[0] for p in found], [p[1] for p in found]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def check_country(pilot: Pilot, bundle: Bundle, problems: Problems) -> None:
    """Reports a pilot whose location lies outside its country."""
    loc, country = pilot.meta.location, pilot.meta.country
    if not is_country(country):
        problems.add(bundle.meta_path, line_at(bundle.raw, ("country",)),
                     _('"{code}" is not a known country code').format(code=country),
                     _("use the ISO 3166-1 two-letter code, e.g. NL, IT, GB"))
        return
    km = km_outside_country(country, loc.lat, loc.lon)  # None: no outline to check
    if km is not None and km > TOLERANCE_KM:
        swapped = km_outside_country(country, loc.lon, loc.lat)
        hint = (_("lat and lon look swapped: exchange the two numbers") if swapped == 0
                else _("check the coordinates, or `country: {code}`").format(code=country))
        problems.add(bundle.meta_path, line_at(bundle.raw, ("location",)),
                     _("the pilot's location is outside {code} (about {km:.0f} km from its "
                       "border)").format(code=country, km=km), hint)


def check_near(loc: Location, pilot: Pilot, path: Path, line: int | None, what: str,
               problems: Problems) -> None:
    """Reports a location more than NEAR_KM from its pilot, hinting at swaps;
    `what` is at the location, e.g. N_("the story"), translated here."""
    home = pilot.meta.location
    km = distance_km(loc.lat, loc.lon, home.lat, home.lon)
    if km <= NEAR_KM:
        return
    swapped = distance_km(loc.lon, loc.lat, home.lat, home.lon) <= NEAR_KM
    hint = (_("lat and lon look swapped: exchange the two numbers") if swapped else
            _("check the coordinates; {place} is at lat {lat}, lon {lon}")
            .format(place=pilot.meta.place or pilot.id, lat=home.lat, lon=home.lon))
    problems.add(path, line, _('{what} is {km:.0f} km from its pilot "{pilot}" (more than '
                               "{limit:.0f} km)").format(what=_(what), km=km, pilot=pilot.id,
                                                         limit=NEAR_KM), hint)


def read_area(item: Item, pilot: Pilot, bundle: Bundle, boundary: Boundary,
              problems: Problems) -> tuple[dict, tuple[float, float]] | None:
    """Reads an intervention's area from a GeoJSON file in the pilot's folder:
    returns the geometry and the point its marker goes at, or None (reported)."""
    name, line = item.value.area, line_at(item.raw, ("area",), item.line)
    if name in bundle.refused:
        return None  # the content boundary has said why
    if name not in bundle.media or not name.lower().endswith(".geojson"):
        files = [n for n in bundle.media if n.lower().endswith(".geojson")]
        problems.add(item.path, line, _('the area file "{name}" does not exist in {folder}.')
                     .format(name=name, folder=f"pilots/{pilot.id}/") + did_you_mean(name, files),
                     _("put the GeoJSON file in {folder} or correct the name")
                     .format(folder=f"pilots/{pilot.id}/"))
        return None
    try:
        text = boundary.read_text(bundle.media[name], bundle.dir)
    except Refused as exc:
        problems.add(item.path, line, exc.message, exc.hint)
        return None
    geometry, error = read_geometry(text, name)
    if error:
        problems.add(bundle.dir / name, error[0], error[1], _(
            "save the area as GeoJSON (for example from geojson.io), coordinates as [lon, lat]"))
        return None
    lat, lon = geometry_centre(geometry)
    check_near(Location(lat=lat, lon=lon), pilot, item.path, line, N_("this area"), problems)
    return geometry, (lat, lon)


def area_points(geometry: dict | None) -> int:
    """How many points an area's outline has (0 for none)."""
    return len(all_positions(geometry))
