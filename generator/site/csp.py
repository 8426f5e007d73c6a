"""The Content-Security-Policy, in one place: its directives, the placeholder
for the hashes of the theme's inline scripts, filling that in, and the
preview's own header. A new source (a video host, say) is added here only.

Scripts come only from the site itself ('wasm-unsafe-eval' lets Pagefind's
search run as WebAssembly without allowing `eval`) and from the theme's inline
scripts, allowed one by one by hash; an inline script inside a page's content
(between the emitter's markers, written from editors' records) is refused,
never allowed. Pictures may also come from the maps' tile servers, frames from
a video's host; nothing else leaves the site.

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
_NOT_RUN = re.compile(r"src=|application/(?:ld\+)?json", re.IGNORECASE)  # loaded, or data
_META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
_CONTENT = re.compile(re.escape(CONTENT_START) + ".*?" + re.escape(CONTENT_END), re.DOTALL)


class UnsafeContent(ValueError):
    """A page's content holds an inline script: never published."""


def policy(tile_origins: list[str], video_hosts: list[str]) -> str:
    """Returns a site's policy, with a placeholder for each page's inline-script
    hashes; pictures come from outside only from its maps' `tile_origins`,
    frames only from YouTube, Vimeo and site.yml's PeerTube `video_hosts`."""
    images = " ".join(["'self'", "data:", *sorted(set(tile_origins))])
    frames = " ".join([YOUTUBE, VIMEO, *(f"https://{host}" for host in video_hosts)])
    return (f"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' {PLACEHOLDER}; "
            f"style-src 'self' 'unsafe-inline'; img-src {images}; font-src 'self'; "
            f"connect-src 'self'; worker-src 'self'; frame-src {frames}; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")


def inline_hashes(html: str) -> list[str]:
    """Returns the CSP hashes of the inline, executable scripts in some HTML."""
    digests = {hashlib.sha256(match["body"].encode("utf-8")).digest()
               for match in _SCRIPT.finditer(html) if not _NOT_RUN.search(match["attrs"])}
    return sorted(f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests)


def apply(html: str) -> str:
    """Fills a page's CSP with the hashes of the theme's inline scripts, takes
    the content markers out; raises UnsafeContent when the content holds an
    inline script."""
    if any(_INLINE.search(region) for region in _CONTENT.findall(html)):
        raise UnsafeContent("an inline script in a page's content; the generator never "
                            "writes one, so the content must have smuggled it in")
    hashes = " ".join(inline_hashes(_CONTENT.sub("", html)))  # the theme's scripts only
    html = html.replace(CONTENT_START, "").replace(CONTENT_END, "")
    match = _META.search(html)
    if match is None or PLACEHOLDER not in match[2]:
        return html
    filled = re.sub(r"\s+;", ";", match[2].replace(PLACEHOLDER, hashes))
    return html[:match.start(2)] + filled + html[match.end(2):]
