"""Line texture over the corpus, read back from where the words landed: how far neighbouring
lines' word spaces are apart as drawn (spaces take a justified line's room first, glyphs and
letters only past 1.5 natural spaces, so the breaker's ratio alone does not say)."""

from __future__ import annotations

import statistics
from itertools import pairwise

from .test_quality import SHEETS, _paragraphs, page

APART = 0.5  # natural spaces: a line at 0.9 beside one at 1.4 reads as dark beside grey
# Such neighbours (the lines of a paragraph that go on, by their median word space), on every
# page of the corpus on its own paper together, at most: 68 when each paragraph was broken for
# its least demerits alone, 56 since a paragraph whose neighbours are more than 0.3 natural
# spaces apart is set again with their differences costing by their square, on as many lines
# with no more hyphens (most of those left: no other setting of their paragraph without a
# hyphen more, as the sample's "Corrections." 1.35, 0.82, 1.48 at 9.4 pt). 61 since no
# paragraph ends on a word alone where another setting exists (one-word last lines 94 -> 64
# over the corpus): en-two-column-1.5 2 more, guatemala-es and sheet-he 1 each; and
# en-two-column-0.3 1, its paragraph set ragged justified at a smaller size.
UNEVEN = 61


def test_few_neighbouring_lines_word_spaces_are_half_a_space_apart() -> None:
    uneven = [
        (round(a, 2), round(b, 2), name)
        for name in SHEETS
        for lines in _paragraphs(page(name)).values()
        for a, b in pairwise(statistics.median(line.spaces) for line in lines[:-1] if line.spaces)
        if abs(a - b) > APART
    ]
    assert len(uneven) <= UNEVEN, uneven
