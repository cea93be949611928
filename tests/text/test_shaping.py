"""Arabic, Hebrew and Chinese text, read back from the PDF: shaped glyphs, right-to-left lines
in display order, Chinese line breaks, and a text layer in reading order."""

from __future__ import annotations

import io
import itertools
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pypdfium2
import pytest
import yaml
from fontTools.ttLib import TTFont

from briefing import build, fonts
from briefing.content.runs import BREAK, Run, Runs
from briefing.fonts import FONT_DIR, Faces
from briefing.layout import Page, Placed
from briefing.pdf import writer as pdf
from briefing.text import kashida, measure, shaping
from briefing.text.spec import Align, TypeSpec
from briefing.text.textbox import typeset

from .. import readers
from ..conftest import ROOT, SAMPLE
from ..visual import DATA

WIDTH = 200.0  # points: the paragraphs' width
LEFT = 20.0  # points: where the paragraphs start on the page
# Closing punctuation that may be set half-width (clreq): at a line's end, where two meet, and in
# a line too long for its room; its glyph's box then reaches over its blank half
HALVED = frozenset("。，、：；）」』】》”")
PUA = range(0xE000, 0xF900)
PRESENTATION = range(0xFB00, 0xFF00)

ARABIC = (
    "يعمل مكتب الشؤون الدولية لمكافحة المخدرات وإنفاذ القانون (INL) على حماية الأمريكيين، "
    "وقد زادت الميزانية بنسبة 20% منذ عام 2018 كما يظهر على www.state.gov/inl اليوم."
)
HEBREW = (
    "הלשכה לענייני סמים ואכיפת חוק בינלאומיים (INL) מסייעת לפיליפינים לבנות מערכת משפט "
    "המגינה על זכויות האדם, והתקציב גדל ב־20% מאז 2018."
)
CHINESE = (
    "肯尼亚是美国在东非的战略伙伴，也是地区贸易、运输和金融中心。国际麻醉品和执法事务局"
    "（INL）帮助肯尼亚的警察、检察官、法院和监狱打击经其港口和边境贩运的毒品。"
    "“社区警务”、“刑事调查”和「武力使用」方面的培训，已经覆盖全国47个郡：成效显著！"
)


def _style(script: str, align: Align = "left", **extra: Any) -> TypeSpec:
    faces = fonts.register("Noto Sans", italic=False)
    script_faces = fonts.script_faces(script)
    return TypeSpec(
        faces,
        11.0,
        15.0,
        "#000000",
        align=align,
        direction="rtl" if script in ("Arab", "Hebr") else "ltr",
        script_faces=script_faces,
        cjk=script == "Hans",
        **extra,
    )


def _pdf(text: str | Runs, style: TypeSpec, tmp_path: Path, width: float = WIDTH) -> Path:
    """A tagged PDF of one paragraph (a string is one run), ``width`` points wide, at
    (LEFT, 20)."""
    box = typeset((Run(text),) if isinstance(text, str) else text, style, width)
    top = 20 + box.height
    page = Page(width + 2 * LEFT, top + 20, 1.0, 1.0, 11, style.faces.regular, [], [])
    page.items.append(Placed(box, LEFT, 20, width, box.height, "P", 1))
    meta = pdf.Metadata("Test", "Test", "Test", (), "en", "briefing test")
    path = tmp_path / "paragraph.pdf"
    path.write_bytes(pdf.render([page], meta))
    return path


def _to_unicode(font: Any) -> dict[int, str]:
    """A simple font's ToUnicode map, code by code."""
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    blocks = re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL)
    pairs = re.findall(r"<([0-9A-F]{2})> <([0-9A-F]+)>", "".join(blocks))
    return {int(code, 16): bytes.fromhex(text).decode("utf-16-be") for code, text in pairs}


def _draws(path: Path) -> Iterator[tuple[str | None, str, bytes]]:
    """What the page draws, in content order: (the ActualText of the span it is in or None,
    the font's BaseFont, the codes)."""
    with pikepdf.open(path) as document:
        page = document.pages[0]
        resources = page.Resources.Font
        font = ""
        actual: list[str | None] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            op = str(operator)
            if op in ("BDC", "BMC"):
                props = operands[1] if len(operands) > 1 else None
                text = props.get("/ActualText") if isinstance(props, pikepdf.Dictionary) else None
                actual.append(None if text is None else str(text))
            elif op == "EMC":
                actual.pop()
            elif op == "Tf":
                font = str(resources[operands[0]].BaseFont)
            elif op in ("Tj", "TJ"):
                parts = operands[0] if op == "TJ" else [operands[0]]
                codes = b"".join(bytes(p) for p in parts if isinstance(p, pikepdf.String))
                span = next((a for a in reversed(actual) if a is not None), None)
                yield span, font, codes


def _reads(path: Path, text: str) -> None:
    """PDFium (Chrome's reader) returns every word of ``text`` whole, and pypdf every letter
    in order, the spaces aside (where a run of one direction meets one of the other, it
    reads the space on the wrong side). Neither reorders a run of figures and spaces (a
    telephone number) inside right-to-left text as the bidirectional algorithm does; the
    words in order are measured on whole sheets, by every reader, in tests/test_readers.py
    (docs/readers.md says what each reader does)."""
    wanted = readers.words(text)
    assert sorted(readers.words(readers.pdfium(path))) == sorted(wanted)
    assert "".join(readers.words(readers.pypdf(path))) == "".join(wanted)


def _text_layer(path: Path) -> str:
    """The page's text as pypdf reads it, its lines joined (each keeps the space it ends
    with), without the joiners and empty readings of ``shaping``."""
    return re.sub("[\u034f\u200b\u061c]", "", "".join(readers.pypdf(path).splitlines()))


def _lines(path: Path) -> list[list[dict[str, Any]]]:
    """The words of the page, a list for each line, top down."""
    with pdfplumber.open(path) as document:
        words = readers.page_words(document.pages[0], use_text_flow=False)
    return [sorted(row, key=lambda w: w["x0"]) for row in _rows(words)]


def _rows(boxes: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Words or characters grouped into lines, top down (by their middles: the faces of
    different scripts have boxes of different heights)."""
    rows: list[list[dict[str, Any]]] = []
    for box in sorted(boxes, key=lambda b: b["top"] + b["bottom"]):
        middle = (box["top"] + box["bottom"]) / 2
        if rows and middle - (rows[-1][0]["top"] + rows[-1][0]["bottom"]) / 2 < 5:
            rows[-1].append(box)
        else:
            rows.append([box])
    return rows


def _glyph_outlines(path: Path, face: str, first: bool = True) -> list[tuple[Any, ...]]:
    """The outlines of the glyphs that draw ink in the first text drawn in the face named
    ``face`` (or in all of it, in content order), left to right, each as its coordinates
    (from the embedded font)."""
    draws = [(font, codes) for _, font, codes in _draws(path) if font.endswith(face)]
    assert draws, f"nothing drawn in {face}"
    out = []
    with pikepdf.open(path) as document:
        fonts_ = {str(f.BaseFont): f for f in document.pages[0].Resources.Font.values()}
        for font_name, codes in draws[:1] if first else draws:
            data = fonts_[font_name].FontDescriptor.FontFile2.read_bytes()
            embedded = TTFont(io.BytesIO(data))
            cmap = next(iter(embedded["cmap"].tables)).cmap
            glyf = embedded["glyf"]
            out += [_outline(glyf, cmap[c]) for c in codes if glyf[cmap[c]].numberOfContours]
    return out


def _outline(glyf: Any, name: str) -> tuple[Any, ...]:
    glyph = glyf[name]
    if glyph.isComposite():
        return tuple((c.glyphName, c.x, c.y) for c in glyph.components)
    coordinates = glyph.getCoordinates(glyf)[0] if glyph.numberOfContours else []
    return tuple(tuple(point) for point in coordinates)


def _isolated_outlines(faces: Faces, letters: str) -> list[tuple[Any, ...]]:
    """The outlines of ``letters`` drawn unshaped: each letter's own (isolated) glyph."""
    font = TTFont(FONT_DIR / f"{faces.regular}.ttf")
    cmap = font.getBestCmap()
    return [_outline(font["glyf"], cmap[ord(char)]) for char in letters]


def test_arabic_letters_are_drawn_in_their_joining_forms_and_lam_alef_as_one(
    tmp_path: Path,
) -> None:
    style = _style("Arab")
    assert style.script_faces is not None
    path = _pdf("سلام", style, tmp_path)
    drawn = _glyph_outlines(path, style.script_faces.regular)
    isolated = _isolated_outlines(style.script_faces, "سلام")
    # Seen left to right: meem (isolated: alef does not join on), lam-alef, seen (initial).
    assert drawn[-1] != isolated[0], "the seen is drawn isolated, not initial"
    assert drawn[0] == isolated[3], "the meem after an alef is drawn joined"
    lam_alef = _isolated_outlines(style.script_faces, "لا")
    assert not set(drawn) & set(lam_alef), "lam and alef are drawn as their isolated letters"
    assert len(drawn) <= 4
    assert len(drawn) == 3  # the lam-alef is one glyph
    with pdfplumber.open(path) as document:
        chars = [c for c in document.pages[0].chars if c["text"] in "لا" and c["text"] != ""]
    # It reads as its two letters: it as one, and an empty glyph with no advance after it.
    widths = sorted(round(c["width"], 2) for c in chars[:2])
    assert widths[0] == 0 < widths[1], widths
    _reads(path, "سلام")


def test_a_latin_paragraph_draws_no_shaped_glyphs(tmp_path: Path) -> None:
    style = _style("Arab")._replace(script_faces=None, direction="ltr")
    path = _pdf("Plain words, set as before.", style, tmp_path)
    assert [span for span, _, _ in _draws(path) if span is not None] == []
    assert _text_layer(path) == "Plain words, set as before."


@pytest.mark.parametrize(
    ("script", "text"), [("Arab", ARABIC), ("Hebr", HEBREW)], ids=["arabic", "hebrew"]
)
def test_right_to_left_lines_sit_flush_right(script: str, text: str, tmp_path: Path) -> None:
    path = _pdf(text, _style(script), tmp_path)
    lines = _lines(path)
    assert len(lines) >= 3
    right = LEFT + WIDTH
    assert [round(line[-1]["x1"], 1) for line in lines] == [right] * len(lines)
    assert all(line[0]["x0"] > LEFT + 1 for line in lines[-1:])


@pytest.mark.parametrize(
    ("script", "text"), [("Arab", ARABIC), ("Hebr", HEBREW)], ids=["arabic", "hebrew"]
)
def test_justified_right_to_left_lines_fill_the_line_and_the_last_sits_right(
    script: str, text: str, tmp_path: Path
) -> None:
    path = _pdf(text, _style(script, "justify"), tmp_path)
    lines = _lines(path)
    right = LEFT + WIDTH
    assert all(abs(line[-1]["x1"] - right) < 0.2 for line in lines)
    assert all(abs(line[0]["x0"] - LEFT) < 0.2 for line in lines[:-1])
    assert lines[-1][0]["x0"] > LEFT + 5


@pytest.mark.parametrize(
    ("script", "text"), [("Arab", ARABIC), ("Hebr", HEBREW)], ids=["arabic", "hebrew"]
)
def test_the_text_layer_reads_in_reading_order(script: str, text: str, tmp_path: Path) -> None:
    path = _pdf(text, _style(script, "justify"), tmp_path)
    _reads(path, text)


def test_to_unicode_maps_no_code_to_a_private_or_presentation_form(tmp_path: Path) -> None:
    path = _pdf(ARABIC + " لا " + HEBREW, _style("Arab"), tmp_path)
    with pikepdf.open(path) as document:
        maps = [_to_unicode(f) for f in document.pages[0].Resources.Font.values()]
    mapped = "".join(text for cmap in maps for text in cmap.values())
    assert "ل" in mapped and "ש" in mapped
    assert [c for c in mapped if ord(c) in PUA or ord(c) in PRESENTATION] == []


def test_latin_words_figures_and_brackets_sit_in_order_inside_arabic(tmp_path: Path) -> None:
    text = "بنسبة (INL) 20% عام 2018 فقط"
    path = _pdf(text, _style("Arab"), tmp_path, width=300)
    (line,) = _lines(path)
    shown = [readers.typed(w["text"]) for w in line]
    # Right to left: "(INL)", then "20%", then "2018"; each reads left to right inside (its
    # brackets drawn mirrored read as typed: a page read left to right shows ")INL(").
    assert shown.index("2018") < shown.index("20%") < shown.index(")INL("), shown
    _reads(path, text)


@pytest.mark.parametrize("inside", ["نعم", "INL"])
def test_brackets_in_right_to_left_text_are_drawn_mirrored_and_read_as_typed(
    tmp_path: Path, inside: str
) -> None:
    text = f"قال ({inside}) اليوم"
    style = _style("Arab")
    path = _pdf(text, style, tmp_path)
    # The opening bracket of reading order sits on the right, drawn facing left, as ")": the
    # page shows "(" left, ")" right. Drawn in reading order: the opening one first (in the
    # Latin face: the Arabic one has no brackets).
    regular = TTFont(FONT_DIR / f"{style.faces.regular}.ttf")
    cmap = regular.getBestCmap()
    opening, closing = (_outline(regular["glyf"], cmap[ord(c)]) for c in "()")
    drawn = _glyph_outlines(path, style.faces.regular, first=False)
    assert [o for o in drawn if o in (opening, closing)] == [closing, opening]
    # Read as typed by PDFium (which mirrors a bracket it reads right to left again) and
    # pypdf (which does not), and found by Chrome's find (pdf.js: tests/test_readers.py).
    phrase = f"({inside})"
    assert phrase in readers.typed(readers.pypdf(path)), readers.pypdf(path)
    assert phrase in readers.typed(readers.pdfium(path)), readers.pdfium(path)
    assert readers.chrome_finds(readers.pdfium(path), text)


def test_arabic_figures_stay_in_the_arabic_face_and_latin_in_the_latin(tmp_path: Path) -> None:
    path = _pdf("عام ٢٠١٨، بنسبة 20%", _style("Arab"), tmp_path)
    with pdfplumber.open(path) as document:
        chars = document.pages[0].chars
    # a number in Arabic digits reads whole from its first glyph, with the comma after it, and
    # one in Latin digits reads its percent sign from its last (line._number_signs)
    face = {c["text"][:1]: c["fontname"].split("+")[1] for c in chars}
    assert face["٢"].startswith("NotoSansArabic")
    assert any(c["text"] == "٢٠١٨،" for c in chars), [c["text"] for c in chars]
    assert face["2"].startswith("NotoSans-")
    last = next(c for c in chars if c["text"] == "0%")
    assert last["fontname"].split("+")[1].startswith("NotoSans-")


def _chinese_lines(path: Path) -> list[str]:
    with pdfplumber.open(path) as document:
        chars = [c for c in document.pages[0].chars if c["text"].strip()]
    return ["".join(c["text"] for c in sorted(row, key=lambda c: c["x0"])) for row in _rows(chars)]


@pytest.mark.parametrize("width", [96.0, 120.0, 151.0, 187.0])
def test_chinese_breaks_between_characters_but_never_against_kinsoku(
    width: float, tmp_path: Path
) -> None:
    path = _pdf(CHINESE, _style("Hans", "justify"), tmp_path, width=width)
    lines = _chinese_lines(path)
    assert len(lines) > 4
    assert [ln for ln in lines if ln[0] in "。，、．：；！？）」』】”"] == []
    assert [ln for ln in lines if ln[-1] in "（「『【“"] == []
    assert "".join(lines) == CHINESE  # every character drawn, Latin words whole
    ends = _line_ends(path)
    assert len(ends) == len(lines)
    # Justified on a grid: each line but the last ends (its last glyph's advance, a closing
    # mark's blank half included where the line has room for it) after a whole number of
    # characters, as many as fit.
    grid = LEFT + width // 11 * 11
    drawn = [
        end - 5.5 if line[-1] in HALVED and round(end - grid, 1) == 5.5 else end  # half-width
        for line, end in zip(lines, ends, strict=True)
    ]
    assert [round(end, 1) for end in drawn[:-1]] == [grid] * (len(lines) - 1)
    assert ends[-1] <= grid + 0.05


MIXED = (
    "肯尼亚是美国在东非的战略伙伴也是地区贸易运输和金融中心国际麻醉品和执法事务局INL帮助肯尼亚的"
    "警察检察官法院和监狱打击经其港口和边境贩运的毒品自2010年以来培训已经覆盖全国47个郡成效显著"
    "Kenya的改革仍在继续并得到各方支持。"
)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_figure_ending_a_chinese_line_is_never_drawn_over_the_character_before_it(
    paper: str, tmp_path: Path
) -> None:
    """A line of a Laos sheet ended "超过1": its figure took room from the break before it
    and was drawn over "过", so the page read "超过亿粒"."""
    tree = yaml.safe_load((DATA / "zh-laos.yaml").read_text(encoding="utf-8"))
    out = tmp_path / "sheet.pdf"
    build({**tree, "paper": paper}, out)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(out))]
    overlaps = [  # (a closing mark set half-width reaches over its blank half, no further)
        (a["text"], b["text"])
        for row in rows
        for a, b in itertools.pairwise(row)
        if a["text"].strip()
        and b["text"].strip()
        and b["x0"] < a["x1"] - 0.5 - (a["x1"] - a["x0"]) / 2 * (a["text"] in HALVED)
    ]
    assert overlaps == []
    assert "超过1亿粒" in re.sub(r"\s", "", _text_layer(out))


LAOS_LEAD = (
    "美国与老挝合作，打击金三角地区的毒品生产和贩运，减少非法种植，并帮助边境地区的农民发展合法生计。"
    "项目覆盖北部八个省份，为村民提供种子、技术和市场信息，已有数千户家庭受益。"
)


@pytest.mark.parametrize("width", [109.0, 130.0, 186.0, 207.0, 347.0])
def test_a_ragged_chinese_line_keeps_its_characters_on_the_grid(
    width: float, tmp_path: Path
) -> None:
    """A Laos sheet's lead, set ragged, squeezed the blank halves of its commas to fit one
    more character on its first line ('，' and '打' less than an em apart, every character
    after it off the grid); a ragged line breaks before instead, as its spaces never shrink."""
    path = _pdf(LAOS_LEAD, _style("Hans"), tmp_path, width=width)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    assert len(rows) > 2
    assert "".join(c["text"] for row in rows for c in row) == LAOS_LEAD
    em = rows[0][0]["size"]
    ems = [(c["x0"] - row[0]["x0"]) / em for row in rows for c in row]
    assert [round(x, 3) for x in ems] == [round(x) for x in ems]
    # within the line, but for the blank half of a comma or full stop ending it
    ends = [row[-1]["x1"] - em / 2 * (row[-1]["text"] in "，。、") for row in rows]
    assert max(ends) <= LEFT + width + 0.05


PUNCTUATED = (
    "甲基苯丙胺和晶体冰毒的缉获量屡创新高。2019年，老挝执法部门缉获甲基苯丙胺片剂超过1,700万粒，"
    "INL支持的社区戒毒项目已覆盖八个省份。累计为五千多名吸毒者提供自愿治疗服务，USAID也参与其中。"
)


@pytest.mark.parametrize("width", [107.0, 120.0, 151.0, 187.0])
def test_a_figure_after_full_width_punctuation_takes_no_room_beside_it(
    width: float, tmp_path: Path
) -> None:
    """A figure kept on the grid took half of what it lacks of a whole em before it, after a
    full stop whose blank half is room enough ("新高。 2019 年"; clreq: no space between
    full-width punctuation and Western text); it now takes it all after it."""
    path = _pdf(PUNCTUATED, _style("Hans", "justify"), tmp_path, width=width)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    assert "".join(c["text"] for row in rows for c in row) == PUNCTUATED
    found = []
    for row in rows:
        pairs = list(itertools.pairwise(row))
        han = [b["x0"] - a["x0"] for a, b in pairs if "\u4e00" <= a["text"] <= "\u9fff"]
        widest = max([11.0, *[pitch for pitch in han if pitch < 2 * 11]])
        for a, b in pairs:  # the stop's own cell, and what the line gives ideographs
            if a["text"] in "。，" and b["text"].isascii():
                found.append(round(b["x0"] - a["x0"] - widest, 2))
    assert found and max(found) <= 0.05, found


@pytest.mark.parametrize("width", [107.0, 120.0, 151.0, 187.0])
def test_latin_words_and_figures_in_chinese_keep_its_ideographs_on_the_grid(
    width: float, tmp_path: Path
) -> None:
    """A Latin word or figure is a fraction of an em wide: the breaks either side of it take
    what it lacks of whole ems (clreq's spacing between scripts), up to half an em each (as
    JLREQ lets that space grow), so that the ideographs of most of its lines stay a whole
    number of characters from the line's start; a line whose runs would need more is spread
    as before. Every full line ends at a whole number of characters."""
    path = _pdf(MIXED, _style("Hans", "justify"), tmp_path, width=width)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    assert "".join(c["text"] for row in rows for c in row) == MIXED
    mixed = [row for row in rows if any(c["text"].isascii() for c in row)]
    assert len(mixed) >= 3
    on_grid = [
        row
        for row in mixed
        if all(
            abs((c["x0"] - LEFT) / 11 - round((c["x0"] - LEFT) / 11)) < 0.01
            for c in row
            if "\u4e00" <= c["text"] <= "\u9fff"
        )
    ]
    assert len(on_grid) >= len(mixed) / 2
    between = [  # the room between a Latin run and an ideograph: half an em at most
        b["x0"] - a["x1"]
        for row in mixed
        for a, b in itertools.pairwise(row)
        if a["text"].isascii() != b["text"].isascii()
    ]
    assert min(between) >= 0 and max(between) <= 5.5 + 0.05
    full = LEFT + width // 11 * 11
    assert [round(row[-1]["x1"], 1) for row in rows[:-1]] == [full] * (len(rows) - 1)


def test_two_full_width_marks_that_meet_take_a_character_and_a_half(tmp_path: Path) -> None:
    path = _pdf("一二三。」四五，「六七」八", _style("Hans"), tmp_path, width=300)
    x = {c["text"]: c["x0"] for c in _chars(path)}
    assert x["四"] - x["三"] == pytest.approx(11 * 2.5, abs=0.05)  # 三 。」 四
    assert x["六"] - x["五"] == pytest.approx(11 * 2.5, abs=0.05)  # 五 ，「 六
    assert x["八"] - x["七"] == pytest.approx(11 * 2, abs=0.05)  # 七 」 八: a whole cell


def test_latin_words_inside_chinese_are_kerned(tmp_path: Path) -> None:
    path = _pdf("合作To VAT年", _style("Hans", "justify"), tmp_path, width=300)
    chars = {c["text"]: c for c in _chars(path)}
    assert chars["o"]["x0"] < chars["T"]["x1"] - 0.3  # "To" kerned, as HarfBuzz sets it
    assert chars["A"]["x0"] < chars["V"]["x1"] - 0.3


def _line_ends(path: Path) -> list[float]:
    """Where each line's last glyph advances to, top down, as PDFium places it (pdfminer
    leaves out the letter spacing after the last glyph of each string)."""
    document = pypdfium2.PdfDocument(path)
    text = document[0].get_textpage()
    boxes = []
    for index in range(text.count_chars()):
        if text.get_text_range(index, 1).strip():
            _, bottom, right, top = text.get_charbox(index, loose=True)
            boxes.append({"top": -top, "bottom": -bottom, "x1": right})
    ends = [max(box["x1"] for box in row) for row in _rows(boxes)]
    document.close()
    return ends


def test_chinese_text_layer_has_no_spaces_between_characters(tmp_path: Path) -> None:
    path = _pdf(CHINESE, _style("Hans", "justify"), tmp_path, width=120)
    layer = _text_layer(path)
    assert layer.strip() == CHINESE
    assert " " not in layer.strip()


def test_chinese_is_not_hyphenated_and_latin_words_inside_stay_whole(tmp_path: Path) -> None:
    text = "国际麻醉品和执法事务局与international partners合作，共同打击贩运。" * 3
    path = _pdf(text, _style("Hans", "justify"), tmp_path, width=110)
    lines = _chinese_lines(path)  # without spaces
    assert "".join(lines) == text.replace(" ", "")
    assert not any(ln.endswith("-") for ln in lines)
    words = "".join(f"{ln}\n" for ln in lines)
    assert words.count("international") == 3 and words.count("partners") == 3


def _imports_after_building(source: Path, tmp_path: Path, cache: Path) -> bool:
    """Whether building ``source`` in a fresh process, with the cache folder ``cache``, imported
    uharfbuzz."""
    code = (
        "import sys\n"
        "from briefing.pipeline import build\n"
        f"build({str(source)!r}, {str(tmp_path / 'out.pdf')!r})\n"
        "print('uharfbuzz' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1] == "True"


def test_every_sheet_is_shaped_and_words_shaped_before_are_kept(tmp_path: Path) -> None:
    """Latin text is shaped (kerned) too; the next process that builds the same words takes
    their glyphs from the cache, without HarfBuzz, and draws the same bytes."""
    cache = tmp_path / "cache"
    assert _imports_after_building(SAMPLE, tmp_path, cache)
    first = (tmp_path / "out.pdf").read_bytes()
    assert not _imports_after_building(SAMPLE, tmp_path, cache)
    assert (tmp_path / "out.pdf").read_bytes() == first


def test_presentation_forms_and_private_codes_are_named_only_by_their_letters() -> None:
    from briefing.text import shaping

    assert shaping.source("NoSuchFace", 0xFEFB) == "لا"
    assert shaping.source("NoSuchFace", ord("a")) == "a"
    assert unicodedata.name(shaping.source("NoSuchFace", 0xFE91)) == "ARABIC LETTER BEH"


def test_a_web_address_broken_over_arabic_lines_reads_left_to_right_on_each(
    tmp_path: Path,
) -> None:
    address = "https://www.state.gov/bureau-of-international-narcotics-and-law-enforcement-affairs"
    text = f"يظهر البرنامج على {address} اليوم وغدا."
    path = _pdf(text, _style("Arab", "justify"), tmp_path, width=120)
    latin = [w["text"] for line in _lines(path) for w in line if w["text"].isascii()]
    assert len(latin) > 3  # broken over several lines
    assert "".join(latin) == address  # each piece in order, its "/" and "-" at its right
    _reads(path, text)


def test_a_long_latin_word_hyphenated_in_an_arabic_line_keeps_its_hyphen_after_it(
    tmp_path: Path,
) -> None:
    """A Latin word too long for the line, in an Arabic paragraph, is broken with its hyphen
    drawn right after its first part, left to right as the word runs."""
    # Before, the hyphen, a run of its own, was shaped without its word: the empty text
    # crashed the build (HarfBuzz gives an empty buffer no positions).
    word = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
    text = f"و {word} و"
    path = _pdf(text, _style("Arab", "justify"), tmp_path)
    latin = [w["text"] for line in _lines(path) for w in line if w["text"][0].isascii()]
    # the hyphen read as a soft hyphen and a space (pdf.js skips a soft hyphen alone)
    assert len(latin) > 1 and all(part.endswith("\u00ad ") for part in latin[:-1])
    assert "".join(part.removesuffix("\u00ad ") for part in latin) == word


def test_hebrew_and_arabic_words_in_a_latin_paragraph_are_drawn_in_their_faces_and_order(
    tmp_path: Path,
) -> None:
    style = _style("Arab")._replace(script_faces=None, direction="ltr")
    text = "The office works with בית משפט and with محكمة in 2018."
    path = _pdf(text, style, tmp_path, width=400)
    (line,) = _lines(path)
    shown = [w["text"] for w in line]
    # Left to right as a whole; the Hebrew words right to left among themselves.
    assert shown.index("with") < shown.index("טפשמ") < shown.index("תיב") < shown.index("and")
    with pdfplumber.open(path) as document:
        faces = {c["fontname"].split("+")[1] for c in document.pages[0].chars}
    assert faces == {"NotoSans-Regular", "NotoSansHebrew-Regular", "NotoSansArabic-Regular"}
    _reads(path, text)


def _chars(path: Path) -> list[dict[str, Any]]:
    """The characters drawn on the page, but spaces."""
    with pdfplumber.open(path) as document:
        return [c for c in document.pages[0].chars if readers.printed(c["text"]).strip()]


LONG_WORDS = {
    "Hebr": "טקסט קצר " * 6 + "והמסמכיםוהמשרדיםוהאוניברסיטאותוהספריותוהמוזיאונים סוף הפסקה.",
    "Arab": "نص قصير " * 6 + "والمستشفياتوالمؤسساتوالجامعاتوالمدارسوالمكتباتوالمتاحف انتهت الجملة.",
    "Hans": "占比20%，更多信息见https://www.state.gov/bureau-of-international-narcotics/kenya。",
}


@pytest.mark.parametrize("script", LONG_WORDS)
@pytest.mark.parametrize("width", [40.0, 120.0, 151.0, 187.0])
def test_a_word_wider_than_the_column_breaks_inside_and_keeps_the_body_size(
    script: str, width: float, tmp_path: Path
) -> None:
    text = LONG_WORDS[script]
    path = _pdf(text, _style(script, "justify"), tmp_path, width=width)
    chars = _chars(path)
    assert {round(c["size"], 2) for c in chars} == {11.0}  # never shrunk
    assert max(c["x1"] for c in chars) <= LEFT + width + 0.5
    assert min(c["x0"] for c in chars) >= LEFT - 0.5
    assert "-" not in "".join(c["text"] for c in chars) or script == "Hans"  # no hyphen
    # nothing added but a soft hyphen read where a right-to-left word breaks (readers join it)
    read = _text_layer(path).replace(" ", "")
    assert read.replace("\u00ad", "") == text.replace(" ", "")
    assert ("\u00ad" in read) == (script != "Hans"), read


def test_an_arabic_word_too_long_for_the_line_breaks_after_a_letter_that_does_not_join(
    tmp_path: Path,
) -> None:
    path = _pdf(LONG_WORDS["Arab"], _style("Arab", "justify"), tmp_path, width=151)
    word = max(LONG_WORDS["Arab"].split(), key=len)
    lines = [re.sub("[\u200b\u00ad]", "", line) for line in readers.pdfium(path).splitlines()]
    ends = {line.split()[-1] for line in lines if line.split()}
    (first,) = (end for end in ends if word.startswith(end) and end != word)  # broken once
    assert first[-1] in "اأإآدذرزوؤ"


def test_an_address_after_chinese_punctuation_breaks_where_an_address_may(tmp_path: Path) -> None:
    path = _pdf(LONG_WORDS["Hans"], _style("Hans", "justify"), tmp_path, width=151)
    lines = [
        "".join(c["text"] for c in sorted(row, key=lambda c: c["x0"]))
        for row in _rows(_chars(path))
    ]
    assert len(lines) >= 3
    # inside the address: after a slash, or before a dot or hyphen (which then starts the
    # line: never added)
    inside = [(a, b) for a, b in itertools.pairwise(lines) if a[-1].isascii() and b[0].isascii()]
    assert len(inside) >= 2
    assert all(a.endswith("/") or b.startswith((".", "-")) for a, b in inside), lines
    assert {round(c["size"], 2) for c in _chars(path)} == {11.0}  # never shrunk


ADDRESSED = (
    "包含资金数据的完整国别概况发布于https://www.state.gov/bureau-of-international-narcotics-and-"
    "law-enforcement-affairs-work-by-country/kenya-summary。"
)


@pytest.mark.parametrize("width", [187.0, 200.0, 242.0, 255.0, 300.0])
def test_a_chinese_line_before_an_address_keeps_its_characters_on_the_grid(
    width: float, tmp_path: Path
) -> None:
    """Sixteen characters and then an address that breaks only far into it: the line before
    it, or before its first break, had its characters spaced apart to fill it (a Kenya sheet's
    12.6 pt apart at 10.6 pt); they now stand a whole number of ems from its start, the
    address half an em after them at most, and the line ends short rather than spaced out."""
    path = _pdf(ADDRESSED, _style("Hans", "justify"), tmp_path, width=width)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    assert "".join(c["text"] for row in rows for c in row) == ADDRESSED
    first = rows[0]
    han = [c for c in first if "\u4e00" <= c["text"] <= "\u9fff"]
    assert [round(c["x0"] - LEFT, 2) for c in han] == [11.0 * k for k in range(16)]
    latin = first[len(han) :]
    if latin:  # the address starts on the line, a fraction of an em after the characters
        assert 0 <= latin[0]["x0"] - han[-1]["x1"] <= 5.5 + 0.05
    assert first[-1]["x1"] <= LEFT + width + 0.5  # (a letter's kerning with the next line's)
    # the address breaks inside itself, at its marks: after a slash, before a dot or hyphen
    assert all(
        row[-1]["text"] == "/" or after[0]["text"] in ".-"
        for row, after in itertools.pairwise(rows[1:])
    )


KERNED_AT_BREAK = (
    "The full country summary, with funding figures, is published at https://www.state.gov/"
    "bureau-of-international-narcotics-and-law-enforcement-affairs-work-by-country/kenya-summary"
)


@pytest.mark.parametrize("width", [189.0, 192.0, 195.0])
def test_a_line_broken_inside_a_shaped_word_keeps_no_kerning_with_the_next_line(
    width: float, tmp_path: Path
) -> None:
    """The address breaks after "www", before ".", a pair Noto Sans kerns by 0.04 em: the
    line's last "w" drew 0.43 pt past the column, its advance kerned against the dot that
    starts the next line. A line's last glyph is drawn at its own advance."""
    style = _style("Latn", "justify", hyphenation="en_US")
    assert (
        shaping.glyphs("w.", style.faces.regular).advances[0]
        < shaping.glyphs("w", style.faces.regular).advances[0]
    )  # (the pair is kerned)
    path = _pdf(KERNED_AT_BREAK, style, tmp_path, width=width)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    broken = [
        row for row, after in itertools.pairwise(rows) if row[-1]["text"] + after[0]["text"] == "w."
    ]
    assert len(broken) == 1
    assert abs(broken[0][-1]["x1"] - (LEFT + width)) < 0.01  # at the edge, no further
    read = _text_layer(path).replace(" ", "").replace("\u00ad", "")  # (hyphens added)
    assert read == KERNED_AT_BREAK.replace(" ", "")


@pytest.mark.parametrize(
    "run",
    [
        "国际麻醉品和执法事务局帮助肯尼亚的警察检察官法院和监狱打击经其港口和边境贩运的毒品武器",
        "והמסמכיםוהמשרדיםוהאוניברסיטאותוהספריות",
    ],
)
def test_a_long_chinese_or_hebrew_run_in_a_latin_sheet_breaks_without_a_missing_glyph(
    run: str, tmp_path: Path
) -> None:
    import page

    style = _style("Latn", "justify", hyphenation="en_US")
    text = f"The name is {run} and it goes on in English after the long run."
    path = _pdf(text, style, tmp_path, width=151)
    chars = _chars(path)
    assert max(c["x1"] for c in chars) <= LEFT + 151 + 0.5
    assert _text_layer(path).replace(" ", "") == text.replace(" ", "")
    for profile in ("ua1", "2a"):
        assert not page.validate_pdf(path, profile=profile).failures


def _x_of(path: Path) -> dict[str, float]:
    """Where each word drawn starts (its left), by its text."""
    return {w["text"]: w["x0"] for line in _lines(path) for w in line}


def test_a_wrapped_line_of_figures_in_arabic_reads_right_to_left(tmp_path: Path) -> None:
    years = "، ".join(str(year) for year in range(2001, 2026))
    text = f"السنوات: {years} انتهت."
    path = _pdf(text, _style("Arab", "justify"), tmp_path, width=200)
    lines = _lines(path)
    assert len(lines) >= 3
    for line in lines[1:-1]:  # lines of figures only: the first year on the right
        numbers = [int(w["text"].strip("،,")) for w in line if w["text"].strip("،,").isdigit()]
        assert len(numbers) > 2 and numbers == sorted(numbers, reverse=True), numbers
    _reads(path, text)


@pytest.mark.parametrize(
    ("script", "text", "kept"),
    [
        (
            "Hebr",
            "התקשרו למספר +972 2 630 4000 או בקרו בכתובת https://il.usembassy.gov/ לפרטים.",
            ["+972", "2", "630", "4000"],
        ),
        (
            "Arab",
            "اتصل على +227 20 72 26 61 للمزيد من المعلومات.",
            ["+227", "20", "72", "26", "61"],
        ),
        ("Arab", "بلغت الميزانية $3.5 million في العام الماضي.", ["$3.5", "million"]),
        ("Arab", "اقرأ التقرير على state.gov/inl-niger/ اليوم.", ["state.gov/inl-niger/"]),
    ],
)
def test_numbers_and_amounts_in_right_to_left_text_keep_their_order(
    script: str, text: str, kept: list[str], tmp_path: Path
) -> None:
    path = _pdf(text, _style(script), tmp_path, width=500)
    (line,) = _lines(path)
    shown = [w["text"] for w in line]
    assert "".join(kept) in "".join(shown), shown  # left to right, in the order typed
    address = [w for w in shown if "usembassy" in w]
    assert address in ([], ["https://il.usembassy.gov/"])
    _reads(path, text)


def test_a_range_of_years_alone_runs_right_to_left_in_a_right_to_left_paragraph(
    tmp_path: Path,
) -> None:
    path = _pdf("2018–2020", _style("Arab", "right", bold=True), tmp_path)
    (line,) = _lines(path)
    assert "".join(w["text"] for w in line) == "2020–2018"  # read from the right: 2018 first
    assert _text_layer(path).strip() == "2018–2020"


POINTED = "وقال الْمُدِيرُ إِنَّ الْبَرْنَامَجَ نَاجِحٌ جداً وأُنشئ مكتب ممـــــتدة هنا."


def _letters(text: str) -> list[str]:
    """The characters of ``text`` but spaces and zero-width spaces, sorted."""
    return sorted(c for c in readers.printed(text) if not c.isspace() and c != "\u200b")


def test_the_to_unicode_map_gives_each_letter_once_and_kashidas_nothing(tmp_path: Path) -> None:
    import page
    import pypdf

    words = POINTED + " نص " * 30  # long enough that justified lines get kashidas
    path = _pdf(words, _style("Arab", "justify"), tmp_path, width=150)
    assert sum(k for _, k in _words_drawn(path)) > 0
    # a kashida is read as nothing at all: a zero-width space inside a word ends a search
    assert not re.search(r"\w\u200b+\w", readers.pdfium(path) + readers.pypdf(path))
    drawn = [code for _, font, codes in _draws(path) if "Arabic" in font for code in codes]
    with pdfplumber.open(path) as document:
        chars = "".join(c["text"] for c in document.pages[0].chars)
    assert _letters(chars) == _letters(words)  # no letter twice, no kashida added
    assert len(drawn) > len(_letters(words))  # some letters are drawn in several glyphs
    assert _letters(pypdf.PdfReader(path).pages[0].extract_text()) == _letters(words)
    assert _text_layer(path).split() == words.split()  # the typed tatweels are read
    for profile in ("ua1", "2a"):
        assert not page.validate_pdf(path, profile=profile).failures


def test_right_to_left_text_carries_no_actual_text_and_each_glyph_reads_one_letter(
    tmp_path: Path,
) -> None:
    # PDFium takes an /ActualText in place of the glyphs and turns it around as it turns
    # glyphs drawn left to right: right-to-left text is read from its glyphs alone.
    path = _pdf(POINTED, _style("Arab", "justify"), tmp_path, width=150)
    assert all(span is None for span, _, _ in _draws(path))
    with pikepdf.open(path) as document:
        for font in document.pages[0].Resources.Font.values():
            if "Arabic" in str(font.BaseFont):
                # (a space at a run's end reads with a mark, after a glyph that reads as the
                # mark alone: docs/readers.md)
                read = [readers.printed(t) for t in _to_unicode(font).values()]
                assert all(len(r) == 1 for r in read if r)
    _reads(path, POINTED)


CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_bidirectional_controls_steer_the_order_and_are_never_drawn(tmp_path: Path) -> None:
    import page

    text = "نص\u061c قبل \u202eabc\u202c و \u2066INL (TSCTP)\u2069 و\u200f 2020\u200e بعد."
    path = _pdf(text, _style("Arab"), tmp_path, width=400)
    drawn = "".join(c["text"] for c in _chars(path))
    assert not set(drawn) & set(CONTROLS)
    (line,) = _lines(path)
    assert "cba" in [w["text"] for w in line]  # overridden right to left
    # and so read, as drawn: the readers know nothing of the override
    _reads(path, "".join(c for c in text if c not in CONTROLS).replace("abc", "cba"))
    for profile in ("ua1", "2a"):
        assert not page.validate_pdf(path, profile=profile).failures


@pytest.mark.parametrize("script", ["Hebr", "Arab"])
def test_a_line_before_a_word_too_long_for_it_is_set_ragged_rather_than_gaping(
    script: str, tmp_path: Path
) -> None:
    path = _pdf(LONG_WORDS[script], _style(script, "justify"), tmp_path, width=151)
    with pikepdf.open(path) as document:
        operations = pikepdf.parse_content_stream(document.pages[0])
        spacing = [float(operands[0]) for operands, op in operations if str(op) == "Tw"]
    assert spacing and max(spacing) <= 0.5 * 11


def _words_drawn(path: Path) -> list[tuple[int, int]]:
    """Each Arabic word drawn, as (its letters, its kashidas), from the page: words split at
    the spaces, each read through the ToUnicode map; its kashidas by how far its glyphs in the
    embedded font advance past those of the word shaped (the glyph before a kashida is as
    wide as both), in tatweels, each kashida's stroke drawn as an outline beside them. Each
    code's width in /Widths is its embedded glyph's advance (PDF/UA, PDF/A)."""
    faces = fonts.script_faces("Arab")
    assert faces is not None
    out = []
    with pikepdf.open(path) as document:
        font = next(
            f for f in document.pages[0].Resources.Font.values() if "Arabic" in str(f.BaseFont)
        )
        to_unicode = _to_unicode(font)
        widths = {int(font.FirstChar) + k: float(w) for k, w in enumerate(font.Widths)}
        embedded = TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))
        fills = _fills(document.pages[0])
    cmap = next(iter(embedded["cmap"].tables)).cmap
    scale = 1000 / embedded["head"].unitsPerEm
    advances = {code: embedded["hmtx"][name][0] * scale for code, name in cmap.items()}
    assert all(abs(widths[code] - advances[code]) < 0.5 for code in advances)
    tatweel = shaping.width(shaping.KASHIDA, faces.regular) * 1000
    face = TTFont(FONT_DIR / f"{faces.regular}.ttf")
    for _, name, codes in _draws(path):
        if "Arabic" not in name:
            continue
        for word in bytes(codes).split(b" "):
            read = "".join(to_unicode[code] for code in reversed(word)).replace("\u061c", "")
            if not read.strip():
                continue
            shaped = shaping.shape(read, faces.regular, True)
            own = sum(face["hmtx"][face.getGlyphName(g.gid)][0] for g in shaped) * scale
            past = sum(advances[code] for code in word) - own
            kashidas = round(past / tatweel)
            assert abs(past - kashidas * tatweel) < 1, read
            out.append((sum(unicodedata.category(c) == "Lo" for c in read), kashidas))
    (ink,) = _isolated_inks(faces, shaping.KASHIDA)  # the strokes among the outlines (marks)
    stroke = round(ink * 11 / 1000, 2)
    assert [round(width, 2) for width in fills].count(stroke) == sum(k for _, k in out)
    return out


def _fills(page: Any) -> list[float]:
    """How wide each filled path on ``page`` is, in points (the page is drawn unscaled)."""
    found = []
    xs: list[float] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        if op in ("m", "l", "c"):
            xs += [float(v) for v in operands[::2]]
        elif op in ("f", "f*"):
            found.append(max(xs) - min(xs))
        if op in ("f", "f*", "n", "S"):
            xs = []
    return found


def _isolated_inks(faces: Faces, letters: str) -> list[float]:
    """How wide the ink of each of ``letters`` is, unshaped, in thousandths of an em."""
    font = TTFont(FONT_DIR / f"{faces.regular}.ttf")
    glyf, cmap = font["glyf"], font.getBestCmap()
    scale = 1000 / font["head"].unitsPerEm
    out = []
    for char in letters:
        glyph = glyf[cmap[ord(char)]]
        glyph.recalcBounds(glyf)
        out.append((glyph.xMax - glyph.xMin) * scale)
    return out


@pytest.mark.parametrize("width", [150.0, 200.0])
def test_kashidas_lengthen_only_words_of_four_letters_or_more_by_two_tatweels_at_most(
    width: float, tmp_path: Path
) -> None:
    """Two tatweels a kashida at most; more, to twice as many, only in a paragraph that no
    breaks keep within the tolerance so (awkward: the page weighs another size)."""
    text = (
        "من المستشفيات والمؤسسات في الجامعات والمدارس مع المكتبات والمتاحف عن الحدائق "
        "والملاعب إلى المستوصفات والمختبرات على المسارح والمعارض في المحافظات "
    ) * 2
    style = _style("Arab", "justify")
    path = _pdf(text, style, tmp_path, width=width)
    words = _words_drawn(path)
    assert sum(k for _, k in words) > 0  # some lines are lengthened
    assert all(letters >= 4 for letters, k in words if k)
    awkward = typeset((Run(text),), style, width).setting.awkward
    assert max(k for _, k in words) <= (2 if awkward else 1) * kashida.LONGEST
    # and the spaces stay within 1.6 natural spaces (0.26 em at 11 pt)
    for line in _lines(path)[:-1]:
        gaps = [b["x0"] - a["x1"] for a, b in itertools.pairwise(line)]
        assert max(gaps, default=0.0) <= 1.6 * 0.26 * 11 + 0.1


def test_a_paragraph_that_needs_more_than_three_kashidas_of_one_tatweel_a_line_is_awkward(
    tmp_path: Path,
) -> None:
    """The breaker counts first on a kashida of one tatweel in three words of a line at most;
    a paragraph that no breaks keep within the tolerance so (a 200 pt column of long words)
    takes longer ones, and is awkward: the page weighs another size."""
    text = (
        "من المستشفيات والمؤسسات في الجامعات والمدارس مع المكتبات والمتاحف عن الحدائق "
        "والملاعب إلى المستوصفات والمختبرات على المسارح والمعارض في المحافظات "
    ) * 2
    style = _style("Arab", "justify")
    for width, awkward in ((300.0, False), (200.0, True)):
        assert typeset((Run(text),), style, width).setting.awkward is awkward
        words = _words_drawn(_pdf(text, style, tmp_path, width))
        assert (max(k for _, k in words) > 1) is awkward, width


def test_kashidas_go_in_few_words_apart_at_the_best_joins() -> None:
    """Two kashidas' worth, on a line of five long words: two words take one each, after a
    seen first, never two neighbours; three words at most, and kashidas longer, a tatweel
    each in turn, before more words take one; where no word is left to take one, longer still,
    for what the spaces' slack cannot take, to twice the longest."""
    faces = fonts.script_faces("Arab")
    assert faces is not None
    texts = ["المستشفيات", "والمؤسسات", "المكتبات", "والمدارس", "الحدائق"]
    line = [(i, i, word, faces.regular) for i, word in enumerate(texts)]
    step = shaping.width(shaping.KASHIDA, faces.regular) * 11
    out = kashida.lengthened(line, 2 * step, 11, 10 * step, 0.0)
    assert sorted(out) == [0, 4]  # after a sheen, and before a final qaf (apart)
    assert out[0][0] == "المستش\ufdd0فيات"
    assert all(text.count(shaping.STRETCH) == 1 for text, _ in out.values())
    out = kashida.lengthened(line, 5 * step, 11, 10 * step, 5 * step)
    assert sorted(out) == [0, 2, 4]
    assert sorted(text.count(shaping.STRETCH) for text, _ in out.values()) == [1, 2, 2]
    out = kashida.lengthened(line, 7 * step, 11, 20 * step, 0.0)  # then a neighbour too
    assert {i: text.count(shaping.STRETCH) for i, (text, _) in out.items()} == {
        0: 2,
        2: 2,
        4: 2,
        1: 1,
    }
    out = kashida.lengthened(line, 10 * step, 11, 20 * step, 0.0)  # every word, two each
    assert sorted(text.count(shaping.STRETCH) for text, _ in out.values()) == [2] * 5
    apart = line[::2]  # three words, none left to take one past two tatweels each
    for wanted, slack, most, grown in (
        (11, 0, 20, [3, 4, 4]),
        (11, 1, 20, [3, 3, 4]),  # the spaces take one tatweel's worth
        (30, 0, 40, [4, 4, 4]),
    ):
        out = kashida.lengthened(apart, wanted * step, 11, most * step, slack * step)
        assert sorted(text.count(shaping.STRETCH) for text, _ in out.values()) == grown


@pytest.mark.parametrize(
    ("word", "before"),
    [
        ("المستشفيات", "ف"),  # after a sheen (the last of its rank)
        ("مدرسة", "ة"),  # after a seen, before a final teh marbuta
        ("الجامعة", "ة"),  # before a final teh marbuta
        ("الدنيا", "ا"),  # before a final alef
        ("كبير", "ي"),  # before a medial beh-like letter before a final reh
        ("الحدائق", "ق"),  # before a final qaf
        ("تدريب", "ب"),  # the last join
    ],
)
def test_a_kashida_goes_at_the_most_suitable_join(word: str, before: str) -> None:
    rank, at = kashida.place(word)
    assert at and word[at] == before, (word, rank, at)


@pytest.mark.parametrize("script", ["Arab", "Hebr"])
def test_a_list_number_in_a_right_to_left_list_has_its_stop_on_the_side_of_the_text(
    script: str, tmp_path: Path
) -> None:
    digits = "۱" if script == "Arab" else "1"
    path = _pdf(f"{digits}.\u00a0", _style(script, bold=True), tmp_path, width=30)
    x = {c["text"]: c["x0"] for c in _chars(path)}
    if f"{digits}." in x:  # a number in Latin digits reads its stop, which reads as nothing
        x[digits], x["."] = x.pop(f"{digits}."), x.pop(readers.NOTHING)
    assert x["."] < x[digits]  # read from the right: the number, then its stop
    _reads(path, f"{digits}.")


def test_a_link_of_arabic_and_latin_words_is_one_annotation_a_line(tmp_path: Path) -> None:
    text = (
        Run("زوروا "),
        Run("موقع مكتب INL الرسمي (2024)", link="https://www.state.gov/inl"),
        Run(" اليوم."),
    )
    path = _pdf(text, _style("Arab"), tmp_path, width=400)
    with pikepdf.open(path) as document:
        annotations = [a for a in document.pages[0].Annots if a.Subtype == "/Link"]
    (annotation,) = annotations
    left, _, right, _ = (float(v) for v in annotation.Rect)
    inside = [w for w in _lines(path)[0] if left - 1 <= w["x0"] and w["x1"] <= right + 1]
    assert {readers.typed(w["text"]) for w in inside} >= {"INL", ")2024("}  # (mirrored, above)


@pytest.mark.parametrize("width", [96.0, 120.0, 151.0])  # lines of ideographs only
def test_full_width_punctuation_ending_a_chinese_line_takes_its_whole_cell_of_the_grid(
    width: float, tmp_path: Path
) -> None:
    path = _pdf(CHINESE, _style("Hans", "justify"), tmp_path, width=width)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    ends = [row[-1] for row in rows[:-1]]
    starts = [row[0] for row in rows]
    for c in ends:  # its whole cell where the line has room for it, else half (clreq)
        if c["text"] in HALVED - {"”"}:
            end = LEFT + width // 11 * 11
            assert min(abs(c["x1"] - end), abs(c["x1"] - 5.5 - end)) <= 0.3, c["text"]
    for c in starts:
        hangs = 5.5 if c["text"] in "（「『【《" else 0.0
        assert c["x0"] == pytest.approx(LEFT - hangs, abs=0.3), c["text"]


def test_an_opening_bracket_starting_a_chinese_line_hangs_its_blank_half(tmp_path: Path) -> None:
    text = "一二三四五六七八「九十」一二三四五六七八九十。"
    path = _pdf(text, _style("Hans", "justify"), tmp_path, width=88)
    rows = [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]
    assert [row[0]["text"] for row in rows[:2]] == ["一", "「"]
    assert rows[1][0]["x0"] == pytest.approx(LEFT - 5.5, abs=0.3)
    assert _text_layer(path) == text


@pytest.mark.parametrize(
    ("script", "text", "width"),
    [
        ("Latn", "第二节 Supercalifragilistic 。 (", 20.0),  # narrower than "per-"
        ("Arab", (Run("نص "), BREAK, BREAK, Run(" نص آخر")), 200.0),  # an empty line
        ("Hans", "第二节https://www.state.gov/bureau-of-inl/kenya。", 40.0),
    ],
)
def test_a_paragraph_is_always_set_however_narrow_its_column(
    script: str, text: str | Runs, width: float, tmp_path: Path
) -> None:
    style = _style(script, "justify", hyphenation="en_US" if script == "Latn" else "")
    path = _pdf(text, style, tmp_path, width=width)
    drawn = {c["text"] for c in _chars(path)} - {"\u00ad "}  # a hyphen added (a soft one)
    typed = text if isinstance(text, str) else "".join(r.text for r in text if isinstance(r, Run))
    assert drawn == set(typed.replace(" ", ""))


def test_a_sheet_with_an_arabic_letter_mark_builds_and_never_draws_it(tmp_path: Path) -> None:
    from ..conftest import run

    content = tmp_path / "sheet.yaml"
    body = "نص\u061c قبل \u200fabc\u200e بعد."
    content.write_text(
        f"language: ar\norganization: وزارة\ntitle: اختبار\n"
        f'sections:\n- heading: نص\n  body: "{body}"\n',
        encoding="utf-8",
    )
    result = run("build", content, "-o", tmp_path / "sheet.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    drawn = "".join(c["text"] for c in _chars(tmp_path / "sheet.pdf"))
    assert "abc" in drawn and not set(drawn) & set(CONTROLS)


def _faces_of_every_script() -> list[str]:
    names = [*fonts.register("Noto Sans"), *fonts.register("Noto Serif")]
    for design in ("Noto Sans", "Noto Serif"):
        for script in ("Arab", "Hebr"):
            found = fonts.script_faces(script, design)
            names += [*found] if found else []
    return sorted(name for name in set(names) if "-" in name)  # the faces, not the families


@pytest.mark.parametrize("font", _faces_of_every_script())
def test_the_empty_glyph_drawn_for_readers_has_no_ink(font: str) -> None:
    """The zero-width glyph put before a right-to-left run (for readers' sake) draws nothing:
    Noto Sans Hebrew draws its zero-width non-joiner as a bar, which printed after words."""
    from fontTools.pens.boundsPen import BoundsPen
    from reportlab.pdfbase.pdfmetrics import getFont

    from briefing.text import shaping

    gid = shaping._empty_glyph(font)
    if gid is None:
        return  # the face has none, so none is drawn
    face = TTFont(getFont(font).face.filename)
    glyphs, order = face.getGlyphSet(), face.getGlyphOrder()
    pen = BoundsPen(glyphs)
    glyphs[order[gid]].draw(pen)
    assert pen.bounds is None and glyphs[order[gid]].width == 0


def test_no_right_to_left_letter_comes_before_hebrew() -> None:
    """``has_rtl`` looks only at characters from U+0590 on."""
    from briefing.text import shaping

    assert not any(unicodedata.bidirectional(chr(c)) in ("R", "AL") for c in range(0x590))
    assert shaping.has_rtl("see ’ and שלום") and shaping.has_rtl("x \u200f y")
    assert not shaping.has_rtl("Niamey – “Côte d’Ivoire”")


@pytest.mark.parametrize("width", [60.0, 70.0, 80.0, 90.0, 100.0, 110.0])
def test_a_hyphen_typed_between_words_that_ends_a_line_is_read_by_every_reader(
    width: float, tmp_path: Path
) -> None:
    # PDFium took a hyphen typed between two words that ends a line for a soft one: it
    # dropped it and joined the two ("longterm", "nonintrusive"; Chrome's copy too). An empty
    # glyph after it, which reads as nothing, ends the line otherwise.
    text = (
        "The long-term program builds cost-effective and community-based policing with "
        "well-trained officers, non-intrusive inspections and follow-up visits."
    )
    path = _pdf(text, _style("Latn", "justify", hyphenation="en_US"), tmp_path, width=width)
    ends = [line for line in readers.pypdf(path).splitlines() if line.rstrip("\u200b ")[-1:] == "-"]
    assert ends, "no line ends with a typed hyphen"
    compounds = [word.strip(",.") for word in text.split() if "-" in word]
    for name, reader in readers.READERS.items():
        read = re.sub(r"-[\u200b\s]+", "-", re.sub("[\u00ad\ufffe]\\s*", "", reader(path)))
        assert [word for word in compounds if word not in read] == [], name


@pytest.mark.parametrize("design", ["Noto Sans", "Noto Serif"])
def test_an_arabic_word_of_joining_letters_broken_keeps_each_letters_form(design: str) -> None:
    # A word too wide for any line, with no letter that does not join the next, broke after a
    # joining letter: the letter before the break was drawn in its final form, the one after
    # in its initial ("ص|ض" of "...خسشصضطظ..."), not as in the word. A zero-width joiner on
    # each side of the break keeps both joined; it is drawn and read as nothing.
    word, zwj = "بتثجحخسشصضطظعغفقكلمنهي" * 3, shaping.JOINER
    faces = fonts.script_faces("Arab", design)
    assert faces is not None
    font = faces.regular
    limit = measure.text_width(word, font) / 3
    pieces = list(measure._chunks(word, font, limit, set()))
    assert len(pieces) >= 3 and "".join(pieces).replace(zwj, "") == word

    def forms(text: str) -> dict[int, int]:  # glyph by the letter it starts, in logical order
        return {g.cluster: g.gid for g in shaping.shape(text, font, True) if g.x_advance}

    whole, at = forms(word), 0
    for piece in pieces:
        lead = len(piece) - len(piece.lstrip(zwj))
        drawn = {at + k - lead: gid for k, gid in forms(piece).items()}
        assert drawn == {k: whole[k] for k in drawn}, piece
        at += len(piece.strip(zwj))
