"""Unit tests of the site stage (generator.site): prose, geography, references,
consent, texts, map settings, on records made in memory."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.content.fields import Location
from generator.content.kinds import PARTNERS, PILOTS
from generator.content.problems import Problems
from generator.site import prose as markup
from generator.site.resolve import included
from generator.site.geo import area_points, check_near, distance_km, geometry_centre, read_geometry
from generator.site.mapsettings import UnknownTiles, icon_file, resolve_tiles
from generator.site.references import References
from generator.site.texts import check_markup, explain_offence
from records import pilot, prose


def test_markdown_is_rendered_and_cleaned():
    rendered = markup.render("## Kop\n\nTekst [link](https://x.org) <abbr title=\"a\">b</abbr>")
    assert '<h2 id="kop">Kop</h2>' in rendered.html and rendered.offences == ()
    assert '<a href="https://x.org">link</a>' in rendered.html


def test_what_the_cleaner_removes_is_named():
    rendered = markup.render('<p onclick="x">a</p>\n\n<script>b</script>\n\n[c](javascript:d)')
    kinds = sorted((o.kind, o.name) for o in rendered.offences)
    assert kinds == [("attribute", "onclick"), ("link", "javascript:d"), ("tag", "script")]
    assert "script" not in rendered.html and "onclick" not in rendered.html


def test_images_become_tokens_only_outside_code():
    analysis = markup.analyse(markup.Text("![a](x.jpg)\n\n`![b](y.jpg)`\n"))
    assert [i.src for i in analysis.images] == ["x.jpg"]
    assert analysis.rendered.token(0) in analysis.rendered.html
    assert "<code>![b](y.jpg)</code>" in analysis.rendered.html


def test_the_scheme_of_a_link_is_read_as_a_browser_reads_it():
    assert not markup.url_allowed("\x01java\tscript:alert(1)")
    assert markup.url_allowed("../ander-verhaal/") and markup.url_allowed("mailto:a@b.nl")
    assert not markup.url_allowed("data:text/html,x")


def test_offences_are_reported_at_their_line():
    text = prose("nl", "T", "Regel een.\n\nRegel <b onclick=x>twee</b>.\n")
    problems = Problems()
    check_markup(text, problems)
    assert [(p.line, "onclick" in p.message) for p in problems.items] == [(6, True)]


def test_every_offence_has_words_for_editors():
    for kind, tag, name in (("tag", "img", "img"), ("tag", "iframe", "iframe"),
                            ("tag", "marquee", "marquee"), ("attribute", "p", "onload"),
                            ("attribute", "p", "style"), ("link", "a", "javascript:x"),
                            ("depth", "", "nesting"), ("class", "div", "x"),
                            ("reference", "img", "x.jpg")):
        message, hint = explain_offence(markup.Offence(kind, tag, name, name))
        assert message and hint


def test_sections_split_at_top_level_headings_only():
    html = markup.render("Intro\n\n## Een\n\na\n\n<details><summary>s</summary>\n\n## Binnen\n\n"
                         "</details>\n\n## Twee\n\nb\n").html
    intro, sections = markup.split_sections(html)
    assert intro.startswith("<p>Intro") and [h for h, _ in sections][0].startswith("<h2")
    assert len(sections) == 2
    # a video's player (written into the body before it is split) has <track>s, which no
    # end tag closes
    player = '<video controls><source src="a.mp4"><track kind="captions" src="a.vtt"></video>'
    assert len(markup.split_sections(f"{player}<h2>Een</h2><p>a</p>")[1]) == 1


def test_sections_are_the_h2_headings_markdown_renders():
    # a map story's chapters are counted by these and made by split_sections: the same H2s
    body = "Intro\n\n## Een\n\na\n\n##Twee\n\nb\n\nDrie\n---\n\nc\n"
    analysis = markup.analyse(markup.Text(body))
    assert markup.chapters(analysis.rendered.html) == ("Een", "Twee", "Drie")
    assert len(markup.split_sections(analysis.rendered.html)[1]) == 3


def test_sections_are_counted_from_the_html_the_page_is_split_from():
    # an <h2> written in HTML is a section; an underline under indented code is a
    # rule; an <h2> inside a block is not split at
    body = ("Intro\n\n<h2>Een &amp; <em>twee</em></h2>\n\na\n\n    code\n---\n\n"
            "<div markdown=\"1\">\n## Binnen\n</div>\n\nDrie\n---\n")
    analysis = markup.analyse(markup.Text(body))
    assert markup.chapters(analysis.rendered.html) == ("Een & twee", "Drie")
    assert len(markup.split_sections(analysis.rendered.html)[1]) == 2
    assert [h.title for h in analysis.headings if h.level == 2] == ["", "Binnen", "Drie"]


def test_geometry_keeps_numbers_only():
    geometry, error = read_geometry('{"type": "Feature", "geometry": {"type": "Point", '
                                    '"coordinates": [5.1, 52.0, "{{7*7}}"]}}', "a.geojson")
    assert error is None and geometry == {"type": "Point", "coordinates": [5.1, 52.0]}
    _, error = read_geometry('{"type": "Point", "coordinates": [500, 52]}', "a.geojson")
    assert "in range" in error[1]
    _, error = read_geometry("{not json", "a.geojson")
    assert "not valid JSON" in error[1]


def test_areas_are_measured():
    square = {"type": "Polygon", "coordinates": [[[5, 52], [6, 52], [6, 53], [5, 52]]]}
    assert geometry_centre(square) == (52.5, 5.5) and area_points(square) == 4
    assert area_points(None) == 0


def test_far_away_and_swapped_locations_are_reported():
    home, problems = pilot(), Problems()
    check_near(Location(lat=52.03, lon=5.17), home, Path("i.yml"), 3, "this", problems)
    check_near(Location(lat=5.17, lon=52.03), home, Path("i.yml"), 4, "that", problems)
    assert len(problems.items) == 1 and "swapped" in problems.items[0].hint
    assert round(distance_km(52.0, 5.0, 53.0, 5.0)) == 111


def test_references_find_published_records_and_name_unknown_ones():
    content = SimpleNamespace(bundles={"pilots": {"houten": 1, "draft": 2}})
    houten, problems = pilot(), Problems()
    refs = References(content, {"pilots": {"houten": houten}}, problems)
    found = refs.named(["houten", "draft", "hoten"], PILOTS, Path("m.yml"), None, "pilots", 5)
    assert found == [houten] and len(problems.items) == 1
    assert 'Did you mean "houten"?' in problems.items[0].message
    assert refs.exists(PILOTS, "draft") and not refs.exists(PARTNERS, "houten")


def test_drafts_take_part_only_when_asked_for():
    bundle = SimpleNamespace(meta=SimpleNamespace(draft=True))
    assert not included(bundle, False) and included(bundle, True)
    assert not included(SimpleNamespace(meta=None), True)


def test_tiles_and_icons_by_name():
    tiles = resolve_tiles("OpenStreetMap.Mapnik")
    assert tiles.origins() == ["https://tile.openstreetmap.org"]
    with pytest.raises(UnknownTiles):
        resolve_tiles("No.Such.Provider")
    assert icon_file("users") is not None and icon_file("../../etc/passwd") is None


def test_marks_and_tokens_stay_out_of_titles_ids_and_headings():
    # an image in a map story's chapter title, raw HTML in a heading, `<h3>` as code
    from unit.records import prose

    story = prose("nl", "Kaart", "Intro\n\n## ![haven](haven.jpg) De haven\n\nTekst.\n")
    assert story.sections == ("De haven",)
    titles = markup.analyse(markup.Text("Tom &amp; Jerry\n===\n\n# a <h3>b</h3>\n")).headings
    assert [h.title for h in titles] == ["Tom & Jerry", "a b", ""]
    analysis = markup.analyse(markup.Text("# a `<h3>` b\n\nTekst.\n"))
    assert [(h.level, h.line) for h in analysis.headings] == [(1, 1)]
