"""A table's column widths by its content, when its cells cannot all be set unbroken.

As in a browser's automatic table layout, each column lies between its longest word (narrower,
a word would break) and its widest cell unbroken (wider, nothing changes). Within those, the
width goes where it saves the most lines, a line of the header counting twice. Each cell's
line count at any width is known from the few widths where it changes (its thresholds), so
the height of any choice of widths is arithmetic. Two tries, each then made better a column
at a time (one widened, another narrowed to pay for it, while that saves lines): narrowing
from every column at its widest, the cheapest lines per point first; and the browser's split
(each column given the room in proportion to what it lacks of its widest). The better wins:
never taller than the browser's. "Funding ($)" no longer leaves "($)" alone under it while
another column wraps its text anyway with room to spare."""

from __future__ import annotations

import bisect
import functools

from ..content.runs import Runs
from ..text.setting import natural_width
from ..text.spec import TypeSpec
from ..text.textbox import typeset

HAIR = 1e-3  # points more than text's own width, so that rounding never breaks it
_PRECISION = 0.05  # ems: how closely a cell's thresholds are found
_HEADER = 2.0  # how much more a line of the header row costs than a line of the body
_REACH = 4  # how many of a column's nearest widths, narrower or wider, each step weighs

Cell = tuple[Runs, TypeSpec]


def _lines(runs: Runs, spec: TypeSpec, width: float) -> int:
    """How many lines ``runs`` take at ``width``."""
    return len(typeset(runs, spec, width + HAIR).setting.lines)


def _thresholds(cell: Cell, least: float, natural: float) -> list[tuple[float, int]]:
    """The widths from ``least`` on at which ``cell`` takes fewer lines, each with its count:
    [(least, n), ..., (natural, 1)]. Lines break alike at every size for the same width in
    ems, so they are found once for every trial scale."""
    runs, spec = cell
    size = spec.size
    unit = spec._replace(size=1.0, leading=1.0, space_before=0.0, space_after=0.0)
    ems = _ems(runs, unit, round(least / size, 6), round(natural / size, 6))
    return [(edge * size, count) for edge, count in ems]


@functools.lru_cache(maxsize=4096)
def _ems(runs: Runs, unit: TypeSpec, least: float, natural: float) -> tuple[tuple[float, int], ...]:
    """A cell's thresholds at unit size, found by halving."""
    found = [(least, _lines(runs, unit, least))]
    while found[-1][1] > 1:
        low, count = found[-1]
        high, fewer = natural, _lines(runs, unit, natural)
        if fewer >= count:  # no wider setting takes fewer lines (a line break in the cell)
            break
        while high - low > _PRECISION:
            middle = (low + high) / 2
            lines = _lines(runs, unit, middle)
            low, high, fewer = (middle, high, fewer) if lines >= count else (low, middle, lines)
        found.append((high, fewer))
    return tuple(found)


def _count(thresholds: list[tuple[float, int]], width: float) -> int:
    """The lines a cell takes at ``width``, from its thresholds."""
    return min(count for edge, count in thresholds if edge <= width + 1e-9)


class _Table:
    """A table's columns as the widths where their cells' line counts change (levels), and
    each row's lines at each: the height of any choice of widths is arithmetic."""

    def __init__(
        self, rows: list[list[Cell]], least: list[float], most: list[float], room: float
    ) -> None:
        self.columns, self.room = range(len(least)), room
        # What a row's line costs: its leading; the header's counts twice, as a column's label
        # is read at a glance, and a wrapped one leaves a short word alone under it.
        self.weights = [
            max(spec.leading for _, spec in row) * (_HEADER if r == 0 else 1.0)
            for r, row in enumerate(rows)
        ]
        self.levels: list[list[float]] = []
        self.counts: list[list[list[int]]] = []  # by column, by level: each row's lines
        for i in self.columns:
            steps = [
                _thresholds(row[i], least[i], min(natural_width(*row[i]), most[i])) for row in rows
            ]
            edges = sorted({e for cell in steps for e, _ in cell if e < most[i]} | {least[i]})
            self.levels.append([*(e for e in edges if e < most[i] - 1e-6), most[i]])
            self.counts.append(
                [[_count(cell, level) for cell in steps] for level in self.levels[i]]
            )

    def width(self, at: list[int]) -> float:
        """The table's width with each column at its level in ``at``."""
        return sum(self.levels[i][at[i]] for i in self.columns)

    def height(self, at: list[int]) -> float:
        """What the table's lines cost with each column at its level in ``at``."""
        lines = zip(*(self.counts[i][at[i]] for i in self.columns), strict=True)
        return sum(weight * max(row) for weight, row in zip(self.weights, lines, strict=True))

    def snapped(self, widths: list[float]) -> list[int]:
        """The levels at or under ``widths``: as many lines, and room to spare."""
        return [bisect.bisect_right(self.levels[i], widths[i] + 1e-9) - 1 for i in self.columns]

    def narrowed(self) -> list[int]:
        """From every column at its widest, the narrowing that costs the fewest lines for the
        points it gives back, step by step; the last, the cheapest of those that fit."""
        at = [len(levels) - 1 for levels in self.levels]
        while self.width(at) > self.room + 1e-9:
            now, over = self.height(at), self.width(at) - self.room
            options: list[tuple[float, float, int, int]] = []  # (cost, gain, column, level)
            for i in self.columns:
                others = self._others(at, i)
                for level in range(max(at[i] - _REACH, 0), at[i]):
                    lines = zip(self.weights, others, self.counts[i][level], strict=True)
                    cost = sum(w * max(o, n) for w, o, n in lines) - now
                    options.append((cost, self.levels[i][at[i]] - self.levels[i][level], i, level))
            if not options:
                break
            enough = [o for o in options if o[1] >= over - 1e-9]
            if enough:
                _, _, column, level = min(enough)
            else:
                _, _, column, level = min(options, key=lambda o: (o[0] / o[1], -o[1]))
            at[column] = level
        return at

    def _others(self, at: list[int], column: int) -> list[int]:
        """Each row's most lines in the columns but ``column``, at their levels in ``at``."""
        rest = [self.counts[i][at[i]] for i in self.columns if i != column]
        return [max(row) for row in zip(*rest, strict=True)] if rest else [0] * len(self.weights)

    def improved(self, at: list[int]) -> list[int]:
        """``at`` made better while it can be: a column widened to one of its next levels,
        from the room to spare or with another column narrowed as little as pays for it."""
        while True:
            spare, best, lowest = self.room - self.width(at), None, self.height(at)
            for j in self.columns:
                for up in range(at[j] + 1, min(at[j] + 1 + _REACH, len(self.levels[j]))):
                    need = self.levels[j][up] - self.levels[j][at[j]] - spare
                    for i in [j] if need <= 1e-9 else [i for i in self.columns if i != j]:
                        moved = [*at[:j], up, *at[j + 1 :]]
                        if i != j:  # the narrowest step of column i that frees enough
                            freed = [
                                d
                                for d in range(at[i])
                                if self.levels[i][at[i]] - self.levels[i][d] >= need - 1e-9
                            ]
                            if not freed:
                                continue
                            moved[i] = freed[-1]
                        cost = self.height(moved)
                        if cost < lowest - 1e-9:
                            best, lowest = moved, cost
            if best is None:
                return at
            at = best


def shared(
    rows: list[list[Cell]],  # the header row first
    least: list[float],
    most: list[float],
    room: float,
) -> list[float]:
    """Each column's width, ``room`` in all (which lies between the sum of ``least`` and the
    sum of ``most``), given every row's cells: the fewer lines of two tries, each made better
    column by column (``_Table.improved``): narrowing from the widest (``_Table.narrowed``), and
    a browser's rule (each column given the room in proportion to what it lacks of its
    widest). What room the better leaves goes to the columns in that proportion too."""
    table = _Table(rows, least, most, room)
    factor = (room - sum(least)) / (sum(most) - sum(least))
    split = [lo + (hi - lo) * factor for lo, hi in zip(least, most, strict=True)]
    tries = [table.improved(table.narrowed()), table.improved(table.snapped(split))]
    at = min(tries, key=table.height)
    widths = [table.levels[i][at[i]] for i in table.columns]
    spare = room - sum(widths)
    under = [hi - w for w, hi in zip(widths, most, strict=True)]
    if spare > 0 and sum(under) > 0:
        widths = [w + spare * u / sum(under) for w, u in zip(widths, under, strict=True)]
    return widths
