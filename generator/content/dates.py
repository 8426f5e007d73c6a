"""Dates as editors write them: a day (2019-10-01), a month (2019-10) or a year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from generator.content.messages import _

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


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
        raise ValueError(_('"{value}" is not a date; write it as 2019-10-01, or 2019-10 for a '
                           "month").format(value=_shown(value)))
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        raise ValueError(_('"{value}" is not a real date (check the month and the day)')
                         .format(value=_shown(value))) from None
    return PartialDate(year, month, day)


def _shown(value: Any) -> str:
    """A value as a message quotes it: a few dozen characters at most."""
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"
