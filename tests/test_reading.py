"""What a reader meets in the theme, measured in headless Chromium on a phone
(390 px) and a desktop (1280 px) in both languages: pictures wider than the
text and centred on it, a menu, map story and lightbox that work from the
keyboard, a favicon at the site's root, a title and a description on every page."""

from __future__ import annotations

import importlib.util
import re
import urllib.request
from io import BytesIO

import pytest
from PIL import Image, ImageChops

from browser import DESKTOP, PHONE, open_page
from helpers import REPO

LANGS = ["", "en/"]
BOX = """(selector) => [...document.querySelectorAll(selector)].map(e => {
    const r = e.getBoundingClientRect(); return {left: r.left, right: r.right, width: r.width}; })"""
COLUMN = "(() => { const r = document.querySelector('.pl-body').getBoundingClientRect();" \
         " return {left: r.left, right: r.right, width: r.width}; })()"
WIDE = ".pl-longread .pl-figure--figure, .pl-longread .pl-figure--wide"


def _centre(box: dict) -> float:
    return (box["left"] + box["right"]) / 2


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url", ["stories/fotoverhaal/", "stories/eerste-verhaal/"])
def test_wide_pictures_are_wider_than_the_text_and_centred_on_it(browser, basic_server, url, lang):
    page, _ = open_page(browser, basic_server, lang + url, DESKTOP)
    column, wide = page.evaluate(COLUMN), page.evaluate(BOX, WIDE)
    assert wide, url
    for box in wide:  # the photo story's as wide as the page, a figure less so
        assert box["width"] >= column["width"] + 150, (box, column)
        assert abs(_centre(box) - _centre(column)) <= 1, (box, column)
    if "foto" in url:
        gallery = page.evaluate(BOX, ".pl-story .pl-gallery")[0]
        thumbs = page.evaluate(BOX, ".pl-gallery__list > li")
        row = {"left": min(t["left"] for t in thumbs), "right": max(t["right"] for t in thumbs)}
        assert gallery["width"] > column["width"] and abs(_centre(gallery) - _centre(column)) <= 1
        assert abs(_centre(row) - _centre(column)) <= 1, (row, column)
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("url", ["stories/fotoverhaal/", "stories/eerste-verhaal/"])
def test_wide_pictures_fill_a_phone_without_overflowing(browser, basic_server, url, lang):
    page, _ = open_page(browser, basic_server, lang + url, PHONE)
    column = page.evaluate(COLUMN)
    for box in page.evaluate(BOX, WIDE + ", .pl-gallery"):
        assert box["left"] >= 0 and box["right"] <= PHONE["width"], box
        assert box["width"] >= column["width"] - 1, (box, column)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()


MENU = ".md-header [aria-controls='pl-drawer']"
STATE = """(() => { const b = document.querySelector("%s"), a = document.activeElement;
    return {open: document.getElementById('__drawer').checked, expanded: b.getAttribute('aria-expanded'),
            onButton: a === b, inDrawer: !!a.closest('.md-sidebar--primary'),
            shown: a.getClientRects().length > 0 && getComputedStyle(a).visibility === 'visible'}; })()""" % MENU


def _tab_to(page, selector: str, most: int = 60) -> bool:
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_opens_and_closes_from_the_keyboard_on_a_phone(browser, basic_server, lang, scheme):
    page, visit = open_page(browser, basic_server, lang + "stories/eerste-verhaal/", PHONE, scheme=scheme)
    assert _tab_to(page, MENU, 4), "the menu button is not a tab stop"
    button = page.evaluate("""(s) => { const b = document.querySelector(s);
        return [b.tagName, b.getAttribute('aria-label'), b.getAttribute('aria-expanded')]; }""",
                           MENU)
    assert button[0] == "BUTTON" and button[1] and button[2] == "false", button
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)  # the drawer slides in
    state = page.evaluate(STATE)
    assert state["open"] and state["expanded"] == "true" and state["inDrawer"] and state["shown"], state
    page.keyboard.press("Tab")
    assert page.evaluate(STATE)["inDrawer"]
    page.keyboard.press("Escape")
    state = page.evaluate(STATE)
    assert not state["open"] and state["expanded"] == "false" and state["onButton"], state
    page.keyboard.press("Space")
    assert page.evaluate(STATE)["open"]
    page.keyboard.press("Shift+Tab")  # back out of the drawer: closed, on the button again
    state = page.evaluate(STATE)
    assert not state["open"] and state["onButton"], state
    assert visit.console == []
    page.context.close()


@pytest.mark.browser
def test_the_menu_button_is_no_tab_stop_on_a_desktop(browser, basic_server):
    page, _ = open_page(browser, basic_server, "stories/eerste-verhaal/", DESKTOP)
    assert not _tab_to(page, MENU, 15)
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tab_reaches_every_chapter_of_a_map_story_and_moves_the_map(browser, basic_server, lang, viewport):
    page, _ = open_page(browser, basic_server, lang + "stories/kaartverhaal/", viewport)
    chapters = page.eval_on_selector_all(".pl-chapter", "cs => cs.map(c => c.id)")
    assert len(chapters) == 2
    for chapter in chapters:
        assert _tab_to(page, "#" + chapter), chapter
        page.wait_for_timeout(300)
        shown = page.evaluate("document.querySelector('[data-pl-map]').getAttribute('data-chapter')")
        assert shown == chapter
        name = page.evaluate("(id) => document.getElementById(document.getElementById(id)"
                             ".getAttribute('aria-labelledby')).textContent", chapter)
        assert name
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_lightbox_works_from_the_keyboard_with_buttons_a_finger_can_hit(
        browser, basic_server, lang, viewport):
    page, visit = open_page(browser, basic_server, lang + "stories/fotoverhaal/", viewport)
    assert page.evaluate("document.querySelector('.pl-lightbox img').hasAttribute('alt')")
    assert _tab_to(page, "[data-pl-zoom]")
    first_alt = page.evaluate("document.activeElement.querySelector('img').alt")
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('.pl-lightbox').open")
    for size in page.evaluate(BOX.replace("width: r.width", "width: r.width, height: r.height"),
                              ".pl-lightbox button"):
        assert size["width"] >= 44 and size["height"] >= 44, size
    assert page.evaluate("document.querySelector('.pl-lightbox img').alt") == first_alt != ""
    page.keyboard.press("ArrowRight")
    assert page.evaluate("document.querySelector('.pl-lightbox img').alt") != first_alt
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('.pl-lightbox').open")
    assert page.evaluate("document.activeElement.matches('[data-pl-zoom]')")
    assert visit.console == []
    page.context.close()


def _favicon_tool():
    spec = importlib.util.spec_from_file_location("favicon", REPO / "tools" / "favicon.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_site_answers_favicon_ico_at_its_root_with_the_drawn_icon(basic_server):
    with urllib.request.urlopen(basic_server + "favicon.ico") as answer:
        icon = Image.open(BytesIO(answer.read()))
    assert icon.format == "ICO" and {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
    drawn = _favicon_tool()
    for size in (16, 32, 48):  # the committed icon is what tools/favicon.py draws
        icon.size = (size, size)
        difference = ImageChops.difference(icon.convert("RGBA"), drawn.draw(size))
        assert max(band[1] for band in difference.getextrema()) <= 8, size


def test_every_page_has_its_title_once_and_a_description(basic_site):
    site_names = {"": "Testsite: samen ontwerpen", "en/": "Test site: designing together"}
    for path in sorted(basic_site.rglob("*.html")):
        rel = path.relative_to(basic_site).as_posix()
        text = path.read_text(encoding="utf-8")
        name = site_names["en/" if rel.startswith("en/") else ""]
        titles = re.findall(r"<title>(.*?)</title>", text)
        assert len(titles) == 1 and titles[0].count(name) == 1, (rel, titles)
        description = re.findall(r'<meta name="description" content="([^"]*)">', text)
        assert len(description) == 1 and description[0].strip(), rel
    assert re.search(r"<title>Testsite: samen ontwerpen</title>",
                     (basic_site / "index.html").read_text(encoding="utf-8"))
