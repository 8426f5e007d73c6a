"""Illustrations drawn by the project (with Pillow), for content that has no
photographs yet. Reproducible: `python tools/art.py content/` redraws the
CoSIE site's illustrations in place. Credit: the project; licence CC BY 4.0."""

from __future__ import annotations

import math
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

W, H = 1600, 1000
SKY, GRASS, INK = (214, 232, 240), (139, 184, 120), (35, 45, 52)
BRICKS = [(176, 98, 74), (196, 140, 96), (150, 120, 110), (120, 132, 150)]
PEOPLE = [(23, 80, 107), (156, 63, 18), (91, 42, 134), (106, 143, 42), (200, 150, 40)]


def _font(size: int) -> ImageFont.FreeTypeFont:
    import font_source_sans_pro as fonts

    return ImageFont.truetype(fonts.SourceSansProSemibold, size)


def _person(draw: ImageDraw.ImageDraw, x: int, y: int, scale: float, colour: tuple) -> None:
    r = int(22 * scale)
    draw.ellipse([x - r, y - 3 * r, x + r, y - r], fill=(240, 200, 170), outline=INK, width=2)
    draw.rounded_rectangle([x - int(1.4 * r), y - r, x + int(1.4 * r), y + int(2.6 * r)],
                           radius=r, fill=colour, outline=INK, width=2)


def _block(draw: ImageDraw.ImageDraw, x: int, ground: int, w: int, floors: int, colour: tuple) -> None:
    top = ground - floors * 46 - 20
    draw.rectangle([x, top, x + w, ground], fill=colour, outline=INK, width=3)
    draw.rectangle([x - 6, top - 12, x + w + 6, top], fill=(90, 90, 95))
    for floor in range(floors):
        y = top + 22 + floor * 46
        for wx in range(x + 14, x + w - 30, 38):
            draw.rectangle([wx, y, wx + 24, y + 26], fill=(248, 236, 190), outline=INK)
        draw.line([x, y + 34, x + w, y + 34], fill=(90, 90, 95), width=3)


def _container(draw: ImageDraw.ImageDraw, x: int, ground: int, colour: tuple, open_lid: bool) -> None:
    draw.rounded_rectangle([x, ground - 120, x + 130, ground], radius=10, fill=colour, outline=INK, width=3)
    if open_lid:
        draw.polygon([(x, ground - 120), (x + 130, ground - 120), (x + 150, ground - 190),
                      (x + 20, ground - 190)], fill=tuple(min(255, c + 30) for c in colour), outline=INK)
    else:
        draw.rectangle([x - 5, ground - 132, x + 135, ground - 118], fill=colour, outline=INK, width=3)
        draw.rectangle([x + 55, ground - 105, x + 75, ground - 80], fill=(230, 190, 60), outline=INK, width=2)


def neighbourhood(seed: int = 1, open_containers: bool = False) -> Image.Image:
    """Four post-war blocks of flats, containers and residents talking."""
    rng = random.Random(seed)
    image = Image.new("RGB", (W, H), SKY)
    draw = ImageDraw.Draw(image)
    ground = int(H * 0.78)
    draw.rectangle([0, ground, W, H], fill=GRASS)
    for i in range(4):
        _block(draw, 60 + i * 390, ground, 300, 6 + (i % 2), BRICKS[i])
    for i in range(3):
        _container(draw, 300 + i * 420, ground + 150, (70, 110, 80), open_containers)
    for i in range(7):
        _person(draw, 150 + i * 210 + rng.randint(-30, 30), ground + 130, 1.0, PEOPLE[i % 5])
    return image


def living_room(seed: int = 2) -> Image.Image:
    """A flat turned into a neighbourhood living room: a table, chairs, talk."""
    rng = random.Random(seed)
    image = Image.new("RGB", (W, H), (245, 236, 220))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, int(H * 0.7), W, H], fill=(196, 160, 120))
    draw.rectangle([120, 120, 520, 420], fill=SKY, outline=INK, width=6)
    draw.line([320, 120, 320, 420], fill=INK, width=6)
    draw.ellipse([560, 560, 1040, 760], fill=(150, 100, 60), outline=INK, width=4)
    for i, angle in enumerate(range(0, 360, 60)):
        x = 800 + int(330 * math.cos(math.radians(angle)))
        y = 640 + int(150 * math.sin(math.radians(angle)))
        _person(draw, x, y, 1.3, PEOPLE[i % 5])
    for i in range(3):
        x, y = 700 + i * 220 + rng.randint(-20, 20), 200 + rng.randint(-30, 30)
        draw.rounded_rectangle([x, y, x + 180, y + 100], radius=30, fill=(255, 255, 255), outline=INK, width=3)
        draw.polygon([(x + 40, y + 100), (x + 70, y + 100), (x + 30, y + 140)], fill=(255, 255, 255), outline=INK)
        for line in range(3):
            draw.line([x + 25, y + 28 + line * 22, x + 155 - line * 30, y + 28 + line * 22], fill=INK, width=4)
    return image


def desk(seed: int = 3) -> Image.Image:
    """An information desk where people are helped in their own language."""
    image = Image.new("RGB", (W, H), (226, 236, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, int(H * 0.72), W, H], fill=(170, 180, 175))
    draw.rectangle([300, 480, 1300, 720], fill=(23, 80, 107), outline=INK, width=4)
    _person(draw, 800, 470, 1.5, PEOPLE[1])
    for i, x in enumerate((220, 480, 1120, 1380)):
        _person(draw, x, 850, 1.4, PEOPLE[(i + 2) % 5])
    words = ["Hallo", "Merhaba", "Hola", "Dzień dobry", "Bonjour", "Salut", "Ciao", "Olá"]
    font = _font(54)
    for i, word in enumerate(words):
        x, y = 90 + (i % 4) * 370, 70 + (i // 4) * 170
        width = int(draw.textlength(word, font=font))
        draw.rounded_rectangle([x, y, x + width + 60, y + 100], radius=30, fill=(255, 255, 255), outline=INK, width=3)
        draw.text((x + 30, y + 18), word, font=font, fill=INK)
    return image


def gathering(seed: int = 4) -> Image.Image:
    """A large meeting: many people around tables."""
    rng = random.Random(seed)
    image = Image.new("RGB", (W, H), (240, 240, 232))
    draw = ImageDraw.Draw(image)
    for table in range(5):
        cx, cy = 260 + (table % 3) * 540, 330 + (table // 3) * 420
        draw.ellipse([cx - 140, cy - 70, cx + 140, cy + 70], fill=(190, 150, 100), outline=INK, width=3)
        for seat in range(9):
            angle = seat / 9 * 6.283 + rng.random() * 0.2
            x = cx + int(210 * math.cos(angle))
            y = cy + int(120 * math.sin(angle)) + 40
            _person(draw, x, y, 0.9, PEOPLE[(table + seat) % 5])
    return image


DRAWINGS = {
    "pilots/nieuwegein/cover.jpg": lambda: neighbourhood(1),
    "pilots/nieuwegein/buurtkamer.jpg": lambda: living_room(2),
    "pilots/houten/cover.jpg": lambda: desk(3),
    "stories/afval-in-beeld/flats.jpg": lambda: neighbourhood(5),
    "stories/afval-in-beeld/buurtkamer.jpg": lambda: living_room(6),
    "stories/afval-in-beeld/containers-open.jpg": lambda: neighbourhood(7, open_containers=True),
    "stories/een-loket-in-je-eigen-taal/loket.jpg": lambda: desk(8),
    "stories/gesprek-van-verandering/gesprek.jpg": lambda: gathering(9),
}


def main(content: Path) -> None:
    """Draws every illustration into the content folder."""
    for rel, make in DRAWINGS.items():
        target = content / rel
        if target.parent.is_dir():
            make().save(target, quality=85, optimize=True)
            print(f"drew {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "content"))
