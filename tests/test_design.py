"""The design readers get, measured in headless Chromium: no documentation
sidebars, a hero across the page, a column of text to read, nothing wider
than a phone, no layout shift, search in each language, print."""

from __future__ import annotations

import pytest

from browser import DESKTOP, PHONE, open_page, wait_until

pytestmark = pytest.mark.browser

RECORDS = ["", "pilots/alfa/", "stories/eerste-verhaal/"]
EVERY_KIND = ["", "pilots/", "pilots/alfa/", "stories/", "stories/eerste-verhaal/",
              "stories/fotoverhaal/", "stories/kaartverhaal/", "people/onderzoeker-een/", "about/",
              "search/", "publications/"]
CLS = """window.__cls = 0;
new PerformanceObserver(list => { for (const e of list.getEntries()) {
  if (!e.hadRecentInput) { window.__cls += e.value; } } })
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("url", RECORDS)
def test_no_documentation_sidebars_on_a_wide_screen(browser, basic_server, url):
    page, _ = open_page(browser, basic_server, url, DESKTOP)
    shown = page.evaluate("""[...document.querySelectorAll('.md-sidebar')]
        .filter(e => e.offsetWidth > 0 && getComputedStyle(e).display !== 'none').length""")
    assert shown == 0
    page.context.close()


@pytest.mark.parametrize("url", ["", "stories/eerste-verhaal/", "pilots/alfa/"])
def test_a_hero_across_the_page_above_the_fold(browser, basic_server, url):
    page, _ = open_page(browser, basic_server, url, DESKTOP)
    hero = page.evaluate("""(() => { const h = document.querySelector('.pl-hero');
        if (!h) { return null; } const r = h.getBoundingClientRect();
        return {width: r.width, top: r.top, h1: !!h.querySelector('h1')}; })()""")
    assert hero is not None and hero["width"] >= 900 and hero["top"] < DESKTOP["height"] / 2
    assert hero["h1"]
    page.context.close()


def test_a_story_reads_as_a_column_of_large_text(browser, basic_server):
    page, _ = open_page(browser, basic_server, "stories/eerste-verhaal/", DESKTOP)
    text = page.evaluate("""(() => { const p = document.querySelector('.pl-body p');
        const size = parseFloat(getComputedStyle(p).fontSize);
        return {size, ems: p.getBoundingClientRect().width / size}; })()""")
    assert text["size"] >= 18 and 26 <= text["ems"] <= 42, text
    page.context.close()


@pytest.mark.parametrize("url", EVERY_KIND)
def test_nothing_scrolls_sideways_on_a_phone(browser, basic_server, url):
    for lang in ("", "en/"):
        page, _ = open_page(browser, basic_server, lang + url, PHONE)
        page.wait_for_timeout(200)
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert wide <= 0, (lang + url, wide)
        page.context.close()


@pytest.mark.parametrize("url", RECORDS + ["stories/"])
def test_the_layout_does_not_shift_while_the_page_loads(browser, basic_server, url):
    for viewport in (PHONE, DESKTOP):
        page, _ = open_page(browser, basic_server, "", viewport)
        page.add_init_script(CLS)
        page.goto(basic_server + url, wait_until="load")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
        page.wait_for_timeout(600)
        shift = page.evaluate("window.__cls")
        assert shift < 0.1, (url, viewport, shift)
        page.context.close()


def _search(browser, base: str, lang_root: str, words: str) -> list[str]:
    page, visit = open_page(browser, base, lang_root + "search/", DESKTOP)
    page.fill("#pl-search-input", words)
    wait_until(page, "document.querySelector('.pl-search__status').textContent.length > 0 && "
                     "!document.querySelector('.pl-search__status').textContent.endsWith('…')")
    found = page.eval_on_selector_all(".pl-results h2 a", "links => links.map(a => a.href)")
    assert visit.failed == [] and visit.console == [], (visit.failed, visit.console)
    page.context.close()
    return found


def test_search_finds_a_dutch_word_in_dutch_only(browser, basic_server):
    dutch = _search(browser, basic_server, "", "begon")
    assert any(link.endswith("/pilots/stories/eerste-verhaal/") for link in dutch), dutch
    assert _search(browser, basic_server, "en/", "begon") == []
    english = _search(browser, basic_server, "en/", "started")
    assert any(link.endswith("/pilots/en/stories/eerste-verhaal/") for link in english), english


def test_search_results_show_a_picture_and_the_pilot_and_can_be_filtered(browser, basic_server):
    page, _ = open_page(browser, basic_server, "search/?q=verhaal", DESKTOP)
    wait_until(page, "document.querySelectorAll('.pl-results li').length > 0")
    first = page.evaluate("""(() => { const li = document.querySelector('.pl-results li');
        return {img: !!li.querySelector('img[src]'), meta: li.querySelector('.pl-card__meta')
        .textContent}; })()""")
    assert first["img"] and "Pilot Alfa" in first["meta"]
    src = page.evaluate("document.querySelector('.pl-results li img').getAttribute('src')")
    assert "/pilots/media/" in src and src.endswith((".jpg", ".png")), src
    pilots = page.eval_on_selector_all("#pl-search-pilot option", "os => os.map(o => o.value)")
    assert "Pilot Alfa" in pilots
    page.select_option("#pl-search-kind", "Pagina")
    wait_until(page, "[...document.querySelectorAll('.pl-results .pl-card__meta')]"
                     ".every(m => m.textContent.startsWith('Pagina'))")
    page.context.close()


def test_a_story_prints_as_its_title_pictures_and_text(browser, basic_server):
    page, _ = open_page(browser, basic_server, "stories/eerste-verhaal/", DESKTOP)
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.md-header', '.pl-mapblock', '.md-footer']
        .map(s => document.querySelector(s)).filter(e => e && getComputedStyle(e).display !== 'none')
        .length""")
    assert hidden == 0 and page.is_visible(".pl-hero h1") and page.is_visible(".pl-body")
    page.context.close()


def test_dark_mode_follows_the_system(browser, basic_server):
    page, _ = open_page(browser, basic_server, "stories/eerste-verhaal/", DESKTOP, scheme="dark")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert scheme == "slate" and background != "rgb(255, 255, 255)"
    page.context.close()


def test_what_the_search_keeps_about_a_page_is_not_searched(browser, basic_server):
    for words in ("jpg", "media"):  # the picture's path is data, not words
        assert _search(browser, basic_server, "", words) == []


def test_a_long_pilot_name_in_the_search_filters_fits_a_phone(browser, basic_server):
    page, _ = open_page(browser, basic_server, "en/search/", PHONE)
    page.evaluate("""for (const s of document.querySelectorAll('.pl-search select')) {
        const o = document.createElement('option');
        o.textContent = 'Nieuwegein: a cleaner, more social neighbourhood, together, ' +
                        'Arbeidsmarktbemiddelingsprogramma'; s.appendChild(o); }""")
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    height = page.evaluate("document.querySelector('.pl-search select').offsetHeight")
    assert wide <= 0 and height >= 24
    page.context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_first_tab_skips_the_menu_and_the_closed_drawer_is_not_in_the_way(
        browser, basic_server, viewport):
    page, _ = open_page(browser, basic_server, "stories/eerste-verhaal/", viewport)
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('href')")
    assert first == "#pl-main"
    stops = page.evaluate("""(() => [...document.querySelectorAll('.md-sidebar--primary a, '
        + '.md-sidebar--primary label')].filter(e => e.offsetParent !== null
        && getComputedStyle(e).visibility !== 'hidden').length)()""")
    if viewport is PHONE:  # the drawer is closed: none of its links can be reached
        assert stops == 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#pl-main"
    page.context.close()


@pytest.mark.parametrize("width", [320, 360, 390])
def test_key_figure_labels_wrap_between_words_on_a_phone(browser, basic_server, width):
    page, _ = open_page(browser, basic_server, "en/pilots/alfa/", {"width": width, "height": 800})
    broken = page.evaluate("""[...document.querySelectorAll('.pl-figures dt')].flatMap(dt => {
        const text = dt.firstChild, split = [];
        let at = 0;
        for (const word of text.data.split(' ')) {
          const range = document.createRange();
          range.setStart(text, at);
          range.setEnd(text, at + word.length);
          at += word.length + 1;
          const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
          if (lines.size > 1 || range.getBoundingClientRect().right > dt.getBoundingClientRect().right + 1) {
            split.push(word);
          }
        }
        return split; })""")
    assert broken == [], (width, broken)
    page.context.close()


@pytest.mark.parametrize("width", [320, 360, 390, 1280])
def test_the_language_switch_is_readable_and_fits_the_header(browser, basic_server, width):
    page, _ = open_page(browser, basic_server, "en/", {"width": width, "height": 800})
    header = page.evaluate("""(() => { const a = document.querySelector('.pl-lang__link');
        const box = e => e.getBoundingClientRect();
        return {size: parseFloat(getComputedStyle(a).fontSize), name: a.textContent,
                right: box(a).right, left: box(a).left, search: box(document.querySelector('.pl-search-link')).right,
                title: box(document.querySelector('.md-header__title')).width}; })()""")
    assert header["size"] >= 13, header  # the theme's small text, not 10 px
    assert "Nederlands" in header["name"]  # what a screen reader says, whatever is shown
    assert header["right"] <= width and header["left"] >= header["search"], header
    assert header["title"] >= 60, header  # the site's title keeps more than a letter or two
    page.context.close()


def test_switching_language_on_the_search_page_keeps_the_words(browser, basic_server):
    page, visit = open_page(browser, basic_server, "search/?q=afval", DESKTOP)
    switch = "document.querySelector('.pl-lang__link').href"
    assert page.evaluate(switch).endswith("/pilots/en/search/?q=afval")
    page.fill("#pl-search-input", "de buurt & meer")
    wait_until(page, f"{switch}.endsWith('/pilots/en/search/?q=de+buurt+%26+meer')")
    page.click(".pl-lang__link")
    page.wait_for_load_state("load")
    assert page.input_value("#pl-search-input") == "de buurt & meer"
    page.fill("#pl-search-input", "")
    wait_until(page, f"{switch}.endsWith('/pilots/search/')")
    assert visit.console == [], visit.console
    page.context.close()
