"""Bundles: one folder per record, with meta.yml, one Markdown file per language
and media files beside them."""

from __future__ import annotations

import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Sequence

from pydantic import BaseModel

from generator.content.controls import unshowable_lines
from generator.content.messages import _
from generator.content.problems import Problems, did_you_mean
from generator.content.yamlerrors import RETYPE_HINT
from generator.content.yamlsrc import Loaded, YMap, load_yaml, split_front_matter
from generator.content.boundary import Boundary, Refused
from generator.content.fields import is_valid_id, validate
from generator.content.names import IMAGE_SUFFIXES, MEDIA_SUFFIXES, UNSUPPORTED_IMAGES, file_key
from generator.content.records.front import Front

# Beside a sound or video file (MEDIA_SUFFIXES, checked by generator.site.media):
# its captions and transcripts, interview.nl.vtt and interview.nl.md
BESIDE_MEDIA = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})\.(?:vtt|md)$")
# ... and such a name as editors' programs write it otherwise: the language in
# capitals or with its country (interview.NL.vtt, interview.nl-NL.vtt)
_BESIDE_ALIKE = re.compile(r"^(?P<stem>.+)\.(?P<lang>[a-z]{2,3})(?:[-_][a-z0-9]+)*\."
                           r"(?P<suffix>vtt|md)$", re.IGNORECASE)


@dataclass(frozen=True)
class Kind:
    """A kind of record: where its bundles live, what they hold, how it is named.
    Every kind is described once (see generator.content.kinds); nothing else
    spells out a kind's names."""

    folder: str  # in content/, and its address on the site (stories)
    singular: str  # one record of the kind, for messages and `pilots new` (story)
    meta: type[BaseModel]  # the model of meta.yml
    front: type[BaseModel] = Front  # the model of the Markdown front matter
    template: str = ""  # the page template
    named_by: str | None = None  # the meta.yml field it goes by (None: its text's title)
    picture: str | None = None  # the meta.yml field holding its picture (a cover, a photo)
    meta_required: bool = True
    texts_required: bool = True  # at least one language's Markdown must exist
    data_suffixes: frozenset[str] = frozenset()  # other files allowed (besides images)
    extra_files: frozenset[str] = frozenset()  # named files allowed (interventions.yml)
    at_root: bool = False  # pages sit at the language root (about/), not in the folder

    def path(self, record_id: str) -> str:
        """A record's page under a language root: stories/x/, or about/ for a page."""
        return f"{record_id}/" if self.at_root else f"{self.folder}/{record_id}/"


@dataclass
class TextSource:
    """One language's prose of a record (nl.md is Dutch): its validated front
    matter, and its Markdown body with the line that body starts on."""

    lang: str
    path: Path
    front: Any
    body: str
    body_line: int
    raw: str = ""  # the whole file, as written

    @property
    def title(self) -> str | None:
        return getattr(self.front, "title", None)


@dataclass
class Bundle:
    """One record's folder, read and validated; its name is the record's id.
    Problems met on the way are already reported: what is refused or
    unreadable is only noted, so that it is not also called missing."""

    kind: Kind
    id: str
    dir: Path
    meta: Any = None  # the validated meta.yml, or None if it is invalid or absent
    raw: Any = None  # the parsed meta.yml, for line numbers
    texts: dict[str, TextSource] = field(default_factory=dict)
    # Image, sound, video and data files (and captions and transcripts) by name
    # (`names.file_key`): the real files, each checked by the content boundary
    media: dict[str, Path] = field(default_factory=dict)
    refused: set[str] = field(default_factory=set)  # media the boundary refused
    unsupported: dict[str, str] = field(default_factory=dict)  # images the site cannot use: format
    unreadable: set[str] = field(default_factory=set)  # languages whose text cannot be read

    @property
    def meta_path(self) -> Path:
        return self.dir / "meta.yml"


@dataclass
class Reader:
    """Reads content through the boundary, turning every refusal and every
    unreadable file into a problem with its file (and line, where there is one).
    Its validation `context` lists the site's `languages`."""

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

    @contextmanager
    def guard(self, path: Path) -> Iterator[None]:
        """Turns anything unexpected while reading a file or folder into a
        problem with its name: an editor never sees a traceback for content."""
        try:
            yield
        except Exception as exc:  # noqa: BLE001 - whatever it is, the file is named
            self.problems.add(path, None, _("{name} could not be read ({error})")
                              .format(name=path.name, error=type(exc).__name__),
                              _("check the file for anything unusual; if it looks right, this "
                                "is a bug in the generator: please report it with the file"))

    def yaml(self, path: Path, within: Path | None = None) -> Any:
        """Reads a YAML file, recording unreadable YAML and duplicate keys: the
        data ("" for an empty file), or None when it cannot be read."""
        text = self.text(path, within)
        if text is None:
            return None
        loaded = load_yaml(text)
        if loaded.error is not None:
            self.problems.add(path, loaded.error.line, loaded.error.message, loaded.error.hint)
            return None
        _report_notes(path, loaded, self.problems)
        return "" if loaded.data is None else loaded.data


def read_bundle(kind: Kind, folder: Path, reader: Reader) -> Bundle | None:
    """Reads one bundle: its id, meta.yml, Markdown per language and media
    (None when the folder's name is no valid id)."""
    problems = reader.problems
    if not is_valid_id(folder.name):
        problems.add(folder, None, _('the folder name "{name}" is not a valid id')
                     .format(name=folder.name),
                     _("rename the folder with lowercase letters a-z, digits and hyphens only, "
                       "e.g. afval-in-de-wijk"))
        return None
    bundle = Bundle(kind, folder.name, folder)
    _read_meta(bundle, reader)
    languages = reader.context["languages"]
    for lang in languages:
        text = _read_text(bundle, lang, reader)
        if text is not None:
            bundle.texts[lang] = text
        elif os.path.lexists(folder / f"{lang}.md"):
            bundle.unreadable.add(lang)
    _scan_files(bundle, languages, reader)
    if kind.texts_required and not bundle.texts and not bundle.unreadable and \
            (folder / "meta.yml").exists():
        problems.add(folder, None, _('{kind} "{id}" has no text in any language')
                     .format(kind=_(kind.singular), id=folder.name),
                     _("add {files} with a title in its front matter")
                     .format(files=_(" or ").join(f"{lang}.md" for lang in languages)))
    return bundle


def _read_meta(bundle: Bundle, reader: Reader) -> None:
    path, kind = bundle.meta_path, bundle.kind
    if not os.path.lexists(path):
        if kind.meta_required:
            reader.problems.add(bundle.dir, None, _("meta.yml is missing in {folder}")
                                .format(folder=f"{kind.folder}/{bundle.id}"),
                                _("add a meta.yml (or create the record with: {command})")
                                .format(command=f"pilots new {kind.singular} {bundle.id}"))
        else:
            bundle.meta = kind.meta.model_validate({}, context=reader.context)
        return
    bundle.raw = reader.yaml(path, bundle.dir)
    if bundle.raw is not None:
        bundle.meta = validate(kind.meta, bundle.raw if bundle.raw != "" else {}, path,
                               reader.problems, reader.context)


def _report_notes(path: Path, loaded: Loaded, problems: Problems) -> None:
    """Duplicate keys, texts taken out of their curly quotes, and control characters."""
    for key, line in loaded.duplicates:
        problems.add(path, line, _("`{key}` is written twice; only the last one would count")
                     .format(key=key), _("keep one of them"))
    for line in loaded.unquoted:
        problems.add(path, line, _("the curly quotes (“ ”) around this text are taken as quotes "
                                   "and left out"),
                     _('type straight quotes ("...") to quote a text; to show the curly ones, '
                       'put them inside straight ones: "“...”"'), level="notice")
    _say_controls(path, loaded.controls, _(
        "delete it: between double quotes it may be written as an escape such as \\x01; most "
        "editors do not show it, so type the text again if you cannot see it"), problems)


def _say_controls(path: Path, found: Sequence[tuple[int, str]], hint: str,
                  problems: Problems) -> None:
    """Warns of each (line, code) of a control character, shown as a space."""
    for line, code in found:
        if problems.full(path):
            return
        problems.add(path, line, _("this text holds an invisible control character ({code}), "
                                   "which web pages and feeds cannot carry; it is shown as a space")
                     .format(code=code), hint, level="warning")


def _read_text(bundle: Bundle, lang: str, reader: Reader) -> TextSource | None:
    path = bundle.dir / f"{lang}.md"
    if not os.path.lexists(path):
        return None
    raw = reader.text(path, bundle.dir)
    if raw is None:
        return None
    if not raw.strip():
        reader.problems.add(path, None, _("{name} is empty").format(name=path.name),
                            _("write the title and text (see the other language's file for how), "
                              "or delete the file until the translation is ready"))
        return None
    source = split_front_matter(raw)
    if source.front.error is not None:
        error = source.front.error
        reader.problems.add(path, error.line, _("front matter: {problem}")
                            .format(problem=error.message), error.hint)
        return None
    _report_notes(path, source.front, reader.problems)
    _say_controls(path, [(source.body_line + line, code)  # shown as spaces (prose.clean)
                         for line, code in unshowable_lines(source.body)],
                  _(RETYPE_HINT), reader.problems)
    front = validate(bundle.kind.front, source.front.data or YMap(), path, reader.problems,
                     reader.context)
    return None if front is None else TextSource(lang, path, front, source.body,
                                                 source.body_line, raw)


def _scan_files(bundle: Bundle, languages: list[str], reader: Reader) -> None:
    kind = bundle.kind
    known = {"meta.yml", *(f"{lang}.md" for lang in languages), *kind.extra_files}
    entries = list(reader.boundary.entries(bundle.dir))
    recordings = {path.stem for path in entries if path.suffix.lower() in MEDIA_SUFFIXES}
    for path in entries:
        name = file_key(path.name)
        if name.startswith(".") or name in known:
            continue
        suffix, beside = path.suffix.lower(), BESIDE_MEDIA.match(name)
        if name in bundle.media or name in bundle.refused or name in bundle.unsupported:
            # Two names that differ only in how an accented letter is stored (as one
            # character, or as a letter and an accent, as macOS does): a name in the
            # text could mean either, so neither is guessed at
            reader.problems.add(path, None, _("there are two files called {name} in this folder: "
                                              "their names differ only in how an accented letter "
                                              "is stored").format(name=name),
                                _("keep one of them (they look the same, so list the folder in a "
                                  "terminal to tell them apart), or rename one"))
        elif suffix in IMAGE_SUFFIXES or suffix in MEDIA_SUFFIXES or suffix in kind.data_suffixes \
                or (beside is not None and beside["lang"] in languages):
            try:  # a media file is kept only when it may be read; the real file is what is used
                bundle.media[name] = reader.boundary.check(path, bundle.dir)
            except Refused as exc:
                reader.problems.add(path, None, exc.message, exc.hint)
                bundle.refused.add(name)
        elif suffix[1:].upper() in UNSUPPORTED_IMAGES:
            bundle.unsupported[name] = suffix[1:].upper()
        else:
            _unknown_file(path, known, languages, reader.problems, recordings)


def _unknown_file(path: Path, known: set[str], languages: list[str], problems: Problems,
                  recordings: set[str]) -> None:
    alike = _BESIDE_ALIKE.match(path.name)
    if alike and alike["lang"].lower() in languages and alike["stem"] in recordings:
        # named so, the text that shows its file is told it is missing: say which name that is
        name = f"{alike['stem']}.{alike['lang'].lower()}.{alike['suffix'].lower()}"
        problems.add(path, None, _("{name} is not part of the content model and will not be "
                                   "published.").format(name=path.name) + " " + _(
            'Did you mean "{word}"?').format(word=name), _(
            "rename it {name}: captions and transcripts are named after their sound or video "
            "file and a language of the site, in small letters").format(name=name),
            level="warning")
        return
    if path.suffix == ".md":
        message = _("{name} is not a language of this site ({languages}).")
        hint = _("rename it, or add the language to `languages` in content/site.yml")
    else:
        message = _("{name} is not part of the content model and will not be published.")
        hint = _("remove it, or rename it if it was meant to be one of {names}")
    problems.add(path, None, message.format(name=path.name, languages=", ".join(languages))
                 + did_you_mean(path.name, known), hint.format(names=", ".join(sorted(known))),
                 level="warning")
