"""Hostile and careless use of the later features (house styles, charts, tables, photos, world
scripts, books, watch and preview): each input gets a located message from ``check`` and
``build`` alike, exit 2, and leaves the previous output byte for byte."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

import pytest

from .conftest import MINIMAL, run, without_fit
from .test_hostile import attempt

SECTION = "  - heading: Overview\n    body: A short paragraph about Testland.\n"


def checked(tmp_path: Path, name: str = "content.yaml") -> str:
    """``check`` of a file that ``build`` refused: the same exit code and messages."""
    result = run("check", name, cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


@pytest.mark.parametrize("value", ["", " sidebar", " [layout]"])
def test_a_design_that_is_not_a_mapping_is_located(tmp_path: Path, value: str) -> None:
    sheet = MINIMAL + f"design:{value}\n"
    expected = "expected a design as a mapping of fields such as 'layout:', 'font:' or 'primary:'"
    error = attempt(tmp_path, sheet)
    assert f"content.yaml:6:{8 + min(len(value), 1)}: error: found " in error
    assert expected in error and checked(tmp_path) == error
    style = tmp_path / "house.yaml"
    style.write_text(f"design:{value}\n", encoding="utf-8")
    error = attempt(tmp_path, MINIMAL + "style: house.yaml\n")
    assert f"house.yaml:1:{8 + min(len(value), 1)}: error: found " in error and expected in error
    assert checked(tmp_path) == error
    made = run("new", "other", "--style", "house.yaml", cwd=tmp_path)
    assert made.returncode == 2 and made.stderr == error.replace("content.yaml", "other.yaml")
    assert not (tmp_path / "other.yaml").exists()


def test_a_style_that_is_a_number_names_a_file(tmp_path: Path) -> None:
    error = attempt(tmp_path, MINIMAL + "style: 5\n")
    assert "content.yaml:6:8: error: the style file 5 is not a file that can be read" in error
    assert checked(tmp_path) == error


CHART = """\
    blocks:
      - chart:
          type: bar
          title: Values
          data:
"""


def test_chart_values_are_read_as_written_in_decimal(tmp_path: Path) -> None:
    data = "            a: 010\n            b: 1:30\n            c: 0b11\n            d: .inf\n"
    error = attempt(tmp_path, MINIMAL + CHART + data)
    expected = "; expected a number written without quotes, commas or units"
    assert f"content.yaml:12:16: error: found '1:30', which YAML reads as 90{expected}" in error
    assert f"content.yaml:13:16: error: found '0b11', which YAML reads as 3{expected}" in error
    assert f"content.yaml:14:16: error: found '.inf', which is not a finite number{expected}" in (
        error
    )
    assert error.count("error:") == 3  # 010 is ten
    assert checked(tmp_path) == error


def test_chart_labels_in_millions_keep_three_significant_digits() -> None:
    from briefing.graphics.charts import Data, Series

    values = [2_400_000, 14_800, 10_200, 99_999]
    data = Data("bar", "Scale", "", ["a", "b", "c", "d"], [Series("", values)])
    assert [data.label(v) for v in values] == ["2.40M", "0.0148M", "0.0102M", "0.100M"]


PHOTO = """\
    blocks:
      - photo:
          file: {}
          alt: A picture
"""


@pytest.mark.parametrize("size", [(2400, 1), (5, 20000)])
def test_a_photo_a_hair_wide_or_high_is_located_by_check_and_build(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    from PIL import Image

    Image.new("RGB", size, "#336699").save(tmp_path / "thin.png")
    error = attempt(tmp_path, MINIMAL + PHOTO.format("thin.png"))
    assert error == (
        f"content.yaml:8:17: error: the image 'thin.png' is {size[0]} by {size[1]} pixels; "
        "expected an image of at most 20 times as wide as it is high, or as high as wide\n"
    )
    assert checked(tmp_path) == error


def _palette_png(path: Path, side: int, noise: int) -> None:
    """A palette PNG ``side`` pixels square, ``noise`` random rows of it (to make its size)."""
    import random

    from PIL import Image

    image = Image.new("P", (side, side), 0)
    image.putpalette([i % 256 for i in range(768)])
    generator = random.Random(side)
    for y in range(noise):
        image.paste(Image.frombytes("P", (side, 1), generator.randbytes(side)), (0, y * 7))
    image.save(path)


def test_a_palette_png_of_many_pixels_in_few_bytes_is_refused_at_once(tmp_path: Path) -> None:
    from .test_hostile import measured

    _palette_png(tmp_path / "sparse.png", 7000, 0)
    error = attempt(tmp_path, MINIMAL + PHOTO.format("sparse.png"))
    assert error.startswith(
        "content.yaml:8:17: error: the image 'sparse.png' has 49.0 million pixels in a file of "
    )
    assert "expected an image of at most 200 pixels a byte of its file" in error
    assert checked(tmp_path) == error
    result, peak, cpu = measured("check", cwd=tmp_path)
    assert result.returncode == 2 and peak < 100 and cpu < 2, (peak, cpu)


def test_a_large_palette_png_is_scaled_down_in_bounded_memory(tmp_path: Path) -> None:
    from .test_hostile import measured

    _palette_png(tmp_path / "drawing.png", 7000, 400)  # 245 KB or more: under 200 pixels a byte
    (tmp_path / "content.yaml").write_text(MINIMAL + PHOTO.format("drawing.png"), "utf-8")
    result, peak, _ = measured("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert peak < 250, f"{peak:.0f} MB"  # a full-size RGBA copy alone takes 196 MB


def test_a_book_of_one_sheet_says_one_sheet(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("book", "content.yaml", "-o", "book.pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(3 pages: cover, contents and 1 sheet) in " in result.stdout


def test_a_table_cell_of_a_digit_many_spaces_and_a_letter_is_read_in_linear_time() -> None:
    import time

    from briefing.content.checks import _NUMBER

    for cell in ("1" + " " * 60_000 + "a", " " * 60_000 + "a", "$" + " " * 60_000 + "x"):
        start = time.perf_counter()
        assert not re.match(_NUMBER, cell)
        assert time.perf_counter() - start < 0.5  # 45 s before
    assert all(
        re.match(_NUMBER, c) for c in ("3,100,000", "(250)", "€ 40", "2.5bn", "1 200 €", "12 %")
    )


def test_a_photo_that_is_a_link_loop_is_called_one(tmp_path: Path) -> None:
    (tmp_path / "loop.png").symlink_to("loop.png")
    error = attempt(tmp_path, MINIMAL + PHOTO.format("loop.png"))
    assert error.startswith(
        "content.yaml:8:17: error: the image 'loop.png' is a link that leads back to itself"
    )
    assert checked(tmp_path) == error


def test_watch_reports_a_photo_in_a_missing_folder_and_follows_a_file_made_a_link(
    tmp_path: Path,
) -> None:
    import signal
    import subprocess
    import sys

    from PIL import Image

    from .commands.test_commands import wait_for

    content, pdf = tmp_path / "content.yaml", tmp_path / "content.pdf"
    content.write_text(MINIMAL + PHOTO.format("pictures/river.png"), encoding="utf-8")
    log = tmp_path.parent / f"{tmp_path.name}-watch.log"
    with log.open("w") as out:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "briefing", "watch", "content.yaml"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(
            lambda: (
                "content.yaml:8:17: error: the image 'pictures/river.png' was not found"
                in log.read_text()
            )
        )
        (tmp_path / "pictures").mkdir()
        Image.new("RGB", (600, 400), "#336699").save(tmp_path / "pictures" / "river.png")
        wait_for(lambda: pdf.exists())
        built = pdf.read_bytes()
        elsewhere = tmp_path / "drafts"
        elsewhere.mkdir()
        target = elsewhere / "sheet.yaml"
        target.write_text(MINIMAL, encoding="utf-8")
        content.unlink()
        content.symlink_to(target)
        wait_for(lambda: pdf.read_bytes() != built)
        linked = pdf.read_bytes()
        target.write_text(MINIMAL.replace("Testland", "Linkland"), encoding="utf-8")
        wait_for(lambda: pdf.read_bytes() != linked)
        assert watcher.poll() is None
    finally:
        watcher.send_signal(signal.SIGINT)
        code = watcher.wait(timeout=20)
    assert code == 0 and "Traceback" not in log.read_text()


def test_a_letter_under_a_tower_of_marks_is_located(tmp_path: Path) -> None:
    tower = "\u0628" + "\u064e" * 30  # an Arabic letter with 30 fathas
    error = attempt(tmp_path, MINIMAL.replace("title: Testland", f"title: Testland {tower}"))
    assert error.count("error: a letter carries more than 4 accents or vowel marks") == 1, error
    assert "content.yaml:2:22: " in error and checked(tmp_path) == error
    stacked = "Vi\u0323\u0302et"  # Vietnamese, decomposed: two marks on one letter
    (tmp_path / "content.yaml").write_text(MINIMAL.replace("Testland", stacked), "utf-8")
    assert run("build", cwd=tmp_path).returncode == 0


def test_no_mark_comes_before_u0300() -> None:
    """The check of stacked marks looks only at characters from U+0300 on."""
    assert not any(unicodedata.combining(chr(c)) for c in range(0x300))


def test_a_word_of_20000_letters_is_located_at_once(tmp_path: Path) -> None:
    word = "A" * 20_000
    chart = f"    blocks:\n      - chart:\n          type: bar\n          title: {word}\n"
    chart += "          data:\n            a: 1\n            b: 2\n"
    start = time.perf_counter()
    error = attempt(tmp_path, MINIMAL + chart)
    assert time.perf_counter() - start < 10
    assert "content.yaml:9:18: error: a word of 20,000 characters with no space; expected " in error
    assert checked(tmp_path) == error
    chinese = "该局对马里的资金从年的万美元增至年的万美元。" * 30  # 690 characters, no space
    (tmp_path / "content.yaml").write_text(
        f"organization: 美国国务院\ntitle: 马里\nlanguage: zh\nsections:\n"
        f"  - heading: 资金\n    body: {chinese}\n",
        encoding="utf-8",
    )
    assert run("build", cwd=tmp_path).returncode == 0


def test_a_table_row_missing_its_bracket_is_pointed_at_the_bracket(tmp_path: Path) -> None:
    table = (
        "    blocks:\n      - table:\n          columns: [Component, Partner, Funding]\n"
        "          rows:\n"
        '            - [Police training, National Police, "3,100,000"\n'
        '            - [Border security, Gendarmerie, "2,300,000"]\n'
    )
    error = attempt(tmp_path, MINIMAL + table)
    assert error.startswith("content.yaml:10:15: error: the '[' here is not closed on its line;")
    assert "expected ']' after the last item, on the same line" in error
    assert checked(tmp_path) == error


def test_a_folder_with_a_pipe_and_a_link_loop_is_checked_and_bound_without_hanging(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "sheets"
    folder.mkdir()
    (folder / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    os.mkfifo(folder / "b.yaml")  # nothing ever writes to it: reading it would wait forever
    (folder / "loop.yaml").symlink_to("loop.yaml")
    said = [
        "sheets/b.yaml:1:1: error: this is not a file but a folder, a pipe or a device; "
        "expected a content file",
        "sheets/loop.yaml:1:1: error: a link that leads back to itself; expected a readable "
        "content file",
    ]
    start = time.perf_counter()
    checked_folder = run("check", "sheets", cwd=tmp_path)
    assert checked_folder.returncode == 2
    short = "sheets/a.yaml: ok, 2 warnings\n"  # one column, and how full the page is
    assert checked_folder.stdout == short
    assert without_fit(checked_folder.stderr).splitlines() == said
    book = run("book", "sheets", "-o", "book.pdf", cwd=tmp_path)
    assert (book.returncode, book.stderr.splitlines()) == (2, said)
    assert not (tmp_path / "book.pdf").exists()
    assert time.perf_counter() - start < 20
