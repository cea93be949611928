"""The fixed parts of a page, each measured as a region at one width and scale: the header
band, the title, the lead, the key figures, facts, contacts, the QR code, the footer and the
marking banner."""

from __future__ import annotations

import functools
import math
from itertools import pairwise
from typing import TYPE_CHECKING

from ..content.checks import ChartShown, PhotoShown, Shown, TableShown
from ..content.markup import Paragraph
from ..content.runs import BREAK, Run, Runs, joined, link, plain, run_in, shown_address
from ..fonts import register
from ..language import WESTERN
from ..text import shaping
from ..text.measure import measure, plain_width
from ..text.setting import natural_width
from ..text.spec import TypeSpec
from ..text.textbox import TextBox, typeset
from .columns import Packable, on_grid
from .exhibits import Setter
from .records import EMPTY, Entry, Region, Shape
from .widths import HAIR

if TYPE_CHECKING:
    from ..content.checks import Checked
    from ..theme import Theme


class Sheet:
    """The content as runs and pictures, in the faces it needs, ready to set at any scale."""

    def __init__(self, checked: Checked, folio: str = "") -> None:
        content = checked.content
        self.content, self.theme, self.words = content, checked.theme, checked.words
        self.folio = folio  # a page number in a book, printed at the footer's end
        self.logo = checked.logo
        self.lead = checked.lead or ()
        self.figures = [
            (plain(f.value), label)
            for f, label in zip(content.key_figures, checked.labels, strict=True)
        ]
        self.sections: list[tuple[Runs, list[Shown]]] = [
            (plain(s.heading), [body, *shown] if body else list(shown))
            for s, body, shown in zip(
                content.sections, checked.sections, checked.blocks, strict=True
            )
        ]
        self.facts = checked.facts
        italic = any(isinstance(run, Run) and run.italic for runs in self.texts() for run in runs)
        self.faces = register(self.theme.family, italic)
        self.heading_faces = register(self.theme.heading_family, italic)
        self._em: float | None = None

    def em_per_letter(self, body: TypeSpec) -> float:
        """The body text's mean advance a character (spaces too), in ems of ``body``'s size:
        what turns a column's width into characters a line. Chinese characters count as two
        (a line of 20 holds as much as 40 Latin letters). From each paragraph as measured for
        setting (kept in the process), so an edit measures nothing more; to a thousandth, so
        that one seldom sets the lead at another width."""
        if self._em is None:
            width = letters = 0.0
            for _, shown in self.sections:
                for part in shown:
                    for paragraph in part if isinstance(part, list) else ():
                        advance, count = _advance(paragraph.runs, body)
                        width += advance
                        letters += count
            em = width / letters if letters else _EM
            self._em = round(em / 2 if body.cjk else em, 3)  # an edit seldom moves it
        return self._em

    def texts(self) -> list[Runs]:
        """All the formatted text of the body (its tables and photo captions too), lead and
        key figures: what may ask for the italic faces."""
        texts = [self.lead, *self.facts] + [label for _, label in self.figures]
        for _, shown in self.sections:
            for part in shown:
                if isinstance(part, TableShown):
                    texts += [part.caption or (), *part.header, *(c for r in part.rows for c in r)]
                elif isinstance(part, PhotoShown):
                    texts.append(part.caption or ())
                elif isinstance(part, list):
                    texts += [paragraph.runs for paragraph in part]
        return texts


@functools.lru_cache(maxsize=1024)
def _advance(runs: Runs, body: TypeSpec) -> tuple[float, int]:
    """A paragraph's advance in ``body`` at unit size (its words and spaces), and how many
    characters it has: summed once in a process (each build of a sheet asks again)."""
    items = measure(runs, body).items
    width = sum(item.width for item in items if item.kind != "penalty")
    return width, sum(len(run.text) for run in runs if isinstance(run, Run))


_EM = 0.47  # the mean advance of English text in Noto Sans, in ems, for a sheet with no text
_RULE_DROP = 2.0  # the footer's rule, below the top of the footer
FILL = 0.06  # of the page's height: a page with no more left at a column's foot is full
_CLOSING_STEP = 0.05  # of the width: how much narrower the contacts beside a long address go


class Parts:
    """The parts of one page at one scale (``body``: the body text's, when it stopped growing
    first): a source of element numbers, and the specs."""

    def __init__(
        self, sheet: Sheet, specs: dict[str, TypeSpec], scale: float, body: float | None = None
    ) -> None:
        self.sheet, self.specs, self.scale = sheet, specs, scale
        self.body_scale = scale if body is None else body
        self.theme, self.content = sheet.theme, sheet.content
        self.elements = 0

    def element(self) -> int:
        """A new structure element number."""
        self.elements += 1
        return self.elements

    def text(self, text: Runs, spec: str, width: float) -> TextBox:
        """``text`` set in the named spec at ``width``."""
        return typeset(text, self.specs[spec], width)

    def band(self, width: float) -> Region:
        """The header band: logo, organization and office, centred; taller if they need it."""
        t, c = self.theme, self.content
        entries: list[Entry] = []
        x, height = 0.0, 0.0
        logo = self.sheet.logo
        if logo is not None:
            picture = logo.flowable(
                min(t.logo_height, 2.5 * t.logo_height * logo.height / logo.width)
            )
            x, height = picture.width + t.band_padding, picture.height
        lines = [self.text(plain(c.organization), "band", width - x)]
        if c.office:
            lines.append(self.text(plain(c.office), "office", width - x))
        text = sum(box.height for box in lines)
        band = max(t.band_height, text + 2 * t.band_padding, height + 1.5 * t.band_padding)
        if logo is not None:
            entries.append(Entry(picture, 0.0, (band - height) / 2, "Figure", (), logo.alt))
        top = (band - text) / 2
        for box in lines:
            entries.append(Entry(box, x, top, "P"))
            top += box.height
        return Region(entries, [], band)

    def title(self, width: float) -> Region:
        """The title and subtitle."""
        c = self.content
        entries = [Entry(self.text(plain(c.title), "title", width), 0.0, 0.0, "H1")]
        top = entries[0].flowable.height
        if c.subtitle:
            top += self.theme.subtitle_gap * self.scale
            subtitle = self.text(plain(c.subtitle), "subtitle", width)
            entries.append(Entry(subtitle, 0.0, top, "P"))
            top += subtitle.height
        return Region(entries, [], top)

    def lead(self, width: float, wide: bool = False) -> Region:
        """The lead, with an accent bar beside it: in lines of at most
        :attr:`Theme.long_line` characters, unless ``wide`` (the whole width, for a page
        too full for that)."""
        t = self.theme
        if not self.sheet.lead:
            return EMPTY
        indent = t.lead_indent * self.scale
        spec = self.specs["lead"]
        longest = t.long_line * self.sheet.em_per_letter(spec) * spec.size  # a comfortable line
        box = self.text(
            self.sheet.lead, "lead", width - indent if wide else min(width - indent, longest)
        )
        bar = Shape("rect", 0, 0, t.lead_rule * self.scale, box.height - 1, t.accent)
        return Region([Entry(box, indent, 0.0, "P")], [bar], box.height)

    def figures(self, width: float) -> Region:
        """The key figures in a tinted strip of cells."""
        t, s = self.theme, self.scale
        if not self.sheet.figures:
            return EMPTY
        pad = t.figure_padding * s
        cell = width / len(self.sheet.figures)
        entries: list[Entry] = []
        tallest = 0.0
        spec = self._values(cell - 2 * pad)
        for index, (value, label) in enumerate(self.sheet.figures):
            figure = self._figure(value, label, cell - 2 * pad, spec)
            entries += [
                e._replace(x=e.x + index * cell + pad, top=e.top + pad) for e in figure.entries
            ]
            tallest = max(tallest, figure.height)
        height = tallest + 2 * pad
        shapes = [Shape("rect", 0, 0, width, height, t.tint)] + [
            Shape("line", i * cell, pad, 0, height - 2 * pad, t.rule, t.rule_width)
            for i in range(1, len(self.sheet.figures))
        ]
        return Region(entries, shapes, height)

    def figure_stack(self, width: float, paired: bool = False) -> list[Region]:
        """The key figures one below another, for the sidebar: a region each, so that the
        gaps between them can spread; if ``paired``, two to a row (a panel shorter by half its
        figures), unless their values would have to be set smaller to fit half the width."""
        spec, figures = self._values(width), self.sheet.figures
        gutter = self.theme.figure_padding * self.scale
        half = (width - gutter) / 2
        if not paired or self._values(half).size < spec.size - 1e-6:
            return [self._figure(value, label, width, spec) for value, label in figures]
        rows = []
        for first in range(0, len(figures), 2):
            row = [
                self._figure(value, label, half, spec)
                for value, label in figures[first : first + 2]
            ]
            entries = [
                e._replace(x=e.x + i * (half + gutter))
                for i, r in enumerate(row)
                for e in r.entries
            ]
            rows.append(Region(entries, [], max(r.height for r in row)))
        return rows

    def _values(self, width: float) -> TypeSpec:
        """The key figures' values' spec: smaller for all of them when one would not fit on
        one line ``width`` wide with its closing space (:func:`_closing_space`; "18 months"
        never wraps), down to the labels' size."""
        spec, label = self.specs["value"], self.specs["label"]
        widest = max((natural_width(value, spec) for value, _ in self.sheet.figures), default=0.0)
        widest += _closing_space(spec) * bool(widest)
        fits = width / (widest + HAIR)  # a hair to spare: set exactly as wide, it may wrap
        size = max(spec.size * min(fits, 1.0), label.size * 1.2) if widest else spec.size
        return spec._replace(size=size, leading=spec.leading * size / spec.size)

    def _figure(self, value: Runs, label: Runs, width: float, spec: TypeSpec) -> Region:
        """One key figure: its value in ``spec`` (broken, if it must be, only between words:
        "4,700 公里" keeps its unit whole), and its label below."""
        t, s = self.theme, self.scale
        group = (f"Figure:{self.element()}",)
        shown = typeset(value, spec._replace(cjk=False), width - _closing_space(spec))
        caption = self.text(label, "label", width)
        # pdf.js reads the label on the value's line, with no space ("$24 millionin INL"),
        # where its first baseline is within half the value's size below the value's last (a
        # tenth of a point to spare: the page rounds positions)
        last = shown.height - shown.leading + shown.size  # the value's last baseline
        below = max(shown.height + t.label_gap * s, last + shown.size / 2 - caption.size + 0.1)
        entries = [Entry(shown, 0.0, 0.0, "P", group), Entry(caption, 0.0, below, "P", group)]
        return Region(entries, [], below + caption.height)

    def _heading(self, text: str, width: float, group: tuple[str, ...]) -> tuple[Entry, float]:
        box = self.text(plain(text), "side heading", width)
        return Entry(box, 0.0, 0.0, "H2", group), box.height + self.theme.row_gap * self.body_scale

    def facts(self, width: float, stacked: bool) -> Region:
        """The facts at a glance: a row of up to four cells a line, or a stack."""
        t, c = self.theme, self.content
        if not c.at_a_glance:
            return EMPTY
        group = (f"Div:{self.element()}",)
        heading, top = self._heading(self.sheet.words.glance, width, group)
        entries = [heading]
        per_row = 1 if stacked else min(4, len(c.at_a_glance))
        pad = 0.0 if stacked else t.fact_padding
        cells = self._fact_cells(width, per_row, pad)
        row_height = 0.0
        for index, fact in enumerate(c.at_a_glance):
            if index and index % per_row == 0:
                top, row_height = top + row_height + t.row_gap * self.body_scale, 0.0
            x = sum(cells[: index % per_row])
            fact_group = (*group, f"Div:{self.element()}")
            room = cells[index % per_row] - pad
            label = self.text(plain(fact.label), "fact label", room)
            value = self.text(self.sheet.facts[index], "fact", room)
            entries.append(Entry(label, x, top, "P", fact_group))
            entries.append(Entry(value, x, top + label.height, "P", fact_group))
            row_height = max(row_height, label.height + value.height)
        return Region(entries, [], top + row_height)

    def _fact_cells(self, width: float, per_row: int, pad: float) -> list[float]:
        """The widths of a row's cells of facts: each as wide as its widest label or value
        needs on one line, the narrowest first, as long as the rest can have as much (the
        widest share what is left, and wrap); what is left over shared equally. A stack's one
        cell is the whole width, whatever its facts need."""
        if per_row == 1:
            return [width]
        need = [0.0] * per_row
        for index, fact in enumerate(self.content.at_a_glance):
            label = natural_width(plain(fact.label), self.specs["fact label"])
            value = natural_width(self.sheet.facts[index], self.specs["fact"])
            need[index % per_row] = max(need[index % per_row], max(label, value) + pad + HAIR)
        cells, left = [0.0] * per_row, width
        for placed, index in enumerate(sorted(range(per_row), key=lambda i: need[i])):
            cells[index] = min(need[index], left / (per_row - placed))
            left -= cells[index]
        return [cell + left / per_row for cell in cells]

    def contacts(self, width: float, across: int = 1) -> Region:
        """The contacts: name, role, phone and e-mail address of each; ``across`` to a row
        (a row of the whole width holds up to three side by side)."""
        t, c = self.theme, self.content
        if not c.contacts:
            return EMPTY
        group = (f"Div:{self.element()}",)
        heading, top = self._heading(self.sheet.words.contacts, width, group)
        entries = [heading]
        gap, apart = t.contact_gap * self.body_scale, t.column_gap
        cell = (width - apart * (across - 1)) / across
        row = 0.0
        for index, contact in enumerate(c.contacts):
            lines = [plain(contact.name, bold=True)]
            lines += [plain(part) for part in (contact.role, contact.phone) if part]
            if contact.email:
                lines.append(link(f"mailto:{contact.email}", contact.email, t.link))
            text = tuple(run for line in lines for run in (BREAK, *line))[1:]
            box = self.text(text, "fact", cell)
            entries.append(Entry(box, (index % across) * (cell + apart), top, "P", group))
            row = max(row, box.height)
            if index % across == across - 1 or index == len(c.contacts) - 1:
                top, row = top + row + gap, 0.0
        return Region(entries, [], top - gap)

    def broken(self, width: float, facts: bool = True, contacts: bool = True) -> set[str]:
        """The headings of the facts and the contacts, and the contacts' telephone numbers
        and e-mail addresses, that would not stand on one line ``width`` wide (of the facts
        and of the contacts, as asked)."""
        words, c = self.sheet.words, self.content
        shown = c.contacts if contacts else []
        headings = [words.glance] * bool(facts and c.at_a_glance) + [words.contacts] * bool(shown)
        marks = [part for contact in shown for part in (contact.phone, contact.email) if part]
        lines = [(text, "side heading") for text in headings] + [(m, "fact") for m in marks]
        return {
            text
            for text, spec in lines
            if natural_width(plain(text), self.specs[spec]) + HAIR > width
        }

    def _contacts_width(self) -> float:
        """The width of the contacts' widest line: their heading, a name, role, telephone
        number or e-mail address."""
        words = self.sheet.words.contacts
        lines = [natural_width(plain(words), self.specs["side heading"])]
        for contact in self.content.contacts:
            lines.append(natural_width(plain(contact.name, bold=True), self.specs["fact"]))
            lines += [
                natural_width(plain(part), self.specs["fact"])
                for part in (contact.role, contact.phone, contact.email)
                if part
            ]
        return max(lines) + HAIR

    def online(self, width: float, stacked: bool, baseline: float = 0.0) -> Region:
        """The QR code of the online version, its caption beside it or (stacked) below; beside
        it, the caption's first baseline ``baseline`` below the top, if that is lower than its
        own (level with the contacts' heading beside it)."""
        t, c, s = self.theme, self.content, self.body_scale
        if not c.online:
            return EMPTY
        from ..graphics.qr import QrCode

        group = (f"Div:{self.element()}",)
        size = t.qr_size * s
        code = QrCode(str(c.online), size, t.ink)
        shown = shown_address(str(c.online))
        caption_text = (
            *plain(self.sheet.words.online, bold=True),
            BREAK,
            *link(str(c.online), shown, t.link),
        )
        alt = self.sheet.words.qr_alt(str(c.online))
        if stacked:
            caption = self.text(caption_text, "fact", width)
            below = size + t.row_gap * s
            entries = [Entry(code, 0.0, 0.0, "Figure", group, alt)]
            entries.append(Entry(caption, 0.0, below, "P", group))
            return Region(entries, [], below + caption.height)
        gap = t.qr_gap * s
        caption = self.text(caption_text, "fact", width - size - gap)
        drop = max(baseline - caption.size, 0.0)  # its box level with the code's top, or lower
        entries = [Entry(code, 0.0, 0.0, "Figure", group, alt)]
        entries.append(Entry(caption, size + gap, drop, "P", group))
        return Region(entries, [], max(size, drop + caption.height))

    def closing(self, width: float) -> Region:
        """The contacts and the QR code side by side, below the body: the contacts in
        :attr:`Theme.contacts_share` of the width, or as little as their lines need when the
        QR code's address needs more than the rest to stand on one line; narrower still, in
        steps of :data:`_CLOSING_STEP` of the width, while that makes the row of a long address
        shorter and breaks no heading, telephone number or e-mail address (:meth:`broken`)."""
        t, c = self.theme, self.content
        if not (c.contacts and c.online):
            contacts = self.contacts(width, min(len(c.contacts), 3))
            online = self.online(width, False)
            height = max(contacts.height, online.height)
            return Region(contacts.entries + online.entries, contacts.shapes, height)
        shift = width * t.contacts_share
        address = natural_width(plain(shown_address(str(c.online))), self.specs["fact"])
        room = width - shift - (t.qr_size + t.qr_gap) * self.body_scale
        if address + HAIR > room:
            least = self._contacts_width() + t.column_gap
            shift = min(shift, max(least, shift - (address + HAIR - room)))
        row, whole = self._closing_row(width, shift), self.broken(shift)
        while (shift := shift - _CLOSING_STEP * width) > 0:
            narrower = self._closing_row(width, shift)
            if narrower.height >= row.height - HAIR or self.broken(shift) > whole:
                break
            row = narrower
        return row

    def _closing_row(self, width: float, shift: float) -> Region:
        """The closing row, its QR code ``shift`` from its start."""
        contacts = self.contacts(shift, 1)
        heading = self.specs["side heading"].size  # its first baseline, below the row's top
        online = self.online(width - shift, False, heading)
        entries = contacts.entries + [e._replace(x=e.x + shift) for e in online.entries]
        return Region(entries, contacts.shapes, max(contacts.height, online.height))

    def footer(self, width: float) -> Region:
        """The footer line and the date, above a hairline; in a book, the page number (an
        artifact) at its end, after the date."""
        t, c = self.theme, self.content
        share = t.contacts_share
        left = self.text(plain(c.footer or c.organization), "footer", width * share)
        entries = [Entry(left, 0.0, t.footer_rise, "P")]
        end, folio = width, None
        if self.sheet.folio:
            number = plain(self.sheet.folio, bold=True)
            shown = natural_width(number, self.specs["date"]) + HAIR
            folio = Entry(
                self.text(number, "date", shown), width - shown, t.footer_rise, "Artifact"
            )
            end -= shown + t.folio_gap
        if c.date:
            date = plain(self.sheet.words.date_line(c.date))
            right = self.text(date, "date", end - width * share)
            entries.append(Entry(right, width * share, t.footer_rise, "P"))
        entries += [folio] if folio else []
        rule = Shape("line", 0, _RULE_DROP, width, 0, t.rule, t.rule_width)
        height = max(e.flowable.height for e in entries) + t.footer_rise
        return Region(entries, [rule], height)

    def marking(self, width: float) -> Region:
        """The marking banner (such as UNCLASSIFIED), or nothing."""
        if not self.content.marking:
            return EMPTY
        box = self.text(plain(self.content.marking), "marking", width)
        return Region([Entry(box, 0.0, 0.0, "P")], [], box.height)

    def widest_heading_word(self) -> float:
        """The width of the widest word of the sections' headings, in points."""
        spec = self.specs["heading"]
        return max(
            (
                natural_width(plain(word), spec)
                for heading, _ in self.sheet.sections
                for run in heading
                if isinstance(run, Run)
                for word in run.text.split()
            ),
            default=0.0,
        )

    def body(self, width: float, rail: float) -> list[Packable]:
        """The sections as blocks to flow into columns, each with its structure role; with a
        ``rail``, headings hang in it beside their text."""
        t, s = self.theme, self.body_scale
        headings, body = self.specs["heading"], self.specs["body"]
        grid = body.leading / 2  # every block of the body takes whole half lines
        room = rail - t.rail_gap * s if rail else width
        # Every heading at one size: the size the widest word of any of them allows in the
        # rail (as wide as that word needs at the body's size at least: the layout's widths),
        # never smaller than the body.
        sizes = [typeset(h, headings, room).size for h, _ in self.sheet.sections]
        size = max(min(sizes, default=headings.size), body.size)
        if size != headings.size:
            headings = headings._replace(size=size, leading=headings.leading * size / headings.size)
        blocks: list[Packable] = []
        setter = Setter(t, self.specs, self.sheet.words, s, self.element)
        for heading, shown in self.sheet.sections:
            section = (f"Sect:{self.element()}",)
            box = typeset(heading, headings, room)
            if box.size < body.size:  # a word too wide for the column at the body's size:
                # hyphenated, the heading never smaller than the body
                box = typeset(heading, headings._replace(hyphenation=body.hyphenation), room)
            blocks.append(Packable(box, "H2", self.element(), section, True, bool(rail)))
            for part in shown:
                if isinstance(part, list):
                    blocks += self._text(part, width, section)
                    continue
                if isinstance(part, ChartShown):
                    exhibit = setter.chart(part, width, section)
                elif isinstance(part, TableShown):
                    exhibit = setter.table(part, width, section)
                else:
                    exhibit = setter.photo(part, width, section)
                blocks.append(Packable(exhibit, "Figure", self.element(), section))
        to_grid(blocks, grid)
        return blocks

    def _text(
        self, parts: list[Paragraph], width: float, section: tuple[str, ...]
    ) -> list[Packable]:
        """A section's paragraphs and list items as blocks."""
        blocks: list[Packable] = []
        for part, (step, widest) in zip(parts, self._indents(parts), strict=True):
            if part.kind == "paragraph":
                box = self.text(part.runs, "body", width)
                block = Packable(box, "P", self.element(), section)
                block.topic = run_in(part.runs)
                blocks.append(block)
                continue
            spec = self.specs["item"]._replace(indent=step * (part.depth + 1))
            label, label_x = None, step * part.depth
            if part.label:  # in its level's indent; the no-break space after it keeps it
                # off the text, and reads as a space between the two
                label = self.text(self._label(part), "bullet", step)
                if spec.direction == "rtl":  # the mark flush with the item's edge
                    label_x -= _hanging_space(label)  # (mirrored: its right)
                else:  # numbers aligned at their right: "9." under "10."
                    label_x += widest - natural_width(self._label(part), self.specs["bullet"])
            box = typeset(part.runs, spec, width)
            parents = (*section, *part.path)
            blocks.append(
                Packable(
                    box,
                    "LBody",
                    self.element(),
                    parents,
                    label=label,
                    label_x=label_x,
                )
            )
        return blocks

    def _label(self, item: Paragraph) -> Runs:
        """An item's bullet or number in the sheet's digits, and the no-break space after it."""
        return _marker(item.label, self.sheet.words.digits)

    def _indents(self, parts: list[Paragraph]) -> list[tuple[float, float]]:
        """Of each part, a list level's indent (the theme's, or as wide as the list's widest
        label needs: "12." is never set smaller than "9.") and the width of that label."""
        least = self.theme.item_indent * self.body_scale
        out: list[tuple[float, float]] = []
        start = 0
        for end in [*(k for k, part in enumerate(parts) if part.kind == "paragraph"), len(parts)]:
            labels = [self._label(item) for item in parts[start:end] if item.label]
            widest = max((natural_width(r, self.specs["bullet"]) for r in labels), default=0.0)
            out += [(self._indent(least, widest), widest)] * (end - start)
            if end < len(parts):
                out.append((least, 0.0))
            start = end + 1
        return out

    def _indent(self, least: float, widest: float) -> float:
        """A list level's indent: ``least``, or as wide as its ``widest`` label needs; in whole
        characters of a Chinese body (the nearest to ``least``), as its lines are (clreq)."""
        body = self.specs["body"]
        if not body.cjk:
            return max(least, widest + HAIR)
        return max(round(least / body.size), math.ceil((widest + HAIR) / body.size)) * body.size


@functools.lru_cache(maxsize=1024)  # each list item's, at every trial size
def _marker(label: str, digits: str) -> Runs:
    """A list item's bullet or number in ``digits`` (for 0 to 9), and the no-break space
    after it."""
    return joined(plain(label.translate(str.maketrans(WESTERN, digits))), (Run("\u00a0"),))


def to_grid(blocks: list[Packable], grid: float) -> None:
    """Fit the blocks that are not paragraphs, and their gaps, to whole steps of ``grid``, so
    that the text after them keeps to the lines of the text beside them: a chart's, table's or
    photo's gaps each a whole number of steps, and the space it takes too (the picture at its
    top); a heading above its text (not one hanging in a rail, which its text starts level
    with) with its gap above it and the gap to what follows it, that gap widened. (A list's
    items stand a quarter line apart: the gap after a list is widened where it is packed.)
    Every block keeps ``grid``: a page closed up closes its gaps by whole steps of it."""
    for block in blocks:
        block.grid = grid
        if block.whole:
            block.before = block.after = max(round(block.before / grid), 1) * grid
            block.height = block.leading = on_grid(block.height, grid)
    for block, below in pairwise(blocks):
        if block.keep_with_next and not block.hang:
            taken = block.before + block.height
            block.after = on_grid(taken + max(block.after, below.before), grid) - taken


def _closing_space(spec: TypeSpec) -> float:
    """The space a right-to-left paragraph's last line reads after its text, drawn past its
    left end (for readers of the text: ``text.line``), in ``spec``'s script: what a key
    figure's value leaves of its width, so that its glyphs keep to a panel's padding ("۷٫۴
    میلیون دلار" set as wide as the padded panel had it 5.5 points into the padding); none
    left to right."""
    if spec.direction != "rtl":
        return 0.0
    return plain_width(" ", (spec.script_faces or spec.faces).bold) * spec.size


def _hanging_space(label: TextBox) -> float:
    """The width of the space drawn right of a one-line list label's mark (a bullet, "1."),
    which a right-to-left list hangs past the item's edge so that the mark is flush with it: a
    line without right-to-left letters is drawn left to right, its space last."""
    line = label.setting.drawn(label.first)
    last = max(line.runs, key=lambda run: run.x)
    text = shaping.unedged(last.shown, last.font) if last.shown else last.text
    space = text[len(text.rstrip()) :]
    return plain_width(space, last.font) * label.size


def spare(theme: Theme, height: float) -> float:
    """The blank a full page of ``height`` may leave under its body's lowest line (:data:`FILL`
    of it, down to the footer's rule)."""
    return FILL * height - over_rule(theme)


def over_rule(theme: Theme) -> float:
    """How far above the footer's rule the body's room ends: the blank at a page's foot, as a
    reader sees it, runs down to the rule."""
    return theme.footer_rise + _RULE_DROP
