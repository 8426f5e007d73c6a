"""`pilots new`: a new record's bundle, every required field filled with a
placeholder and a comment saying what goes there. New records are drafts, so
they pass `pilots check` and stay off the site until the editor is done."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.content.fields import is_valid_id
from generator.content.kinds import by_singular
from generator.content.problems import did_you_mean
from generator.site.geo import country_rings

KINDS = ("story", "pilot", "page", "person")  # what `pilots new` makes


class ScaffoldError(Exception):
    """The record cannot be created (bad id, existing record, unknown pilot)."""


@dataclass(frozen=True)
class Options:
    """What the editor said on the command line.

    Attributes:
        pilot: The pilot a story belongs to.
        country: A pilot's country (ISO code).
        place: A pilot's place.
        lat: A pilot's latitude.
        lon: A pilot's longitude.
        today: The date written into new records.
    """

    pilot: str | None = None
    country: str = "NL"
    place: str = "TODO"
    lat: float | None = None
    lon: float | None = None
    today: dt.date = dt.date.today()


def create(content: Path, kind: str, record_id: str, options: Options,
           languages: list[str]) -> list[Path]:
    """Creates a record's bundle.

    Args:
        content: The content folder.
        kind: story, pilot, page or person.
        record_id: The new record's id (its folder name).
        options: Details from the command line.
        languages: The site's languages.

    Returns:
        The files created.

    Raises:
        ScaffoldError: when the id is invalid or taken, or a story's pilot is unknown.
    """
    folder = content / by_singular(kind).folder / record_id
    _check_id(record_id, folder, kind)
    files = {"meta.yml": META[kind](options, content)}
    for lang in languages:
        files[f"{lang}.md"] = TEXT[kind](lang)
    folder.mkdir(parents=True)
    created = []
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        created.append(folder / name)
    return created


def _check_id(record_id: str, folder: Path, kind: str) -> None:
    if not is_valid_id(record_id):
        raise ScaffoldError(f'"{record_id}" is not a valid id: use lowercase letters a-z, digits '
                            "and hyphens, e.g. afval-in-de-wijk")
    if folder.exists():
        raise ScaffoldError(f'a {kind} called "{record_id}" exists already ({folder}); '
                            "choose another id")


def _story_meta(options: Options, content: Path) -> str:
    pilots = sorted(p.name for p in (content / "pilots").iterdir() if p.is_dir()) \
        if (content / "pilots").is_dir() else []
    if not options.pilot:
        raise ScaffoldError("say which pilot the story belongs to: --pilot "
                            + (" or --pilot ".join(pilots[:5]) or "<pilot id>"))
    if options.pilot not in pilots:
        raise ScaffoldError(f'there is no pilot "{options.pilot}".{did_you_mean(options.pilot, pilots)}'
                            f" The pilots are: {', '.join(pilots) or '(none yet)'}")
    return f"""# A story. Fill in every field, then remove `draft: true` to publish it.
pilot: {options.pilot}                # the pilot this story belongs to (a folder in content/pilots/)
date: {options.today.isoformat()}              # when it happened or was told: 2019-05-10, or 2019-05 for a month
format: article                # article | photo-story | map-story
narrator: {{name: "Anonymous"}}  # who tells it; a real name only with their consent
consent: {{given: false}}        # set given: true, with the date, once the narrator agreed to publication
themes: []                     # theme ids from content/taxonomies.yml, e.g. [liveability]
example: false                 # true if the story is an illustration, not a real account
draft: true                    # remove this line (or set false) when the story is ready
"""


def _pilot_meta(options: Options, content: Path) -> str:
    lat, lon = options.lat, options.lon
    if lat is None or lon is None:
        lat, lon = _country_centre(options.country)
    year = options.today.year
    return f"""# A pilot. Fill in every field, then remove `draft: true` to publish it.
country: {options.country.upper()}                   # ISO 3166-1 two-letter code: NL, IT, SE, GB ...
place: {options.place}                  # the municipality or region, as written locally
location: {{lat: {lat:.3f}, lon: {lon:.3f}}}   # the place's centre (WGS84 decimal degrees)
period: {{start: {year}-01}}     # when the pilot ran: {{start: 2019-01, end: 2019-11}}
status: planned                # planned | running | finished
themes: []                     # theme ids from content/taxonomies.yml
target_groups: []              # target group ids from content/taxonomies.yml
partners: []                   # partner ids (folders in content/partners/)
people: []                     # people ids (folders in content/people/)
draft: true                    # remove this line (or set false) when the pilot is ready
"""


def _country_centre(code: str) -> tuple[float, float]:
    rings = country_rings(code.upper())
    if not rings:
        raise ScaffoldError(f'"{code}" is not a country code; use two letters such as NL')
    ring = max(rings, key=len)
    lats, lons = [p[1] for p in ring], [p[0] for p in ring]
    return sum(lats) / len(lats), sum(lons) / len(lons)


def _page_meta(options: Options, content: Path) -> str:
    return """# A free page.
order: 50                      # its place in the menu: lower numbers come first
menu: main                     # main (top menu) | footer | none
draft: true                    # remove this line (or set false) when the page is ready
"""


def _person_meta(options: Options, content: Path) -> str:
    return """# A person. Real names appear only with their public role.
name: "TODO: full name"
role: {nl: "TODO: rol", en: "TODO: role"}          # their public role
affiliation: {nl: "TODO: organisatie", en: "TODO: organisation"}
pilots: []                     # pilot ids they work on
draft: true                    # remove this line (or set false) when the page is ready
"""


META = {"story": _story_meta, "pilot": _pilot_meta, "page": _page_meta, "person": _person_meta}
_PLACEHOLDER = {"nl": ("TODO: titel", "TODO: een of twee zinnen samenvatting.",
                       "Schrijf hier de tekst, in Markdown."),
                "en": ("TODO: title", "TODO: a one or two sentence summary.",
                       "Write the text here, in Markdown.")}


def _front_text(lang: str, quote: bool = False) -> str:
    title, summary, body = _PLACEHOLDER.get(lang, _PLACEHOLDER["en"])
    lines = ["---", f'title: "{title}"', f'summary: "{summary}"']
    if quote:
        lines.append('# quote: "An optional sentence from the story, shown large."')
    return "\n".join(lines + ["---", "", body, ""])


def _person_text(lang: str) -> str:
    body = _PLACEHOLDER.get(lang, _PLACEHOLDER["en"])[2]
    return f"{body} (A short bio; you may also delete this file.)\n"


TEXT = {"story": lambda lang: _front_text(lang, quote=True), "pilot": _front_text,
        "page": _front_text, "person": _person_text}
