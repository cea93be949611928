"""The layouts, one class each (the sidebar's in ``sidebar``), measured at one scale. Each has
one frame computation, ``frame(air)``, that says where every region goes and how much room the
body has; measuring (``demand``) and placing (``page``) both use it, so the two never disagree.

- ``TwoColumn``: key figures and facts in strips above two balanced columns; contacts and the
  QR code in a row above the footer.
- ``SingleColumn``: the same, with one column and the headings hanging in a rail beside it.
- ``Sidebar`` (``sidebar.py``): one main column, and a tinted panel beside it holding the key
  figures, facts, contacts and QR code; or, for a panel longer than its main text, the contacts
  and QR code (and then the facts) in a closing row across the foot, as two columns have them.

How room is shared: the fit engine first grows or shrinks type and spacing together; what is
left after that spreads the body's gaps between paragraphs and sections by whole half lines
(``columns.flush``), never the gap between a heading and its text, nor the gaps above the body;
whatever is left beyond that stays at the foot of the page.

A right-to-left language's page is laid out as above, then mirrored (``Page.mirrored``): the
sidebar and the rail move to the left, the first column and the first key figure to the right,
bullets to the right of their items; the text in each box runs in its spec's direction.
"""

from __future__ import annotations

import copy
import functools
import math
from itertools import pairwise
from typing import ClassVar, NamedTuple

from ..theme import Theme
from .columns import HALVES, LINES, OFF, Column, arrange, realize, shortest
from .exhibits import Exhibit
from .parts import Parts, Sheet, over_rule
from .records import ROW_PARTS, Page, Placed, Region, Shape
from .specs import type_specs
from .widths import HAIR


class Frame(NamedTuple):
    """Where the regions go at one air, and the room left for the body."""

    regions: list[tuple[Region, float, float]]  # (region, left, top) on the page, read first
    after: list[tuple[Region, float, float]]  # the same, read after the body
    shapes: list[Shape]
    body_top: float
    body_bottom: float
    side: float = 0.0  # the height the sidebar's stack needs (0: no sidebar)
    side_room: float = 0.0
    panel: float = 0.0  # where the letters of the sidebar's last part end


class Layout:
    """The content measured at one scale, in one layout; the body at that scale too, up to
    ``cap`` (its line at its shortest) and down to ``least`` (its line at its longest), below
    which only the rest of the design shrinks; the lead across the whole width if ``wide``."""

    columns: ClassVar[int] = 1
    name: ClassVar[str]
    closing_parts: tuple[str, ...] = ROW_PARTS[1:]  # what the closing row holds, read last
    # the headings, telephone numbers and e-mail addresses broken over two lines (in a panel)
    broken: frozenset[str] = frozenset()
    grid = HALVES  # the grid the body keeps to (``columns.pack``): whole lines in columns

    def __init__(
        self,
        sheet: Sheet,
        width: float,
        height: float,
        scale: float,
        cap: float = math.inf,
        least: float = 0.0,
        wide: bool = False,
    ) -> None:
        t = sheet.theme
        self.sheet, self.theme, self.width, self.height, self.scale = sheet, t, width, height, scale
        self.body_scale = min(max(scale, least), cap)
        self.least = least  # the scale the body may shrink to
        self.specs = type_specs(
            t, sheet.faces, sheet.words, scale, self.body_scale, sheet.heading_faces
        )
        parts = self.parts = Parts(sheet, self.specs, scale, self.body_scale)
        self.left, self.inner = self.area(width)
        self.main_width, self.column_width, self.rail = self.widths()
        self.marking = parts.marking(self.inner)
        self.band = parts.band(self.inner)
        self.title = parts.title(self.inner)
        self.wide = wide  # the lead across the whole width: the page is full without it
        self.lead = parts.lead(self.lead_width(), wide)
        self.extras_first = parts.elements  # the extras' structure elements follow this
        self.extras = self.measure_extras(parts)
        self.first = parts.elements  # the body's structure elements are numbered from here
        self.blocks = parts.body(self.column_width, self.hanging())
        self.footer = parts.footer(self.block_width())
        self.strained = any(block.strained for block in self.blocks)
        self.awkward = sum(block.awkward for block in self.blocks)
        self.ragged = sum(block.ragged for block in self.blocks)
        if self.columns > 1:  # their lines level across the gutter
            self.grid = LINES

    @property
    def line(self) -> float:
        """A body line's height."""
        return self.specs["body"].leading

    @property
    def hyphens(self) -> tuple[int, int]:
        """(the body's lines that end with a hyphen, its lines that go on in their paragraph):
        of paragraphs and list items, their last lines aside, as a reader counts them."""
        ends = [
            block.box.ends_with_hyphen(line)
            for block in self.blocks
            if not isinstance(block.box, Exhibit) and block.role in ("P", "LBody")
            for line in range(block.lines - 1)
        ]
        return sum(ends), len(ends)

    def area(self, width: float) -> tuple[float, float]:
        """Where the text area starts on paper ``width`` wide, and its width: between the
        margins."""
        return self.theme.margin_x, width - 2 * self.theme.margin_x

    def whole(self, width: float) -> float:
        """``width`` rounded down to whole characters of the body where it is Chinese, whose
        lines are (clreq's line length); else as it is."""
        body = self.specs["body"]
        return math.floor(width / body.size + 1e-6) * body.size if body.cjk else width

    def placed(self, columns: list[Column]) -> tuple[int, int]:
        """Of the body's paragraphs as ``columns`` place them (a paragraph set a line longer
        or shorter where it is so), the lines that end with a hyphen (as :attr:`hyphens`), and
        those two classes of tightness or more from the line before (their last lines aside,
        which may end short)."""
        boxes = {}
        for piece in (piece for column in columns for piece in column):
            block = self.blocks[piece.block]
            box = (block.looser(piece.loose) if piece.loose else None) or block.box
            if not isinstance(box, Exhibit) and block.role in ("P", "LBody"):
                boxes[piece.block] = box.setting.lines[:-1]
        return (
            sum(line.hyphen for lines in boxes.values() for line in lines),
            sum(abs(a.fit - b.fit) > 1 for lines in boxes.values() for a, b in pairwise(lines)),
        )

    def banded(self, columns: list[Column]) -> float:
        """The largest share of a column's height (to its last line) that the gaps between its
        paragraphs, list items and exhibits take: a heading's, above it or under it, aside."""
        shares = [
            sum(
                after.top - piece.top - piece.height
                for piece, after in pairwise(column)
                if not (
                    self.blocks[piece.block].keep_with_next
                    or self.blocks[after.block].keep_with_next
                )
            )
            / (column[-1].top + column[-1].height)
            for column in columns
            if column
        ]
        return max(shares, default=0.0)

    def widths(self) -> tuple[float, float, float]:
        """(the body's width, a column's width, the hanging headings' rail)."""
        return self.inner, self.inner, 0.0

    def lead_width(self) -> float:
        """The width the lead may take."""
        return self.inner

    def hanging(self) -> float:
        """The width of the rail the headings hang in (0: they stand above their text)."""
        return self.rail

    @classmethod
    def measure(cls, theme: Theme, inner: float, **options: float) -> float:
        """A body column's width, for a text width of ``inner``."""
        return inner

    @classmethod
    def bounds(
        cls, sheet: Sheet, width: float, long: bool = False, short: int = 0, **options: float
    ) -> tuple[float, float]:
        """The scales of the body's smallest and largest sizes on paper ``width`` wide: at most
        :attr:`Theme.long_line` characters a line (any, if ``long``) and at least
        :attr:`Theme.short_line` (:attr:`Theme.short_line_alone` in one column), or ``short``
        where that is more, within the body sizes the theme allows."""
        t = sheet.theme
        em = sheet.em_per_letter(type_specs(t, sheet.faces, sheet.words, 1.0)["body"])
        column = cls.measure(t, width - 2 * t.margin_x, **options)
        short = max(short, t.short_line if cls.columns > 1 else t.short_line_alone)
        largest = min(column / (short * em), t.max_body_size)
        smallest = min(max(0.0 if long else column / (t.long_line * em), t.min_body_size), largest)
        return smallest / t.body_size, max(largest, t.min_body_size) / t.body_size

    def measure_extras(self, parts: Parts) -> list[Region]:
        """The key figures and facts (strips above the body), then the closing row: as wide
        as the body (:meth:`block_width`)."""
        width = self.block_width()
        return [parts.figures(width), parts.facts(width, stacked=False), parts.closing(width)]

    def block_width(self) -> float:
        """The width of the body, and of the strips above it, the row below it and the
        footer: the text width."""
        return self.inner

    # -- the frame ------------------------------------------------------------------------

    def head(self) -> tuple[list[tuple[Region, float, float]], list[Shape], float]:
        """The marking, the band, the title and the lead, and the height below them."""
        t, s = self.theme, self.scale
        top = self.height - t.safe_edge
        regions: list[tuple[Region, float, float]] = []
        if not self.marking.empty:
            regions.append((self.marking, self.left, top - t.ink_overshoot))
            top -= t.marking_height
        edge, bleed = t.safe_edge, self.width - 2 * t.safe_edge
        band = self.band.height
        shapes = [
            Shape("rect", edge, top - band, bleed, band, t.primary),
            Shape("rect", edge, top - band - t.band_stripe, bleed, t.band_stripe, t.accent),
        ]
        regions.append((self.band, self.left, top))
        y = top - band - t.band_stripe - t.title_gap * s
        regions.append((self.title, self.left, y))
        y -= self.title.height
        if not self.lead.empty:
            y -= t.lead_gap * s
            regions.append((self.lead, self.left, y))
            y -= self.lead.height
        return regions, shapes, y

    def foot(self) -> tuple[list[tuple[Region, float, float]], float]:
        """The footer and the bottom marking, and the height above them."""
        t = self.theme
        marked = not self.marking.empty
        footer_top = t.margin_bottom + (t.marking_height if marked else 0.0) + self.footer.height
        regions = [(self.footer, self.left, footer_top)]
        if marked:
            bottom = t.safe_edge + t.ink_overshoot
            regions.append((self.marking, self.left, bottom + self.marking.height))
        return regions, footer_top + t.footer_rise

    def frame(self, air: float, end: float | None = None) -> Frame:
        """Where everything goes: strips above the body, the closing row below it (at the
        foot, or right below the body when it ends ``end`` points below its top, short of
        the foot: what room is left stays at the foot, not in a hole above the row)."""
        t = self.theme
        regions, shapes, y = self.head()
        gap = t.block_gap * self.scale
        *strips, closing = self.extras
        for region in strips:
            if not region.empty:
                y -= gap
                regions.append((region, self.left, y))
                y -= region.height
        after, bottom = self.foot()
        if not closing.empty:
            top = bottom + closing.height
            if end is not None:
                top = max(top, y - gap - end - gap)
            bottom = self.close(closing, top, after, shapes)
        return Frame(regions, after, shapes, y - gap, bottom)

    def close(
        self,
        row: Region,
        top: float,
        after: list[tuple[Region, float, float]],
        shapes: list[Shape],
    ) -> float:
        """The closing ``row`` put with its top at ``top``, under a rule across the text width,
        read first of ``after`` (after the body); where the room above it ends."""
        t = self.theme
        gap = t.block_gap * self.scale
        after.insert(0, (row, self.left, top))
        rule = Shape("line", self.left, top + gap / 2, self.block_width(), 0, t.rule, t.rule_width)
        shapes.append(rule)
        return top + gap

    # -- measuring and placing --------------------------------------------------------------

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available) of the tighter of the body and the sidebar."""
        frame = self.frame(air)
        result = shortest(self.blocks, self.columns, 1e9, air, grid=self.grid)
        needed, room = (result[0] if result else 1e9), frame.body_top - frame.body_bottom
        if frame.side and frame.side * room > needed * frame.side_room:
            return frame.side, frame.side_room
        return needed, room

    def filled(self, air: float, grid: bool = True) -> tuple[list[Column], float, float] | None:
        """The body's columns at ``air`` (its gaps closed up on its ``grid``, or off it), and
        how far they are from ending together at the foot (:func:`columns.arrange`); None if
        it does not fit."""
        frame = self.frame(air)
        room = frame.body_top - frame.body_bottom + 1e-6
        if frame.side > frame.side_room:
            return None
        return arrange(self.blocks, self.columns, room, air, self.line, self.grid if grid else OFF)

    def halved(self) -> Layout | None:
        """The same content with its body on a grid of half lines (``columns.HALVES``), whose
        gaps may end its columns nearer together than whole lines; None if it is already."""
        if self.grid == HALVES:
            return None
        halved = copy.copy(self)
        halved.grid = HALVES
        return halved

    def reach(self, columns: list[Column]) -> float:
        """How far below the body's top its last line ends."""
        return max((p.top + p.height for column in columns for p in column), default=0.0)

    def panel_filled(self, air: float, columns: list[Column]) -> float:
        """The share of a side panel's tint that its parts take: 1, with no panel."""
        return 1.0

    def page(self, air: float, columns: list[Column]) -> Page:
        """Everything placed, with the body's gaps spread by ``air`` into these ``columns``;
        the blank at the foot measured to the footer's rule, under a closing row moved up to
        them."""
        t = self.theme
        end = self.reach(columns)
        frame, foot = self.frame(air, end), self.frame(air).body_bottom
        page = Page(
            self.width,
            self.height,
            self.scale,
            air,
            t.body_size * self.body_scale,
            self.sheet.faces.regular,
            list(frame.shapes),
            [],
            (min(frame.body_top - end, frame.panel or math.inf) - foot + over_rule(t))
            / self.height,
            closing=self.closing_parts,
            lined=self.grid == LINES,
        )
        for region, x, top in frame.regions:
            self._put(page, region, x, top)
        self._body(page, frame.body_top, columns)
        for region, x, top in frame.after:
            self._put(page, region, x, top)
        return page.mirrored() if self.sheet.words.direction == "rtl" else page

    def places(self, top: float) -> list[tuple[float, float, float]]:
        """Where each column of the body starts (its left and top) and its width."""
        x0, step = self.left + self.rail, self.column_width + self.theme.column_gap
        return [(x0 + index * step, top, self.column_width) for index in range(self.columns)]

    def _body(self, page: Page, top: float, columns: list[Column]) -> None:
        t, s = self.theme, self.scale
        places = self.places(top)
        for (x, top, width), column in zip(places, realize(self.blocks, columns), strict=False):
            for block, box, piece in column:
                if isinstance(box, Exhibit):
                    self._put(page, box.region, x, top - piece.top)
                    continue
                y = top - piece.top - box.height
                if block.hang:
                    self._add(page, box, self.left, y, block.role, block.element, block.parents)
                    rule = top - piece.top + t.heading_rule * s
                    page.shapes.append(
                        Shape("line", self.left, rule, self.inner, 0, t.rule, t.rule_width)
                    )
                    continue
                if block.label is not None and piece.first == 0:
                    label = block.label
                    label_y = top - piece.top - label.height
                    self._add(
                        page,
                        label,
                        x + block.label_x,
                        label_y,
                        "Lbl",
                        self.parts.element(),
                        block.parents,
                    )
                self._add(page, box, x, y, block.role, block.element, block.parents)
                if block.role == "H2":
                    rule = y + box.height + t.heading_rule * s
                    page.shapes.append(Shape("line", x, rule, width, 0, t.rule, t.rule_width))

    def _put(self, page: Page, region: Region, x: float, top: float) -> None:
        for shape in region.shapes:
            page.shapes.append(shape._replace(x=x + shape.x, y=top - shape.y - shape.height))
        for entry in region.entries:
            flowable = entry.flowable
            y = top - entry.top - flowable.height
            self._add(
                page,
                flowable,
                x + entry.x,
                y,
                entry.role,
                entry.element or self.parts.element(),
                entry.parents,
                entry.alt,
            )

    @staticmethod
    def _add(
        page: Page,
        flowable: object,
        x: float,
        y: float,
        role: str,
        element: int,
        parents: tuple[str, ...],
        alt: str | None = None,
    ) -> None:
        width = getattr(flowable, "width", 0.0)
        height = getattr(flowable, "height", 0.0)
        page.items.append(Placed(flowable, x, y, width, height, role, element, parents, alt))  # type: ignore[arg-type]


class TwoColumn(Layout):
    """Two balanced columns."""

    columns = 2
    name = "two-column"

    def area(self, width: float) -> tuple[float, float]:
        """Between the margins; narrower by what each column holds past whole characters of
        a Chinese body, and centred, so that its full lines reach the text area's edges."""
        left, inner = super().area(width)
        column = self.measure(self.theme, inner)
        spare = 2 * (column - self.whole(column))
        return left + spare / 2, inner - spare

    def widths(self) -> tuple[float, float, float]:
        """(the body's width, a column's width, no rail)."""
        return self.inner, self.measure(self.theme, self.inner), 0.0

    @classmethod
    def measure(cls, theme: Theme, inner: float, **options: float) -> float:
        """A column's width."""
        return (inner - theme.column_gap) / 2


class SingleColumn(Layout):
    """One column, headings hanging in a rail to its left (its right, mirrored), or above
    their text when a word of one is too wide for the rail even at the body's size."""

    name = "single-column"

    def widths(self) -> tuple[float, float, float]:
        """(the body's width, the column's width, the rail's width): the rail as wide as the
        widest word of a heading needs, up to :data:`WIDEST_RAIL` of the width (a heading
        set smaller to fit it, down to the body's size); where a word is wider still at the
        body's size, the headings go above their text (:attr:`above`), never hyphenated nor
        smaller than the body, and the column takes the whole width, up to
        :attr:`Theme.long_line` characters of the body unless it may run lines longer than
        comfortable (:attr:`least` below the rail's bounds; beside an empty rail, its indent
        read as a white strip down the page under a lead and key figures that start at the
        margin)."""
        t = self.theme
        if self.above:
            body = self.specs["body"]
            long = self.least < self.bounds(self.sheet, self.width)[0] - 1e-9
            longest = math.inf if long else t.long_line * self.sheet.em_per_letter(body) * body.size
            return self.inner, self.whole(min(self.inner, longest)), 0.0
        need = self.parts.widest_heading_word() + HAIR + t.rail_gap * self.body_scale
        least = self.inner - self.measure(t, self.inner)
        rail = min(max(least, need), self.inner * WIDEST_RAIL)
        column = self.whole(self.inner - rail)  # the rail takes what Chinese lines leave
        return self.inner, column, self.inner - column

    @functools.cached_property
    def above(self) -> bool:
        """Whether the headings go above their text: a word of one, at the body's size, is
        too wide for the widest rail."""
        t, specs = self.theme, self.specs
        widest = self.parts.widest_heading_word() * specs["body"].size / specs["heading"].size
        return widest + HAIR + t.rail_gap * self.body_scale > self.inner * WIDEST_RAIL

    def hanging(self) -> float:
        """The rail, or none for headings above their text."""
        return 0.0 if self.above else self.rail

    def lead_width(self) -> float:
        """The body's width (:meth:`block_width`)."""
        return self.block_width()

    def block_width(self) -> float:
        """The rail and the column: short of the text width where the headings go above
        their text and the column stops at :attr:`Theme.long_line` characters less than
        :data:`ALIGNED` of it short of the margin, which the key figures, the closing row, the
        lead and the footer then stop at too (a strip of key figures 10 to 28 points past the
        text under it read as a ragged right edge; a column further short reads as one of its
        own, its key figures as wide as they were: at 11.5 pt, 106 points short, in a strip of
        its width their labels took three lines, and the page went to two columns)."""
        width = self.rail + self.column_width
        return width if width > (1 - ALIGNED) * self.inner else self.inner

    @classmethod
    def measure(cls, theme: Theme, inner: float, **options: float) -> float:
        """The column's width, beside the rail."""
        return inner * (1 - theme.rail_share)


WIDEST_RAIL = 0.32  # of the text width: the most hanging headings take
ALIGNED = 0.1  # of the text width: the most a column may stop short of the margin for the
# rest of the page to stop with it
