"""Warm renders and rebuilds of named sheets, in one process: medians by wall time.

    python benchmarks/warm.py [--repeat N] [--edit date|word] [--typst] SHEET[:PAPER] ...

``--edit date`` renders each sheet dated a day later each time (its footer and metadata new,
as ``run.py``'s warm render); ``--edit word`` changes one number in the sheet's first body
paragraph each time (a rebuild in ``watch`` after a one-paragraph edit); with neither, the same
sheet again. ``--typst`` times the sample against typst-py's ``compile`` in pairs, the two taking
turns (the median of the pairs' ratios), as the machine is shared. Prints one JSON object: each
sheet's median in milliseconds. Run it with the code to measure first on ``PYTHONPATH``, so
that two checkouts can take turns.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(1, str(HERE))  # run.py's peers, after the code to measure on PYTHONPATH


def renderer(sheet: str, edit: str) -> Callable[[], bytes]:
    """Render ``sheet`` (a path, with ``:paper`` or not) warm, edited each call as ``edit`` says."""
    from briefing.pipeline import render, run_checks

    path, _, paper = sheet.partition(":")
    source = Path(path).resolve()
    text = source.read_text(encoding="utf-8")
    edited = source.with_name(f".warm-{source.name}")  # beside it: its files' names start there
    count = iter(range(1, 10**9))
    dated = re.search(r"^date: (\S+)$", text, re.M)
    if edit == "date" and dated is None:
        raise SystemExit(f"{source.name} has no date to edit")

    def changed() -> str:
        number = next(count)
        if edit == "date" and dated is not None:
            later = datetime.date.fromisoformat(dated[1]) + datetime.timedelta(days=number % 3000)
            return re.sub(r"^date: \S+$", f"date: {later}", text, flags=re.M)
        if edit == "word":  # the first body's first number of two or more digits
            body = text.index("body:")
            return text[:body] + re.sub(r"\b\d\d+\b", str(10 + number % 89), text[body:], count=1)
        return text

    def run() -> bytes:
        edited.write_text(changed(), encoding="utf-8")
        try:
            return render(run_checks(edited, paper or None), paper or None)[0]
        finally:
            edited.unlink()

    return run


def main() -> None:
    """Time the sheets named, and the pairs if asked; print the medians."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("sheets", nargs="*")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--edit", choices=("date", "word", "none"), default="none")
    parser.add_argument("--typst", action="store_true", help="pairs with typst-py on the sample")
    args = parser.parse_args()
    from run import median_ms

    found = {sheet: median_ms(renderer(sheet, args.edit), args.repeat) for sheet in args.sheets}
    if args.typst:
        from run import briefing_renderer, peer_data, typst_renderer

        ours, theirs = briefing_renderer(), typst_renderer(peer_data())
        ours(), theirs(), ours(), theirs()
        mine, peer = [], []
        for _ in range(args.repeat):
            start = time.perf_counter()
            ours()
            middle = time.perf_counter()
            theirs()
            mine.append(middle - start)
            peer.append(time.perf_counter() - middle)
        found["pairs: briefing ms"] = statistics.median(mine) * 1000
        found["pairs: typst-py ms"] = statistics.median(peer) * 1000
        found["pairs: ratio"] = statistics.median(a / b for a, b in zip(mine, peer, strict=True))
    print(json.dumps(found))


if __name__ == "__main__":
    main()
