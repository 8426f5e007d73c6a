"""Cross-references, geography, consent, drafts, images and translations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image

from generator.build import Paths, check
from helpers import all_problems, minimal, one_problem, problems_of, write


def _site(project: Path, drafts: bool = False):
    site, problems = check(Paths(project), drafts)
    return site


def test_misspelt_pilot_id_suggests_the_right_one(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("pilot: houten", "pilot: houtne"))
    problem = one_problem(problems_of(project), "stories/een/meta.yml:1", 'no pilot "houtne"',
                   'Did you mean "houten"?')
    assert "content/pilots/" in problem


def test_unknown_theme_partner_and_person(project: Path):
    content = minimal(project)
    meta = content / "pilots/houten/meta.yml"
    meta.write_text(meta.read_text() + "partners: [gemeente-houtn]\npeople: [nobody]\n")
    write(content, "partners/gemeente-houten/meta.yml", "name: {nl: G, en: M}\n")
    problems = problems_of(project)
    one_problem(problems, "houten/meta.yml:8", 'no partner "gemeente-houtn"', 'Did you mean "gemeente-houten"?')
    one_problem(problems, "houten/meta.yml:9", 'no person "nobody"')


def test_pilot_outside_its_country_with_swap_hint(project: Path):
    content = minimal(project)
    meta = content / "pilots/houten/meta.yml"
    meta.write_text(meta.read_text().replace("{lat: 52.028, lon: 5.168}", "{lat: 5.168, lon: 52.028}"))
    one_problem(problems_of(project), "houten/meta.yml:3", "outside NL", "look swapped")


def test_story_far_from_its_pilot(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "location: {lat: 52.37, lon: 4.89}\n")
    one_problem(problems_of(project), "stories/een/meta.yml:7", "km from its pilot", "Houten is at")
    meta.write_text(meta.read_text().replace("{lat: 52.37, lon: 4.89}", "{lat: 5.168, lon: 52.03}"))
    one_problem(problems_of(project), "stories/een/meta.yml:7", "look swapped")


def test_intervention_checks(project: Path):
    content = minimal(project)
    write(content, "pilots/houten/interventions.yml", """
        - id: a
          type: meeting
          title: {nl: A, en: A}
          date: 2019-03-01
          location: {lat: 52.03, lon: 5.17}
          stories: [een, tweee]
        - id: a
          type: meetng
          title: {nl: B, en: B}
          date: 2019-03-01
          location: {lat: 5.17, lon: 52.03}
        - id: c
          type: meeting
          title: {nl: C, en: C}
          period: {start: 2019-03, end: 2019-05}
          area: wijk.geojsn
        """)
    write(content, "pilots/houten/wijk.geojson", '{"type": "Polygon", "coordinates": '
          '[[[5.16, 52.02], [5.17, 52.02], [5.17, 52.03], [5.16, 52.02]]]}')
    problems = problems_of(project)
    one_problem(problems, "interventions.yml:6", 'no story "tweee"')
    one_problem(problems, "interventions.yml:7", 'id "a" is used twice')
    one_problem(problems, "interventions.yml:16", 'area file "wijk.geojsn" does not exist',
         'Did you mean "wijk.geojson"?')


def test_intervention_type_and_swapped_location(project: Path):
    content = minimal(project)
    write(content, "pilots/houten/interventions.yml", """
        - id: b
          type: meetng
          title: {nl: B, en: B}
          date: 2019-03-01
          location: {lat: 5.17, lon: 52.03}
        """)
    problems = problems_of(project)
    one_problem(problems, "interventions.yml:2", '"meetng" is not an intervention type', 'Did you mean "meeting"?')
    one_problem(problems, "interventions.yml:5", "look swapped")


def test_broken_geojson_is_refused(project: Path):
    content = minimal(project)
    write(content, "pilots/houten/interventions.yml", """
        - id: c
          type: meeting
          title: {nl: C, en: C}
          date: 2019-03-01
          area: wijk.geojson
        """)
    write(content, "pilots/houten/wijk.geojson", '{"type": "Polygon",\n "coordinates": [[[5.16, 52.02]],\n}')
    one_problem(problems_of(project), "wijk.geojson:3", "not valid JSON")


def test_consent_false_is_skipped_with_a_notice_not_an_error(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("given: true", "given: false"))
    assert problems_of(project, strict=True) == []
    notices = [p for p in all_problems(project) if p.level == "notice"]
    assert any("consent is not given" in p.message for p in notices)
    assert "een" not in _site(project).stories



def test_consent_without_a_date_is_noted_and_published(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(re.sub(r"consent: .*", "consent: {given: true}", meta.read_text()))
    assert problems_of(project, strict=True) == []
    found = [p.format() for p in all_problems(project)]
    one_problem(found, "stories/een/meta.yml:", "notice: the consent has no date", "date: ")
    assert "een" in _site(project).stories

def test_drafts_are_left_out_unless_asked_for(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "draft: true\n")
    assert "een" not in _site(project).stories
    assert "een" in _site(project, drafts=True).stories


def test_story_of_a_draft_pilot_is_left_out_with_a_notice(project: Path):
    content = minimal(project)
    meta = content / "pilots/houten/meta.yml"
    meta.write_text(meta.read_text() + "draft: true\n")
    assert problems_of(project) == []
    assert any("its pilot" in p.message for p in all_problems(project))


def test_images_missing_not_an_image_no_alt(project: Path):
    content = minimal(project)
    (content / "stories/een/fake.jpg").write_text("not an image")
    Image.new("RGB", (800, 600), "white").save(content / "stories/een/small.jpg")
    write(content, "stories/een/nl.md", """
        ---
        title: Een verhaal
        ---
        ![](small.jpg)

        ![Foto](missing.jpg)

        ![Nep](fake.jpg)

        ![Extern](https://example.org/a.jpg)
        """)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "cover: {file: small.jpg, alt: {nl: a, en: b}}\n")
    problems = problems_of(project)
    one_problem(problems, "stories/een/nl.md:4", "has no alt text")
    one_problem(problems, "stories/een/nl.md:6", '"missing.jpg" is not in stories/een/')
    one_problem(problems, "stories/een/nl.md:8", "fake.jpg is not an image")
    one_problem(problems, "stories/een/nl.md:10", "on another website")
    warnings = problems_of(project, strict=True)
    one_problem(warnings, "stories/een/meta.yml:7", "800 px wide")


def test_scripts_embeds_and_remote_files_in_a_body_are_refused(project: Path):
    content = minimal(project)
    write(content, "stories/een/nl.md", """
        ---
        title: Een verhaal
        ---
        Tekst met <b>vet</b> en <a href="https://example.org/">een link</a> mag.

        <script src="https://cdn.example.org/x.js"></script>

        <iframe src="https://www.youtube.com/embed/x"></iframe>

        <img src="https://example.org/a.jpg" alt="extern">

        <span onclick="alert(1)">klik</span>

        Code mag: `<script>` en

        ```html
        <script src="https://cdn.example.org/x.js"></script>
        ```
        """)
    problems = [p for p in problems_of(project) if "stories/een/nl.md" in p]
    one_problem(problems, "stories/een/nl.md:6", "a <script> element", "write a link")
    one_problem(problems, "stories/een/nl.md:8", "a <iframe> element")
    one_problem(problems, "stories/een/nl.md:10", "an <img> element", "![what the image shows]")
    one_problem(problems, "stories/een/nl.md:12", "attribute onclick= on <span>")
    assert len(problems) == 4, problems


def test_a_reference_image_is_refused_at_its_line_saying_how_to_write_it(project: Path):
    # ![...][name] with the file on a line [name]: file.jpg: standard Markdown, which the
    # site does not read (images name their file in place); said as such, not as an <img>
    content = minimal(project)
    Image.new("RGB", (800, 600), "red").save(content / "stories/een/containers.jpg")
    write(content, "stories/een/nl.md", "---\ntitle: T\n---\nTekst.\n\n"
          "![Bewoners bij de container][foto]\n\nEn nog eens ![foto].\n\n[foto]: containers.jpg\n")
    problems = problems_of(project)
    one_problem(problems, "stories/een/nl.md:6: error: the image ![Bewoners bij de container]"
                "[foto] is a Markdown reference", "![what the image shows](containers.jpg)")
    one_problem(problems, "stories/een/nl.md:8: error: the image ![foto] is a Markdown reference")
    assert not [p for p in problems if "<img>" in p], problems


def test_map_story_chapters_must_match_sections(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("format: article", "format: map-story")
                    + "chapters:\n  - {location: {lat: 52.03, lon: 5.17}, zoom: 16}\n")
    write(content, "stories/een/nl.md", "---\ntitle: T\n---\n## Een\n\nx\n\n## Twee\n\ny\n")
    one_problem(problems_of(project), "stories/een/meta.yml:7", "1 chapter(s)", "2 H2 section(s) (## headings) in nl.md")


@pytest.mark.parametrize("body,sections", [
    ("## Een\n\nx\n\n<h2>Twee</h2>\n\ny\n", 2),  # an <h2> written in HTML is a chapter too
    ("## Een\n\nx\n\n    code\n---\n\ny\n", 1),  # an underline under code is a rule
    ("## Een\n\n<details markdown=\"1\">\n## Binnen\n</details>\n", 1),  # inside a block: none
])
def test_map_story_chapters_are_the_sections_its_page_has(project: Path, body, sections):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text().replace("format: article", "format: map-story")
                    + "chapters:\n  - {location: {lat: 52.03, lon: 5.17}, zoom: 16}\n")
    for lang in ("nl", "en"):
        write(content, f"stories/een/{lang}.md", f"---\ntitle: T\n---\n{body}")
    found = [p for p in problems_of(project) if "chapter" in p]
    assert len(found) == (0 if sections == 1 else 2)
    assert all(f"has 1 chapter(s) in meta.yml but {sections} H2 section(s)" in p for p in found)


def test_translations_required(project: Path):
    content = minimal(project)
    site_yml = content / "site.yml"
    site_yml.write_text(site_yml.read_text() + "translations: required\n")
    (content / "stories/een/en.md").unlink()
    write(content, "taxonomies.yml", """
        themes:
          work: {label: {nl: Werk}}
        target_groups:
          job-seekers: {label: {nl: Werkzoekenden, en: Job seekers}}
        """)
    problems = problems_of(project)
    one_problem(problems, "stories/een/en.md", "en.md is missing", "translations are required")
    one_problem(problems, "taxonomies.yml:2", "`themes.work.label` has no en text")


def test_free_page_cannot_take_a_site_address(project: Path):
    content = minimal(project)
    write(content, "pages/stories/nl.md", "---\ntitle: x\n---\n")
    one_problem(problems_of(project), 'cannot be called "stories"')


def test_links_between_records(project: Path):
    content = minimal(project)
    write(content, "people/eva/meta.yml", "name: Eva\nrole: {nl: Onderzoeker, en: Researcher}\n"
          "pilots: [houten]\n")
    write(content, "partners/gemeente/meta.yml", "name: {nl: Gemeente Houten, en: Municipality of Houten}\n")
    meta = content / "pilots/houten/meta.yml"
    meta.write_text(meta.read_text() + "partners: [gemeente]\n")
    site = _site(project)
    houten = site.pilots["houten"]
    assert [p.id for p in houten.people] == ["eva"]
    assert [p.id for p in site.partners["gemeente"].pilots] == ["houten"]
    assert [s.id for s in houten.stories] == ["een"]


def test_unknown_tiles_and_icons(project: Path):
    content = minimal(project)
    site_yml = content / "site.yml"
    site_yml.write_text(site_yml.read_text() + "map:\n  tiles: OpenStreetMap.Mapnk\n")
    write(content, "taxonomies.yml", """
        intervention_types:
          meeting: {label: {nl: B, en: M}, icon: recycel}
        """)
    problems = problems_of(project, strict=True)
    one_problem(problems, "content/site.yml:5", 'Did you mean "OpenStreetMap.Mapnik"?')
    one_problem(problems, "taxonomies.yml:2", 'no icon called "recycel"', 'Did you mean "recycle"?')


def test_a_pilots_unknown_tiles_are_named_with_its_file_and_line(project: Path):
    content = minimal(project)
    meta = content / "pilots/houten/meta.yml"
    meta.write_text(meta.read_text() + "tiles: nlmaps.standard\n")
    problems = problems_of(project, strict=True)
    one_problem(problems, "pilots/houten/meta.yml:8", "nlmaps.standard",
                'Did you mean "nlmaps.standaard"?')
