"""Any pilot project, not only CoSIE (issue 25): the generator's words name no
project, a site's own words and languages come from content/texts/, the EU
emblem only when site.yml says the funder is the EU, and a kind without
records has no page and no place in the menu."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.build import Paths, build
from helpers import make_project, minimal, one_problem, pilots_in, problems_of, write

pytestmark = pytest.mark.slow

# Words of the CoSIE project: none may come from the generator itself
PROJECT_WORDS = ("CoSIE", "Europ", "Horizon", "onderzoekers", "researchers", "job seekers",
                 "werkzoekenden", "EU")


def _texts(site: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))


def test_a_new_project_shows_no_word_of_cosie_nor_the_eu_emblem(tmp_path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    site = content / "site.yml"
    site.write_text(site.read_text() + 'funding: {nl: "Gefinancierd door de gemeente Utrecht.", '
                    'en: "Funded by the municipality of Utrecht."}\n')
    build(Paths(root))
    shown = re.sub(r"<script.*?</script>", "", _texts(root / "site"), flags=re.S)
    words = re.sub(r"<[^>]+>", " ", shown)
    assert [w for w in PROJECT_WORDS if re.search(rf"\b{w}", words)] == []
    assert "pl-emblem" not in shown and "gemeente Utrecht" in shown


def test_the_emblem_stands_beside_funding_from_the_eu(tmp_path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    site = content / "site.yml"
    site.write_text(site.read_text() + 'funding: {nl: "Gefinancierd door de EU.", '
                    'en: "Funded by the EU."}\nfunder: eu\n')
    build(Paths(root))
    assert 'class="pl-emblem"' in (root / "site/index.html").read_text()
    site.write_text(site.read_text().replace("funder: eu", "funder: eu-commission"))
    one_problem(problems_of(root), "site.yml:", "funder")


def test_a_sites_own_words_replace_the_generators(tmp_path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    write(content, "texts/nl.po", '''
        msgid ""
        msgstr ""
        "Language: nl\\n"

        msgid "Map of the pilots"
        msgstr "Kaart van onze <b>buurten</b>"

        msgid "Latest stories"
        msgstr "Nieuw uit de wijk"
        ''')
    build(Paths(root))
    home = (root / "site/index.html").read_text()
    assert "Nieuw uit de wijk" in home and "Laatste verhalen" not in home
    assert "Kaart van onze &lt;b&gt;buurten&lt;/b&gt;" in home  # words, never markup
    assert "Latest stories" in (root / "site/en/index.html").read_text()


def test_a_language_without_interface_texts_names_the_file_to_add(tmp_path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    site = content / "site.yml"
    site.write_text(site.read_text().replace("languages: [nl, en]", "languages: [nl, en, fr]"))
    one_problem(problems_of(root), "site.yml:2", '"fr"', "content/texts/fr.po",
                "pilots new texts fr")
    made = pilots_in(root, "new", "texts", "fr")
    assert made.returncode == 0, made.stderr
    assert (content / "texts/fr.po").is_file()
    assert not problems_of(root)  # untranslated words show in English: a warning only
    one_problem(problems_of(root, strict=True), "texts/fr.po", "not translated yet")
    broken = content / "texts/de.po"
    broken.write_text('msgid "Home"\nmsgstr "Start\n')
    site.write_text(site.read_text().replace("[nl, en, fr]", "[nl, en, fr, de]"))
    one_problem(problems_of(root), "texts/de.po", "cannot be read")


def test_a_kind_without_records_has_no_page_and_no_menu_entry(tmp_path):
    root = make_project(tmp_path / "p")
    minimal(root)
    build(Paths(root))
    site = root / "site"
    for kind in ("people", "partners", "publications"):
        assert not (site / kind).exists()
        assert not (site / "en" / kind).exists()
    home = (site / "index.html").read_text()
    assert 'href="people/"' not in home and 'href="stories/"' in home


def test_the_preview_shows_a_story_without_consent_labelled_and_a_build_never(tmp_path):
    from generator.commands.preview import Preview

    root = make_project(tmp_path / "p")
    content = minimal(root)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("given: true", "given: false"))
    preview = Preview(Paths(root), log=lambda text: None)
    try:
        assert preview.rebuild()
    finally:
        preview.builds.close()
    page = (preview.paths.out / "stories/een/index.html").read_text()
    assert "Niet gepubliceerd: nog geen toestemming" in page
    build(Paths(root))
    assert not (root / "site/stories/een").exists()
    assert "stories/een/" not in _texts(root / "site")
