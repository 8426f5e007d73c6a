"""The attack suite, parity: whatever passes `pilots check` builds.

Each test plays content that once passed the check and then crashed the build
(a traceback, exit 2), or was refused with a misleading message. It passes
when `check` and `build` both refuse it cleanly (a content problem naming the
file and line, site/ untouched), or when it builds and is harmless.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.build import Paths, build, check
from generator.content.problems import ContentError
from generator.emit import emit_language
from generator.images import pipeline, probe
from generator.images.cards import CardSpec, draw
from generator.images.pipeline import Source, Unshowable, plan
from generator.images.planner import ImagePlanner
from generator.images.probe import ImageIndex
from generator.site import prose as markup
from generator.site.texts import MOST
from generator.visuals import SiteVisuals
from helpers import all_problems, make_project, minimal, one_problem, problems_of, write

PUBLISHED = "the published site\n"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A valid project with a previous site/ that a refused build must leave alone."""
    root = make_project(tmp_path / "project")
    minimal(root)
    write(root, "site/index.html", PUBLISHED)
    return root


def refused(root: Path, *needles: str) -> str:
    """Expects `check` and then `build` to refuse the content with a problem
    holding every needle, and site/ as it was; returns the problem."""
    one_problem(problems_of(root), *needles)
    with pytest.raises(ContentError) as caught:
        build(Paths(root))
    found = one_problem([p.format() for p in caught.value.problems], *needles)
    assert (root / "site/index.html").read_text() == PUBLISHED
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]
    return found


def refused_by_the_command(root: Path, *needles: str) -> None:
    """`pilots check` and `pilots build` each exit 1 with the problem, no traceback."""
    for command in ("check", "build"):
        result = subprocess.run([sys.executable, "-m", "generator.commands.cli", command],
                                cwd=root, capture_output=True, text=True)
        said = result.stdout + result.stderr
        assert result.returncode == 1, said
        assert "Traceback" not in said and all(n in said for n in needles), said
    assert (root / "site/index.html").read_text() == PUBLISHED


def add(root: Path, rel: str, text: str) -> None:
    path = root / "content" / rel
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(root: Path, rel: str, old: str, new: str) -> None:
    path = root / "content" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def with_intervention(root: Path, extra: str = "") -> None:
    """Gives the pilot an intervention: its page then has a map and a table."""
    write(root / "content", "pilots/houten/interventions.yml",
          "- {id: a, type: meeting, title: Iets, date: 2019-03-01, "
          "location: {lat: 52.03, lon: 5.17}" + extra + "}\n")


def body(root: Path, text: str, rel: str = "stories/een/nl.md") -> None:
    (root / "content" / rel).write_text(f"---\ntitle: Een verhaal\n---\n{text}", encoding="utf-8")


def picture(root: Path, name: str, size: tuple[int, int], rel: str = "stories/een",
            colour: tuple[int, int, int] = (200, 40, 40)) -> None:
    Image.new("RGB", size, colour).save(root / "content" / rel / name)


# -- site.yml: locales -------------------------------------------------------------

@pytest.mark.slow
def test_a_locale_babel_does_not_know_is_refused_by_check_and_build(hostile: Path):
    add(hostile, "site.yml", "locales: {nl: xx_YY}\n")
    with_intervention(hostile)  # the map's table writes coordinates in the locale
    found = refused(hostile, "content/site.yml:4", '"xx_YY" is not a locale for the language nl')
    assert "nl_BE" in found and "nl_NL" in found  # the hint says what is accepted
    refused_by_the_command(hostile, "site.yml:4", "xx_YY")


@pytest.mark.parametrize("locales,needle", [
    ("{nl: de_DE}", '"de_DE" is not a locale for the language nl'),  # known, but German
    ("{en: zz}", '"zz" is not a locale for the language en'),
    ("{nl: nl_US}", '"nl_US" is not a locale for the language nl'),
    ("{de: de_DE}", '"de" is not one of the site\'s languages (nl, en).'),
    ('{nl: ""}', "is not a locale"),
    ('{nl: "../x"}', "is not a locale"),
])
def test_odd_locales_are_refused_with_the_line(hostile: Path, locales: str, needle: str):
    add(hostile, "site.yml", f"locales: {locales}\n")
    one_problem(problems_of(hostile), "content/site.yml:4", needle)


def test_a_locale_of_the_language_is_accepted(hostile: Path):
    add(hostile, "site.yml", "locales: {nl: nl_BE, en: en}\n")
    assert problems_of(hostile) == []


# -- images that no page can show ------------------------------------------------

@pytest.mark.slow
def test_an_image_too_tall_for_webp_is_refused_by_check_and_build(hostile: Path):
    picture(hostile, "lang.png", (2, 40000))
    body(hostile, "Tekst.\n\n![Een smalle strook](lang.png)\n")
    refused(hostile, "stories/een/nl.md:6", "lang.png is 2 × 40000 pixels",
            "too narrow for its height")
    refused_by_the_command(hostile, "stories/een/nl.md:6", "2 × 40000")


@pytest.mark.slow
@pytest.mark.parametrize("size,needle", [
    ((40000, 2), "too low for its width"),
    ((20000, 10), "too low for its width"),  # the widest variant would be 1 px high
    ((1, 1), "only 1 × 1 pixels"),
    ((1, 16384), "too narrow for its height"),
])
def test_an_image_too_thin_or_small_to_show_is_refused(hostile: Path, size, needle):
    picture(hostile, "strook.png", size)
    add(hostile, "stories/een/meta.yml", "cover: {file: strook.png, alt: Een strook}\n")
    refused(hostile, "stories/een/meta.yml:7", "strook.png", needle)


def test_check_and_build_ask_the_same_function(hostile: Path, monkeypatch):
    picture(hostile, "foto.png", (1300, 800))
    body(hostile, "![Een foto](foto.png)\n")
    assert problems_of(hostile) == []
    monkeypatch.setattr(pipeline, "MIN_SIDE", 1000)  # the pipeline's rule, nothing else
    one_problem(problems_of(hostile), "stories/een/nl.md:4", "foto.png is 1300 × 800",
                "less than 1000 pixels high")


def test_a_panorama_loses_only_the_variants_too_low_to_see():
    rendition = plan(Source(Path("pano.jpg"), "ab" * 32, 4000, 100, False))
    assert [(v.width, v.height) for v in rendition.of("webp")] == [(960, 24), (1600, 40)]
    with pytest.raises(Unshowable) as caught:
        plan(Source(Path("streep.jpg"), "ab" * 32, 20000, 10, False))
    assert caught.value.reason == "flat"
    for width, height in ((3, 40000), (1000, 17000), (16, 16), (40000, 16)):
        try:
            variants = plan(Source(Path("x.png"), "ab" * 32, width, height, False)).variants
        except Unshowable:
            continue
        assert all(16 <= v.width <= 16383 and 16 <= v.height <= 16383 for v in variants)


# -- numbers far too long -------------------------------------------------------------

BIG = "1" * 5000


@pytest.mark.parametrize("rel,old,new,line", [
    ("pilots/houten/meta.yml", "lat: 52.028", f"lat: {BIG}", 3),
    ("pilots/houten/meta.yml", "lat: 52.028", f"lat: {BIG}.5", 3),
    ("pilots/houten/meta.yml", "status: finished", f"status: finished\norder: {BIG}", 6),
    ("pilots/houten/meta.yml", "status: finished", f"status: finished\norder: 0x{'f' * 5000}", 6),
    ("site.yml", "languages:", f"images: {{max_megapixels: {BIG}}}\nlanguages:", 2),
])
def test_a_number_of_thousands_of_digits_is_a_content_problem(hostile: Path, rel, old, new,
                                                              line):
    replace(hostile, rel, old, new)
    one_problem(problems_of(hostile), f"content/{rel}:{line}", "this number is far too long")


@pytest.mark.slow
def test_a_year_of_thousands_of_digits_is_refused_by_check_and_build(hostile: Path):
    write(hostile / "content", "publications.yml", f"- title: Een rapport\n  year: {BIG}\n")
    refused(hostile, "content/publications.yml:2", "this number is far too long")


@pytest.mark.parametrize("value,needle", [
    (f'"{BIG}"', "`year` is far too long a number"),
    ("1.0e+99999", "`year` must be a number"),
])
def test_a_number_written_oddly_is_named_by_its_field(hostile: Path, value, needle):
    write(hostile / "content", "publications.yml", f"- title: Een rapport\n  year: {value}\n")
    one_problem(problems_of(hostile), "content/publications.yml:2", needle)


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan", "1.0e+999999", "1e999999"])
def test_coordinates_that_are_no_numbers_are_refused_with_the_line(hostile: Path, value):
    replace(hostile, "pilots/houten/meta.yml", "lat: 52.028", f"lat: {value}")
    one_problem(problems_of(hostile), "content/pilots/houten/meta.yml:3", "`location.lat`")


def test_a_date_of_thousands_of_digits_is_quoted_short(hostile: Path):
    replace(hostile, "stories/een/meta.yml", "date: 2019-05-10", f"date: {BIG}-05-10")
    found = one_problem(problems_of(hostile), "stories/een/meta.yml:2", "is not a date")
    assert len(found) < 400


def test_an_area_with_a_coordinate_of_thousands_of_digits_is_refused(hostile: Path):
    (hostile / "content/pilots/houten/area.geojson").write_text(
        '{"type": "Point", "coordinates": [' + BIG + ", 52.03]}")
    write(hostile / "content", "pilots/houten/interventions.yml",
          "- {id: a, type: meeting, title: Iets, date: 2019-03-01, area: area.geojson}\n")
    problems = problems_of(hostile)
    one_problem(problems, "pilots/houten/area.geojson", "not [lon, lat] numbers in range")
    assert not [p for p in problems if "bug in the generator" in p]


@pytest.mark.parametrize("geometry", [
    '{"type": "Polygon", "coordinates": [[5.17, 52.03], [5.18, 52.03], [5.18, 52.04]]}',
    '{"type": "Point", "coordinates": [[5.17, 52.03]]}',
    '{"type": "LineString", "coordinates": [5.17, 52.03]}',
    '{"type": "MultiPolygon", "coordinates": [[[5.17, 52.03], [5.18, 52.03]]]}',
])
def test_an_area_nested_as_no_geojson_is_refused(hostile: Path, geometry: str):
    # folium passes it on; Leaflet then fails in the reader's browser, and the map with it
    (hostile / "content/pilots/houten/area.geojson").write_text(geometry)
    write(hostile / "content", "pilots/houten/interventions.yml",
          "- {id: a, type: meeting, title: Iets, date: 2019-03-01, area: area.geojson}\n")
    one_problem(problems_of(hostile), "pilots/houten/area.geojson", "not nested as GeoJSON")


# -- texts a card cannot draw ---------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(title=st.text(st.characters(blacklist_categories=("Cs",)), max_size=200),
       site=st.text(max_size=40))
def test_a_card_is_drawn_whatever_its_texts(title: str, site: str):
    draw(CardSpec(title, site, kicker=title[:20], label=site[:10]))


@pytest.mark.slow
def test_separators_and_controls_in_titles_build(hostile: Path):
    odd = "\\u2029\\x85\\x1c\\x1e\\r\\n\\u2028\\x0b"
    replace(hostile, "site.yml", "title: {nl: Testsite, en: Test site}",
            f'title: {{nl: "Test{odd}site", en: "Test{odd}"}}')
    replace(hostile, "pilots/houten/meta.yml", "status: finished",
            f'status: finished\nphases:\n  - {{start: 2019-01, label: "Fase{odd}"}}')
    write(hostile / "content", "pilots/houten/nl.md", f'---\ntitle: "Hout{odd}en"\n---\nT.\n')
    with_intervention(hostile, f', description: "Wat{odd}er"')
    build(Paths(hostile))
    assert list((hostile / "site/social").glob("*.jpg"))  # a card for the pilot, drawn


# -- images written with invisible characters ----------------------------------------

SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"]


@pytest.mark.parametrize("odd", SEPARATORS)
def test_an_invisible_character_in_alt_text_is_said_as_what_it_is(hostile: Path, odd: str):
    picture(hostile, "foto.png", (400, 300))
    body(hostile, f"Tekst.\n\n![een{odd}foto](foto.png)\n")
    problems = [p.format() for p in all_problems(hostile)]
    assert not [p for p in problems if "<img>" in p or ": error:" in p], problems
    code = f"U+{ord(odd):04X}"
    one_problem(problems, "stories/een/nl.md:6", "warning", "alt text", code)


@pytest.mark.parametrize("odd", [*SEPARATORS, "\r", "\n"])
def test_an_invisible_character_in_an_image_file_name_is_said(hostile: Path, odd: str):
    picture(hostile, "foto.png", (400, 300))
    body(hostile, f"Tekst.\n\n![een foto](fo{odd}to.png)\n")
    problems = problems_of(hostile)
    assert not [p for p in problems if "<img>" in p], problems
    code = f"U+{ord(odd):04X}"
    one_problem(problems, "stories/een/nl.md:6", "file name of the image", code)


@pytest.mark.slow
def test_an_image_with_its_alt_text_over_two_lines_builds(hostile: Path):
    picture(hostile, "foto.png", (400, 300))
    body(hostile, "Tekst.\n\n![een mooie\nfoto van\r\nde wijk](foto.png \"Het\nbijschrift\")\n")
    assert problems_of(hostile, strict=True) == []
    build(Paths(hostile))
    page = (hostile / "site/stories/een/index.html").read_text(encoding="utf-8")
    assert 'alt="een mooie foto van de wijk"' in page and "Het bijschrift" in page


def test_a_line_separator_in_a_text_does_not_move_the_lines_of_images(hostile: Path):
    picture(hostile, "foto.png", (400, 300))
    body(hostile, "Een\u2028zin.\n\n![](foto.png)\n")
    one_problem(problems_of(hostile), "stories/een/nl.md:6", "has no alt text")


# -- file names in two Unicode forms (macOS writes é as e and an accent) -------------

NFC, NFD = "foto-\u00e9.png", "foto-e\u0301.png"


@pytest.mark.slow
@pytest.mark.parametrize("on_disk,in_text", [(NFD, NFC), (NFC, NFD)])
def test_a_file_name_in_either_form_is_the_same_file(hostile: Path, on_disk, in_text):
    picture(hostile, on_disk, (400, 300))
    body(hostile, f"![Een foto]({in_text})\n")
    add(hostile, "stories/een/meta.yml", f'cover: {{file: "{in_text}", alt: Een foto}}\n')
    assert problems_of(hostile) == []
    build(Paths(hostile))
    media = sorted(p.name for p in (hostile / "site/media").iterdir())
    assert media and all(name.startswith("foto-") and name.isascii() for name in media)
    shown = (hostile / "site/stories/een/index.html").read_text(encoding="utf-8")
    assert media[0] in shown


def test_an_area_named_in_the_other_form_is_found(hostile: Path):
    (hostile / "content/pilots/houten" / "gebied-e\u0301.geojson").write_text(
        '{"type": "Point", "coordinates": [5.17, 52.03]}')
    write(hostile / "content", "pilots/houten/interventions.yml",
          "- {id: a, type: meeting, title: Iets, date: 2019-03-01, area: gebied-\u00e9.geojson}\n")
    assert problems_of(hostile) == []


def test_two_files_whose_names_differ_only_in_form_are_refused(hostile: Path):
    picture(hostile, NFC, (400, 300))
    picture(hostile, NFD, (500, 300))
    body(hostile, f"![Een foto]({NFC})\n")
    one_problem(problems_of(hostile), "stories/een/", "two files called foto-\u00e9.png",
                "accented letter")


def test_the_published_name_does_not_depend_on_the_form():
    digest = "ab" * 32
    names = {v.name for form in (NFC, NFD)
             for v in plan(Source(Path(form), digest, 400, 300, False)).variants}
    assert len(names) == len(plan(Source(Path(NFC), digest, 400, 300, False)).variants)


# -- ids: a text may not take the generator's ------------------------------------------

def _ids(path: Path) -> list[str]:
    return [html.unescape(i) for i in re.findall(r'\sid="([^"]*)"', path.read_text("utf-8"))]


def _text_ids(root: Path) -> set[str]:
    """Every id the editors' texts give (rendered as the build renders them)."""
    site, _ = check(Paths(root), drafts=True)
    return {html.unescape(i) for node in site.nodes() for prose in node.prose.values()
            if prose.rendered for i in re.findall(r'\sid="([^"]*)"', prose.rendered.html)}


def test_every_id_of_a_built_page_is_unique_and_the_generators_are_reserved(basic_project):
    texts = _text_ids(basic_project)
    pages = sorted((basic_project / "site").rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        ids = _ids(page)
        twice = [i for i, n in Counter(ids).items() if n > 1]
        assert not twice, f"{page}: {twice}"
        theirs = [i for i in ids if i not in texts and not markup.RESERVED_ID.match(i)]
        assert not theirs, f"{page}: ids outside pl-, pl_ and __: {theirs}"


def test_a_text_may_take_none_of_the_ids_on_the_built_pages(basic_project, tmp_path):
    texts = _text_ids(basic_project)
    generated = sorted({i for page in (basic_project / "site").rglob("*.html")
                        for i in _ids(page) if i not in texts})
    assert {"pl_map_pl0", "pl-map-list", "pl-title", "pl-main", "__drawer"} <= set(generated)
    for start in range(0, len(generated), MOST):  # a text's first MOST problems are listed
        root = make_project(tmp_path / f"ids{start}")
        minimal(root)
        spans = "".join(f'<span id="{i}">x</span>\n' for i in generated[start:start + MOST])
        body(root, "Tekst.\n\n" + spans)
        problems = problems_of(root)
        for i in generated[start:start + MOST]:
            one_problem(problems, "stories/een/nl.md", f"the id '{i}'", "keeps for its own")


@pytest.mark.parametrize("text,line", [('<span id="pl-map-list">x</span>', 6),
                                       ("## Kop {#pl_map_pl0}", 6),
                                       ('<div id="__search">x</div>', 6),
                                       ("Tekst\n{: #pl-title}", 7)])
def test_ids_in_the_generators_space_are_refused_with_the_line(hostile: Path, text, line):
    body(hostile, "Tekst.\n\n" + text + "\n")
    one_problem(problems_of(hostile), f"stories/een/nl.md:{line}",
                "which the site keeps for its own")


def test_an_intervention_description_may_not_take_a_generators_id(hostile: Path):
    with_intervention(hostile, ', description: "Tekst\\n{: #pl_map_pl0}"')
    one_problem(problems_of(hostile), "interventions.yml", "pl_map_pl0", "keeps for its own")


def test_a_heading_never_gets_a_reserved_id_and_links_to_it_work(hostile: Path):
    body(hostile, "## PL-werkplaats\n\n## __init__\n\n[terug](#h-pl-werkplaats)\n")
    assert problems_of(hostile, strict=True) == []
    site, _ = check(Paths(hostile))
    rendered = site.stories["een"].prose["nl"].rendered.html
    assert 'id="h-pl-werkplaats"' in rendered and not markup.RESERVED_ID.match("init")


def test_an_id_given_twice_in_a_text_is_refused(hostile: Path):
    body(hostile, '## Contact\n\nTekst <span id="contact">hier</span>.\n')
    one_problem(problems_of(hostile), "stories/een/nl.md", "the id 'contact' is used twice")


# -- cached files are found by their full hash -----------------------------------------

@pytest.mark.slow
def test_a_file_planted_in_the_store_under_an_images_name_is_not_published(hostile: Path):
    picture(hostile, "foto.png", (700, 500))
    body(hostile, "![Een foto](foto.png)\n")
    build(Paths(hostile))
    short = next(p.name for p in (hostile / "site/media").glob("foto-*-700.webp"))
    published = (hostile / "site/media" / short).read_bytes()
    for entry in (hostile / ".cache/images").glob("*.webp"):  # every entry replaced
        Image.new("RGB", (700, 500), (0, 0, 255)).save(entry, "WEBP")
    (hostile / ".cache/images" / short).write_bytes(b"planted")  # and the short name planted
    build(Paths(hostile))
    assert (hostile / "site/media" / short).read_bytes() == published
    with Image.open(hostile / "site/media" / short) as shown:
        assert shown.convert("RGB").getpixel((10, 10))[0] > 150  # the red photo, not the blue


def test_two_images_may_not_share_a_published_name(hostile: Path, monkeypatch):
    def colliding(path: Path) -> str:  # what 2^40 tries find: the same first 40 bits
        return "0123456789" + hashlib.sha256(path.read_bytes()).hexdigest()[10:]

    monkeypatch.setattr(probe, "digest_of", colliding)
    picture(hostile, "foto.png", (400, 300))
    picture(hostile, "foto.png", (400, 300), rel="pilots/houten", colour=(0, 0, 255))
    body(hostile, "![Een foto](foto.png)\n")
    body(hostile, "![Een andere foto](foto.png)\n", rel="pilots/houten/nl.md")
    one_problem(problems_of(hostile), "foto.png would be published under the same name")


def test_cards_and_map_scripts_are_named_by_their_full_hash(basic_site):
    cards = [p.name for p in (basic_site / "social").glob("*.jpg")]
    scripts = [p.name for p in basic_site.rglob("pl-map-*.js")]
    assert cards and all(re.fullmatch(r"[0-9a-f]{64}\.jpg", n) for n in cards)
    assert scripts and all(re.fullmatch(r"pl-map-[0-9a-f]{64}\.js", n) for n in scripts)


# -- links the built site's check would refuse: refused by `check --strict` first ----

@pytest.mark.slow
@pytest.mark.parametrize("href", ["../../media/foto-0123456789-480.webp", "../../social/x.jpg",
                                  "../../vendor/leaflet/nope.js", "../../#nergens",
                                  "../#nergens", "../../pilots/#nergens", "../../search/#x"])
def test_a_link_the_built_site_would_refuse_is_refused_by_the_check(hostile: Path, href):
    body(hostile, f"Zie [dit]({href}).\n")
    one_problem(problems_of(hostile, strict=True), "stories/een/nl.md:4", "broken link")
    with pytest.raises(ContentError):
        build(Paths(hostile), strict=True)
    assert (hostile / "site/index.html").read_text() == PUBLISHED


@pytest.mark.slow
def test_a_link_to_a_section_the_generator_makes_builds_strictly(hostile: Path):
    with_intervention(hostile)
    body(hostile, "Zie [de kaart](../../pilots/houten/#pl-map).\n")
    assert problems_of(hostile, strict=True) == []
    build(Paths(hostile), strict=True)


# -- dates and tiles -------------------------------------------------------------------

def test_a_phase_that_ends_before_it_starts_is_refused(hostile: Path):
    replace(hostile, "pilots/houten/meta.yml", "status: finished",
            "status: finished\nphases:\n  - {start: 2019-06, end: 2019-05, label: Terug}")
    one_problem(problems_of(hostile), "pilots/houten/meta.yml:7",
                "the end (2019-05) is before the start (2019-06)")


def test_a_tile_provider_served_over_http_is_refused(hostile: Path):
    add(hostile, "site.yml", "map: {tiles: Esri.ArcticImagery}\n")
    one_problem(problems_of(hostile), "content/site.yml:4", "over http only")


# -- a property: whatever the check accepts, the stages after it can make ------------

def _quoted(text: str) -> str:
    """Any text as a YAML double-quoted string on one line."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}"
                         for c in text) + '"'


def _when(day, precision: int) -> str:
    return day.isoformat()[:(4, 7, 10)[precision]]


DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31))
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40).filter(
    lambda s: s.strip())
SPANS = st.tuples(DAYS, DAYS, st.integers(0, 2), st.booleans())


@st.composite
def _content(draw) -> dict:
    return {"title": draw(TEXTS), "label": draw(TEXTS), "status": draw(st.sampled_from(
        ["planned", "running", "finished", "unknown"])), "period": draw(SPANS),
            "phases": draw(st.lists(st.tuples(SPANS, TEXTS), max_size=4)),
            "project": draw(st.one_of(st.none(), SPANS)),
            "interventions": draw(st.lists(st.tuples(SPANS, TEXTS, st.floats(-0.01, 0.01),
                                                     st.floats(-0.01, 0.01)), max_size=6)),
            "story": draw(st.tuples(DAYS, st.integers(0, 2), TEXTS, st.sampled_from(
                ["article", "map-story", "photo-story"]))), "zoom": draw(st.integers(1, 19))}


def _span(span) -> str:
    start, end, precision, open_ = span
    start, end = sorted((start, end))
    return ("{start: %s}" % _when(start, precision) if open_ else
            "{start: %s, end: %s}" % (_when(start, precision), _when(end, precision)))


def _write_content(root: Path, c: dict) -> None:
    content = root / "content"
    if c["project"]:
        add(root, "site.yml", f"period: {_span(c['project'])}\n")
    phases = "".join(f"\n  - {_span(span)[:-1]}, label: {_quoted(label)}}}"
                     for span, label in c["phases"])
    replace(root, "pilots/houten/meta.yml", "period: {start: 2019-01, end: 2019-11}\n"
            "status: finished", f"period: {_span(c['period'])}\nstatus: {c['status']}"
            + (f"\nphases:{phases}" if phases else ""))
    write(content, "pilots/houten/nl.md", f"---\ntitle: {_quoted(c['title'])}\n---\n"
          f"## {c['label']}\n\n{c['title']}\n")
    write(content, "pilots/houten/interventions.yml", "".join(
        f"- {{id: i{n}, type: meeting, title: {_quoted(title)}, period: {_span(span)}, "
        f"description: {_quoted(title)}, location: {{lat: {52.028 + dy}, lon: {5.168 + dx}}}}}\n"
        for n, (span, title, dy, dx) in enumerate(c["interventions"])) or "[]\n")
    day, precision, title, form = c["story"]
    replace(root, "stories/een/meta.yml", "date: 2019-05-10\nformat: article",
            f"date: {_when(day, precision)}\nformat: {form}\nlocation: {{lat: 52.03, lon: 5.17}}"
            f"\nchapters:\n  - {{location: {{lat: 52.03, lon: 5.17}}, zoom: {c['zoom']}}}")
    for lang in ("nl", "en"):
        write(content, f"stories/een/{lang}.md", f"---\ntitle: {_quoted(title)}\nquote: "
              f"{_quoted(title)}\n---\n## {c['label']}\n\n{title}\n")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(c=_content())
def test_what_the_check_accepts_the_pages_maps_and_cards_can_be_made_of(tmp_path_factory, c):
    root = make_project(tmp_path_factory.mktemp("parity") / "p")
    minimal(root)
    _write_content(root, c)
    index = ImageIndex(None)
    site, problems = check(Paths(root), images=index)
    if site is None or problems.errors:
        return  # refused with a reason: nothing further runs
    visuals = SiteVisuals(site, root / ".cache")
    planner = ImagePlanner(root / ".cache/images", index)
    pages = [page for lang in site.languages
             for page in emit_language(site, lang, planner, visuals).pages.values()]
    visuals.draw([page.card for page in pages if page.card])
    visuals.texts()
    planner.process()
