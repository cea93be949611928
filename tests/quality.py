"""Typographic quality of a PDF page, read back from where the words landed.

``measure(pdf, source)`` returns one ``PageQuality`` per page: loose word spaces and justified
lines left short, hyphenated line ends, runs of them, hyphens at a column break, short hyphen
fragments, words broken without a hyphen, the empty space under each column's end (down to the
footer rule or a block below), the nearest ink to the paper's edge, and the words of the text
layer read in structure order against the words of ``source`` (the content's text, see
``source_text``). Glyph positions come from pdfplumber, the structure tree and each glyph's
marked content from pikepdf.

A right-to-left page (its ``/Lang`` says so) has its columns found by their right edges, and
its unjustified lines by where they start on the left; a line break between two Chinese
characters, or inside a web address's path, is not a word broken without a hyphen.
"""

from __future__ import annotations

import io
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any, NamedTuple

import pdfplumber
import pikepdf
import pypdfium2

from briefing.text.collect import tied

from . import kerning, readers

LOOSE = 2.0  # a word space wider than this many natural spaces is loose
NATURAL = 0.02  # a word space within this of a natural space is one (unjustified)
SPACE_EM = 0.26  # the space of Noto Sans and Noto Serif, for a font that draws no space glyph
SEGMENT_EM = 1.5  # a gap this many ems wide parts two pieces of text on one baseline
COLUMN_GAP = 40.0  # body lines whose left edges are this far apart are in different columns
HYPHENS = "-\u00ad\u2010"
SOFT_HYPHEN = "\u00ad"
INLINE = {"/Span", "/Strong", "/Em", "/Link", "/Code", "/Quote", "/Reference", "/Note", "/Sub"}
GROUPING = {"/Document", "/Part", "/Art", "/Sect", "/Div", "/NonStruct", "/L", "/TOC"}
BODY_ROLES = {"/P", "/LBody", "/LI", "/Lbl"}
RTL_LANGUAGES = {"ar", "fa", "he"}


class Line(NamedTuple):
    """One line of one block (paragraph, heading, label), as drawn."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    block: int | None  # the structure element it belongs to, in structure order
    body: bool  # body text (at the body size, in a section when the page has sections)
    spaces: tuple[float, ...]  # each word space in units of the font's natural space
    base: float = 0.0  # the baseline, in points up from the paper's foot
    glyphs: float = 0.0  # its glyphs' expansion and letter spacing (``_glyphs``)

    @property
    def hyphenated(self) -> bool:
        """Whether the line ends with a hyphen after a letter."""
        return len(self.text) > 1 and self.text[-1] in HYPHENS and self.text[-2].isalpha()


class Column(NamedTuple):
    """A column of body text: where it starts, its last line and the space under it."""

    x0: float
    last: str
    gap: float | None  # points from the last line's bottom to the next thing printed below
    share: float | None  # that gap as a share of the page height


class PageQuality(NamedTuple):
    """The measurements of one page."""

    number: int
    width: float
    height: float
    body_size: float
    lines: tuple[Line, ...]
    loose: tuple[Line, ...]  # lines with a word space over LOOSE natural spaces
    loosest: float  # the widest word space on the page, in natural spaces
    hyphenated: int  # hyphenated line ends that are not a paragraph's last line
    hyphen_runs: tuple[tuple[str, ...], ...]  # three or more hyphenated line ends in a row
    column_end_hyphens: tuple[str, ...]  # hyphenated lines continued in another column
    short_fragments: tuple[str, ...]  # "IN-|L’s": under 2 letters before a hyphen or 3 after
    broken_words: tuple[str, ...]  # "COUNTERNAR|COTICS": a line break inside a word, no hyphen
    ragged: tuple[str, ...]  # body lines, not a paragraph's last, ending short of the column
    columns: tuple[Column, ...]
    edge_text: float  # points from the nearest glyph to the paper's edge
    edge_ink: float  # the same for anything painted: glyphs, shapes, images
    footer_rule: float  # the top of the footer's rule, from the page's top (its height if none)
    text_layer: str  # the text in structure order, soft hyphens joined
    glued_words: tuple[str, ...]  # "andcorrections": two source words with no space between
    split_words: tuple[str, ...]  # "devel- oped": a source word in two pieces
    missing_words: tuple[str, ...]  # source words not found whole in the text layer
    roles: tuple[str, ...] = ()  # each block's structure role ("/H2"), indexed by Line.block
    lone_items: tuple[str, ...] = ()  # a list's items alone at a column's head (``_lone_items``)
    kerns: int = 0  # letter pairs the faces kern (HarfBuzz), as ``kerning.unkerned`` reads them
    unkerned: tuple[str, ...] = ()  # those of them whose kern the page does not show

    def figures(self) -> dict[str, object]:
        """The counts and extremes, for a table or a report."""
        gaps = [c.share for c in self.columns if c.share is not None]
        return {
            "loose": len(self.loose),
            "loosest": round(self.loosest, 2),
            "hyphenated": self.hyphenated,
            "hyphen runs": len(self.hyphen_runs),
            "column-end hyphens": len(self.column_end_hyphens),
            "short fragments": len(self.short_fragments),
            "broken": len(self.broken_words),
            "ragged": len(self.ragged),
            "foot gap %": round(max(gaps) * 100, 1) if gaps else None,
            "edge in": round(self.edge_ink / 72, 2),
            "edge text in": round(self.edge_text / 72, 2),
            "glued": len(self.glued_words),
            "split": len(self.split_words),
            "missing": len(self.missing_words),
            "kerned %": round(100 - 100 * len(self.unkerned) / self.kerns) if self.kerns else None,
        }


# -- the words a sheet's content prints ------------------------------------------------------

TEXT_FIELDS = ("organization", "office", "title", "subtitle", "lead", "marking", "footer")
LIST_FIELDS = {
    "key_figures": ("value", "label"),
    "sections": ("heading", "body"),
    "at_a_glance": ("label", "value"),
    "contacts": ("name", "role", "email", "phone"),
}


_WIDE = "\u3000-\u9fff\uff00-\uffef"  # CJK punctuation, ideographs, full-width forms


def source_text(content: dict[str, Any]) -> str:
    """The printed words of a content tree (as loaded from YAML), formatting marks removed."""
    parts = [str(content[k]) for k in TEXT_FIELDS if content.get(k)]
    for field, keys in LIST_FIELDS.items():
        parts += [str(entry[k]) for entry in content.get(field) or [] for k in keys if k in entry]
    if content.get("online"):
        parts.append(content["online"])
    # a line of Chinese runs on into the next one in its paragraph with nothing between them
    parts = [re.sub(rf"(?<=[{_WIDE}])\n(?=[{_WIDE}])", "", part) for part in parts]
    text = "\n".join(parts)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link prints its text
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)  # list markers
    return re.sub(r"(?<!\\)\*|`", "", text).replace("\\*", "*")


def _token(word: str) -> str:
    """A word as compared: case-folded, a web address without its scheme and ``www.``."""
    return re.sub(r"^(?:https?://|mailto:)?(?:www\.)?", "", word.casefold())


def _in_address(part: str, joined: str) -> bool:
    """Whether ``part`` is only found inside web or e-mail addresses of the source ``joined``,
    which may break between any two letters of their path (as LaTeX's xurl breaks them)."""
    found = [w for w in joined.split() if part in w]
    return bool(found) and all("/" in w or "@" in w for w in found)


def _tokens(text: str) -> list[str]:
    return [_token(w) for w in text.split()]


# -- reading the page ------------------------------------------------------------------------


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


class _Structure(NamedTuple):
    """Each page's marked content in structure order: (block, MCID) pairs, and block roles."""

    order: dict[int, list[tuple[int, int]]]  # page object number -> [(block, mcid)]
    roles: list[str]
    in_section: list[bool]
    has_sections: bool
    items: list[tuple[int, int] | None]  # each block's outermost list and item (/L, /LI), if any


def _structure(pdf: pikepdf.Pdf) -> _Structure:
    order: dict[int, list[tuple[int, int]]] = {}
    roles: list[str] = []
    in_section: list[bool] = []
    items: list[tuple[int, int] | None] = []
    item: tuple[int, int] | None = None  # the outermost list and item being walked
    lists = 0

    def new_block(role: str, section: bool) -> int:
        roles.append(role)
        in_section.append(section)
        items.append(item)
        return len(roles) - 1

    def walk(element: Any, block: int | None, page: Any, section: bool) -> None:
        """Record ``element``'s marked content; an inline element's goes to its block."""
        nonlocal item, lists
        role = str(element.get("/S"))
        page = element.get("/Pg", page)
        section = section or role == "/Sect"
        outer = item
        if role == "/L" and item is None:
            lists += 1
            item = (lists, -1)
        elif role == "/LI" and item is not None and item[1] < 0:
            item = (item[0], len(roles))
        if role in GROUPING:
            block = None
        elif role not in INLINE or block is None:
            block = new_block(role, section)
        for kid in _kids(element):
            if isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary) and "/MCID" in kid):
                mcid = int(kid if isinstance(kid, int) else kid.MCID)
                where = kid.get("/Pg", page) if isinstance(kid, pikepdf.Dictionary) else page
                if block is None:  # marked content right under a grouping element
                    block = new_block(role, section)
                order.setdefault(where.objgen[0], []).append((block, mcid))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, block, page, section)
        if outer is None or role == "/LI":
            item = outer

    root = pdf.Root.get("/StructTreeRoot")
    if root is not None:
        for kid in _kids(root):
            walk(kid, None, None, False)
    return _Structure(order, roles, in_section, any(in_section), items)


SHOW = {"Tj", "TJ", "'", '"'}


def _marked(page: Any, content: pikepdf.Page) -> list[dict[str, Any]]:
    """The page's chars, each with the MCID of its innermost enclosing marked content and the
    ``/ActualText`` span it is drawn in, ``(number, text)`` or None.

    pdfplumber forgets the MCID inside nested marked content (a Span carrying ``/ActualText``
    within a paragraph), so the content stream is walked here, a glyph code at a time.
    """
    fonts = content.Resources.get("/Font", {})
    code_bytes = {str(n): 2 if f.get("/Subtype") == "/Type0" else 1 for n, f in fonts.items()}
    properties = content.Resources.get("/Properties", {})
    marks: list[tuple[int | None, tuple[int, str] | None]] = []
    stack: list[tuple[int | None, tuple[int, str] | None]] = [(None, None)]
    width, saved, spans = 1, [], 0
    for operands, operator in pikepdf.parse_content_stream(content):
        op = str(operator)
        if op in ("BDC", "BMC"):
            props = operands[1] if op == "BDC" else pikepdf.Dictionary()
            if isinstance(props, pikepdf.Name):
                props = properties[str(props)]
            mcid, actual = stack[-1]
            if "/MCID" in props:
                mcid = int(props.MCID)
            if "/ActualText" in props:
                spans += 1
                actual = (spans, str(props.ActualText))
            stack.append((mcid, actual))
        elif op == "EMC":
            stack.pop()
        elif op == "q":
            saved.append(width)
        elif op == "Q":
            width = saved.pop()
        elif op == "Tf":
            width = code_bytes.get(str(operands[0]), 1)
        elif op in SHOW:
            strings = operands[0] if op == "TJ" else operands[-1:]
            codes = sum(len(bytes(t)) for t in strings if isinstance(t, pikepdf.String))
            marks += [stack[-1]] * (codes // width)
    if len(marks) != len(page.chars):
        raise ValueError(f"{len(marks)} glyph codes drawn but {len(page.chars)} chars read")
    return [{**c, "mcid": m, "actual": a} for c, (m, a) in zip(page.chars, marks, strict=True)]


def _white(colour: Any) -> bool:
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    if len(values) == 4:
        return all(v == 0 for v in values)
    return all(v == 1 for v in values)


def _ink(page: Any) -> list[dict[str, Any]]:
    """Everything painted on the page: glyphs other than spaces, visible shapes, images."""
    shapes = [
        o
        for o in page.rects + page.lines + page.curves
        if (o.get("fill") and not _white(o["non_stroking_color"]))
        or (o.get("stroke") and not _white(o["stroking_color"]))
    ]
    return [c for c in page.chars if readers.printed(c["text"]).strip()] + shapes + page.images


def footer_rule(page: Any) -> float:
    """The top of the footer's hairline: the lowest line across over half the page in its
    last 110 points (as the issue's ``composition.py`` finds it); the page's height if none."""
    rules = [
        o["top"]
        for o in page.lines + page.rects
        if o["width"] > page.width / 2 and o["height"] < 2 and o["top"] > page.height - 110
    ]
    return float(max(rules, default=page.height))


def _edges(page: Any, ink: list[dict[str, Any]]) -> tuple[float, float]:
    """Points from the nearest glyph, and from anything painted, to the paper's edge."""

    def distance(o: dict[str, Any]) -> float:
        return float(min(o["x0"], o["top"], page.width - o["x1"], page.height - o["bottom"]))

    glyphs = [o for o in ink if o["object_type"] == "char"]
    text = min(map(distance, glyphs), default=float("inf"))
    return text, min(map(distance, ink), default=float("inf"))


def _split(chars: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """The chars of one baseline of one block, left to right, in pieces: a wide gap parts
    untagged text, or two marked-content sequences (a paragraph going on in the next column)."""
    chars = sorted(chars, key=lambda c: c["x0"])
    piece: list[dict[str, Any]] = []
    previous = None
    for char in chars:
        if not readers.printed(char["text"]).strip():
            if piece:
                piece.append(char)
            continue
        if (
            previous is not None
            and char["x0"] - previous["x1"] > SEGMENT_EM * char["size"]
            and (char["mcid"] is None or char["mcid"] != previous["mcid"])
        ):
            yield piece
            piece = []
        piece.append(char)
        previous = char
    if piece:
        yield piece


def _mark(text: str) -> bool:
    """Whether ``text`` is only combining marks (Arabic vowels, Hebrew points)."""
    return all(unicodedata.category(char).startswith("M") for char in text)


def _spaces(chars: list[dict[str, Any]], space_em: dict[str, float]) -> tuple[float, ...]:
    """Each word space of a line, in natural spaces of the font that draws it (or of the
    word before it); not the room beside a Chinese character where no space is drawn (between
    it and a Latin word, clreq's spacing between scripts, or the next character)."""
    out = []
    previous = None
    space: dict[str, Any] | None = None
    for char in chars:
        if not readers.printed(char["text"]).strip():
            space = char
            continue
        if any(_mark(c) for c in char["text"]):  # a vowel mark, alone or on its letter
            previous, space = None, None  # (Arabic): its box is not the letter's advance
            continue
        if previous is not None and not (
            space is None and (_ideograph(char["text"][0]) or _ideograph(previous["text"][-1]))
        ):
            gap = char["x0"] - previous["x1"]
            if space is not None or gap > 0.1 * char["size"]:
                em = space_em.get((space or previous)["fontname"], SPACE_EM)
                out.append(gap / (em * previous["size"]))
        previous, space = char, None
    return tuple(out)


EXPANSION = 0.02  # of a glyph's width, and ems of letter spacing: the most a line takes


def _glyphs(chars: list[dict[str, Any]]) -> float:
    """How far a line's glyphs are widened (hz: the PDF's horizontal scale) and its letters
    spaced, together, as a share of their most (``EXPANSION``): 0 as the face draws them, less
    than none where they tighten; the medians of its letters' widths against their faces'
    advances and of the gaps between two letters the face does not kern."""
    scales, gaps = [], []
    for a, b in pairwise(chars):
        own = kerning.advance(a["fontname"], a["text"]) if len(a["text"]) == 1 else None
        if not own or not a["text"].isalpha():
            continue
        scales.append(a["width"] / (own * a["size"]) - 1)
        if b["text"].isalpha() and not kerning.kern(a["fontname"], a["text"] + b["text"]):
            gaps.append((b["x0"] - a["x1"]) / a["size"])
    if not scales or not gaps:
        return 0.0
    return (statistics.median(scales) + statistics.median(gaps)) / (2 * EXPANSION)


def _unseen_hyphen(char: dict[str, Any]) -> bool:
    """Whether ``char`` is a soft hyphen read at a line's end where none is drawn (an address
    broken between two letters: ``line._glyph_line``), which a reader of the paper never sees."""
    return not char["width"] and char["text"] == SOFT_HYPHEN + " "


def _lines(
    chars: list[dict[str, Any]], order: list[tuple[int, int]], structure: _Structure
) -> list[Line]:
    """The page's lines, block by block in structure order, each block's in drawing order;
    untagged text last."""
    blocks = {mcid: block for block, mcid in order}
    space_em = {  # (not the glyphs of no width that read as spaces: ``shaping.unseen``)
        c["fontname"]: c["width"] / c["size"]
        for c in chars
        if c["text"] == " " and c["size"] and c["width"]
    }
    drawn = {id(c): index for index, c in enumerate(chars)}  # content stream order
    baselines: dict[tuple[int | None, float], list[dict[str, Any]]] = {}
    for char in chars:
        block = blocks.get(char["mcid"])
        baselines.setdefault((block, round(char["matrix"][5], 1)), []).append(char)
    sizes = Counter(
        round(c["size"], 2)
        for c in chars
        if readers.printed(c["text"]).strip() and c["mcid"] is not None
    )
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    keyed = []
    for (block, base), row in baselines.items():
        for piece in _split(row):
            text = "".join(c["text"] for c in piece if not _unseen_hyphen(c)).rstrip(" ")
            size = Counter(round(c["size"], 2) for c in piece).most_common(1)[0][0]
            role = structure.roles[block] if block is not None else ""
            body = (
                abs(size - body_size) < 0.05
                and role in BODY_ROLES
                and (
                    (block is not None and structure.in_section[block])
                    or not structure.has_sections
                )
            )
            line = Line(
                text,
                piece[0]["x0"],
                max(c["x1"] for c in piece),
                min(c["top"] for c in piece),
                max(c["bottom"] for c in piece),
                size,
                block,
                body,
                () if role == "/Figure" else _spaces(piece, space_em),  # a chart's labels
                base,
                _glyphs(piece),
            )
            first = min(drawn[id(c)] for c in piece)
            keyed.append(((block is None, block or 0, first), line))
    return [line for _, line in sorted(keyed, key=lambda k: k[0])]


def _paragraphs(lines: list[Line]) -> list[list[Line]]:
    blocks: dict[int, list[Line]] = {}
    for line in lines:
        if line.block is not None:
            blocks.setdefault(line.block, []).append(line)
    return list(blocks.values())


def _start(line: Line, rtl: bool) -> float:
    """Where a line starts, as a distance from the page's starting side (its left, or right)."""
    return -line.x1 if rtl else line.x0


def _group(lines: list[Line], rtl: bool) -> list[list[Line]]:
    """Body lines grouped into columns by their starting edges (left, or right), then by
    their paragraphs' ending edges: a sidebar's main column and the narrower column under the
    panel start alike."""
    starts: list[list[Line]] = []
    for line in sorted((ln for ln in lines if ln.body), key=lambda ln: _start(ln, rtl)):
        if starts and _start(line, rtl) - _start(starts[-1][0], rtl) < COLUMN_GAP:
            starts[-1].append(line)
        else:
            starts.append([line])
    columns: list[list[Line]] = []
    unjustified = set_ragged(lines)
    for group in starts:
        ends: dict[int | None, list[float]] = {}
        for line in group:  # each paragraph's lines' end edges, from the start side
            ends.setdefault(line.block, []).append(-line.x0 if rtl else line.x1)
        edges: list[float] = []  # the widths of justified paragraphs of several lines
        several = [found for block, found in ends.items() if block not in unjustified]
        for edge in sorted(max(found) for found in several if len(found) > 1):
            if not edges or edge - edges[-1] > COLUMN_GAP:
                edges.append(edge)
        if len(edges) < 2:
            columns.append(group)
            continue
        for edge in edges:  # a short paragraph goes with the narrowest column it fits
            columns.append(
                [
                    ln
                    for ln in group
                    if edge == next((e for e in edges if max(ends[ln.block]) <= e + 2), edge)
                ]
            )
    return [column for column in columns if column]


def _columns(
    lines: list[Line], ink: list[dict[str, Any]], height: float, rtl: bool
) -> tuple[Column, ...]:
    """Each column's last line and the space under it, down to what is printed next below it:
    the footer rule, or a block under the columns (contacts, QR code)."""
    out = []
    for column in _group(lines, rtl):
        last = max(column, key=lambda ln: ln.bottom)
        left, right = min(ln.x0 for ln in column), max(ln.x1 for ln in column)
        below = [
            o["top"] for o in ink if o["top"] > last.bottom and o["x0"] < right and o["x1"] > left
        ]
        gap = min(below) - last.bottom if below else None
        out.append(Column(left, last.text, gap, None if gap is None else gap / height))
    return tuple(out)


def _lone_items(lines: list[Line], structure: _Structure, rtl: bool) -> tuple[str, ...]:
    """The first line of each column that holds a list going on from another column in one
    item alone, whole or a lone line of it: what a designer calls a list's widow."""
    columns = [  # a label goes with the narrowest column: read items by their text
        [ln for ln in column if structure.roles[ln.block or 0] != "/Lbl"]
        for column in _group(lines, rtl)
    ]
    where = {id(ln): n for n, column in enumerate(columns) for ln in column}
    texts = [ln for ln in lines if id(ln) in where and structure.roles[ln.block or 0] == "/LBody"]
    out = []
    for number, column in enumerate(columns):
        head = min(column, key=lambda ln: ln.top, default=None)
        own = structure.items[head.block or 0] if head in texts else None
        if head is None or own is None:
            continue
        listed = [ln for ln in texts if (structure.items[ln.block or 0] or own)[0] == own[0]]
        before = [ln for ln in listed[: listed.index(head)] if where[id(ln)] != number]
        if not before or (
            before[-1].top < head.top and abs(_start(before[-1], rtl) - _start(head, rtl)) < 1
        ):
            continue  # not a list going on from another column (but from above a sidebar's
            # panel, in its own)
        here = [structure.items[ln.block or 0] for ln in listed if where[id(ln)] == number]
        whole = all(where[id(ln)] == number for ln in listed if ln.block == head.block)
        if set(here) == {own} and (whole or len(here) < 2):
            out.append(head.text)
    return tuple(out)


def name_hyphens(lines: list[Line]) -> tuple[str, ...]:
    """The body's line ends that hyphenate a name ("Constab-"): a capitalised word, or a
    compound's capitalised part ("Anti-Corrup-"), but for a sentence's first word."""
    out = []
    for paragraph in _paragraphs([ln for ln in lines if ln.body]):
        before = ""  # the word before a line's last
        for line in paragraph[:-1]:
            words = line.text.split() or [""]
            before, last = (words[-2] if len(words) > 1 else before), words[-1]
            part = re.split(r"[-–—/]", last)[-1].lstrip("\"'“‘(«¿¡")
            first = part == last.lstrip("\"'“‘(«¿¡") and (
                not before or before.rstrip("\"'”’)»").endswith((".", "!", "?"))
            )
            if last.endswith(SOFT_HYPHEN) and part[:1].isupper() and not first:
                out.append(last)
            before = last
    return tuple(out)


# A word of letters, perhaps with an apostrophe, in quotes, brackets or punctuation: not a number,
# nor a piece of an address
_WORD = re.compile(r"\W*[^\W\d_]+(?:['’][^\W\d_]+)?\W*")


def lone_words(page: PageQuality) -> tuple[str, ...]:
    """The last lines of paragraphs, list items and labels (the body, the lead, the facts'
    labels) of several lines that hold a single word, as :data:`_WORD` reads one, its
    combining marks and joining controls aside (a shadda, a Hebrew point, a Persian word's
    zero-width non-joiner); Chinese has no spaces between words."""
    return tuple(
        lines[-1].text.strip()
        for lines in _paragraphs(list(page.lines))
        if len(lines) > 1
        and page.roles[lines[-1].block or 0] in BODY_ROLES
        and _WORD.fullmatch(_unmarked(lines[-1].text.strip()))
        and not any(map(_ideograph, lines[-1].text))
    )


def _unmarked(text: str) -> str:
    """``text`` without its combining marks and format controls (bidi marks, joiners)."""
    return "".join(char for char in text if unicodedata.category(char) not in ("Mn", "Cf"))


def set_ragged(lines: list[Line]) -> set[int | None]:
    """The paragraphs set ragged on purpose (a justified one that no setting keeps within the
    tolerance in its column): several lines, every word space of every line natural, some line
    but the last short of the others, or over half an em short of the widest body line that
    starts where it does (a two-line list item's first). A justified paragraph reaches its edge
    with spaces wider or narrower than natural but for a line that fits exactly, now and then,
    never all."""
    body = [line for line in lines if line.body]
    paragraphs: dict[int | None, list[Line]] = {}
    for line in body:
        paragraphs.setdefault(line.block, []).append(line)

    def short(found: list[Line]) -> bool:  # (of lines of words: not an address's run over)
        widths = [ln.x1 - ln.x0 for ln in found if ln.spaces]
        column = max(ln.x1 - ln.x0 for ln in body if abs(ln.x0 - found[0].x0) < 1 and ln.spaces)
        going_on = [ln.x1 - ln.x0 for ln in found[:-1] if ln.spaces]
        return min(going_on) < max(max(widths) - 1, column - found[0].size / 2)

    return {
        block
        for block, found in paragraphs.items()
        if len(found) > 1
        and any(ln.spaces for ln in found[:-1])
        and all(abs(space - 1) <= NATURAL for ln in found for space in ln.spaces)
        and short(found)
    }


def parted(lines: list[Line]) -> tuple[str, ...]:
    """Words that belong together (``collect.tied``: a number and its unit or label, an
    initial and its name) parted by the end of a body line, left to right: "25,000 | hectares"."""
    body = [ln.text.split() for ln in lines if ln.body]
    return tuple(
        f"{above[-1]} | {below[0]}"
        for above, below in pairwise(body)
        if above and below and tied(above[-1], below[0], False)
    )


def _ragged(lines: list[Line], rtl: bool) -> tuple[str, ...]:
    """Body lines that end over half an em short of the column's end edge (right, or left):
    justified text left unjustified. Not a paragraph's last line, nor one that cannot be
    justified: with no word space, ending inside a web or e-mail address (which breaks only at
    its / . - _ ? & = #, and may leave the line short), or mostly address with a single word
    space beside it; nor a paragraph set ragged on purpose (``set_ragged``)."""
    last = {ln.block: ln for ln in lines}
    unjustified = set_ragged(lines)

    def short(line: Line, column: list[Line]) -> bool:
        if rtl:
            return line.x0 > min(c.x0 for c in column) + line.size / 2
        return line.x1 < max(c.x1 for c in column) - line.size / 2

    return tuple(
        ln.text
        for column in _group(lines, rtl)
        for ln in column
        if ln is not last[ln.block]
        and ln.block not in unjustified
        and ln.spaces
        and not re.search(r"[/@]", ln.text.split()[0 if rtl else -1])
        and not (len(ln.spaces) == 1 and re.search(r"\S{24,}", ln.text))
        and short(ln, column)
    )


def _letters(word: str) -> int:
    """How many letters ``word`` starts with."""
    return next((i for i, char in enumerate(word) if not char.isalpha()), len(word))


def _ideograph(char: str) -> bool:
    """Whether ``char`` is a Chinese character, which a line may end after (or start with)."""
    return unicodedata.name(char, "").startswith("CJK ")


def _breaks(paragraphs: list[list[Line]], source: str) -> tuple[Any, ...]:
    """Hyphenated line ends, runs of them, hyphens at a column break, short fragments, breaks
    inside a word."""
    joined = " ".join(_tokens(source))
    hyphenated, runs, column_ends, short, broken = 0, [], [], [], []
    for lines in paragraphs:
        run: list[str] = []
        for line, after in pairwise(lines):
            a, b = line.text.split()[-1], after.text.split()[0]
            if line.hyphenated:
                hyphenated += 1
                run.append(line.text)
                if after.top <= line.top:  # the paragraph goes on in another column
                    column_ends.append(line.text)
                compound = a[-1] == "-" and _token(a + b) in joined
                before = a[-2::-1]  # the word before its hyphen, backwards
                if not compound and (_letters(before) < 2 or _letters(b) < 3):
                    short.append(f"{a}|{b}")
                continue
            if len(run) >= 3:
                runs.append(tuple(run))
            run = []
            if (
                a[-1].isalnum()
                and b[0].isalnum()
                and not (_ideograph(a[-1]) or _ideograph(b[0]))
                and _token(a + b) in joined
                and f"{_token(a)} {_token(b)}" not in joined
                and not _in_address(_token(a + b), joined)
            ):
                broken.append(f"{a}|{b}")
        if len(run) >= 3:
            runs.append(tuple(run))
    return hyphenated, tuple(runs), tuple(column_ends), tuple(short), tuple(broken)


def _text_layer(chars: list[dict[str, Any]], order: list[tuple[int, int]]) -> str:
    """The page's text read in structure order, a block a line, ``/ActualText`` replacing the
    glyphs it covers, soft hyphens joined."""
    by_mcid: dict[int, list[str]] = {}
    spans = set()
    for char in chars:
        if char["mcid"] is None:
            continue
        if char["actual"] is None:
            by_mcid.setdefault(char["mcid"], []).append(char["text"])
        elif char["actual"][0] not in spans:
            spans.add(char["actual"][0])
            by_mcid.setdefault(char["mcid"], []).append(char["actual"][1])
    blocks: dict[int, list[str]] = {}
    for block, mcid in order:
        blocks.setdefault(block, []).extend(by_mcid.get(mcid, []))
    layer = "\n".join("".join(t) for t in blocks.values()).replace(readers.NOTHING, "")
    return re.sub(f"{SOFT_HYPHEN}[ \t]*", "", layer)


def _pdfium_text(data: bytes, index: int) -> str:
    """The text of page ``index`` as PDFium reads it, soft hyphens (U+FFFE, or U+00AD where
    a right-to-left word breaks) joined."""
    document = pypdfium2.PdfDocument(data)
    try:
        text = document[index].get_textpage().get_text_range()
    finally:
        document.close()
    return re.sub("[\ufffe\u00ad]\\s*", "", text.replace("\u200b", ""))


def _reader_words(layer: str, source: str) -> tuple[tuple[str, ...], ...]:
    """Glued words and missing words of a right-to-left text layer against the source, in
    the words of the readers' measure (letters and figures: PDFium places brackets and stops
    by a bidirectional algorithm of its own, and marks in an order of its own)."""
    printed = readers.words(layer)
    source = re.sub(r"https?://(?:www\.)?", "", source)  # printed without them
    known = set(readers.words(source))
    glued = tuple(
        word
        for word in printed
        if word not in known
        and any(word[:i] in known and word[i:] in known for i in range(1, len(word)))
    )
    missing = tuple((Counter(readers.words(source)) - Counter(printed)).elements())
    return glued, (), missing


def _unhyphened(token: str, known: set[str]) -> bool:
    """Whether dropping one of the token's hyphens makes it a source word ("devel-oped")."""
    return any(
        token[:i] + token[i + 1 :] in known for i, char in enumerate(token) if char in HYPHENS
    )


def _words(layer: str, source: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Glued words, split words and missing words of the text layer against the source."""
    printed = layer.split()
    tokens = [_token(w) for w in printed]
    known = set(_tokens(source))
    glued = tuple(
        word
        for word, token in zip(printed, tokens, strict=True)
        if token not in known
        and any(token[:i] in known and token[i:] in known for i in range(1, len(token)))
    )
    split = tuple(
        word
        for word, token in zip(printed, tokens, strict=True)
        if token not in known and _unhyphened(token, known)
    ) + tuple(
        f"{printed[i]} {printed[i + 1]}"
        for i in range(len(tokens) - 1)
        if tokens[i] not in known
        and (tokens[i] + tokens[i + 1] in known or _unhyphened(tokens[i] + tokens[i + 1], known))
    )
    missing = tuple((Counter(_tokens(source)) - Counter(tokens)).elements())
    return glued, split, missing


class Across(NamedTuple):
    """How a page's two columns of paragraphs stand across the gutter (:func:`across`)."""

    share: float  # of the right column's baselines, those level with a line of the left's
    lined: bool  # each column's baselines stand whole body lines apart: a grid of whole lines


def across(page: PageQuality) -> Across | None:
    """Of a page of two columns (its paragraphs' lines left and right of its middle), the
    share of the right column's baselines on the left column's grid (its first baseline and
    whole body lines from it, to half a point), and whether each column keeps to a grid of
    whole lines of its own; None for a page without two such columns."""
    lines = [ln for ln in page.lines if ln.body and ln.block is not None]
    lines = [ln for ln in lines if page.roles[ln.block or 0] == "/P"]
    steps = [
        below.base - above.base
        for above, below in pairwise(sorted(lines, key=lambda ln: (ln.block, -ln.base)))
        if above.block == below.block and abs(above.x0 - below.x0) < 2
    ]
    left = [ln.base for ln in lines if ln.x1 < page.width / 2]
    right = [ln.base for ln in lines if ln.x0 > page.width / 2]
    if not (steps and left and right):
        return None
    line = -statistics.fmean(steps)  # (baselines are read to a tenth of a point)

    def off(base: float, first: float) -> float:
        return abs((first - base + line / 2) % line - line / 2)

    return Across(
        sum(off(base, max(left)) <= 0.5 for base in right) / len(right),
        all(off(base, max(side)) <= 0.5 for side in (left, right) for base in side),
    )


def measure(pdf: bytes | Path, source: str) -> list[PageQuality]:
    """Measure every page of ``pdf`` (bytes or a path); ``source`` is the content's text."""
    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    results = []
    with pikepdf.open(io.BytesIO(data)) as content, pdfplumber.open(io.BytesIO(data)) as read:
        structure = _structure(content)
        rtl = str(content.Root.get("/Lang", "")).split("-")[0] in RTL_LANGUAGES
        for number, (page, drawn) in enumerate(zip(read.pages, content.pages, strict=True), 1):
            chars = _marked(page, drawn)
            order = structure.order.get(drawn.objgen[0], [])
            lines = _lines(chars, order, structure)
            # right to left, glyphs are drawn left to right and read a letter each: the page's
            # text as Chrome reads it (PDFium), in place of the text in structure order
            layer = _pdfium_text(data, number - 1) if rtl else _text_layer(chars, order)
            ink = _ink(page)
            text_edge, ink_edge = _edges(page, ink)
            hyphenated, runs, column_ends, short, broken = _breaks(_paragraphs(lines), source)
            spaces = [s for line in lines for s in line.spaces]
            body = [ln.size for ln in lines if ln.body]
            results.append(
                PageQuality(
                    number,
                    float(page.width),
                    float(page.height),
                    max(body, default=0.0),
                    tuple(lines),
                    tuple(ln for ln in lines if ln.spaces and max(ln.spaces) > LOOSE + 0.01),
                    max(spaces, default=0.0),
                    hyphenated,
                    runs,
                    column_ends,
                    short,
                    broken,
                    _ragged(lines, rtl),
                    _columns(lines, ink, float(page.height), rtl),
                    text_edge,
                    ink_edge,
                    footer_rule(page),
                    layer,
                    *(_reader_words(layer, source) if rtl else _words(layer, source)),
                    tuple(structure.roles),
                    _lone_items(lines, structure, rtl),
                    *kerning.unkerned(chars, rtl),
                )
            )
    return results
