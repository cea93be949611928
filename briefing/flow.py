"""Flow measured paragraphs into columns by arithmetic on their wrapped line counts.

A paragraph is wrapped once per scale; every trial packing after that (balancing columns,
spreading space) only counts lines. The same rules as ReportLab's ``Paragraph.split`` apply (no
orphan or widow lines), so the real split of the final layout lands where the count said.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

_EPS = 1e-6
_SLACK = 0.3  # of the font size: about the width of a space


@dataclass
class Block:
    """A paragraph wrapped at its column width, with its place in the document's structure."""

    flowable: Paragraph
    role: str
    element: int
    parents: tuple[str, ...]
    lines: int
    leading: float
    height: float
    before: float  # space before, at air 1
    after: float  # space after, at air 1
    keep_with_next: bool = False  # headings: never the last thing in a column
    hang: float = 0.0  # a hanging heading's height: it sits beside the text, not above it
    label: Paragraph | None = None  # a list item's bullet or number, beside its first line
    label_indent: float = 0.0

    @classmethod
    def make(
        cls,
        flowable: Paragraph,
        width: float,
        role: str,
        element: int,
        parents: tuple[str, ...],
        **extra: Any,
    ) -> Block:
        """Wrap ``flowable`` at ``width`` and record what packing needs to know."""
        flowable = fitted(flowable, width)
        height, lines = flowable.height, len(flowable.blPara.lines)
        return cls(
            flowable,
            role,
            element,
            parents,
            lines,
            flowable.style.leading,
            height,
            flowable.getSpaceBefore(),
            flowable.getSpaceAfter(),
            **extra,
        )


def fitted(paragraph: Paragraph, width: float) -> Paragraph:
    """``paragraph`` wrapped at ``width`` (once), or a copy without hyphenation if a line overflows.

    With hyphenation on, ReportLab leaves a word it cannot hyphenate (a long URL) whole and
    past the column edge, and may overshoot a hyphenated line by a point or so; without it,
    a too-long word is split at the edge.
    """
    paragraph.wrap(width, 1e9)
    if not overflows(paragraph):
        return paragraph
    plain = ParagraphStyle(
        f"{paragraph.style.name} unhyphenated",
        parent=paragraph.style,
        hyphenationLang="",
        embeddedHyphenation=0,
        uriWasteReduce=0,
        splitLongWords=1,
    )
    again = Paragraph(paragraph.text, plain, bulletText=paragraph.bulletText)
    again.wrap(width, 1e9)
    return again


def overflows(paragraph: Paragraph) -> bool:
    """Whether a wrapped paragraph has a line wider than its width.

    ReportLab reports lines up to a space's width over (``_SLACK``) that still end at the edge
    when drawn (it counts a space it does not draw, and closes up justified lines); a word
    that cannot be broken runs over by far more.
    """
    slack = _SLACK * paragraph.style.fontSize
    return any(
        float(line[0] if isinstance(line, tuple) else line.extraSpace) < -slack
        for line in paragraph.blPara.lines
    )


class Piece(NamedTuple):
    """Some lines of a block, placed in a column ``top`` points below the column's top."""

    block: int
    first: int  # the first line's index
    lines: int
    top: float
    height: float


Column = list[Piece]


def first_part(lines: int, room: int) -> int:
    """How many of ``lines`` go in a column with room for ``room`` lines (0: none may)."""
    if lines <= room:
        return lines
    if room <= 1:  # a lone first line would be an orphan
        return 0
    if lines == room + 1:  # a lone last line would be a widow: move one more over
        return room - 1 if lines > 3 else 0
    return room


def _gap(previous: Block | None, block: Block, air: float) -> float:
    if previous is None or previous.hang:  # text starts level with a hanging heading
        return 0.0
    if previous.keep_with_next:  # a heading stays close to its text however the page spreads
        return max(previous.after, block.before)
    return max(previous.after, block.before) * air


def _can_start(blocks: list[Block], index: int, room: float, heading: Block, air: float) -> bool:
    """Whether the block after a heading can begin in ``room``."""
    if index >= len(blocks):
        return True
    block = blocks[index]
    room -= _gap(heading, block, air)
    if block.height <= room + _EPS:
        return True
    if block.keep_with_next:
        return False
    return first_part(block.lines, int((room + _EPS) / block.leading)) > 0


def pack(blocks: list[Block], heights: list[float], air: float = 1.0) -> list[Column] | None:
    """Flow the blocks into columns of these heights; None if some are left over."""
    columns: list[Column] = []
    index, line = 0, 0
    for height in heights:
        column: Column = []
        used, floor, previous = 0.0, 0.0, None
        while index < len(blocks):
            block = blocks[index]
            gap = _gap(previous, block, air)
            room = height - used - gap
            if block.keep_with_next:
                if block.height > room + _EPS or not _can_start(
                    blocks, index + 1, room - (0.0 if block.hang else block.height), block, air
                ):
                    break
                column.append(Piece(index, 0, block.lines, used + gap, block.height))
                if block.hang:
                    floor = used + gap + block.height
                    used += gap
                else:
                    used += gap + block.height
                previous, index = block, index + 1
                continue
            remaining = block.lines - line
            take = first_part(remaining, int((room + _EPS) / block.leading))
            if take == 0:
                break
            height_taken = take * block.leading if take < block.lines else block.height
            column.append(Piece(index, line, take, used + gap, height_taken))
            used = max(used + gap + height_taken, floor)
            previous = block
            if take < remaining:
                line += take
                break
            index, line = index + 1, 0
        columns.append(column)
    return columns if index == len(blocks) else None


def stacked_height(blocks: list[Block], air: float = 1.0) -> float:
    """The height of all blocks in one column of unlimited height."""
    columns = pack(blocks, [1e9], air)
    return max((p.top + p.height for p in columns[0]), default=0.0) if columns else 0.0


def shortest(
    blocks: list[Block], count: int, limit: float, air: float = 1.0
) -> tuple[float, list[Column]] | None:
    """The lowest equal height (at most ``limit``) of ``count`` columns that hold every block."""
    if not blocks:
        return 0.0, [[] for _ in range(count)]
    total = stacked_height(blocks, air)
    high = min(limit, total + _EPS)  # everything fits in the first column at the total height
    best = pack(blocks, [high] * count, air)
    if best is None:
        return None
    # Balanced columns are usually a line or two above the even share: search upward from it
    # in growing steps, then narrow down between the last height too low and the first enough.
    low = total / count - _EPS
    step = min(block.leading for block in blocks) / 2
    trial_height = low + step
    while trial_height < high:
        trial = pack(blocks, [trial_height] * count, air)
        if trial is not None:
            high, best = trial_height, trial
            break
        low, step = trial_height, step * 2
        trial_height = low + step
    while high - low > 0.5:
        middle = (low + high) / 2
        trial = pack(blocks, [middle] * count, air)
        if trial is None:
            low = middle
        else:
            high, best = middle, trial
    return high, best


def _split(whole: Paragraph, count: int, width: float) -> tuple[Paragraph, Paragraph]:
    """Split after ``count`` lines; both parts keep the lines of the paragraph's one wrap."""
    parts = whole.split(width, count * whole.style.leading + _EPS)
    if len(parts) != 2:
        raise RuntimeError(f"a paragraph did not split after {count} lines")
    for part, lines in zip(
        parts, (whole.blPara.lines[:count], whole.blPara.lines[count:]), strict=True
    ):
        part.blPara = copy.copy(whole.blPara)
        part.blPara.lines = lines
        part.width, part.height = width, len(lines) * whole.style.leading
    return parts[0], parts[1]


def realize(
    blocks: list[Block], columns: list[Column], width: float
) -> list[list[tuple[Block, Flowable, Piece]]]:
    """The real flowables of each column, splitting paragraphs where the pieces say.

    No text is wrapped twice. ReportLab drops hyphens (``Nigerien-led`` becomes ``Nigerienled``)
    when it re-wraps text it has hyphenated once: the same paragraph wrapped again, or the parts
    of a split paragraph of several fragments (bold, italic, links). So both parts of a split
    keep the lines of the paragraph's first wrap instead of being wrapped anew.
    """
    rest: dict[int, Paragraph] = {}
    placed = []
    for column in columns:
        out = []
        for piece in column:
            block = blocks[piece.block]
            flowable = rest.pop(piece.block, block.flowable)
            if piece.first + piece.lines < block.lines:
                flowable, rest[piece.block] = _split(flowable, piece.lines, width)
            out.append((block, flowable, piece))
        placed.append(out)
    return placed
