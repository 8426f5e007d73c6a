"""The Content-Security-Policy every page carries (as a meta tag), written with
the page. The hashes of the theme's inline scripts are filled in once the
engine has put the theme around the page (generator.publish.csp).

Scripts may only come from the site itself (and may compile WebAssembly:
Pagefind's search runs as WebAssembly, which 'wasm-unsafe-eval' allows without
allowing `eval`); images may also come from the map's tile server; nothing
else leaves the site.
"""

from __future__ import annotations

from generator import CSP_PLACEHOLDER as PLACEHOLDER


def policy(tile_origins: list[str]) -> str:
    """Returns the policy, with a placeholder for the page's inline-script hashes.

    Args:
        tile_origins: Where map tiles come from (https://tile.openstreetmap.org).
    """
    images = " ".join(["'self'", "data:", *tile_origins])
    return ("default-src 'self'; "
            f"script-src 'self' 'wasm-unsafe-eval' {PLACEHOLDER}; "
            "style-src 'self' 'unsafe-inline'; "
            f"img-src {images}; "
            "font-src 'self'; connect-src 'self'; worker-src 'self'; "
            "object-src 'none'; base-uri 'self'; form-action 'self'")
