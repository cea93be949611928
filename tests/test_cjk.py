"""The cjk extra (``pip install 'briefing[cjk]'``): a Chinese character past the shipped face's
GB2312 ones is set in the extra's full face, drawn once a machine and kept in the cache; every
message about a character no face has names the faces that lack it, and the extra where it
would help (README, the dependencies; brand.py)."""

from __future__ import annotations

import base64
import io
import os
import re
import tempfile
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from fontTools.ttLib import TTFont

from briefing import brand, fonts
from briefing.content import checks

from . import readers
from .conftest import run, run_process
from .pdf.test_conformance import failures

SHIPPED = "这是尼日尔的概况。"  # GB2312 level 1: the shipped face
RARE = "龘", "齉"  # in Noto Sans CJK SC, not in GB2312 level 1
NONE = "𪚥"  # U+2A6A5: in no face briefing has
CACHE = Path(tempfile.gettempdir()) / "briefing-test-cjk"  # kept across test runs
SHEET = "organization: 国际禁毒和执法事务局\ntitle: 尼日尔\nlanguage: zh\nsections:\n"
SHEET += "  - heading: 概况\n    body: {body}\n"


def _extra() -> None:
    """Skip where the extra is not installed (``pip install -e '.[test]'`` installs it)."""
    if brand.cjk_file() is None:
        pytest.skip("the cjk extra (manimgx-fonts-cjk) is not installed: pip install -e '.[test]'")


@pytest.fixture
def drawn_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache folder kept across test runs for the full face, which takes a minute a weight
    to draw: once a machine, as for a writer."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(CACHE))


@pytest.fixture
def without_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process as where the extra is not installed."""
    monkeypatch.setattr(brand, "cjk_file", lambda: None)
    monkeypatch.setattr(checks, "cjk_file", lambda: None)
    monkeypatch.setattr(fonts, "full_chinese", lambda: None)


def _write(folder: Path, body: str) -> Path:
    path = folder / "sheet.yaml"
    path.write_text(SHEET.format(body=body), encoding="utf-8")
    return path


def _faces(pdf: Path) -> dict[str, set[str]]:
    """The faces each character is drawn in."""
    found: dict[str, set[str]] = {}
    with pdfplumber.open(pdf) as document:
        for char in document.pages[0].chars:
            found.setdefault(char["text"], set()).add(char["fontname"].split("+")[1])
    return found


def test_a_chinese_character_past_the_shipped_face_is_set_in_the_full_face(
    tmp_path: Path, drawn_once: None
) -> None:
    _extra()
    sheet = _write(tmp_path, f"{SHIPPED}还有{RARE[0]}和**{RARE[1]}**。")
    # in a process of its own: this one may hold the faces already, drawn for an earlier test
    # into another cache, and would then keep nothing in the machine's
    result = run_process("build", sheet, cwd=tmp_path, env={"XDG_CACHE_HOME": str(CACHE)})
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "sheet.pdf"
    faces = _faces(pdf)
    assert faces[RARE[0]] == {"NotoSansCJKsc-Full-Regular"}
    assert faces[RARE[1]] == {"NotoSansCJKsc-Full-Bold"}  # bold, at the bold weight
    assert faces["这"] == {"NotoSansCJKsc-Regular"}  # the rest in the shipped face
    assert f"还有{RARE[0]}和{RARE[1]}" in readers.pdfium(pdf).replace("\n", "")
    assert failures(pdf) == []  # PDF/UA-1 and PDF/A-2a
    kept = (CACHE / "briefing").glob("NotoSansCJKsc-Full-*")  # the faces, not web subsets
    assert sorted({p.name.split(".")[0] for p in kept}) == [  # a version for each install
        "NotoSansCJKsc-Full-Bold",
        "NotoSansCJKsc-Full-Regular",
    ]
    # drawn once: a build in a new process takes it from the cache (drawing takes a minute),
    # writing nothing there; in a cache of its own, linked to the faces drawn, so that other
    # installs' builds writing to the machine's meanwhile do not count
    mine = tmp_path / "cache"
    (mine / "briefing").mkdir(parents=True)
    for face in (CACHE / "briefing").glob("NotoSansCJKsc-Full-*"):
        os.link(face, mine / "briefing" / face.name)
    stamps = {p.name: p.stat().st_mtime_ns for p in (mine / "briefing").iterdir()}
    again = run_process("build", sheet, cwd=tmp_path, env={"XDG_CACHE_HOME": str(mine)})
    assert again.returncode == 0 and _faces(pdf)[RARE[0]] == {"NotoSansCJKsc-Full-Regular"}
    assert "drawing the full Chinese face" not in again.stderr  # said only while it draws
    after = (mine / "briefing").glob("NotoSansCJKsc-Full-*")
    assert {p.name: p.stat().st_mtime_ns for p in after} == stamps


def test_drawing_the_full_face_says_so_while_it_draws(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A first Chinese sheet with a character past the shipped face took minutes with no word
    (a reviewer took it for a hang): the build says what it draws, once."""
    _extra()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert brand.full_chinese("Bold", lambda code: chr(code) in RARE) is not None
    said = capsys.readouterr().err
    assert "drawing the full Chinese face (bold)" in said and "once on this machine" in said
    assert brand.full_chinese("Bold", lambda code: chr(code) in RARE) is not None
    assert capsys.readouterr().err == ""  # from the cache: nothing to say


def test_a_sheet_of_shipped_characters_never_loads_the_full_face(tmp_path: Path) -> None:
    sheet = _write(tmp_path, SHIPPED)
    assert run("build", sheet, cwd=tmp_path).returncode == 0
    with pikepdf.open(tmp_path / "sheet.pdf") as document:
        names = {str(f.BaseFont) for f in document.pages[0].Resources.Font.values()}
    assert not any("Full" in name for name in names), names


def test_a_chinese_character_outside_the_shipped_set_names_the_face_and_the_extra(
    tmp_path: Path, without_extra: None
) -> None:
    sheet = _write(tmp_path, SHIPPED)
    assert run("build", sheet, cwd=tmp_path).returncode == 0
    before = (tmp_path / "sheet.pdf").read_bytes()
    _write(tmp_path, f"{SHIPPED}{RARE[0]}")
    result = run("build", sheet, cwd=tmp_path)
    assert result.returncode == 2
    column = 11 + len(SHIPPED)  # "    body: " and the shipped characters before it
    assert (
        f"sheet.yaml:6:{column}: error: the character '{RARE[0]}' (U+9F98 CJK UNIFIED "
        "IDEOGRAPH-9F98) is not in the fonts Noto Sans and Noto Sans CJK SC (as shipped, "
        "with GB2312's 3,755 common Chinese characters); expected a character these fonts "
        "have, or the full Chinese face: pip install 'briefing[cjk]'"
    ) in result.stderr
    assert (tmp_path / "sheet.pdf").read_bytes() == before


def test_a_chinese_character_in_a_latin_sheet_names_the_chinese_face_too(
    tmp_path: Path, without_extra: None
) -> None:
    sheet = tmp_path / "sheet.yaml"
    sheet.write_text(f"organization: Office\ntitle: Niger {RARE[1]}\n", encoding="utf-8")
    result = run("check", sheet, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        f"sheet.yaml:2:14: error: the character '{RARE[1]}' (U+9F49 CJK UNIFIED IDEOGRAPH-9F49) "
        "is not in the font Noto Sans nor in Noto Sans CJK SC (as shipped, with GB2312's 3,755 "
        "common Chinese characters); expected a character these fonts have, or the full "
        "Chinese face: pip install 'briefing[cjk]'"
    ) in result.stderr


def test_a_chinese_character_no_face_has_names_the_full_face(
    tmp_path: Path, drawn_once: None
) -> None:
    _extra()
    sheet = _write(tmp_path, SHIPPED)
    assert run("build", sheet, cwd=tmp_path).returncode == 0
    before = (tmp_path / "sheet.pdf").read_bytes()
    _write(tmp_path, f"{SHIPPED}{NONE}")
    result = run("build", sheet, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        f"sheet.yaml:6:{11 + len(SHIPPED)}: error: the character '{NONE}' (U+2A6A5 CJK "
        "UNIFIED IDEOGRAPH-2A6A5) is not in the fonts Noto Sans and Noto Sans CJK SC (the "
        "full face, of briefing[cjk]); expected letters, digits and punctuation of Chinese"
    ) in result.stderr
    assert (tmp_path / "sheet.pdf").read_bytes() == before


def test_a_rare_chinese_character_in_a_latin_sheet_is_set_in_the_full_face_with_a_warning(
    tmp_path: Path, drawn_once: None
) -> None:
    _extra()
    sheet = tmp_path / "sheet.yaml"
    body = "sections:\n  - heading: Overview\n    body: Text.\n"
    sheet.write_text(f"organization: Office\ntitle: Niger {RARE[0]}\n{body}", encoding="utf-8")
    result = run("build", sheet, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (
        f"sheet.yaml:2:14: warning: '{RARE[0]}' is Chinese text in a sheet in language 'en': it "
        "is set in Noto Sans CJK SC"
    ) in result.stderr
    assert _faces(tmp_path / "sheet.pdf")[RARE[0]] == {"NotoSansCJKsc-Full-Bold"}  # the title


def _web_faces(page: Path) -> dict[str, set[str]]:
    """The characters each CSS family of a web page's embedded faces holds."""
    text = page.read_text(encoding="utf-8")
    rule = r'font-family:"([^"]+)";[^}]*url\(data:font/woff;base64,([^)]*)\)'
    found: dict[str, set[str]] = {}
    for family, data in re.findall(rule, text):
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        found.setdefault(family, set()).update(map(chr, cmap))
    return found


def test_the_web_page_embeds_the_full_face_for_a_character_past_the_shipped_one(
    tmp_path: Path, drawn_once: None
) -> None:
    # The web page had the shipped face alone: a browser drew these characters in a face of
    # its own, or not at all.
    _extra()
    sheet = _write(tmp_path, f"{SHIPPED}还有{RARE[0]}和**{RARE[1]}**。")
    result = run("build", sheet, "--format", "pdf,html", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    page = tmp_path / "sheet.html"
    faces = _web_faces(page)
    full, shipped_face = faces["briefing full chinese"], faces["briefing script"]
    assert set(RARE) <= full and "这" not in full
    assert "这" in shipped_face and not set(RARE) & shipped_face
    stack = '--face:"briefing","briefing script","briefing full chinese",sans-serif'
    assert stack in page.read_text(encoding="utf-8")
    shipped = _write(tmp_path, SHIPPED)
    assert run("build", shipped, "--format", "html", cwd=tmp_path).returncode == 0
    assert "briefing full chinese" not in page.read_text(encoding="utf-8")
