"""The web page of a sheet: the validated content that the PDF is laid out from, as one
self-contained, accessible HTML file.

Everything is inside the file: the stylesheet, the faces (subset), the logo and photos as data
URIs, the charts and QR code as inline SVG. It needs no script and fetches nothing, so it reads
the same from a USB stick, an e-mail attachment or a web server. The markup is semantic (a
``header`` band, ``main`` with the ``h1`` title, the key figures, the facts and a ``section``
per heading, an ``aside`` for the contacts and address, a ``footer``) in the PDF's reading
order, in the sheet's language and direction, and the
stylesheet (``page.css``) takes the theme's colours, which the validation stage has checked
for contrast. The same content gives the same bytes.
"""

from __future__ import annotations

import base64
import html
import itertools
import re
from importlib import resources
from typing import TYPE_CHECKING

from ..content.runs import LineBreak, Run, Runs, shown_address
from ..fonts import full_chinese, full_chinese_of, register, script_faces, script_of, shipped
from ..language import LANGUAGES, WESTERN, Language
from ..layout.records import ROW_PARTS
from ..layout.specs import CASED
from .fonts import font_faces
from .svg import attribute, svg

if TYPE_CHECKING:
    from ..content.checks import ChartShown, Checked, PhotoShown, Shown, TableShown
    from ..content.markup import Paragraph
    from ..content.pictures import Picture

CHART_WIDTH = 320.0  # a chart is drawn this many CSS pixels wide (the page may scale it),
CHART_TEXT = 11.0  # with its labels this large: the PDF's proportions, legible on a phone
QR_SIZE = 96.0  # the QR code's side, in CSS pixels
PHOTO_PIXELS = 1200  # a photo's pixels across: sharp across the page on a laptop or phone
LOGO_HEIGHT = 56  # CSS pixels
LATIN, SCRIPT = "briefing", "briefing script"  # the CSS families of the sheet's faces
DISPLAY = "briefing display"  # of the design's heading font, when it is another
FULL = "briefing full chinese"  # the cjk extra's face, for Chinese the shipped face lacks
_PERSIAN = frozenset("پچژگکی")  # letters Persian writes and Arabic does not
_MARKERS = "•–.0123456789"  # what the list markers show, which the faces must hold


def page(checked: Checked, title: str, closing: tuple[str, ...]) -> bytes:
    """The web page of validated content, titled ``title`` (as the PDF is), with the parts
    its PDF prints in a row at its foot (``Page.closing``: "facts", "contacts", "online") in
    a row after the sections."""
    content, theme = checked.content, checked.theme
    words = checked.words
    writer = _Writer(checked, words, closing)
    side = writer.panel()
    body = writer.body(side)
    shown = html.unescape(re.sub(r"<[^>]*>", "", body))  # every character the page shows
    text = shown + shown.upper() + _MARKERS + words.digits
    italic = "<em>" in body
    latin = register(theme.family, italic)
    fonts = [font_faces(LATIN, latin, italic, text)]
    scripted = script_faces(words.script, latin.family)
    if scripted is not None:
        fonts.append(font_faces(SCRIPT, scripted, False, text))
    rare = "".join(sorted(c for c in set(text) if script_of(c) == "Hans" and full_chinese_of(c)))
    full = full_chinese() if rare else None
    if full is not None:  # as the PDF sets them (fonts.full_chinese_of)
        fonts.append(font_faces(FULL, full, False, rare))
    scripts = f'"{SCRIPT}"' + (f',"{FULL}"' if full is not None else "")
    generic = "serif" if "Serif" in shipped(latin.family) else "sans-serif"
    apart = theme.heading_family != theme.family  # the design's heading font is another
    if apart:
        display = register(theme.heading_family, False)
        fonts.append(font_faces(DISPLAY, display, False, text))
        shown_in = "serif" if "Serif" in shipped(display.family) else "sans-serif"
    colours = {
        "primary": theme.primary,
        "accent": theme.accent,
        "ink": theme.ink,
        "muted": theme.muted,
        "tint": theme.tint,
        "on-primary": theme.on_primary,
        "on-primary-muted": theme.on_primary_muted,
        "rule": theme.rule,
        "link": theme.link,
    }
    root = "".join(f"--{name}:{value};" for name, value in colours.items())
    root += f'--face:"{LATIN}",{scripts},{generic}'
    if apart:
        root += f';--display:"{DISPLAY}",{scripts},{shown_in}'
    stylesheet = resources.files(__package__).joinpath("page.css").read_text(encoding="utf-8")
    classes = [f"layout-{theme.layout}"] + ["cased"] * (words.script in CASED)
    classes += ["with-aside"] * bool(side)
    description = " ".join(
        "".join(r.text if isinstance(r, Run) else " " for r in checked.lead or ()).split()
    )
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light">',
        f"<title>{_escaped(title)}</title>",
        f'<meta name="author" content={attribute(str(content.organization))}>',
        f'<meta name="description" content={attribute(description)}>' if description else "",
        '<meta name="generator" content="briefing">',
        f"<style>\n{chr(10).join(fonts)}\n:root{{{root}}}\n{stylesheet}</style>",
    ]
    opening = f'<html lang="{words.tag}" dir="{words.direction}" class="{" ".join(classes)}">'
    document = (
        f"<!DOCTYPE html>\n{opening}\n"
        f"<head>\n{''.join(line + chr(10) for line in head if line)}</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )
    return document.encode("utf-8")


class _Writer:
    """The body of one sheet's page, part by part."""

    def __init__(self, checked: Checked, words: Language, closing: tuple[str, ...]) -> None:
        self.checked, self.content, self.words = checked, checked.content, words
        self.theme, self.closing = checked.theme, closing

    def inline(self, runs: Runs) -> str:
        """Runs as HTML: ``strong``, ``em``, links (one ``a`` for the runs of one link) and line
        breaks, with each run in another language's script marked with its ``lang``."""
        out: list[str] = []
        for href, group in itertools.groupby(runs, lambda r: r.link if isinstance(r, Run) else ""):
            shown = "".join(self._run(run) for run in group)
            out.append(f"<a href={attribute(href)}>{shown}</a>" if href else shown)
        return "".join(out)

    def _run(self, run: Run | LineBreak) -> str:
        if isinstance(run, LineBreak):
            return "<br>"
        shown = self.foreign(run.text)
        shown = f"<em>{shown}</em>" if run.italic else shown
        return f"<strong>{shown}</strong>" if run.bold else shown

    def foreign(self, text: str) -> str:
        """``text``, escaped, with each run of letters in a script not the sheet's (Hebrew in an
        Arabic sheet, Chinese in an English one) in a ``span`` with that language and direction."""
        own = self.words.script
        runs: list[tuple[int, int, str]] = []  # each run's start, end and script
        run: tuple[int, int, str] | None = None  # the run being read
        for index, char in enumerate(text):
            script = script_of(char)
            if script is not None and script != own:
                if run is not None and run[2] != script:
                    runs.append(run)
                    run = None
                run = (run[0] if run else index, index + 1, script)
            elif run is not None and (script is not None or char.isalpha()):
                runs.append(run)  # ended by a letter of the sheet's script, or a Latin one
                run = None
        runs += [run] if run else []
        out, last = [], 0
        for start, end, script in runs:
            shown = text[start:end]
            persian = _PERSIAN & set(shown)
            other = LANGUAGES[{"Hebr": "he", "Hans": "zh"}.get(script, "fa" if persian else "ar")]
            out.append(_escaped(text[last:start]))
            out.append(f'<span lang="{other.tag}" dir="{other.direction}">{_escaped(shown)}</span>')
            last = end
        out.append(_escaped(text[last:]))
        return "".join(out)

    def body(self, side: str) -> str:
        """The page's body: marking, header band, main content (with the sidebar layout's
        panel, ``side``), the closing row and the footer: the PDF's order."""
        c = self.content
        marking = f'<p class="marking">{_escaped(c.marking)}</p>\n' if c.marking else ""
        closing = _aside("closing", [self.part(name) for name in self.closing])
        return (
            f"{self.header(marking)}"
            f'<div class="page">\n<main>\n{self.main(side)}</main>\n{closing}</div>\n'
            f"{self.footer(marking)}"
        )

    def header(self, marking: str) -> str:
        """The marking and the band: logo, organization and office."""
        c, logo = self.content, self.checked.logo
        image = ""
        if logo is not None:
            width = round(LOGO_HEIGHT * logo.width / logo.height)
            source = _data_uri(_logo_bytes(logo))
            image = (
                f'<img class="logo" src="{source}" alt={attribute(logo.alt)} '
                f'width="{width}" height="{LOGO_HEIGHT}">'
            )
        office = f'<p class="office">{self.foreign(str(c.office))}</p>' if c.office else ""
        organization = f'<p class="organization">{self.foreign(str(c.organization))}</p>'
        return (
            f'<header class="band">\n{marking}<div class="wrap">{image}'
            f'<div class="names">{organization}{office}</div></div>\n</header>\n'
        )

    def main(self, side: str) -> str:
        """The title, lead, the key figures and facts (the strips above the PDF's columns) or,
        in the sidebar layout, the ``side`` (its panel, read after the lead as the PDF's is),
        and the sections."""
        c, p = self.content, self.checked
        parts = [f"<h1>{self.foreign(str(c.title))}</h1>"]
        if c.subtitle:
            parts.append(f'<p class="subtitle">{self.foreign(str(c.subtitle))}</p>')
        parts = [f'<div class="title">{"".join(parts)}</div>']
        if p.lead:
            parts.append(f'<p class="lead">{self.inline(p.lead)}</p>')
        if self.theme.layout == "sidebar":
            parts.append(side.rstrip("\n"))
        else:
            parts += [self.figures(), self.facts()]
        sections = []
        for index, (section, body, blocks) in enumerate(
            zip(c.sections, p.sections, p.blocks, strict=True), start=1
        ):
            inner = [f'<h2 id="section-{index}">{self.foreign(str(section.heading))}</h2>']
            inner.append(self.text(body))
            inner += [self.shown(block, f"{index}-{n}") for n, block in enumerate(blocks, 1)]
            sections.append(
                f'<section aria-labelledby="section-{index}">\n{"".join(inner)}\n</section>\n'
            )
        parts.append(f'<div class="sections">\n{"".join(sections)}</div>')
        return "".join(part + "\n" for part in parts if part)

    def figures(self) -> str:
        """The key figures, each its value and label."""
        items = [
            f'<li><span class="value">{self.foreign(str(figure.value))}</span> '
            f'<span class="label">{self.inline(label)}</span></li>'
            for figure, label in zip(self.content.key_figures, self.checked.labels, strict=True)
        ]
        return f'<ul class="figures">{"".join(items)}</ul>' if items else ""

    def panel(self) -> str:
        """The sidebar layout's panel: the key figures, facts, contacts and web address with its
        QR code, but for those the PDF prints in its closing row, beside the main content on a
        wide screen, after the lead on a phone; nothing in the other layouts."""
        if self.theme.layout != "sidebar":
            return ""
        held = [self.part(name) for name in ROW_PARTS if name not in self.closing]
        return _aside("side", [self.figures(), *held])

    def part(self, name: str) -> str:
        """The facts, contacts or web address, by its name in ``ROW_PARTS``."""
        return {"facts": self.facts, "contacts": self.contacts, "online": self.online}[name]()

    def facts(self) -> str:
        """The facts at a glance, each its label and value, under their heading."""
        c = self.content
        if not c.at_a_glance:
            return ""
        facts = "".join(
            f"<div><dt>{self.foreign(str(fact.label))}</dt><dd>{self.inline(value)}</dd></div>"
            for fact, value in zip(c.at_a_glance, self.checked.facts, strict=True)
        )
        return _titled("glance", self.words.glance, f"<dl>{facts}</dl>")

    def contacts(self) -> str:
        """The contacts, each its name, role, phone and e-mail address, under their heading."""
        people = []
        for contact in self.content.contacts:
            lines = [f"<strong>{self.foreign(str(contact.name))}</strong>"]
            lines += [self.foreign(str(part)) for part in (contact.role, contact.phone) if part]
            if contact.email:
                address = f"mailto:{contact.email}"
                lines.append(
                    f'<a href={attribute(address)} dir="ltr">{_escaped(contact.email)}</a>'
                )
            people.append(f"<li>{'<br>'.join(lines)}</li>")
        if not people:
            return ""
        return _titled("contacts", self.words.contacts, f"<ul>{''.join(people)}</ul>")

    def online(self) -> str:
        """The web address, as a link and a QR code, under its heading."""
        if not self.content.online:
            return ""
        from ..graphics.qr import qr_code

        url, words = str(self.content.online), self.words
        code = svg(qr_code(url, QR_SIZE, self.theme.ink), words.qr_alt(url), "qr")
        link = f'<p><a href={attribute(url)} dir="ltr">{_escaped(shown_address(url))}</a></p>'
        return _titled("online", words.online, link + code)

    def footer(self, marking: str) -> str:
        """The footer line and the date, then the marking again."""
        c = self.content
        date = ""
        if c.date:
            shown = _escaped(self.words.date_line(c.date))
            date = f'<p><time datetime="{c.date.isoformat()}">{shown}</time></p>'
        line = self.foreign(str(c.footer or c.organization))
        return (
            f'<footer class="foot">\n<div class="wrap"><p>{line}</p>{date}</div>\n'
            f"{marking}</footer>\n"
        )

    def text(self, blocks: list[Paragraph]) -> str:
        """Paragraphs and list items, the items in nested ``ul`` and ``ol`` as written."""
        out: list[str] = []
        opened: list[tuple[str, str]] = []  # each open list's and item's key, and its end tag
        for block in blocks:
            path = block.path if block.kind == "item" else ()
            kept = 0
            while kept < min(len(path), len(opened)) and path[kept] == opened[kept][0]:
                kept += 1
            while len(opened) > kept:
                out.append(opened.pop()[1])
            fresh = False
            for key in path[kept:]:
                if key.startswith("LI"):
                    out.append("<li>")
                    opened.append((key, "</li>"))
                    fresh = True
                elif block.label.endswith("."):  # numbered, from the number it starts at
                    start = int(block.label[:-1])
                    own = ' class="persian"' if self.words.digits != WESTERN else ""
                    out.append(f"<ol{own}>" if start == 1 else f'<ol{own} start="{start}">')
                    opened.append((key, "</ol>"))
                else:
                    out.append("<ul>")
                    opened.append((key, "</ul>"))
            shown = self.inline(block.runs)
            out.append(shown if fresh else f"<p>{shown}</p>")
        out += [end for _, end in reversed(opened)]
        return "".join(out)

    def shown(self, block: Shown, name: str) -> str:
        """A block after a section's body: text, or a chart, table or photo."""
        from ..content.checks import ChartShown, TableShown

        if isinstance(block, list):
            return self.text(block)
        if isinstance(block, ChartShown):
            return self.chart(block, name)
        if isinstance(block, TableShown):
            return self.table(block)
        return self.photo(block)

    def source(self, source: Runs | None) -> str:
        """A chart's or table's source line."""
        if not source:
            return ""
        before, _, after = self.words.source.partition("{source}")
        shown = f"{self.foreign(before)}{self.inline(source)}{self.foreign(after)}"
        return f'<p class="source">{shown}</p>'

    def chart(self, shown: ChartShown, name: str) -> str:
        """A chart as the PDF draws it, in SVG, named by its alternate text; its title and
        unit above it, its source below, and its values as a table to open."""
        from ..graphics import charts
        from ..graphics.lettering import label_spec
        from ..layout import design_specs

        data, alt = charts.described(shown, self.words)
        labels = label_spec(design_specs(self.checked)["caption"], CHART_TEXT)
        drawing = charts.drawing(data, CHART_WIDTH, self.theme, labels)
        chart = shown.chart
        unit = f'<span class="unit">{self.foreign(str(chart.unit))}</span>' if chart.unit else ""
        caption = f"<figcaption><strong>{self.inline(shown.title)}</strong>{unit}</figcaption>"
        named = len(data.series) > 1 or data.series[0].name
        heads = [s.name for s in data.series] if named else [str(chart.unit or chart.title)]
        head = "".join(f'<th scope="col">{self.foreign(str(h))}</th>' for h in heads)
        rows = "".join(
            f'<tr><th scope="row">{self.foreign(str(category))}</th>'
            + "".join(f'<td class="number">{data.spoken(s.values[i])}</td>' for s in data.series)
            + "</tr>"
            for i, category in enumerate(data.categories)
        )
        table = (
            f'<details><summary>{_escaped(self.words.data)}</summary><table class="data">'
            f"<thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
        )
        return (
            f'<figure class="chart" id="chart-{name}">{caption}'
            f"{svg(drawing, alt, 'plot')}{self.source(shown.source)}{table}</figure>"
        )

    def table(self, shown: TableShown) -> str:
        """A table with its caption, header cells for its columns and for each row's first
        cell (unless it holds a number), numbers flush to the end; its source below."""
        caption = f"<caption>{self.inline(shown.caption)}</caption>" if shown.caption else ""
        numbers = [' class="number"' if numeric else "" for numeric in shown.numeric]
        head = "".join(
            f'<th scope="col"{kind}>{self.inline(cell)}</th>'
            for cell, kind in zip(shown.header, numbers, strict=True)
        )
        rows = []
        for row in shown.rows:
            cells = []
            for index, (cell, kind) in enumerate(zip(row, numbers, strict=True)):
                tag = "th" if index == 0 and not kind else "td"
                scope = ' scope="row"' if tag == "th" else ""
                cells.append(f"<{tag}{scope}{kind}>{self.inline(cell)}</{tag}>")
            rows.append(f"<tr>{''.join(cells)}</tr>")
        return (
            f'<div class="table">\n<table>{caption}<thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>{self.source(shown.source)}</div>"
        )

    def photo(self, shown: PhotoShown) -> str:
        """A photo at most :data:`PHOTO_PIXELS` across, with its alternate text (none when
        decorative), its caption and credit."""
        from ..content.pictures import jpeg

        picture = shown.picture
        width = min(PHOTO_PIXELS, round(picture.width))
        height = round(width * picture.height / picture.width)
        source = _data_uri(jpeg(picture, width))
        image = (
            f'<img src="{source}" alt={attribute(picture.alt)} width="{width}" height="{height}">'
        )
        credit = f'<span class="credit">{self.inline(shown.credit)}</span>' if shown.credit else ""
        caption = self.inline(shown.caption) if shown.caption else ""
        below = f"<figcaption>{caption}{credit}</figcaption>" if caption or credit else ""
        return f'<figure class="photo">{image}{below}</figure>'


def _escaped(text: str) -> str:
    """``text`` as HTML text."""
    return html.escape(text, quote=False)


def _titled(name: str, heading: str, inner: str) -> str:
    """The facts, contacts or web address under its heading."""
    return (
        f'<section class="{name}" aria-labelledby="{name}">'
        f'<h2 id="{name}">{_escaped(heading)}</h2>{inner}</section>'
    )


def _aside(name: str, parts: list[str]) -> str:
    """An ``aside`` of class ``name`` holding the ``parts`` there are, or nothing."""
    shown = "".join(part + "\n" for part in parts if part)
    return f'<aside class="{name}">\n{shown}</aside>\n' if shown else ""


def _logo_bytes(logo: Picture) -> bytes:
    """The logo's file as written (an SVG, or a PNG or JPEG), or the PNG it was scaled to."""
    return logo.scaled or logo.path.read_bytes()


def _data_uri(data: bytes) -> str:
    """A data URI of a PNG, JPEG or SVG file."""
    kind = (
        "png" if data.startswith(b"\x89PNG") else "jpeg" if data[:2] == b"\xff\xd8" else "svg+xml"
    )
    return f"data:image/{kind};base64,{base64.b64encode(data).decode('ascii')}"
