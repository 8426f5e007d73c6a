"""Cold builds of an earlier version beside this one, in the same run:
`python bench/ab.py REV` (a git revision, e.g. the one before a change).

Builds the CoSIE content and synthetic corpora of 100 and 300 stories with
both versions, cold (no .cache, .build or site) and with the photos already
processed, interleaved round by round, beside the plain-Material anchor and
Hugo on the same prose; then the preview of this version (a saved story to
the reloaded page, at 300 stories). Timing on a shared machine swings: the
ratios between versions built in the same minutes are what to read.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import Shape, write_corpus, write_hugo, write_plain  # noqa: E402
from measure import run  # noqa: E402
from run import HUGO, _anchor, preview_latency  # noqa: E402


def checkout(rev: str, folder: Path) -> Path:
    """The generator, theme and mkdocs.yml of `rev`, in a folder of their own."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", rev, "generator", "theme",
                              "mkdocs.yml"], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def build(code: Path, site: Path, keep_photos: bool) -> float:
    """Seconds of one build of `site` with the generator in `code`."""
    shutil.copytree(code / "theme", site / "theme", dirs_exist_ok=True)
    shutil.copy(code / "mkdocs.yml", site / "mkdocs.yml")
    for name in (".build", "site") + (() if keep_photos else (".cache",)):
        shutil.rmtree(site / name, ignore_errors=True)
    for kept in (site / ".cache").glob("*") if keep_photos else []:
        if kept.name not in ("images", "measured"):
            shutil.rmtree(kept)
    env = {**os.environ, "PYTHONPATH": str(code), "SOURCE_DATE_EPOCH": "1700000000"}
    measured = run([sys.executable, "-m", "generator.commands.cli", "build"], site, env)
    if not measured.ok:
        raise SystemExit(f"the build of {site} with {code} failed:\n{measured.output[-3000:]}")
    return measured.wall


def corpora(work: Path, rev: str) -> dict[str, Path]:
    """The sites to build: CoSIE's content as it was at `rev` (which both
    versions read; the newer content has fields the earlier one refuses), and
    100 and 300 synthetic stories."""
    found = {}
    cosie = work / "cosie"
    if not cosie.exists():
        archive = subprocess.run(["git", "-C", str(HERE.parent), "archive", rev, "content"],
                                 capture_output=True, check=True).stdout
        cosie.mkdir(parents=True)
        subprocess.run(["tar", "-x", "-C", str(cosie)], input=archive, check=True)
    found["CoSIE"] = cosie
    for size in (100, 300):
        site = work / f"corpus-{size}"
        if not site.exists():
            write_corpus(site, Shape(size, interventions=max(100, size // 5)))
        found[str(size)] = site
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("rev", help="the earlier version (a git revision)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", type=Path, default=HERE / "work" / "ab")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    versions = {"before": checkout(args.rev, args.work / "before"), "now": HERE.parent}
    rows, started = [], time.perf_counter()
    for name, site in corpora(args.work, args.rev).items():
        rows += compare(name, site, versions, args.rounds, args.work)
    latency = preview_latency(args.work, 300, 9)
    later = latency[1:]
    print("\n".join(rows))
    print(f"preview at 300 stories: first save {latency[0]:.2f} s, later saves median "
          f"{statistics.median(later):.2f} s, max {max(later):.2f} s")
    print(f"({(time.perf_counter() - started) / 60:.1f} min, rev {args.rev})")


def compare(name: str, site: Path, versions: dict[str, Path], rounds: int,
            work: Path) -> list[str]:
    """Median seconds of each version, cold and photos-ready, interleaved."""
    times: dict[tuple[str, bool], list[float]] = {}
    for _ in range(rounds):
        for keep in (False, True):
            for label, code in versions.items():
                times.setdefault((label, keep), []).append(build(code, site, keep))
    plain = write_plain(site / "content", work / f"plain-{name}")
    anchor = statistics.median(_anchor(plain).wall for _ in range(3))
    hugo_site = write_hugo(site / "content", work / f"plain-{name}")
    hugo_s = statistics.median(run([HUGO, "-s", str(hugo_site), "--quiet"], hugo_site).wall
                               for _ in range(3))
    rows = []
    for keep in (False, True):
        before, now = (statistics.median(times[(v, keep)]) for v in ("before", "now"))
        rows.append(f"| {name} | {'photos ready' if keep else 'cold'} | {before:.2f} s | "
                    f"{now:.2f} s | {now / before:.2f} | {anchor:.2f} s | {hugo_s:.2f} s |")
    return rows


if __name__ == "__main__":
    main()
