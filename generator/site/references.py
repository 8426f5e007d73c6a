"""References between records: ids of other records and of taxonomy terms."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from generator.content import Content
from generator.content.bundle import Bundle, Kind
from generator.content.messages import N_, _
from generator.content.problems import Problems, did_you_mean
from generator.content.records.taxonomies import Taxonomies
from generator.content.yamlsrc import line_at

# What an unknown term is called, per vocabulary
VOCABULARIES = {"themes": N_('`{field}`: "{term}" is not a theme in taxonomies.yml.'),
                "target_groups": N_('`{field}`: "{term}" is not a target group in taxonomies.yml.'),
                "intervention_types": N_('`{field}`: "{term}" is not an intervention type in '
                                         "taxonomies.yml.")}


class References:
    """Resolves ids a record names into the published records they stand for:
    `published` by kind folder and id (filled as resolution goes on), of all
    the ids that exist in `content`."""

    def __init__(self, content: Content, published: dict[str, dict[str, Any]],
                 problems: Problems):
        self.known = {folder: set(bundles) for folder, bundles in content.bundles.items()}
        self.published, self.problems = published, problems

    def exists(self, kind: Kind, ref: str) -> bool:
        """Whether a record of this kind and id exists (published or not)."""
        return ref in self.known.get(kind.folder, ())

    def of(self, ids: Iterable[str], kind: Kind, bundle: Bundle, field: str) -> list[Any]:
        """Resolves ids of another kind named in a bundle's meta.yml."""
        return self.named(ids, kind, bundle.meta_path, bundle.raw, field)

    def named(self, ids: Iterable[str], kind: Kind, path: Path, raw: Any, field: str,
              line: int | None = None) -> list[Any]:
        """Resolves ids of another kind, reporting unknown ones with a suggestion.

        Ids of records that exist but are not published (drafts, no consent)
        are dropped silently: nothing of them may leak into the site.
        """
        published = self.published.get(kind.folder, {})
        known = self.known.get(kind.folder, set())
        found = []
        for index, ref in enumerate(ids):
            if ref not in known and not self.problems.full(path):
                names = sorted(known)
                hint = _("use the id (folder name) of one in {folder}: {ids}") if names else \
                    _("use the id (folder name) of one in {folder} (there are none yet)")
                self.problems.add(path, line_at(raw, (field, index), line), _(
                    '`{field}`: there is no {kind} "{id}".').format(
                    field=field, kind=_(kind.singular), id=ref) + did_you_mean(ref, names),
                    hint.format(folder=f"content/{kind.folder}/", ids=", ".join(names[:8])
                                + (", ..." if len(names) > 8 else "")))
            elif ref in published:
                found.append(published[ref])
        return found


def check_terms(ids: Iterable[str], vocabulary: str, taxonomies: Taxonomies, path: Path,
                raw: Any, field: str, problems: Problems, line: int | None = None) -> None:
    """Reports taxonomy ids that taxonomies.yml does not define."""
    known = getattr(taxonomies, vocabulary)
    for index, term in enumerate(ids):
        if term not in known and not problems.full(path):
            problems.add(
                path, line_at(raw, (field, index), line),
                _(VOCABULARIES[vocabulary]).format(field=field, term=term)
                + did_you_mean(term, known),
                _("use one of {terms} or add it under `{vocabulary}:` in content/taxonomies.yml")
                .format(terms=", ".join(sorted(known)) or _("(none)"), vocabulary=vocabulary))
