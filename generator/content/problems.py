"""Content problems: editors are not programmers, so every problem names the
file and line, says what is wrong and how to fix it. Problems are collected,
never raised one by one; the build fails once, with all of them."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal

from generator.content.messages import N_, _, ngettext

Level = Literal["error", "warning", "notice"]
LEVELS = {"error": N_("error"), "warning": N_("warning"), "notice": N_("notice")}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth knowing) about the content: what is wrong, in
    plain language, and how to fix it."""

    path: str  # the file, relative to the project folder where possible
    line: int | None  # 1-based, or None when no line applies
    message: str
    hint: str = ""
    level: Level = "error"  # a warning fails the build with --strict; a notice never

    def format(self) -> str:
        """Returns the problem as `file:line: level: message` plus the fix."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {_(LEVELS[self.level])}: {self.message}"
        return text + "\n    " + _("how to fix: {hint}").format(hint=self.hint) if self.hint else text


PER_FILE = 100  # problems listed per file: past that, an editor fixes what is listed first


@dataclass
class Problems:
    """A collector of problems, shared by every loader in one build.

    At most PER_FILE problems are kept per file, and one that says so: a file
    with a hundred thousand mistakes is reported in the time one hundred take.
    """

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    _names: dict[str, str] = field(default_factory=dict, repr=False)  # path -> what is shown

    def add(self, path: Path | str, line: int | None, message: str,
            hint: str = "", level: Level = "error") -> None:
        """Records one problem at a file's 1-based line (or None)."""
        where = self._where(path)
        count = self.counts[where] = self.counts.get(where, 0) + 1
        if count == PER_FILE + 1:
            self.items.append(Problem(where, None, _(
                "this file has more than {count} problems; only the first {count} are listed")
                .format(count=PER_FILE), _("fix these, then check again"), level))
        if count <= PER_FILE:
            self.items.append(Problem(where, line, _printable(message), _printable(hint), level))

    def take(self, other: Problems) -> None:
        """Adds what another collector (of files this one has not met) found."""
        self.items += other.items
        for where, count in other.counts.items():
            self.counts[where] = self.counts.get(where, 0) + count

    def full(self, path: Path | str) -> bool:
        """Whether no more problems of this file will be listed."""
        return self.counts.get(self._where(path), 0) > PER_FILE

    def _where(self, path: Path | str) -> str:
        """The file as a message names it: relative to the project where it can
        be, and never with its symlinks followed (the content file, not what it
        points at)."""
        key = str(path)
        if key not in self._names:
            shown = Path(os.path.abspath(path))
            if self.root is not None and shown.is_relative_to(os.path.abspath(self.root)):
                shown = shown.relative_to(os.path.abspath(self.root))
            self._names[key] = _printable(shown.as_posix())
        return self._names[key]

    def of(self, *levels: Level) -> list[Problem]:
        """Returns the problems of the given levels, sorted by file and line."""
        found = {p for p in self.items if p.level in levels}
        return sorted(found, key=lambda p: (p.path, p.line or 0, p.message))

    @property
    def errors(self) -> list[Problem]:
        return self.of("error")

    def failing(self, strict: bool) -> list[Problem]:
        """Returns the problems that fail this build (warnings too when strict)."""
        return self.of("error", "warning") if strict else self.errors


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _printable(text: str) -> str:
    """Shows control characters from content as codes: a file name or a value
    must not steer the terminal or the CI log it is printed to (a new line
    starting with `::error` would be read by GitHub Actions as a command)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if m.group() < "\u0100"
                        else f"\\u{ord(m.group()):04x}", text)


class HintedError(ValueError):
    """An error that says how to fix what is wrong: raised by a model's
    validator (or the content boundary), its message and hint reach the
    editor as they are."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.message, self.hint = message, hint


class ContentError(Exception):
    """Raised once, after loading, with every problem that fails the build."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        count = len(problems)
        self.summary = ngettext("{count} problem in the content", "{count} problems in the content",
                                count).format(count=count)
        super().__init__(self.report())

    def report(self) -> str:
        """Every problem, one block each, then a summary line."""
        return "\n".join([p.format() for p in self.problems] + [self.summary])


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' Did you mean "x"?' for a choice close to what the editor wrote, or ""."""
    matches = difflib.get_close_matches(str(word), sorted(set(choices)), n=1, cutoff=0.6)
    return " " + _('Did you mean "{word}"?').format(word=matches[0]) if matches else ""


def one_of(choices: Iterable[str]) -> str:
    """Returns the valid choices as a readable list: `a`, `b` or `c`."""
    items = [f"`{c}`" for c in sorted(set(choices))]
    if len(items) < 2:
        return items[0] if items else _("(none defined)")
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])
