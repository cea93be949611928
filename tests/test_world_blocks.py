"""Charts and tables in sheets of other scripts, read back from the PDF: a chart's labels and
legend drawn in the faces of their script and read in logical order, a right-to-left table
mirrored with its figures flush right, and both standards met."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from briefing.content.checks import ChartShown
from briefing.graphics import charts
from briefing.language import LANGUAGES
from briefing.pipeline import render, run_checks

from . import readers
from .pdf.test_conformance import failures, unembedded

ARABIC = {
    "organization": "وزارة الخارجية الأمريكية",
    "title": "مالي",
    "language": "ar",
    "sections": [
        {
            "heading": "التمويل",
            "body": "ارتفع تمويل المكتب من 0.5 مليون دولار عام 2008 إلى 7.4 ملايين دولار.",
            "blocks": [
                {
                    "chart": {
                        "type": "bar",
                        "title": "تمويل المكتب حسب السنة المالية",
                        "unit": "بملايين الدولارات",
                        "series": {
                            "التدريب": {"2008": 0.3, "2009": 2.0, "2010": 4.1},
                            "المعدات": {"2008": 0.2, "2009": 1.5, "2010": 3.3},
                        },
                    }
                },
                {
                    "table": {
                        "caption": "مكونات البرنامج",
                        "columns": ["المكون", "الشريك", "التمويل ($)"],
                        "rows": [
                            ["تدريب الشرطة", "الشرطة الوطنية", "3,100,000"],
                            ["أمن الحدود", "الدرك", "600,000"],
                        ],
                    }
                },
            ],
        }
    ],
}
CHINESE = {
    "organization": "美国国务院",
    "title": "马里",
    "language": "zh",
    "sections": [
        {
            "heading": "资金",
            "body": "该局对马里的资金从2008年的50万美元增至2010年的740万美元。",
            "blocks": [
                {
                    "chart": {
                        "type": "hbar",
                        "title": "按财年划分的资金",
                        "unit": "百万美元",
                        "series": {
                            "培训": {"二〇〇八": 0.3, "二〇〇九": 2.0},
                            "设备": {"二〇〇八": 0.2, "二〇〇九": 1.5},
                        },
                    }
                }
            ],
        }
    ],
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("world-blocks")
    paths = {}
    for name, content in (("ar", ARABIC), ("zh", CHINESE)):
        data, _ = render(run_checks(content))
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths


def _chars(path: Path) -> list[dict[str, Any]]:
    with pdfplumber.open(path) as document:
        return list(document.pages[0].chars)


def test_chinese_chart_labels_and_legend_are_drawn_in_the_chinese_face(
    built: dict[str, Path],
) -> None:
    chars = _chars(built["zh"])
    for label in ("培训", "设备", "二〇〇八"):
        drawn = [c for c in chars if c["text"] in label]
        assert drawn, label
        assert all("CJK" in c["fontname"] for c in drawn), label
    assert not [c for c in chars if c["text"] in ("\x00", "\ufffd")]


def test_arabic_chart_legend_is_shaped_and_reads_in_logical_order(
    built: dict[str, Path],
) -> None:
    # as Chrome (PDFium) and Python tools (pypdf) read it
    for read in (readers.pdfium(built["ar"]), readers.pypdf(built["ar"])):
        for name in ("التدريب", "المعدات"):
            assert name in readers.words(read), name


def test_right_to_left_table_has_its_first_column_on_the_right_and_figures_flush_right(
    built: dict[str, Path],
) -> None:
    with pdfplumber.open(built["ar"]) as document:
        words = readers.page_words(document.pages[0])
    figures = [w for w in words if w["text"] in ("3,100,000", "600,000")]
    assert len(figures) == 2
    assert abs(figures[0]["x1"] - figures[1]["x1"]) < 0.5  # units under units
    first = [
        w for w in words if w["x0"] > figures[0]["x1"] and abs(w["top"] - figures[0]["top"]) < 6
    ]
    arabic = [c for c in _chars(built["ar"]) if "Arabic" in c["fontname"]]
    row = [c for c in arabic if abs(c["top"] - figures[0]["top"]) < 6]
    assert first and row and max(c["x1"] for c in row) > figures[0]["x1"]


@pytest.mark.parametrize("name", ["ar", "zh"])
def test_sheets_with_charts_and_tables_in_other_scripts_pass_pdf_ua_and_pdf_a(
    name: str, built: dict[str, Path]
) -> None:
    assert failures(built[name]) == []
    assert unembedded(built[name]) == []


def test_a_persian_chart_writes_its_numbers_in_persian_digits_and_separators(
    tmp_path: Path,
) -> None:
    chart = {"type": "bar", "title": "بودجه", "data": {"۲۰۱۹": 1250.5, "۲۰۲۰": 3}}
    sheet = {
        **ARABIC,
        "language": "fa",
        "sections": [
            {"heading": "بودجه", "body": "بودجه افزایش یافت.", "blocks": [{"chart": chart}]}
        ],
    }
    data, _ = render(run_checks(sheet))
    path = tmp_path / "fa.pdf"
    path.write_bytes(data)
    written = readers.pdfium(path)
    assert "۱٬۲۵۰٫۵" in written and "۳٫۰" in written, written
    assert not any(digit in written for digit in "0123456789")
    (shown,) = run_checks(sheet).blocks[0]
    assert isinstance(shown, ChartShown)
    assert "۱٬۲۵۰٫۵" in charts.described(shown, LANGUAGES["fa"])[1]  # the alternate text


def test_a_right_to_left_chart_runs_its_categories_and_series_from_the_right(
    built: dict[str, Path],
) -> None:
    with pdfplumber.open(built["ar"]) as document:
        page = document.pages[0]
        words = {w["text"]: w for w in readers.page_words(page)}
        bars = [r for r in page.rects if r["height"] > 5 and r["width"] < 100]
    assert words["2008"]["x0"] > words["2009"]["x0"] > words["2010"]["x0"]
    # 2010's pair: the first series (4.1, the taller) right of the second (3.3)
    tallest, second = sorted(bars, key=lambda r: -r["height"])[:2]
    assert tallest["x0"] > second["x0"]


def test_a_right_to_left_lying_chart_has_its_names_and_value_axis_on_the_right(
    tmp_path: Path,
) -> None:
    content = {
        **ARABIC,
        "sections": [
            {
                "heading": "التمويل",
                "body": "الميزانية حسب المكون.",
                "blocks": [
                    {
                        "chart": {
                            "type": "hbar",
                            "title": "الميزانية",
                            "data": {"التدريب": 3, "المعدات": 2},
                        }
                    }
                ],
            }
        ],
    }
    data, _ = render(run_checks(content))
    path = tmp_path / "hbar.pdf"
    path.write_bytes(data)
    with pdfplumber.open(path) as document:
        page = document.pages[0]
        bars = [r for r in page.rects if r["height"] > 5 and r["width"] < 300]
        axis = [ln for ln in page.lines if abs(ln["x0"] - ln["x1"]) < 0.1]
        names = [c for c in page.chars if c["top"] > min(b["top"] for b in bars) - 5]
    right_of_bars = max(b["x1"] for b in bars)
    assert all(abs(b["x1"] - right_of_bars) < 0.5 for b in bars)  # they grow leftwards
    assert any(abs(a["x0"] - right_of_bars) < 0.5 for a in axis)  # from the axis, on the right
    name = [c for c in names if "Arabic" in c["fontname"] and c["x0"] > right_of_bars]
    assert name, "the categories' names are right of the bars"
