"""Whether a change leaves every PDF the same bytes: each sheet built on Letter and A4.

    python benchmarks/same.py OUT.json [--against BEFORE.json] [NAME ...]

Builds the sample, each example (the house style's too), the stress corpus (tests/corpus.py)
and every sheet of tests/data, on both papers, twice in one process (the second build takes
what the first kept: parses, measures, lines, boxes), with ``SOURCE_DATE_EPOCH`` set, and writes
each PDF's SHA-256 to OUT.json; a second build that differs from the first is marked. With
``--against``, the hashes of a run on the code before are compared and the sheets that differ
named (exit status 1). NAME limits the run to sheets whose names hold it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # after the installed briefing, for tests/
os.environ.setdefault("SOURCE_DATE_EPOCH", "1700000000")

from briefing.pipeline import make  # noqa: E402
from tests import corpus  # noqa: E402
from tests.visual import DATA, ROOT  # noqa: E402


def sheets() -> dict[str, dict[str, Any] | Path]:
    """Every sheet, by name."""
    found: dict[str, dict[str, Any] | Path] = dict(corpus.sheets())
    for path in sorted((ROOT / "examples" / "house-style").glob("*.yaml")):
        if path.stem != "house":  # the style file the others name
            found[f"house-style/{path.stem}"] = path
    for path in sorted(DATA.glob("*.yaml")):
        found.setdefault(path.stem, corpus.load(path))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--against", type=Path)
    parser.add_argument("names", nargs="*")
    args = parser.parse_intermixed_args()
    names = args.names
    chosen = {n: s for n, s in sheets().items() if not names or any(a in n for a in names)}
    hashes: dict[str, str] = {}
    start = time.perf_counter()
    for again in (False, True):
        for name, sheet in chosen.items():
            for paper in ("letter", "a4"):
                pdf = make(sheet, HERE / "same.pdf", paper).pdf
                digest, key = hashlib.sha256(pdf).hexdigest(), f"{name} {paper}"
                if again and hashes[key] != digest:
                    hashes[key] += " (built again: " + digest + ")"
                hashes.setdefault(key, digest)
    args.out.write_text(json.dumps(hashes, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(hashes)} PDFs, each built twice, in {time.perf_counter() - start:.0f} s")
    differ = [key for key, digest in hashes.items() if "again" in digest]
    if args.against is not None:
        before = json.loads(args.against.read_text(encoding="utf-8"))
        differ += [key for key, digest in hashes.items() if before.get(key, digest) != digest]
    for key in differ:
        print("differs:", key)
    sys.exit(1 if differ else 0)


if __name__ == "__main__":
    main()
