"""What a column break costs: a list's lone item, a heading at a column's foot with too little
of its text, a paragraph's short tail at a column's head (each weighed in body lines against
the columns ending level), and which pieces go on to the next column with a list's widow."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Hashable
from itertools import pairwise
from typing import Concatenate, ParamSpec, TypeVar, cast

from ..text.setting import KEPT, Recent, Setting
from ..text.textbox import TextBox
from .packable import Column, Packable, asked, whole_pieces

P = ParamSpec("P")
R = TypeVar("R")


def list_of(block: Packable) -> tuple[str, ...]:
    """The outermost list a list item is in (its place in the structure); () for a paragraph."""
    for depth, key in enumerate(block.parents):
        if key.startswith("L:"):
            return block.parents[: depth + 1]
    return ()


def widowed(blocks: list[Packable], column: Column, index: int) -> int:
    """How many pieces at the foot of a column ending before block ``index`` go on to the
    next with it, where the rest of a list, less than two lines or one item, would stand
    alone at the next column's top (a list's widow): the item before it; the list's items in
    the column, if fewer than two of its lines would stay (or stand there: its orphan), with
    the paragraph that introduces it and that one's heading; 0 if none need to, or none can
    (an item split between columns, a column left empty)."""
    own = list_of(blocks[index]) if index < len(blocks) else ()
    if not own or not column or column[-1].block != index - 1:
        return 0
    rest, items = 0, 0
    for block in blocks[index:]:
        if list_of(block) != own:
            break
        rest, items = rest + block.lines, items + 1
    lone = rest < 2 or items < 2  # a line, or an item, alone at the next column's top
    count, kept = 0, 0
    while count < len(column) and list_of(blocks[column[-1 - count].block]) == own:
        kept += column[-1 - count].lines
        count += 1
    if (not lone and kept >= 2) or not count:
        return 0
    moved = 1 if lone and kept - column[-1].lines >= 2 else count
    if len(whole_pieces(blocks, column[len(column) - moved :])) < moved:
        return 0  # an item split between columns: it stays
    if moved == count:  # what introduces the list goes with it
        for step in (moved, moved + 1):
            if step < len(column):
                block = blocks[column[-1 - step].block]
                if (step == moved and block.role == "P") or block.keep_with_next:
                    moved += not column[-1 - step].first
    return moved if moved < len(column) else 0


# What each break weighs, in body lines of a page's ``gap`` (twice how far apart its columns
# end: two weigh as much as columns a line further apart)
LONE = 2.0  # a list's item alone at a column's foot (its first) or head (its last or its end)
HEADED = 1.0  # a heading with two lines of its text (or fewer) at a column's foot
TAIL = 1.0  # a paragraph's last two lines opening a column (TeX's widow rule allows it)


def broken(blocks: list[Packable], columns: list[Column], line: float) -> float:
    """What the breaks between ``columns`` weigh, in points: :data:`LONE` for a list's item
    alone on one side of a break with the rest of its list on the other, :data:`HEADED` for a
    heading whose text goes on in the next column with two lines or fewer under it, and
    :data:`TAIL` for a paragraph's last two lines at the next column's head."""
    weight = 0.0
    for column, after in pairwise(columns):
        if not column or not after:
            continue
        foot, head = column[-1], after[0]
        own, next_own = list_of(blocks[foot.block]), list_of(blocks[head.block])
        if (
            own
            and own == next_own
            and (_alone(blocks, column[::-1], own) or _alone(blocks, after, own))
        ):
            weight += LONE
        under = 0
        for piece in column[::-1]:
            if blocks[piece.block].keep_with_next:
                if under <= 2 and not blocks[head.block].keep_with_next:
                    weight += HEADED
                break
            under += piece.lines
            if under > 2:
                break
        if head.first and head.lines == 2 and head.first + 2 == blocks[head.block].lines:
            weight += TAIL
    return weight * line


def _alone(blocks: list[Packable], pieces: Column, own: tuple[str, ...]) -> bool:
    """Whether the ``pieces`` of list ``own`` at one side of a break (nearest it first) are
    one item or part of one."""
    return len(pieces) == 1 or list_of(blocks[pieces[1].block]) != own


def rebroken(
    blocks: list[Packable],
    columns: list[Column],
    pack: Callable[[list[Packable]], list[Column] | None],
    packing: Hashable,
) -> list[list[Column]]:
    """``columns`` packed again (``pack``) with their breaks moved: of each column but the
    last, its longest two whole paragraphs set a line shorter (TeX's looseness), or a line
    longer, one or both at a time, so that more of the next column's text, or less, comes up
    into it (a list's lone item, a heading's third line, a paragraph's third last). Worked
    out once in the process for the same blocks (as packing reads them), ``columns`` and
    ``packing`` (what else ``pack`` packs by: heights, air, the grid) (:func:`_once`): every
    build of ``watch`` and ``preview`` whose body did not change would weigh them again."""
    key = (tuple(map(_read, blocks)), tuple(map(tuple, columns)), packing)
    return _once(_moved, key, blocks, lambda: _rebroken(blocks, columns, pack))


def kept(
    packing: Callable[Concatenate[list[Packable], P], R],
) -> Callable[Concatenate[list[Packable], P], R]:
    """``packing`` (blocks into columns, a function of what it reads of them, :func:`_read`,
    and of its other arguments) worked out once in the process for the same of both
    (:func:`_once`): a fit trial asked again, and every build of ``watch`` and ``preview``
    whose body did not change, or changed a paragraph's words but not where its lines end
    with a hyphen, finds its columns (in :data:`_packed`)."""

    @functools.wraps(packing)
    def packed(blocks: list[Packable], /, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (packing.__name__, tuple(map(_read, blocks)), args, tuple(kwargs.items()))
        return _once(_packed, key, blocks, lambda: packing(blocks, *args, **kwargs))

    return packed


# A result kept, and the looser settings it asked of its blocks: each one's index, its lines
# more or fewer, and what packing reads of it (:func:`_shape`)
Kept = tuple[object, tuple[tuple[int, int, object], ...]]

_moved: Recent[Hashable, Kept] = Recent(256)  # sizes weighed, those of recent builds

# Columns packed and balanced, the least recently used going first: a long sheet's trials on
# both papers ask for about 500, each kept about 4 kB.
_packed: Recent[Hashable, Kept] = Recent(2048)


def _once(
    kept: Recent[Hashable, Kept], key: Hashable, blocks: list[Packable], work: Callable[[], R]
) -> R:
    """What ``work`` gives for ``blocks``, kept in ``kept`` by ``key`` (what it reads of each
    block) and by the looser settings it asked of them (a paragraph set a line longer or
    shorter, which only some results ask for: each is worked out only when asked, here too),
    as packing reads them: found again where those read the same, the text changed or not."""
    found = kept.get(key)
    if found is not None and all(
        _shape(blocks[index].looser(lines)) == shape for index, lines, shape in found[1]
    ):
        return cast(R, found[0])
    outer, asked.blocks = asked.blocks, []
    try:
        result = work()
        where = {id(block): index for index, block in enumerate(blocks)}
        reads = {(where.get(id(block), -1), lines) for block, lines in asked.blocks}
    finally:
        asked.blocks = outer  # (which notes the shapes' settings below, asked here too)
    if all(index >= 0 for index, _ in reads):  # none asked of a block it was not given
        shapes = tuple((i, lines, _shape(blocks[i].looser(lines))) for i, lines in sorted(reads))
        kept.put(key, (result, shapes))
    return result


def _read(block: Packable) -> tuple[object, ...]:
    """What packing, and setting a paragraph looser, read of a block (but its looser
    settings: :func:`_once`): its lines and which end with a hyphen (:func:`_shape`; none for
    an exhibit), its place in the structure, its role, spaces and height, and whether its gap
    spreads as a run-in head's."""
    return (
        _shape(block.box) if isinstance(block.box, TextBox) else None,
        block.role,
        block.parents,
        block.keep_with_next,
        block.hang,
        block.whole,
        block.grid,
        block.before,
        block.after,
        block.lines,
        block.leading,
        block.height,
        block.topic,
    )


def _shape(box: TextBox | None) -> tuple[int, tuple[bool, ...]] | None:
    """What packing reads of a set paragraph: how many lines, and which end with a hyphen."""
    if box is None:
        return None
    return box.count, _hyphens(box.setting)[box.first : box.first + box.count]


@functools.lru_cache(maxsize=KEPT)
def _hyphens(setting: Setting) -> tuple[bool, ...]:
    """Which of a setting's lines end with a hyphen."""
    return tuple(line.hyphen for line in setting.lines)


def _rebroken(
    blocks: list[Packable],
    columns: list[Column],
    pack: Callable[[list[Packable]], list[Column] | None],
) -> list[list[Column]]:
    """:func:`rebroken`, worked out."""
    out = []
    for column in columns[:-1]:
        longest = [column[i].block for i in whole_pieces(blocks, column)[:2]]
        ways = [[b] for b in longest] + ([longest] if len(longest) > 1 else [])
        for step in (-1, 1):
            for way in ways:
                changed = list(blocks)
                for index in way:
                    box = blocks[index].looser(step)
                    if box is None:
                        break
                    changed[index] = _reset(blocks[index], box)
                else:
                    option = pack(changed)
                    if option is None:
                        continue
                    moved = [p for c in option for p in c if p.block in way]
                    if len(whole_pieces(changed, moved)) == len(moved):  # none split
                        out.append(
                            [
                                [p._replace(loose=step) if p.block in way else p for p in c]
                                for c in option
                            ]
                        )
    return out


def _reset(block: Packable, box: TextBox) -> Packable:
    """``block`` set as ``box`` sets it (its lines and height): a looser setting of it."""
    reset = copy.copy(block)
    reset.box, reset.lines, reset.height = box, box.count, box.height
    return reset
