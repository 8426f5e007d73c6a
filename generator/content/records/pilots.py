"""pilots/<id>/: one pilot, a municipality or region."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import (Approximate, Country, Id, Image, Localized, Location, Period,
                                      Record, Status)
from generator.content.bundle import Kind
from generator.content.messages import N_
from generator.content.records.front import Front
from generator.content.records.site import Tiles


class Phase(Period):  # a Period: its end is not before its start
    """One phase of a pilot, drawn on its timeline."""

    label: Localized = Field(description=N_("the phase's name"))
    description: Localized | None = Field(default=None, description=N_("what happened in it"))


class PilotMeta(Record, Approximate):
    """A pilot's language-neutral facts (pilots/<id>/meta.yml)."""

    country: Country
    place: str | None = Field(default=None, min_length=1, description=N_(
        "the municipality or region, as written locally; leave out when only the country is known"))
    location: Location = Field(description=N_("the place's centre"))
    period: Period = Field(description=N_("when the pilot ran"))
    status: Status = Field(description=N_("planned, running or finished (unknown when it is "
                                          "not known)"))
    themes: list[Id] = Field(default_factory=list, description=N_(
        "theme ids from taxonomies.yml"))
    target_groups: list[Id] = Field(default_factory=list, description=N_(
        "target group ids from taxonomies.yml"))
    partners: list[Id] = Field(default_factory=list, description=N_(
        "ids of its partners (folders in partners/)"))
    people: list[Id] = Field(default_factory=list, description=N_(
        "ids of its people (folders in people/)"))
    cover: Image | None = Field(default=None, description=N_(
        "the picture on cards and at the top of the page"))
    phases: list[Phase] = Field(default_factory=list, description=N_(
        "the pilot's phases, drawn as its timeline"))
    order: int = Field(default=100,
                       description=N_("place among the pilots: lower comes first"))
    tiles: Tiles | None = Field(default=None, description=N_(
        "the tiles of the pilot's map and its stories' maps, as site.yml's map.tiles, e.g. "
        "nlmaps.standaard; leave out for the site's (a map story uses the site's)"))
    approximate: bool | list[Literal["location", "period", "status"]] = Field(
        default=False, description=N_("facts known only roughly, shown as such: true (the "
                                      "location) or a list of location, period, status"))


KIND = Kind("pilots", N_("pilot"), PilotMeta, Front, template="pilot", picture="cover",
            data_suffixes=frozenset({".geojson"}), extra_files=frozenset({"interventions.yml"}))
