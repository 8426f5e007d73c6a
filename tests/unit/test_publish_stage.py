"""Unit tests of publishing (generator.publish): sitemap, CSP, links, swap."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.emit.project import EmittedPage, Project
from generator.publish import csp
from generator.publish.assemble import swap
from generator.publish.linkcheck import check_site
from generator.publish.sitemap import robots, sitemap


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


def _publish(tmp_path, out_files: dict[str, str], texts: dict[str, str] | None = None,
             then_swap: bool = True):
    """Assembles a one-language site from engine output files, then swaps it in."""
    from generator.publish.assemble import Placer, assemble
    out = tmp_path / "out"  # like an engine's output: only changed files are written
    for path in sorted(out.rglob("*"), reverse=True) if out.exists() else []:
        rel = str(path.relative_to(out))
        if path.is_file() and (rel not in out_files or path.read_text() != out_files[rel]):
            path.unlink()
        elif path.is_dir() and (rel in out_files or not any(path.iterdir())):
            path.rmdir()
    for rel, text in out_files.items():
        if not (out / rel).is_file():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            (out / rel).write_text(text)
    site, stage, spare = tmp_path / "site", tmp_path / ".site.stage", tmp_path / "work/spare"
    placer = Placer(tmp_path / "work/assembled.json", site)
    assemble(stage, {"nl": out}, [Project("nl", "", {})], "https://x.org/", {}, texts or {},
             placer, spare)
    if then_swap:
        swap(stage, site, spare)
    return site, placer


def _tree(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): p.read_text() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name not in ("sitemap.xml", "robots.txt")}


def test_the_next_site_reuses_unchanged_files_and_equals_a_fresh_one(tmp_path):
    files = {"index.html": "home", "a/index.html": "a", "a/b/index.html": "b", "x.css": "x"}
    _publish(tmp_path, files, {"data/d.json": "{}"})
    _publish(tmp_path, files, {"data/d.json": "{}"})  # the spare site is made now
    changed = {**{k: v for k, v in files.items() if k != "a/b/index.html"},
               "a/index.html": "a2", "c/index.html": "c"}
    site, placer = _publish(tmp_path, changed, {"data/d.json": "{1}"})
    assert _tree(site) == {**changed, "data/d.json": "{1}"}
    assert not (site / "a/b").exists()  # a page that went leaves no empty folder
    site, placer = _publish(tmp_path, changed, {"data/d.json": "{1}"})
    assert _tree(site) == {**changed, "data/d.json": "{1}"} and placer.linked >= 1


def test_a_file_changed_in_the_site_folder_is_replaced_and_never_spreads(tmp_path):
    files = {"index.html": "home", "a/index.html": "a", "b/index.html": "b"}
    site, _ = _publish(tmp_path, files)
    site, _ = _publish(tmp_path, files)
    (site / "a/index.html").write_text("hand")  # in place: a file linked to it changes too
    site, _ = _publish(tmp_path, files)
    assert _tree(site) == files
    assert (tmp_path / "out/a/index.html").read_text() == "a"  # the engine's output is untouched
    # a build that fails after assembling leaves the site as it was, links or not
    published = _tree(site)
    _publish(tmp_path, {**files, "a/index.html": "a3", "b/index.html": "b3"}, then_swap=False)
    assert _tree(site) == published
    site, _ = _publish(tmp_path, {**files, "a/index.html": "a4"})
    assert _tree(site) == {**files, "a/index.html": "a4"}


def test_files_and_folders_may_trade_places_between_builds(tmp_path):
    _publish(tmp_path, {"index.html": "h", "p": "file", "q/index.html": "q"})
    _publish(tmp_path, {"index.html": "h", "p": "file", "q/index.html": "q"})
    site, _ = _publish(tmp_path, {"index.html": "h", "p/index.html": "folder", "q": "file"})
    assert _tree(site) == {"index.html": "h", "p/index.html": "folder", "q": "file"}
    site, _ = _publish(tmp_path, {"index.html": "h", "p": "file", "q/index.html": "q"})
    assert _tree(site) == {"index.html": "h", "p": "file", "q/index.html": "q"}


def test_a_hand_change_with_its_time_set_back_or_a_new_mode_is_not_reused(tmp_path):
    import os
    files = {"index.html": "home", "a/index.html": "aaaa"}
    _publish(tmp_path, files)
    site, _ = _publish(tmp_path, files)
    page = site / "a/index.html"
    before = page.stat()
    page.write_text("HACK")  # the same size, and its time set back
    os.utime(page, ns=(before.st_atime_ns, before.st_mtime_ns))
    (site / "index.html").chmod(0o600)
    site, _ = _publish(tmp_path, {**files, "b/index.html": "b"})
    assert _tree(site)["a/index.html"] == "aaaa"
    assert (site / "index.html").stat().st_mode & 0o777 == (tmp_path / "out/index.html").stat().st_mode & 0o777


@pytest.mark.parametrize("record", ["[]", "null", '{"site": "SITE", "files": []}',
                                    '{"site": "SITE", "files": {"index.html": 5}}',
                                    '{"site": "SITE", "files": {"index.html": [1, 2, 3]}}', "{"])
def test_a_damaged_record_of_the_last_site_only_means_copying_afresh(tmp_path, record):
    files = {"index.html": "home", "a/index.html": "a"}
    site, _ = _publish(tmp_path, files)
    (tmp_path / "work/assembled.json").write_text(record.replace("SITE", str(site)))
    site, _ = _publish(tmp_path, {**files, "a/index.html": "a2"})
    assert _tree(site) == {**files, "a/index.html": "a2"}


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
