"""The content model: what a briefing says, validated from the YAML node tree.

Each field is declared once, as a dataclass field whose ``metadata`` holds its description,
example, limits and the formatting it may hold; the validator (:func:`validate`), the JSON Schema
(:func:`json_schema`, ``briefing schema``) and the checks in ``docs/content.md`` all come from it.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import math
import re
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, NamedTuple, Union

import yaml

from ..errors import Location, Problem
from .reader import Source

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


def _doc(
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


@dataclass(frozen=True)
class Figure:
    """A key figure: a number worth remembering and what it counts."""

    value: Text = _doc("The figure as it should print: a number, a percentage, a year.", "20%")
    label: Text = _doc(
        "What the figure measures, in a few words.",
        "rise in the vehicle maintenance budget",
        markdown="inline",
    )


@dataclass(frozen=True)
class Fact:
    """A fact for the 'at a glance' list."""

    label: Text = _doc("What the fact is.", "Capital")
    value: Text = _doc("The fact itself.", "Niamey", markdown="inline")


@dataclass(frozen=True)
class Contact:
    """Someone readers can contact."""

    name: Text = _doc("A person or an office.", "INL Public Affairs")
    role: Text | None = _doc("Their role or title.", "Press inquiries", default=None)
    email: Email | None = _doc("An e-mail address.", "INL-PA@state.gov", default=None)
    phone: Text | None = _doc("A telephone number.", "+1 202-647-2842", default=None)


MAX_CATEGORIES = 24  # bars or points along a chart's axis
MAX_SERIES = 6  # series in one chart: more cannot stay apart in grayscale


@dataclass(frozen=True)
class Chart:
    """A bar or line chart drawn from numbers in the content: ``data`` or ``series``, not both."""

    one_of: ClassVar[tuple[str, ...]] = ("data", "series")

    type: Literal["bar", "hbar", "line"] = _doc(
        "bar: vertical bars; hbar: horizontal bars (for long category names); line: a line "
        "through the values, for a trend.",
        "bar",
    )
    title: Text = _doc(
        "What the chart shows, printed above it.", "INCLE funding for Mali by fiscal year"
    )
    unit: Text | None = _doc("The unit of the values.", "$ millions", default=None)
    data: dict[Text, Number] | None = _doc(
        "The values, one per category, in order: 'category: number'.",
        {"FY2009": 3.5, "FY2010": 7.4},
        min_items=1,
        max_items=MAX_CATEGORIES,
        entries="categories",
        default=None,
    )
    series: dict[Text, dict[Text, Number]] | None = _doc(
        "Several series instead of data: 'name:' then the same categories and numbers under each.",
        {"Police": {"FY2009": 2.1, "FY2010": 4.0}, "Justice": {"FY2009": 1.4, "FY2010": 3.4}},
        min_items=1,
        max_items=MAX_SERIES,
        entries="series",
        default=None,
    )
    source: Text | None = _doc(
        "Where the numbers come from, printed under the chart after 'Source:' (do not type it).",
        "Congressional Budget Justification",
        default=None,
    )
    alt: Text | None = _doc(
        "What the chart shows, for readers who cannot see it; generated from the type, title, "
        "unit and values when left out.",
        "INCLE funding rose from $3.5 million in FY2009 to $7.4 million in FY2010.",
        printed=False,
        default=None,
    )


@dataclass(frozen=True)
class Table:
    """A table: a header row of columns, then rows of cells."""

    columns: list[Text] = _doc(
        "The column headings.",
        ["Component", "Partner", "Funding ($)"],
        markdown="inline",
        min_items=1,
        max_items=8,
    )
    rows: list[list[Cell]] = _doc(
        "The rows, each a list of as many cells as there are columns; cells take **bold**, "
        '*italic* and [links](https://www.state.gov); "" is an empty cell.',
        [["Police training", "National Police", "3,100,000"]],
        markdown="inline",
        min_items=1,
        max_items=40,
    )
    caption: Text | None = _doc(
        "What the table shows, printed above it.",
        "Program components, FY2010",
        markdown="inline",
        default=None,
    )
    source: Text | None = _doc(
        "Where the figures come from, printed under the table after 'Source:'.",
        "INL program records",
        default=None,
    )


@dataclass(frozen=True)
class Photo:
    """A photo, as wide as its column, with a caption and a credit."""

    file: Text = _doc(
        "A PNG or JPEG file, relative to the content file.", "training.jpg", printed=False
    )
    alt: Text | None = _doc(
        "What the photo shows, for readers who cannot see it; required unless decorative.",
        "Instructors standing in front of a class of police cadets",
        printed=False,
        default=None,
    )
    caption: Text | None = _doc(
        "What the photo shows, printed under it.",
        "Police instructors at a training session in Bamako.",
        markdown="inline",
        default=None,
    )
    credit: Text | None = _doc(
        "Who took the photo or owns it, printed in small type.", "U.S. Embassy Bamako", default=None
    )
    decorative: bool = _doc(
        "true for a photo that only decorates: readers of the text are not told of it, and it "
        "needs no alt.",
        False,
        default=False,
    )


@dataclass(frozen=True)
class Block:
    """One block of a section: exactly one of text, chart, table or photo."""

    one_of: ClassVar[tuple[str, ...]] = ("text", "chart", "table", "photo")

    text: Text | None = _doc(
        "More text, formatted like a section's body.",
        "More text after the photo.",
        markdown="blocks",
        default=None,
    )
    chart: Chart | None = _doc("A bar or line chart.", default=None)
    table: Table | None = _doc("A table.", default=None)
    photo: Photo | None = _doc("A photo.", default=None)


@dataclass(frozen=True)
class Section:
    """A titled part of the body: its text, then any blocks."""

    heading: Text = _doc("The section's heading.", "Context and Challenges")
    body: Text | None = _doc(
        "The section's text. Separate paragraphs with a blank line; use **bold**, *italic*, "
        "[links](https://www.state.gov), and lists of lines starting '- ' or '1. '.",
        "Niger lies in the Lake Chad Basin.\n\nIt faces threats along three borders.",
        markdown="blocks",
        default=None,
    )
    blocks: list[Block] = _doc(
        "Text, charts, tables and photos after the body (or instead of it), each an entry "
        "starting '- text:', '- chart:', '- table:' or '- photo:'.",
        max_items=20,
        default_factory=list,
    )


@dataclass(frozen=True)
class Logo:
    """A logo or seal for the header band."""

    file: Text = _doc(
        "A PNG, JPEG or SVG file, relative to the file it is written in.", "seal.png", printed=False
    )
    alt: Text = _doc(
        "What the image shows, for readers who cannot see it.",
        "Seal of the U.S. Department of State",
        printed=False,
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
        printed=False,
        default=None,
    )
    accent: Colour | None = _doc(
        "The second colour (subtitle and rules), in quotes.",
        "#A31F34",
        printed=False,
        default=None,
    )
    margins: Length | None = _doc(
        "The left and right margins: points, or with a unit (in, mm, cm); at least 0.3 in, "
        "which office printers can print.",
        "0.75in",
        minimum=21.6,
        maximum=108,
        default=None,
    )
    min_body_size: float | None = _doc(
        "The smallest body text size, in points, that the fit engine may use.",
        8,
        minimum=6,
        maximum=12,
        default=None,
    )
    max_body_size: float | None = _doc(
        "The largest body text size, in points: short content grows its type and spacing "
        "together up to it to fill the page.",
        11,
        minimum=6,
        maximum=14,
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
    sections: list[Section] = _doc(
        "The body, in reading order: one entry per heading.", min_items=1, max_items=60
    )
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
        markdown="inline",
        default=None,
    )
    key_figures: list[Figure] = _doc(
        "Figures shown in a strip under the lead.", max_items=4, default_factory=list
    )
    at_a_glance: list[Fact] = _doc(
        "Short facts (capital, population, funding ...) listed beside or under the figures.",
        max_items=40,
        default_factory=list,
    )
    contacts: list[Contact] = _doc(
        "Who to contact, printed in a block at the foot of the body.",
        max_items=20,
        default_factory=list,
    )
    online: WebAddress | None = _doc(
        "The web address of the online version: printed, and as a QR code for phones.",
        "https://www.state.gov/inl-niger",
        max_length=200,
        default=None,
    )
    marking: Text | None = _doc(
        "A marking printed in banners at the top and bottom of the page, on one line.",
        "UNCLASSIFIED",
        max_length=50,
        default=None,
    )
    logo: Logo | None = _doc("A logo or seal in the header band.", default=None)
    footer: Text | None = _doc(
        "The line at the foot of the page; the organization if left out.",
        "U.S. Department of State",
        default=None,
    )
    language: Literal["en", "fr", "es", "pt", "ru", "uk", "ar", "fa", "he", "zh"] = _doc(
        "The language of the text: sets the fonts of its script, the reading direction, "
        "hyphenation, fixed labels, the date format and the PDF's language.",
        "en",
        default="en",
    )
    paper: Literal["letter", "a4"] = _doc(
        "The paper size; the command line may override it.", "letter", default="letter"
    )
    design: Design = _doc(
        "How the page looks: layout, font, colours, margins.", default_factory=Design
    )
    style: Text | None = _doc(
        "A style file holding the sheet-wide fields this sheet shares with others (organization, "
        "office, logo, footer, marking, language, paper, design, contacts, online), relative to "
        "the content file; the sheet's own values win, and design merges field by field.",
        "house.yaml",
        printed=False,
        default=None,
    )


# The sheet-wide fields a style file may hold, each declared once above, in Content.
STYLE_FIELDS = (
    "organization",
    "office",
    "logo",
    "footer",
    "marking",
    "language",
    "paper",
    "design",
    "contacts",
    "online",
)


class Validated(NamedTuple):
    """What validation found: the content, every problem, and every printed text it read."""

    content: Content | None  # None when a required field is missing or wrong
    problems: list[Problem]
    texts: list[Text]  # every printed text read, even in entries that failed, in file order
    fields: dict[str, Any]  # the top-level fields that are right, even when others are not
    built: list[Any]  # every object read whole (a photo, a chart), even in entries that failed


def validate(source: Source) -> Validated:
    """Validate a parsed file against the field declarations, reporting every problem found."""
    problems: list[Problem] = []
    texts: list[Text] = []
    if source.root is None:
        where = Location(source.path, 1, 1)
        problems.append(
            Problem(
                "the file is empty", where, "a mapping of fields such as 'title:' and 'sections:'"
            )
        )
        return Validated(None, problems, texts, {}, [])
    spec = typing.cast(_ObjectSpec, _spec(Content))
    context = _Context(source, problems, texts, [])
    fields, complete = spec.read(source.root, context, "")
    return Validated(
        Content(**fields) if complete else None, problems, texts, fields, context.built
    )


def validate_style(source: Source) -> Validated:
    """Validate a style file on its own: the sheet-wide fields of :class:`Content`, every one
    optional; a style naming another style is an error. ``content`` is always None."""
    problems: list[Problem] = []
    texts: list[Text] = []
    root = source.root
    if isinstance(root, yaml.MappingNode):
        for key, _ in root.value:
            if _key(key) == "style":
                problems.append(
                    Problem(
                        "a style file names another style",
                        source.at(key.start_mark),
                        "the other style's fields copied into this one (one style per sheet)",
                        field="style",
                    )
                )
        root = yaml.MappingNode(
            root.tag, [(k, v) for k, v in root.value if _key(k) != "style"], root.start_mark
        )
    elif root is None:
        return Validated(None, problems, texts, {}, [])
    context = _Context(source, problems, texts, [])
    fields, _ = _style_spec().read(root, context, "")
    return Validated(None, problems, texts, fields, context.built)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of content files, from the same declarations the validator reads."""
    return _spec(Content).schema()


def style_schema() -> dict[str, Any]:
    """The JSON Schema of style files: the same declarations, only the sheet-wide fields."""
    return _style_spec().schema()


_MISSING: Any = object()
_PROPERTIES = {"minItems": "minProperties", "maxItems": "maxProperties"}
_KIND: dict[type[yaml.Node], str] = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}


class _Context(NamedTuple):
    source: Source
    problems: list[Problem]
    texts: list[Text]
    built: list[Any]

    def mismatch(self, node: yaml.Node, expected: str, path: str) -> Any:
        """Add a problem saying what ``node`` holds and what was expected; return ``_MISSING``."""
        self.problems.append(Problem(f"found {_found(node)}", self.at(node), expected, field=path))
        return _MISSING

    def at(self, node: yaml.Node) -> Location:
        """Where ``node`` was written (a dict's values have no lines: only their field path)."""
        if node.start_mark is None:
            return Location(self.source.path, 0, 0)
        return self.source.at(node.start_mark)


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
        if kind == "text" and not node.value.strip():
            return "empty text"
        return f"{kind} '{node.value}'" if node.value else kind
    return _KIND[type(node)]


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


class _Scalar(NamedTuple):
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


def _length(value: str) -> Length:
    match = re.search(_LENGTH, value)
    if match is None:
        raise ValueError(value)
    return Length(float(match.group(1)) * _UNITS[match.group(2) or "pt"])


def _number(value: str) -> Number:
    number = float(yaml.safe_load(value))  # as YAML reads it: 1_000, 1.5e+3
    if not math.isfinite(number):
        raise ValueError(value)
    return Number(number)


def _boolean(value: str) -> bool:
    read = yaml.safe_load(value)
    if not isinstance(read, bool):
        raise ValueError(value)
    return read


_TEXT = r"\S"
_EXPONENT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")  # 1e9, 2.5E-3
_COLOUR = "^#[0-9A-Fa-f]{6}$"
_LENGTH = r"^\s*([0-9]*\.?[0-9]+)\s*(pt|in|mm|cm)?\s*$"
_WEB = r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$"
_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
_SCALARS: dict[Any, _Scalar] = {
    # A number such as 2018 (or yes, which YAML reads as true) is fine where text is expected:
    # it prints as typed.
    Text: _Scalar(
        _matching(Text, _TEXT), "text", {"type": ["string", "number", "boolean"], "pattern": _TEXT}
    ),
    Colour: _Scalar(
        _matching(Colour, _COLOUR),
        'a colour written "#RRGGBB" in quotes (an unquoted # starts a comment)',
        {"type": "string", "pattern": _COLOUR},
    ),
    WebAddress: _Scalar(
        _matching(WebAddress, _WEB),
        "a web address starting https:// (or http://)",
        {"type": "string", "pattern": _WEB},
    ),
    Email: _Scalar(
        _matching(Email, _EMAIL),
        "an e-mail address such as name@example.org",
        {"type": "string", "pattern": _EMAIL},
    ),
    Length: _Scalar(
        _length,
        "a length such as 54, 0.75in or 18mm",
        {"type": ["number", "string"], "pattern": _LENGTH},
        "a length from {lo_in:g}in to {hi_in:g}in ({lo:g} to {hi:g} pt)",
    ),
    Cell: _Scalar(
        _matching(Cell, ""),
        'text, or "" for an empty cell',
        {"type": ["string", "number", "boolean"]},
    ),
    float: _Scalar(float, "a number", {"type": "number"}, "a number from {lo:g} to {hi:g}"),
    Number: _Scalar(
        _number,
        "a number written without quotes, commas or units, such as 3.5 or 3100000",
        {"type": "number"},
        tags=("int", "float"),
    ),
    bool: _Scalar(_boolean, "true or false", {"type": "boolean"}, tags=("bool",)),
    datetime.date: _Scalar(
        datetime.date.fromisoformat,
        "a date written YYYY-MM-DD, such as 2019-05-01",
        {"type": "string", "format": "date"},
    ),
}


def limits(kind: type, name: str) -> str:
    """A field's declared limits in words, as the docs and the schema's description state them."""
    return typing.cast(_ObjectSpec, _spec(kind)).fields[name].limits


class _Spec:
    """How one declared type is validated from the node tree, and written in the JSON Schema."""

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        """The value of ``node``, or a problem added to ``context`` and ``_MISSING``."""
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of this type."""
        raise NotImplementedError


class _ScalarSpec(_Spec):
    def __init__(self, scalar: _Scalar) -> None:
        self.scalar = scalar

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        if not isinstance(node, yaml.ScalarNode) or _is_null(node):
            return context.mismatch(node, self.scalar.expected, path)
        tag = node.tag.rsplit(":", 1)[-1]
        # 1e9 is a number to JSON and YAML 1.2, text to the YAML 1.1 that PyYAML reads
        exponent = "float" in self.scalar.tags and not node.style and _EXPONENT.match(node.value)
        if self.scalar.tags and tag not in self.scalar.tags and not exponent:
            return context.mismatch(node, self.scalar.expected, path)
        try:
            value = self.scalar.read(node.value)
        except ValueError:
            if tag == "float" and not math.isfinite(float(yaml.safe_load(node.value))):
                context.problems.append(
                    Problem(
                        f"found '{node.value}', which is not a finite number",
                        context.at(node),
                        self.scalar.expected,
                        field=path,
                    )
                )
                return _MISSING
            return context.mismatch(node, self.scalar.expected, path)
        if isinstance(value, Text):
            value.source, value.node, value.field = context.source, node, path
        return value

    def schema(self) -> dict[str, Any]:
        return dict(self.scalar.schema)


class _ChoiceSpec(_Spec):
    def __init__(self, choices: tuple[str, ...]) -> None:
        self.choices = choices

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        if isinstance(node, yaml.ScalarNode) and node.value in self.choices:
            return node.value
        expected = "one of " + ", ".join(f"'{choice}'" for choice in self.choices)
        return context.mismatch(node, expected, path)

    def schema(self) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class _ListSpec(_Spec):
    def __init__(self, item: _Spec) -> None:
        self.item = item

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        if not isinstance(node, yaml.SequenceNode):
            return context.mismatch(node, "a list of entries each starting with '- '", path)
        items = [
            self.item.convert(item, context, f"{path}[{index}]")
            for index, item in enumerate(node.value)
        ]
        return [item for item in items if item is not _MISSING]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item.schema()}


class _MapSpec(_Spec):
    """A mapping of names (text) to values, in the order written."""

    def __init__(self, key: _Spec, value: _Spec) -> None:
        self.key, self.value = key, value

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        if not isinstance(node, yaml.MappingNode):
            expected = "indented lines of 'name: value' under it, one per entry"
            return context.mismatch(node, expected, path)
        values = {}
        for key_node, value_node in node.value:
            name = _key(key_node)
            where = f"{path}.{name}"
            key = self.key.convert(key_node, context, where)
            value = self.value.convert(value_node, context, where)
            if key is not _MISSING and value is not _MISSING:
                values[key] = value
        return values

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "propertyNames": {"pattern": _TEXT},
            "additionalProperties": self.value.schema(),
        }


def _texts(value: Any) -> Iterator[Text]:
    """The texts in a value read from a field: itself, or those in its lists and mappings."""
    if isinstance(value, Text):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(key)
            yield from _texts(item)


class _Field(NamedTuple):
    """A declared field: its type's spec, whether it may be null, and its declaration."""

    spec: _Spec
    nullable: bool
    declared: dataclasses.Field[Any]

    @property
    def required(self) -> bool:
        f = self.declared
        return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        """The field's value, checked against its limits, its printed text recorded."""
        if self.nullable and _is_null(node):
            return None
        value = self.spec.convert(node, context, path)
        if value is _MISSING:
            return value
        problem = self._outside(value, node, context, path)
        if problem is not None:
            context.problems.append(problem)
            return _MISSING
        if self.declared.metadata["printed"]:
            for text in _texts(value):
                text.markdown = self.declared.metadata["markdown"]
                context.texts.append(text)
        return value

    @property
    def limits(self) -> str:
        """The declared limits in words: ``at most 4``, ``a number from 6 to 12``."""
        bounds = self.declared.metadata["limits"]
        if "minimum" in bounds:
            lo, hi = bounds["minimum"], bounds["maximum"]
            between = typing.cast(_ScalarSpec, self.spec).scalar.between
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

    def _outside(self, value: Any, node: yaml.Node, context: _Context, path: str) -> Problem | None:
        bounds = self.declared.metadata["limits"]
        words = self.declared.metadata["entries"] or self.declared.name.replace("_", " ")
        if isinstance(value, (list, dict)):
            count = len(node.value)
            if count > bounds.get("maxItems", count):
                first = node.value[bounds["maxItems"]]  # the first entry past the limit
                where = context.at(first[0] if isinstance(first, tuple) else first)
                most = f"at most {bounds['maxItems']}"
                return Problem(f"{count} {words}", where, most, field=path)
            if count < bounds.get("minItems", count):
                least = f"at least {bounds['minItems']}"
                return Problem(f"{count or 'no'} {words}", context.at(node), least, field=path)
        elif isinstance(value, float) and not (
            bounds.get("minimum", value) <= value <= bounds.get("maximum", value)
        ):
            return Problem(f"found {_found(node)}", context.at(node), self.limits, field=path)
        elif isinstance(value, Text) and len(value) > bounds.get("maxLength", len(value)):
            past = value.locate(bounds["maxLength"])  # the first character past the limit
            return Problem(
                f"the {words} has {len(value)} characters", past, self.limits, field=path
            )
        return None

    def schema(self) -> dict[str, Any]:
        metadata = self.declared.metadata
        prop = self.spec.schema()
        bounds = metadata["limits"]
        if isinstance(self.spec, _MapSpec):  # a mapping's entries are its properties
            bounds = {_PROPERTIES.get(name, name): value for name, value in bounds.items()}
        prop.update(bounds)
        if self.nullable:
            kinds = prop["type"]
            prop["type"] = [*kinds, "null"] if isinstance(kinds, list) else [kinds, "null"]
        said = self.limits
        doc = metadata["doc"]
        prop["description"] = f"{doc.rstrip('.')} ({said})." if said else doc
        if metadata["example"] is not None:
            prop["examples"] = [metadata["example"]]
        if not self.required and self.declared.default not in (dataclasses.MISSING, None):
            prop["default"] = self.declared.default
        return prop


class _ObjectSpec(_Spec):
    def __init__(self, kind: type, only: tuple[str, ...] = ()) -> None:
        """``only``: just these fields, every one optional (a style file's)."""
        self.kind, self.partial = kind, bool(only)
        hints = typing.get_type_hints(kind)
        self.fields: dict[str, _Field] = {}
        for f in dataclasses.fields(kind):
            if only and f.name not in only:
                continue
            inner, optional = _optional(hints[f.name])
            # an unquoted '#' leaves a colour empty: that is an error, not "no colour"; and a
            # field written as one of several choices must hold something
            nullable = optional and inner is not Colour and f.name not in self.one_of
            self.fields[f.name] = _Field(_spec(inner), nullable, f)

    @property
    def one_of(self) -> tuple[str, ...]:
        """The fields of which exactly one must be given, if any."""
        return typing.cast(tuple[str, ...], getattr(self.kind, "one_of", ()))

    def required(self, f: _Field) -> bool:
        """Whether ``f`` must be given here."""
        return f.required and not self.partial

    def convert(self, node: yaml.Node, context: _Context, path: str) -> Any:
        values, complete = self.read(node, context, path)
        if not complete:
            return _MISSING
        value = self.kind(**values)
        context.built.append(value)
        rule = _RULES.get(self.kind)
        if rule is not None and not rule.check(
            value, typing.cast(yaml.MappingNode, node), context, path
        ):
            return _MISSING
        return value

    def read(self, node: yaml.Node, context: _Context, path: str) -> tuple[dict[str, Any], bool]:
        """The fields of ``node`` that are right, and whether every required one is."""
        kind, fields = self.kind, self.fields
        noun = "the top level" if kind is Content else f"a {kind.__name__.lower()}"
        if self.partial:
            noun = "a style file"
        if not isinstance(node, yaml.MappingNode):
            keys = ", ".join(f"'{name}:'" for name, f in fields.items() if f.required)
            if not keys:  # a block: one of its kinds
                keys = ", ".join(f"'{name}:'" for name in self.one_of[:-1])
                keys += f" or '{self.one_of[-1]}:'"
            expected = f"{noun} as a mapping of fields such as {keys}"
            context.mismatch(node, expected, path)
            return {}, False
        values: dict[str, Any] = {}
        guessed: set[str] = set()  # fields a misspelt key probably meant: not reported missing too
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            where = _join(path, str(name))
            if name not in fields:
                from difflib import get_close_matches  # only when a key is wrong

                guess = get_close_matches(str(name), fields, n=1, cutoff=0.6)
                hint = (
                    f"'{guess[0]}', the key nearest to it"
                    if guess
                    else "one of " + ", ".join(fields)
                )
                shown = f"'{name}'" if name is not None else "that is not text"
                context.problems.append(
                    Problem(f"unknown key {shown} in {noun}", context.at(key), hint, field=where)
                )
                if guess:  # validated as the field it was meant to be, for its own problems
                    guessed.add(guess[0])
                    fields[guess[0]].convert(value, context, where)
                continue
            converted = fields[name].convert(value, context, where)
            if converted is not _MISSING:
                values[name] = converted
        complete = self._one_of(node, context, path, noun)
        if self.one_of and not any(name in values for name in self.one_of):
            complete = False  # the one given is wrong: reported as such
        for name, f in fields.items():
            if self.required(f) and name not in values:
                complete = False
                if name in guessed or any(_key(key) == name for key, _ in node.value):
                    continue  # reported as misspelt, or its value as wrong
                doc = f.declared.metadata["doc"]
                context.problems.append(
                    Problem(
                        f"{noun} has no '{name}'",
                        context.at(node),
                        f"'{name}:' ({doc[0].lower()}{doc[1:].rstrip('.')})",
                        field=_join(path, name),
                    )
                )
        return values, complete

    def _one_of(self, node: yaml.MappingNode, context: _Context, path: str, noun: str) -> bool:
        """Whether ``node`` gives exactly one of the fields of which one must be (if any);
        a problem if not, unless an unknown key (reported as such) was probably meant as one."""
        if not self.one_of:
            return True
        given = [key for key, _ in node.value if _key(key) in self.one_of]
        *others, last = (f"'{name}:'" for name in self.one_of)
        choices = f"{', '.join(others)} or {last}"
        if len(given) == 1:
            return True
        unknown = any(_key(key) not in self.fields for key, _ in node.value)  # said already
        if not given and not unknown:
            none = f"neither {others[0]} nor {last}" if len(others) == 1 else f"none of {choices}"
            context.problems.append(
                Problem(
                    f"{noun} has {none}",
                    context.at(node),
                    f"exactly one of {choices}",
                    field=path,
                )
            )
        elif given:
            first, second = (_key(key) for key in given[:2])
            context.problems.append(
                Problem(
                    f"{noun} has both '{first}' and '{second}'",
                    context.at(given[1]),
                    f"exactly one of {choices} in each {self.kind.__name__.lower()}",
                    field=_join(path, str(second)),
                )
            )
        return False

    def schema(self) -> dict[str, Any]:
        schema = {
            "type": "object",
            "description": (
                "A style file: sheet-wide fields that the sheets naming it share."
                if self.partial
                else (self.kind.__doc__ or "").strip()
            ),
            "properties": {name: f.schema() for name, f in self.fields.items()},
            "required": [name for name, f in self.fields.items() if self.required(f)],
            "additionalProperties": False,
        }
        if self.one_of:
            schema["oneOf"] = [{"required": [name]} for name in self.one_of]
        rule = _RULES.get(self.kind)
        if rule is not None:
            schema.update(rule.schema)
        return schema


class _Rule(NamedTuple):
    """A rule across the fields of one kind of object, and how the JSON Schema states it."""

    check: Callable[[Any, yaml.MappingNode, _Context, str], bool]  # adds problems; False if any
    schema: dict[str, Any]


def _value_node(node: yaml.MappingNode, name: str) -> yaml.Node | None:
    """The node of field ``name`` in ``node``, if written."""
    return next((value for key, value in node.value if _key(key) == name), None)


def _table_rows(table: Table, node: yaml.MappingNode, context: _Context, path: str) -> bool:
    """Each row of a table has one cell per column."""
    rows, columns = _value_node(node, "rows"), _value_node(node, "columns")
    if not isinstance(rows, yaml.SequenceNode) or not isinstance(columns, yaml.SequenceNode):
        return True
    wanted = len(columns.value)
    right = True
    for index, row in enumerate(rows.value):
        count = len(row.value) if isinstance(row, yaml.SequenceNode) else wanted
        if count != wanted:
            right = False
            names = ", ".join(str(column) for column in table.columns)
            context.problems.append(
                Problem(
                    f"row {index + 1} of the table has {count} cell{'s' * (count != 1)}",
                    context.at(row),
                    f'{wanted} cells, one per column ({names}); "" for an empty one',
                    field=f"{path}.rows[{index}]",
                )
            )
    return right


def _chart_series(chart: Chart, node: yaml.MappingNode, context: _Context, path: str) -> bool:
    """Each series of a chart has values, at most :data:`MAX_CATEGORIES`, for the same
    categories as the first (as written: a wrong value is reported as such, not as missing)."""
    series = _value_node(node, "series")
    if chart.series is None or not isinstance(series, yaml.MappingNode):
        return True
    right = True
    first: list[str] | None = None
    for name_node, values in series.value:
        if not isinstance(values, yaml.MappingNode):
            continue  # reported as such
        name, keys = _key(name_node), [key for key, _ in values.value]
        categories = [str(_key(key)) for key in keys]
        said = f"the same categories in every series: {', '.join(first or [])}"
        if not categories:
            found = (f"the series '{name}' has no values", name_node)
            said = "indented lines of 'category: number' under the series' name"
        elif len(categories) > MAX_CATEGORIES:
            found = (f"the series '{name}' has {len(categories)} categories", keys[MAX_CATEGORIES])
            said = f"at most {MAX_CATEGORIES}"
        elif first is None:
            first = categories
            continue
        elif extra := [key for key in keys if str(_key(key)) not in first]:
            found = (
                f"the series '{name}' has the category '{_key(extra[0])}', which the first "
                "series does not",
                extra[0],
            )
        elif lacking := [category for category in first if category not in categories]:
            found = (f"the series '{name}' has no value for '{lacking[0]}'", name_node)
        else:
            continue
        right = False
        message, where = found
        context.problems.append(
            Problem(message, context.at(where), said, field=f"{path}.series.{name}")
        )
    return right


def _photo_alt(photo: Photo, node: yaml.MappingNode, context: _Context, path: str) -> bool:
    """A photo has alt text, unless it is decorative."""
    if photo.alt is not None or photo.decorative:
        return True
    context.problems.append(
        Problem(
            "a photo has no 'alt'",
            context.at(node),
            "'alt:' saying what the photo shows, for readers who cannot see it (or "
            "'decorative: true' for a photo that only decorates)",
            field=_join(path, "alt"),
        )
    )
    return False


_RULES: dict[type, _Rule] = {
    Table: _Rule(_table_rows, {}),
    Chart: _Rule(_chart_series, {}),
    Photo: _Rule(
        _photo_alt,
        {
            "if": {
                "not": {"properties": {"decorative": {"const": True}}, "required": ["decorative"]}
            },
            "then": {"required": ["alt"]},
        },
    ),
}


def _key(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _optional(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None``, and whether it was optional."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        return next(arg for arg in typing.get_args(hint) if arg is not type(None)), True
    return hint, False


@functools.cache
def _style_spec() -> _ObjectSpec:
    """The spec of a style file: the sheet-wide fields of :class:`Content`, all optional."""
    return _ObjectSpec(Content, STYLE_FIELDS)


@functools.cache
def _spec(hint: Any) -> _Spec:
    """The spec of a declared type (built once: evaluating type hints takes a while)."""
    if dataclasses.is_dataclass(hint):
        return _ObjectSpec(typing.cast(type, hint))
    if typing.get_origin(hint) is list:
        return _ListSpec(_spec(typing.get_args(hint)[0]))
    if typing.get_origin(hint) is dict:
        key, value = typing.get_args(hint)
        return _MapSpec(_spec(key), _spec(value))
    if typing.get_origin(hint) is Literal:
        return _ChoiceSpec(typing.get_args(hint))
    return _ScalarSpec(_SCALARS[hint])
