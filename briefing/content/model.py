"""The content model: what a briefing says, one declaration per field.

Each field is declared once (:func:`~briefing.content.fields.declare`), with its type, its
description, example, limits and the formatting it may hold; the validator (``validate``), the
JSON Schema (``schema``, ``briefing schema``) and the limits stated in ``docs/content.md`` all
come from these declarations.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import ClassVar, Literal

from .fields import Cell, Colour, Email, Length, Number, Text, WebAddress, declare


@dataclass(frozen=True)
class Figure:
    """A key figure: a number worth remembering and what it counts."""

    value: Text = declare("The figure as it should print: a number, a percentage, a year.", "20%")
    label: Text = declare(
        "What the figure measures, in a few words.",
        "rise in the vehicle maintenance budget",
        markdown="inline",
    )


@dataclass(frozen=True)
class Fact:
    """A fact for the 'at a glance' list."""

    label: Text = declare("What the fact is.", "Capital")
    value: Text = declare("The fact itself.", "Niamey", markdown="inline")


@dataclass(frozen=True)
class Contact:
    """Someone readers can contact."""

    name: Text = declare("A person or an office.", "INL Public Affairs")
    role: Text | None = declare("Their role or title.", "Press inquiries", default=None)
    email: Email | None = declare("An e-mail address.", "INL-PA@state.gov", default=None)
    phone: Text | None = declare("A telephone number.", "+1 202-647-2842", default=None)


MAX_CATEGORIES = 24  # bars or points along a chart's axis
MAX_SERIES = 6  # series in one chart: more cannot stay apart in grayscale


@dataclass(frozen=True)
class Chart:
    """A bar or line chart drawn from numbers in the content: ``data`` or ``series``, not both."""

    one_of: ClassVar[tuple[str, ...]] = ("data", "series")

    type: Literal["bar", "hbar", "line"] = declare(
        "bar: vertical bars; hbar: horizontal bars (for long category names); line: a line "
        "through the values, for a trend.",
        "bar",
    )
    title: Text = declare(
        "What the chart shows, printed above it.", "INCLE funding for Mali by fiscal year"
    )
    unit: Text | None = declare("The unit of the values.", "$ millions", default=None)
    data: dict[Text, Number] | None = declare(
        "The values, one per category, in order: 'category: number'.",
        {"FY2009": 3.5, "FY2010": 7.4},
        min_items=1,
        max_items=MAX_CATEGORIES,
        entries="categories",
        default=None,
    )
    series: dict[Text, dict[Text, Number]] | None = declare(
        "Several series instead of data: 'name:' then the same categories and numbers under each.",
        {"Police": {"FY2009": 2.1, "FY2010": 4.0}, "Justice": {"FY2009": 1.4, "FY2010": 3.4}},
        min_items=1,
        max_items=MAX_SERIES,
        entries="series",
        default=None,
    )
    source: Text | None = declare(
        "Where the numbers come from, printed under the chart after 'Source:' (do not type it).",
        "Congressional Budget Justification",
        default=None,
    )
    alt: Text | None = declare(
        "What the chart shows, for readers who cannot see it; generated from the type, title, "
        "unit and values when left out.",
        "INCLE funding rose from $3.5 million in FY2009 to $7.4 million in FY2010.",
        printed=False,
        default=None,
    )


@dataclass(frozen=True)
class Table:
    """A table: a header row of columns, then rows of cells."""

    columns: list[Text] = declare(
        "The column headings.",
        ["Component", "Partner", "Funding ($)"],
        markdown="inline",
        min_items=1,
        max_items=8,
    )
    rows: list[list[Cell]] = declare(
        "The rows, each a list of as many cells as there are columns; cells take **bold**, "
        '*italic* and [links](https://www.state.gov); "" is an empty cell.',
        [["Police training", "National Police", "3,100,000"]],
        markdown="inline",
        min_items=1,
        max_items=40,
    )
    caption: Text | None = declare(
        "What the table shows, printed above it.",
        "Program components, FY2010",
        markdown="inline",
        default=None,
    )
    source: Text | None = declare(
        "Where the figures come from, printed under the table after 'Source:'.",
        "INL program records",
        default=None,
    )


@dataclass(frozen=True)
class Photo:
    """A photo, as wide as its column, with a caption and a credit."""

    file: Text = declare(
        "A PNG or JPEG file, relative to the content file.", "training.jpg", printed=False
    )
    alt: Text | None = declare(
        "What the photo shows, for readers who cannot see it; left empty ('alt:') only for a "
        "decorative photo.",
        "Instructors standing in front of a class of police cadets",
        printed=False,
    )
    caption: Text | None = declare(
        "What the photo shows, printed under it.",
        "Police instructors at a training session in Bamako.",
        markdown="inline",
        default=None,
    )
    credit: Text | None = declare(
        "Who took the photo or owns it, printed in small type.", "U.S. Embassy Bamako", default=None
    )
    decorative: bool = declare(
        "true for a photo that only decorates: readers of the text are not told of it, and its "
        "alt is left empty.",
        False,
        default=False,
    )


@dataclass(frozen=True)
class Block:
    """One block of a section: exactly one of text, chart, table or photo."""

    one_of: ClassVar[tuple[str, ...]] = ("text", "chart", "table", "photo")

    text: Text | None = declare(
        "More text, formatted like a section's body.",
        "More text after the photo.",
        markdown="blocks",
        default=None,
    )
    chart: Chart | None = declare("A bar or line chart.", default=None)
    table: Table | None = declare("A table.", default=None)
    photo: Photo | None = declare("A photo.", default=None)


@dataclass(frozen=True)
class Section:
    """A titled part of the body: its text, then any blocks."""

    heading: Text = declare("The section's heading.", "Context and Challenges")
    body: Text | None = declare(
        "The section's text. Separate paragraphs with a blank line; use **bold**, *italic*, "
        "[links](https://www.state.gov), and lists of lines starting '- ' or '1. '.",
        "Niger lies in the Lake Chad Basin.\n\nIt faces threats along three borders.",
        markdown="blocks",
        default=None,
    )
    blocks: list[Block] = declare(
        "Text, charts, tables and photos after the body (or instead of it), each an entry "
        "starting '- text:', '- chart:', '- table:' or '- photo:'.",
        max_items=20,
        default_factory=list,
    )


@dataclass(frozen=True)
class Logo:
    """A logo or seal for the header band."""

    file: Text = declare(
        "A PNG, JPEG or SVG file, relative to the file it is written in.", "seal.png", printed=False
    )
    alt: Text = declare(
        "What the image shows, for readers who cannot see it.",
        "Seal of the U.S. Department of State",
        printed=False,
    )


MAX_FACE_INDEX = 255  # faces in a font collection


@dataclass(frozen=True)
class FontFace:
    """One face of a font file: a face of a collection, or an instance of a variable font."""

    file: Text = declare(
        "A TrueType (.ttf), OpenType (.otf), collection (.ttc) or WOFF font file, relative to "
        "the file it is written in.",
        "fonts/Brand-Variable.ttf",
        printed=False,
    )
    index: Number | None = declare(
        "Which face of a collection (.ttc), counting from 0.",
        1,
        minimum=0,
        maximum=MAX_FACE_INDEX,
        default=None,
    )
    instance: Text | None = declare(
        "A named instance of a variable font, as the font names it.",
        "Bold",
        printed=False,
        default=None,
    )
    axes: dict[Text, Number] | None = declare(
        "Values of a variable font's axes, by their tags; the others stay at their defaults.",
        {"wght": 650, "wdth": 90},
        max_items=16,
        entries="axes",
        default=None,
    )


@dataclass(frozen=True)
class Typeface:
    """An office's own typeface: its font files, each a file name or a face of one."""

    regular: Text | FontFace = declare(
        "The regular face: a file name, relative to the file it is written in, or 'file:' with "
        "an 'index:' or an 'instance:'.",
        "fonts/Brand-Regular.ttf",
        printed=False,
    )
    bold: Text | FontFace = declare(
        "The bold face, likewise.", "fonts/Brand-Bold.ttf", printed=False
    )
    italic: Text | FontFace | None = declare(
        "The italic face; *italic* text is set upright in the regular face without it.",
        "fonts/Brand-Italic.ttf",
        printed=False,
        default=None,
    )
    bold_italic: Text | FontFace | None = declare(
        "The bold italic face; the bold one without it.",
        "fonts/Brand-BoldItalic.ttf",
        printed=False,
        default=None,
    )


@dataclass(frozen=True)
class Design:
    """How the page looks; every field has a default."""

    layout: Literal["two-column", "single-column", "sidebar"] | None = declare(
        "two-column: the sections in two balanced columns; single-column: one column with "
        "headings hanging in the margin; sidebar: a main column and a side panel for the key "
        "figures, facts and contacts. Not given: two columns, or one column of larger type "
        "for content too short to fill two or split too unevenly between them; given, the "
        "page keeps to it, unless one column or a sidebar holds the sections only in lines "
        "longer than 75 characters and two columns hold them in shorter ones, or a sidebar's "
        "panel ends more than a line from its text at every size (or leaves the page part "
        "blank) and one column, its key figures in a row, composes the page better.",
        "sidebar",
        default=None,
    )
    font: Literal["Noto Sans", "Noto Serif"] | Typeface = declare(
        "The type family: one of those shipped, or an office's own faces as 'regular:' and "
        "'bold:' font files (and 'italic:' and 'bold_italic:') under it.",
        "Noto Serif",
        default="Noto Sans",
    )
    primary: Colour | None = declare(
        "The main colour (header band, title, headings), in quotes: an unquoted # starts a "
        "comment. Text on it and in it must keep 4.5:1 contrast, in colour and in grayscale.",
        "#112E51",
        printed=False,
        default=None,
    )
    accent: Colour | None = declare(
        "The second colour (subtitle and rules), in quotes.",
        "#A31F34",
        printed=False,
        default=None,
    )
    heading_font: Literal["Noto Sans", "Noto Serif"] | Typeface | None = declare(
        "The family of the title, headings, key figures and labels, named as 'font' is; the "
        "font if left out.",
        {"regular": "fonts/Display-Regular.otf", "bold": "fonts/Display-Bold.otf"},
        default=None,
    )
    margins: Length | None = declare(
        "The left and right margins: points, or with a unit (in, mm, cm); at least 0.3 in, "
        "which office printers can print.",
        "0.75in",
        minimum=21.6,
        maximum=108,
        default=None,
    )
    min_body_size: float | None = declare(
        "The smallest body text size, in points, that the fit engine may use (it also keeps "
        "a line to at most 75 characters).",
        8,
        minimum=6,
        maximum=12,
        default=None,
    )
    max_body_size: float | None = declare(
        "The largest body text size, in points: short content grows its type and spacing "
        "together up to it, or until a line holds 40 characters (45 in one column), to fill "
        "the page; then the title, lead, key figures and headings grow on.",
        11,
        minimum=6,
        maximum=14,
        default=None,
    )


@dataclass(frozen=True)
class Content:
    """A one-page briefing."""

    organization: Text = declare(
        "Who publishes the sheet; printed in the header band and footer.",
        "U.S. Department of State",
    )
    title: Text = declare(
        "What the sheet is about, printed large: usually a country or program.", "Niger"
    )
    sections: list[Section] = declare(
        "The body, in reading order: one entry per heading.", min_items=1, max_items=60
    )
    office: Text | None = declare(
        "The bureau or office, printed under the organization.",
        "Bureau of International Narcotics and Law Enforcement Affairs",
        default=None,
    )
    subtitle: Text | None = declare(
        "What kind of sheet this is, printed under the title.",
        "INL Program Overview",
        default=None,
    )
    date: datetime.date | None = declare(
        "The date the sheet is current as of, written YYYY-MM-DD.",
        datetime.date(2019, 5, 1),
        default=None,
    )
    lead: Text | None = declare(
        "The opening paragraph, set apart above the key figures.",
        "INL works to keep Americans safe at home.",
        markdown="inline",
        default=None,
    )
    key_figures: list[Figure] = declare(
        "Figures shown in a strip under the lead.", max_items=4, default_factory=list
    )
    at_a_glance: list[Fact] = declare(
        "Short facts (capital, population, funding ...) listed beside or under the figures.",
        max_items=40,
        default_factory=list,
    )
    contacts: list[Contact] = declare(
        "Who to contact, printed in a block at the foot of the body.",
        max_items=20,
        default_factory=list,
    )
    online: WebAddress | None = declare(
        "The web address of the online version: printed, and as a QR code for phones.",
        "https://www.state.gov/inl-niger",
        max_length=200,
        default=None,
    )
    marking: Text | None = declare(
        "A marking printed in banners at the top and bottom of the page, on one line.",
        "UNCLASSIFIED",
        max_length=50,
        default=None,
    )
    logo: Logo | None = declare("A logo or seal in the header band.", default=None)
    footer: Text | None = declare(
        "The line at the foot of the page; the organization if left out.",
        "U.S. Department of State",
        default=None,
    )
    language: Literal["en", "fr", "es", "pt", "ru", "uk", "ar", "fa", "he", "zh"] = declare(
        "The language of the text: sets the fonts of its script, the reading direction, "
        "hyphenation, fixed labels, the date format and the PDF's language.",
        "en",
        default="en",
    )
    paper: Literal["letter", "a4"] = declare(
        "The paper size; the command line may override it.", "letter", default="letter"
    )
    design: Design = declare(
        "How the page looks: layout, font, colours, margins.", default_factory=Design
    )
    style: Text | None = declare(
        "A style file holding the sheet-wide fields this sheet shares with others (organization, "
        "office, logo, footer, marking, language, paper, design, contacts, online), relative to "
        "the content file; the sheet's own values win, and design merges field by field.",
        "house.yaml",
        printed=False,
        default=None,
    )


# The sheet-wide fields a style file may hold, each declared once above, in Content.
STYLE_FIELDS = (
    "organization",
    "office",
    "logo",
    "footer",
    "marking",
    "language",
    "paper",
    "design",
    "contacts",
    "online",
)
