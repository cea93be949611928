"""Charts read back from the PDF: no label over another, a bar, a line or the title; every label
inside the column; numbers as a reader wants them; series told apart in gray."""

from __future__ import annotations

import functools
import itertools
from typing import Any

import pdfplumber
import pytest

from ..layout.test_blocks import MIN_CHART_TEXT, WORDS, Built, _gray, _sheet

LEFT, GUTTER = 48.0, 22.0  # the page's margin and the gutter between its two columns
TOLERANCE = 0.3  # points two glyphs' boxes may share (kerning, rounding)
SIX = {f"Series {i}": {f"FY{2010 + c}": 1 + i * c for c in range(6)} for i in range(6)}
MANY = {f"Series {i}": {f"C{c}": (c * 7 + i * 3) % 11 for c in range(24)} for i in range(6)}
CHARTS: dict[str, dict[str, Any]] = {
    "dollars": {
        "type": "bar",
        "title": "INCLE funding by fiscal year",
        "unit": "dollars",
        "data": {f"FY{2008 + i}": v for i, v in enumerate([5e5, 3.5e6, 7.4e6, 5.2e6, 6e6, 6.1e6])},
    },
    "huge": {
        "type": "bar",
        "title": "Huge numbers",
        "data": {"A": 1000000000.5, "B": 2.5e9, "C": 0.25, "D": 12, "E": 2.4e9},
    },
    "six": {"type": "bar", "title": "Six series", "unit": "cases", "series": SIX},
    "many": {"type": "bar", "title": "Six series of 24", "series": MANY},
    "many lines": {"type": "line", "title": "Six lines of 24", "series": MANY},
    "close lines": {
        "type": "line",
        "title": "Line with negatives and close values",
        "series": {
            "A": {"Q1": -5, "Q2": -4.9, "Q3": 10, "Q4": 10.1},
            "B": {"Q1": -5.1, "Q2": -4.8, "Q3": 10.05, "Q4": 10},
        },
    },
    "decimals": {
        "type": "line",
        "title": "Decimals",
        "data": {"A": 0.001, "B": 0.0257, "C": 4 / 3},
    },
    "legend": {
        "type": "bar",
        "title": "Funding by program",
        "series": {
            "Border security and customs modernization along the northern frontier": {
                "FY2010": 2,
                "FY2011": 3,
            },
            "Police": {"FY2010": 1, "FY2011": 2},
        },
    },
    "words": {
        "type": "hbar",
        "title": "Unbreakable labels",
        "data": {
            "Antidisestablishmentarianismwithoutspacesatall": 3,
            "https://www.state.gov/bureau-of-international-narcotics": 5,
        },
    },
    "names": {
        "type": "bar",
        "title": "Long category names",
        "unit": "$ millions",
        "data": {
            "Police training and advisory support programs": 3.5,
            "Border security and customs modernization": 7.4,
            "Justice sector reform and court administration": 2.1,
            "Demand reduction and treatment": 1.0,
        },
    },
    "below zero": {
        "type": "bar",
        "title": "Negative values",
        "data": {"2019": -12.5, "2020": 4.0, "2021": -3.25, "2022": 0, "2023": 8},
    },
    "hbar below zero": {
        "type": "hbar",
        "title": "Negative values",
        "data": {"Police": -1250000, "Customs": 3400000, "Courts": 25000},
    },
    "one named": {
        "type": "line",
        "title": "One series given as series",
        "series": {"Police": {"FY2010": 1, "FY2011": 2, "FY2012": 1.5}},
    },
    "scripts": {
        "type": "hbar",
        "title": "Names in their own scripts in an English sheet",
        "series": {"القاهرة": {"北京市": 3, "Paris": 4}, "Lagos": {"北京市": 2, "Paris": 1}},
    },
    "tiny": {
        "type": "bar",
        "title": "Tiny values",
        "data": {"A": 0.00012, "B": 0.5, "C": 0.0049, "D": 1.23456789},
    },
}


class Chart:
    """One chart built alone on a sheet: its caption's, figure's and marks' positions."""

    def __init__(self, chart: dict[str, Any]) -> None:
        self.sheet = Built(_sheet([{"chart": chart}], body=WORDS * 4))
        (self.figure,) = self.sheet.elements("/Figure")
        (caption,) = self.sheet.elements("/Caption")
        self.caption = self.sheet.chars_of(caption)
        self.chars = self.sheet.chars_of(self.figure)
        page = self.sheet.plumber.pages[0]
        height = page.height
        x0, y0, x1, y1 = (float(v) for v in self.figure.A.BBox)
        self.box = (x0, height - y1, x1, height - y0)  # in pdfplumber's top-down terms

        def inside(o: dict[str, Any]) -> bool:
            return bool(
                o["x0"] >= x0 - 0.5
                and o["x1"] <= x1 + 0.5
                and o["top"] >= self.box[1] - 0.5
                and o["bottom"] <= self.box[3] + 0.5
            )

        self.bars = [r for r in page.rects if r["fill"] and inside(r)]
        self.strokes = [o for o in page.curves + page.lines if inside(o)]
        width = (page.width - 2 * LEFT - GUTTER) / 2
        left = (
            LEFT if min(c["x0"] for c in self.caption) < page.width / 2 else LEFT + width + GUTTER
        )
        self.column = (left, left + width)

    @property
    def words(self) -> list[dict[str, Any]]:
        """The figure's words (labels, names, legend), each with its box."""
        return pdfplumber.utils.extract_words(self.chars)  # type: ignore[attr-defined,no-any-return]

    @property
    def drawn(self) -> str:
        return " ".join(w["text"] for w in self.words)


@functools.cache
def chart(name: str) -> Chart:
    return Chart(CHARTS[name])


def _shrunk(o: dict[str, Any], by: float = TOLERANCE) -> tuple[float, float, float, float]:
    return (o["x0"] + by, o["top"] + by, o["x1"] - by, o["bottom"] - by)


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: tuple[float, ...], start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box`` (Liang-Barsky)."""
    (x0, y0), (x1, y1) = start, end
    low, high = 0.0, 1.0
    for p, q in (
        (x0 - x1, x0 - box[0]),
        (x1 - x0, box[2] - x0),
        (y0 - y1, y0 - box[1]),
        (y1 - y0, box[3] - y0),
    ):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        low, high = (max(low, t), high) if p < 0 else (low, min(high, t))
        if low > high:
            return False
    return True


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_chart_text_overlaps_other_text(name: str) -> None:
    shown = chart(name)
    for a, b in itertools.combinations(shown.chars, 2):
        assert not _overlap(_shrunk(a), _shrunk(b)), (a["text"], b["text"], a["x0"], a["top"])


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_no_chart_text_crosses_a_bar_or_a_line(name: str) -> None:
    shown = chart(name)
    for char in shown.chars:
        box = _shrunk(char, 0.6)
        for bar in shown.bars:
            assert not _overlap(box, _shrunk(bar, 0.0)), (char["text"], bar["x0"], bar["top"])
        for stroke in shown.strokes:
            for a, b in itertools.pairwise(stroke["pts"]):
                assert not _crosses(box, a, b), (char["text"], char["x0"], char["top"], a, b)


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_text_stays_under_its_title_and_inside_its_column(name: str) -> None:
    shown = chart(name)
    title_foot = max(c["bottom"] for c in shown.caption)
    left, right = shown.column
    for char in shown.chars:
        assert char["top"] >= title_foot, char["text"]
        assert left - 0.5 <= char["x0"] and char["x1"] <= right + 0.5, char["text"]
        # pdfplumber's size of a turned glyph is its advance; across, it is as wide as its size
        size = char["size"] if char["upright"] else char["x1"] - char["x0"]
        assert size >= MIN_CHART_TEXT - 0.01


@pytest.mark.parametrize("name", ["six", "many", "many lines"])
def test_the_alt_text_states_every_value_even_where_the_chart_leaves_labels_out(name: str) -> None:
    alt = str(chart(name).figure.Alt)
    for series, values in CHARTS[name]["series"].items():
        stated = alt.split(f"{series}: ")[1].split(".")[0]
        assert stated == "; ".join(f"{c}: {v}" for c, v in values.items())


def test_big_values_print_in_millions_and_the_alt_in_full() -> None:
    shown = chart("dollars")
    assert {"0.5M", "3.5M", "7.4M", "5.2M", "6.0M", "6.1M"} <= set(shown.drawn.split())
    assert "FY2010: 7,400,000;" in str(shown.figure.Alt)
    huge = chart("huge")
    assert {"1,000M", "2,500M", "0.25", "2,400M"} <= set(huge.drawn.split())
    assert "A: 1,000,000,000.5; B: 2,500,000,000; C: 0.25" in str(huge.figure.Alt)


def test_each_value_prints_the_decimals_it_needs_and_none_prints_as_zero() -> None:
    shown = chart("tiny")
    assert {"0.00012", "0.500", "0.0049", "1.235"} <= set(shown.drawn.split())
    assert "A: 0.00012; B: 0.500; C: 0.0049; D: 1.23456789." in str(shown.figure.Alt)
    assert {"0.001", "0.026", "1.333"} <= set(chart("decimals").drawn.split())


@pytest.mark.parametrize("name", ["many", "many lines"])
def test_too_many_bars_or_points_for_clear_labels_print_none_but_their_names(name: str) -> None:
    drawn = chart(name).drawn.split()
    assert "Series 5" in chart(name).drawn
    assert len([w for w in drawn if w.isdigit()]) == 6  # the series' names' only


def test_close_lines_keep_each_label_clear_or_leave_it_out() -> None:
    drawn = chart("close lines").drawn.split()
    values = [w for w in drawn if w[-1].isdigit() and w not in ("Q1", "Q2", "Q3", "Q4")]
    assert len(values) >= 6  # most stay (two values print 10.00)


def test_long_names_wrap_across_before_they_turn() -> None:
    for name in ("names", "legend"):
        assert all(c["upright"] for c in chart(name).chars), name
    drawn = set(chart("names").drawn.split())
    assert "training" in drawn  # a name wraps between its words
    assert "modernization" in drawn or {"moderniza-", "tion"} <= drawn  # or, hyphenated


def test_a_horizontal_bar_charts_names_take_at_most_40_percent_and_break_long_words() -> None:
    shown = chart("words")
    left, right = shown.column
    names = [w for w in shown.words if w["text"] not in ("3", "5")]
    assert max(w["x1"] for w in names) <= left + 0.4 * (right - left) + 0.5
    joined = "".join(w["text"] for w in names)
    assert joined.replace("-", "").startswith("Antidisestablishmentarianism")
    assert "https://www.state.gov/bureau-of-international-narcotics" in joined  # unhyphenated
    assert min(b["x0"] for b in shown.bars) > max(w["x1"] for w in names)


def test_names_sit_at_the_axis_and_clear_of_the_values_below_zero() -> None:
    shown = chart("below zero")
    words = {w["text"]: w for w in shown.words}
    axis = [s for s in shown.strokes if s["top"] == pytest.approx(s["bottom"])]
    zero = max(axis, key=lambda s: s["x1"] - s["x0"])["top"]
    assert words["2019"]["bottom"] < zero < words["2020"]["top"]  # above it for a bar below
    assert words["2020"]["top"] - zero < 9 and zero - words["2019"]["bottom"] < 9
    assert words["2023"]["top"] < words["\u221212.50"]["top"]  # not under the lowest bar
    lying = {w["text"]: w for w in chart("hbar below zero").words}
    assert lying["Police"]["x1"] < lying["\u22121.25M"]["x0"]


def test_names_in_other_scripts_print_in_their_scripts_faces() -> None:
    shown = chart("scripts")
    fonts = {c["text"]: c["fontname"].partition("+")[2] for c in shown.chars}
    assert fonts["北"] == "NotoSansCJKsc-Regular" and fonts["P"] == "NotoSans-Regular"
    assert "NotoSansArabic-Regular" in fonts.values()
    assert {"北京市", "Paris", "Lagos"} <= set(shown.drawn.split())


def test_a_single_named_series_keeps_its_name() -> None:
    shown = chart("one named")
    assert "Police" in shown.drawn
    assert str(shown.figure.Alt).split(". ")[1].startswith("Police: ")


def test_six_series_differ_in_gray_or_hatching() -> None:
    shown = chart("six")
    fills = sorted({round(_gray(b["non_stroking_color"]), 3) for b in shown.bars})
    assert len(fills) == 6
    assert min(b - a for a, b in itertools.pairwise(fills)) >= 0.1
    hatches = [s for s in shown.strokes if s["x1"] - s["x0"] > 0.5 and s["bottom"] - s["top"] > 0.5]
    assert hatches  # diagonal lines inside the later series' bars


def test_a_line_charts_legend_shows_each_lines_dash() -> None:
    shown = chart("close lines")
    legend_foot = min(w["bottom"] for w in shown.words if w["text"] in ("A", "B"))
    samples = [
        s for s in shown.strokes if s["bottom"] <= legend_foot + 1 and s["object_type"] == "line"
    ]
    dashes = {tuple(s["dash"][0]) for s in samples}
    assert len(dashes) == 2 and () in dashes


def test_lines_left_without_labels_keep_no_room_for_them() -> None:
    shown = chart("many lines")
    legend_foot = max(w["bottom"] for w in shown.words if w["text"] == "Series")
    plot = [s for s in shown.strokes if s["top"] > legend_foot + 1]
    assert min(s["top"] for s in plot) - legend_foot < 12  # not a label's height and more


@pytest.mark.parametrize("width", [100, 150, 200, 250, 350])
@pytest.mark.parametrize(
    "values",
    [[187250.25, 99999.75, 12.5], [187250.25, -99999.75, 3], [-187250.25, 5, 1], [9.9e8, 1, 2]],
)
def test_a_horizontal_bar_charts_labels_stay_inside_it_however_narrow(
    width: float, values: list[float]
) -> None:
    from reportlab.graphics.shapes import Group, String

    from briefing.content.runs import plain
    from briefing.fonts import register
    from briefing.graphics import charts
    from briefing.graphics.lettering import label_spec
    from briefing.language import LANGUAGES
    from briefing.layout.specs import type_specs
    from briefing.text.setting import natural_width
    from briefing.theme import Theme

    theme = Theme()
    specs = type_specs(theme, register("Noto Sans"), LANGUAGES["en"], 1.0)
    spec = label_spec(specs["caption"], theme.chart_text_size)
    names = ["Northern provinces", "Administrative reorganisation", "Capital district"]
    data = charts.Data("hbar", "Money", "", names, [charts.Series("", values)])

    def strings(shapes: list[Any]) -> list[String]:
        found = [s for s in shapes if isinstance(s, String)]
        return found + [t for g in shapes if isinstance(g, Group) for t in strings(g.contents)]

    for string in strings(charts.drawing(data, width, theme, spec).contents):
        wide = natural_width(plain(string.text), spec)
        left = string.x - {"start": 0.0, "middle": wide / 2, "end": wide}[string.textAnchor]
        assert left >= -0.5 and left + wide <= width + 0.5, (string.text, left, wide)
