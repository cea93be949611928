"""Rebuild on every save: the content file and every file it refers to (the logo).

Uses watchfiles (native file-system events, not polling). A broken edit prints its located
errors and leaves the last good PDF in place; the next good save rebuilds it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

from .errors import ContentError, Problem
from .pipeline import Result, build

DEBOUNCE_MS = 30  # how long a burst of file events (an editor's save) may take
START_MS = 100  # how long the watcher waits before answering when nothing changed


def sources(content: Path) -> set[Path]:
    """The files a build of ``content`` reads: the content file and its logo, if it names one."""
    import yaml

    files = {content.resolve()}
    try:
        tree = yaml.safe_load(content.read_text(encoding="utf-8"))
        logo = tree.get("logo", {}).get("file") if isinstance(tree, dict) else None
        if isinstance(logo, str):
            files.add((content.parent / logo).resolve())
    except (OSError, yaml.YAMLError, AttributeError, UnicodeDecodeError):
        pass  # the build reports what is wrong with the file
    return files


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
    from watchfiles import watch as changes

    def rebuild(since: float) -> None:
        try:
            result = build(content, output, paper, formats)
        except ContentError as error:
            report(None, error.problems, time.perf_counter() - since)
            return
        report(result, result.warnings, time.perf_counter() - since)

    while True:
        watched = sources(content)
        started = False
        for batch in changes(
            *{path.parent for path in watched},
            debounce=DEBOUNCE_MS,
            step=10,
            rust_timeout=START_MS,
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            if stop():
                return
            # The first build waits for the watcher's first answer, so that no save made
            # after it can be missed.
            if not started or {Path(path).resolve() for _, path in batch} & watched:
                started = True
                rebuild(time.perf_counter())
                if sources(content) != watched:
                    break  # the logo changed: watch the new set of files
        else:
            return  # Ctrl-C
