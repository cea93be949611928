"""The fit engine and the design options, read back from the PDF and from the layout."""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pikepdf
import pytest
import yaml
from PIL import Image
from pypdf import PdfReader
from reportlab.pdfgen.canvas import Canvas

from briefing import ContentError, build
from briefing.content.design import themed
from briefing.content.runs import Run
from briefing.fonts import register
from briefing.layout import PAPER, Page, fit_line
from briefing.layout.choices import variants
from briefing.layout.overflow import short_warning
from briefing.layout.parts import Sheet
from briefing.layout.sidebar import Sidebar
from briefing.pipeline import render, run_checks
from briefing.text.spec import TypeSpec
from briefing.text.textbox import typeset
from briefing.theme import Theme, grayscale

from ..conftest import ROOT, SAMPLE, run, write
from ..corpus import LAYOUTS, sheets, sized
from ..quality import measure, source_text
from ..visual import DATA, EXTRAS, SAMPLE_TREE


def laid_out(tree: dict[str, Any]) -> tuple[bytes, Page]:
    return render(run_checks(tree))


def printed(paragraph: str, pdf_text: str) -> bool:
    """Whether the PDF's text holds ``paragraph`` exactly, except hyphens added at line ends."""
    letters = re.sub(r"\s|\*\*", "", paragraph)
    # (a line-end hyphen is drawn under a private-use code of briefing's, which ReportLab's
    # own canvas leaves without a reading)
    pattern = "[-\u00ad\ue000-\uf8ff]?".join(map(re.escape, letters))
    # (the empty glyph after a typed hyphen ending a line reads as a zero-width space)
    return re.search(pattern, re.sub(r"[\s\u200b]", "", pdf_text)) is not None


def assert_clean_page(data: bytes, page: Page, tmp_path: Path) -> None:
    """One page; no line wider than its column; glyphs inside the margins; no overlaps; no
    heading left at the foot of a column; no paragraph split into a lone line."""
    theme = Theme()
    for heading in page.items:
        if heading.role != "H2" or not heading.parents[0].startswith("Sect"):
            continue
        following = [
            i
            for i in page.items
            if i.parents[:1] == heading.parents[:1]
            and i.role != "H2"
            and i.y + i.height <= heading.y + heading.height + 0.5
        ]
        if following:  # a section with a body: its text starts right under (or beside) it
            assert min(heading.y - (i.y + i.height) for i in following) < 25, heading
    parts: dict[int, list[Any]] = {}
    for item in page.items:
        if item.role in ("P", "LBody"):
            parts.setdefault(item.element, []).append(item)
    for split in (p for p in parts.values() if len(p) > 1):
        for part in split:
            assert part.height >= 2 * part.flowable.leading - 0.1, "a lone line"
    pdf = tmp_path / "page.pdf"
    pdf.write_bytes(data)
    assert len(PdfReader(pdf).pages) == 1
    with pdfplumber.open(pdf) as document:
        sheet = document.pages[0]
        words = sheet.extract_words()
        for word in words:  # every word ends inside the box of the paragraph it starts in
            middle = sheet.height - (word["top"] + word["bottom"]) / 2
            boxes = [
                i
                for i in page.items
                if i.x - 0.5 <= word["x0"] <= i.x + i.width and i.y <= middle <= i.y + i.height
            ]
            assert boxes, word
            assert any(word["x1"] <= i.x + i.width + 0.5 for i in boxes), (word, boxes[0].role)
        for char in sheet.chars:
            if char["text"].isspace():
                continue  # a space that ends a line, for readers of the text, prints nothing
            assert (
                theme.margin_x - 1 <= char["x0"] and char["x1"] <= sheet.width - theme.margin_x + 1
            )
            assert char["top"] >= 0 and char["bottom"] <= sheet.height, char
    boxes = [(w["x0"] + 0.3, w["top"] + 0.3, w["x1"] - 0.3, w["bottom"] - 0.3) for w in words]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("factor", [0.05, 0.5, 1.0, 1.6, 2.2, 3.0])
def test_stress_corpus_gives_one_clean_page_or_an_overflow_report(
    tmp_path: Path, layout: str, factor: float
) -> None:
    tree = sized(factor, layout, extras=factor in (0.5, 1.6))
    try:
        data, page = laid_out(tree)
    except ContentError as error:
        assert factor >= 1.6, f"{factor}x of the sample should fit"
        message = str(error.problems[0])
        assert "past the page even with body text at the 8 pt floor" in message
        assert "words per section: Context and Challenges" in message
        assert re.search(r"expected about \d+ fewer words in the sections", message)
        return
    assert_clean_page(data, page, tmp_path)
    assert page.body_size >= 8.0 - 1e-6
    text = PdfReader(tmp_path / "page.pdf").pages[0].extract_text()
    for section in tree["sections"]:
        for paragraph in section["body"].split("\n\n"):
            assert printed(paragraph, text), paragraph[:60]


def test_content_too_long_for_the_layout_named_is_set_in_two_columns_that_hold_it() -> None:
    """A sheet a little too long for the sidebar it names, in lines of 75 characters, is set in
    two columns, which hold it, and told so; one too long for two columns as well is told
    only to cut."""
    _, page = laid_out(sized(1.2, "sidebar"))
    (switched,) = [w for w in page.warnings if w.field == "design.layout"]
    assert switched.message.startswith("the sections are set in the two-column layout: the ")
    assert (switched.expected or "").startswith("design: layout: two-column to keep it so")
    with pytest.raises(ContentError) as raised:
        laid_out(sized(2.5, "sidebar"))
    (problem,) = raised.value.problems
    assert problem.severity == "error"
    assert (problem.expected or "").endswith(")") and "fewer words in the sections" in (
        problem.expected or ""
    )


def test_a_lead_run_across_the_whole_width_to_fit_the_page_is_a_warning() -> None:
    """Content that fits only with its lead across the whole width is warned, at the lead,
    how long its lines run; the sample, whose lead keeps to 75 characters, is not."""
    tree = sized(1.7, "two-column")
    data, page = laid_out(tree)
    (lead,) = [w for w in page.warnings if "the lead runs" in w.message]
    assert lead.severity == "warning" and lead.field == "lead"
    found = re.search(r"about (\d+) characters a line", lead.message)
    assert found is not None
    letters = int(found[1])
    (quality,) = measure(data, source_text(tree))
    first = next(ln for ln in quality.lines if ln.text.startswith(tree["lead"][:20]))
    assert letters > 75 and abs(len(first.text.strip()) - letters) < 0.15 * letters
    assert not [w for w in laid_out(SAMPLE_TREE)[1].warnings if "the lead runs" in w.message]


def test_a_sidebar_panel_mostly_empty_tint_gives_way_to_one_column(tmp_path: Path) -> None:
    """One key figure beside a main text that fills the page: the panel's tint ran level with
    the text, three fifths of it blank under the figure (its letters 12 lines above the
    text's); the page is set in one column instead, the figure in a band across it, and the
    writer is told why, with what would keep the sidebar, at the layout it names (in the
    content file, or in its style file). Sidebar pages whose panels are full keep them,
    untold."""
    source = tmp_path / "senegal.yaml"
    text = (DATA / "senegal-panel.yaml").read_text(encoding="utf-8")
    source.write_text(text)
    result = run("build", source, "-o", tmp_path / "senegal.pdf", cwd=tmp_path)
    assert result.returncode == 0
    (line,) = [ln for ln in result.stderr.splitlines() if "panel " in ln]
    assert (
        "senegal.yaml:9:11: warning: the sections are set in the single-column layout, with no "
        "side panel (its key figures in a row above them): in the sidebar layout its panel and "
        "main text (or the columns run on under the panel) would end 12 lines apart"
    ) in line
    assert "expected more key figures or facts to fill the panel" in line
    with pdfplumber.open(tmp_path / "senegal.pdf") as pdf:
        page = pdf.pages[0]
        assert not [r for r in page.rects if r["width"] < page.width / 2 and r["height"] > 100]
    write(tmp_path / "house.yaml", "# the office's design\ndesign:\n  layout: sidebar\n")
    source.write_text(text.replace("design:\n  layout: sidebar\n", "style: house.yaml\n"))
    result = run("build", source, "-o", tmp_path / "senegal.pdf", cwd=tmp_path)
    assert result.returncode == 0
    (line,) = [ln for ln in result.stderr.splitlines() if "panel " in ln]
    assert "house.yaml:3:11: warning: the sections are set in the single-column layout" in line
    corpus = sheets()
    for name in ("en-sidebar-0.3", "ar-sidebar"):
        assert not [w for w in laid_out(corpus[name])[1].warnings if "panel" in w.message]


def test_a_sidebar_panel_mostly_empty_tint_is_a_warning_where_it_stays(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where no other arrangement replaces it (here, none tried but the sidebar's), a panel
    whose parts take under half of its tint warns the writer how empty it is."""
    monkeypatch.setattr(
        "briefing.layout.variants", lambda theme: [v for v in variants(theme) if v.chosen]
    )
    data, laid = laid_out(yaml.safe_load((DATA / "senegal-panel.yaml").read_text("utf-8")))
    (told,) = [w for w in laid.warnings if "panel" in w.message]
    found = re.fullmatch(r"the sidebar's panel is (\d+)% empty: .*", told.message)
    assert found is not None and "design: layout: two-column" in (told.expected or "")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        tint = max(page.rects, key=lambda r: r["height"])  # the panel
        inside = [c for c in page.chars if tint["x0"] <= c["x0"] <= tint["x1"]]
        blank = max(c["bottom"] for c in inside if c["top"] < tint["bottom"])
    assert int(found[1]) == pytest.approx(100 * (tint["bottom"] - blank) / tint["height"], abs=8)


def test_the_fit_line_counts_the_blank_under_a_closing_row_moved_up_to_the_columns() -> None:
    """A short Arabic sheet whose contacts follow its columns, over 4% of the page above the
    footer: the fit reports the page as full as it is printed (it said 100%), not as full as
    its columns. (Its first section only: the whole sheet fills the page, at 11.6 pt, since
    its lines take fewer kashidas; it was 5% blank at 11.0 pt.)"""
    tree = yaml.safe_load((DATA / "jordan-ar.yaml").read_text(encoding="utf-8"))
    tree["sections"] = tree["sections"][:1]  # the type at the design's largest, 14 pt
    data, laid = render(run_checks(tree), "letter")
    (quality,) = measure(data, source_text(tree))
    footer = min(ln.top for ln in quality.lines if ln.top > 0.9 * quality.height)
    lowest = max(ln.bottom for ln in quality.lines if ln.bottom < footer - 1)
    blank = (footer - lowest) / quality.height
    # measured from glyphs, the blank also holds the gap above the footer's text
    assert 0.04 < laid.blank < blank < laid.blank + 0.03
    assert fit_line(laid.scale, laid.body_size, laid.blank).endswith(f"{1 - laid.blank:.0%} full")


def test_short_content_grows_its_body_to_its_shortest_line_then_the_rest_of_the_design() -> None:
    _, short = laid_out(sized(0.1, "two-column"))
    _, sample = laid_out(SAMPLE_TREE)
    grown = short.body_size / Theme().body_size
    assert 12.5 < short.body_size < 13.5  # a line of 40 characters, in its 247 pt column
    assert short.scale > grown + 0.03  # the title, lead, key figures and headings grow on
    assert short.fit == (
        f"type at {short.scale:.0%} of the design size, body {short.body_size:.1f} pt, "
        f"page {1 - short.blank:.0%} full"
    )
    assert short.blank < 0.06
    # full, so not told it is short; on whole lines its design grows on (149% -> 152%) where
    # its section gaps grew to fill it, and its columns end within a line (on half lines they
    # ended 2 lines apart, and the writer was told)
    assert short.warnings == () and short.lined
    assert sample.scale < short.scale


def test_long_content_is_scaled_down_not_clipped() -> None:
    _, page = laid_out(sized(1.6, "two-column"))
    assert 8.0 <= page.body_size < Theme().body_size
    assert page.fit == (
        f"type at {page.scale:.0%} of the design size, body {page.body_size:.1f} pt, "
        f"page {1 - page.blank:.0%} full"
    )
    assert page.blank < 0.06  # a long page is full to its foot


def test_content_that_no_half_lines_closed_from_its_gaps_hold_closes_each_by_its_share() -> None:
    """The sample's text at 1.17 times its length, as a sidebar on A4: at the smallest type,
    its gaps closed by whole half lines do not hold it in two columns; each closed by its share
    (its lines off the grid) does, on one page, its lead at its own width (on the grid it would
    need the whole width)."""
    data, page = laid_out({**sized(1.17, "sidebar", extras=True), "paper": "a4"})
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    assert page.body_size == Theme().min_body_size and page.air < 1
    assert not [w for w in page.warnings if "whole width" in w.message], page.warnings


def test_floor_is_configurable(tmp_path: Path) -> None:
    tree = sized(1.6, "two-column")
    tree["design"]["min_body_size"] = 9.5
    with pytest.raises(ContentError) as error:
        laid_out(tree)
    assert "at the 9.5 pt floor" in str(error.value)


def test_hyphenated_words_survive_splitting_at_every_width() -> None:
    """A paragraph split between columns keeps its lines as set: every word, hyphen and typed
    hyphen ('Nigerien-led') comes out whole."""
    faces = register("Noto Sans")
    rest = " ".join(
        ["INL has supported Nigerien-led efforts to provide safe and humane detention."] * 6
    )
    text = (Run("Corrections.", bold=True), Run(" " + rest))
    style = TypeSpec(faces, 9.6, 13, "#000000", align="justify", hyphenation="en_US")
    for width in range(160, 330, 10):
        whole = typeset(text, style, width)
        for lines in (2, 3, 5):
            buffer = io.BytesIO()
            canvas = Canvas(buffer)
            y = 800.0
            for part in (whole.part(0, lines), whole.part(lines, whole.count - lines)):
                part.drawOn(canvas, 20, y - part.height)
                y -= part.height + 10
            canvas.save()
            pdf_text = PdfReader(buffer).pages[0].extract_text()
            assert printed("Corrections. " + rest, pdf_text), (width, lines)
            assert "Nigerienled" not in pdf_text.replace("\n", "")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_layout_with_logo_facts_contacts_qr_and_marking(tmp_path: Path, layout: str) -> None:
    data, page = laid_out({**SAMPLE_TREE, **EXTRAS, "design": {"layout": layout}})
    assert_clean_page(data, page, tmp_path)
    text = PdfReader(tmp_path / "page.pdf").pages[0].extract_text()
    assert text.count("UNCLASSIFIED") == 2
    for expected in (
        "AT A GLANCE",
        "Niamey",
        "CONTACTS",
        "U.S. Embassy Niamey",
        "Read it online",
        "state.gov/inl-niger",
    ):
        assert expected in text
    with pikepdf.open(tmp_path / "page.pdf") as pdf:
        alts = []

        def walk(element: Any) -> None:
            if element.get("/S") == "/Figure":
                alts.append(str(element.Alt))
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot.K)
        uris = [str(a.A.URI) for a in pdf.pages[0].Annots]
    assert alts == [
        "A round emblem with a star",
        "QR code linking to https://www.state.gov/inl-niger",
    ]
    assert "https://www.state.gov/inl-niger" in uris and "mailto:contact@example.org" in uris


@pytest.mark.parametrize("kind", ["png", "jpeg", "svg"])
def test_logo_formats(tmp_path: Path, kind: str) -> None:
    if kind == "svg":
        logo = tmp_path / "logo.svg"
        logo.write_bytes((ROOT / "examples" / "seal.svg").read_bytes())
    else:
        logo = tmp_path / f"logo.{kind}"
        Image.new("RGB", (300, 120), "#112E51").save(logo, format=kind.upper())
    tree = {**SAMPLE_TREE, "logo": {"file": logo.name, "alt": "Our logo"}}
    (tmp_path / "sheet.yaml").write_text(yaml.safe_dump(tree, allow_unicode=True), encoding="utf-8")
    result = build(tmp_path / "sheet.yaml")
    with pikepdf.open(result.output) as pdf:
        resources = pdf.pages[0].Resources
        if kind == "svg":
            assert "/XObject" not in resources  # drawn as vector paths
        else:
            assert len(resources.XObject) == 1


def test_missing_and_broken_logo_are_located_errors(tmp_path: Path) -> None:
    (tmp_path / "broken.png").write_bytes(b"not an image")
    for name, message in (
        ("gone.png", "the image 'gone.png' was not found"),
        ("broken.png", "the file 'broken.png' is not a readable PNG, JPEG or SVG"),
    ):
        content = SAMPLE.read_text(encoding="utf-8") + f"logo:\n  file: {name}\n  alt: Logo\n"
        (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
        result = run("build", cwd=tmp_path)
        line = content.count("\n") - 1
        assert result.returncode == 2
        assert result.stderr.startswith(f"content.yaml:{line}:9: error: {message}"), result.stderr


def test_logo_needs_alt_text(tmp_path: Path) -> None:
    content = SAMPLE.read_text(encoding="utf-8") + "logo:\n  file: seal.png\n"
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 2 and "error: a logo has no 'alt'" in result.stderr


@pytest.mark.parametrize(
    ("colour", "message"),
    [
        (
            "'#AAAAAA'",
            "12: error: the primary colour #AAAAAA gives organization on band a contrast of only",
        ),
        ("#112E51", '11: error: found nothing; expected a colour written "#RRGGBB" in quotes'),
        ("navy", "12: error: found text 'navy'; expected a colour written \"#RRGGBB\""),
    ],
)
def test_design_colours_are_checked(tmp_path: Path, colour: str, message: str) -> None:
    content = SAMPLE.read_text(encoding="utf-8") + f"design:\n  primary: {colour}\n"
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 2
    assert f"content.yaml:{content.count(chr(10))}:{message}" in result.stderr


def test_grayscale_is_luma() -> None:
    assert grayscale("#FF0000") == "#4C4C4C"
    assert grayscale("#FFFFFF") == "#FFFFFF"


def test_design_choices_reach_the_theme() -> None:
    prepared = run_checks(
        {
            **SAMPLE_TREE,
            "design": {
                "font": "Noto Serif",
                "primary": "#1A3C2B",
                "margins": "0.75in",
                "layout": "sidebar",
            },
        }
    )
    theme = themed(prepared.content.design)
    assert prepared.theme == theme
    assert (theme.family, theme.primary, theme.margin_x, theme.layout) == (
        "Noto Serif",
        "#1A3C2B",
        54.0,
        "sidebar",
    )
    _data, page = render(prepared)
    assert page.font == "NotoSerif-Regular"


def test_french_example(tmp_path: Path) -> None:
    out = tmp_path / "fr.pdf"
    result = run("build", ROOT / "examples" / "niger-fr.yaml", "-o", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "Mis à jour le 12 mai 2019" in text and "EN BREF" in text and "Ƙasar Nijar" in text
    assert "Lire en ligne" in text
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "fr-FR"
        box = pdf.pages[0].MediaBox
        assert (round(float(box[2])), round(float(box[3]))) == (595, 842)


def test_the_band_grows_to_hold_a_long_organization_and_office(tmp_path: Path) -> None:
    tree = {
        **SAMPLE_TREE,
        "organization": "The Long Name of an Organization " * 4,
        "office": "Bureau of International Narcotics and Law Enforcement Affairs " * 3,
    }
    data, page = laid_out(tree)
    assert_clean_page(data, page, tmp_path)
    band = page.shapes[0]
    assert band.height > Theme().band_height
    for item in page.items[:2]:  # the organization and the office, white on the band
        assert band.y <= item.y and item.y + item.height <= band.y + band.height


def test_an_overfull_sidebar_is_reported_as_such() -> None:
    facts = [
        {"label": f"Fact {n}", "value": "A value long enough to take two lines here"}
        for n in range(40)
    ]
    with pytest.raises(ContentError) as error:
        laid_out({**SAMPLE_TREE, "at_a_glance": facts, "design": {"layout": "sidebar"}})
    message = str(error.value.problems[0])
    # told of the arrangement that holds most: its contacts and QR code in the closing row
    assert "the sidebar (key figures, facts) runs about" in message
    assert "expected fewer or shorter facts or key figures, or the two-column" in message


@pytest.mark.parametrize("factor", [0.6, 1.0, 1.4])
def test_lines_are_called_too_long_only_where_they_are(factor: float, tmp_path: Path) -> None:
    """A named single column keeps its layout while it holds the text in lines of at most 75
    characters, else two columns do; a warning says how many characters its lines hold only
    when that is over 75, and the figure is the lines' own, read from the PDF."""
    data, page = laid_out(sized(factor, "single-column"))
    (tmp_path / "page.pdf").write_bytes(data)
    said = [w.message for w in page.warnings if "characters in the single-column" in w.message]
    body = [ln for ln in measure(data, "")[0].lines if ln.body and ln.spaces]
    letters = sorted(len(ln.text) for ln in body)[len(body) // 2]  # a full line's, the median
    if said:
        figure = int(re.search(r"about (\d+) characters", said[0]).group(1))  # type: ignore[union-attr]
        assert figure > 75 and abs(figure - letters) <= 0.1 * letters, (figure, letters)
    else:
        assert letters <= 78


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("factor", [0.3, 0.75, 0.95])
def test_text_under_a_sidebar_panel_fills_two_columns_or_none(factor: float, paper: str) -> None:
    """Text that runs on under the panel, in two columns across the page, holds at least
    five lines in each (never a stray strip of two); the panel's tint ends level with the
    main column or lower."""
    checked = run_checks(sized(factor, "sidebar", listed=factor == 0.75))
    data, _ = render(checked, paper)
    lines = [ln for ln in measure(data, "")[0].lines if ln.body]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        panel = max((r for r in page.rects if r["x0"] > page.width / 2), key=lambda r: r["height"])
    under = [ln for ln in lines if ln.top > panel["bottom"]]
    for half in (True, False):
        column = [ln for ln in under if (ln.x0 < page.width / 2) is half]
        assert not column or len(column) >= 5, [ln.text for ln in column]
    beside = [ln for ln in lines if ln.top < panel["bottom"] and ln.x1 < panel["x0"]]
    assert panel["bottom"] >= max(ln.bottom for ln in beside) - 0.5


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_sidebar_panel_starts_beside_the_lead_when_the_main_text_is_short(paper: str) -> None:
    """The panel (here full, beside a short main text) runs from the lead's top, the lead in
    the main column's width beside it, so no blank corner is left right of the lead."""
    data, _ = render(run_checks(ROOT / "examples" / "niger-fr.yaml"), paper)
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        panel = max((r for r in page.rects if r["x0"] > page.width / 2), key=lambda r: r["height"])
    title = next(i for i, ln in enumerate(quality.lines) if quality.roles[ln.block or 0] == "/H1")
    lead = quality.lines[title + 2]  # under the title and the subtitle
    assert lead.text.startswith("Le Bureau")
    assert abs(panel["top"] - lead.top) < lead.size
    assert (
        max(
            ln.x1
            for ln in quality.lines
            if panel["top"] <= ln.top < panel["bottom"] and ln.x0 < panel["x0"]
        )
        < panel["x0"]
    )


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_short_panel_sets_its_parts_larger_a_step_below_the_body(paper: str) -> None:
    """A panel whose parts, spread two lines apart, would still end far above its main
    column (key figures beside a short main text: 3.2 and 4.3 lines on Letter and A4, at
    their size) sets them larger: its last line ends within two and three quarter body lines
    of the main column's last, a padding's depth of them the tint's; its labels stay a step
    smaller than the body."""
    short, labels, body = _panel_short(render(run_checks(sized(0.3, "sidebar")), paper)[0])
    assert short <= 2.75
    assert labels and max(labels) <= 0.95 * body + 0.01


def test_a_long_main_text_beside_a_wider_panel_may_start_the_panel_with_it() -> None:
    """A main text too long for the panel's usual width, with a panel too short to reach its
    foot from beside the lead, has the wider panel start with the main column, under a lead
    across the page: the panel ends within a body line and its padding of the main column
    (4.5 lines above it, beside the lead)."""
    assert _panel_short(render(run_checks(sheets()["fr-sidebar-1.4"]), "letter")[0])[0] <= 1.75


def _panel_short(data: bytes) -> tuple[float, list[float], float]:
    """How far, in body lines, the sidebar panel's last line ends above the main column's;
    the sizes of its text smaller than its key figures' values; the body's size."""
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        panel = max((r for r in page.rects if r["x0"] > page.width / 2), key=lambda r: r["height"])
    inside = [ln for ln in quality.lines if ln.x0 >= panel["x0"] and ln.top < panel["bottom"]]
    main = [ln for ln in quality.lines if ln.body and ln.x1 < panel["x0"]]
    line = Theme().body_leading * quality.body_size
    short = (max(ln.bottom for ln in main) - max(ln.bottom for ln in inside)) / line
    labels = [ln.size for ln in inside if ln.size < quality.body_size * 1.2]
    return short, labels, quality.body_size


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_long_fact_takes_the_room_short_ones_leave_in_their_row(paper: str) -> None:
    """Four facts in a row, one long ("Partenariat transsaharien … (TSCTP)"): each short one
    is as wide as it needs and the long one takes the rest, so each stands on one line (in
    equal quarters the long one took three lines beside the others' one)."""
    tree = yaml.safe_load((ROOT / "examples" / "niger-fr.yaml").read_text("utf-8"))
    tree.pop("logo", None)  # named relative to the example's folder
    tree["design"] = {**tree.get("design", {}), "layout": "two-column"}
    data, _ = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    heading = next(i for i, ln in enumerate(quality.lines) if ln.text == "EN BREF")
    row = quality.lines[heading + 1 : heading + 9]  # four labels, four values
    assert [ln.text for ln in row[1::2]] == [
        "Niamey",
        "français",
        "Ƙasar Nijar",
        "Partenariat transsaharien de lutte contre le terrorisme (TSCTP)",
    ]
    assert len({round(ln.top) for ln in row[1::2]}) == 1  # on one line, side by side


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_sentence_that_introduces_a_list_stands_with_its_first_item(paper: str) -> None:
    """ "Recent results … include:" at a column's foot would leave its list to the next
    column: it goes on with the list, and its heading with it."""
    data, _ = render(run_checks(ROOT / "tests" / "data" / "sheet-lists.yaml"), paper)
    lines = measure(data, "")[0].lines
    for intro, item in (("include:", "the JCF opened"), ("four areas:", "strengthening")):
        above = next(i for i, ln in enumerate(lines) if ln.text.endswith(intro))
        first = next(ln for ln in lines[above + 1 :] if ln.text.startswith(item))
        assert 0 < first.top - lines[above].top < 3 * lines[above].size  # right below it


def test_key_figures_pair_up_in_a_wide_panel_only_at_their_size() -> None:
    sheet = Sheet(run_checks(ROOT / "examples" / "niger-fr.yaml"))
    width, height = PAPER["letter"]
    stacked = Sidebar(sheet, width, height, 1.0, share=0.42).extras
    paired = Sidebar(sheet, width, height, 1.0, share=0.42, paired=True).extras
    assert len(paired) == len(stacked) - 1  # three figures: two in a row, one below
    assert paired[0].height < stacked[0].height + stacked[1].height
    narrow = Sidebar(sheet, width, height, 1.0, share=0.2, paired=True).extras
    assert len(narrow) == len(Sidebar(sheet, width, height, 1.0, share=0.2).extras)


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("sheet", ["made-up word", "honduras-rail"])
def test_a_heading_word_too_wide_for_the_rail_puts_the_headings_above_their_text(
    sheet: str, paper: str
) -> None:
    """One column: a heading word wider than the widest rail even at the body's size (a
    Spanish sheet's "Interinstitucionalidad" at 14 pt) was hyphenated in the rail
    ("INTERINSTITUCIO-" over "NALIDAD"); the headings go above their text instead, each word
    whole, none smaller than the body. The column then takes the width (it kept its measure
    beside the empty rail: a white strip 0.21 of the width down the left of the text, under a
    lead and key figures that start at the margin), in lines of at most 75 characters (the
    Spanish sheet: 58-67 a line at x 156 -> 67-78, 74 on the median, at the margin)."""
    if sheet == "made-up word":
        word = "Interinstitutionalizationprocesses"
        tree = sized(0.3, "single-column", headings=["Context", word, "Results"])  # one holds
    else:
        tree = yaml.safe_load((DATA / f"{sheet}.yaml").read_text(encoding="utf-8"))
        word = "Interinstitucionalidad"
    data, _ = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    heads = [ln for ln in quality.lines if quality.roles[ln.block or 0] == "/H2"]
    body = [ln for ln in quality.lines if ln.body and quality.roles[ln.block or 0] == "/P"]
    assert not [ln.text for ln in heads if ln.text.endswith(("-", "\u00ad"))]
    assert any(word.upper() in ln.text.split() for ln in heads), [ln.text for ln in heads]
    assert min(ln.size for ln in heads) >= quality.body_size - 0.01
    left = min(ln.x0 for ln in body)
    assert all(abs(ln.x0 - left) < 0.5 for ln in heads)  # above the text, not beside it
    for head in heads:
        assert any(ln.top > head.bottom and ln.block == (head.block or 0) + 1 for ln in body)
    assert left == pytest.approx(Theme().margin_x)
    widest = max(ln.x1 - ln.x0 for ln in body)
    full = sorted(len(ln.text) for ln in body if ln.x1 - ln.x0 > 0.9 * widest)
    assert 45 <= full[len(full) // 2] <= 75, full


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_column_of_75_characters_under_headings_above_it_sets_the_pages_measure(
    paper: str,
) -> None:
    """One column whose headings go above its text stops its lines at 75 characters, short
    of the margin (honduras-rail at 14 pt: 73.5 a line): the key figures' strip and the
    footer's rule end where its full lines do, the lead no further (the strip and the rule
    ran to the margin, 10 pt past the text on A4 and 26.7 on Letter: a ragged right edge)."""
    data, _ = render(run_checks(DATA / "honduras-rail.yaml"), paper)
    rows: dict[float, list[float]] = {}
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        (strip,) = [r for r in page.rects if r["x0"] > Theme().margin_x - 1 and r["width"] > 100]
        rule = max(page.lines, key=lambda line: line["top"])  # the footer's
        for char in page.chars:  # the letters' right ends, line by line
            if char["text"].isalnum():
                rows.setdefault(round(char["top"]), []).append(char["x1"])
        body = [max(row) for top, row in rows.items() if top > strip["bottom"]]
        above = [max(row) for top, row in rows.items() if top < strip["top"]]
    edge = sorted(body)[len(body) // 2]  # a justified line's (most are)
    assert edge < page.width - Theme().margin_x - 5  # short of the margin
    assert strip["x1"] == pytest.approx(edge, abs=0.5)
    assert rule["x1"] == pytest.approx(edge, abs=0.5)
    assert max(above) <= edge + 0.5


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_heading_word_too_wide_for_a_column_is_never_set_smaller_than_the_body(
    paper: str,
) -> None:
    """Too long for one column of comfortable lines, a sheet whose heading holds a 34-letter
    word goes to two columns, where the word at the body's size was wider than a column: the
    heading was set at 11.63 pt beside an 11.79 pt body. It may hyphenate instead; the page
    picks its size, and no heading is smaller than the body."""
    word = "Interinstitutionalizationprocesses"
    tree = sized(0.5, "single-column", headings=["Context", word, "Results"])
    data, _ = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    heads = [ln for ln in quality.lines if quality.roles[ln.block or 0] == "/H2"]
    assert len(quality.columns) == 2
    assert min(ln.size for ln in heads) >= quality.body_size - 0.01, [
        (ln.text, ln.size, quality.body_size) for ln in heads
    ]
    shown = "".join(ln.text.rstrip("-\u00ad") for ln in heads)
    assert word.upper() in shown


def test_contacts_without_a_qr_code_stand_side_by_side() -> None:
    """The closing row, with no QR code beside the contacts, sets them side by side across
    the page instead of stacking them in its left half."""
    people = [
        {"name": "U.S. Embassy Bamako", "role": "INL Section", "email": "bamako@example.org"},
        {"name": "INL Africa Office", "email": "africa@example.org"},
    ]
    data, _ = render(run_checks({**SAMPLE_TREE, "contacts": people}))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words()
    first = next(w for w in words if w["text"] == "Bamako")
    second = next(w for w in words if w["text"] == "Africa")
    assert abs(first["bottom"] - second["bottom"]) < 0.5  # one row
    assert second["x0"] > pdf.pages[0].width / 2 - 1 > first["x1"]


def test_a_numbered_lists_numbers_keep_their_size_and_align_at_their_stops() -> None:
    """ "10." to "12." are wider than a list's indent: the indent widens for the whole list,
    rather than setting those numbers smaller, and the numbers stand flush right."""
    tree = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    items = "".join(f"{k}. Item number {k} of the list of programs.\n" for k in range(1, 13))
    tree["sections"][0]["body"] = "The programs:\n\n" + items
    data, _ = render(run_checks(tree), "letter")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["size"])
    texts = [w for w in words if w["text"] == "Item"]
    numbers = [
        w for t in texts for w in words if w["x1"] < t["x0"] and abs(w["top"] - t["top"]) < 1
    ]
    assert [w["text"] for w in numbers] == [f"{k}." for k in range(1, 13)]
    assert len({round(w["size"], 2) for w in numbers}) == 1
    assert max(w["x1"] for w in numbers) - min(w["x1"] for w in numbers) < 0.05
    assert max(w["x0"] for w in texts) - min(w["x0"] for w in texts) < 0.05


def test_a_fact_as_wide_as_its_cell_needs_stays_on_one_line() -> None:
    """The narrowest fact of a row gets the width its value needs: "Mexico City" wrapped
    after "Mexico" on A4, in a cell exactly as wide as the two words."""
    tree = yaml.safe_load((DATA / "mexico-facts.yaml").read_text(encoding="utf-8"))
    data, _ = render(run_checks(tree), "a4")
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        words = pdf.pages[0].extract_words()
    city = [w for w in words if w["text"] == "City"]
    assert city and all(
        any(v["text"] == "Mexico" and abs(v["top"] - w["top"]) < 1 for v in words) for w in city
    )


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_sidebar_panel_longer_than_its_main_text_closes_the_page_with_a_row(paper: str) -> None:
    """A panel too long for its main text (Arabic: four key figures, seven facts, two
    contacts and a QR code) sends its contacts and QR code to a row across the foot, as two
    columns print them: the body set over 10 pt on both papers (9.2 and 9.7 pt, the main
    column ending 17 lines above the panel's foot; with a marking, it ran past Letter at the
    8 pt floor); the panel's last line and the main column's end within a body line on
    Letter (1.01: its values' gaps two lines as a reader sees them, 0.88 when they were two
    lines box to box), 1.2 on A4 (its main column's gaps grow no further), above the row;
    and the contacts are read after the sections."""
    data, _ = render(run_checks(sheets()["sheet-jordan-sidebar"]), paper)
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        panel = max(
            (r for r in page.rects if r["width"] < page.width / 2), key=lambda r: r["height"]
        )
    assert panel["x1"] < page.width / 2  # right to left: the panel on the left
    inside = [ln for ln in quality.lines if ln.x1 <= panel["x1"] and ln.top < panel["bottom"]]
    main = [ln for ln in quality.lines if ln.body and ln.x0 > panel["x1"]]
    line = Theme().body_leading * quality.body_size
    apart = max(ln.bottom for ln in main) - max(ln.bottom for ln in inside)
    lines = {"letter": 1.01, "a4": 1.2}[paper]
    assert quality.body_size > 10 and abs(apart) <= lines * line, (quality.body_size, apart / line)
    contacts = [ln for ln in quality.lines if "@example.org" in ln.text]
    assert len(contacts) == 2 and min(ln.top for ln in contacts) > panel["bottom"]
    assert min(ln.block or 0 for ln in contacts) > max(ln.block or 0 for ln in main)


SHORT_SECTIONS = {
    "organization": "U.S. Department of State",
    "title": "Cabo Verde",
    "date": "2024-01-10",
    "sections": [
        {
            "heading": "Maritime Security",
            "body": "INL helps the Coast Guard and the Judicial Police stop cocaine shipments "
            "crossing the Atlantic through Cabo Verde's waters.",
        },
        {
            "heading": "Justice",
            "body": "Prosecutors and judges receive training on maritime drug cases and money "
            "laundering.",
        },
    ],
}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_short_sections_never_leave_a_column_empty_beside_them(paper: str) -> None:
    """Two short sections were set in the right column, the left one blank from the title
    to the footer (an empty column counted as ending level with the other)."""
    data, _ = render(run_checks(SHORT_SECTIONS), paper)
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        middle = pdf.pages[0].width / 2
    body = [ln for ln in quality.lines if ln.body]
    assert body and min(ln.x0 for ln in body) < middle


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_sidebar_whose_panel_would_empty_into_a_closing_row_keeps_its_panel(
    paper: str,
) -> None:
    """A short sidebar sheet with one fact sent it to a row at the foot and printed its main
    text in the narrow main column with nothing beside it: the fact stays beside the text, in
    the panel, or above it, the text in one column across the page (where the panel, its
    letters 5.5 lines below the text's, would end apart from it)."""
    tree = {**SHORT_SECTIONS, "design": {"layout": "sidebar"}}
    tree["at_a_glance"] = [{"label": "Capital", "value": "Praia"}]
    data, page = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    body = [ln for ln in quality.lines if ln.body]
    praia = [ln for ln in quality.lines if ln.text == "Praia"]
    assert len(praia) == 1 and praia[0].top < max(ln.bottom for ln in body)
    beside = praia[0].x0 > max(ln.x1 for ln in body)
    across = max(ln.x1 for ln in body) - min(ln.x0 for ln in body) > 0.6 * page.width
    assert beside or across


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_panel_short_of_its_main_text_has_the_text_run_on_under_it(paper: str) -> None:
    """Two key figures, three facts and a contact beside four sections: the panel's parts
    ended 5.7 lines (Letter) and 6.8 (A4) above the main column, an empty tint under them; a
    narrower panel ended them 4.5 and 5.6 lines above (the narrowest broke the contact's
    e-mail address, "inl-accra@example" over ".org"). The last section runs on in two
    columns under the panel, three lines a column at least (its heading across them), and
    the address stays whole (the panel's end level with the text beside it: :mod:`test_panel`;
    the footer's lines, not the body's, below the columns)."""
    tree = yaml.safe_load((DATA / "ghana-sidebar.yaml").read_text(encoding="utf-8"))
    data, _ = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        panel = max(
            (r for r in page.rects if r["width"] < page.width / 2), key=lambda r: r["height"]
        )
    footer = min(ln.top for ln in quality.lines if ln.top > 0.9 * quality.height and not ln.body)
    under = [ln for ln in quality.lines if panel["bottom"] < ln.top and ln.bottom < footer]
    lefts = sorted({round(ln.x0) for ln in under if ln.body})
    assert len(lefts) == 2 and lefts[1] > quality.width / 2, lefts
    assert min(sum(round(ln.x0) == x for ln in under) for x in lefts) >= 3
    assert tree["contacts"][0]["email"] in [ln.text.strip() for ln in quality.lines]


def test_a_list_across_the_gutter_has_its_items_as_far_apart_on_either_side() -> None:
    """Nine items, four in the first column and five in the second: the spare room went to
    the first column's items alone (0.75 lines apart there, 0.25 in the second)."""
    tree = yaml.safe_load((DATA / "pakistan-list.yaml").read_text(encoding="utf-8"))
    data, _ = render(run_checks(tree), "a4")
    quality = measure(data, "")[0]
    middle = quality.width / 2
    bullets = [ln for ln in quality.lines if ln.text.strip() == "•"]
    gaps: dict[bool, list[float]] = {}
    for side in (True, False):
        items = [
            [ln for ln in quality.lines if ln.block == bullet.block + 1]
            for bullet in bullets
            if (bullet.x0 < middle) == side
        ]
        gaps[side] = [b[0].top - a[-1].bottom for a, b in itertools.pairwise(items)]
    assert len(gaps[True]) >= 2 and len(gaps[False]) >= 2
    every = gaps[True] + gaps[False]
    assert max(every) - min(every) < 0.5, gaps


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_long_address_under_the_qr_code_takes_room_the_contacts_leave(paper: str) -> None:
    """The QR code's caption had the 40% of the closing row the contacts left it: a long
    address broke over two lines ("state.gov/countries-areas/" and "kenya/") beside contacts
    half as wide as their share; the contacts now give it the room their lines do not need."""
    tree = {
        **SAMPLE_TREE,
        "online": "https://www.state.gov/countries-areas/niger/programs-summary/",
        "contacts": [{"name": "U.S. Embassy Niamey", "email": "contact@example.org"}],
    }
    data, _ = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    address = "state.gov/countries-areas/niger/programs-summary/"
    assert any(ln.text.strip() == address for ln in quality.lines)
    name = next(ln for ln in quality.lines if ln.text.strip() == "U.S. Embassy Niamey")
    mail = next(ln for ln in quality.lines if ln.text.strip() == "contact@example.org")
    shown = next(ln for ln in quality.lines if ln.text.strip() == address)
    assert max(name.x1, mail.x1) < shown.x0


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_narrower_panel_never_breaks_its_headings(paper: str) -> None:
    """A one-fact sidebar sheet took a panel narrower than the theme's, to end it with the
    main text, and broke its heading "AT A / GLANCE" over two lines."""
    tree = {**SHORT_SECTIONS, "design": {"layout": "sidebar"}}
    tree["at_a_glance"] = [{"label": "Capital", "value": "Praia"}]
    data, _ = render(run_checks(tree), paper)
    lines = [ln.text.strip() for ln in measure(data, "")[0].lines]
    assert "AT A GLANCE" in lines, lines


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_narrower_panel_never_breaks_an_address_that_stands_whole_at_the_themes(
    paper: str,
) -> None:
    """A Spanish sidebar sheet whose panel ends above its main text took a panel narrower
    than the theme's, whose contact's e-mail address, on one line at the theme's width,
    broke over two ("programas-inl@state" over ".gov") on both papers: the panel keeps the
    width that holds it, and its telephone number, each on one line."""
    tree = yaml.safe_load((DATA / "honduras-sidebar.yaml").read_text(encoding="utf-8"))
    data, _ = render(run_checks(tree), paper)
    lines = [ln.text.strip() for ln in measure(data, "")[0].lines]
    (contact,) = tree["contacts"]
    assert contact["email"] in lines and contact["phone"] in lines, lines


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_the_subtitle_stays_larger_than_a_body_set_larger_than_the_design(paper: str) -> None:
    """One column, whose body is set larger than the rest of the design to keep its lines
    within 75 characters: the subtitle came out at the body's size (11.4 pt beside 11.4)."""
    tree = yaml.safe_load((DATA / "srilanka-single.yaml").read_text(encoding="utf-8"))
    data, _ = render(run_checks(tree), paper)
    quality = measure(data, "")[0]
    subtitle = next(ln for ln in quality.lines if ln.text.strip() == tree["subtitle"])
    theme = Theme()
    assert subtitle.size >= quality.body_size * theme.subtitle_size / theme.body_size - 0.1


def test_a_short_column_beside_a_table_grows_its_section_gaps_to_two_lines() -> None:
    """Two columns, a table in the first: the second column ended 1.6 lines above it, its
    section gaps grown to their limit of one and a half lines; in two columns a section's gap
    may grow to two, where the columns need it to end together."""
    tree = yaml.safe_load((DATA / "dominican-table.yaml").read_text(encoding="utf-8"))
    data, _ = render(run_checks(tree), "letter")
    quality = measure(data, "")[0]
    gaps = [c.gap for c in quality.columns if c.gap is not None]
    line = Theme().body_leading * quality.body_size
    assert len(gaps) == 2 and abs(gaps[0] - gaps[1]) <= line, [g / line for g in gaps]


def test_a_short_page_says_why_its_body_grew_no_larger() -> None:
    """A page left blank at the foot with its body below the largest its lines allow (a larger
    size would set a paragraph badly or end its columns apart) said the body was the largest
    that keeps its lines comfortable to read; a page whose lines stop it still says so. (The
    corpus's such page, en-two-column-0.3 on A4, 10.9% blank with every paragraph justified at
    12.4 pt, is full now that its design grows around that body: measured here at 12.3 pt.)"""
    checked = run_checks(sheets()["en-two-column-0.3"])
    _, full = render(checked, "a4")
    assert not [w for w in full.warnings if "full:" in w.message]
    grown = variants(checked.theme)[0].kind(Sheet(checked, ""), *PAPER["a4"], scale=1.28)
    said = short_warning(grown, 0.09).message
    assert "its paragraphs set well and its columns end together" in said
    _, tiny = render(run_checks(SHORT_SECTIONS), "letter")
    said = [w.message for w in tiny.warnings if "full:" in w.message]
    assert len(said) == 1 and "the largest that keeps its lines comfortable to read" in said[0]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_long_address_beside_the_qr_code_stays_in_its_row_and_shortens_it(paper: str) -> None:
    """A sidebar sheet's web address of 100 characters, beside its QR code in the closing row:
    its caption, taller than the code, was centred on it, so "Read it online" rose above the
    row into its rule (A4), and it broke over seven lines in the 40% of the row the contacts
    left it. The caption now starts level with the contacts' heading, on its baseline (it
    stood 1.2 pt above it, its letters smaller), and the contacts give up room while that
    makes the row shorter."""
    for name in ("colombia-two", "kazakhstan-sidebar"):
        tree = yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8"))
        lines = measure(render(run_checks(tree), paper)[0], "")[0].lines
        heading = next(ln for ln in lines if ln.text.strip() == "CONTACTS")
        label = next(ln for ln in lines if ln.text.strip() == "Read it online")
        assert abs(label.base - heading.base) < 0.05, (name, label.base, heading.base)
    # the last, Kazakhstan's: its address
    footer = next(ln for ln in lines if ln.text.strip() == "U.S. Department of State")
    address = [ln for ln in lines if abs(ln.x0 - label.x0) < 1 and label.bottom < ln.top]
    address = [ln for ln in address if ln.bottom < footer.top]
    assert "kz.usembassy.gov" in address[0].text and 3 <= len(address) <= 5, address


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_section_with_no_text_keeps_its_heading_clear_of_the_next_in_the_rail(
    paper: str,
) -> None:
    """One column, headings hanging in the rail: a section with a heading and no text (warned)
    had its heading drawn where the next section's was ("EMPTY" over "SHORT"); it now stands
    on its own above it, as far from it as the other sections' headings are apart at least."""
    tree = {
        "organization": "Office",
        "title": "Testland",
        "design": {"layout": "single-column"},
        "sections": [
            {"heading": "Empty"},
            {"heading": "Short", "body": "A few words about the Ministry of Health."},
            {"heading": "Long", "body": " ".join(["Plenty of words here."] * 60)},
        ],
    }
    data, _ = render(run_checks(tree), paper)
    lines = {ln.text.strip(): ln for ln in measure(data, "")[0].lines}
    empty, short = lines["EMPTY"], lines["SHORT"]
    assert empty.bottom < short.top and short.top - empty.top >= 1.5 * (short.bottom - short.top)
