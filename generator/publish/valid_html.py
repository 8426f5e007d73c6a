"""Each page after the engine: its Content-Security-Policy filled in
(generator.site.csp), and two attributes in the theme's markup that the HTML
standard refuses taken out (the W3C Nu checker tests every page for errors).
The engine's hooks do it, or the build afterwards for an engine without them.

- Material marks its drawer and search checkboxes `autocomplete="off"` (so that
  Firefox does not restore them open); HTML allows that attribute on text-like
  fields only. The theme's script closes both when a page is shown instead.
- Material's menu gives a section's label `tabindex=""` when it must not be a
  tab stop; an empty tabindex is not a number, and no tabindex means the same.

Both are in templates the theme cannot override without copying them whole:
base.html (which names Material's hashed asset files) and nav-item.html (which
differs between Material and Zensical, the engines the site is built with).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.site import csp

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')
_LABEL_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')


def valid(html: str) -> str:
    """Returns a page without the theme's two invalid attributes."""
    html = _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)
    return _LABEL_EMPTY_TABINDEX.sub(r"\1", html)


def finish(html: str) -> str:
    """A page as the engine wrote it, made ready to publish (see csp.apply)."""
    return valid(csp.apply(html))


def finish_pages(stage: Path) -> None:
    """Finishes the pages an engine wrote without running our hooks."""
    for page in stage.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if csp.PLACEHOLDER in text:
            page.unlink()  # it may be a hard link into the engine's output
            page.write_text(finish(text), encoding="utf-8")
