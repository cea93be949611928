"""The QR code of the sheet's web address, drawn as vectors in the theme's ink."""

from __future__ import annotations

from functools import lru_cache

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import HexColor


def qr_code(url: str, size: float, colour: str) -> Drawing:
    """A QR code for ``url``, ``size`` points square, quiet zone included."""
    code = _encoded(url, colour)
    x0, y0, x1, y1 = code.getBounds()
    drawing = Drawing(size, size, transform=(size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0))
    drawing.add(code)
    return drawing


@lru_cache(maxsize=64)
def _encoded(url: str, colour: str) -> Group:
    """The code's modules drawn once: encoding takes tens of milliseconds, and the fit search
    measures the page at many sizes."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(url, barLevel="M", barBorder=2)
    widget.barFillColor = HexColor(colour)
    return widget.draw()
