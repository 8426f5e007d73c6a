"""partners/<id>/: organisations taking part."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from generator.content.fields import Country, Localized, Record, Url
from generator.content.bundle import Kind
from generator.content.messages import N_
from generator.content.records.front import BioFront


class PartnerMeta(Record):
    """A partner organisation (partners/<id>/meta.yml)."""

    name: Localized = Field(description=N_("the organisation's name"))
    country: Country | None = Field(default=None, description=N_(
        "the country it is based in (two letters, e.g. NL)"))
    kind: Literal["municipality", "university", "ngo", "company", "other"] = Field(
        default="other", description=N_("what kind of organisation it is"))
    url: Url | None = Field(default=None, description=N_("its website (https://...)"))
    role: Localized | None = Field(default=None, description=N_("its role in the project"))


KIND = Kind("partners", N_("partner"), PartnerMeta, BioFront, template="partner",
            named_by="name", texts_required=False)
