"""A briefing book: a cover, contents with links, then every sheet on its own page.

The book has one paper size and one design: each sheet is laid out for the paper as it would
be alone, in the book's typeface and colours (those most of its sheets have), its page number
at the end of its footer line. The cover and the contents pages have the frame the sheets
have (the header band, the footer, the marking banners carrying the sheets' highest marking);
the book adds a bookmark per sheet, and contents whose entries link to the sheets.
"""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from .. import layout
from ..brand import CJK_EXTRA, Family, cjk_file
from ..content.checks import Checked
from ..content.fields import Text
from ..content.model import Content
from ..content.runs import Run, Runs, link, plain
from ..errors import ContentError, Problem, UsageError
from ..fonts import describe, drawn_by, lacking, missing, script_faces
from ..language import LANGUAGES, Language
from ..layout import Page, Placed, Role, Shape
from ..output import PAPERS, checked_paper, write_atomic
from ..pdf import writer as pdf
from ..pipeline import CREATOR, epoch_of, examined, refuse_overwriting, sources, title_of
from ..text.setting import natural_width
from ..text.spec import TypeSpec
from ..text.textbox import TextBox, typeset

_NUMBERS = 36.0  # the contents' column of page numbers, right-aligned
_LEADER_GAP = 6.0  # between a contents entry's words and its dot leader, either side
ORDERS = ("given", "title")
# The levels of marking, highest first, by the words that name them (case and accents aside);
# a marking naming none of them ranks above the unclassified ones and below the rest.
_LEVELS = (
    ("top secret", "tres secret", "ultrassecreto", "ultra secreto", "ultrasecreto"),
    ("secret", "secreto"),
    ("confidential", "confidentiel", "confidencial"),
    (
        "restricted",
        "restreint",
        "restringido",
        "reservado",
        "sensitive",
        "official use",
        "usage officiel",
        "uso oficial",
        "fouo",
        "sbu",
        "cui",
        "limited",
    ),
)
# The cover: a panel of the band's colour holding the title, over a list of the sheets.
_PANEL = (0.42, 0.62)  # the least and most of the page's height the panel takes, from the top
_PANEL_PAD = 36.0  # inside the panel, under the title and the line below it
_TITLES = (40.0, 34.0, 28.0, 24.0, 20.0)  # the book's title on the cover: the largest that fits
_COUNT = 14.0  # the line under it: how many sheets, and the date
_LISTED = (
    20.0,
    18.0,
    16.0,
    14.0,
    12.0,
    11.0,
    10.0,
    9.0,
    8.0,
)  # the sheets' titles: the largest that fits
_LIST_GAP = 24.0  # above the list, at the least, and above the footer
_UNMARKED = ("unclassified", "non classifie", "no clasificado", "nao classificado", "public")
MAX_TITLE = 320  # characters of a book's title: ten lines, its type stepped down to hold them


class BookResult(NamedTuple):
    """What a book build made."""

    output: Path
    pages: int
    sheets: int
    seconds: float
    warnings: list[Problem]
    paper: str
    relaid: list[tuple[Path, str]]  # the sheets whose own paper the book's replaced, and theirs
    restyled: list[Path]  # the sheets whose own typeface or colours the book's replaced
    family: str  # the book's typeface


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
    for it again; and one design, the typeface and colours most sheets have (the first's on a
    tie). ``order`` is ``given`` or ``title`` (sorted by the sheets' titles).
    """
    start = time.perf_counter()
    paper = checked_paper(paper)
    if order not in ORDERS:
        raise UsageError(f"order is one of {', '.join(ORDERS)}; got {order!r}")
    found: list[tuple[Path, Checked]] = []  # the sheets that can be laid out, even with errors
    problems: list[Problem] = []  # every sheet's errors and warnings
    for content in contents:
        try:
            checked, told = examined(content)
        except ContentError as error:
            problems += error.problems
            continue
        problems += told
        if checked is not None:
            found.append((content, checked))
    failed = any(problem.severity == "error" for problem in problems)
    if not found:
        if failed:
            raise ContentError(problems)
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
    design = Counter(_design(checked) for _, checked in found).most_common(1)[0][0]
    restyled = [path for path, checked in found if _design(checked) != design]
    lead = _styled(found[0][1], design)  # whose band, footer and language the book has
    models = [checked.content for _, checked in found]
    dates = [model.date for model in models if model.date]
    latest = max(dates) if dates else None
    words = lead.words
    name = title or words.book
    marking = _highest([model.marking for model in models])
    framed = lead._replace(content=dataclasses.replace(lead.content, marking=marking, date=latest))
    listed = _contents(models, framed, paper, words)
    first_sheet = len(listed) + 2  # the page number of the first sheet
    sheets: list[Page] = []
    for number, (_, checked) in enumerate(found, start=first_sheet):
        folio = checked.words.number(number)
        styled = _styled(checked, design)
        try:
            sheets.append(layout.compose(styled, paper, folio))
        except ContentError as error:  # it may fit alone, on its own paper, and not here
            problems += [_in_book(problem, checked, styled, paper) for problem in error.problems]
            failed = True
    if failed:  # every sheet's problems at once, those of the book's pages too
        raise ContentError(problems)
    warnings = [warning for _, checked in found for warning in checked.warnings]
    cover = _cover(name, latest or _today(), models, framed, paper, words)
    pages = [cover, *listed]
    if words.direction == "rtl":
        pages = [page.mirrored() for page in pages]
    outline = [(words.contents, 1)]
    outline += [(title_of(m), i) for i, m in enumerate(models, first_sheet - 1)]
    languages = [lead.content.language] * len(pages) + [model.language for model in models]
    pages += sheets
    meta = pdf.Metadata(
        title=name,
        author=str(lead.content.organization),
        subject=f"{len(sheets)} briefings",
        keywords=tuple(str(model.title) for model in models),
        language=lead.content.language,
        creator=CREATOR,
        epoch=epoch_of(latest),
    )
    write_atomic(output, pdf.render(pages, meta, outline, languages))
    seconds = time.perf_counter() - start
    return BookResult(
        output,
        len(pages),
        len(sheets),
        seconds,
        warnings,
        paper,
        relaid,
        restyled,
        typeface(design[0]),
    )


Design = tuple[str | Family, str | Family, str, str]


def _design(checked: Checked) -> Design:
    """What a sheet's look is, which a book keeps one of: its typefaces (text and headings)
    and colours."""
    theme = checked.theme
    return theme.family, theme.heading_family, theme.primary, theme.accent


def _styled(checked: Checked, design: Design) -> Checked:
    """A sheet in the book's typefaces and colours."""
    family, heading, primary, accent = design
    theme = checked.theme._replace(
        family=family, heading_family=heading, primary=primary, accent=accent
    )
    return checked._replace(theme=theme)


def typeface(family: str | Family) -> str:
    """A typeface's name for a message: a shipped family's, or an office's regular file's."""
    return family if isinstance(family, str) else Path(family.regular.path).name


def _highest(markings: list[Text | None]) -> Text | None:
    """The highest of the sheets' markings (the first of those as high), or None."""
    ranked = [(_level(marking), -index, marking) for index, marking in enumerate(markings)]
    best = max((rank for rank in ranked if rank[2]), default=None)
    return best[2] if best else None


def _level(marking: Text | None) -> float:
    """How high a marking ranks: by the level its words name; 0.5 for words that name none."""
    if not marking:
        return -1.0
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", marking) if not unicodedata.combining(c)
    )
    words = " ".join(re.findall(r"\w+", bare.casefold()))

    def names(phrases: tuple[str, ...]) -> bool:
        return any(re.search(rf"\b{phrase}\b", words) for phrase in phrases)

    for index, phrases in enumerate(_LEVELS):
        if names(phrases):
            return float(len(_LEVELS) - index)
    return 0.0 if names(_UNMARKED) else 0.5


def _in_book(problem: Problem, checked: Checked, styled: Checked, paper: str) -> Problem:
    """A sheet's layout problem, said as the book's: its paper if the book's is not its own,
    its typeface if the book's is not its own."""
    own, family = checked.content.paper, checked.theme.family
    changes, expected = [], problem.expected or ""
    if own != paper:
        changes.append(f"on {PAPERS[paper]}, the book's paper, not the sheet's own {PAPERS[own]}")
        expected += f"; or the book on {PAPERS[own]} (--paper {own})"
    if styled.theme.family != family:
        book, its = typeface(styled.theme.family), typeface(family)
        changes.append(f"in {book}, the book's typeface, not the sheet's {its}")
    where = f" ({'; '.join(changes)})" if changes else ""
    return problem._replace(message=f"in the book{where}: {problem.message}", expected=expected)


def _today() -> datetime.date:
    """The build's date: SOURCE_DATE_EPOCH's, when set, for a reproducible book."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).date()
    return datetime.date.today()


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
            wanted = bool(lacking(char, "")) and cjk_file() is None
            extra = f", or the full Chinese face: {CJK_EXTRA}" if wanted else ""
            raise UsageError(
                f"the book's title has the character {describe(char)}, which is in no font of "
                f"the book{lacking(char, '')}; expected letters, digits and punctuation{extra}"
            )


def _contents(
    models: list[Content],
    framed: Checked,
    paper: str,
    words: Language,
    count: int = 1,
) -> list[Page]:
    """The contents on as many pages as they take, each in the book's frame with its page
    number, the sheets' page numbers counted after ``count`` of them (set again with the count
    they took, when it differs): the heading, then each sheet's title, a dot leader and its
    page number, the title and the number each a link to the sheet (not underlined: the page
    says so); an entry that would pass the footer starts a new page."""
    theme, specs = framed.theme, layout.design_specs(framed)
    pages: list[Page] = []

    def new_page() -> tuple[Page, float, float]:
        frame = layout.surround(framed, paper, words.number(len(pages) + 2))
        pages.append(frame.page)
        return frame.page, frame.top - theme.title_gap, frame.bottom

    page, y, foot = new_page()
    inner = page.width - 2 * theme.margin_x
    heading = plain(words.contents)
    y -= _put(page, heading, specs["title"], theme.margin_x, y, inner, "H1").height
    page.shapes.append(Shape("line", theme.margin_x, y - 8, inner, 0, theme.accent, 1.2))
    y -= 24
    entry = specs["lead"]._replace(underline_links=False, hyphenation="")
    number_spec = entry._replace(align="right")
    leader = entry._replace(align="right", colour=theme.muted)
    right = theme.margin_x + inner
    widest = natural_width(plain(words.number(len(models) + 1 + count)), number_spec)
    dots_end = right - widest - _LEADER_GAP  # every leader ends here, its dots aligned
    dot = natural_width(plain(". ."), leader) - natural_width(plain("."), leader)  # and a space
    for index, model in enumerate(models, start=2 + count):
        target = f"#page-{index}"
        parents = ("TOC:1", f"TOCI:{index}")
        text = link(target, title_of(model), theme.primary)
        width = dots_end - theme.margin_x - 4 * dot
        own = script_faces(LANGUAGES[model.language].script, entry.faces.family)  # its script
        titled = entry._replace(script_faces=own or entry.script_faces)
        box = typeset(text, titled, width)
        if y - box.height < foot:  # past the footer: the next page
            page, y, foot = new_page()
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
        return _contents(models, framed, paper, words, len(pages))
    return pages


class _Listing(NamedTuple):
    """The sheets listed on the cover at one size: each one's title (and subtitle) set, in
    rows across its columns."""

    boxes: list[list[TextBox]]
    columns: int
    rows: list[float]  # each row's height
    gap: float  # between rows, and between columns

    @property
    def height(self) -> float:
        return sum(self.rows) + self.gap * (len(self.rows) - 1)


def _listing(
    entries: Sequence[tuple[str, str | None, str]],
    specs: dict[str, TypeSpec],
    width: float,
    size: float,
    full: bool,
) -> _Listing:
    """The sheets listed, each a (title, subtitle, language), their titles at ``size`` in as
    many columns as their number asks, with their subtitles if ``full``."""
    columns = 1 if len(entries) <= 3 else 2 if len(entries) <= 10 else 3
    gap = size
    column = (width - gap * (columns - 1)) / columns
    name = specs["side heading"]._replace(size=size, leading=size * 1.2, uppercase=False)
    under = specs["label"]._replace(size=size * 0.75, leading=size * 0.75 * 1.3)
    boxes: list[list[TextBox]] = []
    for title, subtitle, language in entries:
        own = script_faces(LANGUAGES[language].script, name.faces.family) or name.script_faces
        shown = [typeset(plain(title), name._replace(script_faces=own), column)]
        if full and subtitle:
            shown.append(typeset(plain(subtitle), under._replace(script_faces=own), column))
        boxes.append(shown)
    rows = [
        max(sum(box.height for box in entry) for entry in boxes[i : i + columns])
        for i in range(0, len(boxes), columns)
    ]
    return _Listing(boxes, columns, rows, gap)


def _listed(
    models: list[Content], specs: dict[str, TypeSpec], width: float, room: float
) -> _Listing:
    """The sheets listed as large as ``room`` holds: with their subtitles at the largest size
    that fits, else without them; at the smallest, as many as fit and an ellipsis."""
    entries: list[tuple[str, str | None, str]] = [
        (str(m.title), m.subtitle and str(m.subtitle), m.language) for m in models
    ]
    tries = [(size, True) for size in _LISTED] + [(size, False) for size in _LISTED]
    for size, full in tries:
        listing = _listing(entries, specs, width, size, full)
        if listing.height <= room:
            return listing
    while listing.height > room and len(listing.rows) > 1:
        kept = listing.columns * (len(listing.rows) - 1) - 1
        entries = [*entries[:kept], ("…", None, entries[kept][2])]
        listing = _listing(entries, specs, width, *tries[-1])
    return listing


def _cover(
    title: str,
    date: datetime.date,
    models: list[Content],
    framed: Checked,
    paper: str,
    words: Language,
) -> Page:
    """The cover: the book's frame (marking, band, footer) with the band grown into a panel
    holding the title, how many sheets and the date; under it the sheets listed, as large as
    fits, the panel taking what room they leave within its share of the page, so the list
    ends over the footer."""
    t, specs = framed.theme, layout.design_specs(framed)
    undated = framed._replace(content=dataclasses.replace(framed.content, date=None))
    frame = layout.surround(undated, paper)
    height, inner, left = frame.page.height, frame.page.width - 2 * t.margin_x, t.margin_x
    small = specs["subtitle"]._replace(
        size=_COUNT, leading=_COUNT * t.heading_leading, colour=t.on_primary_muted
    )
    line = " · ".join((words.count_sheets(len(models)), words.date_line(date)))
    counted = typeset((Run(line),), small, inner)
    colour = frame.top + t.band_stripe  # the band's foot, with no panel
    most = colour - (1 - _PANEL[1]) * height
    for size in _TITLES:  # the largest that the panel at its most holds
        big = specs["title"]._replace(size=size, leading=size * t.title_leading)
        named = typeset(plain(title), big._replace(colour=t.on_primary), inner)
        block = named.height + t.subtitle_gap + counted.height
        if block + 2 * _PANEL_PAD <= most:
            break
    least = max(block + 2 * _PANEL_PAD, colour - (1 - _PANEL[0]) * height)
    most = max(least, most)
    label = typeset(plain(words.contents), specs["side heading"], inner)
    room = frame.top - frame.bottom - 2 * _LIST_GAP - label.height - t.heading_gap
    listing = _listed(models, specs, inner, room - least)
    panel = min(most, max(least, room - listing.height))
    spare = max(room - panel - listing.height, 0.0)  # the panel at its most: rows move apart,
    rows = len(listing.rows)
    grown = min(spare / (rows - 1), listing.gap) if rows > 1 else 0.0
    spare -= grown * (rows - 1)  # and the rest goes above the list
    page, top = layout.surround(undated, paper, panel=panel)[:2]
    y = top + t.band_stripe + _PANEL_PAD + block
    y -= _place(page, named, left, y, "H1").height + t.subtitle_gap
    _place(page, counted, left, y, "P")
    y = top - _LIST_GAP - spare
    page.shapes.append(Shape("line", left, y + t.heading_rule, inner, 0, t.rule, t.rule_width))
    y -= _place(page, label, left, y, "H2").height + t.heading_gap
    column = (inner - listing.gap * (listing.columns - 1)) / listing.columns
    for row, tallest in enumerate(listing.rows):
        across = listing.boxes[row * listing.columns : (row + 1) * listing.columns]
        for index, entry in enumerate(across):
            below = y
            for box in entry:
                x = left + index * (column + listing.gap)
                below -= _place(page, box, x, below, "P").height
        y -= tallest + listing.gap + grown
    return page
