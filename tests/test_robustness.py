"""Property-based tests: whatever editors type, the loaders return records or
content problems; they never crash."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from PIL import Image

from generator.site import prose as markup
from generator.build import Paths, check
from generator.emit import emit_language
from generator.images.planner import ImagePlanner
from generator.images.probe import ImageIndex
from generator.visuals import SiteVisuals
from generator.content.yamlsrc import load_yaml, split_front_matter
from helpers import make_project, minimal, write

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
KEYS = st.sampled_from(["title", "summary", "pilot", "date", "format", "narrator", "consent",
                        "given", "location", "lat", "lon", "period", "start", "end", "themes",
                        "cover", "file", "alt", "nl", "en", "chapters", "zoom", "draft", "id",
                        "type", "area", "stories", "status", "country", "place", "x", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
                    st.sampled_from(["2019-10-01", "2019-13", "nl", "houten", "NO", "yes", "~"]))
DATA = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)), max_leaves=20)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_is_yaml_or_a_yaml_error(text):
    loaded = load_yaml(text)
    assert loaded.error is None or loaded.error.message


@SETTINGS
@given(st.text(max_size=300))
def test_any_markdown_splits_or_reports_its_front_matter(text):
    source = split_front_matter("---\n" + text)
    assert source.front.error is not None or source.front.data is not None


def _project(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("robust") / "p")
    minimal(root)
    return root


@SETTINGS
@given(data=DATA, where=st.sampled_from([
    "stories/een/meta.yml", "pilots/houten/meta.yml", "site.yml", "taxonomies.yml",
    "publications.yml", "pilots/houten/interventions.yml", "people/p/meta.yml",
    "partners/q/meta.yml", "pages/r/meta.yml"]))
def test_any_yaml_in_any_record_gives_records_or_problems(tmp_path_factory, data, where):
    root = _project(tmp_path_factory)
    path = root / "content" / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    site, problems = check(Paths(root))
    assert site is not None or problems.errors
    shutil.rmtree(root)


@SETTINGS
@given(front=DATA, body=st.text(max_size=200))
def test_any_front_matter_gives_records_or_problems(tmp_path_factory, front, body):
    root = _project(tmp_path_factory)
    text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body
    (root / "content/stories/een/nl.md").write_text(text, encoding="utf-8")
    site, problems = check(Paths(root))
    assert site is not None or problems.errors
    shutil.rmtree(root)


@SETTINGS
@given(text=st.text(max_size=200), where=st.sampled_from([
    "stories/een/meta.yml", "stories/een/en.md", "pilots/houten/interventions.yml",
    "taxonomies.yml", "site.yml"]))
def test_any_raw_text_in_any_file_gives_records_or_problems(tmp_path_factory, text, where):
    root = _project(tmp_path_factory)
    (root / "content" / where).write_text(text, encoding="utf-8")
    site, problems = check(Paths(root))
    assert site is not None or problems.errors
    shutil.rmtree(root)


# -- hostile text in every field: the pages and maps carry no live script ------------

HOSTILE = ["<script>alert(1)</script>", "</script><script>alert(1)</script>",
           "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "'-alert(1)-'",
           "javascript:alert(1)", "[x](javascript:alert(1))", "<a href=javascript:alert(1)>x</a>",
           "{{ 6*7 }}", "{% raw %}", "{{ cycler.__init__.__globals__.os.environ }}", "{#",
           "`${alert(1)}`", "\\u003cscript", "<!--", "-->", "<!--pl:content-->", "]]>",
           "&lt;script&gt;", "&#106;avascript:", "\u2028", "\\", "{: onclick=alert(1) }"]
STRINGS = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), min_size=1,
                   max_size=4).map("".join).filter(lambda s: s.strip() != "")


def _tree(root: Path, texts: list[str]) -> None:
    """A site in which every text field holds one of `texts` (as YAML, safely dumped)."""
    pool = iter(texts * 40)

    def t() -> str:  # a YAML double-quoted string: any text on one line
        return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\U{ord(c):08x}"
                             for c in next(pool)) + '"'

    def both() -> str:
        return "{nl: %s, en: %s}" % (t(), t())

    content = root / "content"
    write(content, "site.yml", f"title: {both()}\ntagline: {both()}\nfunding: {both()}\n"
          f"languages: [nl, en]\nbase_url: https://example.org/s/\n"
          f"period: {{start: 2018-01, end: 2021-01}}\nperiod_label: {both()}\n"
          f"contact: {{email: info@example.org}}\n")
    write(content, "taxonomies.yml", f"themes:\n  work: {{label: {both()}}}\n"
          f"target_groups:\n  all: {{label: {both()}}}\n"
          f"intervention_types:\n  meeting: {{label: {both()}, icon: users}}\n")
    write(content, "pilots/houten/meta.yml", f"country: NL\nplace: {t()}\n"
          "location: {lat: 52.028, lon: 5.168}\nperiod: {start: 2019-01, end: 2019-11}\n"
          "status: finished\nthemes: [work]\ntarget_groups: [all]\npartners: [q]\npeople: [p]\n"
          f"phases:\n  - {{start: 2019-01, end: 2019-05, label: {both()}, description: {both()}}}\n"
          f"cover: {{file: cover.jpg, alt: {both()}, credit: {t()}}}\n")
    Image.new("RGB", (1300, 800), (20, 90, 40)).save(content / "pilots/houten/cover.jpg")
    write(content, "pilots/houten/interventions.yml", f"- id: a\n  type: meeting\n"
          f"  title: {both()}\n  description: {both()}\n  date: 2019-03-01\n"
          f"  location: {{lat: 52.03, lon: 5.17}}\n  stories: [een]\n")
    write(content, "stories/een/meta.yml", "pilot: houten\ndate: 2019-05\nformat: article\n"
          f"narrator: {{name: {t()}, role: {both()}}}\nconsent: {{given: true}}\n"
          "themes: [work]\nlocation: {lat: 52.029, lon: 5.169}\n")
    write(content, "stories/twee/meta.yml", "pilot: houten\ndate: 2019-06\nformat: map-story\n"
          f"narrator: {{name: {t()}}}\nconsent: {{given: true}}\n"
          f"chapters:\n  - {{location: {{lat: 52.03, lon: 5.17}}, place: {both()}}}\n")
    for bundle in ("pilots/houten", "stories/een", "stories/twee", "pages/over"):
        for lang in ("nl", "en"):
            write(content, f"{bundle}/{lang}.md", f"---\ntitle: {t()}\nsummary: {t()}\n"
                  + (f"quote: {t()}\n" if bundle == "stories/een" else "")
                  + f"---\n## Kop\n\n{next(pool)}\n")
    write(content, "people/p/meta.yml", f"name: {t()}\nrole: {both()}\naffiliation: {both()}\n")
    write(content, "partners/q/meta.yml", f"name: {both()}\nrole: {both()}\n")
    write(content, "publications.yml", f"- {{title: {t()}, authors: [{t()}], publisher: {t()}, "
          "year: 2020, pilots: [houten]}\n")


def _live_scripts(html: str) -> list[str]:
    """What in a page could run a script that the generator did not write."""
    found = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            src = attrs.get("src") or ""
            if tag == "script" and not re.fullmatch(r"(\.\./)*(vendor/[\w./-]+|pl-map-\w+)\.js", src):
                found.append(f"<script src={src!r}>")
            if tag in ("iframe", "object", "embed", "base", "meta", "svg", "math", "frame"):
                found.append(f"<{tag}>")
            for name, value in attrs.items():
                if name.startswith("on"):
                    found.append(f"{name}= on <{tag}>")
                if name in ("href", "src", "action", "formaction", "srcset", "data", "poster") \
                        and not markup.url_allowed(value or ""):
                    found.append(f"{name}={value!r} on <{tag}>")

    Scan().feed(html)
    return found


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(texts=st.lists(STRINGS, min_size=3, max_size=3))
def test_hostile_text_in_every_field_never_becomes_a_live_script(tmp_path_factory, texts):
    root = make_project(tmp_path_factory.mktemp("fuzz") / "p")
    _tree(root, texts)
    paths = Paths(root)
    index = ImageIndex(None)
    site, problems = check(paths, images=index)
    event("refused as a whole" if site is None else "emitted")
    if site is None:
        assert problems.errors  # refused with a reason
        return
    # Emitted even when refused: had the check been skipped, would it be inert?
    extras = SiteVisuals(site, paths.cache)
    pages = [page for lang in site.languages for page in
             emit_language(site, lang, ImagePlanner(paths.cache / "images", index), extras)
             .pages.values()]
    # what would show content in the code: a payload, or a text long enough to be no keyword
    fragments = {f for text in texts for f in (text, text.strip()) if len(f) >= 8}
    fragments |= {h for h in HOSTILE if len(h) >= 4 and any(h in text for text in texts)}
    for page in pages:
        assert _live_scripts(page.body) == [], page.src
        assert _live_scripts(page.front.get("pl_hero", "")) == [], page.src  # HTML, like the body
        assert all("<" not in str(v) for k, v in page.front.items()
                   if isinstance(v, str) and k != "pl_hero"), page.src
    for path, script in extras.texts().items():
        if path.endswith(".js"):
            table, code = script.split("\n", 1)
            json.loads(table[len("var pl_texts="):-1])
            assert "<" not in table and not [f for f in fragments if f in code], path
    shutil.rmtree(root)
