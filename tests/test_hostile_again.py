"""Hostile use of the features, round four: what a careless writer or a hostile colleague's file
still got through. Each input gets a located message from ``check`` and ``build`` alike, exit 2,
and leaves the previous output byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from . import readers
from .conftest import MINIMAL, run, without_fit
from .test_hostile import attempt
from .test_hostile_features import checked


def test_a_sheet_named_as_a_style_is_said_where_it_is_named(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text(MINIMAL, encoding="utf-8")
    error = attempt(tmp_path, MINIMAL + "style: other.yaml\n")
    assert error == (
        "content.yaml:6:8: error: the style file other.yaml is a sheet (it has sections), not a "
        "style file; expected the name of a style file, which holds only sheet-wide fields "
        "(organization, office, logo, footer, marking, language, paper, design, contacts, "
        "online)\n"
    )
    assert checked(tmp_path) == error
    folder = run("check", ".", cwd=tmp_path)  # the folder: the sheet that names it is named
    short = "other.yaml: ok, 2 warnings\n"  # one column, and how full the page is
    assert (folder.returncode, folder.stdout) == (2, short)
    assert without_fit(folder.stderr) == error


CHART = """\
    blocks:
      - chart:
          type: bar
          title: Values
          data:
"""


def test_chart_values_past_a_thousand_trillion_or_under_a_millionth_are_located(
    tmp_path: Path,
) -> None:
    """1e30 printed as 999,999,999,999,983,222,784M, and 23 digits lost their last seven."""
    data = "            a: 1.0e+30\n            b: 12345678901234567890123\n            c: 5\n"
    error = attempt(tmp_path, MINIMAL + CHART + data)
    expected = (
        "a thousand trillion or more, which a chart cannot print exactly; expected a number "
        "below 1,000,000,000,000,000 (for larger amounts, the values in trillions and the unit "
        "saying so)"
    )
    assert error.splitlines() == [
        f"content.yaml:11:16: error: found '1.0e+30', {expected}",
        f"content.yaml:12:16: error: found '12345678901234567890123', {expected}",
    ]
    assert checked(tmp_path) == error
    tiny = "            a: 1.0e-300\n            b: 0.0000005\n            c: 2\n"
    error = attempt(tmp_path, MINIMAL + CHART + tiny)  # both were labelled 0
    expected = (
        "under a millionth, which a chart's labels cannot show; expected 0, or a number of at "
        "least 0.000001 (for smaller amounts, the values in a smaller unit and the unit saying "
        "so)"
    )
    assert error.splitlines() == [
        f"content.yaml:11:16: error: found '1.0e-300', {expected}",
        f"content.yaml:12:16: error: found '0.0000005', {expected}",
    ]
    assert checked(tmp_path) == error
    below = MINIMAL + CHART + "            a: 999999999999999\n            b: -5\n"
    below += "            c: 0\n            d: 0.000001\n"
    (tmp_path / "content.yaml").write_text(below, encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0


def test_a_file_name_holding_a_nul_is_located_everywhere_it_is_read(tmp_path: Path) -> None:
    """A NUL written as YAML's escape ("p\\0.jpg") reached the file system: an internal error
    from build and check, from watch and preview (which follow the files a sheet names) and
    from check and book of a folder."""
    from briefing.pipeline import sources

    named = (
        MINIMAL
        + '    blocks:\n      - photo:\n          file: "p\\0.jpg"\n          alt: A river\n'
        + 'logo:\n  file: "l\\0.png"\n  alt: A seal\nstyle: "h\\0.yaml"\n'
    )
    error = attempt(tmp_path, named)
    assert error == (
        "content.yaml:13:8: error: the style file h\\x00.yaml is not a file that can be read; "
        "expected the name of a style file, relative to this content file\n"
    )
    assert checked(tmp_path) == error
    assert sources(tmp_path / "content.yaml") == {tmp_path / "content.yaml"}
    (tmp_path / "content.yaml").write_text(named.replace('style: "h\\0.yaml"\n', ""), "utf-8")
    files = "which no file name can (looked for {}); expected a PNG"
    error = checked(tmp_path)
    assert error.splitlines() == [
        "content.yaml:8:17: error: the image 'p\\x00.jpg' holds a NUL character, "
        + files.format("p\\x00.jpg")
        + " or JPEG file, named relative to the content file",
        "content.yaml:11:9: error: the image 'l\\x00.png' holds a NUL character, "
        + files.format("l\\x00.png")
        + ", JPEG or SVG file, named relative to the file it is written in",
    ]
    folder = run("check", ".", cwd=tmp_path)
    assert (folder.returncode, folder.stderr) == (2, error)
    book = run("book", ".", "-o", "book.pdf", cwd=tmp_path)
    assert (book.returncode, book.stderr) == (2, error)


def test_an_svg_logo_with_too_much_in_it_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    """200,000 elements took svglib 71 s and 610 MB; each element takes it about 1 ms."""
    import time

    rects = '<rect width="1" height="1"/>' * 5000  # and the svg: 5,001
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">{rects}</svg>'
    (tmp_path / "seal.svg").write_text(svg, encoding="utf-8")
    start = time.perf_counter()
    error = attempt(tmp_path, MINIMAL + "logo:\n  file: seal.svg\n  alt: A seal\n")
    assert error == (
        "content.yaml:7:9: error: the image 'seal.svg' is an SVG of 5,001 elements; expected "
        "an image of at most 5,000 elements, or a PNG of it\n"
    )
    assert checked(tmp_path) == error
    comment = "<!--" + "x" * 2_000_000 + "-->"
    (tmp_path / "seal.svg").write_text(svg.replace(rects, comment), encoding="utf-8")
    error = attempt(tmp_path, MINIMAL + "logo:\n  file: seal.svg\n  alt: A seal\n")
    assert "is an SVG of 2.0 MB; expected an image of at most 2 MB, or a PNG of it" in error
    assert time.perf_counter() - start < 10
    (tmp_path / "seal.svg").write_text(svg.replace(rects, rects[:-1000]), encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0  # 4,965 elements


def test_a_book_title_the_cover_cannot_print_is_refused(tmp_path: Path) -> None:
    """A title of 5,000 letters hung the book; 5,000 characters of words ran 5,676 of them
    below the cover's paper; an escape code and an emoji were drawn as boxes."""
    import time

    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "book.pdf").write_bytes(b"%PDF- the previous book")
    refused = {
        "W" * 5000: "the book's title has 5,000 characters; expected at most 320, which the "
        "cover prints in large type",
        "Title words " * 400: "the book's title has 4,800 characters; expected at most 320",
        "Book \x1b[31m red": "the book's title has the character U+001B (a control character), "
        "which is in no font of the book; expected letters, digits and punctuation",
        "Book \U0001f642": "the book's title has the character '\U0001f642' (U+1F642 SLIGHTLY "
        "SMILING FACE), which is in no font of the book",
    }
    start = time.perf_counter()
    for title, said in refused.items():
        book = run("book", "a.yaml", "-o", "book.pdf", "--title", title, cwd=tmp_path)
        assert book.returncode == 2 and book.stderr.startswith(f"briefing: {said}"), book.stderr
        assert (tmp_path / "book.pdf").read_bytes() == b"%PDF- the previous book"
    assert time.perf_counter() - start < 10
    fits = "Wide words " * 18  # 198 characters: seven lines on the cover
    book = run("book", "a.yaml", "-o", "book.pdf", "--title", fits, cwd=tmp_path)
    assert book.returncode == 0, book.stderr
    import pdfplumber

    with pdfplumber.open(tmp_path / "book.pdf") as document:
        cover = document.pages[0]
        assert all(char["top"] >= 0 and char["bottom"] <= cover.height for char in cover.chars)
        assert cover.extract_text().count("Wide") == 18


def test_an_output_that_is_also_its_own_preview_or_web_page_is_refused(tmp_path: Path) -> None:
    """-o sheet.png --format pdf,png wrote the PDF and then the PNG over it, and said 'wrote
    sheet.png and sheet.png'."""
    for name, kind in (("sheet.png", "pdf,png"), ("sheet.html", "pdf,html")):
        error = attempt(tmp_path, MINIMAL, "-o", name, "--format", kind)
        suffix = name.rsplit(".", 1)[1].upper()
        assert error == (
            f"briefing: the output {name} would be the PDF and its {suffix} beside it at once; "
            "expected an output ending .pdf\n"
        )
    assert run("build", "-o", "sheet.png", "--format", "png", cwd=tmp_path).returncode == 0


def test_new_with_a_name_that_is_a_folder_says_so(tmp_path: Path) -> None:
    for name in ("", ".", "..", "drafts/.."):
        made = run("new", name, cwd=tmp_path)
        assert (made.returncode, made.stderr) == (
            2,
            f"briefing: the name {name!r} is not a file's; expected a name such as my-sheet\n",
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_watch_and_preview_of_a_folder_say_they_follow_one_file(tmp_path: Path) -> None:
    """'briefing watch .' was an internal error (a folder's name has no suffix to change);
    'watch drafts' watched a folder as if it were a file that could not be read."""
    (tmp_path / "drafts").mkdir()
    for command, folder in (("watch", "."), ("watch", "drafts"), ("preview", "drafts")):
        said = run(command, folder, cwd=tmp_path)
        assert (said.returncode, said.stdout) == (2, "")
        assert said.stderr == (
            f"briefing: {command} follows one content file; got the folder {folder} (briefing "
            f"build {folder} builds every sheet in it); expected a content file such as "
            f"{Path(folder) / 'content.yaml'}\n"
        )


def test_a_wrong_value_is_quoted_short(tmp_path: Path) -> None:
    """'style: /etc/passwd' quoted the whole file (1,400 characters) in its message, and a
    paragraph pasted in a colour's place was repeated whole."""
    paragraph = "A paragraph pasted in the wrong place, " * 30
    sheet = MINIMAL + f"paper: {paragraph}\n"
    error = attempt(tmp_path, sheet)
    shown = paragraph[:59].rstrip()
    assert error == (
        f"content.yaml:6:8: error: found text '{shown}…'; expected one of 'letter', 'a4'\n"
    )
    assert checked(tmp_path) == error


def test_a_largest_body_size_below_the_smallest_is_located(tmp_path: Path) -> None:
    """min_body_size 12 with max_body_size 7 built at 12 pt without a word."""
    said = (
        "error: the largest body size, {} pt, is below the smallest, {} pt; expected "
        "max_body_size at least min_body_size (8 pt unless given)\n"
    )
    sheet = MINIMAL + "design:\n  min_body_size: 12\n  max_body_size: 7\n"
    error = attempt(tmp_path, sheet)
    assert error == "content.yaml:8:18: " + said.format(7, 12)
    assert checked(tmp_path) == error
    (tmp_path / "house.yaml").write_text("design:\n  min_body_size: 10\n", encoding="utf-8")
    error = attempt(tmp_path, MINIMAL + "style: house.yaml\ndesign:\n  max_body_size: 9\n")
    assert error == "content.yaml:8:18: " + said.format(9, 10)
    (tmp_path / "house.yaml").write_text(
        "design:\n  min_body_size: 10\n  max_body_size: 9\n", encoding="utf-8"
    )
    style = run("check", "house.yaml", cwd=tmp_path)
    assert (style.returncode, style.stderr) == (2, "house.yaml:3:18: " + said.format(9, 10))
    (tmp_path / "content.yaml").write_text(MINIMAL + "design:\n  min_body_size: 12\n", "utf-8")
    assert run("build", cwd=tmp_path).returncode == 0  # the smallest raises the default largest


WIDE = """\
    blocks:
      - table:
          columns: [Component name, Partner organisation, Funding in dollars, Another column,
            Fifth column, Sixth column, Seventh column, Eighth column]
          rows:
            - [Police training, National Police Service, "3,100,000", Something else,
               Longer words everywhere, Internationalization, Telecommunications,
               Responsibilities]
"""


@pytest.mark.parametrize("layout", ["two-column", "sidebar"])
def test_check_finds_what_only_the_page_shows_as_build_does(tmp_path: Path, layout: str) -> None:
    """An 8-column table too wide for its column and a sheet too long for the page: check
    said ok where build failed; check lays the page out, on the paper build would use."""
    design = f"design:\n  layout: {layout}\n"
    wide = attempt(tmp_path, MINIMAL + WIDE + design)
    assert re.fullmatch(
        r"content\.yaml:8:21: error: the table's 8 columns need \d+ pt even with its text at 6\.5 "
        r"pt and long words hyphenated, and its column holds \d+ pt; expected fewer columns, or "
        r"shorter words and numbers in them \(a web address as \[a few words\]\(address\)\)\n",
        wide,
    ), wide
    assert checked(tmp_path) == wide
    folder = run("check", ".", cwd=tmp_path)
    assert (folder.returncode, folder.stderr) == (2, wide)
    words = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 40
    sections = "".join(f"  - heading: Part {n}\n    body: {words}\n" for n in range(12))
    long = attempt(tmp_path, MINIMAL + sections + design)
    assert long.startswith("content.yaml:") and "past the page even with body text" in long
    assert checked(tmp_path) == long
    letter = run("check", "--paper", "letter", cwd=tmp_path)
    assert (letter.returncode, letter.stderr) == (2, long)


def test_an_arabic_list_item_with_an_address_ending_in_a_slash_keeps_its_order(
    tmp_path: Path,
) -> None:
    """The address printed '-https://…/bureau-of', its hyphen and slash at the wrong ends."""
    import pdfplumber

    address = "https://www.state.gov/bureau-of-international-narcotics-and-law-enforcement-affairs/"
    sheet = (
        "organization: وزارة الخارجية\ntitle: النيجر\nlanguage: ar\n"
        "design:\n  max_body_size: 9.6\nsections:\n"  # the short address on one line
        f"  - heading: روابط\n    body: |\n      - للمزيد انظر {address}\n"
        "      - عنوان قصير https://www.state.gov/bureau-of/\n"
    )
    (tmp_path / "content.yaml").write_text(sheet, encoding="utf-8")
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    with pdfplumber.open(tmp_path / "content.pdf") as document:
        words = readers.page_words(document.pages[0])
    latin = [w for w in words if w["text"].isascii() and ("/" in w["text"] or "-" in w["text"])]
    latin.sort(key=lambda w: (round(w["top"]), w["x0"]))
    pieces = [w["text"] for w in latin]
    short = "https://www.state.gov/bureau-of/"
    assert pieces.count(short) == 1  # whole, its slash at its end
    pieces.remove(short)
    assert len(pieces) >= 2  # the long one broken over lines
    assert "".join(pieces) == address  # each piece in order, its '/' and '-' where written


def test_a_long_chinese_category_is_broken_in_bounded_time_and_memory(tmp_path: Path) -> None:
    """A category of 1,000 Chinese characters (which no word limit bounds: Chinese breaks
    anywhere) took 14 s and 900 MB to break into lines, every prefix measured."""
    from .test_hostile import measured

    name = "中" * 1000
    sheet = (
        "organization: 办公室\ntitle: 尼日尔\nlanguage: zh\nsections:\n  - heading: 概况\n"
        "    body: 文字。\n" + CHART.replace("type: bar", "type: hbar")
    )
    (tmp_path / "content.yaml").write_text(
        sheet + f"            {name}: 1\n            短: 2\n", encoding="utf-8"
    )
    result, peak, cpu = measured("check", "content.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("content.yaml:10:18: error: the chart is ")
    assert cpu < 4 and peak < 200, (cpu, peak)
    (tmp_path / "content.yaml").write_text(
        sheet + f"            {name[:60]}: 1\n            短: 2\n", encoding="utf-8"
    )
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr


def test_a_name_too_long_for_yaml_is_said_so(tmp_path: Path) -> None:
    """YAML reads a name (a key) of at most 1,024 characters before ': ': a longer category
    was told to put its ': ' in quotes, which it had."""
    data = f"            '{'x' * 1100}': 1\n"
    error = attempt(tmp_path, MINIMAL + CHART + data)
    assert error == (
        "content.yaml:11:13: error: a name of 1,102 characters before ':'; expected a name of "
        "at most 1,024 characters (YAML reads no longer one)\n"
    )
    assert checked(tmp_path) == error


def test_a_bidi_override_is_located(tmp_path: Path) -> None:
    """A right-to-left override printed 'This is reversed' in the PDF and 'desrever si sihT'
    on the web page: the same sheet read two ways."""
    sheet = MINIMAL.replace("A short paragraph", "\u202eThis is reversed, never closed")
    error = attempt(tmp_path, sheet, "--format", "pdf,html")
    assert error == (
        "content.yaml:5:11: error: the character U+202E (RIGHT-TO-LEFT OVERRIDE) would reorder "
        "the letters after it on the web page, not in the PDF; expected no override: every "
        "script is set in its own direction (remove it)\n"
    )
    assert checked(tmp_path) == error
    isolated = MINIMAL.replace("A short paragraph", "Text \u2067نص\u2069 text")  # an isolate
    (tmp_path / "content.yaml").write_text(isolated, encoding="utf-8")
    assert "error" not in run("check", cwd=tmp_path).stderr


def test_new_makes_the_folders_it_names_as_build_does(tmp_path: Path) -> None:
    made = run("new", "drafts/2026/niger", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    sheet = tmp_path / "drafts" / "2026" / "niger.yaml"
    assert (sheet.parent / "briefing.schema.json").is_file()
    assert run("build", sheet, cwd=tmp_path).returncode == 0


def test_a_mark_with_no_letter_under_it_is_an_error_where_it_is_typed(tmp_path: Path) -> None:
    """An accent typed at a paragraph's start printed some 6 pt into the left margin."""
    sheet = MINIMAL.replace("A short paragraph", "\u0301A short paragraph")
    (tmp_path / "content.yaml").write_text(sheet, encoding="utf-8")
    (tmp_path / "content.pdf").write_bytes(b"previous")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "content.yaml:5:11: error: the mark '\u0301' (U+0301 COMBINING ACUTE ACCENT) has no "
        "letter under it; expected the mark typed after the letter it belongs on, or no mark"
    ), result.stderr
    assert (tmp_path / "content.pdf").read_bytes() == b"previous"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("שנת 5-6 7/8 סוף", "ףוס 7/8 5-6 תנש"),  # printed 'ףוס 8/6 7-5 תנש': '6 7' isolated
        ("ב-100 000 שקל", "לקש 100 000-ב"),  # digits grouped by a space stay together
        ("שנת 10,000 20,000 סוף", "ףוס 20,000 10,000 תנש"),  # printed '000,000 20,10'
        ("סך 1 200,50 סוף", "ףוס 1 200,50 ךס"),  # printed '50,1 200'
        ("טלפון +227 20 72 26 61 כאן", "ןאכ +227 20 72 26 61 ןופלט"),
        ("טלפון +504 2236-9320 כאן", "ןאכ +504 2236-9320 ןופלט"),  # not '9320-+504 2236'
    ],
)
def test_figures_in_a_right_to_left_line_are_ordered_as_the_bidirectional_algorithm_orders_them(
    tmp_path: Path, typed: str, shown: str
) -> None:
    """Two figures a space apart inside a range and a fraction ('5-6 7/8') were taken for one
    number grouped by spaces ('6 7'), isolated, and printed '8/6 7-5'."""
    import pdfplumber

    sheet = (
        "organization: T\ntitle: T\nlanguage: he\ndesign:\n  layout: single-column\n"
        f"sections:\n  - heading: H\n    body: {typed}\n"
    )
    (tmp_path / "content.yaml").write_text(sheet, encoding="utf-8")
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    with pdfplumber.open(tmp_path / "content.pdf") as document:
        words = readers.page_words(document.pages[0])
    line = next(w for w in words if any(char.isdigit() for char in w["text"]))["top"]
    body = [w for w in words if abs(w["top"] - line) < 3 and w["text"] != "H"]  # not the heading
    printed = "".join(readers.typed(w["text"]) for w in sorted(body, key=lambda w: w["x0"]))
    assert printed == shown.replace(" ", "")  # left to right
