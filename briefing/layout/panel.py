"""A sidebar panel's parts spread down its tint: each gap between two parts as a reader
sees it, from the letters of one part's last line to those of the next part's first."""

from __future__ import annotations

from itertools import pairwise

from reportlab.pdfbase.pdfmetrics import getFont

from ..text.textbox import TextBox
from .records import Region


def ink(region: Region) -> tuple[float, float]:
    """How far below ``region``'s top the letters of its first line start, and how far below
    its foot those of its last line end, as a PDF reader measures letters: from the baseline
    less the size plus the face's descent to the baseline plus the descent (an Arabic face's
    descent is 0.74 em, a Latin one's 0.29; a key figure's value at 25 pt starts 18 pt below
    its box's top in Persian, 7 in English)."""
    first = min(region.entries, key=lambda entry: entry.top)
    last = max(region.entries, key=lambda entry: entry.top + entry.flowable.height)
    start, box = 0.0, first.flowable
    if isinstance(box, TextBox):
        start = first.top + min(_descents(box, box.first)) * box.size
    end, box = last.top + last.flowable.height, last.flowable
    if isinstance(box, TextBox):
        end += below(box)
    return start, end - region.height


def below(box: TextBox) -> float:
    """How far below ``box``'s foot the letters of its last line end, as a PDF reader
    measures letters (:func:`ink`); less than 0 above it."""
    baseline = box.height - box.leading + box.size
    return baseline + max(_descents(box, box.first + box.count - 1)) * box.size - box.height


def _descents(box: TextBox, index: int) -> list[float]:
    """The descents, in ems, of the faces line ``index`` of ``box`` is drawn in."""
    runs = box.setting.drawn(index).runs
    return [-getFont(run.font).face.descent / 1000 for run in runs if run.text] or [0.0]


def spread(parts: list[Region], gap: float, spare: float, most: float) -> list[float]:
    """The room added to each gap between ``parts`` stacked ``gap`` apart: ``spare`` shared
    equally, none making a gap as seen (:func:`ink`) more than ``most``, what one cannot
    take shared among the rest."""
    edges = [ink(part) for part in parts]
    caps = [max(most - gap - below[0] + above[1], 0.0) for above, below in pairwise(edges)]
    extra = [0.0] * len(caps)
    left = max(spare, 0.0)
    for placed, joint in enumerate(sorted(range(len(caps)), key=lambda j: caps[j])):
        extra[joint] = min(caps[joint], left / (len(caps) - placed))
        left -= extra[joint]
    return extra


def opened(parts: list[Region], spare: float, most: float) -> list[Region]:
    """``parts`` with ``spare`` shared equally among the gaps between their items
    (:func:`_items`: each fact, each contact), none growing by more than ``most``: a panel
    whose gaps between its parts are spread as far as they go (:func:`spread`) reaches on to
    its main text's last line by its facts' and contacts' gaps."""
    starts = [_items(part) for part in parts]
    count = sum(len(found) for found in starts)
    if not count or spare <= 0:
        return parts
    each = min(spare / count, most)
    out = []
    for part, found in zip(parts, starts, strict=True):

        def shift(top: float, found: list[float] = found) -> float:
            return each * sum(start <= top + 1e-6 for start in found)

        entries = [entry._replace(top=entry.top + shift(entry.top)) for entry in part.entries]
        shapes = [shape._replace(y=shape.y + shift(shape.y)) for shape in part.shapes]
        out.append(Region(entries, shapes, part.height + each * len(found)))
    return out


def _items(region: Region) -> list[float]:
    """The tops of ``region``'s items after its first, below its heading: each row of its
    boxes after the second that does not go on with the item above it (a fact's value, under
    its label, in the fact's own group)."""
    rows = sorted({entry.top for entry in region.entries})
    groups = [
        {e.parents for e in region.entries if e.top == top and len(e.parents) > 1} for top in rows
    ]
    return [rows[i] for i in range(2, len(rows)) if not groups[i] & groups[i - 1]]
