"""A sidebar's panel read back from the PDF: its parts' gaps as a reader sees them."""

from __future__ import annotations

import io
import itertools
from typing import Any

import pdfplumber
import pytest
import yaml

from briefing.pipeline import render, run_checks
from briefing.theme import Theme

from ..corpus import load, sheets
from ..quality import Line, measure
from ..visual import DATA


def _sidebar(name: str) -> dict[str, Any]:
    tree: dict[str, Any] = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
    return {**tree, "design": {**tree.get("design", {}), "layout": "sidebar"}}


def _tint(page: Any) -> dict[str, Any]:
    """The sidebar panel's tint on a pdfplumber page: its tallest rectangle narrower than half
    the page."""
    return max((r for r in page.rects if r["width"] < page.width / 2), key=lambda r: r["height"])


def _panel(data: bytes) -> tuple[list[Line], list[Line], float]:
    """The lines in the sidebar's panel, top down; the body's lines beside it; a body line."""
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        tint = _tint(page)
    inside = [
        ln
        for ln in quality.lines
        if ln.x0 >= tint["x0"] - 1 and ln.x1 <= tint["x1"] + 1 and ln.top < tint["bottom"]
    ]
    beside = [
        ln
        for ln in quality.lines
        if ln.body and (ln.x1 < tint["x0"] or ln.x0 > tint["x1"]) and ln.top < tint["bottom"]
    ]
    line = Theme().body_leading * quality.body_size
    return sorted(inside, key=lambda ln: ln.top), beside, line


# Sidebar pages set in one column instead, the key figures in a band across the page: at
# every size, width and arrangement the fit tries as a sidebar, their panel ended apart from
# their main text (by as many body lines), or the page was part blank.
ONE_COLUMN = {
    ("senegal-panel", "letter"): "12.1 lines",  # one key figure, its panel 62% empty
    ("senegal-panel", "a4"): "12.1 lines",
    ("sheet-fa", "letter"): "4.1 lines",  # two key figures beside a short Persian text, the
    ("sheet-fa", "a4"): "3.2 lines",  # panel at its narrowest
    ("sheet-short-panel", "letter"): "1.42 lines",  # two key figures, one gap: its text run
    ("sheet-short-panel", "a4"): "1.42 lines",  # on under it passes below between paragraphs
    ("liberia-sidebar", "a4"): "9% blank",  # the panel level, the body at its largest
}


def _panels(*names: str) -> list[tuple[str, str]]:
    """Each of ``names`` on each paper where it is set as a sidebar."""
    pages = [(name, paper) for name in names for paper in ("letter", "a4")]
    return [page for page in pages if page not in ONE_COLUMN]


@pytest.mark.parametrize(
    ("name", "paper"),
    _panels("readers-fa", "ghana-sidebar", "liberia-sidebar", "afghanistan-sidebar"),
)
def test_a_panels_parts_spread_short_of_a_hole_as_a_reader_sees_them(name: str, paper: str) -> None:
    """The gaps between a panel's parts grow to two body lines at most, as a section's gap
    does, from the letters of one line to those of the next: a Persian key
    figure's value starts 0.74 em below its box's top (its face's descent), and two lines box
    to box left 2.6 to 2.8 lines over it (readers-fa, sheet-fa), a hole; a short English
    sheet's panel was spread 2.2 to 2.4 lines apart between its figures and headings
    (liberia-sidebar), where its page may as well end short."""
    inside, _, line = _panel(render(run_checks(_sidebar(name)), paper)[0])
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(inside)]
    assert len(inside) > 5 and max(gaps) <= 2 * line + 0.5, max(gaps) / line


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", ["liberia-sidebar", "afghanistan-sidebar"])
def test_a_panel_keeps_its_contacts_on_one_line_where_another_arrangement_does(
    name: str, paper: str
) -> None:
    """A contact's e-mail address and telephone number stand on one line, in the panel or in
    a closing row: "inl-monrovia@example.org" broke in three, "inl / -monrovia@example /
    .org", in a panel of the theme's width, on a page 8 to 12% empty."""
    tree = _sidebar(name)
    lines = measure(render(run_checks(tree), paper)[0], "")[0].lines
    for contact in tree["contacts"]:
        marks = {contact["email"], contact.get("phone", contact["email"])}
        assert marks <= {ln.text.strip() for ln in lines}


@pytest.mark.parametrize(
    ("name", "paper"), _panels("afghanistan-sidebar", "liberia-sidebar", "readers-fa")
)
def test_a_key_figure_keeps_the_panels_padding(name: str, paper: str) -> None:
    """Every glyph of a key figure's value, the space a reader reads at its end too, lies
    inside the panel's padding (as far in as its lines start): "۷٫۴ میلیون دلار" was set as
    wide as the padded panel, its closing space 5.5 points into the padding."""
    data, page = render(run_checks(_sidebar(name)), paper)
    inside, _, _ = _panel(data)
    value = max(ln.size for ln in inside)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        sheet = pdf.pages[0]
        tint = _tint(sheet)
        chars = [
            c
            for c in sheet.chars
            if abs(c["size"] - value) < 0.1 and tint["x0"] <= c["x0"] < tint["x1"]
        ]
    pad = Theme().sidebar_padding * page.scale
    assert len(chars) > 5
    assert min(c["x0"] for c in chars) >= tint["x0"] + pad - 0.1
    assert max(c["x1"] for c in chars) <= tint["x1"] - pad + 0.1


def _sidebars() -> dict[str, dict[str, Any]]:
    """Every sidebar sheet: the corpus's, those in ``tests/data``, and the two Persian sheets
    set as sidebars."""
    found = {name: tree for name, tree in sheets().items() if _layout(tree) == "sidebar"}
    for path in sorted(DATA.glob("*.yaml")):
        tree = load(path)
        if _layout(tree) == "sidebar":
            found.setdefault(path.stem, tree)
    found.update({name: _sidebar(name) for name in ("sheet-fa", "readers-fa")})
    return found


def _layout(tree: dict[str, Any]) -> str | None:
    """The layout a sheet's content names, if any."""
    layout: str | None = tree.get("design", {}).get("layout")
    return layout


SIDEBARS = _sidebars()
SLACK = 0.05  # body lines: the depths of glyphs, read back


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", SIDEBARS)
def test_a_panel_and_its_main_text_end_within_a_body_line(name: str, paper: str) -> None:
    """The panel's last line of letters and the main column's beside it, as a reader measures
    them: a Persian main column's letters end 0.74 em below their baseline (with the panel's
    tint level with its lines, afghanistan-sidebar's ended 1.11 lines below the panel's English
    address); a short panel's main text runs on in two columns under it (Ghana's panel ended
    4.5 and 5.6 lines above its text). A page set in another layout has no panel, and says so."""
    data, laid = render(run_checks(SIDEBARS[name]), paper)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        narrow = [r for r in page.rects if r["width"] < page.width / 2]
        panel = bool(narrow) and _tint(page)["height"] > 0.15 * page.height
    if not panel:
        assert [w for w in laid.warnings if w.field == "design.layout"], laid.warnings
        return
    inside, beside, line = _panel(data)
    apart = (max(ln.bottom for ln in beside) - max(ln.bottom for ln in inside)) / line
    assert abs(apart) <= 1.0 + SLACK, apart
    baselines = (min(ln.base for ln in inside) - min(ln.base for ln in beside)) / line
    assert abs(baselines) <= 1.0, baselines


@pytest.mark.parametrize(
    ("name", "paper"),
    [("sheet-jordan-sidebar", "letter"), ("ghana-sidebar", "letter"), ("ghana-sidebar", "a4")],
)
def test_a_panel_spread_to_its_cap_opens_its_facts_to_end_level_with_its_text(
    name: str, paper: str
) -> None:
    """A panel whose gaps between its parts are spread to two body lines and still end above
    its text's last line opens the gaps between its facts and contacts, each by half a body
    line at most, for its last baseline to stand level with the text's (a tenth of a line):
    sheet-jordan-sidebar's stood 0.95 lines above it on Letter, ghana-sidebar's 0.77 and 0.82
    on Letter and A4; no gap between two of its lines grows over two lines as seen."""
    inside, beside, line = _panel(render(run_checks(SIDEBARS[name]), paper)[0])
    apart = (min(ln.base for ln in inside) - min(ln.base for ln in beside)) / line
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(inside)]
    assert abs(apart) <= 0.1, apart
    assert max(gaps) <= 2 * line + 0.5, max(gaps) / line


@pytest.mark.parametrize(("name", "paper"), ONE_COLUMN)
def test_a_panel_apart_from_its_text_at_every_width_gives_way_to_one_column(
    name: str, paper: str
) -> None:
    """The pages in :data:`ONE_COLUMN` are set in one column, with no side panel: their key
    figures side by side in a tinted band across the page, and the writer told why."""
    tree = SIDEBARS[name]
    data, laid = render(run_checks(tree), paper)
    (told,) = [w for w in laid.warnings if w.field == "design.layout"]
    assert told.message.startswith("the sections are set in the single-column layout, with no")
    theme = Theme()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        (band,) = [r for r in page.rects if _hex(r["non_stroking_color"]) == theme.tint]
        values = [
            c
            for c in page.chars
            if band["x0"] <= c["x0"] < c["x1"] <= band["x1"]
            and band["top"] <= c["top"] < c["bottom"] <= band["bottom"]
        ]
    largest = max(c["size"] for c in values)
    values = [c for c in values if abs(c["size"] - largest) < 0.1]  # the figures' values
    assert band["width"] > page.width - 2 * theme.margin_x - 1
    assert len({round(c["top"]) for c in values}) == 1  # side by side, in one row
    if len(tree["key_figures"]) > 1:  # spread across the band, not stacked at one side
        assert max(c["x1"] for c in values) - min(c["x0"] for c in values) > band["width"] / 2


def _hex(color: tuple[float, ...]) -> str:
    """A pdfplumber RGB fill as the theme writes a colour."""
    return "#" + "".join(f"{round(v * 255):02X}" for v in color)


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("name", ["ghana-sidebar", "honduras-sidebar"])
def test_a_last_section_run_on_under_a_panel_stands_under_its_heading_across_the_page(
    name: str, paper: str
) -> None:
    """A main text run on in two columns under its panel, when what runs on is one section:
    its heading across the page, its rule clear of the panel's tint, and its text in two
    columns under it that start level and end within a body line. Its heading and two lines
    stood at the foot of the left column and the rest of its sentence at the top of the right
    ("since | 2019."), level with the heading: a broken block."""
    data = render(run_checks(load(DATA / f"{name}.yaml")), paper)[0]
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        tint = _tint(page)
        rules = [r for r in page.lines if r["width"] > page.width / 2]
    heading = max(
        (ln for ln in quality.lines if quality.roles[ln.block or 0] == "/H2"), key=lambda ln: ln.top
    )
    under = [ln for ln in quality.lines if ln.body and ln.top > tint["bottom"]]
    left = [ln for ln in under if ln.x0 < page.width / 2]
    right = [ln for ln in under if ln.x0 >= page.width / 2]
    line = Theme().body_leading * quality.body_size
    assert left and right and all(ln.top > heading.bottom for ln in under)
    assert abs(min(ln.top for ln in left) - min(ln.top for ln in right)) < 0.5
    assert abs(max(ln.bottom for ln in left) - max(ln.bottom for ln in right)) <= line + 0.5
    (rule,) = [r for r in rules if tint["bottom"] < r["top"] < heading.top]
    assert rule["x1"] >= tint["x1"] - 0.5 and rule["top"] - tint["bottom"] > 2
