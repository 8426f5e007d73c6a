"""MkDocs hooks, used by the generated per-language projects (engine side).

The generator writes `hooks: [this file]` into each language's mkdocs.yml.
Pages arrive as finished HTML (rendered and cleaned by the generator), so the
engine only puts them in the theme: their text skips Markdown altogether.
"""

from __future__ import annotations

import os
import posixpath
from typing import Any, Callable

from generator.publish import csp

# Material's parts that show the menu: the same for every page outside the
# menu within one folder (see `_shared_key`), so each is rendered once per folder.
SHARED_PARTS = ("partials/nav.html", "partials/tabs.html")
# ... as long as the site's theme overrides none of the parts they are made of
# (an override may show something of the page itself)
MENU_PARTS = SHARED_PARTS + tuple(f"partials/{name}.html" for name in (
    "nav-item", "tabs-item", "logo", "source", "source-file", "toc", "toc-item"))


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Keeps the page's HTML aside; Markdown gets nothing to convert."""
    page.pl_html = markdown
    return ""


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Puts the generator's HTML back, exactly as it was written."""
    return getattr(page, "pl_html", html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Fills the page's Content-Security-Policy with the theme's inline-script hashes."""
    return csp.apply(output)


def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    """The same for pages rendered from templates alone (404.html)."""
    return csp.apply(output_content)


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Renders the menu once per folder rather than once per page: Material
    spends a fifth of a build on it. The renderings are kept for one build."""
    env.pl_shared = {}
    custom = getattr(config["theme"], "custom_dir", None)
    if custom and any(os.path.exists(os.path.join(custom, name)) for name in MENU_PARTS):
        return env  # rendered for each page, as Material does
    for name in SHARED_PARTS:
        template = env.get_template(name)
        if not getattr(template, "pl_shared", False):
            template.root_render_func = _shared(template.root_render_func, name, env)
            template.pl_shared = True
    return env


def _shared(render: Callable, name: str, env: Any) -> Callable:
    def shared(context: Any):
        key = _shared_key(context)
        if key is None:
            yield from render(context)
            return
        store = env.pl_shared
        if (name, key) not in store:
            store[name, key] = "".join(render(context))
        yield store[name, key]
    return shared


def _shared_key(context: Any) -> tuple | None:
    """What the menu depends on for this page; None when it is the page's own.

    Links in the menu are relative to the page, so two pages in one folder
    get the same links, unless a menu entry is the page itself or lies below
    it. Which entries are marked active is in the key too. Everything else
    the menu shows is the site's (configuration, language)."""
    page, nav = context.get("page"), context.get("nav")
    url = getattr(page, "url", None)
    if not url or nav is None or getattr(page, "is_page", False) is not True:
        return None
    items = list(_walk(nav.items))
    if any((getattr(item, "url", None) or "").startswith(url) or item is page for item in items):
        return None
    folder = posixpath.dirname(url.rstrip("/"))
    return folder, url.endswith("/"), tuple(i for i, item in enumerate(items) if item.active)


def _walk(items: list) -> Any:
    for item in items:
        yield item
        yield from _walk(getattr(item, "children", None) or [])
