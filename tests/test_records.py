"""Each record kind: good input loads; each kind of bad input is refused with
the file, the line, what is wrong and how to fix it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import all_problems, minimal, one_problem, problems_of, write


def test_minimal_content_is_fine(project: Path):
    minimal(project)
    assert problems_of(project) == []


CASES = [
    # (file, text, expected pieces of the message, including file:line)
    ("site.yml", "title: {nl: T, en: T}\nlanguages: [nl, en]\n",
     ["content/site.yml:1", "`base_url` is missing", "add `base_url:`"]),
    ("site.yml", "title: {nl: T, en: T}\nlanguages: [nl, en]\nbase_url: example\n",
     ["content/site.yml:3", "not a web address"]),
    ("site.yml", "title: {nl: T, de: T}\nlanguages: [nl, en]\nbase_url: https://x.org/\n",
     ["content/site.yml:1", '"de" is not one of the site\'s languages']),
    ("taxonomies.yml", "themes:\n  work: {lable: {nl: Werk, en: Work}}\n",
     ["content/taxonomies.yml:2", "unknown field `themes.work.lable`", 'Did you mean "label"?']),
    ("taxonomies.yml", "intervention_types:\n  meeting: {label: M, color: blue}\n",
     ["content/taxonomies.yml:2", "not a colour"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 152, lon: 5.1}\nperiod: {start: 2019-01}\n"
     "status: finished\n",
     ["pilots/houten/meta.yml:3", "`location.lat` is 152, out of range", "between -90 and 90"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: [52.0, 5.1]\nperiod: {start: 2019-01}\nstatus: finished\n",
     ["pilots/houten/meta.yml:3", "named keys"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 52.02, lon: 5.16}\n"
     "period: {start: 2019-11, end: 2019-01}\nstatus: finished\n",
     ["pilots/houten/meta.yml:4", "the end (2019-01) is before the start (2019-11)"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 52.02, lon: 5.16}\n"
     "period: {start: 2019-13}\nstatus: finished\n",
     ["pilots/houten/meta.yml:4", "not a real date"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 52.02, lon: 5.16}\n"
     "period: {start: 1 May 2019}\nstatus: finished\n",
     ["pilots/houten/meta.yml:4", "is not a date", "2019-10-01"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 52.02, lon: 5.16}\n"
     "period: {start: 2019-01}\nstatus: finshed\n",
     ["pilots/houten/meta.yml:5", 'cannot be "finshed"', 'Did you mean "finished"?']),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 52.02, lon: 5.16}\nperiod: {start: 2019-01}\n",
     ["pilots/houten/meta.yml:1", "`status` is missing"]),
    ("pilots/houten/meta.yml",
     "country: NL\nplace: Houten\nlocation: {lat: 52.02, lon: 5.16}\nperiod: {start: 2019-01}\n"
     "status: running\nthemse: [work]\n",
     ["pilots/houten/meta.yml:6", "unknown field `themse`", 'Did you mean "themes"?']),
    ("pilots/houten/nl.md", "---\nsummary: x\n---\nTekst\n",
     ["pilots/houten/nl.md:2", "`title` is missing"]),
    ("pilots/houten/nl.md", "---\ntitle: a\ntitel: b\n---\nTekst\n",
     ["pilots/houten/nl.md:3", "unknown field `titel`", 'Did you mean "title"?']),
    ("pilots/houten/nl.md", "---\ntitle: Afval: een probleem\n---\nTekst\n",
     ["pilots/houten/nl.md:2", "front matter", "double quotes"]),
    ("stories/een/meta.yml",
     "pilot: houten\ndate: 2019-05-10\nformat: article\nnarrator: {name: A}\n",
     ["stories/een/meta.yml:1", "`consent` is missing"]),
    ("stories/een/meta.yml",
     "pilot: houten\ndate: 2019-05-10\nformat: essay\nnarrator: {name: A}\nconsent: {given: true}\n",
     ["stories/een/meta.yml:3", 'cannot be "essay"']),
    ("stories/een/meta.yml",
     "pilot: houten\ndate: 2019-05-10\nformat: article\nnarrator: {name: A}\n"
     "consent: {given: maybe}\n",
     ["stories/een/meta.yml:5", "`consent.given` must be true or false"]),
    ("people/x/meta.yml", "name: X\n",
     ["people/x/meta.yml:1", "`role` is missing"]),
    ("partners/p/meta.yml", "name: {nl: P, en: P}\nkind: charity\n",
     ["partners/p/meta.yml:2", 'cannot be "charity"']),
    ("partners/p/meta.yml", "name: {nl: P, en: P}\nurl: www.example.org\n",
     ["partners/p/meta.yml:2", "not a web address"]),
    ("publications.yml", "- title: T\n  year: 20202\n",
     ["content/publications.yml:2", "`year` is 20202, out of range"]),
    ("publications.yml", "title: T\n",
     ["content/publications.yml:1", "must be a list"]),
    ("pages/about/meta.yml", "order: first\n",
     ["pages/about/meta.yml:1", "`order` must be a number"]),
    ("pilots/houten/interventions.yml",
     "- id: a\n  type: meeting\n  title: {nl: A, en: A}\n  location: {lat: 52.03, lon: 5.17}\n",
     ["interventions.yml:1", "either a `date` or a `period`"]),
    ("pilots/houten/interventions.yml",
     "- id: Bad_Id\n  type: meeting\n  title: {nl: A, en: A}\n  date: 2019-01-01\n"
     "  location: {lat: 52.03, lon: 5.17}\n",
     ["interventions.yml:1", '"Bad_Id" is not a valid id', "lowercase"]),
]


@pytest.mark.parametrize("rel,text,needles", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_bad_input_is_refused_with_file_line_and_fix(project: Path, rel, text, needles):
    content = minimal(project)
    write(content, rel, text)
    if rel == "pages/about/meta.yml":
        write(content, "pages/about/nl.md", "---\ntitle: Over\n---\n")
    problem = one_problem(problems_of(project), *needles)
    assert "how to fix:" in problem


def test_every_error_is_found_in_one_pass(project: Path):
    content = minimal(project)
    write(content, "pilots/houten/meta.yml", "country: NL\nplace: Houten\n")
    write(content, "stories/een/meta.yml", "pilot: houten\n")
    write(content, "partners/p/meta.yml", "nam: x\n")
    problems = problems_of(project)
    assert len([p for p in problems if "houten/meta.yml" in p]) >= 3
    assert any("stories/een/meta.yml" in p for p in problems)
    assert any("partners/p/meta.yml" in p for p in problems)


@pytest.mark.parametrize("rel", ["site.yml", "pilots/houten/meta.yml"])
def test_a_tile_server_of_ones_own_is_told_only_what_is_wrong_with_it(project: Path, rel):
    content = minimal(project)
    text = (content / rel).read_text(encoding="utf-8")
    tiles = '{url: "http://x.org/{z}/{x}/{y}.png", attribution: a}'
    write(content, rel, text + (f"map: {{tiles: {tiles}}}\n" if rel == "site.yml"
                                else f"tiles: {tiles}\n"))
    problems = problems_of(project)
    assert len(problems) == 1 and "tiles.url`" in problems[0]  # not "must be text" as well
    assert "CustomTiles" not in problems[0]


def test_unknown_record_kind_and_file_are_refused(project: Path):
    content = minimal(project)
    write(content, "storys/x/meta.yml", "pilot: houten\n")
    write(content, "taxonomy.yml", "themes: {}\n")
    problems = problems_of(project)
    one_problem(problems, '"storys" is not a record kind', 'Did you mean "stories"?')
    one_problem(problems, '"taxonomy.yml" is not a file', 'Did you mean "taxonomies.yml"?')


def test_invalid_folder_name_is_refused(project: Path):
    content = minimal(project)
    write(content, "stories/Mijn Verhaal/meta.yml", "pilot: houten\n")
    one_problem(problems_of(project), 'folder name "Mijn Verhaal" is not a valid id')


def test_duplicate_keys_are_refused(project: Path):
    content = minimal(project)
    write(content, "people/x/meta.yml", "name: X\nrole: {nl: A, en: B}\nname: Y\n")
    one_problem(problems_of(project), "people/x/meta.yml:3", "`name` is written twice")


def test_unknown_files_in_a_bundle_warn(project: Path):
    content = minimal(project)
    write(content, "stories/een/notes.docx", "x")
    write(content, "stories/een/de.md", "---\ntitle: x\n---\n")
    problems = problems_of(project, strict=True)
    one_problem(problems, "notes.docx is not part of the content model")
    one_problem(problems, "de.md is not a language of this site")
    assert problems_of(project) == []  # warnings only fail --strict


def test_contract_allows_plain_text_for_every_language(project: Path):
    content = minimal(project)
    write(content, "partners/hu/meta.yml", "name: Hogeschool Utrecht\nkind: university\n")
    assert problems_of(project) == []


def test_chapters_on_an_article_are_a_notice_only(project: Path):
    content = minimal(project)
    meta = content / "stories/een/meta.yml"
    meta.write_text(meta.read_text() + "chapters:\n  - {location: {lat: 52.03, lon: 5.16}, zoom: 16}\n")
    assert problems_of(project, strict=True) == []
    assert any("only used by map stories" in p.message for p in all_problems(project))
