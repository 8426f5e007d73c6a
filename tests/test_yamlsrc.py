"""YAML reading: lines, editors' booleans, dates as text, front matter."""

from generator.content.yamlsrc import line_at, load_yaml, split_front_matter


def test_lines_of_keys_and_items():
    data = load_yaml("a: 1\nb:\n  - x\n  - {c: 2}\n").data
    assert data.line_of("b") == 2
    assert line_at(data, ("b", 1, "c")) == 4
    assert line_at(data, ("b", 7)) == 2  # a missing item reports its list


def test_norway_is_not_false_and_dates_stay_text():
    data = load_yaml("country: NO\nyes: on\ndate: 2019-10-01\nflag: true\n").data
    assert data["country"] == "NO" and data["yes"] == "on"
    assert data["date"] == "2019-10-01" and data["flag"] is True


def test_duplicate_keys_are_reported():
    loaded = load_yaml("title: a\ntitle: b\n")
    assert loaded.duplicates == [("title", 2)]


def test_broken_yaml_names_the_line_and_a_fix():
    error = load_yaml("a: 1\ntitle: Litter: a problem\n").error
    assert error.line == 2 and "double quotes" in error.hint


def test_tabs_get_their_own_hint():
    error = load_yaml("a:\n\t- b\n").error
    assert "tab" in error.hint


def test_front_matter_lines_count_from_the_file():
    source = split_front_matter("---\ntitle: x\nsummary: y\n---\nBody\n")
    assert line_at(source.front.data, ("summary",)) == 3
    assert source.body == "Body\n" and source.body_line == 5


def test_unclosed_front_matter_is_an_error():
    source = split_front_matter("---\ntitle: x\nBody\n")
    assert "not closed" in source.front.error.message


def test_no_front_matter_is_an_empty_mapping():
    source = split_front_matter("Just a bio.\n")
    assert source.front.data == {} and source.body == "Just a bio.\n"
