"""Blocks in a section (charts, tables, photos, text): each wrong block is a located error with
what was expected, all of them in one run, exit 2 and the previous PDF untouched; photos load
upright, in RGB, at no more than 300 dpi, and an image bomb is refused before it is decoded."""

from __future__ import annotations

import functools
import io
import struct
import time
import zlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from PIL import Image

import briefing
from briefing import ContentError
from briefing.content.checks import ChartShown, PhotoShown, TableShown
from briefing.content.fields import Text
from briefing.content.model import Photo
from briefing.content.pictures import MAX_PIXELS, PHOTO_DPI, load_photo
from briefing.content.runs import Run
from briefing.content.schema import json_schema
from briefing.errors import Problem
from briefing.pipeline import run_checks

from ..conftest import MINIMAL, run, unfitted, without_fit

HEAD = "organization: Test Office\ntitle: Testland\nsections:\n  - heading: Funding\n    blocks:\n"
START = HEAD.count("\n")  # the line before a case's first
WIDEST = (568.8, 748.8)  # the largest a photo prints, in points: letter within the safe edge
BOUND = (round(WIDEST[0] / 72 * PHOTO_DPI), round(WIDEST[1] / 72 * PHOTO_DPI))

# Each case: blocks written under 'blocks:', and the one error it makes: the line (1 for the
# case's first), the column, and the message.
CASES: dict[str, tuple[str, int, int, str]] = {
    "an empty block": (
        "      - ~\n",
        1,
        9,
        "found nothing '~'; expected a block as a mapping of fields such as 'text:', 'chart:', "
        "'table:' or 'photo:'",
    ),
    "a number for a block": (
        "      - 42\n",
        1,
        9,
        "found a number '42'; expected a block as a mapping of fields such as 'text:', "
        "'chart:', 'table:' or 'photo:'",
    ),
    "an infinite chart value": (
        """\
      - chart:
          type: bar
          title: Funding
          data:
            FY2009: .inf
""",
        5,
        21,
        "found '.inf', which is not a finite number; expected a number written without quotes, "
        "commas or units, such as 3.5 or 3100000",
    ),
    "a misspelt kind of block": (
        "      - chrt: {type: bar, title: Funding, data: {FY2009: 3.5}}\n",
        1,
        9,
        "unknown key 'chrt' in a block; expected 'chart', the key nearest to it",
    ),
    "a table row with too few cells": (
        """\
      - table:
          columns: [Component, Partner, Funding]
          rows:
            - [Police training, National Police, "3,100,000"]
            - [Facility improvements, "2,300,000"]
""",
        5,
        15,
        "row 2 of the table has 2 cells; expected 3 cells, one per column (Component, "
        'Partner, Funding); "" for an empty one',
    ),
    "a table row with too many cells": (
        """\
      - table:
          columns: [A, B]
          rows:
            - - one
              - two
              - three
""",
        4,
        15,
        'row 1 of the table has 3 cells; expected 2 cells, one per column (A, B); "" for an '
        "empty one",
    ),
    "a chart value in quotes": (
        """\
      - chart:
          type: bar
          title: Funding
          data:
            FY2009: "3.5"
""",
        5,
        21,
        "found text '3.5'; expected a number written without quotes, commas or units, such as "
        "3.5 or 3100000",
    ),
    "a chart value with commas": (
        """\
      - chart:
          type: bar
          title: Funding
          data:
            FY2009: 3,100,000
""",
        5,
        21,
        "found text '3,100,000'; expected a number written without quotes, commas or units, "
        "such as 3.5 or 3100000",
    ),
    "a missing chart value": (
        """\
      - chart:
          type: bar
          title: Funding
          data:
            FY2009: 3.5
            FY2010:
""",
        6,
        20,
        "found nothing; expected a number written without quotes, commas or units, such as "
        "3.5 or 3100000",
    ),
    "an empty data": (
        """\
      - chart:
          type: bar
          title: Funding
          data: {}
""",
        4,
        17,
        "no categories; expected at least 1",
    ),
    "more than 24 categories": (
        "      - chart:\n          type: line\n          title: Funding\n          data:\n"
        + "".join(f"            FY{year}: {year - 1990}\n" for year in range(1991, 2021)),
        29,
        13,
        "30 categories; expected at most 24",
    ),
    "an unknown chart type": (
        """\
      - chart:
          type: pie
          title: Funding
          data: {FY2009: 3.5}
""",
        2,
        17,
        "found text 'pie'; expected one of 'bar', 'hbar', 'line'",
    ),
    "data and series together": (
        """\
      - chart:
          type: bar
          title: Funding
          data: {FY2009: 3.5}
          series: {Police: {FY2009: 3.5}}
""",
        5,
        11,
        "a chart has both 'data' and 'series'; expected exactly one of 'data:' or 'series:' in "
        "each chart",
    ),
    "neither data nor series": (
        """\
      - chart:
          type: bar
          title: Funding
""",
        2,
        11,
        "a chart has neither 'data:' nor 'series:'; expected exactly one of 'data:' or 'series:'",
    ),
    "series with different categories": (
        """\
      - chart:
          type: line
          title: Funding
          series:
            Police: {FY2009: 1, FY2010: 2}
            Justice: {FY2009: 1}
""",
        6,
        13,
        "the series 'Justice' has no value for 'FY2010'; expected the same categories in every "
        "series: FY2009, FY2010",
    ),
    "a series value in quotes (not also reported missing)": (
        """\
      - chart:
          type: line
          title: Funding
          series:
            Police: {FY2009: 1, FY2010: 2}
            Justice: {FY2009: 1, FY2010: "2"}
""",
        6,
        42,
        "found text '2'; expected a number written without quotes, commas or units, such as "
        "3.5 or 3100000",
    ),
    "a series with a category the first lacks": (
        """\
      - chart:
          type: hbar
          title: Funding
          series:
            Police: {FY2009: 1}
            Justice: {FY2009: 1, FY2011: 2}
""",
        6,
        34,
        "the series 'Justice' has the category 'FY2011', which the first series does not; "
        "expected the same categories in every series: FY2009",
    ),
    "a photo without alt": (
        """\
      - photo:
          file: photo.jpg
          caption: Instructors in Bamako.
""",
        2,
        11,
        "a photo has no 'alt'; expected 'alt:' (what the photo shows, for readers who cannot see "
        "it; left empty ('alt:') only for a decorative photo)",
    ),
    "a missing photo file": (
        """\
      - photo:
          file: training.jpg
          alt: Instructors in front of a class
""",
        2,
        17,
        "the image 'training.jpg' was not found (looked for {folder}training.jpg); expected a "
        "PNG or JPEG file, named relative to the content file",
    ),
    "a photo file that is not an image": (
        """\
      - photo:
          file: notes.jpg
          alt: Instructors in front of a class
""",
        2,
        17,
        "the file 'notes.jpg' is not a readable PNG or JPEG image; expected a PNG or JPEG file, "
        "named relative to the content file",
    ),
    "a truncated photo file": (
        """\
      - photo:
          file: cut.jpg
          alt: Instructors in front of a class
""",
        2,
        17,
        "the file 'cut.jpg' is not a readable PNG or JPEG image; expected a PNG or JPEG file, "
        "named relative to the content file",
    ),
    "an image that is neither PNG nor JPEG": (
        """\
      - photo:
          file: photo.gif
          alt: Instructors in front of a class
""",
        2,
        17,
        "the file 'photo.gif' is not a readable PNG or JPEG image; expected a PNG or JPEG file, "
        "named relative to the content file",
    ),
    "an image over 50 megapixels": (
        """\
      - photo:
          file: bomb.png
          alt: Instructors in front of a class
""",
        2,
        17,
        "the image 'bomb.png' has more than 50 million pixels; expected an image of at most "
        "50 million pixels (300 dpi across a page needs about 7 million)",
    ),
    "two kinds in one block": (
        """\
      - text: Some text.
        table: {columns: [A], rows: [[a]]}
""",
        2,
        9,
        "a block has both 'text' and 'table'; expected exactly one of 'text:', 'chart:', "
        "'table:' or 'photo:' in each block",
    ),
    "an unknown kind of block": (
        """\
      - video: training.mp4
""",
        1,
        9,
        "unknown key 'video' in a block; expected one of text, chart, table, photo",
    ),
}


@functools.cache
def _noise(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """A picture with detail in it, as a photo has: gradients under fine noise. Made once for
    each size (12 megapixels take most of a second), so it is saved, never changed."""
    gradient = Image.linear_gradient("L").resize(size)
    noise = Image.effect_noise(size, 40)
    picture = Image.merge("RGB", (gradient, noise, gradient.transpose(Image.Transpose.ROTATE_180)))
    return picture.convert(mode)


def _bomb(width: int, height: int) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` pixels, with no pixel data at all."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def _files(folder: Path) -> None:
    """The image files the cases name (all but the missing one)."""
    _noise((640, 480)).save(folder / "photo.jpg", quality=90)
    (folder / "notes.jpg").write_text("Not a picture: notes about the training.", "utf-8")
    whole = io.BytesIO()
    _noise((640, 480)).save(whole, "JPEG", quality=90)
    (folder / "cut.jpg").write_bytes(whole.getvalue()[: len(whole.getvalue()) // 2])
    _noise((64, 48)).save(folder / "photo.gif")
    (folder / "bomb.png").write_bytes(_bomb(8000, 8000))


def _expected(case: str, start: int, folder: str, name: str = "content.yaml") -> str:
    """The error of ``case`` written from line ``start + 1``; ``folder``: where the photos are
    looked for, as the message shows it."""
    _, line, column, message = CASES[case]
    return f"{name}:{start + line}:{column}: error: {message.format(folder=folder)}"


@pytest.mark.parametrize("case", CASES)
def test_each_wrong_block_is_one_located_error(tmp_path: Path, case: str) -> None:
    _files(tmp_path)
    path = tmp_path / "content.yaml"
    path.write_text(HEAD + CASES[case][0], "utf-8")
    with pytest.raises(ContentError) as error:
        briefing.check(path)
    errors = [str(p) for p in error.value.problems if p.severity == "error"]
    assert errors == [_expected(case, START, f"{tmp_path}/", str(path))]


def test_every_wrong_block_is_reported_in_one_run_and_keeps_the_previous_pdf(
    tmp_path: Path,
) -> None:
    _files(tmp_path)
    source, out = tmp_path / "content.yaml", tmp_path / "content.pdf"
    source.write_text(MINIMAL, "utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
    before = out.read_bytes()
    text, expected = HEAD.split("  - heading")[0], []
    for number, (case, (blocks, *_)) in enumerate(CASES.items()):
        text += f"  - heading: Case {number}\n    blocks:\n"
        expected.append(_expected(case, text.count("\n"), ""))
        text += blocks
    source.write_text(text, "utf-8")
    started = time.monotonic()
    result = run("build", cwd=tmp_path)
    assert time.monotonic() - started < 30  # the bomb was not decoded
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert errors == sorted(expected, key=lambda line: [int(n) for n in line.split(":")[1:3]])
    assert out.read_bytes() == before, "a failed build changed the previous PDF"
    checked = run("check", cwd=tmp_path)
    assert checked.returncode == 2
    assert [line for line in checked.stderr.splitlines() if ": error: " in line] == errors


EXAMPLE = """\
organization: Test Office
title: Mali
sections:
  - heading: Funding
    body: |
      International Narcotics Control and Law Enforcement (INCLE) funds support police
      training and advisory work.
    blocks:
      - chart:
          type: bar
          title: INCLE funding for Mali by fiscal year
          unit: $ millions
          data:
            FY2009: 3.5
            FY2010: 7.4
          source: Congressional Budget Justification
      - table:
          caption: Program components, *FY2010*
          columns: [Component, Partner, Funding ($), Note]
          rows:
            - [Police training, National Police, "3,100,000", "**new** <&>"]
            - [Facility improvements, Gendarmerie, "2,300,000", ""]
            - [Training aids, "[Police](https://example.org)", "—", In kind]
          source: INL program records
      - photo:
          file: training.jpg
          caption: Police instructors at a training session in Bamako.
          credit: U.S. Embassy Bamako
          alt: Instructors standing in front of a class of police cadets
      - text: |
          More text after the photo.
  - heading: Trends
    blocks:
      - chart:
          type: line
          title: Cases referred
          series:
            Police: {2021: 120, 2022: 180.5}
            Customs: {2022: 55, 2021: 40}
      - photo:
          file: band.png
          alt:
          decorative: true
"""


def test_the_issues_example_is_prepared_for_layout(tmp_path: Path) -> None:
    _noise((800, 600)).save(tmp_path / "training.jpg")
    Image.new("RGBA", (600, 200), (0, 0, 0, 0)).save(tmp_path / "band.png")
    path = tmp_path / "content.yaml"
    path.write_text(EXAMPLE, "utf-8")
    prepared = run_checks(path)
    assert [len(blocks) for blocks in prepared.blocks] == [4, 2]
    chart, table, photo, text = prepared.blocks[0]
    assert isinstance(chart, ChartShown)
    assert chart.title == (Run("INCLE funding for Mali by fiscal year"),)
    assert chart.categories == ["FY2009", "FY2010"]
    assert chart.series == [("", [3.5, 7.4])]
    assert isinstance(table, TableShown)
    assert table.caption == (Run("Program components, "), Run("FY2010", italic=True))
    assert table.header == [(Run(n),) for n in ("Component", "Partner", "Funding ($)", "Note")]
    assert table.rows[0] == [
        (Run("Police training"),),
        (Run("National Police"),),
        (Run("3,100,000"),),
        (Run("new", bold=True), Run(" <&>")),
    ]
    assert table.rows[1][3] == ()
    (police,) = table.rows[2][1]
    assert isinstance(police, Run) and (police.text, police.link) == (
        "Police",
        "https://example.org",
    )
    assert table.numeric == [False, False, True, False]  # a dash leaves a number out
    assert isinstance(photo, PhotoShown)
    assert (photo.picture.width, photo.picture.height) == (800, 600)
    assert photo.picture.alt == "Instructors standing in front of a class of police cadets"
    assert photo.credit == (Run("U.S. Embassy Bamako"),)
    assert [block.runs for block in text] == [(Run("More text after the photo."),)]  # type: ignore[union-attr]
    line, band = prepared.blocks[1]
    assert isinstance(line, ChartShown) and isinstance(band, PhotoShown)
    # the categories in the first series' order, every series' values in that order
    assert line.series == [("Police", [120.0, 180.5]), ("Customs", [40.0, 55.0])]
    assert line.categories == ["2021", "2022"]
    assert band.picture.alt == ""
    assert Image.open(io.BytesIO(band.picture.scaled or b"")).getpixel((0, 0)) == (255, 255, 255)
    assert not prepared.warnings  # a section of blocks alone is not empty


def test_content_without_blocks_has_none(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    path.write_text(MINIMAL, "utf-8")
    assert run_checks(path).blocks == [[]]


def test_a_section_with_neither_body_nor_blocks_is_still_warned_empty(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    path.write_text(MINIMAL + "  - heading: Empty\n", "utf-8")
    _, warned = briefing.check(path)
    assert unfitted(warned) == [
        f"{path}:6:14: warning: the section 'Empty' has no text; expected a 'body:' with the "
        "section's text, or 'blocks:', or no section"
    ]


def test_the_schema_takes_the_example_and_refuses_what_the_validator_refuses() -> None:
    schema = yaml.safe_load(json_schema())
    example = yaml.safe_load(EXAMPLE)
    jsonschema.validate(example, schema)
    blocks = example["sections"][0]["blocks"]
    wrong = [
        {"chart": {**blocks[0]["chart"], "series": {"A": {"FY2009": 1}}}},  # data and series
        {"chart": {"type": "bar", "title": "No values"}},
        {"chart": {**blocks[0]["chart"], "type": "pie"}},
        {"chart": {**blocks[0]["chart"], "data": {"FY2009": "3.5"}}},
        {"chart": {**blocks[0]["chart"], "data": {}}},
        {"chart": {**blocks[0]["chart"], "data": {f"C{n}": n for n in range(25)}}},
        {"photo": {"file": "training.jpg"}},  # no alt, not decorative
        {"photo": {"file": "training.jpg", "decorative": False}},
        {"text": "Two kinds", "photo": blocks[2]["photo"]},
        {},
        {"video": "training.mp4"},
    ]
    for block in wrong:
        example["sections"][0]["blocks"] = [block]
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(example, schema)
    example["sections"][0]["blocks"] = [
        {"photo": {"file": "band.png", "alt": None, "decorative": True}}
    ]
    jsonschema.validate(example, schema)


def _photo(folder: Path, name: str, problems: list[Problem] | None = None) -> Image.Image:
    """The photo ``name`` in ``folder`` as loaded for the page, decoded back."""
    found: list[Problem] = [] if problems is None else problems
    picture = load_photo(Photo(Text(name), Text("A photo")), folder, found, WIDEST)
    assert picture is not None, found
    assert picture.scaled is not None
    loaded = Image.open(io.BytesIO(picture.scaled))
    assert loaded.format == "JPEG" and loaded.mode == "RGB"
    assert loaded.size == (picture.width, picture.height)
    return loaded


def _close(colour: Any, wanted: tuple[Any, ...], within: int = 12) -> bool:
    """Whether a pixel's ``colour`` is within ``within`` of ``wanted`` in each channel."""
    return all(abs(a - b) <= within for a, b in zip(colour, wanted, strict=True))


def test_a_photo_is_turned_upright_as_its_exif_orientation_says(tmp_path: Path) -> None:
    # 400 x 200 as stored, red on its left; orientation 6 shows it turned a quarter clockwise:
    # 200 x 400, red on top
    stored = Image.new("RGB", (400, 200), "white")
    stored.paste((220, 0, 0), (0, 0, 100, 200))
    exif = Image.Exif()
    exif[0x0112] = 6
    stored.save(tmp_path / "turned.jpg", exif=exif, quality=95)
    upright = _photo(tmp_path, "turned.jpg")
    assert upright.size == (200, 400)
    assert _close(upright.getpixel((100, 20)), (220, 0, 0))
    assert _close(upright.getpixel((100, 380)), (255, 255, 255))
    assert not upright.getexif()  # the metadata is left out, the orientation with it


def test_cmyk_and_grayscale_jpegs_load_as_rgb(tmp_path: Path) -> None:
    colour = Image.new("RGB", (300, 200), (30, 90, 160))
    colour.convert("CMYK").save(tmp_path / "cmyk.jpg", quality=95)
    colour.convert("L").save(tmp_path / "gray.jpg", quality=95)
    assert Image.open(tmp_path / "cmyk.jpg").mode == "CMYK"
    assert Image.open(tmp_path / "gray.jpg").mode == "L"
    cmyk = _photo(tmp_path, "cmyk.jpg")
    assert cmyk.size == (300, 200)
    assert _close(cmyk.getpixel((150, 100)), (30, 90, 160), 16)
    gray = _photo(tmp_path, "gray.jpg")
    assert gray.size == (300, 200)
    level = Image.new("RGB", (1, 1), (30, 90, 160)).convert("L").getpixel((0, 0))
    assert _close(gray.getpixel((150, 100)), (level, level, level))


def test_a_12_megapixel_photo_is_scaled_to_300_dpi_at_the_widest_it_prints(
    tmp_path: Path,
) -> None:
    _noise((4000, 3000)).save(tmp_path / "camera.jpg", quality=95)
    original = (tmp_path / "camera.jpg").stat().st_size
    picture = load_photo(Photo(Text("camera.jpg"), Text("A photo")), tmp_path, [], WIDEST)
    assert picture is not None and picture.scaled is not None
    assert (picture.width, picture.height) == (BOUND[0], round(3000 * BOUND[0] / 4000))
    assert BOUND[0] == 2370  # 7.9 in at 300 dpi
    assert len(picture.scaled) < original / 2
    # portrait: its height bounds it, at 300 dpi over the page's height within the safe edge
    _noise((3000, 4000)).save(tmp_path / "portrait.jpg", quality=90)
    portrait = _photo(tmp_path, "portrait.jpg")
    assert portrait.size == (round(3000 * BOUND[1] / 4000), BOUND[1])


def test_a_small_photo_keeps_its_size(tmp_path: Path) -> None:
    _noise((640, 480)).save(tmp_path / "small.png")
    assert _photo(tmp_path, "small.png").size == (640, 480)


def test_an_image_over_50_megapixels_is_refused_before_it_is_decoded(tmp_path: Path) -> None:
    # the header claims 60 million pixels and there is no pixel data: decoding would fail with
    # another error, and would take 180 MB
    (tmp_path / "bomb.png").write_bytes(_bomb(7746, 7746))
    assert MAX_PIXELS < 7746 * 7746
    found: list[Problem] = []
    photo = Photo(Text("bomb.png"), Text("A photo"))
    assert load_photo(photo, tmp_path, found, WIDEST) is None
    assert [p.message for p in found] == ["the image 'bomb.png' has more than 50 million pixels"]
    # at a small size, the same header is read, and the missing pixel data found
    (tmp_path / "bomb.png").write_bytes(_bomb(100, 100))
    found.clear()
    assert load_photo(photo, tmp_path, found, WIDEST) is None
    assert [p.message for p in found] == ["the file 'bomb.png' is not a readable PNG or JPEG image"]


def test_a_build_never_writes_over_a_photo_and_watch_rebuilds_when_one_changes(
    tmp_path: Path,
) -> None:
    from briefing.pipeline import sources

    (tmp_path / "photos").mkdir()
    _noise((320, 240)).save(tmp_path / "photos" / "training.png")
    content = MINIMAL + (
        "    blocks:\n      - photo:\n          file: photos/training.png\n          alt: A class\n"
    )
    path = tmp_path / "content.yaml"
    path.write_text(content, "utf-8")
    before = (tmp_path / "photos" / "training.png").read_bytes()
    result = run("build", "-o", "photos/training.pdf", "--format", "png", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "briefing: the output photos/training.png is a file the build reads (a content file, "
        "its style, a logo, a photo or a font); expected another name, such as the content "
        "file's name ending .pdf\n"
    )
    assert (tmp_path / "photos" / "training.png").read_bytes() == before
    assert (tmp_path / "photos" / "training.png").resolve() in sources(path)


def test_more_figures_or_table_rows_than_any_page_holds_are_refused_before_layout(
    tmp_path: Path,
) -> None:
    rows = "".join(f"            - [Row {n}, {n}]\n" for n in range(40))
    table = f"      - table:\n          columns: [Name, Count]\n          rows:\n{rows}"
    sections = "".join(f"  - heading: Part {n}\n    blocks:\n{table * 15}" for n in range(3))
    path = tmp_path / "content.yaml"
    path.write_text(HEAD.split("  - heading")[0] + sections, "utf-8")
    started = time.process_time()
    with pytest.raises(ContentError) as error:
        run_checks(path)
    assert time.process_time() - started < 10
    lines = path.read_text("utf-8").splitlines()
    tables = [number for number, line in enumerate(lines, 1) if line == "      - table:"]
    # the 201st row is the 6th table's first; the 41st figure's columns follow its 'table:'
    assert [str(p) for p in error.value.problems] == [
        f"{path}:{tables[5] + 3}:16: error: the tables hold 1,800 rows; expected at most 200 "
        "in all (a page holds far fewer)",
        f"{path}:{tables[40] + 1}:21: error: the sections hold 45 charts, tables and photos; "
        "expected at most 40 in all (a page holds far fewer)",
    ]


def test_content_given_as_a_dict_names_the_field_of_each_wrong_block(tmp_path: Path) -> None:
    chart = {"type": "bar", "title": "Funding", "data": {"FY2009": 3.5, "FY2010": "7.4"}}
    table = {"columns": ["A", "B"], "rows": [["snow ☃", "1"], ["only one"]]}
    content = yaml.safe_load(MINIMAL)
    content["sections"][0]["blocks"] = [{"chart": chart}, {"table": table}]
    with pytest.raises(ContentError) as error:
        briefing.check(content)
    assert [str(p) for p in error.value.problems] == [
        "sections[0].blocks[0].chart.data.FY2010: error: found text '7.4'; expected a number "
        "written without quotes, commas or units, such as 3.5 or 3100000",
        "sections[0].blocks[1].table.rows[1]: error: row 2 of the table has 1 cell; expected 2 "
        'cells, one per column (A, B); "" for an empty one',
        "sections[0].blocks[1].table.rows[0][0]: error: the character '☃' (U+2603 SNOWMAN) is "
        "not in the font Noto Sans; expected letters, digits and punctuation of Latin, Greek or "
        "Cyrillic script (replace or remove this character)",
    ]


def test_a_source_that_starts_with_the_printed_word_is_warned(tmp_path: Path) -> None:
    blocks = (
        "      - table: {columns: [A], rows: [[a]], source: 'Fuente: INL'}\n"
        "      - chart: {type: bar, title: T, data: {a: 1}, source: 'Fuentes del INL'}\n"
    )
    path = tmp_path / "content.yaml"
    path.write_text("language: es\n" + HEAD + blocks, "utf-8")
    _, warned = briefing.check(path)
    assert unfitted(warned) == [
        f"{path}:7:52: warning: the source starts with 'Fuente:', which the page prints before "
        "it; expected the source alone, such as 'INL program records'"
    ]


def test_every_series_a_chart_may_hold_has_its_own_lightness() -> None:
    from briefing.content.model import MAX_SERIES
    from briefing.theme import Theme

    steps = Theme().chart_steps
    assert len(set(steps)) == len(steps) >= MAX_SERIES


def test_a_12_megapixel_photo_makes_a_small_pdf_in_bounded_memory(tmp_path: Path) -> None:
    import pikepdf

    from ..test_hostile import measured

    _noise((4000, 3000)).save(tmp_path / "camera.jpg", quality=95)
    assert (tmp_path / "camera.jpg").stat().st_size > 5_000_000
    blocks = "    blocks:\n      - photo:\n          file: camera.jpg\n          alt: A class\n"
    (tmp_path / "content.yaml").write_text(MINIMAL + blocks, "utf-8")
    result, peak, _ = measured("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert peak < 400, f"{peak:.0f} MB"
    assert (tmp_path / "content.pdf").stat().st_size < 1_500_000
    with pikepdf.open(tmp_path / "content.pdf") as document:
        images = [
            o
            for o in document.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        ]
        assert len(images) == 1
        image = images[0]
        assert list(image.Filter) == ["/DCTDecode"] and image.ColorSpace == "/DeviceRGB"
        width, height = int(image.Width), int(image.Height)
        assert width <= BOUND[0]
        assert abs(width / height - 4 / 3) < 0.01  # its proportions kept


def test_a_french_source_said_twice_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    blocks = "      - table: {columns: [A], rows: [[a]], source: 'Source : Budget'}\n"
    path.write_text("language: fr\n" + HEAD + blocks, "utf-8")
    _, warned = briefing.check(path)
    assert unfitted(warned) == [
        f"{path}:7:52: warning: the source starts with 'Source :', which the page prints before "
        "it; expected the source alone, such as 'INL program records'"
    ]


def test_a_blurred_photo_and_the_unread_alt_of_a_decorative_one_are_warned(
    tmp_path: Path,
) -> None:
    Image.new("RGB", (10, 10), "#336699").save(tmp_path / "tiny.png")
    _noise((1200, 800)).save(tmp_path / "sharp.jpg")
    blocks = (
        "      - photo: {file: tiny.png, alt: A square}\n"
        "      - photo: {file: sharp.jpg, alt: A class, decorative: true}\n"
        "      - photo: {file: sharp.jpg, alt: A class}\n"
    )
    path = tmp_path / "content.yaml"
    path.write_text(HEAD + blocks, "utf-8")
    out = tmp_path / "content.pdf"
    result = run("build", "content.yaml", "-o", out, cwd=tmp_path)
    assert result.returncode == 0 and out.exists()
    assert without_fit(result.stderr).splitlines() == [
        "content.yaml:6:23: warning: the photo 'tiny.png' is 10 pixels wide: about 3 dpi across "
        "a column, which prints blurred; expected a photo at least 515 pixels wide (150 dpi "
        "across a column)",
        "content.yaml:7:39: warning: a decorative photo's alt is never read: a decorative photo "
        "is left out for screen readers; expected no 'alt:' on a decorative photo, or "
        "'decorative: false' for one that shows what the text is about",
    ]


def test_a_photo_named_by_a_web_address_is_an_error_saying_to_save_it_first(
    tmp_path: Path,
) -> None:
    path = tmp_path / "content.yaml"
    path.write_text(
        HEAD + "      - photo: {file: 'https://example.org/training.jpg', alt: A class}\n", "utf-8"
    )
    out = tmp_path / "content.pdf"
    out.write_bytes(b"previous")
    result = run("build", "content.yaml", "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "content.yaml:6:23: error: the image 'https://example.org/training.jpg' is a web "
        "address, and a build reads only files; expected a PNG or JPEG file, named relative to "
        "the content file, saved on this computer first\n"
    )
    assert out.read_bytes() == b"previous"


def test_a_number_written_with_an_exponent_is_a_number(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    blocks = "      - chart: {type: bar, title: T, data: {A: 1e9, B: 2.5E-3, C: -1E3}}\n"
    path.write_text(HEAD + blocks, "utf-8")
    ((chart,),) = run_checks(path).blocks
    assert isinstance(chart, ChartShown)
    assert chart.series == [("", [1e9, 0.0025, -1000.0])]


def test_formatting_in_fields_that_print_as_typed_is_warned(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    blocks = (
        "      - chart: {type: bar, title: '**INCLE** funding', data: {a: 1}, "
        "source: '[CBJ](https://www.state.gov)'}\n"
        "      - table: {columns: [A], rows: [[a]], source: 'Rows 2*3*4, and 5 * 6'}\n"
    )
    path.write_text(HEAD + blocks, "utf-8")
    _, warned = briefing.check(path)
    expected = (
        "which prints as typed there; expected plain text: a chart's title, unit and source, a "
        "table's source and a photo's credit are not formatted"
    )
    assert unfitted(warned) == [
        f"{path}:6:35: warning: the chart's title has formatting ('**INCLE**'), {expected}",
        f"{path}:6:78: warning: the chart's source has formatting "
        f"('[CBJ](https://www.state.gov)'), {expected}",
    ]
