"""End-to-end: build the basic fixture in both languages and read the HTML."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from generator.build import Paths, build
from generator.content.problems import ContentError
from helpers import page, resolve_link, site_files, soup

RECORDS = ["", "pilots/", "pilots/alfa/", "pilots/beta/", "stories/", "stories/eerste-verhaal/",
           "stories/english-only/", "stories/kaartverhaal/", "stories/hostile/", "people/",
           "people/onderzoeker-een/", "people/onderzoeker-twee/", "partners/",
           "partners/gemeente-voorbeeld/", "publications/", "about/", "privacy/"]
BASE = "https://example.github.io/pilots/"


@pytest.mark.parametrize("url", RECORDS)
def test_every_page_exists_in_both_languages_with_lang_alternates_and_switch(basic_site, url):
    for lang, root, other, other_root in (("nl", "", "en", "en/"), ("en", "en/", "nl", "")):
        html = soup(page(basic_site, root + url))
        assert html.html["lang"] == lang
        alternates = {l["hreflang"]: l["href"] for l in html.find_all("link", rel="alternate")
                      if l.get("hreflang")}
        assert alternates == {"nl": BASE + url, "en": BASE + "en/" + url, "x-default": BASE + url}
        switch = html.select_one(f"a.pl-lang__link[hreflang={other}]")
        assert switch is not None and switch["lang"] == other
        assert resolve_link(root + url, switch["href"]) == other_root + url
        assert page(basic_site, other_root + url).exists()


def test_menus_and_interface_text_in_the_page_language(basic_site):
    nl = soup(page(basic_site, "pilots/alfa/")).get_text()
    en = soup(page(basic_site, "en/pilots/alfa/")).get_text()
    for word in ("In het kort", "Verhalen uit deze pilot", "Afgerond", "Nederland", "Leefbaarheid"):
        assert word in nl
    for word in ("At a glance", "Stories from this pilot", "Finished", "Netherlands", "Liveability"):
        assert word in en
    nl_search = soup(page(basic_site, "pilots/alfa/")).select_one("a.pl-search-link")
    en_search = soup(page(basic_site, "en/pilots/alfa/")).select_one("a.pl-search-link")
    assert nl_search["aria-label"] == "Zoeken" and en_search["aria-label"] == "Search"
    assert nl_search["href"] == "/pilots/search/" and en_search["href"] == "/pilots/en/search/"
    nav = [a.get_text(strip=True) for a in soup(page(basic_site, "")).select(".md-tabs__link")]
    assert nav[:4] == ["Home", "Pilots", "Verhalen", "Mensen"]


def test_dates_are_written_per_language(basic_site):
    assert "10 mei 2019" in soup(page(basic_site, "stories/eerste-verhaal/")).get_text()
    assert "10 May 2019" in soup(page(basic_site, "en/stories/eerste-verhaal/")).get_text()
    assert "juni 2018 – december 2020" in soup(page(basic_site, "pilots/alfa/")).get_text()


def test_missing_translation_shows_notice_and_lang(basic_site):
    html = soup(page(basic_site, "stories/english-only/"))
    notice = html.select_one(".pl-notice[role=note]:not(.pl-notice--example)")
    assert notice.get_text(strip=True) == "Dit verhaal is alleen in het Engels beschikbaar."
    body = html.find(string=re.compile("A story told"))
    assert body.find_parent(attrs={"lang": "en"}) is not None
    assert html.find("h1")["lang"] == "en"
    html = soup(page(basic_site, "en/pilots/beta/"))
    assert "This pilot is only described in Dutch." in html.get_text()
    assert html.find(string=re.compile("Alleen in het Nederlands")).find_parent(attrs={"lang": "nl"})


def test_example_stories_are_labelled_in_the_story_and_on_cards(basic_site):
    story = soup(page(basic_site, "en/stories/english-only/"))
    assert story.select_one(".pl-label--example").get_text() == "Illustrative example"
    cards = soup(page(basic_site, "stories/"))
    card = cards.select_one('li[data-pilot="beta"]')
    assert card.select_one(".pl-label--example").get_text() == "Illustratief voorbeeld"


def test_consent_and_drafts_never_published_anywhere(basic_site):
    for rel, data in site_files(basic_site).items():
        assert b"SECRET-NO-CONSENT" not in data, rel
        assert b"SECRET-DRAFT" not in data, rel
        assert b"no-consent" not in data, rel
    assert not (basic_site / "stories/no-consent").exists()
    assert not (basic_site / "stories/concept").exists()


def test_hostile_strings_are_escaped_everywhere(basic_site):
    for rel, data in site_files(basic_site).items():
        if rel.endswith((".html", ".json", ".xml", ".geojson", ".js")) and "assets/" not in rel:
            text = data.decode("utf-8")
            assert "<script>alert" not in text, rel
            assert "<img src=x" not in text, rel
            assert "</textarea><b>" not in text, rel
    html = soup(page(basic_site, "stories/hostile/"))
    assert html.find("h1").get_text().startswith("Gevaarlijk </script><script>alert(1)</script>")
    assert html.title.get_text().startswith("Gevaarlijk </script>")
    assert html.find("meta", attrs={"name": "description"})["content"].startswith(
        'Samenvatting met </textarea><b>vet</b> & "quotes"')
    assert "*ster* {: #x }" in html.find("h1").get_text()  # Markdown stays text


def test_search_indexes_each_language_apart_and_not_the_theme(basic_site):
    entry = json.loads((basic_site / "pagefind/pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"nl", "en"}
    assert not list(basic_site.rglob("search_index.json"))  # the theme's lunr index is gone
    fallback = soup(page(basic_site, "stories/english-only/"))
    assert fallback.select("[data-pagefind-body]") == []  # a fallback page is not indexed
    story = soup(page(basic_site, "stories/eerste-verhaal/"))
    body = story.select_one("[data-pagefind-body]")
    assert body is not None and body.find(string=re.compile("Het begon")) is not None
    filters = {s["data-pagefind-filter"]: s.get_text() for s in body.select("[data-pagefind-filter]")}
    assert filters == {"kind": "Verhaal", "pilot": "Pilot Alfa", "theme": "Leefbaarheid"}


def _indexed(site, url: str) -> str:
    """The words Pagefind keeps of a page: what its results' excerpts are cut from."""
    import gzip

    for fragment in (site / "pagefind/fragment").glob("*.pf_fragment"):
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        if data["url"] == url:  # the site-relative address
            return data["content"]
    raise AssertionError(f"{url} is not in the index")


def test_page_furniture_stays_out_of_search_excerpts(basic_site):
    pilot = _indexed(basic_site, "/en/pilots/alfa/")
    assert "stories" not in pilot and "actions in the" not in pilot  # the key figures
    photos = _indexed(basic_site, "/stories/fotoverhaal/")
    assert "De bewoners tekenden hun wijk." in photos
    # a photo story is told in its captions: found; credits and the example's notice are not
    assert "Zo begint de dag" in photos and "Tekening: testproject" not in photos
    assert "voorbeeld" not in photos.lower()


def test_key_figures_have_one_capitalisation(basic_site):
    for url in ("", "pilots/alfa/", "en/", "en/pilots/alfa/"):
        labels = [dt.get_text() for dt in soup(page(basic_site, url)).select(".pl-figures dt")]
        assert labels and all(label == label.lower() for label in labels), (url, labels)


def test_each_half_of_the_404_page_leads_home_and_to_search_in_the_site_s_tone(basic_site):
    page404 = soup(basic_site / "404.html")  # GitHub Pages serves it for every missing address
    english = page404.find("section", lang="en")
    links = {a["href"] for a in english.find_all("a")}
    assert links == {"/pilots/en/", "/pilots/en/search/"}, links
    dutch = {a["href"] for a in page404.select("h1 ~ p a")}
    assert dutch == {"/pilots/", "/pilots/search/"}, dutch
    text = page404.find("h1").find_next("p").get_text()
    assert " je " in text and " u " not in text  # the site says "je" to its readers


def test_the_footer_links_to_the_language_s_feed(basic_site):
    for url, feed, words in (("", "/pilots/feed.xml", "Verhalen"), ("en/", "/pilots/en/feed.xml", "Stories")):
        link = soup(page(basic_site, url)).select_one(f".md-footer a[href='{feed}']")
        assert link is not None and link.get_text().startswith(words), (url, link)
        assert (basic_site / url / "feed.xml").is_file()


def test_sitemap_robots_and_404(basic_site):
    sitemap = (basic_site / "sitemap.xml").read_text()
    assert f"<loc>{BASE}en/stories/eerste-verhaal/</loc>" in sitemap
    assert (f'<xhtml:link rel="alternate" hreflang="nl" href="{BASE}stories/eerste-verhaal/"/>'
            in sitemap)
    assert "no-consent" not in sitemap and not (basic_site / "en/sitemap.xml").exists()
    assert f"Sitemap: {BASE}sitemap.xml" in (basic_site / "robots.txt").read_text()
    nl404, en404 = soup(basic_site / "404.html"), soup(basic_site / "en/404.html")
    assert nl404.html["lang"] == "nl" and "Pagina niet gevonden" in nl404.get_text()
    assert nl404.find("section", lang="en") is not None  # one 404 serves every address
    assert en404.html["lang"] == "en" and "Page not found" in en404.get_text()


def test_no_google_fonts_and_no_cdn(basic_site):
    for rel, data in site_files(basic_site).items():
        if rel.endswith(".html"):
            text = data.decode()
            assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, rel
            for src in re.findall(r'<(?:script|link)[^>]+(?:src|href)="(https?://[^"]+)"', text):
                assert src.startswith(BASE), (rel, src)


def test_failed_build_leaves_site_untouched(fresh_basic):
    paths = Paths(fresh_basic)
    build(paths)
    before = site_files(paths.out)
    meta = fresh_basic / "content/stories/eerste-verhaal/meta.yml"
    meta.write_text(meta.read_text().replace("pilot: alfa", "pilot: alpha"))
    with pytest.raises(ContentError) as error:
        build(paths)
    assert 'no pilot "alpha"' in error.value.report()
    assert site_files(paths.out) == before


def test_cli_reports_errors_without_traceback(fresh_basic):
    meta = fresh_basic / "content/stories/eerste-verhaal/meta.yml"
    meta.write_text(meta.read_text().replace("pilot: alfa", "pilot: alpha"))
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "build"], cwd=fresh_basic,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/stories/eerste-verhaal/meta.yml:1" in result.stderr
    assert 'Did you mean "alfa"?' in result.stderr
    assert "Traceback" not in result.stderr and not (fresh_basic / "site").exists()


def test_drafts_build_on_request(fresh_basic):
    build(Paths(fresh_basic), drafts=True)
    html = soup(page(fresh_basic / "site", "stories/concept/"))
    assert html.select_one(".pl-label--draft").get_text() == "Concept"


def test_translations_required_fails_the_build(fresh_basic):
    site_yml = fresh_basic / "content/site.yml"
    site_yml.write_text(site_yml.read_text().replace("translations: fallback", "translations: required"))
    with pytest.raises(ContentError) as error:
        build(Paths(fresh_basic))
    assert "content/stories/english-only/nl.md" in error.value.report()
    assert "content/pilots/beta/en.md" in error.value.report()


def test_broken_links_warn_and_fail_strict_builds_naming_the_file(fresh_basic):
    about = fresh_basic / "content/pages/about/en.md"
    about.write_text(about.read_text() + "\nSee [the missing page](../nowhere/) and [an anchor](../about/#nope).\n")
    report = build(Paths(fresh_basic))
    messages = [p.format() for p in report.problems if "broken link" in p.message]
    assert any("content/pages/about/en.md:7" in m and "../nowhere/" in m for m in messages), messages
    assert any('no anchor "#nope"' in m for m in messages)
    with pytest.raises(ContentError) as error:
        build(Paths(fresh_basic), strict=True)
    assert "../nowhere/" in error.value.report()



def test_a_broken_link_written_with_an_entity_is_said_once_at_its_line(fresh_basic):
    """[x](../nowhere/?a=1&amp;b=2) is ?a=1&b=2 to the browser; the built site's
    check finds it at its line, so it is said there once."""
    about = fresh_basic / "content/pages/about/en.md"
    about.write_text(about.read_text() + "\nSee [it](../nowhere/?a=1&amp;b=2) and [here](#a&amp;b).\n")
    report = build(Paths(fresh_basic))
    messages = [p.format() for p in report.problems if "broken link" in p.message]
    assert len(messages) == 2 and all("content/pages/about/en.md:7:" in m for m in messages), \
        messages

def test_the_repository_site_builds_strictly(tmp_path):
    from helpers import REPO, make_project

    root = make_project(tmp_path / "cosie", REPO / "content")
    report = build(Paths(root), strict=True)
    assert report.pages >= 60
    assert not [p for p in report.problems if p.level != "notice"]
    # A pilot known only by its country names no place, rather than inventing one.
    finland = soup(page(root / "site", "en/pilots/finland/"))
    assert [dt.get_text() for dt in finland.select(".pl-facts dt")][:2] == ["Country", "Themes"]
    # ... and leaves out what is not known (no open period, no "not known" status)
    assert "Not known" not in finland.get_text() and "2017 –" not in finland.get_text()
    cards = soup(page(root / "site", "en/pilots/")).select(".pl-card__kicker")
    assert "Finland" in [card.get_text() for card in cards]


def test_the_contracts_own_examples_build_strictly(tmp_path):
    """The examples of CONTENT-MODEL.md, as written there, build in both languages."""
    from helpers import FIXTURES, make_project

    root = make_project(tmp_path / "contract", FIXTURES / "contract" / "content")
    report = build(Paths(root), strict=True)
    site = root / "site"
    assert report.pages >= 28
    story = soup(page(site, "en/stories/story-id/"))
    assert story.find("figcaption", string=None) is not None
    assert story.find("img", alt="alt text in this language") is not None
    houten = soup(page(site, "en/pilots/houten/"))
    assert "This pilot is only described in Dutch." in houten.get_text()
    assert soup(page(site, "people/some-person-id/")).find("h1").get_text() == "Full Name"
