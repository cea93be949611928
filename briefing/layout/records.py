"""The records a layout is made of: what is placed, where, and in what structure role."""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..errors import Problem
from ..flowables import Flowable

# The structure type of something drawn, as the PDF's tags name it; "Artifact" is decoration.
Role = Literal[
    "H1", "H2", "P", "LBody", "Lbl", "Figure", "Caption", "TH", "TD", "Reference", "Artifact"
]
# The structure types that group what is drawn, named in ``Placed.parents`` ("Sect:3"), and
# those the PDF writer adds itself.
Group = Literal["Sect", "L", "LI", "Div", "Part", "TOC", "TOCI", "Table", "THead", "TBody", "TR"]
Tag = Role | Group | Literal["Document", "Link"]
# The parts a sidebar's panel may send to the row at the page's foot, in their order there.
ROW_PARTS = ("facts", "contacts", "online")


class Shape(NamedTuple):
    """A decorative rectangle or line (drawn as an artifact)."""

    kind: Literal["rect", "line"]
    x: float
    y: float
    width: float
    height: float
    colour: str
    line_width: float = 0


class Placed(NamedTuple):
    """Something drawn on the page with its role in the document's structure."""

    flowable: Flowable
    x: float
    y: float  # bottom edge
    width: float
    height: float
    role: Role
    element: int  # paragraphs split over two columns share one element number
    parents: tuple[str, ...] = ()  # keys of grouping elements, outermost first: ("Sect:3",)
    alt: str | None = None  # alternate text of a figure


class Page(NamedTuple):
    """A laid-out page: its size, what is drawn on it and how it was fitted."""

    width: float
    height: float
    scale: float
    air: float
    body_size: float
    font: str  # the regular face, so the PDF names no other font
    shapes: list[Shape]
    items: list[Placed]
    blank: float = 0.0  # the share of the page's height left at the foot of the body
    warnings: tuple[Problem, ...] = ()  # what the writer should know about the fit
    closing: tuple[str, ...] = ()  # what the row at the foot holds: "facts", "contacts", "online"
    lined: bool = False  # the body on a grid of whole lines: its columns' lines level

    @property
    def fit(self) -> str:
        """The fit as the CLI reports it."""
        return fit_line(self.scale, self.body_size, self.blank)

    def mirrored(self) -> Page:
        """The page flipped left for right, for a right-to-left language: each box and shape
        moves to the other side, in the same order (the first column is the right one); the
        text inside a box follows its type spec's direction."""
        width = self.width
        return self._replace(
            shapes=[s._replace(x=width - s.x - s.width) for s in self.shapes],
            items=[i._replace(x=width - i.x - i.width) for i in self.items],
        )


def fit_line(scale: float, body_size: float, blank: float) -> str:
    """The fit in words: ``type at 92% of the design size, body 8.8 pt, page 97% full``, the
    page as full as its height less the ``blank`` share left at the foot (as a warning about
    short content says it)."""
    full = f"{1 - blank:.0%}"
    return f"type at {scale:.0%} of the design size, body {body_size:.1f} pt, page {full} full"


class Entry(NamedTuple):
    """Something in a region, at offsets from the region's top left."""

    flowable: Flowable
    x: float
    top: float
    role: Role
    parents: tuple[str, ...] = ()
    alt: str | None = None
    element: int = 0  # the structure element it is (part of); 0: one of its own


class Region(NamedTuple):
    """A stack of entries measured at one width: the header band, the key figures, the footer."""

    entries: list[Entry]
    shapes: list[Shape]  # at offsets from the region's top left (y down to the shape's top)
    height: float

    @property
    def empty(self) -> bool:
        """Whether the region holds nothing."""
        return not self.entries


EMPTY = Region([], [], 0.0)
