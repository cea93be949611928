"""Work every new process would otherwise repeat, kept in the user's cache folder.

Entries are plain data written with ``marshal``: it loads several times faster than parsing
again, and it makes nothing but numbers, strings, bytes and containers. Like Python's own
``__pycache__``, the folder is the user's and trusted to hold what briefing wrote there. An
entry is named ``NAME.KEY``; the key says what it was made from (a file's size and time, a
library's version), so a changed source simply misses, and storing an entry removes all but
the newest few of the same name: installs that share the folder (two environments, several
checkouts), whose files differ in time, each keep theirs instead of evicting each other's and
doing the work again in every build. A missing, unreadable or read-only folder only means the
work is done again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .output import write_atomic

FORMAT = "1"  # bump when the shape of any entry changes, or what briefing's code makes of it
VERSIONS = 4  # versions of each entry kept, the newest: one for each install sharing the folder


def folder() -> Path:
    """``$XDG_CACHE_HOME/briefing``, or ``~/.cache/briefing``."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "briefing"


def key_of(path: Path, *parts: str) -> str:
    """A key for data made from the file at ``path`` by code of the versions in ``parts``."""
    stat = path.stat()
    return "-".join((FORMAT, *parts, str(stat.st_size), str(stat.st_mtime_ns)))


def load(name: str, key: str) -> Any:
    """The entry ``name`` stored under ``key``, or None."""
    try:
        return marshal.loads((folder() / f"{name}.{key}").read_bytes())  # noqa: S302 - plain data
    except (OSError, EOFError, ValueError, TypeError):
        return None


def store(name: str, key: str, data: Any) -> None:
    """Keep ``data`` as the entry ``name`` under ``key``; data that is not plain is not kept."""
    # ValueError: marshal refuses other objects (int subclasses too); OSError: a read-only home
    with contextlib.suppress(OSError, ValueError):
        write_atomic(folder() / f"{name}.{key}", marshal.dumps(data))
        prune(f"{name}.", VERSIONS)


def prune(prefix: str, keep: int) -> None:
    """Remove all but the ``keep`` newest entries whose names start with ``prefix``: entries
    made from the user's own files (photos), which would otherwise pile up."""
    with contextlib.suppress(OSError):  # one removed meanwhile by another build: next time
        entries = sorted(
            folder().glob(f"{prefix}*"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for old in entries[keep:]:
            old.unlink(missing_ok=True)


MOST_KEPT = 30_000  # results in one entry, at most: about a megabyte, loaded in a few ms


class Kept:
    """Results of pure work kept across processes in one entry: each result under a section
    (what it was made from, such as a face's file, ``section``) and its arguments. Loaded at the
    first look-up, stored again by :func:`flush` when the process added to it; threads that
    build at once (the API's callers, the live preview) share it."""

    def __init__(self, name: str, key: Callable[[], str], most: int = MOST_KEPT) -> None:
        self.name, self._key, self.most = name, key, most  # results in the entry, at most
        self._data: dict[str, dict[Any, Any]] | None = None
        self._added: dict[str, dict[Any, Any]] = {}  # since the entry was read or stored
        self._lock = threading.Lock()
        _kept.append(self)

    def _loaded(self) -> dict[str, dict[Any, Any]]:
        if self._data is None:
            found = load(self.name, self._key())
            self._data = found if isinstance(found, dict) else {}
        return self._data

    def get(self, section: str, arguments: Any) -> Any:
        """The result kept for ``arguments`` under ``section``, or None."""
        data = self._data
        if data is None:
            with self._lock:
                data = self._loaded()
        return data.get(section, {}).get(arguments)

    def put(self, section: str, arguments: Any, result: Any) -> None:
        """Keep ``result`` (plain data) for ``arguments`` under ``section``; past the most
        results since the last store (a long ``preview`` stores none), only the newest."""
        with self._lock:
            data = self._loaded()
            if sum(map(len, self._added.values())) >= self.most:
                data.clear()
                self._added.clear()
            data.setdefault(section, {})[arguments] = result
            self._added.setdefault(section, {})[arguments] = result

    def flush(self) -> None:
        """Store the entry if this process added to it; past its most results, only those this
        process added."""
        with self._lock:
            if not self._added or self._data is None:
                return
            data = self._data
            if sum(map(len, data.values())) > self.most:  # a fresh start, from this process's
                data = self._data = self._added
            store(self.name, self._key(), data)
            self._added = {}


_kept: list[Kept] = []


def flush() -> None:
    """Store every :class:`Kept` entry this process added to (after a build)."""
    for kept in _kept:
        kept.flush()
