"""Keeps the message catalogues in step with the code: `make messages`.

Two domains (see generator.content.messages): `pilots`, every message for
editors, marked with _(), N_() or ngettext() in generator/'s code; and `site`,
the site's words for readers, marked with .gettext() in the code and with _(),
gettext() or ngettext() in the page templates (generator/emit/templates).
For each, it writes generator/content/locale/<domain>.pot, updates the Dutch
and English catalogues from it (keeping what is translated), writes each
English message as its own translation, and lists the Dutch messages still to
translate. The catalogues are compiled when the package is installed, and
again by generator.content.messages whenever a .po file is newer than its .mo.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.messages import DOMAIN, LANGUAGES, LOCALE_DIR, SITE, catalogue  # noqa: E402

TEMPLATES = "jinja2.ext:babel_extract"  # Jinja's own extractor, for the page templates
# Where each domain's messages are: (files, how they are read, what marks them)
SOURCES = {
    DOMAIN: [("**.py", "python", {"_": None, "N_": None, "ngettext": (1, 2)})],
    SITE: [("**.py", "python", {"gettext": None}),
           ("emit/templates/**.j2", TEMPLATES,
            {"_": None, "gettext": None, "ngettext": (1, 2), "npgettext": ((1, "c"), 2, 3)})],
}
WHAT = {DOMAIN: "Messages of the `pilots` command, for editors.",
        SITE: "The site's own words, for readers (menus, labels, maps, timelines)."}


def extracted(domain: str) -> Catalog:
    """Every message the code (and for `site` the page templates) marks, as a
    template catalogue."""
    template = Catalog(project="pilot-stories", version="0.1.0", domain=domain, fuzzy=False,
                       copyright_holder="the pilot-stories authors",
                       header_comment=f"# {WHAT[domain]}\n# Written by tools/messages.py (make "
                                      "messages) from the code; translate the msgstr lines.\n#")
    for pattern, method, keywords in SOURCES[domain]:
        for _file, _line, message, _comments, context in extract_from_dir(
                ROOT / "generator", [(pattern, method)], keywords=keywords):
            template.add(message, context=context)
    return template


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, sort_output=True,
                 omit_header=False)


def update(template: Catalog, lang: str, domain: str) -> list[str]:
    """Brings one language's catalogue up to date; returns what is untranslated."""
    path = catalogue(lang, domain)
    catalog = Catalog(locale=lang, domain=domain, project=template.project, fuzzy=False,
                      version=template.version, copyright_holder=template.copyright_holder,
                      last_translator=template.copyright_holder,
                      header_comment=template.header_comment)  # a new catalogue starts empty
    if path.is_file():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang, domain=domain)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    missing = []
    for message in catalog:
        if not message.id:
            continue
        if lang == "en" and (message.fuzzy or not _done(message.string)):
            message.string = message.id  # English is written in the code
            message.flags.discard("fuzzy")
        if not _done(message.string):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    _write(path, catalog)
    return missing


def _done(text) -> bool:
    return all(text) if isinstance(text, (tuple, list)) else bool(text)


def main() -> int:
    """Updates the templates and every catalogue; fails when a translation is missing."""
    missing = False
    for domain in SOURCES:
        template = extracted(domain)
        _write(LOCALE_DIR / f"{domain}.pot", template)
        for lang in LANGUAGES:
            for message in update(template, lang, domain):
                print(f"{catalogue(lang, domain).relative_to(ROOT)}: to translate: {message!r}")
                missing = True
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
