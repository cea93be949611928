"""Body and lead lines of at most 75 characters, read back from where the glyphs landed, on
long sheets no one tuned (a review's Peru in one column, Ukraine in a sidebar, Colombia in two
columns with a chart, a table and a closing row): the page changes arrangement where another
holds the text in such lines, and where none does the writer is told about how many fewer
words would; that advice, followed, gives such a page."""

from __future__ import annotations

import re
import statistics
from itertools import pairwise
from typing import Any

import pytest

from briefing import ContentError
from briefing.errors import Problem
from briefing.pipeline import render, run_checks

from ..corpus import load
from ..quality import Line, PageQuality, measure, source_text
from ..visual import DATA

LONG_LINE = 75
SHEETS = ["peru-single", "ukraine-sidebar", "colombia-two"]
FEWER = re.compile(r"about (\d+) fewer words in the sections")


def _built(tree: dict[str, Any], paper: str) -> tuple[PageQuality | None, tuple[Problem, ...]]:
    """The sheet's page measured (None if it does not fit) and what the writer is told of
    its layout and fit."""
    try:
        data, page = render(run_checks({**tree, "paper": paper}))
    except ContentError as error:
        return None, tuple(error.problems)
    (quality,) = measure(data, source_text(tree))
    return quality, page.warnings


def _full(lines: list[Line]) -> list[int]:
    """The characters of each line that goes on in its paragraph (spaces counted)."""
    blocks: dict[int | None, list[Line]] = {}
    for line in lines:
        blocks.setdefault(line.block, []).append(line)
    return [len(line.text) for block in blocks.values() for line in block[:-1]]


def _lengths(quality: PageQuality, tree: dict[str, Any]) -> tuple[float, list[int]]:
    """The median characters of the body's full lines, and each full line of the lead's."""
    lead = next(ln.block for ln in quality.lines if ln.text.startswith(tree["lead"][:20]))
    body = _full([ln for ln in quality.lines if ln.body])
    return statistics.median(body), _full([ln for ln in quality.lines if ln.block == lead])


def _columns(quality: PageQuality) -> int:
    """How many columns the body's lines start in (paragraphs' first lines aside)."""
    starts = sorted({round(ln.x0) for ln in quality.lines if ln.body})
    return 1 + sum(1 for a, b in pairwise(starts) if b - a > 40)


def _fewer(tree: dict[str, Any], cut: int) -> dict[str, Any]:
    """``tree`` with ``cut`` words fewer in its sections: the last words of its longest, as the
    advice to cut names it."""
    sections = list(tree["sections"])
    longest = max(range(len(sections)), key=lambda i: len(sections[i].get("body", "").split()))
    words = sections[longest]["body"].split(" ")
    body = " ".join(words[: max(3, len(words) - cut)]).rstrip(",;:") + "."
    sections[longest] = {**sections[longest], "body": body}
    return {**tree, "sections": sections}


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", SHEETS)
def test_lines_keep_to_75_characters_or_the_writer_is_told_what_would(
    name: str, paper: str
) -> None:
    tree = load(DATA / f"{name}.yaml")
    quality, told = _built(tree, paper)
    advised = [p for p in told if p.expected and FEWER.search(p.expected)]
    long = [p for p in told if quality is None or "characters in the" in p.message]
    if quality is not None and not long:
        body, lead = _lengths(quality, tree)
        assert body <= LONG_LINE and max(lead) <= LONG_LINE, (body, lead)
    else:
        assert advised, [p.message for p in told]
    for advice in advised:  # followed, it gives lines of at most 75 characters
        cut = int(FEWER.search(advice.expected or "")[1])  # type: ignore[index]
        shorter = _fewer(tree, cut)
        quality, after = _built(shorter, paper)
        assert quality is not None, [p.message for p in after]
        body, lead = _lengths(quality, shorter)
        assert body <= LONG_LINE and max(lead) <= LONG_LINE, (advice.expected, body, lead)
        assert not [p for p in after if "characters in the" in p.message]
        if "to keep" in (advice.expected or ""):  # the layout named, kept
            assert not [p for p in after if p.field == "design.layout"]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_one_column_too_long_for_75_characters_a_line_is_set_in_two(paper: str) -> None:
    """Peru names one column, whose lines would hold about 100 characters at 8 pt: it is set
    in two columns (the headings above their text, the chart in a column) and told so."""
    tree = load(DATA / "peru-single.yaml")
    quality, told = _built(tree, paper)
    assert quality is not None and _columns(quality) == 2
    (switched,) = [p for p in told if p.field == "design.layout"]
    assert "set in the two-column layout" in switched.message
    assert "lines of more than the 75 characters" in switched.message
