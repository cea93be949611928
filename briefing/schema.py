"""The JSON Schema of content files, derived from the content model (for editors' autocomplete)."""

from __future__ import annotations

import dataclasses
import datetime
import json
import types
import typing
from typing import Any, Literal, Union

from .model import Colour, Content, Length, Text


def json_schema() -> str:
    """The schema as indented JSON text."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing content",
        **_object(Content),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, default=str)


def _object(kind: type) -> dict[str, Any]:
    hints = typing.get_type_hints(kind)
    properties: dict[str, Any] = {}
    required = []
    for f in dataclasses.fields(kind):
        prop = _type(hints[f.name])
        prop["description"] = f.metadata["doc"]
        example = f.metadata.get("example")
        if example is not None:
            prop["examples"] = [example]
        properties[f.name] = prop
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
        elif f.default not in (dataclasses.MISSING, None):
            prop["default"] = f.default
    return {
        "type": "object",
        "description": (kind.__doc__ or "").strip(),
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _type(kind: Any) -> dict[str, Any]:
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        inner = next(arg for arg in typing.get_args(kind) if arg is not type(None))
        return _type(inner)
    if dataclasses.is_dataclass(kind):
        return _object(typing.cast(type, kind))
    if origin is list:
        return {"type": "array", "items": _type(typing.get_args(kind)[0])}
    if origin is Literal:
        return {"enum": list(typing.get_args(kind))}
    if kind is datetime.date:
        return {"type": "string", "format": "date"}
    if kind is float:
        return {"type": "number"}
    if kind is Colour:
        return {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}
    if kind is Length:
        return {
            "type": ["number", "string"],
            "pattern": r"^\s*[0-9]*\.?[0-9]+\s*(pt|in|mm|cm)?\s*$",
        }
    if kind is Text:
        # A number such as 2018 is fine where text is expected: it prints as typed.
        return {"type": ["string", "number"], "minLength": 1}
    raise TypeError(f"no JSON Schema for {kind!r}")
