"""Layout: the content as positioned paragraphs and decoration on one page, fitted by scale.

The fit engine only wraps and splits paragraphs (no drawing), so each trial scale is cheap. The
largest scale at or below 1 whose layout fits is kept; nothing is ever drawn smaller than the
theme's legibility floor.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Literal

from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from . import markup
from .errors import ContentError, Problem
from .fonts import Faces, register
from .model import Content
from .theme import Theme

PAPER = {"letter": LETTER, "a4": A4}
HYPHENATION = {"en": "en_US", "fr": "fr_FR", "es": "es_ES", "pt": "pt_PT"}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}
_DATE_LINE = {
    "en": "Updated {month} {day}, {year}",
    "fr": "Mis à jour le {day} {month} {year}",
    "es": "Actualizado el {day} de {month} de {year}",
    "pt": "Atualizado em {day} de {month} de {year}",
}
_FIT_STEPS = 7  # bisection steps between the floor and full size: about 0.5 % apart


@dataclass
class Text:
    """A paragraph placed on the page, with its role in the document's structure."""

    flowable: Flowable
    x: float
    y: float  # bottom edge
    width: float
    height: float
    role: str  # the structure type: H1, H2, P, LI ...
    element: int  # paragraphs split over two columns share one element number
    parents: tuple[str, ...] = ()  # keys of grouping elements, outermost first


@dataclass(frozen=True)
class Shape:
    """A decorative rectangle or line (drawn as an artifact)."""

    kind: Literal["rect", "line"]
    x: float
    y: float
    width: float
    height: float
    colour: str
    line_width: float = 0


@dataclass
class Page:
    """A laid-out page: its size, what is drawn on it and at what scale it fitted."""

    width: float
    height: float
    scale: float
    body_size: float
    font: str  # the regular face, so the PDF names no other font
    shapes: list[Shape] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    elements: int = 0  # how many structure elements have been numbered

    def element(self) -> int:
        """A new structure element number."""
        self.elements += 1
        return self.elements

    def place(
        self,
        flowable: Flowable,
        x: float,
        top: float,
        width: float,
        role: str,
        parents: tuple[str, ...] = (),
    ) -> float:
        """Put a paragraph with its top at ``top``; return its bottom."""
        _, h = flowable.wrap(width, 1e6)
        self.texts.append(Text(flowable, x, top - h, width, h, role, self.element(), parents))
        return top - h

    @property
    def fit(self) -> str:
        """The fit as the CLI reports it."""
        return f"fit {self.scale:.0%}, body {self.body_size:.1f} pt"


def date_line(date: datetime.date, language: str) -> str:
    """The 'updated' line in the content's language."""
    month = _MONTHS[language].split()[date.month - 1]
    return _DATE_LINE[language].format(day=date.day, month=month, year=date.year)


def compose(content: Content, theme: Theme, paper: str) -> Page:
    """Lay out ``content`` on one page at the largest scale that fits."""
    faces = register(theme.family)
    width, height = PAPER[paper]
    problems: list[Problem] = []
    parts = _Parts(content, theme, faces, problems)
    if problems:
        raise ContentError(problems)
    page = parts.layout(width, height, 1.0)
    if page is not None:
        return page
    low, high = theme.min_body_size / theme.body_size, 1.0
    best = parts.layout(width, height, low)
    if best is None:
        raise ContentError([parts.overflow_problem(width, height, low)])
    for _ in range(_FIT_STEPS):
        middle = (low + high) / 2
        trial = parts.layout(width, height, middle)
        if trial is None:
            high = middle
        else:
            low, best = middle, trial
    return best


@dataclass
class _Frame:
    """A page laid out but for its body columns."""

    page: Page
    styles: dict[str, ParagraphStyle]
    items: list[_Item]
    footer: list[Text]
    top: float  # where the columns start
    space: float  # how tall they may be
    column_width: float


@dataclass
class _Item:
    flowable: Flowable
    role: str
    element: int
    parents: tuple[str, ...]
    keep_with_next: bool = False


class _Parts:
    """The content's text as markup, ready to be set at any scale."""

    def __init__(self, content: Content, theme: Theme, faces: Faces, problems: list[Problem]):
        self.content, self.theme, self.faces = content, theme, faces
        link = theme.link
        self.lead = markup.inline(content.lead, problems, link) if content.lead else None
        self.figures = [
            (markup.plain(f.value), markup.inline(f.label, problems, link))
            for f in content.key_figures
        ]
        self.sections = [
            (markup.plain(s.heading), markup.blocks(s.body, problems, link) if s.body else [])
            for s in content.sections
        ]
        footer = content.footer or content.organization
        self.footer = markup.plain(footer)
        self.date = markup.plain(date_line(content.date, content.language)) if content.date else ""

    def styles(self, scale: float) -> dict[str, ParagraphStyle]:
        t, f = self.theme, self.faces
        size = t.body_size * scale
        body = ParagraphStyle(
            "body",
            fontName=f.regular,
            fontSize=size,
            leading=size * t.body_leading,
            textColor=t.ink,
            alignment=TA_JUSTIFY,
            hyphenationLang=HYPHENATION[self.content.language],
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
            allowWidows=0,
            allowOrphans=0,
            spaceAfter=t.paragraph_gap * scale,
        )

        def style(
            name: str, font: str, points: float, colour: str, leading: float = 1.2, **extra: object
        ) -> ParagraphStyle:
            extra.setdefault("alignment", TA_LEFT)
            return ParagraphStyle(
                name,
                fontName=font,
                fontSize=points,
                leading=points * leading,
                textColor=colour,
                **extra,
            )

        return {
            "body": body,
            "item": ParagraphStyle(
                "item",
                parent=body,
                leftIndent=11 * scale,
                bulletIndent=1.5 * scale,
                bulletFontName=f.bold,
                bulletColor=t.primary,
                spaceAfter=2.5 * scale,
            ),
            "heading": style(
                "heading",
                f.bold,
                t.heading_size * scale,
                t.primary,
                spaceBefore=t.section_gap * scale,
                spaceAfter=t.heading_gap * scale,
                textTransform="uppercase",
            ),
            "title": style("title", f.bold, t.title_size * scale, t.primary, 1.1),
            "subtitle": style("subtitle", f.regular, t.subtitle_size * scale, t.accent, 1.25),
            "lead": style(
                "lead",
                f.regular,
                t.lead_size * scale,
                t.ink,
                1.4,
                hyphenationLang=HYPHENATION[self.content.language],
            ),
            "value": style("value", f.bold, t.figure_value_size * scale, t.primary, 1.15),
            "label": style("label", f.regular, t.figure_label_size * scale, t.muted, 1.3),
            "band": style(
                "band", f.bold, t.band_size, t.on_primary, 1.25, textTransform="uppercase"
            ),
            "office": style("office", f.regular, t.band_size, t.on_primary_muted, 1.25),
            "footer": style("footer", f.regular, t.footer_size, t.muted, 1.3),
            "date": style("date", f.regular, t.footer_size, t.muted, 1.3, alignment=TA_RIGHT),
        }

    def body_items(self, page: Page, styles: dict[str, ParagraphStyle]) -> list[_Item]:
        """The sections as paragraphs to flow into columns, each with its structure role."""
        items: list[_Item] = []
        for number, (heading, blocks) in enumerate(self.sections):
            section = f"Sect:{number}"
            flowable = Paragraph(heading, styles["heading"])
            items.append(_Item(flowable, "H2", page.element(), (section,), keep_with_next=True))
            for block in blocks:
                if block.kind == "paragraph":
                    flowable = Paragraph(block.markup, styles["body"])
                    items.append(_Item(flowable, "P", page.element(), (section,)))
                    continue
                style = styles["item"]
                if block.depth:
                    indent = style.leftIndent * (block.depth + 1)
                    style = ParagraphStyle(
                        "nested",
                        parent=style,
                        leftIndent=indent,
                        bulletIndent=indent - style.leftIndent + style.bulletIndent,
                    )
                flowable = Paragraph(block.markup, style, bulletText=block.label)
                parents = (section, f"L:{block.group}")
                items.append(_Item(flowable, "LI", page.element(), parents))
        return items

    def _frame(self, width: float, height: float, scale: float) -> _Frame:
        """Everything but the body columns, and the room left for them."""
        t = self.theme
        styles = self.styles(scale)
        page = Page(width, height, scale, t.body_size * scale, self.faces.regular)
        inner = width - 2 * t.margin_x
        top = self._header(page, styles, inner)
        footer, bottom = self._footer(page, styles, inner)
        columns_top = self._top_block(page, styles, inner, top, scale)
        column_width = (inner - t.column_gap) / 2
        items = self.body_items(page, styles)
        return _Frame(page, styles, items, footer, columns_top, columns_top - bottom, column_width)

    def layout(self, width: float, height: float, scale: float) -> Page | None:
        """The page at ``scale``, or None if the content does not fit at that scale."""
        t = self.theme
        frame = self._frame(width, height, scale)
        page, columns_top, column_width = frame.page, frame.top, frame.column_width
        columns = _balance(frame.items, column_width, frame.space)
        if columns is None:
            return None
        for index, column in enumerate(columns):
            x = t.margin_x + index * (column_width + t.column_gap)
            for item, offset, item_height in column:
                y = columns_top - offset - item_height
                page.texts.append(
                    Text(
                        item.flowable,
                        x,
                        y,
                        column_width,
                        item_height,
                        item.role,
                        item.element,
                        item.parents,
                    )
                )
                if item.role == "H2":
                    rule_y = y + item_height + 4 * scale
                    page.shapes.append(Shape("line", x, rule_y, column_width, 0, t.rule, 0.6))
        page.texts += frame.footer
        return page

    def overflow_problem(self, width: float, height: float, scale: float) -> Problem:
        """Why the content cannot fit even at the floor, and about how much to cut."""
        t = self.theme
        frame = self._frame(width, height, scale)
        needed = _stacked_height(frame.items, frame.column_width) / 2
        over = max(needed - frame.space, 0)
        words = sum(len((s.body or "").split()) for s in self.content.sections)
        leading = frame.styles["body"].leading
        cut = int(words * over / max(needed, 1)) + 1
        location = self.content.sections[-1].heading.locate()
        return Problem(
            f"the content runs about {over:.0f} pt ({over / leading:.0f} lines per column) "
            f"past the page even with body text at the {t.min_body_size:g} pt floor",
            location,
            f"about {cut} fewer words in the sections (they hold {words})",
        )

    def _header(self, page: Page, styles: dict[str, ParagraphStyle], inner: float) -> float:
        """Draw the band; return the y just below it."""
        t, c = self.theme, self.content
        band_bottom = page.height - t.band_height
        page.shapes.append(Shape("rect", 0, band_bottom, page.width, t.band_height, t.primary))
        page.shapes.append(
            Shape("rect", 0, band_bottom - t.band_stripe, page.width, t.band_stripe, t.accent)
        )
        lines = [Paragraph(markup.plain(c.organization), styles["band"])]
        if c.office:
            lines.append(Paragraph(markup.plain(c.office), styles["office"]))
        total = sum(p.wrap(inner, t.band_height)[1] for p in lines)
        y = band_bottom + (t.band_height + total) / 2
        for flowable in lines:
            y = page.place(flowable, t.margin_x, y, inner, "P")
        return band_bottom - t.band_stripe

    def _footer(
        self, page: Page, styles: dict[str, ParagraphStyle], inner: float
    ) -> tuple[list[Text], float]:
        """The footer's texts (placed last in reading order) and the lowest y the body may use."""
        t = self.theme
        left = Paragraph(self.footer, styles["footer"])
        _, h = left.wrap(inner * 0.6, 100)
        y = t.margin_bottom
        texts = [Text(left, t.margin_x, y, inner * 0.6, h, "P", page.element())]
        if self.date:
            right = Paragraph(self.date, styles["date"])
            _, rh = right.wrap(inner * 0.4, 100)
            x = t.margin_x + inner * 0.6
            texts.append(Text(right, x, y, inner * 0.4, rh, "P", page.element()))
        rule_y = y + h + 6
        page.shapes.append(Shape("line", t.margin_x, rule_y, inner, 0, t.rule, 0.6))
        return texts, rule_y + 8

    def _top_block(
        self, page: Page, styles: dict[str, ParagraphStyle], inner: float, top: float, scale: float
    ) -> float:
        """Place title, subtitle, lead and key figures below ``top``; return where columns start."""
        t, c = self.theme, self.content
        y = top - 20 * scale
        title = Paragraph(markup.plain(c.title), styles["title"])
        y = page.place(title, t.margin_x, y, inner, "H1")
        if c.subtitle:
            subtitle = Paragraph(markup.plain(c.subtitle), styles["subtitle"])
            y = page.place(subtitle, t.margin_x, y - 2 * scale, inner, "P")
        if self.lead:
            indent = 12 * scale
            lead_top = y - t.block_gap * 0.8 * scale
            lead = Paragraph(self.lead, styles["lead"])
            y = page.place(lead, t.margin_x + indent, lead_top, inner - indent, "P")
            page.shapes.append(
                Shape("rect", t.margin_x, y + 1, 3 * scale, lead_top - y - 1, t.accent)
            )
        if self.figures:
            y = self._figures(page, styles, inner, y - t.block_gap * scale, scale)
        return y - t.block_gap * scale

    def _figures(
        self, page: Page, styles: dict[str, ParagraphStyle], inner: float, top: float, scale: float
    ) -> float:
        t = self.theme
        pad = 10 * scale
        count = len(self.figures)
        cell = inner / count
        cells = []
        for value, label in self.figures:
            v, lab = Paragraph(value, styles["value"]), Paragraph(label, styles["label"])
            height = v.wrap(cell - 2 * pad, 200)[1] + 2 * scale + lab.wrap(cell - 2 * pad, 200)[1]
            cells.append((v, lab, height))
        strip = max(height for _, _, height in cells) + 2 * pad
        bottom = top - strip
        page.shapes.append(Shape("rect", t.margin_x, bottom, inner, strip, t.tint))
        for index, (v, lab, _) in enumerate(cells):
            x = t.margin_x + index * cell
            if index:
                page.shapes.append(Shape("line", x, bottom + pad, 0, strip - 2 * pad, t.rule, 0.6))
            group = (f"Figure:{index}",)
            below = page.place(v, x + pad, top - pad, cell - 2 * pad, "P", group)
            page.place(lab, x + pad, below - 2 * scale, cell - 2 * pad, "P", group)
        return bottom


_Column = list[tuple[_Item, float, float]]  # (item, offset from the column top, height)


def _gap(previous: _Item | None, item: _Item) -> float:
    if previous is None:
        return 0.0
    return max(previous.flowable.getSpaceAfter(), item.flowable.getSpaceBefore())


def _stacked_height(items: list[_Item], width: float) -> float:
    """The height of all items stacked in one column."""
    total, previous = 0.0, None
    for item in items:
        total += _gap(previous, item) + item.flowable.wrap(width, 1e6)[1]
        previous = item
    return total


def _balance(items: list[_Item], width: float, space: float) -> list[_Column] | None:
    """Two columns of equal height as short as the text allows, or None if it cannot fit."""
    if not items:
        return [[], []]
    leading = max(getattr(i.flowable.style, "leading", 12) for i in items)
    height = min(_stacked_height(items, width) / 2, space)
    while height <= space + 0.01:
        columns = _pack(items, width, [height, height])
        if columns is not None:
            return columns
        height += leading / 2
    return None


def _pack(items: list[_Item], width: float, heights: list[float]) -> list[_Column] | None:
    """Flow items into columns of the given heights, splitting paragraphs; None if some are left."""
    queue = list(items)
    columns: list[_Column] = []
    for height in heights:
        column: _Column = []
        used, previous = 0.0, None
        while queue:
            item = queue[0]
            gap = _gap(previous, item)
            room = height - used - gap
            _, h = item.flowable.wrap(width, room)
            if h <= room + 0.01 and (not item.keep_with_next or _starts(queue, width, room - h)):
                column.append((item, used + gap, h))
                used, previous = used + gap + h, item
                queue.pop(0)
                continue
            parts = [] if item.keep_with_next else item.flowable.split(width, room)
            if len(parts) >= 2:
                first = parts[0]
                _, fh = first.wrap(width, room)
                column.append((_Item(first, item.role, item.element, item.parents), used + gap, fh))
                queue[0:1] = [_Item(p, item.role, item.element, item.parents) for p in parts[1:]]
            break
        columns.append(column)
    return None if queue else columns


def _starts(queue: list[_Item], width: float, room: float) -> bool:
    """Whether the item after a heading can begin in ``room``: a heading is never left stranded."""
    if len(queue) < 2:
        return True
    following = queue[1]
    room -= _gap(queue[0], following)
    if following.flowable.wrap(width, room)[1] <= room:
        return True
    return len(following.flowable.split(width, room)) >= 2
