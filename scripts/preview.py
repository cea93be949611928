"""Regenerate the README's pictures (docs/preview.png; docs/preview-ar.png of the Arabic
example; docs/blocks.png of the example with a chart, a table and a photo; docs/house-style.png
of a sheet in the house style's own fonts) and, with
--references, the reference images of the tests (all of them, or only the cases named, so a new
case leaves the others untouched).

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

from briefing.pipeline import render, run_checks  # noqa: E402
from tests.visual import CASES, REFERENCES, picture  # noqa: E402

# The README's pictures: the sample at 90 dpi, the Arabic example beside it at 54 dpi, the
# example with blocks at 90 dpi, a sheet of the house style at 54 dpi.
PICTURES = [
    ("content.yaml", "docs/preview.png", 1.25),
    ("examples/niger-ar.yaml", "docs/preview-ar.png", 0.75),
    ("examples/mali-blocks.yaml", "docs/blocks.png", 1.25),
    ("examples/house-style/ghana.yaml", "docs/house-style.png", 0.75),
]


def main() -> None:
    """Write the README's pictures, and the references when asked."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--references",
        nargs="*",
        metavar="CASE",
        help=f"also rewrite tests/references: every case, or those named ({', '.join(CASES)})",
    )
    args = parser.parse_args()
    unknown = set(args.references or ()) - set(CASES)
    if unknown:
        parser.error(f"no reference case named {', '.join(sorted(unknown))}")
    for content, name, scale in PICTURES:
        data, page = render(run_checks(ROOT / content))
        document = pypdfium2.PdfDocument(io.BytesIO(data))
        try:  # rendered directly for a sharp picture
            document[0].render(scale=scale).to_pil().save(ROOT / name, optimize=True)
        finally:
            document.close()
        print(f"wrote {name} ({page.fit})")
    if args.references is not None:
        REFERENCES.mkdir(exist_ok=True)
        for case in args.references or CASES:
            picture(case).save(REFERENCES / f"{case}.png", optimize=True)
            print(f"wrote tests/references/{case}.png")


if __name__ == "__main__":
    main()
