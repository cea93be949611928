"""A zero-width joiner or non-joiner typed in left-to-right text (a ligature broken in a German
compound, letters kept joined) is read with the letter after it: pdf.js skips a glyph that
reads as a format character alone, and PDFium and pypdf read both in order (docs/readers.md)."""

from __future__ import annotations

from typing import Protocol, TypeVar

TYPED = frozenset("\u200c\u200d")  # the non-joiner and the joiner


class Shaped(Protocol):
    """A shaped glyph (``shaping.Glyph``): the offset of its cluster, its advance and offsets."""

    @property
    def cluster(self) -> int: ...
    @property
    def x_advance(self) -> int: ...
    @property
    def x_offset(self) -> int: ...
    @property
    def y_offset(self) -> int: ...
    def _replace(self: Glyph, *, cluster: int) -> Glyph: ...


Glyph = TypeVar("Glyph", bound=Shaped)


def folded(text: str, glyphs: tuple[Glyph, ...]) -> tuple[Glyph, ...]:
    """``glyphs`` shaped left to right from ``text`` without the glyph of a joiner or
    non-joiner that draws nothing and takes no room, its character the first of the next
    cluster's (which its first glyph reads)."""
    out = list(glyphs)
    for k in reversed(range(len(out) - 1)):
        glyph, after = out[k], out[k + 1].cluster
        empty = not (glyph.x_advance or glyph.x_offset or glyph.y_offset)
        if empty and text[glyph.cluster] in TYPED and after == glyph.cluster + 1:
            del out[k]
            out[k:] = [
                g._replace(cluster=glyph.cluster) if g.cluster == after else g for g in out[k:]
            ]
    return tuple(out)
