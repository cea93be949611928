"""Benchmark briefing against Typst (typst-py) and WeasyPrint on the Niger sheet, in one run.

    pip install -e '.[bench]' && python benchmarks/run.py

Prints medians and ratios and writes them, with the machine and date, to benchmarks/RESULTS.md.
WeasyPrint needs Pango from the system (Debian: libpango-1.0-0 libpangoft2-1.0-0).
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SAMPLE = ROOT / "content.yaml"
FONTS = ROOT / "briefing" / "fonts"
PYTHON = sys.executable


def median_ms(run: Callable[[], object], repeat: int, warmup: int = 2) -> float:
    """Median wall time of ``run`` in milliseconds, after ``warmup`` untimed calls."""
    for _ in range(warmup):
        run()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def process_ms(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time (ms) of a whole process, and its peak resident memory (MB)."""
    times, peaks = [], []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise RuntimeError(
                f"{command} failed: {child.stderr.read().decode() if child.stderr else ''}"
            )
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times[1:]) * 1000, max(peaks)  # the first run warms the disk cache


# -- the peers' renderings of the same content ----------------------------------------------


def peer_data() -> dict[str, Any]:
    """The sample's content in the shape the Typst and HTML templates take."""
    content = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    sections = []
    for section in content["sections"]:
        paragraphs = []
        for paragraph in section["body"].strip().split("\n\n"):
            text = " ".join(paragraph.split())
            match = re.match(r"\*\*(.+?)\*\*\s*(.*)", text)
            bold, rest = (match.group(1), match.group(2)) if match else ("", text)
            paragraphs.append({"bold": bold, "text": rest})
        sections.append({"heading": section["heading"], "paragraphs": paragraphs})
    date = content["date"]
    return {
        "organization": content["organization"],
        "office": content["office"],
        "title": content["title"],
        "subtitle": content["subtitle"],
        "lead": " ".join(content["lead"].split()),
        "figures": [
            {"value": str(f["value"]), "label": f["label"]} for f in content["key_figures"]
        ],
        "sections": sections,
        "footer": content["footer"],
        "updated": f"Updated {date:%B} {date.day}, {date.year}",
    }


def typst_renderer(data: dict[str, Any]) -> Callable[[], bytes]:
    import typst

    compiler = typst.Compiler(
        str(HERE / "templates" / "briefing.typ"),
        font_paths=[str(FONTS)],
        sys_inputs={"data": json.dumps(data)},
    )
    return compiler.compile


def weasyprint_renderer(data: dict[str, Any]) -> Callable[[], bytes]:
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    e = html.escape
    figures = "".join(f"<div><b>{e(f['value'])}</b>{e(f['label'])}</div>" for f in data["figures"])
    sections = "".join(
        f"<h2>{e(s['heading'])}</h2>"
        + "".join(
            f"<p><b>{e(p['bold'])}</b> {e(p['text'])}</p>"
            if p["bold"]
            else f"<p>{e(p['text'])}</p>"
            for p in s["paragraphs"]
        )
        for s in data["sections"]
    )
    page = (
        (HERE / "templates" / "briefing.html")
        .read_text(encoding="utf-8")
        .format(
            fonts=FONTS.as_uri(),
            figures=figures,
            sections=sections,
            **{k: e(v) for k, v in data.items() if isinstance(v, str)},
        )
    )
    fonts = FontConfiguration()
    return lambda: HTML(string=page, base_url=str(ROOT)).write_pdf(font_config=fonts)


def briefing_renderer() -> Callable[[], bytes]:
    from briefing.pipeline import check, render

    def run() -> bytes:
        model, _ = check(SAMPLE)
        return render(model, base=ROOT)[0]

    return run


def pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


# -- the measurements ---------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (for a smoke run)")
    args = parser.parse_args()
    repeat = 5 if args.quick else 30
    rows: list[tuple[str, str, str]] = []
    data = peer_data()

    def row(name: str, value: str, note: str = "") -> None:
        rows.append((name, value, note))
        print(f"{name:<58} {value:>14}  {note}")

    renderers: dict[str, Callable[[], bytes]] = {"briefing": briefing_renderer()}
    for name, factory in (("typst-py", typst_renderer), ("WeasyPrint", weasyprint_renderer)):
        try:
            renderers[name] = factory(data)
        except Exception as error:  # noqa: BLE001 - a missing peer is reported, not fatal
            print(f"{name} unavailable: {error!r}")
    for name, renderer in renderers.items():
        row(f"pages of the Niger sheet: {name}", str(pages(renderer())))

    print("\n# Warm render of one sheet (YAML or data to PDF bytes, fit included)")
    warm = {
        name: median_ms(r, repeat if name != "WeasyPrint" else max(5, repeat // 6))
        for name, r in renderers.items()
    }
    for name, ms in warm.items():
        row(f"warm render: {name}", f"{ms:.1f} ms")
    if "typst-py" in warm:
        row(
            "warm render: briefing / typst-py",
            f"{warm['briefing'] / warm['typst-py']:.2f}",
            "target <= 0.50",
        )

    print("\n# Whole process, cold (median of several runs)")
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "out.pdf")
        briefing_cli = shutil.which("briefing") or f"{PYTHON} -m briefing"
        floor, _ = process_ms([PYTHON, "-c", "import reportlab.platypus, yaml"], repeat // 2 + 3)
        cold, peak = process_ms(
            [*briefing_cli.split(), "build", str(SAMPLE), "-o", out], repeat // 2 + 3
        )
        helped, _ = process_ms([*briefing_cli.split(), "--help"], repeat // 2 + 3)
        row("floor: python -c 'import reportlab.platypus, yaml'", f"{floor:.0f} ms")
        row("briefing build (whole process)", f"{cold:.0f} ms")
        row("briefing build / floor", f"{cold / floor:.2f}", "target <= 1.25")
        row("briefing --help", f"{helped:.0f} ms", "target < 60 ms")
        peers = {
            "typst-py": "import typst, json, sys; typst.compile(sys.argv[1], font_paths=[sys.argv[2]],"
            " sys_inputs={'data': sys.argv[3]}, output=sys.argv[4])",
        }
        peaks = {"briefing": peak}
        if "typst-py" in renderers:
            typst_ms, peaks["typst-py"] = process_ms(
                [
                    PYTHON,
                    "-c",
                    peers["typst-py"],
                    str(HERE / "templates" / "briefing.typ"),
                    str(FONTS),
                    json.dumps(data),
                    out,
                ],
                repeat // 2 + 3,
            )
            row("typst-py compile (whole process)", f"{typst_ms:.0f} ms")
        if "WeasyPrint" in renderers:
            script = (
                "import sys, runpy; sys.argv = ['x', '--weasy-once', sys.argv[1]]; "
                "runpy.run_path(sys.argv[2], run_name='__main__')"
            )
            weasy_ms, peaks["WeasyPrint"] = process_ms(
                [PYTHON, str(Path(__file__)), "--weasy-once", out]
                if False
                else [PYTHON, "-c", script, out, str(Path(__file__))],
                3,
            )
            row("WeasyPrint render (whole process)", f"{weasy_ms:.0f} ms")

    print("\n# Batch: sheets per second, one process")
    batch = 100 if not args.quick else 20
    with tempfile.TemporaryDirectory() as folder:
        from briefing import build

        start = time.perf_counter()
        for number in range(batch):
            build(SAMPLE, Path(folder) / f"{number}.pdf")
        ours = batch / (time.perf_counter() - start)
        row(f"batch of {batch}: briefing.build, sequential", f"{ours:.0f} sheets/s")
        if "typst-py" in renderers:
            start = time.perf_counter()
            for number in range(batch):
                (Path(folder) / f"t{number}.pdf").write_bytes(renderers["typst-py"]())
            theirs = batch / (time.perf_counter() - start)
            row(f"batch of {batch}: typst-py, sequential", f"{theirs:.0f} sheets/s")
            row("batch: briefing / typst-py", f"{ours / theirs:.2f}", "target >= 2")
        if "WeasyPrint" in renderers:
            few = 5
            start = time.perf_counter()
            for _ in range(few):
                renderers["WeasyPrint"]()
            row(
                f"batch: WeasyPrint ({few} sheets)",
                f"{few / (time.perf_counter() - start):.1f} sheets/s",
            )

    print("\n# Peak memory of one build (whole process, max resident set)")
    for name, mb in peaks.items():
        row(f"peak memory: {name}", f"{mb:.0f} MB", "target < 100 MB" if name == "briefing" else "")

    write_results(rows)


def write_results(rows: list[tuple[str, str, str]]) -> None:
    """Record the figures with the machine and the date in RESULTS.md."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        match = re.search(r"model name\s*:\s*(.+)", cpuinfo.read_text())
        cpu = match.group(1) if match else cpu
    versions = []
    for package in ("briefing", "reportlab", "typst", "weasyprint"):
        try:
            versions.append(f"{package} {metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package} (not installed)")
    lines = [
        "# Benchmark results",
        "",
        f"Run on {datetime.date.today():%Y-%m-%d} with `python benchmarks/run.py`: {cpu}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()} on {platform.system()}; "
        + ", ".join(versions)
        + ". Times are medians; the machine is shared and noisy.",
        "",
        "| measure | value | note |",
        "|---|---:|---|",
        *[f"| {name} | {value} | {note} |" for name, value, note in rows],
        "",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines), encoding="utf-8")
    print(f"\nwrote {HERE / 'RESULTS.md'}")


def weasy_once(out: str) -> None:
    """Render the sheet once with WeasyPrint (the whole-process measurement runs this)."""
    Path(out).write_bytes(weasyprint_renderer(peer_data())())


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--weasy-once":
        weasy_once(sys.argv[2])
    else:
        main()
