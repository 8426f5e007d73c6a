"""`pilots status`: which texts exist in which language, what is a draft,
which stories lack consent and which images lack a credit."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.content.problems import Problems
from generator.content.load import load_content
from generator.content.bundle import Bundle
from generator.content.fields import local_texts
from generator.content.kinds import KINDS
from generator.content.messages import _, ngettext


@dataclass
class Row:
    """One record's line in the status table (kind: the singular, e.g. story)."""

    kind: str
    id: str
    languages: dict[str, bool]
    notes: list[str] = field(default_factory=list)


def status(root: Path) -> str | None:
    """Returns the status of a content folder as a text table with a summary line
    (None if site.yml is unusable)."""
    problems = Problems(root=root.parent)
    content = load_content(root, problems)
    if content is None:
        return None
    bundles = [bundle for kind in KINDS.values() for bundle in content.of(kind).values()]
    values = [bundle.meta for bundle in bundles] + [content.taxonomies, content.site]
    values += [item.value for items in content.interventions.values() for item in items]
    # each text that should exist in every language, as the languages it has
    texts = [bundle.texts for bundle in bundles if _needs_text(bundle)]
    texts += [text for value in values for _loc, text in local_texts(value)]
    counts = {lang: (sum(lang in text for text in texts), len(texts))
              for lang in content.languages}
    return _render([_row(bundle, content.languages) for bundle in bundles], counts,
                   len(problems.errors))


def _needs_text(bundle: Bundle) -> bool:
    """Whether a record is expected to have a Markdown text per language."""
    return bundle.kind.texts_required or bool(bundle.texts)


def _row(bundle: Bundle, languages: list[str]) -> Row:
    meta = bundle.meta
    needs_text = _needs_text(bundle)
    row = Row(bundle.kind.singular, bundle.id, {lang: lang in bundle.texts or not needs_text
                                                for lang in languages})
    if meta is None:
        row.notes.append(_("has errors (see pilots check)"))
        return row
    _missing_fields(row, meta)
    if meta.draft:
        row.notes.append(_("draft"))
    consent = getattr(meta, "consent", None)
    if consent is not None and not consent.given:
        row.notes.append(_("no consent: not published"))
    if getattr(meta, "example", False):
        row.notes.append(_("illustrative example"))
    for name in ("cover", "photo"):
        image = getattr(meta, name, None)
        if image is not None and not image.credit:
            row.notes.append(_("{field} {file} has no credit").format(field=name, file=image.file))
    missing = [lang for lang in languages
               if lang not in bundle.texts and lang not in bundle.unreadable]
    if missing and needs_text:
        row.notes.insert(0, _("missing: {files}").format(
            files=", ".join(f"{lang}.md" for lang in missing)))
    if bundle.unreadable:
        row.notes.insert(0, _("cannot be read: {files} (see pilots check)").format(
            files=", ".join(f"{lang}.md" for lang in sorted(bundle.unreadable))))
    return row


def _missing_fields(row: Row, meta: object) -> None:
    """Marks a language absent, with a note, when a per-language field lacks it."""
    for loc, text in local_texts(meta):
        absent = [lang for lang in row.languages if lang not in text]
        for lang in absent:
            row.languages[lang] = False
        if absent:
            name = ".".join(str(part) for part in loc)
            row.notes.append(_("{field} has no {languages}").format(field=name,
                                                                    languages=", ".join(absent)))


def _render(rows: list[Row], texts: dict[str, tuple[int, int]], errors: int) -> str:
    """texts: per language, (texts present, texts expected); errors: how many content
    errors `pilots check` would report."""
    languages = list(texts)
    header = [_("kind"), "id", *languages, _("notes")]
    lines = [[_(row.kind), row.id,
              *(_("yes") if row.languages[lang] else "-" for lang in languages),
              "; ".join(row.notes)] for row in rows]
    widths = [max(len(x) for x in column) for column in zip(header, *lines)]
    out = ["  ".join(x.ljust(w) for x, w in zip(line, widths)).rstrip()
           for line in [header, ["-" * w for w in widths], *lines]]
    out += ["", _("Translations: {languages}").format(languages=", ".join(
        _("{lang} {percent} ({done} of {total} texts)").format(
            lang=lang, percent=f"{100 * done / total:.0f}%" if total else "100%", done=done,
            total=total) for lang, (done, total) in texts.items()))]
    if errors:
        out.append(ngettext("{count} content error: run `pilots check` to see it.",
                            "{count} content errors: run `pilots check` to see them.",
                            errors).format(count=errors))
    return "\n".join(out)
