"""The content model: what a briefing says, validated from the YAML node tree.

Each dataclass field carries its documentation and an example in ``metadata``; the validator,
the JSON Schema (``briefing schema``) and the reference in ``docs/content.md`` all come from them.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, Union
from urllib.parse import urlsplit

import yaml

from .errors import ContentError, Location, Problem
from .reader import Source

MAX_FIGURES = 4
_UNITS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54}


class Text(str):
    """Text from the content file that remembers where it was written."""

    source: Source | None = None
    node: yaml.Node | None = None

    def locate(self, offset: int | None = None) -> Location:
        """Where this text (or its character at ``offset``) stands in the content file."""
        if self.source is None or self.node is None:
            return Location("<content>", 1, 1)
        return self.source.locate(self.node, offset)


class Colour(Text):
    """A colour written ``"#RRGGBB"``."""


class Length(float):
    """A length in points, written as a number of points or with a unit: ``0.75in``, ``18mm``."""


def _doc(doc: str, example: Any = None, **kwargs: Any) -> Any:
    return field(metadata={"doc": doc, "example": example}, **kwargs)


@dataclass(frozen=True)
class Figure:
    """A key figure: a number worth remembering and what it counts."""

    value: Text = _doc("The figure as it should print: a number, a percentage, a year.", "20%")
    label: Text = _doc(
        "What the figure measures, in a few words.", "rise in the vehicle maintenance budget"
    )


@dataclass(frozen=True)
class Fact:
    """A fact for the 'at a glance' list."""

    label: Text = _doc("What the fact is.", "Capital")
    value: Text = _doc("The fact itself.", "Niamey")


@dataclass(frozen=True)
class Contact:
    """Someone readers can contact."""

    name: Text = _doc("A person or an office.", "INL Public Affairs")
    role: Text | None = _doc("Their role or title.", "Press inquiries", default=None)
    email: Text | None = _doc("An e-mail address.", "INL-PA@state.gov", default=None)
    phone: Text | None = _doc("A telephone number.", "+1 202-647-2842", default=None)


@dataclass(frozen=True)
class Section:
    """A titled part of the body."""

    heading: Text = _doc("The section's heading.", "Context and Challenges")
    body: Text | None = _doc(
        "The section's text. Separate paragraphs with a blank line; use **bold**, *italic*, "
        "[links](https://www.state.gov), and lists of lines starting '- ' or '1. '.",
        "Niger lies in the Lake Chad Basin.\n\nIt faces threats along three borders.",
        default=None,
    )


@dataclass(frozen=True)
class Logo:
    """A logo or seal for the header band."""

    file: Text = _doc("A PNG, JPEG or SVG file, relative to the content file.", "seal.png")
    alt: Text = _doc(
        "What the image shows, for readers who cannot see it.",
        "Seal of the U.S. Department of State",
    )


@dataclass(frozen=True)
class Design:
    """How the page looks; every field has a default."""

    layout: Literal["two-column", "single-column", "sidebar"] = _doc(
        "two-column: the sections in two balanced columns; single-column: one column with "
        "headings hanging in the margin; sidebar: a main column and a side panel for the key "
        "figures, facts and contacts.",
        "sidebar",
        default="two-column",
    )
    font: Literal["Noto Sans", "Noto Serif"] = _doc(
        "The type family, from those shipped.", "Noto Serif", default="Noto Sans"
    )
    primary: Colour | None = _doc(
        "The main colour (header band, title, headings), in quotes: an unquoted # starts a "
        "comment. Text on it and in it must keep 4.5:1 contrast, in colour and in grayscale.",
        "#112E51",
        default=None,
    )
    accent: Colour | None = _doc(
        "The second colour (subtitle and rules), in quotes.", "#A31F34", default=None
    )
    margins: Length | None = _doc(
        "The left and right margins: points, or with a unit (in, mm, cm).", "0.75in", default=None
    )
    min_body_size: float | None = _doc(
        "The smallest body text size, in points, that the fit engine may use (6 to 12).",
        8,
        default=None,
    )


@dataclass(frozen=True)
class Content:
    """A one-page briefing."""

    organization: Text = _doc(
        "Who publishes the sheet; printed in the header band and footer.",
        "U.S. Department of State",
    )
    title: Text = _doc(
        "What the sheet is about, printed large: usually a country or program.", "Niger"
    )
    sections: list[Section] = _doc("The body, in reading order: one entry per heading.")
    office: Text | None = _doc(
        "The bureau or office, printed under the organization.",
        "Bureau of International Narcotics and Law Enforcement Affairs",
        default=None,
    )
    subtitle: Text | None = _doc(
        "What kind of sheet this is, printed under the title.",
        "INL Program Overview",
        default=None,
    )
    date: datetime.date | None = _doc(
        "The date the sheet is current as of, written YYYY-MM-DD.",
        datetime.date(2019, 5, 1),
        default=None,
    )
    lead: Text | None = _doc(
        "The opening paragraph, set apart above the key figures.",
        "INL works to keep Americans safe at home.",
        default=None,
    )
    key_figures: list[Figure] = _doc(
        f"Up to {MAX_FIGURES} figures shown in a strip under the lead.", default_factory=list
    )
    at_a_glance: list[Fact] = _doc(
        "Short facts (capital, population, funding ...) listed beside or under the figures.",
        default_factory=list,
    )
    contacts: list[Contact] = _doc(
        "Who to contact, printed in a block at the foot of the body.", default_factory=list
    )
    online: Text | None = _doc(
        "The web address of the online version: printed, and as a QR code for phones.",
        "https://www.state.gov/inl-niger",
        default=None,
    )
    marking: Text | None = _doc(
        "A marking printed in banners at the top and bottom of the page.",
        "UNCLASSIFIED",
        default=None,
    )
    logo: Logo | None = _doc("A logo or seal in the header band.", default=None)
    footer: Text | None = _doc(
        "The line at the foot of the page; the organization if left out.",
        "U.S. Department of State",
        default=None,
    )
    language: Literal["en", "fr", "es", "pt"] = _doc(
        "The language of the text: sets hyphenation, fixed labels, the date format and the "
        "PDF's language.",
        "en",
        default="en",
    )
    paper: Literal["letter", "a4"] = _doc(
        "The paper size; the command line may override it.", "letter", default="letter"
    )
    design: Design = _doc(
        "How the page looks: layout, font, colours, margins.", default_factory=Design
    )


def load(source: Source) -> Content:
    """Validate a parsed file into :class:`Content`; raise :class:`ContentError` if it is wrong."""
    problems: list[Problem] = []
    if source.root is None:
        problems.append(
            Problem(
                "the file is empty",
                Location(source.path, 1, 1),
                "a mapping of fields such as 'title:' and 'sections:'",
            )
        )
        raise ContentError(problems)
    content = _convert(source, source.root, Content, problems)
    if problems:
        raise ContentError(problems)
    return typing.cast(Content, content)


_MISSING = object()
_KIND: dict[type[yaml.Node], str] = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}


def _found(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        tag = node.tag.rsplit(":", 1)[-1]
        kind = {
            "str": "text",
            "int": "a number",
            "float": "a number",
            "bool": "true/false",
            "null": "nothing",
            "timestamp": "a date",
        }.get(tag, "text")
        return f"{kind} '{node.value}'" if node.value else kind
    return _KIND[type(node)]


def _convert(source: Source, node: yaml.Node, kind: Any, problems: list[Problem]) -> Any:
    """Convert ``node`` to ``kind``; if it does not fit, add a problem and return ``_MISSING``."""
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        inner = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        if _is_null(node) and inner is not Colour:  # '#' unquoted would leave a colour empty
            return None
        return _convert(source, node, inner, problems)
    if dataclasses.is_dataclass(kind):
        return _convert_mapping(source, node, typing.cast(type, kind), problems)
    if origin is list:
        if not isinstance(node, yaml.SequenceNode):
            return _mismatch(source, node, "a list of entries each starting with '- '", problems)
        items = [_convert(source, item, typing.get_args(kind)[0], problems) for item in node.value]
        return [item for item in items if item is not _MISSING]
    if not isinstance(node, yaml.ScalarNode) or _is_null(node):
        return _mismatch(source, node, _expected(kind), problems)
    if origin is Literal:
        choices = typing.get_args(kind)
        if node.value in choices:
            return node.value
        return _mismatch(source, node, _expected(kind), problems)
    if kind is datetime.date:
        try:
            return datetime.date.fromisoformat(node.value)
        except ValueError:
            return _mismatch(source, node, _expected(kind), problems)
    if kind is float:
        try:
            return float(node.value)
        except ValueError:
            return _mismatch(source, node, _expected(kind), problems)
    if kind is Length:
        match = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*(pt|in|mm|cm)?\s*", node.value)
        if match is None:
            return _mismatch(source, node, _expected(kind), problems)
        return Length(float(match.group(1)) * _UNITS[match.group(2) or "pt"])
    if kind is Colour and not re.fullmatch(r"#[0-9A-Fa-f]{6}", node.value):
        return _mismatch(source, node, _expected(kind), problems)
    text = kind(node.value)
    text.source, text.node = source, node
    if not text.strip():
        return _mismatch(source, node, "some text", problems)
    return text


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _expected(kind: Any) -> str:
    if typing.get_origin(kind) is Literal:
        return "one of " + ", ".join(f"'{choice}'" for choice in typing.get_args(kind))
    if kind is datetime.date:
        return "a date written YYYY-MM-DD, such as 2019-05-01"
    if kind is float:
        return "a number"
    if kind is Length:
        return "a length such as 54, 0.75in or 18mm"
    if kind is Colour:
        return 'a colour written "#RRGGBB" in quotes (an unquoted # starts a comment)'
    return "text"


def _mismatch(source: Source, node: yaml.Node, expected: str, problems: list[Problem]) -> Any:
    problems.append(Problem(f"found {_found(node)}", source.at(node.start_mark), expected))
    return _MISSING


@functools.cache
def _fields(kind: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    """A model class's fields by name, and their types (evaluated once: that takes a while)."""
    return {f.name: f for f in dataclasses.fields(kind)}, typing.get_type_hints(kind)


def _convert_mapping(source: Source, node: yaml.Node, kind: type, problems: list[Problem]) -> Any:
    fields, hints = _fields(kind)
    noun = "the top level" if kind is Content else f"a {kind.__name__.lower()}"
    if not isinstance(node, yaml.MappingNode):
        keys = ", ".join(f"'{name}:'" for name, f in fields.items() if _required(f))
        return _mismatch(source, node, f"{noun} as a mapping of fields such as {keys}", problems)
    values: dict[str, Any] = {}
    guessed: set[str] = set()  # fields a misspelt key probably meant: not reported missing too
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        if name not in fields:
            from difflib import get_close_matches  # only when a key is wrong

            guess = get_close_matches(str(name), fields, n=1, cutoff=0.6)
            guessed.update(guess)
            hint = f"did you mean '{guess[0]}'?" if guess else "one of " + ", ".join(fields)
            shown = f"'{name}'" if name is not None else "that is not text"
            problems.append(
                Problem(f"unknown key {shown} in {noun}", source.at(key.start_mark), hint)
            )
            continue
        values[name] = _convert(source, value, hints[name], problems)
    missing = [name for name, f in fields.items() if _required(f) and name not in values]
    for name in missing:
        if name in guessed:
            continue
        problems.append(
            Problem(
                f"{noun} has no '{name}'",
                source.at(node.start_mark),
                f"'{name}:' ({fields[name].metadata['doc'][0].lower()}"
                f"{fields[name].metadata['doc'][1:].rstrip('.')})",
            )
        )
    if missing or any(value is _MISSING for value in values.values()):
        return _MISSING
    return _checked(source, node, kind(**values), problems)


def _required(f: dataclasses.Field[Any]) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def _checked(source: Source, node: yaml.Node, value: Any, problems: list[Problem]) -> Any:
    """Rules that go beyond one value's type."""
    where = {key.value: val for key, val in node.value if isinstance(key, yaml.ScalarNode)}
    if isinstance(value, Design):
        size = value.min_body_size
        if size is not None and not 6 <= size <= 12:
            problems.append(
                Problem(
                    f"found {size:g} pt",
                    source.at(where["min_body_size"].start_mark),
                    "a size from 6 to 12 points",
                )
            )
        if value.margins is not None and not 18 <= value.margins <= 108:
            problems.append(
                Problem(
                    f"found margins of {value.margins:.0f} pt",
                    source.at(where["margins"].start_mark),
                    "margins from 18 pt (0.25in) to 108 pt (1.5in)",
                )
            )
    if isinstance(value, Content):
        if value.online and urlsplit(value.online).scheme not in ("http", "https"):
            problems.append(
                Problem(
                    f"the address '{value.online}' is not a web address",
                    value.online.locate(),
                    "an address starting https://",
                )
            )
        if not value.sections:
            problems.append(
                Problem(
                    "'sections' is empty",
                    source.at(node.start_mark),
                    "at least one section with a heading and a body",
                )
            )
        if len(value.key_figures) > MAX_FIGURES:
            extra = value.key_figures[MAX_FIGURES]
            problems.append(
                Problem(
                    f"{len(value.key_figures)} key figures",
                    extra.value.locate(),
                    f"at most {MAX_FIGURES}, so the strip stays readable",
                )
            )
    return value
