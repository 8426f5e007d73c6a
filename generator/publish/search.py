"""Search: Pagefind indexes the assembled site, one index per language (by each
page's <html lang>), in small parts a reader's browser loads as needed. Only
what the pages mark with data-pagefind-body is indexed: a record's page in
its own language, so an English search never finds a Dutch-only page.
Pagefind writes the values of a filter, and the filters of a language, in an
order that changes from run to run; builds must be byte-identical, so those
files are read back (gzipped CBOR), put in order and named after their new
content. Nothing else of the index is touched.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Callable

import cbor2

from generator.publish.assemble import swap

BUNDLE = "pagefind"  # the index's folder in the site
_HEADER = b"pagefind_dcd"


class SearchIndexError(Exception):
    """Pagefind could not index the site."""


def index_site(stage: Path, gently: bool = False, stop: threading.Event | None = None) -> bool:
    """Writes the search index into the assembled site, in a stable order;
    returns whether it was written: not when `stop` is set, which stops
    Pagefind (the preview: the editor saved again, and the next rebuild comes
    first). `gently` runs Pagefind at a low priority (the preview indexes
    while the browser reloads the page, which should come first). Raises
    SearchIndexError, with Pagefind's own words, when it fails."""
    # written beside the last index (the preview's folder holds one), which is
    # served until the new one is whole: a stopped index leaves search working
    fresh = stage / f".{BUNDLE}-new"
    shutil.rmtree(fresh, ignore_errors=True)
    command = [sys.executable, "-m", "pagefind", "--site", str(stage.resolve()), "--output-subdir",
               fresh.name, "--silent"]
    # Pagefind reads settings from its working folder and PAGEFIND_ variables:
    # an empty folder and none, so the index depends on the pages alone
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith("PAGEFIND_")}
    with tempfile.TemporaryFile("w+") as log, tempfile.TemporaryDirectory() as empty:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, text=True,
                                   cwd=empty, env=env)
        if gently and hasattr(os, "setpriority"):
            with contextlib.suppress(OSError):  # it may have finished already
                os.setpriority(os.PRIO_PROCESS, process.pid, 10)
        while stop is not None and (stop.is_set() or process.poll() is None):
            if stop.wait(0.05):
                process.kill()
                process.wait()
                shutil.rmtree(fresh, ignore_errors=True)
                return False
        log.seek(0)
        if process.wait() != 0:
            raise SearchIndexError(log.read().strip())
    # Pagefind's ready-made interfaces: the site has its own, so these are not published
    for path in [*fresh.glob("pagefind-*ui.*"), fresh / "pagefind-highlight.js"]:
        path.unlink(missing_ok=True)
    _stabilise(fresh)
    swap(fresh, stage / BUNDLE)
    return True


def _rewrite(path: Path, prefix: str, length: int, change: Callable[[list], list]) -> str:
    """Rewrites a file of the index (gzipped CBOR) with `change` made to its
    value, named after its new content as Pagefind names it; returns the name."""
    value = change(cbor2.loads(gzip.decompress(path.read_bytes())[len(_HEADER):]))
    path.unlink()
    data = _HEADER + cbor2.dumps(value)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:length]}"
    path.with_name(name + path.suffix).write_bytes(gzip.compress(data, mtime=0))
    return name


def _stabilise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for lang, info in entry["languages"].items():
        meta = bundle / f"pagefind.{info['hash']}.pf_meta"
        sort = functools.partial(_sort_filters, bundle / "filter", lang)
        info["hash"] = _rewrite(meta, f"pagefind.{lang}", 10, sort).split(".", 1)[1]
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True,
                                     separators=(",", ":")), encoding="utf-8")


def _sort_filters(folder: Path, lang: str, meta: list) -> list:
    """A language's filters in order, each with its values in order."""
    meta[3] = sorted([name, _rewrite(folder / f"{chunk}.pf_filter", lang, 7,
                                     lambda found: [found[0], sorted(found[1])])]
                     for name, chunk in meta[3])
    return meta
