"""The JSON Schemas of content and style files (for editors' autocomplete), from the model's
declarations."""

from __future__ import annotations

import json

from .model import json_schema as _content
from .model import style_schema as _style


def json_schema(style: bool = False) -> str:
    """The schema of content files (of style files with ``style``) as indented JSON text."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "briefing style" if style else "briefing content",
        **(_style() if style else _content()),
    }
    return json.dumps(schema, indent=2, ensure_ascii=False, default=str)
