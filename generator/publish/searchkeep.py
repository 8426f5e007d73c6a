"""Search, incrementally: a language whose pages did not change keeps its part
of the last index, and Pagefind indexes only the languages that changed.

Pagefind indexes each language on its own (by <html lang>), and names every
file of a language's index after the language (`nl_…`), so a language's part
can be taken from the last site as it is. That part is kept only when:

- each of the language's pages (its folder, less the other languages'
  folders) has exactly the text it had when that index was made, and says
  `<html lang>` of that language (else Pagefind could have put it elsewhere);
- whether any page of the site marks what to index (data-pagefind-body) is
  as it was (Pagefind indexes whole pages on a site where none does), and
  each language that is indexed anew has such a page, if the site has any;
- the last site still holds each file of that part with the same content
  (checked by hash as it is copied, never through a link), and the record
  of it is well-formed (a damaged or edited record means indexing everything);
- the same Pagefind made it.

Otherwise Pagefind indexes everything, as in a first build. Either way the
result is the same bundle, byte for byte (tests build both and compare).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

FORMAT = 2  # of the record; change it when what is kept or how changes
ENTRY = "pagefind-entry.json"
_LANG = re.compile(rb"<html\b[^>]*?\blang=\"([^\"]*)\"", re.I)
_MARKED = re.compile(rb"<[^<>]*\sdata-pagefind-body(?=[\s=/>])")  # in a tag, not in text
_GLOB_SAFE = re.compile(r"^[\w.\-]+$")  # top-level names that need no escaping in a glob
_NAME = re.compile(r"^(?:(?:fragment|index|filter)/)?[\w\-][\w.\-]*$")
_DIGEST = re.compile(r"^[0-9a-f]{64}$")
_WASM = re.compile(r"^[a-z0-9_\-]{1,32}$")


@dataclass
class Plan:
    """What to index, and what to keep.

    Attributes:
        glob: Pagefind's --glob for the languages to index (None: all).
        index: The languages to index (empty: Pagefind is not run at all).
        keep: The languages whose part of the last index is kept.
        pages: Each language's pages' fingerprint ("" for pages of no
            language's folder; empty when they cannot be told apart).
        marked: Whether any page of the site marks what to index.
    """

    glob: str | None
    index: list[str]
    keep: list[str]
    pages: dict[str, str] = field(default_factory=dict)
    marked: bool = False


class KeptIndex:
    """The last site's search index, by language.

    Args:
        record: Where the last index is described (in the build's work folder).
        current: The site that holds the last index (site/, or the preview's
            site before the last swap).
        roots: Each language's folder in the site ("" for the default language).
        bundle: The index's folder name in a site.
    """

    def __init__(self, record: Path, current: Path, roots: dict[str, str], bundle: str):
        self.record, self.current, self.roots, self.bundle = record, current, roots, bundle
        self.last = self._load()

    def _load(self) -> dict:
        try:
            state = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(state, dict) or state.get("format") != FORMAT \
                or state.get("site") != str(self.current) \
                or state.get("pagefind") != _pagefind_version():
            return {}
        parts = state.get("languages")
        parts = {lang: part for lang, part in parts.items()
                 if lang in self.roots and _valid_part(lang, part)} \
            if isinstance(parts, dict) else {}
        return {**state, "languages": parts}

    def plan(self, stage: Path, fresh: bool = False) -> Plan:
        """Which languages Pagefind must index in `stage`, and which are kept
        (with `fresh`: everything is indexed)."""
        found = _fingerprints(stage, self.roots, self.bundle)
        pages, marks = found if found else ({}, {})
        marked = any(marks.values())
        everything = Plan(None, sorted(self.roots), [], pages, marked)
        last = self.last
        if fresh or not found or not last or pages[""] != last.get("others") \
                or marked != last.get("marked") or not self._globbable(stage):
            return everything
        keep = [lang for lang in sorted(self.roots)
                if lang in last["languages"] and last["languages"][lang]["pages"] == pages[lang]]
        index = [lang for lang in sorted(self.roots) if lang not in keep]
        unmarked = marked and not all(marks[lang] for lang in index)
        if (index and not keep) or unmarked or (not index and not _valid_whole(last)):
            return everything
        return Plan(self._glob(stage, index), index, keep, pages, marked)

    def _globbable(self, stage: Path) -> bool:
        return all(_GLOB_SAFE.match(name) for name in os.listdir(stage))

    def _glob(self, stage: Path, langs: list[str]) -> str | None:
        """Pagefind's --glob for the pages of `langs`, relative to the site."""
        if not langs:
            return None
        others = {root.rstrip("/") for root in self.roots.values() if root} | {self.bundle}
        parts = []
        for lang in langs:
            root = self.roots[lang]
            if root:
                parts.append(f"{root}**/*.html")
                continue
            for name in sorted(os.listdir(stage)):
                if name in others:
                    continue
                if (stage / name).is_dir():
                    parts.append(f"{name}/**/*.html")
                elif name.endswith(".html"):
                    parts.append(name)
        return "{" + ",".join(parts) + "}"

    def finish(self, plan: Plan, bundle: Path) -> None:
        """Puts the kept languages' parts into the new `bundle` (beside what
        Pagefind just wrote there), completes its entry file, and records it.

        Raises:
            OSError: when a kept file is not as recorded (changed in site/).
        """
        old, kept = self.current / self.bundle, {}
        if (plan.keep or not plan.index) and old.is_symlink():
            raise OSError(f"{old} is a link")
        new = _listing(bundle)  # what Pagefind wrote (nothing, if it did not run)
        entry = _entry(bundle) if plan.index else dict(self.last["entry"])
        if not plan.index:
            kept.update(_copy(old, bundle, self.last["shared"]))
        for lang in plan.keep:
            last = self.last["languages"][lang]
            kept.update(_copy(old, bundle, last["files"]))
            entry.setdefault("languages", {})[lang] = last["info"]
        (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, sort_keys=True,
                                               separators=(",", ":")), encoding="utf-8")
        self._write(plan, {**new, **kept}, entry)

    def _write(self, plan: Plan, files: dict[str, str], entry: dict) -> None:
        languages, owned = {}, set()
        for lang, info in entry.get("languages", {}).items():
            mine = {name: digest for name, digest in files.items() if _owned_by(name, lang, info)}
            owned.update(mine)
            languages[lang] = {"pages": plan.pages.get(lang), "info": info, "files": mine}
        state = {"format": FORMAT, "site": str(self.current), "pagefind": _pagefind_version(),
                 "others": plan.pages.get(""), "marked": plan.marked, "languages": languages,
                 "entry": {k: v for k, v in entry.items() if k != "languages"},
                 "shared": {n: d for n, d in files.items() if n not in owned and n != ENTRY}}
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(state), encoding="utf-8")

    def forget(self) -> None:
        """Drops the record (the last index cannot be used)."""
        self.record.unlink(missing_ok=True)
        self.last = {}


def _valid_part(lang: str, part: object) -> bool:
    """Whether a recorded language part is what `_write` writes."""
    if not isinstance(part, dict) or not isinstance(part.get("pages"), str):
        return False
    info, files = part.get("info"), part.get("files")
    if not isinstance(info, dict) or set(info) != {"hash", "wasm", "page_count"}:
        return False
    count = info["page_count"]
    if not (isinstance(info["hash"], str) and re.fullmatch(rf"{re.escape(lang)}_[0-9a-f]{{1,64}}",
                                                             info["hash"])
            and isinstance(info["wasm"], str) and _WASM.match(info["wasm"])
            and type(count) is int and 0 <= count <= 10_000_000):
        return False
    return isinstance(files, dict) and all(
        isinstance(name, str) and _NAME.match(name) and _owned_by(name, lang, info)
        and isinstance(digest, str) and _DIGEST.match(digest) for name, digest in files.items())


def _valid_whole(last: dict) -> bool:
    """Whether the record holds what a build that runs no Pagefind needs."""
    entry, shared = last.get("entry"), last.get("shared")
    if not isinstance(entry, dict) or set(entry) != {"version", "include_characters"}:
        return False
    chars = entry["include_characters"]
    if not (isinstance(entry["version"], str) and _GLOB_SAFE.match(entry["version"])
            and isinstance(chars, list) and all(isinstance(c, str) and len(c) == 1 for c in chars)):
        return False
    return isinstance(shared, dict) and all(
        isinstance(name, str) and "/" not in name and _NAME.match(name)
        and isinstance(digest, str) and _DIGEST.match(digest) for name, digest in shared.items())


def _owned_by(name: str, lang: str, info: dict) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith(f"{lang}_") or base == f"pagefind.{info.get('hash')}.pf_meta" \
        or base == f"wasm.{info.get('wasm')}.pagefind" and info.get("wasm") == lang


def _fingerprints(stage: Path, roots: dict[str, str],
                  bundle: str) -> tuple[dict[str, str], dict[str, bool]] | None:
    """Each language's pages as one hash ("" for pages of no language's
    folder), and whether any of them marks what to index; None when a
    page's <html lang> is not its folder's language."""
    hashes = {lang: hashlib.sha256() for lang in [*roots, ""]}
    marks = dict.fromkeys(hashes, False)
    by_root = sorted(((root, lang) for lang, root in roots.items()), key=lambda r: -len(r[0]))
    for rel in sorted(_html_files(stage, bundle)):
        lang = next((lang for root, lang in by_root if rel.startswith(root)), "")
        data = (stage / rel).read_bytes()
        said = _LANG.search(data[:4096])
        if said is None or said.group(1).decode("ascii", "replace").lower() != lang.lower():
            return None
        marks[lang] = marks[lang] or _MARKED.search(data) is not None
        hashes[lang].update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return {lang: h.hexdigest() for lang, h in hashes.items()}, marks


def _html_files(stage: Path, bundle: str) -> list[str]:
    found = []
    for dirpath, dirnames, filenames in os.walk(stage):
        rel = os.path.relpath(dirpath, stage).replace(os.sep, "/")
        if rel == ".":
            dirnames[:] = [d for d in dirnames if d != bundle]
        prefix = "" if rel == "." else rel + "/"
        found += [prefix + name for name in filenames if name.endswith(".html")]
    return found


def _listing(bundle: Path) -> dict[str, str]:
    """Every file of a bundle with the hash of its content."""
    files = {}
    for dirpath, _, filenames in os.walk(bundle):
        rel = os.path.relpath(dirpath, bundle).replace(os.sep, "/")
        for name in filenames:
            path = f"{name}" if rel == "." else f"{rel}/{name}"
            files[path] = hashlib.sha256((bundle / path).read_bytes()).hexdigest()
    files.pop(ENTRY, None)
    return files


def _copy(source: Path, target: Path, files: dict[str, str]) -> dict[str, str]:
    """Copies files of the last index, each checked against its recorded hash
    as it is read, and read only where no link leads elsewhere; returns them
    with their hashes."""
    real, folders = os.path.realpath(source), set()
    for name, digest in files.items():
        path = source / name
        if os.path.realpath(path) != os.path.join(real, *name.split("/")):
            raise OSError(f"{path} is reached through a link")
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise OSError(f"{path} is not as it was made")
        folder = (target / name).parent
        if folder not in folders:
            folder.mkdir(parents=True, exist_ok=True)
            folders.add(folder)
        (target / name).write_bytes(data)
    return dict(files)


def _entry(bundle: Path) -> dict:
    return json.loads((bundle / ENTRY).read_text(encoding="utf-8"))


def _pagefind_version() -> str:
    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "-"
