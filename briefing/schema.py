"""The JSON Schema of content files (for editors' autocomplete), from the model's declarations."""

from __future__ import annotations

import json

from .model import json_schema as _content


def json_schema() -> str:
    """The schema as indented JSON text."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing content",
        **_content(),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, default=str)
