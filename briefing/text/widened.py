"""Glyphs embedded wider than the face has them: a copy of a glyph's outline, advance its own.

PDF/UA-1 and PDF/A-2 want each code's width in ``/Widths`` to be the advance of the glyph it
draws in the embedded font. ReportLab's subset of a face (``TTFontFile.makeSubset``) embeds one
glyph for each glyph of the face that the codes drawn map to (``charToGlyph``), reading its
outline where the face's ``glyphPos`` says and its advance from the face's ``hmetrics``. A code
drawn wider than its glyph (a letter before a kashida, spanning the stroke: ``shaping.shaped``)
so maps to a glyph index past the face's own, whose place and metrics are a copy of the glyph's
with the wider advance: the subset embeds it as a glyph of its own. ``briefing/internals.py``
lists what this relies on; ``tests/test_internals.py`` checks that subsets still embed it so.
"""

from __future__ import annotations

from typing import Any


def glyph(face: Any, gid: int, advance: int) -> int:
    """A new glyph index of ReportLab's ``face`` that its subsets embed as glyph ``gid``'s
    outline with ``advance`` (font units)."""
    positions, metrics = face.glyphPos, face.hmetrics
    if len(positions) != len(metrics) + 1:
        raise RuntimeError("ReportLab keeps a face's glyphs in a way briefing does not know")
    # Glyph n's outline runs from positions[n] to positions[n + 1]: the copy takes two places,
    # the first (between the last glyph's end and the copy's start) a glyph never drawn.
    index = len(positions)
    positions += [positions[gid], positions[gid + 1]]
    metrics += [metrics[gid], (advance, metrics[gid][1])]
    return index
