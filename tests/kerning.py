"""Kerning read back from a page: the letter pairs its faces kern, and those whose kern the page
does not show.

As the issue's measure does (HarfBuzz as the reference: the pair's first advance shaped with and
without ``kern``), a pair counts as kerned when at least half of its kern shows in the gap
between the two glyphs, after the line's own letter spacing (the median gap of the pairs the
face does not kern) is taken off. A line here is one piece of one block on one baseline, so two
columns' lines side by side, each letter-spaced as its justification asks, are measured apart.
In a right-to-left line, punctuation beside a Latin word belongs to the right-to-left text
around it (UAX #9) and is shaped apart from it, so only letters pair there.
"""

from __future__ import annotations

import functools
import re
import statistics
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Any

import uharfbuzz

FONTS = Path(__file__).parent.parent / "briefing" / "fonts"
SHOWN = 0.5  # the share of a kern a pair shows to count as kerned
SEEN = 0.15  # points: a kern smaller than this is below what the page's rounding shows


@functools.cache
def _font(name: str) -> tuple[uharfbuzz.Font, int] | None:
    """HarfBuzz's font of a bundled face, by its PDF name ("ABCDEF+NotoSans-Regular")."""
    path = FONTS / f"{name.split('+')[-1]}.ttf"
    if not path.exists():
        return None
    face = uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(path)))
    return uharfbuzz.Font(face), face.upem


@functools.cache
def kern(name: str, pair: str) -> float:
    """The kern, in ems, face ``name`` puts between the two letters of ``pair``."""
    font = _font(name)
    if font is None:
        return 0.0
    advances = []
    for kerned in (True, False):
        buffer = uharfbuzz.Buffer()
        buffer.add_str(pair)
        buffer.guess_segment_properties()
        uharfbuzz.shape(font[0], buffer, {"kern": kerned, "liga": False})
        advances.append(buffer.glyph_positions[0].x_advance)
    return (advances[0] - advances[1]) / font[1]


@functools.cache
def advance(name: str, char: str) -> float | None:
    """The advance, in ems, of ``char``'s glyph in face ``name`` (None: not a bundled face's)."""
    font = _font(name)
    glyph = font[0].get_nominal_glyph(ord(char)) if font else None
    return None if font is None or glyph is None else font[0].get_glyph_h_advance(glyph) / font[1]


def _pieces(chars: Iterable[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """Runs of one face and size on one baseline, in one marked-content sequence, left to
    right, parted where a gap is wider than an em (a gutter, a panel's edge)."""
    rows: dict[tuple[float, str, float, Any], list[dict[str, Any]]] = {}
    for char in chars:
        key = (round(char["bottom"], 1), char["fontname"], round(char["size"], 1), char["mcid"])
        rows.setdefault(key, []).append(char)
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        start = 0
        for index in range(1, len(row) + 1):
            if index == len(row) or row[index]["x0"] - row[index - 1]["x1"] > row[index]["size"]:
                yield row[start:index]
                start = index


def unkerned(chars: Iterable[dict[str, Any]], rtl: bool) -> tuple[int, tuple[str, ...]]:
    """How many letter pairs of ``chars`` (pdfplumber's, with an ``mcid``) their face kerns, and
    those of them whose kern the page does not show ("To: -0.62 pt asked, 0.00 shown")."""
    paired = re.compile(r"[A-Za-z]{2}" if rtl else r"[A-Za-z.,’']{2}")
    asked, missed = 0, []
    for piece in _pieces(chars):
        size = piece[0]["size"]
        name = piece[0]["fontname"]
        pairs = [
            (a["text"] + b["text"], b["x0"] - a["x1"])
            for a, b in pairwise(piece)
            if paired.fullmatch(a["text"] + b["text"]) and abs(b["x0"] - a["x1"]) < 0.3 * size
        ]
        plain = [gap for pair, gap in pairs if kern(name, pair) == 0]
        if len(plain) < 2:
            continue
        spacing = statistics.median(plain)
        for pair, gap in pairs:
            asked_pt = kern(name, pair) * size
            if abs(asked_pt) < SEEN:
                continue
            asked += 1
            if (gap - spacing) / asked_pt < SHOWN:
                missed.append(f"{pair}: {asked_pt:.2f} pt asked, {gap - spacing:.2f} shown")
    return asked, tuple(missed)
