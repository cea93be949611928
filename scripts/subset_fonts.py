"""Make briefing/fonts from full Noto Sans and Noto Serif TTFs (static faces, OFL).

    python scripts/subset_fonts.py SOURCE_DIR

SOURCE_DIR holds NotoSans-{Regular,Bold,Italic,BoldItalic}.ttf and the same for NotoSerif
(Debian's fonts-noto-core has them, or the rendercv-fonts wheel). The subset keeps Latin
(Basic, Latin-1, Extended-A/B and Additional, IPA: French, Hausa, Yoruba, Vietnamese), Greek,
Cyrillic, punctuation, currency and a few symbols, with kerning and ligature features, so every
face of a family covers the same characters and loads in a few milliseconds. Needs fontTools.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset

UNICODES = (
    "U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,"
    "U+2000-206F,U+20A0-20BF,U+2100-215F,U+2190-2199,U+2212,U+2215,U+2219,U+221E,U+2248,U+2260,"
    "U+2264,U+2265,U+25A0-25A1,U+25AA-25AB,U+25CF,U+25E6,U+FB00-FB04,U+FFFD"
)
OUT = Path(__file__).resolve().parent.parent / "briefing" / "fonts"


def main() -> None:
    """Subset every face found in the source folder."""
    source = Path(sys.argv[1])
    for family in ("NotoSans", "NotoSerif"):
        for style in ("Regular", "Bold", "Italic", "BoldItalic"):
            name = f"{family}-{style}.ttf"
            subset.main(
                [
                    str(source / name),
                    f"--unicodes={UNICODES}",
                    "--layout-features=kern,liga,mark,mkmk,ccmp,locl",
                    "--no-hinting",
                    "--desubroutinize",
                    "--name-IDs=*",
                    f"--output-file={OUT / name}",
                ]
            )
            print(f"wrote briefing/fonts/{name}")


if __name__ == "__main__":
    main()
