"""Geography checks: is a point in its country, how far from its pilot.

Country outlines come from the `countryinfo` package (MIT): coarse polygons,
so a point counts as inside when it lies within TOLERANCE_KM of its outline
(coastal towns fall just outside a coarse coastline).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Iterable, Sequence

EARTH_KM = 6371.0088
TOLERANCE_KM = 30.0
Ring = Sequence[Sequence[float]]  # [[lon, lat], ...] as in GeoJSON


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Returns the great-circle distance between two points in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@lru_cache(maxsize=None)
def country_rings(code: str) -> tuple[Ring, ...] | None:
    """Returns the outer rings of a country's outline, or None if unknown.

    Args:
        code: ISO 3166-1 alpha-2 code.
    """
    from countryinfo import CountryInfo  # imported late: only checks need it

    try:
        collection = CountryInfo(code).geo_json()
    except Exception:  # countryinfo raises its own errors for unknown codes
        return None
    return tuple(_outer_rings(f["geometry"] for f in collection.get("features", [])))


def _outer_rings(geometries: Iterable[dict]) -> Iterable[Ring]:
    for geometry in geometries:
        if geometry["type"] == "Polygon":
            yield geometry["coordinates"][0]
        elif geometry["type"] == "MultiPolygon":
            yield from (polygon[0] for polygon in geometry["coordinates"])


def km_outside_country(code: str, lat: float, lon: float) -> float | None:
    """Returns how far (km) a point lies outside a country; 0 when inside.

    Args:
        code: ISO 3166-1 alpha-2 code.
        lat: Latitude.
        lon: Longitude.

    Returns:
        The distance to the nearest outline edge, 0.0 inside, None if the
        country is unknown.
    """
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
    best = min(_segment_origin_distance(a, b) for a, b in zip(points, points[1:] + points[:1]))
    return best * math.pi / 180 * EARTH_KM


def _segment_origin_distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(a[0] * dx + a[1] * dy) / length))
    return math.hypot(a[0] + t * dx, a[1] + t * dy)


def in_country(code: str, lat: float, lon: float) -> bool | None:
    """Tells whether a point lies in (or within TOLERANCE_KM of) a country."""
    km = km_outside_country(code, lat, lon)
    return None if km is None else km <= TOLERANCE_KM


def is_country(code: str) -> bool:
    """Tells whether a code is an ISO 3166-1 alpha-2 country code (by babel's list)."""
    from babel import Locale

    return len(code) == 2 and code.upper() in Locale.parse("en").territories
