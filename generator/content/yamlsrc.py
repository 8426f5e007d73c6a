"""YAML that remembers where each value came from.

Editors' errors must name the line. PyYAML knows the line of every node while
parsing; this loader keeps it on the mappings and lists it builds, so a
validation error found later can still point at the line.

The loader also reads YAML the way editors expect: only true/false are
booleans (`country: NO` is Norway, not False), and dates stay text, to be
parsed by the record models (so `2019-10` and `2019-10-01` behave alike).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, Iterable, Sequence

import yaml

from generator.content.controls import UNSHOWABLE, code_of
from generator.content.messages import _
from generator.content.yamlerrors import (CURLY_CLOSE, CURLY_OPEN, GENERIC_HINT, RETYPE_HINT,
                                            SAFE_LOADER as _BaseLoader, YamlError, explain)


class YMap(dict):
    """A mapping that knows the line of each key (1-based)."""

    def __init__(self, *args: Any, line: int = 0, key_lines: dict | None = None):
        super().__init__(*args)
        self.line, self.key_lines = line, {} if key_lines is None else key_lines

    def line_of(self, key: Any) -> int:
        """The line of `key`, or of the mapping itself."""
        return self.key_lines.get(key, self.line)

    def only(self, keys: Iterable[Any]) -> YMap:
        """The mapping with only `keys`, still knowing their lines."""
        return YMap({key: self[key] for key in keys}, line=self.line, key_lines=self.key_lines)


class YList(list):
    """A list that knows the line of each item (1-based)."""

    def __init__(self, *args: Any, line: int = 0, item_lines: list | None = None):
        super().__init__(*args)
        self.line, self.item_lines = line, item_lines or []

    def line_of(self, index: Any) -> int:
        """The line of item `index`, or of the list itself."""
        if isinstance(index, int) and 0 <= index < len(self.item_lines):
            return self.item_lines[index]
        return self.line


class _Loader(_BaseLoader):
    """SafeLoader building YMap/YList and noting duplicate keys."""

    def __init__(self, stream: str, line_offset: int):
        super().__init__(stream)
        self.duplicates: list[tuple[str, int]] = []
        self.unquoted: list[int] = []
        self.controls: list[tuple[int, str]] = []
        self.line_offset = line_offset

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1 + self.line_offset


FIELD_LIMIT = 10_000  # characters in one YAML text; long prose belongs in nl.md / en.md
NUMBER_LIMIT = 40  # characters in one number: content needs a dozen at most
DEPTH_LIMIT = 30      # nesting; content needs four or five levels


def _construct_str(loader: _Loader, node: yaml.ScalarNode) -> str:
    """A text; a plain one wrapped whole in curly quotes loses them (noted)."""
    value = loader.construct_scalar(node)
    if not node.style and len(value) >= 2 and value[0] in CURLY_OPEN \
            and value[-1] in CURLY_CLOSE:
        loader.unquoted.append(loader.line(node))
        return value[1:-1]
    return value


def _value(loader: _Loader, value: Any, line: int) -> Any:
    """A value written at `line`: a text too long for one field is refused,
    and its unshowable characters (see controls) are noted and shown as spaces."""
    if not isinstance(value, str):
        return value
    if len(value) > FIELD_LIMIT:
        raise YamlError(line, _("this text is longer than {limit:,} characters, the limit for "
                                "one field").format(limit=FIELD_LIMIT),
                        _("shorten it; long texts belong in the record's nl.md and en.md"))
    code = code_of(value)
    if code:
        loader.controls.append((line, code))
        return UNSHOWABLE.sub(" ", value)
    return value


def _construct_map(loader: _Loader, node: yaml.MappingNode) -> YMap:
    loader.flatten_mapping(node)
    result = YMap(line=loader.line(node))
    yield result
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = loader.line(key_node)
        if not isinstance(key, str):  # `1:` or `yes:` is a name in content, never a number
            key = str(key).lower() if isinstance(key, bool) else str(key)
        if key in result:
            loader.duplicates.append((str(key), line))
        result[key] = _value(loader, loader.construct_object(value_node, deep=True), line)
        result.key_lines[key] = line


def _construct_list(loader: _Loader, node: yaml.SequenceNode) -> YList:
    result = YList(line=loader.line(node), item_lines=[loader.line(n) for n in node.value])
    yield result
    result.extend(_value(loader, loader.construct_object(n, deep=True), line)
                  for n, line in zip(node.value, result.item_lines))


def _number(construct):
    """A number; one far longer than content needs is refused (Python will
    not even turn one of over 4,300 digits into text)."""
    def checked(loader: _Loader, node: yaml.ScalarNode) -> Any:
        if len(node.value) > NUMBER_LIMIT:
            raise YamlError(loader.line(node), _(
                "this number is far too long ({count} characters)").format(count=len(node.value)),
                _("write the number with at most {limit} characters").format(limit=NUMBER_LIMIT))
        return construct(loader, node)
    return checked


_Loader.add_constructor("tag:yaml.org,2002:int", _number(_BaseLoader.construct_yaml_int))
_Loader.add_constructor("tag:yaml.org,2002:float", _number(_BaseLoader.construct_yaml_float))
_Loader.add_constructor("tag:yaml.org,2002:str", _construct_str)
_Loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_str)
_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


@dataclass
class Loaded:
    """The result of reading YAML: data, or an error; plus duplicate keys."""

    data: Any = None
    error: YamlError | None = None
    duplicates: Sequence[tuple[str, int]] = ()
    unquoted: Sequence[int] = ()  # lines of texts that were wrapped in curly quotes
    controls: Sequence[tuple[int, str]] = ()  # (line, U+0001) of texts with a control character


_KEPT: OrderedDict[tuple[str, int], Loaded] = OrderedDict()
_KEEP = {"texts": 0, "characters": 0}  # how much may be kept (0: nothing)
_kept_characters = 0


def keep_parsed(texts: int, characters: int = 4_000_000) -> None:
    """Keeps the results of the last parsed texts, at most `texts` of them
    and `characters` in all, so a long-running process (the preview) parses
    only the texts that changed. Results are never changed by their readers.
    keep_parsed(0) keeps nothing (a one-off build)."""
    global _kept_characters
    _KEEP.update(texts=texts, characters=characters)
    _KEPT.clear()
    _kept_characters = 0


def load_yaml(text: str, line_offset: int = 0) -> Loaded:
    """Parses YAML text into YMap/YList/scalars with line numbers (counted
    after `line_offset` lines, for front matter), or a YamlError saying what
    is wrong and where."""
    global _kept_characters
    if not _KEEP["texts"]:
        return _load(text, line_offset)
    key = (text, line_offset)
    if key in _KEPT:
        _KEPT.move_to_end(key)
        return _KEPT[key]
    loaded = _KEPT[key] = _load(text, line_offset)
    _kept_characters += len(text)
    while len(_KEPT) > _KEEP["texts"] or (_kept_characters > _KEEP["characters"] and len(_KEPT) > 1):
        (old, _offset), _value = _KEPT.popitem(last=False)
        _kept_characters -= len(old)
    return loaded


def _load(text: str, line_offset: int) -> Loaded:
    try:
        _refuse_events(text, line_offset)
        loader = _Loader(text, line_offset)
        try:
            data = _value(loader, loader.get_single_data(), 1 + line_offset)
        finally:
            loader.dispose()
    except YamlError as exc:  # kept (the memo keeps it too): not with the loader's frames
        return Loaded(error=exc.with_traceback(None))
    except yaml.MarkedYAMLError as exc:
        return Loaded(error=explain(exc, line_offset, text))
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        line = text[:exc.position].count("\n") + 1 + line_offset
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        return Loaded(error=YamlError(line, _("this line holds a control character (U+{code:04X}), "
                                              "which YAML does not allow").format(code=code),
                                      _(RETYPE_HINT)))
    except yaml.YAMLError as exc:  # pragma: no cover - unmarked errors are rare
        return Loaded(error=YamlError(None, str(exc), _(GENERIC_HINT)))
    return Loaded(data=data, duplicates=loader.duplicates, unquoted=loader.unquoted,
                  controls=loader.controls)


_EVENTS_WITH_TAGS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)


def _refuse_events(text: str, line_offset: int) -> None:
    """Refuses what editors never need and attackers use: anchors and aliases (a
    few lines that expand to billions of values), explicit tags (`!!python/...`)
    and absurd nesting. Scanned from the parser's events, before anything is built."""
    depth = 0
    for event in yaml.parse(text, Loader=_BaseLoader):
        line = event.start_mark.line + 1 + line_offset
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlError(line, _("YAML anchors and aliases (&name, *name) are not used in "
                                    "content"), _("write the value out in full where it is needed"))
        if isinstance(event, _EVENTS_WITH_TAGS) and event.tag is not None:
            raise YamlError(line, _("YAML tags such as {tag!r} are not used in content")
                            .format(tag=event.tag.split(":")[-1][:40]),
                            _("remove the tag (the word starting with !)"))
        depth += isinstance(event, yaml.CollectionStartEvent)
        depth -= isinstance(event, yaml.CollectionEndEvent)
        if depth > DEPTH_LIMIT:
            raise YamlError(line, _("the YAML is nested more than {limit} levels deep")
                            .format(limit=DEPTH_LIMIT),
                            _("write the values one level at a time, as in the content model"))


@dataclass
class MarkdownSource:
    """A Markdown file split into front matter and body."""

    front: Loaded
    body: str
    body_line: int  # the 1-based line on which the body starts


_FENCE = re.compile(r"^---[ \t]*$")
_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


def split_front_matter(text: str) -> MarkdownSource:
    """Splits `---` front matter (an empty mapping if absent) from a Markdown text."""
    text = text.lstrip("\ufeff")
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return MarkdownSource(Loaded(data=YMap(line=1)), text, 1)
    for index in range(1, len(lines)):
        if _END.match(lines[index].rstrip("\r\n")):
            front = load_yaml("".join(lines[1:index]), line_offset=1)
            if front.error is None and front.data is None:  # a copy: `front` may be kept
                front = replace(front, data=YMap(line=1))
            return MarkdownSource(front, "".join(lines[index + 1:]), index + 2)
    error = YamlError(1, _("the front matter is not closed"),
                      _("add a line with only --- after the title and summary"))
    return MarkdownSource(Loaded(error=error), "", len(lines) + 1)


def line_at(data: Any, loc: Sequence[Any], default: int | None = None) -> int | None:
    """The line of the value at `loc` in a YMap/YList tree, a path of keys and
    indexes such as ("phases", 0, "start"); `default` when nothing has one.

    Walks as deep as the path exists; a missing key reports the line of the
    mapping that should have held it."""
    line = getattr(data, "line", None) or default
    node = data
    for step in loc:
        if isinstance(node, YMap) and step in node:
            line, node = node.line_of(step), node[step]
        elif isinstance(node, YList) and isinstance(step, int) and 0 <= step < len(node):
            line, node = node.line_of(step), node[step]
        else:
            break
    return line
