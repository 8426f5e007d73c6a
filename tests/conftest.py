"""Shared fixtures: the basic fixture site, built once per test session.

Tests come in tiers: `pytest -m "not slow and not browser"` runs the fast tier
(unit tests per stage, and checks of small content trees); tests that build
whole sites are marked `slow`, those that open pages in Chromium `browser`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from generator.build import Paths, build
from helpers import FIXTURES, REPO, REPO_PATH, make_project

# The suite reads English messages whatever the machine's language (messages
# choose theirs when they are written, so this is early enough), and so does
# every `pilots` the tests start
for _name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "en_GB.UTF-8"

# Fixtures that build a whole site: a test using one is slow
SLOW_FIXTURES = {"basic_project", "basic_site", "basic_server", "repo_site", "repo_server",
                 "photo_project", "preview", "broken_site", "fresh_basic"}
SLOW_MODULES = {"test_build", "test_gates", "test_golden", "test_bench", "test_cli"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Marks every test that builds a whole site as slow."""
    for item in items:
        module = getattr(item, "module", None)
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or \
                (module is not None and module.__name__ in SLOW_MODULES):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def basic_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built copy of tests/fixtures/basic (full build: maps, images, cards)."""
    root = make_project(tmp_path_factory.mktemp("basic"), FIXTURES / "basic" / "content")
    build(Paths(root))
    return root


@pytest.fixture(scope="session")
def basic_site(basic_project: Path) -> Path:
    """The built site/ of the basic fixture."""
    return basic_project / "site"


@pytest.fixture(scope="session")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built strictly (what gets published)."""
    root = make_project(tmp_path_factory.mktemp("repo") / "cosie", REPO / "content")
    build(Paths(root), strict=True)
    return root / "site"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    """An empty site folder with the repository's mkdocs.yml and theme."""
    return make_project(tmp_path / "project")


@pytest.fixture()
def fresh_basic(tmp_path: Path) -> Path:
    """A copy of the basic fixture's folder, not built yet."""
    root = make_project(tmp_path / "basic", FIXTURES / "basic" / "content")
    shutil.rmtree(root / "site", ignore_errors=True)
    return root


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium for the whole session."""
    from playwright.sync_api import sync_playwright

    from browser import CHROMIUM, launch

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium)")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def basic_server(basic_site: Path):
    """The basic fixture's site, served on a local port."""
    from browser import serve

    with serve(basic_site, "/pilots/") as base:
        yield base


@pytest.fixture(scope="session")
def repo_server(repo_site: Path):
    """The repository's site on a local port, under its address's path."""
    from browser import serve

    with serve(repo_site, REPO_PATH) as base:
        yield base
