"""Bad content: a located message naming what is wrong and what was expected, exit code 2, no
traceback, and the previous PDF left exactly as it was."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ..conftest import MINIMAL, ROOT, SAMPLE, run

GOOD = MINIMAL


def build_bad(tmp_path: Path, content: str | bytes) -> tuple[str, Path]:
    """Build good content, then the bad content over the same output; return stderr."""
    source = tmp_path / "content.yaml"
    out = tmp_path / "content.pdf"
    source.write_text(GOOD, encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
    before = out.read_bytes()
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert out.read_bytes() == before, "a failed build changed the previous PDF"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.pdf", "content.yaml"]
    return result.stderr, out


CASES = {
    "empty file": ("", "content.yaml:1:1: error: the file is empty; expected a mapping"),
    "not a mapping": (
        "- one\n- two\n",
        "content.yaml:1:1: error: found a list; expected the top level as a mapping of fields",
    ),
    "tabs for indentation": (
        GOOD.replace("  - heading", "\t- heading"),
        "content.yaml:4:1: error: a tab character is used for indentation; expected spaces",
    ),
    "unclosed quote": (
        GOOD.replace("title: Testland", 'title: "Testland'),
        "content.yaml:2:8: error: quoted text is never closed; expected a closing quote",
    ),
    "bad indentation": (
        GOOD.replace("    body:", "     body:"),
        "content.yaml:5:10: error: unexpected ': ' here; expected this line "
        "indented like the keys above it",
    ),
    "duplicate key": (
        GOOD + "title: Again\n",
        "content.yaml:6:1: error: duplicate key 'title' (first written on line 2); "
        "expected each key once",
    ),
    "unknown key": (
        GOOD.replace("title:", "titel:"),
        "content.yaml:2:1: error: unknown key 'titel' in the top level; expected 'title', the "
        "key nearest to it",
    ),
    "missing field": (
        GOOD.replace("title: Testland\n", ""),
        "content.yaml:1:1: error: the top level has no 'title'; expected 'title:'",
    ),
    "list where text is expected": (
        GOOD.replace("title: Testland", "title: [a, b]"),
        "content.yaml:2:8: error: found a list; expected text",
    ),
    "mapping where a list is expected": (
        GOOD.replace(
            "sections:\n  - heading: Overview\n    body: A short paragraph about Testland.\n",
            "sections:\n  heading: Overview\n",
        ),
        "content.yaml:4:3: error: found a mapping; expected a list",
    ),
    "bad date": (
        GOOD + "date: last May\n",
        "content.yaml:6:7: error: found text 'last May'; expected a date written YYYY-MM-DD",
    ),
    "bad paper": (
        GOOD + "paper: legal\n",
        "content.yaml:6:8: error: found text 'legal'; expected one of 'letter', 'a4'",
    ),
    "not UTF-8": (
        (GOOD + "footer: Caf\xe9\n").encode("latin-1"),
        "content.yaml:6:12: error: byte 0xE9 is not UTF-8 text; expected a file saved as UTF-8",
    ),
    "alias": (
        GOOD + "footer: &x Hello\nsubtitle: *x\n",
        "content.yaml:7:11: error: the alias '*x' repeats content; expected each value "
        "written out in full",
    ),
    "link to a local file": (
        GOOD.replace("A short", "See [a link](ftp://host/file),"),
        "content.yaml:5:24: error: the link target 'ftp://host/file' is not "
        "a web or e-mail address; expected a link starting https://",
    ),
    "text starting with a YAML indicator": (
        GOOD.replace("A short paragraph", "[A link](https://example.org) and"),
        "content.yaml:5:11: error: text starting with '[' is read as YAML syntax, not as text; "
        "expected the whole text in quotes",
    ),
    "text starting with an asterisk": (
        GOOD.replace("A short paragraph", "*Very* short paragraph"),
        "content.yaml:5:11: error: text starting with '*' is read as YAML syntax",
    ),
    "character the font lacks": (
        GOOD.replace("Testland\n", "Testland ☃\n", 1),
        "content.yaml:2:17: error: the character '☃' (U+2603 SNOWMAN) is not in the font Noto Sans",
    ),
    "character the font lacks in a fact": (
        GOOD + "at_a_glance:\n  - label: Capital\n    value: Niamey ☂\n",
        "content.yaml:8:19: error: the character '☂' (U+2602 UMBRELLA) is not in the font "
        "Noto Sans",
    ),
    "character the font lacks in a contact": (
        GOOD + "contacts:\n  - name: Office\n    role: Head ☃\n",
        "content.yaml:8:16: error: the character '☃' (U+2603 SNOWMAN) is not in the font",
    ),
    "character the font lacks in the marking": (
        GOOD + "marking: SECRET ☃\n",
        "content.yaml:6:17: error: the character '☃' (U+2603 SNOWMAN) is not in the font",
    ),
    "link to a local file in a fact": (
        GOOD + "at_a_glance:\n  - label: Portal\n    value: See [portal](ftp://host/x)\n",
        "content.yaml:8:25: error: the link target 'ftp://host/x' is not a web or e-mail address; "
        "expected a link starting https://",
    ),
    "link with a normalised address": (
        GOOD.replace("A short", "See [x](https://ok.org) and [Zürich](ftp://zü.ch/ä),"),
        "content.yaml:5:48: error: the link target 'ftp://z%C3%BC.ch/%C3%A4' is not a web or "
        "e-mail address",
    ),
    "missing logo": (
        GOOD + "logo:\n  file: seal.png\n  alt: The seal\n",
        "content.yaml:7:9: error: the image 'seal.png' was not found",
    ),
    "too many key figures": (
        GOOD + "key_figures:\n" + "  - value: 1\n    label: one\n" * 5,
        "content.yaml:15:5: error: 5 key figures; expected at most 4",
    ),
    "no sections": (
        GOOD.replace(
            "sections:\n  - heading: Overview\n    body: A short paragraph about Testland.\n",
            "sections: []\n",
        ),
        "content.yaml:3:11: error: no sections; expected at least 1",
    ),
    "online address that is not a web address": (
        GOOD + "online: www.state.gov/inl\n",
        "content.yaml:6:9: error: found text 'www.state.gov/inl'; expected a web address "
        "starting https://",
    ),
    "e-mail address that is not one": (
        GOOD + "contacts:\n  - name: Office\n    email: office at example.org\n",
        "content.yaml:8:12: error: found text 'office at example.org'; expected an e-mail address",
    ),
    "margins out of range": (
        GOOD + "design:\n  margins: 2in\n",
        "content.yaml:7:12: error: found text '2in'; expected a length from 0.3in to 1.5in",
    ),
    "body size out of range": (
        GOOD + "design:\n  min_body_size: 14\n",
        "content.yaml:7:18: error: found a number '14'; expected a number from 6 to 12",
    ),
    # issue 27: the mistakes of a first hour, each at its own line and column
    "a paragraph pasted into a body at the body's indentation": (
        GOOD.replace("Testland.\n", "Testland.\n    A pasted paragraph,\n    two lines long.\n"),
        "content.yaml:6:5: error: this line looks like part of the 'body' text on line 5, but "
        "is indented 4 spaces, which ends that text; expected at least 6 spaces before it, "
        "further in than line 5",
    ),
    "a paragraph pasted into a body at 2 spaces": (
        GOOD.replace("body: A short", "body: |\n      A short").replace(
            "Testland.\n", "Testland.\n\n  A pasted paragraph,\n  two lines\n  long.\n"
        ),
        "content.yaml:8:3: error: this line looks like part of the 'body' text after '|' on "
        "line 5, but is indented 2 spaces, which ends that text; expected at least 6 spaces",
    ),
    "a paragraph pasted into a body at the left edge": (
        GOOD.replace("body: A short", "body: |\n      A short").replace(
            "Testland.\n", "Testland.\nA pasted paragraph,\ntwo lines long.\n"
        ),
        "content.yaml:7:1: error: this line looks like part of the 'body' text after '|' on "
        "line 5, but is indented 0 spaces, which ends that text; expected at least 6 spaces",
    ),
    "a lead's text not indented at all": (
        GOOD.replace("sections:", "lead: >-\nThe lead, at the left edge.\nsections:"),
        "content.yaml:4:1: error: this line looks like part of the 'lead' text after '>-' on "
        "line 3, but is indented 0 spaces, which ends that text; expected at least 2 spaces "
        "before it, further in than line 3",
    ),
    "a day that is not in the calendar": (
        GOOD + "date: 2025-02-30\n",
        "content.yaml:6:15: error: there is no February 30: February 2025 has 28 days; expected "
        "a day of the calendar, written YYYY-MM-DD",
    ),
    "a month that is not in the calendar": (
        GOOD + "date: 2025-13-01\n",
        "content.yaml:6:12: error: there is no month 13; expected a day of the calendar",
    ),
    "a web address with a space": (
        GOOD + "online: https://www.example.org/our work\n",
        "content.yaml:6:36: error: the web address has a space in it; expected the address "
        "without spaces (%20 where the address itself has one)",
    ),
    "a PDF given as the content": (
        b"%PDF-1.4\n\x93\x94 binary\n",
        "content.yaml:1:1: error: this is a PDF, not a content file; expected the YAML content "
        "file that briefing reads",
    ),
    "a pale colour, said once, for the uses its layout prints": (
        GOOD + "design:\n  primary: '#FFFF00'\n",
        "content.yaml:7:12: error: the primary colour #FFFF00 gives organization on band a "
        "contrast of only 1.1:1 (and too little for office on band, title and figure values); "
        "expected a colour with at least 4.5:1 contrast for text",
    ),
    "misspelt key still checked as the field meant": (
        GOOD.replace("body:", "bdy:"),
        "content.yaml:5:5: error: unknown key 'bdy' in a section; expected 'body', the key "
        "nearest to it",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_located_and_keeps_the_previous_pdf(tmp_path: Path, case: str) -> None:
    content, message = CASES[case]
    stderr, _ = build_bad(tmp_path, content)
    assert stderr.startswith(message), stderr


def test_every_problem_is_reported_in_one_run(tmp_path: Path) -> None:
    content = "organisation: X\ntitle: [1]\nsections:\n  - heading: A\n    bdy: text\n"
    stderr, _ = build_bad(tmp_path, content)
    lines = stderr.splitlines()
    assert lines[0].startswith("content.yaml:1:1: error: unknown key 'organisation'")
    assert "'organization', the key nearest to it" in lines[0]
    assert len(lines) == 3  # the misspelt key is not reported as a missing one too
    assert "content.yaml:2:8: error: found a list; expected text" in lines
    assert any(
        line.startswith(
            "content.yaml:5:5: error: unknown key 'bdy' in a section; expected 'body', the key "
            "nearest to it"
        )
        for line in lines
    )


def test_a_wrong_field_hides_no_other_problem(tmp_path: Path) -> None:
    content = (
        GOOD.replace("body: A short", "bdy: A [short](ftp://x)")
        + "date: May 21, 2012\nonline: www.state.gov/x\nkey_figures:\n"
        + "  - value: 1\n    label: one ☃\n" * 5
    )
    stderr, _ = build_bad(tmp_path, content)
    glyph = (
        "16: error: the character '☃' (U+2603 SNOWMAN) is not in the font Noto Sans; expected "
        "letters, digits and punctuation of Latin, Greek or Cyrillic script (replace or remove "
        "this character)"
    )
    assert stderr.splitlines() == [
        "content.yaml:5:5: error: unknown key 'bdy' in a section; expected 'body', the key "
        "nearest to it",
        "content.yaml:5:20: error: the link target 'ftp://x' is not a web or e-mail address; "
        "expected a link starting https://, http:// or mailto:",
        "content.yaml:6:7: error: found text 'May 21, 2012'; expected a date written "
        "YYYY-MM-DD, such as 2019-05-01",
        "content.yaml:7:9: error: found text 'www.state.gov/x'; expected a web address "
        "starting https:// (or http://)",
        *(f"content.yaml:{line}:{glyph}" for line in (10, 12, 14, 16)),
        "content.yaml:17:5: error: 5 key figures; expected at most 4",
        f"content.yaml:18:{glyph}",
    ]


def test_byte_order_mark_is_fine(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    assert run("build", cwd=tmp_path).returncode == 0


def test_numbers_and_dates_where_text_is_expected(tmp_path: Path) -> None:
    from pypdf import PdfReader

    content = GOOD + "date: 2019-05-01\nkey_figures:\n  - value: 2018\n    label: 1.50\n"
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result = run("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = PdfReader(tmp_path / "content.pdf").pages[0].extract_text()
    assert "2018" in text and "1.50" in text and "Updated May 1, 2019" in text


@pytest.mark.parametrize("kind", ["huge", "deep", "billion laughs"])
def test_hostile_files_are_rejected_fast(tmp_path: Path, kind: str) -> None:
    if kind == "huge":
        content = GOOD + "footer: " + "x" * 50_000_000 + "\n"
        message = "content.yaml:1:1: error: the file is larger than 1 MB"
    elif kind == "deep":
        content = "title: " + "[" * 100_000 + "]" * 100_000 + "\n"
        message = "content.yaml:1:"
    else:
        lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
        content = GOOD + "\n".join(lines) + "\n"
        message = "content.yaml:7:10: error: the alias '*a0' repeats content"
    start = time.perf_counter()
    stderr, _ = build_bad(tmp_path, content)
    assert time.perf_counter() - start < 20  # two whole builds through a fresh interpreter
    assert stderr.startswith(message), stderr[:300]


def test_overflow_beyond_the_floor_says_how_much_to_cut(tmp_path: Path) -> None:
    body = " ".join(["Words that will never fit on a single page at any legible size."] * 500)
    content = GOOD.replace("A short paragraph about Testland.", body)
    stderr, _ = build_bad(tmp_path, content)
    assert "error: the content runs about" in stderr
    assert "past the page even with body text at the 8 pt floor" in stderr
    assert "expected about" in stderr and "fewer words in the sections" in stderr


def test_too_long_blames_the_words_where_removing_the_figures_would_not_do(
    tmp_path: Path,
) -> None:
    import shutil

    import yaml

    shutil.copy(ROOT / "examples" / "mali-niger-river.jpg", tmp_path)
    sheet = yaml.safe_load((ROOT / "examples" / "mali-blocks.yaml").read_text("utf-8"))
    blocks = [block for section in sheet["sections"] for block in section.get("blocks", [])]
    words = " ".join(["The program trains police officers in rural districts every year."] * 110)
    sheet["sections"] = [
        {"heading": "Short", "body": "A few words."},
        {"heading": "Long", "body": words, "blocks": blocks},
    ]
    text = yaml.safe_dump(sheet, allow_unicode=True, sort_keys=False, width=100)
    line = text.splitlines().index("- heading: Long") + 1
    path = tmp_path / "content.yaml"
    path.write_text(text, encoding="utf-8")
    checked, built = run("check", cwd=tmp_path), run("build", cwd=tmp_path)
    assert checked.returncode == built.returncode == 2
    assert checked.stderr == built.stderr  # check lays the page out: no "ok" for a sheet too long
    assert not (tmp_path / "content.pdf").exists()
    message = checked.stderr
    assert message.startswith(f"content.yaml:{line}:12: error: the content runs about "), message
    assert "its 3 charts, tables and photos take about" in message
    assert "so fewer words are needed even without them" in message
    assert "; words per section: Short 3, Long 1145;" in message
    assert "fewer words in the sections (they hold 1148; this one, the longest, 1145)" in message
    assert "photo" not in message.split("expected")[1]


def test_check_validates_without_writing(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(GOOD, encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0 and "content.yaml: ok" in result.stdout
    assert not (tmp_path / "content.pdf").exists()
    (tmp_path / "content.yaml").write_text(GOOD.replace("title", "titel"), encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 2 and "'title', the key nearest to it" in result.stderr


def test_unwritable_output_is_an_internal_error_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "out.pdf").mkdir()
    result = run("build", SAMPLE, "-o", tmp_path / "out.pdf", cwd=ROOT)
    assert result.returncode == 1
    assert "briefing: cannot write" in result.stderr and "Traceback" not in result.stderr


def test_missing_content_file(tmp_path: Path) -> None:
    result = run("build", "nowhere.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "nowhere.yaml:1:1: error: there is no file nowhere.yaml; expected the name of a content "
        "file, such as content.yaml\n"
    )


def test_a_sheet_named_as_briefing_new_named_it(tmp_path: Path) -> None:
    assert run("new", "burkina", cwd=tmp_path).returncode == 0
    for command in ("check", "build"):
        result = run(command, "burkina", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
    assert (tmp_path / "burkina.pdf").exists()
    from briefing import ContentError, check

    with pytest.raises(ContentError) as error:
        check(tmp_path / "burkina")  # the API takes names as they are, and says which is meant
    assert str(error.value).endswith(
        f"expected {tmp_path / 'burkina.yaml'}, the content file of that name"
    )


def test_the_pdf_named_instead_of_its_sheet(tmp_path: Path) -> None:
    (tmp_path / "sheet.yaml").write_text(GOOD, encoding="utf-8")
    assert run("build", "sheet.yaml", cwd=tmp_path).returncode == 0
    before = (tmp_path / "sheet.pdf").read_bytes()
    result = run("build", "sheet.pdf", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        "sheet.pdf:1:1: error: this is a PDF, not a content file; expected the YAML content file "
        "that briefing reads, such as sheet.yaml\n"
    )
    assert (tmp_path / "sheet.pdf").read_bytes() == before


def test_writers_warnings_are_located(tmp_path: Path) -> None:
    long_body = " ".join(["Plenty of words here."] * 60)
    content = (
        "organization: Office\ntitle: Testland\n"
        "lead: The NGO works with the Ministry of Health (MOH) and UNICEF.\n"
        "sections:\n"
        "  - heading: Empty\n"
        "  - heading: Short\n    body: A few words about the Ministry of Health (MOH).\n"
        "  - heading: Short too\n    body: Another short section.\n"
        "  - heading: Short three\n    body: A third short section, and longer.\n"
        f"  - heading: Long\n    body: {long_body}\n"
    )
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == "content.yaml: ok, 4 warnings\n"
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "content.yaml:3:11: warning: 'NGO' is used before it is spelled out; "
        "expected the full name followed by (NGO) at its first use"
    )
    assert lines[1].startswith(
        "content.yaml:3:59: warning: 'UNICEF' is used before it is spelled out"
    )
    assert lines[2].startswith("content.yaml:5:14: warning: the section 'Empty' has no text")
    assert lines[3].startswith(
        "content.yaml:12:14: warning: the section 'Long' has 240 words, "
        "over three times as many as the median of the other sections (6)"
    )
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0 and built.stderr == result.stderr


def test_windows_line_endings_build_and_locate(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace("\n", "\r\n")
    (tmp_path / "content.yaml").write_bytes(text.encode("utf-8"))
    assert run("build", cwd=tmp_path).returncode == 0
    stderr, _ = build_bad(tmp_path, text.replace("title: Niger", "title: Niger ☃"))
    line = text[: text.index("title: Niger")].count("\n") + 1
    assert stderr.startswith(f"content.yaml:{line}:14: error: the character '☃'")
