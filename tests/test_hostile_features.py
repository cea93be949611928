"""Hostile and careless use of the later features (house styles, charts, tables, photos, world
scripts, books, watch and preview): each input gets a located message from ``check`` and
``build`` alike, exit 2, and leaves the previous output byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import MINIMAL, run
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
