"""YAML reading: lines, editors' booleans, dates as text, front matter."""

import pytest

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


# -- what a new editor who knows no YAML writes ------------------------------------------

@pytest.mark.parametrize("text,line", [
    ("a: 1\nexample false\nc: 3\n", 2),                # between two fields
    ("a: 1\nexample false\n\n# note\n\nc: 3\n", 2),    # blank lines and a comment after it
    ("a: 1\nb: 2\nexample false\n", 3),               # the last line (the parser says 4)
    ("a: 1\nb: 2\nexample false", 3),                 # ... without a line break at the end
    ("a:\n  x: 1\n  example false\nc: 3\n", 3),       # nested
    ("a:\n  x: 1\n  example false\n", 3),             # nested, on the last line
    ("a:\n  - x: 1\n    example false\n", 3),         # in a list item
    ("example false\nb: 2\n", 1),                     # the first line (the parser says 2)
    ("# kop\n\nexample false\n\nb: 2\n", 3),           # ... after a comment and blank lines
    ("a:\n  example false\n  b: 2\n", 2),             # the first line of a nested mapping
    ("a:\n  - example false\n    b: 2\n", 2),         # ... of a list item
])
def test_a_missing_colon_is_named_on_its_own_line_with_the_name_to_put_it_after(text, line):
    error = load_yaml(text).error
    assert error.line == line, error
    assert "colon" in error.message and "after `example`: example: false" in error.hint


def test_a_missing_colon_in_front_matter_counts_lines_from_the_file():
    error = split_front_matter("---\ntitle: x\nsummary Kort\n---\nBody\n").front.error
    assert error.line == 3 and "after `summary`" in error.hint


def test_a_colon_too_many_is_still_one_to_quote():
    error = load_yaml("a: 1\ntitle: Zo: dat\n").error
    assert error.line == 2 and "double quotes" in error.hint


def test_a_line_of_several_words_without_a_colon_gets_no_guessed_name():
    error = load_yaml("summary: een tekst\ndie doorloopt op de volgende regel\nc: 3\n").error
    assert error.line == 2 and "colon" in error.message and "`die`" not in error.hint


@pytest.mark.parametrize("text,line", [
    ("# Verhaal\npilot:\u00a0houten\n# c\nformat: article\n", 2),  # parser: <document start>, 4
    ("pilot: x\npilot:\u00a0houten\ndate: 2019-05-10\n", 2),        # parser: expected ':', 3
    ("# Verhaal\npilot:\u00a0houten\ndate: 2019-05-10\n", 2),       # parser: mapping values, 3
    ("a:\n  pilot:\u00a0houten\n  b: 2\n", 2),
    ("pilot:\u00a0houten\ndate:\u00a0x\nformat: article\n", 1),  # two: the first is named
    ("a: 1\npilot:\u202fhouten\nc: 3\n", 2),   # a narrow one (Outlook, French texts)
    ("a: 1\npilot:\u2009houten\nc: 3\n", 2),   # a thin space
])
def test_an_invisible_space_after_a_colon_is_named_on_its_line(text, line):
    error = load_yaml(text).error
    assert error.line == line, error
    assert "space (U+" in error.message and "after the colon" in error.message
    assert "ordinary space" in error.hint


@pytest.mark.parametrize("text", [
    'title: "Afval:\u00a0een probleem"\nexample false\n',
    "summary: |\n  Noot:\u00a0een tekst uit Word\n  \u00a0en nog een regel\nexample false\n",
])
def test_a_non_breaking_space_in_text_is_no_suspect(text):
    error = load_yaml(text).error
    assert "after `example`" in error.hint and error.line == text.count("\n"), error


@pytest.mark.parametrize("text,line", [("a:\n\tb: 2\n", 2), ("a:\n\t- b\n", 2),
                                       ("\ta: 1\n", 1), ("a:\n  b: 1\n \t c: 2\n", 3)])
def test_a_line_that_starts_with_a_tab_is_said_to_for_certain(text, line):
    error = load_yaml(text).error
    assert error.line == line
    assert f"line {line} starts with a tab" in error.message and "spaces" in error.hint
