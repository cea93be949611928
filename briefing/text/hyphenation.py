"""Hyphenation: where a word may be hyphenated, by pyphen's patterns, loaded fast.

ReportLab hyphenates with pyphen, which parses its pattern file (11,000 patterns for English)
in every new process: about 90 ms, more than all the rest of a build. The parsed patterns are
kept in briefing's cache and put straight into pyphen's own: a cold build pays about 3 ms.
Takes a word and a pyphen language name; gives the offsets it may break at.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

from .. import cache

_SHORTEST_HYPHENATED = 5  # letters: shorter words are never hyphenated
_BEFORE, _AFTER = 2, 3  # letters a hyphen leaves before it and after it, at least
_LETTERS = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# A word of letters, perhaps joined by dashes or slashes, in quotes, brackets or punctuation.
_WORDLIKE = re.compile(
    r"\W{0,2}[^\W\d_]+(?:['’][^\W\d_]+)*(?:[-–—/][^\W\d_]+(?:['’][^\W\d_]+)*)*\W{0,3}"
)


def hyphen_points(word: str, language: str) -> list[int]:
    """Offsets in ``word`` where it may be hyphenated (2 letters before, 3 after): inside each
    part of a compound ("community-based"), never in acronyms (INL's) or in words among digits
    or codes, and none in a ``language`` of "" (one without hyphenation)."""
    if not language or not _WORDLIKE.fullmatch(word):
        return []
    return syllables(word, language)


def syllables(text: str, language: str) -> list[int]:
    """Offsets where the words of ``text`` (each run of letters: a web address's too) may be
    hyphenated, as :func:`hyphen_points` finds them in a word."""
    points: list[int] = []
    for part in _LETTERS.finditer(text if language else ""):
        core = part.group()
        if len(core) < _SHORTEST_HYPHENATED or sum(char.isupper() for char in core) > 1:
            continue  # short words and acronyms stay whole
        points += [part.start() + p for p in _positions(core, language)]
    return points


def _patterns() -> str:
    """What found the kept hyphenation points: pyphen, its size and time (its patterns come
    with it)."""
    spec = importlib.util.find_spec("pyphen")
    path = Path(spec.origin if spec and spec.origin else __file__)
    return cache.key_of(path, f"hyphens{_BEFORE}{_AFTER}")


# Hyphenation points found in earlier processes, by language and word: a build of words seen
# before neither loads the patterns nor looks them up again.
_kept = cache.Kept("hyphens", _patterns)


def _positions(word: str, language: str) -> tuple[int, ...]:
    """Where pyphen's patterns for ``language`` hyphenate ``word``."""
    kept = _kept.get(language, word)
    if isinstance(kept, tuple):
        return kept
    found = tuple(map(int, _hyphenator(language).positions(word)))  # type: ignore[attr-defined]
    _kept.put(language, word, found)
    return found


@functools.cache
def _hyphenator(language: str) -> object:
    import pyphen

    load_patterns(language)
    return pyphen.Pyphen(lang=language, left=_BEFORE, right=_AFTER)


def load_patterns(language: str) -> None:
    """Make pyphen's patterns for ``language`` (a pyphen name such as ``en_US``) ready."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    if path in pyphen.hdcache:
        return
    name, key = path.stem, cache.key_of(path, f"pyphen{pyphen.__version__}")
    stored = cache.load(name, key)
    if isinstance(stored, tuple) and len(stored) == 2 and isinstance(stored[1], dict) and stored[1]:
        hyph = object.__new__(pyphen.HyphDict)
        hyph.maxlen, hyph.patterns = stored
        hyph.cache = {}
    else:
        hyph = pyphen.HyphDict(path)
        cache.store(name, key, (hyph.maxlen, hyph.patterns))
    pyphen.hdcache[path] = hyph
