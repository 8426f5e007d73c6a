"""Words from gettext catalogues: locale/<lang>/LC_MESSAGES/<domain>.po.

Domain `pilots`: every message, hint and help text editors (Dutch communication
staff) read, through `_()`, in the language LANGUAGE, LC_ALL, LC_MESSAGES or LANG
ask for (nl_NL.UTF-8 is Dutch; anything unknown is English) or `pilots --lang`.
Domain `site`: the generator's words for readers (menu, labels, what maps and
timelines say) in each page's language, `translations(lang, SITE)`, used by the
templates as `_()`; a language without a catalogue is written in English.
English is the source language of both and has catalogues too, so its wording
can change without touching code. A `.mo` is compiled (at install, and here when
it is missing or older than its `.po`), so a fresh clone always speaks. This
module is in the lowest layer, so every stage can use it.
"""

from __future__ import annotations

import io
import os
from contextlib import contextmanager, suppress
from functools import lru_cache
from gettext import NullTranslations
from pathlib import Path
from typing import Iterator, Mapping

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from generator.content.store import write_atomic

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "pilots"  # the `pilots` command's messages, for editors
SITE = "site"  # the site's interface texts, for readers
LANGUAGES = ("nl", "en")  # the languages messages are written in; English first
DEFAULT = "en"
_ENVIRONMENT = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
_chosen: str | None = None  # set by `pilots --lang`


def N_(message: str) -> str:
    """Marks a text for translation where it is defined; `_()` translates it
    where it is used (module constants are made before a language is chosen)."""
    return message


def language_from(environ: Mapping[str, str]) -> str:
    """The message language the environment asks for, as gettext reads it
    (LANGUAGE may list several, with colons)."""
    # the first variable that is set decides, even for C or POSIX
    value = next((environ[name] for name in _ENVIRONMENT if environ.get(name)), "")
    for wanted in value.split(":"):  # gettext's LANGUAGE is a list of preferences
        code = wanted.split(".")[0].split("@")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT


def set_language(lang: str | None) -> None:
    """Chooses the message language (None: from the environment again)."""
    global _chosen
    _chosen = lang if lang in LANGUAGES else None


def language() -> str:
    """The language messages are written in now."""
    return _chosen or language_from(os.environ)


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Writes messages in `lang` for a while (the content model docs are
    written in each language, whatever the editor's own)."""
    before = _chosen
    set_language(lang)
    try:
        yield
    finally:
        set_language(before)


def catalogue(lang: str, domain: str = DOMAIN) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


@lru_cache(maxsize=None)
def translations(lang: str, domain: str = DOMAIN) -> NullTranslations:
    """Returns the compiled catalogue of a language, compiling it when its
    `.mo` is missing or older than its `.po` (saved when the folder may be
    written; kept in memory otherwise)."""
    po = catalogue(lang, domain)
    mo = po.with_suffix(".mo")
    if not po.is_file():
        return NullTranslations()
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        compiled = mo.read_bytes()
    else:
        compiled = compiled_mo(read_po(io.BytesIO(po.read_bytes()), domain=domain))
        with suppress(OSError):  # an installed package may be read-only: memory is enough
            write_atomic(mo, compiled)  # two commands may start at once on a fresh clone
    return Translations(io.BytesIO(compiled), domain)


def compiled_mo(parsed: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, parsed)
    return buffer.getvalue()


def _(message: str) -> str:
    """Returns a message in the editor's language."""
    return translations(language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Returns the singular or plural form of a message in the editor's language."""
    return translations(language()).ngettext(singular, plural, count)
