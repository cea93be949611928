"""The TrueType families shipped with briefing: registration and glyph coverage."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

FONT_DIR = Path(__file__).parent / "fonts"
FAMILIES = {"Noto Sans": "NotoSans", "Noto Serif": "NotoSerif"}
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")


@dataclass(frozen=True)
class Faces:
    """The ReportLab font names of one registered family."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


def register(family: str, italic: bool = True) -> Faces:
    """Register a shipped family so ``<b>`` and ``<i>`` pick its real faces.

    Each face is parsed once per process (about 9 ms each); the italic faces only when asked.
    """
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    stem = FAMILIES[family]
    faces = Faces(family, *(f"{stem}-{style}" for style in _STYLES))
    wanted = [faces.regular, faces.bold] + ([faces.italic, faces.bold_italic] if italic else [])
    for name in wanted:
        if name not in _registered:
            font = TTFont(name, FONT_DIR / f"{name}.ttf")
            _remember_subsets(font.face)
            pdfmetrics.registerFont(font)
            _registered.add(name)
    pdfmetrics.registerFontFamily(
        faces.regular,
        normal=faces.regular,
        bold=faces.bold,
        italic=faces.italic,
        boldItalic=faces.bold_italic,
    )
    return faces


_registered: set[str] = set()


def _remember_subsets(face: Any) -> None:
    """Keep the embedded subsets a face makes: rebuilds (watch, a batch of sheets) mostly use
    the same characters, and ReportLab would otherwise subset the font anew for each PDF."""
    make = face.makeSubset
    remembered = lru_cache(maxsize=32)(lambda codes: make(list(codes)))
    face.makeSubset = lambda subset: remembered(tuple(subset))


@cache
def _coverage(family: str) -> frozenset[int]:
    """The characters the family draws; its four faces cover the same ones (a test checks)."""
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(register(family, italic=False).regular).face.charToGlyph)


def missing(text: str, family: str) -> list[int]:
    """Offsets of the characters of ``text`` that the family cannot draw (line breaks are fine)."""
    covered = _coverage(family)
    return [i for i, char in enumerate(text) if ord(char) not in covered and char not in "\n\t"]


def describe(char: str) -> str:
    """A character as a writer can find it: the glyph, its code point and its Unicode name."""
    kinds = {"Cc": "a control character", "Co": "a private-use character", "Cn": "unassigned"}
    name = unicodedata.name(char, kinds.get(unicodedata.category(char), "unnamed character"))
    shown = char if char.isprintable() else ""
    return f"'{shown}' (U+{ord(char):04X} {name})" if shown else f"U+{ord(char):04X} ({name})"
