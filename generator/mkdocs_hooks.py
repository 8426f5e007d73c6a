"""MkDocs hooks, used by the generated per-language projects (engine side).

The generator writes `hooks: [this file]` into each language's mkdocs.yml.
"""

from __future__ import annotations

from typing import Any

from generator import csp


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fills the page's Content-Security-Policy with its inline-script hashes."""
    return csp.apply(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages rendered from templates alone (404.html)."""
    return csp.apply(output_content)
