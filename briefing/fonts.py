"""The TrueType families shipped with briefing: registration and glyph coverage."""

from __future__ import annotations

import functools
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import cache

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).parent / "fonts"
FAMILIES = {"Noto Sans": "NotoSans", "Noto Serif": "NotoSerif"}
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")


class Faces(NamedTuple):
    """The ReportLab font names of one registered family."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


def register(family: str, italic: bool = True) -> Faces:
    """Register a shipped family so ``<b>`` and ``<i>`` pick its real faces.

    Each face is loaded once per process, the italic faces only when asked.
    """
    from reportlab.pdfbase import pdfmetrics

    stem = FAMILIES[family]
    faces = Faces(family, *(f"{stem}-{style}" for style in _STYLES))
    wanted = [faces.regular, faces.bold] + ([faces.italic, faces.bold_italic] if italic else [])
    for name in wanted:
        if name not in _registered:
            font = _load(name)
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


def _load(name: str) -> TTFont:
    """The shipped face ``name``, parsed by ReportLab or, after the first time, from the cache.

    ReportLab reads a face's tables in Python: about 5 ms a face here, in every new process; the
    cache gives them back in about 1 ms. They are plain data but for a few attributes, which are
    set again as ReportLab sets them; the cache key holds ReportLab's version, and a test
    compares a cached face with a parsed one, attribute by attribute.
    """
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    path = FONT_DIR / f"{name}.ttf"
    key = cache.key_of(path, f"reportlab{Version}")
    stored = cache.load(name, key)
    if isinstance(stored, dict):
        try:
            return _restored(path, stored)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not what this version stores: parse again
    font = TTFont(name, str(path))
    cache.store(name, key, _state(font))
    return font


_NOT_STORED = {"face", "encoding", "state", "_ttf_data", "_pdfScale"}


def _state(font: TTFont) -> dict[str, Any]:
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    face = vars(font.face)
    return {
        "font": {k: v for k, v in vars(font).items() if k not in _NOT_STORED},
        "face": {k: v for k, v in face.items() if k not in _NOT_STORED},
        "names": [k for k, v in face.items() if isinstance(v, TTFNameBytes)],
    }


def _restored(path: Path, stored: dict[str, Any]) -> TTFont:
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(stored["face"])
    for name in stored["names"]:
        setattr(face, name, TTFNameBytes(getattr(face, name)))
    face._ttf_data = path.read_bytes()
    scale = 1000 / face.unitsPerEm
    face._pdfScale = lambda x: x * scale
    font = TTFont.__new__(TTFont)
    vars(font).update(stored["font"], face=face, encoding=TTEncoding(), state=WeakKeyDictionary())
    return font


def _remember_subsets(face: Any) -> None:
    """Keep the embedded subsets a face makes: rebuilds (watch, a batch of sheets) mostly use
    the same characters, and ReportLab would otherwise subset the font anew for each PDF."""
    make = face.makeSubset
    remembered = functools.lru_cache(maxsize=32)(lambda codes: make(list(codes)))
    face.makeSubset = lambda subset: remembered(tuple(subset))


@functools.cache
def _coverage(family: str) -> frozenset[str]:
    """The characters the family draws, and line breaks and tabs, which are never drawn (its
    four faces cover the same characters; a test checks)."""
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(register(family, italic=False).regular).face
    return frozenset(map(chr, face.charToGlyph)) | {"\n", "\t"}


def missing(text: str, family: str) -> list[int]:
    """Offsets of the characters of ``text`` that the family cannot draw (line breaks are fine)."""
    covered = _coverage(family)
    if covered.issuperset(text):  # the usual case, checked without a loop in Python
        return []
    return [i for i, char in enumerate(text) if char not in covered]


def describe(char: str) -> str:
    """A character as a writer can find it: the glyph, its code point and its Unicode name."""
    kinds = {"Cc": "a control character", "Co": "a private-use character", "Cn": "unassigned"}
    name = unicodedata.name(char, kinds.get(unicodedata.category(char), "unnamed character"))
    shown = char if char.isprintable() else ""
    return f"'{shown}' (U+{ord(char):04X} {name})" if shown else f"U+{ord(char):04X} ({name})"
