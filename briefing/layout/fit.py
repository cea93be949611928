"""The fit search: the largest scale at which a page's content fits, then how far its gaps
spread. Pure functions over a measure, so they are tested with a made-up one.

Text height grows about as the square of the scale (larger type, fewer words a line), so each
trial guesses the next scale from the square root of room over demand, kept inside the bracket
of scales known to fit and known not to.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Protocol, TypeVar

STEPS = 7  # trial scales at most
PRECISION = 0.015  # of scale: close enough to the largest that fits (0.15 pt of body size)
_INSIDE = 0.25  # a guess stays this share of the bracket inside it: the bracket shrinks fast
AIR_STEPS = 5


class Measure(Protocol):
    """Content measured at one scale."""

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available) with the gaps spread by ``air``."""
        ...


M = TypeVar("M", bound=Measure)
C = TypeVar("C")


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


def fullest(
    arrange: Callable[[float], tuple[C, float] | None], least: float, most: float
) -> tuple[float, C] | None:
    """The air from ``least`` to ``most`` (1 keeps the gaps as designed), in :data:`AIR_STEPS`
    steps, whose arrangement leaves the least room at the foot (to a tenth of a point; the
    least air of those), with that arrangement; None if none fits. Room left after the scale
    is found is shared among the gaps that spread; a page full at the smallest type may close
    its gaps up a little."""
    found = []
    for step in range(AIR_STEPS + 1):
        air = least + (most - least) * step / AIR_STEPS
        arranged = arrange(air)
        if arranged is not None:
            found.append((round(arranged[1], 1), air, arranged[0]))
    if not found:
        return None
    _, air, arrangement = min(found, key=lambda option: option[:2])
    return air, arrangement
