"""`pilots new`: a new record's bundle, required fields filled with placeholders and
optional ones as commented examples, each with a comment in the editor's language
on what goes there. It is a draft: it passes `pilots check` and stays off the site.

`pilots init DIR`: a new site for another project, a copy of this one (generator,
theme, tests, publishing workflow, editors' guide) with content of its own, in the
editor's language, which builds strictly at once; its look and words are then set
in content/ alone (site.yml's `brand:`, content/texts/).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

import click

from generator.content.fields import is_valid_id
from generator.content.kinds import by_singular
from generator.content.messages import SITE, _, catalogue, speaking
from generator.content.problems import did_you_mean
from generator.content.sitetexts import FOLDER, template
from generator.content.yamlsrc import load_yaml
from generator.site.geo import country_rings

COLUMN = 31  # where the comments start, as in the content model's examples
# What a line typed into a record (a title, a place) may not hold: line breaks and tabs
# (become spaces: the form's field or a pasted text may hold them) ...
_BREAKS = re.compile(r"[\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")
# ... and characters no one types on purpose, which YAML refuses (controls, lone
# surrogates from undecodable bytes, U+FFFE/U+FFFF) or which turn text around
# unseen (bidi controls)
_UNTYPED = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                      "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


class ScaffoldError(click.ClickException):
    """The record cannot be created (bad id, existing record, unknown pilot): said
    as the command's error, or in the preview's form."""


@dataclass(frozen=True)
class Options:
    """What the editor said on the command line (or in the preview's form): a
    story's pilot; a pilot's country (ISO code), place, latitude and longitude."""

    pilot: str | None = None
    country: str = "NL"
    place: str = "TODO"
    lat: float | None = None
    lon: float | None = None
    title: str | None = None  # in the site's first language (a TODO when not given)


def site_languages(content: Path) -> list[str]:
    """The site's languages from content/site.yml (nl and en when it cannot be read)."""
    try:
        languages = load_yaml((content / "site.yml").read_text("utf-8")).data["languages"]
    except (OSError, UnicodeDecodeError, KeyError, TypeError):
        languages = None
    if isinstance(languages, list) and languages and all(isinstance(x, str) for x in languages):
        return languages
    return ["nl", "en"]


def create_texts(content: Path, lang: str) -> Path:
    """Writes content/texts/LANG.po, every interface text ready to translate (a
    ScaffoldError for a language code that is none, or a file that exists)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang):
        raise ScaffoldError(_('"{lang}" is not a language code; write two letters, e.g. de or '
                              "fr").format(lang=lang))
    path = content / FOLDER / f"{lang}.po"
    if path.exists():
        raise ScaffoldError(_("{path} exists already").format(path=f"content/{FOLDER}/{lang}.po"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(lang), encoding="utf-8")
    return path


def create(content: Path, kind: str, record_id: str, options: Options) -> list[Path]:
    """Creates a record's bundle (kind: story, pilot, page or person); returns its files
    (a ScaffoldError when the id is invalid or taken, or a story's pilot is unknown)."""
    folder = content / by_singular(kind).folder / record_id
    if not is_valid_id(record_id):
        raise ScaffoldError(_('"{id}" is not a valid id: use lowercase letters a-z, digits and '
                              "hyphens, e.g. afval-in-de-wijk").format(id=record_id))
    if folder.exists():
        raise ScaffoldError(_('a {kind} called "{id}" exists already ({folder}); choose another '
                              "id").format(kind=_(kind), id=record_id, folder=folder))
    options = replace(options, title=one_line(options.title or "") or None,
                      place=one_line(options.place) or "TODO")
    languages = site_languages(content)
    files = {"meta.yml": META[kind](options, content, languages)}
    for index, lang in enumerate(languages):
        files[f"{lang}.md"] = _text(kind, lang, options.title if index == 0 else None)
    folder.mkdir(parents=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in files]


def one_line(text: str) -> str:
    """Returns what an editor typed as one line of plain text, as YAML takes it and
    shows it: line breaks and tabs become spaces, and control characters (and
    what else no one types on purpose) are left out.
    """
    return re.sub(" {2,}", " ", _UNTYPED.sub("", _BREAKS.sub(" ", text))).strip()


def _line(yaml: str, comment: str) -> str:
    """A line of YAML with its comment lined up (above it when the line is long)."""
    if len(yaml) >= COLUMN - 1:
        return f"# {comment}\n{yaml}"
    return f"{yaml:<{COLUMN - 1}} # {comment}"


def _optional() -> str:
    """The line that says what the commented lines below it are."""
    return "# " + _("Optional: remove the # (and the space after it) to use a line below.")


def _per_language(languages: list[str], text: str = "...") -> str:
    return "{" + ", ".join(f'{lang}: "{text}"' for lang in languages) + "}"


def pilots_of(content: Path) -> list[str]:
    """The ids of the pilots a story may belong to."""
    # only valid ids: the one chosen is written into meta.yml as it is
    return sorted(p.name for p in (content / "pilots").glob("*/") if is_valid_id(p.name))


def _pilot_location(content: Path, pilot: str) -> tuple[float, float]:
    """A pilot's location, for the examples in a new story (Utrecht when unknown)."""
    try:
        data = load_yaml((content / "pilots" / pilot / "meta.yml").read_text("utf-8")).data
        location = data["location"]
        return float(location["lat"]), float(location["lon"])
    except (OSError, UnicodeDecodeError, KeyError, TypeError, ValueError):
        return 52.090, 5.121


def check_pilot(pilot: str | None, content: Path) -> str:
    """Returns the pilot a new story belongs to (a ScaffoldError when none is given,
    or it does not exist)."""
    pilots = pilots_of(content)
    if not pilot:
        raise ScaffoldError(_("say which pilot the story belongs to, e.g. --pilot {pilot}.").format(
            pilot=pilots[0] if pilots else "<pilot id>") + " " + _("The pilots are: {pilots}")
            .format(pilots=", ".join(pilots) or _("(none yet)")))
    if pilot not in pilots:
        raise ScaffoldError(_('there is no pilot "{pilot}".').format(pilot=pilot)
                            + did_you_mean(pilot, pilots) + " "
                            + _("The pilots are: {pilots}").format(
                                pilots=", ".join(pilots) or _("(none yet)")))
    return pilot


def _story_meta(options: Options, content: Path, languages: list[str]) -> str:
    pilot = check_pilot(options.pilot, content)
    lat, lon = _pilot_location(content, pilot)
    return "\n".join([
        "# " + _("A story. Fill in every field, then remove `draft: true` to publish it."),
        _line(f"pilot: {pilot}",
              _("the pilot this story belongs to (a folder in content/pilots/)")),
        _line(f"date: {dt.date.today().isoformat()}",
              _("when it happened or was told: 2019-05-10, or 2019-05 for a month")),
        _line("format: article", _("article | photo-story | map-story | video-story | "
                                   "audio-story")),
        _line('narrator: {name: "Anonymous"}', _("who tells it; a real name only with their "
                                                 "consent")),
        _line(f"# narrator: {{name: {_per_language(languages)}}}",
              _("or instead the name in each language (keep one narrator line)")),
        _line("consent: {given: false}", _("set given: true, with the date, once the narrator "
                                           "agreed to publication")),
        _line("themes: []", _("theme ids from content/taxonomies.yml, e.g. [liveability]")),
        _line("example: false", _("true if the story is an illustration, not a real account")),
        _line("draft: true", _("remove this line (or set false) when the story is ready")),
        _optional(),
        _line(f"# location: {{lat: {lat:.3f}, lon: {lon:.3f}}}",
              _("where it happened: the story is shown on its pilot's map")),
        *_cover_lines(languages),
        _line("# posters: {dQw4w9WgXcQ: poster.jpg}", _(
            "a picture in this folder for a video on YouTube, Vimeo or PeerTube (by its id or "
            "address), shown until it is played")),
        _line("# chapters:", _("a map story only: one place per ## section of the text, in "
                               "order")),
        _line(f"#   - {{location: {{lat: {lat:.3f}, lon: {lon:.3f}}}, zoom: 16}}",
              _("zoom: 1 (the world) to 19 (a street)")),
        _line(f"#   - {{location: {{lat: {lat + 0.005:.3f}, lon: {lon + 0.005:.3f}}}, zoom: 15, "
              "marker: false}", _("marker: false for an overview without a pin")),
        ""])


def _cover_lines(languages: list[str], name: str = "cover") -> list[str]:
    return [_line(f"# {name}: {{file: {name}.jpg, alt: {_per_language(languages)}, "
                  'credit: "..."}',
                  _("a picture in this folder: alt says what it shows (for people who cannot "
                    "see it), credit who made it")),
            "#   " + _("(credit may also be written per language: credit: {example})")
            .format(example=_per_language(languages))]


def _pilot_meta(options: Options, content: Path, languages: list[str]) -> str:
    lat, lon = options.lat, options.lon
    if lat is None or lon is None:
        lat, lon = _country_centre(options.country)
    elif not re.fullmatch("[A-Za-z]{2}", options.country):  # it is written into meta.yml as it is
        raise _not_a_country(options.country)
    year = dt.date.today().year
    return "\n".join([
        "# " + _("A pilot. Fill in every field, then remove `draft: true` to publish it."),
        _line(f"country: {options.country.upper()}",
              _("ISO 3166-1 two-letter code: NL, IT, SE, GB ...")),
        _line(f"place: {json.dumps(options.place, ensure_ascii=False)}",
              _("the municipality or region, as written locally")),
        _line(f"location: {{lat: {lat:.3f}, lon: {lon:.3f}}}",
              _("the place's centre (WGS84 decimal degrees)")),
        _line(f"period: {{start: {year}-01}}", _("when the pilot ran: {start: 2019-01, end: "
                                                 "2019-11}")),
        _line("status: planned", _("planned | running | finished")),
        _line("themes: []", _("theme ids from content/taxonomies.yml")),
        _line("target_groups: []", _("target group ids from content/taxonomies.yml")),
        _line("partners: []", _("partner ids (folders in content/partners/)")),
        _line("people: []", _("people ids (folders in content/people/)")),
        _line("draft: true", _("remove this line (or set false) when the pilot is ready")),
        _optional(),
        *_cover_lines(languages),
        _line("# phases:", _("drawn as the pilot's timeline")),
        f"#   - {{start: {year}-01, end: {year}-06, label: {_per_language(languages)}}}",
        _line("# order: 10", _("its place among the pilots: lower numbers come first")),
        _line("# approximate: [location]", _("facts known only roughly: location, period, "
                                             "status")),
        ""])


def _country_centre(code: str) -> tuple[float, float]:
    rings = country_rings(code.upper())
    if not rings:
        raise _not_a_country(code)
    ring = max(rings, key=len)
    lats, lons = [p[1] for p in ring], [p[0] for p in ring]
    return sum(lats) / len(lats), sum(lons) / len(lons)


def _not_a_country(code: str) -> ScaffoldError:
    return ScaffoldError(_('"{code}" is not a country code; use two letters such as NL')
                         .format(code=code))


def _page_meta(options: Options, content: Path, languages: list[str]) -> str:
    return "\n".join([
        "# " + _("A free page."),
        _line("order: 50", _("its place in the menu: lower numbers come first")),
        _line("menu: main", _("main (top menu) | footer | none")),
        _line("draft: true", _("remove this line (or set false) when the page is ready")),
        ""])


def _person_meta(options: Options, content: Path, languages: list[str]) -> str:
    return "\n".join([
        "# " + _("A person. Real names appear only with their public role."),
        'name: "TODO: ' + _("full name") + '"',
        _line(f"role: {_per_language(languages, 'TODO')}", _("their public role")),
        _line(f"affiliation: {_per_language(languages, 'TODO')}", _("their organisation")),
        _line("pilots: []", _("pilot ids they work on")),
        _line("draft: true", _("remove this line (or set false) when the page is ready")),
        _optional(),
        _line("# url: https://...", _("their page elsewhere, e.g. at their organisation")),
        *_cover_lines(languages, "photo"),
        ""])


META = {"story": _story_meta, "pilot": _pilot_meta, "page": _page_meta, "person": _person_meta}
# The placeholders in the texts are in the text's own language, not the editor's
_PLACEHOLDER = {"nl": ("TODO: titel", "TODO: een of twee zinnen samenvatting.",
                       "Schrijf hier de tekst, in Markdown."),
                "en": ("TODO: title", "TODO: a one or two sentence summary.",
                       "Write the text here, in Markdown.")}


def _text(kind: str, lang: str, title: str | None) -> str:
    placeholder, summary, body = _PLACEHOLDER.get(lang, _PLACEHOLDER["en"])
    if kind == "person":
        return body + " " + _("(A short bio; you may also delete this file.)") + "\n"
    # a line of text (see one_line) as a YAML string: a JSON string is one
    lines = ["---", "title: " + json.dumps(title or placeholder, ensure_ascii=False),
             f'summary: "{summary}"']
    if kind == "story":
        lines.append('# quote: "' + _("An optional sentence from the story, shown large.") + '"')
    return "\n".join(lines + ["---", "", body, ""])


SOURCE = Path(__file__).resolve().parents[2]  # the folder this generator runs from
LEFT_OUT = {"content", "site", ".venv", ".build", ".cache", "node_modules", ".git", "__pycache__",
            ".pytest_cache", ".hypothesis", "artifacts", "work", ".site.stage", "*.egg-info"}


def init(target: Path, languages: list[str]) -> list[Path]:
    """Makes a new site in `target` (an empty or new folder); returns what it wrote
    of its own (the content). A ScaffoldError when the folder holds anything, or
    this generator is not a folder of files to copy (an installed package)."""
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(_("{folder} is not empty; give a new folder").format(folder=target))
    if not (SOURCE / "theme").is_dir() or not (SOURCE / "mkdocs.yml").is_file():
        raise ScaffoldError(_("this generator is installed without its theme; run pilots init "
                              "from a copy of its repository"))
    shutil.copytree(SOURCE, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*LEFT_OUT))
    content = target / "content"
    files = {"site.yml": _site(languages), "taxonomies.yml": "\n".join([
                 _("# Themes, target groups and kinds of intervention, each by an id."),
                 "themes: {}", "target_groups: {}", "intervention_types: {}", ""]),
             "pages/about/meta.yml": "order: 1\n"}
    for lang in languages:
        if not catalogue(lang, SITE).is_file():  # the generator has no words in it: to translate
            files[f"{FOLDER}/{lang}.po"] = template(lang)
        with speaking(lang if lang in ("nl", "en") else "en"):
            files[f"pages/about/{lang}.md"] = _("---\ntitle: About this project\nsummary: What "
                                                "the project is, and who takes part.\n---\n"
                                                "Write here what the project is about.\n")
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return [content / rel for rel in files]


def _site(languages: list[str]) -> str:
    titles = []
    for lang in languages:
        with speaking(lang if lang in ("nl", "en") else "en"):
            titles.append(f'{lang}: "' + _("A new pilot project") + '"')
    return "\n".join([
        _("# The site's settings (the content model in docs/ lists every one)."),
        f"title: {{{', '.join(titles)}}}",
        f"languages: [{', '.join(languages)}]",
        _("# The address the site is published at (GitHub Pages tells it)"),
        "base_url: https://example.org/",
        _("# Its look, without CSS: colours are checked for contrast. A logo (PNG) and "
          "fonts (WOFF2) go in content/brand/."),
        '# brand: {colour: "#17506b", logo: logo.png}',
        _("# Who funds it, shown at the foot of every page; `funder: eu` adds the EU emblem."),
        "# funding: " + _per_language(languages), ""])
