"""The fixed parts of a page, each measured as a region at one width and scale: the header
band, the title, the lead, the key figures, facts, contacts, the QR code, the footer and the
marking banner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..content.checks import ChartShown, PhotoShown, Shown, TableShown
from ..content.markup import Paragraph
from ..content.runs import BREAK, Run, Runs, joined, link, plain, shown_address
from ..fonts import register
from ..text.measure import plain_width
from ..text.spec import TypeSpec
from ..text.textbox import TextBox, typeset
from .columns import Packable
from .exhibits import Setter
from .records import EMPTY, Entry, Region, Shape

if TYPE_CHECKING:
    from ..content.checks import Checked
    from ..language import Language


class Sheet:
    """The content as runs and pictures, in the faces it needs, ready to set at any scale."""

    def __init__(self, checked: Checked, words: Language) -> None:
        content = checked.content
        self.content, self.theme, self.words = content, checked.theme, words
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
        self.digits = str.maketrans("0123456789", words.digits)  # a list's numbers (Persian)
        italic = any(isinstance(run, Run) and run.italic for runs in self.texts() for run in runs)
        self.faces = register(self.theme.family, italic)
        self.heading_faces = register(self.theme.heading_family, italic)

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


class Parts:
    """The parts of one page at one scale: a source of element numbers, and the specs."""

    def __init__(self, sheet: Sheet, specs: dict[str, TypeSpec], scale: float) -> None:
        self.sheet, self.specs, self.scale = sheet, specs, scale
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

    def lead(self, width: float) -> Region:
        """The lead, with an accent bar beside it."""
        t = self.theme
        if not self.sheet.lead:
            return EMPTY
        indent = t.lead_indent * self.scale
        box = self.text(self.sheet.lead, "lead", width - indent)
        bar = Shape("rect", 0, 0, t.lead_rule * self.scale, box.height - 1, t.accent)
        return Region([Entry(box, indent, 0.0, "P")], [bar], box.height)

    def figures(self, width: float, stacked: bool) -> Region:
        """The key figures: a tinted strip of cells, or a stack in the sidebar."""
        t, s = self.theme, self.scale
        if not self.sheet.figures:
            return EMPTY
        pad = 0.0 if stacked else t.figure_padding * s
        cell = width if stacked else width / len(self.sheet.figures)
        entries: list[Entry] = []
        top, tallest = 0.0, 0.0
        for index, (value, label) in enumerate(self.sheet.figures):
            group = (f"Figure:{self.element()}",)
            x = 0.0 if stacked else index * cell
            shown = self.text(value, "value", cell - 2 * pad)
            caption = self.text(label, "label", cell - 2 * pad)
            below = shown.height + t.label_gap * s
            entries.append(Entry(shown, x + pad, top + pad, "P", group))
            entries.append(Entry(caption, x + pad, top + pad + below, "P", group))
            tallest = max(tallest, below + caption.height)
            if stacked:
                top += below + caption.height + t.stack_gap * s
        if stacked:
            return Region(entries, [], top - t.stack_gap * s)
        height = tallest + 2 * pad
        shapes = [Shape("rect", 0, 0, width, height, t.tint)] + [
            Shape("line", i * cell, pad, 0, height - 2 * pad, t.rule, t.rule_width)
            for i in range(1, len(self.sheet.figures))
        ]
        return Region(entries, shapes, height)

    def _heading(self, text: str, width: float, group: tuple[str, ...]) -> tuple[Entry, float]:
        box = self.text(plain(text), "side heading", width)
        return Entry(box, 0.0, 0.0, "H2", group), box.height + self.theme.row_gap * self.scale

    def facts(self, width: float, stacked: bool) -> Region:
        """The facts at a glance: a row of up to four cells a line, or a stack."""
        t, c = self.theme, self.content
        if not c.at_a_glance:
            return EMPTY
        group = (f"Div:{self.element()}",)
        heading, top = self._heading(self.sheet.words.glance, width, group)
        entries = [heading]
        per_row = 1 if stacked else min(4, len(c.at_a_glance))
        cell = width / per_row
        row_height = 0.0
        for index, fact in enumerate(c.at_a_glance):
            if index and index % per_row == 0:
                top, row_height = top + row_height + t.row_gap * self.scale, 0.0
            x = (index % per_row) * cell
            fact_group = (*group, f"Div:{self.element()}")
            room = cell - (0.0 if stacked else t.fact_padding)
            label = self.text(plain(fact.label), "fact label", room)
            value = self.text(self.sheet.facts[index], "fact", room)
            entries.append(Entry(label, x, top, "P", fact_group))
            entries.append(Entry(value, x, top + label.height, "P", fact_group))
            row_height = max(row_height, label.height + value.height)
        return Region(entries, [], top + row_height)

    def contacts(self, width: float) -> Region:
        """The contacts: name, role, phone and e-mail address of each."""
        t, c = self.theme, self.content
        if not c.contacts:
            return EMPTY
        group = (f"Div:{self.element()}",)
        heading, top = self._heading(self.sheet.words.contacts, width, group)
        entries = [heading]
        gap = t.contact_gap * self.scale
        for contact in c.contacts:
            lines = [plain(contact.name, bold=True)]
            lines += [plain(part) for part in (contact.role, contact.phone) if part]
            if contact.email:
                lines.append(link(f"mailto:{contact.email}", contact.email, t.link))
            text = tuple(run for line in lines for run in (BREAK, *line))[1:]
            box = self.text(text, "fact", width)
            entries.append(Entry(box, 0.0, top, "P", group))
            top += box.height + gap
        return Region(entries, [], top - gap)

    def online(self, width: float, stacked: bool) -> Region:
        """The QR code of the online version, its caption beside it or (stacked) below."""
        t, c, s = self.theme, self.content, self.scale
        if not c.online:
            return EMPTY
        from ..graphics.qr import qr_code

        group = (f"Div:{self.element()}",)
        size = t.qr_size * s
        code = qr_code(str(c.online), size, t.ink)
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
        entries = [Entry(code, 0.0, 0.0, "Figure", group, alt)]
        entries.append(Entry(caption, size + gap, (size - caption.height) / 2, "P", group))
        return Region(entries, [], max(size, caption.height))

    def closing(self, width: float) -> Region:
        """The contacts and the QR code side by side, below the body."""
        share = self.theme.contacts_share
        contacts = self.contacts(width * share if self.content.online else width)
        online = self.online(width * (1 - share) if self.content.contacts else width, False)
        shift = width * share if self.content.contacts else 0.0
        entries = contacts.entries + [e._replace(x=e.x + shift) for e in online.entries]
        return Region(entries, contacts.shapes, max(contacts.height, online.height))

    def footer(self, width: float) -> Region:
        """The footer line and the date, above a hairline."""
        t, c = self.theme, self.content
        share = t.contacts_share
        left = self.text(plain(c.footer or c.organization), "footer", width * share)
        entries = [Entry(left, 0.0, t.footer_rise, "P")]
        if c.date:
            date = plain(self.sheet.words.date_line(c.date))
            right = self.text(date, "date", width * (1 - share))
            entries.append(Entry(right, width * share, t.footer_rise, "P"))
        rule = Shape("line", 0, 2, width, 0, t.rule, t.rule_width)
        height = max(e.flowable.height for e in entries) + t.footer_rise
        return Region(entries, [rule], height)

    def marking(self, width: float) -> Region:
        """The marking banner (such as UNCLASSIFIED), or nothing."""
        if not self.content.marking:
            return EMPTY
        box = self.text(plain(self.content.marking), "marking", width)
        return Region([Entry(box, 0.0, 0.0, "P")], [], box.height)

    def body(self, width: float, rail: float) -> list[Packable]:
        """The sections as blocks to flow into columns, each with its structure role; with a
        ``rail``, headings hang in it beside their text."""
        t, s = self.theme, self.scale
        room = rail - t.rail_gap * s if rail else width
        headings = self.specs["heading"]
        # Every heading at one size: the size the widest word of any of them allows.
        sizes = [typeset(h, headings, room).size for h, _ in self.sheet.sections]
        size = min(sizes, default=headings.size)
        if size < headings.size:
            headings = headings._replace(size=size, leading=headings.leading * size / headings.size)
        blocks: list[Packable] = []
        setter = Setter(t, self.specs, self.sheet.words, s, self.element)
        for heading, shown in self.sheet.sections:
            section = (f"Sect:{self.element()}",)
            box = typeset(heading, headings, room)
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
        return blocks

    def _text(
        self, parts: list[Paragraph], width: float, section: tuple[str, ...]
    ) -> list[Packable]:
        """A section's paragraphs and list items as blocks."""
        t, s = self.theme, self.scale
        blocks: list[Packable] = []
        for part in parts:
            if part.kind == "paragraph":
                box = self.text(part.runs, "body", width)
                blocks.append(Packable(box, "P", self.element(), section))
                continue
            step = t.item_indent * s
            spec = self.specs["item"]._replace(indent=step * (part.depth + 1))
            label, label_x = None, step * part.depth
            if part.label:  # in its level's indent; the no-break space after it keeps it
                # off the text, and reads as a space between the two
                shown = part.label.translate(self.sheet.digits)
                label = self.text(joined(plain(shown), (Run("\u00a0"),)), "bullet", step)
                if spec.direction == "rtl":  # the mark flush with the item's edge
                    label_x -= _hanging_space(label)  # (mirrored: its right)
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


def _hanging_space(label: TextBox) -> float:
    """The width of the space drawn right of a one-line list label's mark (a bullet, "1."),
    which a right-to-left list hangs past the item's edge so that the mark is flush with it: a
    line without right-to-left letters is drawn left to right, its space last."""
    line = label.setting.drawn(label.first)
    last = max(line.runs, key=lambda run: run.x)
    text = last.shown or last.text
    space = text[len(text.rstrip()) :]
    return plain_width(space, last.font) * label.size
