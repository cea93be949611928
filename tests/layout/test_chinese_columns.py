"""Chinese columns a whole number of characters wide (clreq's line length): every full line of
a Chinese page's body reaches its column's edge, where the section rules above it end, and the
text block, its rules and its strips stay one rectangle."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

import pdfplumber
import pytest

from briefing import build
from briefing.theme import Theme

from ..corpus import sheets
from ..quality import Line, measure, source_text


class Rule(NamedTuple):
    """A rule drawn across a column or the text area, in points (``top`` from the page's top)."""

    x0: float
    x1: float
    top: float


CHINESE: dict[str, dict[str, Any]] = {
    name: tree for name, tree in sheets().items() if tree.get("language") == "zh"
}
# the Kenya sheet as a sidebar too (Laos is set in one column on Letter, two on A4)
CHINESE["sheet-zh-sidebar"] = {**CHINESE["sheet-zh"], "design": {"layout": "sidebar"}}
NEAR = 0.5  # points
# closing punctuation a full line may end with set half-width (clreq's first compression):
# its box reaches past the line's end by its blank half
HALVED = frozenset("。，、：；）」』】》")
# a web or e-mail address, which breaks only at its / . - and leaves the line before it short
ADDRESS = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[\w.+-]+@[\w.-]+")


class Read(NamedTuple):
    """What a Chinese page's test reads of it."""

    paragraphs: list[list[Line]]  # the body's paragraphs and list items, each its lines
    rules: list[Rule]  # the rules over the sections' headings
    area: Rule  # the widest rule: across the text area, over the closing row or the footer
    panel: float | None  # where a sidebar's tinted panel starts, right of the body


def _read(name: str, paper: str) -> Read:
    """Sheet ``name`` built on ``paper``, read back."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "sheet.pdf"
        build({**CHINESE[name], "paper": paper}, out)
        (quality,) = measure(out, source_text(CHINESE[name]))
        with pdfplumber.open(out) as pdf:
            rules = [Rule(r["x0"], r["x1"], r["top"]) for r in pdf.pages[0].lines]
            tints = [r["x0"] for r in pdf.pages[0].rects]
    headings = [ln for ln in quality.lines if quality.roles[ln.block or 0] == "/H2"]
    over = [  # a heading's rule: above it, within a body line
        rule
        for rule in rules
        if any(
            rule.x0 <= h.x0 + NEAR and h.x0 < rule.x1 and 0 < h.top - rule.top < h.size * 1.5
            for h in headings
        )
    ]
    paragraphs: dict[int | None, list[Line]] = {}
    for line in quality.lines:
        if line.body:
            paragraphs.setdefault(line.block, []).append(line)
    right = max(rule.x1 for rule in over)
    panel = min((x for x in tints if x > right), default=None)
    return Read(list(paragraphs.values()), over, max(rules, key=lambda r: r.x1 - r.x0), panel)


def _full(paragraph: list[Line]) -> list[Line]:
    """A paragraph's lines but its last, and those beside a break in or before an address."""
    joined, ends = "", []
    for line in paragraph:
        joined += line.text
        ends.append(len(joined))
    spans = [match.span() for match in ADDRESS.finditer(joined)]
    return [
        line
        for line, end in zip(paragraph[:-1], ends, strict=False)
        if not any(start <= end < stop for start, stop in spans)
    ]


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", CHINESE)
def test_every_full_chinese_line_ends_where_its_section_rule_does(name: str, paper: str) -> None:
    """Each full line of a Chinese body ends within half a point of where its column's section
    rules end (its last glyph's advance: a closing mark set half-width ends half an em short of
    its box; a list item's too, from an indent of whole characters; across the text area over
    hanging headings); the first column's rules start where the text area does, and the last
    column's end where it does, or a column gap short of a sidebar's panel."""
    read = _read(name, paper)
    full = [line for paragraph in read.paragraphs for line in _full(paragraph)]
    assert len(full) >= 5
    ends = []
    for line in full:
        column = max(  # of the rules that start nearest left of it, the narrowest: its column's
            (rule for rule in read.rules if rule.x0 <= line.x0 + NEAR and line.x0 < rule.x1),
            key=lambda rule: (rule.x0, rule.x0 - rule.x1),
        )
        end = line.x1 - column.x1
        if line.text[-1] in HALVED and abs(end - line.size / 2) <= NEAR:  # set half-width
            end -= line.size / 2
        ends.append((round(end, 1), line.text))
    assert [(end, text) for end, text in ends if abs(end) > NEAR] == []
    assert abs(min(rule.x0 for rule in read.rules) - read.area.x0) <= NEAR
    edge = read.area.x1 if read.panel is None else read.panel - Theme().column_gap
    assert abs(max(rule.x1 for rule in read.rules) - edge) <= NEAR
