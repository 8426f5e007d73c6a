"""Timelines: a pilot's phases with its stories and interventions placed by
date, and the project's period with every pilot. What goes where is worked
out here; emit/templates/_timeline.html.j2 writes it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import NamedTuple

from markupsafe import Markup

from generator.emit.context import PageCtx, period_known
from generator.site.model import Pilot

TIMELINE = "_timeline.html.j2"  # the timelines' HTML
YEAR_LABEL_MIN = 9.0  # percent of the axis a year needs for its name, on a phone too


def today() -> dt.date:
    """The build's date (SOURCE_DATE_EPOCH, when set, makes it reproducible)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch else dt.date.today()


@dataclass(frozen=True)
class Span:
    """A stretch of days on a timeline's axis."""

    start: dt.date
    end: dt.date

    def percent(self, day: dt.date) -> float:
        """Where a day falls on the axis, 0-100."""
        total = max(1, (self.end - self.start).days)
        return round(min(100.0, max(0.0, (day - self.start).days / total * 100)), 2)


class Event(NamedTuple):
    """Something that happened on a day: an intervention or a story."""

    day: dt.date
    html: Markup


def _events(c: PageCtx, pilot: Pilot) -> list[Event]:
    site = c.ls.site
    events = []
    for node in pilot.interventions:
        value = node.value
        when = value.date or value.period.start
        kind = site.label("intervention_types", value.type, c.code)
        events.append(Event(when.first_day(),
                            c.part(TIMELINE, "intervention_event", when, kind, value.title)))
    for story in pilot.stories:
        events.append(Event(story.meta.date.first_day(), c.part(TIMELINE, "story_event", story)))
    return sorted(events)  # by day, then by text


def current_phase(pilot: Pilot, day: dt.date) -> int | None:
    """The index of a running pilot's current phase (the last one started)."""
    if pilot.meta.status != "running":
        return None
    started = [i for i, p in enumerate(pilot.meta.phases) if p.start.first_day() <= day]
    return started[-1] if started else None


def pilot_timeline(c: PageCtx, pilot: Pilot) -> Markup:
    """A pilot's phases, with its interventions and stories placed on them."""
    phases = pilot.meta.phases
    if not phases:
        return Markup("")
    events, now = _events(c, pilot), today()
    end = max([p.end.last_day() if p.end else now for p in phases] + [e.day for e in events])
    span = Span(min([phases[0].start.first_day()] + [e.day for e in events]), end)
    rows, placed = [], set()
    for phase in phases:
        last = phase.end.last_day() if phase.end else now
        inside = [e for e in events if phase.start.first_day() <= e.day <= last and e not in placed]
        placed.update(inside)
        rows.append((phase, span.percent(phase.start.first_day()), span.percent(last), inside))
    bar = [span.percent(day) for day in sorted({e.day for e in events})]
    return c.part(TIMELINE, "pilot", rows, current_phase(pilot, now),
                  [e for e in events if e not in placed], bar)


def years(span: Span) -> list[tuple[int, float, float, bool]]:
    """The axis' years as (year, start, end, labelled): each year's stretch of the
    axis, named where its name fits (not on a sliver of a year at either end)."""
    marks = []
    for year in range(span.start.year, span.end.year + 1):
        start = span.percent(max(span.start, dt.date(year, 1, 1)))
        end = span.percent(min(span.end, dt.date(year + 1, 1, 1)))
        marks.append((year, start, end, end - start >= YEAR_LABEL_MIN))
    return marks


def project_timeline(c: PageCtx) -> Markup:
    """The project's period with every pilot's period on it (home page)."""
    site = c.ls.site
    period = site.config.period
    pilots = list(site.pilots.values())
    if period is None or not pilots:
        return Markup("")
    now = today()
    # A period that is only a guess with no end is not known (the pages leave it
    # out too): it gets no bar, and neither its start nor today stretches the axis
    known = [p.meta for p in pilots if period_known(p.meta)]
    last = max([period.end.last_day() if period.end else now]
               + [m.period.end.last_day() if m.period.end else now for m in known])
    first = min([period.start.first_day()] + [m.period.start.first_day() for m in known])
    span = Span(first, last)
    rows = []
    for pilot in pilots:  # an open period runs to the axis' end
        meta, dates = pilot.meta, c.known_period(pilot.meta)
        end = meta.period.end.last_day() if meta.period.end else last
        bar = (span.percent(meta.period.start.first_day()), span.percent(end)) if dates else None
        rows.append((pilot, bar, dates, "period" in meta.approximate_fields))
    striped = any(bar and rough for _, bar, _, rough in rows)
    return c.part(TIMELINE, "project", c.pick(site.config.period_label), period, rows,
                  years(span), striped)
