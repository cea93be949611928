"""Design values in one place: colours, type sizes, spacing and the page grid."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .brand import Family

MIN_CONTRAST = 4.5  # WCAG 2 AA for body text


class Theme(NamedTuple):
    """Every design value the layout uses; sizes are in points at a fit scale of 1."""

    # Colours (hex). Each text colour is checked against its background for 4.5:1 contrast.
    primary: str = "#112E51"  # header band, title, headings, figure values
    accent: str = "#A31F34"  # subtitle, rules beside the lead and under the band
    ink: str = "#1B1B1B"  # body text
    muted: str = "#4A5361"  # labels and footer text
    tint: str = "#EEF2F7"  # background of the key-figure strip
    on_primary: str = "#FFFFFF"  # organization name on the band
    on_primary_muted: str = "#C9D6E6"  # office name on the band
    rule: str = "#B8C2CE"  # hairlines (decoration, not text)
    link: str = "#1A4480"  # links in text

    family: str | Family = "Noto Sans"  # a shipped family's name, or an office's faces
    heading_family: str | Family = "Noto Sans"  # the title's, headings', key figures', labels'
    layout: str = "two-column"
    fixed_layout: bool = False  # the writer named the layout: the page keeps to it if it can

    # Page grid, in points.
    safe_edge: float = 21.6  # 0.3 in: nothing prints nearer the paper's edge
    ink_overshoot: float = 2  # how far glyphs may reach past their line's box (accents, tails)
    margin_x: float = 48
    margin_bottom: float = 36
    band_height: float = 54
    band_padding: float = 12  # above and below the band's text, and beside the logo
    band_stripe: float = 3
    column_gap: float = 22
    marking_height: float = 16
    sidebar_share: float = 0.34  # of the text width, in the sidebar layout
    sidebar_step: float = 0.04  # wider by this, up to twice, when it is full and the body short
    sidebar_padding: float = 12  # inside the sidebar's tint, at scale 1
    rail_share: float = 0.21  # the hanging headings' rail, in the single-column layout
    rail_gap: float = 14  # between a hanging heading and its text, at scale 1
    logo_height: float = 42
    qr_size: float = 64
    qr_gap: float = 10  # between the QR code and its caption, at scale 1
    contacts_share: float = 0.6  # of the closing row (the rest is the QR code's)
    lead_rule: float = 3  # the accent bar beside the lead, at scale 1
    lead_indent: float = 12  # the lead's text from the bar's left edge, at scale 1
    figure_padding: float = 10  # inside a key-figure cell, at scale 1
    fact_padding: float = 8  # between fact cells
    rule_width: float = 0.6  # hairlines
    footer_rise: float = 8  # the footer text above its rule
    folio_gap: float = 12  # between a book's page number, at the footer's end, and the date

    # Type, scaled together by the fit engine.
    body_size: float = 9.6
    body_leading: float = 1.38  # times the size
    lead_leading: float = 1.4
    heading_leading: float = 1.25  # headings, the subtitle, the band
    title_leading: float = 1.1
    figure_leading: float = 1.15  # key figure values
    small_leading: float = 1.3  # labels, facts, the footer
    marking_leading: float = 1.2
    lead_size: float = 10.8
    title_size: float = 30
    subtitle_size: float = 12.5
    heading_size: float = 10
    figure_value_size: float = 18
    figure_label_size: float = 8.2
    band_size: float = 9.5
    footer_size: float = 7.5
    marking_size: float = 8
    fact_size: float = 8.6

    # Vertical rhythm, in points at scale 1.
    item_indent: float = 11  # a list level's indent
    block_gap: float = 15  # between the title, the lead, the key figures, facts and the body
    lead_gap: float = 12  # between the title and the lead
    side_gap: float = 11  # between the parts stacked in the sidebar
    title_gap: float = 14  # between the band and the title
    subtitle_gap: float = 5  # clear of the title's descenders
    heading_gap: float = 5
    heading_rule: float = 4  # the hairline above a heading, over its top
    label_gap: float = 2  # between a key figure and its label
    row_gap: float = 4  # between rows of facts, and below a heading in the facts and contacts
    contact_gap: float = 5

    # Charts, tables and photos in sections, at scale 1.
    chart_text_size: float = 7.6  # labels, values and the legend
    min_small_text: float = 6.5  # no chart text or photo credit is set smaller after fitting
    chart_height: float = 96  # a bar or line chart's plot, at the chart text size
    # White in each series: gray steps at least 0.15 apart, the later three hatched besides.
    chart_steps: tuple[float, ...] = (0.0, 0.57, 0.94, 0.19, 0.76, 0.38)
    chart_hatched: int = 3  # series from this one on are hatched
    chart_hatch_pitch: float = 2.2  # between a hatched bar's lines
    chart_line_lightness: float = 0.6  # of a step, on a line (thin lines need more ink)
    chart_dashes: tuple[tuple[float, ...], ...] = ((), (3, 1.5), (1, 1.5))  # each line series
    chart_markers: tuple[str, ...] = ("FilledCircle", "FilledSquare")  # after every dash
    chart_line_width: float = 1.4
    chart_bar_outline: float = 0.5  # around a lighter series' bars, so they hold on white
    caption_size: float = 8.6  # a chart's title, a table's and a photo's caption
    source_size: float = 7.2  # a chart's or table's source, a photo's credit
    caption_gap: float = 4  # between a caption and its chart, table or photo
    exhibit_gap: float = 10  # above and below a chart, table or photo; spreads like a paragraph's
    table_size: float = 8.2
    cell_padding: float = 4  # beside a table cell's text
    cell_rise: float = 2.5  # above and below a table cell's text
    table_rule: float = 1.2  # above and below a table, and under its header row
    table_stretch: float = 0.5  # a table grows past its cells' widths by at most this share
    min_photo_share: float = 0.6  # of the column width: the fit shrinks a photo to this at most
    photo_snap: float = 0.9  # a photo shrunk less than to this share fills the column instead
    photo_ratio: float = 0.9  # a photo is at most this tall for its column's width

    min_body_size: float = 8.0  # the legibility floor of the fit engine
    max_body_size: float = 14.0  # the body never grows past this, whatever its line length
    # A body line holds from ``short_line`` (``short_line_alone`` in one column) to ``long_line``
    # characters: the body's largest and smallest sizes follow from its column's width.
    short_line: int = 40
    short_line_alone: int = 45
    long_line: int = 75
    max_scale: float = 1.6  # the title, lead, key figures and headings grow at most this far
    min_air: float = 0.6  # how far they may close up on a page full at the smallest type


def rgb(colour: str) -> tuple[int, int, int]:
    """The red, green and blue of a ``#RRGGBB`` colour, each 0 to 255."""
    r, g, b = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return r, g, b


def grayscale(colour: str) -> str:
    """How a colour prints on a black-and-white copier (luma of the sRGB values)."""
    r, g, b = rgb(colour)
    level = round(0.299 * r + 0.587 * g + 0.114 * b)
    return f"#{level:02X}{level:02X}{level:02X}"


def luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour."""
    channels = [c / 255 for c in rgb(colour)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_pairs(theme: Theme) -> dict[str, tuple[str, str]]:
    """Every (text colour, background) pair the page prints in its layout, by what it is used
    for."""
    pairs = {
        "organization on band": (theme.on_primary, theme.primary),
        "office on band": (theme.on_primary_muted, theme.primary),
        "title": (theme.primary, "#FFFFFF"),
        "subtitle": (theme.accent, "#FFFFFF"),
        "body text": (theme.ink, "#FFFFFF"),
        "links": (theme.link, "#FFFFFF"),
        "figure values": (theme.primary, theme.tint),
        "figure labels": (theme.muted, theme.tint),
        "sidebar text": (theme.ink, theme.tint),
        "headings in the sidebar": (theme.primary, theme.tint),
        "footer": (theme.muted, "#FFFFFF"),
        "marking": (theme.ink, "#FFFFFF"),
    }
    if theme.layout != "sidebar":
        del pairs["sidebar text"], pairs["headings in the sidebar"]
    return pairs
