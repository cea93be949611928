"""The briefing book as a publication: its cover, its contents pages and its sheets share one
frame and one design, read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from briefing.commands.book import _highest
from briefing.content.fields import Text

from ..conftest import MINIMAL, run
from ..quality import footer_rule

NAVY = (0.066667, 0.180392, 0.317647)  # the default primary colour, #112E51, as drawn


def _sheet(folder: Path, name: str, extra: str = "", body: str = "Words.") -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(
        f"organization: Test Office\ntitle: {name}\nsubtitle: Program overview\n"
        f"date: 2024-01-02\nsections:\n  - heading: Overview\n    body: {body}\n{extra}",
        encoding="utf-8",
    )
    return path


def _book(tmp_path: Path, *sheets: Path, paper: str = "letter") -> Path:
    book = tmp_path / "book.pdf"
    result = run("book", *sheets, "-o", book, "--paper", paper, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return book


@pytest.mark.parametrize(
    ("markings", "highest"),
    [
        (["UNCLASSIFIED", None, "SECRET", "CONFIDENTIAL"], "SECRET"),
        (["UNCLASSIFIED", "SENSITIVE BUT UNCLASSIFIED"], "SENSITIVE BUT UNCLASSIFIED"),
        (["NON CLASSIFIÉ", "UNCLASSIFIED"], "NON CLASSIFIÉ"),  # as high: the first
        (["UNCLASSIFIED", "DRAFT"], "DRAFT"),  # unknown words rank over unclassified
        (["Diffusion restreinte", "DRAFT"], "Diffusion restreinte"),
        (["TOP SECRET", "SECRET"], "TOP SECRET"),
        ([None, None], None),
    ],
)
def test_the_highest_marking_of_the_sheets(markings: list[str | None], highest: str | None) -> None:
    assert _highest([Text(m) if m else None for m in markings]) == highest


def test_the_cover_and_contents_carry_the_highest_marking_and_the_sheets_frame(
    tmp_path: Path,
) -> None:
    """A book of an unmarked, an UNCLASSIFIED and a CONFIDENTIAL sheet: its cover and contents
    page carry CONFIDENTIAL in banners at the top and the foot, and the contents page has the
    band and the footer (its text, the latest date, its page number) where the sheets have
    them."""
    sheets = [
        _sheet(tmp_path, "Alpha"),
        _sheet(tmp_path, "Beta", "marking: UNCLASSIFIED\n"),
        _sheet(tmp_path, "Gamma", "marking: CONFIDENTIAL\n"),
    ]
    with pdfplumber.open(_book(tmp_path, *sheets)) as pdf:
        cover, contents, _, _, marked = pdf.pages
        for page in (cover, contents):
            lines = page.extract_text_lines()
            banners = [line for line in lines if line["text"] == "CONFIDENTIAL"]
            assert [round(b["top"] / page.height, 1) for b in banners] == [0.0, 1.0]
        bands = [
            [(r["x0"], r["top"], r["bottom"], r["non_stroking_color"]) for r in page.rects[:2]]
            for page in (contents, marked)
        ]
        assert bands[0] == bands[1] and bands[0][0][3] == NAVY
        heads = [
            [(w["text"], w["x0"], w["top"]) for w in p.extract_words() if w["top"] < 80]
            for p in (contents, marked)
        ]
        assert heads[0] == heads[1]  # the marking and the band's organization, alike
        sheet_foot = [w for w in marked.extract_words() if w["top"] > footer_rule(marked)]
        foot = [w for w in contents.extract_words() if w["top"] > footer_rule(contents)]
        foot, sheet_foot = foot[:-1], sheet_foot[:-1]  # the bottom banner aside
        assert " ".join(w["text"] for w in foot[:-1]) == "Test Office Updated January 2, 2024"
        assert foot[-1]["text"] == "2" and sheet_foot[-1]["text"] == "5"
        assert footer_rule(contents) == footer_rule(marked)
        assert {round(w["bottom"], 1) for w in foot} == {round(w["bottom"], 1) for w in sheet_foot}
        assert foot[-1]["x1"] == pytest.approx(sheet_foot[-1]["x1"], abs=0.01)


@pytest.mark.parametrize(
    ("count", "paper"), [(1, "letter"), (4, "a4"), (12, "letter"), (45, "a4"), (150, "letter")]
)
def test_the_cover_is_composed_over_the_whole_page(tmp_path: Path, count: int, paper: str) -> None:
    """The cover has ink from the top to the footer: its panel of the band's colour holds the
    title, and under it the sheets are listed, each title on the cover (of 150, as many as
    fit, and an ellipsis), the list ending at most 6% of the page above the footer."""
    sheets = [_sheet(tmp_path, f"Land{n:02}") for n in range(1, count + 1)]
    with pdfplumber.open(_book(tmp_path, *sheets, paper=paper)) as pdf:
        cover = pdf.pages[0]
        panel = max(cover.rects, key=lambda r: r["height"])
        assert panel["non_stroking_color"] == NAVY
        assert 0.42 <= panel["bottom"] / cover.height <= 0.62 + 0.01
        words = cover.extract_words()
        title = [w for w in words if w["text"] == "Briefing"]
        assert panel["bottom"] - 60 < title[0]["bottom"] < panel["bottom"]
        listed = [w["text"] for w in words if w["text"].startswith("Land")]
        names = [f"Land{n:02}" for n in range(1, count + 1)]
        if count < 150:
            assert listed == names
        else:
            assert listed == names[: len(listed)] and 40 < len(listed) < 150
            assert [w for w in words if w["bottom"] < footer_rule(cover)][-1]["text"] == "…"
        rule = footer_rule(cover)
        lowest = max(
            w["bottom"] for w in words if w["bottom"] < rule and w["top"] > panel["bottom"]
        )
        assert (rule - lowest) / cover.height <= 0.06, (rule - lowest) / cover.height


def test_one_design_runs_through_the_book(tmp_path: Path) -> None:
    """A serif sheet in a book whose other sheets are sans is set in sans, its colours the
    book's; two serif sheets make the book serif, cover, contents and the sans sheet too."""
    serif = "design:\n  font: Noto Serif\n  primary: '#1B3A2F'\n"
    sans = [_sheet(tmp_path, "Alpha"), _sheet(tmp_path, "Beta")]
    odd = _sheet(tmp_path, "Gamma", serif)
    said = run("book", odd, *sans, "-o", "said.pdf", cwd=tmp_path).stdout.splitlines()
    assert said[0] == f"{odd}: set in the book's design (Noto Sans, its colours), not its own"
    assert len(said) == 2  # and the line that says what it wrote
    with pdfplumber.open(_book(tmp_path, odd, *sans)) as pdf:
        assert {c["fontname"].split("+")[1] for p in pdf.pages for c in p.chars} == {
            "NotoSans-Regular",
            "NotoSans-Bold",
        }
        bands = {
            max(p.rects, key=lambda r: r["width"] * (r["height"] > 40))["non_stroking_color"]
            for p in pdf.pages
        }
        assert bands == {NAVY}
    more = [odd, _sheet(tmp_path, "Delta", serif), *sans]
    with pdfplumber.open(_book(tmp_path, *more)) as pdf:
        assert {c["fontname"].split("+")[1] for p in pdf.pages for c in p.chars} == {
            "NotoSerif-Regular",
            "NotoSerif-Bold",
        }


FULL = 1284  # words of a one-section sheet that fit on Letter, with its body at 8 pt (1272 on
# half lines: on whole lines its heading's text follows it on the next line)


def test_a_sheet_that_fits_alone_at_its_smallest_size_builds_in_the_book_as_alone(
    tmp_path: Path,
) -> None:
    """A sheet with as many words as fit at the 8 pt floor builds in a book on its paper, its
    page as it is alone: the page number ends the footer line and takes no room of the body."""
    sheet = tmp_path / "long.yaml"
    for count in (FULL + 1, FULL):  # one word more does not fit
        words = " ".join(["word"] * count)
        sheet.write_text(
            f"organization: O\ntitle: T\nsections:\n  - heading: A\n    body: {words}\n",
            encoding="utf-8",
        )
        alone = run("build", sheet, cwd=tmp_path)
        assert alone.returncode == (0 if count == FULL else 2), alone.stderr
    assert "body 8.0 pt" in alone.stdout
    book = _book(tmp_path, sheet)
    with pdfplumber.open(tmp_path / "long.pdf") as own, pdfplumber.open(book) as bound:
        before = [(w["text"], w["x0"], w["top"]) for w in own.pages[0].extract_words()]
        after = [(w["text"], w["x0"], w["top"]) for w in bound.pages[2].extract_words()]
        assert after[:-1] == before and after[-1][0] == "3"
        assert after[-1][2] == pytest.approx(before[-1][2])  # on the footer's line


def test_a_sheet_that_fits_alone_but_not_in_the_books_typeface_says_so(tmp_path: Path) -> None:
    """A sans sheet full at the floor does not fit in a serif book: the message says so."""
    words = " ".join(["word"] * FULL)
    full = _sheet(tmp_path, "Full", body=words)
    serif = "design:\n  font: Noto Serif\n"
    sheets = [_sheet(tmp_path, "A", serif), _sheet(tmp_path, "B", serif), full]
    book = tmp_path / "book.pdf"
    result = run("book", *sheets, "-o", book, cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"{full}:6:14: error: in the book (in Noto Serif, the book's typeface, not the sheet's "
        "Noto Sans): the content runs about "
    ), result.stderr
    assert not book.exists()


def test_the_book_frame_on_a_minimal_sheet(tmp_path: Path) -> None:
    """A sheet with no date, no subtitle and no marking: the cover lists its title, the
    contents page's footer holds its text and page number only."""
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    with pdfplumber.open(_book(tmp_path, tmp_path / "a.yaml")) as pdf:
        cover, contents, _ = pdf.pages
        assert "Testland" in cover.extract_text()
        foot = [w for w in contents.extract_words() if w["top"] > footer_rule(contents)]
        assert [w["text"] for w in foot] == ["Test", "Office", "2"]


def test_a_long_book_title_is_set_smaller_inside_the_panel(tmp_path: Path) -> None:
    """A title of nine lines at the cover's largest size steps down until the panel holds it."""
    sheets = [_sheet(tmp_path, "Alpha"), _sheet(tmp_path, "Beta")]
    title = " ".join(["Programmes of the Bureau of International Narcotics"] * 6)
    book = tmp_path / "book.pdf"
    assert run("book", *sheets, "-o", book, "--title", title, cwd=tmp_path).returncode == 0
    with pdfplumber.open(book) as pdf:
        cover = pdf.pages[0]
        panel = max(cover.rects, key=lambda r: r["height"])
        named = [c for c in cover.chars if c["size"] > 16 and c["top"] < panel["bottom"]]
        assert len({round(c["size"]) for c in named}) == 1 and named[0]["size"] < 40
        assert "".join(c["text"] for c in named).split() == title.split()  # all in the panel
        assert panel["top"] < min(c["top"] for c in named)
        assert panel["bottom"] / cover.height <= 0.62 + 0.01
