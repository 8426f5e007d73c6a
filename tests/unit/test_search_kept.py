"""Search, incrementally: a language whose pages did not change keeps its part
of the last index; the bundle is always the one a full index would write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.publish import search
from generator.publish.search import BUNDLE, index_site
from generator.publish.searchkeep import KeptIndex

ROOTS = {"nl": "", "en": "en/"}


def _page(lang: str, title: str, text: str) -> str:
    return (f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>'
            f'<main data-pagefind-body><h1>{title}</h1><p>{text}</p>'
            f'<span data-pagefind-filter="pilot">{title[:4]}</span></main></body></html>')


PAGES = {
    "index.html": _page("nl", "Welkom", "Samen opruimen in de wijk."),
    "stories/afval/index.html": _page("nl", "Afval", "Zwerfvuil bij de flat."),
    "stories/werk/index.html": _page("nl", "Werk", "Een baan dichtbij huis."),
    "en/index.html": _page("en", "Welcome", "Tidying up together."),
    "en/stories/afval/index.html": _page("en", "Litter", "Litter by the flats."),
    "en/stories/werk/index.html": _page("en", "Work", "A job close to home."),
    "404.html": _page("nl", "Niet gevonden", "Deze pagina bestaat niet."),
}


def _site(folder: Path, pages: dict[str, str]) -> Path:
    for rel, text in pages.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    return folder


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


class _Builds:
    """Stage, index, swap into site/, as a build does; records what Pagefind indexed."""

    def __init__(self, tmp_path: Path, monkeypatch):
        self.tmp, self.globs = tmp_path, []
        self.site, self.record = tmp_path / "site", tmp_path / "work/search.json"
        run = search._pagefind

        def recorded(stage, gently, stop, glob):
            self.globs.append(glob)
            return run(stage, gently, stop, glob)
        monkeypatch.setattr(search, "_pagefind", recorded)

    def build(self, pages: dict[str, str]) -> dict[str, bytes]:
        stage = _site(self.tmp / "stage", pages)
        assert index_site(stage, kept=KeptIndex(self.record, self.site, ROOTS, BUNDLE))
        shutil.rmtree(self.site, ignore_errors=True)
        stage.rename(self.site)
        return _files(self.site / BUNDLE)

    def cold(self, pages: dict[str, str]) -> dict[str, bytes]:
        folder = _site(self.tmp / "cold", pages)
        shutil.rmtree(folder / BUNDLE, ignore_errors=True)
        runs = len(self.globs)
        assert index_site(folder)
        del self.globs[runs:]  # only the builds' runs are of interest
        found = _files(folder / BUNDLE)
        shutil.rmtree(folder)
        return found


@pytest.fixture()
def builds(tmp_path, monkeypatch):
    return _Builds(tmp_path, monkeypatch)


def test_an_unchanged_language_keeps_its_index_and_the_bundle_equals_a_full_one(builds):
    assert builds.build(PAGES) == builds.cold(PAGES)
    assert builds.globs == [None]  # the first build indexes everything
    edited = {**PAGES, "stories/werk/index.html": _page("nl", "Werk", "Een baan bij de bakker.")}
    assert builds.build(edited) == builds.cold(edited)
    glob = builds.globs[-1]
    assert glob is not None and "en/" not in glob and "stories/**/*.html" in glob
    english = {**edited, "en/stories/werk/index.html": _page("en", "Work", "A job at a bakery.")}
    assert builds.build(english) == builds.cold(english)
    assert builds.globs[-1] == "{en/**/*.html}"


def test_nothing_changed_means_no_indexing_and_the_same_bundle(builds):
    first = builds.build(PAGES)
    runs = len(builds.globs)
    assert builds.build(PAGES) == first == builds.cold(PAGES)
    assert len(builds.globs) == runs


@pytest.mark.parametrize("damage", ["fragment", "meta", "shared", "record", "link"])
def test_a_kept_part_changed_in_the_site_is_indexed_afresh(builds, damage):
    builds.build(PAGES)
    bundle = builds.site / BUNDLE
    if damage == "fragment":
        next((bundle / "fragment").glob("en_*")).write_bytes(b"tampered")
    elif damage == "meta":
        next(bundle.glob("pagefind.en_*.pf_meta")).write_bytes(b"tampered")
    elif damage == "shared":
        (bundle / "pagefind.js").write_text("alert(1)")
    elif damage == "record":
        builds.record.write_text('{"site": 5, "languages": []}')
    else:
        victim = next((bundle / "fragment").glob("en_*"))
        victim.unlink()
        victim.symlink_to(builds.tmp / "elsewhere")
        (builds.tmp / "elsewhere").write_bytes(b"outside")
    assert builds.build(PAGES) == builds.cold(PAGES)
    edited = {**PAGES, "index.html": _page("nl", "Welkom", "Opnieuw.")}
    assert builds.build(edited) == builds.cold(edited)


def test_a_page_in_another_languages_folder_means_indexing_everything(builds):
    builds.build(PAGES)
    mixed = {**PAGES, "en/stories/werk/index.html": _page("nl", "Werk", "Toch Nederlands.")}
    assert builds.build(mixed) == builds.cold(mixed)
    assert builds.globs[-1] is None


def test_a_name_a_glob_cannot_say_means_indexing_everything(builds):
    builds.build(PAGES)
    odd = {**PAGES, "{odd},name/index.html": _page("nl", "Raar", "Een rare map.")}
    assert builds.build(odd) == builds.cold(odd)
    assert builds.globs[-1] is None


@pytest.mark.parametrize("name", ["../../outside.txt", "/etc/hostname", "fragment/../../x", 5])
def test_a_record_naming_files_outside_the_index_is_not_followed(builds, name):
    import json
    builds.build(PAGES)
    state = json.loads(builds.record.read_text())
    state["languages"]["en"]["files"] = {name: "0" * 64} if name != 5 else {"5": 5}
    builds.record.write_text(json.dumps(state))
    (builds.tmp / "outside.txt").write_text("secret")
    edited = {**PAGES, "index.html": _page("nl", "Welkom", "Opnieuw.")}
    assert builds.build(edited) == builds.cold(edited)
    assert not (builds.site / BUNDLE / "outside.txt").exists()
