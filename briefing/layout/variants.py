"""The three layouts, one class each, measured at one scale. Each has one frame computation,
``frame(air)``, that says where every region goes and how much room the body has; measuring
(``demand``) and placing (``page``) both use it, so the two never disagree.

- ``TwoColumn``: key figures and facts in strips above two balanced columns; contacts and the
  QR code in a row above the footer.
- ``SingleColumn``: the same, with one column and the headings hanging in a rail beside it.
- ``Sidebar``: one main column, and a tinted panel beside it holding the key figures, facts,
  contacts and QR code.

How room is shared: the fit engine first grows or shrinks type and spacing together; what is
left after that spreads the body's gaps between paragraphs and sections (``air``, up to the
theme's ``max_air``), never the gap between a heading and its text, nor the gaps above the body;
whatever is left beyond that stays at the foot of the page.

A right-to-left language's page is laid out as above, then mirrored (``Page.mirrored``): the
sidebar and the rail move to the left, the first column and the first key figure to the right,
bullets to the right of their items; the text in each box runs in its spec's direction.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import ClassVar, NamedTuple

from ..theme import Theme
from .columns import Column, flush, pack, realize, shortest
from .exhibits import Exhibit
from .parts import Parts, Sheet
from .records import Page, Placed, Region, Shape
from .specs import type_specs


class Frame(NamedTuple):
    """Where the regions go at one air, and the room left for the body."""

    regions: list[tuple[Region, float, float]]  # (region, left, top) on the page, above the body
    after: list[tuple[Region, float, float]]  # the same, read after the body
    shapes: list[Shape]
    body_top: float
    body_bottom: float
    side: float = 0.0  # the height the sidebar's stack needs (0: no sidebar)
    side_room: float = 0.0


class Layout:
    """The content measured at one scale, in one layout."""

    columns: ClassVar[int] = 1

    def __init__(self, sheet: Sheet, width: float, height: float, scale: float) -> None:
        t = sheet.theme
        self.sheet, self.theme, self.width, self.height, self.scale = (
            sheet,
            t,
            width,
            height,
            scale,
        )
        self.specs = type_specs(t, sheet.faces, sheet.words, scale, sheet.heading_faces)
        parts = self.parts = Parts(sheet, self.specs, scale)
        self.left, self.inner = t.margin_x, width - 2 * t.margin_x
        self.main_width, self.column_width, self.rail = self.widths()
        self.marking = parts.marking(self.inner)
        self.band = parts.band(self.inner)
        self.title = parts.title(self.inner)
        self.lead = parts.lead(self.inner)
        self.extras = self.measure_extras(parts)
        self.blocks = parts.body(self.column_width, self.rail)
        self.footer = parts.footer(self.inner)
        self.strained = any(block.strained for block in self.blocks)

    def widths(self) -> tuple[float, float, float]:
        """(the body's width, a column's width, the hanging headings' rail)."""
        return self.inner, self.inner, 0.0

    def measure_extras(self, parts: Parts) -> list[Region]:
        """The key figures and facts (strips above the body), then the closing row."""
        return [
            parts.figures(self.inner, stacked=False),
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

    def frame(self, air: float) -> Frame:
        """Where everything goes: strips above the body, the closing row below it."""
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
            after.insert(0, (closing, self.left, top))
            shapes.append(
                Shape("line", self.left, top + gap / 2, self.inner, 0, t.rule, t.rule_width)
            )
            bottom = top + gap
        return Frame(regions, after, shapes, y - gap, bottom)

    # -- measuring and placing --------------------------------------------------------------

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available) of the tighter of the body and the sidebar."""
        frame = self.frame(air)
        result = shortest(self.blocks, self.columns, 1e9, air)
        needed, room = (result[0] if result else 1e9), frame.body_top - frame.body_bottom
        if frame.side and frame.side * room > needed * frame.side_room:
            return frame.side, frame.side_room
        return needed, room

    def balanced(self, air: float) -> list[Column]:
        """The body's columns at ``air``, balanced: for content that cannot fill the page."""
        frame = self.frame(air)
        balanced = shortest(self.blocks, self.columns, frame.body_top - frame.body_bottom, air)
        if balanced is None:
            raise RuntimeError("the body did not fit where the fit engine said it would")
        return balanced[1]

    def filled(self, air: float) -> tuple[list[Column], float] | None:
        """The body's columns at ``air`` on a full page, and the largest space left at a
        column's foot; None if it does not fit. The columns are balanced, or fill down to the
        foot in turn, or the first gives the last some lines: whichever ends nearest it, and
        most evenly, once a short column's gaps grow and its lines move apart a little."""
        frame = self.frame(air)
        room = frame.body_top - frame.body_bottom + 1e-6
        if frame.side > frame.side_room:
            return None
        t, blocks, leading = self.theme, self.blocks, self.specs["body"].leading
        options = [pack(blocks, [room] * self.columns, air)]
        greedy = options[0]
        if self.columns > 1 and greedy is not None:
            # The last column ends short: give it some of the first's lines.
            ends = [max((p.top + p.height for p in column), default=0.0) for column in greedy]
            short = (ends[0] - ends[-1]) / 2
            if short > leading:
                heights = [room - short] * (self.columns - 1) + [room]
                options.append(pack(blocks, heights, air))
        arranged = [
            flush(blocks, option, room, air, t.flush_growth, t.feather)
            for option in options
            if option is not None
        ]
        best = min(arranged, key=lambda a: a[1], default=None)
        if self.columns > 1 and (best is None or best[1] > leading):
            balanced = shortest(blocks, self.columns, room, air)
            if balanced is not None:
                even = flush(blocks, balanced[1], room, air, t.flush_growth, t.feather)
                best = even if best is None or even[1] < best[1] else best
        return best

    def page(self, air: float, columns: list[Column]) -> Page:
        """Everything placed, with the body's gaps spread by ``air`` into these ``columns``."""
        t = self.theme
        frame = self.frame(air)
        needed, room = self.demand(1.0)
        page = Page(
            self.width,
            self.height,
            self.scale,
            air,
            t.body_size * self.scale,
            self.sheet.faces.regular,
            list(frame.shapes),
            [],
            min(needed / room, 1.0) if room > 0 else 1.0,
        )
        for region, x, top in frame.regions:
            self._put(page, region, x, top)
        self._body(page, frame.body_top, columns)
        for region, x, top in frame.after:
            self._put(page, region, x, top)
        return page.mirrored() if self.sheet.words.direction == "rtl" else page

    def _body(self, page: Page, top: float, columns: list[Column]) -> None:
        t, s = self.theme, self.scale
        x0 = self.left + self.rail
        for index, column in enumerate(realize(self.blocks, columns)):
            x = x0 + index * (self.column_width + t.column_gap)
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
                    page.shapes.append(
                        Shape("line", x, rule, self.column_width, 0, t.rule, t.rule_width)
                    )

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

    def widths(self) -> tuple[float, float, float]:
        """(the body's width, a column's width, no rail)."""
        column = (self.inner - self.theme.column_gap) / 2
        return self.inner, column, 0.0


class SingleColumn(Layout):
    """One column, headings hanging in a rail to its left (its right, mirrored)."""

    def widths(self) -> tuple[float, float, float]:
        """(the body's width, the column's width, the rail's width)."""
        rail = self.inner * self.theme.rail_share
        return self.inner, self.inner - rail, rail


class Sidebar(Layout):
    """A main column and a tinted side panel taking ``share`` of the text width."""

    def __init__(
        self, sheet: Sheet, width: float, height: float, scale: float, share: float
    ) -> None:
        self.share = share
        super().__init__(sheet, width, height, scale)

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
        """Key figures, facts, contacts and the QR code, stacked in the panel."""
        width = self.side_width - 2 * self.pad
        found = [
            parts.figures(width, stacked=True),
            parts.facts(width, stacked=True),
            parts.contacts(width),
            parts.online(width, stacked=True),
        ]
        return [region for region in found if not region.empty]

    def frame(self, air: float) -> Frame:
        """The body in the main column; the panel's parts spread down it, up to twice their gap;
        the tint ends where they do when they cannot fill it."""
        t = self.theme
        regions, shapes, y = self.head()
        body_top = y - t.block_gap * self.scale
        foot, bottom = self.foot()
        if not self.extras:
            return Frame(regions, foot, shapes, body_top, bottom)
        gap = t.side_gap * self.scale
        count = len(self.extras)
        stack = sum(r.height for r in self.extras) + gap * (count - 1) + 2 * self.pad
        room = body_top - bottom
        spare = room - stack
        extra = min(spare / (count - 1), 2 * gap) if spare > 0 and count > 1 else 0.0
        side_x = self.left + self.main_width + t.column_gap
        top = body_top - self.pad
        side: list[tuple[Region, float, float]] = []
        for region in self.extras:
            side.append((region, side_x + self.pad, top))
            top -= region.height + gap + extra
        panel_bottom = max(bottom, top + gap + extra - self.pad)
        shapes.append(
            Shape("rect", side_x, panel_bottom, self.side_width, body_top - panel_bottom, t.tint)
        )
        return Frame(regions, side + foot, shapes, body_top, bottom, stack, room)


LAYOUTS: dict[str, type[Layout]] = {
    "two-column": TwoColumn,
    "single-column": SingleColumn,
    "sidebar": Sidebar,
}


def variants(theme: Theme) -> list[Callable[[Sheet, float, float, float], Layout]]:
    """The theme's layout, then the variants of it to try when it leaves a column short: a
    wider sidebar, for a full sidebar beside a short main column."""
    if theme.layout != "sidebar":
        return [LAYOUTS[theme.layout]]
    shares = [theme.sidebar_share + step * theme.sidebar_step for step in range(3)]
    return [partial(Sidebar, share=share) for share in shares]
