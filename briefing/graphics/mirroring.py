"""A chart mirrored for a right-to-left page: its categories, series and legend from the
right, a lying chart's names and value axis on the right, its text reading as before."""

from __future__ import annotations

from reportlab.graphics.shapes import Group, Line, PolyLine, Rect, Shape, String

_OTHER_END = {"start": "end", "end": "start", "middle": "middle"}


def mirrored(shapes: list[Shape], width: float, across: float) -> list[Shape]:
    """``shapes`` mirrored across a drawing ``width`` points wide, their text last, top down
    and left to right (the readers of the text then put a line's pieces in order, with
    spaces between: docs/readers.md). ``across``: how wide upright text is (a line's
    height)."""
    out = [_mirrored(shape, width, across) for shape in shapes]
    texts = [shape for shape in out if isinstance(shape, (String, Group))]
    shown = {id(shape) for shape in texts}
    return [shape for shape in out if id(shape) not in shown] + sorted(texts, key=_place)


def _mirrored(shape: Shape, width: float, across: float) -> Shape:
    """``shape`` mirrored: its place and reach, not its text, which reads as before from the
    mirrored anchor."""
    if isinstance(shape, Rect):
        shape.x = width - shape.x - shape.width
    elif isinstance(shape, Line):
        shape.x1, shape.x2 = width - shape.x1, width - shape.x2
    elif isinstance(shape, PolyLine):
        shape.points = [width - c if k % 2 == 0 else c for k, c in enumerate(shape.points)]
    elif isinstance(shape, String):
        shape.x = width - shape.x
        shape.textAnchor = _OTHER_END[shape.textAnchor]
    elif isinstance(shape, Group):  # upright text, turned about its start: its middle mirrored
        a, b, c, d, e, f = shape.transform
        shape.transform = (a, b, c, d, width - e + across, f)
    else:  # a marker
        shape.x = width - shape.x
    return shape


def _place(shape: Shape) -> tuple[float, float]:
    """Where a piece of text is: down the drawing, then across."""
    if isinstance(shape, Group):
        return -round(shape.transform[5], 1), shape.transform[4]
    return -round(shape.y, 1), shape.x
