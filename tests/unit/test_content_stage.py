"""Unit tests of reading and validating content (generator.content)."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from generator.content.boundary import Boundary, Refused
from generator.content.dates import parse_date
from generator.content.fields import FileName, Localized, Location, Period
from generator.content.kinds import KINDS, PAGES, STORIES, by_singular
from generator.content.problems import Problems, did_you_mean, one_of
from generator.content.records.site import SiteConfig, checked_base_url
from generator.content.yamlsrc import FIELD_LIMIT, load_yaml
from pydantic import TypeAdapter

LANGS = {"languages": ["nl", "en"]}


def test_anchors_aliases_and_tags_are_refused_with_their_line():
    assert "anchors" in load_yaml("a: 1\nb: &x 2\n").error.message
    assert load_yaml("a: 1\nb: &x 2\nc: *x\n").error.line == 2
    assert "tags" in load_yaml("a: !!python/name:os.system x\n").error.message
    assert "tags" in load_yaml("a: !!str 5\n").error.message


def test_deep_nesting_and_long_texts_are_refused():
    assert "nested" in load_yaml("a: " + "[" * 40 + "]" * 40).error.message
    error = load_yaml("a: 1\nb: " + "x" * (FIELD_LIMIT + 1) + "\n").error
    assert error.line == 2 and "10,000" in error.message


def test_keys_are_always_text():
    data = load_yaml("1: a\nyes: b\ntrue: c\n").data
    assert set(data) == {"1", "yes", "true"}


@pytest.mark.parametrize("text,precision", [("2019", "year"), ("2019-05", "month"),
                                            ("2019-05-10", "day")])
def test_dates_keep_their_precision(text, precision):
    assert parse_date(text).precision == precision and parse_date(text).iso() == text


@pytest.mark.parametrize("text", ["2019-13", "2019-02-30", "10 May 2019", "2019-5"])
def test_dates_that_are_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


@pytest.mark.parametrize("text,meant", [
    ("3-12-2026", "2026-12-03"), ("03/12/2026", "2026-12-03"), ("3.12.2026", "2026-12-03"),
    ("3 december 2026", "2026-12-03"), ("3 dec. 2026", "2026-12-03"), ("3 mrt 2026", "2026-03-03"),
    ("3 December 2026", "2026-12-03"), ("December 3, 2026", "2026-12-03"),
    ("oktober 2019", "2019-10"), ("Oct 2019", "2019-10"),
    ("2026-12-3", "2026-12-03"), ("2019-5", "2019-05"), ("2019/5/10", "2019-05-10")])
def test_a_date_written_another_way_is_offered_as_it_is_written_here(text, meant):
    with pytest.raises(ValueError) as refused:
        parse_date(text)
    assert f"did you mean {meant}?" in refused.value.hint


@pytest.mark.parametrize("text", ["3-12-26", "12-31-2026", "31-2-2026", "2026-13-3", "3 decem 2026",
                                  "2019-10-01-02", "zomer 2026", "3 12 2026",
                                  "2026-0-3", "0-12-2026", "2026-12-0"])
def test_a_date_whose_meaning_is_not_certain_is_not_guessed(text):
    with pytest.raises(ValueError) as refused:
        parse_date(text)
    assert "did you mean" not in getattr(refused.value, "hint", "")


def test_a_plain_text_means_every_language():
    value = TypeAdapter(Localized).validate_python("Werk", context=LANGS)
    assert value == {"nl": "Werk", "en": "Werk"}
    with pytest.raises(ValidationError):
        TypeAdapter(Localized).validate_python({"de": "Arbeit"}, context=LANGS)


@pytest.mark.parametrize("name", ["../x.jpg", "/etc/passwd", "a/b.jpg", ".hidden.jpg", "a\\b.jpg"])
def test_a_file_name_is_never_a_path(name):
    with pytest.raises(ValidationError):
        TypeAdapter(FileName).validate_python(name)


def test_locations_need_named_keys_and_periods_an_order():
    with pytest.raises(ValidationError):
        Location.model_validate([52.0, 5.1])
    with pytest.raises(ValidationError):
        Period.model_validate({"start": "2019-11", "end": "2019-01"})


@pytest.mark.parametrize("url", ['https://x.org/"><script>', "javascript:alert(1)//",
                                 "https://x.org/\n", "ftp://x.org/", "https://x.org/a b/"])
def test_base_urls_are_checked(url):
    with pytest.raises(ValueError):
        checked_base_url(url)
    assert checked_base_url("https://x.org/site") == "https://x.org/site/"


def test_the_site_knows_its_base_path_and_default_language():
    config = SiteConfig.model_validate({"title": "T", "languages": ["nl", "en"],
                                        "base_url": "https://o.github.io/cosie"}, context=LANGS)
    assert config.base_path == "/cosie/" and config.default_language == "nl"
    assert config.locale("en") == "en_GB"


def test_video_hosts_are_server_names_in_lowercase():
    site = {"title": "T", "languages": ["nl"], "base_url": "https://o.github.io/"}
    config = SiteConfig.model_validate({**site, "video_hosts": ["PeerTube.Example.org"]},
                                       context=LANGS)
    assert config.video_hosts == ["peertube.example.org"]
    with pytest.raises(ValueError, match="is not the name of a server"):
        SiteConfig.model_validate({**site, "video_hosts": ["https://x.org"]}, context=LANGS)


def test_every_kind_is_described_once():
    assert list(KINDS) == ["pages", "pilots", "stories", "people", "partners"]
    assert by_singular("story") is STORIES and STORIES.path("x") == "stories/x/"
    assert PAGES.path("about") == "about/"
    assert len({k.singular for k in KINDS.values()}) == len(KINDS)


def test_problems_are_sorted_and_strict_counts_warnings(tmp_path):
    problems = Problems(root=tmp_path)
    problems.add(tmp_path / "b.yml", 3, "late", level="warning")
    problems.add(tmp_path / "a.yml", 9, "early")
    assert [p.path for p in problems.of("error", "warning")] == ["a.yml", "b.yml"]
    assert len(problems.failing(False)) == 1 and len(problems.failing(True)) == 2


def test_control_characters_in_messages_are_shown_as_codes(tmp_path):
    problems = Problems(root=tmp_path)
    problems.add(tmp_path / "x\n::error y", None, "a\x1b[31mred")
    problem = problems.items[0]
    assert "\n" not in problem.path and "\x1b" not in problem.message


def test_suggestions():
    assert did_you_mean("finshed", ["finished", "running"]) == ' Did you mean "finished"?'
    assert did_you_mean("zzz", ["finished"]) == ""
    assert one_of(["b", "a", "c"]) == "`a`, `b` or `c`"


def test_the_boundary_keeps_reads_inside(tmp_path):
    content = tmp_path / "content"
    (content / "stories/x").mkdir(parents=True)
    (tmp_path / "secret").write_text("s")
    (content / "stories/x/ok.md").write_text("ok")
    (content / "stories/x/out.md").symlink_to(tmp_path / "secret")
    boundary = Boundary(content)
    assert boundary.read_text(content / "stories/x/ok.md") == "ok"
    with pytest.raises(Refused, match="leads outside"):
        boundary.read_text(content / "stories/x/out.md", content / "stories/x")
    with pytest.raises(Refused, match="symbolic link"):
        boundary.read_text(content / "stories/x/out.md", link_ok=False)


def test_the_boundary_refuses_devices_large_files_and_broken_links(tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    os.mkfifo(content / "pipe.md")
    (content / "big.yml").write_bytes(b"x" * (1 << 20 + 1) + b"xx")
    (content / "gone.jpg").symlink_to("nothere.jpg")
    boundary = Boundary(content)
    for name, reason in (("pipe.md", "ordinary"), ("big.yml", "limit"), ("gone.jpg", "nowhere")):
        with pytest.raises(Refused, match=reason):
            boundary.check(content / name)


def test_the_boundary_sees_through_links_and_dots_whatever_it_resolved_before(tmp_path):
    from generator.content.boundary import Boundary, Refused
    content, outside = tmp_path / "content", tmp_path / "outside"
    (content / "stories/a").mkdir(parents=True)
    outside.mkdir()
    (outside / "secret.md").write_text("x")
    (content / "stories/a/nl.md").write_text("ok")
    boundary = Boundary(content)
    assert boundary.read_text(content / "stories/a/nl.md") == "ok"
    assert not boundary.inside(content / "..")
    assert not boundary.inside(content / "stories/a/../../..")
    (content / "stories/b").symlink_to(outside)  # a folder that leads outside
    with pytest.raises(Refused):
        boundary.read_text(content / "stories/b/secret.md")
    (content / "stories/a/link.md").symlink_to(outside / "secret.md")
    with pytest.raises(Refused):
        boundary.read_text(content / "stories/a/link.md")
    with pytest.raises(Refused):
        boundary.read_text(content / "stories/a/nl.md", within=content / "stories/b")


def test_the_preview_keeps_parsed_yaml_within_its_bounds_and_never_stale():
    from generator.content import yamlsrc
    yamlsrc.keep_parsed(50, characters=1000)
    try:
        first = yamlsrc.load_yaml("a: 1\n")
        assert yamlsrc.load_yaml("a: 1\n") is first
        assert yamlsrc.load_yaml("a: 2\n").data == {"a": 2}
        for i in range(100):  # autosaves of a large file
            yamlsrc.load_yaml(f"b: {'x' * 100}{i}\n")
        assert len(yamlsrc._KEPT) <= 10 and yamlsrc._kept_characters <= 1000
        assert yamlsrc.load_yaml("a: 1\n").data == {"a": 1}
    finally:
        yamlsrc.keep_parsed(0)


def test_the_preview_forgets_the_bundles_of_folders_renamed_or_deleted(tmp_path):
    import shutil as _shutil
    from generator.content.kept import KeptBundles
    from generator.content.load import load_content
    from helpers import minimal, write
    content = minimal(tmp_path)
    for name in ("a", "b"):
        write(content, f"pages/{name}/nl.md", "---\ntitle: Een\n---\nTekst.\n")
    kept = KeptBundles()
    assert set(load_content(content, Problems(root=tmp_path), kept).of(PAGES)) == {"a", "b"}
    before = set(kept._kept)
    (content / "pages/a").rename(content / "pages/c")
    _shutil.rmtree(content / "pages/b")
    assert set(load_content(content, Problems(root=tmp_path), kept).of(PAGES)) == {"c"}
    assert set(kept._kept) == before - {content / "pages/a", content / "pages/b"} | {
        content / "pages/c"}


def test_a_folder_replaced_by_a_link_mid_build_is_resolved_again(tmp_path):
    import shutil as _shutil
    from generator.content.boundary import Boundary, Refused
    content, outside = tmp_path / "content", tmp_path / "outside"
    (content / "stories/x").mkdir(parents=True)
    (content / "stories/x/meta.yml").write_text("in")
    outside.mkdir()
    (outside / "meta.yml").write_text("out")
    boundary = Boundary(content)
    assert boundary.read_text(content / "stories/x/meta.yml") == "in"
    _shutil.rmtree(content / "stories/x")
    (content / "stories/x").symlink_to(outside)
    with pytest.raises(Refused):
        boundary.read_text(content / "stories/x/meta.yml")


def test_unshowable_is_exactly_the_controls_surrogates_and_noncharacters():
    """Found quickly (one lookup in the first plane), the same characters as one plain class."""
    import re

    from generator.content.controls import UNSHOWABLE

    noncharacters = "\ufdd0-\ufdef" + "".join(
        chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000))
    plain = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{noncharacters}]")
    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in UNSHOWABLE.finditer(every)] == \
        [m.start() for m in plain.finditer(every)]
