"""The JSON Schemas of content and style files (for editors' autocomplete), written from the
field declarations that the validator reads."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

from .fields import (
    ChoiceSpec,
    EitherSpec,
    Field,
    ListSpec,
    MapSpec,
    ObjectSpec,
    ScalarSpec,
    Spec,
    spec_of,
)
from .model import MAX_CATEGORIES, STYLE_FIELDS, Chart, Content, Photo, Table

_PROPERTIES = {"minItems": "minProperties", "maxItems": "maxProperties"}
_STYLED = {"required": ["style"], "properties": {"style": {"type": "string"}}}  # names a style
_COLUMNS = typing.cast(ObjectSpec, spec_of(Table)).fields["columns"].declared.metadata["limits"]
# The validator's rules across the fields of an object that a schema can state (each in the
# allOf of the object's schema).
_RULES: dict[type, list[dict[str, Any]]] = {
    Photo: [  # an alt that says something, unless decorative
        {
            "if": {
                "not": {"properties": {"decorative": {"const": True}}, "required": ["decorative"]}
            },
            "then": {"properties": {"alt": {"not": {"type": "null"}}}},
        }
    ],
    Table: [  # as many cells in each row as there are columns
        {
            "if": {"properties": {"columns": {"type": "array", "minItems": n, "maxItems": n}}},
            "then": {"properties": {"rows": {"items": {"minItems": n, "maxItems": n}}}},
        }
        for n in range(1, _COLUMNS["maxItems"] + 1)
    ],
    Chart: [  # as many categories in each series (that they are the same, only check says)
        {
            "anyOf": [
                {
                    "properties": {
                        "series": {"additionalProperties": {"minProperties": n, "maxProperties": n}}
                    }
                }
                for n in range(1, MAX_CATEGORIES + 1)
            ]
        }
    ],
}


def json_schema(style: bool = False) -> str:
    """The schema of content files (of style files with ``style``) as indented JSON text."""
    declared = spec_of(Content, STYLE_FIELDS) if style else spec_of(Content)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing style" if style else "briefing content",
        **_schema(declared),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, default=str)


def _schema(spec: Spec) -> dict[str, Any]:
    """The JSON Schema of one declared type."""
    if isinstance(spec, ScalarSpec):
        return dict(spec.scalar.schema)
    if isinstance(spec, ChoiceSpec):  # typed, so that editors' snippets write the field
        return {"type": "string", "enum": list(spec.choices)}
    if isinstance(spec, ListSpec):
        return {"type": "array", "items": _schema(spec.item)}
    if isinstance(spec, EitherSpec):
        return {"anyOf": [_schema(spec.single), _schema(spec.mapping)]}
    if isinstance(spec, MapSpec):
        return {
            "type": "object",
            "propertyNames": {"pattern": _schema(spec.key)["pattern"]},
            "additionalProperties": _schema(spec.value),
        }
    return _object(spec)


def _object(spec: ObjectSpec) -> dict[str, Any]:
    required = [name for name, f in spec.fields.items() if spec.required(f)]
    shared = [name for name in required if spec.kind is Content and name in STYLE_FIELDS]
    schema = {
        "type": "object",
        "description": (
            "A style file: sheet-wide fields that the sheets naming it share."
            if spec.partial
            else (spec.kind.__doc__ or "").strip()
        ),
        "properties": {name: _field(f) for name, f in spec.fields.items()},
        "required": [name for name in required if name not in shared],
        "additionalProperties": False,
    }
    if spec.one_of:
        schema["oneOf"] = [{"required": [name]} for name in spec.one_of]
    rules = list(_RULES.get(spec.kind, []))
    if shared:  # a sheet naming a style may leave these to it
        rules.append({"if": _STYLED, "else": {"required": shared}})
    if rules:
        schema["allOf"] = rules
    return schema


def _field(f: Field) -> dict[str, Any]:
    """A field's schema: its type's, with its limits, description, example and default."""
    metadata = f.declared.metadata
    prop = _schema(f.spec)
    bounds = metadata["limits"]
    if isinstance(f.spec, MapSpec):  # a mapping's entries are its properties
        bounds = {_PROPERTIES.get(name, name): value for name, value in bounds.items()}
    prop.update(bounds)
    if f.nullable and "anyOf" in prop:
        prop["anyOf"].append({"type": "null"})
    elif f.nullable:
        kinds = prop["type"]
        prop["type"] = [*kinds, "null"] if isinstance(kinds, list) else [kinds, "null"]
    said = f.limits
    doc = metadata["doc"]
    prop["description"] = f"{doc.rstrip('.')} ({said})." if said else doc
    if metadata["example"] is not None:
        prop["examples"] = [metadata["example"]]
    if not f.required and f.declared.default not in (dataclasses.MISSING, None):
        prop["default"] = f.declared.default
    return prop
