"""Where a column breaks and what a column's gaps grow into, read back from the PDF: a
paragraph's tail opening a column, a section's gap grown alone into a hole, a break weighed
once in a process, columns packed again only for a body whose lines changed, a paragraph
broken again only where its text changed."""

from __future__ import annotations

import functools
import io
import statistics
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from briefing.layout import breaks, columns
from briefing.pipeline import render, run_checks
from briefing.text import measure as measuring
from briefing.text import setting
from briefing.text.measure import Measured
from briefing.text.setting import Recent, Setting

from ..conftest import SAMPLE
from ..corpus import EXAMPLES, load
from ..quality import Line, PageQuality, measure, source_text
from ..visual import DATA


@functools.cache
def page(name: str, paper: str) -> PageQuality:
    """The one page of sheet ``name`` (of ``tests/data``, or an example) on ``paper``, built
    and measured once."""
    path = DATA / f"{name}.yaml"
    tree = load(path if path.exists() else EXAMPLES / f"{name}.yaml")
    data, _ = render(run_checks(tree), paper)
    pages = measure(data, source_text(tree))
    assert len(pages) == 1
    return pages[0]


def _line(quality: PageQuality) -> float:
    """The body's leading: the median step between a paragraph's baselines."""
    steps = [
        a.base - b.base
        for a, b in pairwise(quality.lines)
        if a.body and b.body and a.block == b.block and 0 < a.base - b.base < 30
    ]
    return statistics.median(steps)


def _text(quality: PageQuality) -> list[Line]:
    """The body's lines of paragraphs and list items."""
    return [
        ln
        for ln in quality.lines
        if ln.body and ln.block is not None and quality.roles[ln.block] in ("/P", "/LBody")
    ]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_paragraph_goes_on_in_the_next_column_with_three_lines_where_it_can(paper: str) -> None:
    """mexico-facts' topics are long enough to leave three lines or more at the head of the
    right column (main on A4: a topic's last two lines opened it; now the topic before it is
    set a line longer, and three lines open it, on the same grid of whole lines at 9.7 pt)."""
    quality = page("mexico-facts", paper)
    middle = quality.width / 2
    text = _text(quality)
    right = [ln for ln in text if ln.x0 > middle]
    head = min(right, key=lambda ln: ln.top)
    if any(ln.block == head.block and ln.x1 < middle for ln in text):  # goes on from the left
        assert sum(ln.block == head.block for ln in right) >= 3, head.text


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_section_gap_does_not_grow_alone_into_a_hole(paper: str) -> None:
    """mexico-facts' one heading in the right column ("LOOKING AHEAD") stands a line under
    the text above it, as its other gaps do, the column a line short rather than its one gap
    grown to two (main: 2.3 lines read on Letter, its only gap grown a whole line)."""
    quality = page("mexico-facts", paper)
    line = _line(quality)
    text = _text(quality)
    lowest = max(ln.bottom for ln in text)  # the closing row's headings are under it
    for head in (ln for ln in quality.lines if quality.roles[ln.block or 0] == "/H2"):
        above = [ln for ln in text if ln.bottom <= head.top and abs(ln.x0 - head.x0) < 2]
        if above and head.top < lowest:
            last = max(above, key=lambda ln: ln.bottom)
            assert (head.top - last.bottom) / line <= 1.6, (head.text, last.text)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_text_after_a_table_is_no_further_from_its_source_than_two_lines(paper: str) -> None:
    """The grid of whole lines puts the text after a chart or table on the next line; the
    space that leaves goes half above the exhibit (mali-blocks' table, the paragraph under its
    source: main 27.3 / 28.7 pt, 2.15 lines read on Letter / A4; now 24.1 / 25.4 pt, 1.9)."""
    quality = page("mali-blocks", paper)
    line = _line(quality)
    text = _text(quality)
    for source in (ln for ln in quality.lines if ln.text.startswith("Source:")):
        below = [
            ln for ln in quality.lines if ln.top > source.bottom and abs(ln.x0 - source.x0) < 3
        ]
        after = min(below, key=lambda ln: ln.top, default=None)
        if after in text:  # (not a heading: a section's gap)
            assert (after.top - source.bottom) / line <= 2.0, (source.text, after.text)


def test_a_rebuild_whose_body_did_not_change_weighs_its_column_breaks_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample's left column ends with a heading and two lines of its text: the break is
    weighed against paragraphs set a line looser or tighter (``breaks.rebroken``) once in the
    process; a rebuild after its date is edited, as ``watch`` and ``preview`` make, places
    the body's lines where they were and weighs no break again."""
    sheet = tmp_path / "sheet.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    sheet.write_text(text, encoding="utf-8")
    weighed = []
    work = breaks._rebroken
    monkeypatch.setattr(breaks, "_moved", Recent(256))  # (as a new process)
    monkeypatch.setattr(breaks, "_packed", Recent(2048))
    monkeypatch.setattr(breaks, "_rebroken", lambda *args: weighed.append(1) or work(*args))
    first = measure(render(run_checks(sheet))[0], source_text(load(sheet)))[0]
    assert weighed
    sheet.write_text(text.replace("date: 2019-05-01", "date: 2019-05-17"), encoding="utf-8")
    done = len(weighed)
    again = measure(render(run_checks(sheet))[0], source_text(load(sheet)))[0]
    assert len(weighed) == done
    body = [[(ln.text, ln.x0, ln.top) for ln in q.lines if ln.body] for q in (first, again)]
    assert body[0] == body[1]
    assert any("May 17, 2019" in ln.text for ln in again.lines)


def test_a_rebuild_packs_columns_again_only_where_an_edit_changed_the_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built again after its date is edited, as ``watch`` and ``preview`` build it, the
    sample's columns are those the process kept (its body did not change: no column is packed
    again) and the new date is on the page; after one word of a paragraph is edited to a
    longer one, which moves where its lines end, its columns are packed again and the new
    word is on the page, the old one gone."""
    sheet = tmp_path / "sheet.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    sheet.write_text(text, encoding="utf-8")
    render(run_checks(sheet))
    packed: list[int] = []
    pack = columns.pack
    monkeypatch.setattr(columns, "pack", lambda *a, **k: packed.append(1) or pack(*a, **k))
    sheet.write_text(text.replace("date: 2019-05-01", "date: 2019-05-23"), encoding="utf-8")
    dated = render(run_checks(sheet))[0]
    assert not packed
    assert "May 23, 2019" in _words(dated)
    assert "one of the poorest and" in text
    sheet.write_text(text.replace("one of the poorest and", "one of the neediest and"), "utf-8")
    edited = _words(render(run_checks(sheet))[0])
    assert packed
    assert "neediest" in edited and "poorest" not in edited


def test_a_one_word_edit_sets_that_paragraph_alone_and_packs_no_column_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Built again after one number of a paragraph is edited (a year, drawn as wide), as
    ``watch`` and ``preview`` build it, the sample measures that paragraph alone, shapes at
    most the new word, breaks that paragraph alone into lines (at each size the fit tries)
    and packs no column again: its lines end where they did, with hyphens where they did, so
    the columns kept for the body before are its columns. The page is the one before, line
    for line, but for the new year."""
    sheet = tmp_path / "sheet.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count("created in 2018") == 1
    sheet.write_text(text, encoding="utf-8")
    before = measure(render(run_checks(sheet))[0], source_text(load(sheet)))[0]
    broken: list[str] = []
    packed: list[int] = []
    work, pack = setting._set_lines, columns.pack

    def set_lines(measured: Measured, *args: Any) -> Setting:
        broken.append("".join(fragment.text for fragment in measured.fragments))
        return work(measured, *args)

    monkeypatch.setattr(setting, "_set_lines", set_lines)
    monkeypatch.setattr(columns, "pack", lambda *a, **k: packed.append(1) or pack(*a, **k))
    paragraphs, words = measuring._measured.cache_info(), measuring._word.cache_info()
    sheet.write_text(text.replace("created in 2018", "created in 2031"), encoding="utf-8")
    after = measure(render(run_checks(sheet))[0], source_text(load(sheet)))[0]
    assert measuring._measured.cache_info().misses == paragraphs.misses + 1
    assert measuring._word.cache_info().misses <= words.misses + 1
    assert broken and all("in 2031." in paragraph for paragraph in broken)
    assert not packed
    lines = [[(ln.text, ln.x0, ln.top) for ln in q.lines] for q in (before, after)]
    changed = [(a, b) for a, b in zip(*lines, strict=True) if a != b]
    assert len(lines[0]) == len(lines[1]) and len(changed) == 1
    ((old, new),) = changed
    assert "2018" in old[0] and new == (old[0].replace("2018", "2031"), old[1], old[2])


def _words(pdf: bytes) -> str:
    """The text of a one-page PDF, as pdfplumber reads it, its lines joined by spaces."""
    with pdfplumber.open(io.BytesIO(pdf)) as read:
        return " ".join((read.pages[0].extract_text() or "").split())
