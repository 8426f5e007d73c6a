"""`pilots view`: the built site/ as readers will get it, at its own address
path (base_url's path, e.g. /cosie/), on 127.0.0.1, behind the preview's doors.
Opening site/index.html from disk is not the same: links that start at the
site's root lead nowhere there."""

from __future__ import annotations

import http.server
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from generator.commands.doors import is_local


def built_path(site: Path) -> str:
    """The path the built site was made for, as its robots.txt names its sitemap."""
    for line in (site / "robots.txt").read_text(encoding="utf-8").splitlines():
        if line.lower().startswith("sitemap:"):
            return urlsplit(line.split(":", 1)[1].strip()).path.rsplit("/", 1)[0] + "/"
    return "/"


def not_found_page(site: Path, path: str) -> Path | None:
    """The site's own page for a missing address (path: below the site's path), as
    the preview serves it: its language's (en/404.html for /en/...), else the root one."""
    first = path.split("?", 1)[0].strip("/").split("/", 1)[0]
    pages = ([site / first / "404.html"] if first.isalpha() else []) + [site / "404.html"]
    return next((page for page in pages if page.is_file()), None)


def server(site: Path, base_path: str, port: int) -> http.server.ThreadingHTTPServer:
    """A server of `site` under `base_path`; the port is taken now (OSError when busy)."""
    class View(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def send_head(self):
            if not is_local(self.headers, self.server.server_address[1]):
                self.send_error(403)
                return None
            if not self.path.startswith(base_path):
                self.send_response(302)
                self.send_header("Location", base_path)
                self.end_headers()
                return None
            self.path = "/" + self.path[len(base_path):]
            return super().send_head()

        def send_error(self, code: int, message: str | None = None,
                       explain: str | None = None) -> None:
            page = not_found_page(site, self.path) if code == 404 else None
            if page is None:  # not a missing page, or a site without a 404 page
                return super().send_error(code, message, explain)
            body = page.read_bytes()  # the site's own page, as GitHub Pages answers
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    return http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                           partial(View, directory=str(site)))
