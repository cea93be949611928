"""Hyphenation patterns, loaded fast.

ReportLab hyphenates with pyphen, which parses its pattern file (11,000 patterns for English)
in every new process: about 90 ms, a third of a cold build. The parsed patterns are kept in the
user's cache folder with ``marshal`` (plain data only, checked on load) and put straight into
pyphen's own cache, so a cold build pays about 5 ms instead.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

from .output import write_atomic


def prepare(language: str) -> None:
    """Make pyphen's patterns for ``language`` (a pyphen name such as ``en_US``) ready."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(language)]
    if path in pyphen.hdcache:
        return
    stat = path.stat()
    cached = _cache_dir() / f"{path.stem}-{pyphen.__version__}-{stat.st_size}-{stat.st_mtime_ns}"
    patterns = _load(cached)
    if patterns is None:
        hyph = pyphen.HyphDict(path)
        if _plain(hyph.patterns):
            with contextlib.suppress(OSError):  # a read-only home: parse each time
                write_atomic(cached, marshal.dumps(hyph.patterns))
    else:
        hyph = object.__new__(pyphen.HyphDict)
        hyph.patterns, hyph.cache = patterns, {}
        hyph.maxlen = max(len(key) for key in patterns)
    pyphen.hdcache[path] = hyph


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefing"


def _plain(patterns: Any, deep: bool = True) -> bool:
    """Whether the patterns are plain data: {str: (int, (int, ...))}.

    ``deep`` also checks every number: for what pyphen parsed. ``marshal`` gives back the types
    it was given, so a loaded cache needs only the outer check.
    """
    return (
        isinstance(patterns, dict)
        and bool(patterns)
        and all(
            type(key) is str
            and type(value) is tuple
            and len(value) == 2
            and type(value[0]) is int
            and type(value[1]) is tuple
            and (not deep or all(type(v) is int for v in value[1]))
            for key, value in patterns.items()
        )
    )


def _load(path: Path) -> dict[str, tuple[int, tuple[int, ...]]] | None:
    try:
        patterns = marshal.loads(path.read_bytes())  # noqa: S302 - checked to be plain data
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return patterns if _plain(patterns, deep=False) else None
