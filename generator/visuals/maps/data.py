"""Open data: the interventions as GeoJSON FeatureCollections."""

from __future__ import annotations

import json
from typing import Iterable

from generator.emit.jsonld import inert_json
from generator.site.model import InterventionNode, Site


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


def data_files(site: Site) -> dict[str, str]:
    """Returns every open-data file: site path -> GeoJSON text."""
    files = {"data/interventions.geojson": collection(site, site.interventions(), "interventions")}
    for pilot in site.pilots.values():
        files[f"data/pilots/{pilot.id}.geojson"] = collection(site, pilot.interventions, pilot.id)
    return files
