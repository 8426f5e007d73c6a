"""Validation errors in editors' words: what pydantic found, as a message
that says what is wrong with a field and a hint that says how to write it."""

from __future__ import annotations

import re

from generator.content.messages import N_, _
from generator.content.problems import HintedError, did_you_mean, one_of
from generator.content.yamlerrors import CURLY_CLOSE, CURLY_OPEN


def explain(error: dict, field: str, siblings: list[str]) -> tuple[str, str]:
    """(message, hint) for a pydantic error at `field` (a path, e.g. cover.alt),
    in editors' words; `siblings` are the fields valid beside it."""
    message, hint = _explained(error, field, siblings)
    if error["type"] not in ("string_too_long", "string_too_short") \
            and _split_quotes(field.rsplit(".", 1)[-1], error.get("input")):
        return (message.rstrip(".") + "; " + _(
            "this comes from the curly quotes (“ ”), which YAML does not take as quotes: a comma "
            "or colon between them cuts the text in two"),
            _('type straight double quotes (") instead of the curly ones, e.g. '
              '{name: "Fatima, resident"}'))
    return message, hint


def _split_quotes(key: str, given: object) -> bool:
    """Whether the key or value an error is about holds a text with a curly
    quote at one end only: in a {...} a comma between curly quotes parts the
    text, as they are not quotes to YAML."""
    texts = [key, given]
    if isinstance(given, dict):
        texts += [*given, *given.values()]
    elif isinstance(given, list):
        texts += given
    return any(isinstance(text, str) and text != "" and
               (text[0] in CURLY_OPEN) != (text[-1] in CURLY_CLOSE) for text in texts)


def _explained(error: dict, field: str, siblings: list[str]) -> tuple[str, str]:
    kind, name = error["type"], field.rsplit(".", 1)[-1]
    given = error.get("input")
    if kind == "missing":
        return (_("`{field}` is missing").format(field=field),
                _("add `{name}:` with a value").format(name=name))
    if kind == "extra_forbidden":
        return (_("unknown field `{field}`.").format(field=field) + did_you_mean(name, siblings),
                _("remove it or correct its name; the fields here are {fields}")
                .format(fields=one_of(siblings)))
    if kind in ("literal_error", "enum"):
        allowed = re.findall(r"'([^']*)'", error.get("ctx", {}).get("expected", ""))
        return (_('`{field}` cannot be "{value}".').format(field=field, value=given)
                + did_you_mean(str(given), allowed),
                _("use {choices}").format(choices=one_of(allowed)))
    if kind == "string_pattern_mismatch":
        what, hint = PATTERNS.get(field.split(".")[0] if field.startswith("locales.") else name,
                                  PATTERNS["id"])
        return (_('`{field}` "{value}" is not {what}').format(field=field, value=str(given)[:80],
                                                            what=_(what)), _(hint))
    return _explain_value(kind, field, name, error)


def _explain_value(kind: str, field: str, name: str, error: dict) -> tuple[str, str]:
    ctx = error.get("ctx", {})
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return _out_of_range(field, name, error)
    if kind == "value_error":
        found = ctx.get("error", error["msg"])
        return (f"`{field}`: {found}", found.hint if isinstance(found, HintedError)
                else _("correct the value as described"))
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return (_("`{field}` must be a group of named fields").format(field=field),
                _(EXAMPLES.get(name, N_("see the content model"))))
    for kinds, message, hint in _BY_TYPE:
        if kind in kinds:
            return (_(message).format(field=field),
                    _(hint).format(name=name, count=ctx.get("max_length", "?")))
    return f"`{field}`: {error['msg']}", _("see the content model for what this field takes")


_BY_TYPE = (  # pydantic's error types: what is wrong, how to write the value
    (("list_type",), N_("`{field}` must be a list"),
     N_("write it as a list, e.g. {name}: [first, second]")),
    (("string_type", "string_too_short"), N_("`{field}` must be non-empty text"),
     N_('write it as text, e.g. {name}: "..."')),
    (("bool_type", "bool_parsing"), N_("`{field}` must be true or false"),
     N_("write {name}: true or {name}: false")),
    # a number written in quotes, thousands of digits long
    (("int_parsing_size",), N_("`{field}` is far too long a number"),
     N_("write {name}: followed by a number")),
    (("int_type", "int_parsing", "float_type", "float_parsing", "int_from_float",
      "finite_number"), N_("`{field}` must be a number"), N_("write {name}: followed by a number")),
    (("string_too_long",), N_("`{field}` is too long"),
     N_("shorten it to at most {count} characters")),
)


def _out_of_range(field: str, name: str, error: dict) -> tuple[str, str]:
    message = _("`{field}` is {value}, out of range").format(field=field, value=error.get("input"))
    if name in ("lat", "lon"):  # the two are easily swapped: the hint says which is which
        return message, _("use a number between -{limit} and {limit}; lat is north-south (about "
                          "50-54 in the Netherlands), lon east-west (about 3-7)").format(
                              limit=90 if name == "lat" else 180)
    ctx = error.get("ctx", {})
    for key, words in (("ge", N_("use a number of at least {limit}")),
                       ("gt", N_("use a number above {limit}")),
                       ("le", N_("use a number of at most {limit}")),
                       ("lt", N_("use a number below {limit}"))):
        if key in ctx:
            return message, _(words).format(limit=ctx[key])
    return message, _("use a number in range")


PATTERNS = {  # what a field with a pattern holds, and how to write it
    "id": (N_("a valid id"),
           N_("use lowercase letters a-z, digits and hyphens only, e.g. `afval-gesprek-2019`")),
    "icon": (N_("an icon name"),
             N_("use the name of an icon, e.g. users, recycle or material/map-marker")),
    "language": (N_("a language code"), N_("use two letters, such as nl or en")),
    "locales": (N_("a locale"), N_("write it like en_GB, or nl")),
}

EXAMPLES = {  # how to write a field that must hold named fields
    "location": N_("write it as location: {lat: 52.03, lon: 5.08}"),
    "period": N_("write it as period: {start: 2019-01, end: 2019-11}"),
    "cover": N_('write it as cover: {file: cover.jpg, alt: {nl: "...", en: "..."}, '
                'credit: "..."}'),
    "consent": N_("write it as consent: {given: true, date: 2019-05-01}"),
    "narrator": N_('write it as narrator: {name: "Anonymous resident"}, or per language: '
                   '{name: {nl: "Een bewoner", en: "A resident"}}'),
    "title": N_('write it as title: {nl: "...", en: "..."}'),
    "label": N_("write it as label: {nl: Afval, en: Waste}"),
}
