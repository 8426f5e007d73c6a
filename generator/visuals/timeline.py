"""Timelines as accessible HTML: a pilot's phases with its stories and
interventions placed by date, and the project's period with every pilot.

The text is an ordered list that reads well without styles; the bars are a
visual summary (aria-hidden), positioned with CSS custom properties.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from html import escape

from markupsafe import Markup

from generator.content.dates import PartialDate
from generator.emit.context import PageCtx
from generator.site.model import Pilot, Site


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


@dataclass(frozen=True)
class Event:
    """Something that happened on a day: an intervention or a story."""

    day: dt.date
    html: str


def _time(c: PageCtx, value: PartialDate) -> str:
    return f'<time datetime="{value.iso()}">{escape(c.date(value))}</time>'


def _events(c: PageCtx, pilot: Pilot) -> list[Event]:
    site = c.ls.site
    events = []
    for node in pilot.interventions:
        value = node.value
        when = value.date or value.period.start
        kind = site.label("intervention_types", value.type, c.code)
        events.append(Event(when.first_day(), f"{_time(c, when)} · {c.txt(kind)}: "
                                              f"{c.local(value.title)}"))
    for story in pilot.stories:
        events.append(Event(story.meta.date.first_day(),
                            f"{_time(c, story.meta.date)} · {escape(c.t('timeline.story'))}: "
                            f"{c.link(story)}"))
    return sorted(events, key=lambda e: (e.day, e.html))


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
    current = current_phase(pilot, now)
    end = max([p.end.last_day() if p.end else now for p in phases] + [e.day for e in events])
    span = Span(min([phases[0].start.first_day()] + [e.day for e in events]), end)
    items, placed = [], set()
    for index, phase in enumerate(phases):
        last = phase.end.last_day() if phase.end else now
        inside = [e for e in events if phase.start.first_day() <= e.day <= last and e not in placed]
        placed.update(inside)
        items.append(_phase_item(c, phase, span, inside, index == current))
    rest = [e for e in events if e not in placed]
    if rest:
        items.append(_other_item(c, rest))
    bar = _bar(span, phases, events, current, now)
    return Markup(f'<div class="pl-timeline">\n{bar}\n<ol class="pl-timeline__phases">\n'
                  + "\n".join(items) + "\n</ol>\n</div>")


def _phase_item(c: PageCtx, phase, span: Span, events: list[Event], current: bool) -> str:
    dates = _time(c, phase.start) + (f" – {_time(c, phase.end)}" if phase.end else
                                     f" – {escape(c.t('timeline.running'))}")
    badge = (f' <span class="pl-label pl-label--current">{escape(c.t("timeline.current"))}</span>'
             if current else "")
    css = " pl-phase--current" if current else ""
    aria = ' aria-current="step"' if current else ""
    text = f'<p class="pl-phase__label"><strong>{c.local(phase.label)}</strong>{badge}</p>'
    if phase.description:
        text += f'<p class="pl-phase__text">{c.local(phase.description)}</p>'
    return (f'<li class="pl-phase{css}"{aria}><p class="pl-phase__dates">{dates}</p>{text}'
            + _event_list(events) + "</li>")


def _other_item(c: PageCtx, events: list[Event]) -> str:
    return (f'<li class="pl-phase pl-phase--other"><p class="pl-phase__label"><strong>'
            f'{escape(c.t("timeline.other"))}</strong></p>{_event_list(events)}</li>')


def _event_list(events: list[Event]) -> str:
    if not events:
        return ""
    return '<ul class="pl-phase__events">' + "".join(f"<li>{e.html}</li>" for e in events) + "</ul>"


def _bar(span: Span, phases, events: list[Event], current: int | None, now: dt.date) -> str:
    parts = []
    for index, phase in enumerate(phases):
        start = span.percent(phase.start.first_day())
        end = span.percent(phase.end.last_day() if phase.end else now)
        css = " pl-bar__phase--current" if index == current else ""
        parts.append(f'<span class="pl-bar__phase pl-bar__phase--{index % 4}{css}" '
                     f'style="--start:{start}%;--end:{end}%"></span>')
    for day in sorted({e.day for e in events}):
        parts.append(f'<span class="pl-bar__event" style="--at:{span.percent(day)}%"></span>')
    return '<div class="pl-bar" aria-hidden="true">' + "".join(parts) + "</div>"


def project_timeline(c: PageCtx, site: Site) -> Markup:
    """The project's period with every pilot's period on it (home page)."""
    period = site.config.period
    pilots = list(site.pilots.values())
    if period is None or not pilots:
        return Markup("")
    now = today()
    # An open, approximate period (not known) must not stretch the axis to today
    known = [p.meta.period.end.last_day() if p.meta.period.end else now for p in pilots
             if p.meta.period.end or "period" not in p.meta.approximate_fields]
    last = max([period.end.last_day() if period.end else now] + known)
    first = min([period.start.first_day()] + [p.meta.period.start.first_day() for p in pilots])
    span = Span(first, last)
    rows = [_pilot_row(c, p, span, last) for p in pilots]
    label = c.pick(site.config.period_label)
    caption = (f"{c.txt(label)}: {escape(c.period(period))}" if label
               else escape(c.t("timeline.project", period=c.period(period))))
    return Markup(f'<div class="pl-timeline pl-timeline--project">\n<p class="pl-timeline__caption">'
                  f'{caption}</p>\n<ol class="pl-gantt">\n' + "\n".join(rows) + "\n</ol>\n</div>")


def _pilot_row(c: PageCtx, pilot: Pilot, span: Span, now: dt.date) -> str:
    """One pilot's bar; an open period runs to `now` (today, or the axis end)."""
    period = pilot.meta.period
    start = span.percent(period.start.first_day())
    end = span.percent(period.end.last_day() if period.end else now)
    rough = "period" in pilot.meta.approximate_fields
    dates = c.known_period(pilot.meta)
    css = " pl-gantt__bar--approximate" if rough else ""
    return (f'<li class="pl-gantt__row"><span class="pl-gantt__name">{c.link(pilot)}</span> '
            f'<span class="pl-gantt__dates">{escape(dates)}</span>'
            f'<span class="pl-gantt__track" aria-hidden="true"><span class="pl-gantt__bar{css}" '
            f'style="--start:{start}%;--end:{end}%"></span></span></li>')
