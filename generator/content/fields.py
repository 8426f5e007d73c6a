"""Shared field types of the record models, and their validation.

The models are plain pydantic models: they know nothing of MkDocs, so the
site could move to another engine. Validation errors are turned into
Problems that name the file and line and say how to fix the input.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Iterator, Literal

from pydantic import (AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer,
                      ValidationError, ValidationInfo, WithJsonSchema, model_validator)

from generator.content.dates import PartialDate, parse_date
from generator.content.messages import N_, _
from generator.content.names import file_key
from generator.content.explain import explain
from generator.content.problems import Problems, did_you_mean
from generator.content.yamlsrc import line_at

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
is_valid_id = re.compile(ID_PATTERN).fullmatch  # a match (true) for lowercase, digits, hyphens
DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"

Date = Annotated[PartialDate, BeforeValidator(parse_date), PlainSerializer(str, return_type=str),
                 WithJsonSchema({"type": "string", "pattern": DATE_PATTERN,
                                 "description": N_("a date: 2019-10-01, or 2019-10 for a month")})]
Id = Annotated[str, Field(pattern=ID_PATTERN,
                          description=N_("lowercase letters, digits and hyphens"))]
Text = Annotated[str, Field(min_length=1)]


def _localized(value: Any, info: ValidationInfo) -> Any:
    """Accepts {nl: ..., en: ...}; plain text means the same in every language."""
    languages = (info.context or {}).get("languages")
    if isinstance(value, str) and value.strip():
        return {lang: value for lang in (languages or ["*"])}
    if isinstance(value, dict) and languages:
        unknown = [k for k in value if k not in languages]
        if unknown:
            raise ValueError(_('"{code}" is not one of the site\'s languages ({languages}).')
                             .format(code=unknown[0], languages=", ".join(languages))
                             + did_you_mean(unknown[0], languages))
    return value


class LocalText(dict):
    """A short text per language, e.g. {"nl": "Afval", "en": "Waste"}."""


Localized = Annotated[dict[str, Text], BeforeValidator(_localized), AfterValidator(LocalText),
                      WithJsonSchema({"anyOf": [
                          {"type": "object", "additionalProperties": {"type": "string"},
                           "description": N_("a text per language, e.g. {nl: Afval, en: Waste}")},
                          {"type": "string",
                           "description": N_("the same text in every language")}]})]


def matching(pattern: str | re.Pattern, message: str) -> AfterValidator:
    """Refuses a text that `pattern` does not match whole, saying `message`
    (marked with N_, quoting the text as {value})."""
    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise ValueError(_(message).format(value=value[:80]))
        return value
    return AfterValidator(check)


def _file_name(value: str) -> str:
    # a name, never a path: nothing a record names may lie outside its own folder
    if any(c in value for c in "/\\\x00") or value.startswith("."):
        raise ValueError(_('"{value}" is not the name of a file in this folder; write the name '
                           "of a file beside meta.yml, without folders, e.g. cover.jpg")
                         .format(value=value[:80]))
    return file_key(value)


# printed into href attributes: no quotes, angle brackets, spaces or control characters
Url = Annotated[str, matching(r'https?://[^\s<>"\\\x00-\x1f\x7f]+', N_(
    '"{value}" is not a web address; start it with https:// and leave out spaces, quotes and < >'))]
FileName = Annotated[str, Field(min_length=1, max_length=200,
                                description=N_("the name of a file in the record's folder")),
                     AfterValidator(_file_name)]
Country = Annotated[str, matching(r"[A-Za-z]{2}", N_(
    '"{value}" is not a two-letter country code; write e.g. NL, IT or GB')),
                    AfterValidator(str.upper),
                    Field(description=N_("ISO 3166-1 alpha-2 code, e.g. NL"))]


class Model(BaseModel):
    """Base of every record model: unknown fields are refused."""

    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class Location(Model):
    """A point in WGS84 decimal degrees, always as named keys."""

    lat: float = Field(ge=-90, le=90, description=N_("latitude, -90 to 90 (north is positive)"))
    lon: float = Field(ge=-180, le=180,
                       description=N_("longitude, -180 to 180 (east is positive)"))

    @model_validator(mode="before")
    @classmethod
    def _named_keys(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            raise ValueError(_("write a location with named keys, like {lat: 52.03, lon: 5.08}, "
                               "never as a bare pair (that is where lat and lon get swapped)"))
        # Written the Dutch way, `lat: 52,0341` is a text, and `{lat: 52,0341, lon: 5,08}`
        # makes YAML read keys such as `0341`
        if isinstance(value, dict) and any(str(key).isdigit() or key in ("lat", "lon") and
                                           re.fullmatch(r"-?\d+,\d+", str(text))
                                           for key, text in value.items()):
            raise ValueError(_("a coordinate is written with a decimal comma (52,0341); write a "
                               "decimal point: {lat: 52.0341, lon: 5.0812}"))
        return value


class Period(Model):
    """A span of time; the end may be left open while something runs."""

    start: Date = Field(description=N_("the start: 2019-01-15, or 2019-01 for a month"))
    end: Date | None = Field(default=None, description=N_("the end; leave it out while it runs"))

    @model_validator(mode="after")
    def _ordered(self) -> "Period":
        if self.end is not None and self.end.last_day() < self.start.first_day():
            raise ValueError(_("the end ({end}) is before the start ({start})")
                             .format(end=self.end, start=self.start))
        return self


class Image(Model):
    """An image file in the bundle, with its alt text per language."""

    file: FileName
    alt: Localized = Field(description=N_(
        "what the picture shows, for people who cannot see it"))
    credit: Localized | None = Field(default=None, description=N_(
        "who made it: plain text, or a text per language"))
    licence: str | None = Field(default=None, description=N_("its licence, e.g. CC BY 4.0"))


class Record(Model):
    """Fields every bundle's meta.yml may carry."""

    draft: bool = Field(default=False, description=N_(
        "true: left out of the published site until it is ready (the preview shows it)"))


class Approximate:
    """A record whose `approximate:` names facts known only roughly."""

    @property
    def approximate_fields(self) -> frozenset[str]:
        """The facts that are only approximate (true means the location)."""
        return frozenset({"location"} if self.approximate is True else self.approximate or ())


def validate(model: type[BaseModel], data: Any, path: Path, problems: Problems,
             context: dict | None = None) -> Any:
    """Validates YAML data (a YMap/YList tree) from `path` against a model,
    recording problems with lines: the model instance, or None when invalid."""
    try:
        return model.model_validate(data, context=context or {})
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            if problems.full(path):
                break
            loc = tuple(step for step in error["loc"] if not _is_internal(step))
            field = ".".join(str(s) for s in loc) or _("this file")
            message, hint = explain(error, field, _fields_at(model, loc))
            problems.add(path, line_at(data, loc, default=1), message, hint)
        return None


def _is_internal(step: Any) -> bool:
    # pydantic adds union branch names and validator tags to error locations
    return isinstance(step, str) and (step.startswith("function-") or step in
                                      {"str", "dict[str,str]", "PartialDate", "Location",
                                       "int", "list[str]", "Period", "constrained-str",
                                       "CustomTiles"})


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """Returns the field names valid in the mapping that holds loc[-1]."""
    current: Any = model
    for step in loc[:-1]:  # list indexes and dictionary keys leave the model as it was
        field = getattr(current, "model_fields", {}).get(step)
        if field is not None:
            current = _inner_model(field.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next((found for arg in getattr(annotation, "__args__", ())
                 if (found := _inner_model(arg)) is not None), None)


class Named(Model):
    """A taxonomy term: a label per language."""

    label: Localized = Field(description=N_("the term's name"))
    description: Localized | None = Field(default=None, description=N_("a short explanation"))


Status = Literal["planned", "running", "finished", "unknown"]


def local_texts(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, LocalText]]:
    """Yields (location, text) for every per-language text inside a model
    (or a list, dict or scalar), below `loc`, the path to `value` so far."""
    if isinstance(value, LocalText):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from local_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from local_texts(item, (*loc, key))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from local_texts(item, (*loc, index))
