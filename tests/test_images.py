"""The image pipeline, checked on held-out photos made here: one with GPS
EXIF, one rotated by EXIF, a transparent PNG. And the visual narratives:
photo stories, timelines, social cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from browser import PHONE, open_page
from generator.build import Paths, build
from helpers import minimal, page, soup, write


def _photo(path: Path, size: tuple[int, int], gps: bool = False, orientation: int | None = None):
    image = Image.new("RGB", size, (200, 220, 240))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, size[0] // 3, size[1] // 5], fill=(200, 30, 30))  # red: top left
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    if orientation:
        exif[0x0112] = orientation
    if gps:
        info = exif.get_ifd(0x8825)
        info.update({1: "N", 2: (52.0, 1.0, 44.4), 3: "E", 4: (5.0, 4.0, 51.6)})
    image.save(path, quality=90, exif=exif)


@pytest.fixture(scope="module")
def photo_project(tmp_path_factory):
    from helpers import make_project

    root = make_project(tmp_path_factory.mktemp("photos") / "p")
    content = minimal(root)
    story = content / "stories/een"
    _photo(story / "gps.jpg", (2400, 1600), gps=True)
    _photo(story / "rotated.jpg", (1600, 1200), orientation=6)  # stored landscape, shown portrait
    logo = Image.new("RGBA", (640, 480), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse([100, 100, 540, 380], fill=(20, 120, 60, 255))
    logo.save(story / "transparent.png")
    meta = story / "meta.yml"
    meta.write_text(meta.read_text().replace("format: article", "format: photo-story")
                    + 'cover: {file: gps.jpg, alt: {nl: "Omslag", en: "Cover"}, credit: "Test"}\n')
    write(content, "stories/een/nl.md", """
        ---
        title: Een verhaal
        summary: Kort.
        ---
        Tekst.

        ![Foto met GPS](gps.jpg "Het onderschrift")

        ![Gedraaide foto](rotated.jpg)

        ![Transparant logo](transparent.png)
        """)
    report = build(Paths(root))
    return root, report


def _outputs(site: Path, name: str) -> list[Path]:
    return sorted((site / "media").glob(f"{name}-*"))


def test_outputs_are_stripped_of_all_metadata(photo_project):
    root, _ = photo_project
    files = list((root / "site/media").iterdir())
    assert files
    for path in files:
        data = path.read_bytes()
        assert b"Exif" not in data and b"TestCam" not in data and b"GPS" not in data, path.name
        with Image.open(path) as image:
            assert not image.getexif(), path.name
            assert "icc_profile" not in image.info and "xmp" not in image.info, path.name
    source = Image.open(root / "content/stories/een/gps.jpg")
    assert source.getexif().get_ifd(0x8825)  # the source did have a position


def test_rotated_photo_comes_out_upright(photo_project):
    root, _ = photo_project
    outputs = _outputs(root / "site", "rotated")
    assert {p.suffix for p in outputs} == {".webp", ".jpg"}
    for path in outputs:
        with Image.open(path) as image:
            assert image.height > image.width, path.name  # portrait, as the camera meant
            red = image.convert("RGB").getpixel((image.width - 5, 5))
            assert red[0] > 150 and red[1] < 100, (path.name, red)  # top-left turned to top-right


def test_widths_are_never_upscaled_and_transparency_falls_back_to_png(photo_project):
    root, _ = photo_project
    widths = sorted(Image.open(p).width for p in _outputs(root / "site", "gps") if p.suffix == ".webp")
    assert widths == [480, 960, 1600]
    assert [Image.open(p).width for p in _outputs(root / "site", "gps") if p.suffix == ".jpg"] == [960]
    rotated = sorted(Image.open(p).width for p in _outputs(root / "site", "rotated") if p.suffix == ".webp")
    assert rotated == [480, 960, 1200]
    png = _outputs(root / "site", "transparent")
    assert {p.suffix for p in png} == {".webp", ".png"}
    for path in png:
        assert Image.open(path).mode == "RGBA"


def test_responsive_html_with_sizes_and_lazy_loading(photo_project):
    root, _ = photo_project
    html = soup(page(root / "site", "stories/een/"))
    cover = html.select_one(".pl-hero img")  # the cover: in the hero, loaded at once
    body = html.select("article img")[:3]
    assert cover["fetchpriority"] == "high" and "loading" not in cover.attrs
    hero = cover.find_previous_sibling("source")
    assert hero["sizes"] == "100vw" and "1600w" in hero["srcset"]
    for img in body:
        # one fallback for browsers without WebP: JPEG, or PNG for a picture with transparency
        assert img["loading"] == "lazy" and img["alt"] and img["src"].endswith((".jpg", ".png"))
        assert int(img["width"]) > 0 and int(img["height"]) > 0
        source = img.find_previous_sibling("source")
        assert source["type"] == "image/webp" and " 480w" in source["srcset"] and source["sizes"]
    figure = html.find("figcaption", string=None)
    assert html.find(string="Het onderschrift").find_parent("figcaption") is not None
    rotated = html.find("img", alt="Gedraaide foto")
    assert int(rotated["height"]) > int(rotated["width"])
    assert figure is not None


def test_a_second_build_processes_no_image_and_a_changed_one_alone(photo_project):
    root, first = photo_project
    assert first.images.processed == 3
    again = build(Paths(root), drafts=True)  # built again, with the images' cache
    assert again.images.processed == 0 and again.images.files_written == 0
    _photo(root / "content/stories/een/gps.jpg", (2400, 1600), gps=True, orientation=3)
    changed = build(Paths(root))
    assert changed.images.processed == 1


def test_big_images_and_small_covers_warn(project):
    content = minimal(project)
    Image.new("RGB", (800, 500)).save(content / "stories/een/small.jpg")
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "cover: {file: small.jpg, alt: {nl: a, en: b}}\n")
    from helpers import problems_of

    assert any("800 px wide" in p for p in problems_of(project, strict=True))


def test_photo_story_gallery_and_timeline_and_labels(basic_site):
    html = soup(page(basic_site, "stories/fotoverhaal/"))
    assert len(html.select(".pl-body--photo-story a.pl-zoom[data-pl-zoom] img")) == 3
    gallery = html.select(".pl-gallery a[data-pl-zoom]")
    # without JavaScript, a photo's link opens its largest version
    assert len(gallery) == 3 and all(a["href"].endswith(".webp") for a in gallery)
    assert html.select_one(".pl-label--example").get_text() == "Illustratief voorbeeld"
    pilot = soup(page(basic_site, "en/pilots/beta/"))
    phases = pilot.select("ol.pl-timeline__phases > li")
    assert [p.select_one(".pl-phase__label strong").get_text() for p in phases] == ["Exploring", "Trying out"]
    assert phases[1]["aria-current"] == "step" and "Current phase" in phases[1].get_text()
    assert "Only in English" in phases[1].get_text()  # the story is placed in its phase
    alfa = soup(page(basic_site, "pilots/alfa/"))
    texts = [li.get_text(" ", strip=True) for li in alfa.select(".pl-phase__events li")]
    assert any(t.startswith("14 maart 2019 · Bijeenkomst: Gesprek in de buurtkamer") for t in texts)
    assert not alfa.select('[aria-current="step"]')  # a finished pilot has no current phase
    home = soup(page(basic_site, ""))
    assert [a.get_text() for a in home.select(".pl-gantt__name a")] == ["Pilot Alfa", "Pilot Beta"]


def test_a_page_is_shared_with_its_cover_or_a_card_of_its_own(basic_site):
    base = "https://example.github.io/pilots/"
    for url, title in (("stories/eerste-verhaal/", "Het eerste verhaal"),
                       ("en/stories/eerste-verhaal/", "The first story")):
        html = soup(page(basic_site, url))
        image = html.find("meta", property="og:image")["content"]
        assert re.search(r"/media/cover-[0-9a-f]{10}-\d+\.jpg$", image)  # the cover itself
        assert html.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert html.find("meta", property="og:title")["content"] == title
        with Image.open(basic_site / image.removeprefix(base)) as cover:
            width = html.find("meta", property="og:image:width")["content"]
            assert cover.size[0] == int(width)
    example = soup(page(basic_site, "en/stories/english-only/"))
    assert example.find("meta", property="og:title")["content"].endswith("(Illustrative example)")
    card = example.find("meta", property="og:image")["content"]  # no cover: a card, with a badge
    with Image.open(basic_site / card.removeprefix(base)) as drawn:
        assert "/social/" in card and min(drawn.convert("RGB").getpixel((76, 96))) > 200
    person = soup(page(basic_site, "people/onderzoeker-twee/")).find("meta", property="og:image")
    assert re.search(r"/social/[0-9a-f]{64}\.jpg$", person["content"])  # no picture: a card
    with Image.open(basic_site / person["content"].removeprefix(base)) as card:
        assert card.size == (1200, 630)


@pytest.mark.browser
def test_lightbox_works_with_the_keyboard(browser, basic_server):
    page_, visit = open_page(browser, basic_server, "en/stories/fotoverhaal/", PHONE)
    links = page_.locator(".pl-body a[data-pl-zoom]")
    links.first.focus()
    page_.keyboard.press("Enter")
    dialog = page_.locator("dialog.pl-lightbox")
    assert dialog.evaluate("d => d.open")
    first = page_.locator("dialog.pl-lightbox img").get_attribute("src")
    page_.keyboard.press("ArrowRight")
    assert page_.locator("dialog.pl-lightbox img").get_attribute("src") != first
    page_.keyboard.press("Escape")
    assert not dialog.evaluate("d => d.open")
    assert page_.evaluate("document.activeElement.matches('[data-pl-zoom]')")
    assert visit.console == [] and visit.failed == []
    page_.context.close()
