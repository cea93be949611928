"""Typesetting quality of briefing beside Typst (which breaks whole paragraphs), same content.

    pip install '.[bench]' && python benchmarks/quality.py [--write]

Sets the sample and each example in briefing and in Typst (benchmarks/templates/briefing.typ: the
two-column design, whatever the sheet's layout) and prints, side by side, the loosest word space
(in natural spaces), the lines looser than twice natural, the hyphenated line ends and the empty
space at the foot (the largest gap between a column's last line and the footer rule, in % of the
page height). Then briefing's full figures for every sheet of the stress corpus (tests/quality.py
says what each means). ``--write LABEL`` records both tables in RESULTS.md under the heading
"Typesetting quality, LABEL" (for example "before the new line breaker"), replacing a section of
that name.
"""

from __future__ import annotations

import argparse
import datetime
import json
import sys
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # after the installed briefing, for tests/

from run import FONTS, peer_data  # noqa: E402

from briefing import build  # noqa: E402
from tests.corpus import published, sheets  # noqa: E402
from tests.quality import PageQuality, measure, source_text  # noqa: E402


def briefing_page(tree: dict[str, Any]) -> PageQuality:
    """The sheet built by briefing, measured."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "sheet.pdf"
        build(tree, out)
        return measure(out, source_text(tree))[0]


def typst_page(tree: dict[str, Any]) -> PageQuality:
    """The same content set by Typst, measured (its first page: Typst does not fit to one)."""
    import typst

    data = json.dumps(peer_data(tree), default=str)
    pdf = typst.compile(
        str(HERE / "templates" / "briefing.typ"),
        font_paths=[str(FONTS)],
        sys_inputs={"data": data},
    )
    return measure(pdf, source_text(tree))[0]


def foot(page: PageQuality) -> str:
    shares = [c.share for c in page.columns if c.share is not None]
    return f"{max(shares):.1%}" if shares else "-"


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table."""
    return [
        "| " + " | ".join(header) + " |",
        "|---|" + "---:|" * (len(header) - 1),
        *["| " + " | ".join(row) + " |" for row in rows],
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", metavar="LABEL", help="record the tables in RESULTS.md")
    args = parser.parse_args()
    side = []
    for name, tree in published().items():
        ours, theirs = briefing_page(tree), typst_page(tree)
        side.append(
            [
                name,
                f"{ours.loosest:.2f} / {theirs.loosest:.2f}",
                f"{len(ours.loose)} / {len(theirs.loose)}",
                f"{ours.hyphenated} / {theirs.hyphenated}",
                f"{foot(ours)} / {foot(theirs)}",
            ]
        )
    side_header = ["sheet (briefing / Typst)", "loosest", "loose lines", "hyphenated", "foot gap"]
    every = []
    for name, tree in sheets().items():
        figures = briefing_page(tree).figures()
        every.append([name, *(str(v) for v in figures.values())])
    every_header = ["sheet", *figures]
    heading = f"## Typesetting quality, {args.write or 'now'}"
    lines = [
        heading,
        "",
        f"Run on {datetime.date.today():%Y-%m-%d} with `python benchmarks/quality.py`; "
        f"briefing {metadata.version('briefing')}, typst {metadata.version('typst')}. "
        "Word spaces in natural spaces of the font (loose: over 2), foot gap in % of the page "
        "height. Typst sets every sheet in its two-column template, on the same paper and "
        "language; its columns are not balanced, so its foot gap is the second column's.",
        "",
        *table(side_header, side),
        "",
        "Every sheet, briefing alone (the targets: no loose line, hyphen run, column-end hyphen, "
        "broken, glued, split or missing word; foot gap at most 6%; edge at least 0.3 in; every "
        "pair the face kerns kerned, read line by line):",
        "",
        *table(every_header, every),
        "",
    ]
    print("\n".join(lines))
    if args.write:
        results = HERE / "RESULTS.md"
        text = results.read_text(encoding="utf-8")
        head, _, rest = text.partition(heading)
        later = rest.partition("\n## ")[2]
        kept = "\n".join(lines) + ("\n## " + later if later else "")
        results.write_text(head.rstrip("\n") + "\n\n" + kept, encoding="utf-8")
        print(f"wrote {results}")


if __name__ == "__main__":
    main()
