"""Builds after the first: whatever a build reuses (the store in .cache/, and
in the preview its engine, texts and served folder), the site is byte for
byte the one a cold build of the same content writes."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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


# -- the store: nothing in it can change what a build publishes ------------------------------

def _cold_equals(root, tmp_path, env: dict | None = None) -> None:
    """Asserts that root's site equals what a cold build of the same folder writes."""
    built = site_files(root / "site")
    shutil.rmtree(root / ".cache")
    _build_with(root, env)
    cold = site_files(root / "site")
    assert sorted(built) == sorted(cold)
    assert [rel for rel in built if built[rel] != cold[rel]] == []


def _build_with(root, env: dict | None = None) -> None:
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "build"], cwd=root,
                            capture_output=True, text=True, env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("damage", ["truncated", "emptied", "swapped", "garbage"])
def test_every_entry_of_the_store_damaged_then_a_build_equals_a_cold_one(tmp_path, damage):
    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    _build(root)
    entries = sorted(p for p in (root / ".cache").rglob("*") if p.is_file())
    assert {p.parent.name for p in entries} >= {"images", "measured", "maps"}
    contents = [p.read_bytes() for p in entries]
    for number, entry in enumerate(entries):
        if damage == "truncated":
            entry.write_bytes(contents[number][: len(contents[number]) // 2])
        elif damage == "emptied":
            entry.write_bytes(b"")
        elif damage == "swapped":  # another entry's bytes, of the same kind where possible
            entry.write_bytes(contents[(number + 1) % len(contents)])
        else:
            entry.write_bytes(b'{"name": "x", "script": "alert(1)"}')
    _build(root)
    _cold_equals(root, tmp_path)


def _copy_of_the_generator(tmp_path):
    """The generator and folium (with its metadata) in a folder of their own,
    first on the path: code that a test may change."""
    import importlib.metadata

    import folium

    from helpers import REPO

    code = tmp_path / "code"
    shutil.copytree(REPO / "generator", code / "generator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(Path(folium.__file__).parent, code / "folium",
                    ignore=shutil.ignore_patterns("__pycache__"))
    info = importlib.metadata.distribution("folium")._path  # its .dist-info folder
    shutil.copytree(info, code / info.name)
    return code


@pytest.mark.parametrize("changed", ["generator/images/pipeline.py", "folium/folium.py"])
def test_a_changed_generator_or_package_file_then_a_build_equals_a_cold_one(tmp_path, changed):
    code = _copy_of_the_generator(tmp_path)
    env = {"PYTHONPATH": str(code)}
    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    _build_with(root, env)
    before = site_files(root / "site")
    path = code / changed
    text = path.read_text(encoding="utf-8")
    if changed.endswith("pipeline.py"):  # images of another quality
        text = text.replace('WEBP = {"quality": 80', 'WEBP = {"quality": 60')
    else:  # a map drawn with a comment in its code
        text = text.replace("= L.map(\n", "= L.map(/*changed*/\n", 1)
    assert text != path.read_text(encoding="utf-8"), "the test no longer changes anything"
    path.write_text(text, encoding="utf-8")
    _build_with(root, env)
    after = site_files(root / "site")
    assert after != before
    _cold_equals(root, tmp_path, env)


def _served_equals_cold(root, served) -> None:
    _build(root)
    a, b = site_files(served), site_files(root / "site")
    assert sorted(a) == sorted(b) and [rel for rel in a if a[rel] != b[rel]] == []


def test_the_preview_shows_a_saved_story_first_and_then_equals_a_cold_build(tmp_path):
    """Hugo's way: once the content is checked, the saved story's pages (and its
    pilot's, which lists it) are placed and the page reloads; the rest follows."""
    from generator.build import Paths
    from generator.commands.rebuild import Rebuilder

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    builds = Rebuilder(Paths(root, root / ".build/preview"), drafts=False)
    served, seen = root / ".build/preview", {}
    try:
        builds.build()
        story = root / STORY
        story.write_text(story.read_text(encoding="utf-8").replace("title: ", "title: Nieuw ", 1),
                         encoding="utf-8")

        def shown():
            seen["story"] = (served / "stories/eerste-verhaal/index.html").read_text()
            seen["index"] = (served / "stories/index.html").read_text()

        # as the watcher reports a save: the file, and its folder as modified
        builds.build(frozenset({story, story.parent}), shown)
        assert "Nieuw " in seen["story"] and "Nieuw " not in seen["index"]
        assert "Nieuw " in (served / "stories/index.html").read_text()  # the rest followed
        builds.build(frozenset({root / "content/site.yml"}), lambda: seen.setdefault("site", 1))
        assert "site" not in seen  # a save of anything but a story is built whole at once
        builds.afterwards()
    finally:
        builds.close()
    _served_equals_cold(root, served)


def test_the_rest_of_a_preview_build_gives_way_to_a_newer_save(tmp_path):
    """An editor saving again waits for no page they are not looking at: once
    the saved story is shown, the rest of the site gives way to the next save,
    writes nothing, and the next build still ends equal to a cold one."""
    import threading

    from generator.build import Paths
    from generator.commands.rebuild import Rebuilder, Superseded

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    builds = Rebuilder(Paths(root, root / ".build/preview"), drafts=False)
    served, saved_again = root / ".build/preview", threading.Event()
    story = root / STORY
    try:
        builds.build()
        story.write_text(story.read_text(encoding="utf-8").replace("title: ", "title: Eens ", 1),
                         encoding="utf-8")
        with pytest.raises(Superseded):
            builds.build(frozenset({story}), saved_again.set, saved_again)
        assert "Eens " in (served / "stories/eerste-verhaal/index.html").read_text()
        assert "Eens " not in (served / "stories/index.html").read_text()  # the rest gave way
        story.write_text(story.read_text(encoding="utf-8").replace("Eens ", "Twee ", 1),
                         encoding="utf-8")
        builds.build(frozenset({story}), lambda: None, threading.Event())
        assert "Twee " in (served / "stories/index.html").read_text()
        builds.afterwards()
    finally:
        builds.close()
    _served_equals_cold(root, served)


def test_the_preview_waits_for_the_reloading_page_before_building_the_rest():
    """The rest of the site takes both cores and the server's time: the saved
    story's page is given them until it listens again (or a second at most)."""
    import threading
    import time

    from generator.commands.preview import RELOADING, Hub

    hub = Hub()
    start = time.perf_counter()
    hub.reload_first()  # no page open: nothing to wait for
    assert time.perf_counter() - start < 0.1
    hub.subscribe()
    threading.Timer(0.3, hub.subscribe).start()  # the page, reloaded, connects again
    start = time.perf_counter()
    hub.reload_first()
    assert 0.25 < time.perf_counter() - start < RELOADING
    start = time.perf_counter()
    hub.reload_first()  # the page never comes back (its tab was closed)
    assert RELOADING - 0.05 < time.perf_counter() - start < RELOADING + 0.5


def test_the_preview_reads_again_only_the_bundles_whose_files_changed(tmp_path, monkeypatch):
    """A save reads its own folder, not every one; what the others' reading
    found is said again each time, and a file replaced by a link is noticed."""
    from generator.build import Paths
    from generator.commands.rebuild import Rebuilder
    from generator.content import kept
    from generator.content.problems import ContentError

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    notes = root / "content/stories/fotoverhaal/notes.txt"
    notes.write_text("x", encoding="utf-8")
    os.utime(notes, (1e9, 1e9))  # saved long ago: one saved just now is read again once
    read, real = [], kept.read_bundle
    monkeypatch.setattr(kept, "read_bundle", lambda k, f, r: read.append(f.name) or real(k, f, r))
    builds = Rebuilder(Paths(root, root / ".build/preview"), drafts=False)
    story = root / STORY
    try:
        first = builds.build()
        assert "eerste-verhaal" in read and len(read) > 5
        read.clear()
        story.write_text(story.read_text(encoding="utf-8") + "\nMeer.\n", encoding="utf-8")
        again = builds.build(frozenset({story}), lambda: None)
        assert read == ["eerste-verhaal"]
        said = [p.format() for p in first.problems if "notes.txt" in p.format()]
        assert said and said == [p.format() for p in again.problems if "notes.txt" in p.format()]
        english = story.with_name("en.md")
        english.unlink()
        english.symlink_to("nl.md")
        with pytest.raises(ContentError, match="symbolic link"):
            builds.build(frozenset({english}))
    finally:
        builds.close()


def test_a_new_preview_serves_nothing_an_earlier_one_left(tmp_path):
    """The served folder outlives a preview (.build/preview): a story removed
    while no preview ran is not served (nor found by search) by the next one."""
    from generator.build import Paths
    from generator.commands.rebuild import Rebuilder

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    paths = Paths(root, root / ".build/preview")
    builds = Rebuilder(paths, drafts=False)
    try:
        builds.build()
    finally:
        builds.close()
    shutil.rmtree(root / "content/stories/kaartverhaal")
    builds = Rebuilder(paths, drafts=False)
    try:
        builds.build()
        builds.afterwards()
    finally:
        builds.close()
    assert not (paths.out / "stories/kaartverhaal").exists()
    _build(root)
    a, b = site_files(paths.out), site_files(root / "site")
    assert sorted(a) == sorted(b) and [rel for rel in a if a[rel] != b[rel]] == []


class _Coarse:
    """os as kept.py sees it on a file system that keeps times to ten seconds
    (FAT keeps them to two, HFS+ to one, Linux before 6.13 to a clock tick):
    two saves in one tick leave the same times."""

    def __init__(self, since: int):
        self.os, self.since = os, since

    def __getattr__(self, name):
        return getattr(self.os, name)

    def _coarse(self, info):
        from types import SimpleNamespace

        tick = lambda ns: ns - (ns - self.since) % 10_000_000_000  # noqa: E731
        fields = {name: getattr(info, name) for name in dir(info) if name.startswith("st_")}
        return SimpleNamespace(**{**fields, "st_mtime_ns": tick(info.st_mtime_ns),
                                  "st_ctime_ns": tick(info.st_ctime_ns)})

    def stat(self, path, follow_symlinks=True):
        return self._coarse(self.os.stat(path, follow_symlinks=follow_symlinks))

    def scandir(self, folder):
        from contextlib import contextmanager
        from types import SimpleNamespace

        @contextmanager
        def entries():
            with self.os.scandir(folder) as found:
                yield [SimpleNamespace(name=e.name, path=e.path, is_symlink=e.is_symlink,
                                       stat=lambda follow_symlinks=True, e=e: self._coarse(
                                           e.stat(follow_symlinks=follow_symlinks)))
                       for e in found]
        return entries()


def test_a_second_save_within_one_tick_of_the_file_systems_clock_is_shown(tmp_path, monkeypatch):
    """A bundle read just after a save of it is read again next time: a second
    save of the same size in the same tick of the file system's clock leaves
    every stamp of the file as it was (git's "racily clean" files)."""
    import time

    from generator.build import Paths
    from generator.commands.rebuild import Rebuilder
    from generator.content import kept

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    builds = Rebuilder(Paths(root, root / ".build/preview"), drafts=False)
    served, story = root / ".build/preview", root / STORY
    try:
        builds.build()
        monkeypatch.setattr(kept, "os", _Coarse(time.time_ns()))
        text = story.read_text(encoding="utf-8")
        story.write_text(text.replace("title: ", "title: Fout ", 1), encoding="utf-8")
        builds.build(frozenset({story}), lambda: None)
        story.write_text(text.replace("title: ", "title: Goed ", 1), encoding="utf-8")
        builds.build(frozenset({story}), lambda: None)
    finally:
        builds.close()
    assert "Goed " in (served / "stories/eerste-verhaal/index.html").read_text()


def test_a_page_other_than_the_saved_story_is_told_to_reload_once_the_rest_is_built(tmp_path):
    """The saved story is shown first and every open page reloads then; a page
    the rest of the site rewrites (the stories' list, with the new title) is
    told to reload again once it is in place, the story's own page is not."""
    from generator.build import Paths
    from generator.commands.preview import Preview

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    preview = Preview(Paths(root), drafts=False, log=lambda text: None)
    story, told = root / STORY, []
    try:
        assert preview.rebuild()
        page = preview.hub.subscribe()  # a page open in the browser
        story.write_text(story.read_text(encoding="utf-8").replace("title: ", "title: Nieuw ", 1),
                         encoding="utf-8")
        assert preview.rebuild(frozenset({story}))
        while not page.empty():
            told.append(page.get())
    finally:
        preview.builds.close()
    assert [event for event, _ in told if event in ("reload", "changed")] == ["reload", "changed"]
    changed = dict(told)["changed"].split("\n")
    assert "stories/index.html" in changed and "stories/eerste-verhaal/index.html" not in changed
    assert "Nieuw " in (preview.paths.out / "stories/index.html").read_text()


def test_the_preview_watches_a_project_inside_a_hidden_folder(tmp_path):
    """Hidden files (an editor's .nl.md.swp) are no save, but a project whose
    own path passes a hidden folder (~/.projects/site) is watched all the same."""
    import time

    from generator.build import Paths
    from generator.commands.preview import Preview

    root = make_project(tmp_path / ".projects" / "site", FIXTURES / "basic" / "content")
    preview = Preview(Paths(root), drafts=False, log=lambda text: None)
    observer = preview.watch()
    try:
        time.sleep(0.2)
        swap = root / "content/stories/eerste-verhaal/.nl.md.swp"
        swap.write_text("x", encoding="utf-8")
        _edit(root)
        assert preview.pending.wait(timeout=5)
        time.sleep(0.5)
        assert root / STORY in preview.saved and swap not in preview.saved
    finally:
        observer.stop()
        preview.builds.close()


def test_a_search_index_stopped_by_a_newer_save_leaves_the_last_one_served(tmp_path):
    """The preview indexes for search after the page reloaded and stops when the
    editor saves again: until a later index is whole, the last one is served."""
    import threading

    from generator.build import Paths
    from generator.commands.rebuild import Rebuilder

    root = make_project(tmp_path / "site", FIXTURES / "basic" / "content")
    builds = Rebuilder(Paths(root, root / ".build/preview"), drafts=False)
    entry = root / ".build/preview/pagefind/pagefind-entry.json"
    try:
        builds.build()
        builds.afterwards()
        indexed = entry.read_text(encoding="utf-8")
        saved_again = threading.Event()
        saved_again.set()
        assert builds.afterwards(stop=saved_again) == []
        assert entry.read_text(encoding="utf-8") == indexed
        assert not [p.name for p in entry.parent.parent.iterdir() if p.name.startswith(".pagefind")]
    finally:
        builds.close()
