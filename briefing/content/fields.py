"""The machinery of the field declarations: the kinds of value a field holds, :func:`declare`
for one field's description, example and limits, and the spec of each declared type, which the
validator (``validate``) and the JSON Schema writer (``schema``) both read: a field is declared
once, in ``model``, and everything about it comes from that declaration.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import operator
import re
import types
import typing
from collections.abc import Callable
from dataclasses import field
from pathlib import Path
from typing import Any, Literal, NamedTuple, Union

import yaml

from ..errors import Location, Problem
from .reader import Source

MAX_NUMBER = 1e15  # a chart's values are below it: a float holds every digit of them
MIN_NUMBER = 1e-6  # ... and 0 or at least this: a label shows a few decimal places

_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}


class Text(str):
    """Text from the content file that remembers where it was written and in which field."""

    source: Source | None = None
    node: yaml.Node | None = None
    field: str = ""  # its field path, such as sections[0].body
    markdown: Literal["", "inline", "blocks"] = ""  # the formatting it may hold

    def locate(self, offset: int | None = None) -> Location:
        """Where this text (or its character at ``offset``) stands in the content file."""
        if self.source is None or self.node is None:
            return Location("<content>", 1, 1)
        if self.node.start_mark is None:  # content given as a dict: only the field path says
            return Location(self.source.path, 0, 0)
        return self.source.locate(self.node, offset)

    def folder(self, base: Path) -> Path:
        """The folder that a file name written here starts from: its style file's folder if it
        was written there, else ``base``."""
        source, node = self.source, self.node
        return base if source is None or node is None else source.folder(node, base)

    def problem(
        self,
        message: str,
        expected: str,
        offset: int | None = None,
        severity: Literal["error", "warning"] = "error",
    ) -> Problem:
        """A problem with this text (or its character at ``offset``), located and named."""
        return Problem(message, self.locate(offset), expected, severity, self.field)


class Colour(Text):
    """A colour written ``"#RRGGBB"``."""


class WebAddress(Text):
    """A web address, starting ``http://`` or ``https://``."""


class Email(Text):
    """An e-mail address."""


class Cell(Text):
    """A table cell: text, or ``""`` for an empty cell."""


class Number(float):
    """A number written as a number (``3.5``, ``1200``), not as text in quotes."""


class Length(float):
    """A length in points, written as a number of points or with a unit: ``0.75in``, ``18mm``."""


def declare(
    doc: str,
    example: Any = None,
    *,
    markdown: Literal["", "inline", "blocks"] = "",
    printed: bool = True,
    minimum: float | None = None,
    maximum: float | None = None,
    min_items: int | None = None,
    max_items: int | None = None,
    max_length: int | None = None,
    entries: str = "",
    **kwargs: Any,
) -> Any:
    """Declare a field: its description, example, formatting, whether it prints, its limits;
    ``entries`` names a list's or mapping's entries in messages (the field's name if not)."""
    limits = {
        "minimum": minimum,
        "maximum": maximum,
        "minItems": min_items,
        "maxItems": max_items,
        "maxLength": max_length,
    }
    metadata = {
        "doc": doc,
        "example": example,
        "markdown": markdown,
        "printed": printed,
        "entries": entries,
        "limits": {name: value for name, value in limits.items() if value is not None},
    }
    return field(metadata=metadata, **kwargs)


class Mistake(ValueError):
    """A value of the right kind that is still wrong (30 February, an address with a space):
    what is wrong, what was expected, and the offset of the character at fault, if one is."""

    def __init__(self, message: str, expected: str, offset: int | None = None) -> None:
        super().__init__(message)
        self.expected, self.offset = expected, offset


class Scalar(NamedTuple):
    """One kind of single value: how it is read from text, what it should look like, its schema."""

    read: Callable[[str], Any]  # the value, or ValueError
    expected: str
    schema: dict[str, Any]
    between: str = ""  # the limits as words: format() with lo and hi, in points and inches
    tags: tuple[str, ...] = ()  # the YAML types it must be written as (any if none): "int"


def _matching(kind: type[Text], pattern: str) -> Callable[[str], Text]:
    def read(value: str) -> Text:
        if not re.search(pattern, value):
            raise ValueError(value)
        return kind(value)

    return read


def _web(value: str) -> Text:
    space = re.search(r"\s", value)
    if space is not None and re.match(_SCHEME, value):
        raise Mistake(
            "the web address has a space in it",
            "the address without spaces (%20 where the address itself has one)",
            space.start(),
        )
    return _matching(WebAddress, _WEB)(value)


def _date(value: str) -> datetime.date:
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value)
    if match is None:
        return datetime.date.fromisoformat(value)  # or ValueError: not a date at all
    year, month, day = map(int, match.groups())
    if not 1 <= month <= 12:
        raise Mistake(f"there is no month {month}", _CALENDAR, 5)
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 29 if month == 2 and leap else _DAYS[month]
    if not 1 <= day <= last:
        import calendar  # the month's name, as the locale spells it

        name = calendar.month_name[month]
        raise Mistake(f"there is no {name} {day}: {name} {year} has {last} days", _CALENDAR, 8)
    return datetime.date(year, month, day)


def _length(value: str) -> Length:
    match = re.search(_LENGTH, value)
    if match is None:
        raise ValueError(value)
    return Length(float(match.group(1)) * _UNITS[match.group(2) or "pt"])


def _number(value: str) -> Number:
    """The number as written, in decimal: YAML 1.1 would read 010 as 8, 1:30 as 90 and 0b11
    as 3 (010 is 10 here; the others are not numbers)."""
    if not re.fullmatch(_DECIMAL, value):
        raise ValueError(value)
    number = float(value.replace("_", ""))  # 1_000 as YAML writes a thousand
    if math.isfinite(number) and abs(number) >= MAX_NUMBER:  # past float's exact digits
        raise Mistake(
            f"found '{value}', a thousand trillion or more, which a chart cannot print exactly",
            "a number below 1,000,000,000,000,000 (for larger amounts, the values in "
            "trillions and the unit saying so)",
        )
    if 0 < abs(number) < MIN_NUMBER:  # its label would read 0
        raise Mistake(
            f"found '{value}', under a millionth, which a chart's labels cannot show",
            "0, or a number of at least 0.000001 (for smaller amounts, the values in a smaller "
            "unit and the unit saying so)",
        )
    return Number(number)


def _boolean(value: str) -> bool:
    read = yaml.safe_load(value)
    if not isinstance(read, bool):
        raise ValueError(value)
    return read


_CALENDAR = "a day of the calendar, written YYYY-MM-DD"
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # each month's (a common year)
# a day of the calendar (29 February of every year: the format says which years have one), for
# editors that check a pattern but not the date format
_DAY = (
    r"^\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)"
    r"|02-(?:0[1-9]|1\d|2\d))$"
)
_TEXT = r"\S"
_DECIMAL = r"[-+]?(\d[\d_]*\.?[\d_]*|\.\d[\d_]*)([eE][-+]?\d+)?"
_COLOUR = "^#[0-9A-Fa-f]{6}$"
_LENGTH = r"^\s*([0-9]*\.?[0-9]+)\s*(pt|in|mm|cm)?\s*$"
_SCHEME = "^[Hh][Tt][Tt][Pp][Ss]?://"
_WEB = _SCHEME + r"\S+$"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_SCALARS: dict[Any, Scalar] = {
    # A number such as 2018 (or yes, which YAML reads as true) is fine where text is expected:
    # it prints as typed.
    Text: Scalar(
        _matching(Text, _TEXT), "text", {"type": ["string", "number", "boolean"], "pattern": _TEXT}
    ),
    Colour: Scalar(
        _matching(Colour, _COLOUR),
        'a colour written "#RRGGBB" in quotes (an unquoted # starts a comment)',
        {"type": "string", "pattern": _COLOUR},
    ),
    WebAddress: Scalar(
        _web,
        "a web address starting https:// (or http://)",
        {"type": "string", "pattern": _WEB},
    ),
    Email: Scalar(
        _matching(Email, _EMAIL),
        "an e-mail address such as name@example.org",
        {"type": "string", "pattern": _EMAIL},
    ),
    Length: Scalar(
        _length,
        "a length such as 54, 0.75in or 18mm",
        {"type": ["number", "string"], "pattern": _LENGTH},
        "a length from {lo_in:g}in to {hi_in:g}in ({lo:g} to {hi:g} pt)",
    ),
    Cell: Scalar(
        _matching(Cell, ""),
        'text, or "" for an empty cell',
        {"type": ["string", "number", "boolean"]},
    ),
    float: Scalar(float, "a number", {"type": "number"}, "a number from {lo:g} to {hi:g}"),
    Number: Scalar(
        _number,
        "a number written without quotes, commas or units, such as 3.5 or 3100000",
        {"type": "number", "exclusiveMinimum": -MAX_NUMBER, "exclusiveMaximum": MAX_NUMBER},
        tags=("int", "float"),
    ),
    bool: Scalar(_boolean, "true or false", {"type": "boolean"}, tags=("bool",)),
    datetime.date: Scalar(
        _date,
        "a date written YYYY-MM-DD, such as 2019-05-01",
        {"type": "string", "format": "date", "pattern": _DAY},
    ),
}


class ScalarSpec(NamedTuple):
    """A single value of one kind."""

    scalar: Scalar


class ChoiceSpec(NamedTuple):
    """One of a few words."""

    choices: tuple[str, ...]


class ListSpec(NamedTuple):
    """A list of values of one declared type."""

    item: Spec


class MapSpec(NamedTuple):
    """A mapping of names (text) to values, in the order written."""

    key: Spec
    value: Spec


class ObjectSpec:
    """A declared object (a dataclass): its fields, each with its spec."""

    def __init__(self, kind: type, only: tuple[str, ...] = ()) -> None:
        """``only``: just these fields, every one optional (a style file's)."""
        self.kind, self.partial = kind, bool(only)
        hints = typing.get_type_hints(kind)
        self.fields: dict[str, Field] = {}
        for f in dataclasses.fields(kind):
            if only and f.name not in only:
                continue
            inner, optional = _optional(hints[f.name])
            # an unquoted '#' leaves a colour empty: that is an error, not "no colour"; and a
            # field written as one of several choices must hold something
            nullable = optional and inner is not Colour and f.name not in self.one_of
            self.fields[f.name] = Field(spec_of(inner), nullable, f)

    @property
    def one_of(self) -> tuple[str, ...]:
        """The fields of which exactly one must be given, if any."""
        return typing.cast(tuple[str, ...], getattr(self.kind, "one_of", ()))

    def required(self, f: Field) -> bool:
        """Whether ``f`` must be given here."""
        return f.required and not self.partial


class EitherSpec(NamedTuple):
    """A single value (text, or one of a few words) or a declared object written as a mapping:
    which one the value is written as says which it is."""

    single: Spec
    mapping: ObjectSpec


# How one declared type is read from the node tree and written in the JSON Schema.
Spec = ScalarSpec | ChoiceSpec | ListSpec | MapSpec | ObjectSpec | EitherSpec


class Field(NamedTuple):
    """A declared field: its type's spec, whether it may be null, and its declaration."""

    spec: Spec
    nullable: bool
    declared: dataclasses.Field[Any]

    @property
    def required(self) -> bool:
        f = self.declared
        return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING

    @property
    def limits(self) -> str:
        """The declared limits in words: ``at most 4``, ``a number from 6 to 12``."""
        bounds = self.declared.metadata["limits"]
        if "minimum" in bounds:
            lo, hi = bounds["minimum"], bounds["maximum"]
            between = typing.cast(ScalarSpec, self.spec).scalar.between
            return between.format(lo=lo, hi=hi, lo_in=lo / 72, hi_in=hi / 72)
        if "minItems" in bounds and "maxItems" in bounds:
            return f"from {bounds['minItems']} to {bounds['maxItems']}"
        if "maxItems" in bounds:
            return f"at most {bounds['maxItems']}"
        if "minItems" in bounds:
            return f"at least {bounds['minItems']}"
        if "maxLength" in bounds:
            return f"at most {bounds['maxLength']} characters"
        return ""


def limits(kind: type, name: str) -> str:
    """A field's declared limits in words, as the docs and the schema's description state them."""
    return typing.cast(ObjectSpec, spec_of(kind)).fields[name].limits


def _optional(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` (``X`` may be a union itself), and whether it was optional."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = typing.get_args(hint)
        kept = tuple(arg for arg in args if arg is not type(None))
        return functools.reduce(operator.or_, kept), len(kept) < len(args)
    return hint, False


@functools.cache
def spec_of(hint: Any, only: tuple[str, ...] = ()) -> Spec:
    """The spec of a declared type (built once: evaluating type hints takes a while); ``only``
    keeps just those fields of a declared object, every one optional (a style file's)."""
    if dataclasses.is_dataclass(hint):
        return ObjectSpec(typing.cast(type, hint), only)
    if typing.get_origin(hint) in (Union, types.UnionType):
        single, mapping = typing.get_args(hint)  # as declared: a single value, then an object
        return EitherSpec(spec_of(single), typing.cast(ObjectSpec, spec_of(mapping)))
    if typing.get_origin(hint) is list:
        return ListSpec(spec_of(typing.get_args(hint)[0]))
    if typing.get_origin(hint) is dict:
        key, value = typing.get_args(hint)
        return MapSpec(spec_of(key), spec_of(value))
    if typing.get_origin(hint) is Literal:
        return ChoiceSpec(typing.get_args(hint))
    return ScalarSpec(_SCALARS[hint])
