"""content/site.yml: site-wide settings and texts."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Annotated, Literal, Union

from babel import Locale, UnknownLocaleError
from babel.localedata import locale_identifiers
from pydantic import AfterValidator, Discriminator, Field, Tag, ValidationInfo, field_validator

from generator.content.fields import Localized, Model, Period, Text, Url, matching
from generator.content.messages import N_, _
from generator.content.problems import HintedError
from generator.content.records.brand import Brand

MAX_LIMIT_MEGAPIXELS = 100  # the highest image limit site.yml may set (400 MB decoded)
_LANG = re.compile(r"^[a-z]{2,3}$")
LOCALE_PATTERN = r"^[a-z]{2,3}(?:_[A-Z]{2})?$"
# Deliberately narrower than what RFC 5322 allows: these values are printed in
# every page's head and footer, so they may hold nothing that HTML gives meaning.
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$")
_HOST = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?::\d{1,5})?"
_BASE_URL = re.compile(rf"^https?://{_HOST}(?:/[A-Za-z0-9._~%/-]*)?$")
_VIDEO_HOST = re.compile(r"^[a-z0-9-]+(?:\.[a-z0-9-]+)+$")
_TILE_URL = re.compile(r"(?=.*\{z\})(?=.*\{x\})(?=.*\{y\})"  # each of {z}, {x} and {y}
                       r"https://[A-Za-z0-9.{}-]+(?::\d{1,5})?/[A-Za-z0-9._~%/{}@?=&-]*")


def known_language(code: str) -> bool:
    """Whether babel knows a language (and so can write its dates and names)."""
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return False
    return True


@lru_cache(maxsize=None)
def locales_of(lang: str) -> tuple[str, ...]:
    """The babel locales a language may use for its dates and names: the
    language alone (nl) or with a country babel has data for (nl_BE)."""
    return tuple(sorted(name for name in locale_identifiers() if re.fullmatch(LOCALE_PATTERN, name)
                        and name.split("_")[0] == lang))


def _check_locale(lang: str, locale: str, languages: list[str] | None) -> None:
    """Refuses a locale babel has no data for, one of another language (English
    pages with German dates) and one for a language the site does not have."""
    if languages is not None and lang not in languages:
        raise HintedError(_('"{code}" is not one of the site\'s languages ({languages}).')
                          .format(code=lang, languages=", ".join(languages)),
                          _("remove it from `locales`, or add the language to `languages`"))
    accepted = locales_of(lang)
    if locale not in accepted:
        shown = ", ".join(accepted[:12]) + (", …" if len(accepted) > 12 else "")
        raise HintedError(_('"{locale}" is not a locale for the language {code}')
                          .format(locale=locale, code=lang),
                          _("use the language alone ({code}), or one of the locales babel "
                            "knows for it: {locales}").format(code=lang, locales=shown or lang))


def checked_base_url(value: str) -> str:
    """Returns a site address ending in "/", or raises ValueError saying how to write it."""
    if not _BASE_URL.fullmatch(value):
        raise ValueError(_('"{value}" is not a web address of the form '
                           "https://org.github.io/repo/ (letters, digits and - . _ ~ / only)")
                         .format(value=value[:80]))
    return value if value.endswith("/") else value + "/"


class Contact(Model):
    """How readers reach the project."""

    email: Annotated[str, matching(_EMAIL, N_(
        '"{value}" is not an e-mail address; write it like info@example.org'))] | None = Field(
        default=None, description=N_("an e-mail address, e.g. info@example.org"))


class CustomTiles(Model):
    """A tile server given by URL, with the attribution it requires (plain text;
    the link to the source goes in `attribution_url`, never as HTML)."""

    url: Annotated[Text, matching(_TILE_URL, N_(
        "a tile URL starts with https://, contains {{z}}, {{x}} and {{y}}, and nothing but "
        "letters, digits and / . - _ ? = & % {{ }}"))] = Field(
        description="https://.../{z}/{x}/{y}.png")
    attribution: Annotated[Text, matching(r"[^<>]*", N_(
        "the attribution is plain text, not HTML; put the link in `attribution_url`"))] = Field(
        max_length=300, description=N_("plain text, e.g. © OpenStreetMap"))
    attribution_url: Url | None = Field(default=None,
                                        description=N_("where the attribution links to"))
    max_zoom: int = Field(default=19, ge=1, le=22, description=N_(
        "the deepest zoom level the tile server has"))


# A mapping is a tile server of one's own, anything else a provider's name: only that
# branch's problems are said (a plain union says both, the wrong one first)
Tiles = Annotated[Union[Annotated[str, Tag("str")], Annotated[CustomTiles, Tag("CustomTiles")]],
                  Discriminator(lambda value: "CustomTiles" if isinstance(value, dict) else "str")]


class ImageSettings(Model):
    """Limits on the images content may use."""

    max_megapixels: float = Field(default=50, gt=0, le=MAX_LIMIT_MEGAPIXELS, description=N_(
        "the largest image accepted, in megapixels (width × height / 1,000,000)"))


class MapSettings(Model):
    """Map settings: the tiles every map uses."""

    tiles: Tiles = Field(default="OpenStreetMap.Mapnik", description=N_(
        "an xyzservices provider name, e.g. OpenStreetMap.Mapnik, or your own tile server"))


class SiteConfig(Model):
    """The site's settings (content/site.yml).

    Required: title, languages, base_url.
    """

    title: Localized = Field(description=N_("the site's name"))
    tagline: Localized | None = Field(default=None, description=N_(
        "a sentence under the title on the home page"))
    languages: list[str] = Field(min_length=1, description=N_(
        "the site's languages, the default first, e.g. [nl, en]"))
    base_url: Annotated[Text, AfterValidator(checked_base_url)] = Field(description=N_(
        "the address the site is published at, e.g. https://org.github.io/cosie/"))
    period: Period | None = Field(default=None, description=N_("when the project ran"))
    period_label: Localized | None = Field(default=None, description=N_(
        "what the period is, e.g. {nl: Looptijd van het Nederlandse deel, en: ...}"))
    funding: Localized | None = Field(default=None, description=N_(
        "who funds the project (shown at the foot of every page)"))
    funder: Literal["eu"] | None = Field(default=None, description=N_(
        "eu: the funding is the European Union's, and its emblem is shown beside the funding "
        "line (as EU-funded projects must)"))
    contact: Contact = Field(default=Contact(), description=N_("how readers reach the project"))
    map: MapSettings = Field(default=MapSettings(), description=N_("the maps' settings"))
    translations: Literal["fallback", "required"] = Field(default="fallback", description=N_(
        "fallback: a page without its text in a language shows another language's, with a "
        "notice; required: a published record needs a text in every language (a draft may "
        "have one)"))
    locales: dict[str, Annotated[str, Field(pattern=LOCALE_PATTERN)]] = Field(
        default_factory=dict, description=N_(
            "babel locale per language for dates and names, e.g. {en: en_GB}"))
    data_licence: str = Field(default="CC BY 4.0", max_length=100, description=N_(
        "the licence of the open data the site offers"))
    images: ImageSettings = Field(default=ImageSettings(), description=N_("limits on images"))
    brand: Brand | None = Field(default=None, description=N_(
        "the site's own look: colours (checked for contrast), logo and fonts"))
    video_hosts: list[Annotated[str, AfterValidator(str.lower), matching(_VIDEO_HOST, N_(
        '"{value}" is not the name of a server; write it like peertube.example.org (no '
        "https://, no path)"))]] = Field(default_factory=list, description=N_(
            "PeerTube servers whose videos texts may show (YouTube and Vimeo need no listing), "
            "e.g. [peertube.example.org]"))

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        for lang in value:
            if not _LANG.fullmatch(lang) or not known_language(lang):
                raise ValueError(_('"{code}" is not a language code; use two letters such as nl '
                                   "or en").format(code=lang))
        if len(set(value)) != len(value):
            raise ValueError(_("a language is listed twice"))
        return value

    @field_validator("locales")
    @classmethod
    def _locales(cls, value: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        # the build formats dates with babel, which fails on a locale it has no data for
        for lang, locale in value.items():
            _check_locale(lang, locale, info.data.get("languages"))
        return value

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
