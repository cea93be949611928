"""Typesetting: paragraph markup measured once, then broken into lines at any width and size.

A paragraph's markup (bold, italic, links and line breaks, as ``markup`` writes it) becomes a
list of boxes, glue and penalties measured at unit size (``linebreak.Item``), with the text and
face of each: words, the spaces between them, hyphenation points (2 letters before, 3 after,
never in a paragraph's last word), and break points after ``/ . - _ ? & = #`` in web and e-mail
addresses, which break without a hyphen. Text that must not break inside a word (headings,
names, labels: ragged, without hyphenation) is set smaller when one word is wider than its box;
justified text breaks such a word anywhere, as a last resort (``_split_boxes``).
``textbox.TextBox`` is the ReportLab flowable that draws the lines.

Other scripts: each character is drawn in the face that suits it (the script's faces for
Arabic, Hebrew or Chinese letters and the punctuation among them, the Latin faces for Latin
words and figures); Arabic and Hebrew words are measured shaped (``shaping``). Chinese, in any
sheet, may break between any two ideographs, at glue of no width, except where the kinsoku
rules forbid it; its justified lines are letter-spaced, and full-width punctuation at a line's
ends is set half-width. A word too long for its line breaks without a hyphen in these scripts
(Arabic after a letter that does not join the next). The bidirectional algorithm runs over the
whole paragraph, addresses, telephone numbers and amounts isolated left to right; each line
is then put in display order from its levels (``_display``); the controls of the algorithm
are never drawn. A justified Arabic line too loose for its spaces lengthens a few long words
by one kashida each, since joined letters cannot be spaced apart; one that would still gape
is set ragged.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from typing import Literal, NamedTuple

from ..content.runs import LineBreak, Run, Runs
from ..fonts import Faces, charset, drawn_by
from ..fonts import script_faces as script_faces_of
from ..language import BIDI_CONTROLS
from . import shaping
from .linebreak import INFINITE, Breaker, Item, Line, Rules

shaping.load_reportlab()

Align = Literal["justify", "left", "right", "center"]

SOFT_HYPHEN = "\u00ad"  # a line-end hyphen: drawn as a hyphen, read as nothing
UNBROKEN = 1e5  # points: a width no one line of text needs to break at
_SPACE_STRETCH = 1 / 2  # of a space: at the tolerance of 2, spaces stretch to twice their width
_SPACE_SHRINK = 1 / 3
_TOLERANCE = Rules().tolerance
_SMALLEST_STEP = 0.5  # how far text that must not break may step down for a wide word
_UNHYPHENATED = 1.0  # the tolerance of lines set without hyphenating
_TRACKED = 4.0  # the tolerance of lines that letter spacing helps
_TRACKED_SPACE = 1.6  # how far their spaces stretch (as a tolerance) before letters do
_MOST_TRACKING = 0.03  # ems of letter spacing, at most, in a line that needs it
_LOOSEST = 0.5  # ems a space may grow by in a language without hyphens; past it, ragged
_RAGGED = 3.0  # stretch at a ragged line's end, in ems: how uneven ragged lines may be
_HYPHEN_PENALTY = 50.0
_UNLIKED_PENALTY = 150.0  # a hyphen after two letters ("re-spond"), or in a capitalized word
_ADDRESS_PENALTY = 30.0  # a break inside a web or e-mail address, after / . _ ? & = #
_ADDRESS_DASH_PENALTY = 500.0  # after a hyphen in an address: it reads as an added hyphen
_DASH_PENALTY = 50.0  # a break after a hyphen or slash typed in a word
_SHORTEST_HYPHENATED = 5  # letters: shorter words are never hyphenated
# A web address (with a scheme, www., or a domain and a path) or an e-mail address.
_ADDRESS = re.compile(r"^\W*(\w+://|www\.|[\w-]+(\.[\w-]+)+/|[^@\s]+@[^@\s]+\.\w)", re.IGNORECASE)
# An address written among other scripts: ASCII only, ended by the first character that is not.
_WEB = r"(?:[a-z][a-z0-9+.-]*://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+/)(?:[!-~]*[a-z0-9_/])?"
_MAIL = r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
_ADDRESS_IN_CJK = re.compile(f"{_WEB}|{_MAIL}", re.IGNORECASE)
_ADDRESS_BREAKS = frozenset("/.-_?&=#")
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A word of letters, perhaps joined by dashes or slashes, in quotes, brackets or punctuation.
_WORDLIKE = re.compile(
    r"\W{0,2}[^\W\d_]+(?:['’][^\W\d_]+)*(?:[-–—/][^\W\d_]+(?:['’][^\W\d_]+)*)*\W{0,3}"
)
_DASHES = frozenset("-–—/")
# Chinese: lines break between ideographs (and between one and a Latin word or figure), but
# never before closing punctuation nor after opening punctuation (UAX #14's classes CL, CP,
# EX, IS, NS and closing QU; OP and opening QU: the kinsoku rules).
_CJK = re.compile(r"[\u2e80-\u30ff\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_NO_LINE_START = frozenset(
    "。，、．：；！？）」』】〕〉》〙〗〛”’・ー…‥々〻〜～％‰℃°"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ)]},.:;!?%"
)
_NO_LINE_END = frozenset("（「『【〔〈《〘〖〚“‘([{")
_OPENS_FULL = frozenset("（「『【〔〈《〘〖〚")  # full-width, their blank half before them
_CLOSES_FULL = frozenset("）」』】〕〉》〙〗〛。，、：；")  # their blank half after them
_CJK_STRETCH = 0.1  # ems a break between ideographs may stretch by, in justified text
# Arabic: a justified line too loose for its spaces lengthens words with kashidas, between two
# letters that join (not after the letters that join only to the letter before them).
# A kashida lengthens a word of 4 letters or more, one a word, in a few words a line.
_KASHIDA_LETTERS = 4
_KASHIDA_WORDS = 3
_KASHIDA_AFTER = frozenset("سشصض")  # the best joins: after these letters
_KASHIDA_BEFORE_FINAL = frozenset("ةهد")  # then before these, ending a word
_JOINS_RIGHT_ONLY = frozenset("ءآأؤإاةدذرزوٱژڈڑۀۃۄۅۆۇۈۉۊۋۍۏ")
# Bidirectional text: what keeps its left-to-right order inside a right-to-left paragraph (a
# web or e-mail address, a telephone number or other digits grouped by spaces, an amount of
# money and the Latin words after it), isolated (LRI ... PDI) before the algorithm runs.
_LEFT_TO_RIGHT = re.compile(
    rf"{_WEB}|{_MAIL}|\+?\d+(?:[ \u00a0]\d+)+|[$€£¥]\s?\d(?:[\d.,]*\d)?(?:\s+[a-z]+)*",
    re.IGNORECASE,
)
_ISOLATE, _POP_ISOLATE = "\u2066", "\u2069"
_ARABIC_MARK = "\u061c"  # its context for digits at a paragraph's start
_BREAK = Run("\n")  # a line break, among the parts of words


class Style(NamedTuple):
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


class Piece(NamedTuple):
    """What an item draws: its text, face, colour and link (glue draws a space)."""

    text: str
    font: str
    colour: str
    link: str


class Prepared(NamedTuple):
    """A paragraph measured at unit size: its items, what each one draws, ready to break."""

    items: list[Item]
    pieces: list[Piece]
    widest: float  # the widest box, at unit size
    breaker: Breaker
    shaped: bool = False  # some text needs shaping (Arabic, Hebrew)
    steered: bool = False  # some text has controls of the bidirectional algorithm


class Placed(NamedTuple):
    """A run of a line as drawn: its text and face, and where it starts."""

    text: str  # in reading (logical) order
    font: str
    colour: str
    link: str
    x: float  # from the line's left end, in points
    width: float  # in points
    shown: str = ""  # what is drawn, when not ``text``: glyphs shaped or reordered for display


class SetLine(NamedTuple):
    """One line as drawn: its runs, its word and letter spacing and its width."""

    runs: list[Placed]
    word_space: float  # points added to each space (justified lines)
    char_space: float  # points added after each character (a line too loose for its spaces)
    width: float  # in points
    visual: bool = False  # runs are placed each at its own ``x`` (in reading order), not in turn


class Setting(NamedTuple):
    """A paragraph broken into lines at one width, and the size it is set at."""

    prepared: Prepared
    size: float
    room: float  # the line width, at unit size
    lines: list[Line]
    strained: bool = False  # a line had to be looser than letter spacing can make good


def _face(faces: Faces, bold: bool, italic: bool) -> str:
    if bold:
        return faces.bold_italic if italic else faces.bold
    return faces.italic if italic else faces.regular


@functools.cache
def _width(text: str, font: str) -> float:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, font, 1.0))


@functools.cache
def _hyphenator(language: str) -> object:
    import pyphen

    from .hyphenation import prepare

    prepare(language)
    return pyphen.Pyphen(lang=language, left=2, right=3)


def hyphen_points(word: str, language: str) -> list[int]:
    """Offsets in ``word`` where it may be hyphenated: inside each part of a compound
    ("community-based"), never in acronyms (INL's) or in words among digits or codes, and none
    in a ``language`` of "" (one without hyphenation)."""
    if not language or not _WORDLIKE.fullmatch(word):
        return []
    points: list[int] = []
    for part in _LETTERS.finditer(word):
        core = part.group()
        if len(core) < _SHORTEST_HYPHENATED or sum(char.isupper() for char in core) > 1:
            continue  # short words and acronyms stay whole
        found: list[int] = _hyphenator(language).positions(core)  # type: ignore[attr-defined]
        points += [part.start() + p for p in found]
    return points


def _address(word: str) -> tuple[int, int]:
    """Where a web or e-mail address starts and ends in ``word``: the whole word, or one
    written inside a run of Chinese ("见https://www.state.gov。"); (0, 0) if there is none."""
    if _CJK.search(word):  # ideographs are word characters too: "见https://" is no scheme
        found = _ADDRESS_IN_CJK.search(word)
        return found.span() if found else (0, 0)
    return (0, len(word)) if _ADDRESS.match(word) else (0, 0)


def _address_points(word: str) -> list[int]:
    """Offsets after the characters of a web or e-mail address that it may break after."""
    points = []
    for index, char in enumerate(word[:-1]):
        if char in _ADDRESS_BREAKS and word[index + 1] not in _ADDRESS_BREAKS and index > 0:
            points.append(index + 1)
    return points


def _dash_points(word: str) -> list[int]:
    """Offsets after a hyphen, dash or slash typed between letters."""
    return [
        i + 1
        for i, char in enumerate(word[:-1])
        if char in _DASHES and i >= 2 and len(word) - i > 3 and word[i - 1].isalpha()
    ]


def _words(runs: Runs) -> Iterator[list[tuple[str, Run]] | None]:
    """Words as lists of (text, run) parts; None between words, and a line break as its own."""
    word: list[tuple[str, Run]] = []
    for span in runs:
        if isinstance(span, LineBreak):
            if word:
                yield word
                word = []
            yield [("\n", _BREAK)]
            continue
        for index, chunk in enumerate(re.split(r"[ \t\n\r]+", span.text)):
            if index:
                if word:
                    yield word
                    word = []
                yield None
            if chunk:
                word.append((chunk, span))
    if word:
        yield word


def prepare(runs: Runs, style: Style) -> Prepared:
    """``runs`` as items at unit size, for breaking at any width; measured once in a
    process for the same text in the same face, colour, alignment and language (a sheet
    built again in ``watch``, or its paragraphs at every trial scale)."""
    return _prepare(
        runs,
        style.faces,
        style.colour,
        style.bold,
        style.italic,
        style.align == "justify",
        style.hyphenation,
        style.uppercase,
        style.script_faces,
        style.cjk,
    )


@functools.lru_cache(maxsize=1024)
def _prepare(
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
) -> Prepared:
    if uppercase:
        runs = tuple(
            run._replace(text=run.text.upper()) if isinstance(run, Run) else run for run in runs
        )
    items: list[Item] = []
    pieces: list[Piece] = []
    words = list(_words(runs))
    last_word = max((i for i, w in enumerate(words) if w and w[0][0] != "\n"), default=-1)
    pending_space: Piece | None = None
    for index, word in enumerate(words):
        if word is None:
            if items and items[-1].kind == "box":
                pending_space = pieces[-1]._replace(text=" ")
            continue
        if pending_space is not None and pending_space.link != word[0][1].link:
            pending_space = pending_space._replace(link="", colour=colour)
        if word[0][0] == "\n":
            items.append(Item("penalty", 0.0, penalty=-INFINITE))
            pieces.append(Piece("", "", "", ""))
            pending_space = None
            continue
        if pending_space is not None:
            if word[0][0][0] in "–—":  # a dash stays with the word before it
                items.append(Item("penalty", 0.0, penalty=INFINITE))
                pieces.append(Piece("", "", "", ""))
            space = _width(" ", pending_space.font)  # a space measures the same shaped
            stretch, shrink = (
                (space * _SPACE_STRETCH, space * _SPACE_SHRINK) if justified else (0, 0)
            )
            items.append(Item("glue", space, stretch, shrink))
            pieces.append(pending_space)
            pending_space = None
        word_items, word_pieces = _word(
            tuple(word),
            faces,
            bold,
            italic,
            colour,
            hyphenation,
            index == last_word,
            script_faces,
            justified if cjk else None,
        )
        items += word_items
        pieces += word_pieces
    items.append(Item("penalty", 0.0, penalty=-INFINITE))
    pieces.append(Piece("", "", "", ""))
    return _prepared(items, pieces)


def _prepared(items: list[Item], pieces: list[Piece]) -> Prepared:
    widest = max((item.width for item in items if item.kind == "box"), default=0.0)
    text = "".join(piece.text for piece in pieces)
    steered = not BIDI_CONTROLS.isdisjoint(text)
    return Prepared(items, pieces, widest, Breaker(items), shaping.needs_shaping(text), steered)


@functools.lru_cache(maxsize=20_000)
def _word(
    word: tuple[tuple[str, Run], ...],
    faces: Faces,
    bold: bool,
    italic: bool,
    colour: str,
    hyphenation: str,
    last: bool,
    script_faces: Faces | None = None,
    cjk: bool | None = None,
) -> tuple[list[Item], list[Piece]]:
    """The boxes of one word (as (text, run) parts), with a penalty at each place it may
    break; measured once for every paragraph and build of a process that sets it.

    With ``script_faces``, each character is drawn in the face that suits it (``_scripts``).
    With ``cjk`` (True when justified, False when not, None for text that is not Chinese),
    the word may also break between ideographs, at glue that stretches when justified."""
    items: list[Item] = []
    pieces: list[Piece] = []
    text = "".join(part for part, _ in word)
    # offset: (penalty, adds a hyphen, ends with a hyphen)
    breaks_at: dict[int, tuple[float, bool, bool]] = {}
    begin, end = _address(text)
    if end:  # a break after a hyphen in an address looks like a hyphen
        for point in _address_points(text[begin:end]):
            dash = text[begin + point - 1] == "-"
            penalty = _ADDRESS_DASH_PENALTY if dash else _ADDRESS_PENALTY
            breaks_at[begin + point] = (penalty, False, dash)
    elif hyphenation:
        for point in _dash_points(text):
            breaks_at[point] = (_DASH_PENALTY, False, text[point - 1] != "/")
        if not last:
            for point in hyphen_points(text, hyphenation):
                if text[point - 1] not in _DASHES:
                    short = point < 3 or not text[point - 3].isalpha()  # "re-spond"
                    name = text[:1].isupper()  # a name, or a sentence's first word
                    penalty = _UNLIKED_PENALTY if short or name else _HYPHEN_PENALTY
                    breaks_at.setdefault(point, (penalty, True, True))
    glue_at: set[int] = set()
    if cjk is not None or _CJK.search(text):  # Chinese, in a Chinese sheet or another
        glue_at = {point for point in _cjk_points(text) if not begin < point < end}
    stretch = _CJK_STRETCH if cjk else 0.0
    scripted = _faces_of(text, faces, script_faces)
    measure = _width if scripted is None else _measure
    offset = 0
    for part, span in word:
        weight = bold or span.bold, italic or span.italic
        font = _face(faces, *weight)
        fonts = None  # the face of each character, when not all the same
        cuts = {p - offset for p in breaks_at if offset < p < offset + len(part)}
        if glue_at:
            cuts |= {p - offset for p in glue_at if offset < p < offset + len(part)}
        if scripted is not None:
            fonts = [_face(scripted[offset + i], *weight) for i in range(len(part))]
            cuts |= {i for i in range(1, len(part)) if fonts[i] != fonts[i - 1]}
        shade = span.colour or colour
        start = 0
        for point in [*sorted(cuts), len(part)]:
            chunk = part[start:point]
            if fonts is not None:
                font = fonts[start]
            items.append(Item("box", measure(_unsteered(chunk), font)))
            pieces.append(Piece(chunk, font, shade, span.link))
            start = point
            if offset + point in glue_at:
                items.append(Item("glue", 0.0, stretch))
                pieces.append(Piece("", font, shade, span.link))
            elif offset + point in breaks_at and point < len(part):
                penalty, hyphen, flagged = breaks_at[offset + point]
                width = _width("-", font) if hyphen else 0.0
                items.append(Item("penalty", width, penalty=penalty, flagged=flagged))
                pieces.append(Piece(SOFT_HYPHEN if hyphen else "", font, shade, span.link))
        offset += len(part)
    return items, pieces


def _unsteered(text: str) -> str:
    """``text`` without the controls of the bidirectional algorithm, which are never drawn."""
    if BIDI_CONTROLS.isdisjoint(text):
        return text
    return "".join(char for char in text if char not in BIDI_CONTROLS)


def _measure(text: str, font: str) -> float:
    """The width of ``text`` in ``font`` at unit size, shaped if its script needs it."""
    return shaping.width(text, font) if shaping.needs_shaping(text) else _width(text, font)


def _faces_of(text: str, faces: Faces, script_faces: Faces | None) -> list[Faces] | None:
    """The faces that draw each character of a word: the script's faces for the letters and
    marks only they draw, and for the punctuation next to those if they have it (the nearest
    letter or digit before, or else after, decides: "(INL)", "20%" stay Latin); the Latin
    faces for Latin letters, Western digits and the rest. A letter of another script that
    briefing ships (Hebrew in an Arabic sheet) is drawn in that script's faces. None when the
    Latin faces draw the whole word in a sheet of a Latin script."""
    latin = charset(faces)
    if script_faces is None and latin.issuperset(text):
        return None
    strong: list[Faces | None] = []
    for char in text:
        if char in latin:
            strong.append(faces if char.isalnum() else None)
        elif script_faces is not None and char in charset(script_faces):
            strong.append(script_faces)
        else:
            script = drawn_by(char)
            other = script_faces_of(script, faces.family) if script is not None else None
            strong.append(other or script_faces or faces)
    out: list[Faces] = []
    for index, char in enumerate(text):
        own = strong[index]
        if own is None:
            before = (s for s in reversed(strong[:index]) if s is not None)
            after = (s for s in strong[index + 1 :] if s is not None)
            near = next(before, next(after, faces))
            own = near if char in charset(near) else faces
        out.append(own)
    return out


def _cjk_points(text: str) -> set[int]:
    """Offsets in ``text`` between two characters that a line may break between: beside an
    ideograph, but not before closing punctuation nor after opening punctuation."""
    return {
        i
        for i in range(1, len(text))
        if (_CJK.match(text[i - 1]) or _CJK.match(text[i]))
        and text[i - 1] not in _NO_LINE_END
        and text[i] not in _NO_LINE_START
    }


def _split_boxes(prepared: Prepared, limit: float, latin: Faces, apart: bool = False) -> Prepared:
    """``prepared`` with every box wider than ``limit`` cut into pieces that fit, breakable
    between them: the last resort for a word too long for its line. A Latin word breaks after
    any letter, with a hyphen; an address, or a word in another script, without one (Arabic,
    Hebrew and Chinese are not hyphenated), never inside a letter and its marks, and Arabic
    preferably after a letter that does not join the next. With ``apart``, any two boxes
    next to each other may part too (a word and the full stop that may not start a line, too
    wide together)."""
    items: list[Item] = []
    pieces: list[Piece] = []
    hyphened = {_face(latin, bold, italic) for bold in (False, True) for italic in (False, True)}
    for index, (item, piece) in enumerate(zip(prepared.items, prepared.pieces, strict=True)):
        if apart and item.kind == "box" and items and items[-1].kind == "box":
            items.append(Item("penalty", 0.0, penalty=INFINITE - 1))
            pieces.append(piece._replace(text=""))
        if item.kind != "box" or item.width <= limit:
            items.append(item)
            pieces.append(piece)
            continue
        address = bool(_ADDRESS.match(piece.text)) or _in_address(prepared.items, index)
        hyphen = 0.0 if address or piece.font not in hyphened else _width("-", piece.font)
        for number, chunk in enumerate(_chunks(piece.text, piece.font, limit - hyphen)):
            if number:
                items.append(Item("penalty", hyphen, penalty=INFINITE - 1, flagged=False))
                pieces.append(piece._replace(text=SOFT_HYPHEN if hyphen else ""))
            items.append(Item("box", _measure(chunk, piece.font)))
            pieces.append(piece._replace(text=chunk))
    return _prepared(items, pieces)


def _in_address(items: list[Item], index: int) -> bool:
    """Whether box ``index`` is part of an address broken at its slashes and dots: a break of
    an address's cost is next to it."""
    beside = [items[i] for i in (index - 1, index + 1) if 0 <= i < len(items)]
    return any(
        item.kind == "penalty" and item.penalty in (_ADDRESS_PENALTY, _ADDRESS_DASH_PENALTY)
        for item in beside
    )


def _chunks(text: str, font: str, limit: float) -> Iterator[str]:
    """``text`` in pieces no wider than ``limit`` (but a single letter), each as long as it
    can be: cut between letters with their marks, in Arabic after a letter that does not
    join the next where there is one."""
    points = [i for i in range(1, len(text)) if not unicodedata.category(text[i]).startswith("M")]
    clean = set(points)
    if shaping.joins(text):
        clean = {
            i for i in points if text[i - 1] in _JOINS_RIGHT_ONLY or not shaping.joins(text[i - 1])
        }
    start = 0
    while _measure(text[start:], font) > limit:
        fitting = [p for p in points if p > start and _measure(text[start:p], font) <= limit]
        if not fitting:
            fitting = [p for p in points if p > start][:1]
            if not fitting:
                break
        end = max((p for p in fitting if p in clean), default=fitting[-1])
        yield text[start:end]
        start = end
    yield text[start:] if start else text


def set_lines(prepared: Prepared, style: Style, width: float) -> Setting:
    """The paragraph broken into lines of ``width`` points, at the style's size or, when text
    that must not break (ragged and unhyphenated) has a word wider than the line, smaller."""
    size = style.size
    room = (width - style.indent) / size
    whole = not style.hyphenation and style.align != "justify"  # never broken inside words
    if whole and prepared.widest > room > 0:  # smaller, to half size at most
        step = max(room / prepared.widest, _SMALLEST_STEP)
        size *= step
        room /= step
    if prepared.widest > room:
        prepared = _split_boxes(prepared, max(room, 1e-3), style.faces)
    rules = Rules(ragged=0.0 if style.align == "justify" else _RAGGED, balance=style.balance)
    # First without hyphenating, if every line then is about as good as it gets (as TeX does).
    lines = prepared.breaker.breaks(room, rules._replace(tolerance=_UNHYPHENATED, hyphenate=False))
    if lines is None:
        lines = prepared.breaker.breaks(room, rules)
    if lines is None:  # some line must be loose: letter spacing takes what spaces cannot
        lines = prepared.breaker.breaks(room, rules._replace(tolerance=_TRACKED))
    if lines is None:  # a line must be looser still: the least loose, then
        rules = rules._replace(tolerance=_TRACKED, emergency=True)
        lines = prepared.breaker.breaks(room, rules)
    strained = lines is None
    if lines is None:  # and three hyphenated lines in a row, if there is no other way
        lines = prepared.breaker.breaks(room, rules._replace(most_hyphens=len(prepared.items)))
    if lines is None:  # boxes that may not part are too wide together: they part
        hyphen = max(item.width for item in prepared.items if item.kind == "penalty")
        prepared = _split_boxes(prepared, max(room - hyphen, 1e-3), style.faces, apart=True)
        rules = rules._replace(most_hyphens=len(prepared.items))
        lines = prepared.breaker.breaks(room, rules)
    if lines is None:  # a column narrower than a letter and a hyphen: the lines overrun it
        lines = prepared.breaker.breaks(max(room, prepared.widest + hyphen), rules)
    if lines is None:
        raise RuntimeError("a paragraph could not be broken into lines")
    setting = Setting(prepared, size, room, lines, strained)
    # A line of words too loose for its spaces and some letter spacing is drawn ragged:
    # strained (a line of one or two words beside a long address is not).
    loose = [i for i, line in enumerate(lines[:-1]) if line.ratio > _TOLERANCE]
    for i in loose if style.align == "justify" else []:
        line = drawn(setting, style, i)
        if line.word_space == 0 and sum(run.text.count(" ") for run in line.runs) > 2:
            return setting._replace(strained=True)
    return setting


def drawn(setting: Setting, style: Style, index: int) -> SetLine:
    """Line ``index`` of ``setting``, placed: a justified line shares the room left among its
    spaces; one that ends between words keeps the space, for readers of the text."""
    prepared, size, line = setting.prepared, setting.size, setting.lines[index]
    items, pieces = prepared.items, prepared.pieces
    end = items[line.end]
    last = index == len(setting.lines) - 1
    shown = [i for i in range(line.start, line.end) if items[i].kind != "penalty"]
    ending = pieces[line.end]
    hyphen = end.kind == "penalty" and bool(ending.text)
    natural = (sum(items[i].width for i in shown) + end.width * hyphen) * size
    spaces = sum(1 for i in shown if items[i].kind == "glue")
    justify = style.align == "justify" and not last and end.penalty > -INFINITE
    justify = bool(spaces) and (justify or line.ratio < 0)
    lead = trail = 0.0  # Chinese: the blank halves of full-width punctuation at the ends
    if style.cjk and shown:
        lead, trail = _blank_ends(pieces[shown[0]], pieces[shown[-1]], size)
        trail *= not hyphen
        natural -= lead + trail
    extra = setting.room * size - natural if justify else 0.0
    word_space, char_space = extra / spaces if justify else 0.0, 0.0
    space = _width(" ", style.faces.regular) * size
    elongated: dict[int, tuple[str, float]] = {}  # Arabic words drawn longer: text, width
    joined = prepared.shaped and any(shaping.joins(pieces[i].text) for i in shown)
    if style.cjk and justify:  # Chinese: every character is spaced out a little
        glyphs = sum(len(pieces[i].text) for i in shown) - (0 if hyphen else 1)
        word_space, char_space = 0.0, extra / glyphs if glyphs > 0 else 0.0
    elif joined and word_space > space * _SPACE_STRETCH * _TOLERANCE:
        # Arabic letters cannot be spaced apart: words grow by kashidas instead
        widest = space * _SPACE_STRETCH * _TRACKED_SPACE
        elongated = _kashidas([(i, pieces[i]) for i in shown], extra - spaces * widest, size)
        grown = sum(width - items[i].width * size for i, (_, width) in elongated.items())
        word_space = (extra - grown) / spaces
        if word_space > _LOOSEST * size:  # gaping (before a word too long for the line)
            word_space, elongated = 0.0, {}
    elif word_space > space * _SPACE_STRETCH * _TOLERANCE:  # wider than the spaces should go:
        # letter spacing takes the rest, a little, or the line stays ragged (beside an address)
        widest = space * _SPACE_STRETCH * _TRACKED_SPACE  # what a space may grow by, then
        # Every glyph but the line's last is followed by letter spacing (the spaces' own goes
        # into their width).
        glyphs = sum(len(pieces[i].text) for i in shown) - spaces - (0 if hyphen else 1)
        char_space = (extra - spaces * widest) / glyphs if glyphs > 0 else 0.0
        if char_space > _MOST_TRACKING * size and style.hyphenation:
            word_space, char_space = 0.0, 0.0
        elif char_space > _MOST_TRACKING * size:  # a language without hyphens (Hebrew): the
            # line stays justified, its spaces looser still, rather than ragged among full ones
            char_space = _MOST_TRACKING * size
            word_space = (extra - glyphs * char_space) / spaces - char_space
            if word_space > _LOOSEST * size:  # gaping (before a word too long for the line)
                word_space, char_space = 0.0, 0.0
        else:  # letter spacing widens the spaces too
            word_space = widest - char_space
    rtl = style.direction == "rtl"
    visual = rtl or prepared.shaped
    bidi = _bidi_levels(tuple(map(_bidi_text, items, pieces)), rtl) if visual else ()
    line_levels: list[int] = []  # the embedding level of each character of the line's runs
    # Runs of one face, colour and link: their texts and widths, started at ``start``.
    placed: list[Placed] = []
    texts: list[str] = []
    key: tuple[str, str, str] | None = None
    start = run_width = x = 0.0
    for i in shown:
        item, piece = items[i], pieces[i]
        width = item.width * size + char_space * len(piece.text)
        if item.kind == "glue":
            width += word_space
        text = piece.text
        levels = bidi[i] if visual else ()
        if elongated and i in elongated:
            text, width = elongated[i]
            levels = tuple(_stretched(text, levels)) if visual else ()
        if prepared.steered:  # controls steer the order, and are not drawn
            kept = [k for k, char in enumerate(text) if char not in BIDI_CONTROLS]
            text = "".join(text[k] for k in kept)
            levels = tuple(levels[k] for k in kept) if visual else ()
        line_levels += levels
        here = (piece.font, piece.colour, piece.link)
        if here != key:
            if key is not None:
                placed.append(Placed("".join(texts), *key, start, run_width))
            key, texts, start, run_width = here, [], x, 0.0
        texts.append(text)
        run_width += width
        x += width
    if key is not None:
        placed.append(Placed("".join(texts), *key, start, run_width))
    if hyphen:
        placed.append(
            Placed(ending.text, ending.font, ending.colour, ending.link, x, end.width * size)
        )
        x += end.width * size
        line_levels += line_levels[-1:] or [int(rtl)]
    else:
        x -= char_space  # the last glyph's letter spacing is past the line's end
    visual = rtl or (prepared.shaped and any(shaping.needs_shaping(p.text) for p in placed))
    if visual:
        placed = _display(placed, line_levels, rtl, size, word_space, char_space)
    if lead:  # an opening bracket's blank half hangs before the line's start
        placed = [run._replace(x=run.x - lead) for run in placed]
        visual = True
    x -= lead + trail
    if (end.kind == "glue" and ending.text) or (end.penalty <= -INFINITE and not last):
        # between words, or at a line break (<br/>): keep a space, for readers of the text
        # (inside a link when the line breaks inside one, so its words read whole), at the
        # line's end: its right, or its left in a right-to-left paragraph
        colour = ending.colour if ending.link else style.colour
        font = ending.font or (placed[-1].font if placed else style.faces.regular)
        at = -_width(" ", font) * size if rtl else x
        placed.append(Placed(" ", font, colour, ending.link, at, 0.0))
    return SetLine(placed, word_space, char_space, x, visual)


def _blank_ends(first: Piece, last: Piece, size: float) -> tuple[float, float]:
    """The blank halves (in points) of full-width punctuation that opens a line of Chinese
    (an opening bracket) or ends it (a closing bracket, a full stop or comma): set half-width
    there, they keep the line's ink flush with its edges (CLREQ's compression at line ends)."""
    opening = first.text[:1]
    closing = last.text[-1:]
    lead = _measure(opening, first.font) * size / 2 if opening in _OPENS_FULL else 0.0
    trail = _measure(closing, last.font) * size / 2 if closing in _CLOSES_FULL else 0.0
    return lead, trail


def _kashidas(
    boxes: list[tuple[int, Piece]], room: float, size: float
) -> dict[int, tuple[str, float]]:
    """Arabic words of a justified line lengthened by a kashida (a tatweel) each, to take up
    to ``room`` points, as a typographer would: only words of ``_KASHIDA_LETTERS`` letters or
    more, one kashida a word at its best join (``_kashida_place``), in at most
    ``_KASHIDA_WORDS`` words of the line, the best placed and longest first; the spaces take
    the rest. By item index: the word's text with its kashida, and its width."""
    ranked = []
    for i, piece in boxes:
        letters = sum(unicodedata.category(char) == "Lo" for char in piece.text)
        if letters >= _KASHIDA_LETTERS and shaping.joins(piece.text):
            rank, at = _kashida_place(piece.text)
            if at:
                ranked.append((rank, -letters, i, at))
    out = {}
    pieces = dict(boxes)
    for _, _, i, at in sorted(ranked)[:_KASHIDA_WORDS]:
        text, font = pieces[i].text, pieces[i].font
        step = shaping.width(shaping.KASHIDA, font) * size
        if step > room:
            break
        room -= step
        longer = text[:at] + shaping.STRETCH + text[at:]
        out[i] = (longer, shaping.width(longer, font) * size)
    return out


def _kashida_place(word: str) -> tuple[int, int]:
    """Where a kashida goes best in ``word``: its rank (0 best) and its offset, between two
    letters that join (never inside lam-alef); the offset is 0 if there is no such place.
    Best after seen, sheen, sad or dad; then before a final teh marbuta, heh or dal; then the
    last join of the word."""
    joins: list[int] = []
    for index in range(1, len(word)):
        after = word[index]
        at = index - 1
        while at > 0 and unicodedata.category(word[at]) == "Mn":
            at -= 1
        before = word[at]
        if (
            shaping.joins(before)
            and shaping.joins(after)
            and unicodedata.category(before) == "Lo"
            and unicodedata.category(after) == "Lo"
            and before not in _JOINS_RIGHT_ONLY
            and not (before == "ل" and after in "اأإآٱ")
        ):
            joins.append(index)
    if not joins:
        return 0, 0
    last_letter = max(i for i, char in enumerate(word) if unicodedata.category(char) == "Lo")
    for index in reversed(joins):
        if word[index - 1] in _KASHIDA_AFTER:
            return 0, index
    if joins[-1] == last_letter and word[last_letter] in _KASHIDA_BEFORE_FINAL:
        return 1, joins[-1]
    return 2, joins[-1]


def _bidi_text(item: Item, piece: Piece) -> str:
    """What an item stands for in the paragraph's text for the bidirectional algorithm."""
    return " " if item.kind == "glue" else piece.text if item.kind == "box" else ""


@functools.lru_cache(maxsize=256)
def _bidi_levels(texts: tuple[str, ...], rtl: bool) -> tuple[tuple[int, ...], ...]:
    """The embedding level of each character of each of ``texts`` (a paragraph's items), by
    the Unicode bidirectional algorithm over the whole paragraph in its direction. In a
    right-to-left paragraph, addresses, telephone numbers and amounts keep their own order
    (isolated left to right), and an Arabic paragraph starts in the Arabic context (a figure
    alone orders its digits and signs as it would among words)."""
    text = "".join(texts)
    kept = list(range(len(text)))  # where each character of ``text`` is in the marked text
    marked = text
    if rtl:
        marks: dict[int, str] = {}  # by offset in ``text``: the isolate marks added there
        for match in _LEFT_TO_RIGHT.finditer(text):
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
    runs: list[Placed],
    levels: list[int],
    rtl: bool,
    size: float,
    word_space: float,
    char_space: float,
) -> list[Placed]:
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
    cells: list[tuple[Placed, int]] = []  # each piece of a run at one level, and its level
    offset = 0
    for run in runs:
        start = 0
        for index in range(1, len(run.text) + 1):
            if index == len(run.text) or levels[offset + index] != levels[offset + start]:
                part, width = run.text[start:index], run.width
                if part != run.text:
                    width = _measure(part, run.font) * size + char_space * len(part)
                    width += word_space * part.count(" ")
                cells.append((run._replace(text=part, width=width), levels[offset + start]))
                start = index
        offset += len(run.text)
    x = 0.0
    at: dict[int, float] = {}
    for index in shaping.display_order([level for _, level in cells]):
        at[index] = x
        x += cells[index][0].width
    out = []
    for index, (cell, level) in enumerate(cells):
        odd = level % 2 == 1
        if shaping.needs_shaping(cell.text):
            shown = shaping.shaped(cell.text, cell.font, odd)
        else:
            shown = shaping.mirrored(cell.text) if odd else ""
        out.append(cell._replace(x=at[index], shown=shown))
    return out
