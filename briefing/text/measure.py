"""Measure: a paragraph's words as boxes, glue and penalties at unit size, ready to break.

Takes runs and a ``TypeSpec``; gives ``Measured``: the items (``linebreak.Item``) with what
each one draws (``Fragment``: text, face, colour, link): words, the spaces between them,
hyphenation points (never in a paragraph's last word), breaks inside addresses, after typed
dashes and between ideographs (``collect``), where full-width punctuation gives its blank half
to glue that shrinks (clreq's compression). Every word is measured shaped (``shaping``), with
how far it may grow: letter spacing, or an Arabic word's kashidas (``kashida``). A paragraph is
measured once at unit size and broken at any width and size.
``split_boxes`` cuts a word too wide for its line into pieces, the last resort of breaking.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from ..content.runs import LineBreak, Run, Runs
from ..fonts import Faces
from ..language import BIDI_CONTROLS
from . import kashida, shaping
from .collect import (
    ADDRESS,
    CJK,
    DASHES,
    MIDDLE_DOT,
    OPENING_FULL,
    PUNCTUATION_FULL,
    address,
    address_letters,
    address_points,
    cjk_points,
    dash_points,
    face,
    faces_of,
    grouped,
    host,
    label_points,
    tied,
    words,
)
from .hyphenation import hyphen_points, syllables
from .linebreak import (
    ADDRESS_BREAK,
    ADDRESS_MARKS,
    HOST_BREAK,
    INFINITE,
    TIE,
    TOLERANCE,
    Breaker,
    Item,
)
from .spec import TypeSpec
from .spread import MOST_LETTER_SPACING

SOFT_HYPHEN = shaping.SOFT_HYPHEN
SPACE_STRETCH = 1 / 2  # of a space: at the tolerance of 2, spaces stretch to twice their width
SPACE_SHRINK = 1 / 3
_HYPHEN_PENALTY = 1000.0  # a hyphen costs more than many lines at the tolerance: fewest hyphens
_UNLIKED_PENALTY = 2000.0  # a hyphen after two letters ("re-spond"), or in a name (as much as
# three more hyphens: taken only where a setting without it needs more hyphens, or two in a row)
_OPENING = "\"'“‘(«¿¡"  # marks a sentence's first word may follow
_SPACED = ":;!?»"  # marks French sets off from the word before by a space: never a line's first
_CLOSING = "\"'”’)»"  # and its last word may be followed by, after its stop
_PART = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*$")  # the letters of a word before a break
_ADDRESS_PENALTY = ADDRESS_BREAK  # a break inside a web or e-mail address (``address_points``)
_ADDRESS_LETTER_PENALTY = 3000.0  # and between two letters of its path (``address_letters``)
_ADDRESS_SYLLABLE_PENALTY = 1000.0  # between two syllables there
_SLASH_PENALTY = 50.0  # a break after a slash typed in a word; after a typed hyphen or dash,
# the line ends with one as it does at a hyphenation point, and costs as much
_CJK_STRETCH = 0.1  # ems a break between ideographs may stretch by, in justified text
_CJK_LATIN_STRETCH = 0.5  # and between an ideograph and a Latin word or figure (clreq)
_NOTHING = ("", "", "", "")  # what a forced break or a kept-together penalty draws


class Fragment(NamedTuple):
    """What an item draws: its text, face, colour and link (glue draws a space), and its
    glyphs when shaped left to right (kerned, with ligatures)."""

    text: str
    font: str
    colour: str
    link: str
    glyphs: shaping.Glyphs | None = None


class Measured(NamedTuple):
    """A paragraph measured at unit size: its items, what each one draws, ready to break."""

    items: list[Item]
    fragments: list[Fragment]
    widest: float  # the widest box, at unit size
    breaker: Breaker
    shaped: bool = False  # some text needs shaping (Arabic, Hebrew)
    steered: bool = False  # some text has controls of the bidirectional algorithm
    runs: Runs = ()  # the text measured (to measure it again, set another way)


@functools.cache
def plain_width(text: str, font: str) -> float:
    """The width of ``text`` in ``font`` at unit size, unshaped: the engine's one measure of
    letters, which ``text_width`` shapes first where a script needs it."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, 1.0))


def text_width(text: str, font: str) -> float:
    """The width of ``text`` in ``font`` at unit size, shaped: kerned, with ligatures."""
    if shaping.needs_shaping(text):
        return shaping.width(text, font)
    return sum(shaping.glyphs(text, font).advances) / 1000


def measure(runs: Runs, spec: TypeSpec) -> Measured:
    """``runs`` as items at unit size, for breaking at any width; measured once in a
    process for the same text in the same face, colour, alignment and language (a sheet
    built again in ``watch``, or its paragraphs at every trial scale)."""
    return _measured(
        runs,
        spec.faces,
        spec.colour,
        spec.bold,
        spec.italic,
        spec.align == "justify",
        spec.hyphenation,
        spec.uppercase,
        spec.script_faces,
        spec.cjk,
    )


@functools.lru_cache(maxsize=1024)
def _measured(
    runs: Runs,
    faces: Faces,
    colour: str,
    bold: bool,
    italic: bool,
    justified: bool,
    hyphenation: str,
    uppercase: bool,
    script_faces: Faces | None = None,
    cjk: bool = False,
) -> Measured:
    drawn = runs
    if uppercase:
        drawn = tuple(
            run._replace(text=run.text.upper()) if isinstance(run, Run) else run for run in runs
        )
    items: list[Item] = []
    fragments: list[Fragment] = []
    found = list(words(drawn))
    last_word = max((i for i, w in enumerate(found) if isinstance(w, list)), default=-1)
    pending_space: Fragment | None = None
    before = ""  # the word before
    head = True  # the words so far are bold, in regular text: a run-in head
    for index, word in enumerate(found):
        if word is None:
            if items and items[-1].kind == "box":
                pending_space = fragments[-1]._replace(text=" ")
            continue
        if isinstance(word, LineBreak):
            items.append(Item("penalty", 0.0, penalty=-INFINITE))
            fragments.append(Fragment(*_NOTHING))
            pending_space = None
            continue
        if pending_space is not None and pending_space.link != word[0][1].link:
            pending_space = pending_space._replace(link="", colour=colour)
        if pending_space is not None:
            after = "".join(part for part, _ in word)
            last = index == last_word and (bool(hyphenation) or not justified)
            if after[0] in "–—" or not after.strip(_SPACED) or tied(before, after, last):
                # a dash stays with the word before it, as does a mark set off by a space
                # (French "sécurité :"), and words that belong together; in
                # justified text, but for a number's groups of digits and a short last word,
                # they part (``TIE``) where no setting within the tolerance keeps them so
                apart = justified and not last and not grouped(before, after)
                items.append(Item("penalty", 0.0, penalty=TIE if apart else INFINITE))
                fragments.append(Fragment(*_NOTHING))
            space = plain_width(" ", pending_space.font)  # a space measures the same shaped
            stretch, shrink = (space * SPACE_STRETCH, space * SPACE_SHRINK) if justified else (0, 0)
            ahead = ADDRESS_BREAK if ADDRESS.match(after) else 0.0  # (``Item``)
            items.append(Item("glue", space, stretch, shrink, ahead))
            fragments.append(pending_space)
            pending_space = None
        # a word set bold in regular text: a run-in head's, while no other word came before
        emphasised = not bold and all(run.bold for _, run in word)
        head = head and emphasised
        word_items, word_fragments = _word(
            tuple((part, _style(run)) for part, run in word),
            faces,
            bold,
            italic,
            colour,
            hyphenation,
            index == last_word or (emphasised and not head),
            script_faces,
            justified if cjk else None,
            justified,
            not before or before.rstrip(_CLOSING).endswith((".", "!", "?")),
            emphasised and head,
        )
        items += word_items
        fragments += word_fragments
        before = "".join(part for part, _ in word)
    items.append(Item("penalty", 0.0, penalty=-INFINITE))
    fragments.append(Fragment(*_NOTHING))
    if any(shaping.joins(fragment.text) for fragment in fragments):
        # lines of Arabic are not letter-spaced: Latin words among it do not grow either
        items = [
            item._replace(stretch=0.0, shrink=0.0)
            if item.kind == "box" and fragment.glyphs
            else item
            for item, fragment in zip(items, fragments, strict=True)
        ]
    return _measured_items(items, fragments, runs)


def _style(run: Run) -> Run:
    """``run`` as a word of it is measured: its weight, slant, link and colour, not its text
    (so that a word is measured once, whatever paragraph it is in: an edited one, a date)."""
    return run._replace(text="")


def _named(text: str, point: int, opening: bool) -> bool:
    """Whether the part of word ``text`` broken at ``point`` is capitalised ("Constab-ulary",
    "Anti-Nar-cotics"; not "INL-gov-erned"): a name, but for a sentence's first word
    (``opening``)."""
    part = _PART.search(text, 0, point)
    if part is None or not part.group()[:1].isupper():
        return False
    return not (opening and not text[: part.start()].strip(_OPENING))


def _measured_items(items: list[Item], fragments: list[Fragment], runs: Runs) -> Measured:
    widest = max((item.width for item in items if item.kind == "box"), default=0.0)
    text = "".join(fragment.text for fragment in fragments)
    steered = not BIDI_CONTROLS.isdisjoint(text)
    shaped = shaping.needs_shaping(text)
    return Measured(items, fragments, widest, Breaker(items), shaped, steered, runs)


@functools.lru_cache(maxsize=20_000)
def _word(
    word: tuple[tuple[str, Run], ...],
    faces: Faces,
    bold: bool,
    italic: bool,
    colour: str,
    hyphenation: str,
    whole: bool,
    script_faces: Faces | None = None,
    cjk: bool | None = None,
    justified: bool = True,
    opening: bool = False,
    emphasis: bool = False,
) -> tuple[list[Item], list[Fragment]]:
    """The boxes of one word (as (text, run) parts), with a penalty at each place it may
    break, but for hyphenation points in a ``whole`` word (a paragraph's last, or a key term
    set bold in regular text, which reads as one), and at a cost as a name's in a run-in head
    (``emphasis``); measured once for every paragraph and build of a process that sets it. A web
    address breaks between two letters of its path only in a ``justified`` paragraph, whose
    lines it must fill (a ragged caption breaks it at its own marks).

    With ``script_faces``, each character is drawn in the face that suits it (``faces_of``).
    With ``cjk`` (True when justified, False when not, None for text that is not Chinese),
    the word may also break between ideographs, at glue that stretches when justified."""
    items: list[Item] = []
    fragments: list[Fragment] = []
    text = "".join(part for part, _ in word)
    # offset: (penalty, adds a hyphen, ends with a hyphen, between two letters with no mark)
    breaks_at: dict[int, tuple[float, bool, bool, bool]] = {}
    begin, end = address(text)
    if end:  # a break after a hyphen in an address looks like a hyphen
        # between letters too, but in a sheet of another script, where it breaks at its marks
        # only: never next to its host name's first or last label in a right-to-left one,
        # whose lines the readers of the text put in order by themselves (an address's pieces
        # would be read apart), at any of them in Chinese, whose lines read left to right
        inside = text[begin:end]
        syllabic = set(syllables(inside, hyphenation))  # where its words' syllables meet
        for point in address_letters(inside) if script_faces is None and justified else ():
            penalty = _ADDRESS_SYLLABLE_PENALTY if point in syllabic else _ADDRESS_LETTER_PENALTY
            breaks_at[begin + point] = (penalty, False, False, True)
        marks = address_points if script_faces is None or cjk is not None else label_points
        first, last = host(inside)  # its host name breaks only where nothing else fits
        for point in marks(inside):
            penalty = HOST_BREAK if first < point < last else _ADDRESS_PENALTY
            breaks_at[begin + point] = (penalty, False, False, False)
    elif hyphenation:
        for point in dash_points(text):
            dash = text[point - 1] != "/"
            breaks_at[point] = (_HYPHEN_PENALTY if dash else _SLASH_PENALTY, False, dash, False)
        if not whole:
            typed = min((p for p, at in breaks_at.items() if at[2]), default=len(text))
            for point in hyphen_points(text, hyphenation):
                if text[point - 1] not in DASHES:
                    short = point < 3 or not text[point - 3].isalpha()  # "re-spond"
                    # (or past a hyphen typed in the word, which had better end the line)
                    unliked = short or point > typed or emphasis or _named(text, point, opening)
                    penalty = _UNLIKED_PENALTY if unliked else _HYPHEN_PENALTY
                    breaks_at.setdefault(point, (penalty, True, True, False))
    glue_at: set[int] = set()
    if cjk is not None or CJK.search(text):  # Chinese, in a Chinese sheet or another
        glue_at = {point for point in cjk_points(text) if not begin < point < end}
    scripted = faces_of(text, faces, script_faces)
    offset = 0
    for part, run in word:
        weight = bold or run.bold, italic or run.italic
        font = face(faces, *weight)
        fonts = None  # the face of each character, when not all the same
        cuts = {p - offset for p in breaks_at if offset < p < offset + len(part)}
        if glue_at:
            cuts |= {p - offset for p in glue_at if offset < p < offset + len(part)}
        if scripted is not None:
            fonts = [face(scripted[offset + i], *weight) for i in range(len(part))]
            cuts |= {i for i in range(1, len(part)) if fonts[i] != fonts[i - 1]}
        if glue_at:  # full-width punctuation stands alone, to be set half-width
            cuts |= {i for i, char in enumerate(part) if char in PUNCTUATION_FULL} - {0}
            cuts |= {i + 1 for i, char in enumerate(part) if char in PUNCTUATION_FULL}
            cuts |= {i for i, char in enumerate(part) if char == MIDDLE_DOT} - {0}
            cuts.discard(len(part))
        shade = run.colour or colour
        points = [*sorted(cuts), len(part)]
        start = 0
        blank = 0.0  # the blank half of an opening bracket, set in the glue before it
        shapes = _shaped(part, points, fonts or [font] * len(part))
        for index, (point, glyphs) in enumerate(zip(points, shapes, strict=True)):
            chunk = part[start:point]
            if fonts is not None:
                font = fonts[start]
            after = 0.0  # the blank half of closing punctuation, set in the glue after it
            following = part[point : points[index + 1]] if index + 1 < len(points) else ""
            if glyphs is not None and glue_at and (blank or following):
                glyphs, after = _half_width(glyphs, chunk, blank)
            if glyphs is None:  # Arabic grows by a kashida, but in a run-in head (a label,
                # which reads as one: the text after it takes them), Hebrew by letter spacing
                # (and tightens by it, as far)
                clean = _unsteered(chunk)
                joined = shaping.joins(clean)
                grows = (
                    (0.0 if emphasis else kashida.room(clean, font)) if joined else _spacing(clean)
                )
                items.append(Item("box", text_width(clean, font), grows, 0.0 if joined else grows))
            else:  # letter spacing may go between its glyphs, either way: all of it at the
                # tolerance, and all of it at full shrink (a ratio of -1)
                spacing = max(len(glyphs.codes) - 1, 0) * MOST_LETTER_SPACING
                width = sum(glyphs.advances) / 1000
                items.append(Item("box", width, spacing, spacing * TOLERANCE))
            fragments.append(Fragment(chunk, font, shade, run.link, glyphs))
            start = point
            blank = 0.0
            if following in OPENING_FULL and glue_at and shapes[index + 1] is not None:
                blank = shaping.glyphs(following, fonts[point] if fonts else font).advances[0]
                blank /= 2000
            dot = bool(glue_at) and following == MIDDLE_DOT  # spaced as ideographs, unbroken
            if offset + point in glue_at or after or blank or dot:
                # between ideographs (stretching a little, or a quarter em beside a Latin
                # word), or the blank halves of punctuation: kept where they meet another
                # character, one of them where two meet, none at a line's end; compressed
                # only to justify a line (a ragged line breaks before, its characters on
                # the grid, as its spaces never shrink)
                meet = chunk in PUNCTUATION_FULL and following in PUNCTUATION_FULL
                blanks = after + blank
                width = blanks - max(after, blank) if meet else blanks
                grows = 0.0
                if (offset + point in glue_at or dot) and cjk:
                    # a quarter em between scripts, but not beside full-width punctuation
                    beside = text[offset + point - 1], following[:1]
                    ideographs = all(CJK.match(c) or c == MIDDLE_DOT for c in beside)
                    punctuated = any(c in PUNCTUATION_FULL for c in beside)
                    grows = _CJK_STRETCH if ideographs or punctuated else _CJK_LATIN_STRETCH
                if offset + point not in glue_at:  # no break: kinsoku
                    items.append(Item("penalty", 0.0, penalty=INFINITE))
                    fragments.append(Fragment(*_NOTHING))
                items.append(Item("glue", width, grows + blanks - width, width * justified))
                fragments.append(Fragment("", font, shade, run.link))
            elif offset + point in breaks_at and point < len(part):
                penalty, hyphen, flagged, letter = breaks_at[offset + point]
                wide = plain_width("-", font) if hyphen else 0.0
                kern = _kern(glyphs, chunk, font)
                items.append(Item("penalty", wide, 0, 0, penalty, flagged, letter, kern))
                fragments.append(Fragment(SOFT_HYPHEN if hyphen else "", font, shade, run.link))
        offset += len(part)
    return items, fragments


def _kern(glyphs: shaping.Glyphs | None, chunk: str, font: str) -> float:
    """The kerning the last glyph of ``glyphs`` (``chunk`` shaped with what follows it) takes
    with the letter after it, in ems: 0 where that glyph is not the last letter's alone."""
    if glyphs is None or not glyphs.codes or glyphs.clusters[-1] != len(chunk) - 1:
        return 0.0
    alone = shaping.glyphs(chunk[-1], font).advances
    return (glyphs.advances[-1] - alone[0]) / 1000 if len(alone) == 1 else 0.0


def unkerned(item: Item, fragment: Fragment, kern: float) -> tuple[Item, Fragment]:
    """A box drawn at a line's end without the ``kern`` (ems) its last glyph takes with the
    letter after it, which starts the next line."""
    if fragment.glyphs is None:
        return item, fragment
    advances = fragment.glyphs.advances
    glyphs = fragment.glyphs._replace(advances=(*advances[:-1], advances[-1] - kern * 1000))
    return item._replace(width=item.width - kern), fragment._replace(glyphs=glyphs)


def _half_width(glyphs: shaping.Glyphs, chunk: str, blank: float) -> tuple[shaping.Glyphs, float]:
    """Full-width punctuation drawn half-width (clreq): an opening bracket without the
    ``blank`` half before its ink, closing punctuation without the half after it, returned
    (in ems) to go into the glue after it. Other text as it is, and 0."""
    if chunk in OPENING_FULL and blank:
        advance = glyphs.advances[0] - blank * 1000
        return glyphs._replace(advances=(advance,), offsets=((-blank * 1000, 0.0),)), 0.0
    if chunk in PUNCTUATION_FULL and chunk not in OPENING_FULL:
        half = glyphs.advances[0] / 2
        return glyphs._replace(advances=(half,)), half / 1000
    return glyphs, 0.0


def _spacing(text: str) -> float:
    """The letter spacing a word drawn shaped may take, at most, between its letters."""
    letters = sum(not unicodedata.category(char).startswith("M") for char in text)
    return max(letters - 1, 0) * MOST_LETTER_SPACING


def _shaped(part: str, points: list[int], fonts: list[str]) -> list[shaping.Glyphs | None]:
    """The glyphs of each piece of ``part`` that ends at one of ``points``, each stretch in one
    face shaped whole, so that kerning and ligatures reach across the places it may break; a
    stretch with a break inside a ligature is set without ligatures. None for a piece that
    shaping draws right to left (Arabic, Hebrew) or that holds controls of the bidirectional
    algorithm."""
    out: list[shaping.Glyphs | None] = []
    start = 0
    while start < len(part):
        end = start + 1
        while end < len(part) and fonts[end] == fonts[start]:
            end += 1
        stretch = part[start:end]
        inside = [p - start for p in points if start < p <= end]
        if shaping.needs_shaping(stretch) or not BIDI_CONTROLS.isdisjoint(stretch):
            out += [None] * len(inside)
        else:
            glyphs = shaping.glyphs(stretch, fonts[start])
            if not set(inside).issubset({*glyphs.clusters, len(stretch)}):
                glyphs = shaping.glyphs(stretch, fonts[start], ligatures=False)
            begin = 0
            for point in inside:
                out.append(glyphs.part(begin, point))
                begin = point
        start = end
    return out


def _unsteered(text: str) -> str:
    """``text`` without the controls of the bidirectional algorithm, which are never drawn."""
    if BIDI_CONTROLS.isdisjoint(text):
        return text
    return "".join(char for char in text if char not in BIDI_CONTROLS)


def split_boxes(
    measured: Measured, limit: float, latin: Faces, apart: bool = False, hyphenation: str = ""
) -> Measured:
    """``measured`` with every box wider than ``limit`` cut into pieces that fit, breakable
    between them: the last resort for a word too long for its line. A Latin word breaks at
    its last syllable that fits (in the ``hyphenation`` language: a heading's word set in
    capitals too), else after any letter, with a hyphen; an address, or a word in another
    script, without one (Arabic,
    Hebrew and Chinese are not hyphenated), never inside a letter and its marks, and Arabic
    preferably after a letter that does not join the next. With ``apart``, any two boxes
    next to each other may part too (a word and the full stop that may not start a line, too
    wide together), and so may words tied together."""
    items: list[Item] = []
    fragments: list[Fragment] = []
    hyphened = {face(latin, bold, italic) for bold in (False, True) for italic in (False, True)}
    for index, (item, fragment) in enumerate(zip(measured.items, measured.fragments, strict=True)):
        if apart and item.kind == "penalty" and (item.penalty >= INFINITE or item.penalty == TIE):
            continue  # words tied together part too
        if apart and item.kind == "box" and items and items[-1].kind == "box":
            items.append(Item("penalty", 0.0, penalty=INFINITE - 1))
            fragments.append(fragment._replace(text="", glyphs=None))
        if item.kind != "box" or item.width <= limit:
            items.append(item)
            fragments.append(fragment)
            continue
        addressed = bool(ADDRESS.match(fragment.text)) or in_address(measured.items, index)
        font = fragment.font
        hyphen = 0.0 if addressed or font not in hyphened else plain_width("-", font)
        syllabic = set() if addressed else set(syllables(fragment.text.lower(), hyphenation))
        for number, chunk in enumerate(_chunks(fragment.text, font, limit - hyphen, syllabic)):
            if number:
                items.append(Item("penalty", hyphen, penalty=INFINITE - 1, flagged=False))
                fragments.append(fragment._replace(text=SOFT_HYPHEN if hyphen else "", glyphs=None))
            glyphs = None if fragment.glyphs is None else shaping.glyphs(chunk, font)
            items.append(Item("box", text_width(chunk, font)))
            fragments.append(fragment._replace(text=chunk, glyphs=glyphs))
    return _measured_items(items, fragments, measured.runs)


def in_address(items: list[Item], index: int) -> bool:
    """Whether box ``index`` is part of an address broken at its slashes and dots: a break of
    an address's cost is next to it."""
    beside = [items[i] for i in (index - 1, index + 1) if 0 <= i < len(items)]
    return any(item.kind == "penalty" and item.penalty in ADDRESS_MARKS for item in beside)


def _chunks(text: str, font: str, limit: float, syllabic: set[int]) -> Iterator[str]:
    """``text`` in pieces no wider than ``limit`` (but a single letter), each as long as it
    can be: cut where two of its ``syllabic`` syllables meet, if one fits, else between
    letters with their marks, in Arabic after a letter that does not join the next where
    there is one, else with a zero-width joiner on each side of the cut, so that the two
    letters there keep the forms they join with (``shaping.JOINER``)."""
    points = [i for i in range(1, len(text)) if not unicodedata.category(text[i]).startswith("M")]
    clean = set(points)
    if shaping.joins(text):
        clean = {
            i
            for i in points
            if text[i - 1] in shaping.JOINS_RIGHT_ONLY
            or not shaping.joins(text[i - 1])
            or not shaping.joins(text[i])
        }

    def _joiner(at: int) -> str:
        return "" if at in clean else shaping.JOINER

    start, joiner = 0, ""
    while text_width(joiner + text[start:], font) > limit:
        fitting = [
            p
            for p in points
            if p > start and text_width(joiner + text[start:p] + _joiner(p), font) <= limit
        ]
        if not fitting:
            fitting = [p for p in points if p > start][:1]
            if not fitting:
                break
        end = max((p for p in fitting if p in syllabic), default=0) or max(
            (p for p in fitting if p in clean), default=fitting[-1]
        )
        yield joiner + text[start:end] + _joiner(end)
        start, joiner = end, _joiner(end)
    yield joiner + text[start:] if start else text
