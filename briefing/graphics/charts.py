"""Charts drawn as vectors with ReportLab's graphic shapes, in the sheet's font and the
theme's colours, and what a screen reader is told of them; photos drawn at 300 dpi of their
printed size.

Bars start at zero and carry their values. A label is never set over another, over a bar or a
line, or outside the chart: the plot's scale leaves each its room, a value turns upright only
when it is too wide for its bar, and labels that still cannot stand clear are left out (the
alternate text states every value). Several series step the primary colour's
lightness, the later ones hatched; lines also differ in dash and marker, and the legend shows
each series as it is drawn. Every label names its font: a chart never falls back to
ReportLab's Helvetica, which PDF/UA and PDF/A forbid unembedded.
"""

from __future__ import annotations

import itertools
import math
from typing import TYPE_CHECKING, Literal, NamedTuple

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, Shape, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import getAscentDescent

from ..content.runs import plain
from ..language import WESTERN, Language
from ..text.hyphenation import hyphen_points
from ..text.setting import natural_width
from ..text.spec import TypeSpec
from ..theme import Theme, rgb
from .mirroring import mirrored

if TYPE_CHECKING:
    from ..content.checks import ChartShown

Kind = Literal["bar", "hbar", "line"]
KINDS: tuple[Kind, ...] = ("bar", "hbar", "line")  # in the order a language names them
Box = tuple[float, float, float, float]  # left, bottom, right, top
_LABEL_GAP = 0.4  # between a label and its bar, axis, point or neighbour, in text sizes
_LEADING = 1.2  # from one line of a label to the next, in text sizes
_LEGEND_SWATCH = 0.9  # a legend swatch's side, in text sizes
_LEGEND_LINE = 2.2  # a line chart's legend sample, in text sizes
_LEGEND_SPACE = 1.6  # between one series' name and the next swatch, in text sizes
_GROUP_SPACE = 0.9  # between two categories' bars, in text sizes
_BAR_SPACE = 0.15  # between two bars of one category, in text sizes
_NAME_LINES = 5  # a column's category name wraps to this many lines, unbroken words, or turns
_NAMES_SHARE = 0.4  # of a horizontal bar chart's width, at most, for its category names
_LEAST_NAMES = 0.2  # of its width, at least, for them: its value labels are left out if need be
_LEAST_BARS = 0.3  # of its width, at least, for its bars
_LEAST_PLOT = 0.35  # of the plot's height, at least, for the values (labels take the rest)
_MARKER = 0.55  # a line's marker, in text sizes
_MAX_DECIMALS = 3  # a label's decimal places, unless the value needs more not to show as 0
_EXACT_DECIMALS = 10  # the alternate text's, at most
_MILLION = 1e6  # a chart whose largest value reaches this labels its values in millions
_SHORTENED = 1e4  # ... those of at least this much


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
    millions: str = "{number}M"  # a value shown in millions
    hyphenation: str = "en_US"  # pyphen's dictionary for names too long for their room
    digits: str = WESTERN  # the digits the language writes its numbers with

    @property
    def values(self) -> list[float]:
        """Every value, series by series."""
        return [v for s in self.series for v in s.values]

    @property
    def legend(self) -> bool:
        """Whether the chart names its series (several, or one given a name)."""
        return len(self.series) > 1 or bool(self.series[0].name)

    @property
    def _divisor(self) -> float:
        return _MILLION if max(abs(v) for v in self.values) >= _MILLION else 1.0

    def _shortened(self, value: float) -> bool:
        return self._divisor > 1 and abs(value) >= _SHORTENED

    @property
    def _decimals(self) -> tuple[int, int]:
        """The decimal places every value shown in full, and every value in millions, has."""
        full = [_places(v, _MAX_DECIMALS) for v in self.values if not self._shortened(v)]
        short = [_places(v / _MILLION, _short_cap(v)) for v in self.values if self._shortened(v)]
        return max(full, default=0), max(short, default=0)

    def label(self, value: float) -> str:
        """A value as the chart prints it: thousands grouped, a minus sign below zero, in
        millions where the chart's values reach them, with the decimal places the chart's
        values need (more for a small value that would otherwise show as zero; in millions,
        none past its own third significant digit)."""
        full, short = self._decimals
        if self._shortened(value):
            number = self._number(value / _MILLION, min(short, _short_cap(value)))
            return self.millions.format(number=number)
        return self._number(value, max(full, _places(value, _small_cap(value))))

    def spoken(self, value: float) -> str:
        """A value as the alternate text states it: in full, as written."""
        common = 0 if self._shortened(value) else self._decimals[0]
        return self._number(value, max(common, _places(value, _EXACT_DECIMALS)))

    def _number(self, value: float, places: int) -> str:
        decimal, thousands = self.separators
        shown = f"{value:,.{places}f}".replace("-", "\u2212")
        if shown.lstrip("\u2212").strip("0.,") == "":
            shown = shown.lstrip("\u2212")  # no minus before a value that rounds to zero
        shown = shown.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
        return shown.translate(str.maketrans(WESTERN, self.digits))


def _places(value: float, cap: int) -> int:
    """The fewest decimal places (at most ``cap``) that show ``value`` rounded to ``cap``."""
    target = round(value, cap)
    for places in range(cap):
        if abs(round(value, places) - target) <= 1e-12 + 4e-16 * abs(value):  # float's own
            return places
    return cap


def _short_cap(value: float) -> int:
    """Decimal places enough to show three significant digits of a value in millions (four
    for 10,000: 0.0100M)."""
    rounded = float(f"{abs(value) / _MILLION:.3g}")  # 0.099999 is 0.100: three places
    return max(0, 2 - math.floor(math.log10(rounded)))


def _small_cap(value: float) -> int:
    """Decimal places enough to show two significant digits of a value under one."""
    if value == 0 or abs(value) >= 1:
        return _MAX_DECIMALS
    return max(_MAX_DECIMALS, 1 - math.floor(math.log10(abs(value))))


def alt_text(data: Data, words: Language) -> str:
    """What a screen reader says for the chart, in the sheet's language: its type, title, unit
    and every value, in full."""
    colon, semicolon = words.punctuation
    unit = f", {words.unit.format(unit=data.unit)}" if data.unit else ""
    parts = [f"{words.charts[KINDS.index(data.kind)]}{colon}{data.title}{unit}."]
    for series in data.series:
        values = semicolon.join(
            f"{category}{colon}{data.spoken(value)}"
            for category, value in zip(data.categories, series.values, strict=True)
        )
        parts.append(f"{series.name}{colon}{values}." if series.name else f"{values}.")
    return " ".join(parts)


def described(shown: ChartShown, words: Language) -> tuple[Data, str]:
    """A chart's numbers as the sheet's language writes them, and what a screen reader is
    told of it: the writer's ``alt``, else every value (:func:`alt_text`). The PDF and the web
    page draw and describe the same chart from these."""
    chart = shown.chart
    data = Data(
        chart.type,
        str(chart.title),
        str(chart.unit or ""),
        shown.categories,
        [Series(name, values) for name, values in shown.series],
        words.separators,
        words.millions,
        words.hyphenation,
        words.digits,
    )
    return data, str(chart.alt) if chart.alt else alt_text(data, words)


def lightness(colour: str, step: float) -> str:
    """``colour`` mixed with ``step`` of white (0 keeps it)."""
    mixed = (round(c + (255 - c) * step) for c in rgb(colour))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def series_colours(theme: Theme, count: int, lines: bool = False) -> list[str]:
    """A colour for each series: steps of the primary colour's lightness (darker for lines,
    which are thin)."""
    steps = theme.chart_steps
    share = theme.chart_line_lightness if lines else 1.0
    return [lightness(theme.primary, steps[i % len(steps)] * share) for i in range(count)]


class _Pen:
    """Draws a chart's text and marks at one size in one font, in the theme's colours; its
    text is measured as the text engine sets it (``lettering``)."""

    def __init__(self, theme: Theme, spec: TypeSpec, hyphenation: str) -> None:
        self.theme, self.spec, self.size = theme, spec, spec.size
        self.font = font = (spec.script_faces or spec.faces).regular
        size = spec.size
        self.hyphenation = hyphenation  # "" in a language without it (Arabic, Chinese …)
        self.ascent, self.descent = getAscentDescent(font, size)  # descent below zero
        self.gap = _LABEL_GAP * size
        self.leading = _LEADING * size

    @property
    def height(self) -> float:
        """A line of text's height."""
        return self.ascent - self.descent

    def width(self, text: str) -> float:
        """How wide ``text`` is set."""
        return natural_width(plain(text), self.spec)

    def text(
        self, x: float, bottom: float, text: str, anchor: str = "middle", colour: str = ""
    ) -> String:
        """``text`` with its bottom (descent included) at ``bottom``, anchored at ``x``."""
        shown = String(x, bottom - self.descent, text, textAnchor=anchor)
        shown.fontName, shown.fontSize = self.font, self.size
        shown.fillColor = HexColor(colour or self.theme.ink)
        return shown

    def upright(self, x: float, y: float, text: str, anchor: str, colour: str = "") -> Group:
        """``text`` turned to read upwards, centred across ``x``, starting (``"start"``) or
        ending (``"end"``) at ``y``."""
        shown = self.text(0.0, self.descent, text, anchor, colour)  # its baseline on y = 0
        middle = x + (self.ascent + self.descent) / 2
        return Group(shown, transform=(0, 1, -1, 0, middle, y))

    def lines(
        self, x: float, top: float, lines: list[str], anchor: str, colour: str = ""
    ) -> list[Shape]:
        """Lines of a name, the first with its top at ``top`` (muted unless ``colour``)."""
        return [
            self.text(
                x, top - self.height - i * self.leading, line, anchor, colour or self.theme.muted
            )
            for i, line in enumerate(lines)
        ]

    def block(self, lines: list[str]) -> float:
        """The height of a name set in ``lines``."""
        return self.height + (len(lines) - 1) * self.leading

    def wrapped(self, text: str, room: float, letters: bool = True) -> list[str]:
        """``text`` broken between words into lines at most ``room`` wide; a wider word is
        hyphenated (not an address), and (if ``letters``) broken between letters where it
        cannot be."""
        lines: list[str] = []
        for word in text.split() or [text]:
            first, *rest = self._broken(word, room, letters)
            joined = f"{lines[-1]} {first}" if lines else first
            if lines and self.width(joined) <= room:
                lines[-1] = joined
            else:
                lines.append(first)
            lines += rest
        return lines

    def _broken(self, word: str, room: float, letters: bool) -> list[str]:
        """``word`` in pieces at most ``room`` wide, each but the last ending in a hyphen (or,
        broken between letters, in none); one wider piece where it cannot be broken."""
        pieces: list[str] = []
        address = any(c in word for c in "/@:.")
        while len(word) > 1 and (end := self._fitting(word, room)) < len(word):
            points = [] if address else hyphen_points(word, self.hyphenation)
            hyphens = [(word[:point], word[point:]) for point in reversed(points)]
            cut = next(((a + "-", b) for a, b in hyphens if self.width(a + "-") <= room), None)
            if cut is None and not letters:
                break
            cut = cut or (word[:end], word[end:])
            pieces, word = [*pieces, cut[0]], cut[1]
        return [*pieces, word]

    def _fitting(self, word: str, room: float) -> int:
        """How many letters of ``word`` fit in ``room``: all, or the most (at least one), by
        doubling then halving (measuring every prefix of 1,000 Chinese letters took 14 s)."""
        low, high = 0, 1  # a prefix of low letters fits; of high, next to try
        while high < len(word) and self.width(word[:high]) <= room:
            low, high = high, high * 2
        if high >= len(word) and self.width(word) <= room:
            return len(word)
        high = min(high, len(word))
        while high - low > 1:  # low fits, high does not
            middle = (low + high) // 2
            low, high = (middle, high) if self.width(word[:middle]) <= room else (low, middle)
        return max(low, 1)

    def bar(self, x: float, y: float, w: float, h: float, index: int) -> list[Shape]:
        """A bar of series ``index``: its fill, outline and (for the later series) hatching."""
        theme = self.theme
        fill = series_colours(theme, index + 1)[index]
        rect = Rect(x, y, w, h, fillColor=HexColor(fill), strokeColor=None)
        if index:
            rect.strokeColor, rect.strokeWidth = HexColor(theme.primary), theme.chart_bar_outline
        shapes: list[Shape] = [rect]
        if index >= theme.chart_hatched:
            ink = "#FFFFFF" if _gray(fill) < 0.5 else theme.primary
            shapes += _hatching(x, y, w, h, theme.chart_hatch_pitch, ink, theme.chart_bar_outline)
        return shapes

    def line_of(self, index: int) -> tuple[str, tuple[float, ...], str]:
        """Series ``index``'s line colour, dash and marker."""
        theme = self.theme
        colour = series_colours(theme, index + 1, lines=True)[index]
        dashes, markers = theme.chart_dashes, theme.chart_markers
        marker = markers[(index // len(dashes)) % len(markers)]
        return colour, dashes[index % len(dashes)], marker

    def marker(self, x: float, y: float, index: int) -> Shape:
        """The marker of line series ``index`` at ``(x, y)``."""
        colour, _, kind = self.line_of(index)
        marker = makeMarker(kind)
        marker.x, marker.y, marker.size = x, y, self.size * _MARKER
        marker.fillColor, marker.strokeColor = HexColor(colour), HexColor(self.theme.primary)
        marker.strokeWidth = self.theme.chart_bar_outline
        return marker

    def polyline(self, points: list[tuple[float, float]], index: int) -> PolyLine:
        """Line series ``index`` through ``points``."""
        colour, dash, _ = self.line_of(index)
        line = PolyLine([c for p in points for c in p], strokeColor=HexColor(colour))
        line.strokeWidth = self.theme.chart_line_width
        line.strokeDashArray = list(dash) or None
        line.strokeLineJoin = 1
        return line


def _gray(colour: str) -> float:
    """The luma of ``colour``, 0 to 1, unrounded: a bar's ink is chosen by it (the theme's
    rounded ``grayscale`` would choose the other ink for a few dozen colours)."""
    r, g, b = (c / 255 for c in rgb(colour))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _hatching(
    x: float, y: float, w: float, h: float, pitch: float, colour: str, width: float
) -> list[Shape]:
    """Rising diagonal lines ``pitch`` apart inside the rectangle."""
    lines: list[Shape] = []
    offset = pitch
    while offset < w + h:
        lo, hi = max(0.0, offset - h), min(w, offset)
        if hi > lo:
            line = Line(x + lo, y + offset - lo, x + hi, y + offset - hi)
            line.strokeColor, line.strokeWidth = HexColor(colour), width
            lines.append(line)
        offset += pitch
    return lines


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: Box, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the segment from ``start`` to ``end`` passes through ``box``."""
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
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def drawing(data: Data, width: float, theme: Theme, spec: TypeSpec) -> Drawing:
    """The chart ``width`` points wide with its text set in ``spec`` (``lettering.label_spec``):
    a legend naming the series (if named), then the plot with its value and category labels."""
    pen = _Pen(theme, spec, data.hyphenation)
    if data.kind == "hbar":
        shapes, height = _lying(data, width, pen)
    else:
        shapes, height = _standing(data, width, pen)
    legend, legend_height = _legend(data, width, pen) if data.legend else ([], 0.0)
    if spec.direction == "rtl":  # categories and legend from the right, values on the right
        shapes = mirrored(shapes, width, pen.ascent + pen.descent)
        legend = mirrored(legend, width, pen.ascent + pen.descent)
    picture = Drawing(width, height + legend_height)
    for shape in shapes:
        picture.add(shape)
    if legend:
        picture.add(Group(*legend, transform=(1, 0, 0, 1, 0, height)))
    return picture


def _legend(data: Data, width: float, pen: _Pen) -> tuple[list[Shape], float]:
    """Each series' swatch (a bar, or a stretch of its line) and name, flowing in rows across
    ``width``, a name too long for a row wrapped; the shapes and the legend's height."""
    line = data.kind == "line"
    sample = (_LEGEND_LINE if line else _LEGEND_SWATCH) * pen.size
    room = width - sample - pen.gap
    entries = [pen.wrapped(s.name, room) for s in data.series]
    rows: list[list[tuple[int, float]]] = [[]]
    used = 0.0
    for index, lines in enumerate(entries):
        wide = sample + pen.gap + max(pen.width(t) for t in lines)
        if rows[-1] and used + wide > width:
            rows.append([])
            used = 0.0
        rows[-1].append((index, used))
        used += wide + _LEGEND_SPACE * pen.size
    heights = [max(pen.block(entries[i]) for i, _ in row) for row in rows]
    height = sum(heights) + len(rows) * pen.gap
    shapes: list[Shape] = []
    top = height
    for row, row_height in zip(rows, heights, strict=True):
        for index, x in row:
            middle = top - pen.height / 2
            if line:
                shapes.append(pen.polyline([(x, middle), (x + sample, middle)], index))
                shapes.append(pen.marker(x + sample / 2, middle, index))
            else:
                shapes += pen.bar(x, middle - sample / 2, sample, sample, index)
            ink = pen.theme.ink
            shapes += pen.lines(x + sample + pen.gap, top, entries[index], "start", ink)
        top -= row_height + pen.gap
    return shapes, height


class _Scale(NamedTuple):
    """How many points a unit of value takes, and the room above and below the zero line."""

    per: float
    above: float
    below: float


Need = tuple[bool, float, float]  # above zero, how far in values, and how far past that in points


def _fit(needs: list[Need], room: float, span: float) -> _Scale:
    """The largest scale at which every need fits ``room`` in all; at least
    :data:`_LEAST_PLOT` of it for ``span`` of values (the chart grows when labels need more)."""

    def extent(per: float) -> tuple[float, float]:
        above = max((v * per + e for up, v, e in needs if up), default=0.0)
        below = max((v * per + e for up, v, e in needs if not up), default=0.0)
        return above, below

    low, high = 0.0, room / span
    for _ in range(40):
        middle = (low + high) / 2
        if sum(extent(middle)) <= room:
            low = middle
        else:
            high = middle
    per = max(low, _LEAST_PLOT * room / span)
    return _Scale(per, *extent(per))


def _span(data: Data) -> float:
    values = data.values
    return (max(max(values), 0.0) - min(min(values), 0.0)) or 1.0


def _standing(
    data: Data, width: float, pen: _Pen, labelled: bool = True
) -> tuple[list[Shape], float]:
    """A column or line chart: the categories along the foot (wrapped, long words hyphenated;
    turned upright when a word still does not fit or a name takes more than
    :data:`_NAME_LINES` lines), the values above the bars or beside the points (unless not
    ``labelled``); the shapes and the height."""
    size, gap, theme = pen.size, pen.gap, pen.theme
    count, series = len(data.categories), len(data.series)
    slot = width / count
    names = [pen.wrapped(c, slot - gap, letters=False) for c in data.categories]
    upright = max(len(lines) for lines in names) > _NAME_LINES or any(
        pen.width(line) > slot - gap for lines in names for line in lines
    )
    if upright:
        names = [[c] for c in data.categories]
    extents = [
        pen.width(c) if upright else pen.block(n)
        for c, n in zip(data.categories, names, strict=True)
    ]
    labels = [[data.label(v) for v in s.values] for s in data.series]
    widest = max(pen.width(t) for row in labels for t in row)
    line = data.kind == "line"
    space = _BAR_SPACE * size if series > 1 else 0.0
    pitch = (slot - _GROUP_SPACE * size) / series
    if line:
        mode = "flat" if labelled else "none"
    elif widest <= (pitch - gap if series > 1 else slot - gap):
        mode = "flat"
    elif pen.height <= pitch:
        mode = "upright"
    else:
        mode = "none"  # too many bars for any label to stand clear: the alt states them

    marker = size * _MARKER / 2 if line else 0.0

    def room(text: str) -> float:  # past a value: its marker, and its label with its gap
        label = {"flat": pen.height, "upright": pen.width(text), "none": -gap}[mode]
        return marker + label + gap

    needs: list[Need] = []
    lowest = [0.0] * count  # each category's reach below zero, in values, and its label's
    below = [0.0] * count
    for row, shown in zip(data.series, labels, strict=True):
        for i, (value, text) in enumerate(zip(row.values, shown, strict=True)):
            needs.append((value >= 0, abs(value), room(text)))
            if value < 0 and -value >= lowest[i]:
                lowest[i], below[i] = -value, room(text)
    floor = min(min(data.values), 0.0)
    for i, extent in enumerate(extents):
        if line:  # all names on one line under the lowest point
            needs.append((False, -floor, (room("") if floor < 0 else 0.0) + gap + extent))
        elif all(s.values[i] <= 0 for s in data.series) and lowest[i] > 0:
            needs.append((True, 0.0, gap + extent))  # above the axis, clear of the bars
        else:
            needs.append((False, lowest[i], below[i] + gap + extent))
    # The plot, room for a label above it, and the names under it.
    plot = theme.chart_height * size / theme.chart_text_size + pen.height + 3 * gap + max(extents)
    scale = _fit(needs, plot, _span(data))
    zero, height = scale.below, scale.above + scale.below
    shapes: list[Shape] = []
    name_top = 0.0
    for i, lines in enumerate(names):
        middle = (i + 0.5) * slot
        if line:
            top = zero - (-floor * scale.per + (room("") if floor < 0 else 0.0)) - gap
            name_top = top
        elif all(s.values[i] <= 0 for s in data.series) and lowest[i] > 0:
            top = zero + gap + extents[i]
        else:
            top = zero - lowest[i] * scale.per - below[i] - gap
        if upright:  # kept inside the drawing, however narrow the slot
            middle = min(max(middle, pen.height / 2), width - pen.height / 2)
            shapes.append(pen.upright(middle, top, lines[0], "end", theme.muted))
        else:
            shapes += pen.lines(middle, top, lines, "middle")
    axis = Line(0, zero, width, zero, strokeColor=HexColor(theme.rule))
    axis.strokeWidth = theme.rule_width
    if line:
        shapes.append(axis)
        bounds = (width, name_top, height)
        drawn = _lines(data, labels if labelled else None, slot, zero, scale.per, bounds, pen)
        if drawn is None:  # without their labels, the lines take their room
            return _standing(data, width, pen, labelled=False)
        return shapes + drawn, height
    for j, (row, shown) in enumerate(zip(data.series, labels, strict=True)):
        for i, (value, text) in enumerate(zip(row.values, shown, strict=True)):
            x = i * slot + (slot - series * pitch) / 2 + j * pitch + space / 2
            end = zero + value * scale.per
            if value:
                shapes += pen.bar(x, min(zero, end), pitch - space, abs(end - zero), j)
            middle = x + (pitch - space) / 2
            if mode == "flat":
                bottom = end + gap if value >= 0 else end - gap - pen.height
                shapes.append(pen.text(middle, bottom, text))
            elif mode == "upright":
                start, anchor = (end + gap, "start") if value >= 0 else (end - gap, "end")
                shapes.append(pen.upright(middle, start, text, anchor))
    shapes.append(axis)
    return shapes, height


def _lines(
    data: Data,
    labels: list[list[str]] | None,
    slot: float,
    zero: float,
    per: float,
    bounds: tuple[float, float, float],
    pen: _Pen,
) -> list[Shape] | None:
    """Each series' line, markers and value ``labels``; a label goes above its point, below
    it, or beside it, wherever it stands clear of every line, marker and label placed before
    it and inside ``bounds`` (right, bottom, top); where none is clear it is left out. None
    when a chart of several lines would leave one out: it is then drawn with no labels."""
    right, bottom, top = bounds
    points = [
        [((i + 0.5) * slot, zero + v * per) for i, v in enumerate(s.values)] for s in data.series
    ]
    segments = [(a, b) for row in points for a, b in itertools.pairwise(row)]
    reach = pen.size * _MARKER / 2 + pen.gap / 2
    taken: list[Box] = [
        (x - reach, y - reach, x + reach, y + reach) for row in points for x, y in row
    ]
    shapes: list[Shape] = [pen.polyline(row, j) for j, row in enumerate(points)]
    shapes += [pen.marker(x, y, j) for j, row in enumerate(points) for x, y in row]
    if labels is None:
        return shapes
    placed: list[Box] = []
    texts: list[Shape] = []
    for j, row in enumerate(points):
        for i, (x, y) in enumerate(row):
            text, wide, high = labels[j][i], pen.width(labels[j][i]), pen.height
            others = [p[i][1] for k, p in enumerate(points) if k != j]
            up = not others or y >= sum(others) / len(others)
            above = [
                (x - wide / 2, y + pen.gap),
                (x + reach, y + reach / 2),
                (x - reach - wide, y + reach / 2),
            ]
            under = [
                (x - wide / 2, y - pen.gap - high),
                (x + reach, y - reach / 2 - high),
                (x - reach - wide, y - reach / 2 - high),
            ]
            for left, foot in above + under if up else under + above:
                box = (left, foot, left + wide, foot + high)
                if (
                    box[0] >= 0
                    and box[2] <= right
                    and box[1] >= bottom
                    and box[3] <= top
                    and not any(_overlap(box, other) for other in taken + placed)
                    and not any(_crosses(box, a, b) for a, b in segments)
                ):
                    placed.append(box)
                    texts.append(pen.text(left, foot, text, "start"))
                    break
    if len(points) > 1 and len(texts) < sum(len(row) for row in points):
        return None  # some left out: which line a label belongs to would be a guess
    return shapes + texts


def _lying(data: Data, width: float, pen: _Pen, labelled: bool = True) -> tuple[list[Shape], float]:
    """A bar chart lying down: category names at the left (at most :data:`_NAMES_SHARE` of the
    width, less where the values' labels need it, wrapped, flush right), the first at the top;
    values past the bars' ends (unless not ``labelled``: left out when, with names of at least
    :data:`_LEAST_NAMES` of the width, they would not fit beside bars of :data:`_LEAST_BARS`)."""
    size, gap, theme = pen.size, pen.gap, pen.theme
    series = len(data.series)
    labels = [[data.label(v) if labelled else "" for v in s.values] for s in data.series]
    pairs = [
        (v, pen.width(t) if labelled else -gap)
        for s, row in zip(data.series, labels, strict=True)
        for v, t in zip(s.values, row, strict=True)
    ]
    after = max((w for v, w in pairs if v >= 0), default=-gap) + gap
    before = max((w for v, w in pairs if v < 0), default=-gap) + gap
    room = min(width * _NAMES_SHARE, width * (1 - _LEAST_BARS) - after - before) - 2 * gap
    if labelled and room < width * _LEAST_NAMES:
        return _lying(data, width, pen, labelled=False)
    names = [pen.wrapped(c, room) for c in data.categories]
    names_width = max(pen.width(t) for lines in names for t in lines)
    start = names_width + 2 * gap + before  # a negative value's label clear of names
    plot = max(width - start - after, width * _LEAST_BARS)
    per = plot / _span(data)
    zero = start - min(min(data.values), 0.0) * per
    space = _BAR_SPACE * size if series > 1 else 0.0
    bar = pen.height + 0.1 * size
    group = series * (bar + space)
    band = max(max(group, pen.block(n)) for n in names) + _GROUP_SPACE * size
    height = band * len(names)
    shapes: list[Shape] = []
    for i, lines in enumerate(names):
        top = height - i * band
        shapes += pen.lines(names_width, top - (band - pen.block(lines)) / 2, lines, "end")
        for j, (row, shown) in enumerate(zip(data.series, labels, strict=True)):
            y = top - (band - group) / 2 - (j + 1) * (bar + space) + space / 2
            end = zero + row.values[i] * per
            if row.values[i]:
                shapes += pen.bar(min(zero, end), y, abs(end - zero), bar, j)
            foot = y + (bar - pen.height) / 2
            if not labelled:
                continue
            if row.values[i] >= 0:
                shapes.append(pen.text(end + gap, foot, shown[i], "start"))
            else:
                shapes.append(pen.text(end - gap, foot, shown[i], "end"))
    axis = Line(zero, 0, zero, height, strokeColor=HexColor(theme.rule))
    axis.strokeWidth = theme.rule_width
    shapes.append(axis)
    return shapes, height
