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
from generator.content.fields import Model, Text, is_valid_id, validate
from generator.content.boundary import Boundary, Refused

_SINGULAR = {"stories": "story", "pilots": "pilot", "pages": "page", "people": "person",
             "partners": "partner"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}


class Front(Model):
    """Front matter of a record's Markdown file."""

    title: Text
    summary: str | None = None


class StoryFront(Front):
    """Front matter of a story: a quote may be pulled out."""

    quote: str | None = None


class BioFront(Model):
    """Front matter of a person's bio: nothing is required."""

    title: str | None = None


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
        kind: The record kind (the folder it sits in: pilots, stories, ...).
        id: The folder name, which is the record's id.
        dir: The folder.
        meta: The validated meta.yml, or None if it is invalid or absent.
        raw: The parsed meta.yml, for line numbers.
        texts: The Markdown text per language.
        media: Image and data files in the bundle, by name: the real files, each
            checked by the content boundary.
        refused: Media files the boundary refused (already reported).
    """

    kind: str
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
class BundleSpec:
    """What a kind of bundle holds.

    Attributes:
        meta: The model of meta.yml, or None if the kind has no meta.yml.
        front: The model of the Markdown front matter.
        meta_required: Whether meta.yml must exist.
        texts_required: Whether at least one language's Markdown must exist.
        data_suffixes: Other files allowed in the bundle (besides images).
        extra_files: Named extra files allowed (e.g. interventions.yml).
    """

    meta: type[BaseModel] | None
    front: type[BaseModel] = Front
    meta_required: bool = True
    texts_required: bool = True
    data_suffixes: frozenset[str] = frozenset()
    extra_files: frozenset[str] = frozenset()


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


def read_bundle(kind: str, folder: Path, spec: BundleSpec, reader: Reader) -> Bundle | None:
    """Reads one bundle: its id, meta.yml, Markdown per language and media.

    Args:
        kind: The record kind.
        folder: The bundle's folder.
        spec: What this kind of bundle holds.
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
    _read_meta(bundle, spec, reader)
    languages = reader.context["languages"]
    for lang in languages:
        text = _read_text(folder / f"{lang}.md", lang, spec.front, reader, folder)
        if text is not None:
            bundle.texts[lang] = text
    _scan_files(bundle, spec, languages, reader)
    if spec.texts_required and not bundle.texts and (folder / "meta.yml").exists():
        problems.add(folder, None, f"{_SINGULAR.get(kind, kind)} \"{folder.name}\" has no text in "
                     "any language",
                     f"add {' or '.join(f'{lang}.md' for lang in languages)} with a title in "
                     "its front matter")
    return bundle


def _read_meta(bundle: Bundle, spec: BundleSpec, reader: Reader) -> None:
    path = bundle.meta_path
    if spec.meta is None or not os.path.lexists(path):
        if spec.meta is not None and spec.meta_required:
            reader.problems.add(bundle.dir, None, f"meta.yml is missing in {bundle.kind}/{bundle.id}",
                                f"add a meta.yml (or create the record with: pilots new "
                                f"{_SINGULAR.get(bundle.kind, bundle.kind)} {bundle.id})")
        elif spec.meta is not None:
            bundle.meta = spec.meta.model_validate({}, context=reader.context)
        return
    bundle.raw = reader.yaml(path, bundle.dir)
    if bundle.raw is None:
        return
    data = bundle.raw if bundle.raw != "" else {}
    bundle.meta = validate(spec.meta, data, path, reader.problems, reader.context)


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


def _scan_files(bundle: Bundle, spec: BundleSpec, languages: list[str], reader: Reader) -> None:
    known = {"meta.yml", *(f"{lang}.md" for lang in languages), *spec.extra_files}
    for path in reader.boundary.entries(bundle.dir):
        name = path.name
        if name.startswith(".") or name in known:
            continue
        suffix = path.suffix.lower()
        if suffix in IMAGE_SUFFIXES or suffix in spec.data_suffixes:
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
