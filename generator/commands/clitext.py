"""The `pilots` command in the editor's language, and what it says about a bug.

Help texts are written in English, marked for the catalogues, and translated
only when shown: the language is known once `pilots --lang` has been read,
after every decorator has run. Click's own words (Usage, Options, Error) go
through the same catalogues.
"""

from __future__ import annotations

import re
import subprocess
import sys
import traceback
from pathlib import Path

import click
from click import core, decorators, exceptions, formatting, parser, types

from generator.build import GeneratorBug
from generator.content.messages import N_, _

# Click's own words that editors see, as Click writes them (its catalogue ids)
HELP, VERSION = N_("Show this message and exit."), N_("Show the version and exit.")
CLICK_WORDS = (N_("Usage:"), N_("Options"), N_("Commands"), HELP, VERSION, N_("Error: {message}"),
               N_("Try '{command} {option}' for help."), N_("Aborted!"),
               N_("No such command {name!r}."), N_("No such option {name!r}."),
               N_("Invalid value for {param_hint}: {message}"), N_("Missing argument"),
               N_("Missing option"), N_("Missing command."), N_("default: {default}"))


def speak_for_click() -> None:
    """Lets Click say its own words through the catalogues.

    Click looks its words up with the standard library's gettext, which knows
    nothing of the catalogues or of `--lang`; each of its modules holds that
    function under the name `_`, and this points it at ours instead.
    """
    for module in (core, decorators, exceptions, formatting, parser, types):
        if hasattr(module, "_"):
            module._ = _


class Option(click.Option):
    """An option whose help is translated whenever it is read."""

    @property
    def help(self) -> str | None:
        written = self.__dict__["help"]
        return _(written) if written else written

    @help.setter
    def help(self, written: str | None) -> None:
        self.__dict__["help"] = written


class _Translated:
    """Help translated whenever it is read, for a command and its help option (which
    Click makes while reading the command line, before `--lang` is known)."""

    help = Option.help

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        found = super().get_help_option(ctx)  # type: ignore[misc]
        if found is not None and not isinstance(found, Option):
            found.__class__ = Option
            found.help = HELP  # Click wrote it in LANG's language, before --lang was read
        return found


class Command(_Translated, click.Command):
    """A command whose help is translated when it is shown."""


class Group(_Translated, click.Group):
    """The `pilots` group: its commands and its own help are translated, and a
    bug in the generator is said to be one, with where to report it."""

    command_class = Command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - anything else is a bug too, outside a stage
            stage = exc.stage if isinstance(exc, GeneratorBug) else "commands"
            click.secho(bug_line(stage), fg="red", err=True)
            traceback.print_exception(exc, file=sys.stderr)
            sys.exit(2)


def option(*names: str, **settings):
    """click.option, with its help translated when shown."""
    return click.option(*names, cls=Option, **settings)


def bug_line(stage: str) -> str:
    """The line that says a traceback is a bug in the generator, and where to report it."""
    return _("This is a bug in the generator (in the {stage} stage), not a problem in your "
             "content. Please report it, with everything below, at {address}").format(
        stage=stage, address=report_address())


def report_address() -> str:
    """Where to report a bug in the generator: the Issues of its repository."""
    try:
        url = subprocess.run(["git", "-C", str(Path(__file__).resolve().parents[2]), "remote",
                              "get-url", "origin"], capture_output=True, text=True, timeout=5,
                             check=True).stdout.strip().removesuffix(".git")
    except (OSError, subprocess.SubprocessError):
        url = ""
    url = re.sub("^git@([^:]+):", r"https://\1/", url)  # from git@github.com:owner/repo
    if url.startswith("https://"):
        return url + "/issues"
    return _("the Issues of the repository the generator comes from")
