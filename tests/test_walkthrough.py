"""What Dutch editors met when they walked through `pilots check` and
`pilots serve` (issue 25), one test each: Word's curly quotes, the Dutch
decimal comma, a phone's large photo, warnings the preview did not show, and
how to look at the built site."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

from PIL import Image

from generator.build import Paths
from helpers import all_problems, make_project, minimal, one_problem, pilots_in, problems_of, write


def _site(tmp_path: Path) -> tuple[Path, Path]:
    root = make_project(tmp_path / "p")
    return root, minimal(root)


def test_a_decimal_comma_in_a_coordinate_says_to_write_a_point(tmp_path):
    root, content = _site(tmp_path)
    meta = content / "pilots/houten/meta.yml"
    meta.write_text(meta.read_text().replace("{lat: 52.028, lon: 5.168}",
                                             "{lat: 52,0341, lon: 5,168}"))
    story = content / "stories/een/meta.yml"
    story.write_text(story.read_text() + "location:\n  lat: 52,0341\n  lon: 5.17\n")
    problems = problems_of(root)
    one_problem(problems, "pilots/houten/meta.yml:3", "decimal comma", "52.0341")
    one_problem(problems, "stories/een/meta.yml:", "decimal comma")
    assert not [p for p in problems if "unknown field" in p]


def test_curly_quotes_from_a_word_processor(tmp_path):
    root, content = _site(tmp_path)
    write(content, "stories/een/nl.md", "---\ntitle: “Afval: een gedeeld probleem”\n"
                                        "summary: Kort.\n---\nTekst.\n")
    one_problem(problems_of(root), "stories/een/nl.md:2", "curly quotes (“ ”)", "straight")
    write(content, "stories/een/nl.md", "---\ntitle: “Afval”\nsummary: ‘Kort’\n---\nTekst.\n")
    write(content, "stories/een/en.md", '---\ntitle: "“Litter”, she said"\nsummary: S.\n---\nT.\n')
    found = [p.format() for p in all_problems(root)]
    one_problem(found, "stories/een/nl.md:2", "notice", "taken as quotes")
    one_problem(found, "stories/een/nl.md:3", "notice", "taken as quotes")
    assert not [p for p in found if "en.md" in p]  # quotes written inside straight ones stay
    from generator.build import build

    build(Paths(root))
    assert "<h1" in (root / "site/stories/een/index.html").read_text()
    page = (root / "site/stories/een/index.html").read_text()
    assert "“Afval”" not in page and ">Afval<" in page.replace("\n", "")
    assert "“Litter”, she said" in (root / "site/en/stories/een/index.html").read_text()


def test_a_large_phone_photo_is_decoded_reduced_and_accepted(tmp_path):
    """The limit is on what is decoded: a JPEG is decoded at a fraction of its
    size for the 1,600 px the site shows; a PNG of the same size is not."""
    root, content = _site(tmp_path)
    site = content / "site.yml"
    site.write_text(site.read_text() + "images: {max_megapixels: 4}\n")
    Image.new("RGB", (4000, 3000), (150, 90, 40)).save(content / "stories/een/foto.jpg",
                                                        quality=70)
    Image.new("RGB", (4000, 3000), (150, 90, 40)).save(content / "stories/een/plaat.png")
    write(content, "stories/een/nl.md", "---\ntitle: Een\nsummary: K.\n---\n"
                                        "![Een foto](foto.jpg)\n\n![Een plaat](plaat.png)\n")
    problems = problems_of(root)
    one_problem(problems, "plaat.png", "limit of 4 megapixels")
    assert not [p for p in problems if "foto.jpg" in p]


def test_the_preview_shows_warnings_on_the_page(tmp_path):
    from generator.commands.preview import Preview, Server

    root, content = _site(tmp_path)
    write(content, "stories/een/nl.md", "---\ntitle: Een\nsummary: K.\n---\n"
                                        "Zie [de andere](/elders/).\n")
    preview = Preview(Paths(root), log=lambda text: None)
    server = Server(preview, 0)
    threading.Thread(target=server.http.serve_forever, daemon=True).start()
    try:
        assert preview.rebuild()
        shown = _events(preview.port)
        assert "event: warnings" in shown and "/elders/" in shown
        assert "stories/een/nl.md:5" in shown and str(root) not in shown
        write(content, "stories/een/nl.md", "---\ntitle: Een\nsummary: K.\n---\nTekst.\n")
        assert preview.rebuild()
        assert "event: warnings" not in _events(preview.port)
    finally:
        server.http.shutdown()
        server.http.server_close()
        preview.builds.close()


def _events(port: int) -> str:
    """What the events stream tells a page that connects now (for a second)."""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(f"GET /__pilots__/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n"
                           .encode())
        connection.settimeout(1)
        received, start = b"", time.monotonic()
        while time.monotonic() - start < 1:
            try:
                chunk = connection.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            received += chunk
    return received.decode("utf-8", "replace")


def test_the_built_site_is_shown_at_its_own_address_path(tmp_path):
    import subprocess
    import sys
    import urllib.error
    import urllib.request

    root, _content = _site(tmp_path)
    assert "pilots build first" in pilots_in(root, "view", "--port", "0").stderr
    assert pilots_in(root, "build").returncode == 0
    robots = (root / "site/robots.txt").read_bytes()
    (root / "site/robots.txt").unlink()  # not "port busy": a site/ that is not whole
    assert "pilots build first" in pilots_in(root, "view", "--port", "0").stderr
    (root / "site/robots.txt").write_bytes(b"\xff\xfe")  # not ours: no traceback either
    assert "pilots build first" in pilots_in(root, "view", "--port", "0").stderr
    (root / "site/robots.txt").write_bytes(robots)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    viewer = subprocess.Popen([sys.executable, "-m", "generator.commands.cli", "view", "--port",
                               str(port)], cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert "/site/" in viewer.stdout.readline()  # base_url https://example.org/site/
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/site/en/stories/een/").read()
        assert b"A story" in page
        home = urllib.request.urlopen(f"http://127.0.0.1:{port}/")  # led to the site's path
        assert home.url.endswith("/site/")
        request = urllib.request.Request(f"http://127.0.0.1:{port}/site/",
                                         headers={"Host": "evil.example"})
        try:
            urllib.request.urlopen(request)
            raise AssertionError("a foreign Host was answered")
        except urllib.error.HTTPError as refused:
            assert refused.code == 403
    finally:
        viewer.terminate()
        viewer.wait(timeout=10)
