"""pilots/<id>/: one pilot, a municipality or region."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import (Country, Date, Id, Image, Localized, Location, Model, Period, Record, Status,
                   approximate_fields)
from generator.content.bundle import Kind
from generator.content.records.front import Front


class Phase(Model):
    """One phase of a pilot, drawn on its timeline."""

    start: Date
    end: Date | None = None
    label: Localized
    description: Localized | None = None


class PilotMeta(Record):
    """A pilot's language-neutral facts (pilots/<id>/meta.yml)."""

    country: Country
    place: str | None = Field(default=None, min_length=1, description=(
        "the municipality or region, as written locally; leave out when only the country is known"))
    location: Location
    period: Period
    status: Status
    themes: list[Id] = Field(default_factory=list)
    target_groups: list[Id] = Field(default_factory=list)
    partners: list[Id] = Field(default_factory=list)
    people: list[Id] = Field(default_factory=list)
    cover: Image | None = None
    phases: list[Phase] = Field(default_factory=list)
    order: int = Field(default=100, description="place among the pilots: lower comes first")
    approximate: bool | list[Literal["location", "period", "status"]] = Field(
        default=False, description=("facts known only roughly, shown as such: true (the "
                                    "location) or a list of location, period, status"))

    @property
    def approximate_fields(self) -> frozenset[str]:
        """The facts that are only approximate."""
        return approximate_fields(self.approximate)



KIND = Kind("pilots", "pilot", PilotMeta, Front, template="pilot",
            data_suffixes=frozenset({".geojson"}), extra_files=frozenset({"interventions.yml"}))
