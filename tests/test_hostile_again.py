"""Hostile use of the features, round four: what a careless writer or a hostile colleague's file
still got through. Each input gets a located message from ``check`` and ``build`` alike, exit 2,
and leaves the previous output byte for byte."""

from __future__ import annotations

from pathlib import Path

from .conftest import MINIMAL, run
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
    assert (folder.returncode, folder.stdout) == (2, "other.yaml: ok\n")
    assert folder.stderr == error


CHART = """\
    blocks:
      - chart:
          type: bar
          title: Values
          data:
"""


def test_chart_values_past_a_thousand_trillion_are_located(tmp_path: Path) -> None:
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
    below = MINIMAL + CHART + "            a: 999999999999999\n            b: -5\n"
    (tmp_path / "content.yaml").write_text(below, encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
