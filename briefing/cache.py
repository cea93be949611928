"""Work every new process would otherwise repeat, kept in the user's cache folder.

Entries are plain data written with ``marshal``: it loads several times faster than parsing
again, and it makes nothing but numbers, strings, bytes and containers. Like Python's own
``__pycache__``, the folder is the user's and trusted to hold what briefing wrote there. An
entry is named ``NAME.KEY``; the key says what it was made from (a file's size and time, a
library's version), so a changed source simply misses, and storing an entry removes the older
ones of the same name. A missing, unreadable or read-only folder only means the work is done
again.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

from .output import write_atomic

FORMAT = "1"  # bump when the shape of any entry changes


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
        target = folder() / f"{name}.{key}"
        write_atomic(target, marshal.dumps(data))
        for old in target.parent.glob(f"{name}.*"):
            if old != target:
                old.unlink(missing_ok=True)


def prune(prefix: str, keep: int) -> None:
    """Remove all but the ``keep`` newest entries whose names start with ``prefix``: entries
    made from the user's own files (photos), which would otherwise pile up."""
    with contextlib.suppress(OSError):  # one removed meanwhile by another build: next time
        entries = sorted(
            folder().glob(f"{prefix}*"), key=lambda p: p.stat().st_mtime_ns, reverse=True
        )
        for old in entries[keep:]:
            old.unlink(missing_ok=True)
