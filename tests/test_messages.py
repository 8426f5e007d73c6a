"""Messages in the editor's language: complete catalogues, the language chosen
as gettext chooses it, `--lang`, catalogues compiled when they are stale, and
the content model written in both languages from the models."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.commands import schema as contentdoc
from generator.commands.schema import SCHEMAS, schema
from generator.content import messages
from generator.content.messages import (DOMAIN, LANGUAGES, SITE, catalogue, language_from,
                                       speaking, translations)
from helpers import REPO, minimal, pilots_in, write

# {name} for the `pilots` messages (str.format), %(name)s for the site's words
PLACEHOLDER = re.compile(r"\{([a-z_]+)(?:![rsa])?(?::[<>^]?[0-9]*[,.]?[0-9]*[a-z%]?)?\}"
                         r"|%\(([a-z_]+)\)[sd]")
DOMAINS = (DOMAIN, SITE)


def _tool():
    """tools/messages.py (`make messages`): what it extracts is what must be translated."""
    spec = importlib.util.spec_from_file_location("make_messages", REPO / "tools" / "messages.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_of_the_code_is_in_the_catalogue(lang, domain):
    with catalogue(lang, domain).open("rb") as handle:
        translated = {(m.context, m.id): m for m in read_po(handle, locale=lang) if m.id}
    missing = sorted(str(m.id) for m in _tool().extracted(domain)
                     if m.id and (m.context, m.id) not in translated)
    assert not missing, f"run `make messages` and translate in {catalogue(lang, domain)}: {missing[:5]}"
    for message in translated.values():
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{lang}: not translated: {ids[0]!r}"
        for written, said in zip(ids * 2, strings):  # the same names, or formatting fails
            assert sorted(PLACEHOLDER.findall(written)) == sorted(PLACEHOLDER.findall(said)), \
                f"{lang}: {said!r} does not keep the placeholders of {written!r}"


def test_no_message_is_hidden_from_extraction_in_an_f_string(capsys):
    for domain in DOMAINS:
        _tool().extracted(domain)
    assert "Skipping f-string" not in capsys.readouterr().err


def test_the_site_speaks_the_pages_language_and_english_without_a_catalogue():
    assert translations("nl", SITE).gettext("Latest stories") == "Nieuwste verhalen"
    assert translations("nl", SITE).ngettext("country", "countries", 1) == "land"
    assert translations("xx", SITE).gettext("Latest stories") == "Latest stories"


@pytest.mark.parametrize("environ,expected", [
    ({"LANG": "nl_NL.UTF-8"}, "nl"), ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "fr_FR.UTF-8"}, "en"), ({}, "en"), ({"LANG": "C.UTF-8"}, "en"),
    ({"LANGUAGE": "de:nl", "LANG": "en_GB.UTF-8"}, "nl"),
    ({"LC_ALL": "nl_BE.UTF-8", "LANG": "en_GB.UTF-8"}, "nl"),
    ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "nl_NL.UTF-8"}, "en"),
])
def test_the_language_is_chosen_as_gettext_chooses_it(environ, expected):
    assert language_from(environ) == expected


def test_a_missing_or_stale_catalogue_is_compiled_when_needed(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(messages.LOCALE_DIR, locale, ignore=shutil.ignore_patterns("*.mo"))
    monkeypatch.setattr(messages, "LOCALE_DIR", locale)
    messages.translations.cache_clear()
    try:
        with speaking("nl"):
            assert messages._("Did you mean \"{word}\"?") == 'Bedoel je "{word}"?'
        mo = catalogue("nl").with_suffix(".mo")
        assert mo.is_file()  # kept for the next run
        po = catalogue("nl")
        po.write_text(po.read_text().replace('"Bedoel je', '"Bedoelde je'))
        os.utime(po, (mo.stat().st_mtime + 10,) * 2)
        messages.translations.cache_clear()
        with speaking("nl"):
            assert messages._("Did you mean \"{word}\"?").startswith("Bedoelde je")
    finally:
        messages.translations.cache_clear()


def _broken(tmp_path: Path) -> Path:
    content = minimal(tmp_path)
    write(content, "stories/een/en.md", "")
    return tmp_path


def test_check_speaks_dutch_with_a_dutch_lang_and_english_with_an_english_one(tmp_path):
    root = _broken(tmp_path)
    dutch = pilots_in(root, "check", lang="nl_NL.UTF-8")
    assert dutch.returncode == 1
    assert "content/stories/een/en.md: fout: en.md is leeg" in dutch.stderr
    assert "zo los je het op:" in dutch.stderr and "de site kan nog niet gebouwd worden" in dutch.stderr
    english = pilots_in(root, "check", lang="en_GB.UTF-8")
    assert "content/stories/een/en.md: error: en.md is empty" in english.stderr
    assert "how to fix:" in english.stderr and "the site cannot be built yet" in english.stderr


def test_lang_overrides_the_environment_for_messages_and_help(tmp_path):
    root = _broken(tmp_path)
    assert "en.md is leeg" in pilots_in(root, "--lang", "nl", "check").stderr
    assert "en.md is empty" in pilots_in(root, "--lang", "en", "check", lang="nl_NL.UTF-8").stderr
    help_text = pilots_in(root, "--lang", "nl", "check", "--help").stdout
    assert "Gebruik:" in help_text and "Controleer de inhoud zonder de site te bouwen." in help_text
    assert "Toon deze hulp en stop." in help_text
    assert "Usage:" in pilots_in(root, "check", "--help").stdout
    english = pilots_in(root, "--lang", "en", "--help", lang="nl_NL.UTF-8").stdout
    assert "Show this message and exit." in english and "Show the version and exit." in english
    assert "Toon" not in english  # Click made both options before --lang was read


def test_the_status_table_speaks_dutch(tmp_path):
    root = _broken(tmp_path)
    lines = pilots_in(root, "status", lang="nl_NL.UTF-8").stdout.splitlines()
    assert lines[0].split()[:2] == ["soort", "id"] and "opmerkingen" in lines[0]
    assert re.search(r"^verhaal\s+een\s+ja\s+-\s+kan niet gelezen worden: en\.md",
                     "\n".join(lines), re.M)
    assert lines[-2].startswith("Vertalingen: nl ")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_content_model_in_docs_is_written_from_the_models(lang):
    written = contentdoc.path_of(REPO, lang).read_text(encoding="utf-8")
    assert written == contentdoc.render(lang), "run `pilots schema`: the content model is stale"


def test_the_content_model_lists_every_field_html_element_and_limit():
    text = contentdoc.render("en")
    for name, (model, _where, _what) in SCHEMAS.items():
        data = schema(model, name)
        for part in [data, *data.get("$defs", {}).values()]:
            for field in part.get("properties", {}):
                assert f"| `{field}` |" in text, f"{name}: {field}"
    assert "`<figcaption>`" in text and "`<details>`" in text and "10,000 characters" in text
    assert "50 megapixels" in text and "HEIC" in text
    dutch = contentdoc.render("nl")
    assert "Het contentmodel" in dutch and "**verplicht**" in dutch and "the site's name" not in dutch
