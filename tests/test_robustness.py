"""Property-based tests: whatever editors type, the loaders return records or
content problems; they never crash."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Paths, check
from generator.yamlsrc import load_yaml, split_front_matter
from helpers import make_project, minimal

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
