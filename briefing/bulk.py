"""Build many sheets at once, in parallel across the machine's cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from .errors import ContentError, Problem
from .pipeline import Result, build

PARALLEL_FROM = 4  # fewer files build faster in this process than in fresh workers


class Outcome(NamedTuple):
    """One file's build: its result, or the problems that stopped it."""

    content: Path
    result: Result | None
    problems: list[Problem]


def expand(paths: Sequence[Path]) -> list[Path]:
    """Content files named, with folders replaced by the ``*.yaml`` and ``*.yml`` files in them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
        else:
            files.append(path)
    return files


def build_many(
    contents: Sequence[Path],
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
    jobs: int | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> list[Outcome]:
    """Build every file; one that fails does not stop the others. Outcomes keep the given order."""
    jobs = jobs or os.cpu_count() or 1
    total = len(contents)
    if jobs == 1 or total < PARALLEL_FROM:
        built = []
        for done, content in enumerate(contents, start=1):
            built.append(_one(content, paper, tuple(formats)))
            progress(done, total)
        return built
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    outcomes: list[Outcome | None] = [None] * total
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context) as pool:
        futures = {
            pool.submit(_one, content, paper, tuple(formats)): index
            for index, content in enumerate(contents)
        }
        for done, future in enumerate(as_completed(futures), start=1):
            outcomes[futures[future]] = future.result()
            progress(done, total)
    return [outcome for outcome in outcomes if outcome is not None]


def _one(content: Path, paper: str | None, formats: tuple[str, ...]) -> Outcome:
    try:
        return Outcome(content, build(content, None, paper, formats), [])
    except ContentError as error:
        return Outcome(content, None, error.problems)
