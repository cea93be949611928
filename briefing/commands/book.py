"""A briefing book: a cover, contents with links, then every sheet on its own page.

The book has one paper size, and each sheet is laid out for it as it would be alone, with room
kept under its footer for the page number; the book adds a bookmark per sheet, and contents
(on as many pages as they take) whose entries link to the sheets.
"""

from __future__ import annotations

import datetime
import os
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .. import layout
from ..content.checks import Checked
from ..content.model import Content
from ..content.runs import Run, Runs, link, plain
from ..errors import ContentError, Problem, UsageError
from ..fonts import describe, drawn_by, missing, script_faces
from ..language import LANGUAGES, Language
from ..layout import Page, Placed, Role, Shape
from ..output import PAPERS, checked_paper, write_atomic
from ..pdf import writer as pdf
from ..pipeline import (
    CREATOR,
    epoch_of,
    lay_out,
    refuse_overwriting,
    run_checks,
    sources,
    title_of,
)
from ..text.setting import natural_width
from ..text.spec import TypeSpec
from ..text.textbox import TextBox, typeset
from ..theme import Theme

_FOLIO_EDGE = 36.0  # 0.5 in: page numbers keep this far from the paper's edges
_FOLIO_GAP = 6.0  # between a page number and the footer above it
_NUMBERS = 36.0  # the contents' column of page numbers, right-aligned
_LEADER_GAP = 6.0  # between a contents entry's words and its dot leader, either side
ORDERS = ("given", "title")
MAX_TITLE = 200  # characters of a book's title: some seven lines in the cover's large type


class BookResult(NamedTuple):
    """What a book build made."""

    output: Path
    pages: int
    sheets: int
    seconds: float
    warnings: list[Problem]
    paper: str
    relaid: list[tuple[Path, str]]  # the sheets whose own paper the book's replaced, and theirs


def build_book(
    contents: Sequence[Path],
    output: Path,
    title: str | None = None,
    paper: str | None = None,
    order: str = "given",
) -> BookResult:
    """Build a book of the content files and write it atomically; raise :class:`ContentError`
    with the problems of every file that has any.

    The book has one paper size, ``paper`` or else the first sheet's: every sheet is laid out
    for it again. ``order`` is ``given`` or ``title`` (sorted by the sheets' titles).
    """
    start = time.perf_counter()
    paper = checked_paper(paper)
    if order not in ORDERS:
        raise UsageError(f"order is one of {', '.join(ORDERS)}; got {order!r}")
    found: list[tuple[Path, Checked]] = []
    problems: list[Problem] = []
    for content in contents:
        try:
            found.append((content, run_checks(content)))
        except ContentError as error:
            problems += error.problems
    if problems:
        raise ContentError(problems)
    if not found:
        raise ValueError("a book needs at least one content file")
    if order == "title":
        found.sort(key=lambda sheet: title_of(sheet[1].content).casefold())
    read = [sources(content) for content, _ in found]
    refuse_overwriting([output], set().union(*read))
    first = found[0][1]
    if title:
        _check_title(title, first)
    paper = paper or first.content.paper
    relaid: list[tuple[Path, str]] = [
        (path, p.content.paper) for path, p in found if p.content.paper != paper
    ]
    sheets: list[tuple[Content, Page]] = []
    for _, checked in found:
        try:
            sheets.append((checked.content, lay_out(_folioed(checked), paper)))
        except ContentError as error:  # it may fit alone, on its own paper, and not here
            problems += [_in_book(problem, checked, paper) for problem in error.problems]
    if problems:
        raise ContentError(problems)
    warnings = [warning for _, checked in found for warning in checked.warnings]
    model, theme = first.content, first.theme
    specs = layout.design_specs(first)
    size = layout.PAPER[paper]
    words = LANGUAGES[model.language]
    dates = [model.date for model, _ in sheets if model.date]
    latest = max(dates) if dates else None
    name = title or words.book
    listed = _contents(sheets, theme, specs, size, words)
    pages = [_cover(name, latest or _today(), len(sheets), first, specs, size, words), *listed]
    if words.direction == "rtl":
        pages = [page.mirrored() for page in pages]
    first_sheet = len(pages) + 1  # the page number of the first sheet
    for number, (sheet, page) in enumerate(sheets, start=first_sheet):
        _number(page, number, theme, specs, bool(sheet.marking), LANGUAGES[sheet.language])
    outline = [(words.contents, 1)]
    outline += [(title_of(m), i) for i, (m, _) in enumerate(sheets, first_sheet - 1)]
    languages = [model.language] * len(pages) + [sheet.language for sheet, _ in sheets]
    pages += [page for _, page in sheets]
    meta = pdf.Metadata(
        title=name,
        author=str(model.organization),
        subject=f"{len(sheets)} briefings",
        keywords=tuple(str(sheet.title) for sheet, _ in sheets),
        language=model.language,
        creator=CREATOR,
        epoch=epoch_of(latest),
    )
    write_atomic(output, pdf.render(pages, meta, outline, languages))
    seconds = time.perf_counter() - start
    return BookResult(output, len(pages), len(sheets), seconds, warnings, paper, relaid)


def _in_book(problem: Problem, checked: Checked, paper: str) -> Problem:
    """A sheet's layout problem, said as the book's: its page number's room, and its paper if
    the book's is not its own."""
    own = checked.content.paper
    where = f"{_folio_room(checked.theme):.0f} pt kept under the footer for the page number"
    expected = problem.expected or ""
    if own != paper:
        where += f"; on {PAPERS[paper]}, the book's paper, not the sheet's own {PAPERS[own]}"
        expected += f"; or the book on {PAPERS[own]} (--paper {own})"
    return problem._replace(message=f"in the book ({where}): {problem.message}", expected=expected)


def _folio_room(theme: Theme) -> float:
    """The height a page number takes under a sheet's footer."""
    return theme.footer_size * theme.small_leading + _FOLIO_GAP


def _folioed(checked: Checked) -> Checked:
    """A sheet with room for its page number kept below its footer."""
    theme = checked.theme
    return checked._replace(theme=theme._replace(margin_bottom=_FOLIO_EDGE + _folio_room(theme)))


def _today() -> datetime.date:
    """The build's date: SOURCE_DATE_EPOCH's, when set, for a reproducible book."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


def _page(size: tuple[float, float], theme: Theme, specs: dict[str, TypeSpec]) -> Page:
    return Page(size[0], size[1], 1.0, 1.0, theme.body_size, specs["body"].faces.regular, [], [])


def _put(
    page: Page,
    text: Runs,
    spec: TypeSpec,
    x: float,
    top: float,
    width: float,
    role: Role,
    parents: tuple[str, ...] = (),
) -> TextBox:
    return _place(page, typeset(text, spec, width), x, top, role, parents)


def _place(
    page: Page, box: TextBox, x: float, top: float, role: Role, parents: tuple[str, ...] = ()
) -> TextBox:
    height = box.height
    page.items.append(
        Placed(box, x, top - height, box.width, height, role, len(page.items) + 1, parents)
    )
    return box


def _check_title(title: str, first: Checked) -> None:
    """Raise :class:`UsageError` for a title the cover cannot print: longer than
    :data:`MAX_TITLE`, or with a control character or one that no font of the book draws."""
    if len(title) > MAX_TITLE:
        raise UsageError(
            f"the book's title has {len(title):,} characters; expected at most {MAX_TITLE}, "
            "which the cover prints in large type"
        )
    script = LANGUAGES[first.content.language].script
    for offset in missing(title, first.theme.family, script):
        char = title[offset]
        if unicodedata.category(char) == "Cc" or drawn_by(char) is None:
            raise UsageError(
                f"the book's title has the character {describe(char)}, which no font of the "
                "book draws; expected letters, digits and punctuation"
            )


def _cover(
    title: str,
    date: datetime.date,
    count: int,
    first: Checked,
    specs: dict[str, TypeSpec],
    size: tuple[float, float],
    words: Language,
) -> Page:
    """The cover: the first sheet's band (its logo, organization and office), the title, how
    many sheets and the date."""
    theme = first.theme
    page = _page(size, theme, specs)
    inner = page.width - 2 * theme.margin_x
    band = layout.band(first, inner)
    edge, top = theme.safe_edge, page.height - theme.safe_edge
    bleed = page.width - 2 * edge
    page.shapes.append(Shape("rect", edge, top - band.height, bleed, band.height, theme.primary))
    stripe = top - band.height - theme.band_stripe
    page.shapes.append(Shape("rect", edge, stripe, bleed, theme.band_stripe, theme.accent))
    for entry in band.entries:
        flowable = entry.flowable
        page.items.append(
            Placed(
                flowable,
                theme.margin_x + entry.x,
                top - entry.top - flowable.height,
                flowable.width,
                flowable.height,
                entry.role,
                len(page.items) + 1,
                entry.parents,
                entry.alt,
            )
        )
    big = specs["title"]._replace(size=34, leading=40)
    y = page.height * 0.62
    page.shapes.append(Shape("rect", theme.margin_x, y + 14, 48, theme.lead_rule, theme.accent))
    y -= _put(page, plain(title), big, theme.margin_x, y, inner, "H1").height
    line = " · ".join((words.count_sheets(count), words.date_line(date)))
    _put(page, (Run(line),), specs["subtitle"], theme.margin_x, y - 10, inner, "P")
    return page


def _contents(
    sheets: list[tuple[Content, Page]],
    theme: Theme,
    specs: dict[str, TypeSpec],
    size: tuple[float, float],
    words: Language,
    count: int = 1,
) -> list[Page]:
    """The contents on as many pages as they take, the sheets' page numbers counted after
    ``count`` of them (set again with the count they took, when it differs): the heading, then
    each sheet's title, a dot leader and its page number, the title and the number each a link
    to the sheet (not underlined: the page says so); an entry that would pass the foot starts
    a new page."""
    page = _page(size, theme, specs)
    pages = [page]
    inner = page.width - 2 * theme.margin_x
    y = page.height - 2 * _FOLIO_EDGE
    heading = plain(words.contents)
    y -= _put(page, heading, specs["title"], theme.margin_x, y, inner, "H1").height
    page.shapes.append(Shape("line", theme.margin_x, y - 8, inner, 0, theme.accent, 1.2))
    y -= 24
    entry = specs["lead"]._replace(underline_links=False, hyphenation="")
    number_spec = entry._replace(align="right")
    leader = entry._replace(align="right", colour=theme.muted)
    right = theme.margin_x + inner
    widest = natural_width(plain(words.number(len(sheets) + 1 + count)), number_spec)
    dots_end = right - widest - _LEADER_GAP  # every leader ends here, its dots aligned
    dot = natural_width(plain(". ."), leader) - natural_width(plain("."), leader)  # and a space
    for index, (model, _) in enumerate(sheets, start=2 + count):
        target = f"#page-{index}"
        parents = ("TOC:1", f"TOCI:{index}")
        text = link(target, title_of(model), theme.primary)
        width = dots_end - theme.margin_x - 4 * dot
        own = script_faces(LANGUAGES[model.language].script, entry.faces.family)  # its script
        titled = entry._replace(script_faces=own or entry.script_faces)
        box = typeset(text, titled, width)
        if y - box.height < 2 * _FOLIO_EDGE:  # past the foot: the next page
            page = _page(size, theme, specs)
            pages.append(page)
            y = page.height - 2 * _FOLIO_EDGE
        _place(page, box, theme.margin_x, y, "Reference", parents)
        last = box.setting.drawn(len(box.setting.lines) - 1).width
        line_top = y - box.height + box.leading  # the top of the title's last line
        number = link(target, words.number(index), theme.primary)
        _put(page, number, number_spec, right - _NUMBERS, line_top, _NUMBERS, "Reference", parents)
        start = theme.margin_x + last + _LEADER_GAP
        dots = int((dots_end - start) / dot)
        if dots > 0:
            _put(page, (Run(". " * dots),), leader, start, line_top, dots_end - start, "Artifact")
        y -= box.height + 10
    if len(pages) != count:
        return _contents(sheets, theme, specs, size, words, len(pages))
    return pages


def _number(
    page: Page,
    number: int,
    theme: Theme,
    specs: dict[str, TypeSpec],
    marked: bool,
    words: Language,
) -> None:
    """The page number at the foot of a sheet (an artifact), in the sheet's digits, under its
    date (at the right, or the left of a right-to-left sheet), 0.5 in or more from the paper's
    edges and above the marking banner, if any."""
    width = 60.0
    rtl = words.direction == "rtl"
    spec = specs["date"]._replace(
        align="left" if rtl else "right",
        direction="ltr",
        script_faces=script_faces(words.script, specs["date"].faces.family),
    )
    box: TextBox = typeset((Run(words.number(number)),), spec, width)
    edge = max(theme.margin_x, _FOLIO_EDGE)
    x = edge if rtl else page.width - edge - width
    bottom = _FOLIO_EDGE + (theme.marking_height if marked else 0.0)
    page.items.append(Placed(box, x, bottom, width, box.height, "Artifact", 0))
