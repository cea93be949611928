"""Text is text: what the writer typed prints exactly, and only Markdown formats it."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pikepdf
import yaml
from pypdf import PdfReader

from briefing import build

from ..conftest import MINIMAL, run, write

HOSTILE = [
    "AT&T",
    "<1%",
    "5 > 3",
    "&amp;",
    '<img src="/etc/passwd"/>',
    "<font size=40>big</font>",
    '<a href="javascript:alert(1)">click</a>',
    "&#169;",
    "<b>not bold</b>",
]


def _text(pdf: Path) -> str:
    return PdfReader(pdf).pages[0].extract_text()


def test_markup_characters_print_exactly_as_typed(tmp_path: Path) -> None:
    lead = " ".join(f"'{item}'" for item in HOSTILE)
    write(tmp_path / "content.yaml", MINIMAL + yaml.safe_dump({"lead": lead}, width=1000))
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "content.pdf"
    text = " ".join(_text(pdf).split())
    for item in HOSTILE:
        assert f"'{item}'" in text, item
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        title = max(round(c["size"], 1) for c in page.chars)  # grown: the page is short
        assert "".join(c["text"] for c in page.chars if round(c["size"], 1) == title) == "Testland"
        assert all(c["size"] < 40 for c in page.chars if round(c["size"], 1) != title)
        words = page.extract_words(extra_attrs=["fontname"])
        assert not page.images
    not_bold = [w for w in words if w["text"].startswith("bold</b>")]
    assert not_bold and not_bold[0]["fontname"].endswith("NotoSans-Regular")
    with pikepdf.open(pdf) as doc:
        annotations = doc.pages[0].get("/Annots", [])
        assert len(annotations) == 0


def test_markdown_bold_italic_links_and_lists(tmp_path: Path) -> None:
    body = (
        "|\n      Plain, **strong words** and *slanted words* with a "
        "[link](https://www.state.gov/inl) and [mail](mailto:inl@state.gov).\n\n"
        "      - first bullet\n      - second bullet\n\n      1. first step\n      2. second step\n"
    )
    content = MINIMAL.replace("A short paragraph about Testland.", body)
    write(tmp_path / "content.yaml", content)
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "content.pdf"
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words(extra_attrs=["fontname"])
    font = {w["text"]: w["fontname"] for w in words}
    assert font["strong"].endswith("NotoSans-Bold")
    assert font["slanted"].endswith("NotoSans-Italic")
    assert font["Plain,"].endswith("NotoSans-Regular")
    text = " ".join(_text(pdf).split())
    assert "• first bullet" in text and "• second bullet" in text
    assert "1. first step" in text and "2. second step" in text
    assert "**" not in text and "[link]" not in text
    with pikepdf.open(pdf) as doc:
        uris = [str(a.A.URI) for a in doc.pages[0].Annots]
    assert uris == ["https://www.state.gov/inl", "mailto:inl@state.gov"]


def test_accents_curly_quotes_and_hausa_letters(tmp_path: Path) -> None:
    words = "Niamey “quoted” ‘single’ – — … é è ç à œ Œ ɓ ɗ ƙ ƴ Ɓ Ɗ Ƙ Ƴ Ɗan Ƙasa"
    write(tmp_path / "content.yaml", MINIMAL + f'lead: "{words}"\n')
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert words in " ".join(_text(tmp_path / "content.pdf").split())


def test_javascript_link_in_markdown_is_not_a_link(tmp_path: Path) -> None:
    write(tmp_path / "content.yaml", MINIMAL + "lead: 'A [trap](javascript:alert(1)) here'\n")
    assert run("build", cwd=tmp_path).returncode == 0
    assert "A [trap](javascript:alert(1)) here" in _text(tmp_path / "content.pdf")
    with pikepdf.open(tmp_path / "content.pdf") as doc:
        assert "/Annots" not in doc.pages[0]


def test_python_api_takes_a_dict(tmp_path: Path) -> None:
    content = {
        "organization": "Office",
        "title": "Dictland",
        "sections": [{"heading": "One", "body": "Text with AT&T."}],
    }
    result = build(content, tmp_path / "dict.pdf")
    assert result.pages == 1 and result.output == tmp_path / "dict.pdf"
    assert "Text with AT&T." in _text(result.output)


def test_each_family_s_faces_cover_the_same_characters() -> None:
    from reportlab.pdfbase import pdfmetrics

    from briefing.fonts import FAMILIES, register
    from briefing.text.shaping import FIRST_SPECIAL

    for family in FAMILIES:
        faces = register(family)
        covered = [  # the characters of the font (not the codes shaping adds: ligatures)
            {c for c in pdfmetrics.getFont(name).face.charToGlyph if c < FIRST_SPECIAL}
            for name in (faces.regular, faces.bold, faces.italic, faces.bold_italic)
        ]
        assert all(c == covered[0] for c in covered), family
        for char in "AÀĀǍɓɗƙƴƁƊƘƳ€“”–—…•ΑΩАЯ":
            assert ord(char) in covered[0], (family, char)
