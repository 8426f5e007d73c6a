"""Two attributes in the theme's markup that the HTML standard refuses, taken out
of each page after the engine (the W3C Nu checker tests every page for errors).

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

_CHECKBOX = re.compile(r'<input\b[^>]*\btype="checkbox"[^>]*>')
_AUTOCOMPLETE = re.compile(r'\s+autocomplete="[^"]*"')
_LABEL_EMPTY_TABINDEX = re.compile(r'(<label\b[^>]*?)\s+tabindex=""')


def valid(html: str) -> str:
    """Returns a page without the theme's two invalid attributes."""
    html = _CHECKBOX.sub(lambda m: _AUTOCOMPLETE.sub("", m.group(0)), html)
    return _LABEL_EMPTY_TABINDEX.sub(r"\1", html)
