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


def test_pilots_init_makes_a_site_in_the_editors_language_that_builds_strictly(tmp_path):
    made = pilots_in(tmp_path, "init", "nieuw", lang="nl_NL.UTF-8")
    assert made.returncode == 0, made.stderr
    root = tmp_path / "nieuw"
    assert (root / "generator").is_dir() and (root / ".github/workflows/publish.yml").is_file()
    assert not (root / "content/stories").exists() and not (root / "site").exists()
    site_yml = (root / "content/site.yml").read_text()
    assert "# De instellingen van de site" in site_yml and "Een nieuw pilotproject" in site_yml
    assert "Over dit project" in (root / "content/pages/about/nl.md").read_text()
    assert "About this project" in (root / "content/pages/about/en.md").read_text()
    assert pilots_in(root, "check", "--strict").returncode == 0
    build(Paths(root), strict=True)
    shown = re.sub(r"<[^>]+>", " ", _texts(root / "site"))
    assert [w for w in PROJECT_WORDS if re.search(rf"\b{w}", shown)] == []
    refused = pilots_in(tmp_path, "init", "nieuw")
    assert refused.returncode == 1 and "not empty" in refused.stderr


def test_another_project_with_other_languages_funder_and_colours(tmp_path):
    """What issue 25 asks of a second organisation: its own funder, languages
    and colours, from `pilots init`, with no word of CoSIE or the EU."""
    from PIL import Image

    assert pilots_in(tmp_path, "init", "ander", "--languages", "de,en").returncode == 0
    root = tmp_path / "ander"
    content = root / "content"
    po = content / "texts/de.po"
    po.write_text(po.read_text().replace('msgid "Home"\nmsgstr ""', 'msgid "Home"\nmsgstr "Start"'))
    site = content / "site.yml"
    site.write_text(site.read_text().replace("# funding:", "funding:").replace(
        '{de: "...", en: "..."}', '{de: "Gefördert von der Stadt Köln.", en: "Funded by the city '
        'of Cologne."}').replace("# brand:", "brand:").replace("logo: logo.png", "logo: logo.png"
                                                                 ).replace("#17506b", "#2e6b1f"))
    (content / "brand").mkdir()
    Image.new("RGB", (48, 48), (46, 107, 31)).save(content / "brand/logo.png")
    build(Paths(root))
    home = (root / "site/index.html").read_text()
    assert '<html lang="de"' in home and "Gefördert von der Stadt Köln." in home
    assert re.search(r">\s*Start\s*<", home) and "pl-emblem" not in home
    assert "#2e6b1f" in (root / "site/assets/css/brand.css").read_text()
    assert 'src="assets/brand/logo.png"' in home
    shown = re.sub(r"<[^>]+>", " ", _texts(root / "site"))
    assert [w for w in PROJECT_WORDS if re.search(rf"\b{w}", shown)] == []


@pytest.mark.parametrize("brand,needle", [
    ('{colour: "#ffcc00"}', "white text on `colour` has a contrast of 1.5:1"),
    ('{colour: "#17506b", colour_dark: "#17506b"}', "`colour_dark` on the dark page"),
    ('{colour: "#17506b", accent: "#eeeeee"}', "`accent` on the light page"),
    ('{colour: "#17506b", logo: logo.svg}', "is not a PNG / WEBP file"),
    ('{colour: "#17506b", logo: fake.png}', "is not a PNG / WEBP file"),
    ('{colour: "#17506b", fonts: {text: font.woff2}}', "is not a WOFF2 file"),
    ('{colour: "#17506b", logo: missing.png}', "missing.png does not exist"),
    ('{colour: "17506b"}', 'brand.colour`: "17506b" is not a colour'),
])
def test_a_brand_that_readers_could_not_read_is_refused(tmp_path, brand, needle):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    write(content, "brand/logo.svg", '<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>')
    write(content, "brand/fake.png", "not a picture")
    write(content, "brand/font.woff2", "not a font")
    site = content / "site.yml"
    site.write_text(site.read_text() + f"brand: {brand}\n")
    one_problem(problems_of(root), "site.yml", needle)


def test_every_colour_of_a_brand_that_fails_its_contrast_is_named_at_once(tmp_path):
    # an editor who fixes `colour` should not learn only then that `accent` fails too
    root = make_project(tmp_path / "p")
    content = minimal(root)
    site = content / "site.yml"
    site.write_text(site.read_text() + 'brand: {colour: "#ffcc00", accent: "#eeeeee"}\n')
    one_problem(problems_of(root), "site.yml", "white text on `colour`",
                "`accent` on the light page")
