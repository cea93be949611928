"""Layout: the content as placed paragraphs, images and decoration on one page, fitted by scale.

Everything is measured once per trial scale (paragraphs wrapped at their widths); arranging the
measured pieces, balancing columns and spreading space is arithmetic (see ``flow``). The largest
scale at or below 1 that fits is kept, never below the theme's legibility floor. Content that
fits with room to spare keeps its design size and spreads its vertical gaps instead.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, NamedTuple

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph

from . import markup
from .errors import ContentError, Problem
from .flow import Block, fitted, realize, shortest, stacked_height
from .fonts import Faces, register
from .hyphenation import prepare
from .language import LANGUAGES
from .model import Content
from .theme import Theme

if TYPE_CHECKING:
    from .images import Picture

PAPER = {"letter": LETTER, "a4": A4}
_FIT_STEPS = 6  # trial scales at most, after the design size
_AIR_STEPS = 5


@dataclass
class Placed:
    """Something drawn on the page with its role in the document's structure."""

    flowable: Flowable
    x: float
    y: float  # bottom edge
    width: float
    height: float
    role: str  # the structure type: H1, H2, P, LI, Lbl, LBody, Figure ...
    element: int  # paragraphs split over two columns share one element number
    parents: tuple[str, ...] = ()  # keys of grouping elements, outermost first
    alt: str | None = None  # alternate text of a figure


class Shape(NamedTuple):
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
    """A laid-out page: its size, what is drawn on it and how it was fitted."""

    width: float
    height: float
    scale: float
    air: float
    body_size: float
    font: str  # the regular face, so the PDF names no other font
    shapes: list[Shape] = field(default_factory=list)
    items: list[Placed] = field(default_factory=list)

    @property
    def fit(self) -> str:
        """The fit as the CLI reports it."""
        return f"fit {self.scale:.0%}, body {self.body_size:.1f} pt"


def styles(content: Content, theme: Theme, base: Path) -> dict[str, ParagraphStyle]:
    """The paragraph styles of ``content``'s page at design size (for pages around sheets)."""
    return _Sheet(content, theme, base).styles(1.0)


def compose(content: Content, theme: Theme, paper: str, base: Path) -> Page:
    """Lay out ``content`` on one page at the largest scale that fits.

    ``base`` is the folder that relative file names in the content (the logo) start from.
    """
    sheet = _Sheet(content, theme, base)
    width, height = PAPER[paper]
    return sheet.fit(width, height)


class _Sheet:
    """The content as markup and images, ready to be measured at any scale."""

    def __init__(self, content: Content, theme: Theme, base: Path) -> None:
        problems: list[Problem] = []
        self.content, self.theme = content, theme
        self.words = LANGUAGES[content.language]
        prepare(self.words.hyphenation)
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
        self.logo: Picture | None = None
        if content.logo:
            from .images import load_logo  # ReportLab's graphics load only for pictures

            self.logo = load_logo(content.logo, base, problems)
        if problems:
            raise ContentError(problems)
        italic = any("<i>" in text for text in self._markup())
        self.faces: Faces = register(theme.family, italic)

    def _markup(self) -> list[str]:
        texts = [self.lead or ""] + [label for _, label in self.figures]
        return texts + [block.markup for _, blocks in self.sections for block in blocks]

    # -- fitting -------------------------------------------------------------------------

    def fit(self, width: float, height: float) -> Page:
        """The page at the largest scale that fits, with spare room spread between blocks.

        Text height grows about as the square of the scale (larger type, fewer words a line),
        so each trial guesses the next scale from the square root of room over demand, kept
        inside the bracket of scales known to fit and known not to.
        """
        t = self.theme
        full = _Measured(self, width, height, 1.0)
        needed, room = full.demand(1.0)
        if needed <= room:
            low, high = 1.0, t.max_air
            for _ in range(_AIR_STEPS):
                middle = (low + high) / 2
                needed, room = full.demand(middle)
                fits = needed <= room
                low, high = (middle, high) if fits else (low, middle)
            return full.page(low)
        floor = t.min_body_size / t.body_size
        if floor >= 1:  # the floor is the design size: nothing to shrink
            raise ContentError([full.overflow_problem()])
        best: _Measured | None = None
        low, high, scale = floor, 1.0, 1.0
        for _ in range(_FIT_STEPS):
            guess = scale * math.sqrt(room / needed) * 0.995  # aim just inside
            margin = (high - low) * 0.1
            scale = min(max(guess, low + margin if best else low), high - margin)
            trial = _Measured(self, width, height, scale)
            needed, room = trial.demand(1.0)
            if needed <= room:
                best, low = trial, scale
            else:
                high = scale
            if high - low < 0.015 or (best is None and scale <= floor):
                break
        if best is None:
            smallest = trial if scale <= floor else _Measured(self, width, height, floor)
            needed, room = smallest.demand(1.0)
            if needed > room:
                raise ContentError([smallest.overflow_problem()])
            best = smallest
        return best.page(1.0)

    # -- styles ---------------------------------------------------------------------------

    def styles(self, scale: float) -> dict[str, ParagraphStyle]:
        """Every paragraph style at ``scale``."""
        t, f = self.theme, self.faces
        size = t.body_size * scale
        hyphenation = self.words.hyphenation

        def style(
            name: str, font: str, points: float, colour: str, leading: float = 1.2, **extra: object
        ) -> ParagraphStyle:
            extra.setdefault("alignment", TA_LEFT)
            return ParagraphStyle(
                name,
                fontName=font,
                fontSize=points,
                leading=points * leading,
                textColor=_colour(colour),
                **extra,
            )

        body = style(
            "body",
            f.regular,
            size,
            t.ink,
            t.body_leading,
            alignment=TA_JUSTIFY,
            hyphenationLang=hyphenation,
            embeddedHyphenation=1,
            uriWasteReduce=0.3,
            allowWidows=0,
            allowOrphans=0,
            spaceAfter=t.paragraph_gap * scale,
        )
        heading = style(
            "heading",
            f.bold,
            t.heading_size * scale,
            t.primary,
            1.25,
            spaceBefore=t.section_gap * scale,
            spaceAfter=t.heading_gap * scale,
            textTransform="uppercase",
            keepWithNext=1,
        )
        return {
            "body": body,
            "item": ParagraphStyle(
                "item", parent=body, leftIndent=11 * scale, spaceAfter=2.5 * scale
            ),
            "bullet": style("bullet", f.bold, size, t.primary, t.body_leading),
            "heading": heading,
            "side heading": ParagraphStyle("side heading", parent=heading, spaceBefore=0),
            "title": style("title", f.bold, t.title_size * scale, t.primary, 1.1),
            "subtitle": style("subtitle", f.regular, t.subtitle_size * scale, t.accent, 1.25),
            "lead": style(
                "lead", f.regular, t.lead_size * scale, t.ink, 1.4, hyphenationLang=hyphenation
            ),
            "value": style("value", f.bold, t.figure_value_size * scale, t.primary, 1.15),
            "label": style("label", f.regular, t.figure_label_size * scale, t.muted, 1.3),
            "fact label": style("fact label", f.bold, t.fact_size * scale, t.primary, 1.3),
            "fact": style("fact", f.regular, t.fact_size * scale, t.ink, 1.3),
            "band": style(
                "band", f.bold, t.band_size, t.on_primary, 1.25, textTransform="uppercase"
            ),
            "office": style("office", f.regular, t.band_size, t.on_primary_muted, 1.25),
            "footer": style("footer", f.regular, t.footer_size, t.muted, 1.3),
            "date": style("date", f.regular, t.footer_size, t.muted, 1.3, alignment=TA_RIGHT),
            "marking": style("marking", f.bold, t.marking_size, t.ink, 1.2, alignment=TA_CENTER),
        }


@dataclass
class _Region:
    """A stack of placed items measured at one width: its height and what is in it."""

    items: list[tuple[Flowable, float, float, str, tuple[str, ...], str | None]] = field(
        default_factory=list
    )  # (flowable, x offset, top offset, role, parents, alt)
    shapes: list[Shape] = field(default_factory=list)  # at offsets from the region's top-left
    height: float = 0.0


class _Measured:
    """Everything on the page measured at one scale; arranging it is arithmetic."""

    def __init__(self, sheet: _Sheet, width: float, height: float, scale: float) -> None:
        self.sheet, self.width, self.height, self.scale = sheet, width, height, scale
        t = sheet.theme
        self.styles = sheet.styles(scale)
        self.inner = width - 2 * t.margin_x
        self.elements = 0
        sidebar = t.layout == "sidebar"
        self.side_width = (self.inner - t.column_gap) * t.sidebar_share if sidebar else 0.0
        self.main_width = self.inner - self.side_width - (t.column_gap if sidebar else 0.0)
        if t.layout == "two-column":
            self.columns, self.column_width = 2, (self.inner - t.column_gap) / 2
        else:
            self.columns, self.column_width = 1, self.main_width
        self.rail = self.inner * t.rail_share if t.layout == "single-column" else 0.0
        if self.rail:
            self.column_width = self.inner - self.rail
        self.band = self._band()
        self.title = self._title()
        self.lead = self._lead(self.inner)
        self.pad = 12 * scale if sidebar else 0.0  # the sidebar's inner padding
        self.extras = self._extras(
            self.side_width - 2 * self.pad if sidebar else self.inner, stacked=sidebar
        )
        self.blocks = self._blocks()
        self.footer = self._footer()

    def element(self) -> int:
        """A new structure element number."""
        self.elements += 1
        return self.elements

    # -- measuring ------------------------------------------------------------------------

    def _band(self) -> _Region:
        """The header band: logo, organization and office, centred; taller if they need it."""
        t, c, s = self.sheet.theme, self.sheet.content, self.styles
        region = _Region()
        x = 0.0
        logo = self.sheet.logo
        picture = None
        if logo is not None:
            picture = logo.flowable(
                min(t.logo_height, 2.5 * t.logo_height * logo.height / logo.width)
            )
            x = picture.width + 12
        lines = [fitted(Paragraph(markup.plain(c.organization), s["band"]), self.inner - x)]
        if c.office:
            lines.append(fitted(Paragraph(markup.plain(c.office), s["office"]), self.inner - x))
        text = sum(p.height for p in lines)
        region.height = max(t.band_height, text + 24, (picture.height if picture else 0) + 18)
        if picture is not None:
            region.items.append(
                (
                    picture,
                    0.0,
                    (region.height - picture.height) / 2,
                    "Figure",
                    (),
                    logo.alt if logo else None,
                )
            )
        top = (region.height - text) / 2
        for paragraph in lines:
            region.items.append((paragraph, x, top, "P", (), None))
            top += paragraph.height
        return region

    def _title(self) -> _Region:
        c, s = self.sheet.content, self.styles
        region = _Region()
        paragraphs = [(Paragraph(markup.plain(c.title), s["title"]), "H1")]
        if c.subtitle:
            paragraphs.append((Paragraph(markup.plain(c.subtitle), s["subtitle"]), "P"))
        top = 0.0
        for paragraph, role in paragraphs:
            paragraph = fitted(paragraph, self.inner)
            h = paragraph.height
            region.items.append((paragraph, 0.0, top, role, (), None))
            top += h + 2 * self.scale
        region.height = top - 2 * self.scale
        return region

    def _lead(self, width: float) -> _Region:
        t, s = self.sheet.theme, self.styles
        region = _Region()
        if self.sheet.lead:
            indent = 12 * self.scale
            paragraph = fitted(Paragraph(self.sheet.lead, s["lead"]), width - indent)
            h = paragraph.height
            region.items.append((paragraph, indent, 0.0, "P", (), None))
            region.shapes.append(Shape("rect", 0, 0, 3 * self.scale, h - 1, t.accent))
            region.height = h
        return region

    def _extras(self, width: float, stacked: bool) -> list[_Region]:
        """Key figures, facts, contacts and the QR code: a strip each, or a sidebar stack."""
        regions = [
            self._figures(width, stacked),
            self._facts(width, stacked),
            self._contacts(width if stacked else width * 0.6),
        ]
        online = self._online(width if stacked else width * 0.4, stacked)
        if stacked:
            regions.append(online)
        else:  # contacts and the online link share the closing row
            contacts = regions.pop()
            row = _Region(height=max(contacts.height, online.height))
            row.items = contacts.items + [
                (f, x + width * 0.6, y, r, p, a) for f, x, y, r, p, a in online.items
            ]
            row.shapes = contacts.shapes
            regions.append(row)
        return [r for r in regions if r.items]

    def _figures(self, width: float, stacked: bool) -> _Region:
        """The key figures: a tinted strip of cells, or a stack in the sidebar."""
        t, s = self.sheet.theme, self.styles
        region = _Region()
        if not self.sheet.figures:
            return region
        pad = 0.0 if stacked else 10 * self.scale
        cell = width if stacked else width / len(self.sheet.figures)
        cells = []
        for value, label in self.sheet.figures:
            v = fitted(Paragraph(value, s["value"]), cell - 2 * pad)
            lab = fitted(Paragraph(label, s["label"]), cell - 2 * pad)
            cells.append((v, lab, v.height + 2 * self.scale + lab.height))
        top = 0.0
        for index, (v, lab, height) in enumerate(cells):
            parents = (f"Figure:{self.element()}",)
            x = 0.0 if stacked else index * cell
            region.items.append((v, x + pad, top + pad, "P", parents, None))
            region.items.append(
                (lab, x + pad, top + pad + v.height + 2 * self.scale, "P", parents, None)
            )
            if stacked:
                top += height + 10 * self.scale
        if stacked:
            region.height = top - 10 * self.scale
            return region
        region.height = max(height for _, _, height in cells) + 2 * pad
        region.shapes.append(Shape("rect", 0, 0, width, region.height, t.tint))
        region.shapes += [
            Shape("line", i * cell, pad, 0, region.height - 2 * pad, t.rule, 0.6)
            for i in range(1, len(cells))
        ]
        return region

    def _facts(self, width: float, stacked: bool) -> _Region:
        s, c = self.styles, self.sheet.content
        region = _Region()
        if not c.at_a_glance:
            return region
        parents = (f"Div:{self.element()}",)
        heading = fitted(Paragraph(markup.plain(self.sheet.words.glance), s["side heading"]), width)
        top = heading.height + 3 * self.scale
        region.items.append((heading, 0.0, 0.0, "H2", parents, None))
        per_row = 1 if stacked else min(4, len(c.at_a_glance))
        cell = width / per_row
        row_height = 0.0
        for index, fact in enumerate(c.at_a_glance):
            if index and index % per_row == 0:
                top, row_height = top + row_height + 4 * self.scale, 0.0
            x = (index % per_row) * cell
            label = Paragraph(markup.plain(fact.label), s["fact label"])
            value = Paragraph(markup.inline(fact.value, [], self.sheet.theme.link), s["fact"])
            label, value = fitted(label, cell - 8), fitted(value, cell - 8)
            lh, vh = label.height, value.height
            group = (*parents, f"Div:{self.element()}")
            region.items.append((label, x, top, "P", group, None))
            region.items.append((value, x, top + lh, "P", group, None))
            row_height = max(row_height, lh + vh)
        region.height = top + row_height
        return region

    def _contacts(self, width: float) -> _Region:
        s, c = self.styles, self.sheet.content
        region = _Region()
        if not c.contacts:
            return region
        parents = (f"Div:{self.element()}",)
        heading = fitted(
            Paragraph(markup.plain(self.sheet.words.contacts), s["side heading"]), width
        )
        top = heading.height + 3 * self.scale
        region.items.append((heading, 0.0, 0.0, "H2", parents, None))
        for contact in c.contacts:
            lines = [f"<b>{markup.plain(contact.name)}</b>"]
            lines += [markup.plain(part) for part in (contact.role, contact.phone) if part]
            if contact.email:
                lines.append(
                    markup.link(f"mailto:{contact.email}", contact.email, self.sheet.theme.link)
                )
            paragraph = fitted(Paragraph("<br/>".join(lines), s["fact"]), width)
            region.items.append((paragraph, 0.0, top, "P", parents, None))
            top += paragraph.height + 5 * self.scale
        region.height = top - 5 * self.scale
        return region

    def _online(self, width: float, stacked: bool) -> _Region:
        """The QR code of the online version, its caption beside it or (stacked) below."""
        t, s, c = self.sheet.theme, self.styles, self.sheet.content
        region = _Region()
        if not c.online:
            return region
        parents = (f"Div:{self.element()}",)
        size = t.qr_size * self.scale
        from .images import qr_code

        code = qr_code(str(c.online), size, t.ink)
        shown = re.sub(r"^https?://(www\.)?", "", str(c.online)).rstrip("/")
        caption = Paragraph(
            f"<b>{markup.plain(self.sheet.words.online)}</b><br/>"
            + markup.link(str(c.online), shown, t.link),
            s["fact"],
        )
        region.items.append((code, 0.0, 0.0, "Figure", parents, f"QR code linking to {c.online}"))
        if stacked:
            caption = fitted(caption, width)
            ch = caption.height
            region.items.append((caption, 0.0, size + 4 * self.scale, "P", parents, None))
            region.height = size + 4 * self.scale + ch
        else:
            gap = 10 * self.scale
            caption = fitted(caption, max(width - size - gap, 40))
            ch = caption.height
            region.items.append((caption, size + gap, (size - ch) / 2, "P", parents, None))
            region.height = max(size, ch)
        return region

    def _blocks(self) -> list[Block]:
        """The sections as blocks to flow into columns, each with its structure role."""
        s, width = self.styles, self.column_width
        rail = self.rail
        blocks: list[Block] = []
        for heading, parts in self.sheet.sections:
            section = f"Sect:{self.element()}"
            paragraph = Paragraph(heading, s["heading"])
            if rail:
                block = Block.make(
                    paragraph,
                    rail - 14 * self.scale,
                    "H2",
                    self.element(),
                    (section,),
                    keep_with_next=True,
                )
                block.hang = block.height
            else:
                block = Block.make(
                    paragraph, width, "H2", self.element(), (section,), keep_with_next=True
                )
            blocks.append(block)
            for part in parts:
                if part.kind == "paragraph":
                    blocks.append(
                        Block.make(
                            Paragraph(part.markup, s["body"]),
                            width,
                            "P",
                            self.element(),
                            (section,),
                        )
                    )
                    continue
                indent = s["item"].leftIndent * (part.depth + 1)
                item_style = ParagraphStyle("item", parent=s["item"], leftIndent=indent)
                parents = (section, *part.path)
                label = None
                if part.label:
                    label = fitted(Paragraph(markup.plain(part.label), s["bullet"]), width)
                blocks.append(
                    Block.make(
                        Paragraph(part.markup, item_style),
                        width,
                        "LBody",
                        self.element(),
                        parents,
                        label=label,
                        label_indent=indent - s["item"].leftIndent + 1.5 * self.scale,
                    )
                )
        return blocks

    def _footer(self) -> _Region:
        t, c, s = self.sheet.theme, self.sheet.content, self.styles
        region = _Region()
        left = fitted(
            Paragraph(markup.plain(c.footer or c.organization), s["footer"]), self.inner * 0.6
        )
        h = left.height
        region.items.append((left, 0.0, 8.0, "P", (), None))
        if c.date:
            right = fitted(
                Paragraph(markup.plain(self.sheet.words.date_line(c.date)), s["date"]),
                self.inner * 0.4,
            )
            region.items.append((right, self.inner * 0.6, 8.0, "P", (), None))
        region.shapes.append(Shape("line", 0, 2, self.inner, 0, t.rule, 0.6))
        region.height = h + 8.0
        return region

    # -- arranging ------------------------------------------------------------------------

    def _frame(self, air: float) -> tuple[float, float, float, float]:
        """(top of the body, its bottom, the sidebar's needed height, its top).

        In the sidebar layout only the body's own gaps spread (``air``): the sidebar spreads
        its blocks itself, in whatever room it has.
        """
        t = self.sheet.theme
        gap = t.block_gap * self.scale * (1.0 if t.layout == "sidebar" else air)
        marking = t.marking_height if self.sheet.content.marking else 0.0
        y = self.height - marking - self.band.height - t.band_stripe - t.title_gap * self.scale
        y -= self.title.height
        bottom = t.margin_bottom + marking + self.footer.height + 8
        if self.lead.items:
            y -= gap * 0.8 + self.lead.height
        if t.layout == "sidebar":
            side = sum(r.height for r in self.extras) + gap * 0.75 * max(len(self.extras) - 1, 0)
            side += 2 * self.pad if self.extras else 0.0
            return y - gap, bottom, side, y - gap
        closing = self.extras[-1] if self._has_closing() else None
        for region in self.extras:
            if region is not closing:
                y -= gap + region.height
        if closing is not None:
            bottom += closing.height + gap
        return y - gap, bottom, 0.0, 0.0

    def _has_closing(self) -> bool:
        c = self.sheet.content
        return bool(c.contacts or c.online) and self.sheet.theme.layout != "sidebar"

    def demand(self, air: float) -> tuple[float, float]:
        """(height needed, height available) of the tighter of the body and the sidebar."""
        top, bottom, side, side_top = self._frame(air)
        result = shortest(self.blocks, self.columns, 1e9, air)
        body = (result[0] if result else 1e9, top - bottom)
        if side and side * body[1] > body[0] * (side_top - bottom):
            return side, side_top - bottom
        return body

    def overflow(self) -> float:
        """How many points the content runs past the page (<= 0: it fits)."""
        needed, room = self.demand(1.0)
        return needed - room

    def overflow_problem(self) -> Problem:
        """Why the content cannot fit at the floor, and about how much to cut."""
        t, c = self.sheet.theme, self.sheet.content
        over = self.overflow()
        _, bottom, side, side_top = self._frame(1.0)
        if side and side - (side_top - bottom) >= over - 0.01:  # the sidebar is what runs over
            first = (
                c.at_a_glance[0].label
                if c.at_a_glance
                else c.contacts[0].name
                if c.contacts
                else c.key_figures[0].value
                if c.key_figures
                else c.sections[0].heading
            )
            return Problem(
                f"the sidebar (key figures, facts, contacts, QR code) runs about {over:.0f} pt "
                f"past the page even with text at the {t.min_body_size:g} pt floor",
                first.locate(),
                "fewer or shorter facts, contacts or key figures, or the two-column layout",
            )
        leading = self.styles["body"].leading
        counts = [len((s.body or "").split()) for s in c.sections]
        words = sum(counts)
        needed = stacked_height(self.blocks) / self.columns
        cut = max(1, round(words * over / max(needed, 1.0)))
        each = ", ".join(f"{s.heading} {n}" for s, n in zip(c.sections, counts, strict=True))
        per_column = "per column " if self.columns > 1 else ""
        return Problem(
            f"the content runs about {over:.0f} pt ({over / leading:.0f} lines {per_column}at "
            f"{t.min_body_size:g} pt) past the page even with body text at the "
            f"{t.min_body_size:g} pt floor; words per section: {each}",
            c.sections[-1].heading.locate(),
            f"about {cut} fewer words in the sections (they hold {words})",
        )

    def page(self, air: float) -> Page:
        """Place everything, spreading gaps by ``air``."""
        t, c = self.sheet.theme, self.sheet.content
        page = Page(
            self.width,
            self.height,
            self.scale,
            air,
            t.body_size * self.scale,
            self.sheet.faces.regular,
        )
        left = t.margin_x
        marking = t.marking_height if c.marking else 0.0
        if c.marking:
            banner = fitted(Paragraph(markup.plain(c.marking), self.styles["marking"]), self.inner)
            self._put(page, _single(banner, "P"), left, self.height - 4)
        band_top = self.height - marking
        page.shapes.append(
            Shape("rect", 0, band_top - self.band.height, self.width, self.band.height, t.primary)
        )
        page.shapes.append(
            Shape(
                "rect",
                0,
                band_top - self.band.height - t.band_stripe,
                self.width,
                t.band_stripe,
                t.accent,
            )
        )
        self._put(page, self.band, left, band_top)
        y = band_top - self.band.height - t.band_stripe - t.title_gap * self.scale
        self._put(page, self.title, left, y)
        y -= self.title.height
        top, bottom, side, side_top = self._frame(air)
        gap = t.block_gap * self.scale * (1.0 if t.layout == "sidebar" else air)
        if self.lead.items:
            y -= gap * 0.8
            self._put(page, self.lead, left, y)
            y -= self.lead.height
        if t.layout == "sidebar":
            side_x = left + self.main_width + t.column_gap
            page.shapes.append(
                Shape("rect", side_x, bottom, self.side_width, side_top - bottom, t.tint)
            )
            self._body(page, top, bottom, air)
            sy = side_top - self.pad
            spare = side_top - bottom - side
            spread = min(spare / max(len(self.extras) - 1, 1), gap * 2) if spare > 0 else 0.0
            for region in self.extras:
                self._put(page, region, side_x + self.pad, sy)
                sy -= region.height + gap * 0.75 + spread
        else:
            closing = self.extras[-1] if self._has_closing() else None
            for region in self.extras:
                if region is not closing:
                    y -= gap
                    self._put(page, region, left, y)
                    y -= region.height
            self._body(page, top, bottom, air)
            if closing is not None:
                closing_top = bottom - gap
                page.shapes.append(
                    Shape("line", left, closing_top + gap / 2, self.inner, 0, t.rule, 0.6)
                )
                self._put(page, closing, left, closing_top)
        footer_top = t.margin_bottom + marking + self.footer.height
        self._put(page, self.footer, left, footer_top)
        if c.marking:
            banner = fitted(Paragraph(markup.plain(c.marking), self.styles["marking"]), self.inner)
            h = banner.height
            self._put(page, _single(banner, "P"), left, t.margin_bottom / 2 + h)
        return page

    def _body(self, page: Page, top: float, bottom: float, air: float) -> None:
        t = self.sheet.theme
        result = shortest(self.blocks, self.columns, top - bottom + 1e-6, air)
        if result is None:
            raise RuntimeError("the body did not fit where the fit engine said it would")
        _, columns = result
        x0 = t.margin_x + self.rail
        for index, column in enumerate(realize(self.blocks, columns, self.column_width)):
            x = x0 + index * (self.column_width + t.column_gap)
            for block, flowable, piece in column:
                y = top - piece.top - flowable.height
                if block.hang:
                    x_hang = t.margin_x
                    self._add(
                        page,
                        flowable,
                        x_hang,
                        y,
                        self.rail,
                        block.role,
                        block.element,
                        block.parents,
                    )
                    continue
                if block.label is not None and piece.first == 0:
                    label = block.label
                    self._add(
                        page,
                        label,
                        x + block.label_indent,
                        top - piece.top - label.height,
                        self.column_width,
                        "Lbl",
                        self.element(),
                        block.parents,
                    )
                self._add(
                    page,
                    flowable,
                    x,
                    y,
                    self.column_width,
                    block.role,
                    block.element,
                    block.parents,
                )
                if block.role == "H2":
                    rule_y = y + flowable.height + 4 * self.scale
                    page.shapes.append(Shape("line", x, rule_y, self.column_width, 0, t.rule, 0.6))
            if self.rail and index == 0:
                for block, _, piece in column:
                    if block.hang:
                        rule_y = top - piece.top + 4 * self.scale
                        page.shapes.append(
                            Shape("line", t.margin_x, rule_y, self.inner, 0, t.rule, 0.6)
                        )

    def _put(self, page: Page, region: _Region, x: float, top: float) -> None:
        for shape in region.shapes:
            page.shapes.append(
                Shape(
                    shape.kind,
                    x + shape.x,
                    top - shape.y - shape.height,
                    shape.width,
                    shape.height,
                    shape.colour,
                    shape.line_width,
                )
            )
        for flowable, dx, dy, role, parents, alt in region.items:
            width = getattr(flowable, "width", self.inner)
            self._add(
                page,
                flowable,
                x + dx,
                top - dy - flowable.height,
                width,
                role,
                self.element(),
                parents,
                alt,
            )

    @staticmethod
    def _add(
        page: Page,
        flowable: Flowable,
        x: float,
        y: float,
        width: float,
        role: str,
        element: int,
        parents: tuple[str, ...],
        alt: str | None = None,
    ) -> None:
        page.items.append(
            Placed(flowable, x, y, width, flowable.height, role, element, parents, alt)
        )


@cache
def _colour(hex_colour: str) -> Color:
    """A ReportLab colour, made once: ReportLab would parse a hex string at every draw."""
    return HexColor(hex_colour)


def _single(paragraph: Paragraph, role: str) -> _Region:
    return _Region(items=[(paragraph, 0.0, 0.0, role, (), None)], height=paragraph.height)
