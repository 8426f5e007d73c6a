"""partners/<id>/: organisations taking part."""

from __future__ import annotations

from typing import Literal

from generator.content.fields import Country, Localized, Record, Url
from generator.content.bundle import BioFront, BundleSpec


class PartnerMeta(Record):
    """A partner organisation (partners/<id>/meta.yml)."""

    name: Localized
    country: Country | None = None
    kind: Literal["municipality", "university", "ngo", "company", "other"] = "other"
    url: Url | None = None
    role: Localized | None = None


SPEC = BundleSpec(PartnerMeta, BioFront, texts_required=False)
