"""Unit tests of maps, timelines and social cards (generator.visuals)."""

from __future__ import annotations

import json

from generator.content.language import Lang
from generator.emit.context import LangSite, PageCtx
from generator.site.mapsettings import resolve_tiles
from generator.content.store import Store
from generator.visuals.maps import folium_map as fm
from generator.site.model import Shown
from generator.visuals.maps import MAPS
from generator.visuals.timeline import Span, current_phase
from records import pilot, site, story


def _map(title: str):
    m = fm.new_map(resolve_tiles("OpenStreetMap.Mapnik"), (52.0, 5.1), 12)
    group = fm.layer(m, "Laag")
    fm.marker(group, (52.0, 5.1), "pl-marker--story", title, f"<p>{title}</p>")
    fm.layer_control(m)
    return m


def test_a_map_script_is_a_table_of_texts_and_code_that_refers_to_it(tmp_path):
    rendered = fm.render(_map("qq{{ 6*7 }}qq"), Store(tmp_path))
    table, code = rendered.script.split("\n", 1)
    texts = json.loads(table[len("var pl_texts="):-1])
    assert "qq{{ 6*7 }}qq" in texts and "qq" not in code and "42" not in code
    assert "title:pl_texts[" in code and "L.control.layers" in code


def test_maps_that_differ_only_in_texts_share_one_drawing(tmp_path):
    fm.render(_map("een"), Store(tmp_path))
    fm.render(_map("twee"), Store(tmp_path))
    assert len(list(tmp_path.glob("*.json"))) == 1


def test_a_damaged_drawing_in_the_store_is_drawn_again(tmp_path):
    first = fm.render(_map("een"), Store(tmp_path))
    stored = next(tmp_path.glob("*.json"))
    stored.write_bytes(stored.read_bytes()[:40])  # truncated, as by a full disk
    assert fm.render(_map("een"), Store(tmp_path)) == first


def test_only_references_reach_folium():
    import pytest

    from generator.visuals.maps.draw import draw

    m = _map("een")
    fm.area(m, {"type": "Point", "coordinates": [5.1, 52.0]}, "#17506b", "een", "<p>een</p>")
    m.sketch[-1][-1] = "alert(1)"  # the area's popup: a text where a reference belongs
    with pytest.raises(ValueError):
        draw(m.sketch)


def test_the_texts_table_is_inert_in_html(tmp_path):
    rendered = fm.render(_map("</script><script>alert(1)</script>"), Store(tmp_path))
    assert "</script>" not in rendered.script and "<" not in rendered.script.split("\n", 1)[0]


def _ctx(lang: str = "nl") -> PageCtx:
    houten = pilot()
    story("een", houten)
    return PageCtx(LangSite(site([houten]), Lang(lang, "nl" if lang == "nl" else "en_GB"), None),
                   "pilots/houten/")


def test_every_marker_goes_into_one_cluster_and_a_layer_takes_its_own_out(tmp_path):
    m = fm.new_map(resolve_tiles("OpenStreetMap.Mapnik"), (52.0, 5.1), 12)
    layer = fm.layer(m, "Laag")
    fm.marker(layer, (52.0, 5.1), "pl-marker--story", "een")
    fm.marker(m, (52.0, 5.1), "pl-marker--story", "twee")
    code = fm.render(m, Store(tmp_path)).script
    assert code.count("L.markerClusterGroup(") == 1 and "disableClusteringAtZoom" not in code
    assert "layer_pl4.pl_m.push(L.marker(" in code and "cluster_pl3.pl_m.push(L.marker(" in code
    assert "removeLayers(l.pl_m)" in code and "cluster_pl3.addTo(pl_map_pl0)" in code


def test_legend_and_table_escape_their_texts():
    c = _ctx()
    assert "<span>&lt;b&gt;</span>" in c.part(MAPS, "legend", [("pl-marker--x", Shown("<b>", "nl"))],
                                              True)
    html = str(c.part(MAPS, "pilots_table", [pilot(place="<Houten>")]))
    assert "<td>&lt;Houten&gt;</td>" in html and html.count("<tr>") == 2


def test_timelines_place_days_on_a_span():
    import datetime as dt

    span = Span(dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert span.percent(dt.date(2019, 1, 1)) == 0 and span.percent(dt.date(2020, 6, 1)) == 100
    running = pilot(status="running", phases=[{"start": "2019-01", "label": "A"},
                                              {"start": "2019-06", "label": "B"}])
    assert current_phase(running, dt.date(2019, 7, 1)) == 1
    assert current_phase(pilot(), dt.date(2019, 7, 1)) is None


def test_a_page_is_shared_with_its_cover_or_a_drawn_card(tmp_path):
    from generator.visuals import SiteVisuals

    houten = pilot()
    told = story("een", houten, example=True)
    c = PageCtx(LangSite(site([houten], [told]), Lang("nl", "nl"), None), "stories/een/")
    social_image = SiteVisuals(c.ls.site, tmp_path).social
    shared = social_image(c, told, "")  # no cover here: a card with the title
    assert shared.card is not None and shared.card.title == "Een verhaal"
    assert shared.path == f"social/{shared.card.name}" and (shared.width, shared.height) == (1200, 630)
    assert social_image(c, houten, "").card.kicker == "Pilot"


def test_the_project_timeline_draws_only_what_is_known_with_a_legend_and_years():
    from bs4 import BeautifulSoup

    from generator.visuals.timeline import project_timeline

    known = pilot()  # January - November 2019
    guessed = pilot("abroad", country="FI", place=None, period={"start": "2015-01"},
                    approximate=["period"], status="unknown")  # only a guess, no end
    rough = pilot("rough", period={"start": "2018-01", "end": "2020-06"}, approximate=["period"])
    project = site([known, guessed, rough], period={"start": "2018-01-01", "end": "2020-12-31"})
    for code, words in (("nl", ("Periode niet bekend", "Gestreepte balk")),
                        ("en", ("Period not known", "Striped bar"))):
        c = PageCtx(LangSite(project, Lang(code, "nl" if code == "nl" else "en_GB"), None), "")
        html = BeautifulSoup(str(project_timeline(c)), "html.parser")
        rows = {li.a.get("href"): li for li in html.select(".pl-gantt__row")}
        abroad = next(li for href, li in rows.items() if "abroad" in href)
        assert abroad.select(".pl-gantt__bar") == [] and abroad.select(".pl-gantt__track") == []
        assert abroad.select_one(".pl-gantt__dates").get_text() == words[0]
        assert len(html.select(".pl-gantt__bar")) == 2
        assert len(html.select(".pl-gantt__row .pl-gantt__bar--approximate")) == 1  # the rough one
        assert words[1] in html.select_one(".pl-gantt__legend").get_text()
        # the axis names the years, from the project's start: a guessed start stretches nothing
        years = [y.get_text() for y in html.select(".pl-gantt__axis .pl-gantt__year")]
        assert years == ["2018", "2019", "2020"]


def test_the_project_timeline_has_no_legend_without_a_striped_bar():
    from generator.visuals.timeline import project_timeline

    project = site([pilot()], period={"start": "2018-01-01", "end": "2020-12-31"})
    html = str(project_timeline(PageCtx(LangSite(project, Lang("en", "en_GB"), None), "")))
    assert "pl-gantt__bar" in html and "pl-gantt__legend" not in html
