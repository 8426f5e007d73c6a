"""Editors first (issue 14): one check that finds what the build would (links
between records, headings, anything unexpected in a file), the right words
for an empty, broken or unsupported file, drafts in one language, scaffolds
that offer every optional field, and a preview and a form that never die."""

from __future__ import annotations

import http.client
import re
import threading
import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from generator.build import ContentError, Paths, build
from generator.commands import cli, scaffold
from generator.commands.preview import Preview, Server
from generator.content.messages import speaking
from generator.content.names import UNSUPPORTED_IMAGES
from generator.content.records.stories import StoryMeta
from generator.content.yamlsrc import load_yaml
from generator.emit.project import EmittedPage, Project
from generator.publish.linkcheck import link_problems
from generator.images import probe
from generator.build import check
from helpers import make_project, minimal, one_problem, pilots_in, write

PAGE = "---\ntitle: {title}\nsummary: Kort.\n---\n{body}"


def _story(content: Path, story_id: str, body: str, draft: bool = False, lang: str = "nl") -> None:
    meta = (content / "stories/een/meta.yml").read_text()
    write(content, f"stories/{story_id}/meta.yml", meta + ("draft: true\n" if draft else ""))
    write(content, f"stories/{story_id}/{lang}.md", PAGE.format(title=story_id, body=body))


def problems_of(root: Path, strict: bool = False) -> list[str]:
    """What `pilots check` reports as failing (it checks drafts as if published)."""
    _, problems = check(Paths(root), drafts=True)
    return [p.format() for p in problems.failing(strict)]


def _warnings(root: Path) -> list[str]:
    _, problems = check(Paths(root), drafts=True)
    return [p.format() for p in problems.of("warning")]


# -- one check: links between records ---------------------------------------------------

def test_links_between_records_are_checked_before_building(tmp_path):
    content = minimal(tmp_path)
    _story(content, "twee", "## Waar het begon\n\nTekst.\n", draft=True)
    _story(content, "links", "\n".join([
        "[goed](../een/) [pilot](../../pilots/houten/) [overzicht](../../stories/)",
        "[engels](../../en/stories/een/) [kop](#mijn-kop) met een voetnoot[^1]",
        "",
        "## Mijn kop",
        "",
        "[weg](../bestaat-niet/)",
        "[concept](../twee/#waar-het-begon)",
        "[kop weg](../een/#geen-kop)",
        "[buiten](../../../../elders/)",
        "",
        "[^1]: Een voetnoot.",
        ""]))
    found = _warnings(tmp_path)
    path = "content/stories/links/nl.md"
    assert one_problem(found, f"{path}:10:", "broken link ../bestaat-niet/", "leads to no page")
    assert one_problem(found, f"{path}:11:", "broken link ../twee/#waar-het-begon", "a draft")
    assert one_problem(found, f"{path}:12:", "../een/#geen-kop", 'no anchor "#geen-kop"')
    assert one_problem(found, f"{path}:13:", "leads outside the site")
    assert len([p for p in found if p.startswith(path)]) == 4, found


def test_a_broken_anchor_is_found_at_its_own_line_not_at_a_good_one_in_other_capitals(tmp_path):
    # and the built site's check finds it there too, so it is said once
    tmp_path = make_project(tmp_path / "project")
    content = minimal(tmp_path)
    _story(content, "links", "[naar het gesprek](#het-gesprek)\n\n## Het gesprek\n\nTekst.\n\n"
                             "[Het gesprek](#Het-gesprek) en [terug](#HET-GESPREK)\n")
    found = _warnings(tmp_path)
    path = "content/stories/links/nl.md"
    one_problem(found, f"{path}:11:", "broken link #Het-gesprek")
    one_problem(found, f"{path}:11:", "broken link #HET-GESPREK")
    assert len([p for p in found if p.startswith(path)]) == 2, found
    built = [p.format() for p in build(Paths(tmp_path)).problems]
    assert [p for p in built if "broken link" in p and "links" in p] == [
        one_problem(built, f"{path}:11:", "#Het-gesprek"),
        one_problem(built, f"{path}:11:", "#HET-GESPREK")], built


def test_a_link_to_another_website_without_https_is_told_so(tmp_path):
    content = minimal(tmp_path)
    _story(content, "links", "[de site van Houten](www.houten.nl)\n\n"
                             "[contact](houten.nl/contact) en [verslag](../een/nl.md)\n")
    found = _warnings(tmp_path)
    path = "content/stories/links/nl.md"
    www = one_problem(found, f"{path}:5:", "broken link www.houten.nl", "without https://",
                      "starts with https://: https://www.houten.nl")
    one_problem(found, f"{path}:7:", "houten.nl/contact", "https://houten.nl/contact")
    assert "end in /" not in www
    assert "https://" not in one_problem(found, f"{path}:7:", "../een/nl.md")  # a file, not a site


def test_the_built_sites_check_tells_a_link_to_another_website_needs_https(tmp_path):
    # the safety net after the build, for a link the content check did not place
    source = write(tmp_path, "content/stories/een/nl.md", "[Houten](www.houten.nl)\n")
    write(tmp_path, "stage/stories/een/index.html", '<a href="www.houten.nl">Houten</a>\n')
    page = EmittedPage("stories/een/index.md", "stories/een/", {}, "", source=source)
    project = Project("nl", "", {}, pages={page.src: page})
    [found] = [p.format() for p in link_problems(tmp_path / "stage", [project], "/", tmp_path, [])]
    assert "content/stories/een/nl.md:1:" in found and "https://www.houten.nl" in found, found
    assert "end in /" not in found


def test_a_build_meets_no_broken_link_that_check_missed(tmp_path):
    content = minimal(tmp_path)
    write(content, "stories/een/en.md", PAGE.format(title="A story", body="[x](../gone/)\n"))
    with pytest.raises(ContentError) as refused:  # in the check stage, before anything is built
        build(Paths(tmp_path), strict=True)
    assert one_problem([p.format() for p in refused.value.problems],
                       "content/stories/een/en.md:5:", "../gone/")


# -- one check: headings ------------------------------------------------------------------

def test_a_second_title_and_a_skipped_heading_level_are_warnings_with_their_line(tmp_path):
    content = minimal(tmp_path)
    write(content, "stories/een/nl.md", PAGE.format(title="Een", body=(
        "Tekst.\n\n# Tweede titel\n\n## Goed\n\n### Ook goed\n\n## Terug\n\n#### Te diep\n")))
    found = _warnings(tmp_path)
    assert one_problem(found, "content/stories/een/nl.md:7:", "a # heading in the text")
    assert one_problem(found, "content/stories/een/nl.md:15:", "skips a level: #### follows ##",
                       "use ### here")
    assert len(found) == 2, found


# -- one check: nothing unexpected becomes a traceback -----------------------------------

def test_anything_unexpected_while_reading_a_record_becomes_a_problem_naming_it(tmp_path,
                                                                               monkeypatch):
    from generator.content import bundle as bundle_module

    minimal(tmp_path)
    real = bundle_module._scan_files

    def broken(bundle, languages, reader):
        if bundle.id == "een":
            raise RuntimeError("something no editor can cause")
        return real(bundle, languages, reader)

    monkeypatch.setattr(bundle_module, "_scan_files", broken)
    found = problems_of(tmp_path)
    assert one_problem(found, "content/stories/een: error: een could not be read (RuntimeError)",
                       "bug in the generator")
    assert len(found) == 1, found  # the pilot and everything else were read


def test_anything_unexpected_while_checking_a_record_becomes_a_problem_naming_it(tmp_path,
                                                                                monkeypatch):
    from generator.site.images import ImageChecks

    minimal(tmp_path)

    def broken(self, bundle, prose):
        if bundle.id == "houten":
            raise ValueError("a bug")

    monkeypatch.setattr(ImageChecks, "record", broken)
    found = problems_of(tmp_path)
    assert one_problem(found, "content/pilots/houten: error: houten could not be checked")


def test_a_bug_in_the_generator_is_said_to_be_one_with_its_stage_and_where_to_report_it(
        tmp_path, monkeypatch):
    minimal(tmp_path)
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n")

    def broken(*args, **kwargs):
        raise KeyError("a bug")

    monkeypatch.setattr(cli, "check", broken)
    result = CliRunner().invoke(cli.main, ["check", "--root", str(tmp_path)])
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("This is a bug in the generator (in the check stage), not a problem "
                            "in your content. Please report it")
    assert "Traceback" in result.stderr and "KeyError: 'a bug'" in result.stderr


def test_the_summary_comes_after_the_problems(tmp_path):
    content = minimal(tmp_path)
    write(content, "stories/een/nl.md", PAGE.format(title="Een", body="# Kop\n"))
    lines = pilots_in(tmp_path, "check").stderr.strip().splitlines()
    assert "a # heading in the text" in lines[0] and lines[-1] == (
        "No errors, but 1 warning: the site can be previewed and built, and is published once "
        "they are fixed too.")


# -- the right words for an empty, broken or unsupported file -----------------------------

def _required(content: Path) -> None:
    site = content / "site.yml"
    site.write_text(site.read_text() + "translations: required\n")


@pytest.mark.parametrize("text,expected", [
    ("", "en.md is empty"),
    ("   \n\n", "en.md is empty"),
    ("---\ntitle: Litter: a shared problem\n---\nText.\n", "front matter: the YAML cannot be read"),
    ("---\ntitle: A story\nText without an end to the front matter.\n",
     "the front matter is not closed"),
])
def test_a_text_that_cannot_be_read_is_not_also_called_missing(tmp_path, text, expected):
    content = minimal(tmp_path)
    _required(content)
    (content / "stories/een/en.md").write_text(text)
    found = problems_of(tmp_path)
    assert one_problem(found, "content/stories/een/en.md", expected)
    assert not [p for p in found if "missing" in p], found


@pytest.mark.parametrize("name,data,kind,target", [
    ("foto.heic", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "HEIC", "JPEG"),
    ("foto.HEIF", b"\0\0\0\x18ftypmif1", "HEIF", "JPEG"),
    ("foto.jpg", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic", "HEIC", "JPEG"),  # a phone's .jpg
    ("tekening.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG", "PNG"),
    # the same advice whether a format is known by its name or by its bytes (one table)
    ("folder.pdf", b"%PDF-1.7\n", "PDF", "PNG"),
    ("folder.jpg", b"%PDF-1.7\n", "PDF", "PNG"),
    ("poster.psd", b"8BPS\0\1", "PSD", "JPEG"),
    ("poster.png", b"8BPS\0\1", "PSD", "JPEG"),
])
def test_an_unsupported_image_says_what_to_export_it_as(tmp_path, name, data, kind, target):
    content = minimal(tmp_path)
    (content / "stories/een" / name).write_bytes(data)
    write(content, "stories/een/nl.md", PAGE.format(title="Een", body=f"![Een foto]({name})\n"))
    found = problems_of(tmp_path)
    assert one_problem(found, "content/stories/een/nl.md:5: error:",
                       f"{name}: {kind} is not supported: export it as {target}")
    assert not [p for p in found if "is not in stories" in p or "not part of" in p], found


def test_every_format_the_probe_names_has_its_advice():
    found = {kind for _magic, kind in probe._MAGIC} | set(probe._BRANDS.values())
    assert found <= set(UNSUPPORTED_IMAGES)


def test_an_unsupported_image_no_text_uses_is_a_warning(tmp_path):
    content = minimal(tmp_path)
    (content / "stories/een/IMG_0001.HEIC").write_bytes(b"\0\0\0\x18ftypheic")
    found = _warnings(tmp_path)
    assert one_problem(found, "content/stories/een/IMG_0001.HEIC: warning:",
                       "HEIC is not supported: export it as JPEG")



def test_a_pdf_no_text_shows_is_taken_for_a_document_not_a_picture(tmp_path):
    content = minimal(tmp_path)
    (content / "stories/een/rapport.pdf").write_bytes(b"%PDF-1.7\n")
    found = _warnings(tmp_path)
    said = one_problem(found, "content/stories/een/rapport.pdf: warning:", "not part of the "
                       "content model", "by a link")
    assert "export it as" not in said

def test_a_truncated_photo_is_reported_by_check_with_its_file(tmp_path):
    content = minimal(tmp_path)
    Image.effect_noise((300, 200), 60).convert("RGB").save(content / "stories/een/foto.jpg")
    data = (content / "stories/een/foto.jpg").read_bytes()
    (content / "stories/een/foto.jpg").write_bytes(data[: len(data) // 2])
    write(content, "stories/een/nl.md", PAGE.format(title="Een", body="![Een foto](foto.jpg)\n"))
    assert one_problem(problems_of(tmp_path), "content/stories/een/nl.md:5:",
                       "foto.jpg is damaged or incomplete")


# -- drafts may have one language ----------------------------------------------------------

def test_a_draft_may_have_one_language_whatever_translations_says(tmp_path):
    content = minimal(tmp_path)
    _required(content)
    _story(content, "concept", "Alleen Nederlands.\n", draft=True)
    assert problems_of(tmp_path, strict=True) == []
    meta = content / "stories/concept/meta.yml"
    meta.write_text(meta.read_text().replace("draft: true\n", ""))
    assert one_problem(problems_of(tmp_path), "content/stories/concept/en.md",
                       "en.md is missing, and site.yml says translations are required")


# -- scaffolds offer every optional field --------------------------------------------------

def _uncommented(text: str, *keys: str) -> str:
    """The scaffold with some optional lines switched on, as an editor would."""
    for key in keys:
        text = re.sub(rf"^# ({key}:.*)$", r"\1", text, flags=re.M)
        if key == "chapters":
            text = re.sub(r"^#   (- \{location.*)$", r"  \1", text, flags=re.M)
    return text


def test_the_story_scaffold_offers_cover_location_chapters_quote_and_names_per_language(
        tmp_path):
    content = minimal(tmp_path)
    scaffold.create(content, "story", "nieuw", scaffold.Options(pilot="houten"))
    meta = (content / "stories/nieuw/meta.yml").read_text()
    for line in ("# cover: {file: cover.jpg", "# location: {lat: 52.028, lon: 5.168}",
                 "# chapters:", '# narrator: {name: {nl: "...", en: "..."}}'):
        assert line in meta
    assert "# quote:" in (content / "stories/nieuw/nl.md").read_text()
    assert problems_of(tmp_path, strict=True) == []  # a draft, with every TODO
    switched = _uncommented(meta, "location", "chapters").replace("format: article",
                                                                  "format: map-story")
    StoryMeta.model_validate(load_yaml(switched).data, context={"languages": ["nl", "en"]})


@pytest.mark.parametrize("kind,expected", [
    ("pilot", ("# cover:", "# phases:", "# order:", "# approximate:")),
    ("person", ("# url:", "# photo:")),
    ("page", ("order:", "menu:")),
])
def test_every_scaffold_offers_its_optional_fields_and_passes_check(tmp_path, kind, expected):
    content = minimal(tmp_path)
    scaffold.create(content, kind, "nieuw", scaffold.Options(place="Utrecht"))
    meta = (content / scaffold.by_singular(kind).folder / "nieuw/meta.yml").read_text()
    assert all(line in meta for line in expected), meta
    assert problems_of(tmp_path, strict=True) == []


def test_the_scaffold_speaks_the_editors_language(tmp_path):
    content = minimal(tmp_path)
    with speaking("nl"):
        scaffold.create(content, "story", "nieuw", scaffold.Options(pilot="houten"))
    meta = (content / "stories/nieuw/meta.yml").read_text()
    assert "# Een verhaal. Vul elk veld in" in meta and "de pilot waar dit verhaal bij hoort" in meta


# -- the preview never dies ----------------------------------------------------------------

def test_a_failed_rebuild_is_shown_and_the_next_one_works(tmp_path, monkeypatch):

    minimal(tmp_path)
    preview = Preview(Paths(tmp_path), log=lambda message: None)
    monkeypatch.setattr(preview.builds, "build", _raise)
    assert preview.rebuild() is False
    assert "This is a bug in the generator (in the engine stage: OSError)" in preview.hub.problem
    assert "Traceback" not in preview.hub.problem  # the terminal has it (issue 21)
    monkeypatch.setattr(preview.builds, "build", lambda *a, **k: _report())
    assert preview.rebuild() is True and preview.hub.problem is None
    preview.builds.close()


def _raise(*args, **kwargs):
    from generator.build import GeneratorBug

    try:
        raise OSError("the disk is full")
    except OSError as exc:
        raise GeneratorBug("engine") from exc


def _report():
    from generator.build import BuildReport

    return BuildReport(pages=3, languages=[])


# -- the form that creates a story -------------------------------------------------------

@pytest.fixture()
def form(tmp_path):
    """The preview's web server, serving only (nothing is built)."""
    minimal(tmp_path)
    preview = Preview(Paths(tmp_path), log=lambda message: None)
    server = Server(preview, 0)
    port = preview.port
    threading.Thread(target=server.http.serve_forever, daemon=True).start()
    yield tmp_path, preview, port
    server.http.shutdown()
    server.http.server_close()
    preview.builds.close()


def _request(port: int, method: str, fields: dict | None = None, host: str | None = None,
             origin: str | None = None) -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Host": host or f"127.0.0.1:{port}"}
    if origin:
        headers["Origin"] = origin
    body = urllib.parse.urlencode(fields or {})
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, "/_new", body=body if method == "POST" else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read().decode("utf-8")


def test_the_form_creates_a_story_that_passes_check(form):
    root, preview, port = form
    status, page = _request(port, "GET")
    assert status == 200 and preview.token in page and '<option value="houten">Houten (houten)' in page
    fields = {"token": preview.token, "id": "uit-het-formulier", "pilot": "houten",
              "title": "Een titel\nover twee regels"}
    status, page = _request(port, "POST", fields)
    assert status == 200 and "content/stories/uit-het-formulier/" in page
    nl = (root / "content/stories/uit-het-formulier/nl.md").read_text()
    assert 'title: "Een titel over twee regels"' in nl
    assert problems_of(root, strict=True) == []
    status, page = _request(port, "POST", {**fields, "id": "Geen Id"})
    assert status == 400 and "is not a valid id" in page


def test_the_form_speaks_the_editors_language_in_every_label(form):
    root, preview, port = form
    with speaking("nl"):
        status, page = _request(port, "GET")
    assert status == 200 and "<title>Nieuw verhaal</title>" in page
    assert ">Titel (nl)</label>" in page and "<button>Maak het verhaal</button>" in page


@pytest.mark.parametrize("change", [
    {"token": "guessed"}, {"host": "evil.example:8000"}, {"origin": "https://evil.example"}])
def test_the_form_refuses_what_another_website_could_send(form, change):
    root, preview, port = form
    fields = {"token": preview.token, "id": "aanval", "pilot": "houten", "title": "x"}
    fields.update({k: v for k, v in change.items() if k == "token"})
    status, _page = _request(port, "POST", fields, host=change.get("host"),
                             origin=change.get("origin"))
    assert status == 403 and not (root / "content/stories/aanval").exists()


# -- found by attacking from outside ------------------------------------------------

def test_the_form_says_a_new_story_shows_once_consent_is_written_and_cannot_be_framed(form):
    root, preview, port = form
    fields = {"token": preview.token, "id": "met-toestemming", "pilot": "houten", "title": "T"}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("POST", "/_new", body=urllib.parse.urlencode(fields),
                       headers={"Host": f"127.0.0.1:{port}",
                                "Content-Type": "application/x-www-form-urlencoded"})
    response = connection.getresponse()
    page = response.read().decode("utf-8")
    assert response.status == 200 and "consent: {given: true" in page
    assert response.getheader("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in response.getheader("Content-Security-Policy")


def test_a_folder_without_its_slash_is_redirected_to_it(form):
    root, preview, port = form
    (preview.paths.out / "stories").mkdir(parents=True)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    for asked, location in (("/stories", "/stories/"), ("//stories", "/stories/")):
        connection.request("GET", asked, headers={"Host": f"127.0.0.1:{port}"})
        response = connection.getresponse()
        response.read()
        assert response.status == 301 and response.getheader("Location") == location


def test_a_control_character_in_yaml_is_named_with_its_line(tmp_path):
    content = minimal(tmp_path)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + 'extra: "bel\x07"\n')
    found = [p for p in problems_of(tmp_path) if "meta.yml" in p]
    line = len(meta.read_text().splitlines())
    assert any(f"meta.yml:{line}:" in p and "U+0007" in p for p in found), found


def test_a_dutch_date_is_offered_in_the_way_dates_are_written(tmp_path):
    content = minimal(tmp_path)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("date: 2019-05-10", "date: 10 mei 2019"))
    one_problem(problems_of(tmp_path), "meta.yml:2:", '"10 mei 2019" is not a date',
                "did you mean 2019-05-10?")


@pytest.mark.parametrize("narrator,needle", [
    ("{name: \u201cFatima, bewoner van Houten-Zuid\u201d}", "unknown field"),
    ("{name: Fatima, role: {nl: \u201cbewoner, moeder\u201d}}", "languages"),
])
def test_curly_quotes_that_a_comma_split_are_named_as_the_cause(tmp_path, narrator, needle):
    content = minimal(tmp_path)  # a word processor writes them: YAML takes them as text
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace('{name: "Anonymous"}', narrator))
    found = one_problem(problems_of(tmp_path), "meta.yml:4:", needle, "curly quotes")
    assert "straight double quotes" in found


def test_entities_in_a_markdown_image_text_are_read_as_markdown_reads_them():
    from generator.site.mdrefs import find_images

    (image,) = find_images('![Een &quot;echte&quot; foto](a.jpg "Met &amp; zonder")\n', 1)
    assert image.alt == 'Een "echte" foto' and image.title == "Met & zonder"
