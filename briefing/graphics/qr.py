"""The QR code of the sheet's web address, drawn as vectors in the theme's ink: a flowable
for the page, a drawing for the web page."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor

from ..flowables import Flowable, Kept, filled

QUIET = 2  # modules of blank around the code (its quiet zone)


class QrCode(Flowable):
    """A QR code for ``url``, ``size`` points square, quiet zone included. Nothing is drawn
    until the page is: the fit measures the page at many sizes."""

    def __init__(self, url: str, size: float, colour: str) -> None:
        super().__init__()
        self.url, self.width, self.height, self.colour = url, size, size, colour

    def draw(self) -> None:
        """Each run of dark modules in a row, one filled rectangle: written again as they were
        the last time the same code was drawn (``filled``)."""
        canvas = self.canv

        def draw() -> None:
            for x, y, width, height in _runs(self.url, self.width):
                canvas.rect(x, y, width, height, stroke=0, fill=1)

        key = (self.url, self.width, self.colour, canvas._fillMode)
        filled(canvas, HexColor(self.colour), _drawn, key, None, draw)


_drawn: Kept = {}  # the operators of each code drawn


def qr_code(url: str, size: float, colour: str) -> Drawing:
    """A QR code for ``url`` as a drawing, ``size`` points square, quiet zone included."""
    drawing = Drawing(size, size)
    ink = HexColor(colour)
    for x, y, width, height in _runs(url, size):
        drawing.add(Rect(x, y, width, height, fillColor=ink, strokeColor=None))
    return drawing


def _runs(url: str, size: float) -> Iterator[tuple[float, float, float, float]]:
    """Each run of dark modules in a row of the code for ``url``, ``size`` points square:
    its left, bottom, width and height."""
    modules = _modules(url)
    step = size / (len(modules) + 2 * QUIET)
    for r, row in enumerate(modules):
        column = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                yield (column + QUIET) * step, size - (r + QUIET + 1) * step, count * step, step
            column += count


@lru_cache(maxsize=64)
def _modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, dark or not, row by row: encoding takes tens of milliseconds."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)
