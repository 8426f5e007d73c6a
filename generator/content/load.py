"""Reads and validates the whole content tree in one pass, collecting every
problem: it never stops at the first one."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from gettext import NullTranslations
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.messages import _
from generator.content.problems import Problems, did_you_mean
from generator.content.sitetexts import FOLDER, site_texts
from generator.content.yamlsrc import YList, YMap, line_at
from generator.content.fields import validate
from generator.content.boundary import Boundary, Refused
from generator.content.bundle import Bundle, Kind, Reader, read_bundle
from generator.content.kept import KeptBundles
from generator.content.kinds import FILES, KINDS, PILOTS
from generator.content.records.brand import FOLDER as BRAND, brand_files
from generator.content.records.interventions import Intervention
from generator.content.records.publications import Publication
from generator.content.records.site import SiteConfig
from generator.content.records.taxonomies import Taxonomies


@dataclass
class Item:
    """A validated entry of a YAML list, with where it was written."""

    value: Any
    path: Path
    line: int
    raw: Any


@dataclass
class Content:
    """Everything read from content/, validated record by record.

    Cross-references (a story's pilot, a pilot's partners) are checked later,
    when the site model is resolved.
    """

    root: Path
    site: SiteConfig
    site_raw: Any
    taxonomies: Taxonomies
    taxonomies_raw: Any
    boundary: Boundary | None = None
    texts: dict[str, NullTranslations] = field(default_factory=dict)  # the site's words
    brand: dict[str, bytes] = field(default_factory=dict)  # its logo and fonts, checked
    bundles: dict[str, dict[str, Bundle]] = field(default_factory=dict)
    interventions: dict[str, list[Item]] = field(default_factory=dict)
    publications: list[Item] = field(default_factory=list)

    def of(self, kind: Kind) -> dict[str, Bundle]:
        return self.bundles.get(kind.folder, {})

    @property
    def languages(self) -> list[str]:
        """The site's languages, the default first."""
        return self.site.languages


def load_content(root: Path, problems: Problems, kept: KeptBundles | None = None
                 ) -> Content | None:
    """Reads and validates every record in the content folder `root`; None
    if site.yml itself is unusable (nothing else can be checked without its
    languages). The preview gives the bundles it `kept`."""
    if not root.is_dir():
        problems.add(root, None, _("the content folder does not exist"),
                     _("run the command from the folder that holds mkdocs.yml and content/"))
        return None
    reader = Reader(Boundary(root), problems)
    site, site_raw = None, None
    with reader.guard(root / "site.yml"):
        site, site_raw = _load_site(root / "site.yml", reader)
    if site is None:
        return None
    reader.context = {"languages": site.languages}
    with reader.guard(root):
        _check_top_level(root, reader)
    taxonomies, tax_raw = Taxonomies(), None
    with reader.guard(root / "taxonomies.yml"):
        taxonomies, tax_raw = _load_taxonomies(root / "taxonomies.yml", reader)
    content = Content(root, site, site_raw, taxonomies, tax_raw, boundary=reader.boundary)
    with reader.guard(root / FOLDER):
        content.texts = site_texts(root, site.languages, reader.text, problems,
                                   line_at(site_raw, ("languages",)))
    with reader.guard(root / "site.yml"):
        content.brand = brand_files(site.brand, root, reader.boundary.read_bytes, problems,
                                    line_at(site_raw, ("brand",)))
    for kind in KINDS.values():
        content.bundles[kind.folder] = _load_kind(root / kind.folder, kind, reader, kept)
    if kept:  # every folder there is has been read
        kept.forget_unread()
    for pilot_id, bundle in content.of(PILOTS).items():
        content.interventions[pilot_id] = load_list(
            bundle.dir / "interventions.yml", Intervention, reader, bundle.dir)
    content.publications = load_list(root / "publications.yml", Publication, reader)
    return content


def _load_site(path: Path, reader: Reader) -> tuple[SiteConfig | None, Any]:
    problems = reader.problems
    if not os.path.lexists(path):
        problems.add(path, None, _("site.yml is missing"),
                     _("create content/site.yml with title, languages and base_url"))
        return None, None
    raw = reader.yaml(path)
    if not isinstance(raw, YMap):
        if raw is not None:
            problems.add(path, 1, _("site.yml must hold named settings (title:, languages:, ...)"),
                         _("see the content model for an example"))
        return None, raw
    languages = raw.get("languages")
    ok = isinstance(languages, list) and all(isinstance(x, str) for x in languages)
    context = {"languages": list(languages) if ok else None}
    return validate(SiteConfig, raw, path, problems, context), raw


def _load_taxonomies(path: Path, reader: Reader) -> tuple[Taxonomies, Any]:
    """Validates each term on its own, so one bad term does not hide the rest."""
    raw = reader.yaml(path) if os.path.lexists(path) else ""
    if raw in ("", None):
        return Taxonomies(), raw
    if not isinstance(raw, YMap):
        reader.problems.add(path, 1, _("taxonomies.yml must hold themes:, target_groups: and "
                                       "intervention_types:"),
                            _("see the content model for an example"))
        return Taxonomies(), raw
    vocabularies = {name: dict(_valid_terms(name, raw, path, reader))
                    for name in Taxonomies.model_fields}
    validate(Taxonomies, raw.only(k for k in raw if k not in vocabularies), path,
             reader.problems, reader.context)
    return Taxonomies.model_construct(**vocabularies), raw


def _valid_terms(name: str, raw: YMap, path: Path, reader: Reader):
    terms = raw.get(name) or {}
    if not isinstance(terms, dict):
        reader.problems.add(path, raw.line_of(name), _("`{name}` must list terms by id")
                            .format(name=name),
                            _("write each term on its own line: `  some-id: {label: ...}`"))
        return
    for term in terms:
        wrapped = YMap({name: terms.only([term])}, line=raw.line, key_lines=raw.key_lines)
        checked = validate(Taxonomies, wrapped, path, reader.problems, reader.context)
        if checked is not None:
            yield term, getattr(checked, name)[term]


def _check_top_level(root: Path, reader: Reader) -> None:
    known = [*FILES, *KINDS, FOLDER, BRAND]
    for path in reader.boundary.entries(root):
        if path.name.startswith(".") or path.name in known:
            continue
        message = _('"{name}" is not a record kind of the content model.') if path.is_dir() \
            else _('"{name}" is not a file of the content model.')
        reader.problems.add(path, None, message.format(name=path.name)
                            + did_you_mean(path.name, known),
                            _("the content folder holds {names}").format(names=", ".join(known)))


def _load_kind(folder: Path, kind: Kind, reader: Reader,
               kept: KeptBundles | None) -> dict[str, Bundle]:
    """The bundles in a kind's folder whose every path stays inside content/."""
    found: dict[str, Bundle] = {}
    try:
        subs = reader.boundary.entries(folder) if folder.is_dir() else []
    except Refused as exc:
        reader.problems.add(folder, None, exc.message, exc.hint)
        return found
    for sub in (sub for sub in subs if not sub.name.startswith(".")):
        if not reader.boundary.inside(sub):
            reader.problems.add(sub, None, _("{name} leads outside content/").format(name=sub.name),
                                _("replace the link with a real folder"))
        elif not sub.is_dir():
            reader.problems.add(sub, None, _("{name} is not a bundle: every {kind} is a folder")
                                .format(name=sub.name, kind=_(kind.singular)),
                                _("move it into a folder {folder}/<id>/ with meta.yml and "
                                  "nl.md/en.md").format(folder=kind.folder), level="warning")
        else:
            with reader.guard(sub):
                bundle = kept.read(kind, sub, reader) if kept else read_bundle(kind, sub, reader)
                if bundle is not None:
                    found[bundle.id] = bundle
    return found


def load_list(path: Path, model: type[BaseModel], reader: Reader,
              within: Path | None = None) -> list[Item]:
    """Reads a YAML list file (a missing one is empty), validating each entry
    on its own; `within` is the folder the file belongs to (its bundle)."""
    items: list[Item] = []
    if not os.path.lexists(path):
        return items
    with reader.guard(path):
        raw = reader.yaml(path, within)
        if raw not in ("", None) and not isinstance(raw, YList):
            reader.problems.add(path, getattr(raw, "line", 1), _("{name} must be a list of "
                                                                 "entries").format(name=path.name),
                                _("start each entry with `- ` (a dash and a space)"))
        for index, entry in enumerate(raw if isinstance(raw, YList) else ()):
            value = validate(model, entry, path, reader.problems, reader.context)
            if value is not None:
                items.append(Item(value, path, raw.line_of(index), entry))
    return items
