"""content/site.yml: site-wide settings and texts."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from babel import Locale, UnknownLocaleError
from pydantic import Field, field_validator

from generator.content.fields import Localized, Model, Period, Text, Url

MAX_LIMIT_MEGAPIXELS = 100  # the highest image limit site.yml may set (400 MB decoded)
_LANG = re.compile(r"^[a-z]{2,3}$")
# Deliberately narrower than what RFC 5322 allows: these values are printed in
# every page's head and footer, so they may hold nothing that HTML gives meaning.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_HOST = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?"
_BASE_URL = re.compile(rf"^https?://{_HOST}(?:/[A-Za-z0-9._~%/-]*)?$")
_TILE_URL = re.compile(r"^https://[A-Za-z0-9.{}-]+(?::\d{1,5})?/[A-Za-z0-9._~%/{}@?=&-]*$")


def known_language(code: str) -> bool:
    """Whether babel knows a language (and so can write its dates and names)."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


def checked_base_url(value: str) -> str:
    """Returns a site address ending in "/", or raises ValueError saying how to write it."""
    if not _BASE_URL.fullmatch(value):
        raise ValueError(f'"{value[:80]}" is not a web address of the form '
                         "https://org.github.io/repo/ (letters, digits and - . _ ~ / only)")
    return value if value.endswith("/") else value + "/"


class Contact(Model):
    """How readers reach the project."""

    email: str | None = Field(default=None, description="an e-mail address, e.g. info@example.org")

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.fullmatch(value):
            raise ValueError(f'"{value[:80]}" is not an e-mail address; write it like '
                             "info@example.org")
        return value


class CustomTiles(Model):
    """A tile server given by URL, with the attribution it requires (plain text;
    the link to the source goes in `attribution_url`, never as HTML)."""

    url: Text = Field(description="https://.../{z}/{x}/{y}.png")
    attribution: Text = Field(max_length=300, description="plain text, e.g. © OpenStreetMap")
    attribution_url: Url | None = Field(default=None, description="where the attribution links to")
    max_zoom: int = Field(default=19, ge=1, le=22)

    @field_validator("url")
    @classmethod
    def _template(cls, value: str) -> str:
        if not _TILE_URL.fullmatch(value) or not all(k in value for k in ("{z}", "{x}", "{y}")):
            raise ValueError("a tile URL starts with https://, contains {z}, {x} and {y}, and "
                             "nothing but letters, digits and / . - _ ? = & % { }")
        return value

    @field_validator("attribution")
    @classmethod
    def _plain(cls, value: str) -> str:
        if re.search(r"[<>]", value):
            raise ValueError("the attribution is plain text, not HTML; put the link in "
                             "`attribution_url`")
        return value


class ImageSettings(Model):
    """Limits on the images content may use."""

    max_megapixels: float = Field(default=50, gt=0, le=MAX_LIMIT_MEGAPIXELS, description=(
        "the largest image accepted, in megapixels (width × height / 1,000,000)"))


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
    locales: dict[str, Annotated[str, Field(pattern=r"^[a-z]{2,3}(?:_[A-Z]{2})?$")]] = Field(
        default_factory=dict, description=(
            "babel locale per language for dates and names, e.g. {en: en_GB}"))
    data_licence: str = Field(default="CC BY 4.0", max_length=100)
    images: ImageSettings = ImageSettings()

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for lang in value:
            if not _LANG.fullmatch(lang) or not known_language(lang):
                raise ValueError(f'"{lang}" is not a language code; use two letters such as nl or en')
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value

    @field_validator("base_url")
    @classmethod
    def _base_url(cls, value: str) -> str:
        return checked_base_url(value)

    @property
    def base_path(self) -> str:
        """The path the site is served under: "/" or "/cosie/"."""
        return "/" + self.base_url.split("://", 1)[1].split("/", 1)[1]

    @property
    def default_language(self) -> str:
        """The first language: the one at the site root."""
        return self.languages[0]

    def locale(self, lang: str) -> str:
        """The babel locale for a language (English dates are British by default)."""
        return self.locales.get(lang) or {"en": "en_GB"}.get(lang, lang)
