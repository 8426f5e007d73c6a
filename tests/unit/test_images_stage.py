"""Unit tests of the image stage (generator.images): measuring, planning, HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from generator.images.pipeline import Source, plan
from generator.images.probe import ImageIndex, measure


def _source(width: int, height: int, alpha: bool = False) -> Source:
    return Source(Path("photo.jpg"), "0" * 64, width, height, alpha)


def test_variants_are_never_upscaled_and_never_twice():
    widths = [v.width for v in plan(_source(3000, 2000)).of("webp")]
    assert widths == [480, 960, 1600]
    assert [v.width for v in plan(_source(700, 500)).of("jpeg")] == [700]  # one fallback


def test_transparent_images_fall_back_to_png_and_tall_ones_fit_webp():
    assert plan(_source(800, 600, alpha=True)).fallback_format == "png"
    assert all(v.height <= 16383 for v in plan(_source(1000, 40000)).variants)


def test_measuring_applies_exif_rotation(tmp_path):
    path = tmp_path / "rotated.jpg"
    exif = Image.Exif()
    exif[0x0112] = 6  # turned on its side
    Image.new("RGB", (400, 200)).save(path, exif=exif)
    found = measure(path)
    assert (found.width, found.height, found.format) == (200, 400, "JPEG") and not found.error


def test_measuring_refuses_what_cannot_be_read(tmp_path):
    (tmp_path / "text.jpg").write_text("not an image")
    assert measure(tmp_path / "text.jpg").error == "unreadable"
    Image.new("RGB", (2000, 1000)).save(tmp_path / "big.png")
    assert measure(tmp_path / "big.png", 1).error == "too-large"


def test_the_index_remembers_between_builds_by_content(tmp_path, monkeypatch):
    from generator.images import probe

    Image.new("RGB", (30, 20)).save(tmp_path / "a.png")
    first = ImageIndex(tmp_path / "measured").measure(tmp_path / "a.png")
    monkeypatch.setattr(probe, "measure", lambda *args: pytest.fail("measured again"))
    (tmp_path / "b.png").write_bytes((tmp_path / "a.png").read_bytes())  # the same bytes
    assert ImageIndex(tmp_path / "measured").measure(tmp_path / "b.png") == first


def test_images_started_while_pages_are_written_end_as_a_full_run_would(tmp_path):
    from generator.images.planner import ImagePlanner
    photos = []
    for n in range(5):
        photos.append(tmp_path / f"photo-{n}.jpg")
        Image.new("RGB", (1200 + n, 800), (40 * n, 90, 160)).save(photos[-1])
    early = ImagePlanner(tmp_path / "early", ImageIndex(None), early=True)
    late = ImagePlanner(tmp_path / "late", ImageIndex(None))
    for photo in photos + photos[:2]:  # asked for twice: made once
        early.get(photo)
        late.get(photo)
    assert early._started and not late._started
    a, b = early.process(), late.process()
    assert (a.images, a.processed, a.files_written) == (b.images, b.processed, b.files_written)
    assert a.processed == 5 and not early._started
    files = {p.name: p.read_bytes() for p in (tmp_path / "early").iterdir()}
    assert files == {p.name: p.read_bytes() for p in (tmp_path / "late").iterdir()}
    assert early.process().processed == 0  # all in the cache now


def test_images_started_early_are_dropped_when_the_build_fails_before_them(tmp_path):
    from generator.images.planner import ImagePlanner
    photos = []
    for n in range(6):
        photos.append(tmp_path / f"photo-{n}.jpg")
        Image.new("RGB", (2000 + n, 1500), (40 * n, 90, 160)).save(photos[-1])
    try:
        with ImagePlanner(tmp_path / "cache", ImageIndex(None), early=True) as planner:
            for photo in photos:
                planner.get(photo)
            raise RuntimeError("the engine failed")
    except RuntimeError:
        pass
    assert planner._pool is None and planner._started == {}
    made = {p.name.split("-")[1] for p in (tmp_path / "cache").glob("photo-*")}
    assert len(made) < 6  # the queued ones were not made
