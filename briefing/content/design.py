"""The design's values as the page's theme: the layout, typefaces, colours, margins and body
sizes a sheet or its house style chooses, over the defaults; and the sizes' order checked."""

from __future__ import annotations

from typing import Any

from ..errors import Location, Problem
from ..theme import Theme
from .model import Design
from .reader import Source, value_of
from .typefaces import Chosen


def size_problems(source: Source, theme: Theme) -> list[Problem]:
    """An error where the largest body size is written below the smallest (which would win,
    unsaid); a smallest above the default largest raises it."""
    node = value_of(value_of(source.root, "design"), "max_body_size")
    if theme.min_body_size <= theme.max_body_size or node is None:
        return []
    return [
        Problem(
            f"the largest body size, {theme.max_body_size:g} pt, is below the smallest, "
            f"{theme.min_body_size:g} pt",
            source.at(node.start_mark) if node.start_mark else Location(source.path, 0, 0),
            "max_body_size at least min_body_size (8 pt unless given)",
            field="design.max_body_size",
        )
    ]


def themed(design: Design, fonts: tuple[Chosen, Chosen] | None = None) -> Theme:
    """The default theme with a content file's design choices applied; ``fonts``: its font and
    heading font, read (``typefaces.chosen``), if it names an office's own."""
    if fonts is None:  # only shipped families, or none read: Noto Sans for an office's
        font: Chosen = design.font if isinstance(design.font, str) else "Noto Sans"
        fonts = font, design.heading_font if isinstance(design.heading_font, str) else font
    font, heading = fonts
    chosen: dict[str, Any] = {
        "layout": design.layout,
        "fixed_layout": design.layout is not None,
        "family": font,
        "heading_family": heading,
        "primary": design.primary,
        "accent": design.accent,
        "margin_x": design.margins,
        "min_body_size": design.min_body_size,
        "max_body_size": design.max_body_size,
    }
    given: dict[str, Any] = {
        k: str(v) if isinstance(v, str) else v for k, v in chosen.items() if v is not None
    }
    return Theme()._replace(**given)
