"""Regenerate docs/preview.png from content.yaml (needs the test extra for pypdfium2)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2

from briefing import build

ROOT = Path(__file__).resolve().parent.parent


def render_png(pdf: Path, png: Path, scale: float = 1.25) -> None:
    """Render the first page of ``pdf`` to ``png``."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        document[0].render(scale=scale).to_pil().save(png, optimize=True)
    finally:
        document.close()


def main() -> None:
    """Build the sample and write its preview."""
    with tempfile.TemporaryDirectory() as folder:
        result = build(ROOT / "content.yaml", Path(folder) / "sample.pdf")
        render_png(result.output, ROOT / "docs" / "preview.png")
    print(f"wrote docs/preview.png ({result.fit})")


if __name__ == "__main__":
    main()
