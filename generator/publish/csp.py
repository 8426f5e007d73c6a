"""Filling in each page's Content-Security-Policy (see generator.emit.csp).

Scripts may only come from the site itself, plus the inline scripts the theme
writes, allowed one by one by hash. Only scripts outside a page's content are
hashed: the content (between the emitter's markers) was written from editors'
records, and an inline script there is refused, never allowed. Images may also
come from the map's tile server; nothing else leaves the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from generator import CONTENT_END, CONTENT_START
from generator import CSP_PLACEHOLDER as PLACEHOLDER
from generator.publish.valid_html import valid

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_INLINE = re.compile(r"<script(?![^>]*\ssrc=)", re.IGNORECASE)
_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_CONTENT = re.compile(re.escape(CONTENT_START) + ".*?" + re.escape(CONTENT_END), re.DOTALL)


class UnsafeContent(ValueError):
    """A page's content holds an inline script: never published."""


def inline_hashes(html: str) -> list[str]:
    """Returns the CSP hashes of the inline, executable scripts in some HTML."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"].lower()
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def apply(html: str) -> str:
    """Fills a page's CSP with the hashes of the theme's inline scripts, takes
    the content markers out, and the theme's invalid attributes (valid_html).

    Raises:
        UnsafeContent: when the content holds an inline script.
    """
    for region in _CONTENT.findall(html):
        if _INLINE.search(region):
            raise UnsafeContent("an inline script in a page's content; the generator never "
                                "writes one, so the content must have smuggled it in")
    theme_only = _CONTENT.sub("", html)
    html = valid(html.replace(CONTENT_START, "").replace(CONTENT_END, ""))
    match = _META.search(html)
    if match is None or PLACEHOLDER not in match.group(2):
        return html
    filled = match.group(2).replace(PLACEHOLDER, " ".join(inline_hashes(theme_only)) or "")
    filled = re.sub(r"\s+;", ";", filled)
    return html[:match.start(2)] + filled + html[match.end(2):]


def fill_csp(stage: Path) -> None:
    """Fills the CSP of pages an engine wrote without running our hooks."""
    for page in stage.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if PLACEHOLDER in text:
            page.unlink()  # it may be a hard link into the engine's output
            page.write_text(apply(text), encoding="utf-8")
