"""Layout: the content as placed text, pictures and decoration on one page, fitted by scale.

Everything is measured once per trial scale (paragraphs set at their widths); arranging the
measured pieces, balancing columns and spreading space is arithmetic (``columns``). The fit
search (``fit``) keeps the largest scale that fits, from the legibility floor up to the largest
body size: long content shrinks, short content grows. Each layout is one class (``variants``);
the fixed parts are measured in ``parts``, type specs come from the theme (``specs``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any, NamedTuple

from reportlab.lib.pagesizes import A4, LETTER

from ..content.checks import Checked
from ..errors import ContentError
from ..text.spec import TypeSpec
from . import fit
from .choices import Variant, variants
from .columns import LINES, sections_grown
from .exhibits import Exhibit
from .overflow import (
    apart_warning,
    long_warning,
    overflow_problem,
    panel_warning,
    short_warning,
    switched_warning,
    wide_warning,
)
from .parts import FILL, Parts, Sheet, spare
from .records import Group, Page, Placed, Region, Role, Shape, Tag, fit_line
from .sidebar import mends
from .specs import type_specs
from .variants import Layout

PAPER = {"letter": LETTER, "a4": A4}
FEWER_HYPHENS = 45  # characters a line at least, for a page that has too many
PANEL_FILLED = 0.5  # of a sidebar panel's tint: its parts end above, and it reads as empty
GROW = 0.01  # of scale: a step of the design's growth in place of section gaps grown a line
GROWN = 24  # such steps at most

__all__ = [
    "PAPER",
    "Group",
    "Page",
    "Placed",
    "Region",
    "Role",
    "Shape",
    "Surround",
    "Tag",
    "compose",
    "design_specs",
    "fit_line",
    "surround",
]


def _design_size(checked: Checked, folio: str = "") -> Parts:
    """A sheet's parts at design size, for pages around sheets."""
    sheet = Sheet(checked, folio)
    specs = type_specs(checked.theme, sheet.faces, sheet.words, 1.0, display=sheet.heading_faces)
    return Parts(sheet, specs, 1.0)


def design_specs(checked: Checked) -> dict[str, TypeSpec]:
    """The type specs of a sheet's page at design size (for pages around sheets)."""
    return _design_size(checked).specs


class Surround(NamedTuple):
    """A page around sheets with a sheet's frame: its marking banners, header band and footer
    placed as on the sheet, and the room left between them."""

    page: Page
    top: float  # under the band's stripe
    bottom: float  # over the footer


def surround(checked: Checked, paper: str, folio: str = "", panel: float = 0.0) -> Surround:
    """A page of ``paper`` with the frame of ``checked``'s sheet at design size: the marking
    banners (if it has a marking), the header band with ``panel`` points more of its colour
    under its text, and the footer ending with ``folio`` (a page number), as a sheet places
    them."""
    t, parts = checked.theme, _design_size(checked, folio)
    width, height = PAPER[paper]
    inner, left = width - 2 * t.margin_x, t.margin_x
    page = Page(width, height, 1.0, 1.0, t.body_size, parts.sheet.faces.regular, [], [])
    marking, band, footer = parts.marking(inner), parts.band(inner), parts.footer(inner)
    top = height - t.safe_edge
    if not marking.empty:
        _place(page, marking, left, top - t.ink_overshoot)
        _place(page, marking, left, t.safe_edge + t.ink_overshoot + marking.height)
        top -= t.marking_height
    edge, bleed, coloured = t.safe_edge, width - 2 * t.safe_edge, band.height + panel
    page.shapes.append(Shape("rect", edge, top - coloured, bleed, coloured, t.primary))
    stripe = top - coloured - t.band_stripe
    page.shapes.append(Shape("rect", edge, stripe, bleed, t.band_stripe, t.accent))
    _place(page, band, left, top)
    lowest = t.margin_bottom + (0.0 if marking.empty else t.marking_height)
    _place(page, footer, left, lowest + footer.height)
    return Surround(page, stripe, lowest + footer.height + t.footer_rise)


def _place(page: Page, region: Region, x: float, top: float) -> None:
    """``region`` put on ``page`` with its top left at (``x``, ``top``)."""
    for shape in region.shapes:
        page.shapes.append(shape._replace(x=x + shape.x, y=top - shape.y - shape.height))
    for entry in region.entries:
        flowable = entry.flowable
        page.items.append(
            Placed(
                flowable,
                x + entry.x,
                top - entry.top - flowable.height,
                flowable.width,
                flowable.height,
                entry.role,
                len(page.items) + 1,
                entry.parents,
                entry.alt,
            )
        )


def compose(checked: Checked, paper: str, folio: str = "") -> Page:
    """Lay out validated content on one page at the largest scale that fits, from the body's
    smallest size to its largest (by the characters its line holds), then the title, lead,
    key figures and headings larger still, with what room is left spread between paragraphs;
    in the theme's layout, or one column of larger type for content too short for two
    (:func:`choices.variants`). ``folio``, a page number in a book, ends the footer line
    and takes no room of its own."""
    theme = checked.theme
    sheet = Sheet(checked, folio)
    height = PAPER[paper][1]
    limit = 2 * theme.body_size * theme.body_leading  # columns ending a line apart, or short
    tried = variants(theme)
    floor = theme.min_body_size / theme.body_size  # the design's smallest; the body's may be more
    arrangements, makers = _arrangements(tried, sheet, paper, limit)
    empty = spare(theme, height)  # the blank a reader sees, down to the rule
    settled = fit.settle(arrangements, limit, empty)
    if settled is not None and fit.hyphenated(settled.measured) > fit.HYPHENATED:
        # lines so short that many end in a hyphen: the body a little smaller, its lines
        # longer, where that composes the page as well
        fewer = fit.settle(
            _arrangements(tried, sheet, paper, limit, FEWER_HYPHENS)[0], limit, empty
        )
        if fewer is not None and _better(fewer, settled, empty):
            settled = fewer
    held: Layout | None = None  # the arrangement fewer words would set in comfortable lines
    if settled is None or tried[settled.index].long:
        # closed up, in the arrangement that holds the most and fits so: of those whose lines
        # keep to the comfortable length first, before lines longer than that fit
        smallest = [make(scale=floor) for make in makers]
        order = sorted(
            (i for i, variant in enumerate(tried) if settled is None or not variant.long),
            key=lambda i: (tried[i].long, _crowding(smallest[i])),
        )
        wide = [partial(makers[i], scale=floor, wide=True) for i in order]
        closed = _closed_up([(i, smallest[i], wide[n]) for n, i in enumerate(order)], theme.min_air)
        if closed is not None:
            settled = closed
        elif settled is None:
            raise ContentError([overflow_problem(smallest[order[0]])])
        held = smallest[order[0]]
    measured, filled = settled.measured, settled.filled
    _refuse_exhibits(measured)
    page = measured.page(filled.air, filled.arrangement)
    warnings = []
    variant = tried[settled.index]
    if not variant.chosen:
        apart = 0.0 if settled.replaced is None else fit.apart(*settled.replaced)
        named = makers[0](scale=floor) if variant.last else None  # the layout named, too long
        warnings.append(switched_warning(measured, theme.layout, apart, named))
    long = long_warning(measured, held) if variant.long and held is not None else None
    if long is not None:
        warnings.append(long)
    if measured.wide:
        warnings.append(wide_warning(measured))
    if page.blank > FILL:
        warnings.append(short_warning(measured, page.blank))
    elif measured.columns > 1 and fit.apart(measured, filled) > 1 + 1e-6:
        warnings.append(apart_warning(measured, filled.arrangement, fit.apart(measured, filled)))
    filled_share = measured.panel_filled(filled.air, filled.arrangement)
    if filled_share < PANEL_FILLED:
        warnings.append(panel_warning(measured, filled_share))
    return page._replace(warnings=tuple(warnings))


def _arrangements(
    tried: list[Variant], sheet: Sheet, paper: str, limit: float, short: int = 0
) -> tuple[list[fit.Arrangement[Layout]], list[Callable[..., Layout]]]:
    """Each variant as the fit tries it, its body's sizes those its lines allow (at least
    ``short`` characters a line, if given), and what measures it at a scale."""
    theme = sheet.theme
    width, height = PAPER[paper]
    floor = theme.min_body_size / theme.body_size
    arrangements: list[fit.Arrangement[Layout]] = []
    makers: list[Callable[..., Layout]] = []
    for variant in tried:
        least, cap = variant.kind.bounds(sheet, width, variant.long, short, **variant.options)
        make = partial(variant.kind, sheet, width, height, cap=cap, least=least, **variant.options)
        makers.append(make)
        ceiling = max(cap, theme.max_scale)
        uneven = None if variant.uneven is None else variant.uneven * limit
        grown = partial(_grown, make, ceiling, spare(theme, height))
        arrangements.append(
            fit.Arrangement(
                make,
                floor,
                ceiling,
                uneven,
                variant.apart,
                variant.last,
                variant.full,
                Layout.halved,
                mends if variant.row else None,
                grown,
            )
        )
    return arrangements, makers


def _grown(
    make: Callable[..., Layout],
    ceiling: float,
    empty: float,
    measured: Layout,
    filled: fit.Filled[Any],
) -> tuple[Layout, fit.Filled[Any]]:
    """A page on whole lines whose section gaps grew a line to fill it (a heading under two
    blank lines reads as a hole: :func:`columns.sections_grown`), or that leaves more than
    ``empty`` blank at its foot, with its design grown instead (issue 23, rule 3): the title,
    lead, key figures and headings larger by steps of :data:`GROW` (up to ``ceiling``), the
    body as it is; of those whose sections' gaps stay a line, their columns within a line of
    each other and no more than ``empty`` blank at the foot, the fullest; else as it is."""
    holes = sections_grown(measured.blocks, filled.arrangement, measured.line)
    if measured.grid != LINES or not (holes or filled.blank > empty):
        return measured, filled
    found = []
    for step in range(1, GROWN + 1):
        scale = measured.scale + step * GROW
        grown = make(scale=scale, cap=measured.body_scale) if scale <= ceiling else None
        page = None if grown is None else fit.fullest(grown.filled, 1.0, 1.0)
        if grown is None or page is None:
            break
        if (
            not sections_grown(grown.blocks, page.arrangement, grown.line)
            and fit.apart(grown, page) <= 1 + 1e-6
            and page.blank <= empty
        ):
            found.append((grown, page))
    return min(found, key=lambda f: round(f[1].gap, 1), default=(measured, filled))


def _better(fewer: fit.Settled[Layout], settled: fit.Settled[Layout], empty: float) -> bool:
    """Whether the page with fewer hyphens is composed as well: its columns end within a body
    line of each other (or as near as before), it is no emptier (or full), and no more of its
    paragraphs are set ragged, nor strained where that page's are not (mali-units A4, two
    set ragged at every size near its own: 5 of 33 lines hyphenated at 12 pt, 3 of 31 at
    11.3)."""
    apart = [(s.filled.gap - s.filled.blank) / 2 for s in (fewer, settled)]
    return (
        apart[0] <= max(apart[1], fewer.measured.line) + 1e-6
        and fewer.filled.blank <= max(settled.filled.blank, empty)
        and fewer.measured.strained <= settled.measured.strained
        and fewer.measured.ragged <= settled.measured.ragged
        and fit.hyphenated(fewer.measured) < fit.hyphenated(settled.measured)
    )


def _crowding(layout: Layout) -> float:
    """How many times the room it has the content needs."""
    needed, room = layout.demand(1.0)
    return needed / room if room > 0 else math.inf


def _closed_up(
    candidates: list[tuple[int, Layout, Callable[[], Layout]]], least: float
) -> fit.Settled[Layout] | None:
    """Content too long for the arrangements tried at their floors: of ``candidates`` (each
    an arrangement's index, its content measured there, and the same with its lead across the
    whole width), the first that fits with its gaps closed up a little (to ``least`` of their
    size: by whole half lines, else, where only that fits, off the grid), else the first that
    fits so with its lead across the whole width; None if none does."""
    _refuse_exhibits(candidates[0][1])
    for widened in (False, True):
        for index, smallest, wide in candidates:
            layout = wide() if widened else smallest
            layout = layout.halved() or layout  # closed up by half lines
            filled = fit.fullest(layout.filled, least, 1.0)
            if filled is None:  # each gap closed by its share: the lines leave the grid
                filled = fit.fullest(partial(layout.filled, grid=False), least, 1.0)
            if filled is not None:
                return fit.Settled(index, layout, filled)
    return None


def _refuse_exhibits(layout: Layout) -> None:
    """Raise :class:`ContentError` for the charts, tables and photos that cannot be set."""
    problems = [b.box.problem for b in layout.blocks if isinstance(b.box, Exhibit)]
    if any(problems):
        raise ContentError([p for p in problems if p])
