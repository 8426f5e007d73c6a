"""`pilots serve`: a local preview that rebuilds when content or theme change
and reloads the browser. It never dies: whatever goes wrong in a rebuild (a
content problem, the engine, a bug in the generator) is shown in the terminal
and on the page, over the last good site, and the next save is rebuilt. What
the pages are shown names no folder of this computer.
"""

from __future__ import annotations

import gc
import http.server
import json
import queue
import secrets
import threading
import time
import traceback
from pathlib import Path
from typing import Callable

from generator.build import BuildBusy, EngineError, Paths
from generator.commands.clitext import bug_line, report_address
from generator.commands.doors import is_local, without_paths
from generator.commands.newform import NEW, handle_new
from generator.commands.rebuild import Rebuilder, Superseded
from generator.content.messages import _
from generator.content.problems import ContentError
from generator.site import csp

LIVE = "/__pilots__/"
# Seconds to let a save finish before building; a save still going on after it
# only means one more rebuild (its events mark the preview pending again).
DEBOUNCE = 0.05
SETTLE = 0.2  # seconds the reloading page has before search and links are checked
# Seconds the saved story's reloading page may take before the rest of the site is
# built beside it: building the rest takes both cores (and the server's), so the
# page is given them until it has loaded and listens again
RELOADING = 1.0


class Hub:
    """Fans events out to every open page (server-sent events).

    Every reload starts a new generation of the site. A page learns the
    generation it was served from, and on (re)connecting is told the current
    one: a page that was still loading when a reload was sent reloads then,
    instead of missing it. No problem sent names `root` (the project folder)
    or any other folder of this computer (see doors.without_paths).
    """

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.clients: list[queue.Queue] = []
        self.lock = threading.Lock()
        self.problem: str | None = None
        self.warnings = ""  # what the last good build warned of (the check in CI fails on it)
        self.generation = 0
        self.back = threading.Event()  # a page connected since the last reload

    def subscribe(self) -> queue.Queue:
        """A queue of events for one page."""
        q: queue.Queue = queue.Queue()
        with self.lock:
            self.clients.append(q)
            q.put(("hello", str(self.generation)))
            self.back.set()
        if self.problem:
            q.put(("problem", self.problem))
        if self.warnings:
            q.put(("warnings", self.warnings))
        return q

    def reload_first(self) -> None:
        """Tells the pages to reload, and waits until one of them (if any
        are open) has loaded again, or for RELOADING seconds at most."""
        with self.lock:
            open_pages = bool(self.clients)
        self.send("reload")
        if open_pages:
            self.back.wait(timeout=RELOADING)

    def unsubscribe(self, q: queue.Queue) -> None:
        with self.lock:
            if q in self.clients:
                self.clients.remove(q)

    def send(self, event: str, data: str = "") -> None:
        if event in ("problem", "warnings"):
            data = without_paths(data, self.root)
        if event == "warnings":
            self.warnings = data
        else:
            self.problem = data if event == "problem" else None
        with self.lock:
            if event in ("reload", "changed"):  # a page served before, connecting after, reloads
                self.generation += 1
                data = str(self.generation) if event == "reload" else data
                self.back.clear()
            for q in self.clients:
                q.put((event, data))


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview's site, with the live-reload script in every page."""

    site: Path = Path(".")
    hub: Hub = Hub()
    preview: "Preview | None" = None
    timeout = 30  # seconds a request may take to arrive (a body shorter than it says is dropped)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(self.site), **kwargs)

    def log_message(self, *args) -> None:  # the terminal is for the editor's problems
        pass

    def parse_request(self) -> bool:
        """Reads a request, and refuses it, whatever its method and path, unless it
        is addressed to the preview by its own name from no other site (see
        doors): the one door every request passes, the form's included."""
        if not super().parse_request():
            return False
        if self.path.startswith("/") and is_local(self.headers, self.server.server_address[1]):
            return True
        self.close_connection = True
        self.send_response(403)  # nothing of the site, not even why
        self.send_header("Content-Length", "0")
        self.send_header("Connection", "close")
        self.end_headers()
        return False

    def do_GET(self) -> None:
        """Serves events, the live script, pages (with the script) and files."""
        if self.path.startswith(LIVE + "events"):
            return self._events()
        if self.path.startswith(LIVE + "live.js"):
            return self.reply(200, "text/javascript", (Path(__file__).parent / "live.js").read_bytes())
        if self.path.split("?")[0] in (NEW, NEW + "/") and self.preview is not None:
            return handle_new(self, self.preview)
        path = Path(self.translate_path(self.path))
        if path.is_dir() and not self.path.split("?")[0].endswith("/"):
            # relative links need the /; never "//host/", which would lead elsewhere
            return self._redirect("/" + self.path.split("?")[0].lstrip("/") + "/")
        if path.is_dir():
            path = path / "index.html"
        if path.suffix == ".html" or not path.exists():
            return self._html(path)
        return super().do_GET()

    def _html(self, path: Path) -> None:
        generation = self.hub.generation  # before the file is read: never newer than the file
        status = 200
        if not path.is_file():
            status = 404
            first = self.path.strip("/").split("/", 1)[0]
            lang_404 = self.site / first / "404.html"
            path = lang_404 if first.isalpha() and lang_404.is_file() else self.site / "404.html"
        body = path.read_bytes() if path.is_file() else b"<html><body>Not found</body></html>"
        script = (f'<script src="{LIVE}live.js" data-generation="{generation}"></script>'
                  '</body>').encode()
        self.reply(status, "text/html; charset=utf-8", body.replace(b"</body>", script, 1))

    def do_POST(self) -> None:
        """Takes the form that creates a story (nothing else may be posted)."""
        if self.path.split("?")[0] in (NEW, NEW + "/") and self.preview is not None:
            return handle_new(self, self.preview)
        self.reply(405, "text/plain; charset=utf-8", b"Method not allowed")

    def _redirect(self, location: str) -> None:
        self.send_response(301)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def reply(self, status: int, kind: str, body: bytes) -> None:
        """Sends a whole response, never cached."""
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            # no other page may frame the preview (and its form) to make an editor click in it
            self.send_header("X-Frame-Options", "DENY")
            self.send_header("Content-Security-Policy", csp.PREVIEW)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the browser stopped waiting (the first build can take a while)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        q = self.hub.subscribe()
        try:
            while True:
                try:
                    event, data = q.get(timeout=15)
                    self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
                except queue.Empty:
                    self.wfile.write(b": keep-alive\n\n")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            self.hub.unsubscribe(q)


class Preview:
    """Builds (into .build/preview, with drafts: editors want to see their work
    in progress), serves and rebuilds a site."""

    def __init__(self, paths: Paths, drafts: bool = True, log: Callable[[str], None] = print):
        self.paths = Paths(paths.root, paths.root / ".build" / "preview")
        self.drafts, self.log = drafts, log
        self.builds = Rebuilder(self.paths, drafts)
        self.hub = Hub(paths.root)
        self.pending = threading.Event()
        self.saving, self.saved = threading.Lock(), set()  # the files saved since the last build
        self.stopped = threading.Event()
        self.token = secrets.token_urlsafe(32)  # what the form to create a story must send back
        self.said: set[str] = set()  # the problems already shown in the terminal
        self.port = 0

    def rebuild(self, changed: frozenset[Path] = frozenset()) -> bool:
        """Builds once (`changed`: the files saved since the last build; a
        saved story is shown first); tells the pages to reload, or shows what
        went wrong. Never raises: a bug in the generator is shown like a content
        problem (with where to report it), and the engine starts afresh."""
        try:
            return self._rebuild(changed)
        except Exception as exc:  # noqa: BLE001 - the preview must outlive any rebuild
            stage = getattr(exc, "stage", "preview")
            # the traceback names folders of this computer: it stays in the terminal
            self._failed(bug_line(stage) + "\n\n" + "".join(traceback.format_exception(exc)),
                         _("This is a bug in the generator (in the {stage} stage: {error}), not "
                           "a problem in your content. What to report is in the terminal where "
                           "pilots serve runs; please report it at {address}").format(
                             stage=stage, error=type(exc.__cause__ or exc).__name__,
                             address=report_address()))
            self.builds.restart_engine()
            return False

    def _failed(self, text: str, shown: str | None = None) -> bool:
        """Says in the terminal (`text`) and on the pages (`shown`, or the same)
        that the rebuild failed."""
        self.log(text)
        self.hub.send("problem", _("The site could not be rebuilt; you are seeing the last good "
                                   "version.") + "\n\n" + (shown or text))
        return False

    def _rebuild(self, changed: frozenset[Path]) -> bool:
        start, shown = time.perf_counter(), []
        gc.disable()  # the preview holds much; collecting mid-rebuild delays the page
        try:
            report = self.builds.build(changed, lambda: shown.append(self.hub.reload_first()),
                                       self.pending)
        except Superseded:
            return True  # the next save is built at once, and shown first in its turn
        except ContentError as exc:
            return self._failed(exc.report())
        except (EngineError, BuildBusy) as exc:
            return self._failed(str(exc))
        finally:
            gc.enable()
        self.log(_("rebuilt {count} pages in {seconds:.1f} s")
                 .format(count=report.pages, seconds=time.perf_counter() - start))
        said, self.said = self.said, {p.format() for p in report.problems}
        for problem in report.problems:  # warnings and notices, each once while it lasts
            if problem.format() not in said:
                self.log(problem.format())
        if not shown:
            self.hub.send("reload")
        else:  # the story's pages reloaded already; those the rest rewrote (its lists) do now
            self.hub.send("changed", "\n".join(self.builds.rewritten))
        self._warn(report.problems)
        if not self.pending.wait(timeout=SETTLE):  # the page reloads first, unless saved again
            found = self.builds.afterwards(stop=self.pending)
            for problem in found:
                self.log(problem.format())
            if found:
                self._warn(report.problems + found)
        return True

    def _warn(self, problems: list) -> None:
        """Shows on the pages what the build warned of (also what CI would refuse)."""
        warnings = [p.format() for p in problems if p.level == "warning"]
        self.hub.send("warnings", _("Warnings (the check before publishing fails on these):")
                      + "\n\n" + "\n".join(warnings) if warnings else "")

    def watch(self) -> object:
        """Starts watching content/, theme/ and mkdocs.yml; returns the observer.

        The folders are watched again when they are replaced (deleted and
        made anew, or moved into place): a watch stays on the folder it began on.
        """
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        preview, observer, watches, root = self, Observer(), {}, self.paths.root
        names = {self.paths.content.name: self.paths.content, self.paths.theme.name: self.paths.theme}

        def follow(folder: Path) -> None:
            if folder.name in watches:
                observer.unschedule(watches.pop(folder.name))
            if folder.is_dir():
                watches[folder.name] = observer.schedule(Changed(), str(folder), recursive=True)

        class Changed(FileSystemEventHandler):
            def __init__(self, top: bool = False):
                self.top = top

            def on_any_event(self, event) -> None:
                path = Path(str(getattr(event, "dest_path", "") or event.src_path))
                # hidden below the project (.nl.md.swp), whatever folders hold the project
                inside = path.relative_to(root) if path.is_relative_to(root) else path
                if event.event_type in ("opened", "closed_no_write") or \
                        "/." in "/" + inside.as_posix():
                    return
                if self.top and path.name not in names and path.name != "mkdocs.yml":
                    return
                if self.top and path.name in names:
                    follow(names[path.name])
                with preview.saving:
                    preview.saved.add(path)
                preview.pending.set()

        for folder in names.values():
            follow(folder)
        observer.schedule(Changed(top=True), str(self.paths.root), recursive=False)
        observer.start()
        return observer

    def loop(self) -> None:
        """Rebuilds after changes (debounced) until stopped."""
        while not self.stopped.is_set():
            if not self.pending.wait(timeout=0.5):
                continue
            time.sleep(DEBOUNCE)
            self.pending.clear()
            with self.saving:
                changed, self.saved = frozenset(self.saved), set()
            self.rebuild(changed)


class Server:
    """The preview's web server on 127.0.0.1 (never reachable from elsewhere), which
    answers only requests that name it and come from no other site (see doors).
    The port is taken when it is made (OSError when it is busy).
    """

    def __init__(self, preview: Preview, port: int):
        self.preview = preview
        handler = type("Handler", (PreviewHandler,),
                       {"site": preview.paths.out, "hub": preview.hub, "preview": preview})
        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.http.daemon_threads = True
        preview.port = self.http.server_address[1]  # the one taken, when asked for any (0)

    def run(self) -> None:
        """Builds, then serves and rebuilds on every save until Ctrl-C."""
        preview = self.preview
        preview.rebuild()
        observer = preview.watch()
        threading.Thread(target=preview.loop, daemon=True).start()
        try:
            self.http.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            preview.stopped.set()
            observer.stop()
            self.http.server_close()
            preview.builds.close()


def serve(preview: Preview, port: int) -> Server:
    """Takes the port for the preview (see Server)."""
    return Server(preview, port)
