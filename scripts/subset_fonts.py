"""Make briefing/fonts from full Noto TTFs and the Noto Sans CJK collection (all OFL).

    python scripts/subset_fonts.py [--only latin|arabic|hebrew|chinese]... SOURCE_DIR...

The source folders (searched with their subfolders) hold the full faces: Debian's
fonts-noto-core has NotoSans-*.ttf, NotoSerif-*.ttf, NotoNaskhArabic-*.ttf, NotoSansArabic-*.ttf and
NotoSansHebrew-*.ttf, and fonts-noto-cjk has NotoSansCJK-{Regular,Bold}.ttc (the shipped Noto
Sans and Serif are version 2.015, newer than Debian's: the rendercv-fonts wheel has it). Needs
fontTools.

- Noto Sans and Noto Serif keep Latin (Basic, Latin-1, Extended-A/B and Additional, IPA: French,
  Hausa, Yoruba, Vietnamese), Greek, Cyrillic, punctuation, currency and a few symbols, with
  kerning and ligature features, so every face of a family covers the same characters and loads
  in a few milliseconds.
- Noto Naskh Arabic and Noto Sans Hebrew keep every character of theirs but the Arabic
  presentation forms, which HarfBuzz does not need: it reaches the contextual forms and
  ligatures through the layout tables (GSUB, GPOS, GDEF), kept whole with every glyph they use.
- Noto Sans CJK's Simplified Chinese face keeps GB2312's level 1 (the 3,755 commonest hanzi), CJK
  and full-width punctuation, Basic Latin and general punctuation, and every character of the
  Chinese labels, with composition, kerning and ligatures only (its other features reach
  Japanese, Korean and Traditional forms and vertical and width variants: 3,600 glyphs more).
  Its CFF outlines become TrueType ones (quadratic curves), which ReportLab can embed; its
  vertical metrics and BASE table go (briefing sets text horizontally).

Hints go everywhere: the page is printed or zoomed, not shown at screen sizes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from briefing.brand import to_truetype
from briefing.language import LANGUAGES

LATIN = (
    "U+0020-007E,U+00A0-024F,U+0250-02FF,U+0300-036F,U+0370-03FF,U+0400-04FF,U+1E00-1EFF,"
    "U+2000-206F,U+20A0-20BF,U+2100-215F,U+2190-2199,U+2212,U+2215,U+2219,U+221E,U+2248,U+2260,"
    "U+2264,U+2265,U+25A0-25A1,U+25AA-25AB,U+25CF,U+25E6,U+FB00-FB04,U+FFFD"
)
PRESENTATION_FORMS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFF00))
CJK_PUNCTUATION = (
    range(0x20, 0x7F),
    range(0xB7, 0xB8),  # the middle dot of foreign names (GB2312 has it as U+30FB)
    range(0x2000, 0x2070),
    range(0x3000, 0x3040),
    range(0xFF00, 0xFFF0),
)
OUT = Path(__file__).resolve().parent.parent / "briefing" / "fonts"


def main() -> None:
    """Subset every face, or the families asked for, from the source folders."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sources", nargs="+", type=Path, metavar="SOURCE_DIR")
    parser.add_argument("--only", action="append", choices=("latin", "arabic", "hebrew", "chinese"))
    args = parser.parse_args()
    sources: list[Path] = args.sources
    only = set(args.only or ("latin", "arabic", "hebrew", "chinese"))
    if "latin" in only:
        for family in ("NotoSans", "NotoSerif"):
            for style in ("Regular", "Bold", "Italic", "BoldItalic"):
                name = f"{family}-{style}"
                features = "kern,liga,mark,mkmk,ccmp,locl"
                _subset(_find(sources, f"{name}.ttf"), name, LATIN, features)
    scripts = {"arabic": ("NotoNaskhArabic", "NotoSansArabic"), "hebrew": ("NotoSansHebrew",)}
    for family in (f for name in sorted(only & set(scripts)) for f in scripts[name]):
        for style in ("Regular", "Bold"):
            name = f"{family}-{style}"
            path = _find(sources, f"{name}.ttf")
            kept = [c for c in TTFont(path).getBestCmap() if not _within(c, PRESENTATION_FORMS)]
            _subset(path, name, _ranges(kept), "*")
    for style in ("Regular", "Bold") if "chinese" in only else ():
        name = f"NotoSansCJKsc-{style}"
        collection = _find(sources, f"NotoSansCJK-{style}.ttc")
        full_name = "Noto Sans CJK SC" + (" Bold" if style == "Bold" else "")
        face = next(f for f in TTCollection(collection).fonts if _name(f) == full_name)
        face.save(OUT / f"{name}.otf")  # the SC face alone, for the subsetter
        try:
            _subset(OUT / f"{name}.otf", name, _ranges(sorted(_chinese())), "ccmp,kern,liga")
        finally:
            (OUT / f"{name}.otf").unlink()
        _to_truetype(OUT / f"{name}.ttf")
        print(f"converted {name} to TrueType outlines")


def _find(sources: list[Path], name: str) -> Path:
    for source in sources:
        found = sorted(source.rglob(name))
        if found:
            return found[0]
    raise SystemExit(f"{name} is in none of {', '.join(map(str, sources))}")


def _name(font: TTFont) -> str:
    return str(font["name"].getDebugName(4))


def _within(code: int, blocks: tuple[range, ...]) -> bool:
    return any(code in block for block in blocks)


def _ranges(codes: list[int]) -> str:
    return ",".join(f"U+{code:04X}" for code in codes)


def _chinese() -> set[int]:
    """GB2312 level 1 (rows 16 to 55) and its punctuation (row 1), the CJK and full-width
    punctuation, and the characters of the labels."""
    rows = (0xA1, *range(0xB0, 0xD8))
    pairs = (bytes((row, cell)) for row in rows for cell in range(0xA1, 0xFF))
    hanzi = {ord(c) for pair in pairs for c in pair.decode("gb2312", "ignore")}  # row 55 ends early
    labels = "".join(str(value) for value in LANGUAGES["zh"])
    return hanzi | {c for block in CJK_PUNCTUATION for c in block} | set(map(ord, labels))


def _subset(path: Path, name: str, unicodes: str, features: str) -> None:
    subset.main(
        [
            str(path),
            f"--unicodes={unicodes}",
            f"--layout-features={features}",
            "--no-hinting",
            "--desubroutinize",
            "--name-IDs=*",
            "--drop-tables+=BASE,VORG,vhea,vmtx",
            f"--output-file={OUT / f'{name}.ttf'}",
        ]
    )
    print(f"wrote briefing/fonts/{name}.ttf")


def _to_truetype(path: Path) -> None:
    """Replace a face's CFF outlines by TrueType ones, in place (as briefing does for an
    office's own OpenType faces)."""
    font = TTFont(path)
    to_truetype(font)
    font.save(path)


if __name__ == "__main__":
    main()
