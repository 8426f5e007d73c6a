"""`translations: required`: every published record, and every per-language
field, has a text in every language of the site. A draft may have one language:
a Dutch-first writer previews the Dutch text before the English exists."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.content import Content
from generator.content.bundle import Bundle
from generator.content.fields import local_texts
from generator.content.messages import _
from generator.content.problems import Problems
from generator.content.yamlsrc import line_at


def check_translations(content: Content, problems: Problems) -> None:
    """Reports every text and label that lacks a language."""
    languages = content.languages
    for bundles in content.bundles.values():
        for bundle in bundles.values():
            if bundle.meta is not None and bundle.meta.draft:
                continue
            _missing_texts(bundle, languages, problems)
            if bundle.meta is not None:
                _missing_labels(bundle.meta, bundle.raw, bundle.meta_path, languages, problems)
    for items in [*content.interventions.values(), content.publications]:
        for item in items:
            _missing_labels(item.value, item.raw, item.path, languages, problems)
    _missing_labels(content.taxonomies, content.taxonomies_raw, content.root / "taxonomies.yml",
                    languages, problems)
    _missing_labels(content.site, content.site_raw, content.root / "site.yml", languages,
                    problems)


def _missing_texts(bundle: Bundle, languages: list[str], problems: Problems) -> None:
    optional = not bundle.kind.texts_required and not bundle.texts and not bundle.unreadable
    for lang in languages:
        if lang not in bundle.texts and lang not in bundle.unreadable and not optional:
            problems.add(bundle.dir / f"{lang}.md", None,
                         _("{name} is missing, and site.yml says translations are required")
                         .format(name=f"{lang}.md"),
                         _("write {path}, or set `translations: fallback` in site.yml (a draft "
                           "may have one language)")
                         .format(path=f"{bundle.kind.folder}/{bundle.id}/{lang}.md"))


def _missing_labels(value: Any, raw: Any, path: Path, languages: list[str],
                    problems: Problems) -> None:
    for loc, text in local_texts(value):
        missing = [lang for lang in languages if lang not in text]
        if missing:
            field = ".".join(str(s) for s in loc)
            problems.add(path, line_at(raw, loc), _("`{field}` has no {languages} text, and "
                                                    "translations are required")
                         .format(field=field, languages=", ".join(missing)),
                         _('add {lang}: "..." to `{field}`').format(lang=missing[0], field=field))
