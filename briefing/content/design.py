"""The design's values as the page's theme: the layout, typefaces, colours, margins and body
sizes a sheet or its house style chooses, over the defaults; and the sizes' order and the
colours' contrast checked."""

from __future__ import annotations

from typing import Any

from ..errors import Location, Problem
from ..theme import MIN_CONTRAST, Theme, contrast, grayscale, text_pairs
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


def colour_problems(design: Design, theme: Theme) -> list[Problem]:
    """An error for each design colour that gives text under 4.5:1 contrast, in colour or gray,
    somewhere its layout prints it: one for the colour, naming every such use."""
    problems = []
    for name in ("primary", "accent"):
        colour = getattr(design, name)
        if colour is None:
            continue
        low: dict[str, tuple[float, str]] = {}  # each use too low, with its ratio
        for use, (fore, back) in text_pairs(theme).items():
            if colour.upper() not in (fore.upper(), back.upper()):
                continue
            for kind, a, b in (
                ("", fore, back),
                (" in grayscale", grayscale(fore), grayscale(back)),
            ):
                ratio = contrast(a, b)
                if ratio < MIN_CONTRAST:
                    low[use] = (ratio, kind)
                    break
        if low:
            use, (ratio, kind) = next(iter(low.items()))
            others = [other for other in low if other != use]
            also = f" (and too little for {_listed(others)})" if others else ""
            problems.append(
                colour.problem(
                    f"the {name} colour {colour} gives {use} a contrast of only {ratio:.1f}:1"
                    f"{kind}{also}",
                    f"a colour with at least {MIN_CONTRAST}:1 contrast for text, in colour and "
                    "when photocopied in gray (darker for text on white, for example)",
                )
            )
    return problems


def _listed(names: list[str]) -> str:
    """Names in a sentence: ``a``, ``a and b``, ``a, b and c``."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
