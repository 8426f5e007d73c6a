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


def reporting(seed: int = 10) -> Image.Image:
    """Community reporting: people telling their story into a phone, in pairs."""
    rng = random.Random(seed)
    image = Image.new("RGB", (W, H), (236, 232, 244))
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, int(H * 0.74), W, H], fill=(200, 190, 214))
    for pair in range(3):
        x = 260 + pair * 520
        _person(draw, x, 720, 1.5, PEOPLE[pair % 5])
        _person(draw, x + 190, 720, 1.5, PEOPLE[(pair + 2) % 5])
        draw.rounded_rectangle([x + 70, 470, x + 110, 540], radius=6, fill=(40, 40, 48), outline=INK)
        bubble = (x - 60, 180 + rng.randint(-20, 20))
        draw.rounded_rectangle([bubble[0], bubble[1], bubble[0] + 240, bubble[1] + 130], radius=35,
                               fill=(255, 255, 255), outline=INK, width=3)
        draw.polygon([(bubble[0] + 90, bubble[1] + 130), (bubble[0] + 130, bubble[1] + 130),
                      (x + 10, 420)], fill=(255, 255, 255), outline=INK)
        for line in range(3):
            draw.line([bubble[0] + 30, bubble[1] + 35 + line * 30, bubble[0] + 210 - line * 40,
                       bubble[1] + 35 + line * 30], fill=INK, width=5)
    return image


def _project(points, box: tuple[float, float, float, float], frame: tuple[int, int, int, int]):
    """Projects [lon, lat] points into a picture (equirectangular, kept in proportion)."""
    west, south, east, north = box
    scale_x = math.cos(math.radians((south + north) / 2))
    width, height = (east - west) * scale_x, north - south
    left, top, right, bottom = frame
    factor = min((right - left) / width, (bottom - top) / height)
    x0 = left + ((right - left) - width * factor) / 2
    y0 = top + ((bottom - top) - height * factor) / 2
    return [(x0 + (lon - west) * scale_x * factor, y0 + (north - lat) * factor) for lon, lat in points]


def _pin(draw: ImageDraw.ImageDraw, x: float, y: float, colour: tuple = (156, 63, 18)) -> None:
    draw.ellipse([x - 26, y - 70, x + 26, y - 18], fill=colour, outline=INK, width=3)
    draw.polygon([(x - 20, y - 34), (x + 20, y - 34), (x, y)], fill=colour, outline=INK)
    draw.ellipse([x - 10, y - 54, x + 10, y - 34], fill=(255, 255, 255))


def country_map(code: str, lat: float, lon: float) -> Image.Image:
    """A drawing of the region around a pilot: its country darker than the
    neighbours, a pin where the pilot is."""
    from generator.site.geo import country_rings

    own = [ring for ring in country_rings(code) or () if len(ring) > 8]
    points = [p for ring in own for p in ring] or [(lon - 5, lat - 3.5), (lon + 5, lat + 3.5)]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    pad_x, pad_y = (east - west) * 0.25 + 1, (north - south) * 0.15 + 0.5
    box = (west - pad_x, south - pad_y, east + pad_x, north + pad_y)
    # a country whose outline is not known is land around the pin, not a lake
    image = Image.new("RGB", (W, H), SKY if own else (96, 150, 86))
    draw = ImageDraw.Draw(image)
    frame = (40, 40, W - 40, H - 40)
    for other in EUROPE + NEIGHBOURS:
        for ring in country_rings(other) or ():
            if len(ring) > 8:
                fill = (96, 150, 86) if other == code else (196, 214, 186)
                draw.polygon(_project(ring, box, frame), fill=fill, outline=INK)
    x, y = _project([(lon, lat)], box, frame)[0]
    _pin(draw, x, y)
    return image


NEIGHBOURS = ("UA", "BY", "RU", "RS", "BA", "ME", "MK", "AL", "GR", "MD", "LU", "MA", "DZ", "TN")
EUROPE = ("NL", "BE", "DE", "FR", "ES", "PT", "IT", "GB", "IE", "DK", "SE", "NO", "FI", "EE", "LV",
          "LT", "PL", "CZ", "SK", "HU", "AT", "CH", "SI", "HR", "RO", "BG")


def europe_map(pins: list[tuple[float, float]]) -> Image.Image:
    """Europe, with a pin at each pilot (west of the Urals, south of the North Cape)."""
    from generator.site.geo import country_rings

    image = Image.new("RGB", (W, H), SKY)
    draw = ImageDraw.Draw(image)
    box = (-11.0, 35.5, 32.0, 68.0)
    for code in EUROPE:
        for ring in country_rings(code) or ():
            if len(ring) > 8:
                draw.polygon(_project(ring, box, (60, 40, W - 60, H - 40)), fill=GRASS, outline=INK)
    for lat, lon in pins:
        x, y = _project([(lon, lat)], box, (60, 40, W - 60, H - 40))[0]
        _pin(draw, x, y)
    return image


PILOT_MAPS = {"finland": ("FI", 62.5, 25.7), "hungary": ("HU", 47.16, 19.50),
              "jonkoping": ("SE", 57.7826, 14.1618), "reggio-emilia": ("IT", 44.6983, 10.6312),
              "united-kingdom": ("GB", 54.0, -2.0), "valencia": ("ES", 39.4699, -0.3763),
              "voru": ("EE", 57.8339, 27.0194), "wroclaw": ("PL", 51.1079, 17.0385)}
PILOT_PINS = [(52.0292, 5.0805), (52.0286, 5.1680)] + [(lat, lon) for _, lat, lon in PILOT_MAPS.values()]

DRAWINGS = {
    "pilots/nieuwegein/cover.jpg": lambda: neighbourhood(1),
    "pilots/nieuwegein/buurtkamer.jpg": lambda: living_room(2),
    "pilots/houten/cover.jpg": lambda: desk(3),
    "stories/afval-in-beeld/flats.jpg": lambda: neighbourhood(5),
    "stories/afval-in-beeld/buurtkamer.jpg": lambda: living_room(6),
    "stories/afval-in-beeld/containers-open.jpg": lambda: neighbourhood(7, open_containers=True),
    "stories/een-loket-in-je-eigen-taal/loket.jpg": lambda: desk(8),
    "stories/gesprek-van-verandering/gesprek.jpg": lambda: gathering(9),
    "stories/verhalen-ophalen/verhalen.jpg": lambda: reporting(10),
    "stories/van-europa-naar-de-buurt/europa.jpg": lambda: europe_map(PILOT_PINS),
    **{f"pilots/{pilot}/kaart.jpg": (lambda args=args: country_map(*args))
       for pilot, args in PILOT_MAPS.items()},
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
