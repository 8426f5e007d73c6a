"""Unit tests of the commands' output (generator.commands)."""

from __future__ import annotations

import json

from generator.build import BuildReport
from generator.commands.cli import as_json, github_line, timing_table
from generator.content.problems import Problem


def test_github_annotations_escape_what_would_end_them():
    line = github_line(Problem("content/a,b:c.yml", 3, "bad\nvalue %", "fix it"))
    assert line.startswith("::error file=content/a%2Cb%3Ac.yml,line=3::bad%0Avalue %25")
    assert "\n" not in line


def test_json_output_is_a_list_of_problems():
    data = json.loads(as_json([Problem("a.yml", None, "m", "h", "warning")]))
    assert data == [{"file": "a.yml", "line": None, "level": "warning", "message": "m",
                     "hint": "h"}]


def test_the_timing_table_lists_the_stages_in_order():
    report = BuildReport(timings={"engine": 1.5, "check": 0.25, "total": 2.0})
    lines = timing_table(report).splitlines()
    assert lines[1].split()[0] == "check" and lines[2].split()[0] == "engine"
    assert lines[-1].split()[:2] == ["total", "2.00"]


def test_a_page_that_connects_after_a_reload_hears_the_generation_it_missed():
    from generator.commands.preview import Hub
    hub = Hub()
    early = hub.subscribe()
    assert early.get_nowait() == ("hello", "0")
    hub.send("reload")
    assert early.get_nowait() == ("reload", "1")
    late = hub.subscribe()  # a page served at generation 0 that was still loading
    assert late.get_nowait() == ("hello", "1")


def test_view_answers_a_missing_address_with_the_language_s_own_404_page(tmp_path):
    import threading
    import urllib.error
    import urllib.request

    from generator.commands.view import server

    (tmp_path / "en").mkdir()
    (tmp_path / "404.html").write_text("<p>Niet gevonden</p>")
    (tmp_path / "en/404.html").write_text("<p>Not found</p>")
    view = server(tmp_path, "/cosie/", 0)
    threading.Thread(target=view.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{view.server_address[1]}/cosie/"
        for path, expected in (("en/does-not-exist/", "Not found"), ("weg/?q=1", "Niet gevonden"),
                               ("../etc/passwd", "Niet gevonden")):
            try:
                urllib.request.urlopen(base + path)
                raise AssertionError(f"{path} was found")
            except urllib.error.HTTPError as missing:
                assert missing.code == 404 and missing.read().decode() == f"<p>{expected}</p>"
                assert missing.headers["Content-Type"] == "text/html; charset=utf-8"
    finally:
        view.shutdown()
        view.server_close()
