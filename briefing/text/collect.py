"""Collect: a paragraph's runs as words, the face of each character, and where a word may break.

Takes the content stage's runs (``content.runs``); gives words as (text, run) parts, with
``None`` between words and a ``LineBreak`` where a line must break. Each character is drawn in
the face that suits it (``faces_of``): the script's faces for Arabic, Hebrew or Chinese letters
and the punctuation among them, the Latin faces for Latin words and figures. Inside a word,
lines may break after ``/ . - _ ? & = #`` in web and e-mail addresses (without a hyphen),
after a dash or slash typed between letters, and between ideographs, except where the kinsoku
rules forbid it; hyphenation points come from ``hyphenation``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from ..content.runs import LineBreak, Run, Runs
from ..fonts import Faces, backing, charset, drawn_by, full_chinese_of
from ..fonts import script_faces as script_faces_of
from ..language import CJK_LETTERS

Word = list[tuple[str, Run]]  # a word's parts, each in the formatting of its run


class _Ideographs:
    """The pattern of Chinese and Japanese characters, compiled when text first holds one
    (it takes milliseconds, and most sheets have none): none is below U+2E80."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern

    @functools.cached_property
    def _compiled(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def search(self, text: str) -> re.Match[str] | None:
        """The first ideograph in ``text``, or None."""
        return self._compiled.search(text) if text and max(text) >= "\u2e80" else None

    def match(self, text: str) -> re.Match[str] | None:
        """Whether ``text`` starts with an ideograph (a match), or None."""
        return self._compiled.match(text) if text and text[0] >= "\u2e80" else None


# A web address (with a scheme, www., or a domain and a path) or an e-mail address.
ADDRESS = re.compile(r"^\W*(\w+://|www\.|[\w-]+(\.[\w-]+)+/|[^@\s]+@[^@\s]+\.\w)", re.IGNORECASE)
# An address written among other scripts: ASCII only, ended by the first character that is not.
WEB = r"(?:[a-z][a-z0-9+.-]*://|www\.|[a-z0-9-]+(?:\.[a-z0-9-]+)+/)(?:[!-~]*[a-z0-9_/])?"
MAIL = r"[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+"
_ADDRESS_IN_CJK = f"(?i:{WEB}|{MAIL})"  # compiled when first used, by ``re``
_BREAK_AFTER = frozenset("/=&")
_BREAK_BEFORE = frozenset(".-_?#%~")
_ALNUM = re.compile(r"[^\W_]")
# Words that stay together (``tied``): a number (an amount, a percentage, without punctuation
# after it; not a year, which the next word does not count: "in 2011 | with") and a word after
# it; a label of up to three capitals (not the words "A" and "I"), a month or an abbreviation
# with a full stop before a number; an initial.
_NUMBER = re.compile(r"^[$€£¥]?\d([\d.,]*\d)?%?$")
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_UNIT = re.compile(r"^[^\W\d_]{1,12}\b")
_LABEL = re.compile(
    r"^((?![AI]$)[A-Z]{1,3}|[A-Z][a-z]{0,4}\.|January|February|March|April|May|June|July|August"
    r"|September|October|November|December)$"
)
_INITIAL = re.compile(r"^[A-Z]\.$")
_GROUPED = re.compile(r"^\d{1,3}$"), re.compile(r"^\d{3}(?!\d)")  # "100 000": thousands
_PUNCTUATION = ".,;:!?)]}»”’\"'"
_SHORT_LAST_WORD = 5  # letters: a last word this short does not stand alone on its line
DASHES = frozenset("-–—/")
_ACRONYMS = re.compile(r"\W*[A-Z0-9]+([-/][A-Z0-9]+)+\W*")  # AML/CFT, (PRC-US)
# Chinese: lines break between ideographs (and between one and a Latin word or figure), but
# never before closing punctuation nor after opening punctuation (UAX #14's classes CL, CP,
# EX, IS, NS and closing QU; OP and opening QU: the kinsoku rules).
CJK = _Ideographs(f"[{CJK_LETTERS}]")
# The middle dot between the parts of a name written in Chinese ("乔莫·肯雅塔"), which the Chinese
# face draws an em wide: Chinese punctuation beside ideographs (clreq), never a line's first
MIDDLE_DOT = "\u00b7"
_NO_LINE_START = frozenset(
    "。，、．：；！？）」』】〕〉》〙〗〛”’・ー…‥々〻〜～％‰℃°\u00b7"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ)]},.:;!?%"
)
_NO_LINE_END = frozenset("（「『【〔〈《〘〖〚“‘([{")
# Full-width punctuation with a blank half, which is compressed where two meet and at line ends
# (clreq): before the ink of opening brackets, after that of the rest.
OPENING_FULL = frozenset("（「『【〔〈《〘〖〚")
PUNCTUATION_FULL = OPENING_FULL | frozenset("）」』】〕〉》〙〗〛。，、：；")


def words(runs: Runs) -> Iterator[Word | LineBreak | None]:
    """The words of ``runs``; None between words, and each line break as it is."""
    word: Word = []
    for run in runs:
        if isinstance(run, LineBreak):
            if word:
                yield word
                word = []
            yield run
            continue
        for index, chunk in enumerate(re.split(r"[ \t\n\r]+", run.text)):
            if index:
                if word:
                    yield word
                    word = []
                yield None
            if chunk:
                word.append((chunk, run))
    if word:
        yield word


def face(faces: Faces, bold: bool, italic: bool) -> str:
    """The face of ``faces`` in that weight and slant."""
    if bold:
        return faces.bold_italic if italic else faces.bold
    return faces.italic if italic else faces.regular


def faces_of(text: str, faces: Faces, script_faces: Faces | None) -> list[Faces] | None:
    """The faces that draw each character of a word: the script's faces for the letters and
    marks only they draw, and for the punctuation next to those if they have it (the nearest
    letter or digit before, or else after, decides: "(INL)", "20%" stay Latin); the Latin
    faces for Latin letters, Western digits and the rest. A letter of another script that
    briefing ships (Hebrew in an Arabic sheet) is drawn in that script's faces, and one that an
    office's faces lack in the shipped family behind them (``backing``). None when the Latin
    faces draw the whole word in a sheet of a Latin script."""
    latin = charset(faces)
    if script_faces is None and latin.issuperset(text):
        return None
    strong: list[Faces | None] = []
    for char in text:
        if char in latin:
            strong.append(faces if char.isalnum() else None)
        elif script_faces is not None and char in charset(script_faces):
            strong.append(script_faces)
        elif (shipped := backing(faces)) is not None and char in charset(shipped):
            strong.append(shipped)
        else:  # another script's shipped family, or the cjk extra's full Chinese face
            script = drawn_by(char)
            other = script_faces_of(script, faces.family) if script is not None else None
            if other is not None and char not in charset(other):
                other = full_chinese_of(char)
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


def address(word: str) -> tuple[int, int]:
    """Where a web or e-mail address starts and ends in ``word``: the whole word, or one
    written inside a run of Chinese ("见https://www.state.gov。"); (0, 0) if there is none."""
    if CJK.search(word):  # ideographs are word characters too: "见https://" is no scheme
        found = re.search(_ADDRESS_IN_CJK, word)
        return found.span() if found else (0, 0)
    return (0, len(word)) if ADDRESS.match(word) else (0, 0)


def address_points(word: str) -> list[int]:
    """Offsets in a web or e-mail address where it may break, as the Chicago Manual has it:
    after a slash (not inside ``//``), ``=`` or ``&``; before a full stop, hyphen,
    underscore, ``?``, ``#``, ``%`` or ``~``, so that a line never ends with a hyphen that
    reads as added; with a letter or digit on each side somewhere."""
    points = []
    for index in range(1, len(word)):
        before, after = word[index - 1], word[index]
        if before in _BREAK_AFTER and after not in _BREAK_AFTER:
            good = True
        else:
            good = after in _BREAK_BEFORE and before not in _BREAK_BEFORE | _BREAK_AFTER
        if good and _ALNUM.search(word, index) and _ALNUM.search(word[:index]):
            points.append(index)
    return points


def label_points(word: str) -> list[int]:
    """``address_points`` of a web or e-mail address (``word``) that leave neither its host
    name's (or e-mail domain's) first label alone before them ("www | .example.org") nor its
    last alone after them ("info@example | .org"): where it may break in a line that its
    readers put in order by themselves, searched for whole by its host name's parts."""
    first, last = host(word)
    return [
        point
        for point in address_points(word)
        if not first < point < last
        or ("." in word[first:point] and (last < len(word) or "." in word[point + 1 : last]))
    ]


def host(word: str) -> tuple[int, int]:
    """Where the host name of a web address (``word``) starts and ends, or an e-mail
    address's domain."""
    if "@" in word and "//" not in word:
        return word.find("@") + 1, len(word)
    first = word.find("//") + 2 if "//" in word else 0
    last = word.find("/", first)
    return first, len(word) if last < 0 else last


def address_letters(word: str) -> list[int]:
    """Offsets in a web address's path (after the slash that ends its host) between two
    letters or digits, each with another beside it: where a long address may also break when
    its own breaks leave a line short or gaping, as LaTeX's xurl lets it (no hyphen added)."""
    host = word.find("/", word.find("//") + 2 if "//" in word else 0)
    if host < 0 or "@" in word:
        return []
    return [
        index for index in range(host + 3, len(word) - 1) if word[index - 2 : index + 2].isalnum()
    ]


def tied(before: str, after: str, last: bool) -> bool:
    """Whether the words ``before`` and ``after`` stay on one line: a number and its unit or
    label ("FY 2010", "$7.4 million", "18 months"; not a year and the word after it), the
    groups of a number's digits spaced by thousands ("100 000"), an initial and what follows
    it, and a short last word of a paragraph (``last``) and the word before it."""
    return bool(
        (_NUMBER.match(before) and not _YEAR.match(before) and _UNIT.match(after))
        or grouped(before, after)
        or (_LABEL.match(before) and _NUMBER.match(after))
        or _INITIAL.match(before)
        or (last and len(after.strip(_PUNCTUATION)) <= _SHORT_LAST_WORD)
    )


def grouped(before: str, after: str) -> bool:
    """Whether ``before`` and ``after`` are groups of a number's digits spaced by thousands."""
    return bool(_GROUPED[0].match(before) and _GROUPED[1].match(after))


def dash_points(word: str) -> list[int]:
    """Offsets after a hyphen, dash or slash typed between letters (not inside acronyms)."""
    if _ACRONYMS.fullmatch(word):
        return []  # "(AML/CFT)" stays whole
    return [
        i + 1
        for i, char in enumerate(word[:-1])
        if char in DASHES and i >= 2 and len(word) - i > 3 and word[i - 1].isalpha()
    ]


def cjk_points(text: str) -> set[int]:
    """Offsets in ``text`` between two characters that a line may break between: beside an
    ideograph, but not before closing punctuation nor after opening punctuation."""
    return {
        i
        for i in range(1, len(text))
        if (CJK.match(text[i - 1]) or CJK.match(text[i]))
        and text[i - 1] not in _NO_LINE_END
        and text[i] not in _NO_LINE_START
    }
