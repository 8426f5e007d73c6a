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


def _unmarked(lang: str, title: str, text: str) -> str:
    return _page(lang, title, text).replace(" data-pagefind-body", "")


def test_a_language_without_marked_pages_is_never_indexed_apart(builds):
    """Pagefind indexes whole pages when none of the pages it is given marks
    what to index: a language without marked pages cannot be indexed alone."""
    english = {rel: _unmarked("en", "Untranslated", "Nog niet vertaald.")
               for rel in PAGES if rel.startswith("en/")}
    pages = {**PAGES, **english}
    assert builds.build(pages) == builds.cold(pages)
    edited = {**pages, "en/index.html": _unmarked("en", "Welcome", "Still Dutch: welkom.")}
    assert builds.build(edited) == builds.cold(edited)
    assert builds.globs[-1] is None


def test_a_site_that_starts_marking_pages_is_indexed_whole_again(builds):
    nothing = {rel: text.replace(" data-pagefind-body", "") for rel, text in PAGES.items()}
    assert builds.build(nothing) == builds.cold(nothing)
    dutch = {**nothing, **{rel: text for rel, text in PAGES.items() if not rel.startswith("en/")}}
    assert builds.build(dutch) == builds.cold(dutch)
    assert builds.globs[-1] is None


@pytest.mark.parametrize("change", [
    ("entry", "abc"), ("entry", 5), ("entry", [[1, 2, 3]]), ("entry", {"languages": 5}),
    ("entry", {"version": "<script>alert(1)</script>", "include_characters": []}),
    ("info", {"hash": "en_00", "wasm": "../../../evil", "page_count": 10 ** 40}),
    ("info", {"hash": "nl_1234", "wasm": "en", "page_count": 3}),
    ("shared", {"../../x": "0" * 64}), ("languages", {"en": "x"}), ("format", 1)])
def test_an_edited_record_means_indexing_afresh_never_publishing_it(builds, change):
    import json
    builds.build(PAGES)
    state = json.loads(builds.record.read_text())
    key, value = change
    if key == "info":
        state["languages"]["en"]["info"] = value
    else:
        state[key] = value
    builds.record.write_text(json.dumps(state))
    assert builds.build(PAGES) == builds.cold(PAGES)  # nothing changed: no Pagefind if it can
    edited = {**PAGES, "index.html": _page("nl", "Welkom", "Opnieuw.")}
    assert builds.build(edited) == builds.cold(edited)
    assert b"evil" not in (builds.site / BUNDLE / "pagefind-entry.json").read_bytes()


@pytest.mark.parametrize("linked", ["bundle", "fragment"])
def test_the_last_index_is_never_read_through_a_folder_link(builds, linked):
    builds.build(PAGES)
    elsewhere = builds.tmp / "elsewhere"
    folder = builds.site / BUNDLE / ("fragment" if linked == "fragment" else "")
    shutil.copytree(folder, elsewhere)
    shutil.rmtree(folder)
    folder.resolve().parent.joinpath(folder.name).symlink_to(elsewhere)
    (elsewhere / "secret.txt").write_text("secret")
    edited = {**PAGES, "index.html": _page("nl", "Welkom", "Opnieuw.")}
    assert builds.build(edited) == builds.cold(edited)
    assert builds.globs[-1] is None  # indexed afresh, nothing copied through the link


def test_the_index_depends_on_the_pages_alone(builds, monkeypatch):
    (builds.tmp / "pagefind.yml").write_text('exclude_selectors: ["h1", "p"]\n')
    monkeypatch.chdir(builds.tmp)
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "h1,p")
    first = builds.build(PAGES)
    monkeypatch.delenv("PAGEFIND_EXCLUDE_SELECTORS")
    monkeypatch.chdir(Path(__file__).parent)
    assert first == builds.cold(PAGES)


def test_after_indexing_afresh_the_next_build_keeps_again(builds):
    builds.build(PAGES)
    next((builds.site / BUNDLE / "fragment").glob("en_*")).write_bytes(b"tampered")
    edited = {**PAGES, "index.html": _page("nl", "Welkom", "Opnieuw.")}
    assert builds.build(edited) == builds.cold(edited)
    again = {**edited, "index.html": _page("nl", "Welkom", "Nog een keer.")}
    assert builds.build(again) == builds.cold(again)
    assert builds.globs[-1] is not None and "en/" not in builds.globs[-1]
