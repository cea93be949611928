"""PNG previews of built PDFs, for e-mail and the web (rendered with PDFium)."""

from __future__ import annotations

import io

DPI = 144


def png(pdf: bytes, dpi: int = DPI) -> bytes:
    """The first page of ``pdf`` as PNG bytes."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
