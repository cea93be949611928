"""Hyphenation patterns, loaded fast.

ReportLab hyphenates with pyphen, which parses its pattern file (11,000 patterns for English)
in every new process: about 90 ms, more than all the rest of a build. The parsed patterns are
kept in briefing's cache and put straight into pyphen's own: a cold build pays about 3 ms.
"""

from __future__ import annotations

from .. import cache


def prepare(language: str) -> None:
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
