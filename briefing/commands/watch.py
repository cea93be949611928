"""Rebuild on every save: the content file and every file it refers to (the logo, photos).

Uses watchfiles (native file-system events, not polling). A broken edit prints its located
errors and leaves the last good PDF in place; the next good save rebuilds it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from ..errors import ContentError, Location, Problem, UsageError
from ..output import real
from ..pipeline import Result, build, sources

DEBOUNCE_MS = 30  # how long a burst of file events (an editor's save) may take
START_MS = 100  # how long the watcher waits before answering when nothing changed
T = TypeVar("T")


def _identity(folders: set[Path]) -> dict[Path, tuple[int, int] | None]:
    """Which folder each path names now (None if none): one renamed and made again differs."""
    found: dict[Path, tuple[int, int] | None] = {}
    for folder in folders:
        try:
            status = folder.stat()
        except OSError:
            found[folder] = None
        else:
            found[folder] = (status.st_dev, status.st_ino)
    return found


def watch(
    content: Path,
    output: Path | None = None,
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
    report: Callable[[Result | None, list[Problem], float], None] = lambda *_: None,
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Build ``content``, then rebuild it whenever it or a file it refers to changes.

    ``report`` is told each outcome: the result (None on failure), the problems (errors or
    warnings) and the seconds from the file event to the new PDF. Returns on Ctrl-C.
    """

    def told(result: Result | None, problems: list[Problem], seconds: float) -> None:
        report(result, result.warnings if result else problems, seconds)

    follow(content, lambda: build(content, output, paper, formats), told, stop)


def follow(
    content: Path,
    make: Callable[[], T],
    report: Callable[[T | None, list[Problem], float], None],
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """What :func:`watch` does with any way of building: ``make`` once, then on every save.

    ``report`` is told what ``make`` returned (None if it raised), why it failed (no problems
    if it did not) and the seconds from the file event to the outcome. Returns on Ctrl-C.
    """
    from watchfiles import watch as changes

    # watchfiles logs Ctrl-C as a warning, which Python prints when nothing handles its logs:
    # here Ctrl-C is how a writer stops watching, and the command says so itself
    logging.getLogger("watchfiles").addHandler(logging.NullHandler())

    def rebuild(since: float) -> None:
        try:
            made = make()
        except ContentError as error:
            report(None, error.problems, time.perf_counter() - since)
            return
        except Exception as error:  # noqa: BLE001 - reported; the next save may build
            report(None, [_failure(content, error)], time.perf_counter() - since)
            return
        report(made, [], time.perf_counter() - since)

    while True:
        watched = sources(content)
        folders = _folders(watched)
        identity = _identity(folders)
        if None in identity.values():  # a folder is gone, for now: wait for it
            if stop():
                return
            time.sleep(START_MS / 1000)
            continue
        started = False
        for batch in changes(
            *folders,
            recursive=False,  # each file's own folder is watched: a parent need not be whole
            debounce=DEBOUNCE_MS,
            step=10,
            rust_timeout=START_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if stop():
                return
            if _identity(folders) != identity or _folders(watched) != folders:
                break  # a folder was renamed, made again or made: watch what is there now
            # The first build waits for the watcher's first answer, so that no save made
            # after it can be missed.
            # a path as saved, or the file it now leads to (a file replaced by a link)
            saved = {Path(path) for _, path in batch} | {_resolved(p) for _, p in batch}
            if not started or saved & watched:
                started = True
                rebuild(time.perf_counter())
                now = sources(content)
                if now != watched or _folders(now) != folders:
                    break  # the logo or a folder changed: watch the new set of files
        else:
            return  # Ctrl-C


def _folders(files: set[Path]) -> set[Path]:
    """The folders to watch for ``files``: each one's own, or where that is missing (a photo
    named in a folder not made yet), the nearest one that is there, which tells of it."""
    found = set()
    for file in files:
        folder = file.parent
        while not folder.is_dir() and folder != folder.parent:
            folder = folder.parent
        found.add(folder)
    return found


def _resolved(path: str) -> Path:
    """``path`` with its links followed (itself if they loop)."""
    try:
        return real(path)
    except (OSError, RuntimeError):  # a link loop: RuntimeError before Python 3.13
        return Path(path)


def _failure(content: Path, error: Exception) -> Problem:
    """An error that is not the content's, told as a problem so that watch goes on."""
    if isinstance(error, UsageError):
        message = str(error)
    elif isinstance(error, OSError):
        message = f"cannot write {error.filename}: {error.strerror}"
    else:
        message = f"internal error: {error!r} (briefing build --debug shows where)"
    return Problem(message, Location(str(content), 1, 1))
