"""content/site.yml: site-wide settings and texts."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, field_validator

from .base import Localized, Model, Period, Text

_LANG = re.compile(r"^[a-z]{2,3}$")


class Contact(Model):
    """How readers reach the project."""

    email: str | None = None

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            raise ValueError(f'"{value}" is not an e-mail address')
        return value


class CustomTiles(Model):
    """A tile server given by URL, with the attribution it requires."""

    url: Text
    attribution: Text
    max_zoom: int = Field(default=19, ge=1, le=22)

    @field_validator("url")
    @classmethod
    def _template(cls, value: str) -> str:
        if not value.startswith("https://") or not all(k in value for k in ("{z}", "{x}", "{y}")):
            raise ValueError("a tile URL starts with https:// and contains {z}, {x} and {y}")
        return value


class MapSettings(Model):
    """Map settings: the tiles every map uses."""

    tiles: str | CustomTiles = "OpenStreetMap.Mapnik"


class SiteConfig(Model):
    """The site's settings (content/site.yml).

    Required: title, languages, base_url.
    """

    title: Localized
    tagline: Localized | None = None
    languages: list[str] = Field(min_length=1)
    base_url: Text
    period: Period | None = None
    period_label: Localized | None = Field(default=None, description=(
        "what the period is, e.g. {nl: Looptijd van het Nederlandse deel, en: ...}"))
    funding: Localized | None = None
    contact: Contact = Contact()
    map: MapSettings = MapSettings()
    translations: Literal["fallback", "required"] = "fallback"
    locales: dict[str, str] = Field(default_factory=dict, description=(
        "babel locale per language for dates and names, e.g. {en: en_GB}"))
    data_licence: str = "CC BY 4.0"

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for lang in value:
            if not _LANG.match(lang):
                raise ValueError(f'"{lang}" is not a language code; use two letters such as nl or en')
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not re.match(r"^https?://[^/\s]+(/\S*)?$", value):
            raise ValueError(f'"{value}" is not a web address; write it like https://org.github.io/repo/')
        return value if value.endswith("/") else value + "/"

    @property
    def default_language(self) -> str:
        """The first language: the one at the site root."""
        return self.languages[0]

    def locale(self, lang: str) -> str:
        """The babel locale for a language (English dates are British by default)."""
        return self.locales.get(lang) or {"en": "en_GB"}.get(lang, lang)
