"""One build at a time per site folder: its work folders, caches and output
are shared, so a second build (or a preview) waits for the first."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from filelock import FileLock, Timeout

from generator.content.messages import _


class BuildBusy(Exception):
    """Another build in the same folder did not finish in time."""


LOCK_WAIT = 15 * 60  # seconds a build waits for another one in the same folder


@contextmanager
def build_lock(folder: Path, root: Path) -> Iterator[None]:
    """Lets one build at a time use a site folder's work folders, caches and
    output: a second build waits for the first (saying so), then goes on, or
    raises BuildBusy when the first has not finished after LOCK_WAIT seconds."""
    folder.mkdir(parents=True, exist_ok=True)
    lock = FileLock(folder / "build.lock")
    try:
        held = lock.acquire(timeout=0)
    except Timeout:
        print(_("another build is running in this folder; waiting for it to finish"),
              file=sys.stderr, flush=True)
        try:
            held = lock.acquire(timeout=LOCK_WAIT)
        except Timeout:
            raise BuildBusy(_("another build in {folder} has been running for more than "
                              "{minutes} minutes; stop it, or wait and try again")
                            .format(folder=root, minutes=LOCK_WAIT // 60)) from None
    with held:  # releases the lock
        yield
