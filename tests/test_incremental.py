"""Builds after the first: whatever a build reuses (the store in .cache/, and
in the preview its engine, texts and served folder), the site is byte for
byte the one a cold build of the same content writes."""

from __future__ import annotations

import shutil

import pytest

from helpers import FIXTURES, make_project, pilots_in, site_files

pytestmark = pytest.mark.slow

STORY = "content/stories/eerste-verhaal/nl.md"


def _build(root, *args: str) -> str:
    result = pilots_in(root, "build", *args)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def _edit(root) -> None:
    story = root / STORY
    story.write_text(story.read_text(encoding="utf-8").replace(
        "\n\n", "\n\nEen zin die er later bij kwam.\n\n", 1), encoding="utf-8")


def test_an_incremental_build_equals_a_cold_one(tmp_path):
    warm = make_project(tmp_path / "warm", FIXTURES / "basic" / "content")
    _build(warm)
    _edit(warm)
    _build(warm, "--jobs", "1")  # an edited story: caches and the other work reused
    (warm / "content/stories/fotoverhaal/en.md").touch()  # touched, not changed
    _build(warm)
    cold = make_project(tmp_path / "cold", None)
    shutil.rmtree(cold / "content")
    shutil.copytree(warm / "content", cold / "content")
    _build(cold)
    a, b = site_files(warm / "site"), site_files(cold / "site")
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []
    assert "Een zin die er later bij kwam." in (warm / "site/stories/eerste-verhaal/index.html").read_text()


@pytest.mark.parametrize("change", ["site", "content", "option"])
def test_a_changed_input_or_site_folder_is_built_again(tmp_path, change):
    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    _build(root)
    before = site_files(root / "site")
    args: tuple[str, ...] = ()
    if change == "site":  # someone removed a page from the published folder
        (root / "site/stories/eerste-verhaal/index.html").unlink()
    elif change == "content":
        _edit(root)
    else:
        args = ("--drafts",)
    _build(root, *args)
    after = site_files(root / "site")
    if change == "site":
        assert after == before
    elif change == "content":
        assert after["stories/eerste-verhaal/index.html"] != before["stories/eerste-verhaal/index.html"]
    else:
        assert any("concept" in rel for rel in after) and not any("concept" in rel for rel in before)


def test_a_file_changed_in_the_site_folder_is_put_back_and_the_caches_stay_clean(tmp_path):
    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    _build(root)
    before = site_files(root / "site")
    page = root / "site/stories/eerste-verhaal/index.html"
    picture = next((root / "site/media").glob("*.jpg"))
    for path in (page, picture):  # appended to in place: a hard link would change the cache
        with path.open("ab") as handle:
            handle.write(b"<!-- changed by hand -->")
    _build(root)
    assert site_files(root / "site") == before
    shutil.rmtree(root / "site")
    _build(root)
    assert site_files(root / "site") == before


def test_an_empty_new_folder_is_a_change(tmp_path):
    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    _build(root)
    (root / "content/stories/leeg").mkdir()
    result = pilots_in(root, "build")
    assert result.returncode == 1 and "stories/leeg" in result.stdout + result.stderr


def test_the_preview_equals_a_cold_build_after_edits_to_content_and_theme(tmp_path):
    """The preview keeps its engine, compiled theme, parsed YAML and last site
    between rebuilds; after a content edit, a theme edit and an edit undone,
    its site is still what a cold build of the same folder writes."""
    from generator.build import Paths
    from generator.commands.preview import Preview

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    preview = Preview(Paths(root), drafts=False, log=lambda text: None)
    try:
        assert preview.rebuild()
        _edit(root)
        assert preview.rebuild()
        story_html = root / "theme/story.html"
        story_html.write_text(story_html.read_text(encoding="utf-8").replace(
            "{{ page.meta.pl_hero }}", "{{ page.meta.pl_hero }}<!-- theme edited -->", 1),
            encoding="utf-8")
        assert preview.rebuild()
        meta = root / "content/stories/fotoverhaal/meta.yml"
        original = meta.read_text(encoding="utf-8")
        meta.write_text(original + "\nthis is: [not yaml\n", encoding="utf-8")
        assert not preview.rebuild()
        meta.write_text(original, encoding="utf-8")
        assert preview.rebuild()
    finally:
        preview.builds.close()
    stories = list((preview.paths.out / "stories").glob("*/index.html"))
    assert stories and all("<!-- theme edited -->" in p.read_text() for p in stories)
    _build(root)
    a, b = site_files(preview.paths.out), site_files(root / "site")
    assert sorted(a) == sorted(b)
    assert [rel for rel in a if a[rel] != b[rel]] == []
