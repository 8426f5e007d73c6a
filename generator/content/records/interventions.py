"""pilots/<id>/interventions.yml: what was done where."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from generator.content.fields import (Approximate, Date, FileName, Id, Localized, Location, Model,
                                      Period)
from generator.content.messages import N_, _


class Intervention(Model, Approximate):
    """One thing done in a pilot, at a point or in an area."""

    id: Id = Field(description=N_("its own id, used once in the pilot"))
    type: Id = Field(description=N_("an intervention type id from taxonomies.yml"))
    title: Localized = Field(description=N_("what it was"))
    description: Localized | None = Field(default=None, description=N_(
        "a few sentences (Markdown allowed)"))
    date: Date | None = Field(default=None, description=N_(
        "when it took place (or give a period)"))
    period: Period | None = Field(default=None, description=N_("when it ran (or give a date)"))
    location: Location | None = Field(default=None, description=N_(
        "where it took place (or give an area)"))
    area: FileName | None = Field(default=None,
                                  description=N_("a .geojson file in the pilot's folder"))
    stories: list[Id] = Field(default_factory=list, description=N_("ids of stories about it"))
    example: bool = Field(default=False, description=N_(
        "true: shown as an illustrative example"))
    approximate: bool | list[Literal["location", "date"]] = Field(default=False, description=N_(
        "true when only the town is known (the point is the town centre), or a list of "
        "location, date"))

    @model_validator(mode="after")
    def _when_and_where(self) -> "Intervention":
        if (self.date is None) == (self.period is None):
            raise ValueError(_("give either a `date` or a `period` (one of them, not both)"))
        if (self.location is None) == (self.area is None):
            raise ValueError(_("give either a `location` or an `area` (one of them, not both)"))
        return self
