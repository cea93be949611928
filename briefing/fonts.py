"""The TrueType families shipped with briefing, and an office's own: registration and glyph
coverage.

A sheet is drawn with its design's Latin family (Noto Sans or Noto Serif, which also draw Greek
and Cyrillic, or an office's own faces, ``brand``) and, for a language in another script, that
script's family (``script_faces``). An office's family is backed by the shipped family that
looks most like it (``backing``): what it lacks is set in that one.
"""

from __future__ import annotations

import functools
import unicodedata
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import cache
from .brand import restored, state_of
from .language import BIDI_CONTROLS

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

    from .brand import Family

FONT_DIR = Path(__file__).parent / "fonts"
FAMILIES = {"Noto Sans": "NotoSans", "Noto Serif": "NotoSerif"}
_FACE_NAMES = ("Regular", "Bold", "Italic", "BoldItalic")
# The family drawing each script besides Latin, Greek and Cyrillic (ISO 15924 codes), by its
# file stem. They have no italics: their italic faces are the upright ones.
SCRIPTS = {
    "Arab": ("Noto Naskh Arabic", "NotoNaskhArabic"),
    "Hebr": ("Noto Sans Hebrew", "NotoSansHebrew"),
    "Hans": ("Noto Sans CJK SC", "NotoSansCJKsc"),
}
# Beside the sans design, Arabic is drawn in Noto Sans Arabic, whose letters stand as tall as
# Noto Sans's capitals and whose strokes are as even; Naskh, a calligraphic hand that sets Latin
# words looking large beside it, goes with the serif design.
_SANS_SCRIPTS = {"Arab": ("Noto Sans Arabic", "NotoSansArabic")}
# Where each script's letters are in Unicode (its blocks, without the common punctuation and
# digits that every script uses), to name the script of a character no font of a sheet draws.
_BLOCKS = {
    "Arab": (
        (0x0600, 0x06FF),
        (0x0750, 0x077F),
        (0x08A0, 0x08FF),
        (0xFB50, 0xFDFF),
        (0xFE70, 0xFEFF),
    ),
    "Hebr": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    "Hans": (
        (0x2E80, 0x2FDF),
        (0x3000, 0x303F),
        (0x3100, 0x312F),
        (0x31A0, 0x31BF),
        (0x3400, 0x4DBF),
        (0x4E00, 0x9FFF),
        (0xF900, 0xFAFF),
        (0xFE30, 0xFE4F),
        (0xFF00, 0xFFEF),
        (0x20000, 0x3FFFF),
    ),
}


class Faces(NamedTuple):
    """The ReportLab font names of one registered family."""

    family: str
    regular: str
    bold: str
    italic: str
    bold_italic: str


def register(family: str | Family, italic: bool = True) -> Faces:
    """Register a shipped family (by name) or an office's, so ``<b>`` and ``<i>`` pick its
    real faces.

    Each face is loaded once per process, the italic faces only when asked. An office's family
    without italics has its upright faces as its italic ones.
    """
    from reportlab.pdfbase import pdfmetrics

    if not isinstance(family, str):
        return _register_own(family)
    done = _shipped.get((family, italic))  # (each check of a sheet's text asks again)
    if done is not None:
        return done
    stem = FAMILIES[family]
    faces = Faces(family, *(f"{stem}-{face}" for face in _FACE_NAMES))
    wanted = [faces.regular, faces.bold] + ([faces.italic, faces.bold_italic] if italic else [])
    for name in wanted:
        if name not in _registered:
            font = _load(name)
            _remember_subsets(font.face)
            pdfmetrics.registerFont(font)
            _registered.add(name)
    _as_family(faces)
    _shipped[family, italic] = faces
    return faces


def _as_family(faces: Faces) -> None:
    """Tell ReportLab the faces of one family, so ``<b>`` and ``<i>`` pick them (once: it keeps
    them, and each check of a sheet's text asks again)."""
    from reportlab.pdfbase import pdfmetrics

    if faces in _families:
        return
    _families.add(faces)
    pdfmetrics.registerFontFamily(
        faces.regular,
        normal=faces.regular,
        bold=faces.bold,
        italic=faces.italic,
        boldItalic=faces.bold_italic,
    )


_registered: set[str] = set()
_families: set[Faces] = set()  # the families told to ReportLab
_shipped: dict[tuple[str, bool], Faces] = {}  # a shipped family registered, with italics or not
_behind: dict[str, str] = {}  # an office's family's name: the shipped family that backs it
_members: dict[str, tuple[str, ...]] = {}  # an office's regular face: all its faces


def _register_own(family: Family) -> Faces:
    """Register an office's family (read by ``brand``, or taken from the cache)."""
    from reportlab.pdfbase import pdfmetrics

    from .brand import read  # fontTools and the rest only for an office's faces

    regular, bold = read(family.regular), read(family.bold)
    italic = read(family.italic) if family.italic else regular
    bold_italic = read(family.bold_italic) if family.bold_italic else bold
    faces = Faces(regular.family, regular.name, bold.name, italic.name, bold_italic.name)
    for face in {face.name: face for face in (regular, bold, italic, bold_italic)}.values():
        if face.name not in _registered:
            font = restored(face.data, face.state)
            _named_apart(font, face.name)
            _remember_subsets(font.face)
            pdfmetrics.registerFont(font)
            _registered.add(face.name)
    _as_family(faces)
    _behind[faces.family] = "Noto Serif" if regular.serif else "Noto Sans"
    _members[faces.regular] = tuple(dict.fromkeys(faces[1:]))
    return faces


_postscript: dict[bytes, str] = {}  # the PostScript names of registered faces, by font name


def _named_apart(font: TTFont, name: str) -> None:
    """A face whose PostScript name another registered face has (two versions of a brand's
    face, in a book of sheets) renamed: a PDF names its fonts, and ReportLab tells faces
    apart, by it."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    own = bytes(font.face.name)
    if _postscript.setdefault(own, name) != name:
        font.face.name = TTFNameBytes(own + b"-" + name.rsplit("-", 1)[-1][:8].encode())
        _postscript[bytes(font.face.name)] = name


def shipped(family: str) -> str:
    """The shipped family named ``family``, or the one that backs an office's family of that
    name (Noto Serif for one with serifs, else Noto Sans)."""
    return _behind.get(family, family)


@functools.cache
def backing(faces: Faces) -> Faces | None:
    """The shipped family that draws what an office's family lacks; None for a shipped one."""
    family = _behind.get(faces.family)
    return register(family) if family is not None and faces.regular in _members else None


@functools.cache
def script_faces(script: str, design: str = "Noto Sans") -> Faces | None:
    """Register the family that draws ``script`` (ISO 15924: "Arab", "Hebr", "Hans") beside the
    Latin family ``design`` and return its faces; None for "Latn" and "Cyrl", which the design's
    Latin family draws.

    These families have no italics: ``italic`` is the regular face and ``bold_italic`` the bold.
    Nothing is loaded until a sheet asks for the script.
    """
    if script not in SCRIPTS:
        return None
    from reportlab.pdfbase import pdfmetrics

    design = shipped(design)
    family, stem = (_SANS_SCRIPTS if design == "Noto Sans" else SCRIPTS).get(
        script, SCRIPTS[script]
    )
    regular, bold = f"{stem}-Regular", f"{stem}-Bold"
    for name in (regular, bold):
        font = _load(name)
        _remember_subsets(font.face)
        pdfmetrics.registerFont(font)
        _registered.add(name)
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return Faces(family, regular, bold, regular, bold)


def script_of(char: str) -> str | None:
    """The script (ISO 15924) whose letters hold ``char``, among those of ``SCRIPTS``; None for
    any other character (Latin, Greek, Cyrillic, digits, common punctuation, symbols)."""
    code = ord(char)
    for script, blocks in _BLOCKS.items():
        if any(start <= code <= end for start, end in blocks):
            return script
    return None


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
            return restored(path.read_bytes(), stored)
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not what this version stores: parse again
    font = TTFont(name, str(path))
    cache.store(name, key, state_of(font))
    return font


def source(name: str) -> tuple[bytes, str]:
    """The TrueType bytes of a registered face, and a key that changes when they do (for the
    cache): a shipped face's file, or an office's face or the cjk extra's full one as read (a
    checksum of its bytes: the full face's name is the same for every version of the extra)."""
    path = FONT_DIR / f"{name}.ttf"
    if name in _registered and not path.exists():
        from reportlab.pdfbase import pdfmetrics

        data: bytes = pdfmetrics.getFont(name).face._ttf_data
        return data, f"own{zlib.crc32(data):08x}"
    return path.read_bytes(), cache.key_of(path)


@functools.cache
def identity(name: str) -> str:
    """What the registered face ``name`` is, for results kept in the cache: a shipped face's
    name with its file's size and time, or an office's face's name (which holds its digest)."""
    path = FONT_DIR / f"{name}.ttf"
    if name in _registered and not path.exists():
        return name
    return f"{name}-{cache.key_of(path)}"


def _remember_subsets(face: Any) -> None:
    """Keep the embedded subsets a face makes: rebuilds (watch, a batch of sheets) mostly use
    the same characters, and ReportLab would otherwise subset the font anew for each PDF."""
    make = face.makeSubset
    remembered = functools.lru_cache(maxsize=32)(lambda codes: make(list(codes)))
    face.makeSubset = lambda subset: remembered(tuple(subset))


def charset(faces: Faces) -> frozenset[str]:
    """The characters a registered family draws, and line breaks, tabs and the controls of the
    bidirectional algorithm, which are never drawn (its faces cover the same characters; a test
    checks). A typesetter picks, for each
    character, the first of a sheet's families whose charset holds it."""
    return _charset(faces.regular)


@functools.cache
def _charset(regular: str) -> frozenset[str]:
    """The characters of a shipped family's faces, or those every face of an office's has."""
    from reportlab.pdfbase import pdfmetrics

    codes = set.intersection(
        *(
            set(pdfmetrics.getFont(face).face.charToGlyph)
            for face in _members.get(regular, (regular,))
        )
    )
    return frozenset(map(chr, codes)) | {"\n", "\t"} | BIDI_CONTROLS


@functools.cache
def _coverage(latin: Faces, script: str) -> frozenset[str]:
    """The characters a sheet drawn with ``latin`` and ``script``'s family can draw (by the
    faces registered, which an office's changed file makes new)."""
    covered = charset(latin)
    faces = script_faces(script, latin.family)
    return covered | charset(faces) if faces is not None else covered


def missing(text: str, family: str | Family, script: str = "Latn") -> list[int]:
    """Offsets of the characters of ``text`` that neither the Latin ``family`` (by its name, or
    an office's) nor the family of ``script`` (a language's, see ``script_faces``) can draw
    (line breaks are fine)."""
    covered = _coverage(register(family, italic=False), script)
    if covered.issuperset(text):  # the usual case, checked without a loop in Python
        return []
    found = [i for i, char in enumerate(text) if char not in covered]
    if script == "Hans":  # the cjk extra's full face draws what the shipped one lacks
        found = [i for i in found if full_chinese_of(text[i]) is None]
    return found


def drawn_by(char: str) -> str | None:
    """The script (ISO 15924) whose shipped family (or the cjk extra's full Chinese face)
    draws ``char``, when the Latin families do not: the language a writer may mean when a
    sheet's fonts miss it. Loads that family."""
    script = script_of(char)
    faces = script_faces(script) if script is not None else None
    if faces is not None and char in charset(faces):
        return script
    return "Hans" if full_chinese_of(char) is not None else None


@functools.cache
def full_chinese() -> Faces | None:
    """The cjk extra's full Chinese face, registered (drawn once a machine: ``brand``); None
    where the extra is not installed."""
    from reportlab.pdfbase import pdfmetrics

    from .brand import FULL_CHINESE
    from .brand import full_chinese as drawn

    names = []
    for style in ("Regular", "Bold"):
        font = drawn(style, lambda code: script_of(chr(code)) == "Hans")
        if font is None:
            return None
        _remember_subsets(font.face)
        pdfmetrics.registerFont(font)
        _registered.add(font.fontName)
        names.append(font.fontName)
    regular, bold = names
    pdfmetrics.registerFontFamily(
        regular, normal=regular, bold=bold, italic=regular, boldItalic=bold
    )
    return Faces(FULL_CHINESE, regular, bold, regular, bold)


def full_chinese_of(char: str) -> Faces | None:
    """The full Chinese face, for a Chinese character that the shipped face lacks and the cjk
    extra has; else None (without loading the extra for other characters)."""
    shipped = script_faces("Hans")
    if script_of(char) != "Hans" or shipped is None or char in charset(shipped):
        return None
    full = full_chinese()
    return full if full is not None and char in charset(full) else None


def lacking(char: str, fonts: str) -> str:
    """What a message that ``char`` is not in ``fonts`` (the fonts it names) adds: for a
    Chinese character, the Chinese face that lacks it, as shipped (GB2312's common characters)
    or the cjk extra's full one; else ""."""
    from .brand import cjk_file

    face = SCRIPTS["Hans"][0]
    if script_of(char) != "Hans":
        return ""
    which = "the full face, of briefing[cjk]" if cjk_file() else "as shipped, with GB2312's "
    which += "" if cjk_file() else "3,755 common Chinese characters"
    return f" ({which})" if face in fonts else f" nor in {face} ({which})"


def describe(char: str) -> str:
    """A character as a writer can find it: the glyph, its code point and its Unicode name."""
    kinds = {"Cc": "a control character", "Co": "a private-use character", "Cn": "unassigned"}
    name = unicodedata.name(char, kinds.get(unicodedata.category(char), "unnamed character"))
    shown = char if char.isprintable() else ""
    return f"'{shown}' (U+{ord(char):04X} {name})" if shown else f"U+{ord(char):04X} ({name})"
