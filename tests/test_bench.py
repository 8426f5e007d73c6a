"""The benchmark command, CI-sized (100 stories): every step runs and writes
its figures. No timing is asserted here; the full figures are in bench/RESULTS.md."""

from __future__ import annotations

import subprocess
import sys

from helpers import REPO


def test_benchmark_smoke_run_writes_every_section(tmp_path):
    out = tmp_path / "RESULTS.md"
    result = subprocess.run([sys.executable, "bench/run.py", "--smoke", "--out", str(out),
                             "--work", str(tmp_path / "work")], cwd=REPO, capture_output=True,
                            text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    text = out.read_text()
    for section in ("Cold builds", "Cold builds with the photos already processed", "Rebuilds",
                    "Preview", "Images", "Map page weight",
                    "Story page weight", "Zensical"):
        assert f"## {section}" in text
    assert "| 100 |" in text and "(failed)" not in text
