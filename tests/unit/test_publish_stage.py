"""Unit tests of publishing (generator.publish): sitemap, CSP, links, swap."""

from __future__ import annotations

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


def test_swap_replaces_the_site_in_one_step(tmp_path):
    (tmp_path / "site").mkdir()
    (tmp_path / "site/old.html").write_text("old")
    (tmp_path / ".site.stage").mkdir()
    (tmp_path / ".site.stage/new.html").write_text("new")
    swap(tmp_path / ".site.stage", tmp_path / "site")
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]
    assert not (tmp_path / "site.old").exists() and not (tmp_path / ".site.stage").exists()
