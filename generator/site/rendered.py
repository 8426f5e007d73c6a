"""Bodies rendered by earlier builds, kept on disk, so a rebuild converts only
the Markdown that changed (Python-Markdown is the slowest step of a check).

An entry is found by a hash of everything its rendering depends on: the
body, its images' places, the footnotes' back-link text and the versions of
this code, Python-Markdown and nh3. Only the entries of the latest build are
kept, so the file follows the content and does not grow.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import astuple
from importlib.metadata import version
from pathlib import Path
from typing import Sequence

from generator.content.mdrefs import ImageRef
from generator.site.prose import Offence, Rendered, render

PROSE_VERSION = "2"  # change it when rendering or cleaning changes (2: reserved ids)


class RenderedBodies:
    """Rendered bodies by a hash of what made them.

    Args:
        path: The cache file (None: nothing is kept).
    """

    def __init__(self, path: Path | None):
        self.path = path
        self.versions = f"{PROSE_VERSION}|{version('markdown')}|{version('nh3')}"
        self.kept: dict[str, list] = {}
        self.used: dict[str, list] = {}
        if path is not None and path.is_file():
            try:
                self.kept = json.loads(path.read_text(encoding="utf-8"))
            except ValueError:  # a damaged cache is rebuilt, never trusted
                self.kept = {}

    def render(self, body: str, images: Sequence[ImageRef] = (),
               backlink: str = "Back to the text") -> Rendered:
        """Renders a body like generator.site.prose.render, or takes it from the cache."""
        key = hashlib.sha256(
            f"{self.versions}|{backlink}|{[astuple(i) for i in images]!r}|{body}".encode()
        ).hexdigest()
        entry = self.kept.get(key)
        if entry is not None:
            rendered = Rendered(entry[0], tuple(Offence(*o) for o in entry[1]), entry[2])
        else:
            rendered = render(body, tuple(images), backlink)
        self.used[key] = [rendered.html, [astuple(o) for o in rendered.offences], rendered.nonce]
        return rendered

    def save(self) -> None:
        """Keeps what this build rendered (and nothing else) for the next one."""
        if self.path is None or self.used == self.kept:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(self.used, sort_keys=True), encoding="utf-8")
        os.replace(tmp, self.path)
