"""The validator: a parsed file's node tree read against the field declarations (``model``),
every problem found, each located where its value is written and saying what was expected.
"""

from __future__ import annotations

import dataclasses
import math
import re
import typing
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple

import yaml

from ..errors import Location, Problem
from .fields import (
    ChoiceSpec,
    EitherSpec,
    Field,
    ListSpec,
    MapSpec,
    Mistake,
    ObjectSpec,
    ScalarSpec,
    Spec,
    Text,
    spec_of,
)
from .model import MAX_CATEGORIES, STYLE_FIELDS, Chart, Content, Photo, Table
from .reader import Source, key_of, value_of


class Validated(NamedTuple):
    """What validation found: the content, every problem, and every printed text it read."""

    content: Content | None  # None when a required field is missing or wrong
    problems: list[Problem]
    texts: list[Text]  # every printed text read, even in entries that failed, in file order
    fields: dict[str, Any]  # the top-level fields that are right, even when others are not
    built: list[Any]  # every object read whole (a photo, a chart), even in entries that failed
    whole: bool = True  # whether no list entry, mapping entry or object was left out as wrong


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
    spec = typing.cast(ObjectSpec, spec_of(Content))
    context = _Context(source, problems, texts, [], [])
    fields, complete = _read(spec, source.root, context, "")
    content = Content(**fields) if complete else None
    return Validated(content, problems, texts, fields, context.built, not context.dropped)


def validate_style(source: Source) -> Validated:
    """Validate a style file on its own: the sheet-wide fields of :class:`Content`, every one
    optional; a style naming another style is an error. ``content`` is always None."""
    problems: list[Problem] = []
    texts: list[Text] = []
    root = source.root
    if isinstance(root, yaml.MappingNode):
        for key, _ in root.value:
            if key_of(key) == "style":
                problems.append(
                    Problem(
                        "a style file names another style",
                        source.at(key.start_mark),
                        "the other style's fields copied into this one (one style per sheet)",
                        field="style",
                    )
                )
        root = yaml.MappingNode(
            root.tag, [(k, v) for k, v in root.value if key_of(k) != "style"], root.start_mark
        )
    elif root is None:
        return Validated(None, problems, texts, {}, [])
    context = _Context(source, problems, texts, [], [])
    spec = typing.cast(ObjectSpec, spec_of(Content, STYLE_FIELDS))
    fields, _ = _read(spec, root, context, "")
    return Validated(None, problems, texts, fields, context.built)


_MISSING: Any = object()
_CONTENT_FIELDS = {f.name for f in dataclasses.fields(Content)}
_EXPONENT = re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$")  # 1e9, 2.5E-3
_KIND: dict[type[yaml.Node], str] = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a list"}


class _Context(NamedTuple):
    source: Source
    problems: list[Problem]
    texts: list[Text]
    built: list[Any]
    dropped: list[str]  # the paths of entries and objects left out as wrong

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
        return f"{kind} '{_shortened(node.value)}'" if node.value else kind
    return _KIND[type(node)]


FOUND_SHOWN = 60  # characters of a wrong value that its message quotes, at most


def _shortened(value: str) -> str:
    """A value as a message quotes it: its first :data:`FOUND_SHOWN` characters, then '…'
    (a whole file named by mistake, or a paragraph in a colour's place, is not repeated)."""
    return value if len(value) <= FOUND_SHOWN else value[: FOUND_SHOWN - 1].rstrip() + "…"


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _convert(spec: Spec, node: yaml.Node, context: _Context, path: str) -> Any:
    """The value of ``node`` as ``spec`` declares it, or a problem added to ``context`` and
    ``_MISSING``."""
    if isinstance(spec, ScalarSpec):
        return _scalar(spec, node, context, path)
    if isinstance(spec, ChoiceSpec):
        if isinstance(node, yaml.ScalarNode) and node.value in spec.choices:
            return node.value
        expected = "one of " + ", ".join(f"'{choice}'" for choice in spec.choices)
        return context.mismatch(node, expected, path)
    if isinstance(spec, ListSpec):
        if not isinstance(node, yaml.SequenceNode):
            return context.mismatch(node, "a list of entries each starting with '- '", path)
        items = [
            _convert(spec.item, item, context, f"{path}[{index}]")
            for index, item in enumerate(node.value)
        ]
        kept = [item for item in items if item is not _MISSING]
        if len(kept) < len(items):
            context.dropped.append(path)
        return kept
    if isinstance(spec, MapSpec):
        return _mapping(spec, node, context, path)
    if isinstance(spec, EitherSpec):
        return _either(spec, node, context, path)
    return _object(spec, node, context, path)


def _either(spec: EitherSpec, node: yaml.Node, context: _Context, path: str) -> Any:
    """A value written as a mapping read as the object, any other as the single value; a
    problem that names both if it is neither."""
    if isinstance(node, yaml.MappingNode):
        return _object(spec.mapping, node, context, path)
    problems = len(context.problems)
    value = _convert(spec.single, node, context, path)
    if value is _MISSING:
        problem = context.problems[problems]
        fields = [name for name, f in spec.mapping.fields.items() if spec.mapping.required(f)]
        keys = " and ".join(f"'{name}:'" for name in fields)
        either = f"{problem.expected}, or {keys} indented under it"
        context.problems[problems] = problem._replace(expected=either)
    return value


def _scalar(spec: ScalarSpec, node: yaml.Node, context: _Context, path: str) -> Any:
    scalar = spec.scalar
    if not isinstance(node, yaml.ScalarNode) or _is_null(node):
        return context.mismatch(node, scalar.expected, path)
    tag = node.tag.rsplit(":", 1)[-1]
    # 1e9 is a number to JSON and YAML 1.2, text to the YAML 1.1 that PyYAML reads
    exponent = "float" in scalar.tags and not node.style and _EXPONENT.match(node.value)
    if scalar.tags and tag not in scalar.tags and not exponent:
        return context.mismatch(node, scalar.expected, path)
    try:
        value = scalar.read(node.value)
    except Mistake as mistake:
        at = context.at(node)
        if mistake.offset is not None and node.start_mark is not None:
            at = context.source.locate(node, mistake.offset)
        context.problems.append(Problem(str(mistake), at, mistake.expected, field=path))
        return _MISSING
    except ValueError:
        if tag not in ("int", "float"):
            return context.mismatch(node, scalar.expected, path)
        read = float(yaml.safe_load(node.value))  # as YAML 1.1 reads it: 1:30 is 90
        why = "is not a finite number" if not math.isfinite(read) else f"YAML reads as {read:g}"
        found = f"found '{node.value}', which {why}"
        context.problems.append(Problem(found, context.at(node), scalar.expected, field=path))
        return _MISSING
    if isinstance(value, Text):
        value.source, value.node, value.field = context.source, node, path
    return value


def _mapping(spec: MapSpec, node: yaml.Node, context: _Context, path: str) -> Any:
    if not isinstance(node, yaml.MappingNode):
        expected = "indented lines of 'name: value' under it, one per entry"
        return context.mismatch(node, expected, path)
    values = {}
    for key_node, value_node in node.value:
        name = key_of(key_node)
        where = f"{path}.{name}"
        key = _convert(spec.key, key_node, context, where)
        value = _convert(spec.value, value_node, context, where)
        if key is not _MISSING and value is not _MISSING:
            values[key] = value
        else:
            context.dropped.append(where)
    return values


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


def _field(f: Field, node: yaml.Node, context: _Context, path: str) -> Any:
    """The field's value, checked against its limits, its printed text recorded."""
    if f.nullable and _is_null(node):
        return None
    value = _convert(f.spec, node, context, path)
    if value is _MISSING:
        return value
    problem = _outside(f, value, node, context, path)
    if problem is not None:
        context.problems.append(problem)
        if isinstance(value, (list, dict)):  # entries past a limit: not the field's whole text
            context.dropped.append(path)
        return _MISSING
    if f.declared.metadata["printed"]:
        for text in _texts(value):
            text.markdown = f.declared.metadata["markdown"]
            context.texts.append(text)
    return value


def _outside(f: Field, value: Any, node: yaml.Node, context: _Context, path: str) -> Problem | None:
    """A problem if ``value`` is outside the field's declared limits."""
    bounds = f.declared.metadata["limits"]
    words = f.declared.metadata["entries"] or f.declared.name.replace("_", " ")
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
        return Problem(f"found {_found(node)}", context.at(node), f.limits, field=path)
    elif isinstance(value, Text) and len(value) > bounds.get("maxLength", len(value)):
        past = value.locate(bounds["maxLength"])  # the first character past the limit
        return Problem(f"the {words} has {len(value)} characters", past, f.limits, field=path)
    return None


def _object(spec: ObjectSpec, node: yaml.Node, context: _Context, path: str) -> Any:
    values, complete = _read(spec, node, context, path)
    if not complete:
        context.dropped.append(path)
        return _MISSING
    value = spec.kind(**values)
    context.built.append(value)
    rule = _RULES.get(spec.kind)
    if rule is not None and not rule(value, typing.cast(yaml.MappingNode, node), context, path):
        context.dropped.append(path)
        return _MISSING
    return value


def _read(
    spec: ObjectSpec, node: yaml.Node, context: _Context, path: str
) -> tuple[dict[str, Any], bool]:
    """The fields of ``node`` that are right, and whether every required one is."""
    kind, fields = spec.kind, spec.fields
    noun = "the top level" if kind is Content else f"a {kind.__name__.lower()}"
    if spec.partial:
        noun = "a style file"
    if not isinstance(node, yaml.MappingNode):
        keys = ", ".join(f"'{name}:'" for name, f in fields.items() if f.required)
        if not keys:  # one of a block's kinds, or else one of the first fields (a design's)
            names = spec.one_of or tuple(fields)[:3]
            keys = ", ".join(f"'{name}:'" for name in names[:-1]) + f" or '{names[-1]}:'"
        expected = f"{noun} as a mapping of fields such as {keys}"
        context.mismatch(node, expected, path)
        return {}, False
    values: dict[str, Any] = {}
    guessed: set[str] = set()  # fields a misspelt key probably meant: not reported missing too
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else None
        where = _join(path, str(name))
        if spec.partial and name not in fields and name in _CONTENT_FIELDS:
            context.problems.append(
                Problem(
                    f"'{name}' is a field of each sheet, not one a style file shares",
                    context.at(key),
                    f"'{name}:' in the sheets; here only the sheet-wide fields: "
                    + ", ".join(fields),
                    field=where,
                )
            )
            continue
        if name not in fields:
            from difflib import get_close_matches  # only when a key is wrong

            guess = get_close_matches(str(name), fields, n=1, cutoff=0.6)
            hint = (
                f"'{guess[0]}', the key nearest to it" if guess else "one of " + ", ".join(fields)
            )
            shown = f"'{name}'" if name is not None else "that is not text"
            context.problems.append(
                Problem(f"unknown key {shown} in {noun}", context.at(key), hint, field=where)
            )
            if guess:  # validated as the field it was meant to be, for its own problems
                guessed.add(guess[0])
                _field(fields[guess[0]], value, context, where)
            continue
        converted = _field(fields[name], value, context, where)
        if converted is not _MISSING:
            values[name] = converted
    complete = _one_of(spec, node, context, path, noun)
    if spec.one_of and not any(name in values for name in spec.one_of):
        complete = False  # the one given is wrong: reported as such
    for name, f in fields.items():
        if spec.required(f) and name not in values:
            complete = False
            if name in guessed or any(key_of(key) == name for key, _ in node.value):
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


def _one_of(
    spec: ObjectSpec, node: yaml.MappingNode, context: _Context, path: str, noun: str
) -> bool:
    """Whether ``node`` gives exactly one of the fields of which one must be (if any);
    a problem if not, unless an unknown key (reported as such) was probably meant as one."""
    if not spec.one_of:
        return True
    given = [key for key, _ in node.value if key_of(key) in spec.one_of]
    *others, last = (f"'{name}:'" for name in spec.one_of)
    choices = f"{', '.join(others)} or {last}"
    if len(given) == 1:
        return True
    unknown = any(key_of(key) not in spec.fields for key, _ in node.value)  # said already
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
        first, second = (key_of(key) for key in given[:2])
        context.problems.append(
            Problem(
                f"{noun} has both '{first}' and '{second}'",
                context.at(given[1]),
                f"exactly one of {choices} in each {spec.kind.__name__.lower()}",
                field=_join(path, str(second)),
            )
        )
    return False


def _table_rows(table: Table, node: yaml.MappingNode, context: _Context, path: str) -> bool:
    """Each row of a table has one cell per column."""
    rows, columns = value_of(node, "rows"), value_of(node, "columns")
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
    series = value_of(node, "series")
    if chart.series is None or not isinstance(series, yaml.MappingNode):
        return True
    right = True
    first: list[str] | None = None
    for name_node, values in series.value:
        if not isinstance(values, yaml.MappingNode):
            continue  # reported as such
        name, keys = key_of(name_node), [key for key, _ in values.value]
        categories = [str(key_of(key)) for key in keys]
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
        elif extra := [key for key in keys if str(key_of(key)) not in first]:
            found = (
                f"the series '{name}' has the category '{key_of(extra[0])}', which the first "
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
    """A photo's alt says what it shows, unless the photo is decorative (the photo is kept
    either way: its alt takes no room, and a page with errors is measured with it)."""
    if photo.alt is not None or photo.decorative:
        return True
    alt = typing.cast(yaml.Node, value_of(node, "alt"))
    context.problems.append(
        Problem(
            "the photo's alt is empty",
            context.at(alt),
            "'alt:' saying what the photo shows, for readers who cannot see it (or "
            "'decorative: true' for a photo that only decorates)",
            field=_join(path, "alt"),
        )
    )
    return True


_RULES: dict[type, Callable[[Any, yaml.MappingNode, _Context, str], bool]] = {
    Table: _table_rows,
    Chart: _chart_series,
    Photo: _photo_alt,  # stated in the JSON Schema too (``schema``)
}
