"""Grid: a justified line of Chinese kept on its grid of whole characters.

Takes a line's items as drawn (``linebreak.Item`` and ``measure.Fragment``) and the room left
in it; gives what each item adds to keep every ideograph a whole number of ems from the line's
start: a Latin word or figure padded to whole ems beside it (clreq's spacing between scripts),
and where the line is too long, whole blank halves of its punctuation taken out.
"""

from __future__ import annotations

import math

from .collect import PUNCTUATION_FULL
from .linebreak import Item
from .measure import Fragment

_IDEOGRAPHS = "\u2e80"  # Chinese characters and full-width punctuation start here
BESIDE = 0.5  # ems a break beside a Latin run in Chinese takes at most, to keep the grid
_STOPS = frozenset("。？！")  # compressed after the rest of a line's punctuation (clreq)


def kept(
    drawn: list[tuple[Item, Fragment]], extra: float, full: bool, ragged: bool = False
) -> list[float] | None:
    """A line of Chinese kept on its grid (every ideograph a whole number of ems from the
    line's start) where Latin words or figures break it: what each item adds (in ems), each
    Latin run's shortfall from a whole em split between the breaks either side of it (clreq's
    spacing between scripts), within the line's ``extra``. A ``full`` (justified) line gives
    what is left to its last run, an em at most: all of it to a run ending the line, or an em
    shared either side of one inside it; one too long for its room sets punctuation
    half-width, whole blank halves out (``_compressed``), its runs then to half ems, where
    that fills it exactly. None where there is no such run nor punctuation set so, or where
    that does not fill a full
    line with at most :data:`BESIDE` beside a run and nothing taken from one (a figure drawn
    over the character before it), which is justified as before. A line ending in or before
    an address (``ragged``) gives its run :data:`BESIDE` at most and may end short, as a line
    of an address's pieces does, rather than space its ideographs apart."""
    adds, opened, last = _padded(drawn, 1.0)
    left = extra - sum(adds)
    squeezed = [0.0] * len(drawn)  # blank halves taken out
    if full and not ragged and left < -1e-6:
        adds, opened, last = _padded(drawn, 0.5)
        if abs(_compressed(drawn, squeezed, extra - sum(adds))) > 1e-6:
            return None  # not filled by whole halves
        left = 0.0
    if ragged:
        left = min(left, BESIDE - adds[opened]) if opened is not None else 0.0
    if full and opened is not None:  # a run ends the line
        last, whole = [opened], True
    else:  # a line a character short: an em, the grid kept
        whole = abs(left - 1) < 1e-6
    if full and last and whole and -1e-6 < left < 1 + 1e-6:
        for side in last:
            adds[side] += left / len(last)
        left = 0.0
    fits = abs(left) < 1e-6 if full else left > -1e-6
    within = min(adds) > -1e-6 and max(adds) <= BESIDE + 1e-6  # never into a neighbour
    adds = [add + less for add, less in zip(adds, squeezed, strict=True)]
    return adds if (any(adds) or ragged) and fits and within else None


def _padded(
    drawn: list[tuple[Item, Fragment]], step: float
) -> tuple[list[float], int | None, list[int]]:
    """What each item of a line of Chinese adds to keep its ideographs a whole number of
    ``step`` ems from its start, each Latin run's shortfall split between the breaks either
    side of it; the break before a run that ends the line, if one does; the breaks either side
    of the last run closed."""
    adds = [0.0] * len(drawn)
    x = 0.0  # where the next item starts, in ems
    opened: int | None = None  # the break before the Latin run going on, if any
    last: list[int] = []
    for k, (item, fragment) in enumerate(drawn):
        if item.kind == "glue" and not fragment.text and 0 < k < len(drawn) - 1:
            before, after = _on_grid(*drawn[k - 1]), _on_grid(*drawn[k + 1])
            if before and not after:
                opened = k
            elif after and not before:
                at = x + item.width
                short = math.ceil(at / step - 1e-6) * step - at
                last = [k] if opened is None else [opened, k]  # (the line starts with the run)
                # none beside full-width punctuation, whose blank half is room enough (clreq)
                spaced = [side for side in last if not _punctuated(drawn, side)]
                last = spaced or last
                for side in last:
                    adds[side] += short / len(last)
                x, opened = x + short, None
        x += item.width
    return adds, opened, last


def _compressed(drawn: list[tuple[Item, Fragment]], adds: list[float], left: float) -> float:
    """What is ``left`` (less than none) of a line of Chinese too long for its room once the
    blank halves of its punctuation are taken out whole, as few as it needs (from ``adds``):
    brackets', commas' and colons' first, full stops' last (clreq's order), from the line's
    end; its characters stay a whole number of half ems apart, rather than every blank shrunk
    by a fraction."""
    blanks = [
        k
        for k, (item, fragment) in enumerate(drawn)
        if item.kind == "glue" and not fragment.text and item.shrink and 0 < k < len(drawn) - 1
    ]
    blanks.sort(key=lambda k: (_STOPS.isdisjoint(_beside(drawn, k)), k), reverse=True)
    for k in blanks:
        if left > -1e-6:
            break
        adds[k] -= drawn[k][0].shrink
        left += drawn[k][0].shrink
    return left


def _beside(drawn: list[tuple[Item, Fragment]], glue: int) -> str:
    """The characters either side of the glue at ``glue``."""
    return drawn[glue - 1][1].text[-1:] + drawn[glue + 1][1].text[:1]


def _punctuated(drawn: list[tuple[Item, Fragment]], glue: int) -> bool:
    """Whether the glue at ``glue`` has full-width punctuation on one side of it."""
    return not PUNCTUATION_FULL.isdisjoint(_beside(drawn, glue))


def _on_grid(item: Item, fragment: Fragment) -> bool:
    """Whether a box keeps to the grid of Chinese characters: a character of its own (or
    full-width punctuation), or anything a whole number of ems wide; not a Latin word."""
    return fragment.text[:1] >= _IDEOGRAPHS or abs(item.width - round(item.width)) < 1e-6
