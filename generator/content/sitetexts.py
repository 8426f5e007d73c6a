"""The site's own words: content/texts/<lang>.po, a gettext catalogue (the format
Poedit and Weblate read and write) over the generator's interface texts, which
name no project. It is data: read through the content boundary, parsed, and
escaped wherever it is shown."""

from __future__ import annotations

import io
import re
from gettext import NullTranslations
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, write_po
from babel.support import Translations

from generator.content.messages import SITE, _, catalogue, compiled_mo, ngettext, translations
from generator.content.problems import Problems

FOLDER = "texts"  # content/texts/


def site_texts(root: Path, languages: list[str], read, problems: Problems,
               line: int | None) -> dict[str, NullTranslations]:
    """Each language's words: the site's catalogue (if any) over the generator's.
    `read` reads a file's text through the boundary (None: refused); `line` is
    that of `languages:` in site.yml."""
    found = {}
    for lang in languages:
        path = root / FOLDER / f"{lang}.po"
        own = _catalogue(path, lang, read, problems) if path.is_file() else None
        generator = translations(lang, SITE)
        if own is None and not catalogue(lang, SITE).is_file():
            problems.add(root / "site.yml", line, _('there are no interface texts in "{lang}" '
                                                    "(menu, labels, headings)").format(lang=lang),
                         _("add content/texts/{lang}.po: `pilots new texts {lang}` writes it, "
                           "ready to translate").format(lang=lang))
        if own is not None:
            own.add_fallback(generator)
        found[lang] = own or generator
    return found


def _catalogue(path: Path, lang: str, read, problems: Problems) -> Translations | None:
    text = read(path)
    if text is None:
        return None
    line, error = _malformed(text)
    if error is None:
        try:
            parsed = read_po(io.StringIO(text), locale=None, domain=SITE, abort_invalid=True)
        except (PoFileError, ValueError) as exc:
            error = str(exc)
    if error is not None:
        problems.add(path, line, _("this catalogue cannot be read: {error}").format(error=error),
                     _("open it in Poedit, or compare it with a fresh one from `pilots new texts "
                       "{lang}`").format(lang=lang))
        return None
    missing = sum(1 for message in parsed if message.id and not all(  # each plural form
        message.string if isinstance(message.string, tuple) else (message.string,)))
    if missing and not catalogue(lang, SITE).is_file():
        problems.add(path, None, ngettext("{count} interface text is not translated yet; it "
                                          "shows in English", "{count} interface texts are not "
                                          "translated yet; they show in English", missing)
                     .format(count=missing), _("translate the empty msgstr lines"),
                     level="warning")
    return Translations(io.BytesIO(compiled_mo(parsed)), SITE)


# A line of a .po file: a comment, a keyword with its quoted text, or more quoted text
_LINE = re.compile(r'^\s*(#.*|(msgctxt|msgid|msgid_plural|msgstr(\[\d+\])?)\s+)?'
                   r'("(?:[^"\\]|\\.)*")?\s*$')


def _malformed(text: str) -> tuple[int | None, str | None]:
    """The first line no .po file may hold (babel reads some of them wrongly,
    a quote missing at the end of a text loses its last letter)."""
    for number, line in enumerate(text.splitlines(), 1):
        found = _LINE.match(line)
        if not found or (found.group(2) and not found.group(4)):
            return number, _("line {number} is not a quoted text or a keyword").format(
                number=number)
    return None, None


def template(lang: str) -> str:
    """A new catalogue for a language: every interface text, none translated yet."""
    english = read_po(io.BytesIO(catalogue("en", SITE).read_bytes()), domain=SITE)
    fresh = Catalog(locale=lang, domain=SITE, project="pilot stories")
    for message in english:
        if message.id:
            fresh.add(message.id, "" if isinstance(message.id, str) else ("",) * 2,
                      context=message.context)
    data = io.BytesIO()
    write_po(data, fresh, width=100, no_location=True, omit_header=False)
    return data.getvalue().decode("utf-8")
