"""`pilots status`: which texts exist in which language, what is a draft,
which stories lack consent and which images lack a credit."""

from __future__ import annotations

from pathlib import Path

from generator.content.problems import Problems
from generator.content.load import load_content
from generator.content.bundle import Bundle
from generator.content.fields import local_texts
from generator.content.kinds import KINDS
from generator.content.messages import _, ngettext


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


def _row(bundle: Bundle, languages: list[str]) -> list[str]:
    """A record's line in the table: its kind, id, each language's presence and notes."""
    needs_text = _needs_text(bundle)
    present = {lang: lang in bundle.texts or not needs_text for lang in languages}
    notes = _notes(bundle, present)
    return [_(bundle.kind.singular), bundle.id,
            *(_("yes") if present[lang] else "-" for lang in languages), "; ".join(notes)]


def _notes(bundle: Bundle, present: dict[str, bool]) -> list[str]:
    """What an editor should know of a record; a language a per-language field
    lacks is marked absent."""
    notes, meta = [], bundle.meta
    if meta is None:
        return [_("has errors (see pilots check)")]
    if bundle.unreadable:
        notes.append(_("cannot be read: {files} (see pilots check)").format(
            files=", ".join(f"{lang}.md" for lang in sorted(bundle.unreadable))))
    missing = [lang for lang in present
               if lang not in bundle.texts and lang not in bundle.unreadable]
    if missing and _needs_text(bundle):
        notes.append(_("missing: {files}").format(
            files=", ".join(f"{lang}.md" for lang in missing)))
    for loc, text in local_texts(meta):
        absent = [lang for lang in present if lang not in text]
        present.update(dict.fromkeys(absent, False))
        if absent:
            name = ".".join(str(part) for part in loc)
            notes.append(_("{field} has no {languages}").format(field=name,
                                                                languages=", ".join(absent)))
    if meta.draft:
        notes.append(_("draft"))
    consent = getattr(meta, "consent", None)
    if consent is not None and not consent.given:
        notes.append(_("no consent: not published"))
    if getattr(meta, "example", False):
        notes.append(_("illustrative example"))
    for name in ("cover", "photo"):
        image = getattr(meta, name, None)
        if image is not None and not image.credit:
            notes.append(_("{field} {file} has no credit").format(field=name, file=image.file))
    return notes


def _render(rows: list[list[str]], texts: dict[str, tuple[int, int]], errors: int) -> str:
    """texts: per language, (texts present, texts expected); errors: how many content
    errors `pilots check` would report."""
    header = [_("kind"), "id", *texts, _("notes")]
    widths = [max(len(x) for x in column) for column in zip(header, *rows)]
    out = ["  ".join(x.ljust(w) for x, w in zip(line, widths)).rstrip()
           for line in [header, ["-" * w for w in widths], *rows]]
    out += ["", _("Translations: {languages}").format(languages=", ".join(
        _("{lang} {percent} ({done} of {total} texts)").format(
            lang=lang, percent=f"{100 * done / total:.0f}%" if total else "100%", done=done,
            total=total) for lang, (done, total) in texts.items()))]
    if errors:
        out.append(ngettext("{count} content error: run `pilots check` to see it.",
                            "{count} content errors: run `pilots check` to see them.",
                            errors).format(count=errors))
    return "\n".join(out)
