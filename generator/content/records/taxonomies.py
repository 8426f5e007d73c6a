"""content/taxonomies.yml: themes, target groups and intervention types."""

from __future__ import annotations

import re

from pydantic import Field, field_validator

from generator.content.fields import Id, Localized, Model, Named


# names only: letters, digits and hyphens, in folders of an icon set (never a path)
ICON_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*){0,2}$"


class InterventionType(Named):
    """A kind of intervention, drawn on maps in its colour with its icon."""

    color: str = "#1f77b4"
    icon: str = Field(default="map-marker", pattern=ICON_PATTERN, description=(
        "an icon name from Font Awesome (solid) or Material Design, e.g. users or recycle"))

    @field_validator("color")
    @classmethod
    def _color(cls, value: str) -> str:
        if not re.fullmatch(r"#[0-9a-fA-F]{6}", value):
            raise ValueError(f'"{value}" is not a colour; write it as "#1f77b4" (in quotes)')
        return value.lower()


class Taxonomies(Model):
    """The site's vocabularies; records refer to their ids."""

    themes: dict[Id, Named] = Field(default_factory=dict)
    target_groups: dict[Id, Named] = Field(default_factory=dict)
    intervention_types: dict[Id, InterventionType] = Field(default_factory=dict)


__all__ = ["InterventionType", "Localized", "Taxonomies"]
