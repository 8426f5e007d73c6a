"""Unit tests of the engine seam (generator.engine): projects and adapters."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from generator.emit.project import EmittedPage, NavItem, Project
from generator.engine import ENGINES, engine_fingerprint, engine_named
from generator.engine.command import MkDocsEngine, ZensicalEngine
from generator.engine.project import HOOKS, project_config, read_base_config, theme_language
from helpers import REPO


def _project() -> Project:
    project = Project("en", "en/", {"site_name": "T", "site_url": "https://x.org/en/",
                                    "language": "en", "languages": [], "ui": {}})
    project.add(EmittedPage("index.md", "", {"title": "T"}, "<p>x</p>"))
    project.nav = [NavItem("Home", "index.md"), NavItem("Pilots", children=(NavItem("A", "a.md"),))]
    return project


def test_each_language_gets_an_ordinary_project():
    base = read_base_config(REPO / "mkdocs.yml")
    config = project_config(base, REPO, _project(), Path("/out"))
    assert config["theme"]["language"] == "en" and config["site_dir"] == "/out"
    assert config["nav"] == [{"Home": "index.md"}, {"Pilots": [{"A": "a.md"}]}]
    assert str(HOOKS) in config["hooks"] and config["extra"]["pl"]["theme_language"] == "en"
    assert Path(config["theme"]["custom_dir"]).is_absolute()


def test_a_page_added_twice_is_a_bug():
    project = _project()
    with pytest.raises(AssertionError):
        project.add(EmittedPage("index.md", "", {}, ""))


def test_the_theme_language_falls_back_to_english():
    assert theme_language("nl") == "nl" and theme_language("fy") == "en"


def test_engines_are_adapters_found_by_name():
    assert set(ENGINES) == {"mkdocs", "properdocs", "zensical"}
    assert engine_named("properdocs").name == "properdocs"
    with pytest.raises(KeyError):
        engine_named("hugo")
    zensical = ZensicalEngine()
    assert not zensical.fills_csp and zensical.output_dir(Path("/p"), Path("/o")) == Path("/p/_site")


def test_an_engine_that_is_not_installed_fails_with_a_reason(tmp_path):
    run = ZensicalEngine("/no/such/zensical").build("nl", tmp_path, tmp_path / "out", False)
    assert not run.ok and "not installed" in run.output


def test_the_fingerprint_depends_on_engine_and_theme(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("a")
    files = {"docs/index.md": "x"}
    one = engine_fingerprint(files, theme, MkDocsEngine())
    assert one != engine_fingerprint(files, theme, engine_named("properdocs"))
    (theme / "main.html").write_text("b")
    assert one != engine_fingerprint(files, theme, MkDocsEngine())


def _mkdocs_project(folder: Path, hooks: Path, theme: dict | None = None) -> Path:
    pages = ["index.md", "pilots/index.md", "pilots/a/index.md", "pilots/b/index.md",
             "stories/index.md", "stories/x/index.md", "stories/y/index.md", "deep/index.md",
             "deep/inner/index.md", "other/z.md", "other/w.md", "extra/index.md",
             "pilots/c/index.md"]
    for rel in pages:
        path = folder / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\ntitle: {rel}\n---\n<h2 id=\"h\">{rel}</h2><p>text</p>\n")
    nav = [{"Home": "index.md"},
           {"Pilots": [{"All": "pilots/index.md"}, {"A": "pilots/a/index.md"}]},
           {"Stories": "stories/index.md"}, {"Inner": "deep/inner/index.md"},
           {"Z": "other/z.md"}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump({
        "site_name": "T", "nav": nav, "hooks": [str(hooks)],
        "theme": {"name": "material", "features": ["navigation.tabs", "navigation.indexes"],
                  **(theme or {})}}))
    return folder


def test_the_menu_rendered_once_per_folder_is_the_menu_of_every_page(tmp_path):
    """The shared menu (hooks.on_env) against Material rendering it for each page."""
    import subprocess
    import sys
    plain = tmp_path / "plain_hooks.py"
    plain.write_text("from generator.engine.hooks import (on_page_markdown, on_page_content,"
                     " on_post_page, on_post_template)\n")
    outputs = []
    for name, hooks in (("shared", HOOKS), ("plain", plain)):
        project = _mkdocs_project(tmp_path / name, hooks)
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                        str(project / "mkdocs.yml")], check=True, cwd=REPO,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)})
        outputs.append({p.relative_to(project / "site"): p.read_bytes()
                        for p in (project / "site").rglob("*.html")})
    shared, plain_pages = outputs
    assert len(shared) == 14 and shared.keys() == plain_pages.keys()
    assert [page for page in shared if shared[page] != plain_pages[page]] == []
    story = shared[Path("stories/x/index.html")].decode()
    assert 'href="../../pilots/a/"' in story and "md-nav__link--active" not in story


def test_a_site_theme_overriding_a_part_of_the_menu_gets_the_menu_per_page(tmp_path):
    import subprocess
    import sys
    import material
    theme = tmp_path / "theme" / "partials"
    theme.mkdir(parents=True)
    tabs = (Path(material.__file__).parent / "templates/partials/tabs.html").read_text()
    (theme / "tabs.html").write_text(tabs.replace("<nav ", "<nav data-page=\"{{ page.title }}\" ", 1))
    project = _mkdocs_project(tmp_path / "site", HOOKS, {"custom_dir": str(tmp_path / "theme")})
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")],
                   check=True, cwd=REPO,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)})
    for story in ("x", "y"):
        html = (project / f"site/stories/{story}/index.html").read_text()
        assert f'data-page="stories/{story}/index.md"' in html


def test_the_theme_listing_leaves_out_only_hidden_files(tmp_path):
    import jinja2
    from generator.engine.worker import _listing_of
    for rel in ["main.html", "partials/nav.html", ".icons/a/b.svg", "assets/.hidden.css",
                "assets/x.css", "a/.git/config"]:
        (tmp_path / "theme" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "theme" / rel).write_text("x")
    loader = jinja2.FileSystemLoader([str(tmp_path / "theme")])
    listed = _listing_of(loader, once=False)
    assert listed == tuple(n for n in loader.list_templates()
                           if not any(part.startswith(".") for part in n.split("/")))
    assert listed == ("assets/x.css", "main.html", "partials/nav.html")


def test_an_engine_process_started_early_exits_when_no_build_needs_it():
    engine = MkDocsEngine()
    engine.prepare(1)
    process = engine.ready[0]
    engine.release()
    assert engine.ready == [] and process.poll() is not None
