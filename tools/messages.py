"""Keeps the message catalogues in step with the code: `make messages`.

Extracts every message marked with _(), N_() or ngettext() from generator/
into generator/content/locale/pilots.pot, updates the Dutch and English
catalogues from it (keeping what is translated), writes each English message
as its own translation, and lists the Dutch messages still to translate. The
catalogues are compiled when the package is installed, and again by
generator.content.messages whenever a .po file is newer than its .mo.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content.messages import DOMAIN, LANGUAGES, LOCALE_DIR, catalogue  # noqa: E402


HEADER = """\
# Messages of the `pilots` command, for editors.
# Written by tools/messages.py (make messages) from the code; translate the msgstr lines.
#"""


def extracted() -> Catalog:
    """Every message the code marks, as a template catalogue."""
    template = Catalog(project="pilot-stories", version="0.1.0", domain=DOMAIN, fuzzy=False,
                       copyright_holder="the pilot-stories authors",
                       header_comment=HEADER)
    for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / "generator", keywords=DEFAULT_KEYWORDS):
        template.add(message)
    return template


def _write(path: Path, catalog: Catalog) -> None:
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, sort_output=True,
                 omit_header=False)


def update(template: Catalog, lang: str) -> list[str]:
    """Brings one language's catalogue up to date; returns what is untranslated."""
    path = catalogue(lang)
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    missing = []
    for message in catalog:
        if not message.id:
            continue
        if lang == "en" and not _done(message.string):
            message.string = message.id  # English is written in the code
        if not _done(message.string):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    _write(path, catalog)
    return missing


def _done(text) -> bool:
    return all(text) if isinstance(text, (tuple, list)) else bool(text)


def main() -> int:
    """Updates the template and every catalogue; fails when a translation is missing."""
    template = extracted()
    _write(LOCALE_DIR / f"{DOMAIN}.pot", template)
    missing = {lang: update(template, lang) for lang in LANGUAGES}
    for lang, ids in missing.items():
        for message in ids:
            print(f"{catalogue(lang).relative_to(ROOT)}: to translate: {message!r}")
    return 1 if any(missing.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
