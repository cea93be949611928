"""A briefing book: a cover, a contents page with links, then every sheet on its own page.

Each sheet is laid out exactly as it would be alone; the book adds page numbers to their feet,
a bookmark per sheet, and a contents page whose entries link to the sheets.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from . import layout, markup, pdf
from .errors import ContentError, Problem
from .language import LANGUAGES, Language
from .layout import Page, Placed, Role, Shape
from .model import Content
from .output import write_atomic
from .pipeline import epoch_of, lay_out, prepare, refuse_overwriting, sources, title_of
from .textbox import TextBox, typeset
from .theme import Theme, themed
from .typeset import Style


class BookResult(NamedTuple):
    """What a book build made."""

    output: Path
    pages: int
    sheets: int
    seconds: float
    warnings: list[Problem]


def build_book(
    contents: Sequence[Path], output: Path, title: str | None = None, paper: str | None = None
) -> BookResult:
    """Build a book of the content files and write it atomically; raise :class:`ContentError`
    with the problems of every file that has any."""
    start = time.perf_counter()
    sheets: list[tuple[Content, Page]] = []
    problems: list[Problem] = []
    warnings: list[Problem] = []
    styles: dict[str, Style] = {}
    for content in contents:
        try:
            prepared = prepare(content)
            sheets.append((prepared.content, lay_out(prepared, paper or None)))
            warnings += prepared.warnings
            styles = styles or layout.styles(prepared)
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(problems)
    if not sheets:
        raise ValueError("a book needs at least one content file")
    read = [sources(content, model) for content, (model, _) in zip(contents, sheets, strict=True)]
    refuse_overwriting([output], set().union(*read))
    first = sheets[0][0]
    theme = themed(first.design)
    size = (sheets[0][1].width, sheets[0][1].height)
    words = LANGUAGES[first.language]
    dates = [model.date for model, _ in sheets if model.date]
    latest = max(dates) if dates else None
    name = title or f"{first.organization}: briefing book"
    pages = [
        _cover(name, latest, len(sheets), first, theme, styles, size, words),
        _contents(sheets, theme, styles, size, words),
    ]
    for number, (_, page) in enumerate(sheets, start=3):
        _number(page, number, theme, styles)
    pages += [page for _, page in sheets]
    outline = [(words.contents, 1)] + [(title_of(m), i) for i, (m, _) in enumerate(sheets, 2)]
    languages = [first.language] * 2 + [model.language for model, _ in sheets]
    meta = pdf.Metadata(
        title=name,
        author=str(first.organization),
        subject=f"{len(sheets)} briefings",
        keywords=tuple(str(model.title) for model, _ in sheets),
        language=first.language,
        epoch=epoch_of(latest),
    )
    write_atomic(output, pdf.render(pages, meta, outline, languages))
    return BookResult(output, len(pages), len(sheets), time.perf_counter() - start, warnings)


def _band(page: Page, theme: Theme) -> float:
    edge, width = theme.safe_edge, page.width - 2 * theme.safe_edge
    bottom = page.height - edge - theme.band_height
    page.shapes.append(Shape("rect", edge, bottom, width, theme.band_height, theme.primary))
    page.shapes.append(
        Shape("rect", edge, bottom - theme.band_stripe, width, theme.band_stripe, theme.accent)
    )
    return bottom - theme.band_stripe


def _page(size: tuple[float, float], theme: Theme, styles: dict[str, Style]) -> Page:
    return Page(size[0], size[1], 1.0, 1.0, theme.body_size, styles["body"].faces.regular, [], [])


def _put(
    page: Page,
    text: str,
    style: Style,
    x: float,
    top: float,
    width: float,
    role: Role,
    parents: tuple[str, ...] = (),
) -> float:
    box = typeset(text, style, width)
    page.items.append(
        Placed(box, x, top - box.height, width, box.height, role, len(page.items) + 1, parents)
    )
    return top - box.height


def _cover(
    title: str,
    date: datetime.date | None,
    count: int,
    first: Content,
    theme: Theme,
    styles: dict[str, Style],
    size: tuple[float, float],
    words: Language,
) -> Page:
    page = _page(size, theme, styles)
    inner = page.width - 2 * theme.margin_x
    top = _band(page, theme)
    _put(
        page,
        markup.plain(first.organization),
        styles["band"],
        theme.margin_x,
        top + theme.band_stripe + theme.band_height / 2 + 6,
        inner,
        "P",
    )
    big = styles["title"]._replace(size=34, leading=40)
    y = _put(page, markup.plain(title), big, theme.margin_x, top - page.height * 0.25, inner, "H1")
    lines = [f"{count} briefing{'s' if count != 1 else ''}"]
    if date is not None:
        lines.append(words.date_line(date))
    _put(
        page,
        markup.escape(" · ".join(lines)),
        styles["subtitle"],
        theme.margin_x,
        y - 10,
        inner,
        "P",
    )
    return page


def _contents(
    sheets: list[tuple[Content, Page]],
    theme: Theme,
    styles: dict[str, Style],
    size: tuple[float, float],
    words: Language,
) -> Page:
    page = _page(size, theme, styles)
    inner = page.width - 2 * theme.margin_x
    y = _band(page, theme) - 30
    heading = markup.plain(words.contents)
    y = _put(page, heading, styles["title"], theme.margin_x, y, inner, "H1") - 14
    number_style = styles["lead"]._replace(align="right")
    for index, (model, _) in enumerate(sheets, start=3):
        target = f"#page-{index}"
        text = markup.link(target, title_of(model), theme.primary)
        parents = ("TOC:1", f"TOCI:{index}")
        bottom = _put(
            page,
            text,
            styles["lead"],
            theme.margin_x,
            y,
            inner - 40,
            "Reference",
            parents,
        )
        _put(
            page,
            markup.link(target, str(index), theme.primary),
            number_style,
            theme.margin_x + inner - 40,
            y,
            40,
            "Reference",
            parents,
        )
        page.shapes.append(Shape("line", theme.margin_x, bottom - 5, inner, 0, theme.rule, 0.6))
        y = bottom - 12
    return page


def _number(page: Page, number: int, theme: Theme, styles: dict[str, Style]) -> None:
    """The page number at the foot of a sheet, right-aligned below its footer (an artifact)."""
    box: TextBox = typeset(str(number), styles["date"], 60)
    x = page.width - theme.margin_x - 60
    page.items.append(Placed(box, x, theme.safe_edge, 60, box.height, "Artifact", 0))
