"""Unit tests of publishing (generator.publish): sitemap, CSP, links, swap."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.emit.project import EmittedPage, Project
from generator.site import csp
from generator.publish.assemble import robots, sitemap, swap
from generator.publish.linkcheck import check_site


def _projects() -> list[Project]:
    projects = []
    for lang, root in (("nl", ""), ("en", "en/")):
        project = Project(lang, root, {})
        project.add(EmittedPage("a/index.md", "a/", {}, ""))
        projects.append(project)
    return projects


def test_the_sitemap_lists_every_page_with_its_alternates():
    xml = sitemap(_projects(), "https://x.org/s/")
    assert xml.count("<loc>") == 2 and "<loc>https://x.org/s/en/a/</loc>" in xml
    assert 'hreflang="x-default" href="https://x.org/s/a/"' in xml
    assert robots("https://x.org/s/").endswith("Sitemap: https://x.org/s/sitemap.xml\n")


def test_the_csp_hashes_the_theme_and_refuses_content_scripts():
    page = ('<meta http-equiv="Content-Security-Policy" content="script-src '
            f"'self' {csp.PLACEHOLDER}\"><script>t()</script><!--pl:content--><p>x</p>"
            "<!--/pl:content-->")
    filled = csp.apply(page)
    assert "'sha256-" in filled and "pl:content" not in filled
    with pytest.raises(csp.UnsafeContent):
        csp.apply(page.replace("<p>x</p>", "<SCRIPT>x()</SCRIPT>"))


def test_json_scripts_and_files_are_not_hashed():
    assert csp.inline_hashes('<script src="a.js"></script><script type="application/json">{}'
                             "</script>") == []


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "index.html").write_text('<a href="a/">a</a> <a href="a/#x">x</a> <a href="b/">b</a>'
                                     ' <img src="m.webp" srcset="m.webp 1x, n.webp 2x">'
                                     ' <a href="/s/a/">abs</a> <a href="https://x.org/">out</a>')
    (site / "a/index.html").write_text('<h2 id="x">x</h2>')
    (site / "m.webp").write_bytes(b"")
    return site


def test_broken_links_anchors_and_images_are_found(tmp_path):
    broken = {(b.link, b.reason[:14]) for b in check_site(_site(tmp_path), "/s/")}
    assert broken == {("b/", "the target doe"), ("n.webp", "the target doe")}


def test_a_link_is_judged_where_it_leads_not_where_it_was_seen_first(tmp_path):
    """The check judges each place a link leads once; the same relative link
    from another folder, or a link to the page itself, is judged again."""
    pages = {"a/x/index.html": '<a href="../y/">', "a/y/index.html": '<a href="#top">',
             "b/x/index.html": '<a href="../y/"><a href="../../a/y/#no">',
             "b/index.html": '<a href="#top" id="top"><a href="">', "a/index.html": ""}
    for rel, html in pages.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(html)
    broken = {(b.page, b.link) for b in check_site(tmp_path)}
    assert broken == {("b/x/index.html", "../y/"), ("b/x/index.html", "../../a/y/#no"),
                      ("a/y/index.html", "#top")}


def test_swap_replaces_the_site_in_one_step(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site/old.html").write_text("old")
    (tmp_path / ".site.stage").mkdir()
    (tmp_path / ".site.stage/new.html").write_text("new")
    swap(tmp_path / ".site.stage", tmp_path / "site")
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]
    assert not (tmp_path / "site.old").exists() and not (tmp_path / ".site.stage").exists()


def _planned(files: dict[str, str], out: Path) -> dict[str, Path | str]:
    """A one-language site as `site_files` plans it, from engine output files."""
    from generator.publish.assemble import site_files
    shutil.rmtree(out, ignore_errors=True)
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text)
    return site_files({"nl": out}, [Project("nl", "", {})], "https://x.org/", {}, {})


def _tree(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in ("sitemap.xml", "robots.txt")}


@pytest.mark.parametrize("steps", [
    [{"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "x.css": "x"},
     {"index.html": "home", "a/index.html": "a2", "c/index.html": "c", "x.css": "x"}],
    [{"index.html": "h", "p": "file", "q/index.html": "q"},
     {"index.html": "h", "p/index.html": "folder", "q": "file"},
     {"index.html": "h", "p": "file", "q/index.html": "q"}],
])
def test_the_previews_mirror_equals_a_fresh_site_after_every_change(tmp_path, steps):
    from generator.publish.assemble import Mirror, assemble
    mirror = Mirror(tmp_path / "served")
    for number, files in enumerate(steps):
        planned = _planned(files, tmp_path / "out")
        mirror.update(planned)
        assemble(tmp_path / f"fresh{number}", planned)
        assert _tree(tmp_path / "served") == _tree(tmp_path / f"fresh{number}") == files
        assert not [p for p in (tmp_path / "served").rglob("*") if p.is_dir() and not any(p.iterdir())]


def test_the_mirror_writes_only_what_changed(tmp_path):
    from generator.publish.assemble import Mirror
    mirror = Mirror(tmp_path / "served")
    planned = _planned({"a": "1", "b": "2"}, tmp_path / "out")
    assert sorted(mirror.update(planned)) == ["a", "b", "robots.txt", "sitemap.xml"]
    (tmp_path / "out" / "a").write_text("one")
    assert mirror.update(planned) == ["a"] and (tmp_path / "served" / "a").read_text() == "one"
    assert mirror.update({**planned, "c.json": "{}"}) == ["c.json"]


def test_search_indexing_gives_way_when_asked_and_writes_nothing_then(tmp_path):
    import threading
    from generator.publish.search import BUNDLE, index_site
    (tmp_path / "index.html").write_text('<html lang="nl"><body data-pagefind-body>'
                                         "<h1>Afval</h1><p>Samen opruimen.</p></body></html>")
    stop = threading.Event()
    stop.set()
    assert index_site(tmp_path, gently=True, stop=stop) is False
    assert not (tmp_path / BUNDLE / "pagefind-entry.json").exists()
    assert index_site(tmp_path, stop=threading.Event()) is True
    assert (tmp_path / BUNDLE / "pagefind-entry.json").is_file()


def test_anchors_and_links_are_compared_as_the_browser_reads_them(tmp_path):
    """An id with &amp; in the HTML is "a&b" to the browser, and so is a link
    to #a%26b: the check decodes both before comparing them."""
    (tmp_path / "index.html").write_text('<h2 id="wat&amp;waarom"></h2><span id="caf&#233;">'
                                         '<a href="#wat%26waarom"><a href="#wat&amp;waarom">'
                                         '<a href="#caf%C3%A9"><a href="?a=1&amp;b=2#nee">')
    broken = {b.link for b in check_site(tmp_path)}
    assert broken == {"?a=1&b=2#nee"}
