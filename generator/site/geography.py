"""Where things are: a pilot inside its country, interventions and stories
near their pilot (with a hint when lat and lon look swapped), areas read from
GeoJSON files in the pilot's folder."""

from __future__ import annotations

from pathlib import Path

from generator.content import Item
from generator.content.boundary import Boundary, Refused
from generator.content.bundle import Bundle
from generator.content.fields import Location
from generator.content.messages import N_, _
from generator.content.problems import Problems, did_you_mean
from generator.content.yamlsrc import line_at
from generator.site.geo import (POINTS, TOLERANCE_KM, all_positions, distance_km,
                                geometry_centre, is_country, km_outside_country, read_geometry)
from generator.site.model import Pilot

NEAR_KM = 25.0
# Points in all of a pilot's areas together: what the maps and the open data
# may carry (an area file used by many interventions counts each time).
AREA_POINTS = POINTS


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
        problems.add(bundle.dir / name, error[0], error[1], _("save the area as GeoJSON (for "
                                                              "example from geojson.io), "
                                                              "coordinates as [lon, lat]"))
        return None
    lat, lon = geometry_centre(geometry)
    check_near(Location(lat=lat, lon=lon), pilot, item.path, line, N_("this area"), problems)
    return geometry, (lat, lon)


def area_points(geometry: dict | None) -> int:
    """How many points an area's outline has (0 for none)."""
    return len(all_positions(geometry))
