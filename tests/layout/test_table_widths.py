"""A table's column widths by content, read back from the PDF: a header keeps its words on one
line while another column wraps anyway, and the width goes where it saves lines."""

from __future__ import annotations

from typing import Any

import pytest

from briefing.content.runs import plain
from briefing.layout.parts import Sheet
from briefing.layout.specs import type_specs
from briefing.layout.widths import HAIR, Cell, shared
from briefing.pipeline import run_checks
from briefing.text.measure import measure
from briefing.text.setting import natural_width
from briefing.text.textbox import typeset

from .test_blocks import Built

COLUMNS = ["Component", "Partner", "Funding ($)"]
ROWS = [
    ["Police training", "National Police", "3,100,000"],
    ["Border security", "Gendarmerie", "2,300,000"],
    ["Justice sector reform", "Ministry of Justice", "1,400,000"],
    ["*Demand reduction*", "Ministry of Health", "600,000"],
]
# The case the issue reports: on A4, two columns, short content at the largest type.
SHORT: dict[str, Any] = {
    "organization": "O",
    "title": "Mali",
    "paper": "a4",
    "design": {"layout": "two-column", "max_body_size": 11},
    "key_figures": [{"value": "1", "label": "a"}],
    "sections": [
        {
            "heading": "Programs",
            "body": "Classroom training is paired with mentoring in the field.",
            "blocks": [{"table": {"caption": "Components", "columns": COLUMNS, "rows": ROWS}}],
        }
    ],
}


def _lines_of(sheet: Built, role: str) -> list[int]:
    """How many lines each cell of ``role`` takes, from where its characters sit."""
    return [len({round(c["top"]) for c in sheet.chars_of(cell)}) for cell in sheet.elements(role)]


def test_a_header_keeps_its_words_together_where_another_column_wraps_anyway() -> None:
    """ "Funding ($)" is one line, not "($)" alone under it, and only one cell of the table
    wraps ("Justice sector reform"), where splitting the width in proportion wrapped three."""
    sheet = Built(SHORT)
    assert sheet.page.body_size == pytest.approx(11.0)
    assert [sheet.text_of(cell) for cell in sheet.elements("/TH")] == COLUMNS
    assert _lines_of(sheet, "/TH") == [1, 1, 1]
    cells = sheet.elements("/TD")
    assert [
        sheet.text_of(c) for c, n in zip(cells, _lines_of(sheet, "/TD"), strict=True) if n > 1
    ] == ["Justice sector reform"]
    starts = [min(c["x0"] for c in sheet.chars_of(cell)) for cell in sheet.elements("/TH")]
    assert starts == sorted(starts)


def _cells(scale: float) -> tuple[list[list[Cell]], list[float], list[float]]:
    """The example table's cells in their specs at ``scale``, and each column's longest word
    and widest cell."""
    checked = run_checks({"organization": "O", "title": "T", "sections": [{"heading": "H"}]})
    specs = type_specs(checked.theme, Sheet(checked).faces, checked.words, scale)
    rows = [[(plain(text, bold=True), specs["cell head"]) for text in COLUMNS]]
    rows += [[(plain(text), specs["cell"]) for text in row] for row in ROWS]
    least = [max(measure(*row[i]).widest * row[i][1].size for row in rows) for i in range(3)]
    most = [max(natural_width(*row[i]) for row in rows) for i in range(3)]
    return rows, least, most


def _height(rows: list[list[Cell]], widths: list[float]) -> float:
    """The table's text height with these column widths, its header's lines counted twice."""
    total = 0.0
    for index, row in enumerate(rows):
        boxes = [typeset(runs, spec, w + HAIR) for (runs, spec), w in zip(row, widths, strict=True)]
        total += max(b.height for b in boxes) * (2 if index == 0 else 1)
    return total


@pytest.mark.parametrize("scale", [0.85, 1.0, 1.146])
def test_widths_go_where_they_save_lines(scale: float) -> None:
    """At every width between the longest words' and the widest cells', each column lies
    between its own two, the widths fill the room, and the table is never taller than with
    the room split in proportion to what each column lacks of its widest (a browser's rule)."""
    rows, least, most = _cells(scale)
    span = sum(most) - sum(least)
    for step in range(1, 20):
        room = sum(least) + span * step / 20
        widths = shared(rows, least, most, room)
        assert sum(widths) == pytest.approx(room)
        assert all(
            lo - 1e-6 <= w <= hi + 1e-6 for lo, w, hi in zip(least, widths, most, strict=True)
        )
        factor = (room - sum(least)) / span
        split = [lo + (hi - lo) * factor for lo, hi in zip(least, most, strict=True)]
        assert _height(rows, widths) <= _height(rows, split) + 1e-6, (room, widths, split)


def test_every_column_is_at_least_as_wide_as_its_longest_word() -> None:
    """However narrow the room, no column is narrower than its longest word, header's too."""
    rows, least, most = _cells(1.0)
    widths = shared(rows, least, most, sum(least) + 1.0)
    for row in rows:
        for (runs, spec), width in zip(row, widths, strict=True):
            assert measure(runs, spec).widest * spec.size <= width + 1e-6
