"""The Content-Security-Policy, in one place: its directives, the placeholder
for the hashes of the theme's inline scripts, filling that in, and the
preview's own header. A new source (a video host, say) is added here only.

Scripts may only come from the site itself (and may compile WebAssembly:
Pagefind's search runs as WebAssembly, which 'wasm-unsafe-eval' allows without
allowing `eval`), plus the inline scripts the theme writes, allowed one by one
by hash. Only scripts outside a page's content are hashed: the content
(between the emitter's markers) was written from editors' records, and an
inline script there is refused, never allowed. Images may also come from the
tile servers the maps use, and a video's player from its host (YouTube's
no-cookie address, Vimeo's player, the PeerTube servers site.yml lists),
loaded only when a reader asks for it; nothing else leaves the site.

The engine's process imports this module (its hooks fill each page's policy),
so it imports nothing but the standard library at its top.
"""

from __future__ import annotations

import base64
import hashlib
import re

from generator import CONTENT_END, CONTENT_START

PLACEHOLDER = "'pl-inline-scripts'"  # written by emit, filled in after the engine
PREVIEW = "frame-ancestors 'none'"  # no other page may frame the preview (a header only)
# Where the players of videos on other websites come from (generator.site.media)
YOUTUBE, VIMEO = "https://www.youtube-nocookie.com", "https://player.vimeo.com"

_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.DOTALL | re.IGNORECASE)
_INLINE = re.compile(r"<script(?![^>]*\ssrc=)", re.IGNORECASE)
_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_CONTENT = re.compile(re.escape(CONTENT_START) + ".*?" + re.escape(CONTENT_END), re.DOTALL)


class UnsafeContent(ValueError):
    """A page's content holds an inline script: never published."""


def policy(tile_origins: list[str], video_hosts: list[str]) -> str:
    """Returns a site's policy, with a placeholder for each page's inline-script
    hashes. Pictures come from outside only from `tile_origins` (exactly those
    its maps use), frames only from YouTube, Vimeo and the PeerTube servers
    site.yml lists (`video_hosts`)."""
    images = " ".join(["'self'", "data:", *sorted(set(tile_origins))])
    frames = " ".join([YOUTUBE, VIMEO, *(f"https://{host}" for host in video_hosts)])
    return ("default-src 'self'; "
            f"script-src 'self' 'wasm-unsafe-eval' {PLACEHOLDER}; "
            "style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; "
            "font-src 'self'; connect-src 'self'; worker-src 'self'; "
            f"frame-src {frames}; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


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
    the content markers out; raises UnsafeContent when the content holds an
    inline script."""
    for region in _CONTENT.findall(html):
        if _INLINE.search(region):
            raise UnsafeContent("an inline script in a page's content; the generator never "
                                "writes one, so the content must have smuggled it in")
    theme_only = _CONTENT.sub("", html)
    html = html.replace(CONTENT_START, "").replace(CONTENT_END, "")
    match = _META.search(html)
    if match is None or PLACEHOLDER not in match.group(2):
        return html
    filled = match.group(2).replace(PLACEHOLDER, " ".join(inline_hashes(theme_only)) or "")
    filled = re.sub(r"\s+;", ";", filled)
    return html[:match.start(2)] + filled + html[match.end(2):]
