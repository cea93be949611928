"""The pages whose look is pinned by reference images, and how they are rendered and compared."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import pypdfium2
import yaml
from PIL import Image, ImageChops

from briefing.commands.book import build_book
from briefing.pipeline import render, run_checks

ROOT = Path(__file__).resolve().parent.parent
REFERENCES = Path(__file__).resolve().parent / "references"
DATA = Path(__file__).resolve().parent / "data"  # test sheets in languages no example uses
SCALE = 0.6  # render resolution: 43 dpi keeps the references small and still shows layout
SAMPLE_TREE: dict[str, Any] = yaml.safe_load((ROOT / "content.yaml").read_text(encoding="utf-8"))
EXTRAS: dict[str, Any] = {
    "at_a_glance": [
        {"label": "Capital", "value": "Niamey"},
        {"label": "Funding", "value": "TSCTP"},
    ],
    "contacts": [
        {"name": "U.S. Embassy Niamey", "role": "Political Section", "email": "contact@example.org"}
    ],
    "online": "https://www.state.gov/inl-niger",
    "marking": "UNCLASSIFIED",
    "logo": {"file": "examples/seal.svg", "alt": "A round emblem with a star"},
}


class Book(NamedTuple):
    """A page of a book of these sheets."""

    sheets: tuple[Path, ...]
    page: int


EXAMPLES = ROOT / "examples"
BOOK = (EXAMPLES / "kenya.yaml", EXAMPLES / "niger-fr.yaml", EXAMPLES / "mali-blocks.yaml")
BOOK += (EXAMPLES / "house-style" / "benin.yaml",)
MALI = yaml.safe_load((EXAMPLES / "mali-blocks.yaml").read_text(encoding="utf-8"))
CASES: dict[str, Path | dict[str, Any] | Book] = {
    "sample": ROOT / "content.yaml",
    "niger-fr": ROOT / "examples" / "niger-fr.yaml",
    "mali-blocks": ROOT / "examples" / "mali-blocks.yaml",  # a chart, a table and a photo
    "two-column-extras": {**SAMPLE_TREE, **EXTRAS},
    # what one column, and a sidebar, hold in lines of at most 75 characters (the whole
    # sample goes to two columns): its first section, its first two
    "single-column-extras": {
        **SAMPLE_TREE,
        **EXTRAS,
        "sections": SAMPLE_TREE["sections"][:1],
        "design": {"layout": "single-column"},
    },
    "sidebar-serif": {
        **SAMPLE_TREE,
        **EXTRAS,
        "sections": SAMPLE_TREE["sections"][:2],
        "design": {
            "layout": "sidebar",
            "font": "Noto Serif",
            "primary": "#1B3A2F",
            "accent": "#8A4B08",
        },
    },
    "short": {**SAMPLE_TREE, "sections": SAMPLE_TREE["sections"][:1], "key_figures": []},
    "niger-ar": ROOT / "examples" / "niger-ar.yaml",  # right to left, mirrored, two columns
    "sheet-he": DATA / "sheet-he.yaml",  # right to left, the sidebar on the left
    "sheet-zh": DATA / "sheet-zh.yaml",  # Chinese, broken between characters
    # The Mali table in a column of A4 at the largest type: widths where they save lines.
    "table-a4": {
        "organization": "U.S. Department of State",
        "title": "Mali",
        "paper": "a4",
        "sections": [
            {"heading": "Programs", "body": "Training.", "blocks": MALI["sections"][2]["blocks"]}
        ],
    },
    "book-cover": Book(BOOK, 0),  # the sheets' marking, band and footer; the sheets listed
    "book-contents": Book(BOOK, 1),
}


def picture(case: str) -> Image.Image:
    """The case's page rendered to an RGB image."""
    content = CASES[case]
    if isinstance(content, Book):
        with tempfile.TemporaryDirectory() as folder:
            build_book(content.sheets, Path(folder) / "book.pdf")
            data = (Path(folder) / "book.pdf").read_bytes()
    else:
        data, _ = render(run_checks(content))
    document = pypdfium2.PdfDocument(io.BytesIO(data))
    try:
        page = content.page if isinstance(content, Book) else 0
        return document[page].render(scale=SCALE).to_pil().convert("RGB")
    finally:
        document.close()


def difference(a: Image.Image, b: Image.Image) -> tuple[float, float]:
    """(mean absolute difference in levels, share of pixels off by more than 64 levels)."""
    diff = ImageChops.difference(a, b).convert("L")
    histogram = diff.histogram()
    pixels = a.width * a.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    return mean, sum(histogram[65:]) / pixels
