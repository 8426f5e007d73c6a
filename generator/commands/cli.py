"""The `pilots` command: build, check, status, serve and scaffold the site.

Everything it says is in the editor's language (see generator.content.messages):
help texts are marked with N_() and translated when shown.
"""

from __future__ import annotations

import contextlib
import json
import sys
from pathlib import Path
from typing import Any

import click

from generator.build import (STAGES, BuildBusy, BuildReport, EngineError, GeneratorBug, Options,
                             Paths, build, check)
from generator.commands.clitext import VERSION, Group, Option, option, speak_for_click
from generator.content.messages import LANGUAGES, N_, _, ngettext, set_language
from generator.content.problems import ContentError, Problem
from generator.content.records.site import checked_base_url
from generator.engine import ENGINES

speak_for_click()  # before anything is said: Click's own words too are in the editor's language


def site_paths(_ctx: click.Context, _param: click.Parameter, root: Path | None) -> Paths:
    """Returns the site's folders: --root, or the folder holding mkdocs.yml and
    content/, the current one or a parent (a ClickException when there is none)."""
    if root:
        return Paths(root)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return Paths(folder)
    raise click.ClickException(_("no mkdocs.yml with a content/ folder here or above; run this "
                                 "in the site's folder"))


root_option = option("--root", "paths", type=click.Path(file_okay=False, path_type=Path),
                     callback=site_paths, help=N_("The site's folder (default: found from here)."))


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]},
             help=N_("Build and check the bilingual pilot storytelling site."))
@option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
        callback=lambda _ctx, _param, value: set_language(value) if value else None,
        help=N_("The language of messages and help: nl or en (default: from LANG)."))
@click.version_option(package_name="pilot-stories", cls=Option, help=VERSION)
def main() -> None:
    """Build and check the bilingual pilot storytelling site."""


@main.command("build", help=N_("Build every language into site/."))
@root_option
@option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
        help=N_("Where to write the site (default: site/)."))
@option("--drafts", is_flag=True, help=N_("Publish drafts too (for previews)."))
@option("--strict", is_flag=True, help=N_("Fail on warnings as well as errors."))
@option("--base-url", default=None, metavar="URL",
        help=N_("The site's address, instead of base_url in site.yml (for publishing)."))
@option("--engine", "engine_name", type=click.Choice(sorted(ENGINES)), default="properdocs",
        show_default=True, help=N_("The site engine that puts the theme around the pages."))
@option("--timings", is_flag=True, help=N_("Say how long each stage of the build took."))
@option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
        help=N_("How many engine processes may run at once (default: one per language, "
                "at most one per processor core)."))
@option("--fresh", is_flag=True, help=N_("Reuse nothing: empty .cache/ (processed images, "
                                        "maps, social cards) first."))
def build_command(paths: Paths, out: Path | None, base_url: str | None, engine_name: str,
                  timings: bool, **options: Any) -> None:  # the others are Options
    paths = Paths(paths.root, out)
    if base_url:
        try:
            checked_base_url(base_url)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--base-url")
    report = _run_build(paths, Options(base_url=base_url, engine=ENGINES[engine_name](),
                                       **options))
    echo_problems([p for p in report.problems if p.level != "error"])
    if timings:
        click.echo(timing_table(report))
    click.echo(summary(report, paths))


def _run_build(paths: Paths, options: Options) -> BuildReport:
    try:
        return build(paths, options)
    except BuildBusy as exc:
        raise click.ClickException(str(exc))
    except ContentError as exc:
        echo_problems(exc.problems)
        raise click.ClickException(_("{summary}; nothing was built, {folder} is unchanged")
                                   .format(summary=exc.summary, folder=_rel(paths.out)))
    except EngineError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise click.ClickException(_("the site engine failed; {folder} is unchanged")
                                   .format(folder=_rel(paths.out)))


def timing_table(report: BuildReport) -> str:
    """Returns how long each stage took, in the order they ran, and the whole build."""
    return "\n".join([_("Stages:"), *(f"  {stage:<9} {report.timings[stage]:7.2f} s"
                                      for stage in (*STAGES, "total") if stage in report.timings)])


def _rel(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path)


def summary(report: BuildReport, paths: Paths) -> str:
    """Returns the one-line result of a build."""
    languages = ", ".join(report.languages)
    text = ngettext("Built {count} page in {languages} into {folder} in {seconds:.1f} s",
                    "Built {count} pages in {languages} into {folder} in {seconds:.1f} s",
                    report.pages).format(count=report.pages, languages=languages,
                                         folder=_rel(paths.out),
                                         seconds=report.timings.get("total", 0))
    if report.images:
        text += "; " + _("images: {count} ({processed} processed)").format(
            count=report.images.images, processed=report.images.processed)
    return text


@main.command("check", help=N_("Check the content without building the site."))
@root_option
@option("--drafts/--no-drafts", default=True, show_default=True,
        help=N_("Check drafts too (they are checked as if they were published)."))
@option("--strict", is_flag=True, help=N_("Fail on warnings as well as errors."))
@option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
        help=N_("text for people, github for GitHub Actions annotations, json for tools."))
def check_command(paths: Paths, drafts: bool, strict: bool, fmt: str) -> None:
    try:
        _site, problems = check(paths, drafts)
    except Exception as exc:  # noqa: BLE001 - the content cannot cause it: said to be a bug
        raise GeneratorBug("check") from exc
    failing = problems.failing(strict)
    print_check(problems.of("error", "warning", "notice"), fmt, len(failing))
    sys.exit(1 if failing else 0)


def print_check(problems: list[Problem], fmt: str, failing: int) -> None:
    """Prints the result of `pilots check` in the format asked for (see --format)."""
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
    elif count:  # publishing checks with --strict (.github/workflows), where warnings fail
        click.secho(_("No errors, but {warnings}: the site can be previewed and built, and is "
                      "published once they are fixed too.").format(warnings=warnings),
                    fg="yellow", err=True)
    else:
        click.secho(_("The content is fine."), fg="green", err=True)


def echo_problems(problems: list[Problem]) -> None:
    """Prints problems for an editor: errors in red, warnings in yellow."""
    colours = {"error": "red", "warning": "yellow", "notice": "cyan"}
    for problem in problems:
        click.secho(problem.format(), fg=colours[problem.level], err=True)


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
    return f"::{problem.level} {props}::{github_escape(message)}"


def as_json(problems: list[Problem]) -> str:
    """Returns the problems as a JSON array of objects."""
    return json.dumps([{"file": p.path, "line": p.line, "level": p.level, "message": p.message,
                        "hint": p.hint} for p in problems], ensure_ascii=False, indent=2)


@main.command("status", help=N_("Show which texts exist in which language, drafts, consent "
                                "and credits."))
@root_option
def status_command(paths: Paths) -> None:
    from generator.commands.status import status

    table = status(paths.content)
    if table is None:
        raise click.ClickException(_("content/site.yml cannot be read; run `pilots check`"))
    click.echo(table)


@main.command("new", help=N_("Create a new story, pilot, page or person, ready to fill in.\n\n"
                             "The new record is a draft: it passes `pilots check` and stays off "
                             "the site until you remove `draft: true` from its meta.yml. "
                             "`pilots new texts LANG` writes the interface texts of a language "
                             "to translate."))
@click.argument("kind", type=click.Choice(["story", "pilot", "page", "person", "texts"]))
@click.argument("record_id", metavar="ID")
@option("--pilot", help=N_("For a story: the pilot it belongs to."))
@option("--country", default="NL", show_default=True, help=N_("For a pilot: its country code."))
@option("--place", default="TODO", help=N_("For a pilot: the municipality or region."))
@option("--lat", type=float, help=N_("For a pilot: latitude of the place."))
@option("--lon", type=float, help=N_("For a pilot: longitude of the place."))
@root_option
def new_command(kind: str, record_id: str, paths: Paths, **options: Any) -> None:
    from generator.commands.scaffold import Options as New, create, create_texts

    if kind == "texts":
        written = create_texts(paths.content, record_id)
        click.echo(_("Created {path}: translate each msgstr line (Poedit opens it too), "
                     "then run `pilots check`.").format(path=written.relative_to(paths.root)))
        return
    files = create(paths.content, kind, record_id, New(**options))  # its options are New's
    click.echo(_("Created {kind} {id}:").format(kind=_(kind), id=record_id))
    for path in files:
        click.echo(f"  {path.relative_to(paths.root)}")
    click.echo(_("Fill in the TODOs, then run `pilots check`. It stays a draft until you remove "
                 "`draft: true`."))


@main.command("serve", help=N_("Preview the site at http://127.0.0.1:PORT/; rebuilds when you "
                               "save."))
@root_option
@option("--port", default=8000, show_default=True, help=N_("The port to serve on."))
@option("--no-drafts", is_flag=True, help=N_("Hide drafts, as on the published site."))
def serve_command(paths: Paths, port: int, no_drafts: bool) -> None:
    from generator.commands.preview import Preview, serve

    preview = Preview(paths, drafts=not no_drafts, log=lambda m: click.echo(m, err=True))
    try:
        server = serve(preview, port)
    except OSError as exc:
        raise click.ClickException(_("port {port} is busy ({reason}); try --port {next}")
                                   .format(port=port, reason=exc.strerror, next=port + 1))
    click.echo(_("Preview: http://127.0.0.1:{port}/ (Dutch) and http://127.0.0.1:{port}/en/ "
                 "(English). New story: http://127.0.0.1:{port}/_new. Stop with Ctrl-C.")
               .format(port=port))
    server.run()


@main.command("init", help=N_("Start a new site in DIR: this generator with content of its own, "
                              "which builds at once."))
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False, path_type=Path))
@option("--languages", default="nl,en", show_default=True,
        help=N_("The site's languages, the default first, separated by commas."))
def init_command(folder: Path, languages: str) -> None:
    from generator.commands.scaffold import init

    written = init(folder, [code.strip() for code in languages.split(",") if code.strip()])
    for path in written:
        click.echo(f"  {path.relative_to(folder)}")
    click.echo(_("A new site in {folder}. Next: cd {folder}, then make site (or pilots build) "
                 "and make serve to see it; your words go in content/.").format(folder=folder))


@main.command("view", help=N_("Show the built site/ at http://127.0.0.1:PORT/ as readers will "
                              "get it (run pilots build first)."))
@root_option
@option("--port", default=8001, show_default=True, help=N_("The port to serve on."))
def view_command(paths: Paths, port: int) -> None:
    from generator.commands.view import built_path, server

    try:
        base_path = built_path(paths.out) if (paths.out / "index.html").is_file() else None
    except (OSError, UnicodeError):  # its robots.txt is missing or unreadable: not whole
        base_path = None
    if base_path is None:
        raise click.ClickException(_("there is no built site in {folder} yet: run pilots build "
                                     "first").format(folder=_rel(paths.out)))
    try:
        httpd = server(paths.out, base_path, port)
    except OSError as exc:
        raise click.ClickException(_("port {port} is busy ({reason}); try --port {next}")
                                   .format(port=port, reason=exc.strerror, next=port + 1))
    click.echo(_("The built site: http://127.0.0.1:{port}{path} (stop with Ctrl-C)")
               .format(port=port, path=base_path))
    with contextlib.suppress(KeyboardInterrupt):
        httpd.serve_forever()


@main.command("schema", help=N_("Write JSON Schemas (schemas/), the content model (docs/) and "
                                "VS Code settings for editing meta.yml."))
@root_option
def schema_command(paths: Paths) -> None:
    from generator.commands import schema

    for path in schema.write(paths.root):
        click.echo(_("wrote {path}").format(path=path.relative_to(paths.root)))


if __name__ == "__main__":  # pragma: no cover
    main()
