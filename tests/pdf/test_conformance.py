"""PDF/UA-1 and PDF/A-2a, judged by an independent validator (page-validation), and the
accessibility it does not judge: Link contents, per-part languages, link descriptions."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import page
import pdfplumber
import pikepdf
import pytest
import yaml
from PIL import Image
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.platypus import Flowable

from briefing.fonts import register
from briefing.layout import Page, Placed
from briefing.pdf import objects
from briefing.pdf import writer as pdf
from briefing.pipeline import render, run_checks

from ..conftest import ROOT, SAMPLE, run
from ..corpus import sized
from ..visual import CASES as VISUAL
from ..visual import Book
from .test_tagging import _kids

FRENCH = ROOT / "examples" / "niger-fr.yaml"
PROFILES = ("ua1", "2a")


def _sheet(language: str) -> dict[str, Any]:
    """A sheet in ``language`` with every generated text: links, a mail link and a QR code."""
    return {
        "organization": "Oficina",
        "title": "Níger",
        "language": language,
        "online": "https://www.state.gov/inl-niger",
        "contacts": [{"name": "Embajada", "email": "contact@example.org"}],
        "sections": [
            {"heading": "Resumen", "body": "Vea [el sitio](https://www.state.gov/inl) hoy."}
        ],
    }


CASES: dict[str, Path | dict[str, Any]] = {
    # the sample, the French example, every layout with every optional part (a book's pages:
    # test_a_book_conforms)
    **{name: case for name, case in VISUAL.items() if not isinstance(case, Book)},
    **{
        f"example-{path.stem}": path
        for path in sorted((ROOT / "examples").glob("*.yaml"))
        if path not in VISUAL.values()
    },
    "stress-short-single-column": sized(0.05, "single-column"),
    "stress-full-sidebar": sized(1.0, "sidebar", extras=True),
    "stress-long-two-column": sized(1.2, "two-column"),
    "sidebar-closing-row": ROOT / "tests" / "data" / "sheet-jordan-sidebar.yaml",  # Arabic
    "es": _sheet("es"),
    "pt": _sheet("pt"),
}


def failures(path: Path) -> list[str]:
    """Every rule that ``path`` fails, as 'profile RULE: message'."""
    found = []
    for profile in PROFILES:
        report = page.validate_pdf(path, profile=profile)
        assert report.rules.total > 100, "the validator ran its rules"
        found += [f"{profile} {f.rule_id}: {f.message}" for f in report.failures]
    return found


def unembedded(path: Path) -> list[str]:
    """Fonts named in a page's resources without a font file: a validator passes them when
    nothing draws with them, but a printer or a reader may still look for them."""
    with pikepdf.open(path) as document:
        return [
            str(font.BaseFont)
            for sheet in document.pages
            for font in sheet.Resources.get("/Font", {}).values()
            if "/FontFile2" not in font.get("/FontDescriptor", {})
        ]


@pytest.fixture(scope="module")
def book_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A book of the sample and the French example, built through the command line."""
    out = tmp_path_factory.mktemp("book") / "book.pdf"
    result = run("book", SAMPLE, FRENCH, "-o", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.parametrize("case", CASES)
def test_every_default_build_is_pdf_ua_1_and_pdf_a_2a(case: str, tmp_path: Path) -> None:
    content = CASES[case]
    data, _ = render(run_checks(content))
    path = tmp_path / f"{case}.pdf"
    path.write_bytes(data)
    assert failures(path) == []
    assert unembedded(path) == []  # drawings (the SVG logo, the QR code) added Helvetica


def test_a_raster_logo_with_transparency_conforms(tmp_path: Path) -> None:
    Image.new("RGBA", (40, 20), (20, 60, 120, 128)).save(tmp_path / "logo.png")
    tree = {**_sheet("en"), "logo": {"file": "logo.png", "alt": "A blue bar"}}
    (tmp_path / "content.yaml").write_text(yaml.safe_dump(tree), encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
    assert failures(tmp_path / "content.pdf") == []


def test_a_book_conforms(book_pdf: Path) -> None:
    assert failures(book_pdf) == []
    assert unembedded(book_pdf) == []


def test_the_validator_catches_what_the_tests_rely_on(sample_pdf: Path, tmp_path: Path) -> None:
    """Zero failures means something: a file missing its language or output intent fails."""
    with pikepdf.open(sample_pdf) as document:
        del document.Root.Lang
        del document.Root.OutputIntents
        document.save(tmp_path / "broken.pdf")
    broken = failures(tmp_path / "broken.pdf")
    assert any(f.startswith("ua1 ") and "Lang" in f for f in broken), broken
    assert any(f.startswith("2a ") and "DEVICE-RGB" in f for f in broken), broken


def test_each_book_part_has_its_sheets_language(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as document:
        assert str(document.Root.Lang) == "en-US"
        parts = _kids(document.Root.StructTreeRoot.K)
        assert [(str(p.S), str(p.Lang)) for p in parts] == [
            ("/Part", "en-US"),  # cover
            ("/Part", "en-US"),  # contents
            ("/Part", "en-US"),  # the sample
            ("/Part", "fr-FR"),  # the French sheet
        ]
        french = {str(a.Contents) for a in document.pages[3].Annots}
    assert "Écrire à contact@example.org" in french
    assert all(d.startswith(("Lien vers https://", "Écrire à ")) for d in french), french


def test_book_contents_entries_are_described_by_title_and_page(book_pdf: Path) -> None:
    with pikepdf.open(book_pdf) as document:
        entries = [(str(a.Contents), a.Dest) for a in document.pages[1].Annots]
        pages = [document.pages[index].obj.objgen for index in (2, 3)]
        assert {(text, dest[0].objgen) for text, dest in entries} == {
            ("Niger: INL Program Overview, page 3", pages[0]),
            ("Niger: Programmes de l’INL, page 4", pages[1]),
        }
        assert all(int(a.F) == 4 for p in document.pages for a in p.get("/Annots", []))


def test_link_descriptions_are_in_the_sheets_language() -> None:
    data, _ = render(run_checks(_sheet("es")))
    with pikepdf.open(io.BytesIO(data)) as document:
        contents = {str(a.Contents) for a in document.pages[0].Annots}
    assert {"Enlace a https://www.state.gov/inl", "Escribir a contact@example.org"} <= contents
    assert all(c.startswith(("Enlace a ", "Escribir a ")) for c in contents), contents


def test_the_qr_codes_alt_text_is_in_the_sheets_language() -> None:
    with pikepdf.open(io.BytesIO(render(run_checks(FRENCH))[0])) as document:
        elements, alts = [document.Root.StructTreeRoot.K], []
        while elements:
            element = elements.pop()
            alts += [str(element.Alt)] if element.get("/S") == "/Figure" else []
            elements += [
                k for k in _kids(element) if isinstance(k, pikepdf.Dictionary) and "/S" in k
            ]
    online = yaml.safe_load(FRENCH.read_text(encoding="utf-8"))["online"]
    assert f"Code QR menant à {online}" in alts


class _Linked(Flowable):
    """Text with a link that wraps onto a second line: its first part drawn inside a text
    object, its second and third around text objects of their own, one after the other."""

    def __init__(self, font: str) -> None:
        super().__init__()
        self.font, self.width, self.height = font, 180, 30

    def draw(self) -> None:
        canvas, uri = self.canv, "https://example.org/a"
        line = canvas.beginText(0, 18)
        line.setFont(self.font, 10)
        line.textOut("Read the ")
        with canvas.link(uri, (40, 15, 90, 28), "site"):
            line.textOut("linked")
        canvas.drawText(line)
        for x, word in ((0, "site"), (20, " here")):
            with canvas.link(uri, (x, 0, x + 20, 12), "site"):
                part = canvas.beginText(x, 4)
                part.setFont(self.font, 10)
                part.textOut(word)
                canvas.drawText(part)
        rest = canvas.beginText(42, 4)
        rest.setFont(self.font, 10)
        rest.textOut(" today.")
        canvas.drawText(rest)


class _Entry(_Linked):
    """A contents entry: nothing but a link to a page."""

    def draw(self) -> None:
        with self.canv.link("#page-1", (0, 0, 40, 12), "entry"):
            text = self.canv.beginText(0, 4)
            text.setFont(self.font, 10)
            text.textOut("Links")
            self.canv.drawText(text)


def test_a_link_element_holds_its_text_and_its_annotations(tmp_path: Path) -> None:
    font = register("Noto Sans", italic=False).regular
    items = [
        Placed(_Linked(font), 10, 40, 180, 30, "P", 1),
        Placed(_Entry(font), 10, 10, 180, 20, "P", 2),
    ]
    sheet = Page(200, 100, 1.0, 1.0, 10, font, [], items)
    meta = pdf.Metadata("Links", "Test", "Links", (), "fr", "briefing test")
    path = tmp_path / "links.pdf"
    path.write_bytes(pdf.render([sheet], meta, [("Links", 0)]))
    with pikepdf.open(path) as document:
        paragraph, entry = _kids(document.Root.StructTreeRoot.K)
        before, entry_link, after = _kids(entry)  # the flowable's q cm ... Q are its own
        assert (before, after) == (6, 8)
        assert _kids(entry_link)[0] == 7 and _kids(entry_link)[1].Type == "/OBJR"
        *annotations, to_page = document.pages[0].Annots
        assert str(to_page.Contents) == "Links, page 1"
        assert to_page.Dest[0].objgen == document.pages[0].obj.objgen
        kids = _kids(paragraph)
        assert [k if isinstance(k, int) else str(k.S) for k in kids] == [0, "/Link", 2, 5]
        link = kids[1]
        objrs = [k for k in _kids(link) if isinstance(k, pikepdf.Dictionary)]
        assert [k for k in _kids(link) if isinstance(k, int)] == [1, 3, 4]
        assert [o.Obj.objgen for o in objrs] == [a.objgen for a in annotations]
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        parents = dict(zip(nums[::2], nums[1::2], strict=True))
        for annotation in annotations:
            assert parents[int(annotation.StructParent)].objgen == link.objgen
            assert str(annotation.Contents) == "Lien vers https://example.org/a"
            assert int(annotation.F) == 4
        assert [float(v) for v in annotations[1].Rect] == [10, 40, 30, 52]  # user space
    with pdfplumber.open(path) as document:
        chars = document.pages[0].chars
    text = {m: "".join(c["text"] for c in chars if c["mcid"] == m) for m in range(9)}
    assert text == {
        0: "Read the ",
        1: "linked",
        2: "",
        3: "site",
        4: " here",
        5: " today.",
        6: "",
        7: "Links",
        8: "",
    }
    assert {c["tag"] for c in chars if c["mcid"] in (1, 3, 4, 7)} == {"Link"}
    assert failures(path) == []


def test_link_is_drawn_inside_an_element_only() -> None:
    canvas = pdf._TaggedCanvas(io.BytesIO())
    outside = canvas.link("#page-1", (0, 0, 1, 1), 1)
    with pytest.raises(RuntimeError, match="inside element"), outside:
        pass


def test_reportlab_is_left_as_it_was_after_a_render(sample_pdf: Path) -> None:
    """The PDF/A stream syntax and ToUnicode maps apply to briefing's documents only."""
    saved = pdfdoc.PDFStream.format, ttfonts.makeToUnicodeCMap, rl_config.useA85
    data, _ = render(run_checks(SAMPLE))
    assert (pdfdoc.PDFStream.format, ttfonts.makeToUnicodeCMap, rl_config.useA85) == saved
    assert data.count(b"endstream") == data.count(b"\r\nendstream\n")
    document = pdf._TaggedCanvas(io.BytesIO())._doc  # data ending in CR keeps it, in its Length
    stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary(), b"data\r", None)
    document.Reference(stream)
    assert stream.format(document).endswith(b"/Length 5\n>>\nstream\ndata\r\r\nendstream\n")
    with pikepdf.open(sample_pdf) as document:
        for font in document.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes().decode()
            assert "<0000>" not in cmap
            assert all(int(b.split()[0]) <= 100 for b in cmap.split("\n") if "beginbfchar" in b)


_FRESH = """
import sys
from briefing.pipeline import render, run_checks
sys.stdout.buffer.write(render(run_checks(sys.argv[1]))[0])
"""


def test_renders_from_four_threads_at_once_leave_later_pdfs_as_a_fresh_process_makes_them(
    tmp_path: Path,
) -> None:
    """The documented API from threads: every PDF right, and none changes a later one."""
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    sheets = [
        SAMPLE,
        FRENCH,
        ROOT / "examples" / "niger-ar.yaml",
        ROOT / "tests/data/sheet-zh.yaml",
    ]
    with ThreadPoolExecutor(4) as pool:
        made = list(pool.map(lambda sheet: render(run_checks(sheet))[0], sheets * 2))
    assert made[:4] == made[4:]
    later = render(run_checks(FRENCH))[0]
    fresh = subprocess.run(
        [sys.executable, "-c", _FRESH, str(FRENCH)], capture_output=True, check=True, cwd=ROOT
    ).stdout
    assert later == fresh == made[1]
    path = tmp_path / "later.pdf"
    path.write_bytes(later)
    assert failures(path) == []


@pytest.mark.parametrize("multiline", [0, 1])
def test_objects_written_as_bytes_are_as_reportlab_formats_them(
    multiline: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The structure tree's objects, written straight to bytes, are ReportLab's byte for byte."""
    monkeypatch.setattr(rl_config, "pdfMultiLine", multiline)
    document = pdfdoc.PDFDocument()
    refs = [document.Reference(pdfdoc.PDFDictionary({"N": n})) for n in range(3)]
    values: list[Any] = [7, 0.5, round(123.456789, 2), -3, *refs, pdfdoc.PDFName("Layout")]
    for count in (0, 1, 6, 7, 12, 13, 25):
        sequence = [values[k % len(values)] for k in range(count)]
        expected = pdfdoc.PDFArray(sequence).format(document)
        assert objects.array([pdfdoc.format(v, document) for v in sequence]) == expected
        keys = [f"K{k:02d}" if k % 3 else f"A{k}" for k in reversed(range(count))]
        entries = dict(zip(keys, sequence, strict=True))
        expected = pdfdoc.PDFDictionary(entries).format(document)
        formatted = {key: pdfdoc.format(value, document) for key, value in entries.items()}
        assert objects.dictionary(formatted) == expected
    assert objects.reference(document, refs[2]) == refs[2].format(document)
    assert objects.name("H#1 x") == pdfdoc.format(pdfdoc.PDFName("H#1 x"), document)
    assert [objects.number(v) for v in (0.25, 3, 1e-7)] == [b".25", b"3", b"0"]
    assert objects.Formatted(b"<< >>").format(document) == b"<< >>"
