"""A synthetic corpus in the content contract's format, deterministic (seeded):
N stories over P pilots, K interventions, F photos. Also writes the same prose
as two plain MkDocs Material projects and as a Hugo site, for comparison."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
NL = ("de bewoners gemeente buurt afval werk samen gesprek verhaal dienst plein flat "
      "ondersteuning werkzoekenden kinderen ouderen jongeren idee oplossing vraag week "
      "school huis straat container bijeenkomst mensen tijd gezondheid zorg").split()
EN = ("the residents municipality neighbourhood litter work together conversation story "
      "service square flat support job seekers children older young idea solution question "
      "week school house street container meeting people time health care").split()
CITIES = [("NL", 52.029, 5.081), ("NL", 52.028, 5.168), ("IT", 44.698, 10.631),
          ("SE", 57.783, 14.162), ("EE", 57.834, 27.019), ("ES", 39.470, -0.376),
          ("PL", 51.108, 17.039), ("FI", 60.452, 22.267), ("GB", 53.480, -2.242),
          ("HU", 47.498, 19.040)]


@dataclass(frozen=True)
class Shape:
    """The size of a corpus."""

    stories: int
    pilots: int = 10
    interventions: int = 200
    photos: int = 20
    photo_size: tuple[int, int] = (1600, 1200)
    seed: int = 7


def _sentence(rng: random.Random, words: list[str]) -> str:
    text = " ".join(rng.choice(words) for _ in range(rng.randint(8, 16)))
    return text[0].upper() + text[1:] + "."


def _paragraphs(rng: random.Random, words: list[str], count: int) -> str:
    return "\n\n".join(" ".join(_sentence(rng, words) for _ in range(rng.randint(3, 6)))
                       for _ in range(count))


def photo(path: Path, size: tuple[int, int], seed: int) -> None:
    """Writes a photo-like JPEG (gradients, shapes and noise: not a flat image)."""
    rng = random.Random(seed)
    width, height = size
    base = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(base)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randint(20, width // 6)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in range(3)))
    noise = Image.effect_noise(size, 40).convert("RGB")
    Image.blend(base, noise, 0.25).save(path, quality=90)


def write_corpus(root: Path, shape: Shape) -> Path:
    """Writes a site folder (mkdocs.yml, theme, content/) with the corpus.

    Returns:
        The site folder.
    """
    rng = random.Random(shape.seed)
    if root.exists():
        shutil.rmtree(root)
    content = root / "content"
    (content / "pilots").mkdir(parents=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "theme", root / "theme")
    _site_files(content)
    photos = _photos(root / "photos", shape)
    pilots = [_pilot(content, i, rng, photos) for i in range(shape.pilots)]
    for i in range(shape.stories):
        _story(content, i, rng, pilots, photos)
    for p, pilot in enumerate(pilots):
        _interventions(content, pilot, rng, shape.interventions // shape.pilots, shape.stories, p)
    return root


def _site_files(content: Path) -> None:
    site = {"title": {"nl": "Benchmark", "en": "Benchmark"}, "languages": ["nl", "en"],
            "base_url": "https://example.org/bench/", "period": {"start": "2018-01", "end": "2021-12"}}
    (content / "site.yml").write_text(yaml.safe_dump(site))
    tax = {"themes": {f"t{i}": {"label": {"nl": f"Thema {i}", "en": f"Theme {i}"}} for i in range(6)},
           "target_groups": {"residents": {"label": {"nl": "Bewoners", "en": "Residents"}}},
           "intervention_types": {"meeting": {"label": {"nl": "Bijeenkomst", "en": "Meeting"},
                                              "color": "#1f77b4", "icon": "users"},
                                  "waste": {"label": {"nl": "Afval", "en": "Waste"},
                                            "color": "#2ca02c", "icon": "recycle"}}}
    (content / "taxonomies.yml").write_text(yaml.safe_dump(tax))


def _photos(folder: Path, shape: Shape) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(shape.photos):
        path = folder / f"photo-{i}.jpg"
        photo(path, shape.photo_size, i)
        paths.append(path)
    return paths


def _texts(folder: Path, rng: random.Random, paragraphs: int, extra: str = "") -> None:
    for lang, words in (("nl", NL), ("en", EN)):
        title = " ".join(rng.choice(words) for _ in range(4)).capitalize()
        body = _paragraphs(rng, words, paragraphs) + extra
        front = {"title": title, "summary": _sentence(rng, words)}
        (folder / f"{lang}.md").write_text(f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n{body}\n")


def _pilot(content: Path, i: int, rng: random.Random, photos: list[Path]) -> dict:
    country, lat, lon = CITIES[i % len(CITIES)]
    folder = content / "pilots" / f"pilot-{i}"
    folder.mkdir()
    shutil.copy(photos[i % len(photos)], folder / "cover.jpg")
    meta = {"country": country, "place": f"Place {i}", "location": {"lat": lat, "lon": lon},
            "period": {"start": "2018-06", "end": "2020-12"}, "status": "finished",
            "themes": [f"t{i % 6}"], "cover": {"file": "cover.jpg", "alt": {"nl": "Omslag", "en": "Cover"},
                                              "credit": "Benchmark"},
            "phases": [{"start": "2018-06", "end": "2019-06", "label": {"nl": "Een", "en": "One"}},
                       {"start": "2019-07", "end": "2020-12", "label": {"nl": "Twee", "en": "Two"}}]}
    (folder / "meta.yml").write_text(yaml.safe_dump(meta))
    _texts(folder, rng, 4)
    return {"id": f"pilot-{i}", "lat": lat, "lon": lon}


def _story(content: Path, i: int, rng: random.Random, pilots: list[dict], photos: list[Path]) -> None:
    pilot = pilots[i % len(pilots)]
    folder = content / "stories" / f"story-{i:05d}"
    folder.mkdir(parents=True)
    meta = {"pilot": pilot["id"], "date": f"20{18 + i % 4}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "format": "article", "narrator": {"name": "Anonymous"}, "consent": {"given": True},
            "themes": [f"t{i % 6}"]}
    extra = ""
    if i % 3 == 0:
        meta["location"] = {"lat": round(pilot["lat"] + rng.uniform(-0.01, 0.01), 5),
                            "lon": round(pilot["lon"] + rng.uniform(-0.01, 0.01), 5)}
    if i % 4 == 0:
        shutil.copy(photos[i % len(photos)], folder / "photo.jpg")
        meta["cover"] = {"file": "photo.jpg", "alt": {"nl": "Een foto", "en": "A photo"},
                         "credit": "Benchmark"}
        extra = '\n\n![Een foto uit het verhaal](photo.jpg "Onderschrift")\n'
    (folder / "meta.yml").write_text(yaml.safe_dump(meta))
    _texts(folder, rng, rng.randint(3, 7), extra)


def _interventions(content: Path, pilot: dict, rng: random.Random, count: int, stories: int,
                   index: int) -> None:
    items = []
    for j in range(count):
        item = {"id": f"i-{j}", "type": rng.choice(["meeting", "waste"]),
                "title": {"nl": f"Bijeenkomst {j}", "en": f"Meeting {j}"},
                "description": {"nl": "Bewoners spraken over **afval**.", "en": "Residents talked about **litter**."},
                "date": f"2019-{1 + j % 12:02d}-{1 + j % 28:02d}",
                "location": {"lat": round(pilot["lat"] + rng.uniform(-0.01, 0.01), 5),
                             "lon": round(pilot["lon"] + rng.uniform(-0.01, 0.01), 5)}}
        if stories:
            story = rng.randrange(stories)
            if story % 10 == index % 10:
                item["stories"] = [f"story-{story:05d}"]
        items.append(item)
    (content / "pilots" / pilot["id"] / "interventions.yml").write_text(yaml.safe_dump(items))


def write_plain(content: Path, out: Path) -> list[Path]:
    """Writes the same prose as two plain MkDocs Material projects (one per
    language, Material's recommended way to build a multilingual site).

    Returns:
        The two projects' mkdocs.yml files.
    """
    configs = []
    for lang in ("nl", "en"):
        project = out / f"plain-{lang}"
        docs = project / "docs"
        if project.exists():
            shutil.rmtree(project)
        docs.mkdir(parents=True)
        (docs / "index.md").write_text(f"# Benchmark ({lang})\n")
        for kind in ("pilots", "stories"):
            for folder in sorted((content / kind).iterdir()):
                text = (folder / f"{lang}.md").read_text()
                _, front, body = text.split("---\n", 2)
                title = yaml.safe_load(front)["title"]
                (docs / kind).mkdir(exist_ok=True)
                body = body.replace("![", "<!-- image -->[")  # no images: prose only
                (docs / kind / f"{folder.name}.md").write_text(f"# {title}\n\n{body}")
        config = {"site_name": f"Benchmark {lang}", "theme": {"name": "material", "language": lang},
                  "plugins": ["search"]}
        (project / "mkdocs.yml").write_text(yaml.safe_dump(config))
        configs.append(project / "mkdocs.yml")
    return configs


def write_hugo(content: Path, out: Path) -> Path:
    """Writes the same prose as one bilingual Hugo site (Hugo's reference speed)."""
    site = out / "hugo"
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "layouts" / "_default" / "single.html").write_text(
        "<!doctype html><html lang=\"{{ .Language.Lang }}\"><title>{{ .Title }}</title>"
        "<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>")
    (site / "layouts" / "_default" / "list.html").write_text(
        "<!doctype html><html><title>{{ .Title }}</title><body><ul>{{ range .Pages }}"
        "<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul></body></html>")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "nl"\n'
        '[languages.nl]\ncontentDir = "content/nl"\nweight = 1\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 2\n')
    for lang in ("nl", "en"):
        for kind in ("pilots", "stories"):
            target = site / "content" / lang / kind
            target.mkdir(parents=True)
            for folder in sorted((content / kind).iterdir()):
                text = (folder / f"{lang}.md").read_text().replace("![", "<!-- image -->[")
                (target / f"{folder.name}.md").write_text(text)
    return site
