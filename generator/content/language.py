"""Dates and names written the way each language writes them (with babel).
The site's words are translated with gettext (generator.content.messages)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton

from generator.content.dates import PartialDate


@dataclass(frozen=True)
class Lang:
    """How one language writes dates, periods, countries and languages."""

    code: str  # nl, en
    locale: str  # babel's: en_GB for British English

    def date(self, value: PartialDate) -> str:
        """Writes a date at its own precision: 1 december 2022, december 2022, 2022."""
        return _written(value, self.locale)

    def period(self, start: PartialDate, end: PartialDate | None) -> str:
        """Writes a period: juni 2018 – december 2020 (an open end stays open)."""
        return f"{self.date(start)} – {self.date(end)}" if end else f"{self.date(start)} –"

    def country(self, code: str) -> str:
        """A country's name in this language (Nederland, Netherlands)."""
        return _locale(self.locale).territories.get(code.upper(), code.upper())

    def language_name(self, code: str) -> str:
        """A language's name in this language (Engels, Dutch)."""
        return _locale(self.locale).languages.get(code, code)

    def own_name(self) -> str:
        """This language's name in itself (Nederlands, English)."""
        name = _locale(self.locale).languages.get(self.code, self.code)
        return name[:1].upper() + name[1:]


# site.yml's check let only locales babel knows through, and the same few serve every page
_locale = lru_cache(maxsize=None)(Locale.parse)


@lru_cache(maxsize=4096)
def _written(value: PartialDate, locale: str) -> str:
    """A date as the language writes it (the same dates recur on many pages)."""
    if value.precision == "day":
        return format_date(value.first_day(), "long", locale=_locale(locale))
    if value.precision == "month":
        return format_skeleton("yMMMM", value.first_day(), locale=_locale(locale))
    return str(value.year)
