"""Sound and video in stories: real small files (made with PyAV), captions,
transcripts and videos on other websites, built into real sites, played in
Chromium; and what is refused, with file and line."""

from __future__ import annotations

import os
from pathlib import Path

import av
import pytest
from PIL import Image

from browser import open_page, serve, wait_until
from generator.build import Paths, build
from generator.content.problems import ContentError
from generator.site import media, players
from test_nu import nu_errors
from helpers import (all_problems, make_project, minimal, one_problem, page, problems_of, soup,
                     write)
from mediafiles import make_media

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:01.500\n{text}\n"
TRANSCRIPT = "**Interviewer:** {word} begint hier.\n\nDe bewoner vertelt over de buurt.\n"


def media_story(root: Path, story: str = "gesprek") -> Path:
    """A story told in a video (captions in both languages, a poster), a sound
    recording (transcripts in both languages) and a YouTube video with a poster."""
    content = minimal(root)
    folder = content / "stories" / story
    write(folder, "meta.yml", """
        pilot: houten
        date: 2019-06-01
        format: video-story
        narrator: {name: "Een bewoner"}
        consent: {given: true, date: 2019-05-01}
        posters: {dQw4w9WgXcQ: buurt.jpg}
        """)
    for lang, title, word in (("nl", "Een gesprek", "Kraanvogel"), ("en", "A talk", "Heronbird")):
        write(folder, f"{lang}.md", f"""
            ---
            title: {title}
            summary: {title}.
            ---
            Intro.

            ![{title}: the video](interview.webm "{title} in the neighbourhood")

            ![{title}: the recording](verhaal.mp3)

            ![{title}: on YouTube]({YOUTUBE})
            """)
        write(folder, f"interview.{lang}.vtt", CAPTIONS.format(text=f"{title} <i>says</i> hello"))
        write(folder, f"verhaal.{lang}.md", TRANSCRIPT.format(word=word))
    make_media(folder / "interview.webm", metadata={"title": "SECRET-TITLE", "location": "+52.02+005.16/"})
    make_media(folder / "verhaal.mp3", 3, metadata={"artist": "SECRET-ARTIST"})
    for name in ("interview.jpg", "buurt.jpg"):
        Image.new("RGB", (640, 360), (40, 90, 120)).save(folder / name)
    return folder


@pytest.fixture
def story(tmp_path: Path) -> tuple[Path, Path]:
    """A project with the media story, not built: (project, the story's folder)."""
    root = make_project(tmp_path / "project")
    return root, media_story(root)


def test_a_story_in_sound_and_video_is_accepted(story):
    assert problems_of(story[0], strict=True) == []


def _text(folder: Path, lang: str, old: str, new: str) -> None:
    path = folder / f"{lang}.md"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


# Each way a story with sound and video is refused: what to do to it, and what
# the problem must say (file and line first)
def _truncate(folder: Path) -> None:
    data = (folder / "interview.webm").read_bytes()
    (folder / "interview.webm").write_bytes(data[:len(data) * 2 // 3])


REFUSED = {
    "no captions in English": (lambda f: (f / "interview.en.vtt").unlink(),
                               ["en.md:7:", "interview.en.vtt is missing"]),
    "no Dutch transcript": (lambda f: (f / "verhaal.nl.md").unlink(),
                            ["nl.md:9:", "has no transcript", "verhaal.nl.md is missing"]),
    "empty captions": (lambda f: (f / "interview.nl.vtt").write_bytes(b""),
                       ["interview.nl.vtt:1:", "is empty"]),
    "empty transcript": (lambda f: (f / "verhaal.en.md").write_text(" \n"),
                         ["verhaal.en.md:1:", "is empty"]),
    "a script in captions": (
        lambda f: (f / "interview.nl.vtt").write_text(CAPTIONS.format(
            text="Hallo\n<script>alert(1)</script>")),
        ["interview.nl.vtt:5:", "<script>"]),
    "captions that are no WebVTT": (
        lambda f: (f / "interview.en.vtt").write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n"),
        ["interview.en.vtt:1:", "WEBVTT", "an SRT file"]),
    "captions with SRT's times": (
        lambda f: (f / "interview.en.vtt").write_text("WEBVTT\n\n1\n00:00:00,500 --> 00:00:02,000\n"
                                                      "Hi\n"),
        ["interview.en.vtt:4:", "a comma before the milliseconds", "00:00:01.000 -->",
         "export the captions from the subtitle program as WebVTT"]),
    "a script in a transcript": (
        lambda f: (f / "verhaal.en.md").write_text("Hello.\n\n<script>alert(1)</script>\n"),
        ["verhaal.en.md:3:", "<script>"]),
    "a text file renamed": (lambda f: (f / "interview.webm").write_text("not a video\n"),
                            ["nl.md:7:", "interview.webm is not a video or sound recording"]),
    "a sound file renamed": (lambda f: make_media(f / "interview.webm").unlink() or
                             make_media(f / "x.mp3").rename(f / "interview.webm"),
                             ["nl.md:7:", "its content is MP3"]),
    "a truncated video": (_truncate, ["nl.md:7:", "damaged or incomplete"]),
    "a video over the size limit": (
        lambda f: os.truncate(f / "interview.webm", 101 * (1 << 20)),
        ["interview.webm", "the limit for this kind of file is 100.0 MB"]),
    "a host not listed": (
        lambda f: _text(f, "en", YOUTUBE, "https://peertube.example.org/w/abc123"),
        ["en.md:11:", "not a video on YouTube, Vimeo or a PeerTube server listed in site.yml"]),
    "a javascript: address": (
        lambda f: _text(f, "nl", YOUTUBE, "javascript://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ["nl.md:11:", "not a video on YouTube"]),
    "a javascript: poster": (
        lambda f: (f / "meta.yml").write_text((f / "meta.yml").read_text().replace(
            "buurt.jpg", '"javascript:alert(1)"')),
        ["meta.yml:6:", '"javascript:alert(1)" is not in stories/gesprek/']),
    "a video story without a video": (
        lambda f: [_text(f, "en", "interview.webm", "verhaal.mp3"), _text(f, "en", YOUTUBE, "verhaal.mp3")],
        ["meta.yml:3:", "a video-story tells its story in a video, but en.md shows none"]),
    "a video inside a sentence": (lambda f: _text(f, "nl", "Intro.\n\n![Een", "Intro. ![Een"),
                                  ["nl.md:5:", "shares its line with other text"]),
    # shown on a line of its own in nl.md, it was taken to be so in en.md too: gone from the page
    "a recording inside a sentence of the second text": (
        lambda f: _text(f, "en", "![A talk: the recording](verhaal.mp3)",
                        "Listen: ![A talk: the recording](verhaal.mp3) or watch."),
        ["en.md:9:", "shares its line with other text"]),
    "a recording on a line of its own with text below it": (
        lambda f: _text(f, "nl", "(verhaal.mp3)\n", "(verhaal.mp3)\nof kijk.\n"),
        ["nl.md:9:", "in a paragraph with other text", "empty line above and below"]),
    "no English transcript": (lambda f: (f / "verhaal.en.md").unlink(),
                              ["en.md:9:", "verhaal.en.md is missing", "what is said in the "
                               "recording, in Markdown"]),
}


@pytest.mark.parametrize("case", REFUSED)
def test_what_is_refused_with_file_and_line(story, case):
    root, folder = story
    change, needles = REFUSED[case]
    change(folder)
    one_problem(problems_of(root), *needles)


def test_a_broken_link_in_a_transcript_is_reported_at_its_file_and_line(story):
    # by the check, as a link in the story's own text is, and by the built site's
    # check at the same place (so said once); its footnote's links are no broken links
    root, folder = story
    transcript = folder / "verhaal.nl.md"
    transcript.write_text(transcript.read_text() + "\nZie [het plein](../geen-verhaal/).[^1]\n"
                          "\n[^1]: Een noot.\n")
    checked = [p.format() for p in all_problems(root)]
    one_problem(checked, "stories/gesprek/verhaal.nl.md:5: warning:", "../geen-verhaal/")
    built = [p.format() for p in build(Paths(root)).problems]
    assert [p for p in built if "broken link" in p] == [one_problem(built, "geen-verhaal")]
    assert "verhaal.nl.md:5: warning:" in one_problem(built, "geen-verhaal")


def test_captions_named_after_no_file_are_pointed_out(story):
    root, folder = story
    (folder / "interview.en.vtt").rename(folder / "intervieuw.en.vtt")
    problems = [p.format() for p in all_problems(root)]
    one_problem(problems, "intervieuw.en.vtt: warning:", "named after no sound or video file",
                'Did you mean "interview"?')
    missing = one_problem(problems, "en.md:7: error:", "interview.en.vtt is missing",
                          "the captions as WebVTT")
    assert "Markdown" not in missing and "transcript" not in missing  # a video's hint alone


@pytest.mark.parametrize("name, written", [("interview.en.vtt", "interview.EN.vtt"),
                                           ("interview.en.vtt", "interview.en-GB.vtt"),
                                           ("verhaal.nl.md", "verhaal.NL.md")])
def test_captions_with_the_language_written_otherwise_are_given_their_name(story, name, written):
    # the file's warning names the file the text is told is missing
    root, folder = story
    (folder / name).rename(folder / written)
    problems = [p.format() for p in all_problems(root)]
    one_problem(problems, f"{written}: warning:", f'Did you mean "{name}"?', f"rename it {name}")
    one_problem(problems, "md:", f"{name} is missing")



def test_a_file_named_like_a_transcript_of_no_recording_is_not_called_one(story):
    root, folder = story
    write(folder, "notities.en-gb.md", "Notes.\n")
    problems = [p.format() for p in all_problems(root)]
    said = one_problem(problems, "notities.en-gb.md: warning:", "not a language of this site")
    assert "Did you mean" not in said and "captions and transcripts" not in said

@pytest.mark.slow
def test_captions_beside_a_sound_recording_are_pointed_out_and_not_published(story):
    root, folder = story
    write(folder, "verhaal.nl.vtt", CAPTIONS.format(text="Niet getoond"))
    problems = [p.format() for p in all_problems(root)]
    warned = one_problem(problems, "verhaal.nl.vtt: warning:", "not published",
                         "the transcript", "verhaal.nl.md")
    assert [p for p in problems if "verhaal.nl.vtt" in p] == [warned]
    build(Paths(root))
    published = sorted(p.name.split("-")[0] + p.suffix for p in (root / "site/media").iterdir()
                       if p.suffix == ".vtt")
    assert published == ["interview.vtt", "interview.vtt"]  # a video's captions, as before


def test_a_recording_named_like_the_video_leaves_the_videos_captions_alone(story):
    """interview.mp3 beside interview.webm: interview.nl.vtt is the video's
    captions, published, and no reason to tell the editor to delete them."""
    root, folder = story
    (folder / "verhaal.mp3").rename(folder / "interview.mp3")
    for lang in ("nl", "en"):
        (folder / f"verhaal.{lang}.md").rename(folder / f"interview.{lang}.md")
        _text(folder, lang, "(verhaal.mp3)", "(interview.mp3)")
    assert problems_of(root, strict=True) == []


def test_a_video_without_a_picture_is_pointed_out(story):
    root, folder = story
    (folder / "interview.jpg").unlink()
    found = [p.format() for p in all_problems(root)]
    assert [p for p in found if "notice" in p] == [one_problem(
        found, "stories/gesprek/nl.md:7: notice:", "interview.webm has no picture", "black",
        "interview.jpg")]  # once, at the first text that shows it


@pytest.mark.slow
def test_without_captions_and_transcript_the_build_is_refused_and_site_untouched(story):
    root, folder = story
    write(root, "site/index.html", "the published site\n")
    (folder / "interview.nl.vtt").unlink()
    (folder / "verhaal.en.md").unlink()
    with pytest.raises(ContentError) as caught:
        build(Paths(root))
    problems = [p.format() for p in caught.value.problems]
    one_problem(problems, "stories/gesprek/nl.md:7:", "interview.nl.vtt is missing")
    one_problem(problems, "stories/gesprek/en.md:9:", "verhaal.en.md is missing")
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]


@pytest.mark.slow
def test_a_transcripts_footnote_links_back_in_the_sites_own_words(story):
    root, folder = story
    write(root / "content", "texts/nl.po", '''
        msgid ""
        msgstr ""
        "Language: nl\\n"

        msgid "Back to the text"
        msgstr "Terug naar het verhaal"
        ''')
    transcript = folder / "verhaal.nl.md"
    transcript.write_text(transcript.read_text() + "\nIn 2019.[^1]\n\n[^1]: Een noot.\n")
    build(Paths(root))
    html = soup(page(root / "site", "stories/gesprek/"))
    [back] = html.select("details.pl-transcript a.footnote-backref")
    assert back["title"] == "Terug naar het verhaal"


def test_the_sites_sound_and_video_are_counted_against_github_pages_limit(story, monkeypatch):
    root, folder = story
    # the published copies are a little smaller than the files (their metadata is gone)
    files = sum((folder / name).stat().st_size for name in ("interview.webm", "verhaal.mp3"))
    monkeypatch.setattr(media, "GITHUB_PAGES", files)
    one_problem([p.format() for p in all_problems(root)], "warning:", "GitHub Pages publishes at most 1 GB")
    monkeypatch.setattr(media, "GITHUB_PAGES", files // 2)
    one_problem(problems_of(root), "verhaal.mp3", "come to", "GitHub Pages publishes at most 1 GB")


@pytest.mark.parametrize("url, page, embed", [
    (YOUTUBE, YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://youtu.be/dQw4w9WgXcQ?t=3", YOUTUBE + "&t=3s",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=3"),
    ("https://vimeo.com/76979871/abc123", "https://vimeo.com/76979871/abc123",
     "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123"),
    ("https://peertube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv", "https://peertube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
     "https://peertube.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1&p2p=0"),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0", YOUTUBE,
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://player.vimeo.com/video/76979871?badge=0&h=abc123&app_id=1",
     "https://vimeo.com/76979871/abc123",
     "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123"),
    ("https://player.vimeo.com/video/76979871", "https://vimeo.com/76979871",
     "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1"),
    # a shared moment: where the video starts, in seconds, and nothing else of the address
    (YOUTUBE + "&t=90", YOUTUBE + "&t=90s",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"),
    ("https://youtu.be/dQw4w9WgXcQ?t=1m30s", YOUTUBE + "&t=90s",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"),
    ("https://www.youtube.com/watch?t=1h2m3s&v=dQw4w9WgXcQ", YOUTUBE + "&t=3723s",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=3723"),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=90", YOUTUBE + "&t=90s",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"),
    ("https://vimeo.com/76979871#t=90s", "https://vimeo.com/76979871#t=90s",
     "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=90s"),
    # as some share boxes write it: capitals, and a fraction of a second (dropped)
    ("https://vimeo.com/76979871#t=90.5s", "https://vimeo.com/76979871#t=90s",
     "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=90s"),
    ("https://youtu.be/dQw4w9WgXcQ?t=1M30S", YOUTUBE + "&t=90s",
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90"),
    ("https://vimeo.com/76979871/abc123#t=1m30s", "https://vimeo.com/76979871/abc123#t=90s",
     "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1&h=abc123#t=90s"),
    ("https://peertube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv?start=1m30s",
     "https://peertube.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv?start=90",
     "https://peertube.example.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1&p2p=0&start=90"),
    # an unreadable start is no start (and no error): only digits reach the page
    (YOUTUBE + "&t=90%22%3E%3Cscript%3E", YOUTUBE,
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    (YOUTUBE + "&t=-5", YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    (YOUTUBE + "&t=" + "9" * 5000, YOUTUBE,
     "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    (YOUTUBE + "&t=0", YOUTUBE, "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"),
    ("https://player.vimeo.com/video/76979871x", None, None),
    ("https://evil.example/player.vimeo.com/video/76979871", None, None),
    ("https://other.example.org/w/kkGMgK9ZtnKfYAgnEtQxbv", None, None),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><script>", None, None),
    ("javascript://www.youtube.com/watch?v=dQw4w9WgXcQ", None, None),
])
def test_videos_on_other_websites_are_known_by_their_address(url, page, embed):
    player = players.external(url, ["peertube.example.org"])
    assert (player.page, player.embed) == (page, embed) if page else player is None


def _second_story(root: Path) -> None:
    """An article with an H.264 video, an Opus recording and a Vimeo video."""
    folder = root / "content" / "stories" / "groet"
    write(folder, "meta.yml", """
        pilot: houten
        date: 2019-07-01
        format: article
        narrator: {name: "Een bewoner"}
        consent: {given: true, date: 2019-05-01}
        """)
    write(folder, "nl.md", """
        ---
        title: Een groet
        summary: Kort.
        ---
        ![Een groet](groet.mp4)

        ![Een lied](lied.opus)

        ![Op Vimeo, vanaf het lied](https://vimeo.com/76979871#t=1m30s)
        """)
    write(folder, "groet.nl.vtt", CAPTIONS.format(text="Hallo"))
    write(folder, "lied.nl.md", "La la la.\n")
    make_media(folder / "groet.mp4")
    make_media(folder / "lied.opus", 3)


@pytest.fixture(scope="module")
def media_site(tmp_path_factory) -> Path:
    """The built site of the media stories."""
    root = make_project(tmp_path_factory.mktemp("media") / "project")
    media_story(root)
    _second_story(root)
    build(Paths(root))
    return root / "site"


PUBLISHED = {"interview-*.webm": ("vp9", "opus"), "verhaal-*.mp3": ("mp3",),
             "groet-*.mp4": ("h264", "aac"), "lied-*.opus": ("opus",)}


@pytest.mark.slow
def test_what_is_published_is_a_checked_copy_without_metadata(media_site, tmp_path):
    folder = media_site / "media"
    for pattern, codecs in PUBLISHED.items():
        [copy] = folder.glob(pattern)
        assert b"SECRET" not in copy.read_bytes(), copy.name
        with av.open(str(copy)) as opened:
            assert tuple(s.codec_context.codec.canonical_name for s in opened.streams) == codecs
            assert "title" not in opened.metadata and "location" not in opened.metadata
    captions = sorted(p.read_text() for p in folder.glob("interview-*.vtt"))
    assert captions == sorted(CAPTIONS.format(text=f"{t} <i>says</i> hello")
                              for t in ("Een gesprek", "A talk"))
    # a copy made afresh is the same, byte for byte
    again = build(Paths(media_site.parent, tmp_path / "again"), fresh=True)
    assert again.pages and {p.name: p.read_bytes() for p in folder.iterdir()} == \
        {p.name: p.read_bytes() for p in (tmp_path / "again" / "media").iterdir()}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_page_has_players_captions_a_transcript_and_no_third_party_source(media_site, lang):
    html = soup(page(media_site, lang + "stories/gesprek/"))
    video, audio = html.select_one("video"), html.select_one("audio")
    assert (video["preload"], video["width"], video["height"]) == ("none", "320", "180")
    assert video.has_attr("controls") and video["poster"].startswith("../../")
    tracks = {t["srclang"]: t.has_attr("default") for t in video.select("track")}
    assert tracks == {"nl": lang == "", "en": lang == "en/"}
    assert audio["preload"] == "none" and audio.has_attr("controls")
    transcript = html.select_one("details.pl-transcript").get_text()
    assert ("Kraanvogel" in transcript) == (lang == "") and ("Heronbird" in transcript) == bool(lang)
    facade = html.select_one(".pl-facade")
    assert facade["data-pl-facade"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert facade.select_one("a")["href"] == YOUTUBE and "YouTube" in facade.get_text()
    assert html.select("iframe, script[src^=http], img[src^=http], [srcset*='//'], [poster^=http]") == []
    policy = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com;" in policy


@pytest.mark.slow
def test_a_video_shared_from_a_moment_starts_there_on_the_page(media_site):
    html = soup(page(media_site, "stories/groet/"))
    facade = html.select_one(".pl-facade")
    assert facade["data-pl-facade"] == "https://player.vimeo.com/video/76979871?dnt=1&autoplay=1#t=90s"
    assert facade.select_one("a")["href"] == "https://vimeo.com/76979871#t=90s"
    policy = html.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "frame-src https://www.youtube-nocookie.com https://player.vimeo.com;" in policy


@pytest.mark.slow
def test_cards_and_search_results_say_a_story_has_video(media_site):
    cards = {li.select_one("a").get_text(): li.select_one(".pl-card__meta").get_text()
             for li in soup(page(media_site, "en/stories/")).select("li.pl-card")}
    assert cards["A talk"].endswith("Video story") and cards["Een groet"].endswith("Article · Video")
    meta = soup(page(media_site, "en/stories/gesprek/")).select_one("[data-pagefind-meta=medium]")
    assert meta.get_text() == "Video"


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"


def _axe(page) -> list[str]:
    """axe's WCAG 2.1 A and AA violations (as tests/test_gates.py runs it)."""
    page.evaluate(AXE.read_text())
    return page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', "
                         "'wcag21a', 'wcag21aa']}}).then(r => r.violations.map(v => v.id + ': ' + "
                         "v.nodes.map(n => n.target.join(' ')).join(', ')))")


def _plays(page, selector: str) -> None:
    """Plays a player (muted: a test has no speakers) until its time has moved on."""
    page.evaluate(f"(() => {{ const m = document.querySelector({selector!r}); m.muted = true; "
                  "m.play(); })()")
    wait_until(page, f"document.querySelector({selector!r}).currentTime > 0.3")


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["", "en/"])
def test_the_players_play_with_captions_and_the_facade_waits_for_a_click(browser, media_site, lang):
    with serve(media_site, "/site/") as base:
        reader, visit = open_page(browser, base, lang + "stories/gesprek/")
        reader.wait_for_timeout(300)
        assert _axe(reader) == []
        assert visit.outside == [] and visit.failed == [] and visit.console == []
        tracks = reader.evaluate("[...document.querySelector('video').textTracks].map(t => "
                                 "[t.kind, t.language, t.mode])")
        shown = "en" if lang else "nl"
        assert sorted(tracks) == [["captions", code, "showing" if code == shown else "disabled"]
                                  for code in ("en", "nl")]
        _plays(reader, "video")
        _plays(reader, "audio")
        assert visit.outside == []  # still nothing from YouTube: it has not been asked for
        reader.focus(".pl-facade a")
        reader.keyboard.press("Enter")
        wait_until(reader, "document.querySelector('.pl-facade iframe') !== null")
        assert reader.evaluate("document.activeElement.tagName") == "IFRAME"
        wait_until(reader, "true")
        assert visit.outside and all(url.startswith("https://www.youtube-nocookie.com/embed/")
                                     for url in visit.outside), visit.outside
        reader.context.close()


@pytest.mark.browser
def test_an_h264_video_and_an_opus_recording_play_too(browser, media_site):
    with serve(media_site, "/site/") as base:
        reader, visit = open_page(browser, base, "stories/groet/")
        _plays(reader, "video")
        _plays(reader, "audio")
        assert _axe(reader) == [] and visit.outside == [] and visit.failed == []
        reader.context.close()


@pytest.mark.slow
def test_the_media_pages_are_valid_html(media_site):
    pages = [page(media_site, lang + f"stories/{story}/") for lang in ("", "en/")
             for story in ("gesprek", "groet")]
    assert nu_errors(*pages, root=media_site) == []


def _found(browser, base: str, lang_root: str, words: str) -> list[str]:
    """What the site's search finds (the pages' addresses), and what each result says."""
    reader, visit = open_page(browser, base, lang_root + "search/")
    reader.fill("#pl-search-input", words)
    wait_until(reader, "document.querySelector('.pl-search__status').textContent.length > 0 && "
                       "!document.querySelector('.pl-search__status').textContent.endsWith('…')")
    found = reader.eval_on_selector_all(".pl-results li", "items => items.map(li => "
                                        "li.querySelector('a').href + ' ' + li.textContent)")
    assert visit.failed == [] and visit.console == [] and visit.outside == []
    reader.context.close()
    return found


@pytest.mark.browser
def test_a_transcript_is_found_by_the_search_in_its_own_language_only(browser, media_site):
    with serve(media_site, "/site/") as base:
        [dutch] = _found(browser, base, "", "kraanvogel")
        assert "/site/stories/gesprek/" in dutch and "Video" in dutch  # the result says so
        assert _found(browser, base, "en/", "kraanvogel") == []
        [english] = _found(browser, base, "en/", "heronbird")
        assert "/site/en/stories/gesprek/" in english
        assert _found(browser, base, "", "heronbird") == []


@pytest.mark.slow
def test_a_photo_story_with_a_video_keeps_the_video_out_of_its_gallery(story):
    root, folder = story
    (folder / "meta.yml").write_text((folder / "meta.yml").read_text().replace(
        "format: video-story", "format: photo-story"))
    for lang in ("nl", "en"):
        _text(folder, lang, "Intro.", "![A photo](interview.jpg)\n\n![Another](buurt.jpg)")
    build(Paths(root))
    gallery = soup(page(root / "site", "stories/gesprek/")).select(".pl-gallery a")
    assert [a["href"].rsplit("-", 2)[0] for a in gallery] == ["../../media/interview", "../../media/buurt"]


@pytest.mark.slow
def test_the_preview_shows_a_saved_story_with_its_new_video_at_once(story):
    from generator.commands.rebuild import Rebuilder

    root, folder = story
    served, seen = root / ".build/preview", {}
    builds = Rebuilder(Paths(root, served), drafts=False)
    try:
        builds.build()
        make_media(folder / "clip.webm")
        for lang in ("nl", "en"):
            write(folder, f"clip.{lang}.vtt", CAPTIONS.format(text="Clip"))
            _text(folder, lang, "Intro.", "Intro.\n\n![A clip](clip.webm)")
        builds.build(frozenset({folder / "nl.md", folder / "en.md"}),
                     lambda: seen.update(clips=sorted(p.name for p in served.glob("media/clip-*"))))
    finally:
        builds.close()
    assert sorted(name.split(".", 1)[1] for name in seen["clips"]) == ["en.vtt", "nl.vtt", "webm"]
