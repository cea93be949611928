"""Charts, tables and photos in sections, read back from the PDF: their text and its order,
their structure tags, where they sit, the photo's pixels, fonts, conformance and overflow."""

from __future__ import annotations

import functools
import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from briefing.pipeline import render, run_checks

from ..conftest import ROOT, run, write
from ..corpus import example
from ..pdf.test_conformance import failures, unembedded
from ..quality import _marked

EXAMPLE = ROOT / "examples" / "mali-blocks.yaml"
PHOTO = ROOT / "examples" / "mali-niger-river.jpg"
MIN_CHART_TEXT = 6.5  # points
DPI = 300  # a photo's pixels per inch at its printed size, at most
WORDS = (
    "Police advisers work with the regional commanders on investigations, patrols and the "
    "handling of evidence, and visit each region every quarter to review the cases opened. "
)


def _sheet(blocks: list[dict[str, Any]], body: str = WORDS, **more: Any) -> dict[str, Any]:
    """A sheet with one section of text followed by ``blocks``, and a second of text, in two
    columns (named: too short to fill them, it would be set in one)."""
    design = {"layout": "two-column", **more.pop("design", {})}
    return {
        "organization": "U.S. Department of State",
        "title": "Blocks",
        "sections": [
            {"heading": "Figures", "body": body, "blocks": blocks},
            {"heading": "More", "body": WORDS * 2},
        ],
        "design": design,
        **more,
    }


TWO_SERIES = {
    "chart": {
        "type": "bar",
        "title": "Officers trained by year",
        "unit": "officers",
        "series": {
            "Police": {"2019": 120, "2020": 85, "2021": 240},
            "Gendarmerie": {"2019": 60, "2020": 95, "2021": 130},
        },
        "source": "INL training records",
    }
}
HBAR = {
    "chart": {
        "type": "hbar",
        "title": "Seizures by kind",
        "unit": "cases",
        "data": {"Cocaine": 14, "Cannabis": 52, "Fuel": 31},
        "alt": "Cannabis leads the seizures, ahead of fuel and cocaine.",
    }
}
LINE = {
    "chart": {
        "type": "line",
        "title": "Cases brought to trial",
        "unit": "cases",
        "data": {"2018": 12, "2019": 19, "2020": 17, "2021": 28},
        "source": "Ministry of Justice",
    }
}
TABLE = {
    "table": {
        "caption": "Program components",
        "columns": ["Component", "Partner", "Funding ($)"],
        "rows": [
            ["Police training", "**National** Police", "3,100,000"],
            ["Border security", "Gendarmerie", "2,300,000"],
            ["Justice reform", "Ministry of Justice", "600,000"],
        ],
        "source": "INL program records",
    }
}


def _photo(**more: Any) -> dict[str, Any]:
    return {
        "photo": {"file": str(PHOTO), "caption": "The river at dusk.", "credit": "Drawn", **more}
    }


class Built:
    """A sheet built to PDF, opened with pdfplumber and pikepdf."""

    def __init__(self, content: Path | dict[str, Any]) -> None:
        self.data, self.page = render(run_checks(content))
        self.plumber = pdfplumber.open(io.BytesIO(self.data))
        self.pike = pikepdf.open(io.BytesIO(self.data))
        self.chars = _marked(self.plumber.pages[0], self.pike.pages[0])
        self.text = self.plumber.pages[0].extract_text()

    def elements(self, role: str) -> list[pikepdf.Dictionary]:
        """Every structure element of ``role``, in structure order."""
        found: list[pikepdf.Dictionary] = []

        def walk(element: Any) -> None:
            if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
                return
            if str(element.S) == role:
                found.append(element)
            for kid in _kids(element):
                walk(kid)

        walk(self.pike.Root.StructTreeRoot.K)
        return found

    def mcids(self, element: pikepdf.Dictionary) -> list[int]:
        """The MCIDs of ``element`` and its descendants, in structure order."""
        out: list[int] = []
        for kid in _kids(element):
            if isinstance(kid, int):
                out.append(kid)
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                out += self.mcids(kid)
        return out

    def chars_of(self, element: pikepdf.Dictionary) -> list[dict[str, Any]]:
        """The characters drawn as (part of) ``element``."""
        wanted = set(self.mcids(element))
        return [c for c in self.chars if c["mcid"] in wanted]

    def text_of(self, element: pikepdf.Dictionary) -> str:
        """The text of ``element``, MCID by MCID in structure order."""
        return "".join(
            "".join(c["text"] for c in self.chars if c["mcid"] == mcid)
            for mcid in self.mcids(element)
        )


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


@functools.cache
def built(name: str) -> Built:
    """The example, and sheets with every kind of chart, each built once."""
    cases: dict[str, Path | dict[str, Any]] = {
        "example": EXAMPLE,
        "charts": _sheet([TWO_SERIES, HBAR, LINE]),
        "table": _sheet([TABLE]),
        "decorative": _sheet([_photo(alt=None, decorative=True)]),
        "sidebar": {
            **_sheet([TWO_SERIES, TABLE, _photo(alt="A river at dusk")]),
            "design": {"layout": "sidebar"},
            "at_a_glance": [{"label": "Capital", "value": "Bamako"}],
        },
        "single": {
            **_sheet([TABLE, LINE]),
            "design": {"layout": "single-column", "max_body_size": 10},
        },
        "floor": _sheet(
            [TWO_SERIES, HBAR], body=(WORDS * 4 + "\n\n") * 8, design={"min_body_size": 7}
        ),
    }
    return Built(cases[name])


def _words(text: str) -> str:
    return " ".join(text.split())


# -- charts ------------------------------------------------------------------------------------


def test_a_chart_prints_its_title_unit_values_categories_and_source() -> None:
    text = _words(built("example").text)
    assert "INCLE funding for Mali by fiscal year" in text
    assert "$ millions" in text
    for value in ("0.5", "3.5", "7.4", "5.2", "6.0"):
        assert re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", text), value
    for category in ("FY2008", "FY2010", "FY2012"):
        assert category in text
    assert "Source: Congressional Budget Justifications (rounded)" in text


def test_several_series_are_named_in_a_legend_and_step_in_lightness() -> None:
    sheet = built("charts")
    (figure, *_) = sheet.elements("/Figure")
    drawn = _words("".join(c["text"] for c in sheet.chars_of(figure)))
    assert "Police" in drawn and "Gendarmerie" in drawn
    # The bars: filled rectangles inside the chart, in two fills of clearly different gray.
    x0 = min(c["x0"] for c in sheet.chars_of(figure))
    top = min(c["top"] for c in sheet.chars_of(figure))
    bars = [
        r
        for r in sheet.plumber.pages[0].rects
        if r["fill"] and r["top"] > top and r["x0"] >= x0 - 1 and r["height"] > 5
    ]
    grays = {round(_gray(r["non_stroking_color"]), 2) for r in bars}
    assert len(grays) >= 2
    assert max(grays) - min(grays) > 0.25


def _gray(colour: Any) -> float:
    r, g, b = colour
    return float(0.299 * r + 0.587 * g + 0.114 * b)


def test_a_charts_figure_alt_states_its_type_title_unit_and_every_value() -> None:
    sheet = built("charts")
    alts = [str(f.Alt) for f in sheet.elements("/Figure")]
    assert alts[0] == (
        "Bar chart: Officers trained by year, in officers. "
        "Police: 2019: 120; 2020: 85; 2021: 240. "
        "Gendarmerie: 2019: 60; 2020: 95; 2021: 130."
    )
    assert alts[1] == "Cannabis leads the seizures, ahead of fuel and cocaine."  # the writer's
    assert alts[2].startswith("Line chart: Cases brought to trial, in cases.")
    assert "2021: 28" in alts[2]


def test_a_chart_speaks_and_numbers_in_the_sheets_language() -> None:
    chart = {"type": "bar", "title": "Financement", "unit": "millions de dollars"}
    values = {"2019": 3.5, "2020": 1250.25}
    sheet = Built(
        {
            **_sheet([{"chart": {**chart, "data": values, "source": "Budget"}}]),
            "language": "fr",
        }
    )
    (figure,) = sheet.elements("/Figure")
    assert str(figure.Alt) == (
        "Graphique à barres\u00a0: Financement, en millions de dollars. "
        "2019\u00a0: 3,50\u202f; 2020\u00a0: 1\u202f250,25."
    )
    drawn = "".join(c["text"] for c in sheet.chars_of(figure))
    assert "3,50" in drawn and "1\u202f250,25" in drawn
    assert "Source : Budget" in _words(sheet.text)
    # French sets a no-break space before a colon (the PDF's text reads it as a space)
    texts = [
        "".join(part.text for part in item.flowable.setting.measured.fragments)
        for item in sheet.page.items
        if hasattr(item.flowable, "setting")
    ]
    assert "Source\u00a0:" in "".join(texts)


@pytest.mark.parametrize("name", ["example", "charts"])
def test_every_figure_states_its_bounds_around_what_it_draws(name: str) -> None:
    sheet = built(name)
    height = sheet.plumber.pages[0].height
    for figure in sheet.elements("/Figure"):
        assert str(figure.A.O) == "/Layout"
        x0, y0, x1, y1 = (float(v) for v in figure.A.BBox)
        drawn = sheet.chars_of(figure) or [_image(sheet)]
        assert min(c["x0"] for c in drawn) >= x0 - 0.5
        assert max(c["x1"] for c in drawn) <= x1 + 0.5
        assert min(height - c["bottom"] for c in drawn) >= y0 - 0.5
        assert max(height - c["top"] for c in drawn) <= y1 + 0.5


def test_a_charts_title_is_a_caption_beside_its_figure() -> None:
    sheet = built("example")
    captions = [sheet.text_of(c) for c in sheet.elements("/Caption")]
    assert any(c.startswith("INCLE funding for Mali by fiscal year") for c in captions)
    (group,) = [
        d
        for d in sheet.elements("/Div")
        if [str(k.S) for k in _kids(d) if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        == ["/Caption", "/Figure", "/P"]
    ]
    assert sheet.text_of(_kids(group)[2]).startswith("Source:")


@pytest.mark.parametrize("name", ["example", "charts", "floor"])
def test_no_chart_text_is_smaller_than_6_5_points(name: str) -> None:
    sheet = built(name)
    for figure in sheet.elements("/Figure"):
        sizes = [c["size"] for c in sheet.chars_of(figure)]
        assert min(sizes, default=MIN_CHART_TEXT) >= MIN_CHART_TEXT - 0.01


def test_chart_text_stops_at_6_5_points_where_the_page_shrinks_further() -> None:
    sheet = built("floor")
    assert sheet.page.body_size * 7.6 / 9.6 < MIN_CHART_TEXT  # the chart's text, unbounded
    (figure, *_) = sheet.elements("/Figure")
    assert {round(c["size"], 2) for c in sheet.chars_of(figure)} == {MIN_CHART_TEXT}


def test_bars_below_zero_carry_their_label_past_their_end_and_names_sit_at_the_axis() -> None:
    data = {"North": -4, "South": 6.5, "East": 2}
    sheet = Built(
        _sheet([{"chart": {"type": kind, "title": kind, "data": data}} for kind in ("bar", "hbar")])
    )
    column, lying = sheet.elements("/Figure")
    for figure in (column, lying):
        assert "North: \u22124.0; South: 6.5; East: 2.0." in str(figure.Alt)
    words = {
        w["text"]: w
        for w in pdfplumber.utils.extract_words(sheet.chars_of(column))  # type: ignore[attr-defined]
    }
    # A bar below zero has its name above the axis and its value under its end; the other
    # names sit at the axis, not under the lowest bar.
    assert words["North"]["bottom"] < words["South"]["top"]
    assert words["South"]["bottom"] < words["\u22124.0"]["top"]
    assert words["East"]["top"] == pytest.approx(words["South"]["top"])
    words = {
        w["text"]: w
        for w in pdfplumber.utils.extract_words(sheet.chars_of(lying))  # type: ignore[attr-defined]
    }
    assert words["North"]["x1"] < words["\u22124.0"]["x0"]  # left of the bar, right of its name


def test_long_names_and_many_series_stay_inside_the_column() -> None:
    names = {"Ministry of Justice and Public Safety of the Republic": 3, "Police": -2}
    series = {f"Series number {i}": {"A": i + 1, "B": i + 2} for i in range(6)}
    sheet = Built(
        _sheet(
            [
                {"chart": {"type": "hbar", "title": "Names", "data": names}},
                {"chart": {"type": "bar", "title": "Series", "series": series}},
            ]
        )
    )
    page = sheet.plumber.pages[0]
    column = (page.width - 2 * 48 - 22) / 2
    for figure in sheet.elements("/Figure"):
        chars = sheet.chars_of(figure)
        left = 48.0 if min(c["x0"] for c in chars) < page.width / 2 else 48 + column + 22
        assert min(c["x0"] for c in chars) >= left - 0.5
        assert max(c["x1"] for c in chars) <= left + column + 0.5
    text = _words(page.extract_text())
    assert "Ministry of Justice and" in text and "Series number 5" in text


def test_bars_start_at_zero() -> None:
    sheet = built("example")
    (figure,) = sheet.elements("/Figure")[:1]
    labels = sheet.chars_of(figure)
    bottom = max(c["bottom"] for c in labels)  # the category labels' foot
    top = min(c["top"] for c in labels)
    bars = [
        r
        for r in sheet.plumber.pages[0].rects
        if r["fill"] and top <= r["top"] and r["bottom"] <= bottom
    ]
    assert len(bars) == 5
    heights = {round(r["bottom"], 1) for r in bars}
    assert len(heights) == 1  # all stand on one line
    tallest = max(bars, key=lambda r: r["height"])
    smallest = min(bars, key=lambda r: r["height"])
    assert tallest["height"] / smallest["height"] == pytest.approx(7.4 / 0.5, rel=0.02)


# -- tables ------------------------------------------------------------------------------------


def test_a_table_is_tagged_with_its_caption_head_body_rows_and_column_headers() -> None:
    sheet = built("table")
    (table,) = sheet.elements("/Table")
    kids = [str(k.S) for k in _kids(table)]
    assert kids == ["/Caption", "/THead", "/TBody"]
    head, body = _kids(table)[1:]
    (header,) = _kids(head)
    assert [str(c.S) for c in _kids(header)] == ["/TH"] * 3
    for cell in _kids(header):
        assert (str(cell.A.O), str(cell.A.Scope)) == ("/Table", "/Column")
    rows = _kids(body)
    assert [str(r.S) for r in rows] == ["/TR"] * 3
    assert all([str(c.S) for c in _kids(r)] == ["/TD"] * 3 for r in rows)
    assert sheet.text_of(_kids(table)[0]) == "Program components"


def test_table_text_reads_row_by_row() -> None:
    sheet = built("table")
    cells = [sheet.text_of(cell).strip() for cell in sheet.elements("/TH") + sheet.elements("/TD")]
    assert cells == [
        "Component",
        "Partner",
        "Funding ($)",
        "Police training",
        "National Police",
        "3,100,000",
        "Border security",
        "Gendarmerie",
        "2,300,000",
        "Justice reform",
        "Ministry of Justice",
        "600,000",
    ]
    assert "Source: INL program records" in _words(sheet.text)
    # Inline markup: the bold word is in the bold face.
    national = [c for c in sheet.chars_of(sheet.elements("/TD")[1]) if c["text"] == "N"]
    assert "Bold" in national[0]["fontname"]


def test_numbers_are_set_flush_right_and_text_flush_left() -> None:
    sheet = built("table")
    cells = sheet.elements("/TD")
    numbers = [max(c["x1"] for c in sheet.chars_of(cell)) for cell in cells[2::3]]
    words = [min(c["x0"] for c in sheet.chars_of(cell)) for cell in cells[0::3]]
    header = max(c["x1"] for c in sheet.chars_of(sheet.elements("/TH")[2]))
    assert max(numbers) - min(numbers) < 0.2
    assert abs(header - numbers[0]) < 0.2
    assert max(words) - min(words) < 0.2
    starts = [min(c["x0"] for c in sheet.chars_of(cell)) for cell in cells[2::3]]
    assert starts[2] > starts[0] + 5  # the shorter number starts further right


def _cell_sizes(sheet: Built) -> set[float]:
    return {
        round(c["size"], 2)
        for role in ("/TH", "/TD")
        for cell in sheet.elements(role)
        for c in sheet.chars_of(cell)
    }


def _inside_the_table(sheet: Built) -> None:
    """Every cell's text between the table's ends: no word runs into the next column."""
    (table,) = sheet.elements("/Table")
    rules = [r for r in sheet.plumber.pages[0].lines if r["width"] > 100]
    left, right = min(r["x0"] for r in rules), max(r["x1"] for r in rules)
    cells, count = sheet.elements("/TD"), len(sheet.elements("/TH"))
    assert all(left - 0.5 <= c["x0"] and c["x1"] <= right + 0.5 for c in sheet.chars_of(table))
    for row in range(0, len(cells), count):
        spans = [_span(sheet, cell) for cell in cells[row : row + count]]
        assert all(a[1] < b[0] for a, b in itertools.pairwise(spans)), spans


def _span(sheet: Built, cell: pikepdf.Dictionary) -> tuple[float, float]:
    chars = sheet.chars_of(cell)
    return min(c["x0"] for c in chars), max(c["x1"] for c in chars)


def test_a_table_whose_words_do_not_fit_hyphenates_them_every_cell_at_the_texts_size() -> None:
    columns = ["Component", "Implementing partner", "Officers trained", "Funding ($)"]
    rows = [
        [
            "Counterinsurgency investigations",
            "Interministerial Directorate-General",
            "1,250",
            "3,100,000",
        ],
        ["Border security", "Gendarmerie", "430", "2,300,000"],
    ]
    narrow = Built(
        _sheet([{"table": {"columns": columns, "rows": rows}}], design={"max_body_size": 11})
    )
    roomy = built("table")
    (size,) = _cell_sizes(narrow)  # one size, the size tables have at this scale
    (designed,) = _cell_sizes(roomy)
    body = narrow.page.body_size / roomy.page.body_size  # tables scale with the body text
    assert size == pytest.approx(designed * body, abs=0.02)
    cells = [narrow.text_of(cell) for cell in narrow.elements("/TD")]
    headers = [narrow.text_of(cell) for cell in narrow.elements("/TH")]
    # broken at a line's end, a hyphen (read as a soft hyphen and a space: docs/readers.md)
    assert "Counterin\xad surgency investigations" in cells
    assert headers == columns  # each header's words whole: a column is as wide as they are
    assert "3,100,000" in cells
    _inside_the_table(narrow)


def test_a_table_too_wide_even_hyphenated_is_set_smaller_all_at_one_size() -> None:
    columns = ["Region", "FY2009", "FY2010", "FY2011", "FY2012", "FY2013"]
    rows = [["Bamako", "1,100,000", "2,200,000", "3,300,000", "4,400,000", "5,500,000"]]
    sheet = Built(_sheet([{"table": {"columns": columns, "rows": rows}}]))
    (size,) = _cell_sizes(sheet)
    (designed,) = _cell_sizes(built("table"))
    assert MIN_CHART_TEXT <= size < designed * sheet.page.scale / built("table").page.scale - 0.1
    assert [sheet.text_of(cell) for cell in sheet.elements("/TD")] == rows[0]  # no number cut
    _inside_the_table(sheet)


def test_a_table_too_wide_at_the_smallest_text_is_reported_with_what_to_do(tmp_path: Path) -> None:
    years = [f"FY{year}" for year in range(2008, 2013)]
    amounts = ", ".join(f'"{n},100,000"' for n in range(1, 6))
    content = write(
        tmp_path / "wide.yaml",
        f"""\
        organization: Org
        title: Wide
        sections:
          - heading: Funding
            body: Some text.
            blocks:
              - table:
                  caption: Funding by year
                  columns: [Component, Partner, {", ".join(years)}]
                  rows:
                    - [Police training, National Police, {amounts}]
        design:
          layout: two-column
        """,
    )
    out = tmp_path / "wide.pdf"
    out.write_bytes(b"previous")
    result = run("build", content, "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(
        r"wide\.yaml:8:20: error: the table's 7 columns need \d+ pt even with its text at 6\.5 pt "
        r"and long words hyphenated, and its column holds \d+ pt; expected fewer columns, or "
        r"shorter words and numbers in them \(a web address as \[a few words\]\(address\)\)",
        result.stderr,
    ), result.stderr
    assert out.read_bytes() == b"previous"


# -- photos ------------------------------------------------------------------------------------


def _image(sheet: Built) -> dict[str, Any]:
    (image,) = sheet.plumber.pages[0].images
    return image


@pytest.mark.parametrize("name", ["example", "sidebar"])
def test_a_photo_sits_inside_the_margins_at_its_aspect_ratio_and_downsampled(name: str) -> None:
    sheet = built(name)
    image = _image(sheet)
    page = sheet.plumber.pages[0]
    margin = 48 - 0.5
    assert image["x0"] >= margin and image["x1"] <= page.width - margin
    assert image["top"] >= margin and image["bottom"] <= page.height - 36
    pixels = image["srcsize"]
    with Image.open(PHOTO) as original:
        ratio = original.width / original.height
    assert image["width"] / image["height"] == pytest.approx(ratio, rel=0.01)
    assert pixels[0] / pixels[1] == pytest.approx(ratio, rel=0.01)
    assert pixels[0] <= image["width"] / 72 * DPI + 1
    assert pixels[0] < original.width  # smaller than the file: downsampled


def test_a_photo_fills_its_column_near_design_size() -> None:
    sheet = built("example")
    assert 0.9 < sheet.page.scale <= 1.0  # the text at or a little under its design size
    page = sheet.plumber.pages[0]
    assert _image(sheet)["x1"] == pytest.approx(page.width - 48, abs=0.1)  # the right column's


def test_a_photo_shrinks_with_the_text_on_a_full_page_and_keeps_its_caption_beside_it() -> None:
    body = (WORDS * 4 + "\n\n") * 7
    sheet = Built(_sheet([_photo(alt="A river")], body=body, design={"min_body_size": 7}))
    column = (sheet.plumber.pages[0].width - 2 * 48 - 22) / 2
    image = _image(sheet)
    assert sheet.page.scale < 0.9
    assert image["width"] == pytest.approx(column * sheet.page.scale, abs=0.1)
    assert image["width"] >= 0.6 * column
    (caption,) = sheet.elements("/Caption")
    chars = sheet.chars_of(caption)
    assert max(c["x1"] for c in chars) <= image["x1"] + 0.5  # set to the photo's width
    assert 0 < min(c["top"] for c in chars) - image["bottom"] < 10  # right under it


def test_a_tall_photo_shrinks_with_the_text_too(tmp_path: Path) -> None:
    with Image.open(PHOTO) as landscape:
        landscape.transpose(Image.Transpose.ROTATE_90).save(tmp_path / "tall.jpg")
    tall = {"photo": {"file": str(tmp_path / "tall.jpg"), "alt": "A river"}}
    column = (612 - 2 * 48 - 22) / 2
    roomy = _image(Built(_sheet([tall])))
    assert roomy["height"] == pytest.approx(0.9 * column, abs=0.1)  # at most 0.9 of the width
    body = (WORDS * 4 + "\n\n") * 7
    full = Built(_sheet([tall], body=body, design={"min_body_size": 7}))
    assert full.page.scale < 0.9
    assert _image(full)["height"] == pytest.approx(0.9 * column * full.page.scale, abs=0.1)


def test_a_photo_is_a_figure_with_its_alt_and_its_caption_and_credit_a_caption() -> None:
    sheet = built("example")
    photo = [f for f in sheet.elements("/Figure") if str(f.Alt).startswith("A drawing of a river")]
    assert len(photo) == 1
    caption = [sheet.text_of(c) for c in sheet.elements("/Caption")][-1]
    assert caption.startswith("The Niger River at Bamako")
    assert caption.rstrip().endswith("Illustration drawn for this example")
    credit = [c for c in sheet.chars if c["text"] == "I" and c["size"] < 8]
    assert credit, "the credit is in small type"


def test_a_decorative_photo_is_an_artifact_outside_the_structure() -> None:
    sheet = built("decorative")
    assert _image(sheet)  # it is drawn
    assert sheet.elements("/Figure") == []
    assert "The river at dusk." in _words(sheet.text)
    content = sheet.pike.pages[0].Contents.read_bytes()
    image_name = next(iter(sheet.pike.pages[0].Resources.XObject.keys()))
    before = content[: content.index(f"{image_name} Do".encode())]
    assert before.rfind(b"/Artifact BMC") > before.rfind(b"BDC")


# -- placement ---------------------------------------------------------------------------------


@pytest.mark.parametrize("paragraphs", range(1, 12))
def test_a_table_is_never_split_between_columns(paragraphs: int) -> None:
    sheet = Built(_sheet([TABLE], body=WORDS * paragraphs))
    (table,) = sheet.elements("/Table")
    chars = sheet.chars_of(table)
    width = sheet.plumber.pages[0].width
    column = (width - 2 * 48 - 22) / 2
    assert max(c["x1"] for c in chars) - min(c["x0"] for c in chars) <= column + 0.5
    caption = sheet.chars_of(_kids(table)[0])
    assert min(c["top"] for c in caption) == min(c["top"] for c in chars)  # the caption on top


@pytest.mark.parametrize("name", ["example", "charts", "sidebar", "single", "floor"])
def test_blocks_print_inside_the_margins_on_one_page(name: str) -> None:
    sheet = built(name)
    page = sheet.plumber.pages[0]
    assert len(sheet.plumber.pages) == 1
    ink = page.chars + page.images + page.rects
    assert min(o["x0"] for o in ink) >= 0.3 * 72
    assert max(o["x1"] for o in ink) <= page.width - 0.3 * 72


# -- fonts and conformance ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["example", "charts", "decorative", "sidebar", "single"])
def test_every_font_is_embedded_and_none_is_helvetica(name: str, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(built(name).data)
    assert unembedded(out) == []
    assert b"Helvetica" not in built(name).data


@pytest.mark.parametrize("name", ["example", "charts", "decorative", "sidebar"])
def test_pdf_ua_1_and_pdf_a_2a(name: str, tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    out.write_bytes(built(name).data)
    assert failures(out) == []


# -- too large ---------------------------------------------------------------------------------


def test_a_table_too_tall_for_any_column_is_reported_with_what_to_cut(tmp_path: Path) -> None:
    rows = "\n".join(
        f'          - ["Row {i}: police training and mentoring for investigators in the regions",'
        f' The National Police and the Gendarmerie, "{i},000"]'
        for i in range(40)
    )
    content = write(
        tmp_path / "big.yaml",
        """\
        organization: Org
        title: Big
        sections:
          - heading: Programs
            body: Some text.
            blocks:
              - table:
                  caption: All components
                  columns: [Component, Partner, Funding ($)]
                  rows:
        """,
    )
    content.write_text(content.read_text(encoding="utf-8") + rows + "\n", encoding="utf-8")
    out = tmp_path / "big.pdf"
    out.write_bytes(b"previous")
    result = run("build", content, "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(
        r"big\.yaml:8:20: error: the table is \d+ pt tall even with text at the 8 pt floor, "
        r"and a column holds \d+ pt; a table is never split between columns; expected fewer "
        r"rows, or less text in it",
        result.stderr,
    ), result.stderr
    assert out.read_bytes() == b"previous"


def test_blocks_that_together_overflow_say_which_is_largest(tmp_path: Path) -> None:
    rows = [[f"Row {i}", "Partner", f"{i},000"] for i in range(30)]
    sections = [
        {
            "heading": f"Part {n}",
            "blocks": [
                {"table": {"caption": f"Table {n}", "columns": ["A", "B", "C"], "rows": rows}}
            ],
        }
        for n in range(4)
    ]
    content = tmp_path / "many.yaml"
    content.write_text(json.dumps({"organization": "Org", "title": "Many", "sections": sections}))
    result = run("build", content, "-o", tmp_path / "many.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert re.search(
        r"many\.yaml:1:\d+: error: the content runs about \d+ pt per column past the page even "
        r"with body text at the 8 pt floor; its 4 charts, tables and photos take about \d+ pt per "
        r"column of it; expected fewer or smaller charts, tables or photos \(the largest is this "
        r"table, \d+ pt tall\), or fewer words",
        result.stderr,
    ), result.stderr
    assert not (tmp_path / "many.pdf").exists()


def test_the_example_builds_to_one_page(tmp_path: Path) -> None:
    result = run("build", EXAMPLE, "-o", tmp_path / "mali.pdf", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "1 page" in result.stdout
    assert example("mali-blocks.yaml")["sections"][3]["blocks"][0]["photo"]["file"] == str(PHOTO)


def test_a_photo_is_read_and_resampled_once_in_a_process(monkeypatch: pytest.MonkeyPatch) -> None:
    first = render(run_checks(EXAMPLE))[0]

    def opened(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("Pillow opened an image again")

    monkeypatch.setattr(Image, "open", opened)  # watch and batch build again: nothing to open
    assert render(run_checks(EXAMPLE))[0] == first


def test_numbers_with_the_currency_after_them_are_set_flush_right_with_a_minus_sign() -> None:
    table = {
        "columns": ["Poste", "Montant"],
        "rows": [["Formation des policiers", "1 200 €"], ["Retard", "-45 €"], ["Frais", "900 €"]],
    }
    sheet = Built({**_sheet([{"table": table}]), "language": "fr"})
    cells = sheet.elements("/TD")
    assert [sheet.text_of(cell) for cell in cells[1::2]] == ["1 200 €", "\u221245 €", "900 €"]
    ends = [max(c["x1"] for c in sheet.chars_of(cell)) for cell in cells[1::2]]
    starts = [min(c["x0"] for c in sheet.chars_of(cell)) for cell in cells[1::2]]
    assert max(ends) - min(ends) < 0.2  # flush right
    assert starts[2] > starts[0] + 5


@pytest.mark.parametrize(
    ("language", "amounts"),
    [
        ("en", ["$96.0 million", "$101.2 million", "$1.5 billion"]),
        ("es", ["96 millones", "$101,2 millones", "1,5 mil millones"]),
        ("fr", ["96 millions €", "101,2 millions €", "1,5 milliard €"]),
    ],
)
def test_amounts_with_a_scale_word_are_set_flush_right(language: str, amounts: list[str]) -> None:
    table = {
        "columns": ["Component", "FY 2023"],
        "rows": [["Interdiction", amounts[0]], ["Justice", amounts[1]], ["Total", amounts[2]]],
    }
    sheet = Built({**_sheet([{"table": table}]), "language": language})
    cells = sheet.elements("/TD")
    assert [sheet.text_of(cell) for cell in cells[1::2]] == amounts
    ends = [max(c["x1"] for c in sheet.chars_of(cell)) for cell in cells[1::2]]
    header = max(c["x1"] for c in sheet.chars_of(sheet.elements("/TH")[1]))
    assert max(ends) - min(ends) < 0.2 and abs(header - ends[0]) < 0.2  # flush right
    starts = [min(c["x0"] for c in sheet.chars_of(cell)) for cell in cells[1::2]]
    assert max(starts) - min(starts) > 3  # not flush left: the shorter amount starts further right


def test_a_short_table_in_a_wide_column_keeps_to_its_words_width() -> None:
    sheet = built("single")
    page = sheet.plumber.pages[0]
    column = page.width - 48 - min(c["x0"] for c in sheet.chars_of(sheet.elements("/Table")[0]))
    rules = {(round(r["x0"], 1), round(r["x1"], 1)) for r in page.lines if r["linewidth"] > 1}
    ((left, right),) = rules  # every rule of the table at one width
    assert right - left < 0.8 * column  # not spread across the column
    ends = [max(c["x1"] for c in sheet.chars_of(cell)) for cell in sheet.elements("/TH")]
    assert ends[-1] == pytest.approx(right, abs=0.5)  # the last column flush with its rules
