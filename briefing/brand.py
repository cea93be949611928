"""An office's own typefaces: font files named in a design, read once, checked, made into the
one kind of face ReportLab embeds, and kept in the cache.

A face is a TrueType (``.ttf``) or OpenType (``.otf``, CFF outlines) file, a face of a
collection (``.ttc``, by ``index``), an instance of a variable font (by a named ``instance`` or
``axes`` values), or one of these as WOFF (WOFF2 too when the ``brotli`` package is
installed). fontTools reads it in a separate process, which is given ``TIME_LIMIT`` seconds
and, where the system can limit it, ``MEMORY_LIMIT`` bytes, so that no file, however damaged
or hostile, can make a build hang or take the machine's memory; the file itself may be at
most ``MAX_BYTES``. That process checks it (a font at all, whole, with the Latin letters, its
licence letting a PDF embed it), pins a variable font's axes, replaces CFF outlines by TrueType
ones (as ``scripts/subset_fonts.py`` does for the Chinese face), writes it out again as plain
TrueType, and parses it as ReportLab does. The result is plain data, kept in the cache under
a digest of the file's bytes and the choice of face, and in the process: a build that finds it
costs what one with a shipped face does.
"""

from __future__ import annotations

import hashlib
import io
import marshal
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, Any, NamedTuple

from . import cache

if TYPE_CHECKING:
    from reportlab.pdfbase.ttfonts import TTFont

MAX_BYTES = 32 * 2**20  # a font file; a brand's Latin face is well under 1 MB
TIME_LIMIT = 60.0  # seconds to read, check and convert one face
MEMORY_LIMIT = 2 * 2**30  # bytes of address space for the process that does it
KEPT = 32  # faces kept in the cache, the newest
_FORMAT = "1"  # bump when what is kept changes
MAX_ERROR = 1.0  # font units a quadratic curve may stray from the cubic one it replaces
_LATIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_SIGNATURES = {
    b"\x00\x01\x00\x00": "TrueType",
    b"true": "TrueType",
    b"OTTO": "OpenType",
    b"ttcf": "collection",
    b"wOFF": "WOFF",
    b"wOF2": "WOFF2",
}
_OTHER_FILES = {  # what a file that is not a font often is, by its first bytes
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"%PDF": "a PDF",
    b"PK\x03\x04": "a ZIP archive (unpack the .ttf or .otf from it)",
    b"<": "a web page or SVG file",
}


class FaceFile(NamedTuple):
    """One face an office names: its file and which face in it."""

    path: str  # absolute
    number: int = 0  # which face of a collection
    instance: str = ""  # a named instance of a variable font
    axes: tuple[tuple[str, float], ...] = ()  # axis values of a variable font


class Family(NamedTuple):
    """An office's typeface: its regular and bold faces, and its italics if it has them."""

    regular: FaceFile
    bold: FaceFile
    italic: FaceFile | None = None
    bold_italic: FaceFile | None = None


class Face(NamedTuple):
    """A face read: its ReportLab name, its family's name, whether it has serifs (the shipped
    family behind it is then Noto Serif), its TrueType bytes and ReportLab's parse of them."""

    name: str
    family: str
    serif: bool
    data: bytes
    state: dict[str, Any]


class FontFileError(ValueError):
    """A face that cannot be used: what is wrong, and what was expected."""

    def __init__(self, message: str, expected: str) -> None:
        super().__init__(message)
        self.expected = expected


_read: dict[tuple[FaceFile, int, int], Face] = {}  # by face, file size and time
_Order = tuple[tuple[FaceFile, int, int], str]  # a face not yet read: its memo key, its name


def read(face: FaceFile) -> Face:
    """The face, from the process's memory, the cache, or read anew; raise
    :class:`FontFileError` if it cannot be used."""
    found = read_all([face])[face]
    if isinstance(found, FontFileError):
        raise found
    return found


def read_all(faces: Sequence[FaceFile]) -> dict[FaceFile, Face | FontFileError]:
    """Each face, as :func:`read` gives it or the error it raises; the faces neither in the
    process's memory nor in the cache read together, in one process of their own (a face
    that makes it fail, then alone, so that its error is its own)."""
    found: dict[FaceFile, Face | FontFileError] = {}
    orders: dict[FaceFile, _Order] = {}
    for face in dict.fromkeys(faces):
        try:
            known = _known(face)
        except FontFileError as error:
            found[face] = error
            continue
        if isinstance(known, Face):
            found[face] = known
        else:
            orders[face] = known
    if not orders:
        return found
    try:
        answers = _convert_apart(list(orders), [name for _, name in orders.values()])
    except FontFileError as error:
        if len(orders) == 1:
            answers = [error]
        else:  # one face at a time, to tell which one
            return found | read_all_alone(list(orders))
    key = _versions()
    for (face, (memo, name)), answer in zip(orders.items(), answers, strict=True):
        if isinstance(answer, dict):
            cache.store(name, key, answer)
            found[face] = _read[memo] = Face(**answer)
        else:
            found[face] = answer
    cache.prune("face-", KEPT)
    return found


def read_all_alone(faces: list[FaceFile]) -> dict[FaceFile, Face | FontFileError]:
    """Each face read in a process of its own."""
    found: dict[FaceFile, Face | FontFileError] = {}
    for face in faces:
        found |= read_all([face])
    return found


def _known(face: FaceFile) -> Face | _Order:
    """The face from the process's memory or the cache, else what reading it needs; raise
    :class:`FontFileError` for a file that cannot be one (missing, a folder, too large)."""
    path = Path(face.path)
    try:
        stat = os.stat(face.path)
    except OSError:
        raise FontFileError(
            f"the font file {path} is not there", "the name of a font file, relative to this file"
        ) from None
    memo = (face, stat.st_size, stat.st_mtime_ns)
    if memo in _read:
        return _read[memo]
    if not S_ISREG(stat.st_mode):
        raise FontFileError(f"{path} is not a file but a folder or a device", "a font file")
    if stat.st_size > MAX_BYTES:
        raise FontFileError(
            f"the font file {path.name} is {stat.st_size / 2**20:.0f} MB",
            f"a font file of at most {MAX_BYTES // 2**20} MB (a face for Latin text is well "
            "under 1 MB)",
        )
    digest = hashlib.blake2b(path.read_bytes(), digest_size=12)
    digest.update(repr(face[1:]).encode())
    name = f"face-{digest.hexdigest()}"
    kept = cache.load(name, _versions())
    if isinstance(kept, dict) and kept.keys() == set(Face._fields):
        found = _read[memo] = Face(**kept)
        return found
    return memo, name


def _versions() -> str:
    import fontTools
    from reportlab import Version

    return f"{_FORMAT}-fonttools{fontTools.version}-reportlab{Version}"


def _convert_apart(faces: list[FaceFile], names: list[str]) -> list[dict[str, Any] | FontFileError]:
    """The faces read in a process of their own, within the time (for each face) and memory
    limits: each face's fields, or what is wrong with it. Raise :class:`FontFileError` if the
    process runs out of either."""
    import subprocess  # only to read an office's faces

    order = marshal.dumps(([tuple(face) for face in faces], names, MEMORY_LIMIT))
    files = ", ".join(dict.fromkeys(Path(face.path).name for face in faces))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "briefing.brand"],
            input=order,
            capture_output=True,
            timeout=TIME_LIMIT * len(faces),
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise FontFileError(
            f"reading the font file {files} took over {TIME_LIMIT:g} s",
            "a font file that is not damaged, of one face for Latin text",
        ) from None
    try:
        answers = marshal.loads(done.stdout)  # noqa: S302 - written by briefing's own process
    except (EOFError, ValueError, TypeError):
        answers = None
    if isinstance(answers, list) and len(answers) == len(faces):
        return [a if isinstance(a, dict) else FontFileError(*a) for a in answers]
    raise FontFileError(
        f"reading the font file {files} failed: it took more than {_amount(MEMORY_LIMIT)} of "
        "memory, or is damaged",
        "a font file that is not damaged, of one face for Latin text",
    )


def convert(face: FaceFile, name: str) -> dict[str, Any]:
    """Read, check and convert a face (what the separate process does): the fields of a
    :class:`Face`. Raise :class:`FontFileError`."""
    from fontTools.ttLib import TTFont

    path = Path(face.path)
    data = path.read_bytes()
    kind = _SIGNATURES.get(data[:4])
    if kind is None:
        other = next((said for start, said in _OTHER_FILES.items() if data.startswith(start)), "")
        raise FontFileError(
            f"{path.name} is not a font file" + (f": it is {other}" if other else ""),
            "a TrueType (.ttf), OpenType (.otf), collection (.ttc) or WOFF font file",
        )
    if kind == "WOFF2" and not _has_brotli():
        raise FontFileError(
            f"{path.name} is a WOFF2 web font, which needs the brotli package to read",
            "the .ttf or .otf file it was made from (or 'pip install brotli')",
        )
    if kind != "collection" and face.number:
        raise FontFileError(
            f"{path.name} holds one face, not a collection: 'index' is for .ttc files",
            "no 'index:' for this file",
        )
    if kind == "collection" and not face.number < _faces_in(data):
        raise FontFileError(
            f"the collection {path.name} has no face {face.number}",
            f"an index from 0 to {_faces_in(data) - 1}",
        )
    try:
        font = TTFont(io.BytesIO(data), fontNumber=face.number, recalcTimestamp=False)
        font.ensureDecompiled()
        _check(font, path.name)
        _pin(font, face, path.name)
        serif = _serif(font)
        family = str(font["name"].getBestFamilyName() or path.stem)
        if "glyf" not in font:
            to_truetype(font)
        font.flavor = None  # a WOFF's tables, written as plain TrueType
        out = io.BytesIO()
        font.save(out)
        state = _parsed(out.getvalue(), name)
    except (FontFileError, MemoryError):
        raise
    except Exception as e:  # noqa: BLE001 - whatever a damaged file makes fontTools raise
        raise FontFileError(
            f"{path.name} is damaged or cut short, and cannot be read as a font ({_said(e)})",
            "the font file as its maker publishes it",
        ) from None
    return {"name": name, "family": family, "serif": serif, "data": out.getvalue(), "state": state}


def _amount(size: int) -> str:
    """A number of bytes in words: ``2 GB``, ``8 MB``."""
    return f"{size / 2**30:g} GB" if size >= 2**30 else f"{size / 2**20:g} MB"


def _said(error: BaseException) -> str:
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return text[:120]


def _has_brotli() -> bool:
    from importlib.util import find_spec

    return find_spec("brotli") is not None


def _faces_in(data: bytes) -> int:
    return int.from_bytes(data[8:12], "big") if len(data) >= 12 else 0


def _check(font: Any, name: str) -> None:
    """A face a PDF may embed, with outlines and the Latin letters."""
    for table in ("cmap", "head", "hhea", "hmtx", "maxp", "name", "post"):
        if table not in font:
            raise FontFileError(
                f"{name} has no '{table}' table: it is damaged or not a complete font",
                "the font file as its maker publishes it",
            )
    if not any(table in font for table in ("glyf", "CFF ", "CFF2")):
        raise FontFileError(
            f"{name} has no outlines (it is a bitmap or colour font)",
            "a font with TrueType or CFF outlines",
        )
    fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    if fs_type & 0x000F == 0x0002 or fs_type & 0x0300:
        why = "restricted licence" if fs_type & 0x000F == 0x0002 else "no subsetting, or bitmaps"
        raise FontFileError(
            f"the licence of {name} forbids embedding it in a PDF (OS/2 fsType {fs_type:#06x}: "
            f"{why})",
            "a font whose licence allows embedding (fsType 0, 4 or 8), such as an open-licence "
            "one; ask its maker for a version for print",
        )
    cmap = font.getBestCmap() or {}
    lacking = [letter for letter in _LATIN if ord(letter) not in cmap]
    if lacking:
        shown = "".join(lacking[:12]) + ("…" if len(lacking) > 12 else "")
        raise FontFileError(
            f"{name} lacks {len(lacking)} of the 52 Latin letters A to Z and a to z ({shown})",
            "a font for Latin text, with every letter of the alphabet (other scripts are set in "
            "briefing's own fonts)",
        )


def _pin(font: Any, face: FaceFile, name: str) -> None:
    """A variable font set at the face's instance or axis values (the rest at their default);
    an error for an instance or axes given for a font that is not variable."""
    if "fvar" not in font:
        if face.instance or face.axes:
            raise FontFileError(
                f"{name} is not a variable font: it has no instances or axes",
                "no 'instance:' or 'axes:' for this file",
            )
        return
    from fontTools.varLib import instancer

    fvar = font["fvar"]
    axes = {axis.axisTag: axis for axis in fvar.axes}
    where = {tag: axis.defaultValue for tag, axis in axes.items()}
    if face.instance:
        names = {
            str(font["name"].getDebugName(i.subfamilyNameID)): i.coordinates for i in fvar.instances
        }
        chosen = next((c for n, c in names.items() if n.lower() == face.instance.lower()), None)
        if chosen is None:
            raise FontFileError(
                f"{name} has no instance '{face.instance}'",
                "one of its instances: " + ", ".join(f"'{n}'" for n in names),
            )
        where.update(chosen)
    for tag, value in face.axes:
        axis = axes.get(tag)
        if axis is None:
            raise FontFileError(
                f"{name} has no axis '{tag}'",
                "one of its axes: " + ", ".join(f"'{t}'" for t in axes),
            )
        if not axis.minValue <= value <= axis.maxValue:
            raise FontFileError(
                f"{name}'s axis '{tag}' has no value {value:g}",
                f"a value from {axis.minValue:g} to {axis.maxValue:g}",
            )
        where[tag] = value
    instancer.instantiateVariableFont(font, where, inplace=True, updateFontNames=False)
    # its own PostScript name, which a PDF names the face by (and ReportLab tells faces apart by)
    named = face.instance or "".join(f"{tag}{value:g}" for tag, value in face.axes) or "Default"
    postscript = f"{font['name'].getDebugName(6) or 'Face'}-{named}"
    font["name"].setName(re.sub(r"[^!-~]|[\[\](){}<>/%]", "", postscript)[:63], 6, 3, 1, 0x409)


def _serif(font: Any) -> bool:
    """Whether a face has serifs, as its OS/2 table says (PANOSE, then the IBM family class);
    without a word from either, not."""
    if "OS/2" not in font:
        return False
    os2 = font["OS/2"]
    panose = getattr(os2, "panose", None)
    if panose is not None and panose.bFamilyType == 2 and panose.bSerifStyle > 1:
        return bool(panose.bSerifStyle < 11)
    return bool(1 <= os2.sFamilyClass >> 8 <= 7)


def to_truetype(font: Any) -> None:
    """Replace a face's CFF outlines by TrueType ones (quadratic curves), which ReportLab can
    embed."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(None)
        glyphs[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for table in ("CFF ", "CFF2", "VORG"):
        if table in font:
            del font[table]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    maxp.maxComponentDepth = 0
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0  # no glyph names: a TrueType face needs none
    font.sfntVersion = "\x00\x01\x00\x00"


# The cjk extra (``pip install 'briefing[cjk]'``): Noto Sans CJK as a variable font of every
# weight, in the package manimgx-fonts-cjk (OFL). Its Simplified Chinese face's Chinese
# characters are drawn once a machine at the Regular and Bold weights, as TrueType outlines,
# and kept in the cache (about a minute a weight).
CJK_EXTRA = "pip install 'briefing[cjk]'"
FULL_CHINESE = "Noto Sans CJK SC"
_CJK_PACKAGE, _CJK_FILE = "manimgx_fonts_cjk", "NotoSansCJK-VF.otf.ttc"
_WEIGHTS = {"Regular": 400, "Bold": 700}


def cjk_file() -> Path | None:
    """The extra's font file, or None where the extra is not installed."""
    import importlib.util

    spec = importlib.util.find_spec(_CJK_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    path = Path(folders[0]) / _CJK_FILE if folders else None
    return path if path is not None and path.is_file() else None


def full_chinese(style: str, kept: Callable[[int], bool]) -> TTFont | None:
    """The full Chinese face in ``style`` ("Regular" or "Bold"): the characters ``kept`` of
    the extra's Simplified Chinese face, from the cache or drawn anew; None without the extra."""
    from reportlab import Version
    from reportlab.pdfbase.ttfonts import TTFont

    path = cjk_file()
    if path is None:
        return None
    name = f"NotoSansCJKsc-Full-{style}"
    key = cache.key_of(path, _FORMAT, f"reportlab{Version}")
    stored = cache.load(name, key)
    if isinstance(stored, dict):
        try:
            return restored(stored["data"], stored["state"])
        except (KeyError, TypeError, ValueError, AttributeError):
            pass  # not what this version stores: draw again
    # a minute's silence would look like a hang: say what takes it, on stderr (not the PDF)
    print(
        f"briefing: drawing the full Chinese face ({style.lower()}) for characters past the"
        " shipped one; about a minute, once on this machine",
        file=sys.stderr,
        flush=True,
    )
    data = _drawn_chinese(path, style, name, kept)
    font = TTFont(name, io.BytesIO(data))
    cache.store(name, key, {"data": data, "state": state_of(font)})
    return font


def _drawn_chinese(path: Path, style: str, name: str, kept: Callable[[int], bool]) -> bytes:
    """The TrueType bytes of the extra's Simplified Chinese face at ``style``'s weight, with
    the characters ``kept``: each glyph drawn at that weight, its curves made quadratic."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTCollection, TTFont

    faces = TTCollection(str(path), lazy=True).fonts
    number = next(i for i, f in enumerate(faces) if f["name"].getDebugName(1) == FULL_CHINESE)
    source = TTFont(str(path), fontNumber=number, lazy=True, recalcTimestamp=False)
    weight = _WEIGHTS[style]
    drawn = source.getGlyphSet(location={"wght": weight})
    cmap = {code: glyph for code, glyph in source.getBestCmap().items() if kept(code)}
    order = [".notdef", *sorted(set(cmap.values()) - {".notdef"}, key=source.getGlyphID)]
    outlines = {}
    for glyph in order:
        pen = TTGlyphPen(None)
        drawn[glyph].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        outlines[glyph] = pen.glyph()
    built = FontBuilder(source["head"].unitsPerEm, isTTF=True)
    built.setupGlyphOrder(order)
    built.setupCharacterMap(cmap)
    built.setupGlyf(outlines)
    glyf = built.font["glyf"]
    built.setupHorizontalMetrics(
        {g: (round(drawn[g].width), getattr(glyf[g], "xMin", 0)) for g in order}
    )
    hhea, os2 = source["hhea"], source["OS/2"]
    built.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
    built.setupNameTable(
        {"familyName": FULL_CHINESE, "styleName": style, "psName": name},
        windows=True,
        mac=False,
    )
    built.setupOS2(
        usWeightClass=weight,
        fsType=os2.fsType,
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        sxHeight=os2.sxHeight,
        sCapHeight=os2.sCapHeight,
    )
    built.setupPost(keepGlyphNames=False)
    built.setupMaxp()
    out = io.BytesIO()
    built.save(out)
    return out.getvalue()


def _parsed(data: bytes, name: str) -> dict[str, Any]:
    """ReportLab's parse of a face, as plain data (see ``fonts``)."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    try:
        return state_of(TTFont(name, io.BytesIO(data)))
    except TTFError as error:
        raise FontFileError(
            f"ReportLab cannot embed this font ({_said(error)})", "another font"
        ) from None


_NOT_STORED = {"face", "encoding", "state", "_ttf_data", "_pdfScale"}


def state_of(font: TTFont) -> dict[str, Any]:
    """A face parsed by ReportLab as plain data (for the cache), which ``restored`` makes a
    face again."""
    from reportlab.pdfbase.ttfonts import TTFNameBytes

    face = vars(font.face)
    return {
        "font": {k: v for k, v in vars(font).items() if k not in _NOT_STORED},
        "face": {k: v for k, v in face.items() if k not in _NOT_STORED},
        "names": [k for k, v in face.items() if isinstance(v, TTFNameBytes)],
    }


def restored(data: bytes, stored: dict[str, Any]) -> TTFont:
    """The face ``state_of`` kept, with its TrueType bytes ``data``: ReportLab's attributes that
    are not plain data set again as ReportLab sets them."""
    from weakref import WeakKeyDictionary

    from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

    face = TTFontFace.__new__(TTFontFace)
    vars(face).update(stored["face"])
    for name in stored["names"]:
        setattr(face, name, TTFNameBytes(getattr(face, name)))
    face._ttf_data = data
    scale = 1000 / face.unitsPerEm
    face._pdfScale = lambda x: x * scale
    font = TTFont.__new__(TTFont)
    vars(font).update(stored["font"], face=face, encoding=TTEncoding(), state=WeakKeyDictionary())
    return font


def _serve() -> None:
    """The separate process: read the faces named on standard input, within the limits, and
    write each face (or what is wrong with it) to standard output."""
    fields, names, memory = marshal.loads(sys.stdin.buffer.read())  # noqa: S302 - from briefing
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    except (ImportError, ValueError, OSError):
        pass  # no such limit on this system: the time limit still holds
    answers: list[Any] = []
    for (path, number, instance, axes), name in zip(fields, names, strict=True):
        face = FaceFile(path, number, instance, tuple(map(tuple, axes)))
        try:
            answers.append(convert(face, name))
        except FontFileError as error:
            answers.append((str(error), error.expected))
        except MemoryError:
            answers.append(
                (
                    f"reading the font file {Path(path).name} took more than {_amount(memory)} "
                    "of memory",
                    "a font file that is not damaged, of one face for Latin text",
                )
            )
    sys.stdout.buffer.write(marshal.dumps(answers))


if __name__ == "__main__":
    _serve()
