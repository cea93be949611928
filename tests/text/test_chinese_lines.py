"""Justified Chinese lines on their grid: punctuation compressed before characters part (clreq),
the middle dot of a name as Chinese punctuation, and an address kept whole in its host name."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from .test_shaping import LEFT, _chars, _pdf, _rows, _style

SIZE = 11.0  # points: the paragraphs' size (``_style``)
BACKGROUND = (  # a Laos sheet's paragraph, spaced apart on its 19-character lines before
    "老挝位于金三角中心，与缅甸、泰国和中国接壤。近年来，合成毒品的生产和贩运大幅增加，"
    "大量甲基苯丙胺经老挝运往东南亚和其他地区。边境山区交通不便，执法力量有限。"
)
PROJECTS = (
    "在北部省份，项目帮助过去种植罂粟的村庄发展咖啡、茶叶和水稻生产，修建道路和水利设施，"
    "并为农民提供市场信息和小额贷款。"
)
NAME = "可卡因则取道乔莫·肯雅塔国际机场，再转运内陆或欧洲；乔莫·肯雅塔是肯尼亚的首任总统。"
ADDRESS = (
    "包含资金数据的完整国别概况发布于https://www.state.gov/bureau-of-international-narcotics"
    "-and-law-enforcement-affairs-work-by-country/kenya-summary。"
)


def _lines(path: Path) -> list[list[dict[str, float | str]]]:
    """The characters drawn, line by line, left to right."""
    return [sorted(row, key=lambda c: c["x0"]) for row in _rows(_chars(path))]


def _apart(row: list[dict[str, float | str]]) -> list[float]:
    """How far each two neighbouring characters of a line start apart, in ems."""
    return [(float(b["x0"]) - float(a["x0"])) / SIZE for a, b in itertools.pairwise(row)]


@pytest.mark.parametrize("text", [BACKGROUND, PROJECTS])
@pytest.mark.parametrize("characters", [19, 22])
def test_a_chinese_paragraph_compresses_punctuation_rather_than_spacing_its_characters(
    text: str, characters: int, tmp_path: Path
) -> None:
    """Lines of whole characters that a paragraph cannot fill character for character take
    the blank half of a comma out (clreq: compress first, then spread), its characters a
    whole number of half ems apart, each an em or half of one after the one before; no line
    spaced apart (on main: lines of 18 characters spread over 19, 6% apart)."""
    path = _pdf(text, _style("Hans", "justify"), tmp_path, width=characters * SIZE)
    rows = _lines(path)
    assert "".join(str(c["text"]) for row in rows for c in row) == text
    steps = [round(step, 2) for row in rows for step in _apart(row)]
    assert set(steps) <= {0.5, 1.0}, steps
    for row in rows[:-1]:  # each full line ends at its last cell's edge, a mark's half at most
        end = (float(row[-1]["x0"]) - LEFT) / SIZE + 1
        assert round(end, 2) in (characters, characters + 0.5), "".join(map(str, row))


@pytest.mark.parametrize("characters", [7, 8, 10, 14, 16, 20])
def test_the_middle_dot_of_a_chinese_name_is_spaced_as_a_character_and_never_starts_a_line(
    characters: int, tmp_path: Path
) -> None:
    """The middle dot between the parts of a name ("乔莫·肯雅塔", clreq's interpunct) is Chinese
    punctuation: a cell of its own, as far from the characters either side as they are from
    each other (it was spaced further from them, as a Latin word is, or began a line: one or
    the other at each width here), and never a line's first character."""
    path = _pdf(NAME, _style("Hans", "justify"), tmp_path, width=characters * SIZE)
    rows = _lines(path)
    assert "".join(str(c["text"]) for row in rows for c in row) == NAME
    assert [row for row in rows if row[0]["text"] == "·"] == []
    for row in rows:  # as far from the characters beside it as they are from each other
        steps = sorted(_apart(row))
        usual = steps[len(steps) // 2]
        for k in [k for k, c in enumerate(row) if c["text"] == "·"]:
            beside = _apart(row[max(k - 1, 0) : k + 2])
            assert [round(step, 2) for step in beside] == [round(usual, 2)] * len(beside)


@pytest.mark.parametrize("characters", [21, 23])
def test_an_address_in_chinese_breaks_inside_its_host_name_only_where_nothing_else_fits(
    characters: int, tmp_path: Path
) -> None:
    """An address after Chinese text breaks after its "//" or at a "/" or "-" of its path,
    its host name whole on one line (it broke "https://www | .state.gov" 23 characters wide)."""
    path = _pdf(ADDRESS, _style("Hans", "justify"), tmp_path, width=characters * SIZE)
    lines = ["".join(str(c["text"]) for c in row) for row in _lines(path)]
    assert "".join(lines) == ADDRESS
    assert any("www.state.gov/" in line for line in lines), lines
