"""MkDocs hooks, used by the generated per-language projects (engine side).

The generator writes `hooks: [this file]` into each language's mkdocs.yml.
Pages arrive as finished HTML (rendered and cleaned by the generator), so the
engine only puts them in the theme: their text skips Markdown altogether.
"""

from __future__ import annotations

from typing import Any

from generator.publish.valid_html import finish


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Keeps the page's HTML aside; Markdown gets nothing to convert."""
    page.pl_html = markdown
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Puts the generator's HTML back, exactly as it was written."""
    return getattr(page, "pl_html", html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fills the page's Content-Security-Policy with the theme's inline-script hashes
    (and takes out the theme's invalid attributes)."""
    return finish(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages rendered from templates alone (404.html)."""
    return finish(output_content)
