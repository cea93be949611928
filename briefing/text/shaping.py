"""Shaping and direction: Arabic and Hebrew runs shaped with HarfBuzz, lines ordered by UAX #9.

A run of a script that joins its letters or stacks marks (Arabic, Persian, Hebrew with points)
is shaped by HarfBuzz (``uharfbuzz``): contextual forms, the lam-alef ligature, marks placed.
Its glyphs are drawn through ReportLab's shaped strings, each under a code that the ToUnicode
map turns back into letters (``source``), never a presentation form or a private-use code:
right to left, a letter a glyph, in the order the readers of the text turn back, and marks
placed off their pen drawn as outlines (``shaped``; docs/readers.md). A right-to-left line
is put in display order by the Unicode bidirectional algorithm (``python-bidi``): each
character's embedding level, then runs reversed level by level (``display_order``).

uharfbuzz is imported only when a sheet has text that needs it: ReportLab would import it with
its TrueType module on every start, so ``load_reportlab`` imports that module without it.
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import itertools
import os
import re
import sys
import threading
import unicodedata
from array import array
from pathlib import Path
from typing import Any, NamedTuple

from .. import cache, fonts
from . import joiners, widened

_SHAPED = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")  # Hebrew and Arabic blocks
_JOINING = re.compile(r"[\u0600-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")  # Arabic blocks
# A space at either end of a run of right-to-left glyphs reads as the Arabic letter mark (an
# invisible right-to-left character) and the space: pdf.js drops a space read as one at either
# end of what it reads at a time, and keeps this; PDFium keeps it on the right side
# (docs/readers.md).
EDGE_SPACE = "\u061c"
KASHIDA = "\u0640"  # tatweel: the stroke that lengthens a joined Arabic word
STRETCH = "\ufdd0"  # a kashida added to justify a line: drawn as one, read as nothing
# A number in Arabic-Indic or Persian digits (with the Arabic separators and percent sign):
# pypdf takes these digits for neutral characters, which it turns around, one by one, with the
# right-to-left text they stand in, but keeps a glyph that reads several characters as it is
# (``_whole_numbers``).
_NUMBER = re.compile(r"[\u0660-\u066c\u06f0-\u06f9]+")
# Signs after a number that PDFium takes for part of it (of the bidirectional classes CS and
# ET, weak to it, as figures are): a full stop, a comma, a colon, a percent sign
NUMBER_SIGNS = frozenset(".,:%\u060c\u066a")
JOINER = "\ufdd1"  # beside a break between joining letters: shaped as U+200D, read as nothing
JOINS_RIGHT_ONLY = frozenset("ءآأؤإاةدذرزوٱژڈڑۀۃۄۅۆۇۈۉۊۋۍۏ")  # Arabic: never to the next letter
_FIRST_PRIVATE = 0xE000
_PRESENTATION_FORMS = range(0xFB00, 0xFF00)  # Latin, Hebrew and Arabic presentation forms
_PRIVATE = range(0xE000, 0xF900)
FIRST_SPECIAL = _PRIVATE.start  # below it, no code is private nor a presentation form


def load_reportlab() -> None:
    """Import ReportLab's TrueType fonts without uharfbuzz (unless something imported it
    already): ReportLab imports it with them, about 15 ms of every start."""
    if "reportlab.pdfbase.ttfonts" in sys.modules or "uharfbuzz" in sys.modules:
        return
    sys.modules["uharfbuzz"] = None  # type: ignore[assignment]  # import fails: ReportLab copes
    try:
        import reportlab.pdfbase.ttfonts  # noqa: F401
    finally:
        del sys.modules["uharfbuzz"]


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds a right-to-left letter (Hebrew, Arabic)."""
    return any(unicodedata.bidirectional(char) in ("R", "AL") for char in _PAST_LTR.findall(text))


_PAST_LTR = re.compile("[^\x00-\u058f]")  # no right-to-left letter comes before Hebrew's


def joins(text: str) -> bool:
    """Whether ``text`` holds letters that join (Arabic): letter spacing would break them."""
    return _JOINING.search(text) is not None


def needs_shaping(text: str) -> bool:
    """Whether ``text`` holds letters or marks that only shaping draws right (Arabic, Hebrew)."""
    return _SHAPED.search(text) is not None


@functools.cache
def _harfbuzz() -> Any:
    """uharfbuzz, imported now, and given to ReportLab, which then draws shaped strings."""
    import uharfbuzz
    from reportlab.pdfbase import ttfonts

    ttfonts.uharfbuzz = uharfbuzz
    return uharfbuzz


@functools.cache
def _hb_font(font: str) -> Any:
    from reportlab.pdfbase.pdfmetrics import getFont

    hb = _harfbuzz()
    face = getFont(font)
    face.shapable = True  # set again now that ReportLab has uharfbuzz
    return hb.Font(face.hbFace)


class Glyph(NamedTuple):
    """A shaped glyph, in font units: its id, the offset of its cluster in the text, where it
    sits and how far it advances."""

    gid: int
    cluster: int
    x_advance: int
    y_advance: int
    x_offset: int
    y_offset: int


_UNLINKED = {"liga": False, "clig": False}  # features of text with a break inside a ligature


def _shaper() -> str:
    """What shaped the kept glyphs: uharfbuzz's compiled module, its size and time (found
    without importing it)."""
    spec = importlib.util.find_spec("uharfbuzz")
    places = spec.submodule_search_locations if spec else None
    for entry in os.scandir(places[0]) if places else ():
        if entry.name.startswith("_harfbuzz"):
            return cache.key_of(Path(entry.path), "shapes")
    return cache.key_of(fonts.FONT_DIR, "shapes")


# Words shaped in earlier processes, by face and text: a build of text seen before (the next
# build of a sheet, another sheet in the same words) neither loads HarfBuzz nor shapes again.
_kept = cache.Kept("shapes", _shaper)


@functools.lru_cache(maxsize=20_000)
def shape(text: str, font: str, rtl: bool, ligatures: bool = True) -> tuple[Glyph, ...]:
    """The glyphs of ``text`` in ``font``, in display order (left to right), kerned, with the
    font's standard ligatures unless ``ligatures`` is False."""
    if not text:  # HarfBuzz gives an empty buffer no positions at all
        return ()
    face, asked = fonts.identity(font), (text, rtl, ligatures)
    kept = _kept.get(face, asked)
    if isinstance(kept, bytes):
        numbers = array("i")
        numbers.frombytes(kept)
        each = iter(numbers.tolist())
        return tuple(map(Glyph._make, zip(*[each] * 6, strict=True)))
    hb = _harfbuzz()
    buffer = hb.Buffer()
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text.replace(JOINER, "\u200d"))
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    hb.shape(_hb_font(font), buffer, {} if ligatures else _UNLINKED)
    found = tuple(
        Glyph(info.codepoint, info.cluster, p.x_advance, p.y_advance, p.x_offset, p.y_offset)
        for info, p in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True)
    )
    _kept.put(face, asked, array("i", [n for glyph in found for n in glyph]).tobytes())
    return found


def _advance(font: str, gid: int) -> int:
    """Glyph ``gid``'s advance in ``font``, in font units (kept as shapes are)."""
    face = fonts.identity(font)
    kept = _kept.get(face, gid)
    if isinstance(kept, int):
        return kept
    found = int(_hb_font(font).get_glyph_h_advance(gid))
    _kept.put(face, gid, found)
    return found


@functools.cache
def shapable(font: str) -> None:
    """Let ReportLab draw shaped strings in ``font`` (it needs uharfbuzz for that)."""
    _hb_font(font)


@functools.lru_cache(maxsize=20_000)
def width(text: str, font: str) -> float:
    """The advance of ``text`` shaped in ``font``, at unit size."""
    from reportlab.pdfbase.pdfmetrics import getFont

    rtl = has_rtl(text)
    units = getFont(font).face.unitsPerEm
    glyphs = shape(text.replace(STRETCH, KASHIDA), font, rtl)
    return sum(glyph.x_advance for glyph in glyphs) / units


class Glyphs(NamedTuple):
    """Text shaped left to right, as drawn: a code a glyph (``_code``), each glyph's advance
    and offsets in thousandths of an em, and where each glyph's cluster starts in the text."""

    codes: str
    advances: tuple[float, ...]
    offsets: tuple[tuple[float, float], ...] | None  # (x, y) a glyph; None when all are 0
    clusters: tuple[int, ...]

    def part(self, start: int, end: int) -> Glyphs:
        """The glyphs of the text's characters ``start`` to ``end`` (cluster boundaries)."""
        first = bisect.bisect_left(self.clusters, start)
        last = bisect.bisect_left(self.clusters, end)
        offsets = self.offsets[first:last] if self.offsets else None
        clusters = tuple(c - start for c in self.clusters[first:last])
        return Glyphs(self.codes[first:last], self.advances[first:last], offsets, clusters)


@functools.lru_cache(maxsize=50_000)
def glyphs(text: str, font: str, ligatures: bool = True) -> Glyphs:
    """``text`` shaped left to right in ``font``: kerned, with the font's standard ligatures
    unless ``ligatures`` is False; a ligature is drawn under a code that reads as its letters."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face, asked = fonts.identity(font), ("glyphs", text, ligatures)
    kept = _kept.get(face, asked)
    if isinstance(kept, tuple):  # a glyph a letter, each under its own code: only advances
        return Glyphs(text, kept, None, tuple(range(len(text))))
    face_font = getFont(font)
    scale = 1000 / face_font.face.unitsPerEm
    shaped_glyphs = joiners.folded(text, shape(text, font, False, ligatures))
    ends = dict(itertools.pairwise([*sorted({g.cluster for g in shaped_glyphs}), len(text)]))
    codes: list[str] = []
    read: set[int] = set()
    for glyph in shaped_glyphs:
        letters = "" if glyph.cluster in read else text[glyph.cluster : ends[glyph.cluster]]
        read.add(glyph.cluster)
        codes.append(chr(_code(face_font, glyph.gid, letters)))
    offsets = tuple((g.x_offset * scale, g.y_offset * scale) for g in shaped_glyphs)
    found = Glyphs(
        "".join(codes),
        tuple(g.x_advance * scale for g in shaped_glyphs),
        offsets if any(x or y for x, y in offsets) else None,
        tuple(g.cluster for g in shaped_glyphs),
    )
    if found.codes == text and found.offsets is None and found.clusters == tuple(range(len(text))):
        _kept.put(face, asked, found.advances)  # nothing given out to replay: kept whole
    return found


def plain_glyphs(text: str, font: str) -> Glyphs:
    """``text`` drawn a code a character at the font's advances, unshaped (a soft hyphen,
    which shaping would hide)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face = getFont(font).face
    widths = tuple(face.charWidths.get(ord(char), face.defaultWidth) for char in text)
    return Glyphs(text, widths, None, tuple(range(len(text))))


def drawn(codes: str, advances: list[float], offsets: list[tuple[float, float]], font: str) -> str:
    """Glyphs as ReportLab draws them at their own advances and offsets (thousandths of an
    em): a ``ShapedStr``, written as one TJ array of codes and kerning adjustments."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    face = getFont(font).face
    widths, default = face.charWidths, face.defaultWidth
    data = [
        ShapeData(0, advance, 0, x, y, widths.get(ord(code), default))
        for code, advance, (x, y) in zip(codes, advances, offsets, strict=True)
    ]
    return ShapedStr(codes, shapeData=data)


# The letters each code of a face stands for, where that is not the code's own character:
# shaped glyphs (a contextual form, a ligature) drawn under private-use codes, by face name.
_sources: dict[str, dict[int, str]] = {}
# (font, glyph, letters, font units drawn past the glyph's advance): its private-use code
_codes: dict[tuple[str, int, str, int], int] = {}
_next_private: dict[str, int] = {}  # by font: the first private-use code not yet tried
_coding = threading.Lock()  # held while a code is given out


def source(face_name: str, code: int) -> str:
    """The text that code ``code`` of the face named ``face_name`` (its PostScript name) stands
    for: the letters of the cluster it was shaped from, or the character itself (a presentation
    form decomposed)."""
    found = _sources.get(face_name, {}).get(code)
    if found is not None:
        return found
    char = chr(code)
    if code in _PRESENTATION_FORMS:
        return unicodedata.normalize("NFKC", char)
    return char


def _code(font: Any, gid: int, letters: str, wider: int = 0) -> int:
    """The character code that draws glyph ``gid`` of ``font`` for ``letters``, ``wider``
    font units wider than the glyph: the letter itself when the font maps it to that glyph
    and it is no wider, or a private-use code of its own."""
    face = font.face
    if not wider and len(letters) == 1 and face.charToGlyph.get(ord(letters)) == gid:
        return ord(letters)
    key = (font.fontName, gid, letters, wider)
    with _coding:  # threads shaping at once would give two glyphs one code
        return _codes.get(key) or _new_code(font, gid, letters, wider)


def _new_code(font: Any, gid: int, letters: str, wider: int) -> int:
    """A private-use code of its own for glyph ``gid`` of ``font``, drawn for ``letters``,
    ``wider`` font units wider than the glyph: then under a copy of the glyph of its own in
    the embedded font, with that advance (``widened``)."""
    face = font.face
    code = _next_private.get(font.fontName, _FIRST_PRIVATE)
    while code in face.charToGlyph:
        code += 1
    _next_private[font.fontName] = code + 1
    advance = _advance(font.fontName, gid) + wider
    if wider:
        face.charToGlyph[code] = widened.glyph(face, gid, advance)
    else:
        face.charToGlyph[code] = gid
        face.glyphToChar.setdefault(gid, []).append(code)
    face.charWidths[code] = advance * 1000 / face.unitsPerEm
    _codes[font.fontName, gid, letters, wider] = code
    _sources.setdefault(face.name.decode("latin-1"), {})[code] = letters
    return code


class Drawn(str):
    """Right-to-left glyphs as drawn: their codes (a ReportLab ``ShapedStr``, as ``glyphs``),
    and the ``marks`` drawn as outlines beside them."""

    glyphs: str
    marks: tuple[Mark, ...]


class Mark(NamedTuple):
    """A mark (an Arabic vowel sign, a Hebrew point) or a kashida added to justify a line,
    drawn as its outline (``outline``):
    glyph ``gid`` of ``font`` at ``x``, ``y`` (thousandths of an em from where its run starts,
    before letter and word spacing), after ``glyphs`` glyphs of which ``spaces`` are spaces."""

    font: str
    gid: int
    x: float
    y: float
    glyphs: int
    spaces: int


@functools.lru_cache(maxsize=20_000)
def shaped(text: str, font: str, rtl: bool, more: str = "") -> Drawn:
    """``text`` shaped in ``font``: its glyphs in display order, with each glyph's position.

    Left to right, the text layer (ToUnicode) reads a cluster's letters from its first glyph,
    and nothing from its other glyphs. Right to left, every glyph reads as one letter, the
    cluster's letters taken from its last (``_letters``): the readers of the text (PDFium,
    pdf.js, pypdf) take the glyphs of a line left to right and turn each right-to-left stretch
    around letter by letter, which gives the letters back in reading order. A mark is drawn
    as its outline, and read from an empty glyph where HarfBuzz puts it (PDFium would read
    a mark raised or lowered in a text object of its own out of its place). A kashida added
    to justify (``STRETCH``) is drawn as its outline too, and the glyph drawn before it
    (left of it) under a code of its own as wide as both, which reads as that glyph's letter:
    a kashida's glyph would read as something inside the word (docs/readers.md). The last
    cluster reads ``more`` after its letters (the signs after a number, drawn apart)."""
    from reportlab.pdfbase.pdfmetrics import getFont
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    shapable(font)
    face_font = getFont(font)
    glyphs = shape(text.replace(STRETCH, KASHIDA), font, rtl)
    if not rtl:
        glyphs = _whole_numbers(text, glyphs)
    starts = [*sorted({glyph.cluster for glyph in glyphs}), len(text)]
    ends = dict(itertools.pairwise(starts))
    scale = 1000 / face_font.face.unitsPerEm
    empty = _empty_glyph(font) if rtl else None
    codes: list[str] = []
    data = []
    marks: list[Mark] = []
    pen = 0.0
    clusters = [(c, list(group)) for c, group in itertools.groupby(glyphs, lambda g: g.cluster)]
    stretch = [not text[c : ends[c]].strip(STRETCH) for c, _ in clusters]  # kashidas added
    spans = [0] * len(clusters)  # font units of the kashidas added right after each cluster
    for index in reversed(range(len(clusters) - 1)):
        if stretch[index + 1]:
            spans[index] = spans[index + 1] + sum(g.x_advance for g in clusters[index + 1][1])
    for index, (cluster, members) in enumerate(clusters):
        if text[cluster : ends[cluster]] == JOINER:  # no ink, no advance: read as nothing
            continue
        if stretch[index] and codes:  # outlines, spanned by the glyph drawn before them
            for glyph in members:
                x, y = pen + glyph.x_offset * scale, glyph.y_offset * scale
                marks.append(Mark(font, glyph.gid, x, y, len(codes), codes.count(" ")))
                pen += glyph.x_advance * scale
            continue
        letters = text[cluster : ends[cluster]].replace(STRETCH, "")
        if index == len(clusters) - 1:
            letters += more
        if empty:  # a mark placed off its pen: an outline, and an empty glyph to read
            here = pen
            for k, glyph in enumerate(members):
                if not glyph.x_advance and (glyph.x_offset or glyph.y_offset):
                    x, y = here + glyph.x_offset * scale, glyph.y_offset * scale
                    at = len(codes) + k
                    marks.append(Mark(font, glyph.gid, x, y, at, codes.count(" ")))
                    members[k] = Glyph(empty, cluster, 0, 0, 0, 0)
                here += glyph.x_advance * scale
        readings = _letters(letters, len(members), rtl, empty)
        drawn_here = list(itertools.zip_longest(members, readings))
        for k, (glyph, reading) in enumerate(drawn_here):
            glyph = glyph or Glyph(empty or 0, cluster, 0, 0, 0, 0)
            past = spans[index] if k == len(drawn_here) - 1 else 0
            code = _code(face_font, glyph.gid, reading or "", past)
            codes.append(chr(code))
            data.append(
                ShapeData(
                    glyph.cluster,
                    (glyph.x_advance + past) * scale,
                    glyph.y_advance * scale,
                    glyph.x_offset * scale,
                    glyph.y_offset * scale,
                    face_font.face.charWidths[code],
                )
            )
            pen += glyph.x_advance * scale
    out = Drawn(edged("".join(codes), font) if rtl else "".join(codes))
    if len(out) > len(codes):  # an empty glyph at the start (``edged``)
        data.insert(0, ShapeData(0, 0.0, 0.0, 0.0, 0.0, 0.0))
    out.glyphs = ShapedStr(out, shapeData=data)
    out.marks = tuple(marks)
    return out


def reading(code: str, font: str, more: str, before: str = "") -> str:
    """A code that draws the glyph that ``code`` draws in ``font``, and reads as ``before``,
    as it does and then as ``more``."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face_font = getFont(font)
    face = face_font.face
    letters = before + source(face.name.decode("latin-1"), ord(code)) + more
    return chr(_code(face_font, face.charToGlyph[ord(code)], letters))


def silent(text: str, font: str) -> str:
    """``text`` (unshaped, in display order) under codes that draw its glyphs in ``font`` and
    read as nothing."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face_font = getFont(font)
    return "".join(chr(_code(face_font, face_font.face.charToGlyph[ord(c)], "")) for c in text)


def _whole_numbers(text: str, glyphs: tuple[Glyph, ...]) -> tuple[Glyph, ...]:
    """``glyphs`` with each number in Arabic-script digits of ``text`` one cluster: its first
    glyph reads the whole number, the others nothing (docs/readers.md)."""
    starts = {k: m.start() for m in _NUMBER.finditer(text) for k in range(m.start(), m.end())}
    return tuple(g._replace(cluster=starts.get(g.cluster, g.cluster)) for g in glyphs)


SOFT_HYPHEN = "\u00ad"  # a line-end hyphen: drawn as a hyphen, read as a soft one (``line``)
_edges: set[tuple[str, str]] = set()  # (font, code): the space's glyph, read after EDGE_SPACE
# (font, code): an empty glyph at the start of a run, read as EDGE_SPACE alone or as the soft
# hyphen of a word broken there (``broken``)
_turns: set[tuple[str, str]] = set()


def edged(codes: str, font: str) -> str:
    """Right-to-left glyphs ``codes`` with a space at either end drawn under a code of its own
    that reads as ``EDGE_SPACE`` and the space, one at the start after an empty glyph that
    reads as ``EDGE_SPACE`` alone (pypdf and PDFium then read on right to left:
    docs/readers.md)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face_font = getFont(font)
    out = list(codes)
    for k in {0, len(out) - 1} if out else ():
        space = out[k]
        gid = face_font.face.charToGlyph.get(ord(space))
        if space == " " and gid is not None:
            out[k] = chr(_code(face_font, gid, EDGE_SPACE + space))
            _edges.add((font, out[k]))
    empty = _empty_glyph(font)
    if out and (font, out[0]) in _edges and empty is not None:
        out.insert(0, chr(_code(face_font, empty, EDGE_SPACE)))
        _turns.add((font, out[0]))
    return "".join(out)


def broken(font: str) -> tuple[str, str] | None:
    """The codes of ``font``'s empty glyph read as a zero-width space and a soft hyphen (two
    characters: neutral to pypdf, which reads them after the letters, at the line's end), and
    as a soft hyphen and a space, for a word broken at a line's end with nothing drawn
    (``line._broken``); the first is drawn at a run's start, as ``edged`` draws its own."""
    empty = nothing(font)
    if empty is None:
        return None
    first = reading(empty, font, "\u200b" + SOFT_HYPHEN)
    _turns.add((font, first))
    return first, reading(empty, font, SOFT_HYPHEN + " ")


def unedged(codes: str, font: str) -> str:
    """``codes`` as they were before ``edged``: its spaces plain, without its empty glyph."""
    return "".join(" " if (font, c) in _edges else c for c in codes if (font, c) not in _turns)


def lead(codes: str, font: str) -> tuple[int, int]:
    """What ``edged`` or ``broken`` put at the start of ``codes`` that word and letter
    spacing move otherwise than before: (the word spaces they skip, the glyphs they move):
    (1, 1) for a space after an empty glyph, (1, 0) for a space alone (a face without an
    empty glyph), (0, 1) for an empty glyph alone (a soft hyphen), else (0, 0)."""
    turned = bool(codes) and (font, codes[0]) in _turns
    first = codes[int(turned) : int(turned) + 1]
    return int((font, first) in _edges), int(turned)


def nothing(font: str) -> str | None:
    """The code of ``font``'s empty glyph (no ink, no advance) that reads as nothing, or None
    if the face has no empty glyph."""
    from reportlab.pdfbase.pdfmetrics import getFont

    empty = _empty_glyph(font)
    return None if empty is None else chr(_code(getFont(font), empty, ""))


def unseen(font: str) -> str:
    """The codes of an invisible text object that ends a part of a right-to-left line for
    PDFium (``textbox._parts``): ``font``'s empty glyph, its full stop (which gives the object
    a width) and the empty glyph again, each read as a space. PDFium reads them at the end of
    the part before, after the space it puts there and before its line break: as spaces they
    make one stretch of white space with both, which Chrome's find takes for one space (as
    zero-width spaces they parted it in two: a phrase across the break was not found)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    face_font, empty = getFont(font), _empty_glyph(font)
    stop = _code(face_font, face_font.face.charToGlyph[ord(".")], " ")
    blank = chr(_code(face_font, empty, " ")) if empty is not None else ""
    return blank + chr(stop) + blank


Outline = tuple[tuple[str, tuple[float, ...]], ...]  # path operations, in font units


@functools.lru_cache(maxsize=2_000)
def outline(font: str, gid: int) -> tuple[Outline, int]:
    """The outline of glyph ``gid`` of ``font`` as path operations (``moveTo``, ``lineTo``,
    ``curveTo`` with cubic control points, ``close``), and the face's units per em."""
    from reportlab.pdfbase.pdfmetrics import getFont

    operations: list[tuple[str, tuple[float, ...]]] = []

    class Pen:
        current = (0.0, 0.0)

        def moveTo(self, point: tuple[float, float]) -> None:
            operations.append(("moveTo", point))
            self.current = point

        def lineTo(self, point: tuple[float, float]) -> None:
            operations.append(("lineTo", point))
            self.current = point

        def curveTo(self, *points: tuple[float, float]) -> None:
            operations.append(("curveTo", tuple(c for point in points for c in point)))
            self.current = points[-1]

        def qCurveTo(self, *points: tuple[float, float]) -> None:
            controls, last = points[:-1], points[-1]
            for k, (qx, qy) in enumerate(controls):  # on-curve points implied between
                following = controls[k + 1] if k + 1 < len(controls) else last
                x, y = (
                    following
                    if k + 1 == len(controls)
                    else ((qx + following[0]) / 2, (qy + following[1]) / 2)
                )
                x0, y0 = self.current
                first = (x0 + 2 / 3 * (qx - x0), y0 + 2 / 3 * (qy - y0))
                second = (x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y))
                self.curveTo(first, second, (x, y))

        def closePath(self) -> None:
            operations.append(("close", ()))

    _hb_font(font).draw_glyph_with_pen(gid, Pen())
    return tuple(operations), getFont(font).face.unitsPerEm


def _letters(letters: str, count: int, rtl: bool, empty: int | None) -> list[str]:
    """What each of a cluster's ``count`` glyphs (left to right) reads as: left to right, its
    ``letters`` on the first; right to left, one letter a glyph from the last letter, the
    letters the glyphs cannot hold (lam-alef: one glyph, two letters) on empty glyphs (no
    ink, no advance) after them, or with no ``empty`` glyph in the face, all on the last."""
    if not rtl or not letters:
        return [letters] + [""] * (count - 1)
    backwards = list(reversed(letters))
    if len(backwards) > count and empty is None:
        backwards[count - 1 :] = ["".join(backwards[count - 1 :])]
    return backwards + [""] * (count - len(backwards))


_INVISIBLE = (0x200B, 0x200C, 0x200D, 0x0000)  # characters a face may draw with an empty glyph


@functools.cache
def _empty_glyph(font: str) -> int | None:
    """A glyph of ``font`` that draws nothing and takes no room (the zero-width space's, or a
    joiner's where it has no ink), or None if the face has none."""
    hb_font = _hb_font(font)
    for char in _INVISIBLE:
        gid = hb_font.get_nominal_glyph(char)
        if not gid or hb_font.get_glyph_h_advance(gid) != 0:
            continue
        ink = hb_font.get_glyph_extents(gid)  # a face may draw a joiner as a visible bar
        if ink is None or (ink.width == 0 and ink.height == 0):
            return int(gid)
    return None


_LEVEL = re.compile(r"Level\(\s*(\d+)")


def levels(text: str, rtl: bool) -> list[int]:
    """The embedding level of each character of a line in a paragraph of direction ``rtl``
    (UAX #9 up to rule I2, with bracket pairs; trailing spaces are the paragraph's, rule L1).

    python-bidi gives the levels only in its report of the algorithm's state (``debug``), a
    level for each byte of the text's UTF-8; tests/test_internals.py checks that it still does.
    """
    from bidi import get_display

    report = str(get_display(text, base_dir="R" if rtl else "L", debug=True))
    listed = report.rsplit("paragraphs:", 1)[0].rsplit("levels: [", 1)[1]
    by_byte = [int(level) for level in _LEVEL.findall(listed)]
    found: list[int] = []
    offset = 0
    for char in text:
        found.append(by_byte[offset])
        offset += len(char.encode("utf-8"))
    if offset != len(by_byte):
        raise RuntimeError("python-bidi reports levels in a way briefing does not know")
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        found[end] = int(rtl)
    return found


def display_order(run_levels: list[int]) -> list[int]:
    """The display order (left to right) of runs at ``run_levels``, by their indexes: from the
    highest level down to the lowest odd one, each stretch at that level or above is reversed
    (UAX #9, rule L2)."""
    order = list(range(len(run_levels)))
    odd = [level for level in run_levels if level % 2]
    if not odd:
        return order
    for level in range(max(run_levels), min(odd) - 1, -1):
        index = 0
        while index < len(order):
            if run_levels[order[index]] < level:
                index += 1
                continue
            end = index
            while end < len(order) and run_levels[order[end]] >= level:
                end += 1
            order[index:end] = order[index:end][::-1]
            index = end
    return order


def turned(text: str, font: str) -> str:
    """``text`` reversed for a right-to-left run, in codes of ``font``: each bracket drawn as
    its mirror image (UAX #9, rule L4) under a code that reads as the bracket typed, between
    the Arabic letter mark and the left-to-right mark. pdf.js and pypdf read a glyph as its
    code maps it; PDFium mirrors a bracket again where it reads it right to left, after a
    right-to-left letter: after the left-to-right mark it reads it left to right, alone, as
    the Arabic letter mark ends the stretch (docs/readers.md). Chrome's find ignores both."""
    from bidi.mirror import MIRRORED
    from reportlab.pdfbase.pdfmetrics import getFont

    face_font, empty = getFont(font), _empty_glyph(font)
    out = []
    for char in reversed(text):
        image = MIRRORED.get(char, char)
        gid = face_font.face.charToGlyph.get(ord(image)) if image != char else None
        if gid is None or empty is None:
            out.append(image)
            continue
        half = _advance(font, gid) // 2  # the bracket's advance, shared with the mark
        bracket = _code(face_font, gid, EDGE_SPACE + char, -half)
        out.append(chr(bracket) + chr(_code(face_font, empty, _LEFT_TO_RIGHT, half)))
    return "".join(out)


_LEFT_TO_RIGHT = "\u200e"  # the left-to-right mark


def mirrored(text: str) -> str:
    """``text`` reversed for a right-to-left run, its brackets mirrored (UAX #9, rule L4)."""
    from bidi.mirror import MIRRORED

    return "".join(MIRRORED.get(char, char) for char in reversed(text))
