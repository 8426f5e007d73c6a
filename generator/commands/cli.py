"""The `pilots` command: build, check, status, serve and scaffold the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.build import (STAGES, BuildBusy, BuildReport, EngineError, Options, Paths, build,
                             check)
from generator.engine import ENGINES, engine_named
from generator.commands.report import echo_problems
from generator.content.problems import ContentError
from generator.content.records.site import checked_base_url


def find_root(start: Path | None = None) -> Path:
    """Returns the folder holding mkdocs.yml: the current one or a parent.

    Raises:
        click.ClickException: when there is none.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "content").is_dir():
            return folder
    raise click.ClickException(
        "no mkdocs.yml with a content/ folder here or above; run this in the site's folder")


root_option = click.option("--root", type=click.Path(file_okay=False, path_type=Path),
                           default=None, help="The site's folder (default: found from here).")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="pilot-stories")
def main() -> None:
    """Build and check the bilingual pilot storytelling site."""


@main.command("build")
@root_option
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/).")
@click.option("--drafts", is_flag=True, help="Publish drafts too (for previews).")
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option("--base-url", default=None, metavar="URL",
              help="The site's address, instead of base_url in site.yml (for publishing).")
@click.option("--engine", "engine_name", type=click.Choice(sorted(ENGINES)), default="mkdocs",
              show_default=True, help="The site engine that puts the theme around the pages.")
@click.option("--timings", is_flag=True, help="Say how long each stage of the build took.")
def build_command(root: Path | None, out: Path | None, drafts: bool, strict: bool,
                  base_url: str | None, engine_name: str, timings: bool) -> None:
    """Build every language into site/."""
    paths = Paths(root or find_root(), out)
    if base_url:
        try:
            checked_base_url(base_url)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--base-url")
    options = Options(drafts=drafts, strict=strict, base_url=base_url,
                      engine=engine_named(engine_name))
    report = _run_build(paths, options)
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
        raise click.ClickException(f"{exc.summary}; nothing was built, {_rel(paths.out)} is unchanged")
    except EngineError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise click.ClickException(f"the site engine failed; {_rel(paths.out)} is unchanged")


def timing_table(report: BuildReport) -> str:
    """Returns how long each stage took, in the order they ran."""
    rows = [f"  {stage:<9} {report.timings[stage]:7.2f} s" for stage in STAGES
            if stage in report.timings]
    return "\n".join(["Stages:", *rows, f"  {'total':<9} {report.timings.get('total', 0):7.2f} s"])


def _rel(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path)


def summary(report: BuildReport, paths: Paths) -> str:
    """Returns the one-line result of a build."""
    languages = ", ".join(r.lang + (" (unchanged)" if r.cached else "") for r in report.engine)
    images = report.images
    image_text = f"; images: {images.images} ({images.processed} processed)" if images else ""
    return (f"Built {report.pages} pages in {languages} into {_rel(paths.out)} "
            f"in {report.timings.get('total', 0):.1f} s{image_text}")


@main.command("check")
@root_option
@click.option("--drafts/--no-drafts", default=True, show_default=True,
              help="Check drafts too (they are checked as if they were published).")
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              help="text for people, github for GitHub Actions annotations, json for tools.")
def check_command(root: Path | None, drafts: bool, strict: bool, fmt: str) -> None:
    """Check the content without building the site."""
    from generator.commands.report import print_check

    paths = Paths(root or find_root())
    _, problems = check(paths, drafts)
    failing = problems.failing(strict)
    print_check(problems.of("error", "warning", "notice"), fmt, len(failing))
    sys.exit(1 if failing else 0)


@main.command("status")
@root_option
def status_command(root: Path | None) -> None:
    """Show which texts exist in which language, drafts, consent and credits."""
    from generator.commands.status import render, status

    paths = Paths(root or find_root())
    result = status(paths.content)
    if result is None:
        raise click.ClickException("content/site.yml cannot be read; run `pilots check`")
    click.echo(render(result))


@main.command("new")
@click.argument("kind", type=click.Choice(["story", "pilot", "page", "person"]))
@click.argument("record_id", metavar="ID")
@click.option("--pilot", help="For a story: the pilot it belongs to.")
@click.option("--country", default="NL", show_default=True, help="For a pilot: its country code.")
@click.option("--place", default="TODO", help="For a pilot: the municipality or region.")
@click.option("--lat", type=float, help="For a pilot: latitude of the place.")
@click.option("--lon", type=float, help="For a pilot: longitude of the place.")
@root_option
def new_command(kind: str, record_id: str, pilot: str | None, country: str, place: str,
                lat: float | None, lon: float | None, root: Path | None) -> None:
    """Create a new story, pilot, page or person, ready to fill in.

    The new record is a draft: it passes `pilots check` and stays off the
    site until you remove `draft: true` from its meta.yml.
    """
    from generator.content import load_content
    from generator.content.problems import Problems
    from generator.commands.scaffold import Options, ScaffoldError, create

    paths = Paths(root or find_root())
    content = load_content(paths.content, Problems())
    languages = content.languages if content else ["nl", "en"]
    options = Options(pilot=pilot, country=country, place=place, lat=lat, lon=lon)
    try:
        files = create(paths.content, kind, record_id, options, languages)
    except ScaffoldError as exc:
        raise click.ClickException(str(exc))
    click.echo(f"Created {kind} {record_id}:")
    for path in files:
        click.echo(f"  {path.relative_to(paths.root)}")
    click.echo("Fill in the TODOs, then run `pilots check`. It stays a draft until you remove "
               "`draft: true`.")


@main.command("serve")
@root_option
@click.option("--port", default=8000, show_default=True, help="The port to serve on.")
@click.option("--no-drafts", is_flag=True, help="Hide drafts, as on the published site.")
def serve_command(root: Path | None, port: int, no_drafts: bool) -> None:
    """Preview the site at http://127.0.0.1:PORT/; rebuilds when you save."""
    import http.server
    import threading

    from generator.commands.preview import Preview, handler_for

    paths = Paths(root or find_root())
    preview = Preview(paths, drafts=not no_drafts, log=lambda m: click.echo(m, err=True))
    preview.rebuild()
    handler = handler_for(preview.paths.out, preview.hub)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    except OSError as exc:
        raise click.ClickException(f"port {port} is busy ({exc.strerror}); try --port {port + 1}")
    server.daemon_threads = True
    observer = preview.watch()
    threading.Thread(target=preview.loop, daemon=True).start()
    click.echo(f"Preview: http://127.0.0.1:{port}/ (Dutch) and http://127.0.0.1:{port}/en/ "
               "(English). Stop with Ctrl-C.")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        preview.stopped.set()
        observer.stop()
        server.server_close()
        preview.engine.close()


@main.command("schema")
@root_option
def schema_command(root: Path | None) -> None:
    """Write JSON Schemas (schemas/) and VS Code settings for editing meta.yml."""
    from generator.commands.schema import write

    paths = Paths(root or find_root())
    for path in write(paths.root):
        click.echo(f"wrote {path.relative_to(paths.root)}")


if __name__ == "__main__":  # pragma: no cover
    main()
