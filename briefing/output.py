"""What a build can write (its paper sizes and formats), and writing it atomically: a reader
never sees half a file, a failure leaves the old one.

The paper sizes and formats are checked here, for the library and the command line alike: the
command line reads them without loading the pipeline (and ReportLab with it).

Each file is written to a temporary file beside it, synced, then renamed over it; several files
written together (a PDF and its PNG preview) are all renamed only once every one is written, so
a failure leaves the old pair. A temporary file is locked while it is in use, so the next write
beside it can tell one left by a killed build (and remove it) from one still being written.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, ParamSpec, TypeVar

from .errors import UsageError

PAPERS = {"letter": "Letter", "a4": "A4"}  # each paper size, by its name as printed
FORMATS = ("pdf", "png", "html")  # the PDF, its PNG preview, the web page
STALE_SECONDS = 1.0  # an unlocked temporary file older than this was left by a killed build
_TEMPORARY = re.compile(r"[a-z0-9_]{8}\.tmp")  # what follows its file's name and a dot
P = ParamSpec("P")
T = TypeVar("T")


def checked_paper(paper: str | None) -> str | None:
    """A paper size in lower case (``A4`` is ``a4``), or :class:`UsageError`."""
    if paper is None or paper.lower() in PAPERS:
        return paper and paper.lower()
    raise UsageError(f"paper is one of {', '.join(PAPERS)}; got {paper!r}")


def checked_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """Formats to write, some of :data:`FORMATS`, or :class:`UsageError`."""
    if isinstance(formats, str) or not formats or set(formats) - set(FORMATS):
        raise UsageError(f"formats are some of {', '.join(FORMATS)}; got {formats!r}")
    return tuple(formats)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``."""
    write_together([(path, data)])


def write_together(files: Sequence[tuple[Path, bytes]]) -> None:
    """Write every file or none. An output that exists and is not a regular file (a device, a
    pipe) is written in place, after the others, rather than replaced.

    Raises :class:`OSError` naming the file that could not be written.
    """
    staged: list[tuple[Path, Path, BinaryIO]] = []
    in_place: list[tuple[Path, bytes]] = []
    try:
        for path, data in files:
            if _special(path):
                in_place.append((path, data))
            else:
                staged.append((path, *_stage(path, data)))
        for path, temporary, _ in staged:
            _named(path, os.replace, temporary, path)
        for path, data in in_place:
            with _named(path, open, path, "wb") as device:
                _named(path, device.write, data)
    finally:
        for _, temporary, file in staged:
            file.close()
            temporary.unlink(missing_ok=True)  # only left when something failed


def _special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _stage(path: Path, data: bytes) -> tuple[Path, BinaryIO]:
    """A locked, synced temporary file beside ``path`` holding ``data``; still open."""
    _named(path, path.parent.mkdir, parents=True, exist_ok=True)
    _remove_stale(path)
    handle, name = _named(
        path, tempfile.mkstemp, prefix=f".{path.name}.", suffix=".tmp", dir=path.parent
    )
    temporary = Path(name)
    file = os.fdopen(handle, "wb")
    try:
        _lock(handle)
        _named(path, file.write, data)
        _named(path, file.flush)
        _named(path, os.fsync, handle)
        os.chmod(temporary, 0o666 & ~_umask())
    except BaseException:
        file.close()
        temporary.unlink(missing_ok=True)
        raise
    return temporary, file


def _named(path: Path, action: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``action``; an :class:`OSError` it raises names ``path``, the file being written."""
    try:
        return action(*args, **kwargs)
    except OSError as error:
        raise OSError(error.errno, error.strerror or str(error), str(path)) from error


def _remove_stale(path: Path) -> None:
    """Remove temporary files of ``path`` that builds killed while writing left behind."""
    prefix = f".{path.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(path.parent):
            ours = entry.name.startswith(prefix) and _TEMPORARY.fullmatch(entry.name, len(prefix))
            if ours and _stale(entry.path):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _stale(name: str) -> bool:
    handle = os.open(name, os.O_RDONLY)
    try:
        if time.time() - os.fstat(handle).st_mtime < STALE_SECONDS:
            return False
        return _lock(handle, wait=False)
    finally:
        os.close(handle)


def _lock(handle: int, wait: bool = True) -> bool:
    """Lock an open file for this process; without ``wait``, whether no one else had it."""
    if sys.platform == "win32":  # no advisory locks, but a file in use cannot be deleted
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def real(path: str | Path) -> Path:
    """``path`` made absolute, its links followed as far as they lead: a link that leads back
    to itself is returned as it is (reading it says so), not raised as Path.resolve raises it."""
    return Path(os.path.realpath(path))
