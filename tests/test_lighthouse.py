"""Lighthouse (npm, mobile): Accessibility 100 and SEO 100, with no audit
failing, on every page type of the repository's own site, in Debian's Chromium.

The 404 page is asked for by its file name: served as the answer to a missing
address, its 404 status rightly tells search engines not to index it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from browser import CHROMIUM
from helpers import REPO

RUNNER = REPO / "tests" / "lighthouse.mjs"
PAGES = ["", "en/", "stories/", "pilots/", "people/", "partners/", "publications/",
         "stories/verhalen-ophalen/", "stories/afval-in-beeld/",
         "stories/van-europa-naar-de-buurt/", "pilots/houten/", "pilots/finland/",
         "people/eva-hijmans/", "partners/gemeente-houten/", "about/", "licences/", "search/",
         "404.html"]


@pytest.mark.browser
def test_every_page_type_scores_100_for_accessibility_and_seo(repo_server):
    node = shutil.which("node")
    if node is None or not (REPO / "node_modules" / "lighthouse").is_dir():
        pytest.fail("node or Lighthouse is missing: run `make test` (it installs both)")
    result = subprocess.run([node, str(RUNNER), repo_server, *PAGES], capture_output=True,
                            text=True, timeout=600, env={**os.environ, "CHROME_PATH": CHROMIUM})
    assert result.returncode == 0, result.stderr[-3000:]
    scores = json.loads(result.stdout)
    assert sorted(scores) == sorted(PAGES)
    below = {page: found for page, found in scores.items()
             if (found["accessibility"], found["seo"]) != (100, 100) or found["failing"]}
    assert below == {}, json.dumps(below, indent=1)
