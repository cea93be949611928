"""Every problem in one round: a sheet's content errors told together with what its page
measures (content past the page), wherever the content can still be laid out, in ``build``,
``check``, ``watch``, ``preview`` and a book; never a PDF written or replaced on an error."""

from __future__ import annotations

import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT, SAMPLE, run
from .test_commands import wait_for

SHEET = SAMPLE.read_text(encoding="utf-8")
GLYPH = (
    "content.yaml:7:14: error: the character '🦁' (U+1F981 LION FACE) is not in the font Noto "
    "Sans; expected letters, digits and punctuation of Latin, Greek or Cyrillic script (replace "
    "or remove this character)"
)


def long(sheet: str = SHEET) -> str:
    """The sheet with its first section's body written 12 times: far past the page."""
    start = sheet.index("    body: |\n") + len("    body: |\n")
    end = sheet.index("\n\n", start) + 1
    return sheet[:start] + "      \n".join([sheet[start:end]] * 12) + sheet[end:]


def past(where: str, line: int = 29) -> str:
    """The pattern of the error that the long sheet's content runs past the page, at its
    longest section's heading."""
    return (
        rf"{re.escape(where)}:{line}:14: error: (in the book: )?the content runs about \d+ pt "
        r"\(\d+ lines per column at 8 pt\) past the page even with body text at the 8 pt floor; "
        r"words per section: Context and Challenges \d+, U\.S\. Goals and INL Programs 71, "
        r"Results \d+; expected about \d+ fewer words in the sections \(they hold \d+; this one, "
        r"the longest, \d+\)"
    )


def build_bad(folder: Path, content: str, *args: str) -> list[str]:
    """Build the sample, then ``content`` over it: the lines said, after checking that the
    build failed with exit code 2 and left the PDF as it was and nothing else."""
    source, pdf = folder / "content.yaml", folder / "content.pdf"
    source.write_text(SHEET, encoding="utf-8")
    assert run("build", *args, cwd=folder).returncode == 0
    before, files = pdf.read_bytes(), sorted(folder.iterdir())
    source.write_text(content, encoding="utf-8")
    result = run("build", *args, cwd=folder)
    assert result.returncode == 2, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert pdf.read_bytes() == before, "a failed build changed the previous PDF"
    assert sorted(folder.iterdir()) == files
    return result.stderr.splitlines()


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_content_error_and_content_past_the_page_are_told_in_one_build(
    tmp_path: Path, paper: str
) -> None:
    bad = long(SHEET.replace("title: Niger\n", "title: Niger 🦁\n"))
    first, second = build_bad(tmp_path, bad, "--paper", paper)
    assert first == GLYPH
    assert re.fullmatch(past("content.yaml"), second), second
    checked = run("check", "--paper", paper, cwd=tmp_path)
    assert (checked.returncode, checked.stderr.splitlines()) == (2, [first, second])


LONG = long()
COMPOSED = {  # a mistake the page is still laid out with, and what is said of it
    "bad date": (
        ("date: 2019-05-01", "date: 2019-13-45"),
        "content.yaml:9:12: error: there is no month 13; expected a day of the calendar, "
        "written YYYY-MM-DD",
    ),
    "unknown key": (
        ("subtitle: INL", "subtitel: Overview\nsubtitle: INL"),
        "content.yaml:8:1: error: unknown key 'subtitel' in the top level; expected 'subtitle', "
        "the key nearest to it",
    ),
    "wrong type, left out": (
        ("subtitle: INL Program Overview", "subtitle: [INL, Program]"),
        "content.yaml:8:11: error: found a list; expected text",
    ),
    "bad web address": (
        ("lead: >-", "online: ftp://state.gov\nlead: >-"),
        "content.yaml:11:9: error: found text 'ftp://state.gov'; expected a web address "
        "starting https:// (or http://)",
    ),
    "too little contrast": (
        ("lead: >-", "design:\n  primary: '#ffff00'\nlead: >-"),
        "content.yaml:12:12: error: the primary colour #ffff00 gives organization on band a "
        "contrast of only 1.1:1 (and too little for office on band, title and figure values); "
        "expected a colour with at least 4.5:1 contrast for text, in colour and when "
        "photocopied in gray (darker for text on white, for example)",
    ),
    "stacked marks": (
        ("title: Niger", "title: Nige\u0301\u0301\u0301\u0301\u0301r"),
        "content.yaml:7:16: error: a letter carries more than 4 accents or vowel marks, "
        "stacked; expected at most 4 marks on one letter; remove the extra ones",
    ),
}


@pytest.mark.parametrize("case", COMPOSED)
def test_each_content_error_that_leaves_the_page_measurable_is_told_with_it(
    tmp_path: Path, case: str
) -> None:
    (old, new), error = COMPOSED[case]
    lines = build_bad(tmp_path, LONG.replace(old, new, 1))
    assert len(lines) == 2 and lines[0] == error, lines
    assert re.fullmatch(past("content.yaml", 29 + new.count("\n")), lines[1]), lines[1]


def test_a_link_that_is_no_address_is_told_in_file_order_after_the_page(tmp_path: Path) -> None:
    link = "  - heading: Results\n    blocks:\n      - text: See [the report](ftp://state.gov).\n"
    lines = build_bad(tmp_path, LONG.replace("  - heading: Results\n", link))
    assert re.fullmatch(past("content.yaml"), lines[0]), lines[0]
    assert lines[1:] == [
        "content.yaml:150:32: error: the link target 'ftp://state.gov' is not a web or e-mail "
        "address; expected a link starting https://, http:// or mailto:"
    ]


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_logo_that_cannot_be_read_is_measured_as_an_empty_box_of_its_height(
    tmp_path: Path, paper: str
) -> None:
    shutil.copy(ROOT / "examples" / "seal.svg", tmp_path)
    sealed = LONG.replace("lead: >-", "logo:\n  file: seal.svg\n  alt: The seal\nlead: >-")
    (tmp_path / "sealed.yaml").write_text(sealed, encoding="utf-8")
    (measured,) = run("check", "sealed.yaml", "--paper", paper, cwd=tmp_path).stderr.splitlines()
    lines = build_bad(tmp_path, sealed.replace("seal.svg", "lost.svg"), "--paper", paper)
    assert lines == [
        "content.yaml:12:9: error: the image 'lost.svg' was not found (looked for lost.svg); "
        "expected a PNG, JPEG or SVG file, named relative to the file it is written in",
        measured.replace("sealed.yaml", "content.yaml"),  # as long past the page as with it
    ]


BROKEN = (
    "content.yaml:151:17: error: the file 'broken.jpg' is not a readable PNG or JPEG image; "
    "expected a PNG or JPEG file, named relative to the content file"
)
PHOTOS = {  # a photo's mistake, the orientation its file gives, and what is said of it
    "cut short": (("whole.jpg", "broken.jpg"), 1, BROKEN),
    "cut short, turned a quarter": (("whole.jpg", "broken.jpg"), 6, BROKEN),
    "an empty alt": (
        ("alt: The river", "alt:"),
        1,
        "content.yaml:152:15: error: the photo's alt is empty; expected 'alt:' saying what the "
        "photo shows, for readers who cannot see it (or 'decorative: true' for a photo that "
        "only decorates)",
    ),
}


@pytest.mark.parametrize("case", PHOTOS)
def test_a_photo_with_a_mistake_is_measured_at_the_size_its_file_gives(
    tmp_path: Path, case: str
) -> None:
    from PIL import Image

    (old, new), orientation, error = PHOTOS[case]
    exif = Image.Exif()
    exif[0x0112] = orientation  # 6: turned a quarter, upright 1200 by 1800
    with Image.open(ROOT / "examples" / "mali-niger-river.jpg") as river:
        river.save(tmp_path / "whole.jpg", exif=exif, quality=90)
    data = (tmp_path / "whole.jpg").read_bytes()
    (tmp_path / "broken.jpg").write_bytes(data[: len(data) * 9 // 10])  # cut short
    photo = "    blocks:\n      - photo:\n          file: whole.jpg\n          alt: The river\n"
    whole = LONG.replace("  - heading: Results\n", "  - heading: Results\n" + photo)
    (tmp_path / "whole.yaml").write_text(whole, encoding="utf-8")
    (measured,) = run("check", "whole.yaml", cwd=tmp_path).stderr.splitlines()
    assert re.match(r"whole\.yaml:29:14: error: the content runs about \d+ pt", measured)
    lines = build_bad(tmp_path, whole.replace(old, new))
    assert lines == [measured.replace("whole.yaml", "content.yaml"), error]  # as far past


def test_a_style_file_error_is_told_with_the_sheets_page(tmp_path: Path) -> None:
    (tmp_path / "house.yaml").write_text(
        "organization: U.S. Department of State\ndesign:\n  margins: 2 furlongs\n",
        encoding="utf-8",
    )
    styled = LONG.replace("organization: U.S. Department of State\n", "style: house.yaml\n")
    lines = build_bad(tmp_path, styled)
    assert re.fullmatch(past("content.yaml"), lines[0]), lines[0]
    assert lines[1:] == [
        "house.yaml:3:12: error: found text '2 furlongs'; expected a length such as 54, 0.75in "
        "or 18mm"
    ]


def test_the_writers_warnings_come_with_the_errors_in_file_order(tmp_path: Path) -> None:
    bad = long(SHEET.replace("title: Niger\n", "title: Niger 🦁\n")).replace(
        "strong U.S. partner", "strong U.S. partner of WHO", 1
    )
    lines = build_bad(tmp_path, bad)
    assert lines[0] == GLYPH
    assert re.fullmatch(past("content.yaml"), lines[1]), lines[1]
    assert lines[2] == (
        "content.yaml:32:30: warning: 'WHO' is used before it is spelled out; expected the full "
        "name followed by (WHO) at its first use"
    )


NOT_COMPOSED = {  # content that cannot be laid out: the page is not guessed at
    "YAML that does not parse": (
        ("title: Niger", "title: [Niger"),
        "content.yaml:7:8: error: text starting with '[' is read as YAML syntax, not as text; "
        "expected the whole text in quotes, or written on the next lines after '|'",
    ),
    "a required field missing": (
        ("title: Niger\n", ""),
        "content.yaml:5:1: error: the top level has no 'title'; expected 'title:' (what the "
        "sheet is about, printed large: usually a country or program)",
    ),
    "a section's heading misspelt": (
        ("  - heading: Results\n", "  - headin: Results\n"),
        "content.yaml:148:5: error: unknown key 'headin' in a section; expected 'heading', the "
        "key nearest to it",
    ),
    "a key figure of a wrong type": (
        ('  - value: "20%"', "  - value: [20]"),
        "content.yaml:19:12: error: found a list; expected text",
    ),
    "a photo not found": (
        (
            "  - heading: Results\n",
            "  - heading: Results\n    blocks:\n      - photo:\n          file: class.jpg\n"
            "          alt: Cadets in class\n",
        ),
        "content.yaml:151:17: error: the image 'class.jpg' was not found (looked for "
        "class.jpg); expected a PNG or JPEG file, named relative to the content file",
    ),
}


@pytest.mark.parametrize("case", NOT_COMPOSED)
def test_content_that_cannot_be_laid_out_says_nothing_of_the_page(
    tmp_path: Path, case: str
) -> None:
    (old, new), error = NOT_COMPOSED[case]
    assert build_bad(tmp_path, LONG.replace(old, new, 1)) == [error]


def test_a_book_tells_every_sheets_problems_in_one_round(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(SHEET.replace("Niger\n", "Niger 🦁\n", 1), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(SHEET, encoding="utf-8")
    assert run("book", "a.yaml", "b.yaml", "-o", "book.pdf", cwd=tmp_path).returncode == 2
    (tmp_path / "a.yaml").write_text(SHEET, encoding="utf-8")
    assert run("book", "a.yaml", "b.yaml", "-o", "book.pdf", cwd=tmp_path).returncode == 0
    before = (tmp_path / "book.pdf").read_bytes()
    (tmp_path / "a.yaml").write_text(SHEET.replace("Niger\n", "Niger 🦁\n", 1), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(LONG, encoding="utf-8")
    result = run("book", "a.yaml", "b.yaml", "-o", "book.pdf", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    first, second = result.stderr.splitlines()
    assert first == GLYPH.replace("content.yaml", "a.yaml")
    assert re.fullmatch(past("b.yaml"), second) and "in the book" in second, second
    assert (tmp_path / "book.pdf").read_bytes() == before


@pytest.mark.parametrize("command", ["watch", "preview"])
def test_watch_and_preview_tell_every_problem_in_one_round(tmp_path: Path, command: str) -> None:
    content, pdf = tmp_path / "content.yaml", tmp_path / "content.pdf"
    content.write_text(SHEET, encoding="utf-8")
    log = tmp_path / "log.txt"
    argv = [command] if command == "watch" else [command, "--port", "0", "-o", "content.pdf"]
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", *argv],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: pdf.exists() and re.search("built|updated", log.read_text()) is not None)
        good = pdf.read_bytes()
        content.write_text(long(SHEET.replace("title: Niger\n", "title: Niger 🦁\n")), "utf-8")
        wait_for(lambda: "past the page" in log.read_text())
        lines = log.read_text().splitlines()
        at = lines.index(GLYPH)
        assert re.fullmatch(past("content.yaml"), lines[at + 1]), lines[at + 1]
        assert pdf.read_bytes() == good
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=30)
    assert code == 0 and "Traceback" not in log.read_text()
