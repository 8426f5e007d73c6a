"""partners/<id>/: organisations taking part."""

from __future__ import annotations

from typing import Literal

from generator.content.fields import Country, Localized, Record, Url
from generator.content.bundle import Kind
from generator.content.records.front import BioFront


class PartnerMeta(Record):
    """A partner organisation (partners/<id>/meta.yml)."""

    name: Localized
    country: Country | None = None
    kind: Literal["municipality", "university", "ngo", "company", "other"] = "other"
    url: Url | None = None
    role: Localized | None = None


KIND = Kind("partners", "partner", PartnerMeta, BioFront, template="partner",
            texts_required=False)
