"""House styles (``style:``) and books of sets: merge rules, located errors, tools, paper."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from briefing import ContentError, UsageError
from briefing.commands.book import build_book
from briefing.content.model import STYLE_FIELDS
from briefing.pipeline import run_checks

from ..conftest import MINIMAL, ROOT, run, write
from ..pdf.test_conformance import failures, unembedded

HOUSE = """\
organization: House Office
office: Bureau of Style
footer: House Office · Programs
logo:
  file: seal.png
  alt: A blue square
design:
  primary: "#203A5C"
  font: Noto Serif
  margins: 0.6in
marking: UNCLASSIFIED
"""

SHEET = """\
style: styles/house.yaml
title: Alpha
office: Alpha Office
design:
  layout: sidebar
sections:
  - heading: Overview
    body: A short paragraph about Alpha.
"""

LETTER, A4 = (612.0, 792.0), (595.28, 841.89)


@pytest.fixture
def styled(tmp_path: Path) -> Path:
    """A sheet naming ``styles/house.yaml``, whose logo is beside the style file."""
    (tmp_path / "styles").mkdir()
    Image.new("RGB", (40, 40), "#112E51").save(tmp_path / "styles" / "seal.png")
    write(tmp_path / "styles" / "house.yaml", HOUSE)
    return write(tmp_path / "alpha.yaml", SHEET)


def test_the_sheet_wins_design_merges_field_by_field_and_paths_follow_the_style(
    styled: Path,
) -> None:
    prepared = run_checks(styled)
    content = prepared.content
    assert content.organization == "House Office"  # from the style
    assert content.office == "Alpha Office"  # the sheet's own wins
    assert content.marking == "UNCLASSIFIED" and content.footer == "House Office · Programs"
    design = content.design
    assert design.layout == "sidebar"  # the sheet's
    assert (design.primary, design.font) == ("#203A5C", "Noto Serif")
    assert design.margins == pytest.approx(43.2)
    assert prepared.theme.primary == "#203A5C" and prepared.theme.family == "Noto Serif"
    assert prepared.logo is not None  # styles/seal.png: relative to the style file
    own = styled.read_text(encoding="utf-8") + "logo:\n  file: styles/seal.png\n  alt: Own\n"
    styled.write_text(own, encoding="utf-8")
    assert run_checks(styled).content.logo.alt == "Own"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("replace", "error"),
    [
        (('"#203A5C"', "blue"), "8:12: error: found text 'blue'; expected a colour"),
        (("seal.png", "gone.png"), "5:9: error: the image 'gone.png' was not found (looked for"),
        (("House Office", "House ☃"), "1:21: error: the character '☃'"),
        (("Noto Serif", "Comic"), "9:9: error: found text 'Comic'; expected one of"),
        (("office", "ofice"), "2:1: error: unknown key 'ofice' in a style file; expected 'office'"),
        (("marking: U", "style: other.yaml\nmarking: U"), "11:1: error: a style file names"),
        (("UNCLASSIFIED", "[UNCLASSIFIED"), "11:10: error: text starting with '['"),
    ],
)
def test_errors_in_the_style_are_located_in_it_and_keep_the_last_pdf(
    styled: Path, replace: tuple[str, str], error: str
) -> None:
    assert run("build", styled, cwd=styled.parent).returncode == 0
    pdf = styled.with_suffix(".pdf")
    before = pdf.read_bytes()
    house = styled.parent / "styles" / "house.yaml"
    house.write_text(HOUSE.replace(*replace), encoding="utf-8")
    result = run("build", "alpha.yaml", cwd=styled.parent)
    assert result.returncode == 2
    assert f"styles/house.yaml:{error}" in result.stderr, result.stderr
    assert "alpha.yaml" not in result.stderr  # nothing blamed on the sheet
    assert pdf.read_bytes() == before
    checked = run("check", "styles/house.yaml", cwd=styled.parent)
    assert checked.returncode == 2 and f"styles/house.yaml:{error}" in checked.stderr


def test_a_style_that_is_not_there_is_located_at_the_sheets_style_key(styled: Path) -> None:
    styled.write_text(SHEET.replace("styles/house.yaml", "house.yaml"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        run_checks(styled)
    assert str(caught.value).startswith(f"{styled}:1:8: error: the style file ")


def test_a_dict_may_name_a_style_and_its_problems_are_located_in_the_style(
    styled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(styled.parent)
    sheet = {"style": "styles/house.yaml", "title": "T", "sections": [{"heading": "H"}]}
    assert run_checks(sheet).content.organization == "House Office"
    house = styled.parent / "styles" / "house.yaml"
    house.write_text(HOUSE.replace("0.6in", "9in"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        run_checks(sheet)
    assert [str(p.location) for p in caught.value.problems] == [f"{house}:10:12"]


def test_check_validates_a_style_alone_and_a_folder_build_skips_it(styled: Path) -> None:
    folder = styled.parent / "styles"
    (folder / "beta.yaml").write_text(SHEET.replace("styles/", ""), encoding="utf-8")
    result = run("check", "styles/house.yaml", cwd=styled.parent)
    assert result.returncode == 0 and "styles/house.yaml: ok (a style file)" in result.stdout
    built = run("build", "styles", cwd=styled.parent)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("wrote styles/beta.pdf (1 page")  # one file: not two
    assert not (folder / "house.pdf").exists()
    alone = run("build", "styles/house.yaml", cwd=styled.parent)
    assert alone.returncode == 2
    assert alone.stderr.startswith("styles/house.yaml:1:1: error: this is a style file")


def test_a_style_given_a_title_is_checked_as_the_style_its_sheets_name(styled: Path) -> None:
    folder = styled.parent / "styles"
    (folder / "beta.yaml").write_text(SHEET.replace("styles/", ""), encoding="utf-8")
    write(folder / "house.yaml", "title: House\n" + HOUSE)
    result = run("check", "styles/house.yaml", cwd=styled.parent)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.splitlines() == [
        "styles/house.yaml:1:1: error: 'title' is a field of each sheet, not one a style file "
        "shares; expected 'title:' in the sheets; here only the sheet-wide fields: organization, "
        "office, contacts, online, marking, logo, footer, language, paper, design"
    ]
    built = run("build", "styles", cwd=styled.parent)  # the style is still not built
    assert built.returncode == 2 and built.stderr.startswith(
        "styles/house.yaml:1:1: error: 'title'"
    )
    assert not (folder / "house.pdf").exists()


def test_new_writes_a_sheet_using_the_style(styled: Path) -> None:
    result = run("new", "gamma", "--style", "styles/house.yaml", cwd=styled.parent)
    assert result.returncode == 0, result.stderr
    text = (styled.parent / "gamma.yaml").read_text(encoding="utf-8")
    assert '\nstyle: "styles/house.yaml"\n\ntitle: Gamma ' in text  # first, above the title
    keys = {line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()}
    assert not keys & {"organization", "office", "footer"}  # the style sets them
    built = run("build", "gamma.yaml", cwd=styled.parent)
    assert built.returncode == 0, built.stderr
    assert "House Office" in PdfReader(styled.parent / "gamma.pdf").pages[0].extract_text()
    broken = run("new", "delta", "--style", "alpha.yaml", cwd=styled.parent)
    assert broken.returncode == 2 and not (styled.parent / "delta.yaml").exists()


def test_the_style_schema_is_the_contents_own_fields_all_optional() -> None:
    style = json.loads(run("schema", "--style", cwd=ROOT).stdout)
    content = json.loads(run("schema", cwd=ROOT).stdout)
    committed = (ROOT / "docs" / "style.schema.json").read_text(encoding="utf-8")
    assert json.loads(committed) == style
    assert list(style["properties"]) == [f for f in content["properties"] if f in STYLE_FIELDS]
    assert set(STYLE_FIELDS) == set(style["properties"]) and style["required"] == []
    for name, declared in style["properties"].items():
        assert declared == content["properties"][name]
    assert "style" in content["properties"]


def test_the_example_set_checks_and_builds_without_its_style(tmp_path: Path) -> None:
    folder = ROOT / "examples" / "house-style"
    result = run("check", folder, folder / "house.yaml", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok") == 4 and "house.yaml: ok (a style file)" in result.stdout
    book = tmp_path / "set.pdf"
    made = run("book", folder, "-o", book, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    assert "ghana.yaml: its A4 page laid out again on Letter" in made.stdout
    assert len(PdfReader(book).pages) == 5
    assert failures(book) == [] and unembedded(book) == []  # the logo on the cover too


def test_watch_follows_the_style_file(styled: Path) -> None:
    pdf = styled.with_suffix(".pdf")
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", "alpha.yaml"],
        cwd=styled.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not pdf.exists():
            assert time.monotonic() < deadline
            time.sleep(0.02)
        before = pdf.read_bytes()
        house = styled.parent / "styles" / "house.yaml"
        house.write_text(HOUSE.replace("House Office", "Renamed Office"), encoding="utf-8")
        while "Renamed Office" not in PdfReader(pdf).pages[0].extract_text():
            assert time.monotonic() < deadline + 20
            time.sleep(0.05)
        Image.new("RGB", (80, 40), "#A31F34").save(styled.parent / "styles" / "seal.png")
        changed = pdf.read_bytes()
        while pdf.read_bytes() == changed:
            assert time.monotonic() < deadline + 40
            time.sleep(0.05)
        assert pdf.read_bytes() != before
    finally:
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=20) == 0


# -- books -------------------------------------------------------------------------------


def _sheets(folder: Path) -> list[Path]:
    """Three sheets: Zulu (A4, a marking), Alpha (Letter), Mike (A4), named in that order."""
    folder.mkdir()
    zulu = "paper: a4\nmarking: UNCLASSIFIED\ndate: 2021-04-05\n"
    return [
        write(folder / "1.yaml", MINIMAL.replace("Testland", "Zulu") + zulu),
        write(folder / "2.yaml", MINIMAL.replace("Testland", "Alpha") + "date: 2022-01-02\n"),
        write(folder / "3.yaml", MINIMAL.replace("Testland", "Mike") + "paper: a4\n"),
    ]


def _sizes(path: Path) -> list[tuple[float, float]]:
    pages = PdfReader(path).pages
    return [(round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) for p in pages]


def test_a_book_has_one_paper_size_the_first_sheets_or_the_one_asked_for(tmp_path: Path) -> None:
    _sheets(tmp_path / "set")
    result = run("book", "set", "-o", "book.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert _sizes(tmp_path / "book.pdf") == [A4] * 5  # the first sheet's, in name order
    assert "set/2.yaml: its Letter page laid out again on A4" in result.stdout
    assert "1.yaml" not in result.stdout and "3.yaml" not in result.stdout
    result = run("book", "set", "-o", "letter.pdf", "--paper", "letter", cwd=tmp_path)
    assert _sizes(tmp_path / "letter.pdf") == [LETTER] * 5
    assert build_book([tmp_path / "set" / "2.yaml"], tmp_path / "a4.pdf", paper="A4").paper == "a4"
    with pytest.raises(UsageError):
        build_book([tmp_path / "set" / "2.yaml"], tmp_path / "legal.pdf", paper="legal")
    relaid = [line.split(":")[0] for line in result.stdout.splitlines()[:-1]]
    assert relaid == ["set/1.yaml", "set/3.yaml"]
    # laid out anew, not scaled: the A4 sheet's text spans a Letter page's width
    with pdfplumber.open(tmp_path / "letter.pdf") as document:
        page = document.pages[2]
        assert "Zulu" in page.extract_text()
        assert max(char["x1"] for char in page.chars) > LETTER[0] - 60


def test_the_cover_title_date_and_order(tmp_path: Path) -> None:
    _sheets(tmp_path / "set")
    result = run("book", "set", "-o", "book.pdf", "--order", "title", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "book.pdf")
    cover = reader.pages[0].extract_text()
    assert "Briefing Book" in cover and "3 briefings · Updated January 2, 2022" in cover
    assert cover.count("TEST OFFICE") == 1  # the organization, once, in the band
    assert [o.title for o in reader.outline if not isinstance(o, list)][1:] == [
        "Alpha",
        "Mike",
        "Zulu",
    ]
    french = write(tmp_path / "fr.yaml", MINIMAL + "language: fr\n")
    env = {"SOURCE_DATE_EPOCH": "1700000000"}  # 2023-11-14: no sheet has a date
    made = run("book", french, "-o", "fr.pdf", cwd=tmp_path, env=env)
    assert made.returncode == 0, made.stderr
    cover = PdfReader(tmp_path / "fr.pdf").pages[0].extract_text()
    assert "Dossier d’information" in cover and "1 fiche · Mis à jour le 14 novembre 2023" in cover


def test_contents_entries_are_links_not_underlined_with_dot_leaders(tmp_path: Path) -> None:
    _sheets(tmp_path / "set")
    assert run("book", "set", "-o", "book.pdf", cwd=tmp_path).returncode == 0
    with pdfplumber.open(tmp_path / "book.pdf") as document:
        contents = document.pages[1]
        lines = [line for line in contents.extract_text().splitlines() if ". . . . ." in line]
        numbers = [w for w in contents.extract_words() if w["text"] in ("3", "4", "5")]
        entries = [w for w in contents.extract_words() if w["text"] in ("Zulu", "Alpha", "Mike")]
        below = [
            d
            for d in contents.lines + contents.rects
            if entries[0]["top"] - 4 < d["top"] < max(w["bottom"] for w in entries) + 4
        ]
    assert [line.split()[0] for line in lines] == ["Zulu", "Alpha", "Mike"]
    assert len({round(w["x1"], 1) for w in numbers}) == 1  # right-aligned page numbers
    assert len(numbers) == 3
    assert below == []  # nothing drawn under the entries
    with pikepdf.open(tmp_path / "book.pdf") as document:
        annotations = document.pages[1].Annots
        assert len(annotations) == 6 and all("/StructParent" in a for a in annotations)


def test_page_numbers_end_the_footer_line_clear_of_the_edge_and_the_marking(
    tmp_path: Path,
) -> None:
    """Each sheet's page number is on its footer's line, at its end, after the date: half an
    inch or more from the paper's edges and above the marking banner."""
    _sheets(tmp_path / "set")
    assert run("book", "set", "-o", "book.pdf", cwd=tmp_path).returncode == 0
    with pdfplumber.open(tmp_path / "book.pdf") as document:
        for index, page in enumerate(document.pages[2:], start=3):
            chars = [c for c in page.chars if c["text"] == str(index) and c["top"] > 700]
            assert len(chars) == 1, index
            number = chars[0]
            assert page.height - number["bottom"] >= 36 and page.width - number["x1"] >= 36
            marking = [c for c in page.chars if c["text"] == "U" and c["top"] > number["top"]]
            if index == 3:  # Zulu has a marking banner: the number stays well above it
                assert marking and min(c["top"] for c in marking) - number["bottom"] >= 6
            line = [c for c in page.chars if abs(c["bottom"] - number["bottom"]) < 0.5]
            before = [c for c in line if c["x1"] < number["x0"]]
            assert before and number["x0"] - max(c["x1"] for c in before) >= 12  # after the date
            rule = [d for d in page.lines if d["width"] > 300 and d["top"] < number["top"]]
            assert number["x1"] == pytest.approx(max(d["x1"] for d in rule), abs=0.5)


def test_a_long_contents_entry_wraps_its_leader_and_number_on_its_last_line(
    tmp_path: Path,
) -> None:
    subtitle = "Criminal Justice, Counternarcotics and Anti-Corruption Assistance in the Eastern"
    subtitle += " Provinces and the Great Lakes Region"
    write(tmp_path / "a.yaml", MINIMAL + f"subtitle: {subtitle}\n")
    assert run("book", "a.yaml", "-o", "book.pdf", cwd=tmp_path).returncode == 0
    with pdfplumber.open(tmp_path / "book.pdf") as document:
        words = document.pages[1].extract_words()
    number = next(w for w in words if w["text"] == "3")
    listed = [w for w in words if 120 < w["top"] < 700]  # under the band, over the footer
    rows = sorted({round(w["top"]) for w in listed if w["text"] not in ("Contents", ".", "3")})
    assert len(rows) == 2 and abs(number["top"] - rows[-1]) < 1.5  # beside the last line
    dots = [w for w in words if w["text"] == "."]
    assert dots and all(abs(d["top"] - number["top"]) < 1.5 for d in dots)
