"""PNG previews of built PDFs, for e-mail and the web (rendered with PDFium)."""

from __future__ import annotations

import io

DPI = 144


def png(pdf: bytes, dpi: int = DPI, quick: bool = False) -> bytes:
    """The first page of ``pdf`` as PNG bytes; ``quick`` compresses it in about a tenth of the
    time, for the live preview (the file may be larger)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", **({"compress_level": 1} if quick else {"optimize": True}))
    return out.getvalue()
