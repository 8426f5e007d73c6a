"""The editors' commands, tried as a new editor would: scaffold, fill, check,
status, preview (with live reload), schemas."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from browser import open_page, wait_until
from generator.commands.schema import render_all
from generator.content.yamlsrc import load_yaml
from helpers import REPO


def pilots(root: Path, *args: str) -> subprocess.CompletedProcess:
    """Runs `pilots` in a site folder."""
    return subprocess.run([sys.executable, "-m", "generator.commands.cli", *args], cwd=root,
                          capture_output=True, text=True)


def test_every_command_has_help():
    for command in ([], ["build"], ["check"], ["status"], ["serve"], ["new"], ["schema"]):
        result = subprocess.run([sys.executable, "-m", "generator.commands.cli", *command, "--help"],
                                capture_output=True, text=True)
        assert result.returncode == 0 and "Usage:" in result.stdout


def test_new_story_passes_check_as_a_draft(fresh_basic):
    result = pilots(fresh_basic, "new", "story", "mijn-verhaal", "--pilot", "alfa")
    assert result.returncode == 0, result.stderr
    folder = fresh_basic / "content/stories/mijn-verhaal"
    assert sorted(p.name for p in folder.iterdir()) == ["en.md", "meta.yml", "nl.md"]
    meta = (folder / "meta.yml").read_text()
    for field in ("pilot: alfa", "date:", "format:", "narrator:", "consent:", "draft: true"):
        assert field in meta
    assert "# " in meta  # comments say what goes where
    assert pilots(fresh_basic, "check", "--strict").returncode == 0


@pytest.mark.parametrize("kind,extra", [("pilot", ["--place", "Utrecht"]), ("page", []),
                                        ("person", [])])
def test_new_pilot_page_person_pass_check(fresh_basic, kind, extra):
    assert pilots(fresh_basic, "new", kind, f"nieuwe-{kind}", *extra).returncode == 0
    assert pilots(fresh_basic, "check", "--strict").returncode == 0


def test_new_refuses_existing_invalid_ids_and_unknown_pilots(fresh_basic):
    existing = pilots(fresh_basic, "new", "story", "eerste-verhaal", "--pilot", "alfa")
    assert existing.returncode != 0 and "exists already" in existing.stderr
    invalid = pilots(fresh_basic, "new", "story", "Mijn Verhaal", "--pilot", "alfa")
    assert invalid.returncode != 0 and "not a valid id" in invalid.stderr
    unknown = pilots(fresh_basic, "new", "story", "x", "--pilot", "alpha")
    assert 'Did you mean "alfa"?' in unknown.stderr and "Traceback" not in unknown.stderr



def test_new_story_without_a_pilot_names_every_pilot(fresh_basic):
    for name in ("gamma", "delta", "epsilon", "zeta"):
        (fresh_basic / "content/pilots" / name).mkdir()
    result = pilots(fresh_basic, "new", "story", "x")
    assert result.returncode != 0 and "e.g. --pilot alfa" in result.stderr
    assert "alfa, beta, delta, epsilon, gamma, zeta" in result.stderr

def test_check_reports_a_misspelt_pilot_with_its_line_in_every_format(fresh_basic):
    pilots(fresh_basic, "new", "story", "mijn-verhaal", "--pilot", "alfa")
    meta = fresh_basic / "content/stories/mijn-verhaal/meta.yml"
    meta.write_text(meta.read_text().replace("pilot: alfa", "pilot: alpha"))
    text = pilots(fresh_basic, "check")
    assert text.returncode == 1
    assert "content/stories/mijn-verhaal/meta.yml:2: error: `pilot`: there is no pilot " \
           '"alpha". Did you mean "alfa"?' in text.stderr
    github = pilots(fresh_basic, "check", "--format", "github")
    assert github.returncode == 1
    assert re.search(r"^::error file=content/stories/mijn-verhaal/meta.yml,line=2::`pilot`: there is "
                     r'no pilot "alpha"\. Did you mean "alfa"\?', github.stdout, re.MULTILINE)
    data = json.loads(pilots(fresh_basic, "check", "--format", "json").stdout)
    error = next(p for p in data if p["level"] == "error")
    assert error["file"] == "content/stories/mijn-verhaal/meta.yml" and error["line"] == 2
    assert "alfa" in error["message"] and error["hint"]


def test_status_shows_missing_texts_and_completeness(fresh_basic):
    result = pilots(fresh_basic, "status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    english_only = next(l for l in lines if " english-only " in l)
    assert "missing: nl.md" in english_only and "illustrative example" in english_only
    beta = next(l for l in lines if " beta " in l)
    assert re.search(r"beta\s+yes\s+-\s+missing: en\.md", beta)
    assert "no consent: not published" in next(l for l in lines if " no-consent " in l)
    assert "draft" in next(l for l in lines if " concept " in l)
    assert re.search(r"^Translations: nl \d+% \(\d+ of \d+ texts\), en \d+% ", lines[-1])


def test_status_names_a_field_without_its_translation(fresh_basic):
    meta = fresh_basic / "content/partners/gemeente-voorbeeld/meta.yml"
    meta.write_text(meta.read_text().replace(", en: Municipality of Voorbeeld", ""))
    lines = pilots(fresh_basic, "status").stdout.splitlines()
    line = next(l for l in lines if " gemeente-voorbeeld " in l)
    assert re.search(r"gemeente-voorbeeld\s+yes\s+-\s+name has no en", line)
    assert "hogeschool-voorbeeld" in next(l for l in lines if re.search(r"hogeschool-voorbeeld\s+yes\s+yes", l))


def test_status_lists_images_without_credit(fresh_basic):
    meta = fresh_basic / "content/stories/eerste-verhaal/meta.yml"
    meta.write_text(meta.read_text().replace(', credit: "Tekening: testproject"', ""))
    line = next(l for l in pilots(fresh_basic, "status").stdout.splitlines() if " eerste-verhaal " in l)
    assert "cover cover.jpg has no credit" in line


def test_schemas_are_current_and_validate_real_records():
    import jsonschema

    for name, text in render_all().items():
        assert (REPO / "schemas" / name).read_text() == text, f"run `pilots schema`: {name} is stale"
    settings = json.loads((REPO / ".vscode/settings.json").read_text())
    assert settings["yaml.schemas"]["./schemas/story.schema.json"] == ["content/stories/*/meta.yml"]
    story = json.loads((REPO / "schemas/story.schema.json").read_text())
    fixture = REPO / "tests/fixtures/basic/content/stories/eerste-verhaal/meta.yml"
    jsonschema.validate(load_yaml(fixture.read_text(encoding="utf-8")).data, story)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"pilot": "alfa", "pilot_typo": 1}, story)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def preview(fresh_basic):
    """`pilots serve` running on a free port in the basic fixture."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "serve", "--port", str(port)],
                               cwd=fresh_basic, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    base = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base, timeout=1)
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(process.stdout.read())
            time.sleep(0.3)
    yield fresh_basic, base, process
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


@pytest.mark.browser
def test_preview_serves_both_languages_reloads_and_survives_errors(preview, browser):
    root, base, _ = preview
    for url, lang in (("", "nl"), ("en/", "en")):
        html = urllib.request.urlopen(base + url).read().decode()
        assert f'<html lang="{lang}"' in html and "/__pilots__/live.js" in html
    page_, visit = open_page(browser, base, "stories/eerste-verhaal/")
    assert page_.locator("h1").inner_text() == "Het eerste verhaal"
    page_.wait_for_timeout(500)  # let the page subscribe to rebuilds
    story = root / "content/stories/eerste-verhaal/nl.md"
    story.write_text(story.read_text().replace("title: Het eerste verhaal", "title: Een nieuwe titel"))
    wait_until(page_, "document.querySelector('h1') && document.querySelector('h1').textContent"
                      " === 'Een nieuwe titel'", timeout=60)
    meta = root / "content/stories/eerste-verhaal/meta.yml"
    meta.write_text(meta.read_text().replace("pilot: alfa", "pilot: alpha"))
    wait_until(page_, "!!document.querySelector('[role=alert]') && document.querySelector("
                      "'[role=alert]').textContent.includes('Did you mean')", timeout=60)
    assert page_.locator("h1").inner_text() == "Een nieuwe titel"  # the last good site
    html = urllib.request.urlopen(base + "en/stories/eerste-verhaal/").read().decode()
    assert "The first story" in html
    page_.context.close()


@pytest.mark.browser
def test_preview_shows_a_truncated_photo_keeps_watching_and_comes_back_when_it_is_repaired(
        preview, browser):
    root, base, process = preview
    page_, _visit = open_page(browser, base, "stories/eerste-verhaal/")
    page_.wait_for_timeout(500)  # let the page subscribe to rebuilds
    cover = root / "content/stories/eerste-verhaal/cover.jpg"
    good = cover.read_bytes()
    cover.write_bytes(good[: len(good) // 2])
    wait_until(page_, "!!document.querySelector('[role=alert]') && document.querySelector("
                      "'[role=alert]').textContent.includes('cover.jpg is damaged')", timeout=60)
    cover.write_bytes(good)  # repaired: the site comes back without a restart
    wait_until(page_, "!document.querySelector('[role=alert]')", timeout=60)
    story = root / "content/stories/eerste-verhaal/nl.md"
    story.write_text(story.read_text().replace("title: Het eerste verhaal", "title: Weer heel"))
    wait_until(page_, "document.querySelector('h1') && document.querySelector('h1').textContent"
                      " === 'Weer heel'", timeout=60)
    assert process.poll() is None
    page_.context.close()
