"""Charts, tables and photos in a section, each set whole at one width and scale with its
caption and source, as an :class:`Exhibit` that packing moves from column to column whole.

Each is a small region of placed pieces with their structure roles:

- a chart: a ``Div`` holding its title and unit (``Caption``), the drawing (``Figure`` with
  alternate text stating every value) and its source (``P``);
- a table: a ``Div`` holding the ``Table`` (its ``Caption`` first, then ``THead`` and
  ``TBody`` of ``TR`` rows of ``TH`` and ``TD`` cells) and its source;
- a photo: a ``Div`` holding the picture (``Figure``, or an artifact when decorative) and its
  caption and credit (one ``Caption``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from ..content.checks import ChartShown, PhotoShown, TableShown
from ..content.fields import Text
from ..content.runs import BREAK, Run, Runs, emboldened, joined, plain
from ..errors import Problem
from ..flowables import Flowable
from ..language import Language
from ..text.measure import measure
from ..text.setting import natural_width
from ..text.spec import TypeSpec
from ..text.textbox import TextBox, typeset
from ..theme import Theme
from .records import Entry, Region, Role, Shape
from .widths import HAIR, shared

Kind = Literal["chart", "table", "photo"]  # as a writer's message names it


class Exhibit(Flowable):
    """A chart, table or photo set at one width, with its caption and source: one block that
    is never split between columns."""

    def __init__(
        self,
        kind: Kind,
        region: Region,
        width: float,
        gap: float,
        written: Text,
        problem: Problem | None = None,
    ) -> None:
        super().__init__()
        self.kind = kind
        self.region, self.width, self.height = region, width, region.height
        self.before = self.after = gap  # spread by the air, like the gaps between paragraphs
        self.written = written  # where the writer wrote it: reports of what to cut point here
        self.problem = problem  # why it cannot be set as it should at any scale: a table too wide

    def part(self, first: int, count: int, spread: float = 0.0) -> Exhibit:
        """The exhibit itself: it is never split."""
        return self


class Setter:
    """Sets exhibits at one scale: the page's type specs and language, a source of element
    numbers."""

    def __init__(
        self,
        theme: Theme,
        specs: dict[str, TypeSpec],
        words: Language,
        scale: float,
        element: Callable[[], int],
    ) -> None:
        self.theme, self.specs, self.words = theme, specs, words
        self.scale, self.element = scale, element

    def _text(self, text: Runs, spec: str, width: float) -> TextBox:
        return typeset(text, self.specs[spec], width)

    def _exhibit(
        self,
        kind: Kind,
        entries: list[Entry],
        shapes: list[Shape],
        height: float,
        width: float,
        written: Text,
        problem: Problem | None = None,
    ) -> Exhibit:
        gap = self.theme.exhibit_gap * self.scale
        return Exhibit(kind, Region(entries, shapes, height), width, gap, written, problem)

    def chart(self, shown: ChartShown, width: float, parents: tuple[str, ...]) -> Exhibit:
        """The chart's title and unit, the drawing, and its source, ``width`` wide."""
        from ..graphics import charts as figures  # ReportLab's charts load only for charts
        from ..graphics.lettering import label_spec, lettered

        t, chart = self.theme, shown.chart
        group = (*parents, f"Div:{self.element()}")
        unit = (BREAK, *plain(chart.unit)) if chart.unit else ()
        caption = self._text((*emboldened(shown.title), *unit), "caption", width)
        entries = [Entry(caption, 0.0, 0.0, "Caption", group, element=self.element())]
        top = caption.height + t.caption_gap * self.scale
        data, alt = figures.described(shown, self.words)
        # at most the design size: a chart's labels are smaller than the body, and more fit
        size = max(t.chart_text_size * min(self.scale, 1.0), t.min_small_text)
        labels = label_spec(self.specs["caption"], size)  # as they are measured and drawn
        picture = lettered(figures.drawing(data, width, t, labels), labels)
        entries.append(Entry(picture, 0.0, top, "Figure", group, alt, self.element()))
        top += picture.height
        top = self._source(shown.source, width, group, entries, top)
        return self._exhibit("chart", entries, [], top, width, chart.title)

    def _source(
        self,
        source: Runs | None,
        width: float,
        group: tuple[str, ...],
        entries: list[Entry],
        top: float,
    ) -> float:
        """The source line under a chart or table; the height below it."""
        if not source:
            return top
        top += self.theme.caption_gap * self.scale
        before, _, after = self.words.source.partition("{source}")
        line = joined((Run(before),), source, (Run(after),))
        box = self._text(line, "source", width)
        entries.append(Entry(box, 0.0, top, "P", group, element=self.element()))
        return top + box.height

    def table(self, shown: TableShown, width: float, parents: tuple[str, ...]) -> Exhibit:
        """The table's caption, its header row and rows in columns as wide as their content
        asks, numbers flush right, between rules; then its source."""
        t, s = self.theme, self.scale
        group = (*parents, f"Div:{self.element()}")
        table = (*group, f"Table:{self.element()}")
        entries: list[Entry] = []
        top = 0.0
        if shown.caption:
            caption = self._text(emboldened(shown.caption), "caption", width)
            entries.append(Entry(caption, 0.0, 0.0, "Caption", table, element=self.element()))
            top = caption.height + t.caption_gap * s
        pad, rise = t.cell_padding * s, t.cell_rise * s
        # Text flush with the column's edges, like the caption above: padding between cells only.
        room = width - 2 * pad * (len(shown.header) - 1)
        specs, widths = self._columns(shown, room)
        written = shown.table.caption or shown.table.columns[0]
        problem = None
        if sum(widths) > room + 0.01:  # even its smallest text, hyphenated, does not fit
            problem = Problem(
                f"the table's {len(widths)} columns need {sum(widths) + width - room:.0f} pt even "
                f"with its text at {specs[0].size:g} pt and long words hyphenated, and its "
                f"column holds {width:.0f} pt",
                written.locate(),
                "fewer columns, or shorter words and numbers in them (a web address as "
                "[a few words](address))",
            )
        heavy, light = t.table_rule, t.rule_width
        across = min(width, sum(widths) + width - room)  # the table's own width, rules and all
        shapes = [Shape("line", 0, top, across, 0, t.primary, heavy)]
        rows = [("THead", "TH", shown.header)] + [("TBody", "TD", row) for row in shown.rows]
        sections: dict[str, str] = {}
        for index, (part, role, cells) in enumerate(rows):
            key = sections.setdefault(part, f"{part}:{self.element()}")
            row = (*table, key, f"TR:{self.element()}")
            spec = specs[role == "TH"]
            # Numbers flush right, units under units: in a right-to-left table that is where
            # its text starts too.
            figures_spec = spec._replace(align="left" if spec.direction == "rtl" else "right")
            boxes = [
                typeset(cell, figures_spec if numeric else spec, w + HAIR)
                for cell, numeric, w in zip(cells, shown.numeric, widths, strict=True)
            ]
            height = max(box.height for box in boxes) + 2 * rise
            x = 0.0
            cell_role: Role = "TH" if role == "TH" else "TD"
            for box, w in zip(boxes, widths, strict=True):
                entries.append(Entry(box, x, top + rise, cell_role, row, element=self.element()))
                x += w + 2 * pad
            top += height
            last = index == len(rows) - 1
            colour = t.primary if index == 0 or last else t.rule
            shapes.append(Shape("line", 0, top, across, 0, colour, heavy if last else light))
        top = self._source(shown.source, width, group, entries, top)
        return self._exhibit("table", entries, shapes, top, width, written, problem)

    def _columns(
        self, shown: TableShown, room: float
    ) -> tuple[tuple[TypeSpec, TypeSpec], list[float]]:
        """The cells' specs (body, header) and each column's text width, ``room`` in all if
        the table fits (more when it cannot).

        A column is as wide as its widest cell unbroken when all fit (the room left goes to
        the text columns, up to the theme's stretch: a short table in a wide column does not
        spread its words apart), else between its longest word and that, where the width saves
        the most lines (``widths.shared``). When even the longest words do not fit, the cells'
        are hyphenated (an address breaks anywhere), then the headers' too; when that is not
        enough, the whole table is set smaller, down to the theme's smallest text: every cell
        at one size, no word narrower than its column.
        """
        body, head = self.specs["cell"], self.specs["cell head"]
        least, most = _extents(shown, (body, head))
        language = self.specs["body"].hyphenation
        if sum(least) > room:  # the cells' words hyphenated, the headers' kept whole
            body = body._replace(hyphenation=language)
            least, most = _extents(shown, (body, head))
        if sum(least) > room:
            head = head._replace(hyphenation=language)
            least, most = _extents(shown, (body, head))
        specs = (body, head)
        if sum(least) > room:
            factor = max(room / sum(least), self.theme.min_small_text / specs[0].size)
            specs = (_scaled(specs[0], factor), _scaled(specs[1], factor))
            least, most = [w * factor for w in least], [w * factor for w in most]
        if sum(most) <= room:  # wide enough: the text columns grow, within reason
            spare = min(room - sum(most), sum(most) * self.theme.table_stretch)
            count = len(most)
            growing = [i for i in range(count) if not shown.numeric[i]] or list(range(count))
            share = sum(most[i] for i in growing) or 1.0
            widths = [m + (spare * m / share if i in growing else 0.0) for i, m in enumerate(most)]
        elif sum(least) >= room:  # at the smallest text still too wide: reported
            widths = least
        else:
            rows = [[(cell, specs[1]) for cell in shown.header]]
            rows += [[(cell, specs[0]) for cell in row] for row in shown.rows]
            widths = shared(rows, least, most, room)
        return specs, widths

    def photo(self, shown: PhotoShown, width: float, parents: tuple[str, ...]) -> Exhibit:
        """The photo across the column (narrower at a scale well under design size, down to
        the theme's share; narrower for a tall photo), its caption and its credit under it."""
        from ..graphics.photo import PhotoFlowable  # Pillow loads only for photos

        t, s, picture = self.theme, self.scale, shown.picture
        group = (*parents, f"Div:{self.element()}")
        share = min(max(s, t.min_photo_share), 1.0)
        shown_width = width if share > t.photo_snap else width * share  # nearly full looks amiss
        height = shown_width * picture.height / picture.width
        if height > shown_width * t.photo_ratio:  # a tall photo: shorter, and shrinks alike
            height = shown_width * t.photo_ratio
            shown_width = height * picture.width / picture.height
        image = PhotoFlowable(picture, shown_width, height)
        decorative = shown.photo.decorative
        role: Role = "Artifact" if decorative else "Figure"
        entries = [Entry(image, 0.0, 0.0, role, group, picture.alt or None, self.element())]
        top = height
        caption_role: Role = "P" if decorative else "Caption"
        element = self.element()
        for text, spec in ((shown.caption, "caption"), (shown.credit, "source")):
            if text:
                top += t.caption_gap * s
                box = self._text(text, spec, shown_width)
                entries.append(Entry(box, 0.0, top, caption_role, group, element=element))
                top += box.height
        return self._exhibit("photo", entries, [], top, width, shown.photo.file)


def _extents(
    shown: TableShown, specs: tuple[TypeSpec, TypeSpec]
) -> tuple[list[float], list[float]]:
    """Each column's longest word and widest cell unbroken, in points."""
    count = len(shown.header)
    least, most = [0.0] * count, [0.0] * count
    for head, cells in [(True, shown.header)] + [(False, row) for row in shown.rows]:
        for index, cell in enumerate(cells):
            spec = specs[head]
            least[index] = max(least[index], measure(cell, spec).widest * spec.size)
            most[index] = max(most[index], natural_width(cell, spec))
    return least, most


def _scaled(spec: TypeSpec, factor: float) -> TypeSpec:
    """``spec`` set ``factor`` times its size."""
    return spec._replace(size=spec.size * factor, leading=spec.leading * factor)
