"""Spread: how a justified line's room is shared among its spaces, glyphs and letters.

The breaker counts a line's spaces, its glyphs' expansion (hz) and its letter spacing as one
stretch at one ratio; a line is drawn otherwise, as a typographer would rather see it: its
spaces take the room first, up to ``EVEN`` of their stretch (1.5 natural spaces) or shrink
(0.83); only past that do its glyphs widen and its letters part (or tighten), together, in
steps of a quarter of their most (0.5% of the glyphs' width and 0.005 em a letter), the fewest
that bring the spaces back within it; so most lines keep the glyphs as the face has them, and
the rest differ by a step or two. The spaces take what is left, never past what the breaker
allows them, nor to the other side of their natural width; where no step keeps them so (a line
of few spaces), glyphs and letters take what brings the spaces to ``EVEN``.
"""

from __future__ import annotations

import math
from typing import NamedTuple

# Lines of Latin, Cyrillic or Greek: glyphs stretch at most 2% at the tolerance and shrink at
# most 2% at full shrink (hz, as pdfTeX's font expansion; the PDF horizontal scale), and letter
# spacing takes at most 0.02 em more either way (``MOST_LETTER_SPACING``): the breaker
# counts them with the spaces at one ratio (``setting.EXPANSION``: 2% at the tolerance).
COMPRESSION = 0.02  # of the boxes' width, at a ratio of -1
MOST_LETTER_SPACING = 0.02  # ems, either way, in a justified line its spaces cannot fill
STEPS = 4  # glyph expansion and letter spacing: in steps of a quarter of their most
EVEN = 1.0, 0.5  # how far spaces stretch, and shrink, before glyphs and letters do (a ratio)


class Spread(NamedTuple):
    """A line's room as shared: its spaces' ratio (of their stretch, or shrink if the line is
    tighter than natural), the share of the most its glyphs and letters take, and what its
    spaces take past their own most (a line looser than the tolerance)."""

    spaces: float
    share: float
    rest: float


def spread(extra: float, spaces: float, glyphs: float, most: float) -> Spread:
    """How a line's ``extra`` room (points; less than none: tighter than natural) is shared,
    its spaces giving ``spaces`` points at a ratio of one, its glyphs and letters ``glyphs`` at
    their most, and its spaces' ratio ``most`` at most."""
    room = abs(extra)
    if room > most * spaces + glyphs:  # looser than everything allows: spaces take the rest
        return Spread(most, 1.0 if glyphs else 0.0, room - most * spaces - glyphs)
    if not spaces:  # one word: glyphs and letters alone
        return Spread(0.0, room / glyphs if glyphs else 0.0, 0.0)
    even = EVEN[extra < 0]
    if room <= even * spaces or not glyphs:
        return Spread(room / spaces, 0.0, 0.0)
    step = glyphs / STEPS
    fewest = max(math.ceil((room - most * spaces) / step - 1e-9), 0)  # spaces within their most
    steps = min(math.floor(room / step + 1e-9), STEPS)  # and not past their natural width
    if fewest > steps:  # no whole step keeps them so: they go to ``EVEN``
        return Spread(even, (room - even * spaces) / glyphs, 0.0)
    wanted = math.ceil((room - even * spaces) / step - 1e-9)
    steps = min(max(wanted, fewest), steps)
    return Spread((room - steps * step) / spaces, steps / STEPS, 0.0)
