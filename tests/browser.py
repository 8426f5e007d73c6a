"""Headless Chromium for tests: Debian's chromium driven by Playwright, with
every request that leaves the local server blocked and recorded."""

from __future__ import annotations

import functools
import http.server
import os
import socketserver
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

def _find_chromium() -> str:
    """Debian's chromium, else another Chromium or Chrome the machine has."""
    for path in ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"):
        if os.access(path, os.X_OK):
            return path
    return "/usr/bin/chromium"


CHROMIUM = os.environ.get("CHROMIUM") or _find_chromium()
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage"]
PHONE = {"width": 390, "height": 844}
TABLET = {"width": 768, "height": 1024}
DESKTOP = {"width": 1280, "height": 900}


class _Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def handle(self) -> None:
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser moved on before the file was sent

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code == 404 and page.is_file():  # like GitHub Pages: the site's own 404 page
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)


@contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serves a folder on a free local port, under `prefix` (as GitHub Pages
    serves a project site under /repo/); yields its base URL."""
    handler = functools.partial(type("Handler", (_Handler,), {"prefix": prefix}),
                                directory=str(folder))
    socketserver.TCPServer.allow_reuse_address = True
    with socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
        finally:
            server.shutdown()


@dataclass
class Visit:
    """What happened while a page was open."""

    outside: list[str] = field(default_factory=list)   # blocked requests to other hosts
    failed: list[str] = field(default_factory=list)    # local requests that failed
    console: list[str] = field(default_factory=list)   # console errors


def open_page(browser, base: str, url: str, viewport: dict | None = None,
              javascript: bool = True, scheme: str = "light", **options):
    """Opens a page with only the local server reachable, the system set to a
    light or dark colour scheme (options: more of Playwright's context options,
    such as has_touch or reduced_motion).

    Returns:
        (page, Visit): the Playwright page and what it tried to load.
    """
    page, visit = new_page(browser, base, viewport, javascript, scheme, **options)
    page.goto(base + url, wait_until="load")
    return page, visit


def new_page(browser, base: str, viewport: dict | None = None, javascript: bool = True,
             scheme: str = "light", **options):
    """Returns a fresh page (own context) that records what it loads, and its Visit."""
    context = browser.new_context(viewport=viewport or DESKTOP, java_script_enabled=javascript,
                                  service_workers="block", color_scheme=scheme, **options)
    page = context.new_page()
    visit = Visit()

    def route(route, request):
        if request.url.startswith(base) or request.url.startswith("data:"):
            route.continue_()
        else:
            visit.outside.append(request.url)
            route.abort()

    page.route("**/*", route)
    # a request cut short by the next navigation is aborted, not broken; missing
    # files answer 404, which the response handler below catches
    page.on("requestfailed", lambda r: r.url.startswith(base) and "ERR_ABORTED" not in
            (r.failure or "") and visit.failed.append(r.url))
    page.on("response", lambda r: r.status >= 400 and visit.failed.append(f"{r.status} {r.url}"))
    # blocked outside requests (map tiles) log "Failed to load resource"; local
    # failures are caught by the requestfailed and response handlers instead
    page.on("console", lambda m: m.type == "error" and "net::ERR_FAILED" not in m.text
            and visit.console.append(m.text))
    page.on("pageerror", lambda e: visit.console.append(str(e)))
    page.on("dialog", lambda d: (visit.console.append(f"dialog: {d.message}"), d.dismiss()))
    return page, visit


def launch(playwright):
    """Launches Debian's Chromium headless (Playwright cannot download one here)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)


def wait_until(page, expression: str, timeout: float = 5.0) -> None:
    """Polls a JavaScript expression until it is true (works under the site's
    CSP, which forbids the eval that Playwright's wait_for_function uses)."""
    import time

    from playwright.sync_api import Error

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if page.evaluate(expression):
                return
        except Error:
            pass  # the page is reloading: ask again once it is back
        page.wait_for_timeout(100)
    raise AssertionError(f"never true: {expression}")
