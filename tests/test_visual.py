"""Visual regression: each pinned page still looks like its committed reference image.

After an intended design change, look at the new pages, then run
``python scripts/preview.py --references`` to regenerate the references and the README preview.
"""

from __future__ import annotations

import pytest
from PIL import Image

from .visual import CASES, REFERENCES, difference, picture


@pytest.mark.parametrize("case", CASES)
def test_page_matches_its_reference(case: str) -> None:
    reference = Image.open(REFERENCES / f"{case}.png").convert("RGB")
    page = picture(case)
    assert page.size == reference.size
    mean, changed = difference(page, reference)
    assert mean < 1.0 and changed < 0.003, f"{case}: mean {mean:.2f}, {changed:.2%} changed"


def test_a_changed_page_is_caught() -> None:
    reference = Image.open(REFERENCES / "sample.png").convert("RGB")
    moved = Image.new("RGB", reference.size, "white")
    moved.paste(reference, (0, 6))  # the whole page six pixels lower
    mean, changed = difference(moved, reference)
    assert mean >= 1.0 or changed >= 0.003
