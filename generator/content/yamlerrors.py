"""Why a YAML text cannot be read, in the words of an editor who knows no YAML.

The parser says what it expected where it gave up, which is often a line after
the mistake and in its own jargon ("did not find expected <document start>").
What editors actually get wrong is looked for first, on the line where they
made it: a field name without its colon, an invisible space pasted from Word or
Outlook, a tab in the indentation, curly quotes; anything else is the parser's
own message, translated where the catalogue knows it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from generator.content.messages import N_, _

# Quotation marks a word processor writes (“ ” ‘ ’ „ « »): YAML takes them as
# part of the text. An editor who wraps a whole value in them meant quotes.
CURLY_OPEN, CURLY_CLOSE = "“‘„‚«", "”’“‘»"
# Spaces YAML does not take as spaces, so a colon followed by one is no field's
# colon: the non-breaking ones a word processor puts in (U+00A0, the narrow U+202F
# and the figure space U+2007), the other typographic and the zero-width ones
_NON_BREAKING = "\u00a0\u202f\u2007"
_INVISIBLE = f"[{_NON_BREAKING}\u1680\u2000-\u200b\u205f\u3000\ufeff]"
# Where such a space trips YAML: in the indentation, after a list's dash, or after
# the colon of a line's field name (in quoted or running text it is only text)
_TRIPS = re.compile(rf"^ *(?:(?P<indent>{_INVISIBLE})|-(?P<dash>{_INVISIBLE})|"
                    rf"(?:- +)?[^\s:#\"'{{\[]+:(?P<colon>{_INVISIBLE}))")
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where it is there
NEAR = 8  # lines up to where the parser gave up that may hold the space it tripped on
_KEY_AND_VALUE = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s+([^\s#]+)\s*(?:#.*)?$")


@dataclass(eq=False)
class YamlError(Exception):
    """Why a YAML text could not be read, with the line it happened on: raised
    where content holds what it never needs, kept in `Loaded.error`."""

    line: int | None
    message: str
    hint: str


GENERIC_HINT = N_("check the indentation (spaces, not tabs), and put text that contains "
                  "a colon, # or quotes inside double quotes")
RETYPE_HINT = N_("delete the character: most editors do not show it, so type the line again if "
                 "you cannot see it")


def explain(exc: yaml.MarkedYAMLError, line_offset: int, text: str) -> YamlError:
    """The error a parser's complaint stands for, at the line to correct
    (`line_offset` lines come before `text` in its file)."""
    lines = text.split("\n")
    mark = exc.problem_mark or exc.context_mark
    index = min(mark.line, len(lines) - 1) if mark else None
    for found in (_invisible_space(lines, index, exc), _tab(exc, lines), _colon(exc, lines)):
        if found:
            line, message, hint = found
            return YamlError(line + 1 + line_offset, message, hint)
    problem = exc.problem or exc.context or ""
    return YamlError(None if index is None else index + 1 + line_offset,
                     _("the YAML cannot be read: {problem}").format(
                         problem=_(problem) if problem else _("this is not valid YAML")),
                     _hint(problem, lines[index] if index is not None else ""))


def _hint(problem: str, written: str) -> str:
    if any(quote in written for quote in CURLY_OPEN + CURLY_CLOSE):
        return _("the text is in curly quotes (“ ”), which YAML does not take as quotes: type "
                 'straight ones instead, e.g. title: "Litter: a shared problem"')
    if "\\t" in problem or "tab" in problem:
        return _("replace the tab characters at the start of the line with spaces")
    if "mapping values are not allowed" in problem:
        return _('put the value in double quotes, e.g. title: "Litter: a shared problem"')
    return _(GENERIC_HINT)


def _invisible_space(lines: list[str], last: int | None,
                     exc: yaml.MarkedYAMLError) -> tuple[int, str, str] | None:
    """The first line, up to where the parser gave up, with a space YAML does not
    take as one where it needs one (the parser gives up a line or more later):
    one that matters to the parser (in a text it is only text). Only the lines
    just above it are tried, each by parsing the whole text again: a text pasted
    from Word may hold thousands of such spaces, and trying them all took minutes."""
    stop = len(lines) if last is None else last + 1
    for index, written in enumerate(lines[max(0, stop - NEAR):stop], max(0, stop - NEAR)):
        found = _TRIPS.match(written)
        if found and _matters(lines, index, found.end() - 1, exc):
            where = found.lastgroup
            char = found.group(where)
            what = _("a non-breaking space") if char in _NON_BREAKING else _("an invisible space")
            place = {"indent": _("in its indentation"), "dash": _("after the dash"),
                     "colon": _("after the colon")}[where]
            return index, _("this line has {what} (U+{code:04X}) {place}, which YAML does not "
                            "read as a space").format(what=what, code=ord(char), place=place), \
                _("delete it and type an ordinary space (it comes with text pasted from Word "
                  "or Outlook, and no editor shows it)")
    return None


def _matters(lines: list[str], index: int, column: int, exc: yaml.MarkedYAMLError) -> bool:
    """Whether the parser reads the text otherwise once the character at
    `column` of line `index` is an ordinary space (within a text it reads the same)."""
    mended = [*lines[:index], lines[index][:column] + " " + lines[index][column + 1:],
              *lines[index + 1:]]
    try:
        for _event in yaml.parse("\n".join(mended), Loader=SAFE_LOADER):
            pass
    except yaml.MarkedYAMLError as again:
        return _where(again) != _where(exc)
    return True


def _where(exc: yaml.MarkedYAMLError) -> tuple:
    mark = exc.problem_mark or exc.context_mark
    return exc.problem, mark and (mark.line, mark.column)


def _tab(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str] | None:
    """A line the parser stopped at (or began the part it could not read at)
    that is indented with a tab: YAML indents with spaces only."""
    for mark in (exc.problem_mark, exc.context_mark):
        if mark and mark.line < len(lines) and "\t" in _indentation(lines[mark.line]):
            return mark.line, _("line {line} starts with a tab, and YAML indents with spaces "
                                "only").format(line=mark.line + 1), \
                _("replace the tab with spaces, as many as the lines above are indented with")
    return None


def _indentation(written: str) -> str:
    return written[:len(written) - len(written.lstrip(" \t"))]


def _colon(exc: yaml.MarkedYAMLError, lines: list[str]) -> tuple[int, str, str] | None:
    """A field name without its colon, on the line `_colonless` finds."""
    index = _colonless(exc, lines)
    if index is None:
        return None
    message = _("the YAML cannot be read: this line has no colon (:) after its field's name")
    found = _KEY_AND_VALUE.match(lines[index])
    if found:  # one word and one value: a field name and its value, surely
        return index, message, _("put a colon after `{name}`: {name}: {value}").format(
            name=found.group(1), value=found.group(2))
    return index, message, _("put a colon and a space after the field's name, e.g. "
                             "format: article; a line that continues the text above is "
                             "indented with spaces")


def _colonless(exc: yaml.MarkedYAMLError, lines: list[str]) -> int | None:
    """The line of a field name without its colon. The parser reads on and
    complains a line or more later: after a mapping's first field it has not
    found the colon where it began reading (past the end of the file for the
    last line); as a mapping's first line, it finds the next field's colon,
    where a text of two lines may have none."""
    problem, mark = exc.problem or "", exc.problem_mark
    if problem == "could not find expected ':'" and exc.context_mark:
        return exc.context_mark.line if exc.context_mark.line < len(lines) else None
    if not (mark and problem.startswith("mapping values are not allowed")) \
            or mark.line >= len(lines):
        return None
    above = [index for index in range(mark.line) if lines[index].strip()
             and not lines[index].lstrip().startswith("#")]
    if above and ":" not in lines[above[-1]] and \
            _text_column(lines[above[-1]]) == _text_column(lines[mark.line]):
        return above[-1]
    return None


def _text_column(written: str) -> int:
    """Where a line's text begins, after its indentation and list dashes."""
    return len(written) - len(re.sub(r"^ *(?:- +)*", "", written))


# What the YAML parser says most often, marked so that the catalogues say it
# in the editor's language too (anything else is shown as the parser says it)
_PARSER_WORDS = (
    N_("mapping values are not allowed in this context"),
    N_("found character that cannot start any token"),
    N_("did not find expected key"),
    N_("did not find expected ',' or ']'"),
    N_("did not find expected ',' or '}'"),
    N_("did not find expected '-' indicator"),
    N_("found unexpected end of stream"),
    N_("could not find expected ':'"),
    N_("found unknown escape character"),
)
