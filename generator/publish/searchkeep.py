"""Search, incrementally: a language whose pages did not change keeps its part
of the last index, and Pagefind indexes only the languages that changed.

Pagefind indexes each language on its own (by <html lang>), and names every
file of a language's index after the language (`nl_…`), so a language's part
can be taken from the last site as it is. That part is kept only when:

- each of the language's pages (its folder, less the other languages'
  folders) has exactly the text it had when that index was made, and says
  `<html lang>` of that language (else Pagefind could have put it elsewhere);
- the last site still holds each file of that part with the same content
  (checked by hash, so a file changed in site/ by hand is never kept);
- the same Pagefind made it.

Otherwise Pagefind indexes everything, as in a first build. Either way the
result is the same bundle, byte for byte (a test builds both and compares).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

_LANG = re.compile(rb"<html\b[^>]*?\blang=\"([^\"]*)\"", re.I)
_GLOB_SAFE = re.compile(r"^[\w.\-]+$")  # top-level names that need no escaping in a glob
_BUNDLE_NAME = re.compile(r"^(?:[\w\-]+/)?[\w\-][\w.\-]*$")  # fragment/en_1a2b.pf_fragment
ENTRY = "pagefind-entry.json"


@dataclass
class Plan:
    """What to index, and what to keep.

    Attributes:
        glob: Pagefind's --glob for the languages to index (None: all).
        index: The languages to index (empty: Pagefind is not run at all).
        keep: The languages whose part of the last index is kept.
        pages: Each language's pages' fingerprint, to record afterwards.
    """

    glob: str | None
    index: list[str]
    keep: list[str]
    pages: dict[str, str] = field(default_factory=dict)


class KeptIndex:
    """The last site's search index, by language.

    Args:
        record: Where the last index is described (in the build's work folder).
        current: The site being replaced (site/), which holds the last index.
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
        same = isinstance(state, dict) and state.get("site") == str(self.current) \
            and state.get("pagefind") == _pagefind_version()
        return state if same and isinstance(state.get("languages"), dict) else {}

    def plan(self, stage: Path) -> Plan:
        """Which languages Pagefind must index in `stage`, and which are kept."""
        pages = _fingerprints(stage, self.roots, self.bundle)
        everything = Plan(None, sorted(self.roots), [], pages or {})
        if pages is None or pages.get("") != self.last.get("others") or not self._globbable(stage):
            return everything
        keep = [lang for lang in sorted(self.roots)
                if self._intact(lang, pages[lang])]
        index = [lang for lang in sorted(self.roots) if lang not in keep]
        if index and not keep:
            return everything
        return Plan(self._glob(stage, index), index, keep, pages)

    def _intact(self, lang: str, fingerprint: str) -> bool:
        """Whether the language's pages are those its last index was made of
        (its files are checked as they are copied, see `finish`)."""
        last = self.last["languages"].get(lang)
        return isinstance(last, dict) and last.get("pages") == fingerprint \
            and isinstance(last.get("files"), dict) and isinstance(last.get("info"), dict)

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
                parts.append(f"{name}/**/*.html" if (stage / name).is_dir() else name)
        return "{" + ",".join(parts) + "}"

    def finish(self, plan: Plan, bundle: Path) -> None:
        """Puts the kept languages' parts into the new `bundle` (beside what
        Pagefind just wrote there), completes its entry file, and records it.

        Raises:
            OSError: when a kept file is not as recorded (changed in site/).
        """
        old, kept = self.current / self.bundle, {}
        new = _listing(bundle)  # what Pagefind wrote (nothing, if it did not run)
        entry = _entry(bundle) if plan.index else dict(self.last.get("entry", {}))
        if not plan.index:
            kept.update(_copy(old, bundle, self.last.get("shared", {})))
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
        state = {"site": str(self.current), "pagefind": _pagefind_version(),
                 "others": plan.pages.get(""), "languages": languages,
                 "entry": {k: v for k, v in entry.items() if k != "languages"},
                 "shared": {n: d for n, d in files.items() if n not in owned and n != ENTRY}}
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps(state), encoding="utf-8")

    def forget(self) -> None:
        """Drops the record (the index is about to be made some other way)."""
        self.record.unlink(missing_ok=True)


def _owned_by(name: str, lang: str, info: dict) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith(f"{lang}_") or base == f"pagefind.{info.get('hash')}.pf_meta" \
        or base == f"wasm.{info.get('wasm')}.pagefind" and info.get("wasm") == lang


def _fingerprints(stage: Path, roots: dict[str, str], bundle: str) -> dict[str, str] | None:
    """Each language's pages, as one hash ("" for pages of no language's
    folder); None when a page's <html lang> is not its folder's language."""
    hashes = {lang: hashlib.sha256() for lang in [*roots, ""]}
    by_root = sorted(((root, lang) for lang, root in roots.items()), key=lambda r: -len(r[0]))
    for rel in sorted(_html_files(stage, bundle)):
        lang = next((lang for root, lang in by_root if rel.startswith(root)), "")
        data = (stage / rel).read_bytes()
        said = _LANG.search(data[:4096])
        if said is None or said.group(1).decode("ascii", "replace").lower() != lang.lower():
            return None
        hashes[lang].update(rel.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return {lang: h.hexdigest() for lang, h in hashes.items()}


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
            files[path] = _digest(bundle / path)
    files.pop(ENTRY, None)
    return files


def _digest(path: Path) -> str | None:
    try:
        if path.is_symlink():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _copy(source: Path, target: Path, files: dict) -> dict[str, str]:
    """Copies files of the last index, each checked against its recorded hash
    as it is read (never through a link); returns them with their hashes."""
    if not isinstance(files, dict):
        raise OSError("no list of the last index's files")
    folders = set()
    for name, digest in files.items():
        if not isinstance(name, str) or not _BUNDLE_NAME.match(name):
            raise OSError(f"{name!r} is not a name in an index")
        if (source / name).is_symlink():
            raise OSError(f"{source / name} is a link")
        data = (source / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != digest:
            raise OSError(f"{source / name} is not as it was made")
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
