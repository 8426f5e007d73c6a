"""partners/<id>/: organisations taking part."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from .base import Localized, Record
from .bundle import BioFront, BundleSpec


class PartnerMeta(Record):
    """A partner organisation (partners/<id>/meta.yml)."""

    name: Localized
    country: str | None = None
    kind: Literal["municipality", "university", "ngo", "company", "other"] = "other"
    url: str | None = None
    role: Localized | None = None

    @field_validator("country")
    @classmethod
    def _country(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[A-Za-z]{2}$", value):
            raise ValueError(f'"{value}" is not a two-letter country code; write e.g. NL')
        return value.upper() if value else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://\S+$", value):
            raise ValueError(f'"{value}" is not a web address; start it with https://')
        return value


SPEC = BundleSpec(PartnerMeta, BioFront, texts_required=False)
__all__ = ["Field", "PartnerMeta", "SPEC"]
