"""Hostile and careless input: nothing a writer types or names crashes, hangs, eats memory or
destroys a file. Each bad build exits 2 with a located message (1 only when a file cannot be
written), leaves every previous output byte for byte, and leaves no stray file behind."""

from __future__ import annotations

import base64
import fcntl
import os
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

import briefing
from briefing import ContentError, UsageError
from briefing.commands.cli import main

from .commands.test_commands import wait_for
from .conftest import MINIMAL, run, without_fit

LOGO = "logo:\n  file: {}\n  alt: A square\n"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every entry of ``folder`` (hidden ones too) with its bytes; None for folders and others."""
    return {
        entry.name: entry.read_bytes() if entry.is_file() else None
        for entry in sorted(folder.iterdir())
    }


def attempt(
    tmp_path: Path,
    content: str | bytes,
    *args: str | Path,
    code: int = 2,
    env: dict[str, str] | None = None,
) -> str:
    """Build MINIMAL, then ``content`` with ``args``: assert the exit code, no traceback, no
    change to any other file and no new one; return stderr."""
    source = tmp_path / "content.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8", newline="")
    before = snapshot(tmp_path)
    result = run("build", *args, cwd=tmp_path, env=env)
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(tmp_path) == before
    return result.stderr


def png_of_zeros(path: Path, width: int, height: int, noise: int = 0) -> None:
    """A grayscale PNG, written without ever holding its pixels; ``noise`` random pixels
    start each row (a file of zeros has more pixels a byte than an image may have)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    packer = zlib.compressobj(9)
    row = bytes(width + 1 - noise)
    rows = (packer.compress(b"\0" + os.urandom(noise) + row[1:]) for _ in range(height))
    data = b"".join(rows) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


_MEASURED = """
import os, resource, sys
pid = os.fork()  # a peak of its own: a process started by exec keeps its parent's peak
if pid == 0:
    from briefing.commands.cli import main
    code = main(sys.argv[2:])
    usage = resource.getrusage(resource.RUSAGE_SELF)
    with open(sys.argv[1], "w") as report:
        report.write(f"{usage.ru_maxrss} {usage.ru_utime + usage.ru_stime}")
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
sys.exit(os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]))
"""


def measured(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float, float]:
    """Run the command line in a fresh process; its result, peak memory (MB) and CPU seconds."""
    report = cwd / ".." / f"{cwd.name}.usage"
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, str(report), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )
    peak, cpu = report.read_text().split()
    report.unlink()
    return result, int(peak) / 1024, float(cpu)


def images_in(pdf: Path) -> list[tuple[int, int]]:
    """The width and height of every image in a PDF."""
    with pikepdf.open(pdf) as document:
        return [
            (int(o.Width), int(o.Height))
            for o in document.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"
        ]


# Crashes that are now located errors, or build


def test_svg_logo_holding_a_raster_image_builds(tmp_path: Path) -> None:
    Image.new("RGB", (40, 30), "#112E51").save(tmp_path / "inner.png")
    inner = base64.b64encode((tmp_path / "inner.png").read_bytes()).decode()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="100"><rect width="100" height="100" fill="#A31F34"/>{}</svg>'
    )
    image = '<image x="10" y="10" width="40" height="30" xlink:href="{}"/>'
    (tmp_path / "held.svg").write_text(svg.format(image.format(f"data:image/png;base64,{inner}")))
    (tmp_path / "beside.svg").write_text(svg.format(image.format("inner.png")))
    for name in ("held.svg", "beside.svg"):
        (tmp_path / "content.yaml").write_text(MINIMAL + LOGO.format(name), encoding="utf-8")
        result = run("build", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert images_in(tmp_path / "content.pdf") == [(40, 30)]


def test_svg_logo_cannot_reach_outside_its_folder(tmp_path: Path) -> None:
    Image.new("RGB", (40, 30), "#112E51").save(tmp_path / "secret.png")
    (tmp_path / "seal").mkdir()
    (tmp_path / "seal" / "seal.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="100" height="100"><image width="40" height="30" xlink:href="../secret.png"/></svg>'
    )
    stderr = attempt(tmp_path, MINIMAL + LOGO.format("seal/seal.svg"))
    assert stderr == (
        "content.yaml:7:9: error: the SVG 'seal/seal.svg' refers to '../secret.png', outside its "
        "folder; expected an SVG whose images are in its own folder or written into it\n"
    )


def test_truncated_image_is_not_readable(tmp_path: Path) -> None:
    Image.new("RGB", (200, 200), "#112E51").save(tmp_path / "logo.png")
    data = (tmp_path / "logo.png").read_bytes()
    (tmp_path / "logo.png").write_bytes(data[: len(data) // 2])
    stderr = attempt(tmp_path, MINIMAL + LOGO.format("logo.png"))
    assert stderr.startswith(
        "content.yaml:7:9: error: the file 'logo.png' is not a readable PNG, JPEG or SVG image"
    )


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_logo_that_is_not_a_file(tmp_path: Path, kind: str) -> None:
    if kind == "folder":
        (tmp_path / "logo.png").mkdir()
    else:
        os.mkfifo(tmp_path / "logo.png")
    stderr = attempt(tmp_path, MINIMAL + LOGO.format("logo.png"))
    wrong = "is a folder" if kind == "folder" else "is not a regular file"
    assert stderr.startswith(f"content.yaml:7:9: error: the image 'logo.png' {wrong}")


def test_empty_alt_text_is_called_empty(tmp_path: Path) -> None:
    stderr = attempt(tmp_path, MINIMAL + 'logo:\n  file: logo.png\n  alt: ""\n')
    assert stderr.startswith("content.yaml:8:8: error: found empty text; expected text")


def test_bad_arguments_and_environment(tmp_path: Path) -> None:
    stderr = attempt(tmp_path, MINIMAL, "-j", "-3")
    assert "argument -j/--jobs: expected a number of files, 1 or more; got '-3'" in stderr
    stderr = attempt(tmp_path, MINIMAL, env={"SOURCE_DATE_EPOCH": "abc"})
    assert stderr.startswith("briefing: SOURCE_DATE_EPOCH is 'abc'; expected whole seconds")
    (tmp_path / "empty").mkdir()
    for command in ("build", "book"):
        result = run(command, "empty", "-o", "book.pdf", cwd=tmp_path)
        assert result.returncode == 2
        assert (
            result.stderr
            == "briefing: the folder empty has no .yaml files; expected content files\n"
        )


# Resource exhaustion


def test_image_with_too_many_pixels_is_refused_before_decoding(tmp_path: Path) -> None:
    png_of_zeros(tmp_path / "logo.png", 13_000, 13_000)
    (tmp_path / "content.yaml").write_text(MINIMAL + LOGO.format("logo.png"), encoding="utf-8")
    result, peak, _ = measured("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "content.yaml:7:9: error: the image 'logo.png' has more than 50 million pixels; expected "
        "an image of at most 50 million pixels (a logo needs no more than 1200 pixels on its "
        "longer side)\n"
    )
    assert peak < 200, f"{peak:.0f} MB"
    assert not (tmp_path / "content.pdf").exists()


def test_large_image_is_scaled_down(tmp_path: Path) -> None:
    png_of_zeros(tmp_path / "logo.png", 6_000, 4_000, noise=60)
    (tmp_path / "content.yaml").write_text(MINIMAL + LOGO.format("logo.png"), encoding="utf-8")
    result, peak, _ = measured("build", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert without_fit(result.stderr) == ""  # no warning from the image decoder
    assert peak < 400, f"{peak:.0f} MB"
    assert images_in(tmp_path / "content.pdf") == [(1200, 800)]


def test_thousands_of_missing_characters_are_reported_quickly_and_counted(tmp_path: Path) -> None:
    text = "".join(chr(0xAC00 + i) for i in range(8000))
    content = MINIMAL.replace("A short paragraph about Testland.", f'"{text}"')
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result, _, cpu = measured("build", cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 22  # the characters, and the text as one word of 8,000 (no space)
    assert lines[0].startswith("content.yaml:5:12: error: the character '가' (U+AC00")
    assert lines[1].startswith("content.yaml:5:12: error: a word of 8,000 characters")
    assert lines[20].startswith("content.yaml:5:31: error: the character")
    assert lines[21].startswith("content.yaml:5:32: error: and 7,980 more like the 20 above;")
    assert cpu < 20, f"{cpu:.1f} s of CPU"


def test_a_huge_dict_is_refused_like_a_huge_file(tmp_path: Path) -> None:
    sections = [{"heading": f"Part {i}", "body": "Some words."} for i in range(100_000)]
    start = time.process_time()
    with pytest.raises(ContentError) as caught:
        briefing.build(
            {"organization": "O", "title": "T", "sections": sections}, tmp_path / "x.pdf"
        )
    assert time.process_time() - start < 5
    assert str(caught.value).startswith("<dict>")
    assert "the content is larger than a 1 MB file" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("field", "length", "limit", "column"),
    [("marking", 180, 50, 60), ("online", 3000, 200, 209)],
)
def test_marking_and_web_address_are_bounded(
    tmp_path: Path, field: str, length: int, limit: int, column: int
) -> None:
    value = "https://example.org/" + "a" * (length - 20) if field == "online" else "SECRET " * 26
    stderr = attempt(tmp_path, MINIMAL + f"{field}: {value[:length]}\n")
    assert stderr == (
        f"content.yaml:6:{column}: error: the {field} has {length} characters; "
        f"expected at most {limit} characters\n"
    )


LENGTHS = st.one_of(st.sampled_from([0, 1, 3000]), st.integers(0, 3000))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=LENGTHS,
    facts=LENGTHS.map(lambda n: n // 10),
    contacts=LENGTHS.map(lambda n: n // 20),
    lead=LENGTHS,
    label=LENGTHS.map(lambda n: n // 6),
    url=st.one_of(st.just(3000), st.integers(0, 200)),
)
def test_fixed_parts_of_any_length_build_or_are_refused(
    title: int, facts: int, contacts: int, lead: int, label: int, url: int
) -> None:
    """From empty to absurd, the parts above and beside the sections build (exit 0) or are
    located errors (exit 2), never an internal error (exit 1)."""
    content = {
        "organization": "Test Office",
        "title": "T" + "x" * title,
        "lead": " ".join(["word"] * lead) or None,
        "key_figures": [{"value": "20%", "label": " ".join(["label"] * label) or "rise"}],
        "at_a_glance": [{"label": f"Fact {i}", "value": "Value"} for i in range(facts)],
        "contacts": [{"name": f"Person {i}", "email": "a@example.org"} for i in range(contacts)],
        "online": "https://example.org/" + "a" * url,
        "sections": [{"heading": "Overview", "body": "A short paragraph."}],
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "content.yaml"
        path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
        assert main(["build", str(path)]) in (0, 2)


def test_a_file_of_twenty_thousand_sections_is_refused_before_layout(tmp_path: Path) -> None:
    entries = "".join(f"  - heading: Part {i}\n    body: Words.\n" for i in range(20_000))
    content = "organization: O\ntitle: T\nsections:\n" + entries
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result, peak, cpu = measured("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(
        "content.yaml:124:5: error: 20000 sections; expected at most 60\n"
    )
    assert cpu < 20 and peak < 400, f"{cpu:.1f} s of CPU, {peak:.0f} MB"


def test_a_body_of_fifty_thousand_items_is_refused_before_layout(tmp_path: Path) -> None:
    items = "".join(f"      - item {i}\n" for i in range(50_000))
    content = MINIMAL.replace(
        "    body: A short paragraph about Testland.\n", f"    body: |\n{items}"
    )
    (tmp_path / "content.yaml").write_text(content, encoding="utf-8")
    result, peak, cpu = measured("build", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "content.yaml:5:11: error: the sections hold 50,000 paragraphs and list items; "
        "expected at most 500 in all (a page holds far fewer)\n"
    )
    assert cpu < 20 and peak < 400, f"{cpu:.1f} s of CPU, {peak:.0f} MB"


@pytest.mark.parametrize(
    ("field", "entry", "limit"),
    [("at_a_glance", "label: L\n    value: V", 40), ("contacts", "name: N", 20)],
)
def test_facts_and_contacts_are_bounded(tmp_path: Path, field: str, entry: str, limit: int) -> None:
    entries = f"  - {entry}\n" * (limit + 1)
    stderr = attempt(tmp_path, MINIMAL + f"{field}:\n{entries}")
    line = 7 + limit * entry.count("\n") + limit
    words = field.replace("_", " ")
    assert (
        stderr == f"content.yaml:{line}:5: error: {limit + 1} {words}; expected at most {limit}\n"
    )


# Silent damage


def test_output_that_is_a_source_of_the_build_is_refused(tmp_path: Path) -> None:
    Image.new("RGB", (40, 40), "#112E51").save(tmp_path / "logo.png")
    content = MINIMAL + LOGO.format("logo.png")
    for args in (["-o", "content.yaml"], ["-o", "logo.png"], ["-o", "logo.pdf", "--format", "png"]):
        stderr = attempt(tmp_path, content, *args)
        assert stderr.startswith("briefing: the output ")
        assert (
            "is a file the build reads (a content file, its style, a logo, a photo or a font)"
            in stderr
        )
    result = run("book", "content.yaml", "-o", "content.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "is a file the build reads" in result.stderr
    assert (tmp_path / "content.yaml").read_text(encoding="utf-8") == content
    with pytest.raises(UsageError, match="is a file the build reads"):
        briefing.build(tmp_path / "content.yaml", tmp_path / "content.yaml")


def test_output_that_is_not_a_regular_file_is_written_not_replaced(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    pipe = tmp_path / "out.pdf"
    os.mkfifo(pipe)  # first a pipe of our own: a device replaced by mistake would be the system's
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    try:
        result = run("build", "-o", pipe, cwd=tmp_path)
        received = reader.communicate(timeout=20)[0]  # ends once the build closes the pipe
    finally:
        reader.kill()
        reader.wait()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(pipe.stat().st_mode) and received.startswith(b"%PDF-")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.yaml", "out.pdf"]
    full = run("build", "-o", "/dev/full", cwd=tmp_path)
    assert full.returncode == 1
    assert full.stderr == "briefing: cannot write /dev/full: No space left on device\n"
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_lists_nested_too_deep_are_an_error(tmp_path: Path) -> None:
    items = "".join(f"      {'  ' * depth}- level {depth}\n" for depth in range(12))
    content = MINIMAL.replace(
        "    body: A short paragraph about Testland.\n",
        f"    body: |\n{items}\n      After the list.\n",
    )
    stderr = attempt(tmp_path, content)
    assert stderr == (
        "content.yaml:13:23: error: a list is nested 9 levels deep; "
        "expected lists nested at most 8 levels deep\n"
    )


def test_files_that_would_write_the_same_pdf_are_refused(tmp_path: Path) -> None:
    for name in ("a.yaml", "a.yml", "b.yaml", "c.yaml"):
        (tmp_path / name).write_text(MINIMAL, encoding="utf-8")
    result = run("build", "a.yaml", "b.yaml", "a.yml", "c.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (
        "briefing: a.yaml and a.yml would both write a.pdf; "
        "expected content files with different names, each built once\n"
    )
    assert not list(tmp_path.glob("*.pdf"))


def test_pdf_and_png_are_written_both_or_neither(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "out.pdf").mkdir()  # the PDF cannot be written
    (tmp_path / "out.png").write_bytes(b"the old preview")
    result = run("build", "-o", "out.pdf", "--format", "pdf,png", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("briefing: cannot write out.pdf: ")
    assert (tmp_path / "out.png").read_bytes() == b"the old preview"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["content.yaml", "out.pdf", "out.png"]


def test_new_quotes_the_title_and_never_writes_through_a_link(tmp_path: Path) -> None:
    result = run("new", "Niger: 2024", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert 'title: "Niger: 2024"' in (tmp_path / "Niger: 2024.yaml").read_text(encoding="utf-8")
    assert run("build", "Niger: 2024.yaml", cwd=tmp_path).returncode == 0
    (tmp_path / "link.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    result = run("new", "link", cwd=tmp_path)
    assert result.returncode == 2 and "link.yaml already exists" in result.stderr
    assert not (tmp_path / "elsewhere.yaml").exists()


def test_temporary_files_left_by_a_killed_build_are_removed(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    left, fresh, busy = (
        tmp_path / f".content.pdf.{name}.tmp" for name in ("abcd1234", "fresh_00", "busy_000")
    )
    for path in (left, fresh, busy):
        path.write_bytes(b"%PDF-1.4 half a file")
    now = time.time()
    for path, age in ((left, 60), (busy, 60), (fresh, -60)):  # fresh: a build just begun
        os.utime(path, (now - age, now - age))  # (here, however slowly the build starts)
    with busy.open("rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # a build still writing it
        assert run("build", cwd=tmp_path).returncode == 0
    assert not left.exists()
    assert fresh.exists() and busy.exists()


# A build held in the middle, reading its file, until it is interrupted (a named pipe once did
# this; the reader now refuses one).
_HELD = """
import sys, time
from briefing.content import reader
read = reader.read
def held(path):
    print("reading", flush=True)
    time.sleep(60)
    return read(path)
reader.read = held  # before the pipeline imports it
sys.argv = ["briefing", "build"]
from briefing.commands.cli import run
run()
"""


def test_ctrl_c_during_a_build_exits_130_and_keeps_the_pdf(tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
    before = snapshot(tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-c", _HELD],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    assert process.stdout.readline() == "reading\n"  # held in the middle of the build
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    assert process.communicate() == ("", "")
    assert snapshot(tmp_path) == before


# Terminal and API hygiene


def test_control_characters_are_shown_escaped(tmp_path: Path) -> None:
    stderr = attempt(tmp_path, MINIMAL + '"\\e]0;pwned\\a\\e[2J": x\n')
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert stderr.startswith("content.yaml:6:1: error: unknown key '\\x1b]0;pwned\\x07\\x1b[2J'")


def test_raw_control_character_and_old_mac_line_ends_are_located(tmp_path: Path) -> None:
    stderr = attempt(tmp_path, MINIMAL.replace("title: Testland", "title: Test\0land"))
    assert stderr.startswith(
        "content.yaml:2:12: error: the control character U+0000 is not allowed in a content file"
    )
    content = MINIMAL.replace("Testland\n", "Testland ☃\n", 1).replace("\n", "\r")
    stderr = attempt(tmp_path, content)
    assert stderr.startswith("content.yaml:2:17: error: the character '☃'")


def test_api_arguments(tmp_path: Path) -> None:
    section = {"heading": "Overview", "body": "Words."}
    content = {"organization": "O", "title": "T", "sections": [section, section]}
    result = briefing.build(content, tmp_path / "twice.pdf", paper="A4")
    assert result.paper == "a4" and result.output.exists()
    for bad in (10**5000, b"bytes"):
        with pytest.raises(ContentError, match=r"^title: error: found (bytes|a number of over)"):
            briefing.build({**content, "title": bad}, tmp_path / "bad.pdf")
    with pytest.raises(UsageError, match="content is a file name or a dict; got 5"):
        briefing.build(5, tmp_path / "bad.pdf")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="output is an empty file name"):
        briefing.build(content, "")
    with pytest.raises(UsageError, match="paper is one of letter, a4; got 'legal'"):
        briefing.build(content, tmp_path / "bad.pdf", paper="legal")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["twice.pdf"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_bulk_build_survives_a_file_that_cannot_be_written(tmp_path: Path, jobs: str) -> None:
    for name in "abcd":
        (tmp_path / f"{name}.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "a.pdf").mkdir()
    result = run("build", "a.yaml", "b.yaml", "c.yaml", "d.yaml", "-j", jobs, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("briefing: a.yaml: cannot write a.pdf: ")
    assert result.stdout.splitlines()[-1] == "3 built, 1 failed"
    assert all((tmp_path / f"{name}.pdf").is_file() for name in "bcd")


def test_watch_survives_an_output_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "content.yaml").write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "out.pdf").mkdir()
    log = tmp_path / "log.txt"
    with log.open("w") as out:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "briefing", "watch", "-o", "out.pdf"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "no PDF yet (1 problem to fix)" in log.read_text())
        assert "content.yaml:1:1: error: cannot write out.pdf: " in log.read_text()
        (tmp_path / "out.pdf").rmdir()
        (tmp_path / "content.yaml").write_text(
            MINIMAL.replace("Testland", "Later"), encoding="utf-8"
        )
        wait_for((tmp_path / "out.pdf").is_file)
    finally:
        watcher.send_signal(signal.SIGINT)
        code = watcher.wait(timeout=20)
    assert code == 0
    assert "Traceback" not in log.read_text()


def test_watch_survives_every_bad_save(tmp_path: Path) -> None:
    folder = tmp_path / "sheet"
    folder.mkdir()
    content, pdf = folder / "content.yaml", folder / "content.pdf"
    content.write_text(MINIMAL, encoding="utf-8")
    Image.new("RGB", (200, 200), "#112E51").save(folder / "good.png")
    truncated = (folder / "good.png").read_bytes()[:300]
    (folder / "truncated.png").write_bytes(truncated)
    png_of_zeros(folder / "huge.png", 13_000, 13_000)
    log = tmp_path / "log.txt"
    with log.open("w") as out:
        watcher = subprocess.Popen(
            [sys.executable, "-m", "briefing", "watch", "sheet/content.yaml"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "built" in log.read_text())
        good = pdf.read_bytes()
        deep = "organization: O\ntitle: T\nsections:\n  " + "- " * 900 + "x\n"
        nested = "".join(f"      {'  ' * depth}- level {depth}\n" for depth in range(12)) + "\n"
        saves = [
            ("", "the file is empty"),
            (deep, "found a list"),
            (MINIMAL.replace("Testland", "Test\0land"), "U+0000"),
            (MINIMAL + LOGO.format("truncated.png"), "not a readable PNG"),
            (MINIMAL + LOGO.format("huge.png"), "more than 50 million pixels"),
            (MINIMAL + LOGO.format("."), "is a folder"),
            (MINIMAL.replace("Testland", "Testland ☃"), "U+2603"),
            (MINIMAL + "online: https://example.org/" + "a" * 3000 + "\n", "at most 200 char"),
            (MINIMAL + "at_a_glance:\n" + "  - label: L\n    value: V\n" * 200, "200 at a glance"),
            (
                MINIMAL.replace("    body: A short", "    body: |\n" + nested + "      A short"),
                "9 levels",
            ),
        ]
        for text, message in saves:
            content.write_text(text, encoding="utf-8")
            wait_for(lambda message=message: message in log.read_text())
            assert pdf.read_bytes() == good
        content.write_text(MINIMAL.replace("Testland", "Goodland"), encoding="utf-8")
        wait_for(lambda: pdf.read_bytes() != good)
        rebuilt = pdf.read_bytes()
        folder.rename(tmp_path / "old")
        folder.mkdir()
        content.write_text(MINIMAL.replace("Testland", "Newland"), encoding="utf-8")
        wait_for(lambda: pdf.exists() and pdf.read_bytes() != rebuilt)
        assert watcher.poll() is None
    finally:
        watcher.send_signal(signal.SIGINT)
        code = watcher.wait(timeout=20)
    assert code == 0
    assert "Traceback" not in log.read_text()
