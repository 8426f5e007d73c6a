"""Maps: self-hosted, escaped, deterministic, with text alternatives and open
data; drawn in headless Chromium with nothing but the local server reachable."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from browser import DESKTOP, PHONE, open_page, wait_until
from generator.build import Paths, build
from helpers import make_project, minimal, page, site_files, soup, write

CDN = re.compile(r"cdn\.jsdelivr|code\.jquery|bootstrapcdn|cdnjs|unpkg\.com|fonts\.googleapis|"
                 r"maxcdn|fontawesome-free")
LOADS = re.compile(r"<(?:script|img|source|iframe)\b[^>]*\b(?:src|srcset)=\"(?:https?:)?//"
                   r"|<link\b[^>]*rel=\"(?:stylesheet|preload|icon|preconnect|modulepreload)\"[^>]*"
                   r"href=\"(?:https?:)?//|url\(\s*[\"']?(?:https?:)?//")


def _map_script(site: Path, url: str) -> str:
    html = soup(page(site, url))
    src = [s["src"] for s in html.find_all("script", src=True) if "pl-map-" in s["src"]]
    assert len(src) == 1, src
    return (page(site, url).parent / src[0]).read_text()


def test_every_map_asset_is_served_by_the_site(basic_site):
    for rel, data in site_files(basic_site).items():
        if rel.endswith((".html", ".js", ".css")) and not rel.startswith(("assets/javascripts",
                                                                          "en/assets/javascripts")):
            text = data.decode("utf-8", "replace")
            assert not CDN.search(text), rel
            assert "user-scalable=no" not in text, rel
            if rel.endswith((".html", ".css")):
                assert not LOADS.search(text), (rel, LOADS.search(text))
    html = soup(page(basic_site, "pilots/alfa/"))
    for tag in html.select(".pl-mapblock script[src], .pl-mapblock link[href]"):
        ref = tag.get("src") or tag.get("href")
        assert not ref.startswith(("http:", "https:", "//")), ref
        assert (page(basic_site, "pilots/alfa/").parent / ref).resolve().is_file(), ref
    assert "Leaflet" in soup(page(basic_site, "licences/")).get_text()
    assert "BSD 2-Clause" in soup(page(basic_site, "en/licences/")).get_text()


def test_pilot_map_has_legend_layers_and_a_text_alternative(basic_site):
    html = soup(page(basic_site, "pilots/alfa/"))
    block = html.select_one(".pl-mapblock")
    assert block.select_one(".pl-map[role=region]")["aria-label"] == "Kaart van wat er gebeurde in Nieuwegein"
    legend = [li.get_text(strip=True) for li in block.select(".pl-legend li")]
    assert legend == ["Bijeenkomst", "Afval", "Verhalen"]
    skip = block.select_one("a.pl-skip")["href"]
    table = html.select_one(skip + " table")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.tbody.find_all("tr")]
    by_title = {row[1]: row for row in rows}
    meeting = by_title["Gesprek in de buurtkamer"]
    assert meeting[0] == "Bijeenkomst" and meeting[2] == "14 maart 2019"
    assert "52,031° N, 5,083° O" in meeting[3] and meeting[4] == "Het eerste verhaal"
    area = by_title["Containers open"]
    assert area[2] == "oktober 2019 – maart 2020" and "gebied" in area[3]
    assert any("bij benadering" in row[3] for row in rows)
    assert "Verhaal" in [row[0] for row in rows]  # stories with a location are listed too
    script = _map_script(basic_site, "pilots/alfa/")
    for label in ("Bijeenkomst", "Afval", "Verhalen"):
        assert label in script  # one layer per type in the layer control
    assert "L.markerClusterGroup" in script and "L.control.layers" in script


def _texts_and_code(script: str) -> tuple[list[str], str]:
    """Splits a map script into its table of texts and folium's code."""
    table, code = script.split("\n", 1)
    assert table.startswith("var pl_texts=") and table.endswith(";")
    return json.loads(table[len("var pl_texts="):-1]), code


def test_popups_and_titles_are_escaped_in_scripts(basic_site):
    script = _map_script(basic_site, "pilots/alfa/")
    assert "<" not in script and ">" not in script.split("\n", 1)[0]
    texts, code = _texts_and_code(script)
    # every text is in the table; the code only refers to it
    assert "Vijandig" not in code and "title:pl_texts[" in code
    assert "Vijandig </script><script>alert('x')" in "".join(texts)  # a title: plain text
    popups = [t for t in texts if t.startswith('<div class="pl-popup">')]
    assert any("<strong>Vijandig &lt;/script&gt;&lt;script&gt;alert(&#x27;x&#x27;)" in t
               for t in popups)  # popups are HTML in which every YAML string is escaped
    assert any("alert(4)" in t for t in popups) and not any("<script>alert(4)" in t for t in popups)
    assert any("<strong>vet</strong>" in t for t in popups)  # descriptions: Markdown, no raw HTML
    assert "$(" not in code and "jQuery" not in code


def test_open_data(basic_site):
    data = json.loads((basic_site / "data/pilots/alfa.geojson").read_text())
    assert data["type"] == "FeatureCollection" and data["licence"] == "CC BY 4.0"
    features = {f["id"]: f for f in data["features"]}
    meeting = features["alfa/gesprek-buurtkamer"]
    assert meeting["geometry"] == {"type": "Point", "coordinates": [5.083, 52.031]}
    props = meeting["properties"]
    assert props["title_nl"] == "Gesprek in de buurtkamer"
    assert props["title_en"] == "Meeting in the neighbourhood living room"
    assert props["type"] == "meeting" and props["date"] == "2019-03-14"
    assert props["stories"] == ["eerste-verhaal"]  # the consent-less story is not named
    assert features["alfa/containers-open"]["geometry"]["type"] == "Polygon"
    assert features["alfa/containers-open"]["properties"]["start"] == "2019-10"
    everything = json.loads((basic_site / "data/interventions.geojson").read_text())
    assert len(everything["features"]) == len(data["features"])
    link = soup(page(basic_site, "en/pilots/alfa/")).select_one(".pl-download a")
    assert link["href"] == "../../../data/pilots/alfa.geojson"


def test_map_story_reads_as_an_article_with_places(basic_site):
    html = soup(page(basic_site, "stories/kaartverhaal/"))
    chapters = html.select("section.pl-chapter")
    assert [c["id"] for c in chapters] == ["pl-chapter-1", "pl-chapter-2"]
    assert chapters[1]["data-zoom"] == "17" and chapters[1].h2.get_text() == "De flat"
    assert "Plaats:" in chapters[0].get_text() and "Het plein (52,029° N, 5,081° O)" in chapters[0].get_text()


@pytest.mark.slow
def test_builds_are_byte_identical(tmp_path):
    """Two clean builds, in separate processes with different hash seeds."""
    import os
    import subprocess
    import sys

    from helpers import FIXTURES

    sites = []
    for name, seed in (("a", "1"), ("b", "2")):
        root = make_project(tmp_path / name, FIXTURES / "basic" / "content")
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "build"], cwd=root,
                                env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        sites.append(site_files(root / "site"))
    a, b = sites
    assert sorted(a) == sorted(b)
    different = [rel for rel in a if a[rel] != b[rel]]
    assert different == []


@pytest.mark.slow
def test_a_thousand_interventions_stay_under_one_and_a_half_megabytes(project):
    content = minimal(project)
    lines = []
    for i in range(1000):
        lines.append(f"- id: punt-{i}\n  type: meeting\n  title: {{nl: \"Bijeenkomst nummer {i} in de wijk\", "
                     f"en: \"Meeting number {i} in the neighbourhood\"}}\n"
                     f"  description: {{nl: \"Bewoners spraken over **afval** en groen.\", "
                     f"en: \"Residents talked about **litter** and green space.\"}}\n"
                     f"  date: 2019-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
                     f"  location: {{lat: {52.0 + (i % 40) * 0.001:.4f}, lon: {5.15 + (i // 40) * 0.001:.4f}}}\n")
    write(content, "pilots/houten/interventions.yml", "".join(lines))
    build(Paths(project))
    site = project / "site"
    html = page(site, "pilots/houten/")
    total = html.stat().st_size + len(_map_script(site, "pilots/houten/").encode())
    total += (site / "data/pilots/houten.geojson").stat().st_size
    assert total < 1_500_000, total


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_maps_draw_with_only_the_local_server(browser, basic_server, viewport):
    page_, visit = open_page(browser, basic_server, "pilots/alfa/", viewport)
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    markers = page_.locator(".pl-map .pl-marker").count()
    assert markers >= 3
    assert page_.locator(".pl-map path.leaflet-interactive").count() >= 1  # the area
    # open a popup from the keyboard (a pointer click may land on a map control on a phone)
    page_.locator(".pl-map .leaflet-marker-pane .pl-marker >> visible=true").first.focus()
    page_.keyboard.press("Enter")
    page_.wait_for_selector(".leaflet-popup-content", state="visible", timeout=10000)
    assert all("tile.openstreetmap.org" in url for url in visit.outside), visit.outside
    assert visit.failed == [] and visit.console == []
    page_.context.close()


@pytest.mark.browser
def test_map_story_follows_the_chapters(browser, basic_server):
    page_, visit = open_page(browser, basic_server, "en/stories/kaartverhaal/", PHONE)
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    name = page_.locator(".pl-mapstory [data-pl-map]").get_attribute("id")
    page_.locator("#pl-chapter-2 h2").scroll_into_view_if_needed()
    page_.evaluate("window.scrollBy(0, 1)")
    wait_until(page_, f"window.{name} && Math.abs(window.{name}.getCenter().lat - 52.032) < 0.001"
                      f" && window.{name}.getZoom() === 17")
    page_.locator("#pl-chapter-1 h2").evaluate("h => { h.tabIndex = -1; h.focus(); }")
    wait_until(page_, f"Math.abs(window.{name}.getCenter().lat - 52.029) < 0.001")
    assert visit.console == [] and visit.failed == []
    page_.context.close()


@pytest.mark.browser
def test_keyboard_reaches_and_leaves_the_map(browser, basic_server):
    page_, _ = open_page(browser, basic_server, "pilots/alfa/")
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    seen = []
    for _ in range(80):
        page_.keyboard.press("Tab")
        seen.append(page_.evaluate(
            "(() => { const e = document.activeElement; const m = e.closest('.pl-map');"
            " return m ? 'map' : (e.closest('.pl-map-alt, .pl-legend, .pl-download') ? 'after' : 'other'); })()"))
        if seen[-1] == "after" and "map" in seen:
            break
    assert "map" in seen and seen[-1] == "after"
    page_.context.close()
