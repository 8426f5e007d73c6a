"""Dates as editors write them: a day (2019-10-01), a month (2019-10) or a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from babel.dates import get_month_names

from generator.content.messages import _
from generator.content.problems import HintedError

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# Dates written another way whose meaning is certain, offered in ISO 8601: year
# first without leading zeros (2026-12-3), day-month-year with a year of four
# digits (3-12-2026: the Dutch order; 12-31-2026 stays unguessed), or a month's
# name in Dutch or English (3 december 2026, December 3, 2026, okt. 2019)
_SEP = r"\s*[-/.]\s*"
_NUMBERS = (re.compile(rf"^(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}})"
                       rf"(?:{_SEP}(?P<day>\d{{1,2}}))?$"),
            re.compile(rf"^(?P<day>\d{{1,2}}){_SEP}(?P<month>\d{{1,2}}){_SEP}(?P<year>\d{{4}})$"))
_NAMED = (re.compile(r"^(?:(?P<day>\d{1,2})\.?\s+)?(?P<name>[^\W\d]+)\.?,?\s+(?P<year>\d{4})$"),
          re.compile(r"^(?P<name>[^\W\d]+)\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?"
                     r"\s+(?P<year>\d{4})$"))
_MONTHS = {name.lower(): number for locale in ("nl", "en") for width in ("wide", "abbreviated")
           for number, name in get_month_names(width, locale=locale).items()}


@dataclass(frozen=True)
class PartialDate:
    """An ISO 8601 date that may stop at the month or the year (then its day,
    or its month and day, are None)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        return "day" if self.day is not None else "month" if self.month is not None else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        month = self.month or 12  # a day is only ever given with its month
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        """The date as written in ISO 8601 at its own precision."""
        return "-".join([f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p])

    __str__ = iso


def parse_date(value: Any) -> PartialDate:
    """Parses an ISO 8601 day, month or year: text such as "2019-10-01",
    "2019-10" or "2019", a year as a number, or a date object. Raises
    ValueError with an editor-friendly reason."""
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    plain = isinstance(value, (str, int)) and not isinstance(value, bool)
    match = _ISO.fullmatch(str(value).strip()) if plain else None
    if not match:
        message = _('"{value}" is not a date; write it as 2019-10-01, or 2019-10 for a '
                    "month").format(value=_shown(value))
        meant = _meant(str(value).strip()) if plain else None
        if meant:
            raise HintedError(message, _("did you mean {date}? dates are written year-month-day")
                              .format(date=meant.iso()))
        raise ValueError(message)
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(_('"{value}" is not a real date (check the month and the day)')
                         .format(value=_shown(value))) from None
    return PartialDate(year, month, day)


def _meant(text: str) -> PartialDate | None:
    """The date `text` certainly means, written another way, or None."""
    for pattern in _NUMBERS + _NAMED:
        found = pattern.match(text)
        if found:
            parts = found.groupdict()
            month = _MONTHS.get(parts["name"].lower()) if "name" in parts else int(parts["month"])
            year, day = int(parts["year"]), int(parts["day"]) if parts.get("day") else None
            try:
                dt.date(year, month or 0, 1 if day is None else day)
            except ValueError:  # no such day or month: nothing is certain
                return None
            return PartialDate(year, month, day)
    return None


def _shown(value: Any) -> str:
    """A value as a message quotes it: a few dozen characters at most."""
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
