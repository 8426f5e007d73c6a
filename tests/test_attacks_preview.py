"""The attack suite, the preview's doors (issue 21): `pilots serve` listens on
127.0.0.1 only, yet a web page the editor opens can reach it, by DNS rebinding
(a name of the attacker's that points at 127.0.0.1 a moment later) or by
sending requests to 127.0.0.1 directly.

It passes when every request that does not name the preview itself (Host) or
comes from another site (Origin, Sec-Fetch-Site) is refused with nothing of the
site, whatever its method and path; when nothing the browser gets names a
folder of this computer; and when the form that creates a story writes only
what YAML takes and the next rebuild shows.
"""

from __future__ import annotations

import os
import re
import socket
import sys
import sysconfig
import threading
import urllib.parse
from pathlib import Path

import pytest

from generator.build import GeneratorBug, Paths, check
from generator.commands import preview as preview_module
from generator.commands.preview import Preview, Server
from generator.commands.scaffold import Options, ScaffoldError, create, pilots_of
from generator.content.yamlsrc import load_yaml, split_front_matter
from helpers import REPO, make_project, minimal, write

METHODS = ("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND")
LIVE = ("/__pilots__/events", "/__pilots__/live.js")


def _serving(root: Path, built: bool, log=lambda message: None):
    """Starts the real preview of `root` in this process (built once, or not at all)."""
    preview = Preview(Paths(root), log=log)
    if built:
        assert preview.rebuild(), "the preview could not build the test site"
    server = Server(preview, 0)
    threading.Thread(target=server.http.serve_forever, daemon=True).start()
    return preview, server


def _stop(preview: Preview, server: Server) -> None:
    server.http.shutdown()
    server.http.server_close()
    preview.builds.close()


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """The preview of a small site with a draft, built and serving."""
    root = make_project(tmp_path_factory.mktemp("preview") / "project")
    content = minimal(root)
    meta = (content / "stories/een/meta.yml").read_text()
    write(content, "stories/concept/meta.yml", meta + "draft: true\n")
    write(content, "stories/concept/nl.md", "---\ntitle: Geheim concept\nsummary: K.\n---\nT.\n")
    running, server = _serving(root, built=True)
    yield root, running, running.port
    _stop(running, server)


@pytest.fixture()
def unbuilt(tmp_path):
    """The preview serving, before its first build."""
    root = make_project(tmp_path / "project")
    minimal(root)
    terminal: list[str] = []
    running, server = _serving(root, built=False, log=terminal.append)
    yield root, running, running.port, terminal
    _stop(running, server)


def raw(port: int, request: bytes, wait: float = 3) -> bytes:
    """Sends bytes to the preview; returns all it answers (until it closes, or `wait` s)."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as connection:
        connection.sendall(request)
        answer = b""
        try:
            while chunk := connection.recv(65536):
                answer += chunk
        except TimeoutError:
            pass  # the events stream never ends
    return answer


def ask(port: int, method: str, path: str, headers: dict[str, str], body: bytes = b"",
        version: str = "HTTP/1.1") -> tuple[int | None, bytes]:
    """Sends one request; returns its status and body."""
    head = [f"{method} {path} {version}", *(f"{k}: {v}" for k, v in headers.items()),
            "Connection: close", f"Content-Length: {len(body)}"]
    answer = raw(port, ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
    status, _sep, rest = answer.partition(b"\r\n")
    words = status.split()
    return (int(words[1]) if len(words) > 1 and words[1].isdigit() else None,
            rest.partition(b"\r\n\r\n")[2])


def paths_of(root: Path) -> list[str]:
    """A path of every kind the preview serves: pages (a draft too), a file, a
    folder without its slash, a missing page, the live script and events, the form."""
    out = root / ".build/preview"
    a_file = sorted(p for p in out.rglob("*.css") if p.is_file())[0]
    return ["/", "/en/", "/stories/een/", "/stories/concept/", "/stories", "/nope/",
            "/" + a_file.relative_to(out).as_posix(), *LIVE, "/_new", "/_new?x=1"]


def refused(status: int | None, body: bytes) -> bool:
    """A refusal that says nothing of the site."""
    return status in (403, 421) and body == b""


def _failing(root: Path) -> list[str]:
    """What `pilots check` reports as failing (it checks drafts as if published)."""
    return [p.format() for p in check(Paths(root), drafts=True)[1].failing(strict=True)]


# -- only requests that name the preview are answered -------------------------------

def test_the_preview_still_serves_the_editor_by_either_name(preview):
    root, _preview, port = preview
    for host in (f"127.0.0.1:{port}", f"localhost:{port}"):
        local = {"Host": host, "Origin": f"http://{host}"}
        for path in paths_of(root):
            if path == LIVE[0]:  # never ends: below
                continue
            status, body = ask(port, "GET", path, local)
            assert status in (200, 301, 404) and (body or status == 301), (host, path, status)
        status, body = ask(port, "GET", "/stories/concept/", {
            "Host": host, "Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"})
        assert status == 200 and b"Geheim concept" in body  # a link from elsewhere opens it
    answer = raw(port, f"GET {LIVE[0]} HTTP/1.1\r\nHost: localhost:{port}\r\n\r\n".encode(), 1)
    assert answer.startswith(b"HTTP/1.0 200") and b"event: hello" in answer


@pytest.mark.parametrize("host", [
    "evil.example:{port}", "127.0.0.1.evil.example:{port}", "localhost.evil.example:{port}",
    "127.0.0.1:{other}", "localhost:{other}", "localhost.:{port}", "127.0.0.1.:{port}",
    "LOCALHOST:{port}", "LocalHost:{port}", "127.0.0.1", "localhost", "[::1]:{port}",
    "127.1:{port}", "0.0.0.0:{port}", "", "127.0.0.1:{port}@evil.example",
    "evil.example:{port}, 127.0.0.1:{port}", None])
def test_a_request_that_does_not_name_the_preview_is_refused_on_every_path(preview, host):
    root, _preview, port = preview
    headers = {} if host is None else {"Host": host.format(port=port, other=port + 1)}
    answered = [(method, path, status) for method in METHODS for path in paths_of(root)
                for status, body in [ask(port, method, path, headers)]
                if not refused(status, body)]
    assert answered == [], f"Host {host!r} was answered"


def test_a_request_with_two_hosts_or_none_at_all_is_refused(preview):
    root, _preview, port = preview
    good = f"Host: 127.0.0.1:{port}\r\n"
    for request in (f"GET / HTTP/1.1\r\n{good}Host: evil.example\r\n\r\n",
                    f"GET / HTTP/1.1\r\nHost: evil.example\r\n{good}\r\n",
                    "GET / HTTP/1.0\r\n\r\n", "GET /stories/concept/ HTTP/1.0\r\n\r\n",
                    "GET /\r\n\r\n",  # HTTP/0.9: no status line, nothing but the page
                    f"GET http://evil.example/ HTTP/1.1\r\n{good}\r\n",
                    f"GET stories/concept/ HTTP/1.1\r\n{good}\r\n"):
        answer = raw(port, request.encode())
        assert answer == b"" or (answer.startswith(b"HTTP/1.0 403 ")  # HTTP/0.9: nothing
                                 and answer.endswith(b"\r\n\r\n")), (request, answer[:200])


@pytest.mark.parametrize("origin", [
    "http://evil.example", "null", "https://127.0.0.1:{port}", "http://127.0.0.1:{other}",
    "http://localhost:{port}.evil.example", "http://127.0.0.1.evil.example:{port}"])
def test_a_request_from_another_origin_is_refused_whatever_its_method(preview, origin):
    root, _preview, port = preview
    origin = origin.format(port=port, other=port + 1)
    answered = [(method, path) for method in ("GET", "HEAD", "POST") for path in paths_of(root)
                for status, body in [ask(port, method, path, {"Host": f"127.0.0.1:{port}",
                                                              "Origin": origin})]
                if not refused(status, body)]
    assert answered == []


def test_a_page_elsewhere_cannot_embed_or_fetch_the_preview(preview):
    root, _preview, port = preview
    for site, mode in (("cross-site", "no-cors"), ("cross-site", "cors"), ("same-site", "no-cors")):
        for path in ("/stories/concept/", LIVE[1], "/_new"):
            status, body = ask(port, "GET", path, {"Host": f"127.0.0.1:{port}",
                                                   "Sec-Fetch-Site": site, "Sec-Fetch-Mode": mode})
            assert refused(status, body), (site, mode, path, status)


# -- nothing the browser gets names a folder of this computer ---------------------------

def _folders(root: Path) -> list[str]:
    """The folders of this computer the browser must never learn."""
    found = {str(root), os.path.realpath(root), str(REPO), os.path.expanduser("~"), sys.prefix,
             sysconfig.get_paths()["purelib"], str(Path(preview_module.__file__).parent)}
    return sorted(found)


def _problem_shown(port: int) -> str:
    """What the events stream tells a page that connects now."""
    answer = raw(port, f"GET {LIVE[0]} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode(), 1)
    assert b"event: problem" in answer, answer
    return answer.decode("utf-8")


def test_the_events_stream_names_no_folder_when_a_rebuild_fails(unbuilt, monkeypatch):
    root, preview, port, terminal = unbuilt
    meta = root / "content/stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("pilot: houten", "pilot: hoten"))
    assert preview.rebuild() is False
    shown = _problem_shown(port)
    assert "content/stories/een/meta.yml:1" in shown
    assert [folder for folder in _folders(root) if folder in shown] == []

    def broken(*args, **kwargs):
        try:
            raise PermissionError(13, "Permission denied", str(root / "content/stories/een"))
        except OSError as exc:
            raise GeneratorBug("emit") from exc

    monkeypatch.setattr(preview.builds, "build", broken)
    assert preview.rebuild() is False
    shown = _problem_shown(port)
    assert [folder for folder in _folders(root) if folder in shown] == []
    assert "Traceback" not in shown and ".py" not in shown  # the terminal has it
    assert "emit" in shown and "PermissionError" in shown and "terminal" in shown
    assert "Traceback" in terminal[-1] and str(root) in terminal[-1]


def test_the_form_names_no_folder_when_it_cannot_create_a_story(preview):
    root, running, port = preview
    body = urllib.parse.urlencode({"token": running.token, "id": "een", "pilot": "houten"})
    status, page = ask(port, "POST", "/_new", {
        "Host": f"127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded"},
        body.encode())
    assert status == 400 and b"content/stories/een" in page
    assert [folder for folder in _folders(root) if folder.encode() in page] == []



def test_the_form_lists_pilots_by_their_title_and_chooses_none(preview):
    root, running, port = preview
    status, page = ask(port, "GET", "/_new", {"Host": f"127.0.0.1:{port}"})
    assert status == 200
    options = re.findall(rb'<option value="([^"]*)"( selected)?>([^<]*)<', page)
    assert options[0][:2] == (b"", b"") and b"selected" not in page  # the editor picks one
    assert (b"houten", b"", b"Houten (houten)") in options

# -- the form writes only what YAML takes -----------------------------------------------

BAD = b"\xed\xa0\x80"  # a lone surrogate, as UTF-8 cannot carry it


def test_the_form_leaves_control_characters_out_and_the_next_rebuild_shows_the_title(preview):
    root, running, port = preview
    typed = ("Een\x00 titel\x07 met\u202e tekens\u2028over\x85twee".encode() + BAD
             + " regels\u2066!\x1b\x7f\x9b\u2029".encode())
    body = (f"token={running.token}&id=met-tekens&pilot=houten&title=".encode()
            + urllib.parse.quote_from_bytes(typed).encode())
    status, page = ask(port, "POST", "/_new", {
        "Host": f"127.0.0.1:{port}", "Content-Type": "application/x-www-form-urlencoded"}, body)
    assert status == 200, page
    nl = (root / "content/stories/met-tekens/nl.md").read_text(encoding="utf-8")
    expected = "Een titel met tekens over twee" + BAD.decode("utf-8", "replace") + " regels!"
    assert split_front_matter(nl).front.data["title"] == expected
    assert _failing(root) == []
    assert running.rebuild() is True


# -- `pilots new` writes only what YAML takes, whatever it is given ---------------------

def test_a_new_record_takes_any_title_and_place_as_one_line_of_text(tmp_path):
    content = minimal(tmp_path)
    title = "Een\ttitel " + BAD.decode("utf-8", "surrogateescape") + "\u202e: \"#\\ \x00"
    create(content, "story", "argv", Options(pilot="houten", title=title))
    nl = (content / "stories/argv/nl.md").read_text(encoding="utf-8")
    assert split_front_matter(nl).front.data["title"] == 'Een titel : "#\\'
    create(content, "pilot", "den-haag", Options(place="Den Haag: centrum\n# x: 1\r\n"))
    meta = load_yaml((content / "pilots/den-haag/meta.yml").read_text(encoding="utf-8")).data
    assert meta["place"] == "Den Haag: centrum # x: 1"
    assert _failing(tmp_path) == []


def test_a_new_record_takes_no_pilot_or_country_that_is_not_an_id_or_code(tmp_path):
    content = minimal(tmp_path)
    (content / "pilots/odd\nid: x").mkdir()
    assert pilots_of(content) == ["houten"]
    with pytest.raises(ScaffoldError):
        create(content, "story", "s", Options(pilot="odd\nid: x"))
    with pytest.raises(ScaffoldError, match="not a country code"):
        create(content, "pilot", "p", Options(country="N\nL", lat=52.0, lon=5.0))
    assert not (content / "stories/s").exists() and not (content / "pilots/p").exists()
