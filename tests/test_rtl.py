"""Right-to-left and Chinese sheets, read back from their PDFs: one page each, the language's
tag, and the mirrored page: body text flush right, the first column and the first key figure
on the right, the sidebar on the left, bullets right of their items, headings hanging in the
right margin, the footer's date on the left.

PDF/UA-1 and PDF/A-2a of the Arabic, Hebrew and Chinese sheets are judged by page-validation
in ``test_conformance``, whose cases include every pinned page (``visual.CASES``); their
typesetting targets in ``test_quality``, whose sheets include these.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from fontTools.ttLib import TTFont

from briefing import build, fonts
from briefing.commands.book import build_book
from briefing.fonts import FONT_DIR
from briefing.language import LANGUAGES
from briefing.pipeline import render, run_checks
from briefing.text import shaping

from . import readers
from .corpus import load, right_to_left
from .quality import Line, PageQuality, lone_words, measure, source_text
from .visual import DATA, ROOT

SHEETS: dict[str, dict[str, Any]] = {
    "niger-ar": load(ROOT / "examples" / "niger-ar.yaml"),  # two columns
    **right_to_left(),  # ar-sidebar, ar-single-column
    **{name: load(DATA / f"{name}.yaml") for name in ("sheet-he", "sheet-fa", "sheet-zh")},
}
RTL = [name for name in SHEETS if name != "sheet-zh"]
TAGS = {"niger-ar": "ar", "sheet-he": "he-IL", "sheet-fa": "fa-IR", "sheet-zh": "zh-CN"}
FLUSH = 0.5  # points: how far a line may end from its column's edge and still be flush


@functools.cache
def built(name: str) -> tuple[bytes, list[PageQuality]]:
    """Sheet ``name`` as PDF bytes, and its pages measured where the words landed."""
    data, _ = render(run_checks(SHEETS[name]))
    return data, measure(data, source_text(SHEETS[name]))


def page(name: str) -> PageQuality:
    """The one page of sheet ``name``."""
    return built(name)[1][0]


def lines(name: str, role: str) -> list[Line]:
    """The lines of the page's blocks with this structure role ("/P", "/H2", "/Lbl")."""
    quality = page(name)
    return [ln for ln in quality.lines if ln.block is not None and quality.roles[ln.block] == role]


def body(name: str, role: str = "/P") -> list[Line]:
    """The body text's lines (in the sections) of one role, in reading order."""
    return [ln for ln in lines(name, role) if ln.body]


def figure(line: Line) -> str:
    """A line of digits and signs as written: the text read back is in display order, where a
    sign after a number ("2,000+") shows on its left in a right-to-left paragraph."""
    text = line.text
    return text[1:] + text[0] if text[:1] in "+%" and text[1:2].isdigit() else text


def columns(found: list[Line]) -> list[list[Line]]:
    """Lines grouped by column, the right one first: lines end within 40 pt of each other."""
    groups: list[list[Line]] = []
    for line in sorted(found, key=lambda ln: -ln.x1):
        if groups and groups[-1][0].x1 - line.x1 < 40:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups


@pytest.mark.parametrize("name", SHEETS)
def test_the_sheet_builds_to_one_page(name: str) -> None:
    assert len(built(name)[1]) == 1


@pytest.mark.parametrize("name", TAGS)
def test_the_document_is_tagged_with_its_language(name: str) -> None:
    with pikepdf.open(io.BytesIO(built(name)[0])) as pdf:
        assert str(pdf.Root.Lang) == TAGS[name]


@pytest.mark.parametrize("name", RTL)
def test_body_lines_end_flush_right_and_last_lines_start_ragged(name: str) -> None:
    found = body(name)
    assert found
    ragged = []  # short last lines, flush right (a column may hold none: its lines run on)
    for column in columns(found):
        right = max(ln.x1 for ln in column)
        assert [ln.text for ln in column if right - ln.x1 > FLUSH] == []
        left = min(ln.x0 for ln in column)
        ragged += [ln for ln in column if ln.x0 - left > 2 * ln.size]
    assert ragged, "no short line flush right"


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", RTL)
def test_letter_spacing_stays_within_two_hundredths_of_an_em(name: str, paper: str) -> None:
    """A justified line that its spaces cannot fill is letter-spaced 0.02 em at most (Hebrew),
    as Latin lines are: read back from the PDF's character spacing (Tc) and text size (Tf)."""
    data, _ = render(run_checks(SHEETS[name]), paper)
    size, widest = 1.0, 0.0
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
            if operator == pikepdf.Operator("Tf"):
                size = float(operands[1])
            elif operator == pikepdf.Operator("Tc"):
                widest = max(widest, abs(float(operands[0])) / size)
    assert widest <= 0.02 + 1e-6


@pytest.mark.parametrize("name", ["niger-ar"])
def test_the_first_column_is_the_right_one(name: str) -> None:
    found, width = body(name), page(name).width
    first, last = found[0], found[-1]  # the first section's first line, the last's last
    assert first.x0 > width / 2 and last.x1 < width / 2
    heading = [ln for ln in lines(name, "/H2") if ln.block is not None and ln.block < first.block]
    assert heading[-1].x0 > width / 2  # the first section's heading heads the right column


@pytest.mark.parametrize("name", ["ar-sidebar", "sheet-he"])
def test_the_sidebar_is_left_of_the_main_column(name: str) -> None:
    values = [f["value"] for f in SHEETS[name]["key_figures"] if str(f["value"]).isascii()]
    shown = [ln for ln in page(name).lines if figure(ln) in values]
    assert len(shown) == len(values) > 0
    assert max(ln.x1 for ln in shown) < min(ln.x0 for ln in body(name))


@pytest.mark.parametrize("name", ["niger-ar"])
def test_key_figures_run_right_to_left(name: str) -> None:
    values = [f["value"] for f in SHEETS[name]["key_figures"] if str(f["value"]).isascii()]
    shown = {figure(ln): ln for ln in page(name).lines if figure(ln) in values}
    rights = [shown[value].x1 for value in values]  # in the order they are written
    assert len(rights) >= 2 and rights == sorted(rights, reverse=True)
    assert rights[0] > page(name).width / 2


@pytest.mark.parametrize("name", ["niger-ar", "ar-sidebar", "sheet-he", "sheet-fa"])
def test_bullets_sit_right_of_their_items(name: str) -> None:
    labels, items = body(name, "/Lbl"), body(name, "/LBody")
    assert labels
    for label in labels:
        level = [ln for ln in items if ln.top < label.bottom and ln.bottom > label.top]
        beside = min(level, key=lambda ln: abs(ln.top - label.top))
        assert label.x0 >= beside.x1 - FLUSH, (label.text, beside.text)
    for column in columns(items):  # each item's lines end at one indent from the right
        right = max(ln.x1 for ln in column)
        assert [ln.text for ln in column if right - ln.x1 > FLUSH] == []
    edges = [max(ln.x1 for ln in column) for column in columns(body(name))]
    with pdfplumber.open(io.BytesIO(built(name)[0])) as pdf:
        bullets = [c for c in pdf.pages[0].chars if c["text"] == "•"]
    assert len(bullets) == len(labels)  # each flush with its column's right edge
    assert all(min(abs(b["x1"] - edge) for edge in edges) < FLUSH for b in bullets)


@pytest.mark.parametrize("name", ["ar-single-column", "sheet-fa"])
def test_headings_hang_in_the_right_margin(name: str) -> None:
    text = body(name)
    sections = {ln.block for ln in text}
    headings = [
        ln for ln in lines(name, "/H2") if ln.block is not None and ln.block + 1 in sections
    ]
    assert headings
    for heading in headings:
        assert heading.x0 > max(ln.x1 for ln in text)
        first = min((ln for ln in headings if ln.block == heading.block), key=lambda ln: ln.top)
        beside = min((ln for ln in text if ln.block == heading.block + 1), key=lambda ln: ln.top)
        assert abs(beside.top - first.top) < first.size  # beside its text, not above it


@pytest.mark.parametrize("name", ["niger-ar", "sheet-he", "sheet-fa"])
def test_the_footer_date_is_on_the_left_in_the_language(name: str) -> None:
    tree, quality = SHEETS[name], page(name)
    year = LANGUAGES[tree["language"]].number(tree["date"].year)
    foot = max(ln.bottom for ln in quality.lines)
    footer = [ln for ln in quality.lines if foot - ln.bottom < 2]
    dated = [ln for ln in footer if year in ln.text]
    others = [ln for ln in footer if year not in ln.text]
    assert len(dated) == 1 and others
    assert dated[0].x0 < quality.width / 4
    assert min(ln.x0 for ln in others) > quality.width / 2


def test_a_book_numbers_a_right_to_left_sheet_at_the_left_and_mirrors_its_contents(
    tmp_path: Path,
) -> None:
    """An Arabic book: its contents page runs right to left (titles at the right, page numbers
    at the left), each title drawn in its own sheet's script; each sheet's page number ends
    its footer line, after its date (at the left, for Arabic, the right for English)."""
    out = tmp_path / "book.pdf"
    sheets = [ROOT / "examples" / "niger-ar.yaml", ROOT / "content.yaml", DATA / "sheet-he.yaml"]
    build_book(sheets, out)
    with pdfplumber.open(out) as pdf:
        width = float(pdf.pages[0].width)
        contents = readers.page_words(pdf.pages[1])
        numbers = [w for w in contents if w["text"] in ("3", "4", "5")]
        titles = [w for w in contents if w["text"].startswith("Niger")]
        assert len(numbers) == 3 and titles
        assert max(w["x1"] for w in numbers) < width / 4 < width / 2 < titles[0]["x0"]
        hebrew = "".join(c["text"] for c in pdf.pages[1].chars if "\u05d0" <= c["text"] <= "\u05ea")
        assert sorted(hebrew) == sorted(SHEETS["sheet-he"]["title"] + "סקירתהתוכניותשל")
        for number, sheet in ((3, pdf.pages[2]), (4, pdf.pages[3])):
            foot = [w for w in readers.page_words(sheet) if w["bottom"] > sheet.height - 50]
            folio = [w for w in foot if w["text"] == str(number)]
            assert len(folio) == 1
            left = folio[0]["x1"] < width / 4
            assert left == (number == 3), (number, folio)


@pytest.mark.parametrize(("language", "shown"), [("ar", "Sahel"), ("zh", "Sahel"), ("ru", "SAHEL")])
def test_headings_are_in_capitals_only_in_a_script_that_has_them(language: str, shown: str) -> None:
    """Arabic and Chinese headings keep the Latin words in them as typed; Russian ones, like
    English, are set in capitals."""
    heading = {"ar": "منطقة Sahel", "zh": "Sahel地区", "ru": "Регион Sahel"}[language]
    tree = {
        "organization": "INL",
        "title": "Niger",
        "language": language,
        "sections": [{"heading": heading, "body": "Niamey."}],
    }
    with pdfplumber.open(io.BytesIO(render(run_checks(tree))[0])) as pdf:
        text = pdf.pages[0].extract_text()
    assert shown in text and ("Sahel" in text) == (shown == "Sahel")


def test_a_persian_list_is_numbered_in_persian_digits() -> None:
    tree = {
        "organization": "INL",
        "title": "نیجر",
        "language": "fa",
        "sections": [{"heading": "برنامه‌ها", "body": "1. اصلاح زندان‌ها؛\n2. پلیس محلی."}],
    }
    with pdfplumber.open(io.BytesIO(render(run_checks(tree))[0])) as pdf:
        # (a number's glyph reads the full stop after it too: line._number_signs)
        digits = {d for c in pdf.pages[0].chars for d in c["text"] if d.isdigit()}
    assert {"۱", "۲"} <= digits and not digits & set("0123456789")


@pytest.mark.parametrize(("typed", "own"), [("2018", False), ("۲۰۱۸", True)])
def test_a_persian_sheet_numbers_its_list_and_dates_its_footer_in_the_writers_digits(
    tmp_path: Path, typed: str, own: bool
) -> None:
    """Persian text written with Western digits (as translations often are) gets a date line
    and list numbers in Western digits, in the PDF and on the web page; in Persian digits,
    Persian ones (a list's Markdown numbers are Western whatever the writer's digits)."""
    tree = {
        "organization": "INL",
        "title": "نیجر",
        "language": "fa",
        "date": "2019-05-12",
        "sections": [
            {"heading": "برنامه‌ها", "body": f"در سال {typed}:\n\n1. اصلاح زندان‌ها؛\n2. پلیس."}
        ],
    }
    build(tree, tmp_path / "sheet.pdf", formats=("pdf", "html"))
    with pdfplumber.open(tmp_path / "sheet.pdf") as pdf:
        digits = "".join(d for c in pdf.pages[0].chars for d in c["text"] if d.isdigit())
    assert set(digits) == set("۰۱۲۸۹" if own else "01289"), digits  # 1, 2, 2018, 12, 2019
    web = (tmp_path / "sheet.html").read_text("utf-8")
    shown = ("۱۲ مه ۲۰۱۹" in web, "12 مه 2019" in web, 'class="persian"' in web)
    assert shown == (own, not own, own)


def kashidas(data: bytes) -> list[float]:
    """Each kashida drawn on a page, its length in ems (``kashida_runs``)."""
    return [length for _, length, _ in kashida_runs(data)]


def kashida_runs(data: bytes) -> list[tuple[float, float, float]]:
    """Each kashida drawn on a page: the bottom of its strokes, in points from the page's top,
    its length in ems, and its left edge: a run of tatweel strokes (filled outlines as wide
    and as high as the ink of an Arabic face's tatweel, at some size), each one advance from
    the one before on the same baseline (``shaping.shaped``)."""
    inks = []
    faces = fonts.script_faces("Arab")
    assert faces is not None
    for face in (faces.regular, faces.bold):
        font = TTFont(FONT_DIR / f"{face}.ttf")
        gid = font.getBestCmap()[ord(shaping.KASHIDA)]
        glyph = font["glyf"][gid]
        glyph.recalcBounds(font["glyf"])
        em = font["head"].unitsPerEm
        box = ((glyph.xMax - glyph.xMin) / em, (glyph.yMax - glyph.yMin) / em)
        inks.append((*box, font["hmtx"][gid][0] / em))
    strokes = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for shape in pdf.pages[0].curves + pdf.pages[0].rects:
            width, height = shape["x1"] - shape["x0"], shape["bottom"] - shape["top"]
            for ink, high, advance in inks if shape["fill"] and height > 0 else ():
                size = height / high
                if abs(width / size - ink) < 0.005:
                    strokes.append((round(shape["bottom"], 1), shape["x0"], size, advance))
                    break
    runs: list[list[tuple[float, float, float, float]]] = []
    for stroke in sorted(strokes):
        last = runs[-1][-1] if runs else None
        if last and last[0] == stroke[0] and abs(stroke[1] - last[1] - last[3] * last[2]) < 0.05:
            runs[-1].append(stroke)
        else:
            runs.append([stroke])
    return [(run[0][0], len(run) * run[0][3], run[0][1]) for run in runs]


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", ["sheet-iraq", "niger-ar", "jordan-ar", "readers-ar"])
def test_no_kashida_is_longer_than_two_tatweels(name: str, paper: str) -> None:
    """A justified Arabic line's kashidas go in more words before any grows past two tatweels
    (about half an em): read back from the tatweels' strokes drawn on the page (sheet-iraq's
    were three, 0.81 em, in its list item and its first paragraph); a line before an address
    (or its pieces) is ragged rather than take longer ones (jordan-ar's and readers-ar's
    were four, 1.08 em, on main)."""
    tree = SHEETS.get(name) or load(DATA / f"{name}.yaml")
    found = kashidas(render(run_checks(tree), paper)[0])
    assert found and max(found) < 0.6


_MARKS = dict.fromkeys(map(ord, "\u061c\u200b\u200e\u200f"))  # bidi marks, a zero-width space


@pytest.mark.parametrize(
    ("name", "paper", "ending"),
    [
        ("jordan-ar", "a4", "في عمّان."),
        ("readers-ar", "a4", "للبنات والبنين."),
        ("readers-fa", "a4", "پخش می‌شود."),
    ],
)
def test_a_word_alone_on_a_last_line_is_taken_up_by_a_few_kashidas(
    name: str, paper: str, ending: str
) -> None:
    """A list item whose last line would hold one word (on main: "عمّان." and "والبنين." of
    two Arabic items, "می‌شود." of a Persian one) takes a word more onto it with kashidas of
    at most two tatweels in at most three words of its other line."""
    tree = load(DATA / f"{name}.yaml")
    data = render(run_checks(tree), paper)[0]
    quality = measure(data, source_text(tree))[0]
    shown = ending[::-1]  # the text read back is in display order
    last = [ln for ln in quality.lines if ln.body and ln.text.translate(_MARKS).strip() == shown]
    assert len(last) == 1, [ln.text for ln in quality.lines if ln.body]
    before = [ln for ln in quality.lines if ln.block == last[0].block and ln is not last[0]]
    drawn = [
        length
        for bottom, length, _ in kashida_runs(data)
        for ln in before
        if ln.top <= bottom <= ln.bottom + 1
    ]
    assert len(before) == 1 and 0 < len(drawn) <= 3 and max(drawn) < 0.6, drawn


def test_an_arabic_paragraph_set_a_line_longer_ends_the_columns_level() -> None:
    """sheet-iraq with a longer first section (A4): a right-to-left paragraph set a line longer
    or shorter (``setting.looser``), with kashidas of at most two tatweels in a few words of
    a line, ends the columns level (on main none was, and the right column ended 17 pt above
    the left)."""
    tree = load(DATA / "sheet-iraq.yaml")
    more = "وتعمل الحكومة على تعزيز التعاون الإقليمي وتطوير القدرات المؤسسية في مجالات الأمن"
    context = tree["sections"][0]
    tree["sections"][0] = {**context, "body": context["body"].rstrip().rstrip(".") + f" {more}."}
    data = render(run_checks(tree), "a4")[0]
    quality = measure(data, source_text(tree))[0]
    ends = [
        max(ln.bottom for ln in column)
        for column in columns([ln for ln in quality.lines if ln.body])
    ]
    assert len(ends) == 2 and abs(ends[0] - ends[1]) < 1, ends
    assert max(kashidas(data)) < 0.6


@pytest.mark.parametrize("word", ["عمّان.", "قاضيًا.", "می‌شود."])
def test_a_word_with_marks_alone_on_a_last_line_is_counted_as_one(word: str) -> None:
    """A word alone on a paragraph's last line counts as one with a shadda, a tanween or a
    Persian zero-width non-joiner in it (the quality helper read none of them as a word: its
    marks are no word characters): read back from a page whose first paragraph ends with one
    after a line break."""
    tree = load(DATA / "jordan-ar.yaml")
    first = tree["sections"][0]
    tree["sections"][0] = {**first, "body": first["body"].rstrip() + f"\\\n{word}\n"}
    quality = measure(render(run_checks(tree), "a4")[0], source_text(tree))[0]
    assert [found.translate(_MARKS)[::-1] for found in lone_words(quality)].count(word) == 1


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_bold_label_takes_no_kashida_the_text_after_it_does(paper: str) -> None:
    """A list item's run-in label ("آموزش رادیویی:", bold) reads as one: no kashida is drawn
    inside it, and the item's regular words take them (readers-fa: on main its labels took one
    of two tatweels, "آمــوزش" on A4 and "بستـهٔ" on Letter)."""
    data = render(run_checks(load(DATA / "readers-fa.yaml")), paper)[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        bold = [c for c in pdf.pages[0].chars if "Bold" in c["fontname"] and c["top"] > 400]
    drawn = kashida_runs(data)
    inside = [
        (bottom, x)
        for bottom, _, x in drawn
        for c in bold
        if c["top"] <= bottom <= c["bottom"] + 1 and c["x0"] - 1 <= x <= c["x1"] + 1
    ]
    assert bold and drawn and inside == []
