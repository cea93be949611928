"""ReportLab drawings as inline SVG: the very charts and QR code the PDF draws, from the same
shapes, for the web page.

Only the shapes those drawings use are written: groups (with their transforms), rectangles,
lines, polylines, polygons, circles and strings; a widget (a marker, the QR code) by the shapes
it provides. Text keeps its anchor and takes the page's fonts, so the browser sets each label
where the PDF sets it. Numbers are rounded to hundredths: the same drawing gives the same bytes.
"""

from __future__ import annotations

import html
from typing import Any

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
    String,
)


def attribute(text: str) -> str:
    """``text`` as a quoted attribute value."""
    return '"' + html.escape(text, quote=False).replace('"', "&quot;") + '"'


def svg(drawing: Drawing, label: str, name: str) -> str:
    """``drawing`` as an ``<svg>`` element of class ``name``: one image to a screen reader,
    named ``label``."""
    width, height = _n(drawing.width), _n(drawing.height)
    inner = "".join(_shape(shape) for shape in drawing.contents)
    flipped = _group(drawing.transform, inner)  # its own transform, under the y axis turned
    return (
        f'<svg class="{name}" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label={attribute(label)} '
        f'xmlns="http://www.w3.org/2000/svg"><g transform="matrix(1 0 0 -1 0 {height})">'
        f"{flipped}</g></svg>"
    )


def _n(value: float) -> str:
    """A coordinate as SVG writes it: at most two decimals, no trailing zeros."""
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if shown == "-0" else shown


def _colour(colour: Any) -> str:
    return "none" if colour is None else "#" + colour.hexval()[2:].upper()


def _stroke(shape: Shape) -> str:
    colour = getattr(shape, "strokeColor", None)
    if colour is None:
        return ' stroke="none"'
    found = f' stroke="{_colour(colour)}" stroke-width="{_n(shape.strokeWidth)}"'
    dashes = getattr(shape, "strokeDashArray", None)
    if dashes:
        found += f' stroke-dasharray="{" ".join(_n(d) for d in dashes)}"'
    return found


def _group(transform: Any, inner: str) -> str:
    if tuple(transform) == (1, 0, 0, 1, 0, 0):
        return inner
    return f'<g transform="matrix({" ".join(_n(v) for v in transform)})">{inner}</g>'


def _points(values: list[float]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in zip(values[::2], values[1::2], strict=True))


def _shape(shape: Any) -> str:
    """One shape, and the shapes inside a group or provided by a widget."""
    if isinstance(shape, Group):
        return _group(shape.transform, "".join(_shape(s) for s in shape.contents))
    if isinstance(shape, String):
        return _string(shape)
    if isinstance(shape, Rect):
        fill = f' fill="{_colour(shape.fillColor)}"'
        box = f'x="{_n(shape.x)}" y="{_n(shape.y)}" width="{_n(shape.width)}"'
        return f'<rect {box} height="{_n(shape.height)}"{fill}{_stroke(shape)}/>'
    if isinstance(shape, Line):
        ends = f'x1="{_n(shape.x1)}" y1="{_n(shape.y1)}" x2="{_n(shape.x2)}" y2="{_n(shape.y2)}"'
        return f"<line {ends}{_stroke(shape)}/>"
    if isinstance(shape, Polygon):
        fill = f' fill="{_colour(shape.fillColor)}"'
        return f'<polygon points="{_points(shape.points)}"{fill}{_stroke(shape)}/>'
    if isinstance(shape, PolyLine):
        joined = ' stroke-linejoin="round"' if shape.strokeLineJoin == 1 else ""
        points = _points(shape.points)
        return f'<polyline points="{points}" fill="none"{_stroke(shape)}{joined}/>'
    if isinstance(shape, Circle):
        centre = f'cx="{_n(shape.cx)}" cy="{_n(shape.cy)}" r="{_n(shape.r)}"'
        return f'<circle {centre} fill="{_colour(shape.fillColor)}"{_stroke(shape)}/>'
    if hasattr(shape, "provideNode"):  # a widget: a marker, the QR code
        return _shape(shape.provideNode())
    raise TypeError(f"no SVG for the shape {type(shape).__name__}")


_ANCHORS = {"start": "", "middle": ' text-anchor="middle"', "end": ' text-anchor="end"'}


def _string(string: String) -> str:
    """A string at its baseline point, turned upright again under the flipped axis."""
    bold = ' font-weight="700"' if "Bold" in string.fontName else ""
    return (
        f'<text transform="matrix(1 0 0 -1 {_n(string.x)} {_n(string.y)})" '
        f'font-size="{_n(string.fontSize)}" fill="{_colour(string.fillColor)}"'
        f"{bold}{_ANCHORS[string.textAnchor]}>{html.escape(string.text, quote=False)}</text>"
    )
