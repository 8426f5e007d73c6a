"""content/taxonomies.yml: themes, target groups and intervention types."""

from __future__ import annotations

from pydantic import Field

from generator.content.fields import Id, Model, Named
from generator.content.messages import N_
from generator.content.records.brand import Colour

# names only: letters, digits and hyphens, in folders of an icon set (never a path)
ICON_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*){0,2}$"


class InterventionType(Named):
    """A kind of intervention, drawn on maps in its colour with its icon."""

    color: Colour = Field(default="#1f77b4", description=N_(
        'its colour on the maps, e.g. "#1f77b4" (in quotes)'))
    icon: str = Field(default="map-marker", pattern=ICON_PATTERN, description=N_(
        "an icon name from Font Awesome (solid) or Material Design, e.g. users or recycle"))


class Taxonomies(Model):
    """The site's vocabularies; records refer to their ids."""

    themes: dict[Id, Named] = Field(default_factory=dict, description=N_(
        "what pilots and stories are about, by id"))
    target_groups: dict[Id, Named] = Field(default_factory=dict, description=N_(
        "who pilots are for, by id"))
    intervention_types: dict[Id, InterventionType] = Field(default_factory=dict, description=N_(
        "kinds of intervention, by id, each with its colour and icon on the maps"))
