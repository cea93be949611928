"""What packing flows into columns: a set paragraph or an exhibit (:class:`Packable`), the
lines of it placed in a column (:class:`Portion`), and which of those hold a block whole
(:func:`whole_pieces`: what a column break may set a line looser or tighter)."""

from __future__ import annotations

import threading
from typing import NamedTuple

from ..text.setting import looser
from ..text.textbox import TextBox
from .exhibits import Exhibit
from .records import Role


class Packable:
    """A set paragraph or an exhibit, with its place in the document's structure and what
    packing needs (its line count, leading, height and spaces, worked out once: packing reads
    them often)."""

    __slots__ = (
        "after",
        "awkward",
        "before",
        "box",
        "element",
        "grid",
        "hang",
        "height",
        "keep_with_next",
        "label",
        "label_x",
        "leading",
        "lines",
        "loose",
        "parents",
        "ragged",
        "role",
        "strained",
        "topic",
        "whole",
    )

    def __init__(
        self,
        box: TextBox | Exhibit,
        role: Role,
        element: int,
        parents: tuple[str, ...],
        keep_with_next: bool = False,
        hang: bool = False,
        label: TextBox | None = None,
        label_x: float = 0.0,
    ) -> None:
        self.box, self.role, self.element, self.parents = box, role, element, parents
        self.keep_with_next = keep_with_next  # headings: never the last thing in a column
        self.hang = hang  # a hanging heading: it sits beside its text, not above it
        self.label = label  # a list item's bullet or number, beside its first line
        self.label_x = label_x  # the label's left, from the column's
        self.whole = isinstance(box, Exhibit)  # never split, never spread
        self.topic = False  # a paragraph with a run-in head: its gap spreads further
        self.grid = 0.0  # the body's half line, which its gaps close up by (0: as air says)
        self.loose: dict[int, TextBox | None] = {}  # set a line longer (1) or shorter (-1)
        if isinstance(box, Exhibit):
            self.lines, self.leading, self.height = 1, box.height, box.height
            self.before, self.after, self.strained = box.before, box.after, False
            self.awkward = self.ragged = False
            return
        self.lines, self.leading, self.height = box.count, box.leading, box.height
        step = box.size / box.spec.size  # a heading set smaller for a wide word
        self.before = box.spec.space_before * step  # at air 1
        self.after = box.spec.space_after * step
        self.strained = box.setting.strained
        self.awkward = box.setting.awkward  # a hyphen before its last line
        # a paragraph or list item, justified, set ragged instead (``setting._ragged``)
        self.ragged = role in ("P", "LBody") and box.setting.spec.align == "left"

    def looser(self, lines: int) -> TextBox | None:
        """The paragraph set ``lines`` lines longer (shorter if negative), as well as its lines
        allow (``setting.looser``), or None; a heading, a chart, table or photo never is. Noted
        in :data:`asked` while columns are worked out."""
        if asked.blocks is not None:
            asked.blocks.append((self, lines))
        if lines not in self.loose:
            setting = None
            if isinstance(self.box, TextBox) and not self.keep_with_next:
                setting = looser(self.box.setting, lines)
            self.loose[lines] = None if setting is None else TextBox(self.box.width, setting)
        return self.loose[lines]


class Asked(threading.local):
    """The looser settings asked of blocks in this thread (the block, its lines more or
    fewer) while ``breaks.kept`` works columns out, which it keeps them by; None meanwhile."""

    blocks: list[tuple[Packable, int]] | None = None


asked = Asked()


class Portion(NamedTuple):
    """Some lines of a block, placed in a column ``top`` points below the column's top; of
    its looser setting if ``loose``."""

    block: int
    first: int  # the first line's index
    lines: int
    top: float
    height: float
    loose: int = 0  # lines more (or fewer) than its block's setting: a looser one's


Column = list[Portion]


def whole_pieces(blocks: list[Packable], pieces: Column) -> list[int]:
    """Where in ``pieces`` a block stands whole (every line of it, as ``blocks`` set it): the
    longest first, in their order where as long."""
    found = [
        i
        for i, piece in enumerate(pieces)
        if not piece.first and piece.lines == blocks[piece.block].lines
    ]
    return sorted(found, key=lambda i: -pieces[i].lines)
