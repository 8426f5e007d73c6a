"""The attack suite, time bombs: content that takes time out of proportion to its size.

Python-Markdown (and the regular expressions that find images and headings)
take time that grows with the square of some texts' length. Every text is
therefore analysed in a worker process under a time budget
(generator/site/textwork.py): a text over it is refused with its file and
line, whatever its size. Files are bounded in size, a file's problems in
number, GeoJSON in points.

The checks here run in a subprocess with a generous timeout: a hang
detector, not a measurement (the figures are in bench/RESULTS.md).
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
import time
import sys
from pathlib import Path

import pytest

from generator.build import Paths, build
from generator.content.boundary import LIMITS
from generator.content.problems import PER_FILE, ContentError
from generator.site.prose import Text, analyse
from generator.site.textwork import TextWork
from helpers import REPO, make_project, minimal, one_problem, write

HANG = 120  # seconds after which a check is taken to hang (a bounded one takes about one)
FRONT = "---\ntitle: A\nsummary: B\n---\n"  # the body starts on line 5
# What made Python-Markdown take minutes, and its variants: brackets that open
# no link, tags that never close, images, footnotes, autolinks, nesting
BOMBS = {
    "brackets": "[", "tags": "<a ", "images": "![", "footnotes": "[^", "links": "[a](",
    "autolinks": "<http://a", "image-links": "![a](", "list-tags": "1. <a ",
    "quoted-brackets": "> [", "emphasis": "*a* ", "paragraphs": "a\n\n", "fences": "```\n",
}


def _bomb(unit: str, size: int) -> str:
    return (unit * (size // len(unit.encode())))[:size]


def _check(root: Path) -> subprocess.CompletedProcess:
    """`pilots check` in a subprocess: a check that hangs fails the test."""
    try:
        return subprocess.run([sys.executable, "-m", "generator.commands.cli", "check"], cwd=root,
                              capture_output=True, text=True, timeout=HANG)
    except subprocess.TimeoutExpired:
        pytest.fail(f"pilots check did not finish in {HANG} s: a text's time is not bounded")


def test_every_time_bomb_in_a_body_is_refused_with_its_file_and_line(tmp_path: Path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    size = LIMITS[".md"] - len(FRONT) - 64
    for name, unit in BOMBS.items():
        story = content / "stories" / name
        (story).mkdir()
        (story / "meta.yml").write_text((content / "stories/een/meta.yml").read_text())
        (story / "nl.md").write_text("---\ntitle: Een\nsummary: B\n---\nTekst.\n")
        (story / "en.md").write_text(FRONT + "A text that starts well.\n\n" + _bomb(unit, size))
    result = _check(root)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr[-2000:]
    refused = set(re.findall(r"content/stories/([\w-]+)/en\.md:(\d+): error: this text could "
                             r"not be shown", result.stderr))
    names = {name for name, line in refused if int(line) >= 5}
    slow = {name for name in BOMBS if name not in names}
    # a variant that Markdown happens to render in time is harmless: it must then be clean
    for name in slow:
        assert f"stories/{name}/" not in result.stderr, result.stderr
    assert {"brackets", "tags", "images", "footnotes", "links"} <= names, result.stderr


def test_a_bomb_points_at_the_line_where_it_starts(tmp_path: Path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    write(content, "stories/een/en.md", FRONT + "Line five.\n\nLine seven.\n\nLine nine " +
          "[" * 60_000 + "\n")
    problem = one_problem(_problems(root), "stories/een/en.md:9", "could not be shown")
    assert "60000 [ without a ]" in problem


def test_a_time_bomb_in_an_intervention_description_is_refused_at_its_line(tmp_path: Path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    write(content, "pilots/houten/interventions.yml", f"""
        - id: a
          type: meeting
          title: A
          date: 2019-03-01
          location: {{lat: 52.03, lon: 5.17}}
          description: {{nl: "{'[' * 9_000}", en: fine}}
        """)
    one_problem(_problems(root), "interventions.yml:6", "could not be shown")


def test_a_build_refuses_a_bomb_and_leaves_the_site_alone(tmp_path: Path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    write(root, "site/index.html", "the published site\n")
    write(content, "stories/een/en.md", FRONT + "<a " * 30_000)
    with pytest.raises(ContentError) as caught:
        build(Paths(root))
    one_problem([p.format() for p in caught.value.problems], "stories/een/en.md:5")
    assert (root / "site/index.html").read_text() == "the published site\n"


def test_a_text_with_thousands_of_offences_lists_some_and_counts_the_rest(tmp_path: Path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    write(content, "stories/een/en.md", FRONT + "".join(
        f'<span onclick="x{i}">a</span> [b](javascript:{i}) [c](../nowhere-{i}/)\n'
        for i in range(800)))
    result = _check(root)
    lines = [line for line in result.stderr.splitlines() if "stories/een/en.md" in line]
    assert len(lines) <= PER_FILE + 1, len(lines)
    assert any("only the first" in line or "more problems like these" in line for line in lines)
    assert "Traceback" not in result.stderr


def test_a_text_with_a_control_character_on_every_line_is_said_quickly(tmp_path: Path):
    # each one's line was counted from the start of the text: 256 kB of them took 9 s
    from generator.content.controls import unshowable_lines

    body = _bomb("\x01\n", LIMITS[".md"] - len(FRONT) - 64)
    started = time.perf_counter()
    assert len(unshowable_lines(body)) == len(body) // 2
    assert time.perf_counter() - started < 2
    root = make_project(tmp_path / "p")
    write(minimal(root), "stories/een/en.md", FRONT + body)
    result = _check(root)
    lines = [line for line in result.stderr.splitlines() if "stories/een/en.md" in line]
    assert result.returncode == 0 and len(lines) == PER_FILE + 1, result.stderr[-2000:]
    assert "en.md:5: warning" in lines[1] and "U+0001" in lines[1]



def test_a_yaml_error_below_thousands_of_pasted_spaces_is_explained_quickly():
    # each space that YAML does not read as one was tried by parsing the whole text
    # again: 87 kB of them took 10 s, a file of the 512 kB allowed minutes
    from generator.content.yamlsrc import load_yaml

    lines = "".join(f"  a{i}:\u00a0b\n" for i in range(LIMITS[".yml"] // 12))
    text = "title: x\nbody: |\n" + lines + "bad: [\n"
    started = time.perf_counter()
    error = load_yaml(text).error
    assert time.perf_counter() - started < 5
    assert error is not None and error.line == text.count("\n") + 1

def test_a_file_with_thousands_of_mistakes_lists_the_first_hundred(tmp_path: Path):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "".join(f"k{i}: 1\n" for i in range(9_000)) +
                    "themes: [" + ", ".join(f"t{i}" for i in range(9_000)) + "]\n")
    result = _check(root)
    listed = [line for line in result.stderr.splitlines() if line.startswith("content/stories/een/meta.yml")]
    assert len(listed) == PER_FILE + 1, len(listed)
    assert "only the first 100 are listed" in listed[0]


@pytest.mark.parametrize("geojson,needle", [
    (json.dumps({"type": "LineString",
                 "coordinates": [[5.17 + i * 1e-7, 52.03] for i in range(120_000)]}),
     "more than 100,000 points"),
    ('{"type": "Point", "coordinates": [' + "1" * 6_000 + ", 52.03]}", "numbers in range"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_geojson_that_would_take_long_is_refused(tmp_path: Path, geojson: str, needle: str):
    root = make_project(tmp_path / "p")
    content = minimal(root)
    (content / "pilots/houten/area.geojson").write_text(geojson)
    write(content, "pilots/houten/interventions.yml", """
        - id: a
          type: meeting
          title: A
          date: 2019-03-01
          area: area.geojson
        """)
    one_problem(_problems(root), "area.geojson", needle)


def test_a_worker_over_its_budget_is_replaced_and_the_next_text_is_analysed():
    with TextWork(processes=1, budget=0.3) as work:
        assert work.analysis(Text("[" * 40_000)).failed == "slow"
        fine = work.analysis(Text("*fine*"))
        assert fine.failed is None and "<em>fine</em>" in fine.rendered.html


def test_a_worker_that_dies_is_replaced():
    with TextWork(processes=1) as work:
        assert work.analysis(Text("one")).failed is None
        for pid in _children():
            os.kill(pid, signal.SIGKILL)
        result = work.analysis(Text("two"))
        assert result.failed in (None, "broken")
        assert work.analysis(Text("three")).failed is None


def test_a_worker_that_cannot_start_still_answers(monkeypatch):
    monkeypatch.setattr(sys, "executable", "/no/such/python")
    answers = []
    with TextWork(processes=1) as work:
        waiting = threading.Thread(target=lambda: answers.append(work.analysis(Text("x"))),
                                   daemon=True)
        waiting.start()
        waiting.join(timeout=30)  # a check that waits for ever is the bug
    assert [answer.failed for answer in answers] == ["broken"]


def test_the_workers_render_every_text_of_the_site_exactly_as_the_generator_does():
    texts = []
    for path in sorted((REPO / "content").rglob("*.md")):
        body = path.read_text(encoding="utf-8").split("---\n", 2)[-1]
        texts.append(Text(body, 5, "Terug naar de tekst" if path.name == "nl.md" else "Back"))
    with TextWork() as work:
        work.submit(texts)
        for text in texts:
            assert work.analysis(text) == analyse(text)


def _problems(root: Path) -> list[str]:
    """The problems `pilots check` prints, each with its hint."""
    result = _check(root)
    assert "Traceback" not in result.stderr, result.stderr
    return re.split(r"\n(?=content/)", result.stderr)


def _children() -> list[int]:
    """This process's text workers (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                cmdline = (entry / "cmdline").read_bytes()
                if b"textwork" in cmdline:
                    found.append(int(entry.name))
    return found
