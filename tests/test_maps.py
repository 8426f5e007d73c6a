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
    assert meeting[3] == "Nieuwegein" and meeting[4] == "Het eerste verhaal"
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
    assert "Plaats: Het plein" in " ".join(chapters[0].get_text().split())


# A point written out: 52,031° N or 52.028, 5.168
COORDINATES = re.compile(r"\d+[.,]\d{2,}\s*°|\b\d{1,3}\.\d{3,},\s*-?\d{1,3}\.\d{3,}\b")


@pytest.mark.parametrize("which", ["basic_site", "repo_site"])
def test_places_are_named_never_given_as_coordinates(which, request):
    site = request.getfixturevalue(which)
    for path in site.rglob("*.html"):
        html = soup(path)
        for hidden in html(["script", "style"]):
            hidden.decompose()
        found = COORDINATES.search(html.get_text(" "))
        assert found is None, (path.relative_to(site), found)


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


# Every marker's place, then each zoom from the map's start to its deepest: the
# map is centred on each place in turn, and no two markers (or counted clusters)
# shown may overlap (WCAG 2.5.8: targets of 24 px, none hiding another)
_OVERLAPS = """(async () => {
  const container = document.querySelector('[data-pl-map]');
  const map = window[container.id], places = {}, found = [];
  const add = m => { const p = m.getLatLng(); places[p.lat + ',' + p.lng] = p; };
  map.eachLayer(l => {
    if (l instanceof L.MarkerClusterGroup) { l.getLayers().forEach(add); }
    else if (l instanceof L.Marker && !(l instanceof L.MarkerCluster)) { add(l); }
  });
  const frame = container.getBoundingClientRect(), start = map.getZoom();
  let shown = 0;
  for (let zoom = start; zoom <= map.getMaxZoom(); zoom++) {
    for (const place of Object.values(places)) {
      map.setView(place, zoom, {animate: false});
      await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
      const boxes = [...container.querySelectorAll('.leaflet-marker-icon')]
        .map(e => e.getBoundingClientRect())
        .filter(b => b.right > frame.left && b.left < frame.right && b.bottom > frame.top && b.top < frame.bottom);
      shown = Math.max(shown, boxes.length);
      boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > 0.5 &&
            Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 0.5) {
          found.push(zoom + ' at ' + place.lat + ',' + place.lng);
        }
      }));
      if (boxes.some(b => b.width < 24 || b.height < 24)) { found.push('small at ' + zoom); }
    }
  }
  return {places: Object.keys(places).length, shown, start, found: [...new Set(found)]};
})()"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("url", ["", "pilots/", "pilots/houten/", "pilots/nieuwegein/",
                                 "stories/van-europa-naar-de-buurt/"])
def test_no_marker_hides_another_at_any_zoom(browser, repo_server, viewport, url):
    page_, visit = open_page(browser, repo_server, url, viewport, reduced_motion="reduce")
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    result = page_.evaluate(_OVERLAPS)
    assert result["places"] >= 1 and result["shown"] >= 1, result
    assert result["found"] == [], result
    assert visit.console == []
    page_.context.close()


def _swipe(page_, x: float, y: float, dy: float) -> None:
    """One finger drawn up the screen (a reader scrolling on, with their thumb)."""
    cdp = page_.context.new_cdp_session(page_)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": x, "y": y}]})
    for step in range(1, 11):
        cdp.send("Input.dispatchTouchEvent",
                 {"type": "touchMove", "touchPoints": [{"x": x, "y": y + dy * step / 10}]})
        page_.wait_for_timeout(16)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page_.wait_for_timeout(400)


@pytest.mark.browser
@pytest.mark.parametrize("url", ["pilots/houten/", ""])
def test_a_swipe_over_a_map_on_a_phone_scrolls_the_page(browser, repo_server, url):
    page_, visit = open_page(browser, repo_server, url, PHONE, has_touch=True, is_mobile=True)
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    name = page_.locator("[data-pl-map]").first.get_attribute("id")
    page_.evaluate("window.scrollTo(0, document.querySelector('.pl-map').getBoundingClientRect().top"
                   " + scrollY - 100)")
    box = page_.locator(".pl-map").first.bounding_box()
    before = page_.evaluate(f"[scrollY, {name}.getCenter().lat, {name}.getCenter().lng]")
    _swipe(page_, box["x"] + box["width"] / 2, box["y"] + box["height"] - 40, -250)
    after = page_.evaluate(f"[scrollY, {name}.getCenter().lat, {name}.getCenter().lng]")
    assert after[0] > before[0] + 150, (before, after)  # the page scrolled on
    assert after[1:] == before[1:]  # and the map stayed where it was
    assert page_.locator(".pl-map__hint--shown").count() == 1  # two fingers move it, it says
    assert visit.console == []
    page_.context.close()


@pytest.mark.browser
def test_a_mouse_still_drags_a_map(browser, repo_server):
    page_, _ = open_page(browser, repo_server, "pilots/houten/", DESKTOP)
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    name = page_.locator("[data-pl-map]").get_attribute("id")
    page_.locator(".pl-map").scroll_into_view_if_needed()
    box = page_.locator(".pl-map").bounding_box()
    before = page_.evaluate(f"{name}.getCenter().lat")
    page_.mouse.move(box["x"] + 100, box["y"] + box["height"] - 60)
    page_.mouse.down()
    page_.mouse.move(box["x"] + 100, box["y"] + 60, steps=8)
    page_.mouse.up()
    assert page_.evaluate(f"{name}.getCenter().lat") < before
    page_.context.close()


@pytest.mark.slow
def test_a_pilot_chooses_its_maps_tiles_and_the_policy_allows_exactly_the_tiles_used(project):
    content = minimal(project)
    houten = content / "pilots/houten/meta.yml"
    houten.write_text(houten.read_text() + "tiles: nlmaps.standaard\n")
    write(content, "pilots/houten/interventions.yml", """
        - id: gesprek
          type: meeting
          title: {nl: Gesprek, en: Meeting}
          date: 2019-03-14
          location: {lat: 52.03, lon: 5.17}
        """)
    story = content / "stories/een/meta.yml"
    story.write_text(story.read_text() + "location: {lat: 52.03, lon: 5.16}\n")
    write(content, "pilots/zonder/meta.yml", """
        country: BE
        location: {lat: 50.8, lon: 4.4}
        period: {start: 2019-01, end: 2019-11}
        status: finished
        tiles: OpenTopoMap
        """)  # its tiles are never drawn: it has no map
    write(content, "pilots/zonder/nl.md", "---\ntitle: Zonder\n---\nTekst.\n")
    write(content, "pilots/zonder/en.md", "---\ntitle: Without\n---\nText.\n")
    build(Paths(project))
    site = project / "site"
    for url in ("pilots/houten/", "en/stories/een/"):
        script = _map_script(site, url)
        assert "service.pdok.nl/brt/achtergrondkaart" in script and "openstreetmap" not in script
    assert "tile.openstreetmap.org" in _map_script(site, "")  # the home map: the site's tiles
    for path in site.rglob("*.html"):
        policy = soup(path).find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
        images = policy.split("img-src ", 1)[1].split(";", 1)[0]
        assert images == "'self' data: https://service.pdok.nl https://tile.openstreetmap.org", path
    licences = soup(page(site, "en/licences/")).get_text()
    assert "Kadaster" in licences and "OpenStreetMap" in licences and "opentopomap" not in licences


def test_the_privacy_page_names_everyone_who_sees_a_readers_address(repo_site):
    policy = soup(page(repo_site, "")).find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    hosts = [o.split("//", 1)[1] for o in policy["content"].split("img-src ", 1)[1]
             .split(";", 1)[0].split() if o.startswith("https://")]
    assert sorted(hosts) == ["service.pdok.nl", "tile.openstreetmap.org"]
    for url in ("privacy/", "en/privacy/"):
        text = soup(page(repo_site, url)).get_text()
        assert all(host in text for host in hosts) and "GitHub Pages" in text, url


def _white_share(png: bytes) -> float:
    """The share of white pixels in the middle of a marker's picture (its icon
    is white on the coloured disc; the disc's border is left out)."""
    import io

    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    w, h = image.size
    middle = image.crop((w * 3 // 10, h * 3 // 10, w * 7 // 10, h * 7 // 10))
    pixels = list(middle.get_flattened_data())
    return sum(min(p) > 200 for p in pixels) / len(pixels)


# the middle of a chapter's number and of its marker, as a distance in pixels
_NUMBER_OFF = """[...document.querySelectorAll('.leaflet-marker-pane .pl-marker--number')].map(e => {
  const r = e.getBoundingClientRect(), s = e.querySelector('span').getBoundingClientRect();
  return Math.max(Math.abs(s.left + s.width / 2 - r.left - r.width / 2),
                  Math.abs(s.top + s.height / 2 - r.top - r.height / 2)); })"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_markers_show_their_icon_and_number_in_the_middle(browser, basic_server, viewport):
    # Leaflet's stylesheet comes after the theme's and made every marker a
    # plain block: no icon, a chapter's number in its corner (WCAG 1.4.1: then
    # only colour tells the kinds apart)
    page_, _ = open_page(browser, basic_server, "pilots/alfa/", viewport)
    page_.wait_for_selector(".pl-map .leaflet-marker-pane .pl-marker")
    page_.locator(".pl-map").scroll_into_view_if_needed()
    markers = page_.locator(".pl-map .leaflet-marker-pane .pl-marker >> visible=true")
    assert markers.count() >= 1
    shares = [_white_share(markers.nth(i).screenshot()) for i in range(markers.count())]
    assert min(shares) > 0.05, shares
    page_.context.close()
    page_, _ = open_page(browser, basic_server, "stories/kaartverhaal/", viewport)
    page_.wait_for_selector(".pl-map .leaflet-marker-pane .pl-marker--number")
    offsets = page_.evaluate(_NUMBER_OFF)
    assert offsets and max(offsets) <= 1.5, offsets
    page_.context.close()


def _hex(css: str) -> tuple[str, float]:
    """A computed colour (rgb() or rgba()) as #rrggbb and its opacity."""
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    return "#" + "".join(f"{round(p):02x}" for p in parts[:3]), (parts[3] if len(parts) > 3 else 1)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_count_on_a_cluster_can_be_read_in_either_scheme(browser, basic_server, scheme):
    # the count took the page's text colour: light on light green in the dark
    # scheme; and a see-through disc has the tiles' colour behind the count
    from generator.content.records.brand import TEXT, contrast

    page_, _ = open_page(browser, basic_server, "", PHONE, scheme=scheme)
    page_.wait_for_selector(".pl-map .marker-cluster")
    colours = page_.evaluate("""[...document.querySelectorAll('.pl-map .marker-cluster div')]
        .map(d => [getComputedStyle(d).color, getComputedStyle(d).backgroundColor])""")
    assert colours
    for text, disc in colours:
        (ink, _), (paper, opacity) = _hex(text), _hex(disc)
        assert opacity == 1 and contrast(ink, paper) >= TEXT, (scheme, text, disc)
    page_.context.close()


@pytest.mark.browser
def test_a_map_storys_map_sits_flush_under_the_header_on_a_phone(browser, basic_server):
    # it stuck a little lower than the header's foot: the text scrolling past
    # showed in a strip between the two
    page_, _ = open_page(browser, basic_server, "stories/kaartverhaal/", PHONE)
    page_.wait_for_selector(".pl-map .leaflet-marker-icon")
    page_.evaluate("window.scrollTo(0, scrollY + document.querySelector('#pl-chapter-1')"
                  ".getBoundingClientRect().top)")
    header, top = page_.evaluate("""[document.querySelector('.md-header').getBoundingClientRect().bottom,
        document.querySelector('.pl-mapstory__map').getBoundingClientRect().top]""")
    assert abs(top - header) <= 0.5, (header, top)
    page_.context.close()


def test_a_columns_name_cannot_leave_its_css_string():
    # a site's own catalogue may name a column anything: it is written into
    # the table's style attribute, as a CSS string
    from markupsafe import escape

    from generator.emit.context import css_string

    written = css_string(escape("It's \"x\"; } body { display: none } \\ </table> & é"))
    assert re.fullmatch(r"'[\w \\]*'", written) and "é" in written, written


# what keeps a map's table from being read on a phone: a box wider than the
# page's column (it scrolls sideways), a caption squeezed narrower than it, a
# word cut off at its edge or broken over two lines
_TABLE_PROBLEMS = """(() => {
  const table = document.querySelector('.pl-map-table'), box = table.closest('.pl-map-alt');
  const frame = box.getBoundingClientRect(), found = [];
  if (box.scrollWidth > box.clientWidth + 0.5) { found.push('scrolls: ' + box.scrollWidth); }
  const caption = table.querySelector('caption').getBoundingClientRect();
  if (caption.width < frame.width - 1) { found.push('narrow caption: ' + caption.width); }
  for (const cell of table.querySelectorAll('td')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const word of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const rects = [...range.getClientRects()];
        if (rects.length > 1) { found.push('broken: ' + word[0]); }
        if (rects.some(r => r.right > frame.right + 0.5)) { found.push('cut: ' + word[0]); }
      }
    }
  }
  return found;
})()"""


@pytest.mark.browser
@pytest.mark.parametrize("url", ["", "pilots/", "pilots/nieuwegein/", "en/pilots/houten/"])
def test_a_maps_table_reads_on_a_phone_and_stays_a_table(browser, repo_server, url):
    page_, _ = open_page(browser, repo_server, url, PHONE)
    assert page_.evaluate(_TABLE_PROBLEMS) == []
    # every cell still a cell of a table with column headers, to a screen reader
    tree = page_.locator(".pl-map-table").aria_snapshot()
    cells = page_.locator(".pl-map-table td").count()
    assert tree.startswith("- table"), tree
    assert len(re.findall(r"- '?columnheader\b", tree)) >= 4, tree
    assert len(re.findall(r"- '?cell\b", tree)) == cells, tree
    # and a cell's name is its own words, not its column's name shown beside it
    shown = page_.evaluate("""[...document.querySelectorAll('.pl-map-table td')]
        .map(td => [document.querySelectorAll('.pl-map-table th')[td.cellIndex].textContent,
                    td.textContent.trim()]).filter(([, text]) => text)""")
    assert shown and not any(f"{label}{text}" in tree or f"{label} {text}" in tree
                             for label, text in shown), tree
    page_.context.close()
