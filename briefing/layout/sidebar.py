"""The sidebar layout (``variants``' third): one main column, and a tinted panel beside it
holding the key figures, facts, contacts and QR code; or, for a panel longer than its main
text, the contacts and QR code (and then the facts) in a closing row across the foot; for a main
text far longer than its panel, the text running on in two columns under it (``Wrapped``), a
short last section under its heading across the page."""

from __future__ import annotations

import math
from typing import Any

from ..text.setting import set_lines
from ..text.textbox import TextBox
from ..theme import Theme
from .columns import Column, Packable, Portion, arrange, on_grid, pack, realize, shortest
from .fit import Filled
from .panel import below, ink, opened, spread
from .parts import Parts, Sheet, to_grid
from .records import EMPTY, ROW_PARTS, Page, Region, Shape
from .specs import type_specs
from .variants import Frame, Layout


class Sidebar(Layout):
    """A main column and a tinted side panel taking ``share`` of the text width."""

    name = "sidebar"

    def __init__(
        self,
        sheet: Sheet,
        *args: Any,
        share: float | None = None,
        paired: bool = False,
        raised: bool = False,
        closing: int = 0,
        **options: Any,
    ) -> None:
        """A sidebar page of ``sheet``, laid out as :class:`Layout` lays one out (``args`` and
        ``options``: its size, scale and bounds), its panel taking ``share`` of the width."""
        self.share = sheet.theme.sidebar_share if share is None else share
        self.paired = paired  # the key figures two to a row
        self.raised = raised  # the panel starts level with the lead
        self.placing = False  # the page placed, not weighed: its panel's items open (:meth:`page`)
        self.closing = closing  # a row at the foot: 1, the contacts and QR code; 2, facts too
        self.closing_parts = ROW_PARTS[2 - closing :] if closing else ()
        self._sized: dict[float, tuple[list[Region], frozenset[str]] | None] = {}  # by factor
        super().__init__(sheet, *args, **options)

    @classmethod
    def measure(cls, theme: Theme, inner: float, **options: float) -> float:
        """The main column's width, beside a panel of ``share`` (the theme's unless given)."""
        return (inner - theme.column_gap) * (1 - options.get("share", theme.sidebar_share))

    def widths(self) -> tuple[float, float, float]:
        """(the main column's width, the same, no rail); the panel takes what a Chinese main
        column's lines leave."""
        t = self.theme
        side = (self.inner - t.column_gap) * self.share
        main = self.whole(self.inner - side - t.column_gap)
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
        on the page placed, their facts and contacts then apart, each by up to
        :data:`ITEM_GAP` (:func:`opened`);
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
        stack, most = self._stack(extras, gap), PANEL_GAP * self.line
        extra = spread(extras, gap, reach - stack, most)
        if self.placing and end is not None:  # short of its text, its gaps at their most
            extras = opened(extras, reach - stack - sum(extra), ITEM_GAP * self.line)
            extra = spread(extras, gap, reach - self._stack(extras, gap), most)
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

    def page(self, air: float, columns: list[Column]) -> Page:
        """The page placed as :class:`Layout` places it, its panel's facts and contacts
        opened to end level with its text (:meth:`frame`): the fit weighs the panel as set,
        and chooses what it chose (opened while weighed, sheet-he's text went to 12.73 pt from
        12.67 and two of its lines 0.71 and 1.48 spaces wide stood together)."""
        self.placing = True
        try:
            return super().page(air, columns)
        finally:
            self.placing = False

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
        (:data:`PANEL_TEXT`), and grows to that size as the last step; that one tried first,
        as a panel far shorter than its text takes it."""
        stack = self._stack(self.extras, gap)
        most = sum(spread(self.extras, gap, math.inf, PANEL_GAP * self.line))
        if stack + most >= reach - self.line:
            return self.extras
        specs, best = self.specs, self.extras
        largest = PANEL_TEXT * specs["body"].size / max(specs["label"].size, specs["fact"].size)
        steps = math.floor((largest - 1) / PANEL_STEP + 1e-9)
        factors = [1 + step * PANEL_STEP for step in range(1, steps + 1)]
        factors += [largest] * (largest > 1 + steps * PANEL_STEP + 1e-6)
        widest = self._grown(factors[-1], reach, gap) if factors else None
        if widest is not None:  # (those between are no taller and break nothing more)
            return widest
        for factor in factors:
            grown = self._grown(factor, reach, gap)
            if grown is None:
                break
            best = grown
        return best

    def _grown(self, factor: float, reach: float, gap: float) -> list[Region] | None:
        """The panel's parts set ``factor`` times their size, if they stack within ``reach``,
        numbered as measured, with no heading, number or address broken that it keeps whole."""
        grown = self._resized(factor)
        if grown is None or grown[1] - self.broken or self._stack(grown[0], gap) > reach:
            return None
        return grown[0]

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

    def filled(self, air: float, grid: bool = True) -> tuple[list[Column], float, float] | None:
        """The main column as :meth:`Layout.filled` arranges it, and how far it and the panel
        are from ending together at the foot."""
        if self.closing and not self.extras:
            return None  # every part gone to the closing row: no sidebar left to arrange
        found = super().filled(air, grid)
        if found is None or not self.extras:
            return found
        columns = found[0]
        end = self.reach(columns)
        frame = self.frame(air, end)
        feet = [frame.body_top - end - frame.body_bottom, frame.panel - frame.body_bottom]
        return columns, 2 * max(feet) - min(feet), min(feet)


class Wrapped(Sidebar):
    """The sidebar layout for a main text longer than its panel: the text beside the
    panel while the panel lasts, then in two columns across the page below it. The blocks
    beside it are set at the main column's width, those below at a half column's, under the
    same structure numbers; the text passes from one to the other between two blocks, at the
    first that ends below the panel's foot or at most :data:`WRAP_SHORT` lines above it (the
    panel's parts spread down to it), and only when the text below fills at least
    :data:`BELOW_LINES` lines a column. Where that text is one short section (at most
    :data:`SPAN_LINES` lines a column), its heading goes across the page, over both columns."""

    def __init__(self, *args: Any, **options: Any) -> None:
        super().__init__(*args, **options)  # as a sidebar, then the text split at the panel
        t, parts = self.theme, self.parts
        self.half = self.whole((self.inner - t.column_gap) / 2)  # the gap takes what is left
        self.beside, self.beside_end, self.below, self.letters = 0, 0.0, 0.0, 0.0
        self.span = 0.0  # how far below :attr:`below` the columns start, under a heading
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
            self.letters = super().reach([[p for p in stacked[0] if p.block < index]])
            head, rest = below[index], below[index + 1 :]
            if (
                head.keep_with_next
                and rest
                and not any(b.keep_with_next for b in rest)
                and sum(b.lines for b in rest) <= 2 * SPAN_LINES
            ):  # one short section below
                below[index] = head = self._across(head, rest[0])
                self.span = head.height + max(head.after, rest[0].before)
                self.below = on_grid(self.below + t.heading_rule * self.scale, self.line / 2)
            self.blocks = self.blocks[:index] + below[index:]
            self.strained = any(block.strained for block in self.blocks)
            self.awkward = sum(block.awkward for block in self.blocks)
            self.ragged = sum(block.ragged for block in self.blocks)
            return

    def _across(self, heading: Packable, text: Packable) -> Packable:
        """``heading`` set across the text width, over ``text`` (its rule across under the
        panel's tint, clear of it: :attr:`below` lower by the rule's rise)."""
        box = heading.box
        assert isinstance(box, TextBox)  # a heading is text
        wide = TextBox(self.inner, set_lines(box.setting.measured, box.spec, self.inner))
        block = Packable(wide, heading.role, heading.element, heading.parents, True)
        to_grid([block, text], heading.grid)
        return block

    def frame(self, air: float, end: float | None = None) -> Frame:
        """The sidebar's frame, its panel's letters spread down to where those of the text
        beside it end (:attr:`letters`; its tint then ends above the columns below it, as
        :attr:`below` leaves room for the panel spread as far as it goes)."""
        return super().frame(air, self.letters if self.beside else end)

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available): the text beside the panel, then below it."""
        if not self.beside:
            return super().demand(air)
        frame = self.frame(air)
        rest = shortest(self.blocks[self.columned :], 2, 1e9, air)
        needed = self.below + self.span + (rest[0] if rest else 1e9)
        return needed, frame.body_top - frame.body_bottom

    @property
    def columned(self) -> int:
        """The first block in the two columns below the panel (after a heading across them)."""
        return self.beside + (self.span > 0)

    def filled(self, air: float, grid: bool = True) -> tuple[list[Column], float, float] | None:
        """The text beside the panel as it is set, then the rest in two columns below it, as
        :func:`columns.arrange` arranges them; how far apart they end, or the panel's letters
        and those of the text beside it, if further."""
        if not self.beside:
            return super().filled(air, grid)
        frame = self.frame(air)
        room = frame.body_top - frame.body_bottom + 1e-6
        beside = pack(self.blocks[: self.beside], [1e9], air, grid=grid)
        start, line = self.columned, self.line
        below = arrange(self.blocks[start:], 2, room - self.below - self.span, air, line, grid)
        if beside is None or below is None:
            return None
        moved = [[p._replace(block=p.block + start) for p in column] for column in below[0]]
        head = self.blocks[self.beside]
        spanned = [[Portion(self.beside, 0, head.lines, 0.0, head.height)]] if self.span else []
        gap, blank = below[1:]
        panel = abs(frame.panel - (frame.body_top - self.letters))
        return [beside[0], *spanned, *moved], blank + max(gap - blank, 2 * panel), blank

    def reach(self, columns: list[Column]) -> float:
        """How far below the body's top its last line ends: below the panel."""
        if not self.beside:
            return super().reach(columns)
        return self.below + self.span + super().reach(columns[1 + (self.span > 0) :])

    def places(self, top: float) -> list[tuple[float, float, float]]:
        """The main column beside the panel, then two columns below it (under a heading
        across them)."""
        if not self.beside:
            return super().places(top)
        under, step = top - self.below, self.inner - self.half
        spanned = [(self.left, under, self.inner)] if self.span else []
        return [
            (self.left, top, self.main_width),
            *spanned,
            *[(self.left + index * step, under - self.span, self.half) for index in range(2)],
        ]


def mends(page: Layout, filled: Filled[Any]) -> bool:
    """Whether a closing row, which takes parts out of a panel, may mend ``page`` as
    ``filled``: its panel breaks a heading, a telephone number or an e-mail address, or its
    letters end below its main text's (not above them, nor with the text run on under it, as
    the row would only make it shorter still); any page with no panel."""
    if page.broken or not isinstance(page, Sidebar) or not page.extras:
        return True
    if isinstance(page, Wrapped) and page.beside:
        return False
    end = page.reach(filled.arrangement)
    frame = page.frame(filled.air, end)
    return frame.panel < frame.body_top - end


PANEL_STEP = 0.04  # of their size: the steps a short panel's parts grow in
PANEL_SHRINK = 3  # steps a panel's parts go smaller at most, to keep an address on one line
PANEL_TEXT = 0.95  # of the body's size: the largest a panel's text grows to, a step below it
ITEM_GAP = 0.5  # body lines: the most a panel's facts and contacts move apart, each from the last
PANEL_GAP = 2.0  # body lines: the widest gap between a panel's parts as seen, a section's most
BELOW_LINES = 3  # lines a column of the text below a wrapped panel holds at least: under a
# short panel a final section in two columns, never a stray strip of one or two lines
SPAN_LINES = 6  # lines a column of the text below a wrapped panel holds at most, for its one
# section to stand under its heading across both (a longer one reads as two columns under a
# heading at the top of the first, as two columns do; split so, a short one's heading and first
# lines stood at one column's foot and the rest of it at the next one's top, beside them)
WRAP_SHORT = 1.5  # body lines the text beside a wrapped panel may end above it
