"""Kashidas: Arabic words lengthened by a tatweel to justify a line, as a typographer would.

Joined letters cannot be spaced apart, so a justified Arabic line that its spaces cannot fill
lengthens some of its words instead, by one kashida or two, between two letters that join.
``room`` says how far a word may lengthen (``measure`` gives its box that much stretch, so the
breaker counts on it); ``lengthened`` chooses the words of a placed line (``line``).
"""

from __future__ import annotations

import functools
import unicodedata

from . import shaping

LETTERS = 4  # a kashida lengthens a word of this many letters or more
LONG = 6  # and a word of this many by two, one after the other at the same join
_AFTER = frozenset("سشصض")  # the best joins: after these letters
_BEFORE_FINAL = frozenset("ةهد")  # then before these, ending a word


def count(text: str) -> int:
    """How many kashidas ``text`` may take: none for a word too short or without two letters
    that join."""
    if not shaping.joins(text):
        return 0
    letters = _letters(text)
    if letters < LETTERS or not place(text)[1]:
        return 0
    return 2 if letters >= LONG else 1


@functools.lru_cache(maxsize=20_000)
def room(text: str, font: str) -> float:
    """How far ``text`` may lengthen by its kashidas, at unit size."""
    most = count(text)
    return most * shaping.width(shaping.KASHIDA, font) if most else 0.0


def lengthened(
    words: list[tuple[int, str, str]], wanted: float, size: float, most: float, slack: float
) -> dict[int, tuple[str, float]]:
    """Words of a justified line (item index, text, font) lengthened by kashidas to take
    ``wanted`` points, or a little more, never more than ``most``: as few words as can take
    it, the best placed and longest first (``place``), each by all its kashidas (two in a
    long word) before the next takes any, as a scribe stretches a word or two of a line, not
    every word a little; then a third in the long words, past what the breaker counts on,
    only for what the spaces' ``slack`` cannot take. By item index: the word's text with its
    kashidas, and its width in points."""
    ranked = []
    for i, text, font in words:
        if count(text):
            rank, at = place(text)
            ranked.append((rank, -_letters(text), i, at, text, font))
    ranked.sort(key=lambda r: r[:3])
    taken = dict.fromkeys((r[2] for r in ranked), 0)
    for third in (False, True):  # a third in long words only where spaces would gape
        for _, _, i, _, text, font in ranked:
            step = shaping.width(shaping.KASHIDA, font) * size
            most_here = 3 if third and count(text) == 2 else count(text)
            while taken[i] < most_here and wanted > (slack if third else 0.0) and step <= most:
                taken[i] += 1
                wanted, most = wanted - step, most - step
    out: dict[int, tuple[str, float]] = {}
    for _, _, i, at, text, font in ranked:
        if taken[i]:
            longer = text[:at] + shaping.STRETCH * taken[i] + text[at:]
            out[i] = (longer, shaping.width(longer, font) * size)
    return out


def _letters(text: str) -> int:
    return sum(unicodedata.category(char) == "Lo" for char in text)


@functools.lru_cache(maxsize=20_000)
def place(word: str) -> tuple[int, int]:
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
            and before not in shaping.JOINS_RIGHT_ONLY
            and not (before == "ل" and after in "اأإآٱ")
        ):
            joins.append(index)
    if not joins:
        return 0, 0
    last_letter = max(i for i, char in enumerate(word) if unicodedata.category(char) == "Lo")
    for index in reversed(joins):
        if word[index - 1] in _AFTER:
            return 0, index
    if joins[-1] == last_letter and word[last_letter] in _BEFORE_FINAL:
        return 1, joins[-1]
    return 2, joins[-1]
