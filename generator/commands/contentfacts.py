"""The parts of the content model that are not fields: the layout of content/,
what a text may contain and the limits, each read from the module that
enforces it (the kinds' registry, the HTML cleaner, the content boundary, the
YAML reader, the image checks)."""

from __future__ import annotations

from generator.content.boundary import IMAGE_LIMIT, LIMITS, MEDIA_LIMIT, MEDIA_SUFFIXES, size
from generator.content.bundle import IMAGE_SUFFIXES, UNSUPPORTED_IMAGES
from generator.content.kinds import FILES, KINDS
from generator.content.messages import _
from generator.content.problems import PER_FILE
from generator.content.records.site import MAX_LIMIT_MEGAPIXELS, ImageSettings
from generator.content.yamlsrc import DEPTH_LIMIT, FIELD_LIMIT
from generator.images.probe import COVER_MIN_WIDTH, WARN_MEGAPIXELS
from generator.site.geo import AREA_POINTS, NEAR_KM
from generator.site.media import CLOSE
from generator.site.prose import ATTRIBUTES, SCHEMES, TAGS
from generator.site.textwork import BUDGET


def facts(section: str) -> list[str]:
    """Returns one section of the content model as Markdown lines: layout,
    texts or limits."""
    return {"layout": _layout, "texts": _texts, "limits": _limits}[section]()


def _layout() -> list[str]:
    tree = ["content/", *(f"  {name}" for name in FILES)]
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
            (_("a GeoJSON file"), size(LIMITS[".geojson"])), (_("an image file"), size(IMAGE_LIMIT)),
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
    refused = ", ".join(sorted({kind for kind, _target in UNSUPPORTED_IMAGES.values()}))
    return ["## " + _("Limits"), "", "| {} | {} |".format(_("what"), _("at most")),
            "| --- | --- |", *(f"| {what} | {limit} |" for what, limit in rows), "",
            _("Images may be {formats}. {refused} files are refused with a message saying what "
              "to export them as. Every image is read to the end when it is checked: a damaged "
              "or incomplete file is refused, with its name.").format(formats=formats,
                                                                      refused=refused), ""]
