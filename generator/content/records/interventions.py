"""pilots/<id>/interventions.yml: what was done where."""

from __future__ import annotations

from pydantic import Field, model_validator

from typing import Literal

from generator.content.fields import Date, FileName, Id, Localized, Location, Model, Period, approximate_fields


class Intervention(Model):
    """One thing done in a pilot, at a point or in an area."""

    id: Id
    type: Id
    title: Localized
    description: Localized | None = None
    date: Date | None = None
    period: Period | None = None
    location: Location | None = None
    area: FileName | None = Field(default=None, description="a .geojson file in the pilot's folder")
    stories: list[Id] = Field(default_factory=list)
    example: bool = False
    approximate: bool | list[Literal["location", "date"]] = Field(default=False, description=(
        "true when only the town is known (the point is the town centre), or a list of "
        "location, date"))

    @property
    def approximate_fields(self) -> frozenset[str]:
        """The facts that are only approximate."""
        return approximate_fields(self.approximate)

    @model_validator(mode="after")
    def _when_and_where(self) -> "Intervention":
        if (self.date is None) == (self.period is None):
            raise ValueError("give either a `date` or a `period` (one of them, not both)")
        if (self.location is None) == (self.area is None):
            raise ValueError("give either a `location` or an `area` (one of them, not both)")
        return self

