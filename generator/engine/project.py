"""An emitted language as an ordinary MkDocs-format project: docs/ plus a
mkdocs.yml derived from the top-level one. MkDocs, ProperDocs and Zensical
all read this format."""

from __future__ import annotations

import copy
import os
from importlib import util
from pathlib import Path
from typing import Any

import yaml

from generator.emit.project import NavItem, Project, write_tree

HOOKS = Path(__file__).with_name("hooks.py")
OUTPUT_IN_PROJECT = "_site"  # for engines that want their output inside the project


class _KeepLoader(yaml.SafeLoader):
    """Reads mkdocs.yml keeping each value with a custom tag (!ENV,
    !!python/name:...) as its YAML node, resolving none."""


class _KeepDumper(yaml.SafeDumper):
    """Writes the nodes _KeepLoader kept back with their tags."""


for _prefix in ("!", "tag:yaml.org,2002:python/"):
    _KeepLoader.add_multi_constructor(_prefix, lambda loader, suffix, node: node)
_KeepDumper.add_multi_representer(yaml.Node, lambda dumper, node: node)


def read_base_config(path: Path) -> dict[str, Any]:
    """Reads the top-level mkdocs.yml, keeping custom tags as they are."""
    loader = _KeepLoader(path.read_text(encoding="utf-8"))  # a SafeLoader: nothing is run
    try:
        data = loader.get_single_data() or {}
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise ValueError(f"{path} does not hold settings")
    return data


def _nav(items: list[NavItem]) -> list[Any]:
    return [{item.title: _nav(list(item.children)) if item.children else item.path}
            for item in items]


def project_config(base: dict[str, Any], base_dir: Path, project: Project,
                   site_dir: Path) -> dict[str, Any]:
    """Derives one language's mkdocs.yml from the top-level one (`base`, read
    in `base_dir`, to which its relative paths lead)."""
    config = copy.deepcopy(base)
    settings = project.settings
    config.update(site_name=settings["site_name"], site_url=settings["site_url"],
                  site_description=settings.get("site_description") or None,
                  docs_dir="docs", site_dir=str(site_dir), use_directory_urls=True,
                  nav=_nav(project.nav))
    theme = config.setdefault("theme", {"name": "material"})
    theme["language"] = settings["language"]
    for palette in theme.get("palette") or []:  # the toggles' names, in the page's language
        toggle = palette.get("toggle") if isinstance(palette, dict) else None
        if toggle and toggle.get("name") in settings["ui"]:
            toggle["name"] = settings["ui"][toggle["name"]]
    theme["font"] = False  # no Google Fonts: the site loads nothing from third parties
    if "custom_dir" in theme and not os.path.isabs(str(theme["custom_dir"])):
        theme["custom_dir"] = str((base_dir / theme["custom_dir"]).resolve())
    if "assets/css/brand.css" in project.files:  # site.yml's colours and fonts, after the theme's
        config["extra_css"] = [*config.get("extra_css", []), "assets/css/brand.css"]
    logo = next((path for path in project.files if path.startswith("assets/brand/logo")), None)
    if logo:
        theme["logo"] = logo
    extra = config.setdefault("extra", {})
    # the theme's own words (search, menu) in a language it knows; English otherwise
    extra["pl"] = {**settings, "theme_language": theme_language(settings["language"])}
    extra["alternate"] = settings["languages"]
    hooks = config.setdefault("hooks", [])
    hooks.append(str(HOOKS))
    validation = config.setdefault("validation", {})
    validation.setdefault("nav", {})["omitted_files"] = "ignore"  # stories are not in the menu
    # Links are checked on the assembled site (generator/linkcheck.py), where
    # links across languages and to data and media resolve; the engine sees
    # one language's Markdown only.
    validation["links"] = {"not_found": "info", "anchors": "info", "absolute_links": "info",
                           "unrecognized_links": "info"}
    return config


def theme_language(code: str) -> str:
    """The language of the theme's interface texts: the page's, if the theme has them."""
    spec = util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return code
    folder = Path(list(spec.submodule_search_locations)[0]) / "templates/partials/languages"
    return code if (folder / f"{code}.html").is_file() else "en"


def write_pages(project: Project, folder: Path) -> None:
    """Writes only a language's pages that are in `project` (the preview's
    first pages), leaving the rest of its project as it was."""
    write_tree({f"docs/{src}": page.text() for src, page in project.pages.items()}, folder,
               prune=False)


def write_project(project: Project, folder: Path, base: dict[str, Any],
                  base_dir: Path, site_dir: Path) -> None:
    """Writes a language's MkDocs project (only changed files are touched: their
    times tell the preview's dirty builds what to render)."""
    files: dict[str, str | bytes] = {f"docs/{src}": page.text() for src, page in project.pages.items()}
    files.update({f"docs/{path}": text for path, text in project.files.items()})
    config = project_config(base, base_dir, project, site_dir)
    files["mkdocs.yml"] = yaml.dump(config, Dumper=_KeepDumper, allow_unicode=True,
                                    sort_keys=False, width=1 << 20)
    write_tree(files, folder, keep=(OUTPUT_IN_PROJECT,))
