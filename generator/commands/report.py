"""Printing problems for people, for GitHub Actions and for other tools."""

from __future__ import annotations

import json

import click

from generator.content.messages import _, ngettext
from generator.content.problems import Problem

_GITHUB_LEVEL = {"error": "error", "warning": "warning", "notice": "notice"}


def github_escape(text: str, prop: bool = False) -> str:
    """Escapes a value for a GitHub Actions workflow command."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def github_line(problem: Problem) -> str:
    """Returns `::error file=...,line=N::message` for one problem."""
    props = f"file={github_escape(problem.path, True)}"
    if problem.line:
        props += f",line={problem.line}"
    message = problem.message + (" " + _("How to fix: {hint}").format(hint=problem.hint)
                                 if problem.hint else "")
    return f"::{_GITHUB_LEVEL[problem.level]} {props}::{github_escape(message)}"


def as_json(problems: list[Problem]) -> str:
    """Returns the problems as a JSON array of objects."""
    return json.dumps([{"file": p.path, "line": p.line, "level": p.level, "message": p.message,
                        "hint": p.hint} for p in problems], ensure_ascii=False, indent=2)


def print_check(problems: list[Problem], fmt: str, failing: int) -> None:
    """Prints the result of `pilots check` in the chosen format."""
    if fmt == "json":
        click.echo(as_json(problems))
        return
    if fmt == "github":
        for problem in problems:
            click.echo(github_line(problem))
        return
    echo_problems(problems)
    errors = sum(p.level == "error" for p in problems)
    count = sum(p.level == "warning" for p in problems)
    warnings = ngettext("{count} warning", "{count} warnings", count).format(count=count)
    # on the same stream as the problems, so that it comes after them
    if failing:
        click.secho(_("{errors}, {warnings}: the site cannot be built yet.").format(
            errors=ngettext("{count} error", "{count} errors", errors).format(count=errors),
            warnings=warnings), fg="red", err=True)
    else:
        click.secho(_("The content is fine ({warnings}).").format(warnings=warnings),
                    fg="green", err=True)


def echo_problems(problems: list[Problem], color: bool | None = None) -> None:
    """Prints problems for an editor: errors in red, warnings in yellow."""
    colours = {"error": "red", "warning": "yellow", "notice": "cyan"}
    for problem in problems:
        click.secho(problem.format(), fg=colours[problem.level], err=True, color=color)
