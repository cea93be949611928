"""How lines are set, read back from the PDF: kerning, word spaces, short lines, hyphens.

    pip install '.[bench]' && python benchmarks/lines.py --tools DIR [--json OUT] [--typst]

Builds a corpus of sheets (the sample, each example, stress sheets in every layout and size, the
Chinese, Hebrew and Persian test sheets, five of them on A4 too) and measures each PDF with the
shared measuring scripts (``composition.py`` and ``kerning.py`` in ``--tools``): the share of
the pairs the font kerns that are kerned on the page, the loosest justified line's word space
over the natural space, justified lines left short inside a paragraph, and the share of
hyphenated body lines. With ``--typst``, the same content set by Typst (its two-column
template) beside briefing's figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.append(str(HERE.parent))  # after the installed briefing, for tests/

from run import FONTS, peer_data  # noqa: E402

from briefing import build  # noqa: E402
from tests.corpus import corpus, published  # noqa: E402

CHOSEN = (  # stress sheets: each layout short and full, lists, other languages, scripts
    "en-two-column-0.3",
    "en-two-column-0.9",
    "en-two-column-1.5",
    "en-single-column-0.45",
    "en-sidebar-0.6",
    "en-two-column-list",
    "en-sidebar-list",
    "fr-two-column-0.6",
    "fr-sidebar-1.4",
    "es-single-column-0.5",
    "es-two-column-1.8",
    "pt-two-column-list",
    "ar-sidebar",
    "ar-single-column",
    "sheet-fa",
    "sheet-he",
    "sheet-zh",
)
ON_A4 = (  # also on A4
    "sample",
    "kenya",
    "niger-ar",
    "en-two-column-0.3",
    "en-single-column-0.45",
    "en-sidebar-list",
    "fr-two-column-0.6",
    "sheet-he",
    "sheet-zh",
)


def sheets() -> dict[str, dict[str, Any]]:
    """The sheets measured: the published ones and the chosen stress sheets, some on A4 too."""
    found = {**published(), **{name: tree for name, tree in corpus().items() if name in CHOSEN}}
    return {**found, **{f"{name}-a4": {**found[name], "paper": "a4"} for name in ON_A4}}


def tool(tools: Path, script: str, *args: Path) -> dict[str, Any]:
    """One of the shared measuring scripts' JSON."""
    done = subprocess.run(
        [sys.executable, str(tools / script), *map(str, args)],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def figures(tools: Path, source: Path, pdf: Path) -> dict[str, Any]:
    """A page's figures: kerning share, loosest line, short lines, hyphenated share."""
    composed = tool(tools, "composition.py", source, pdf)
    kerned = tool(tools, "kerning.py", pdf, FONTS)
    return {
        "kerned": kerned["share"],
        "loosest": composed["loosest_space_ratio"],
        "short": len(composed["short_lines_in_paragraphs"]),
        "hyphenated": composed["hyphenated_share"],
    }


def typst_pdf(tree: dict[str, Any], out: Path) -> None:
    """The same content set by Typst, written to ``out``."""
    import typst

    out.write_bytes(
        typst.compile(
            str(HERE / "templates" / "briefing.typ"),
            font_paths=[str(FONTS)],
            sys_inputs={"data": json.dumps(peer_data(tree), default=str)},
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--tools", type=Path, required=True, help="the folder of composition.py and kerning.py"
    )
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="keep the PDFs in this folder")
    parser.add_argument("--typst", action="store_true", help="measure Typst's pages too")
    args = parser.parse_args()
    import yaml

    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for name, tree in sheets().items():
            source = folder / f"{name}.yaml"
            source.write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
            pdf = folder / f"{name}.pdf"
            build(tree, pdf)
            out[name] = {"briefing": figures(args.tools, source, pdf)}
            if args.typst:
                peer = folder / f"{name}-typst.pdf"
                typst_pdf(tree, peer)
                out[name]["typst"] = figures(args.tools, source, peer)
            print(name, json.dumps(out[name]), flush=True)
    if args.json:
        args.json.write_text(json.dumps(out, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
