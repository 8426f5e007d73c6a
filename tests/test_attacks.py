"""The attack suite: content is data, never code.

Each test plays a hostile content pull request. It passes when the build
refuses cleanly (a content problem naming the file and line, no traceback,
site/ untouched) or publishes the payload inert, and when nothing outside the
project is read. Outside every project sits a folder of "secrets" (a private
key, a picture, a script-carrying SVG) that the attacks try to publish.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from generator.site import csp
from generator.site import prose as markup
from generator.build import Paths, build
from generator.content.problems import ContentError
from helpers import make_project, minimal, one_problem, problems_of, site_files, write

CANARY = "pl-canary-7f3e1d"
SECRET_LINE = f"-----BEGIN OPENSSH PRIVATE KEY----- {CANARY}"


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """Files outside the project that no content may reach."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "id_rsa").write_text(SECRET_LINE + "\n")
    (folder / "secret.md").write_text(f"---\ntitle: {CANARY}\n---\n{CANARY}\n")
    (folder / "evil.svg").write_text(f'<svg xmlns="http://www.w3.org/2000/svg"><script>'
                                     f'alert("{CANARY}")</script></svg>')
    (folder / "area.geojson").write_text('{"type": "Point", "coordinates": [5.17, 52.03], '
                                         f'"{CANARY}": 1}}')
    Image.new("RGB", (1400, 900), (200, 10, 10)).save(folder / "private.jpg")
    (folder / "people").mkdir()
    write(folder / "people", "spy/meta.yml", f"name: {CANARY}\nrole: spy\n")
    return folder


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A valid project with a previous site/ that a refused build must leave alone."""
    root = make_project(tmp_path / "project")
    minimal(root)
    write(root, "site/index.html", "the published site\n")
    return root


def refused(root: Path, *needles: str) -> str:
    """Builds, expecting a clean refusal: a content problem holding every needle,
    site/ as it was, and no secret anywhere in the project."""
    with pytest.raises(ContentError) as caught:
        build(Paths(root))
    problems = [p.format() for p in caught.value.problems]
    found = one_problem(problems, *needles)
    assert (root / "site/index.html").read_text() == "the published site\n"
    assert sorted(p.name for p in (root / "site").iterdir()) == ["index.html"]
    assert not _leaks(root), _leaks(root)
    return found


def _leaks(root: Path) -> list[str]:
    """Files in the project (links not followed) that hold a secret."""
    found = []
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if not path.is_symlink() and CANARY.encode() in path.read_bytes():
                found.append(str(path.relative_to(root)))
    return found


def _link(path: Path, target: Path | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() or path.is_symlink():
        path.unlink()
    path.symlink_to(target)


# -- content is never a template -------------------------------------------------

@pytest.mark.slow
def test_template_syntax_in_every_map_text_is_shown_as_written(hostile: Path, monkeypatch):
    monkeypatch.setenv("PL_CANARY", CANARY)
    content = hostile / "content"
    write(content, "pilots/houten/interventions.yml", """
        - id: a
          type: meeting
          title: {nl: "qq{{ 6*7 }}qq", en: "{{ cycler.__init__.__globals__.os.environ.PL_CANARY }}"}
          description: {nl: "{% raw %} and z{{ 7*7 }}z", en: "{% for x in range(3) %}loop{% endfor %}"}
          date: 2019-03-01
          location: {lat: 52.03, lon: 5.17}
        """)
    tax = (content / "taxonomies.yml").read_text()
    (content / "taxonomies.yml").write_text(tax.replace("label: {nl: Bijeenkomst, en: Meeting}",
                                                        'label: {nl: "y{{ 8*8 }}y", en: "{#"}'))
    (content / "site.yml").write_text((content / "site.yml").read_text() + (
        "map:\n  tiles:\n    url: https://tiles.example.org/{z}/{x}/{y}.png\n"
        '    attribution: "{{ 9*9 }} tiles © {% raw %}"\n'))
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "location: {lat: 52.029, lon: 5.169}\n")
    write(content, "stories/een/nl.md", "---\ntitle: \"{{ ''.__class__ }}{%\"\n---\nTekst.\n")
    write(content, "pilots/houten/nl.md", "---\ntitle: \"{% if 1 %}yes{% endif %}\"\n---\nT.\n")
    build(Paths(hostile))
    everything = b"".join(site_files(hostile / "site").values()).decode("utf-8", "replace")
    assert CANARY not in everything
    for evaluated in ("qq42qq", "z49z", "y64y", "81 tiles", "looploop", ">yes<"):
        assert evaluated not in everything, evaluated
    texts = [text for script in (hostile / "site/pilots/houten").glob("pl-map-*.js")
             for text in map_texts(script.read_text())]
    assert "qq{{ 6*7 }}qq" in texts and "{{ 9*9 }} tiles © {% raw %}" in texts


def map_texts(script: str) -> list[str]:
    """The table of texts at the head of a map script."""
    table = script.split("\n", 1)[0]
    assert table.startswith("var pl_texts=") and table.endswith(";")
    return json.loads(table[len("var pl_texts="):-1])


# -- nothing outside content/ is read ---------------------------------------------

@pytest.mark.parametrize("record_file,target", [
    ("stories/een/en.md", "outside/secret.md"),
    ("stories/een/nl.md", "outside/id_rsa"),
    ("stories/een/meta.yml", "/dev/zero"),
    ("pilots/houten/meta.yml", "/proc/self/environ"),
    ("site.yml", "outside/id_rsa"),
    ("pilots/houten/interventions.yml", "outside/id_rsa"),
])
def test_a_symlinked_record_file_is_refused(hostile: Path, outside: Path, record_file, target):
    target = outside.parent / target if target.startswith("outside") else target
    _link(hostile / "content" / record_file, target)
    found = refused(hostile, f"content/{record_file}", "symbolic link")
    assert str(target) not in found and "/dev" not in found and "/proc" not in found


def test_a_symlink_to_a_fifo_or_a_huge_file_is_refused(hostile: Path):
    content = hostile / "content"
    (content / "stories/een/en.md").unlink()
    os.mkfifo(content / "stories/een/en.md")  # reading it would wait for ever
    with open(content / "pilots/houten/en.md", "w") as handle:
        handle.truncate(3 << 20)  # 3 MB of nothing
    problems = problems_of(hostile)
    one_problem(problems, "content/stories/een/en.md", "not an ordinary file")
    one_problem(problems, "content/pilots/houten/en.md", "3.0 MB", "limit")


def test_symlinked_images_and_folders_that_leave_content_are_refused(hostile: Path, outside):
    content = hostile / "content"
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + 'cover: {file: cover.jpg, alt: {nl: a, en: b}}\n')
    _link(content / "stories/een/cover.jpg", outside / "private.jpg")
    _link(content / "people", outside / "people")
    _link(content / "pilots/houten/wijk.svg", outside / "evil.svg")
    problems = problems_of(hostile)
    one_problem(problems, "content/stories/een/cover.jpg", "leads outside")
    one_problem(problems, "content/people", "leads outside content/")
    assert not any(CANARY in p or "spy" in p for p in problems)


def test_a_symlink_inside_the_bundle_is_followed(hostile: Path):
    content = hostile / "content"
    Image.new("RGB", (1300, 800), (20, 90, 40)).save(content / "stories/een/photo.jpg")
    _link(content / "stories/een/cover.jpg", "photo.jpg")
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + 'cover: {file: cover.jpg, alt: {nl: a, en: b}}\n')
    assert problems_of(hostile) == []


@pytest.mark.parametrize("where,value,line_needle", [
    ("icon", "../../../../../../../outside/evil", "taxonomies.yml:6"),
    ("icon", "/etc/passwd", "taxonomies.yml:6"),
    ("area", "/etc/passwd", "interventions.yml:5"),
    ("area", "../../../outside/area.geojson", "interventions.yml:5"),
    ("cover", "../../../outside/private.jpg", "meta.yml:7"),
    ("body", "../../../outside/private.jpg", "nl.md:4"),
])
def test_paths_that_leave_content_are_refused_without_reading(hostile, outside, where, value,
                                                             line_needle):
    content = hostile / "content"
    if where == "icon":
        tax = content / "taxonomies.yml"
        tax.write_text(tax.read_text().replace("icon: users", f'icon: "{value}"'))
    elif where == "area":
        write(content, "pilots/houten/interventions.yml", f"""
            - id: a
              type: meeting
              title: {{nl: A, en: A}}
              date: 2019-03-01
              area: "{value}"
            """)
    elif where == "cover":
        meta = content / "stories/een/meta.yml"
        meta.write_text(meta.read_text() + f'cover: {{file: "{value}", alt: {{nl: a, en: b}}}}\n')
    else:
        write(content, "stories/een/nl.md", f"---\ntitle: Een\n---\n![een foto]({value})\n")
    found = refused(hostile, line_needle)
    assert "root:" not in found and CANARY not in found


def test_a_probe_for_a_file_outside_learns_nothing(hostile: Path):
    def message(area: str) -> str:
        write(hostile / "content", "pilots/houten/interventions.yml", f"""
            - id: a
              type: meeting
              title: {{nl: A, en: A}}
              date: 2019-03-01
              area: "{area}"
            """)
        return one_problem(problems_of(hostile), "interventions.yml:5")

    assert message("/etc/passwd").replace("passwd", "X") == \
        message("/etc/no-such-file").replace("no-such-file", "X")


def test_no_file_outside_the_project_is_opened(hostile: Path, outside: Path):
    content = hostile / "content"
    _link(content / "stories/een/en.md", outside / "secret.md")
    _link(content / "people", outside / "people")
    _link(content / "pilots/houten/cover.jpg", outside / "private.jpg")
    write(content, "pilots/houten/interventions.yml", """
        - {id: a, type: meeting, title: A, date: 2019-03-01, area: ../../../outside/area.geojson}
        """)
    script = (
        "import sys, os\n"
        "opened = []\n"
        "def hook(event, args):\n"
        "    if event in ('open', 'os.listdir', 'os.scandir') and args and isinstance(args[0], (str, bytes, os.PathLike)):\n"
        "        opened.append(os.path.realpath(os.fsdecode(args[0])))\n"
        "sys.addaudithook(hook)\n"
        "from generator.build import Paths, check\n"
        f"check(Paths(__import__('pathlib').Path({str(hostile)!r})))\n"
        "print('\\n'.join(opened))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            cwd=hostile)
    assert result.returncode == 0, result.stderr
    opened = [Path(p) for p in result.stdout.splitlines() if p]
    assert opened and not [p for p in opened if p.is_relative_to(outside)]
    assert not [p for p in opened if p.is_relative_to(hostile.parent) and
                not p.is_relative_to(hostile)]
    assert not [p for p in opened if str(p) in ("/etc/passwd", "/proc/self/environ")]


# -- script smuggling -----------------------------------------------------------------

SMUGGLED = {
    "unclosed code fence": ("```\nnot closed\n\n<script>alert(1)</script>", 7),
    "indented line in a div": ("<div>\n    <script>alert(1)</script>\n</div>", 5),
    "attribute list": ("A paragraph\n{: onmouseover=\"alert(1)\" }", 5),
    "attributes over lines": ('<a\nhref="#x"\nonclick="alert(1)">x</a>', 6),
    "backtick-quoted attribute": ("<img src=`x`onerror=alert(1)>", None),  # Markdown: code
    "javascript link": ("[x](javascript:alert(1))", 4),
    "mixed case scheme": ("[x](JaVaScRiPt:alert(1))", 4),
    "reference link": ("[x][r]\n\n[r]: javascript:alert(1)", 6),
    "reference image": ("![x][r]\n\n[r]: javascript:alert(1)", 4),
    "raw link": ('<a href="javascript:alert(1)">x</a>', 4),
    "entity-encoded link": ('<a href="&#106;avascript:alert(1)">x</a>', 4),
    "entity in Markdown link": ("[x](&#106;avascript:alert(1))", 4),
    "control character": ('<a href="\x01javascript:alert(1)">x</a>', 4),
    "data URL": ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", 4),
    "vbscript": ("<a href='vbscript:msgbox(1)'>x</a>", 4),
    "svg with script": ("<svg><script>alert(1)</script></svg>", 4),
    "svg onload": ("<svg onload=alert(1)></svg>", 4),
    "math": ('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', 4),
    "iframe srcdoc": ('<iframe srcdoc="<script>alert(1)</script>"></iframe>', 4),
    "object": ('<object data="javascript:alert(1)"></object>', 4),
    "form": ('<form action="javascript:alert(1)"><button>x</button></form>', 4),
    "meta refresh": ('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', 4),
    "base": ('<base href="https://evil.example/">', 4),
    "style": ("<style>body{background:url(javascript:alert(1))}</style>", 4),
    "style attribute": ('<p style="background:url(javascript:alert(1))">x</p>', 4),
    "theme id": ('<span id="__config">x</span>', 4),
    "noscript": ("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>", 4),
    "template": ("<template><script>alert(1)</script></template>", 4),
}


@pytest.mark.parametrize("name", SMUGGLED)
def test_smuggled_html_is_refused_with_its_line(hostile: Path, name: str):
    body, line = SMUGGLED[name]
    write(hostile / "content", "stories/een/nl.md", f"---\ntitle: Een\n---\n{body}\n")
    problems = [p for p in problems_of(hostile) if "stories/een/nl.md" in p]
    if line is None:  # Markdown itself shows it as text: published inert, nothing to refuse
        assert problems == []
    else:
        one_problem(problems, f"stories/een/nl.md:{line}")


@pytest.mark.parametrize("name", SMUGGLED)
def test_smuggled_html_is_inert_even_if_published(name: str):
    html = markup.render(SMUGGLED[name][0]).html
    assert_inert(html)


def assert_inert(html: str) -> None:
    """No element, attribute or link in some HTML could run a script."""
    scan = markup._Scan()
    scan.feed(html)
    dangerous = [o for o in scan.found if o.kind in ("tag", "attribute", "link")]
    assert dangerous == [], (html, dangerous)
    lowered = html.lower()
    assert "<script" not in lowered and "javascript:" not in lowered


def test_descriptions_in_popups_are_checked_like_bodies(hostile: Path):
    write(hostile / "content", "pilots/houten/interventions.yml", """
        - id: a
          type: meeting
          title: A
          description: {nl: "[klik](javascript:alert(1))", en: "<b onclick=x>raw</b>"}
          date: 2019-03-01
          location: {lat: 52.03, lon: 5.17}
        """)
    problems = problems_of(hostile)
    one_problem(problems, "interventions.yml:4", "is not a web address")
    assert len([p for p in problems if "interventions.yml" in p]) == 1  # raw HTML is shown as text


def test_the_csp_never_allows_a_script_in_the_content():
    theme = "<script>var theme = 1;</script>"
    page = ('<html><head><meta http-equiv="Content-Security-Policy" content="script-src '
            f"'self' {csp.PLACEHOLDER}\"></head><body>{theme}<!--pl:content-->"
            '<p>x</p><script src="pl-map-1.js"></script><!--/pl:content--></body></html>')
    filled = csp.apply(page)
    assert csp.inline_hashes(theme)[0] in filled and "pl:content" not in filled
    with pytest.raises(csp.UnsafeContent):
        csp.apply(page.replace("<p>x</p>", "<script>alert(1)</script>"))


def test_no_emitted_page_holds_an_inline_script(basic_project: Path):
    emitted = list(Paths(basic_project).project("nl").parent.glob("*/docs/**/*.md"))
    assert len(emitted) > 20
    for path in emitted:
        assert not csp._INLINE.search(path.read_text(encoding="utf-8")), path


# -- site.yml is typed -----------------------------------------------------------------

@pytest.mark.parametrize("setting,line", [
    ('contact: {email: "\\"><script>alert(1)</script>@x.org"}', "contact.email"),
    ('contact: {email: "a@b.org\\" onmouseover=\\"alert(1)"}', "contact.email"),
    ('base_url: "https://example.org/\\"><script>alert(1)</script>"', "base_url"),
    ('base_url: "javascript:alert(1)//"', "base_url"),
    ('map: {tiles: {url: "https://t.example/{z}/{x}/{y}.png\\" onerror=\\"x", attribution: a}}',
     "map.tiles"),
    ('map: {tiles: {url: "http://t.example/{z}/{x}/{y}.png", attribution: a}}', "map.tiles"),
    ('map: {tiles: {url: "https://t.example/{z}/{x}.png", attribution: a}}', "contains {z}"),
    ('map: {tiles: {url: "https://t.example/{z}/{x}/{y}.png", '
     'attribution: "<a href=javascript:alert(1)>x</a>"}}', "attribution"),
    ("images: {max_megapixels: 100000}", "images.max_megapixels"),
])
def test_site_yml_values_are_typed(hostile: Path, setting: str, line: str):
    site = hostile / "content/site.yml"
    lines = [l for l in site.read_text().splitlines()
             if not l.startswith(setting.split(":")[0] + ":")]
    site.write_text("\n".join(lines + [setting]) + "\n")
    refused(hostile, "content/site.yml", line)


def test_a_base_url_on_the_command_line_is_checked(hostile: Path):
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "build", "--base-url",
                             'https://x.org/"><script>alert(1)</script>'], cwd=hostile,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "--base-url" in result.stderr
    assert "Traceback" not in result.stderr


# -- bombs ------------------------------------------------------------------------------

LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


@pytest.mark.parametrize("text,needles", [
    (LAUGHS, ("meta.yml:1", "anchors and aliases")),
    ('pilot: houten\nx: !!python/object/apply:os.system ["touch pwned"]\n',
     ("meta.yml:2", "tags")),
    ("pilot: !foo houten\n", ("meta.yml:1", "tags")),
    ("a: " + "[" * 200 + "]" * 200 + "\n", ("meta.yml:1", "nested")),
    ("pilot: houten\nnarrator: {name: " + "x" * 20_000 + "}\n", ("meta.yml:2", "10,000")),
])
def test_yaml_bombs_and_tags_are_refused_at_once(hostile: Path, text: str, needles):
    (hostile / "content/stories/een/meta.yml").write_text(text)
    script = ("from generator.build import Paths, check\n"
              "_, problems = check(Paths(__import__('pathlib').Path('.')))\n"
              "print('\\n'.join(p.format() for p in problems.errors))\n")
    result = subprocess.run([sys.executable, "-c", script], cwd=hostile, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    one_problem(result.stdout.split("\ncontent/"), *needles)
    assert not (hostile / "pwned").exists()


def test_a_huge_text_field_in_front_matter_is_refused(hostile: Path):
    write(hostile / "content", "stories/een/nl.md",
          "---\ntitle: Een\nsummary: " + "woord " * 3000 + "\n---\nTekst.\n")
    refused(hostile, "stories/een/nl.md:3", "10,000 characters")


def _png_header(width: int, height: int) -> bytes:
    """A PNG that declares a size (and holds a tiny, truncated picture)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 1000)) + chunk(b"IEND", b""))


def _truncated_jpeg(path: Path) -> None:
    Image.new("RGB", (1600, 1000), (30, 120, 200)).save(path, quality=90)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("make,needles", [
    (lambda p: p.write_bytes(_png_header(20000, 20000)), ("larger than the limit of 50",)),
    (_truncated_jpeg, ("damaged or incomplete",)),
    (lambda p: p.write_bytes(b"GIF89a" + b"\xff" * 100), ("foto.jpg", "read")),
    (lambda p: p.write_text("not an image at all"), ("not an image",)),
])
def test_image_bombs_and_broken_images_are_refused(hostile: Path, make, needles):
    photo = hostile / "content/stories/een/foto.jpg"
    make(photo)
    write(hostile / "content", "stories/een/nl.md", "---\ntitle: Een\n---\n![Een foto](foto.jpg)\n")
    refused(hostile, "stories/een/nl.md:4", *needles)


def test_the_pixel_limit_is_set_in_site_yml(hostile: Path):
    Image.new("RGB", (1300, 1000), (30, 120, 200)).save(hostile / "content/stories/een/f.jpg")
    write(hostile / "content", "stories/een/nl.md", "---\ntitle: Een\n---\n![Een foto](f.jpg)\n")
    site = hostile / "content/site.yml"
    site.write_text(site.read_text() + "images: {max_megapixels: 1}\n")
    refused(hostile, "nl.md:4", "larger than the limit of 1 megapixels", "1300 × 1000")


# -- builds in one folder ---------------------------------------------------------------

@pytest.mark.slow
def test_two_builds_at_once_in_one_folder_both_finish(hostile: Path):
    command = [sys.executable, "-m", "generator.commands.cli", "build"]
    first = subprocess.Popen(command, cwd=hostile, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True)
    second = subprocess.Popen(command, cwd=hostile, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    outputs = [first.communicate(timeout=300), second.communicate(timeout=300)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    assert all("Traceback" not in err for _, err in outputs)
    assert (hostile / "site/stories/een/index.html").is_file()
    assert not (hostile / ".site.stage").exists()


def test_a_refused_build_names_the_file_and_shows_no_traceback(hostile: Path, outside: Path):
    _link(hostile / "content/stories/een/en.md", outside / "secret.md")
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "build"], cwd=hostile,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "content/stories/een/en.md" in result.stderr and "Traceback" not in result.stderr
    assert CANARY not in result.stdout + result.stderr


# -- found by attacking from outside (red team, stop 11) -------------------------------

@pytest.mark.slow
def test_template_syntax_in_an_area_file_never_runs(hostile: Path):
    content = hostile / "content"
    write(content, "pilots/houten/interventions.yml", """
        - {id: a, type: meeting, title: A, date: 2019-03-01, area: wijk.geojson}
        """)
    payload = "{{ cycler.__init__.__globals__.os.mkdir('PWNED') }}"
    (content / "pilots/houten/wijk.geojson").write_text(json.dumps({
        "type": "Polygon", "coordinates": [[[5.16, 52.02, payload], [5.17, 52.02, 1, payload],
                                            [5.17, 52.03], [5.16, 52.02]]]}))
    build(Paths(hostile))
    assert not (hostile / "PWNED").exists() and not Path("PWNED").exists()
    script = next((hostile / "site/pilots/houten").glob("pl-map-*.js")).read_text()
    assert "PWNED" not in script and "cycler" not in script


def test_an_area_used_again_and_again_cannot_fill_the_disk(hostile: Path):
    content = hostile / "content"
    ring = [[5.16 + i * 1e-6, 52.02] for i in range(30_000)] + [[5.16, 52.02]]
    (content / "pilots/houten/wijk.geojson").write_text(json.dumps(
        {"type": "Polygon", "coordinates": [ring]}))
    write(content, "pilots/houten/interventions.yml", "".join(
        f"- {{id: a{i}, type: meeting, title: A, date: 2019-03-01, area: wijk.geojson}}\n"
        for i in range(4)))
    refused(hostile, "interventions.yml:4", "more than 100,000 points")


@pytest.mark.parametrize("setting,needles", [
    ("images: {max_megapixels: 500}", ("images.max_megapixels",)),
    ("languages: [nl, zz]", ("languages", '"zz" is not a language code')),
    ('languages: [nl, "en\\n"]', ("languages", "is not a language code")),
    ('base_url: "https://example.org/site/\\n"', ("base_url", "is not a web address")),
    ("video_hosts: [ok.example.org, https://x.org/v]", ("video_hosts.1", "name of a server")),
    ("map: {tiles: Thunderforest.OpenCycleMap}", ("site.yml:4", "access key")),
])
def test_site_yml_values_that_once_slipped_through(hostile: Path, setting: str, needles):
    site = hostile / "content/site.yml"
    key = setting.split(":")[0]
    lines = [l for l in site.read_text().splitlines() if not l.startswith(key + ":")]
    site.write_text("\n".join(lines + [setting]) + "\n")
    refused(hostile, "content/site.yml", *needles)


@pytest.mark.slow
def test_a_language_the_theme_has_no_words_for_still_builds(hostile: Path):
    site = hostile / "content/site.yml"
    site.write_text(site.read_text().replace("languages: [nl, en]", "languages: [nl, fy]")
                    .replace("en: Test site", "fy: Test site"))
    for path in (hostile / "content").rglob("*"):
        if path.suffix in (".yml", ".md") and path.is_file():
            text = path.read_text().replace(" en:", " fy:")
            path.write_text(text)
            if path.name == "en.md":
                path.rename(path.with_name("fy.md"))
    one_problem(problems_of(hostile), "site.yml", '"fy"', "content/texts/fy.po")
    from generator.content.sitetexts import template

    write(hostile / "content", "texts/fy.po", template("fy"))  # as `pilots new texts fy` does
    build(Paths(hostile))
    page = (hostile / "site/fy/stories/een/index.html").read_text()
    assert '<html lang="fy"' in page


def test_records_whose_parts_once_crashed_the_build(hostile: Path):
    content = hostile / "content"
    write(content, "pages/licences/nl.md", "---\ntitle: Licenties\n---\nTekst.\n")
    tax = content / "taxonomies.yml"
    tax.write_text(tax.read_text().replace("themes:\n", "themes:\n  1: {label: Een}\n"))
    write(content, "stories/een/nl.md", "---\ntitle: Een\n---\n"
          + "".join("    " * i + "- a\n" for i in range(300)))
    _link(content / "stories/een/nergens.jpg", "nothere.jpg")
    _link(content / "stories/een/rond.jpg", "rond.jpg")
    (content / "pilots/houten/diep.geojson").write_text(
        '{"type":"Polygon","coordinates":' + "[" * 970 + "5.17,52.03" + "]" * 970 + "}")
    write(content, "pilots/houten/interventions.yml",
          "- {id: a, type: meeting, title: A, date: 2019-03-01, area: diep.geojson}\n")
    problems = problems_of(hostile)
    one_problem(problems, "content/pages/licences", "cannot be called")
    one_problem(problems, "stories/een/nl.md:", "nested")  # too deep, or too slow to be shown
    one_problem(problems, "stories/een/nergens.jpg", "leads nowhere")
    one_problem(problems, "stories/een/rond.jpg", "leads nowhere")
    one_problem(problems, "diep.geojson", "nested too deeply")


@pytest.mark.slow
def test_a_tall_image_and_an_image_inside_an_attribute(hostile: Path):
    content = hostile / "content"
    Image.new("RGB", (1000, 17000), (200, 200, 200)).save(content / "stories/een/lang.png")
    write(content, "stories/een/nl.md", '---\ntitle: Een\n---\n![Een lange plaat](lang.png)\n\n'
          'Tekst <span title="![foto](lang.png) x">hier</span>.\n')
    build(Paths(hostile))
    html = (hostile / "site/stories/een/index.html").read_text()
    assert 'title="foto x"' in html and html.count("<picture>") == 1


def test_a_folder_name_with_a_new_line_is_not_an_id(hostile: Path):
    (hostile / "content/stories/twee\n").mkdir()
    one_problem(problems_of(hostile), "is not a valid id")


def test_a_file_name_cannot_write_to_the_ci_log(hostile: Path):
    name = "x\n::error file=README.md,line=1::Build OK, please merge\n.txt"
    (hostile / "content/stories/een" / name).write_text("x")
    result = subprocess.run([sys.executable, "-m", "generator.commands.cli", "check"],
                            cwd=hostile, capture_output=True, text=True)
    assert not [line for line in (result.stdout + result.stderr).splitlines()
                if line.startswith("::")]


def test_an_image_format_that_would_run_a_program_is_never_opened(hostile: Path):
    eps = "%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
    (hostile / "content/stories/een/foto.jpg").write_text(eps)
    write(hostile / "content", "stories/een/nl.md", "---\ntitle: Een\n---\n![Een foto](foto.jpg)\n")
    refused(hostile, "nl.md:4", "not an image that can be read")


@pytest.mark.slow
def test_map_story_chapters_with_unusual_line_breaks(hostile: Path):
    body = ("Intro\u2028\u2028\u2028 <abbr title=\"" + "a" * 60 + "\">x</abbr>\n\n"
            "## Een\n\nTekst een.\n\n## Twee\n\nTekst twee.\n")
    meta = hostile / "content/stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("format: article", "format: map-story") +
                    "chapters:\n  - {location: {lat: 52.03, lon: 5.17}}\n"
                    "  - {location: {lat: 52.031, lon: 5.171}}\n")
    for lang in ("nl", "en"):
        write(hostile / "content", f"stories/een/{lang}.md", f"---\ntitle: Een\n---\n{body}")
    build(Paths(hostile))
    html = (hostile / "site/stories/een/index.html").read_text()
    assert html.count('<section class="pl-chapter"') == 2 and html.count("Tekst een.") == 1
    assert 'title="' + "a" * 60 + '"' in html
