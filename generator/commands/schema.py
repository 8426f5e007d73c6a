"""What `pilots schema` writes from the models the checks use: JSON Schemas (schemas/, with
VS Code settings, so that the YAML extension completes and checks `meta.yml` while typed), and
the content model for editors in each language (docs/content-model.<lang>.md), with the layout,
limits and HTML of texts read from the modules that enforce them: it cannot drift from what
`pilots check` accepts. A test fails when either is out of date.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from generator.content.boundary import IMAGE_LIMIT, LIMITS, MEDIA_LIMIT, size
from generator.content.names import IMAGE_SUFFIXES, MEDIA_SUFFIXES, UNSUPPORTED_IMAGES
from generator.content.fields import DATE_PATTERN, ID_PATTERN
from generator.content.kinds import FILES as TOP_FILES, KINDS, by_singular
from generator.content.messages import LANGUAGES, N_, _, speaking
from generator.content.problems import PER_FILE, one_of
from generator.content.records.front import BioFront, Front, StoryFront
from generator.content.records.interventions import Intervention
from generator.content.records.publications import Publication
from generator.content.records.site import MAX_LIMIT_MEGAPIXELS, ImageSettings, SiteConfig
from generator.content.records.taxonomies import Taxonomies
from generator.content.yamlsrc import DEPTH_LIMIT, FIELD_LIMIT
from generator.images.probe import COVER_MIN_WIDTH, WARN_MEGAPIXELS
from generator.site.geo import AREA_POINTS, NEAR_KM
from generator.site.media import CLOSE
from generator.site.prose import ATTRIBUTES, SCHEMES, TAGS
from generator.site.textwork import BUDGET

# Each file of content/, in the order an editor meets them: schema file -> (model, where,
# what it is); editors' tools check the files a `where` in content/ names (<id>: any folder)
SCHEMAS: dict[str, tuple[Any, str, str]] = {
    "site": (SiteConfig, "content/site.yml", N_("Settings and texts for the whole site.")),
    "taxonomies": (Taxonomies, "content/taxonomies.yml", N_(
        "The site's vocabularies: themes, target groups and intervention types. Records name "
        "their terms by id.")),
    "pilot": (by_singular("pilot").meta, "content/pilots/<id>/meta.yml", N_(
        "One pilot: a municipality or region. Its text is in nl.md and en.md beside it.")),
    "interventions": (list[Intervention], "content/pilots/<id>/interventions.yml", N_(
        "Optional: what was done where in a pilot, one entry (starting with `- `) each. Give a "
        "date or a period, and a location or an area (a .geojson file in the pilot's folder).")),
    "story": (by_singular("story").meta, "content/stories/<id>/meta.yml", N_(
        "One story: an individual narrative. Its text is in nl.md and en.md beside it.")),
    "person": (by_singular("person").meta, "content/people/<id>/meta.yml", N_(
        "A researcher or project lead. A short bio may go in nl.md and en.md.")),
    "partner": (by_singular("partner").meta, "content/partners/<id>/meta.yml",
                N_("An organisation taking part.")),
    "page": (by_singular("page").meta, "content/pages/<id>/meta.yml", N_(
        "Optional settings of a free page (about, privacy, ...); its text is in nl.md and "
        "en.md.")),
    "publications": (list[Publication], "content/publications.yml", N_(
        "The list of publications, one entry (starting with `- `) each.")),
    "front-matter": (Front, "nl.md, en.md", N_(
        "The front matter (between the two --- lines) of a pilot's or a page's text.")),
    "story-front-matter": (StoryFront, "stories/<id>/nl.md, en.md",
                           N_("The front matter of a story's text.")),
    "bio-front-matter": (BioFront, "people/<id>/nl.md, partners/<id>/nl.md", N_(
        "The front matter of a person's or a partner's text: nothing is required.")),
}

def schema(model: Any, name: str) -> dict:
    """Returns the JSON Schema of a model (or a list of models)."""
    data = TypeAdapter(model).json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["$id"] = f"{name}.schema.json"
    data.setdefault("title", name)
    return data


def render_all() -> dict[str, str]:
    """Returns every schema file: name -> JSON text."""
    return {f"{name}.schema.json": json.dumps(schema(model, name), indent=2, sort_keys=True) + "\n"
            for name, (model, _where, _what) in SCHEMAS.items()}


# The parts several files use (schema $defs), by what editors call them
PARTS = {
    "Location": N_("A place: `{lat: 52.03, lon: 5.08}`, in decimal degrees (WGS84). Always "
                   "with the names lat and lon: a bare pair is refused, because that is where "
                   "they get swapped."),
    "Period": N_("A span of time: `{start: 2019-01, end: 2019-11}`."),
    "Image": N_("A picture in the record's folder: `{file: cover.jpg, alt: {nl: \"...\", en: "
                "\"...\"}, credit: \"...\"}`."),
    "Narrator": N_("Who tells a story: `{name: \"A resident\"}`, or a name per language."),
    "Consent": N_("The narrator's consent: `{given: true, date: 2019-05-01}`."),
    "Chapter": N_("A map story's chapter: where the map goes for one ## section."),
    "Phase": N_("A phase of a pilot, drawn on its timeline."),
    "Contact": N_("How readers reach the project."),
    "MapSettings": N_("The maps' settings."),
    "CustomTiles": N_("Your own tile server, instead of a provider's name."),
    "ImageSettings": N_("Limits on images."),
    "Named": N_("A term of a vocabulary: a theme or a target group."),
    "InterventionType": N_("A kind of intervention, drawn on the maps in its colour, with its "
                           "icon."),
    "Intervention": N_("One intervention (an entry of interventions.yml)."),
    "Publication": N_("One publication (an entry of publications.yml)."),
}


def render(lang: str) -> str:
    """Returns the content model in one language, as Markdown."""
    with speaking(lang):
        others = " · ".join(f"[{code}](content-model.{code}.md)" for code in LANGUAGES
                            if code != lang)
        parts: dict[str, Any] = {}
        generated = _("Written by `pilots schema` from the models in generator/content/records/: "
                      "do not edit by hand.")
        out = [f"<!-- {generated} -->", "", "# " + _("The content model"), "", f"*{others}*", "",
               _("Everything an editor writes in content/, field by field. It is written from "
                 "the models `pilots check` uses, so it says exactly what the check accepts."),
               ""]
        out += [*_layout(), "## " + _("Files"), ""]
        for name in SCHEMAS:
            out += _file(name, parts)
        out += ["## " + _("Parts used in several files"), ""]
        for name in sorted(parts):
            out += _part(name, parts[name])
        out += _texts() + _limits()
        return "\n".join(out).rstrip() + "\n"


def _file(name: str, parts: dict[str, Any]) -> list[str]:
    model, where, what = SCHEMAS[name]
    data = schema(model, name)
    parts.update(data.get("$defs", {}))
    if data.get("type") == "array":  # a list file: its entries are described
        entry = data["items"]["$ref"].rsplit("/", 1)[-1]
        data = parts.pop(entry)
    return [f"### `{where}`", "", _(what), "", *_table(data), ""]


def _part(name: str, data: dict) -> list[str]:
    intro = _(PARTS[name]) if name in PARTS else data.get("description", "")
    return [f'<a id="{name.lower()}"></a>', "", f"### {name}", "", intro, "", *_table(data), ""]


def _table(data: dict) -> list[str]:
    required = set(data.get("required", ()))
    rows = ["| {} | {} | {} |".format(_("field"), _("value"), _("meaning")), "| --- | --- | --- |"]
    for field, prop in data.get("properties", {}).items():
        value = _value(prop)
        if field in required:
            value = "**" + _("required") + "**: " + value
        elif prop.get("default") not in (None, []) and not isinstance(prop["default"], dict):
            # (a part's defaults are its own, in the part's table)
            shown = json.dumps(prop["default"], ensure_ascii=False).replace('"', "")
            value += " (" + _("default: {value}").format(value=f"`{shown}`") + ")"
        meaning = _(prop["description"]) if prop.get("description") else ""
        rows.append(f"| `{field}` | {value} | " + meaning.replace("|", "\\|").replace("\n", " ")
                    + " |")
    return rows


def _value(prop: dict) -> str:
    """What a field holds, in words (with a link to a part it is made of)."""
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop or "oneOf" in prop:
        options = [p for p in prop.get("anyOf", prop.get("oneOf")) if p.get("type") != "null"]
        if {p.get("type") for p in options} == {"object", "string"} and len(options) == 2 \
                and all("$ref" not in p for p in options):
            return _("text, or a text per language: `{nl: ..., en: ...}`")
        return _(" or ").join(_value(p) for p in options)
    if "enum" in prop:
        return one_of(str(v) for v in prop["enum"])
    return _typed(prop)


def _typed(prop: dict) -> str:
    kind = prop.get("type")
    if kind == "string":
        if prop.get("pattern") == DATE_PATTERN:
            return _("a date")
        return _("an id") if prop.get("pattern") == ID_PATTERN else _("text")
    if kind == "boolean":
        return _("`true` or `false`")
    if kind in ("integer", "number"):
        low = prop.get("minimum", prop.get("exclusiveMinimum"))
        words = _("a whole number") if kind == "integer" else _("a number")
        if low is not None and "maximum" in prop:
            words += f" ({low:g}–{prop['maximum']:g})"
        return words
    if kind == "array":
        return _("a list, each: {item}").format(item=_value(prop.get("items", {})))
    if kind == "object" and "patternProperties" in prop:
        item = next(iter(prop["patternProperties"].values()))
        return _("entries by id, each: {item}").format(item=_value(item))
    if kind == "object":
        return _("named values, each: {item}").format(
            item=_value(prop.get("additionalProperties") or {}))
    return _("text")


def _layout() -> list[str]:
    tree = ["content/", *(f"  {name}" for name in TOP_FILES)]
    for kind in KINDS.values():
        files = ["meta.yml" + ("" if kind.meta_required else " (" + _("optional") + ")"),
                 "nl.md", "en.md", *sorted(kind.extra_files)]
        tree.append(f"  {kind.folder}/<id>/    " + ", ".join(files))
    return ["## " + _("Layout"), "", "```", *tree, "```", "",
            "- " + _("One record is one folder (a bundle): the facts once in meta.yml, the text "
                     "per language in nl.md and en.md, pictures beside them."),
            "- " + _("A record's id is its folder's name: lowercase letters a-z, digits and "
                     "hyphens, e.g. afval-bij-de-flat. Addresses and references use it, so it "
                     "does not change."),
            "- " + _("The languages are listed in site.yml, the default first. A short text in "
                     "YAML is written per language: `label: {nl: Afval, en: Waste}`; plain text "
                     "means the same in every language."),
            "- " + _("Coordinates are decimal degrees with their names: `{lat: 52.03, lon: "
                     "5.08}`. Dates are written 2019-05-10, or 2019-05 for a month."),
            "- " + _("`draft: true` keeps a record off the published site; the preview shows "
                     "it. New records (`pilots new`) start as drafts."),
            ""]


def _texts() -> list[str]:
    tags = ", ".join(f"`<{tag}>`" for tag in sorted(TAGS))
    attributes = "; ".join(
        f"`<{tag}>`: " + ", ".join(f"`{name}`" for name in sorted(names))
        for tag, names in sorted(ATTRIBUTES.items()) if tag != "*")
    return ["## " + _("Texts: nl.md and en.md"), "",
            _("Between the two --- lines at the top: the front matter (see above). Below them: "
              "the text, in Markdown."), "",
            "- " + _("Images: `![what it shows](photo.jpg \"an optional caption\")`, with the "
                     "file in the record's folder. The alt text between the brackets is "
                     "required."),
            "- " + _("Sound and video: `![what it is](interview.mp4 \"an optional caption\")` "
                     "on a line of its own, with the file ({suffixes}) in the record's folder. A "
                     "video needs captions in the language of each text that shows it "
                     "(interview.nl.vtt, WebVTT), a sound recording a transcript "
                     "(interview.nl.md, Markdown, shown under the player); a picture "
                     "interview.jpg beside it is the video's poster. A video on YouTube, Vimeo "
                     "or a PeerTube server listed in site.yml under `video_hosts`: "
                     "`![what it is](https://www.youtube.com/watch?v=...)`; nothing is loaded "
                     "from there until the reader plays it, and `posters:` in meta.yml gives it "
                     "a picture.").format(suffixes=", ".join(sorted(MEDIA_SUFFIXES))),
            "- " + _("Headings: the title is the page's only main heading, so the text starts "
                     "at `##`, and goes one level down at a time (## then ###). A map story has "
                     "one ## section per chapter."),
            "- " + _("Links: to other websites with https://; to another page of this site "
                     "with a relative path ending in /, such as ../other-story/ or "
                     "../../pilots/houten/, optionally with #a-heading. Links use {schemes} "
                     "or a path; `pilots check` checks that every page and heading exists.")
            .format(schemes=", ".join(f"`{s}:`" for s in sorted(SCHEMES))),
            "- " + _("HTML: a text may use these elements: {tags}. Any element may carry "
                     "{common}; besides: {attributes}. Scripts, styles, forms and embedded "
                     "content are refused by `pilots check`, with file and line.").format(
                tags=tags, common=", ".join(f"`{a}`" for a in sorted(ATTRIBUTES["*"])),
                attributes=attributes),
            "- " + _("A text in a language that is missing: with `translations: fallback` the "
                     "page shows another language's text, with a notice; with `translations: "
                     "required` a published record needs every language (a draft may have "
                     "one)."),
            ""]


def _limits() -> list[str]:
    rows = [(_("a YAML file"), size(LIMITS[".yml"])), (_("a Markdown file"), size(LIMITS[".md"])),
            (_("a GeoJSON file"), size(LIMITS[".geojson"])),
            (_("an image file"), size(IMAGE_LIMIT)),
            (_("a sound or video file"), size(MEDIA_LIMIT)),
            (_("a captions file"), size(LIMITS[".vtt"])),
            (_("the sound and video of the whole site"), _(
                "1 GB, what GitHub Pages publishes (a warning from {share:.0%})").format(
                share=CLOSE)),
            (_("one text in a YAML file"), _("{count:,} characters").format(count=FIELD_LIMIT)),
            (_("turning one text into a page"), _("{seconds:g} s (a real text takes a fraction "
                                                  "of it)").format(seconds=BUDGET)),
            (_("problems listed per file"), f"{PER_FILE}"),
            (_("nesting in a YAML file"), _("{count} levels").format(count=DEPTH_LIMIT)),
            (_("an image's size"), _("{default:g} megapixels (site.yml may set up to {most:g}: "
                                     "`images: {{max_megapixels: ...}}`)").format(
                default=ImageSettings().max_megapixels, most=MAX_LIMIT_MEGAPIXELS)),
            (_("a warning for an image over"), _("{count} megapixels").format(
                count=WARN_MEGAPIXELS)),
            (_("a warning for a cover narrower than"), f"{COVER_MIN_WIDTH} px"),
            (_("the points of a pilot's areas together"), f"{AREA_POINTS:,}"),
            (_("a story or intervention from its pilot"), f"{NEAR_KM:g} km")]
    formats = ", ".join(sorted(s.lstrip(".") for s in IMAGE_SUFFIXES))
    refused = ", ".join(sorted(UNSUPPORTED_IMAGES))
    return ["## " + _("Limits"), "", "| {} | {} |".format(_("what"), _("at most")),
            "| --- | --- |", *(f"| {what} | {limit} |" for what, limit in rows), "",
            _("Images may be {formats}. {refused} files are refused with a message saying what "
              "to export them as. Every image is read to the end when it is checked: a damaged "
              "or incomplete file is refused, with its name.").format(formats=formats,
                                                                      refused=refused), ""]


def path_of(root: Path, lang: str) -> Path:
    """Where the content model in one language is kept."""
    return root / "docs" / f"content-model.{lang}.md"


def write(root: Path) -> list[Path]:
    """Writes schemas/, .vscode/settings.json and the content model in every
    language (docs/); returns the files."""
    files = {root / "schemas" / name: text for name, text in render_all().items()}
    settings_path = root / ".vscode" / "settings.json"
    settings = json.loads(settings_path.read_text()) if settings_path.exists() else {}
    settings["yaml.schemas"] = settings.get("yaml.schemas", {}) | {
        f"./schemas/{name}.schema.json": [where.replace("<id>", "*")]
        for name, (_model, where, _what) in SCHEMAS.items() if where.startswith("content/")}
    files[settings_path] = json.dumps(settings, indent=2) + "\n"
    files |= {path_of(root, lang): render(lang) for lang in LANGUAGES}
    for path, text in files.items():
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    extensions = root / ".vscode" / "extensions.json"
    if not extensions.exists():
        extensions.write_text(json.dumps({"recommendations": ["redhat.vscode-yaml"]}, indent=2)
                              + "\n")
    return list(files)
