"""``TypeSpec``: how a paragraph is set, the one input every stage of the text engine shares."""

from __future__ import annotations

from typing import Literal, NamedTuple

from ..fonts import Faces

Align = Literal["justify", "left", "right", "center"]


class TypeSpec(NamedTuple):
    """How a paragraph is set: face, size, colour, alignment, direction and breaking.

    ``direction`` is the paragraph's: in a right-to-left (``"rtl"``) paragraph, ``indent`` is
    measured from the right edge, ``"left"`` alignment means flush with the start (right),
    ``"right"`` flush with the end (left), ``"center"`` stays centred, and a justified
    paragraph's last line is flush right. Each line is reordered for display by the Unicode
    bidirectional algorithm in that direction. ``script_faces`` draw the letters of the
    language's script (Arabic, Hebrew, Chinese) and the marks between them, ``faces`` the rest
    (Latin words, Western digits, addresses); None for a sheet in a Latin or Cyrillic language.
    ``cjk`` lets lines break between any two ideographs or kana, as UAX #14 allows.
    """

    faces: Faces
    size: float
    leading: float  # in points
    colour: str
    bold: bool = False
    italic: bool = False
    align: Align = "left"
    hyphenation: str = ""  # a pyphen dictionary name; "" never breaks inside a word
    balance: bool = False  # ragged lines of even length, without a short last line
    uppercase: bool = False
    indent: float = 0.0  # indent from the start (left, or right in rtl), in points
    space_before: float = 0.0
    space_after: float = 0.0
    keep_with_next: bool = False
    underline_links: bool = True  # links are underlined, so colour never carries meaning alone
    direction: Literal["ltr", "rtl"] = "ltr"  # the paragraph's direction
    script_faces: Faces | None = None  # the faces of the language's script, if not Latin
    cjk: bool = False  # lines may break between ideographs (Chinese)
