"""Kashidas: Arabic words lengthened by a tatweel to justify a line, as a typographer would.

Joined letters cannot be spaced apart, so a justified Arabic line that its spaces cannot fill
lengthens a few of its words instead, each by one kashida at its most suitable join (the W3C's
Arabic layout requirements, alreq, as Word and InDesign choose it): never two neighbouring
words, at most ``MOST`` a line. ``room`` says how far a word may lengthen by a tatweel
(``measure`` gives its box that much stretch); the breaker counts on ``MOST`` of a line's, and
only for a paragraph that no breaks keep within the tolerance so on longer kashidas (to
``LONGEST`` tatweels: about half an em, never one long stroke), then on one in every word,
then, where no word is left, on twice as long ones (``setting``: the paragraph is awkward, and
the page weighs another size). ``lengthened`` chooses the words of a placed line (``line``).
"""

from __future__ import annotations

import functools
import itertools
import unicodedata

from . import shaping

LETTERS = 4  # a kashida lengthens a word of this many letters or more
MOST = 3  # words of a line lengthened, at most (the breaker counts on as many)
LONGEST = 2  # tatweels a kashida is long, at most (twice as many where no word is left)
# Where a kashida goes best, by rank (alreq, and Microsoft's order of justification classes):
# after seen, sheen, sad or dad; then before these letters ending a word: teh marbuta, heh
# and dal; alef, tah, lam, kaf and gaf; then before a medial beh-like letter before a final
# reh or yeh; then before a final waw, ain, qaf or feh; then the word's last join.
_AFTER = frozenset("سشصضڛ")
_BEFORE_FINAL = (frozenset("ةهۀدذ"), frozenset("اأإآٱطظلكکگ"))
_BEH = frozenset("بتثنيئىپیٹ")
_REH_YEH = frozenset("رزژيىی")
_BEFORE_LAST = frozenset("وؤعغقف")


@functools.lru_cache(maxsize=20_000)
def room(text: str, font: str) -> float:
    """How far ``text`` may lengthen by a kashida, at unit size: none for a word of fewer
    than ``LETTERS`` letters or without two letters that join."""
    if not shaping.joins(text) or _letters(text) < LETTERS or not place(text)[1]:
        return 0.0
    return shaping.width(shaping.KASHIDA, font)


def lengthened(
    words: list[tuple[int, int, str, str]], wanted: float, size: float, most: float, slack: float
) -> dict[int, tuple[str, float]]:
    """Words of a justified line (item index, the word's place in the line, text, font)
    lengthened by a kashida each to take ``wanted`` points, or a little more, never more than
    ``most``: as few as can take it, at most ``MOST``, the best placed first (``place``), then
    the farthest from those chosen (spread across the line), then the longest; one a word,
    never two neighbouring words. Where those cannot take it, they grow, a tatweel each in
    turn, to ``LONGEST``; then more words take one (neighbours last), and grow; and where no
    word is left to take one, they grow longer still (to twice ``LONGEST``) for what is past
    the spaces' ``slack``. By item index: the word's text with its kashida, and its width in
    points."""
    ranked = [
        (place(text)[0], -_letters(text), at_word, i, text, font)
        for i, at_word, text, font in words
        if room(text, font)
    ]
    chosen: list[tuple[int, int, str, str]] = []
    long: dict[int, int] = {}  # tatweels, by item index
    every = len(ranked)
    for apart, count in ((True, MOST), (True, every), (False, every)):
        while len(chosen) < count and wanted > 1e-6:
            places = [c[0] for c in chosen]
            free = [r for r in ranked if all(abs(r[2] - a) > apart for a in places)]
            if not free:
                break
            *_, at_word, i, text, font = min(
                free, key=lambda r: (r[0], -min((abs(r[2] - a) for a in places), default=0), r[1])
            )
            step = room(text, font) * size
            if step > most:
                break
            chosen.append((at_word, i, text, font))
            long[i] = 1
            wanted, most = wanted - step, most - step
        for length, (_, i, text, font) in itertools.product(range(2, LONGEST + 1), chosen):
            step = room(text, font) * size  # longer, a tatweel each in turn, best placed first
            if long[i] < length and wanted > 1e-6 and step <= most:
                long[i] = length
                wanted, most = wanted - step, most - step
    for _, i, text, font in itertools.cycle(chosen) if chosen else ():  # no word is left
        step = room(text, font) * size
        if wanted <= slack + 1e-6 or step > most or long[i] == 2 * LONGEST:
            break
        long[i] += 1
        wanted, most = wanted - step, most - step
    out: dict[int, tuple[str, float]] = {}
    for _, i, text, font in chosen:
        at = place(text)[1]
        longer = text[:at] + shaping.STRETCH * long[i] + text[at:]
        out[i] = (longer, shaping.width(longer, font) * size)
    return out


def _letters(text: str) -> int:
    return sum(unicodedata.category(char) == "Lo" for char in text)


@functools.lru_cache(maxsize=20_000)
def place(word: str) -> tuple[int, int]:
    """Where a kashida goes best in ``word``: its rank (0 best, ``_AFTER`` and on) and its
    offset, between two letters that join (never inside lam-alef), the last of its rank;
    the offset is 0 if there is no such place."""
    letters = [i for i, char in enumerate(word) if unicodedata.category(char) == "Lo"]
    best = (len(_BEFORE_FINAL) + 4, 0)
    for before, after in itertools.pairwise(letters):
        first, second = word[before], word[after]
        if (
            not shaping.joins(first)
            or not shaping.joins(second)
            or first in shaping.JOINS_RIGHT_ONLY
            or (first == "ل" and second in "اأإآٱ")
            or after != before + 1 + _marks(word, before)
        ):
            continue
        final = after == letters[-1]
        last = word[letters[-1]] if after == letters[-2] else ""  # the letter after, ending
        if first in _AFTER:
            rank = 0
        elif final and any(second in kind for kind in _BEFORE_FINAL):
            rank = 1 + next(k for k, kind in enumerate(_BEFORE_FINAL) if second in kind)
        elif second in _BEH and last in _REH_YEH:
            rank = len(_BEFORE_FINAL) + 1
        elif final and second in _BEFORE_LAST:
            rank = len(_BEFORE_FINAL) + 2
        else:
            rank = len(_BEFORE_FINAL) + 3
        if rank <= best[0]:
            best = (rank, after)
    return best


def _marks(word: str, at: int) -> int:
    """How many combining marks follow the letter at ``at``."""
    count = 0
    while at + 1 + count < len(word) and unicodedata.category(word[at + 1 + count]) == "Mn":
        count += 1
    return count
