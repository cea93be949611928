"""Regenerate docs/preview.png and docs/blocks.png (the example with a chart, a table and a
photo) and, with --references, the reference images of the tests.

Needs the test extra (pypdfium2). Look at the pages before committing new references.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pypdfium2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.pipeline import prepare, render  # noqa: E402
from tests.visual import CASES, REFERENCES, picture  # noqa: E402

BLOCKS = "examples/mali-blocks.yaml"


def main() -> None:
    """Write the preview, and the references when asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--references", action="store_true", help="also rewrite tests/references")
    args = parser.parse_args()
    for content, name in (("content.yaml", "preview.png"), (BLOCKS, "blocks.png")):
        data, page = render(prepare(ROOT / content))
        document = pypdfium2.PdfDocument(io.BytesIO(data))
        try:  # 90 dpi, rendered directly for a sharp preview
            document[0].render(scale=1.25).to_pil().save(ROOT / "docs" / name, optimize=True)
        finally:
            document.close()
        print(f"wrote docs/{name} ({page.fit})")
    if args.references:
        REFERENCES.mkdir(exist_ok=True)
        for case in CASES:
            picture(case).save(REFERENCES / f"{case}.png", optimize=True)
            print(f"wrote tests/references/{case}.png")


if __name__ == "__main__":
    main()
