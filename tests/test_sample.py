"""The Niger sample, read back from the PDF: one page, every sentence in order, fonts, metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pypdf import PdfReader

from briefing.theme import Theme, contrast, grayscale, text_pairs

from .conftest import ROOT, SAMPLE, SEED, run, run_process

BAND = Theme().band_height


def _norm(text: str) -> str:
    """Letters and digits only, case-folded: line breaks, hyphenation and case do not matter."""
    return re.sub(r"[\W_]", "", text).casefold()


def seed_sentences() -> list[str]:
    """Every sentence of the seed, in order, without the web-site banner line at its end."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[-1].startswith("The Lessons of 1989")
    sentences = []
    for paragraph in lines[:-1]:
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s]
    return sentences


def test_one_page(sample_pdf: Path) -> None:
    assert len(PdfReader(sample_pdf).pages) == 1


def test_every_seed_sentence_in_reading_order(sample_pdf: Path) -> None:
    text = _norm(PdfReader(sample_pdf).pages[0].extract_text())
    position = 0
    sentences = seed_sentences()
    assert len(sentences) >= 25
    for sentence in sentences:
        found = text.find(_norm(sentence), position)
        assert found >= 0, f"missing or out of order: {sentence!r}"
        position = found + 1


def test_cli_reports_output_pages_and_time(tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    result = run("build", SAMPLE, "-o", out, cwd=ROOT)
    assert result.returncode == 0
    assert re.fullmatch(
        r"wrote .*sheet\.pdf \(1 page, Letter, type at \d+% of the design size, body "
        r"\d+\.\d pt, page \d+% full\) "
        r"in \d+\.\d\d s\n",
        result.stdout,
    )
    assert result.stderr == ""


def test_default_builds_content_yaml_beside_it(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_bytes(SAMPLE.read_bytes())
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(tmp_path / "content.pdf").pages) == 1


def test_fonts_embedded_with_real_bold_and_italic(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        fonts = pdf.pages[0].Resources.Font
        names = set()
        for key in fonts:
            font = fonts[key]
            names.add(str(font.BaseFont))
            assert "/FontDescriptor" in font, f"{font.BaseFont} is a base-14 font"
            assert "/FontFile2" in font.FontDescriptor, f"{font.BaseFont} is not embedded"
            assert "/ToUnicode" in font, f"{font.BaseFont} has no ToUnicode map"
    faces = {re.sub(r"^/[A-Z]{6}\+", "", name) for name in names}
    assert {"NotoSans-Regular", "NotoSans-Bold"} <= faces, faces
    assert not any(
        base in name
        for name in names
        for base in ("Helvetica", "Times", "Courier", "Symbol", "ZapfDingbats")
    )


def test_bold_text_uses_the_bold_face(sample_pdf: Path) -> None:
    with pdfplumber.open(sample_pdf) as pdf:
        words = pdf.pages[0].extract_words(extra_attrs=["fontname"])
    corrections = [w for w in words if w["text"] == "Corrections."]
    assert corrections and "Bold" in corrections[0]["fontname"]
    body = [w for w in words if w["text"] == "Niamey."]
    assert body and "Regular" in body[0]["fontname"]


def test_metadata(sample_pdf: Path) -> None:
    reader = PdfReader(sample_pdf)
    meta = reader.metadata
    assert meta.title == "Niger: INL Program Overview"
    assert meta.author == "U.S. Department of State"
    assert "INL Program Overview" in meta.subject
    assert "Niger" in meta["/Keywords"]
    assert meta.creation_date.year == 2019  # from the content's date
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 - a PDF boolean


@pytest.mark.parametrize(("paper", "size"), [("letter", (612, 792)), ("a4", (595.28, 841.89))])
def test_paper_sizes(tmp_path: Path, paper: str, size: tuple[float, float]) -> None:
    out = tmp_path / f"{paper}.pdf"
    assert run("build", SAMPLE, "-o", out, "--paper", paper, cwd=ROOT).returncode == 0
    page = PdfReader(out).pages
    assert len(page) == 1
    box = page[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(size, abs=0.01)


def test_rebuild_is_byte_identical(tmp_path: Path, sample_pdf: Path) -> None:
    again = tmp_path / "again.pdf"  # in a new process: the same bytes whatever ran before
    assert run_process("build", SAMPLE, "-o", again, cwd=ROOT).returncode == 0
    assert again.read_bytes() == sample_pdf.read_bytes()


def test_source_date_epoch_is_honoured(tmp_path: Path) -> None:
    outs = []
    for name in ("a.pdf", "b.pdf"):
        out = tmp_path / name
        assert (
            run(
                "build", SAMPLE, "-o", out, cwd=ROOT, env={"SOURCE_DATE_EPOCH": "1700000000"}
            ).returncode
            == 0
        )
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert PdfReader(tmp_path / "a.pdf").metadata.creation_date.year == 2023


def test_text_stays_inside_the_margins_and_never_overlaps(sample_pdf: Path) -> None:
    theme = Theme()
    with pdfplumber.open(sample_pdf) as pdf:
        page = pdf.pages[0]
        words = page.extract_words(use_text_flow=True)
        width, height = page.width, page.height
    assert len(words) > 500
    for w in words:
        assert w["x0"] >= theme.margin_x - 0.5 and w["x1"] <= width - theme.margin_x + 0.5, w
        assert w["top"] >= 0 and w["bottom"] <= height - theme.margin_bottom + 0.5, w
    boxes = [(w["x0"] + 0.3, w["top"] + 0.3, w["x1"] - 0.3, w["bottom"] - 0.3) for w in words]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
            assert not overlap, (a, b)


def test_justified_hyphenated_body(sample_pdf: Path) -> None:
    """Hyphenation is on: some body line ends inside a word with a soft hyphen (a hyphen on the
    page, nothing in the word), and every such break joins into a word of the text."""
    text = PdfReader(sample_pdf).pages[0].extract_text()
    source = _norm(SAMPLE.read_text(encoding="utf-8"))
    broken = re.findall(r"(\w+)\u00ad\s*(\w+)", text)
    assert broken
    assert all(_norm(a + b) in source for a, b in broken), broken
    assert not re.search(r"\w-\n\w", text.replace("Nigerien-\nled", "")), "a hard line-end hyphen"


def test_colours_have_enough_contrast_in_colour_and_in_gray() -> None:
    for use, (fore, back) in text_pairs(Theme()).items():
        assert contrast(fore, back) >= 4.5, use
        assert contrast(grayscale(fore), grayscale(back)) >= 4.5, use
