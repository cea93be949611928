"""Layout: the content as placed text, pictures and decoration on one page, fitted by scale.

Everything is measured once per trial scale (paragraphs set at their widths); arranging the
measured pieces, balancing columns and spreading space is arithmetic (``columns``). The fit
search (``fit``) keeps the largest scale that fits, from the legibility floor up to the largest
body size: long content shrinks, short content grows. Each layout is one class (``variants``);
the fixed parts are measured in ``parts``, text styles come from the theme (``styles``).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4, LETTER

from ..errors import ContentError, Problem
from ..language import LANGUAGES
from ..model import Content
from ..theme import Theme
from ..typeset import Style
from . import fit
from .overflow import overflow_problem
from .parts import Sheet
from .records import Page, Placed, Role, Shape
from .styles import text_styles
from .variants import LAYOUTS

PAPER = {"letter": LETTER, "a4": A4}

__all__ = ["PAPER", "Page", "Placed", "Role", "Shape", "compose", "styles"]


def _sheet(content: Content, theme: Theme, base: Path) -> Sheet:
    problems: list[Problem] = []
    logo = None
    if content.logo:
        from ..images import load_logo  # ReportLab's graphics load only for pictures

        logo = load_logo(content.logo, base, problems)
    sheet = Sheet(content, theme, LANGUAGES[content.language], logo, problems)
    if problems:
        raise ContentError(problems)
    return sheet


def styles(content: Content, theme: Theme, base: Path) -> dict[str, Style]:
    """The text styles of ``content``'s page at design size (for pages around sheets)."""
    sheet = _sheet(content, theme, base)
    return text_styles(theme, sheet.faces, sheet.words.hyphenation, 1.0)


def compose(content: Content, theme: Theme, paper: str, base: Path) -> Page:
    """Lay out ``content`` on one page at the largest scale that fits, from the theme's
    smallest body size to its largest, with what room is left spread between paragraphs.

    ``base`` is the folder that relative file names in the content (the logo) start from.
    """
    sheet = _sheet(content, theme, base)
    width, height = PAPER[paper]
    variant = LAYOUTS[theme.layout]
    floor = theme.min_body_size / theme.body_size
    ceiling = max(theme.max_body_size / theme.body_size, floor)
    best = fit.largest(lambda scale: variant(sheet, width, height, scale), floor, ceiling)
    if best is None:  # too long even at the floor, unless its gaps close up a little
        best = variant(sheet, width, height, floor)
        low, high = theme.min_air, 1.0
    elif best.scale >= ceiling and fit.fits(best, theme.max_air):  # it cannot fill the page
        return best.page(theme.max_air, best.balanced(theme.max_air))
    else:
        low, high = 1.0, theme.max_air
    chosen = fit.fullest(best.filled, low, high)
    if chosen is None:
        raise ContentError([overflow_problem(best)])
    air, columns = chosen
    return best.page(air, columns)
