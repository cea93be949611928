"""Pictures on the page: the logo (PNG, JPEG or SVG) and the QR code of the web address."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

from reportlab.graphics.shapes import Drawing, Group
from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Image

from .errors import Problem
from .model import Logo

_RASTER = {".png", ".jpg", ".jpeg"}


class Picture(NamedTuple):
    """A loaded logo: its intrinsic size in points and how to draw it at any size."""

    path: Path
    width: float
    height: float
    alt: str
    drawing: Any = None  # the parsed SVG, for SVG files

    def flowable(self, height: float) -> Flowable:
        """The picture scaled to ``height``, keeping its proportions."""
        factor = height / self.height
        if self.drawing is None:
            image = Image(str(self.path), self.width * factor, height)
            image.width, image.height = image.drawWidth, image.drawHeight
            return image
        group = Group(*self.drawing.contents, transform=(factor, 0, 0, factor, 0, 0))
        return Drawing(self.width * factor, height, group)


def load_logo(logo: Logo, base: Path, problems: list[Problem]) -> Picture | None:
    """Load the logo named in the content, or add a located problem and return None."""
    path = base / str(logo.file)
    expected = "a PNG, JPEG or SVG file, named relative to the content file"
    if not path.is_file():
        problems.append(
            Problem(
                f"the image '{logo.file}' was not found (looked for {path})",
                logo.file.locate(),
                expected,
            )
        )
        return None
    suffix = path.suffix.lower()
    try:
        if suffix in _RASTER:
            from reportlab.lib.utils import ImageReader

            width, height = ImageReader(str(path)).getSize()
            return Picture(path, float(width), float(height), str(logo.alt))
        if suffix == ".svg":
            from svglib.svglib import svg2rlg

            drawing = svg2rlg(str(path))
            if drawing is not None and drawing.width > 0 and drawing.height > 0:
                return Picture(path, drawing.width, drawing.height, str(logo.alt), drawing)
    except Exception:  # noqa: BLE001, S110 - any decoder failure: not a usable image
        pass
    problems.append(
        Problem(
            f"the file '{logo.file}' is not a readable PNG, JPEG or SVG image",
            logo.file.locate(),
            expected,
        )
    )
    return None


def qr_code(url: str, size: float, colour: str) -> Drawing:
    """A QR code for ``url``, ``size`` points square, quiet zone included."""
    from reportlab.graphics.barcode.qr import QrCodeWidget

    widget = QrCodeWidget(url, barLevel="M", barBorder=2)
    widget.barFillColor = HexColor(colour)
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=(size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0))
    drawing.add(widget)
    return drawing
