"""Flow set paragraphs into columns by arithmetic on their line counts.

A paragraph is set once per scale; every trial packing after that (balancing columns, spreading
space) only counts lines. A paragraph split between columns leaves no lone line on either side
(no orphan, no widow), and never leaves a hyphen at the foot of a column: the break moves up a
line. Splitting keeps the lines as they were set. A chart, table or photo (an ``Exhibit``) is
one line as tall as itself: it moves whole.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations, pairwise

from ..text.textbox import TextBox
from .breaks import broken, kept, rebroken, widowed
from .exhibits import Exhibit
from .packable import Column as Column
from .packable import Packable as Packable
from .packable import Portion as Portion
from .packable import whole_pieces

_EPS = 1e-6
_CLOSE_ENOUGH = 1.0  # points: balanced column heights are searched to this
_TALLER = 6  # half lines above the balanced height tried for columns that end together
_SECTION_APART = (1.5, 2.0)  # lines a section's gap grows to at most, in one column and in two
_WIDOW = 1.5  # lines apart columns may end to keep a list's last item from a column's top alone
OFF, HALVES, LINES = 0, 1, 2  # the grid a page's body keeps to: none, half lines, whole lines


def first_part(block: Packable, first: int, room: int) -> int:
    """How many lines of ``block`` from line ``first`` go in a column with room for ``room``
    lines (0: none may)."""
    lines = block.lines - first
    if lines <= room:
        return lines
    take = room if lines > room + 1 else room - 1  # a lone last line would be a widow
    while take >= 2 and block.box.ends_with_hyphen(first + take - 1):
        take -= 1  # a column never ends on a hyphen
    return take if take >= 2 else 0  # a lone first line would be an orphan


def _together(previous: Packable, block: Packable) -> bool:
    """Whether two blocks belong together, so the gap between them never spreads: a heading
    and its text, a paragraph and the list it introduces, two items of a list."""
    return previous.keep_with_next or (block.role == "LBody" and previous.role in ("P", "LBody"))


def _gap(previous: Packable | None, block: Packable, air: float, grid: int) -> float:
    """The space between two blocks, its change by ``air`` rounded to whole steps of the
    ``grid`` (half lines, or whole ones), so that closing gaps up keeps every line on it;
    if :data:`OFF`, by its share (the lines leave the grid). On whole lines, a heading's text
    follows it on the next line (:func:`_slot`), and blocks that belong together stand none
    or a whole line apart: a list's items none, and the list under what introduces it as they
    do (on half lines, a quarter line: a list belongs to its sentence, its bullets mark it)."""
    if previous is None or (previous.hang and not block.hang):  # text starts level with a
        return 0.0  # hanging heading
    gap = max(previous.after, block.before)
    if previous.role == "P" and block.role == "LBody":
        gap = block.after  # a list under what introduces it as its items stand
    line = 2 * block.grid if grid == LINES else 0.0
    if line and previous.keep_with_next and not previous.hang and block.role in ("P", "LBody"):
        return _slot(previous, line) - previous.height  # its text on the next line
    if _together(previous, block):
        return math.floor(gap / line + 0.5 + _EPS) * line if line else gap  # items none apart
    if not (grid and block.grid):
        return gap * air
    step = block.grid * grid
    return gap + round(gap * (air - 1) / step) * step


def _slot(heading: Packable, line: float) -> float:
    """The whole ``line``s a heading above its text takes on the grid of whole lines, its
    text on the next line after its last (its box a quarter line into the next at most)."""
    return max(on_grid(heading.height - line / 4, line), line)


def _lined(top: float, block: Packable) -> float:
    """Where a block that would stand at ``top`` goes on the grid of whole lines: its first
    line on a line; a heading too, its text on the next (:func:`_slot`), at a column's top
    as in its middle."""
    return on_grid(top, 2 * block.grid) if block.grid else top


def _introduces(blocks: list[Packable], index: int) -> bool:
    """Whether block ``index`` is a paragraph that introduces the list after it."""
    after = blocks[index + 1] if index + 1 < len(blocks) else None
    return blocks[index].role == "P" and after is not None and after.role == "LBody"


def _can_start(
    blocks: list[Packable], index: int, room: float, heading: Packable, air: float, grid: int
) -> bool:
    """Whether the block after a heading can begin in ``room`` (a paragraph that introduces a
    list, with the list's first lines after it, or with its own last two lines left over)."""
    if index >= len(blocks):
        return True
    block = blocks[index]
    room -= _gap(heading, block, air, grid)
    lines = int((room + _EPS) / block.leading)
    if block.height <= room + _EPS:
        if not _introduces(blocks, index):
            return True
        if _can_start(blocks, index + 1, room - block.height, block, air, grid):
            return True
        lines = block.lines - 2
    if block.keep_with_next:
        return False
    return first_part(block, 0, lines) > 0


def pack(
    blocks: list[Packable],
    heights: list[float],
    air: float = 1.0,
    lists: bool = True,
    grid: int = HALVES,
) -> list[Column] | None:
    """Flow the blocks into columns of these heights; None if some are left over. A list
    that goes on in the next column leaves two of its lines on each side, if ``lists``; the
    gaps change by ``air`` as :func:`_gap` says (on the ``grid`` or off it); on one of whole
    :data:`LINES`, each block's text starts on a line (:func:`_lined`), a list's a whole line
    or none after what it belongs to (:func:`_gap`)."""
    columns: list[Column] = []
    index, line = 0, 0
    for height in heights:
        column: Column = []
        used, floor, previous = 0.0, 0.0, None
        while index < len(blocks):
            block = blocks[index]
            if previous is not None and previous.hang and block.hang:
                used = max(used, floor)  # a heading with no text: the next goes under it
            gap = _gap(previous, block, air, grid)
            if previous is not None and previous.role == "LBody" and block.role != "LBody":
                gap = on_grid(used + gap, previous.leading / 2) - used  # items: quarter lines
            if grid == LINES and not (
                previous is not None and block.role == "LBody" and _together(previous, block)
            ):
                gap = _lined(used + gap, block) - used
            room = height - used - gap
            if block.keep_with_next:
                rest = room - (0.0 if block.hang else block.height)
                if block.height > room + _EPS or not _can_start(
                    blocks, index + 1, rest, block, air, grid
                ):
                    break
                column.append(Portion(index, 0, block.lines, used + gap, block.height))
                if block.hang:  # what comes after its text does after it too, on the grid
                    floor = used + gap + block.height
                    if index + 1 < len(blocks):
                        floor = on_grid(floor, blocks[index + 1].leading / 2 * max(grid, 1))
                    used += gap
                else:
                    used += gap + block.height
                previous, index = block, index + 1
                continue
            take = first_part(block, line, int((room + _EPS) / block.leading))
            if (
                take
                and line + take == block.lines
                and _introduces(blocks, index)
                and not _can_start(blocks, index + 1, room - take * block.leading, block, air, grid)
            ):  # a list's first lines follow what introduces it, or its last two lines do
                take = first_part(block, line, take - 2)
            if take == 0:
                break
            taken = take * block.leading
            column.append(Portion(index, line, take, used + gap, taken))
            used = max(used + gap + taken, floor)
            previous = block
            if line + take < block.lines:
                line += take
                break
            index, line = index + 1, 0
        if lists and line == 0 and (moved := widowed(blocks, column, index)):
            index = column[-moved].block
            del column[-moved:]
        columns.append(_centred(blocks, column, air) if grid == LINES else column)
    return columns if index == len(blocks) else None


def _centred(blocks: list[Packable], column: Column, air: float) -> Column:
    """``column`` with each chart, table or photo between text (not under its heading) moved
    down by half the space the grid of whole lines leaves under it past its gap (the text
    after it goes on the next line): that space shared above and below it, not a hole under
    its source; every line of text where it was."""
    out = list(column)
    for i in range(1, len(out) - 1):
        piece, after = out[i], out[i + 1]
        if blocks[piece.block].whole and not blocks[out[i - 1].block].keep_with_next:
            below = after.top - piece.top - piece.height
            slack = below - _gap(blocks[piece.block], blocks[after.block], air, LINES)
            if slack > _EPS:
                out[i] = piece._replace(top=piece.top + slack / 2)
    return out


def on_grid(height: float, half: float) -> float:
    """``height`` made up to whole ``half`` lines."""
    short = -height % half
    return height + (0.0 if short > half - _EPS else short)


def stacked_height(blocks: list[Packable], air: float = 1.0, grid: int = HALVES) -> float:
    """The height of all blocks in one column of unlimited height."""
    columns = pack(blocks, [1e9], air, grid=grid)
    return max((p.top + p.height for p in columns[0]), default=0.0) if columns else 0.0


@kept
def shortest(
    blocks: list[Packable],
    count: int,
    limit: float,
    air: float = 1.0,
    lists: bool = True,
    grid: int = HALVES,
) -> tuple[float, list[Column]] | None:
    """The lowest equal height (at most ``limit``) of ``count`` columns that hold every block
    (``lists``, ``grid``: as :func:`pack`)."""
    if not blocks:
        return 0.0, [[] for _ in range(count)]
    total = stacked_height(blocks, air, grid)
    high = min(limit, total + _EPS)  # everything fits in the first column at the total height
    best = pack(blocks, [high] * count, air, lists, grid)
    if best is None:
        return None
    # Balanced columns are usually a line or two above the even share: search upward from it
    # in growing steps, then narrow down between the last height too low and the first enough.
    low = total / count - _EPS
    step = min(block.leading for block in blocks) / 2
    trial_height = low + step
    while trial_height < high:
        trial = pack(blocks, [trial_height] * count, air, lists, grid)
        if trial is not None:
            high, best = trial_height, trial
            break
        low, step = trial_height, step * 2
        trial_height = low + step
    while high - low > _CLOSE_ENOUGH:
        middle = (low + high) / 2
        trial = pack(blocks, [middle] * count, air, lists, grid)
        if trial is None:
            low = middle
        else:
            high, best = middle, trial
    return high, best


def realize(
    blocks: list[Packable], columns: list[Column]
) -> list[list[tuple[Packable, TextBox | Exhibit, Portion]]]:
    """The boxes of each column: a paragraph split between columns as two parts of its lines."""
    placed = []
    for column in columns:
        out = []
        for piece in column:
            block = blocks[piece.block]
            whole = block.looser(piece.loose) if piece.loose else block.box
            assert whole is not None  # a piece is loose only when its block has a looser setting
            box = whole.part(piece.first, piece.lines)
            out.append((block, box, piece))
        placed.append(out)
    return placed


# The pages of :func:`arrange` flushed, by their columns (as packed)
Flushed = dict[tuple[tuple[Portion, ...], ...], tuple[list[Column], float, float]]


@kept
def arrange(
    blocks: list[Packable],
    count: int,
    room: float,
    air: float,
    line: float,
    grid: int = HALVES,
) -> tuple[list[Column], float, float] | None:
    """The blocks in ``count`` columns of ``room`` at ``air``, and how far they are from ending
    together at the foot (:func:`flush`); None if they do not fit. Columns are balanced, then
    each grows its gaps toward the foot; of the balanced heights from the lowest up to half a
    dozen half ``line``s more, and first columns up to as much shorter, the one whose columns
    end nearest the foot and each other, with each kind of gap as wide in all (:func:`_uneven`).
    A list goes on in the next column with two of its lines on each side and two of its items
    after, unless only its last item alone there ends the columns within a line of each other,
    where they would otherwise end more than ``_WIDOW`` lines apart (the widow then weighs two
    lines, as :func:`breaks.broken` weighs one, so that the fit takes it only where no size ends
    the columns together without). On the grid of whole lines, what its breaks cost weighs in
    (:func:`breaks.broken`), and a break that costs may move by a paragraph set a line shorter
    or longer (:func:`breaks.rebroken`). Gaps change by ``air`` on the ``grid`` or off it
    (:func:`_gap`). Columns packed alike (by taller heights, a list's lines kept two on each
    side or not) are flushed once."""
    flushed: Flushed = {}
    best = _arranged(blocks, count, room, air, line, True, grid, flushed)
    if best is not None and count > 1 and (best[1] - best[2]) / 2 > _WIDOW * line + _EPS:
        widowed = _arranged(blocks, count, room, air, line, False, grid, flushed)
        if widowed is not None and (widowed[1] - widowed[2]) / 2 <= line + _EPS:
            return widowed[0], widowed[1] + 2 * line, widowed[2]  # a widow weighs two lines
    return best


def _arranged(
    blocks: list[Packable],
    count: int,
    room: float,
    air: float,
    line: float,
    lists: bool,
    grid: int,
    flushed: Flushed,
) -> tuple[list[Column], float, float] | None:
    """:func:`arrange`, a list's lines kept two on each side of a column break if ``lists``;
    each page flushed kept in ``flushed``."""
    if count == 1:
        single = pack(blocks, [room], air, grid=grid)
        return None if single is None else flush(blocks, single, room, line, grid)
    balanced = shortest(blocks, count, room, air, lists, grid)
    if balanced is None:
        return None
    options = [balanced[1]]
    tried = [[balanced[0]] * count]
    for more in range(1, _TALLER + 1):
        # taller columns, or a shorter first column that leaves a heading to the next
        for heights in (
            [balanced[0] + more * line / 2] * count,
            [balanced[0] - more * line / 2] * (count - 1) + [room],
        ):
            option = pack(blocks, heights, air, lists, grid) if max(heights) <= room else None
            if option is not None:
                options.append(option)
                tried.append(heights)

    def flushed_once(columns: list[Column]) -> tuple[list[Column], float, float]:
        """``columns`` flushed (:func:`flush`), once for the same columns."""
        key = tuple(map(tuple, columns))
        if key not in flushed:
            flushed[key] = flush(blocks, columns, room, line, grid)
        return flushed[key]

    pages = [flushed_once(option) for option in options]

    def weighed(i: int) -> float:
        """How far page ``i`` is from its columns ending together at the foot, a line more for
        a kind of gap grown unevenly (:func:`_uneven`), its breaks weighed on whole lines."""
        page = pages[i]
        more = broken(blocks, page[0], line) if grid == LINES else 0.0
        return page[1] + more + line * _uneven(blocks, options[i], page[0])

    order = sorted(range(len(options)), key=weighed)
    picks = order[:1]  # and, if its breaks weigh, the nearest whose breaks do not
    if grid == LINES and broken(blocks, options[order[0]], line):
        heights = tried[order[0]]
        for option in rebroken(
            blocks,
            options[order[0]],
            lambda changed: pack(changed, heights, air, lists, grid),
            (tuple(heights), air, lists, grid),
        ):
            options.append(option)
            pages.append(flushed_once(option))
        order = sorted(range(len(options)), key=weighed)
        picks = order[:1] + [i for i in order if not broken(blocks, options[i], line)][:1]
    best = order[0]
    for pick in picks:
        for given in (0.0, 0.5, 1.0):  # of the lines apart, the share the longest column gives
            loose = loosened(blocks, options[pick], line, given)  # its gaps as designed
            if loose is not options[pick]:
                options.append(loose)
                pages.append(flushed_once(loose))
                best = min(best, len(pages) - 1, key=weighed)
    return pages[best]


def loosened(
    blocks: list[Packable], columns: list[Column], line: float, given: float
) -> list[Column]:
    """``columns`` ending nearer together: whole paragraphs of the longest column set a line
    shorter (TeX's looseness), for ``given`` of the lines the shortest lacks, and of the
    others a line longer, for the rest; the longest paragraphs first, where their lines can
    take it; ``columns`` itself if none can."""
    ends = [_end(column) for column in columns]
    longest, shortest_end = max(ends, default=0.0), min(ends, default=0.0)
    gives = round(int((longest - shortest_end) / line + 0.25) * given)
    top = longest - gives * line  # where the columns are to end
    out, changed = [], False
    for column, end in zip(columns, ends, strict=True):
        if end == longest:
            step, wanted, stop = -1, gives, 0.0
        else:
            step, wanted, stop = 1, int((top - end) / line + 0.25), top + 1e-6
        chosen = [
            i
            for i in whole_pieces(blocks, column)
            if blocks[column[i].block].looser(step) is not None
        ][:wanted]
        shift, moved = 0.0, []
        for index, piece in enumerate(column):
            leading = blocks[piece.block].leading * step
            if index in chosen and (step < 0 or end + shift + leading <= stop):
                top, lines, height = piece.top + shift, piece.lines + step, piece.height + leading
                piece = piece._replace(top=top, lines=lines, height=height, loose=step)
                shift, changed = shift + leading, True
            elif shift:
                piece = piece._replace(top=piece.top + shift)
            moved.append(piece)
        out.append(moved)
    return out if changed else columns


def flush(
    blocks: list[Packable],
    columns: list[Column],
    height: float,
    line: float,
    grid: int = HALVES,
) -> tuple[list[Column], float, float]:
    """The columns ending together, as near ``height`` as they can; how far they are from
    it (the largest space left at a column's foot, plus how much higher that column ends than
    the lowest); and the space under the lowest. A column's gaps between paragraphs and
    sections (as packed) grow by whole half ``line``s (:func:`_halves`; whole lines on the
    ``grid`` of :data:`LINES`), each to its limit (:func:`_spread`), so that no gap opens into
    a hole and the baselines of every column keep to one grid. A column that could grow past
    where another can end stops there. Of these, the first that ends the columns within a
    line of each other: each kind of gap grown in every column at once (as wide across the
    gutter); the kinds in their order across the page; each column's in its own order; none
    (columns that end level, short of the foot). The items of a list on both sides of the
    gutter grow in every column at once, or in one alone only when nothing else ends the
    columns together (which then weighs a line more). If none does, the one that ends them
    nearest each other and the foot. On the grid of :data:`LINES`, the gaps of a kind grow in
    every column at once, or none do; a list's gap under what introduces it grows a line only
    where the columns as packed end more than a line apart (a list a line under its sentence
    reads as a hole)."""
    half = line if grid == LINES else line / 2
    section = _SECTION_APART[len(columns) > 1]
    ends = [_end(column) for column in columns]
    _, apart, under = _grown(columns, ends, [{} for _ in columns], height)
    within = (apart - under) / 2 <= line + _EPS  # the columns as packed
    lists = grid == LINES and not within
    limits = [_spread(blocks, column, line, section, lists) for column in columns]
    reach = [
        end + sum(int(most / half + _EPS) for most in spread.values()) * half
        for end, spread in zip(ends, limits, strict=True)
    ]
    target = min(height, max(min(reach, default=0.0), max(ends, default=0.0)))
    wants = [target - end if column else 0.0 for column, end in zip(columns, ends, strict=True)]

    shared = _split_lists(blocks, columns)

    def growths() -> Iterator[list[dict[int, float]]]:
        if len(columns) > 1:
            yield _halves(blocks, columns, limits, wants, half, True)  # a kind across the page
            if grid == LINES:  # whole lines: never one column's gaps alone
                yield [{} for _ in columns]
                return
        # the items of a list on both sides of the gutter as far apart on either side, if
        # that ends the columns together; if not, as each column needs
        own = _unshared(blocks, columns, limits, shared)
        ways = [own, limits] if own != limits else [limits]
        for spreads in ways:  # or in each column, in order
            yield _halves(blocks, columns, spreads, wants, half)
        if len(columns) > 1:
            for spreads in ways:  # or each column's by its own
                yield [
                    _halves(blocks, [column], [spread], [want], half)[0]
                    for column, spread, want in zip(columns, spreads, wants, strict=True)
                ]
            yield [{} for _ in columns]  # or none: columns that end level, short of the foot

    found = []
    for growth in growths():
        out, apart, under = _grown(columns, ends, growth, height)
        holed = grid == LINES and _holed(blocks, columns, growth, line)
        # each weighs a line more: a list's items apart on one side, a section's lone gap
        found.append(
            (out, apart + line * (_items_apart(blocks, columns, growth, shared) + holed), under)
        )
        if (apart - under) / 2 <= line + _EPS and not holed:  # ending within a line
            return found[-1]
    return min(found, key=lambda f: round(f[1], 6))


def _holed(
    blocks: list[Packable], columns: list[Column], growth: list[dict[int, float]], line: float
) -> bool:
    """Whether ``growth`` opens a hole: a section's gap (above a heading) grown by a whole
    ``line`` or more, the only one on the page that grows (a designer leaves a column a line
    short, or the foot blank, before one gap stands twice as wide as the rest)."""
    grown = [
        more
        for column, grows in zip(columns, growth, strict=True)
        for i, more in grows.items()
        if more > _EPS and blocks[column[i].block].keep_with_next
    ]
    return len(grown) == 1 and grown[0] >= line - _EPS


def sections_grown(blocks: list[Packable], columns: list[Column], line: float) -> bool:
    """Whether a section's gap in ``columns`` grew a whole ``line`` (on the grid of whole lines:
    a heading under two blank lines)."""
    return any(
        blocks[piece.block].keep_with_next
        and not blocks[piece.block].hang
        and piece.top - above.top - above.height > 1.5 * line
        for column in columns
        for above, piece in pairwise(column)
    )


def _split_lists(blocks: list[Packable], columns: list[Column]) -> set[tuple[str, ...]]:
    """The lists (their place in the structure) with items in more than one column."""
    seen: dict[tuple[str, ...], int] = {}
    shared = set()
    for number, column in enumerate(columns):
        for piece in column:
            block = blocks[piece.block]
            if block.role == "LBody" and seen.setdefault(block.parents[:-1], number) != number:
                shared.add(block.parents[:-1])
    return shared


def _shared_item(
    blocks: list[Packable], column: Column, index: int, shared: set[tuple[str, ...]]
) -> bool:
    """Whether the gap above piece ``index`` is between two items of a ``shared`` list."""
    above, below = blocks[column[index - 1].block], blocks[column[index].block]
    return above.role == below.role == "LBody" and below.parents[:-1] in shared


def _unshared(
    blocks: list[Packable],
    columns: list[Column],
    limits: list[dict[int, float]],
    shared: set[tuple[str, ...]],
) -> list[dict[int, float]]:
    """``limits`` without the gaps between the items of a ``shared`` list (one with items in
    more than one column: :func:`_split_lists`), which grow in one only as in the others."""
    return [
        {i: most for i, most in spread.items() if not _shared_item(blocks, column, i, shared)}
        for column, spread in zip(columns, limits, strict=True)
    ]


def _items_apart(
    blocks: list[Packable],
    columns: list[Column],
    growth: list[dict[int, float]],
    shared: set[tuple[str, ...]],
) -> bool:
    """Whether ``growth`` sets the items of a ``shared`` list further apart on one side
    of the gutter than on the other."""
    grown = {
        round(grows.get(i, 0.0), 3)
        for column, grows in zip(columns, growth, strict=True)
        for i in range(1, len(column))
        if _shared_item(blocks, column, i, shared)
    }
    return len(grown) > 1


def _uneven(blocks: list[Packable], packed: list[Column], grown: list[Column]) -> bool:
    """Whether the columns as ``grown`` from ``packed`` (:func:`flush`) set a section's gap or a
    paragraph's (a topic's as one) wider in one column than another (more other widths than as
    packed): es-two-column-1.8 A4's paragraphs a line apart left, half a line right."""
    widths: dict[int, dict[int, tuple[set[float], set[float]]]] = {}
    for c, (before, after) in enumerate(zip(packed, grown, strict=True)):
        for i in range(1, len(before)):
            kind = _kind(blocks[before[i - 1].block], blocks[before[i].block])
            if kind < ITEM and not before[i].first:  # (a list's items: :func:`_items_apart`)
                kind = PARAGRAPH if kind == TOPIC else kind
                sizes = widths.setdefault(kind, {}).setdefault(c, (set(), set()))
                for size, column in zip(sizes, (before, after), strict=True):
                    size.add(round(column[i].top - column[i - 1].top - column[i - 1].height, 2))
    return any(
        len(a[1] ^ b[1]) > len(a[0] ^ b[0])
        for sides in widths.values()
        for a, b in combinations(sides.values(), 2)
    )


def _grown(
    columns: list[Column], ends: list[float], growth: list[dict[int, float]], height: float
) -> tuple[list[Column], float, float]:
    """``columns`` with their gaps grown by ``growth``, and where they end (as :func:`flush`)."""
    out: list[Column] = []
    feet: list[float] = []
    for column, end, grown in zip(columns, ends, growth, strict=True):
        if not column:  # an empty column beside text is blank to the foot
            out.append(column)
            feet.append(height)
            continue
        shift, moved = 0.0, []
        for index, piece in enumerate(column):
            shift += grown.get(index, 0.0)
            moved.append(piece._replace(top=piece.top + shift))
        out.append(moved)
        feet.append(height - end - shift)
    return out, 2 * max(feet, default=0.0) - min(feet, default=0.0), min(feet, default=height)


def _end(column: Column) -> float:
    return max((piece.top + piece.height for piece in column), default=0.0)


def _spread(
    blocks: list[Packable], column: Column, line: float, section: float, lists: bool
) -> dict[int, float]:
    """The gaps of a column that may grow (by the index of the piece below each) and how far
    each may: to ``section`` ``line``s above a heading (one and a half in one column, with
    the space a line's letters leave no more than two and a half lines from text to text;
    two in two columns, whose gaps grow to end them together), to one and a half above a
    paragraph with a run-in head (a topic), three quarters between a list's items, one
    elsewhere; each from the gap as packed (after a list, made up to the grid); if ``lists``,
    a list's gap under what introduces it a line too (on whole lines, where the columns as
    packed end more than a line apart: :func:`flush`)."""
    limits = {}
    for i in range(1, len(column)):
        above, below = blocks[column[i - 1].block], blocks[column[i].block]
        item = above.role == below.role == "LBody"  # items spread too
        intro = lists and _kind(above, below) == INTRO
        if column[i].first or (_together(above, below) and not (item or intro)):
            continue
        most = 0.75 if item else section if below.keep_with_next else 1.5 if below.topic else 1.0
        gap = column[i].top - column[i - 1].top - column[i - 1].height  # after a list, on grid
        limits[i] = max(most * line - gap, 0.0)
    return limits


HEADING, TOPIC, PARAGRAPH, ITEM, INTRO = range(5)  # the kinds of gap, in the order they grow


def _kind(above: Packable, below: Packable) -> int:
    """The kind of the gap between two blocks (above a list under its sentence: ``INTRO``)."""
    if below.keep_with_next or below.topic:
        return HEADING if below.keep_with_next else TOPIC
    if below.role == "LBody" and above.role in ("P", "LBody"):
        return ITEM if above.role == "LBody" else INTRO
    return PARAGRAPH


def _halves(
    blocks: list[Packable],
    columns: list[Column],
    limits: list[dict[int, float]],
    wants: list[float],
    half: float,
    together: bool = False,
) -> list[dict[int, float]]:
    """How far each gap of each column grows (by the index of the piece below it): as many
    ``half`` lines as the column's ``wants`` holds, up to each gap's limit, a kind of gap at a
    time (above headings, above topics, between paragraphs, between a list's items), every gap
    of a kind in a column by as much as the others, and none past the gaps of a kind before it
    anywhere on the page (nor within a half line of a section's), so that sections stand
    further apart than topics, and topics no closer than paragraphs, paragraphs than a list's
    items, each evenly, in every column alike; if ``together``, a kind's gaps in every column
    at once, so that they stay as wide across the gutter as in a column. A list's gap under
    what introduces it grows last, by its own limit (on whole lines, where :func:`_spread`
    lets it). What no kind can share evenly stays at the foot."""
    gaps = [(c, i) for c, spread in enumerate(limits) for i in spread]
    steps = {(c, i): int(limits[c][i] / half + _EPS) for c, i in gaps}
    size = {
        (c, i): columns[c][i].top - columns[c][i - 1].top - columns[c][i - 1].height
        for c, i in gaps
    }

    kinds = {
        (c, i): _kind(blocks[columns[c][i - 1].block], blocks[columns[c][i].block]) for c, i in gaps
    }

    def ceiling(k: int) -> float:
        """How wide a gap of kind ``k`` may grow: no wider than the gaps of a kind before it,
        and a half line narrower than a section's (whose rule parts it)."""
        if k == INTRO:  # as its own limit says
            return math.inf
        narrower = (size[g] - half * (kinds[g] == HEADING) for g in gaps if kinds[g] < k)
        return min(narrower, default=math.inf)

    of_kind = [[g for g in gaps if kinds[g] == k] for k in range(INTRO + 1)]
    left = [int(want / half + _EPS) if want > 0 else 0 for want in wants]
    grown: list[dict[int, float]] = [{} for _ in columns]
    while True:
        before = sum(left)
        for k, kind_gaps in enumerate(of_kind):
            most = ceiling(k) + _EPS  # the gaps of kind k do not move it
            for c in [None] if together else range(len(columns)):
                these = [g for g in kind_gaps if together or (g[0] == c and steps[g])]
                counts = [sum(g[0] == d for g in these) for d in range(len(columns))]
                if (
                    these
                    and all(count <= room for count, room in zip(counts, left, strict=True))
                    and all(steps[g] and size[g] + half <= most for g in these)
                ):
                    for g in these:
                        size[g] += half
                        steps[g] -= 1
                        grown[g[0]][g[1]] = grown[g[0]].get(g[1], 0.0) + half
                    left = [room - count for count, room in zip(counts, left, strict=True)]
        if sum(left) == before:
            return grown
