"""The fit search: the largest scale at which a page's content fits, then how far its gaps
spread. Pure functions over a measure, so they are tested with a made-up one.

Text height grows about as the square of the scale (larger type, fewer words a line), so each
trial guesses the next scale from the square root of room over demand, kept inside the bracket
of scales known to fit and known not to.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Generic, Protocol, TypeVar

STEPS = 7  # trial scales at most
PRECISION = 0.015  # of scale: close enough to the largest that fits (0.15 pt of body size)
_INSIDE = 0.25  # a guess stays this share of the bracket inside it: the bracket shrinks fast
AIR_STEPS = 5
FULL = 0.5  # points: a column ending this near the foot is full
SETTLE_STEPS = 12  # smaller scales tried for a page with a paragraph it cannot set well
SETTLE_APART = 6  # sizes, its largest one of them, for a page set well that ends apart or short
STEP = 0.006  # of scale, each (a twentieth of a point of body size)
FINE = 2  # half steps below a page on half lines at which its content is tried on whole lines
STRAINED = 3  # body lines at a column's foot a paragraph set ragged (none justified is good) weighs
HYPHENATED = 0.15  # of the body's lines that go on in their paragraph: more ending with a hyphen
# is too many, and each one past it weighs this many body lines at a column's foot
OVER = 0.5
BANDED = 0.1  # of a column's height: whole blank lines between its paragraphs past this read as
# bands of holes (guatemala-es A4's right column 11.5%, paragraphs of 3 to 5 lines; the sample's
# 7%, of 7 to 11), where half lines set them as a page need be and their gaps, grown to fill
THINNER = 0.75  # the columns, take at most this of whole lines' share (guatemala-es A4 6.0 of
# 11.5%; its Letter 10.2 of 12.5% and en-two-column-0.9 A4 9.4 of 11.5%, gaps grown to a line
# and a half in one column, keep to whole lines)


class Measure(Protocol):
    """Content measured at one scale."""

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available) with the gaps spread by ``air``."""
        ...


M = TypeVar("M", bound=Measure)
C = TypeVar("C")
C_co = TypeVar("C_co", covariant=True)


def fits(measured: Measure, air: float = 1.0) -> bool:
    """Whether the content fits with its gaps spread by ``air``."""
    needed, room = measured.demand(air)
    return needed <= room


def largest(
    measure: Callable[[float], M], floor: float, ceiling: float, first: float = 1.0
) -> M | None:
    """The content at the largest scale from ``floor`` to ``ceiling`` at which it fits, to
    within :data:`PRECISION`; None if it does not fit even at ``floor``."""
    low, high = floor, ceiling  # the bracket: low fits once ``best`` is set; above high fails
    best: M | None = None
    scale = min(max(first, floor), ceiling)
    for _ in range(STEPS):
        trial = measure(scale)
        needed, room = trial.demand(1.0)
        if needed <= room:
            best, low = trial, scale
            if scale >= ceiling:
                return best
        else:
            high = scale
            if scale <= floor:
                return None
        if best is not None and high - low < PRECISION:
            return best
        ratio = room / needed if needed > 0 and room > 0 else 0.0
        guess = scale * math.sqrt(ratio) * 0.998 if ratio else floor  # aim just inside
        margin = (high - low) * _INSIDE
        if best is None:  # nothing fits yet: go down, to the floor at most
            scale = max(min(guess, high - margin), floor)
        elif high >= ceiling and guess >= ceiling:
            scale = ceiling  # it may fit at the largest size
        else:
            scale = min(max(guess, low + margin), high - margin)
    if best is None:
        trial = measure(floor)
        return trial if fits(trial) else None
    return best


class Filled(Generic[C]):
    """The air chosen for a page, its body's arrangement, how far its columns are from ending
    together at the foot, and the space left under the lowest."""

    __slots__ = ("air", "arrangement", "blank", "gap")

    def __init__(self, air: float, arrangement: C, gap: float, blank: float) -> None:
        self.air, self.arrangement, self.gap, self.blank = air, arrangement, gap, blank


def fullest(
    arrange: Callable[[float], tuple[C, float, float] | None], least: float, most: float
) -> Filled[C] | None:
    """The air from ``least`` to ``most`` (1 keeps the gaps as designed), in :data:`AIR_STEPS`
    steps, whose arrangement leaves the least room at the foot (to a tenth of a point; the
    least air of those); None if none fits. A page is filled at air 1, its gaps growing by
    whole half lines (:func:`columns.flush`); a page full at the smallest type may close its
    gaps up a little."""
    found = []
    for step in range(AIR_STEPS + 1 if most > least else 1):
        air = least + (most - least) * step / AIR_STEPS
        arranged = arrange(air)
        if arranged is not None:
            found.append(Filled(air, *arranged))
            if arranged[1] < FULL:
                break  # full to the foot: more air would only spread it thinner
    return min(found, key=lambda f: (round(f.gap, 1), f.air), default=None)


class Fillable(Measure, Protocol[C_co]):
    """Content measured at one scale that can be arranged on a full page."""

    scale: float
    strained: bool  # a paragraph has a line looser than good typesetting allows
    awkward: int  # paragraphs whose last line but one ends with a hyphen (``Setting.awkward``)
    ragged: int  # justified paragraphs set ragged instead (``Packable.ragged``)
    broken: frozenset[str]  # headings, telephone numbers and e-mail addresses over two lines

    @property
    def hyphens(self) -> tuple[int, int]:
        """(the body's lines that end with a hyphen, its lines that go on in their paragraph)."""
        ...

    @property
    def line(self) -> float:
        """A body line's height, in points: what each awkward paragraph weighs."""
        ...

    def placed(self, arrangement: Any) -> tuple[int, int]:
        """The body's lines that end with a hyphen, and those two classes of tightness from
        the line before them, as ``arrangement`` places them."""
        ...

    def banded(self, arrangement: Any) -> float:
        """The largest share of a column's height, as ``arrangement`` places the body, that
        the gaps between its paragraphs take (a heading's aside)."""
        ...

    def filled(self, air: float) -> tuple[C_co, float, float] | None:
        """The arrangement at ``air``, how far its columns are from ending together at the
        foot, and the space left under the lowest; None if it does not fit."""
        ...


F = TypeVar("F", bound=Fillable[Any])


@dataclass(frozen=True)
class Arrangement(Generic[F]):
    """One way to arrange the page (a layout), the scales its body may take, and how far
    from full the arrangement tried before it must be to be replaced by this one."""

    measure: Callable[[float], F]
    floor: float
    ceiling: float
    # Tried when the page before it has columns ending further apart or above the foot than
    # this (a measure of ``Filled.gap``); None: only when it is too long, or part empty.
    uneven: float | None
    apart: bool = False  # tried too when that page's columns end more than a body line apart
    last: bool = False  # tried only when no arrangement before it fits at its floor
    full: bool = False  # replaces a page only where it leaves no more blank than a full one
    # the content measured with its body on a grid of half lines (None: it is, or has none)
    halved: Callable[[F], F | None] | None = None
    # tried only where this says it may mend the page found before it (None: wherever)
    mends: Callable[[F, Filled[Any]], bool] | None = None
    # a size's filled page, its design grown where that fills it better (None: as it is)
    grown: Callable[[F, Filled[Any]], tuple[F, Filled[Any]]] | None = None


@dataclass(frozen=True)
class Settled(Generic[F]):
    """The arrangement chosen (its index), the content measured at its scale, the air that
    fills its page best, and the page of the arrangement before it that it replaced (None:
    the first arrangement's)."""

    index: int
    measured: F
    filled: Filled[Any]
    replaced: tuple[F, Filled[Any]] | None = None


def settle(arrangements: Sequence[Arrangement[F]], limit: float, empty: float) -> Settled[F] | None:
    """The first arrangement at its largest scale, its page filled (:func:`fullest`); the
    next one instead when it does better (:func:`_ahead`), and is tried: when the page found
    so far has columns ending further apart than the next one's :attr:`Arrangement.uneven`
    (or more than a body line apart, for one whose :attr:`Arrangement.apart` says so), or
    (for all) when it is too long, leaves more than ``empty`` points blank at the foot
    (short content in a layout whose type has stopped growing), or breaks a heading, a
    telephone number or an e-mail address over two lines; one whose
    :attr:`Arrangement.last` says so, only when none before it fits. A page is good enough to
    stop at when its columns end within ``limit``. None if none fits at its floor. Each
    arrangement's page on its grid of whole lines, or of half lines where that is better
    (:func:`_on_halves`)."""
    found: Settled[F] | None = None
    for index, arrangement in enumerate(arrangements):
        if found is not None and arrangement.last:
            continue
        mends = arrangement.mends
        if found is not None and mends is not None and not mends(found.measured, found.filled):
            continue
        if (
            found is not None
            and found.filled.blank <= empty
            and (
                arrangement.uneven is None
                or _good((found.measured, found.filled), arrangement.uneven)
            )
            and not (arrangement.apart and _apart(found.measured, found.filled))
            and not found.measured.broken
        ):
            continue
        tried: list[F] = []  # its measures on whole lines, reused on half lines
        lined = _settle(arrangement, limit, empty, tried)
        result = _on_halves(arrangement, lined, tried, limit, empty)
        full = empty if arrangement.full else math.inf  # the blank it may not go past
        if result is not None and (found is None or _ahead(result, found, full)):
            replaced = None if found is None else (found.measured, found.filled)
            found = Settled(index, *result, replaced)
    return found


def _ahead(result: tuple[F, Filled[Any]], found: Settled[F], empty: float) -> bool:
    """Whether an arrangement's page does better than the one found before it: fewer
    headings, telephone numbers and e-mail addresses broken over two lines (a panel's
    "inl-monrovia@example.org" in three pieces, where a wider panel keeps it whole); else not
    more than ``empty`` left blank at its foot where that one leaves no more (a short sheet's
    text run on in two columns under its one key figure left 17% of the page blank, the panel
    beside it 4%: :attr:`Arrangement.full`); else not more than :data:`HYPHENATED` of its
    lines hyphenated where that one's are not (a narrower panel that ends with its text, but
    breaks a third of its lines); else fewer flaws."""
    emptier = result[1].blank > empty >= found.filled.blank
    pages = ((*result, emptier), (found.measured, found.filled, False))
    ranks = [
        (len(measured.broken), more, hyphenated(measured) > HYPHENATED, _flaws(measured, filled))
        for measured, filled, more in pages
    ]
    return ranks[0] < ranks[1]


def _settle(
    arrangement: Arrangement[F], limit: float, empty: float, tried: list[F]
) -> tuple[F, Filled[Any]] | None:
    """One arrangement at its largest scale, its page filled; if a column still ends more
    than ``limit`` above the foot, a step smaller, to :data:`SETTLE_APART` sizes in all, when
    that fills the page better (a long section that will not split evenly); to
    :data:`SETTLE_STEPS` steps when a paragraph cannot be set well at that size (a narrow
    column, a hard language); a page whose columns end a whole line apart (:func:`_notched`)
    only for one that ends them level, with no more hyphens. Every measure taken goes to
    ``tried``, so a smaller scale already seen is reused."""

    def measure(scale: float) -> F:
        tried.append(arrangement.measure(scale))
        return tried[-1]

    best = largest(measure, arrangement.floor, arrangement.ceiling)
    found: tuple[F, Filled[Any]] | None = None
    notch = math.inf  # the hyphens of the first page done but for its columns a line apart:
    # only a page that ends them level, with no more, replaces it
    for step in range(SETTLE_STEPS + 1):
        if best is None:
            break
        page = _filled(arrangement, best)
        if (
            page is not None
            and (found is None or _rank(*page, limit, empty) < _rank(*found, limit, empty))
            and (notch == math.inf or (not _notched(page) and _hyphens(page) <= notch))
        ):
            found = page
        smaller = best.scale - STEP
        if found is not None and notch == math.inf and _done(found, limit, empty):
            notch = _hyphens(found) if _notched(found) else notch
        if (
            _good(found, limit)
            or (_done(found, limit, empty) and not _notched(found))
            or smaller < arrangement.floor
            or _stepped(step + 1, found, limit, empty)  # (a smaller size is measured
            # only to be weighed)
        ):
            break
        seen = [m for m in tried if smaller - STEP / 2 < m.scale < best.scale and fits(m)]
        best = max(seen, key=lambda m: m.scale) if seen else measure(smaller)
        if not fits(best):
            break
    return found


def _on_halves(
    arrangement: Arrangement[F],
    lined: tuple[F, Filled[Any]] | None,
    tried: list[F],
    limit: float,
    empty: float,
) -> tuple[F, Filled[Any]] | None:
    """The page of an arrangement whose columns keep to a grid of whole lines (``lined``, as
    :func:`_settle` found it), where it is as good as a page need be (:func:`_done`) and not
    banded (:func:`_banded`), else the same content on half lines (:attr:`Arrangement.halved`),
    settled again, where the page on whole lines is worse than it (:func:`_no_worse`): its
    columns more than a line apart, more blank at its foot, more flaws or more hyphens, as gaps
    of whole lines may leave it, or banded where the page on half lines is as good as a page
    need be and its gaps thinner (:func:`_thinner`); and then whole lines at that page's size
    or up to :data:`FINE` half steps smaller, where one is no worse than it (and not banded,
    where the gaps chose half lines; hyphens come and go with a twentieth of a point). Each
    scale is measured once (``tried``: those the search on whole lines took); only the columns
    are arranged again on the other grid."""
    make = arrangement.halved
    done = lined is not None and _done(lined, limit, empty)
    if make is None or (lined is not None and done and not _banded(lined)):
        return lined
    probe = lined[0] if lined is not None else arrangement.measure(arrangement.floor)
    if make(probe) is None:
        return lined  # (its columns keep to half lines already)

    def whole(scale: float) -> F:
        """The content at ``scale`` on whole lines, measured once."""
        known = next((m for m in tried if m.scale == scale), None)
        if known is None:
            known = arrangement.measure(scale)
            tried.append(known)
        return known

    def measure(scale: float) -> F:
        measured = make(whole(scale))
        assert measured is not None
        return measured

    halved = _settle(replace(arrangement, measure=measure), limit, empty, [])
    if halved is None:
        return lined
    thinner = (
        lined is not None
        and _banded(lined)
        and _done(halved, limit, empty)
        and _thinner(halved, lined)
    )
    if lined is not None and (done or _no_worse(lined, halved, limit, empty)) and not thinner:
        return lined
    settings = _setting(halved[0])
    for step in range(FINE + 1):  # whole lines at its size, or a few fine steps smaller
        scale = halved[0].scale - step * STEP / 2
        if scale < arrangement.floor:
            break
        measured = whole(scale)
        if any(a > b for a, b in zip(_setting(measured), settings, strict=True)):
            continue  # (set worse than it: never as good, whatever its columns)
        page = _filled(arrangement, measured)
        if (
            page is not None
            and not (thinner and _banded(page))
            and _no_worse(page, halved, limit, empty)
        ):
            return page
    return halved


def _banded(page: tuple[Fillable[Any], Filled[Any]]) -> bool:
    """Whether the gaps between a column's paragraphs take more than :data:`BANDED` of it."""
    return page[0].banded(page[1].arrangement) > BANDED


def _thinner(
    page: tuple[Fillable[Any], Filled[Any]], other: tuple[Fillable[Any], Filled[Any]]
) -> bool:
    """Whether the gaps between a column's paragraphs take at most :data:`THINNER` of the
    share of it that ``other``'s take."""
    return page[0].banded(page[1].arrangement) <= THINNER * other[0].banded(other[1].arrangement)


def _filled(arrangement: Arrangement[F], measured: F) -> tuple[F, Filled[Any]] | None:
    """A size's page filled (:func:`fullest`), its design grown where the arrangement grows it
    (:attr:`Arrangement.grown`); None if it does not fit."""
    filled = fullest(measured.filled, 1.0, 1.0)
    if filled is None or arrangement.grown is None:
        return None if filled is None else (measured, filled)
    return arrangement.grown(measured, filled)


def _no_worse(
    page: tuple[F, Filled[Any]], other: tuple[F, Filled[Any]], limit: float, empty: float
) -> bool:
    """Whether ``page`` ranks no worse than ``other`` (:func:`_rank`), its flaws to a body line
    more (a grid of whole lines ends its columns level or a line apart, where half lines may
    end them half a line apart), or any more where it meets the rules (its columns within a
    line, its foot full, its hyphens within their share: kenya Letter's a line apart, 13.8
    points blank, weighed 34 points more than half lines ending them a quarter line apart with
    a list's items grown on one side), with its columns within a line of each other (whatever
    ``other``'s measure: a list's items grown apart on one side weigh a line more in it), no
    more blank at its foot than ``empty`` or than ``other`` (a line more where only its foot is
    past the rules: en-two-column-0.3 A4 justified on whole lines, its lines level, 8.6 points
    more blank than on half lines; any more where it ranks ahead of ``other``), and no more
    hyphens (past :data:`HYPHENATED`, or as placed), paragraphs set ragged or hyphenated
    before their last line, or lines two classes of tightness from the line before them than
    ``other``, unless ``other`` is not even good enough to rank with it (its columns apart or
    its foot blank, which its flaws, that weigh those settings, already said)."""
    (measured, filled), (theirs, their) = page, other
    ours, rank = _rank(*page, limit, empty), _rank(*other, limit, empty)
    hyphens, jumps = measured.placed(filled.arrangement)
    their_hyphens, their_jumps = theirs.placed(their.arrangement)
    return (
        ours[0] <= rank[0]
        and (_within(*page, limit, empty) or ours[1] <= rank[1] + measured.line)
        and apart(*page) <= 1 + 1e-6
        and (
            filled.blank <= max(their.blank + (ours[0] == 1) * measured.line, empty) + 1e-6
            or ours[0] < rank[0]
        )
        and (
            ours[0] < rank[0]
            or (
                all(a <= b for a, b in zip(_setting(measured), _setting(theirs), strict=True))
                and hyphens <= their_hyphens
                and jumps <= their_jumps
            )
        )
    )


def _setting(measured: Fillable[Any]) -> tuple[int, int, int]:
    """Its paragraphs set ragged, hyphenated before their last line, and its hyphens past
    :data:`HYPHENATED`: what a page's settings weigh before it is arranged."""
    return measured.strained, measured.awkward, _over(measured)


def _stepped(
    steps: int, found: tuple[Fillable[Any], Filled[Any]] | None, limit: float, empty: float
) -> bool:
    """Whether :func:`_settle` has stepped as far as it may: :data:`SETTLE_STEPS` sizes
    smaller than its largest, or :data:`SETTLE_APART` sizes, the largest one of them, for a
    page whose paragraphs are all set well, unless one is set ragged on a page within the
    rules (:func:`_within`): a smaller size may justify it."""
    return steps > SETTLE_STEPS or (
        steps >= SETTLE_APART
        and found is not None
        and not found[0].strained
        and not (found[0].ragged and _within(*found, limit, empty))
    )


def hyphenated(measured: Fillable[Any]) -> float:
    """The share of the body's lines that go on in their paragraph that end with a hyphen."""
    hyphens, lines = measured.hyphens
    return hyphens / lines if lines else 0.0


def _over(measured: Fillable[Any], filled: Filled[Any] | None = None) -> int:
    """How many of the body's hyphenated lines are past :data:`HYPHENATED` of its lines; as
    ``filled`` places them too, if given (a paragraph set a line longer or shorter to end the
    columns together may take a hyphen more: kenya A4's 4 of 27 lines, placed 5)."""
    hyphens, lines = measured.hyphens
    if filled is not None:
        hyphens = max(hyphens, measured.placed(filled.arrangement)[0])
    return max(0, hyphens - math.floor(HYPHENATED * lines + 1e-9))


def _flaws(measured: Fillable[Any], filled: Filled[Any] | None) -> float:
    """How far a page is from good, in points: the space at a column's foot (to a point),
    with each paragraph whose last line but one ends with a hyphen weighing a body line, each
    hyphenated line past :data:`HYPHENATED` of the body's :data:`OVER` of one, and a strained
    paragraph :data:`STRAINED` lines."""
    gap = filled.gap if filled is not None else math.inf
    lines = measured.awkward + OVER * _over(measured) + STRAINED * measured.strained
    return round(gap + lines * measured.line)


def _rank(
    measured: Fillable[Any], filled: Filled[Any], limit: float, empty: float
) -> tuple[int, float]:
    """How a size's page ranks among the sizes of one arrangement, least first: one within the
    rules (:func:`_within`) with every justified paragraph justified; then one within them with
    a paragraph set ragged, or one with every paragraph justified within them but for the blank
    at its foot (a designer rates en-two-column-0.3 a clear step worse with one paragraph set
    ragged on a full page than justified with 10% of its page blank, A4); then any other; each
    by its flaws (:func:`_flaws`)."""
    within, flaws = _within(measured, filled, limit, empty), _flaws(measured, filled)
    if not measured.ragged and (within or _within(measured, filled, limit, math.inf)):
        return int(not within), flaws
    return 2 - within, flaws


def _within(measured: Fillable[Any], filled: Filled[Any], limit: float, empty: float) -> bool:
    """Whether a page keeps to the rules: its columns ending within a body line of each other
    with no more than ``empty`` left under the lowest (:func:`_even`), and hyphenated within
    :data:`HYPHENATED` as its columns place its paragraphs."""
    return _even(measured, filled, limit, empty) and not _over(measured, filled)


def _even(measured: Fillable[Any], filled: Filled[Any], limit: float, empty: float) -> bool:
    """Whether a page's columns end within a body line of each other (at its size, or half of
    ``limit``, a line at the design's, where that is more: a page a line apart at 11.3 pt
    ranked as uneven at 9.6's), with no more than ``empty`` left under the lowest (``gap``:
    twice the highest foot less the lowest)."""
    return (filled.gap - filled.blank) / 2 <= max(
        limit / 2, measured.line
    ) + 1e-6 and filled.blank <= empty


def apart(measured: Fillable[Any], filled: Filled[Any]) -> float:
    """How many body lines apart a page's columns end."""
    return (filled.gap - filled.blank) / 2 / measured.line


def _apart(measured: Fillable[Any], filled: Filled[Any]) -> bool:
    """Whether a page's columns end more than a body line apart."""
    return apart(measured, filled) > 1 + 1e-6


def _notched(found: tuple[Fillable[Any], Filled[Any]] | None) -> bool:
    """Whether a page's columns end a whole body line apart (a notch at the foot a designer
    sees): a smaller size that ends them level, with no more hyphens, is looked for."""
    return found is not None and apart(*found) > 1 - 1e-6


def _hyphens(page: tuple[Fillable[Any], Filled[Any]]) -> int:
    """The body's lines that end with a hyphen, as a page's columns place them."""
    return page[0].placed(page[1].arrangement)[0]


def _good(found: tuple[Fillable[Any], Filled[Any]] | None, limit: float) -> bool:
    """Whether a page is good enough to stop at: every paragraph set well, none with a hyphen
    before its last line, not too many hyphens, and its columns ending within ``limit``."""
    return (
        found is not None
        and not found[0].strained
        and not found[0].awkward
        and not _over(found[0])
        and _flaws(*found) <= limit
    )


def _done(found: tuple[Fillable[Any], Filled[Any]] | None, limit: float, empty: float) -> bool:
    """Whether a page is as good as a page need be: every paragraph set well, its hyphens
    within their share as placed, its columns ending within a body line of each other, and no
    more than ``empty`` left under the lowest (:func:`_even`)."""
    if found is None or found[0].strained or found[0].awkward or _over(*found):
        return False
    return _even(*found, limit, empty)
