"""Strings in ReportLab drawings (a chart's labels, its legend) set by briefing's text engine.

ReportLab's charts draw each string with one font and no shaping. In a sheet whose language has
a script of its own (Arabic, Persian, Hebrew, Chinese), each string is set as one line by the
text engine (``setting.unbroken``): in the faces of its script and the Latin face by turns,
shaped, in the order of the page's direction, and with its source text in the text layer, as
body text is; so is a string in another script in any sheet. Latin and Cyrillic strings in a
Latin or Cyrillic sheet keep ReportLab's own strings.
"""

from __future__ import annotations

from typing import Any

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color

from ..content.runs import plain
from ..text.setting import unbroken
from ..text.spec import TypeSpec
from ..text.textbox import TextBox


def label_spec(spec: TypeSpec, size: float) -> TypeSpec:
    """``spec`` as a chart's strings are set and measured: plain, one line, ``size`` points."""
    return spec._replace(
        size=size,
        leading=size,
        bold=False,
        italic=False,
        align="left",
        balance=False,
        uppercase=False,
        indent=0.0,
    )


def lettered(drawing: Drawing, spec: TypeSpec) -> Drawing:
    """``drawing`` with its strings set by briefing in ``spec``'s faces and direction, kerned
    and shaped as the chart measured them (ReportLab's own strings are neither)."""
    letters = _Lettered(drawing.width, drawing.height, *drawing.contents)
    letters.spec = spec
    return letters


class _Lettered(Drawing):
    """A drawing whose strings :class:`_Renderer` sets."""

    _attrMap = AttrMap(BASE=Drawing, spec=AttrMapValue(None, desc="the strings' type spec"))
    spec: TypeSpec

    def draw(self, showBoundary: Any = None) -> None:
        _Renderer(self.spec).draw(self, self.canv, 0, 0)


class _Renderer(renderPDF._PDFRenderer):
    """ReportLab's PDF renderer, with each string set by the text engine as one line."""

    def __init__(self, spec: TypeSpec) -> None:
        super().__init__()
        self.spec = spec

    def drawString(self, string: String) -> None:
        state = self._tracker.getState()
        size = float(state["fontSize"])
        fill: Color | None = state["fillColor"]
        colour = "#" + fill.hexval()[2:] if fill is not None else self.spec.colour
        spec = label_spec(self.spec, size)._replace(colour=colour)
        setting = unbroken(plain(string.text), spec)
        width = setting.width
        anchor = state["textAnchor"]
        x = string.x - {"end": width, "middle": width / 2}.get(anchor, 0.0)
        box = TextBox(width, setting)
        box.drawOn(self._canvas, x, string.y - box.height + box.size)  # on the string's baseline
