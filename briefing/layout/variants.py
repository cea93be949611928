"""The three layouts, one class each, measured at one scale. Each has one frame computation,
``frame(air)``, that says where every region goes and how much room the body has; measuring
(``demand``) and placing (``page``) both use it, so the two never disagree.

- ``TwoColumn``: key figures and facts in strips above two balanced columns; contacts and the
  QR code in a row above the footer.
- ``SingleColumn``: the same, with one column and the headings hanging in a rail beside it.
- ``Sidebar``: one main column, and a tinted panel beside it holding the key figures, facts,
  contacts and QR code; or, for a panel longer than its main text, the contacts and QR code
  (and then the facts) in a closing row across the foot, as two columns have them.

How room is shared: the fit engine first grows or shrinks type and spacing together; what is
left after that spreads the body's gaps between paragraphs and sections by whole half lines
(``columns.flush``), never the gap between a heading and its text, nor the gaps above the body;
whatever is left beyond that stays at the foot of the page.

A right-to-left language's page is laid out as above, then mirrored (``Page.mirrored``): the
sidebar and the rail move to the left, the first column and the first key figure to the right,
bullets to the right of their items; the text in each box runs in its spec's direction.
"""

from __future__ import annotations

import functools
import math
from typing import Any, ClassVar, NamedTuple

from ..text.textbox import TextBox
from ..theme import Theme
from .columns import Column, arrange, on_grid, pack, realize, shortest
from .exhibits import Exhibit
from .panel import below, ink, spread
from .parts import Parts, Sheet
from .records import EMPTY, ROW_PARTS, Page, Placed, Region, Shape
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
        self.specs = type_specs(
            t, sheet.faces, sheet.words, scale, self.body_scale, sheet.heading_faces
        )
        parts = self.parts = Parts(sheet, self.specs, scale, self.body_scale)
        self.left, self.inner = t.margin_x, width - 2 * t.margin_x
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
        self.footer = parts.footer(self.inner)
        self.strained = any(block.strained for block in self.blocks)
        self.awkward = sum(block.awkward for block in self.blocks)

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
        """The key figures and facts (strips above the body), then the closing row."""
        return [
            parts.figures(self.inner),
            parts.facts(self.inner, stacked=False),
            parts.closing(self.inner),
        ]

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
        shapes.append(Shape("line", self.left, top + gap / 2, self.inner, 0, t.rule, t.rule_width))
        return top + gap

    # -- measuring and placing --------------------------------------------------------------

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available) of the tighter of the body and the sidebar."""
        frame = self.frame(air)
        result = shortest(self.blocks, self.columns, 1e9, air)
        needed, room = (result[0] if result else 1e9), frame.body_top - frame.body_bottom
        if frame.side and frame.side * room > needed * frame.side_room:
            return frame.side, frame.side_room
        return needed, room

    def filled(self, air: float) -> tuple[list[Column], float, float] | None:
        """The body's columns at ``air``, and how far they are from ending together at the
        foot (:func:`columns.arrange`); None if it does not fit."""
        frame = self.frame(air)
        room = frame.body_top - frame.body_bottom + 1e-6
        if frame.side > frame.side_room:
            return None
        return arrange(self.blocks, self.columns, room, air, self.line)

    def reach(self, columns: list[Column]) -> float:
        """How far below the body's top its last line ends."""
        return max((p.top + p.height for column in columns for p in column), default=0.0)

    def panel_filled(self, air: float, columns: list[Column]) -> float:
        """The share of a side panel's tint that its parts take: 1, with no panel."""
        return 1.0

    def page(self, air: float, columns: list[Column]) -> Page:
        """Everything placed, with the body's gaps spread by ``air`` into these ``columns``;
        the blank at the foot measured to the footer, under a closing row moved up to them."""
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
            (min(frame.body_top - end, frame.panel or math.inf) - foot) / self.height,
            closing=self.closing_parts,
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
        smaller than the body, and the column keeps its measure beside an empty rail (across
        the whole width its lines would hold more than :attr:`Theme.long_line` characters)."""
        t = self.theme
        need = self.parts.widest_heading_word() + HAIR + t.rail_gap * self.body_scale
        least = self.inner - self.measure(t, self.inner)
        rail = least if self.above else min(max(least, need), self.inner * WIDEST_RAIL)
        return self.inner, self.inner - rail, rail

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

    @classmethod
    def measure(cls, theme: Theme, inner: float, **options: float) -> float:
        """The column's width, beside the rail."""
        return inner * (1 - theme.rail_share)


class Sidebar(Layout):
    """A main column and a tinted side panel taking ``share`` of the text width."""

    name = "sidebar"

    def __init__(
        self,
        sheet: Sheet,
        width: float,
        height: float,
        scale: float,
        cap: float = math.inf,
        least: float = 0.0,
        wide: bool = False,
        share: float | None = None,
        paired: bool = False,
        raised: bool = False,
        closing: int = 0,
    ) -> None:
        self.share = sheet.theme.sidebar_share if share is None else share
        self.paired = paired  # the key figures two to a row
        self.raised = raised  # the panel starts level with the lead
        self.closing = closing  # a row at the foot: 1, the contacts and QR code; 2, facts too
        self.closing_parts = ROW_PARTS[2 - closing :] if closing else ()
        self._sized: dict[float, tuple[list[Region], frozenset[str]] | None] = {}  # by factor
        super().__init__(sheet, width, height, scale, cap, least, wide)

    @classmethod
    def measure(cls, theme: Theme, inner: float, **options: float) -> float:
        """The main column's width, beside a panel of ``share`` (the theme's unless given)."""
        return (inner - theme.column_gap) * (1 - options.get("share", theme.sidebar_share))

    def widths(self) -> tuple[float, float, float]:
        """(the main column's width, the same, no rail)."""
        t = self.theme
        side = (self.inner - t.column_gap) * self.share
        main = self.inner - side - t.column_gap
        return main, main, 0.0

    @property
    def side_width(self) -> float:
        """The panel's width."""
        return self.inner - self.main_width - self.theme.column_gap

    @property
    def pad(self) -> float:
        """The panel's inner padding."""
        return self.theme.sidebar_padding * self.scale

    def measure_extras(self, parts: Parts) -> list[Region]:
        """The panel's parts (:meth:`side_parts`), set smaller when that keeps a heading, a
        telephone number or an e-mail address of theirs on one line that breaks as measured:
        in steps of :data:`PANEL_STEP` of their size, up to :data:`PANEL_SHRINK` of them and
        never below the design's size; its closing row kept as :attr:`row`."""
        found, self.row = self.side_parts(parts)
        self.first = parts.elements  # as the layout numbers the body (:meth:`_resized`)
        self.broken = self._breaks(parts)
        for step in range(1, PANEL_SHRINK + 1):
            factor = 1 - step * PANEL_STEP
            if not self.broken or self.body_scale * factor < 1 - 1e-9:
                break
            smaller = self._resized(factor)
            if smaller is not None and not smaller[1]:
                found, self.broken = smaller
        return found

    def _breaks(self, parts: Parts) -> frozenset[str]:
        """The headings, telephone numbers and e-mail addresses in the panel that ``parts``
        would break over two lines (the contacts' not, when they are in the closing row)."""
        width = self.side_width - 2 * self.pad
        return frozenset(parts.broken(width, self.closing < 2, not self.closing))

    def side_parts(self, parts: Parts) -> tuple[list[Region], Region]:
        """Key figures, facts, contacts and the QR code, stacked in the panel; with
        ``closing``, the contacts and QR code in a row across the foot instead, as the
        two-column layout sets them, and with ``closing`` 2 the facts too, in a strip above
        them: (the panel's parts, the row)."""
        width = self.side_width - 2 * self.pad
        found = parts.figure_stack(width, self.paired)
        if self.closing < 2:
            found.append(parts.facts(width, stacked=True))
            strip = EMPTY
        else:
            strip = parts.facts(self.inner, stacked=False)
        if self.closing:
            row = parts.closing(self.inner)
        else:
            found += [parts.contacts(width), parts.online(width, stacked=True)]
            row = EMPTY
        if not strip.empty and not row.empty:
            below = strip.height + self.theme.block_gap * self.scale
            row = Region(
                strip.entries + [e._replace(top=e.top + below) for e in row.entries],
                strip.shapes + [shape._replace(y=shape.y + below) for shape in row.shapes],
                below + row.height,
            )
        elif not strip.empty:
            row = strip
        return [region for region in found if not region.empty], row

    def lead_width(self) -> float:
        """The main column's width, when the panel starts beside the lead."""
        return self.main_width if self.raised else self.inner

    @property
    def rise(self) -> float:
        """How far above the main column's top the panel starts: level with the lead, if it
        does, which then runs in the main column's width beside it."""
        if self.lead.empty or not self.raised:
            return 0.0
        return self.lead.height + self.theme.block_gap * self.scale

    def frame(self, air: float, end: float | None = None) -> Frame:
        """The body in the main column, under the lead; the panel beside both, its parts
        spread down toward where the main column's letters end (``end`` points below its top,
        :meth:`reach`; the foot if not given) for their last letters to end level with them
        (:meth:`level`), each gap up to :data:`PANEL_GAP` body lines as a reader sees it
        (:func:`spread`), and set larger when that leaves them short of it (:meth:`_panel`);
        the tint ends where they do, or level with the main column when that ends lower (the
        parts' letters, not the tint, are what the fit weighs). The panel reads after the lead,
        before the main column: where a writer puts its fields, before the sections. A closing
        row goes under both, at the foot or right below the lower of them (the room the fit
        weighs is to the foot), read last."""
        t = self.theme
        regions, shapes, y = self.head()
        body_top = y - t.block_gap * self.scale
        foot, bottom = self.foot()
        row = t.block_gap * self.scale  # the gap over a closing row
        if not self.row.empty:
            bottom += self.row.height + row
        if not self.extras:
            if not self.row.empty:
                lowest = bottom if end is None else max(bottom, body_top - end)
                self.close(self.row, lowest - row, foot, shapes)
            return Frame(regions, foot, shapes, body_top, bottom)
        gap = t.side_gap * self.scale
        panel_top = body_top + self.rise
        room = panel_top - bottom
        reach = room if end is None else min(end + self.rise + self.level(), room)
        extras = self.extras if end is None else self._panel(reach, gap)
        stack = self._stack(extras, gap)
        extra = spread(extras, gap, reach - stack, PANEL_GAP * self.line)
        side_x = self.left + self.main_width + t.column_gap
        top = panel_top - self.pad
        side: list[tuple[Region, float, float]] = []
        for region, more in zip(extras, [0.0, *extra], strict=True):
            top -= more
            side.append((region, side_x + self.pad, top))
            top -= region.height + gap
        panel_bottom = max(bottom, top + gap - self.pad)
        tint = panel_bottom if end is None else max(bottom, min(panel_bottom, body_top - end))
        if not self.row.empty:
            self.close(self.row, tint - row, foot, shapes)
        shapes.append(Shape("rect", side_x, tint, self.side_width, panel_top - tint, t.tint))
        letters = top + gap - ink(extras[-1])[1]
        return Frame(regions + side, foot, shapes, body_top, bottom, stack, room, letters)

    def level(self) -> float:
        """How far below the main column's last letters the panel's parts reach, padding
        and all, for their last letters to end level with them."""
        return self.pad - ink(self.extras[-1])[1]

    def reach(self, columns: list[Column]) -> float:
        """How far below the body's top the letters of its last line end, as a reader
        measures them (:func:`panel.below`), as the panel's are weighed against them (a
        Persian main column's letters end 0.74 em below their baseline: with the panel's
        tint level with its lines, its English address ended 1.1 lines above them)."""
        ends = [
            (piece.top + piece.height, box)
            for column in realize(self.blocks, columns)
            for _, box, piece in column
        ]
        end, box = max(ends, key=lambda e: e[0], default=(0.0, None))
        return end + below(box) if isinstance(box, TextBox) else end

    def panel_filled(self, air: float, columns: list[Column]) -> float:
        """The share of the panel's tint down to where its parts' letters end, spread as far
        apart as they go (the rest is blank at its foot)."""
        frame = self.frame(air, self.reach(columns))
        if not frame.side:
            return 1.0
        tint = frame.shapes[-1]  # drawn last
        return 1 - (frame.panel - tint.y) / tint.height

    def _stack(self, extras: list[Region], gap: float) -> float:
        """The height of the panel's parts stacked ``gap`` apart, with its padding."""
        return sum(r.height for r in extras) + gap * (len(extras) - 1) + 2 * self.pad

    def _panel(self, reach: float, gap: float) -> list[Region]:
        """The panel's parts: as measured, or, when their gaps spread as far as they go
        (:func:`spread`) would still end them over a body line short of ``reach``, set
        larger, in steps of :data:`PANEL_STEP` of their size, up to the largest whose stack
        ``reach`` holds; the panel's text stays a step smaller than the body
        (:data:`PANEL_TEXT`), and grows to that size as the last step."""
        stack = self._stack(self.extras, gap)
        most = sum(spread(self.extras, gap, math.inf, PANEL_GAP * self.line))
        if stack + most >= reach - self.line:
            return self.extras
        specs, best = self.specs, self.extras
        largest = PANEL_TEXT * specs["body"].size / max(specs["label"].size, specs["fact"].size)
        steps = math.floor((largest - 1) / PANEL_STEP + 1e-9)
        factors = [1 + step * PANEL_STEP for step in range(1, steps + 1)]
        for factor in factors + [largest] * (largest > 1 + steps * PANEL_STEP + 1e-6):
            grown = self._resized(factor)
            if grown is None or grown[1] - self.broken or self._stack(grown[0], gap) > reach:
                break  # (nor a heading, number or address broken that the panel keeps whole)
            best = grown[0]
        return best

    def _resized(self, factor: float) -> tuple[list[Region], frozenset[str]] | None:
        """The panel's parts measured ``factor`` times their size, and what of theirs breaks
        (:meth:`_breaks`); None if they would not number their structure elements as the
        measured ones do."""
        if factor not in self._sized:
            sheet, t = self.sheet, self.theme
            scale, body = self.scale * factor, self.body_scale * factor
            specs = type_specs(t, sheet.faces, sheet.words, scale, body, sheet.heading_faces)
            parts = Parts(sheet, specs, scale, body)
            parts.elements = self.extras_first
            sized = self.side_parts(parts)[0], self._breaks(parts)
            self._sized[factor] = sized if parts.elements == self.first else None
        return self._sized[factor]

    def filled(self, air: float) -> tuple[list[Column], float, float] | None:
        """The main column as :meth:`Layout.filled` arranges it, and how far it and the panel
        are from ending together at the foot."""
        if self.closing and not self.extras:
            return None  # every part gone to the closing row: no sidebar left to arrange
        found = super().filled(air)
        if found is None or not self.extras:
            return found
        columns = found[0]
        end = self.reach(columns)
        frame = self.frame(air, end)
        feet = [frame.body_top - end - frame.body_bottom, frame.panel - frame.body_bottom]
        return columns, 2 * max(feet) - min(feet), min(feet)


class Wrapped(Sidebar):
    """The sidebar layout for a main text far longer than its panel: the text beside the
    panel while the panel lasts, then in two columns across the page below it. The blocks
    beside it are set at the main column's width, those below at a half column's, under the
    same structure numbers; the text passes from one to the other between two blocks, at the
    first that ends below the panel's foot or at most :data:`WRAP_SHORT` lines above it (the
    panel's parts spread down to it), and only when the text below fills at least
    :data:`BELOW_LINES` lines a column."""

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)  # as a sidebar, then the text split at the panel
        t, parts = self.theme, self.parts
        self.half = (self.inner - t.column_gap) / 2
        self.beside, self.beside_end, self.below = 0, 0.0, 0.0
        stacked = pack(self.blocks, [1e9])
        if not self.extras or stacked is None:
            return
        panel = self.frame(1.0).side - self.rise  # where the panel ends, below the body's top
        last, ends = parts.elements, {p.block: p.top + p.height for p in stacked[0]}
        for index in range(1, len(self.blocks)):
            above = self.blocks[index - 1]
            if ends[index - 1] < panel - WRAP_SHORT * above.leading or above.keep_with_next:
                continue
            parts.elements = self.first
            below = parts.body(self.half, 0.0)
            parts.elements = last
            if sum(b.lines for b in below[index:] if not b.keep_with_next) < 2 * BELOW_LINES:
                return  # a strip of a few lines under the panel reads as a stray: no wrap
            gap = max(above.after, below[index].before, t.block_gap * self.scale)
            self.beside, self.beside_end = index, ends[index - 1]
            self.below = on_grid(max(self.beside_end, panel) + gap / 2, self.line / 2)
            self.blocks = self.blocks[:index] + below[index:]
            self.strained = any(block.strained for block in self.blocks)
            self.awkward = sum(block.awkward for block in self.blocks)
            return

    def frame(self, air: float, end: float | None = None) -> Frame:
        """The sidebar's frame, its panel spread down to where the text beside it ends."""
        return super().frame(air, self.beside_end if self.beside else end)

    def level(self) -> float:
        """None past the text beside the panel, over the columns below it."""
        return 0.0 if self.beside else super().level()

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available): the text beside the panel, then below it."""
        if not self.beside:
            return super().demand(air)
        frame = self.frame(air)
        rest = shortest(self.blocks[self.beside :], 2, 1e9, air)
        needed = self.below + (rest[0] if rest else 1e9)
        return needed, frame.body_top - frame.body_bottom

    def filled(self, air: float) -> tuple[list[Column], float, float] | None:
        """The text beside the panel as it is set, then the rest in two columns below it, as
        :func:`columns.arrange` arranges them."""
        if not self.beside:
            return super().filled(air)
        frame = self.frame(air)
        room = frame.body_top - frame.body_bottom + 1e-6
        beside = pack(self.blocks[: self.beside], [1e9], air)
        line = self.line
        below = arrange(self.blocks[self.beside :], 2, room - self.below, air, line)
        if beside is None or below is None:
            return None
        moved = [[p._replace(block=p.block + self.beside) for p in column] for column in below[0]]
        return [beside[0], *moved], below[1], below[2]

    def reach(self, columns: list[Column]) -> float:
        """How far below the body's top its last line ends: below the panel."""
        if not self.beside:
            return super().reach(columns)
        return self.below + super().reach(columns[1:])

    def places(self, top: float) -> list[tuple[float, float, float]]:
        """The main column beside the panel, then two columns below it."""
        if not self.beside:
            return super().places(top)
        under, step = top - self.below, self.half + self.theme.column_gap
        return [(self.left, top, self.main_width)] + [
            (self.left + index * step, under, self.half) for index in range(2)
        ]


LAYOUTS: dict[str, type[Layout]] = {
    "two-column": TwoColumn,
    "single-column": SingleColumn,
    "sidebar": Sidebar,
}
WIDEST_RAIL = 0.32  # of the text width: the most hanging headings take
PANEL_STEP = 0.04  # of their size: the steps a short panel's parts grow in
PANEL_SHRINK = 3  # steps a panel's parts go smaller at most, to keep an address on one line
PANEL_TEXT = 0.95  # of the body's size: the largest a panel's text grows to, a step below it
PANEL_GAP = 2.0  # body lines: the widest gap between a panel's parts as seen, a section's most
BELOW_LINES = 5  # lines a column of the text below a wrapped panel holds at least
WRAP_SHORT = 1.5  # body lines the text beside a wrapped panel may end above it
