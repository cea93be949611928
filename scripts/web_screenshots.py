"""Regenerate docs/web.png and docs/web-phone.png: the sample's web page (``briefing build
--format html``) in headless Chromium, at a laptop's width and a phone's (the browser tests'
own tools; needs the test extra and Debian's chromium and chromium-driver). Look at the
pictures before committing them.

``python scripts/web_screenshots.py CONTENT ... --out FOLDER`` takes the two pictures of each
content file named, into FOLDER, to look at while working on the page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import build  # noqa: E402
from tests.browser import chromium, screenshot  # noqa: E402

WIDTHS = {"": 1280, "-phone": 375}  # CSS pixels, by the picture's name ending


def main() -> None:
    """Build each page and take its pictures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", nargs="*", type=Path, default=[ROOT / "content.yaml"])
    parser.add_argument("--out", type=Path, help="the folder (default: docs/, as web*.png)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        for content in args.content:
            page = build(content, Path(folder) / f"{content.stem}.pdf", formats=("html",)).web
            assert page is not None
            for ending, width in WIDTHS.items():
                name = f"web{ending}.png" if args.out is None else f"{content.stem}{ending}.png"
                out = (args.out or ROOT / "docs") / name
                screenshot(browser, page.as_uri(), width, out)
                print(f"wrote {out}")


if __name__ == "__main__":
    main()
