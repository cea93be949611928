"""Layout: the content as placed text, pictures and decoration on one page, fitted by scale.

Everything is measured once per trial scale (paragraphs set at their widths); arranging the
measured pieces, balancing columns and spreading space is arithmetic (``columns``). The fit
search (``fit``) keeps the largest scale that fits, from the legibility floor up to the largest
body size: long content shrinks, short content grows. Each layout is one class (``variants``);
the fixed parts are measured in ``parts``, type specs come from the theme (``specs``).
"""

from __future__ import annotations

from functools import partial

from reportlab.lib.pagesizes import A4, LETTER

from ..content.checks import Checked
from ..errors import ContentError
from ..language import LANGUAGES
from ..text.spec import TypeSpec
from . import fit
from .exhibits import Exhibit
from .overflow import overflow_problem
from .parts import Parts, Sheet
from .records import Group, Page, Placed, Region, Role, Shape, Tag, fit_line
from .specs import type_specs
from .variants import Layout, variants

PAPER = {"letter": LETTER, "a4": A4}

__all__ = [
    "PAPER",
    "Group",
    "Page",
    "Placed",
    "Region",
    "Role",
    "Shape",
    "Tag",
    "band",
    "compose",
    "design_specs",
    "fit_line",
]


def _design_size(checked: Checked) -> Parts:
    """A sheet's parts at design size, for pages around sheets."""
    sheet = Sheet(checked, LANGUAGES[checked.content.language])
    return Parts(
        sheet, type_specs(checked.theme, sheet.faces, sheet.words, 1.0, sheet.heading_faces), 1.0
    )


def design_specs(checked: Checked) -> dict[str, TypeSpec]:
    """The type specs of a sheet's page at design size (for pages around sheets)."""
    return _design_size(checked).specs


def band(checked: Checked, width: float) -> Region:
    """A sheet's header band (its logo, organization and office) at design size, ``width``
    wide, for pages around sheets."""
    return _design_size(checked).band(width)


def compose(checked: Checked, paper: str) -> Page:
    """Lay out validated content on one page at the largest scale that fits, from the theme's
    smallest body size to its largest, with what room is left spread between paragraphs."""
    theme = checked.theme
    sheet = Sheet(checked, LANGUAGES[checked.content.language])
    width, height = PAPER[paper]
    floor = theme.min_body_size / theme.body_size
    ceiling = max(theme.max_body_size / theme.body_size, floor)
    measures = [partial(v, sheet, width, height) for v in variants(theme)]
    limit = theme.body_size * theme.body_leading  # a column ending a line or more short
    settled = fit.settle(measures, floor, ceiling, theme.max_air, limit)
    if settled is None:  # too long even at the floor, unless its gaps close up a little
        smallest = measures[0](floor)
        _refuse_exhibits(smallest)
        filled = fit.fullest(smallest.filled, theme.min_air, 1.0)
        if filled is None:
            raise ContentError([overflow_problem(smallest)])
        return smallest.page(filled.air, filled.arrangement)
    best, filled = settled
    _refuse_exhibits(best)
    if filled is None:  # short content at its largest size: balanced columns
        return best.page(theme.max_air, best.balanced(theme.max_air))
    return best.page(filled.air, filled.arrangement)


def _refuse_exhibits(layout: Layout) -> None:
    """Raise :class:`ContentError` for the charts, tables and photos that cannot be set."""
    problems = [b.box.problem for b in layout.blocks if isinstance(b.box, Exhibit)]
    if any(problems):
        raise ContentError([p for p in problems if p])
