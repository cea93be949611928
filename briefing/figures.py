"""Charts drawn as vectors with ReportLab's own charts, in the sheet's font and the theme's
colours, and what a screen reader is told of them; photos drawn at 300 dpi of their printed size.

Bars start at zero and carry their values; several series step the primary colour's lightness
(and, on a line chart, the line's dash) so they stay apart in gray, with a legend naming them.
Every label names its font: a chart never falls back to ReportLab's Helvetica, which PDF/UA
and PDF/A forbid unembedded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

from reportlab.graphics.charts.barcharts import (
    BarChart,
    HorizontalBarChart,
    VerticalBarChart,
)
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from .images import PHOTO_DPI, Picture, drawn
from .language import Language
from .theme import Theme

Kind = Literal["bar", "hbar", "line"]
KINDS: tuple[Kind, ...] = ("bar", "hbar", "line")  # in the order a language names them
_HEADROOM = 1.6  # a value label's room above its bar or point, in text sizes
_LABEL_GAP = 0.4  # between a label and its bar, axis or point, in text sizes
_LEGEND_SWATCH = 0.9  # a legend swatch's side, in text sizes
_LEGEND_PITCH = 1.4  # from one row of the legend to the next, in text sizes
_LEGEND_SPACE = 2.0  # between one series' name and the next swatch, in text sizes
_NAMES_SHARE = 0.4  # of a horizontal bar chart's width, at most, for its category names
_MAX_DECIMALS = 3


class Series(NamedTuple):
    """One named row of values, one a category ("" names the only series)."""

    name: str
    values: list[float]


class Data(NamedTuple):
    """A chart's numbers: its categories in order and one or more series over them."""

    kind: Kind
    title: str
    unit: str
    categories: list[str]
    series: list[Series]
    separators: tuple[str, str] = (".", ",")  # decimal, thousands

    @property
    def negative(self) -> bool:
        """Whether some value is below zero."""
        return any(v < 0 for s in self.series for v in s.values)

    @property
    def legend(self) -> bool:
        """Whether the chart needs a legend (more than one series)."""
        return len(self.series) > 1

    def label(self, value: float) -> str:
        """A value as labelled: thousands grouped, with as many decimal places as the chart's
        values need (the same for all), and a minus sign below zero."""
        decimal, thousands = self.separators
        shown = f"{value:,.{decimals_of(self)}f}".replace("-", "\u2212")
        return shown.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def decimals_of(data: Data) -> int:
    """The fewest decimal places that show every value of the chart as given."""
    places = 0
    for series in data.series:
        for value in series.values:
            while places < _MAX_DECIMALS and abs(round(value, places) - value) > 1e-9:
                places += 1
    return places


def alt_text(data: Data, words: Language) -> str:
    """What a screen reader says for the chart, in the sheet's language: its type, title, unit
    and every value."""
    unit = f", {words.unit.format(unit=data.unit)}" if data.unit else ""
    parts = [f"{words.charts[KINDS.index(data.kind)]}: {data.title}{unit}."]
    for series in data.series:
        values = "; ".join(
            f"{category}: {data.label(value)}"
            for category, value in zip(data.categories, series.values, strict=True)
        )
        parts.append(f"{series.name}: {values}." if series.name else f"{values}.")
    return " ".join(parts)


def lightness(colour: str, step: float) -> str:
    """``colour`` mixed with ``step`` of white (0 keeps it)."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    mixed = (round(c + (255 - c) * step) for c in (r, g, b))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def series_colours(theme: Theme, count: int) -> list[str]:
    """A colour for each series: steps of the primary colour's lightness."""
    steps = theme.chart_steps
    return [lightness(theme.primary, steps[i % len(steps)]) for i in range(count)]


def drawing(data: Data, width: float, size: float, theme: Theme, font: str) -> Drawing:
    """The chart ``width`` points wide with its text at ``size`` points in ``font``: the plot,
    value labels, category labels and (for several series) a legend above the plot."""
    colours = series_colours(theme, len(data.series))
    rows = _legend_rows(data, width, size, font) if data.legend else 0
    legend_height = (rows * _LEGEND_PITCH + 2 * _LABEL_GAP) * size if rows else 0.0
    if data.kind == "hbar":
        chart: BarChart | HorizontalLineChart = _horizontal(data, width, size, font)
    else:
        chart = _vertical(data, width, size, theme, font)
    headroom = (_LABEL_GAP if data.kind == "hbar" else _HEADROOM) * size  # for value labels
    height = chart.y + chart.height + headroom + legend_height
    picture = Drawing(width, height)
    _style(chart, data, colours, size, theme, font)
    picture.add(chart)
    picture.add(_axis_line(chart, theme))
    if data.legend:
        picture.add(_legend(data, colours, width, height, size, theme, font))
    return picture


def _vertical(
    data: Data, width: float, size: float, theme: Theme, font: str
) -> BarChart | HorizontalLineChart:
    """A column or line chart: categories along the foot, turned upright when they crowd."""
    chart: BarChart | HorizontalLineChart = (
        HorizontalLineChart() if data.kind == "line" else VerticalBarChart()
    )
    widest = max(stringWidth(c, font, size) for c in data.categories)
    slot = width / len(data.categories)
    upright = widest > slot * 0.92
    below = _HEADROOM * size if data.negative else 0.0  # labels under bars that go down
    foot = (widest if upright else size) + 2 * _LABEL_GAP * size + below
    chart.x, chart.y = 0.0, foot
    chart.width = width
    chart.height = theme.chart_height * size / theme.chart_text_size
    axis = chart.categoryAxis
    axis.categoryNames = list(data.categories)
    axis.joinAxisMode = "bottom"  # under the plot, not on zero
    axis.labels.angle = 90 if upright else 0
    axis.labels.boxAnchor = "e" if upright else "n"
    axis.labels.dy = -_LABEL_GAP * size - below
    if upright:
        axis.labels.dx = 0
    return chart


def _horizontal(data: Data, width: float, size: float, font: str) -> BarChart:
    """A bar chart lying down: category names at the left, the first at the top, values past
    the bars' ends."""
    chart = HorizontalBarChart()
    gap = _LABEL_GAP * size
    shown = [_wrapped(c, font, size, width * _NAMES_SHARE - 2 * gap) for c in data.categories]
    names = max(stringWidth(line, font, size) for c in shown for line in c) + 2 * gap
    values = _widest_value(data, font, size) + 2 * gap
    before = values if data.negative else 0.0  # labels left of the bars that go left
    left = names + before
    chart.x, chart.y = left, 0.0
    chart.width = max(width - left - values, width * 0.3)
    lines = max(len(c) for c in shown)
    band = max(len(data.series) * 1.5, lines * _LEGEND_PITCH) + 0.6  # a category's, in sizes
    chart.height = len(data.categories) * band * size
    axis = chart.categoryAxis
    axis.categoryNames = ["\n".join(c) for c in shown]
    axis.labels.leading = _LEGEND_PITCH * size
    axis.joinAxisMode = "left"  # names left of the plot, not on zero
    axis.reverseDirection = 1
    axis.labels.boxAnchor, axis.labels.textAnchor = "e", "end"  # lines flush right
    axis.labels.dx = -gap - before
    return chart


def _wrapped(text: str, font: str, size: float, room: float) -> list[str]:
    """``text`` broken between words into lines at most ``room`` wide (a longer word alone)."""
    lines: list[str] = []
    for word in text.split():
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and stringWidth(joined, font, size) <= room:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines or [text]


def _widest_value(data: Data, font: str, size: float) -> float:
    labels = [data.label(v) for s in data.series for v in s.values]
    return max((stringWidth(text, font, size) for text in labels), default=0.0)


def _style(
    chart: BarChart | HorizontalLineChart,
    data: Data,
    colours: list[str],
    size: float,
    theme: Theme,
    font: str,
) -> None:
    """Values, scale, colours and every label's font and size."""
    chart.data = [tuple(series.values) for series in data.series]
    values = [v for s in data.series for v in s.values]
    low, high = min(min(values), 0.0), max(max(values), 0.0)
    value_axis = chart.valueAxis
    value_axis.valueMin = low
    value_axis.valueMax = high if high > low else low + 1
    value_axis.visible = 0  # the values are on the bars: no scale to read them from
    category_axis = chart.categoryAxis
    category_axis.visibleTicks = 0
    category_axis.visibleAxis = 0  # drawn by _axis_line, on zero
    labels = category_axis.labels
    labels.fontName, labels.fontSize, labels.fillColor = font, size, HexColor(theme.muted)
    ink = HexColor(theme.ink)

    if isinstance(chart, HorizontalLineChart):
        chart.lineLabelFormat = data.label
        chart.lineLabels.fontName, chart.lineLabels.fontSize = font, size
        chart.lineLabels.fillColor = ink
        chart.lineLabels.dy = _LABEL_GAP * size
        chart.lineLabelNudge = 0  # ReportLab's 10 points would reach past the drawing
        chart.lineLabels.boxAnchor = "s"
        chart.joinedLines = 1
        for index, colour in enumerate(colours):
            line = chart.lines[index]
            line.strokeColor = HexColor(colour)
            line.strokeWidth = theme.chart_line_width
            line.strokeDashArray = theme.chart_dashes[index % len(theme.chart_dashes)] or None
            marker = makeMarker("FilledCircle")
            marker.size = size * 0.55
            marker.fillColor, marker.strokeColor = HexColor(colour), HexColor(theme.primary)
            line.symbol = marker
        return
    chart.barLabelFormat = data.label
    bar_labels = chart.barLabels
    bar_labels.fontName, bar_labels.fontSize, bar_labels.fillColor = font, size, ink
    horizontal = isinstance(chart, HorizontalBarChart)
    slots = len(data.categories) * len(data.series)
    chart.groupSpacing = size * 0.9
    chart.barSpacing = size * 0.15 if len(data.series) > 1 else 0
    if horizontal:
        bar_labels.boxAnchor, bar_labels.dx = "w", _LABEL_GAP * size
    else:
        bar = chart.width / slots - chart.groupSpacing / len(data.series)
        upright = _widest_value(data, font, size) > bar
        bar_labels.boxAnchor = "w" if upright else "s"
        bar_labels.angle = 90 if upright else 0
        bar_labels.dy = _LABEL_GAP * size
    for index, colour in enumerate(colours):
        bars = chart.bars[index]
        bars.fillColor = HexColor(colour)
        bars.strokeColor = HexColor(theme.primary)
        bars.strokeWidth = theme.chart_bar_outline if index else 0


def _axis_line(chart: BarChart | HorizontalLineChart, theme: Theme) -> Line:
    """The zero line the bars stand on."""
    axis = chart.valueAxis
    axis.setPosition(chart.x, chart.y, chart.width if _lying(chart) else chart.height)
    axis.configure(chart.data)
    zero = axis.scale(0.0)
    if _lying(chart):
        line = Line(zero, chart.y, zero, chart.y + chart.height)
    else:
        line = Line(chart.x, zero, chart.x + chart.width, zero)
    line.strokeColor, line.strokeWidth = HexColor(theme.rule), theme.rule_width
    return line


def _lying(chart: BarChart | HorizontalLineChart) -> bool:
    return isinstance(chart, HorizontalBarChart)


def _legend_item(data: Data, size: float, font: str) -> float:
    """The width of one series in the legend: swatch, name and the space after it."""
    name = max(stringWidth(s.name, font, size) for s in data.series)
    return (_LEGEND_SWATCH + _LABEL_GAP + _LEGEND_SPACE) * size + name


def _legend_rows(data: Data, width: float, size: float, font: str) -> int:
    """How many rows the legend needs to stay within ``width``."""
    across = max(1, int(width // _legend_item(data, size, font)))
    return -(-len(data.series) // across)


def _legend(
    data: Data,
    colours: Sequence[str],
    width: float,
    height: float,
    size: float,
    theme: Theme,
    font: str,
) -> Legend:
    """The series' names beside their swatches, in rows above the plot."""
    legend = Legend()
    legend.fontName, legend.fontSize = font, size
    legend.fillColor = HexColor(theme.ink)
    legend.alignment = "right"
    legend.columnMaximum = _legend_rows(data, width, size, font)
    legend.dx = legend.dy = _LEGEND_SWATCH * size
    legend.dxTextSpace = _LABEL_GAP * size
    legend.deltax = _legend_item(data, size, font)
    legend.deltay = _LEGEND_PITCH * size
    legend.autoXPadding = _LEGEND_SPACE * size
    legend.strokeColor = HexColor(theme.primary)
    legend.strokeWidth = theme.chart_bar_outline
    legend.x, legend.y = 0.0, height - _LABEL_GAP * size
    legend.boxAnchor = "nw"
    legend.colorNamePairs = [
        (HexColor(colour), series.name) for colour, series in zip(colours, data.series, strict=True)
    ]
    return legend


class Photo(Flowable):
    """A photo ``width`` by ``height`` points, drawn with at most :data:`PHOTO_DPI` pixels per
    inch of that size: a photo loaded for the widest page is scaled down to the column it
    prints in."""

    def __init__(self, picture: Picture, width: float, height: float) -> None:
        super().__init__()
        self.picture, self.width, self.height = picture, width, height

    def draw(self) -> None:
        """Draw the photo, scaled down first if it has more pixels than its size needs."""
        wanted = round(self.width / 72 * PHOTO_DPI)
        self.canv.drawImage(drawn(self.picture, wanted), 0, 0, self.width, self.height)
