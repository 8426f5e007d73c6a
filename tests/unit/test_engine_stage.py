"""Unit tests of the engine seam (generator.engine): projects and adapters."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.emit.project import EmittedPage, NavItem, Project
from generator.engine import ENGINES
from generator.engine.command import ZensicalEngine
from generator.engine.project import (HOOKS, project_config, read_base_config, theme_language,
                                      write_project)
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


def test_custom_tags_are_written_back_unchanged_and_not_resolved(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "copyright: !ENV [COPYRIGHT, 'x']\n"
        "markdown_extensions:\n"
        "  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "      options: !relative $config_dir\n")
    base = read_base_config(tmp_path / "mkdocs.yml")
    write_project(_project(), tmp_path / "en", base, tmp_path, tmp_path / "out")
    written = (tmp_path / "en" / "mkdocs.yml").read_text()
    assert "copyright: !ENV [COPYRIGHT, 'x']\n" in written
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji ''\n" in written
    assert "options: !relative '$config_dir'\n" in written  # the same value, quoted


def test_a_page_added_twice_is_a_bug():
    project = _project()
    with pytest.raises(AssertionError):
        project.add(EmittedPage("index.md", "", {}, ""))


def test_the_theme_language_falls_back_to_english():
    assert theme_language("nl") == "nl" and theme_language("fy") == "en"


def test_engines_are_adapters_found_by_name():
    assert set(ENGINES) == {"mkdocs", "properdocs", "zensical"}
    assert ENGINES["properdocs"]().name == "properdocs"
    with pytest.raises(KeyError):
        ENGINES["hugo"]()
    zensical = ZensicalEngine()
    assert not zensical.fills_csp and zensical.output_dir(Path("/p"), Path("/o")) == Path("/p/_site")


def test_an_engine_that_is_not_installed_fails_with_a_reason(tmp_path):
    run = ZensicalEngine("/no/such/zensical").build("nl", tmp_path, tmp_path / "out", False)
    assert not run.ok and "not installed" in run.output


def test_a_preview_engine_that_dies_says_why(tmp_path, monkeypatch):
    from generator.engine import session

    dying = tmp_path / "worker.py"
    dying.write_text("import sys\nsys.stderr.write('ModuleNotFoundError: no theme\\n')\nsys.exit(3)\n")
    monkeypatch.setattr(session, "WORKER", dying)
    engine = session.SessionEngine()
    run = engine.build("nl", tmp_path, tmp_path / "out", False)
    assert not run.ok and "ModuleNotFoundError: no theme" in run.output
    engine.close()


def test_a_language_is_built_dirty_only_when_all_but_its_pages_text_is_as_last_built(tmp_path):
    from generator.emit.project import Project
    from generator.engine import DirtyPlan

    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "main.html").write_text("a")
    project = Project("nl", "", {"site_name": "x"})
    plan = DirtyPlan()
    assert plan.dirty([project], theme) == frozenset()  # the first build is a full one
    plan.succeeded()
    assert plan.dirty([project], theme) == {"nl"}
    project.files["feed.xml"] = "<feed>a story's new title</feed>"
    assert plan.dirty([project], theme) == frozenset()  # a new file: built in full
    plan.succeeded()
    project.files["feed.xml"] = "<feed>its title changed again</feed>"
    assert plan.dirty([project], theme) == {"nl"}  # copied, as a dirty build does
    (theme / "main.html").write_text("b")
    assert plan.dirty([project], theme) == frozenset()
    plan.forget()
    assert plan.dirty([project], theme) == frozenset()
