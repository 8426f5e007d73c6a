"""What a reader meets in the theme: a favicon at the site's root, a title and a
description on every page."""

from __future__ import annotations

import importlib.util
import re
import urllib.request
from io import BytesIO

from PIL import Image, ImageChops

from helpers import REPO


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
