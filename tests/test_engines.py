"""The engines behind the seam build the same site: MkDocs, which ProperDocs
(its maintained fork, the default) forked from, in every run; Zensical
(Material's successor) as a smoke test when it could be installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import Options, Paths, build
from generator.engine import MkDocsEngine, ZensicalEngine
from generator.publish.linkcheck import check_site
from helpers import FIXTURES, make_project, site_files

pytestmark = pytest.mark.slow


def _built(tmp_path: Path, engine) -> Path:
    root = make_project(tmp_path / "p", FIXTURES / "basic" / "content")
    build(Paths(root), Options(engine=engine))
    return root / "site"


def test_mkdocs_builds_the_same_pages_with_the_same_links_and_policy(basic_site, tmp_path):
    site = _built(tmp_path, MkDocsEngine())
    ours, theirs = site_files(site), site_files(basic_site)
    assert sorted(ours) == sorted(theirs)
    assert check_site(site, "/pilots/") == []
    for rel, data in ours.items():
        if rel.endswith(".html"):
            text = data.decode()
            assert "script-src 'self' 'wasm-unsafe-eval' 'sha256-" in text, rel
            assert "pl:content" not in text, rel
            assert text == theirs[rel].decode(), rel  # the fork renders byte for byte alike


def test_zensical_builds_every_page_in_both_languages(basic_site, tmp_path):
    engine = ZensicalEngine()
    if not Path(engine.command[0]).exists() and not shutil.which(engine.command[0]):
        pytest.skip("Zensical is not installed here (make test installs it when it can)")
    site = _built(tmp_path, engine)
    pages = {rel for rel in site_files(basic_site) if rel.endswith("index.html")}
    assert pages <= set(site_files(site))
    for rel in pages:
        text = (site / rel).read_text()
        assert "pl:content" not in text and "'pl-inline-scripts'" not in text, rel
