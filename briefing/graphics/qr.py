"""The QR code of the sheet's web address, drawn as vectors in the theme's ink."""

from __future__ import annotations

import itertools
from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.colors import HexColor

QUIET = 2  # modules of blank around the code (its quiet zone)


def qr_code(url: str, size: float, colour: str) -> Drawing:
    """A QR code for ``url``, ``size`` points square, quiet zone included: each run of dark
    modules in a row one rectangle."""
    modules = _modules(url)
    step = size / (len(modules) + 2 * QUIET)
    drawing = Drawing(size, size)
    ink = HexColor(colour)
    for r, row in enumerate(modules):
        column = 0
        for dark, run in itertools.groupby(row):
            count = len(list(run))
            if dark:
                x, y = (column + QUIET) * step, size - (r + QUIET + 1) * step
                drawing.add(Rect(x, y, count * step, step, fillColor=ink, strokeColor=None))
            column += count
    return drawing


@lru_cache(maxsize=64)
def _modules(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, dark or not, row by row: encoding takes tens of milliseconds, and
    the fit search measures the page at many sizes."""
    from reportlab.graphics.barcode.qrencoder import QRCode, QRErrorCorrectLevel

    code = QRCode(None, QRErrorCorrectLevel.M)
    code.addData(url)
    code.make()
    return tuple(tuple(bool(m) for m in row) for row in code.modules)
