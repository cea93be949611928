"""Every page held to the typesetting targets: the sample, each example and the stress corpus,
measured where the words landed (``quality.measure``)."""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path

import pytest

from briefing import build

from ..corpus import published, sheets
from ..quality import PageQuality, measure, source_text

SHEETS = sheets()
PUBLISHED = set(published())
EDGE = 0.3 * 72  # nothing prints nearer the paper's edge, in points
FILL = 0.06  # no column ends further above the footer, as a share of the page height
LINE = 1.38 + 0.2  # a body line's leading, in body sizes, and a little
MAX_BODY = 11.0  # the default max_body_size: a page whose body is this size may end short


@functools.cache
def page(name: str) -> PageQuality:
    """The one page of sheet ``name``, built and measured once."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "sheet.pdf"
        build(SHEETS[name], out)
        pages = measure(out, source_text(SHEETS[name]))
    assert len(pages) == 1
    return pages[0]


# The loosest word space of a justified line, in natural spaces: TeX's default tolerance. Arabic
# reaches it with kashidas, Hebrew and Latin with letter spacing (and Latin glyph expansion).
LOOSEST = 1.6


@pytest.mark.parametrize("name", SHEETS)
def test_justified_lines_reach_the_edge_with_spaces_at_most_1_6_natural(name: str) -> None:
    loose = [ln for ln in page(name).lines if ln.spaces and max(ln.spaces) > LOOSEST + 0.01]
    assert [(round(max(ln.spaces), 2), ln.text) for ln in loose] == []
    assert page(name).ragged == ()


@pytest.mark.parametrize("name", SHEETS)
def test_hyphens_two_in_a_row_at_most_none_at_a_column_end_no_short_fragment(name: str) -> None:
    assert page(name).hyphen_runs == ()
    assert page(name).column_end_hyphens == ()
    assert page(name).short_fragments == ()


@pytest.mark.parametrize("name", SHEETS)
def test_no_word_broken_without_a_hyphen(name: str) -> None:
    assert page(name).broken_words == ()


@pytest.mark.parametrize("name", SHEETS)
def test_columns_reach_the_footer(name: str) -> None:
    design = SHEETS[name].get("design", {})
    if page(name).body_size >= design.get("max_body_size", MAX_BODY) - 0.05:
        return  # grown to the largest body size: the page may end short
    assert page(name).columns
    for column in page(name).columns:
        assert column.share is not None and column.share <= FILL, column


@pytest.mark.parametrize("name", SHEETS)
def test_two_columns_end_within_a_line_of_each_other(name: str) -> None:
    """Published sheets within a line; the stress corpus's fragments (a section cut to a few
    lines beside one of lists and a long address) within two, since closing the rest would
    open holes between paragraphs."""
    quality = page(name)
    gaps = [c.gap for c in quality.columns if c.gap is not None]
    lines = 1 if name in PUBLISHED else 2
    if len(gaps) == 2 and quality.body_size < MAX_BODY - 0.05:
        assert abs(gaps[0] - gaps[1]) <= lines * LINE * quality.body_size, quality.columns


@pytest.mark.parametrize("name", SHEETS)
def test_nothing_prints_near_the_paper_edge(name: str) -> None:
    assert page(name).edge_ink >= EDGE - 0.01


@pytest.mark.parametrize("name", SHEETS)
def test_the_text_layer_has_whole_words(name: str) -> None:
    quality = page(name)
    assert (quality.glued_words, quality.split_words, quality.missing_words) == ((), (), ())
