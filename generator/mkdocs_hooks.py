"""MkDocs hooks, used by the generated per-language projects (engine side).

The generator writes `hooks: [this file]` into each language's mkdocs.yml.
"""

from __future__ import annotations

from typing import Any

from generator import csp


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fills the page's Content-Security-Policy with its inline-script hashes."""
    return csp.apply(output)
