"""Unit tests of writing pages (generator.emit) from records made in memory."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from generator.content.language import Lang
from generator.emit import Visuals, emit_language, navigation
from generator.emit.context import IMAGES, LangSite, PageCtx, attr, language_root, relative
from generator.site.csp import PLACEHOLDER, policy
from generator.emit.project import CONTENT_END, CONTENT_START, EmittedPage, write_tree
from generator.images.pipeline import Source, plan
from generator.images.planner import ImagePlanner
from generator.images.probe import ImageIndex
from records import pilot, site, story


def _site():
    houten = pilot()
    return site([houten], [story("een", houten, nl="Vijandig <b>", en=None)])


def _project(lang: str = "nl"):
    return emit_language(_site(), lang, ImagePlanner(Path("/nowhere"), ImageIndex(None)),
                         Visuals())


def test_relative_links_work_under_any_path():
    assert relative("en/stories/x/", "en/pilots/y/") == "../../pilots/y/"
    assert relative("", "media/a.webp") == "media/a.webp"
    assert relative("stories/", "stories/") == "./"
    assert language_root("nl", "nl") == "" and language_root("en", "nl") == "en/"


def test_every_page_of_a_language_is_emitted():
    project = _project()
    assert {"index.md", "stories/een/index.md", "pilots/houten/index.md",
            "pilots/index.md"} <= set(project.pages)
    assert "publications/index.md" not in project.pages  # a kind without records has none


def test_a_page_is_one_block_of_html_between_the_content_markers():
    page = _project().pages["stories/een/index.md"]
    text = page.text()
    assert text.startswith("---\n") and CONTENT_START in text and text.rstrip().endswith(CONTENT_END)
    assert "Vijandig &lt;b&gt;" in page.body and "<b>" not in page.body


def test_front_matter_is_escaped_and_marks_another_language():
    en = _project("en").pages["stories/een/index.md"]
    assert en.front["title"] == "Vijandig &lt;b&gt;"
    assert en.front["content_lang"] == "nl" and en.front["search"] == {"exclude": True}
    assert [a["hreflang"] for a in en.front["alternates"]] == ["nl", "en", "x-default"]


def test_a_text_in_another_language_is_marked():
    ls = LangSite(_site(), Lang("en", "en_GB"), None)
    c = PageCtx(ls, "stories/een/")
    assert str(c.link(ls.site.stories["een"])) == ('<a href="./" lang="nl" data-search-exclude>'
                                                   "Vijandig &lt;b&gt;</a>")
    assert c.heading(2, "A & B", "ab") == '<h2 id="ab">A &amp; B</h2>'


def test_the_menu_lists_kinds_and_pilots_never_every_story():
    ls = LangSite(_site(), Lang("nl", "nl"), None)
    titles = [item.title for item in navigation(ls)]
    assert titles[:2] == ["Home", "Pilots"] and "Vijandig" not in " ".join(titles)


def test_the_policy_allows_only_the_site_its_tiles_and_its_video_hosts():
    text = policy(["https://tile.openstreetmap.org", "https://service.pdok.nl",
                   "https://tile.openstreetmap.org"], ["video.example.org"])
    assert "script-src 'self' 'wasm-unsafe-eval' " + PLACEHOLDER in text and "object-src 'none'" in text
    assert "img-src 'self' data: https://service.pdok.nl https://tile.openstreetmap.org;" in text
    assert ("frame-src https://www.youtube-nocookie.com https://player.vimeo.com "
            "https://video.example.org;") in text


def test_attributes_are_escaped():
    assert attr('"><x>') == "&quot;&gt;&lt;x&gt;"


class _Unreadable(type(Path())):
    def read_bytes(self) -> bytes:
        raise AssertionError("a file to copy was read whole into memory")


def test_write_tree_streams_the_files_it_copies(tmp_path):
    video = tmp_path / "video.mp4"
    video.write_bytes(b"\0" * 300_000)
    source = _Unreadable(video)
    assert write_tree({"media/v.mp4": source}, tmp_path / "out") == 1
    assert write_tree({"media/v.mp4": source}, tmp_path / "out") == 0  # the same: not copied
    assert (tmp_path / "out/media/v.mp4").read_bytes() == video.read_bytes()


def test_write_tree_rewrites_only_what_changed(tmp_path):
    assert write_tree({"a.md": "x", "b/c.md": "y"}, tmp_path) == 2
    (tmp_path / "stale.md").write_text("old")
    assert write_tree({"a.md": "x", "b/c.md": "z"}, tmp_path) == 1
    assert sorted(p.name for p in tmp_path.rglob("*.md")) == ["a.md", "c.md"]


def test_an_emitted_page_knows_its_source():
    page = EmittedPage("x/index.md", "x/", {"title": "T"}, "<p>b</p>")
    assert "<p>b</p>" in page.text() and page.card is None


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.one_of(
    st.text(), st.integers(), st.booleans(), st.none(),
    st.lists(st.dictionaries(st.text(max_size=5), st.text(max_size=20), max_size=3), max_size=3)),
    max_size=6))
def test_front_matter_reaches_the_engine_exactly_whatever_it_holds(front):
    """Front matter is written as JSON, which YAML reads too; whatever text it
    holds (controls, separators, emoji, quotes), the engine reads it back unchanged."""
    import yaml
    from mkdocs.utils.meta import get_data
    text = EmittedPage("a/index.md", "a/", front, "<p>x</p>").text()
    assert yaml.safe_load(text.split("---\n")[1]) == front
    if front:
        assert get_data(text)[1] == front


def _rendition(width: int = 2000, height: int = 1000):
    return plan(Source(Path("photo.jpg"), "0" * 64, width, height, False))


def test_a_picture_has_sizes_dimensions_and_escaped_alt():
    c = PageCtx(LangSite(_site(), Lang("nl", "nl"), None), "stories/een/")
    html = str(c.part(IMAGES, "picture", _rendition(), 'a "quote"', "card"))
    assert 'alt="a &quot;quote&quot;"' in html and 'width="960" height="480"' in html
    assert 'loading="lazy"' in html and html.count("1600w") == 1 and "srcset" not in html.split("<img")[1]
    assert 'src="../../media/' in html


def test_a_figure_has_its_caption_and_credit():
    c = PageCtx(LangSite(_site(), Lang("nl", "nl"), None), "")
    html = str(c.part(IMAGES, "figure", _rendition(), "alt", "<cap>", "© <me>"))
    assert "<span>&lt;cap&gt;</span> <small" in html
    assert '<small class="pl-credit" data-pagefind-ignore>© &lt;me&gt;</small></figcaption>' in html
