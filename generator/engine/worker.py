"""A long-lived MkDocs builder for one language's project (used by the preview).

It loads MkDocs once and keeps the project's configuration and plugins
between builds, so a rebuild only renders the pages whose Markdown changed
(MkDocs' dirty builds; the theme's search index keeps the other pages).
A changed mkdocs.yml (menu, settings) triggers a clean, full build.

Protocol: one JSON line per request on stdin ({"build": true}), one JSON line
per answer on stdout ({"ok": bool, "seconds": float, "warnings": [...]}).
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "'dirty' build is being performed" not in message:
            self.messages.append(message)


def main(project: Path, site: Path) -> None:
    """Answers build requests until stdin closes."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config, config_text = None, None
    os.chdir(project)
    for line in sys.stdin:
        json.loads(line)
        start, handler.messages = time.perf_counter(), []
        text = (project / "mkdocs.yml").read_text(encoding="utf-8")
        full = config is None or text != config_text
        try:
            if full:
                config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
                config.plugins.on_startup(command="serve", dirty=True)
                config_text = text
            build(config, dirty=not full)
            answer = {"ok": True}
        except Exception as exc:  # an engine error is reported, not fatal to the session
            answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            config = None
        answer.update(seconds=time.perf_counter() - start, warnings=handler.messages, full=full)
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
