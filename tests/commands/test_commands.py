"""watch, bulk builds, the briefing book, new, PNG previews and the Python API."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from briefing import ContentError, build

from ..conftest import FIT_MESSAGES, MINIMAL, ROOT, SAMPLE, run, run_process, without_fit


def wait_for(condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_watch_rebuilds_keeps_last_good_pdf_and_stops_cleanly(tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    pdf = tmp_path / "content.pdf"
    content.write_text(MINIMAL, encoding="utf-8")
    log = tmp_path / "log.txt"
    with log.open("w") as out:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "briefing", "watch"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: pdf.exists() and "built" in log.read_text())
        first = pdf.read_bytes()

        content.write_text(MINIMAL.replace("Testland", "Editland"), encoding="utf-8")
        wait_for(lambda: pdf.read_bytes() != first)
        assert "Editland" in PdfReader(pdf).pages[0].extract_text()
        good = pdf.read_bytes()

        content.write_text(MINIMAL.replace("title: Testland", "titel: Testland"), encoding="utf-8")
        wait_for(lambda: "'title', the key nearest to it" in log.read_text())
        assert "content.yaml:2:1: error: unknown key 'titel'" in log.read_text()
        assert pdf.read_bytes() == good

        content.write_text(MINIMAL.replace("Testland", "Fixland"), encoding="utf-8")
        wait_for(lambda: pdf.read_bytes() != good)
        assert "Fixland" in PdfReader(pdf).pages[0].extract_text()
    finally:
        watcher.send_signal(signal.SIGINT)
        code = watcher.wait(timeout=20)
    assert code == 0
    assert "Traceback" not in log.read_text()


def test_watch_says_when_there_is_no_pdf_yet_times_each_outcome_and_stops_quietly(
    tmp_path: Path,
) -> None:
    import re

    content = tmp_path / "content.yaml"
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        time.sleep(2)  # the first outcome: no file yet
        content.write_text(MINIMAL, encoding="utf-8")
        wait_for((tmp_path / "content.pdf").exists)
        time.sleep(0.5)
    finally:
        watcher.send_signal(signal.SIGINT)
        out, err = watcher.communicate(timeout=20)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    assert "`watch` and `preview`, which Ctrl-C is the way to stop, end with 0" in readme
    assert watcher.returncode == 0
    assert without_fit(err) == (
        "content.yaml:1:1: error: there is no file content.yaml; expected the name of a content "
        "file, such as content.yaml\n"
    )  # and no word from the file watcher about Ctrl-C
    lines = out.splitlines()
    assert lines[0] == "watching content.yaml (Ctrl-C to stop)"
    assert re.fullmatch(r"\d\d:\d\d:\d\d no PDF yet \(1 problem to fix\)", lines[1])
    assert re.fullmatch(r"\d\d:\d\d:\d\d built content.pdf \(1 page, Letter, .*", lines[2])


def test_watch_follows_the_logo(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), "#112E51").save(logo)
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL + "logo:\n  file: logo.png\n  alt: A square\n", encoding="utf-8")
    pdf = tmp_path / "content.pdf"
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(pdf.exists)
        before = pdf.read_bytes()
        Image.new("RGB", (80, 40), "#A31F34").save(logo)
        wait_for(lambda: pdf.read_bytes() != before)
    finally:
        watcher.send_signal(signal.SIGINT)
        assert watcher.wait(timeout=20) == 0


def test_bulk_build_with_a_failing_file(tmp_path: Path) -> None:
    sheets = tmp_path / "sheets"
    sheets.mkdir()
    for name in "abcdef":
        (sheets / f"{name}.yaml").write_text(
            MINIMAL.replace("Testland", name.upper() + "land"), encoding="utf-8"
        )
    (sheets / "c.yaml").write_text(MINIMAL + "title: again\n", encoding="utf-8")
    (sheets / "notes.txt").write_text("not content", encoding="utf-8")
    extra = tmp_path / "extra.yaml"
    extra.write_text(MINIMAL, encoding="utf-8")
    result = run("build", "sheets", "extra.yaml", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["file", "pages", "fit", "time", "status"]
    rows = {line.split()[0]: line for line in lines[2:-1]}
    assert list(rows) == [*(f"sheets/{n}.yaml" for n in "abcdef"), "extra.yaml"]
    assert rows["sheets/c.yaml"].split()[-1] == "failed"
    short = "ok, 2 warnings"  # too short for two columns: one column, and how full it is
    assert all(rows[f"sheets/{n}.yaml"].endswith(short) for n in "abdef")
    assert lines[-1] == "6 built, 1 failed"
    assert without_fit(result.stderr).startswith("sheets/c.yaml:6:1: error: duplicate key 'title'")
    for name in "abdef":
        assert len(PdfReader(sheets / f"{name}.pdf").pages) == 1
    assert not (sheets / "c.pdf").exists()


def test_book(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(MINIMAL + "subtitle: Overview\ndate: 2020-02-03\n", encoding="utf-8")
    book = tmp_path / "book.pdf"
    result = run("book", SAMPLE, other, "-o", book, "--title", "Sahel briefings", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout and "(4 pages: cover, contents and 2 sheets)" in result.stdout
    reader = PdfReader(book)
    assert len(reader.pages) == 4
    cover, contents = (reader.pages[i].extract_text() for i in (0, 1))
    assert "Sahel briefings" in cover and "2 briefings" in cover
    assert "Updated February 3, 2020" in cover  # the latest sheet's date
    assert "Niger: INL Program Overview" in contents and "Testland: Overview" in contents
    assert reader.pages[2].extract_text().rstrip().endswith("3")
    assert reader.pages[3].extract_text().rstrip().endswith("4")
    assert [o.title for o in reader.outline] == [
        "Contents",
        "Niger: INL Program Overview",
        "Testland: Overview",
    ]
    assert [reader.get_destination_page_number(o) for o in reader.outline] == [1, 2, 3]
    with pikepdf.open(book) as pdf:
        assert pdf.check_pdf_syntax() == []
        targets = []
        for annotation in pdf.pages[1].Annots:
            destination = annotation.Dest
            page = destination[0] if isinstance(destination, pikepdf.Array) else None
            targets.append(next(i for i, p in enumerate(pdf.pages) if p.obj == page))
            assert "/StructParent" in annotation
        assert targets == [2, 2, 3, 3]  # each entry's title and page number link to the sheet
        assert [p.obj.StructParents for p in pdf.pages] == [0, 1, 2, 3]
        parts = [k for k in pdf.Root.StructTreeRoot.K.K if k.S == "/Part"]
        assert len(parts) == 4
    again = tmp_path / "again.pdf"
    run("book", SAMPLE, other, "-o", again, "--title", "Sahel briefings", cwd=ROOT)
    assert again.read_bytes() == book.read_bytes()


def test_a_book_of_30_sheets_continues_its_contents_on_another_page(tmp_path: Path) -> None:
    names = []
    for number in range(1, 31):
        names.append(tmp_path / f"s{number:02}.yaml")
        names[-1].write_text(MINIMAL.replace("Testland", f"Land {number:02}"), encoding="utf-8")
    book = tmp_path / "book.pdf"
    result = run("book", *names, "-o", book, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(33 pages: cover, contents and 30 sheets)" in result.stdout
    reader = PdfReader(book)
    listed = reader.pages[1].extract_text() + reader.pages[2].extract_text()
    assert [f"Land {n:02}" in listed for n in range(1, 31)] == [True] * 30
    assert "Land 30 33" in reader.pages[2].extract_text()  # its page, after two of contents
    assert reader.pages[32].extract_text().rstrip().endswith("33")
    assert reader.pages[3].extract_text().rstrip().endswith("4")
    with pikepdf.open(book) as pdf:
        for index in (1, 2):  # every entry on the paper, each linked to its sheet
            for annotation in pdf.pages[index].Annots:
                assert 0 < float(annotation.Rect[1]) < float(pdf.pages[index].MediaBox[3])
        last = pdf.pages[2].Annots[-1].Dest[0]
        assert next(i for i, p in enumerate(pdf.pages) if p.obj == last) == 32
    assert [reader.get_destination_page_number(o) for o in reader.outline][:3] == [1, 3, 4]


def test_the_current_folder_is_checked_and_built_as_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL, encoding="utf-8")
    checked = run("check", ".", cwd=tmp_path)
    assert (checked.returncode, checked.stdout) == (0, "a.yaml: ok, 2 warnings\n")
    assert without_fit(checked.stderr) == ""
    assert run("build", ".", cwd=tmp_path).returncode == 0 and (tmp_path / "a.pdf").is_file()


def test_book_reports_every_bad_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("title: [x]\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(MINIMAL + "paper: legal\n", encoding="utf-8")
    result = run("book", "a.yaml", "b.yaml", "-o", "book.pdf", cwd=tmp_path)
    assert result.returncode == 2
    assert "a.yaml:1:8: error: found a list" in result.stderr
    assert "b.yaml:6:8: error: found text 'legal'" in result.stderr
    assert not (tmp_path / "book.pdf").exists()


def test_new_writes_a_starter_that_builds(tmp_path: Path) -> None:
    result = run("new", "ghana", cwd=tmp_path)
    assert result.returncode == 0 and "wrote ghana.yaml" in result.stdout
    text = (tmp_path / "ghana.yaml").read_text(encoding="utf-8")
    assert "title: Ghana" in text and text.count("#") > 10
    built = run("build", "ghana.yaml", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert len(PdfReader(tmp_path / "ghana.pdf").pages) == 1
    again = run("new", "ghana", cwd=tmp_path)
    assert again.returncode == 2 and "ghana.yaml already exists" in again.stderr
    assert (tmp_path / "ghana.yaml").read_text(encoding="utf-8") == text


def test_new_names_a_schema_written_beside_the_sheet_with_its_comments_in_line(
    tmp_path: Path,
) -> None:
    result = run("new", "burkina", cwd=tmp_path)
    assert result.stdout == (
        "wrote burkina.yaml and briefing.schema.json (for editors); edit it, then run: "
        "briefing build burkina.yaml\n"
    )
    lines = (tmp_path / "burkina.yaml").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# yaml-language-server: $schema=briefing.schema.json"
    schema = (tmp_path / "briefing.schema.json").read_text(encoding="utf-8")
    assert json.loads(schema) == json.loads(run("schema", cwd=ROOT).stdout)
    columns = {line.index(" # ") for line in lines if " # " in line and line[0] != "#"}
    columns |= {line.index(" # ", 2) for line in lines if line[:4] == "#   " and " # " in line}
    assert len(columns) == 1, columns  # every end-of-line comment in one column
    assert run("new", "togo", cwd=tmp_path).stdout.startswith("wrote togo.yaml; ")  # as it was
    (tmp_path / "briefing.schema.json").write_text('{"title": "briefing content"}', "utf-8")
    assert "and briefing.schema.json" in run("new", "mali", cwd=tmp_path).stdout  # brought up
    (tmp_path / "briefing.schema.json").write_text("my own notes", "utf-8")
    assert run("new", "chad", cwd=tmp_path).returncode == 0
    assert (tmp_path / "briefing.schema.json").read_text("utf-8") == "my own notes"  # not ours


@pytest.mark.parametrize("formats", ["png", "pdf,png"])
def test_png_preview(tmp_path: Path, formats: str) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    result = run("build", "--format", formats, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    image = Image.open(tmp_path / "content.png")
    assert image.size == (1224, 1584)  # Letter at 144 dpi
    assert (tmp_path / "content.pdf").exists() == ("pdf" in formats)


def test_bad_format_is_refused(tmp_path: Path) -> None:
    result = run("build", "--format", "docx", cwd=tmp_path)
    assert result.returncode == 2 and "expected some of pdf, png, html" in result.stderr


def test_python_api(tmp_path: Path) -> None:
    result = build(SAMPLE, tmp_path / "niger.pdf")
    assert (result.pages, result.paper, result.warnings) == (1, "letter", [])
    assert result.fit.startswith("type at ") and result.output.exists()
    result = build(
        {"organization": "O", "title": "T", "sections": [{"heading": "H"}]},
        tmp_path / "t.pdf",
        paper="a4",
        formats=("pdf", "png"),
    )
    assert result.paper == "a4" and result.preview == tmp_path / "t.png"
    assert [w.message for w in result.warnings if not w.message.startswith(FIT_MESSAGES)] == [
        "the section 'H' has no text"
    ]
    with pytest.raises(ContentError) as error:
        build({"title": "T"}, tmp_path / "x.pdf")
    assert str(error.value).startswith(
        "organization: error: the top level has no 'organization'; expected 'organization:'"
    )
    assert error.value.problems[0].field == "organization"
    assert not (tmp_path / "x.pdf").exists()


def test_watch_with_an_output_path_stops_on_ctrl_c(tmp_path: Path) -> None:
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", str(SAMPLE), "-o", str(tmp_path / "x.pdf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_for((tmp_path / "x.pdf").exists)
    watcher.send_signal(signal.SIGINT)
    assert watcher.wait(timeout=20) == 0
    assert watcher.stderr is not None and b"Traceback" not in watcher.stderr.read()


_LOADED = """
import contextlib, io, json, sys
from briefing.commands.cli import main
with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
    main(sys.argv[1:])
print(json.dumps(sorted({name.split(".")[0] for name in sys.modules})))
"""
_PARSERS = {"markdown_it", "mdurl"}
_SERVER = {"http", "socketserver", "watchfiles", "webbrowser"}  # preview's, and only its


@pytest.mark.parametrize(
    ("args", "absent", "present"),
    [
        (["--help"], {"reportlab", "yaml", *_PARSERS, *_SERVER}, {"argparse"}),
        (["build", "--help"], {"reportlab", "yaml", *_PARSERS, *_SERVER}, {"argparse"}),
        (["preview", "--help"], {"reportlab", "yaml", *_PARSERS, *_SERVER}, {"argparse"}),
        (
            ["build", str(SAMPLE), "-o", "{out}"],
            {"pypdfium2", "html", "calendar", *_PARSERS, *_SERVER},
            {"reportlab", "yaml"},
        ),
        (["preview", "--port", "70000"], {"reportlab", "yaml", *_SERVER}, {"argparse"}),
    ],
)
def test_what_a_command_loads(
    tmp_path: Path, args: list[str], absent: set[str], present: set[str]
) -> None:
    """Help loads no ReportLab; a build no peer Markdown parser, mdurl only for a link, no web
    server, nor ``html`` or ``calendar`` (a millisecond each); preview loads its server only
    once its arguments are good."""
    argv = [a.format(out=tmp_path / "out.pdf") for a in args]
    result = subprocess.run([sys.executable, "-c", _LOADED, *argv], capture_output=True, text=True)
    loaded = set(json.loads(result.stdout))
    assert not absent & loaded and present <= loaded


@pytest.mark.parametrize(
    "args",
    [["--help"], ["build", "--format", "docx"], ["check", "good.yaml", "bad.yaml"]],
)
def test_the_tests_run_the_command_line_as_python_m_briefing_does(
    tmp_path: Path, args: list[str]
) -> None:
    """The tests call the command line in their own process: what they see (exit code, output
    and errors) is what ``python -m briefing`` gives, help and argument errors included."""
    (tmp_path / "good.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(MINIMAL.replace("title:", "titel:"), encoding="utf-8")
    fresh, here = run_process(*args, cwd=tmp_path), run(*args, cwd=tmp_path)
    assert (here.returncode, here.stdout, here.stderr) == (
        fresh.returncode,
        fresh.stdout,
        fresh.stderr,
    )
    assert fresh.stdout + fresh.stderr


def test_a_sheet_that_fits_alone_but_not_in_the_book_says_so(tmp_path: Path) -> None:
    words = " ".join(["word"] * 1270)  # fits on Letter at 8 pt, not on A4
    sheet = tmp_path / "long.yaml"
    sheet.write_text(
        f"organization: O\ntitle: T\nsections:\n  - heading: A\n    body: {words}\n",
        encoding="utf-8",
    )
    assert run("check", sheet, cwd=tmp_path).returncode == 0  # alone, on its own Letter
    book = tmp_path / "book.pdf"
    book.write_bytes(b"the previous book")
    result = run("book", sheet, "-o", book, "--paper", "a4", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"{sheet}:4:14: error: in the book (on A4, the book's paper, not the sheet's own "
        "Letter): the content runs about "
    ), result.stderr
    assert result.stderr.endswith("; or the book on Letter (--paper letter)\n")
    assert book.read_bytes() == b"the previous book"
