"""Sharing and finding: feeds per language (Atom, read by feedparser; JSON Feed
1.1, checked against its spec's required fields), JSON-LD on stories, pilots and
the home page, a story's publication time, the sitemap's dates and a description
of its own on every page; on the fixture's site and the repository's own."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import jsonschema
import pytest
import yaml

from generator.build import Paths, build
from helpers import FIXTURES, REPO, make_project, minimal, one_problem, problems_of, soup, write

SITES = ["basic_site", "repo_site"]
CONTENT = {"basic_site": FIXTURES / "basic" / "content", "repo_site": REPO / "content"}
LANGUAGES = {"": "nl", "en/": "en"}
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

# JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): what a feed and an item must have
JSON_FEED = {
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": {"type": "string", "minLength": 1},
        "home_page_url": {"type": "string"}, "feed_url": {"type": "string"},
        "language": {"type": "string"},
        "authors": {"type": "array", "items": {"type": "object", "minProperties": 1}},
        "items": {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {"id": {"type": "string", "minLength": 1}, "url": {"type": "string"},
                           "title": {"type": "string"}, "content_text": {"type": "string"},
                           "date_published": {"type": "string", "pattern": RFC3339.pattern},
                           "authors": {"type": "array"}, "image": {"type": "string"}}}},
    },
}


def _base_url(which: str) -> str:
    return yaml.safe_load((CONTENT[which] / "site.yml").read_text())["base_url"]


def _in_site(site: Path, base_url: str, url: str) -> Path:
    """The file an address of the site is served from (it must exist)."""
    assert url.startswith(base_url), url
    rel = url[len(base_url):].split("#", 1)[0]
    path = site / rel / "index.html" if rel.endswith("/") or not rel else site / rel
    assert path.is_file(), url
    return path


def _stories(which: str) -> dict[str, dict]:
    """The published stories, read independently of the generator: id -> meta."""
    found = {}
    for meta in sorted((CONTENT[which] / "stories").glob("*/meta.yml")):
        data = yaml.safe_load(meta.read_text())
        if data.get("consent", {}).get("given") and not data.get("draft"):
            found[meta.parent.name] = data
    return found


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if not p.name.startswith("google"))


@pytest.mark.parametrize("which", SITES)
def test_each_language_has_an_atom_feed_of_its_stories(which, request):
    site, base = request.getfixturevalue(which), _base_url(which)
    stories = _stories(which)
    for root, lang in LANGUAGES.items():
        feed = feedparser.parse((site / root / "feed.xml").read_bytes())
        assert not feed.bozo, feed.bozo_exception  # well-formed, and Atom as feedparser reads it
        assert feed.version == "atom10" and feed.feed.language == lang
        assert feed.feed.id and feed.feed.title and RFC3339.match(feed.feed.updated)
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["self"] == base + root + "feed.xml" and links["alternate"] == base + root
        assert len(feed.entries) == len(stories) > 0
        for entry in feed.entries:  # RFC 4287: id, title, updated; an author for each
            assert entry.id and entry.title and RFC3339.match(entry.updated), entry
            assert entry.get("author") or feed.feed.get("author"), entry
            _in_site(site, base, entry.link)
            assert entry.id == entry.link and entry.summary
        dates = [entry.published for entry in feed.entries]
        assert dates == sorted(dates, reverse=True)  # newest first
        assert feed.feed.updated == max(dates)


def test_a_hostile_title_reaches_the_feeds_as_plain_text(basic_site):
    feed = feedparser.parse((basic_site / "feed.xml").read_bytes())
    titles = [entry.title for entry in feed.entries]
    assert any(t.startswith("Gevaarlijk </script><script>alert(1)</script>") for t in titles)
    items = json.loads((basic_site / "feed.json").read_text())["items"]
    assert any(item["title"].startswith("Gevaarlijk </script>") for item in items)
    assert "<script>" not in (basic_site / "feed.json").read_text()  # written as \u003c


# Characters XML 1.0 does not allow (and HTML calls parse errors), written as YAML
# escapes, which YAML itself accepts: a feed with one of them is not XML at all
UNSHOWABLE = "\\x01\\x0b\\x0c\\x1f\\x7f\\x9f\\uFFFE\\uFFFF\\uFDD0"


def test_control_characters_in_a_title_are_said_and_never_break_a_feed(tmp_path: Path):
    root = make_project(tmp_path / "project")
    content = minimal(root)
    write(content, "stories/een/en.md",
          f'---\ntitle: "A{UNSHOWABLE}story"\nsummary: "Sh{UNSHOWABLE}ort"\n---\nText.\n\n'
          'Saved from a word processor:\x0b a line\x1fbreak and a\ufffe stray.\n')
    write(content, "stories/een/meta.yml", (content / "stories/een/meta.yml").read_text()
          .replace('"Anonymous"', f'"Anon{UNSHOWABLE}ymous"'))
    problems = problems_of(root, strict=True)
    one_problem([p for p in problems if "en.md:2" in p], "warning", "U+0001")
    one_problem([p for p in problems if "en.md:7" in p], "warning", "U+000B")  # the text's
    one_problem([p for p in problems if "meta.yml" in p], "warning", "U+0001")
    build(Paths(root))
    for name in ("feed.xml", "en/feed.xml"):
        raw = (root / "site" / name).read_bytes()
        ElementTree.fromstring(raw)  # well-formed XML
        feed = feedparser.parse(raw)
        assert not feed.bozo, feed.bozo_exception
    entry = feedparser.parse((root / "site/en/feed.xml").read_bytes()).entries[0]
    assert entry.title.split() == ["A", "story"] and entry.author.split() == ["Anon", "ymous"]
    page = (root / "site/en/stories/een/index.html").read_text(encoding="utf-8")
    assert not re.search("[\\x01\\x0b\\x0c\\x1f\\x7f\\x9f\\ufffe\\uffff\\ufdd0]", page)


@pytest.mark.parametrize("which", SITES)
def test_each_language_has_a_json_feed_of_its_stories(which, request):
    site, base = request.getfixturevalue(which), _base_url(which)
    for root, lang in LANGUAGES.items():
        data = json.loads((site / root / "feed.json").read_text(encoding="utf-8"))
        jsonschema.validate(data, JSON_FEED)
        assert data["feed_url"] == base + root + "feed.json" and data["home_page_url"] == base + root
        assert data["language"] == lang and len(data["items"]) == len(_stories(which))
        for item in data["items"]:
            _in_site(site, base, item["url"])
            if "image" in item:
                _in_site(site, base, item["image"])
            dt.datetime.fromisoformat(item["date_published"].replace("Z", "+00:00"))


@pytest.mark.parametrize("which", SITES)
def test_every_page_names_its_languages_feeds_in_its_head(which, request):
    site, base = request.getfixturevalue(which), _base_url(which)
    base_path = "/" + base.split("//", 1)[1].split("/", 1)[1]
    for path in _pages(site):
        rel = path.relative_to(site).as_posix()
        root = "en/" if rel.startswith("en/") else ""
        head = soup(path).head
        for kind, name in (("application/atom+xml", "feed.xml"), ("application/feed+json", "feed.json")):
            link = head.find("link", rel="alternate", type=kind)
            assert link is not None and link["href"] == base_path + root + name, rel
            assert link.get("title"), rel


def _json_ld(path: Path) -> list[dict]:
    blocks = soup(path).find_all("script", type="application/ld+json")
    return [json.loads(block.string) for block in blocks]


def _check_urls(value, site: Path, base: str) -> None:
    """Every address in a JSON-LD block is one of the site's, and is served."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("url", "@id", "image") and isinstance(inner, str):
                _in_site(site, base, inner)
            else:
                _check_urls(inner, site, base)
    elif isinstance(value, list):
        for inner in value:
            _check_urls(inner, site, base)


@pytest.mark.parametrize("which", SITES)
def test_stories_pilots_and_the_home_page_describe_themselves_in_json_ld(which, request):
    site, base = request.getfixturevalue(which), _base_url(which)
    kinds = {}
    for path in _pages(site):
        for block in _json_ld(path):
            assert block["@context"] == "https://schema.org", path
            _check_urls(block, site, base)
            kinds.setdefault(block["@type"], []).append((path.relative_to(site).as_posix(), block))
    assert {"WebSite", "Article", "Place"} <= set(kinds)
    for rel, home in kinds["WebSite"]:
        assert home["name"] and home["url"] == base + rel.removesuffix("index.html")
    for rel, story in kinds["Article"]:
        assert story["headline"] and story["author"]["name"] and story["inLanguage"], rel
        assert W3C_DATE.match(story["datePublished"]) and story["url"].endswith(
            rel.removesuffix("index.html")), rel
    for rel, pilot in kinds["Place"]:
        assert pilot["name"] and pilot["address"]["addressCountry"], rel


def test_a_story_links_its_translation_and_gives_its_narrator_and_date(basic_site):
    base = _base_url("basic_site")
    nl, = _json_ld(basic_site / "stories/eerste-verhaal/index.html")
    en, = _json_ld(basic_site / "en/stories/eerste-verhaal/index.html")
    assert nl["workTranslation"] == [{"@id": base + "en/stories/eerste-verhaal/"}]
    assert en["translationOfWork"] == {"@id": base + "stories/eerste-verhaal/"}
    assert (nl["inLanguage"], en["inLanguage"]) == ("nl", "en")
    meta = yaml.safe_load((FIXTURES / "basic/content/stories/eerste-verhaal/meta.yml").read_text())
    assert nl["datePublished"] == str(meta["date"]) and nl["author"]["@type"] == "Person"
    assert nl["image"].startswith(base + "media/")
    published = soup(basic_site / "stories/eerste-verhaal/index.html").find(
        "meta", property="article:published_time")
    assert published["content"] == str(meta["date"])


def test_a_pilot_is_a_place_with_coordinates_unless_they_are_only_approximate(repo_site):
    houten, = _json_ld(repo_site / "pilots/houten/index.html")
    assert houten["geo"] == {"@type": "GeoCoordinates", "latitude": 52.0286, "longitude": 5.168}
    assert houten["address"] == {"@type": "PostalAddress", "addressLocality": "Houten",
                                 "addressCountry": "NL"}
    finland, = _json_ld(repo_site / "en/pilots/finland/index.html")  # its place is a guess
    assert "geo" not in finland and finland["address"]["addressCountry"] == "FI"


@pytest.mark.parametrize("which", SITES)
def test_the_sitemap_dates_pages_by_their_records_not_by_the_build(which, request):
    site, base = request.getfixturevalue(which), _base_url(which)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = ElementTree.parse(site / "sitemap.xml").getroot().findall("s:url", ns)
    dated = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in urls}
    stories = _stories(which)
    story_dates = {str(meta["date"]) for meta in stories.values()}
    for story_id, meta in stories.items():
        for root in LANGUAGES:
            assert dated[f"{base}{root}stories/{story_id}/"].text == str(meta["date"])
    newest = max(story_dates, key=lambda d: (d + "-01-01")[:10])
    assert dated[base].text == newest and dated[base + "en/stories/"].text == newest
    for loc, lastmod in dated.items():
        if lastmod is not None:
            assert W3C_DATE.match(lastmod.text) and lastmod.text in story_dates, loc


@pytest.mark.parametrize("which", SITES)
def test_every_page_has_a_description_of_its_own(which, request):
    site = request.getfixturevalue(which)
    for path in _pages(site):
        html = soup(path)
        title = html.title.get_text()
        description = html.find("meta", attrs={"name": "description"})["content"]
        assert description and description != title and " - " + title.rsplit(" - ", 1)[-1] \
            not in description, path.relative_to(site)
