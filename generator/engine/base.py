"""What every engine adapter is and returns."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol


@dataclass
class EngineRun:
    """The outcome of building one language."""

    lang: str
    ok: bool
    warnings: list[str] = field(default_factory=list)
    output: str = ""  # the engine's whole output (for errors)
    seconds: float = 0.0


WARNING_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*)$")


class Engine(Protocol):
    """A site engine: turns one language's MkDocs-format project into HTML."""

    name: str  # how `pilots build --engine` names it
    # Whether it runs the project's hooks (which fill each page's Content-Security-Policy);
    # if not, the build fills it afterwards
    fills_csp: bool

    def output_dir(self, project_dir: Path, default: Path) -> Path:
        """Where this engine writes a project's HTML."""

    def build(self, lang: str, project_dir: Path, site_dir: Path, strict: bool) -> EngineRun:
        """Builds one language's project into `site_dir`."""
