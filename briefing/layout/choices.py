"""The arrangements the fit tries, in order: the theme's layout, then variants of it for a
page whose columns end apart, too long or too short (:func:`variants`)."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..theme import Theme
from .sidebar import Sidebar, Wrapped
from .variants import Layout, SingleColumn, TwoColumn

LAYOUTS: dict[str, type[Layout]] = {
    "two-column": TwoColumn,
    "single-column": SingleColumn,
    "sidebar": Sidebar,
}
STRIP = 3.0  # body lines between the ends of a panel and its main column, at most


class Variant(NamedTuple):
    """A layout to try; whether it is the one the theme chose (a wider sidebar is); and how
    far apart in body lines the columns of the page tried before it must end for it to be
    tried (None: only when that page is too long or part empty)."""

    kind: type[Layout]
    options: dict[str, Any]
    chosen: bool
    uneven: float | None
    long: bool = False  # its body's lines may be longer than comfortable
    apart: bool = False  # tried too when the columns before it end more than a line apart
    last: bool = False  # tried only when no variant before it fits
    full: bool = False  # replaces a page only where it leaves no more blank than a full one
    row: bool = False  # a closing row: tried only where it may mend the page (``sidebar.mends``)


def variants(theme: Theme) -> list[Variant]:
    """The theme's layout, then the variants of it to try when it leaves a column short (for
    a sidebar: its panel beside the lead first, then starting with the main column, for a
    long main text; the text run on under a shorter panel (before the wider ones, which make
    a main text longer than its panel longer still); a wider panel, beside the lead or
    starting with the main column, and its key figures two to a row, for a panel and a main
    column that end apart; a narrower panel, whose parts run longer beside a main column that
    runs shorter, for a panel short of its main text; the contacts and QR code, then the
    facts too, in a closing row under a panel far longer than its text, beside the lead, at
    its usual width, then wider, then the same starting with the main column, for a panel
    left more than a line from its text); then, for a sidebar the writer named, one column
    with the key figures in a row, for a panel still more than a line from its text or a page
    part empty; for one column or a sidebar the writer named, two columns, and last the
    layout named with lines longer than comfortable, for content too long for it (neither
    for a page only part empty); for two columns by default, one column of larger type for
    content too short for two, or split so unevenly between two that they end apart."""
    kind = LAYOUTS[theme.layout]
    found = [Variant(kind, {}, True, None)]
    if kind is Sidebar:  # its panel beside the lead, not the plain one, first
        shares = [theme.sidebar_share + step * theme.sidebar_step for step in (1, 2)]
        found = [Variant(Sidebar, {"raised": True}, True, None), Variant(Sidebar, {}, True, 0.5)]
        found.append(Variant(Wrapped, {}, True, STRIP, full=True))
        found += [
            Variant(Sidebar, {"share": s, "raised": raised}, True, 1.0)
            for s in shares
            for raised in (True, False)
        ]
        found.append(
            Variant(Sidebar, {"share": shares[1], "raised": True, "paired": True}, True, 1.0)
        )
        narrower = [{"share": theme.sidebar_share - step * theme.sidebar_step} for step in (1, 2)]
        found += [Variant(Sidebar, options, True, 1.0) for options in narrower]
        closing: list[dict[str, Any]] = [
            {"closing": 1},
            {"closing": 1, "share": shares[1], "paired": True},
            {"closing": 2},
        ]
        found += [
            Variant(
                Sidebar, {"raised": raised, **options}, True, STRIP if raised else 1.0, row=True
            )
            for raised in (True, False)
            for options in closing
        ]
    if theme.fixed_layout:
        longer = Variant(kind, {}, True, None, long=True, last=True)
        if kind is TwoColumn:
            return [*found, longer]
        if kind is Sidebar:  # a panel still apart from its text: its figures in a row instead
            found.append(Variant(SingleColumn, {}, False, None, apart=True))
        return [*found, Variant(TwoColumn, {}, False, None, last=True), longer]
    return [*found, Variant(SingleColumn, {}, False, None, apart=True)]
