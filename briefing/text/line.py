"""Line: one line of a paragraph placed for drawing, its runs at their places.

Takes a paragraph's ``Measured`` items and one ``linebreak.Line``; gives a ``SetLine``: runs
of one face, colour and link (``PlacedRun``), with the word and letter spacing that justify the
line. A justified line too loose for its spaces is letter-spaced a little, or set ragged; a
justified Arabic line lengthens words by kashidas instead (``kashida``), since joined letters
cannot be spaced apart; a line of Chinese keeps its grid, its punctuation's blank halves
stretching or compressed. The bidirectional algorithm runs over the whole paragraph
(addresses, telephone numbers and amounts isolated left to right); each line is then put in
display order from its levels (``_display``), its right-to-left runs shaped or mirrored; the
controls of the algorithm are never drawn.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from typing import NamedTuple

from ..language import BIDI_CONTROLS
from . import kashida, shaping
from .collect import MAIL, WEB
from .grid import kept
from .linebreak import ADDRESS_MARKS, INFINITE, TIE, TOLERANCE, Item, Line
from .measure import (
    SOFT_HYPHEN,
    SPACE_SHRINK,
    SPACE_STRETCH,
    Fragment,
    Measured,
    in_address,
    plain_width,
    text_width,
    unkerned,
)
from .spec import TypeSpec
from .spread import COMPRESSION, MOST_LETTER_SPACING, spread

# The tolerance of lines that glyphs cannot help by stretching (Arabic, Hebrew, Chinese): their
# spaces stretch by half at most, and kashidas or letter spacing take the rest (the breaker
# counts on them: ``kashida.room``, ``spread.MOST_LETTER_SPACING``).
SCRIPT_TOLERANCE = 1.0
_LOOSEST = 0.5  # ems a space may grow by past what justifying allows; past it, ragged
# Bidirectional text: what keeps its left-to-right order inside a right-to-left paragraph (a
# web or e-mail address, an international telephone number, a number grouped by spaces, '1 200,50',
# but not figures a space apart in a range, a fraction or a list, '5-6 7/8', '10,000 20,000'; an
# amount of money and the Latin words after it), isolated (LRI ... PDI) before the algorithm runs.
_LEFT_TO_RIGHT = (  # compiled by ``re`` when first used: only right-to-left lines need it
    rf"(?i:{WEB}|{MAIL}|\+\d+(?:[ \u00a0-]\d+)+"
    rf"|(?<!\d)(?<!\d[-/:.,])\d+(?:[ \u00a0]\d+)+(?:[.,]\d+)?(?!\d|[-/:.,]\d)"
    rf"|[$€£¥]\s?\d(?:[\d.,]*\d)?(?:\s+[a-z]+)*)"
)
_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"
# A number's signs are a run of their own after these (European, Arabic-Indic, Persian digits)
_DIGITS = frozenset(
    "0123456789\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
    "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
)
# Signs before a number that PDFium takes for part of it ("ו-75%"): a run of their own (``_ahead``)
_BEFORE = re.compile(r"(?<![-+\u2212])[-+\u2212]+(?=[0-9\u0660-\u0669\u06f0-\u06f9])")
_SEPARATORS = frozenset(",.\u066b\u066c")  # inside a number: its decimal and thousands signs
_ARABIC_MARK = "\u061c"  # its context for digits at a paragraph's start
_APART = 0.5  # ems of word space past which right-to-left words are drawn apart (``_display``)
# Characters of one kind to PDFium's reading of a line (weak: figures, their signs, marks)
_WEAK = frozenset({"EN", "AN", "NSM", "CS", "ES", "ET", "BN"})


class PlacedRun(NamedTuple):
    """A run of a line as drawn: its text and face, and where it starts."""

    text: str  # in reading (logical) order
    font: str
    colour: str
    link: str
    x: float  # from the line's left end, in points
    width: float  # in points
    shown: str = ""  # what is drawn, when not ``text``: glyphs shaped or reordered for display
    glyphs: str = ""  # or glyphs that read as ``text``, each at its place (a ``ShapedStr``)


class SetLine(NamedTuple):
    """One line as drawn: its runs, its word and letter spacing and its width."""

    runs: list[PlacedRun]
    word_space: float  # points added to each space (justified lines)
    char_space: float  # points added after each character (a line too loose for its spaces)
    width: float  # in points
    visual: bool = False  # runs are placed each at its own ``x`` (in reading order), not in turn
    scale: float = 1.0  # the glyphs' horizontal scale (their expansion, in justified lines)
    strained: bool = False  # looser than spaces, expansion and letter spacing may make good


def place(
    measured: Measured, spec: TypeSpec, size: float, room: float, line: Line, last: bool
) -> SetLine:
    """``line`` of a paragraph ``measured`` and set at ``size`` in lines ``room`` wide (at unit
    size), placed: a justified line shares the room left among its spaces; one that ends
    between words keeps the space, for readers of the text. ``last``: the paragraph's last."""
    items, fragments = measured.items, measured.fragments
    end = items[line.end]
    shown = [i for i in range(line.start, line.end) if items[i].kind != "penalty"]
    ending = fragments[line.end]
    hyphen = end.kind == "penalty" and bool(ending.text)
    natural = (sum(items[i].width for i in shown) + end.width * hyphen) * size
    spaces = sum(1 for i in shown if items[i].kind == "glue")
    justify = spec.align == "justify" and not last and end.penalty > -INFINITE
    justify = justify or line.ratio < 0
    rtl = spec.direction == "rtl"
    visual = rtl or measured.shaped
    if not visual:  # glyphs stretch and shrink too (not Chinese: it keeps its grid)
        return _glyph_line(measured, spec, size, room, line, shown, justify, last)
    justify = bool(spaces) and justify
    extra = room * size - natural if justify else 0.0
    word_space, char_space = extra / spaces if justify else 0.0, 0.0
    space = plain_width(" ", spec.faces.regular) * size
    elongated: dict[int, tuple[str, float]] = {}  # Arabic words drawn longer: text, width
    joined = measured.shaped and any(shaping.joins(fragments[i].text) for i in shown)
    # Every character but the line's last is followed by letter spacing; between words, a
    # space's own and the letter's before it go into the space's width.
    followed = sum(len(fragments[i].text) for i in shown) - (0 if hyphen else 1)
    glyphs = followed - 2 * spaces  # the places letter spacing goes inside words
    if spec.cjk and justify:  # Chinese: every character is spaced out a little
        word_space, char_space = 0.0, extra / followed if followed > 0 else 0.0
    elif joined and word_space > space * SPACE_STRETCH * SCRIPT_TOLERANCE:
        # Arabic letters cannot be spaced apart: a few words grow by a kashida each for what the
        # spaces would take past 1.5 natural, longer or in more words where those cannot; the
        # spaces take the rest, past 1.5 only where no word is left (before an address: ragged)
        widest = space * SPACE_STRETCH * SCRIPT_TOLERANCE
        places = itertools.accumulate((items[i].kind == "glue" for i in shown), initial=0)
        words = [
            (i, at, fragments[i].text, fragments[i].font)
            for i, at in zip(shown, places, strict=False)
            if items[i].kind == "box" and items[i].stretch  # (not a run-in head's)
        ]
        slack = spaces * space * SPACE_STRETCH * (TOLERANCE - SCRIPT_TOLERANCE)
        slack = math.inf if end.penalty in ADDRESS_MARKS else slack
        elongated = kashida.lengthened(words, extra - spaces * widest, size, extra, slack)
        grown = sum(width - items[i].width * size for i, (_, width) in elongated.items())
        word_space = (extra - grown) / spaces
        if word_space > _LOOSEST * size:  # gaping (before a word too long for the line)
            word_space, elongated = 0.0, {}
    elif word_space < -space * SPACE_SHRINK and not (spec.cjk or joined):  # tighter than
        # spaces go: letter spacing takes the rest (Hebrew), as far as the breaker counts on it
        rest = extra + spaces * space * SPACE_SHRINK
        char_space = max(rest / glyphs, -MOST_LETTER_SPACING * size) if glyphs > 0 else 0.0
        word_space = -space * SPACE_SHRINK - 2 * char_space
    elif word_space > space * SPACE_STRETCH * SCRIPT_TOLERANCE:  # wider than spaces should go:
        # letter spacing takes the rest, a little, or the line stays ragged (beside an address)
        widest = space * SPACE_STRETCH * SCRIPT_TOLERANCE  # what a space may grow by, then
        char_space = (extra - spaces * widest) / glyphs if glyphs > 0 else 0.0
        if char_space > MOST_LETTER_SPACING * size and spec.hyphenation:
            word_space, char_space = 0.0, 0.0
        elif char_space > MOST_LETTER_SPACING * size:  # a language without hyphens (Hebrew): the
            # line stays justified, its spaces looser still, rather than ragged among full ones
            char_space = MOST_LETTER_SPACING * size
            word_space = (extra - glyphs * char_space) / spaces - 2 * char_space
            if word_space > _LOOSEST * size:  # gaping (before a word too long for the line)
                word_space, char_space = 0.0, 0.0
        else:  # letter spacing widens the spaces too
            word_space = widest - 2 * char_space
    # spaces past 1.6 natural where letter spacing or kashidas could not fill the line (Chinese
    # spaces its characters); before an address, ragged instead (``Rules.address_words``)
    strained = word_space + 2 * char_space > space * SPACE_STRETCH * TOLERANCE + 1e-6
    if strained and end.penalty in ADDRESS_MARKS:
        word_space, char_space, elongated, strained = 0.0, 0.0, {}, False
    bidi = _bidi_levels(tuple(map(_bidi_text, items, fragments)), rtl) if visual else ()
    line_levels: list[int] = []  # the embedding level of each character of the line's runs
    # Runs of one face, colour and link: their texts and widths, started at ``start``.
    placed: list[PlacedRun] = []
    texts: list[str] = []
    key: tuple[str, str, str] | None = None
    start = run_width = x = 0.0
    for i in shown:
        item, fragment = items[i], fragments[i]
        width = item.width * size + char_space * len(fragment.text)
        if item.kind == "glue":
            width += word_space
        text = fragment.text
        levels = bidi[i] if visual else ()
        if elongated and i in elongated:
            text, width = elongated[i]
            levels = tuple(_stretched(text, levels)) if visual else ()
        if measured.steered:  # controls steer the order, and are not drawn
            kept = [k for k, char in enumerate(text) if char not in BIDI_CONTROLS]
            text = "".join(text[k] for k in kept)
            levels = tuple(levels[k] for k in kept) if visual else ()
        line_levels += levels
        here = (fragment.font, fragment.colour, fragment.link)
        if here != key:
            if key is not None:
                placed.append(PlacedRun("".join(texts), *key, start, run_width))
            key, texts, start, run_width = here, [], x, 0.0
        texts.append(text)
        run_width += width
        x += width
    if key is not None:
        placed.append(PlacedRun("".join(texts), *key, start, run_width))
    if hyphen:
        placed.append(
            PlacedRun(ending.text, ending.font, ending.colour, ending.link, x, end.width * size)
        )
        x += end.width * size
        line_levels += line_levels[-1:] or [int(rtl)]
    else:
        x -= char_space  # the last glyph's letter spacing is past the line's end
    visual = rtl or (measured.shaped and any(shaping.needs_shaping(p.text) for p in placed))
    if visual:
        placed = _display(placed, line_levels, rtl, size, word_space, char_space)
    if rtl and _inside_word(items, fragments, line.end):
        placed = _broken(placed)
    if (
        (end.kind == "glue" and ending.text)
        or (end.penalty <= -INFINITE and not last)
        or (rtl and last)
    ):
        # between words, or at a line break (<br/>): keep a space, for readers of the text
        # (inside a link when the line breaks inside one, so its words read whole), at the
        # line's end: its right, or its left in a right-to-left paragraph, where a paragraph
        # ends with one too (a hanging heading and its text share a baseline)
        colour = ending.colour if ending.link else spec.colour
        font = ending.font or (placed[-1].font if placed else spec.faces.regular)
        at = -plain_width(" ", font) * size if rtl else x
        edge = shaping.edged(" ", font) if rtl and last else ""  # (pdf.js: a new line)
        placed.append(PlacedRun(" ", font, colour, ending.link, at, 0.0, edge))
    return SetLine(placed, word_space, char_space, x, visual, strained=strained and not spec.cjk)


def _glyph_line(
    measured: Measured,
    spec: TypeSpec,
    size: float,
    room: float,
    line: Line,
    shown: list[int],
    justify: bool,
    last: bool,
) -> SetLine:
    """A line of Latin, Cyrillic or Greek placed glyph by glyph, kerned: justified by its
    spaces, then the glyphs' expansion and letter spacing in steps (``spread``), and only past
    all of them by spaces looser than the tolerance."""
    items, fragments = measured.items, measured.fragments
    end, ending = items[line.end], fragments[line.end]
    hyphen = end.kind == "penalty" and bool(ending.text)
    drawn = [(items[i], fragments[i]) for i in shown]
    if end.kind == "penalty" and end.kern and drawn:  # no kerning with the next line's first
        drawn[-1] = unkerned(*drawn[-1], end.kern)
    if hyphen:
        drawn.append((Item("box", end.width), ending))
    glyphs = [
        fragment.glyphs or _unshaped(fragment) if item.kind == "box" else None
        for item, fragment in drawn
    ]
    boxes = sum(item.width for item, _ in drawn if item.kind == "box") * size
    glue = [item for item, _ in drawn if item.kind == "glue"]
    natural = boxes + sum(item.width for item in glue) * size
    # Letter spacing goes between the letters of a word only, never into its spaces.
    joined = [k + 1 < len(drawn) and glyphs[k + 1] is not None for k in range(len(drawn))]
    count = sum(len(g.codes) - 1 + joined[k] for k, g in enumerate(glyphs) if g and g.codes)
    count *= not spec.cjk  # Chinese keeps its grid: neither letter-spaced nor expanded
    ratio = tracking = rest = 0.0  # rest: what the spaces take past the tolerance
    gaping = False
    # Chinese: the blank half of punctuation ending the line, where the line has room for it
    tail = end.width * size if end.kind == "glue" and not ending.text else 0.0
    if justify and tail and room * size - natural >= tail - 1e-6:
        natural += tail
        drawn.append((Item("glue", end.width), ending))
        glue.append(drawn[-1][0])
        glyphs.append(None)
        joined.append(False)
    grid = None  # Chinese, justified: its ideographs on the grid, and its last line's too
    if spec.cjk and spec.align == "justify":
        grid = kept(drawn, room - natural / size, justify, in_address(items, line.end + 1))
    scale = 1.0
    if justify and grid is None:  # spaces first; glyphs and letters in steps past ``EVEN``
        extra = room * size - natural
        sign = 1.0 if extra > 0 else -1.0
        give = sum(item.stretch if extra > 0 else item.shrink for item in glue) * size
        widest = COMPRESSION * (not spec.cjk)  # glyphs' expansion either way, at most
        spacing = MOST_LETTER_SPACING * size if count else 0.0  # a letter's, at most
        most = TOLERANCE if extra > 0 else 1.0
        shared = spread(extra, give, widest * boxes + spacing * count, most)
        ratio, tracking = sign * shared.spaces, sign * shared.share * spacing
        scale += sign * shared.share * widest
        rest = shared.rest if glue and extra > 0 else 0.0
        gaping = rest > _LOOSEST * size * len(glue)
        if gaping:  # beside an address that breaks nowhere: ragged
            ratio = tracking = rest = 0.0
            scale = 1.0
    unit = 1000 / (size * scale)  # points to thousandths of an em, in the scaled text
    placed: list[PlacedRun] = []
    codes: list[str] = []
    advances: list[float] = []
    offsets: list[tuple[float, float]] = []
    key: tuple[str, str, str] | None = None
    texts: list[str] = []
    start = x = 0.0

    def close() -> None:
        if key is not None:
            shaped = shaping.drawn("".join(codes), advances, offsets, key[0])
            placed.append(PlacedRun("".join(texts), *key, start, x - start, glyphs=shaped))

    track = tracking * unit
    for k, ((item, fragment), shape, tracked) in enumerate(zip(drawn, glyphs, joined, strict=True)):
        here = (fragment.font, fragment.colour, fragment.link)
        if here != key and (fragment.text or shape is not None):  # (ideographs' room: before)
            close()
            key, texts, codes, advances, offsets, start = here, [], [], [], [], x
        texts.append(fragment.text)
        if shape is None:  # glue: a space, or room between ideographs
            stretch = item.stretch if ratio > 0 else item.shrink
            width = (item.width + ratio * stretch + (grid[k] if grid else 0.0)) * size
            width += rest / len(glue)
            if fragment.text:
                codes.append(" ")
                advances.append(width * unit)
                offsets.append((0.0, 0.0))
            elif advances:
                advances[-1] += width * unit
            x += width
            continue
        codes.append(shape.codes)
        if not shape.codes:
            continue
        advances += [advance + track for advance in shape.advances]
        advances[-1] -= 0.0 if tracked else track
        offsets += shape.offsets or [(0.0, 0.0)] * len(shape.codes)
        x += sum(shape.advances) / 1000 * size * scale
        x += tracking * (len(shape.codes) - 1 + tracked)
    empty = shaping.nothing(key[0]) if key and _after_dash(end, ending, texts) else None
    if key and end.letter and (blank := shaping.nothing(key[0])):  # inside an address: read
        empty = shaping.reading(blank, key[0], SOFT_HYPHEN + " ")  # as a hyphen added is
    if empty is not None:  # PDFium takes a typed hyphen ending a line for a soft one
        codes.append(empty)
        advances.append(0.0)
        offsets.append((0.0, 0.0))
    close()
    tie = end.kind == "penalty" and end.penalty == TIE  # before the space of words parted
    if (end.kind == "glue" and ending.text) or tie or (end.penalty <= -INFINITE and not last):
        # between words (tied ones too), or at a line break: a space, for readers of the text
        # (in the link when the line breaks inside one)
        colour = ending.colour if ending.link else spec.colour
        font = ending.font or (placed[-1].font if placed else spec.faces.regular)
        placed.append(PlacedRun(" ", font, colour, ending.link, x, 0.0))
    return SetLine(placed, 0.0, 0.0, x, False, scale, rest > 0 or gaping)


def _after_dash(end: Item, ending: Fragment, texts: list[str]) -> bool:
    """Whether a line ends after a hyphen typed between two words ("non-|intrusive"), where
    PDFium would take it for a soft hyphen, drop it and join the two (docs/readers.md): an
    empty glyph after it, which reads as nothing, keeps it."""
    return (
        end.kind == "penalty"
        and end.penalty > -INFINITE
        and not ending.text
        and "".join(texts).endswith("-")
    )


def _unshaped(fragment: Fragment) -> shaping.Glyphs:
    """A box's glyphs when it was not shaped: a line-end hyphen (which shaping hides)."""
    if fragment.text == SOFT_HYPHEN:
        return _hyphen(fragment.font)
    return shaping.glyphs(fragment.text, fragment.font)


def _hyphen(font: str) -> shaping.Glyphs:
    """A line-end hyphen in ``font``, read as a soft hyphen and a space: pdf.js skips a glyph
    whose reading ends with a format character, a soft hyphen alone, and read the word's two
    pieces as two words; PDFium and pypdf read it as before (docs/readers.md)."""
    from reportlab.pdfbase.pdfmetrics import getFont

    hyphen = shaping.plain_glyphs(SOFT_HYPHEN, font)
    if ord(SOFT_HYPHEN) not in getFont(font).face.charToGlyph:  # drawn as ReportLab can
        return hyphen
    return hyphen._replace(codes=shaping.reading(SOFT_HYPHEN, font, " "))


def _bidi_text(item: Item, fragment: Fragment) -> str:
    """What an item stands for in the paragraph's text for the bidirectional algorithm."""
    return " " if item.kind == "glue" else fragment.text if item.kind == "box" else ""


@functools.lru_cache(maxsize=256)
def _bidi_levels(texts: tuple[str, ...], rtl: bool) -> tuple[tuple[int, ...], ...]:
    """The embedding level of each character of each of ``texts`` (a paragraph's items), by
    the Unicode bidirectional algorithm over the whole paragraph in its direction. In a
    right-to-left paragraph, addresses, telephone numbers and amounts keep their own order
    (isolated left to right), and an Arabic paragraph starts in the Arabic context (a figure
    alone orders its digits and signs as it would among words)."""
    text = "".join(texts).replace(shaping.JOINER, "\u200d")  # (a break's: ``measure._chunks``)
    kept = list(range(len(text)))  # where each character of ``text`` is in the marked text
    marked = text
    if rtl:
        marks: dict[int, str] = {}  # by offset in ``text``: the isolate marks added there
        for match in re.finditer(_LEFT_TO_RIGHT, text):
            marks[match.start()] = marks.get(match.start(), "") + _ISOLATE
            marks[match.end()] = _POP_ISOLATE + marks.get(match.end(), "")
        parts = [_ARABIC_MARK] if shaping.joins(text) else []
        length = len(parts)
        kept = []
        for index, char in enumerate(text):
            mark = marks.get(index, "")
            kept.append(length + len(mark))
            parts += [mark, char]
            length += len(mark) + 1
        marked = "".join(parts) + marks.get(len(text), "")
    found = shaping.levels(marked, rtl)
    levels = [found[i] for i in kept]
    out: list[tuple[int, ...]] = []
    offset = 0
    for part in texts:
        out.append(tuple(levels[offset : offset + len(part)]))
        offset += len(part)
    return tuple(out)


def _stretched(text: str, levels: tuple[int, ...]) -> list[int]:
    """The levels of a word lengthened by kashidas (``text``), from the word's ``levels``."""
    out: list[int] = []
    letters = iter(levels)
    for char in text:
        out.append(out[-1] if char == shaping.STRETCH and out else next(letters))
    return out


def _display(
    runs: list[PlacedRun],
    levels: list[int],
    rtl: bool,
    size: float,
    word_space: float,
    char_space: float,
) -> list[PlacedRun]:
    """The runs of a line, still in reading order, placed in display order from the embedding
    ``levels`` of their characters (resolved over the whole paragraph, of direction ``rtl``):
    runs split where the level changes, right-to-left ones shaped (or reversed, their brackets
    mirrored), the line's trailing spaces at the paragraph's level (UAX #9, rules L1 and L2)."""
    text = "".join(run.text for run in runs)
    levels = list(levels)
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        levels[end] = int(rtl)
    cells: list[tuple[PlacedRun, int]] = []  # each fragment of a run at one level, and its level
    # pdf.js takes a gap wider than 0.6 em for the end of what it reads at a time, and puts
    # those in the order drawn: the words of a right-to-left line spaced that wide are drawn
    # each on its own, in reading order; and a word ending in a mark ends its run, so that the
    # space after it is read at the run's end (docs/readers.md).
    gap = plain_width(" ", runs[0].font) * size + word_space + 2 * char_space if runs else 0.0
    apart = rtl and gap > _APART * size
    offset = 0
    for run in runs:
        start = 0
        for index in range(1, len(run.text) + 1):
            level = levels[offset + start]
            if (
                index == len(run.text)
                or levels[offset + index] != level
                or (
                    level % 2 and run.text[index - 1] == " " and (apart or _marked(run.text, index))
                )
                or (level % 2 and _signs(text, offset + start, offset + index))
                or (level % 2 and _BEFORE.match(text, offset + index))
                or _before_parts(text, levels, offset + index)
            ):
                part, width = run.text[start:index], run.width
                if part != run.text:
                    width = text_width(part, run.font) * size + char_space * len(part)
                    width += word_space * part.count(" ")
                cells.append((run._replace(text=part, width=width), levels[offset + start]))
                start = index
        offset += len(run.text)
    x = 0.0
    at: dict[int, float] = {}
    for index in shaping.display_order([level for _, level in cells]):
        at[index] = x
        x += cells[index][0].width
    signs = {k + 1 for k in range(len(cells) - 1) if _number_signs(*cells[k], *cells[k + 1])}
    out = []
    for index, (cell, level) in enumerate(cells):
        odd = level % 2 == 1
        if index in signs:  # read with the number before them (``_number_signs``)
            cell = cell._replace(shown=shaping.silent(shaping.mirrored(cell.text), cell.font))
        elif index + 1 in signs:
            read = cells[index + 1][0].text
            if shaping.needs_shaping(cell.text):  # Arabic-script digits: read whole
                cell = cell._replace(shown=shaping.shaped(cell.text, cell.font, False, read))
            else:
                cell = cell._replace(glyphs=_kerned(cell.text, cell.font, read))
        elif odd and _ahead(cell, cells[index + 1 :]):  # PDFium: the mark keeps them before
            marked = (
                shaping.reading(c, cell.font, "", shaping.EDGE_SPACE) for c in cell.text[::-1]
            )
            cell = cell._replace(shown="".join(marked))
        elif shaping.needs_shaping(cell.text):
            cell = cell._replace(shown=shaping.shaped(cell.text, cell.font, odd))
        elif odd:
            turned = shaping.turned(cell.text, cell.font)
            cell = cell._replace(shown=shaping.edged(turned, cell.font))
        else:  # left to right: kerned, with ligatures
            cell = cell._replace(glyphs=_kerned(cell.text, cell.font))
        out.append(cell._replace(x=at[index]))
    return out


def _inside_word(items: list[Item], fragments: list[Fragment], end: int) -> bool:
    """Whether a line ending at item ``end`` ends inside a right-to-left word, with nothing
    drawn there (Hebrew, Arabic and Persian are not hyphenated: a word too wide for any line)."""
    if items[end].kind != "penalty" or fragments[end].text or end + 1 >= len(items):
        return False
    before = fragments[end - 1].text.removesuffix(shaping.JOINER)  # (``measure._chunks``)
    after = fragments[end + 1].text.removeprefix(shaping.JOINER)
    return (
        items[end].penalty > -INFINITE
        and items[end - 1].kind == items[end + 1].kind == "box"
        and shaping.has_rtl(before)
        and unicodedata.category(before[-1:] or " ")[0] in "LM"
        and unicodedata.category(after[:1] or " ")[0] in "LM"
    )


def _broken(runs: list[PlacedRun]) -> list[PlacedRun]:
    """The runs of a right-to-left line that ends inside a word, in display order, read with
    a soft hyphen at the line's end, as a Latin word's hyphen is, and every reader takes the
    word for one: an empty glyph before the line's leftmost glyph, which PDFium reads (pdf.js
    drops a soft hyphen alone), and one read as a soft hyphen and a space, drawn after the
    line in a text object of its own with no ink, which pdf.js reads and PDFium passes over
    (pypdf reads both, at the line's end; docs/readers.md)."""
    from reportlab.pdfbase.ttfonts import ShapeData, ShapedStr

    left = min(range(len(runs)), key=lambda k: runs[k].x)
    run = runs[left]
    codes = shaping.broken(run.font)
    if not isinstance(run.shown, shaping.Drawn) or codes is None:
        return runs
    shown = shaping.Drawn(codes[0] + run.shown)
    data = [ShapeData(0, 0.0, 0.0, 0.0, 0.0, 0.0), *run.shown.glyphs.__shapeData__]  # type: ignore[attr-defined]
    shown.glyphs = ShapedStr(shown, shapeData=data)
    shown.marks = tuple(mark._replace(glyphs=mark.glyphs + 1) for mark in run.shown.marks)
    after = run._replace(text="", width=0.0, shown=codes[1])
    return [*runs[:left], run._replace(shown=shown), *runs[left + 1 :], after]


def _signs(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (of a line's ``text``), right to left after a number in
    European digits, is the signs after it (a full stop, a comma, a percent sign, an Arabic
    comma), which end there: the number reads them (``_number_signs``), so they are a run of
    their own."""
    return (
        start > 0
        and end < len(text)
        and text[start - 1] in _DIGITS
        and text[end] not in shaping.NUMBER_SIGNS
        and all(char in shaping.NUMBER_SIGNS for char in text[start:end])
    )


def several_parts(text: str) -> bool:
    """Whether ``text``, left to right, is of several parts to PDFium's reading of a line
    (letters, figures and the signs between them: an address, a telephone number), which it
    puts in reverse order in a right-to-left line."""
    kinds = itertools.groupby(text.strip(), _kind)
    return next(kinds, None) is not None and next(kinds, None) is not None


def _kind(char: str) -> str:
    """What ``char`` is to PDFium's reading of a line: left to right, right to left, weak or
    neutral."""
    kind = unicodedata.bidirectional(char)
    if kind in ("R", "AL"):
        return "R"
    return "W" if kind in _WEAK else kind if kind == "L" else "N"


def _before_parts(text: str, levels: list[int], at: int) -> bool:
    """Whether ``text[at]`` (of a line's ``text``, at embedding ``levels``) is the space after
    a right-to-left word and right before a left-to-right run of several parts (an address):
    a run of its own, with no ink, which PDFium passes over (``textbox``), so that the line it
    starts for the address comes right after the word, with no space and mark between them."""
    if not 0 < at < len(text) or text[at] != " " or text[at - 1] == " " or levels[at] % 2 == 0:
        return False
    end = at + 1
    while end < len(text) and levels[end] % 2 == 0:
        end += 1
    return end > at + 1 and several_parts(text[at + 1 : end])


def _marked(text: str, end: int) -> bool:
    """Whether the word before the space ending at ``end`` in ``text`` ends with a mark: drawn
    right to left, the mark's empty glyph comes right after the space, and pdf.js would read a
    space on each side of it ("يحد ّ")."""
    return end >= 2 and unicodedata.category(text[end - 2]) == "Mn"


def _number_signs(number: PlacedRun, level: int, signs: PlacedRun, next_level: int) -> bool:
    """Whether ``signs`` (at ``next_level``) are the signs after ``number`` (at ``level``), in
    one colour and link, in a right-to-left line: a full stop, a comma or a percent sign after
    a number in European digits (an Arabic comma in the face of the Arabic words), which the
    bidirectional algorithm puts with the words after it, drawn left of it. PDFium reads the
    signs before the number (".2018", "%20", "،2017"): the number's last digit reads them too,
    and their glyphs, in their own face, read as nothing."""
    return (
        level % 2 == 0
        and next_level % 2 == 1
        and number.text[-1:] in _DIGITS
        and set(number.text) <= _DIGITS | _SEPARATORS
        and set(signs.text) <= shaping.NUMBER_SIGNS
        and (number.colour, number.link) == (signs.colour, signs.link)
    )


def _ahead(signs: PlacedRun, after: list[tuple[PlacedRun, int]]) -> bool:
    """Whether ``signs`` (right to left) are the signs before a number, the next of the cells
    ``after`` ("ו-75%"): drawn right of it, PDFium read them after it ("ו75%-"); read with the
    Arabic letter mark first (a right-to-left letter to it), they stay with the words before."""
    found = _BEFORE.match(signs.text + after[0][0].text[:1]) if after else None
    return found is not None and found.end() == len(signs.text) and after[0][1] % 2 == 0


def _kerned(text: str, font: str, more: str = "") -> str:
    """``text`` drawn kerned, with ligatures, at its shaped advances (a line-end soft hyphen
    as it is), its last glyph reading ``more`` too."""
    word = text.removesuffix(SOFT_HYPHEN)
    shape = shaping.glyphs(word, font)
    codes, advances = shape.codes, list(shape.advances)
    if more:
        codes = codes[:-1] + shaping.reading(codes[-1], font, more)
    offsets = list(shape.offsets or [(0.0, 0.0)] * len(codes))
    if word != text:
        hyphen = _hyphen(font)
        codes, advances = codes + hyphen.codes, advances + list(hyphen.advances)
        offsets.append((0.0, 0.0))
    return shaping.drawn(codes, advances, offsets, font)
