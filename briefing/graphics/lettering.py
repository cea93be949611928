"""Strings in ReportLab drawings (a chart's labels, its legend) set by briefing's text engine.

ReportLab's charts draw each string with one font and no shaping. In a sheet whose language has
a script of its own (Arabic, Persian, Hebrew, Chinese), each string is set as one line by
``typeset``: in the faces of its script and the Latin face by turns, shaped, in the order of the
page's direction, and with its source text in the text layer, as body text is. Latin and
Cyrillic sheets keep ReportLab's own strings.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color

from ..content.runs import plain
from ..text.textbox import TextBox
from ..text.typeset import UNBROKEN, Style, drawn, prepare, set_lines


def lettered(drawing: Drawing, style: Style) -> Drawing:
    """``drawing`` with its strings set by briefing in ``style``'s faces and direction, when the
    sheet's language needs it; else ``drawing`` itself."""
    if style.script_faces is None and style.direction == "ltr":
        return drawing
    letters = _Lettered(drawing.width, drawing.height, *drawing.contents)
    letters.style = style
    return letters


class _Lettered(Drawing):
    """A drawing whose strings :class:`_Renderer` sets."""

    _attrMap = AttrMap(BASE=Drawing, style=AttrMapValue(None, desc="the strings' text style"))
    style: Style

    def draw(self, showBoundary: Any = None) -> None:
        _Renderer(self.style).draw(self, self.canv, 0, 0)


class _Renderer(renderPDF._PDFRenderer):
    """ReportLab's PDF renderer, with each string set by the text engine as one line."""

    def __init__(self, style: Style) -> None:
        super().__init__()
        self.style = style

    def drawString(self, string: String) -> None:
        state = self._tracker.getState()
        size = float(state["fontSize"])
        fill: Color | None = state["fillColor"]
        colour = "#" + fill.hexval()[2:] if fill is not None else self.style.colour
        style = self.style._replace(
            size=size,
            leading=size,
            colour=colour,
            bold=False,
            italic=False,
            align="left",
            balance=False,
            uppercase=False,
            indent=0.0,
        )
        setting = set_lines(prepare(plain(string.text), style), style, UNBROKEN)
        width = drawn(setting, style, 0).width  # a label is one line
        anchor = state["textAnchor"]
        x = string.x - {"end": width, "middle": width / 2}.get(anchor, 0.0)
        box = TextBox(style, width, setting)
        canvas = self._canvas
        canvas.saveState()
        canvas.translate(x, string.y - box.height + box.size)  # its baseline on the string's
        box.canv = canvas
        box.draw()
        canvas.restoreState()
