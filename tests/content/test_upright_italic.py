"""Italic in a language whose type has no italics (Arabic, Persian, Hebrew, Chinese) is
warned where it is typed, not lost unsaid."""

from __future__ import annotations

from pathlib import Path

import pytest

import briefing

from ..conftest import unfitted

SHEET = (
    "organization: O\ntitle: T\nlanguage: {language}\nsections:\n  - heading: H\n    body: {body}\n"
)


@pytest.mark.parametrize(
    ("language", "body", "column", "word", "script"),
    [
        ("ar", "ارتفع *تمويل المكتب* عام 2008.", 17, "تمويل المكتب", "Arabic"),
        ("fa", "بودجه ***افزایش*** یافت.", 17, "افزایش", "Arabic"),
        ("he", "התקציב *גדל* מאז 2018.", 18, "גדל", "Hebrew"),
        ("zh", "预算*增加*了。", 13, "增加", "Chinese"),
    ],
)
def test_italic_in_a_script_without_italics_is_warned_where_it_is_typed(
    tmp_path: Path, language: str, body: str, column: int, word: str, script: str
) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text(SHEET.format(language=language, body=body), "utf-8")
    _, warned = briefing.check(path)
    assert unfitted(warned) == [
        f"{path}:6:{column}: warning: '{word}' is marked italic, but {script} type has no "
        "italics: it prints upright, like the words around it; expected **bold** for "
        "emphasis, or quotation marks for a title"
    ]
    result = briefing.build(path, tmp_path / "sheet.pdf")  # a warning: the sheet builds
    assert result.pages == 1


def test_italic_in_french_is_not_warned(tmp_path: Path) -> None:
    path = tmp_path / "sheet.yaml"
    path.write_text(SHEET.format(language="fr", body="Le budget a *augmenté*."), "utf-8")
    _, warned = briefing.check(path)
    assert unfitted(warned) == []
