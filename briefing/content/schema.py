"""The JSON Schemas of content and style files (for editors' autocomplete), written from the
field declarations that the validator reads."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from .fields import ChoiceSpec, Field, ListSpec, MapSpec, ObjectSpec, ScalarSpec, Spec, spec_of
from .model import STYLE_FIELDS, Content, Photo

_PROPERTIES = {"minItems": "minProperties", "maxItems": "maxProperties"}
# The validator's rules across the fields of an object that a schema can state.
_RULES: dict[type, dict[str, Any]] = {
    Photo: {  # alt text unless decorative
        "if": {"not": {"properties": {"decorative": {"const": True}}, "required": ["decorative"]}},
        "then": {"required": ["alt"]},
    },
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
    if isinstance(spec, ChoiceSpec):
        return {"enum": list(spec.choices)}
    if isinstance(spec, ListSpec):
        return {"type": "array", "items": _schema(spec.item)}
    if isinstance(spec, MapSpec):
        return {
            "type": "object",
            "propertyNames": {"pattern": _schema(spec.key)["pattern"]},
            "additionalProperties": _schema(spec.value),
        }
    return _object(spec)


def _object(spec: ObjectSpec) -> dict[str, Any]:
    schema = {
        "type": "object",
        "description": (
            "A style file: sheet-wide fields that the sheets naming it share."
            if spec.partial
            else (spec.kind.__doc__ or "").strip()
        ),
        "properties": {name: _field(f) for name, f in spec.fields.items()},
        "required": [name for name, f in spec.fields.items() if spec.required(f)],
        "additionalProperties": False,
    }
    if spec.one_of:
        schema["oneOf"] = [{"required": [name]} for name in spec.one_of]
    schema.update(_RULES.get(spec.kind, {}))
    return schema


def _field(f: Field) -> dict[str, Any]:
    """A field's schema: its type's, with its limits, description, example and default."""
    metadata = f.declared.metadata
    prop = _schema(f.spec)
    bounds = metadata["limits"]
    if isinstance(f.spec, MapSpec):  # a mapping's entries are its properties
        bounds = {_PROPERTIES.get(name, name): value for name, value in bounds.items()}
    prop.update(bounds)
    if f.nullable:
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
