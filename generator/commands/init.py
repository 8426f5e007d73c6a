"""`pilots init DIR`: a new site for another pilot project.

The new folder holds everything this one does (the generator, the theme, the
tests, the publishing workflow, the editors' guide), with content of its own:
site.yml, empty taxonomies and an about page, written in the editor's
language, which build strictly at once. The project's look and words are
then set in content/ alone (site.yml's `brand:`, content/texts/).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.commands.scaffold import ScaffoldError
from generator.content.messages import SITE, _, catalogue, speaking
from generator.content.sitetexts import FOLDER as TEXTS, template

SOURCE = Path(__file__).resolve().parents[2]  # the folder this generator runs from
LEFT_OUT = {"content", "site", ".venv", ".build", ".cache", "node_modules", ".git", "__pycache__",
            ".pytest_cache", ".hypothesis", "artifacts", "work", ".site.stage", "*.egg-info"}


def init(target: Path, languages: list[str]) -> list[Path]:
    """Makes a new site in `target` (an empty or new folder); returns what it wrote
    of its own (the content).

    Raises:
        ScaffoldError: when the folder holds anything, or this generator is not
            a folder of files to copy (an installed package).
    """
    if target.exists() and any(target.iterdir()):
        raise ScaffoldError(_("{folder} is not empty; give a new folder").format(folder=target))
    if not (SOURCE / "theme").is_dir() or not (SOURCE / "mkdocs.yml").is_file():
        raise ScaffoldError(_("this generator is installed without its theme; run pilots init "
                              "from a copy of its repository"))
    shutil.copytree(SOURCE, target, dirs_exist_ok=True,
                    ignore=shutil.ignore_patterns(*LEFT_OUT))
    content = target / "content"
    files = {"site.yml": _site(languages), "taxonomies.yml": _taxonomies(),
             "pages/about/meta.yml": "order: 1\n"}
    for lang in languages:
        if not catalogue(lang, SITE).is_file():  # the generator has no words in it: to translate
            files[f"{TEXTS}/{lang}.po"] = template(lang)
        with speaking(lang if lang in ("nl", "en") else "en"):
            files[f"pages/about/{lang}.md"] = _("---\ntitle: About this project\nsummary: What "
                                                "the project is, and who takes part.\n---\n"
                                                "Write here what the project is about.\n")
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, encoding="utf-8")
    return [content / rel for rel in files]


def _site(languages: list[str]) -> str:
    titles = ", ".join(f'{lang}: "{_title(lang)}"' for lang in languages)
    return "\n".join([
        _("# The site's settings (the content model in docs/ lists every one)."),
        f"title: {{{titles}}}",
        f"languages: [{', '.join(languages)}]",
        _("# The address the site is published at (GitHub Pages tells it)"),
        "base_url: https://example.org/",
        _("# Its look, without CSS: colours are checked for contrast. A logo (PNG) and "
          "fonts (WOFF2) go in content/brand/."),
        '# brand: {colour: "#17506b", logo: logo.png}',
        _("# Who funds it, shown at the foot of every page; `funder: eu` adds the EU emblem."),
        "# funding: {" + ", ".join(f'{lang}: "..."' for lang in languages) + "}", ""])


def _title(lang: str) -> str:
    with speaking(lang if lang in ("nl", "en") else "en"):
        return _("A new pilot project")


def _taxonomies() -> str:
    return "\n".join([_("# Themes, target groups and kinds of intervention, each by an id."),
                      "themes: {}", "target_groups: {}", "intervention_types: {}", ""])
