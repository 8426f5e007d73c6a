"""The Content-Security-Policy every page carries (as a meta tag).

Scripts may only come from the site itself; the few inline scripts the theme
needs are allowed one by one, by hash. Images may also come from the map's
tile server, and nothing else leaves the site.
"""

from __future__ import annotations

import base64
import hashlib
import re

PLACEHOLDER = "'pl-inline-scripts'"
_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')


def policy(tile_origins: list[str]) -> str:
    """Returns the policy, with a placeholder for the page's inline-script hashes.

    Args:
        tile_origins: Where map tiles come from (https://tile.openstreetmap.org).
    """
    images = " ".join(["'self'", "data:", *tile_origins])
    return ("default-src 'self'; "
            f"script-src 'self' {PLACEHOLDER}; "
            "style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; "
            "font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def inline_hashes(html: str) -> list[str]:
    """Returns the CSP hashes of a page's inline, executable scripts."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        attrs = match["attrs"].lower()
        if "src=" in attrs or "application/json" in attrs or "application/ld+json" in attrs:
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
    return sorted(set(hashes))


def apply(html: str) -> str:
    """Fills a page's CSP meta tag with the hashes of its inline scripts."""
    match = _META.search(html)
    if match is None or PLACEHOLDER not in match.group(2):
        return html
    filled = match.group(2).replace(PLACEHOLDER, " ".join(inline_hashes(html)) or "")
    filled = re.sub(r"\s+;", ";", filled)
    return html[:match.start(2)] + filled + html[match.end(2):]
