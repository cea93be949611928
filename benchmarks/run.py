"""Benchmark briefing against Typst (typst-py) and WeasyPrint on the Niger sheet, in one run.

    pip install '.[bench]' && python benchmarks/run.py

Prints medians and ratios and writes them, with the machine and date, to benchmarks/RESULTS.md.
WeasyPrint needs Pango from the system (Debian: libpango-1.0-0 libpangoft2-1.0-0).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import datetime
import html
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
SAMPLE = ROOT / "content.yaml"
BLOCKS = ROOT / "examples" / "mali-blocks.yaml"  # a chart, a table and a photo
FONTS = ROOT / "briefing" / "fonts"
PYTHON = sys.executable
FLOOR = "import reportlab.platypus, yaml"


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


def briefing_command() -> list[str]:
    """The installed ``briefing`` command of this Python, as a user runs it.

    Not ``python -m briefing`` from the repository: that would run the source tree, whose
    modules may have no compiled bytecode to load.
    """
    installed = Path(sys.executable).with_name("briefing")
    if not installed.exists():
        raise SystemExit("install briefing in this environment first: pip install '.[bench]'")
    return [str(installed)]


def process_ms(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median wall time (ms) of whole processes, and their peak resident memory (MB).

    The commands take turns, so that a slower or faster spell of this shared machine falls on
    all of them alike; the first round only warms the disk cache.
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for round_ in range(repeat + 1):
        for name, command in commands.items():
            start = time.perf_counter()
            child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            if os.waitstatus_to_exitcode(status):
                raise RuntimeError(f"{command} failed")
            if round_:
                times[name].append(elapsed)
            peaks[name] = max(peaks[name], usage.ru_maxrss / 1024)
    return {name: (statistics.median(times[name]) * 1000, peaks[name]) for name in commands}


# -- the peers' renderings of the same content ----------------------------------------------


def peer_data(content: dict[str, Any] | None = None) -> dict[str, Any]:
    """A sheet's content (the sample's by default) in the shape the Typst and HTML templates take:
    each paragraph or list item a paragraph with its leading bold run apart, other marks dropped."""
    if content is None:
        content = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    sections = []
    for section in content["sections"]:
        paragraphs = []
        body = section.get("body", "").strip()
        for paragraph in re.split(r"\n\s*\n|\n(?=\s*(?:-|\d+\.)\s)", body):
            text = re.sub(r"^(?:-|\d+\.)\s+", "", " ".join(paragraph.split()))
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
            match = re.match(r"\*\*(.+?)\*\*\s*(.*)", text)
            bold, rest = (match.group(1), match.group(2)) if match else ("", text)
            paragraphs.append({"bold": bold, "text": rest.replace("*", "")})
        sections.append({"heading": section["heading"], "paragraphs": paragraphs})
    date = content["date"]
    return {
        "organization": content["organization"],
        "office": content.get("office", ""),
        "title": content["title"],
        "subtitle": content.get("subtitle", ""),
        "lead": " ".join(content.get("lead", "").split()),
        "figures": [
            {"value": str(f["value"]), "label": f["label"]} for f in content.get("key_figures", [])
        ],
        "sections": sections,
        "footer": content.get("footer", content["organization"]),
        "updated": f"Updated {date:%B} {date.day}, {date.year}",
        "lang": content.get("language", "en"),
        "paper": {"letter": "us-letter", "a4": "a4"}[content.get("paper", "letter")],
    }


def typst_renderer(data: dict[str, Any], incremental: bool = False) -> Callable[[], bytes]:
    """typst-py rendering the sheet with an edit each time (so nothing is served from cache).

    Plain ``typst.compile`` builds a new compiler per call, as the figures in the issue were
    measured; ``incremental`` keeps one compiler, as ``typst watch`` does.
    """
    import typst

    template = str(HERE / "templates" / "briefing.typ")
    edits = iter(range(10**9))

    def inputs() -> dict[str, str]:
        return {"data": json.dumps({**data, "updated": f"{data['updated']} ({next(edits)})"})}

    if incremental:
        compiler = typst.Compiler(template, font_paths=[str(FONTS)])
        return lambda: compiler.compile(sys_inputs=inputs())
    return lambda: typst.compile(template, font_paths=[str(FONTS)], sys_inputs=inputs())


def weasyprint_renderer(data: dict[str, Any]) -> Callable[[], bytes]:
    """WeasyPrint rendering the same sheet from HTML and CSS."""
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    e = html.escape
    figures = "".join(f"<div><b>{e(f['value'])}</b>{e(f['label'])}</div>" for f in data["figures"])
    sections = "".join(
        f"<h2>{e(s['heading'])}</h2>"
        + "".join(f"<p><b>{e(p['bold'])}</b> {e(p['text'])}</p>" for p in s["paragraphs"])
        for s in data["sections"]
    ).replace("<b></b> ", "")
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


def briefing_renderer(content: Path = SAMPLE) -> Callable[[], bytes]:
    """briefing from the content file to PDF bytes: parse, validate, check, fit, draw; with an
    edit each time, as typst-py's (its date a day later, so its footer and metadata change and
    nothing of the page as a whole is served from before), written beside it (its files' names
    start there) and removed at exit."""
    from briefing.pipeline import render, run_checks

    text = content.read_text(encoding="utf-8")
    dated = re.search(r"^date: (\S+)$", text, re.M)
    if dated is None:
        raise SystemExit(f"{content.name} has no date to edit")
    date = datetime.date.fromisoformat(dated[1])
    edited = content.with_name(f".benchmark-{content.name}")
    atexit.register(edited.unlink, missing_ok=True)
    days = iter(range(1, 10**9))

    def run() -> bytes:
        later = date + datetime.timedelta(days=next(days) % 3000)
        edited.write_text(re.sub(r"^date: \S+$", f"date: {later}", text, flags=re.M), "utf-8")
        return render(run_checks(edited))[0]

    return run


RENDERERS: dict[str, Callable[[dict[str, Any]], Callable[[], bytes]]] = {
    "briefing": lambda data: briefing_renderer(),
    "typst-py": typst_renderer,
    "typst-py, one compiler": lambda data: typst_renderer(data, incremental=True),
    "WeasyPrint": weasyprint_renderer,
}


def pages(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def main() -> None:
    """Measure everything and write RESULTS.md."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    args = parser.parse_args()
    repeat = 5 if args.quick else 30
    rows: list[tuple[str, str, str]] = []
    data = peer_data()

    def row(name: str, value: str, note: str = "") -> None:
        rows.append((name, value, note))
        print(f"{name:<56} {value:>14}  {note}")

    # Processes first: a child forked from this process counts this process's memory as its own
    # peak, so measure before the peers' libraries are loaded here.
    print("\n# Whole process, cold, median")
    runs = 3 if args.quick else 21
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "out.pdf")
        cli = briefing_command()
        measured = process_ms(
            {
                "floor": [PYTHON, "-c", FLOOR],
                "floor, no teardown": [PYTHON, "-c", f"{FLOOR}; import os; os._exit(0)"],
                "build": [*cli, "build", str(SAMPLE), "-o", out],
                "build blocks": [*cli, "build", str(BLOCKS), "-o", out],
                "help": [*cli, "--help"],
            },
            runs,
        )
        floor, bare, cold = (measured[k][0] for k in ("floor", "floor, no teardown", "build"))
        row(f"floor: python -c '{FLOOR}'", f"{floor:.0f} ms")
        row("briefing build", f"{cold:.0f} ms")
        row("briefing build / floor", f"{cold / floor:.2f}", "target <= 1.25")
        row("floor ending with os._exit, as briefing does", f"{bare:.0f} ms")
        row("briefing build / that floor", f"{cold / bare:.2f}", "the stricter comparison")
        row("briefing --help", f"{measured['help'][0]:.0f} ms", "target < 60 ms")
        row(
            "briefing build, the Mali example with blocks",
            f"{measured['build blocks'][0]:.0f} ms",
            "its photo from the cache",
        )
        peaks = {"briefing build": measured["build"][1]}
        for peer in ("typst-py", "WeasyPrint"):
            try:
                ms, peaks[peer] = process_ms(
                    {peer: [PYTHON, __file__, "--once", peer, out]},
                    runs if peer != "WeasyPrint" else 3,
                )[peer]
            except RuntimeError as error:
                print(f"{peer} unavailable: {error}")
                continue
            row(f"{peer} (one render, whole process)", f"{ms:.0f} ms")

    renderers: dict[str, Callable[[], bytes]] = {}
    for name, factory in RENDERERS.items():
        try:
            renderers[name] = factory(data)
            row(f"pages of the Niger sheet: {name}", str(pages(renderers[name]())))
        except Exception as error:  # noqa: BLE001 - a missing peer is reported, not fatal
            print(f"{name} unavailable: {error!r}")

    print("\n# Warm render of one sheet (content to PDF bytes, fit included), median")
    warm = {
        name: median_ms(r, repeat if name != "WeasyPrint" else max(3, repeat // 6))
        for name, r in renderers.items()
    }
    for name, ms in warm.items():
        row(f"warm render: {name}", f"{ms:.1f} ms")
    row(
        "warm render: briefing, the Mali example with blocks",
        f"{median_ms(briefing_renderer(BLOCKS), repeat):.1f} ms",
        "a chart, a table and a photo",
    )
    for peer in ("typst-py", "typst-py, one compiler"):
        if peer in warm:
            note = "target <= 0.50" if peer == "typst-py" else ""
            row(f"warm render: briefing / {peer}", f"{warm['briefing'] / warm[peer]:.2f}", note)

    if "briefing" in renderers:
        from briefing.content.markup import _parsed
        from briefing.text.measure import _measured
        from briefing.text.textbox import _boxes

        def uncached() -> bytes:
            _parsed.clear()  # every text parsed and every paragraph measured anew, as for
            _measured.cache_clear()  # text never seen
            _boxes.clear()
            return renderers["briefing"]()

        with searched():
            anew = median_ms(uncached, repeat)
        row(
            "warm render: briefing, every paragraph measured anew",
            f"{anew:.1f} ms",
            "as when a sheet's text is new to the process",
        )

    print("\n# Line breaking: the same paragraphs at the same widths, median")
    with searched():
        ours, reportlab, setting = line_breaking(repeat)
    row("ReportLab Paragraph.wrap (first fit), the sample's body", f"{reportlab:.2f} ms")
    row("briefing: measure and break (whole paragraph)", f"{ours:.2f} ms")
    row("briefing: break only (measure kept)", f"{setting:.2f} ms")
    row("briefing / ReportLab, measure and break", f"{ours / reportlab:.2f}")

    print("\n# Batch, one process, sequential: sheets per second")
    batch = 20 if args.quick else 100
    with tempfile.TemporaryDirectory() as folder:
        from briefing import build

        start = time.perf_counter()
        for number in range(batch):
            build(SAMPLE, Path(folder) / f"{number}.pdf")
        rates = {"briefing": batch / (time.perf_counter() - start)}
        for peer in ("typst-py", "typst-py, one compiler", "WeasyPrint"):
            if peer in renderers:
                count = batch if peer != "WeasyPrint" else 5
                start = time.perf_counter()
                for number in range(count):
                    (Path(folder) / f"peer{number}.pdf").write_bytes(renderers[peer]())
                rates[peer] = count / (time.perf_counter() - start)
        for name, rate in rates.items():
            row(f"batch of {batch}: {name}", f"{rate:.1f} sheets/s")
        if "typst-py" in rates:
            row(
                "batch: briefing / typst-py",
                f"{rates['briefing'] / rates['typst-py']:.2f}",
                "target >= 2",
            )

    with tempfile.TemporaryDirectory() as folder:
        sheets = Path(folder)
        for number in range(batch):
            (sheets / f"sheet{number:03}.yaml").write_bytes(SAMPLE.read_bytes())
        start = time.perf_counter()
        subprocess.run([*cli, "build", str(sheets)], check=True, capture_output=True)
        rate = batch / (time.perf_counter() - start)
        row(
            f"batch of {batch}: briefing build FOLDER (parallel, whole process)",
            f"{rate:.1f} sheets/s",
        )
        if "typst-py" in rates:
            row(
                "batch: briefing build FOLDER / typst-py",
                f"{rate / rates['typst-py']:.2f}",
                "target >= 2",
            )

    print("\n# Watch: save to new PDF, median")
    latencies = watch_latency(cli, 5 if args.quick else 20)
    row(
        "watch: save-to-new-PDF latency",
        f"{statistics.median(latencies):.0f} ms",
        "target well under 100 ms",
    )

    print("\n# Peak memory of one build (whole process, maximum resident set)")
    for name, mb in peaks.items():
        row(f"peak memory: {name}", f"{mb:.0f} MB", "target < 100 MB" if "briefing" in name else "")

    write_results(rows)


@contextlib.contextmanager
def searched() -> Iterator[None]:
    """Every paragraph's lines searched for meanwhile, none taken from those kept in the cache
    (``linebreak._kept``): as for text new to the process and to the cache."""
    from briefing.text.linebreak import Breaker

    kept = Breaker.breaks
    setattr(Breaker, "breaks", Breaker.search)  # noqa: B010 - (mypy: a method assigned)
    try:
        yield
    finally:
        setattr(Breaker, "breaks", kept)  # noqa: B010


def line_breaking(repeat: int) -> tuple[float, float, float]:
    """Milliseconds to set the sample's body paragraphs at three column widths: briefing
    measuring and breaking them, ReportLab's ``Paragraph`` wrapping them (first fit, with the
    same hyphenation), and briefing breaking them with their measure kept."""
    from reportlab.lib.enums import TA_JUSTIFY
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

    from briefing.language import LANGUAGES
    from briefing.layout.specs import type_specs
    from briefing.pipeline import run_checks
    from briefing.text.measure import _measured, measure
    from briefing.text.setting import _set_lines, set_lines

    sheet = run_checks(SAMPLE)
    texts = [paragraph.runs for paragraphs in sheet.sections for paragraph in paragraphs]
    faces = register_faces()
    spec = type_specs(sheet.theme, faces, LANGUAGES["en"], 1.0)["body"]
    widths = (180.0, 247.0, 326.0)
    old = ParagraphStyle(
        "body",
        fontName=faces.regular,
        fontSize=spec.size,
        leading=spec.leading,
        alignment=TA_JUSTIFY,
        hyphenationLang="en_US",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
    )

    def ours() -> None:
        _measured.cache_clear()
        for text in texts:
            measured = measure(text, spec)
            for width in widths:
                set_lines(measured, spec, width)

    marked = [reportlab_markup(text) for text in texts]

    def theirs() -> None:
        for markup in marked:
            for width in widths:
                Paragraph(markup, old).wrap(width, 1e9)

    kept = [measure(text, spec) for text in texts]

    def breaking() -> None:  # not the settings kept in the process: broken anew
        for measured in kept:
            for width in widths:
                _set_lines(measured, spec, width)

    return median_ms(ours, repeat), median_ms(theirs, repeat), median_ms(breaking, repeat)


def reportlab_markup(runs: Any) -> str:
    """``runs`` as ReportLab's paragraph markup, for its ``Paragraph``."""
    from html import escape

    from briefing.content.runs import Run

    out = []
    for run in runs:
        if not isinstance(run, Run):
            out.append("<br/>")
            continue
        text = escape(run.text, quote=False)
        text = f"<b>{text}</b>" if run.bold else text
        text = f"<i>{text}</i>" if run.italic else text
        out.append(f'<a href="{escape(run.link)}">{text}</a>' if run.link else text)
    return "".join(out)


def register_faces() -> Any:
    """The sample's faces, registered with ReportLab."""
    from briefing.fonts import register

    return register("Noto Sans")


def watch_latency(cli: list[str], edits: int) -> list[float]:
    """Milliseconds from saving the content file to the new PDF being in place, per edit."""
    with tempfile.TemporaryDirectory() as folder:
        content = Path(folder) / "content.yaml"
        pdf = content.with_suffix(".pdf")
        text = SAMPLE.read_text(encoding="utf-8")
        content.write_text(text, encoding="utf-8")
        watcher = subprocess.Popen(
            [*cli, "watch", str(content)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            while not pdf.exists():
                time.sleep(0.01)
            latencies = []
            for edit in range(edits):
                time.sleep(0.3)  # let the watcher settle between saves
                before = pdf.stat().st_mtime_ns
                start = time.perf_counter()
                content.write_text(text.replace("Niger", f"Niger {edit}", 1), encoding="utf-8")
                while pdf.stat().st_mtime_ns == before:
                    time.sleep(0.001)
                latencies.append((time.perf_counter() - start) * 1000)
            return latencies
        finally:
            watcher.terminate()
            watcher.wait()


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
        + ". Times are medians; the machine is shared and noisy. What each figure means, and "
        "what limits the ones that miss their targets: [README.md](README.md).",
        "",
        "| measure | value | note |",
        "|---|---:|---|",
        *[f"| {name} | {value} | {note} |" for name, value, note in rows],
        "",
    ]
    results = HERE / "RESULTS.md"
    later = results.read_text(encoding="utf-8").partition("\n## ")[2] if results.exists() else ""
    if later:  # sections written by other benchmarks, such as quality.py
        lines.append("## " + later)
    results.write_text("\n".join(lines), encoding="utf-8")
    print(f"\nwrote {HERE / 'RESULTS.md'}")


def once(tool: str, out: str) -> None:
    """Render the sheet once with ``tool`` (what the whole-process measurements run)."""
    Path(out).write_bytes(RENDERERS[tool](peer_data())())


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--once":
        once(sys.argv[2], sys.argv[3])
    else:
        main()
