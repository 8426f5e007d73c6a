"""The `pilots` command: build, check, status, serve and scaffold the site."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .build import BuildReport, EngineError, Paths, build, check
from .problems import ContentError, Problem


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


def echo_problems(problems: list[Problem], color: bool | None = None) -> None:
    """Prints problems for an editor: errors in red, warnings in yellow."""
    colours = {"error": "red", "warning": "yellow", "notice": "cyan"}
    for problem in problems:
        click.secho(problem.format(), fg=colours[problem.level], err=True, color=color)


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
def build_command(root: Path | None, out: Path | None, drafts: bool, strict: bool) -> None:
    """Build every language into site/."""
    paths = Paths(root or find_root(), out)
    try:
        report = build(paths, drafts=drafts, strict=strict)
    except ContentError as exc:
        echo_problems(exc.problems)
        raise click.ClickException(f"{exc}; nothing was built, {_rel(paths.out)} is unchanged")
    except EngineError as exc:
        click.secho(str(exc), fg="red", err=True)
        raise click.ClickException(f"the site engine failed; {_rel(paths.out)} is unchanged")
    echo_problems([p for p in report.problems if p.level != "error"])
    click.echo(summary(report, paths))


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
@click.option("--drafts", is_flag=True, help="Check drafts as if they were published.")
@click.option("--strict", is_flag=True, help="Fail on warnings as well as errors.")
@click.option("--format", "fmt", type=click.Choice(["text", "github", "json"]), default="text",
              help="text for people, github for GitHub Actions annotations, json for tools.")
def check_command(root: Path | None, drafts: bool, strict: bool, fmt: str) -> None:
    """Check the content without building the site."""
    from .report import print_check

    paths = Paths(root or find_root())
    _, problems = check(paths, drafts)
    failing = problems.failing(strict)
    print_check(problems.of("error", "warning", "notice"), fmt, len(failing))
    sys.exit(1 if failing else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
