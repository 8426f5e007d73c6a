"""Bundles: one folder per record, with meta.yml, one Markdown file per language
and media files beside them."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.content.problems import Problems, did_you_mean
from generator.content.yamlsrc import YMap, load_yaml, split_front_matter
from generator.content.boundary import Boundary, Refused
from generator.content.fields import is_valid_id, validate
from generator.content.records.front import Front

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


@dataclass(frozen=True)
class Kind:
    """A kind of record: where its bundles live, what they hold, how it is named.

    Every kind is described once (see generator.content.kinds); nothing else
    spells out a kind's names.

    Attributes:
        folder: Its folder in content/ and its address on the site (stories).
        singular: One record of the kind, for messages and `pilots new` (story).
        meta: The model of meta.yml, or None if the kind has no meta.yml.
        front: The model of the Markdown front matter.
        template: The page template of a record of this kind.
        meta_required: Whether meta.yml must exist.
        texts_required: Whether at least one language's Markdown must exist.
        data_suffixes: Other files allowed in the bundle (besides images).
        extra_files: Named extra files allowed (e.g. interventions.yml).
        at_root: Records sit at the language root (about/), not in the folder.
    """

    folder: str
    singular: str
    meta: type[BaseModel] | None
    front: type[BaseModel] = Front
    template: str = ""
    meta_required: bool = True
    texts_required: bool = True
    data_suffixes: frozenset[str] = frozenset()
    extra_files: frozenset[str] = frozenset()
    at_root: bool = False

    def path(self, record_id: str) -> str:
        """A record's page under a language root: stories/x/, or about/ for a page."""
        return f"{record_id}/" if self.at_root else f"{self.folder}/{record_id}/"


@dataclass
class TextSource:
    """One language's prose of a record.

    Attributes:
        lang: The language of the file (nl.md is Dutch).
        path: The file.
        front: The validated front matter.
        body: The Markdown body.
        body_line: The line the body starts on.
        raw: The whole file, as written.
    """

    lang: str
    path: Path
    front: Any
    body: str
    body_line: int
    raw: str = ""  # the whole file, as written

    @property
    def title(self) -> str | None:
        """The title from the front matter, if any."""
        return getattr(self.front, "title", None)


@dataclass
class Bundle:
    """One record's folder, read and validated.

    Attributes:
        kind: The record's kind.
        id: The folder name, which is the record's id.
        dir: The folder.
        meta: The validated meta.yml, or None if it is invalid or absent.
        raw: The parsed meta.yml, for line numbers.
        texts: The Markdown text per language.
        media: Image and data files in the bundle, by name: the real files, each
            checked by the content boundary.
        refused: Media files the boundary refused (already reported).
    """

    kind: Kind
    id: str
    dir: Path
    meta: Any = None
    raw: Any = None
    texts: dict[str, TextSource] = field(default_factory=dict)
    media: dict[str, Path] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)  # media named but not readable

    @property
    def meta_path(self) -> Path:
        """The bundle's meta.yml."""
        return self.dir / "meta.yml"


@dataclass
class Reader:
    """Reads content through the boundary, turning every refusal and every
    unreadable file into a problem with its file (and line, where there is one).

    Attributes:
        boundary: What may be read.
        problems: Where problems go.
        context: Validation context; `languages` lists the site's languages.
    """

    boundary: Boundary
    problems: Problems
    context: dict = field(default_factory=dict)

    def text(self, path: Path, within: Path | None = None) -> str | None:
        """Reads a record's text file (meta.yml, nl.md): never a symlink."""
        try:
            return self.boundary.read_text(path, within, link_ok=False)
        except Refused as exc:
            self.problems.add(path, None, exc.message, exc.hint)
            return None

    def yaml(self, path: Path, within: Path | None = None) -> Any:
        """Reads a YAML file, recording unreadable YAML and duplicate keys.

        Returns:
            The data ("" for an empty file), or None when it cannot be read.
        """
        text = self.text(path, within)
        if text is None:
            return None
        loaded = load_yaml(text)
        if loaded.error is not None:
            self.problems.add(path, loaded.error.line, loaded.error.message, loaded.error.hint)
            return None
        _report_duplicates(path, loaded.duplicates, self.problems)
        return "" if loaded.data is None else loaded.data


def read_bundle(kind: Kind, folder: Path, reader: Reader) -> Bundle | None:
    """Reads one bundle: its id, meta.yml, Markdown per language and media.

    Args:
        kind: The record's kind.
        folder: The bundle's folder.
        reader: Reads through the content boundary.

    Returns:
        The bundle, or None when its id is not valid.
    """
    problems = reader.problems
    if not is_valid_id(folder.name):
        problems.add(folder, None, f'the folder name "{folder.name}" is not a valid id',
                     "rename the folder with lowercase letters a-z, digits and hyphens only, "
                     "e.g. afval-in-de-wijk")
        return None
    bundle = Bundle(kind, folder.name, folder)
    _read_meta(bundle, reader)
    languages = reader.context["languages"]
    for lang in languages:
        text = _read_text(folder / f"{lang}.md", lang, kind.front, reader, folder)
        if text is not None:
            bundle.texts[lang] = text
    _scan_files(bundle, languages, reader)
    if kind.texts_required and not bundle.texts and (folder / "meta.yml").exists():
        problems.add(folder, None, f"{kind.singular} \"{folder.name}\" has no text in "
                     "any language",
                     f"add {' or '.join(f'{lang}.md' for lang in languages)} with a title in "
                     "its front matter")
    return bundle


def _read_meta(bundle: Bundle, reader: Reader) -> None:
    path, kind = bundle.meta_path, bundle.kind
    if kind.meta is None or not os.path.lexists(path):
        if kind.meta is not None and kind.meta_required:
            reader.problems.add(bundle.dir, None, f"meta.yml is missing in {kind.folder}/{bundle.id}",
                                f"add a meta.yml (or create the record with: pilots new "
                                f"{kind.singular} {bundle.id})")
        elif kind.meta is not None:
            bundle.meta = kind.meta.model_validate({}, context=reader.context)
        return
    bundle.raw = reader.yaml(path, bundle.dir)
    if bundle.raw is None:
        return
    data = bundle.raw if bundle.raw != "" else {}
    bundle.meta = validate(kind.meta, data, path, reader.problems, reader.context)


def _report_duplicates(path: Path, duplicates: Any, problems: Problems) -> None:
    for key, line in duplicates:
        problems.add(path, line, f"`{key}` is written twice; only the last one would count",
                     "keep one of them")


def _read_text(path: Path, lang: str, model: type[BaseModel], reader: Reader,
               folder: Path) -> TextSource | None:
    if not os.path.lexists(path):
        return None
    raw = reader.text(path, folder)
    if raw is None:
        return None
    source = split_front_matter(raw)
    if source.front.error is not None:
        error = source.front.error
        reader.problems.add(path, error.line, f"front matter: {error.message}", error.hint)
        return None
    _report_duplicates(path, source.front.duplicates, reader.problems)
    front = validate(model, source.front.data or YMap(), path, reader.problems, reader.context)
    if front is None:
        return None
    return TextSource(lang, path, front, source.body, source.body_line, raw)


def _scan_files(bundle: Bundle, languages: list[str], reader: Reader) -> None:
    kind = bundle.kind
    known = {"meta.yml", *(f"{lang}.md" for lang in languages), *kind.extra_files}
    for path in reader.boundary.entries(bundle.dir):
        name = path.name
        if name.startswith(".") or name in known:
            continue
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES or suffix in kind.data_suffixes:
            _add_media(bundle, path, reader)
        else:
            _unknown_file(path, known, languages, reader.problems)


def _add_media(bundle: Bundle, path: Path, reader: Reader) -> None:
    """Keeps a media file only when it may be read; the real file is what is used."""
    try:
        bundle.media[path.name] = reader.boundary.check(path, bundle.dir)
    except Refused as exc:
        reader.problems.add(path, None, exc.message, exc.hint)
        bundle.refused.add(path.name)


def _unknown_file(path: Path, known: set[str], languages: list[str], problems: Problems) -> None:
    if path.suffix == ".md":
        message = (f"{path.name} is not a language of this site ({', '.join(languages)})."
                   f"{did_you_mean(path.name, known)}")
        hint = "rename it, or add the language to `languages` in content/site.yml"
    else:
        message = f"{path.name} is not part of the content model and will not be published."
        message += did_you_mean(path.name, known)
        hint = "remove it, or rename it if it was meant to be one of " + ", ".join(sorted(known))
    problems.add(path, None, message, hint, level="warning")
