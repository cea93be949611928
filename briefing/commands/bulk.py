"""Build many sheets at once, in parallel across the machine's cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import ContentError, Location, Problem, UsageError
from ..output import real
from ..pipeline import Result, build

PARALLEL_FROM = 4  # fewer files build faster in this process than in fresh workers


class Outcome(NamedTuple):
    """One file's build: its result, or the problems (or the internal error) that stopped it."""

    content: Path
    result: Result | None
    problems: list[Problem]
    failure: str | None = None  # an internal error, as the command line reports it


def expand(paths: Sequence[Path]) -> list[Path]:
    """Content files named, with folders replaced by the ``*.yaml`` and ``*.yml`` files in them
    in name order, less the style files those name (a sheet named as a style stays, for its
    own check); :class:`UsageError` for a folder without any."""
    from ..content.style import has_sections, named

    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml"))
            styles = {named(p) for p in found}
            found = [p for p in found if real(p) not in styles or has_sections(p)]
            if not found:
                raise UsageError(f"the folder {path} has no .yaml files; expected content files")
            files += found
        else:
            files.append(path)
    return files


def refuse_clashes(contents: Sequence[Path]) -> None:
    """Raise :class:`UsageError` if two content files would write the same PDF."""
    first: dict[Path, Path] = {}
    for content in contents:
        output = real(content.with_suffix(".pdf"))
        if output in first:
            raise UsageError(
                f"{first[output]} and {content} would both write {content.with_suffix('.pdf')}; "
                "expected content files with different names, each built once"
            )
        first[output] = content


def build_many(
    contents: Sequence[Path],
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
    jobs: int | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> list[Outcome]:
    """Build every file; one that fails, even with an internal error, does not stop the others.
    Outcomes keep the given order. Two files that would write the same PDF are refused first."""
    if jobs is not None and jobs < 1:
        raise UsageError(f"jobs is at least 1; got {jobs}")
    refuse_clashes(contents)
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
            index = futures[future]
            try:
                outcomes[index] = future.result()
            except Exception as error:  # noqa: BLE001 - a worker that died: this file failed
                outcomes[index] = Outcome(contents[index], None, [], f"internal error: {error!r}")
            progress(done, total)
    return [outcome for outcome in outcomes if outcome is not None]


def _one(content: Path, paper: str | None, formats: tuple[str, ...]) -> Outcome:
    try:
        return Outcome(content, build(content, None, paper, formats), [])
    except ContentError as error:
        return Outcome(content, None, error.problems)
    except UsageError as error:
        return Outcome(content, None, [Problem(str(error), Location(str(content), 1, 1))])
    except OSError as error:
        return Outcome(content, None, [], f"cannot write {error.filename}: {error.strerror}")
    except Exception as error:  # noqa: BLE001 - reported as this file's internal error
        return Outcome(content, None, [], f"internal error: {error!r}")
