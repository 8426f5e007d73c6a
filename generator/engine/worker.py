"""The preview's long-lived ProperDocs for one project (a one-off build runs
the engine's command line instead). It keeps the configuration (loaded again
when mkdocs.yml changed) and the compiled theme between builds; a build the
caller marks dirty (nothing but the pages' text changed) renders only the
pages whose Markdown changed (MkDocs' dirty builds).

Protocol: a JSON line per request on stdin ({"build": true, "dirty": bool}),
a JSON line per answer on stdout: {"ok", "seconds", "warnings", "error"}.
Started by path with `python -P`, it imports nothing of the generator (MkDocs
imports the project's hooks, which import only what they need).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from properdocs.commands.build import build
from properdocs.config import load_config


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "'dirty' build is being performed" not in message:
            self.messages.append(message)


class Builder:
    """One project's configuration (`project`: its folder), kept between
    builds into `site`."""

    def __init__(self, project: Path, site: Path):
        self.project, self.site = project, site
        self.config, self.config_text, self.env = None, None, None
        self.collect = _Collect()
        logger = logging.getLogger("properdocs")
        logger.addHandler(self.collect)
        logger.setLevel(logging.INFO)

    def build(self, dirty: bool = False) -> dict:
        """Builds; with `dirty` (the caller knows that nothing but the pages'
        text changed since the output was written) only the changed pages."""
        start, self.collect.messages = time.perf_counter(), []
        os.chdir(self.project)
        text = (self.project / "mkdocs.yml").read_text(encoding="utf-8")
        full = self.config is None or text != self.config_text
        try:
            if full:
                self.config = load_config(config_file=str(self.project / "mkdocs.yml"),
                                          site_dir=str(self.site))
                self.config.plugins.on_startup(command="serve", dirty=True)
                self.config_text = text
            self._theme(keep=dirty and not full)
            build(self.config, dirty=dirty)
            answer = {"ok": True, "error": ""}
        except Exception as exc:  # an engine error is reported, not fatal to the process
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            self.config = None
        return {**answer, "seconds": time.perf_counter() - start,
                "warnings": self.collect.messages, "full": full}

    def _theme(self, keep: bool) -> None:
        """Gives the engine the theme's templates as compiled by the last build
        when `keep` (the theme did not change): MkDocs would compile them again."""
        theme = self.config.theme
        if not keep or self.env is None:
            theme.__dict__.pop("get_env", None)
            self.env = theme.get_env()
        env = self.env
        theme.get_env = lambda: env


def main(argv: list[str]) -> None:
    """Builds the project it is given on every request (see the module's docstring)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    builder = Builder(Path(argv[0]), Path(argv[1]))
    for line in sys.stdin:
        request = json.loads(line)
        print(json.dumps(builder.build(dirty=bool(request.get("dirty")))), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
