"""The QR code of the sheet's web address, drawn as vectors in the theme's ink."""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor


def qr_code(url: str, size: float, colour: str) -> Drawing:
    """A QR code for ``url``, ``size`` points square, quiet zone included."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(url, barLevel="M", barBorder=2)
    widget.barFillColor = HexColor(colour)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=(size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0))
    drawing.add(widget)
    return drawing
