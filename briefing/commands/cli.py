"""The ``briefing`` command: a thin shell over the library; ReportLab loads only to build."""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from ..output import FORMATS, PAPERS, checked_formats
from ..version import __version__

if TYPE_CHECKING:
    from ..errors import Problem
    from ..pipeline import Result

EXIT_OK, EXIT_INTERNAL, EXIT_CONTENT, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_CONTENT = "content.yaml"
MAX_REPORTED = 20  # problems of one kind printed in full; the rest are counted
_YAML_WORDS = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}  # not read as text
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
DEFAULT_PORT = 8765
COMMANDS = ("build", "check", "watch", "preview", "book", "new", "schema")
SCHEMA_NAME = "briefing.schema.json"  # written by 'briefing new' beside the sheet, for editors
_COMMENT_COLUMN = 42  # where the starter's end-of-line comments start


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 built, 2 bad content or arguments, 1 internal
    error or a file that cannot be written, 130 stopped by Ctrl-C)."""
    words = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(words[0] if words and words[0] in COMMANDS else None)
    args = parser.parse_args(words)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    command: Callable[[argparse.Namespace], int] = args.run
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        _say(
            f"briefing: SOURCE_DATE_EPOCH is {epoch!r}; expected whole seconds since "
            "1970-01-01 UTC, such as 1556668800, or the variable unset"
        )
        return EXIT_CONTENT
    try:
        return command(args)
    except KeyboardInterrupt:  # whatever was being written was left as it was
        return EXIT_INTERRUPTED
    except Exception as error:
        from ..errors import ContentError, UsageError

        if isinstance(error, ContentError):
            _report(error.problems)
            return EXIT_CONTENT
        if isinstance(error, UsageError):
            _say(f"briefing: {error}")
            return EXIT_CONTENT
        if args.debug:
            raise
        if isinstance(error, OSError) and error.filename is not None:
            _say(f"briefing: cannot write {error.filename}: {error.strerror}")
        else:
            _say(f"briefing: internal error: {error!r} (run again with --debug for details)")
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The ``briefing`` command itself: :func:`main`, made quick to start and to end.

    A build makes objects by the hundred thousand (modules, font tables, hyphenation patterns)
    that live until the process ends, so Python's cycle collector, run every 700 allocations by
    default, spends about 9 ms finding no garbage: it runs a hundred times less often here. And
    once the output is written and the streams are flushed, the process ends without Python's
    teardown, which frees every object one by one (about 25 ms). Library callers of
    :func:`main` and of the API keep Python's defaults.
    """
    gc.set_threshold(100_000)
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number of files, 1 or more; got {text!r}")
    return int(text)


def _content(text: str) -> Path:
    """A content file's name as given, or with .yaml added, as ``briefing new`` adds it, when
    only that file is there."""
    path = Path(text)
    if not path.name or path.suffix or path.exists():  # "." names a folder, as it is
        return path
    sheet = path.with_suffix(".yaml")
    return sheet if sheet.is_file() else path


def _port(text: str) -> int:
    if not text.isdigit() or int(text) > 65_535:
        raise argparse.ArgumentTypeError(f"expected a port, 0 to 65535; got {text!r}")
    return int(text)


def _formats(text: str) -> tuple[str, ...]:
    from ..errors import UsageError

    try:
        return checked_formats([part.strip() for part in text.split(",") if part.strip()])
    except UsageError:
        raise argparse.ArgumentTypeError(
            f"expected some of {', '.join(FORMATS)}, such as pdf,html"
        ) from None


def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: of every command, or of ``only`` the one named (building
    them all takes a few milliseconds of every start)."""

    def wanted(name: str) -> bool:
        return only is None or name == only

    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a YAML content file into a print-ready, one-page PDF briefing. "
        "Run 'briefing COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(
        name: str, run: Callable[[argparse.Namespace], int], text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=text, description=text)
        sub.set_defaults(run=run)
        sub.add_argument(
            "--debug", action="store_true", help="show a Python traceback for internal errors"
        )
        return sub

    def one_content(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "content",
            nargs="?",
            type=_content,
            default=Path(DEFAULT_CONTENT),
            metavar="CONTENT",
            help=f"the content file (default: {DEFAULT_CONTENT})",
        )

    def paper(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--paper",
            choices=tuple(PAPERS),
            help="paper size; overrides 'paper:' in the content (default: letter)",
        )

    def formats(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--format",
            type=_formats,
            default=("pdf",),
            metavar="pdf,png,html",
            help="what to write, comma-separated: the PDF (default), a PNG preview beside it, "
            "the web page beside it (one accessible .html file that reads on a phone and "
            "offline)",
        )

    if wanted("build"):
        build = command(
            "build",
            _build,
            "Build PDFs from content files (writes NAME.pdf beside "
            "NAME.yaml unless -o is given). Several files, or folders of .yaml files, "
            "build in parallel with a summary table.",
        )
        build.add_argument(
            "content",
            nargs="*",
            type=_content,
            metavar="CONTENT",
            help=f"content files or folders (default: {DEFAULT_CONTENT})",
        )
        build.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="OUTPUT",
            help="where to write the PDF, its PNG and web page beside it (only with one content "
            "file)",
        )
        paper(build)
        formats(build)
        build.add_argument(
            "-j",
            "--jobs",
            type=_jobs,
            metavar="N",
            help="how many files to build at once (default: one per core)",
        )

    if wanted("check"):
        check = command(
            "check",
            _check,
            "Validate content files (or style files, on their own) without building, the page laid "
            "out to see that it fits; print errors and writer's warnings.",
        )
        check.add_argument(
            "content",
            nargs="*",
            type=_content,
            metavar="CONTENT",
            help=f"content files or folders (default: {DEFAULT_CONTENT})",
        )
        paper(check)

    if wanted("watch"):
        watch = command(
            "watch",
            _watch,
            "Build a content file, then rebuild it on every save of it "
            "or of a file it refers to (Ctrl-C stops).",
        )
        one_content(watch)
        watch.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="OUTPUT",
            help="where to write the PDF (default: beside the content file)",
        )
        paper(watch)
        formats(watch)

    if wanted("preview"):
        preview = command(
            "preview",
            _preview,
            "Show a content file's page in the browser, at a local address, and follow every "
            "save of it or of a file it refers to; problems show beside the last good page "
            "(Ctrl-C stops).",
        )
        one_content(preview)
        preview.add_argument(
            "--port",
            type=_port,
            default=DEFAULT_PORT,
            metavar="N",
            help=f"the port to serve at; 0 for any free one (default: {DEFAULT_PORT})",
        )
        preview.add_argument(
            "--host",
            default="127.0.0.1",
            metavar="H",
            help="the address to serve at (default: 127.0.0.1, this machine only)",
        )
        preview.add_argument("--open", action="store_true", help="open the page in the browser")
        preview.add_argument(
            "-o",
            "--output",
            type=Path,
            metavar="OUTPUT",
            help="also write each good build's PDF here (default: write nothing)",
        )
        paper(preview)

    if wanted("book"):
        book = command(
            "book",
            _book,
            "Bind content files into one PDF in one typeface and colours (most sheets'): a cover "
            "listing them, a contents page with links, each sheet on its own page as it is "
            "alone, bookmarks and page numbers.",
        )
        book.add_argument(
            "content",
            nargs="+",
            type=_content,
            metavar="CONTENT",
            help="content files or folders (a folder's files in name order), in the order of "
            "the book",
        )
        book.add_argument(
            "-o",
            "--output",
            type=Path,
            required=True,
            metavar="OUTPUT",
            help="where to write the book's PDF",
        )
        book.add_argument(
            "--title",
            help="the cover's title (default: Briefing Book, in the first sheet's language)",
        )
        book.add_argument(
            "--order",
            choices=("given", "title"),
            default="given",
            help="the sheets in the order given (default), or sorted by title",
        )
        book.add_argument(
            "--paper",
            choices=tuple(PAPERS),
            help="the book's paper size; every sheet is laid out again for it "
            "(default: the first sheet's)",
        )

    if wanted("new"):
        new = command("new", _new, "Write a commented starter content file that builds as it is.")
        new.add_argument(
            "name",
            nargs="?",
            default=DEFAULT_CONTENT,
            metavar="NAME",
            help=f"the file to write; .yaml is added if missing (default: {DEFAULT_CONTENT})",
        )
        new.add_argument(
            "--style",
            type=Path,
            metavar="STYLE",
            help="a style file for the new sheet to use: it leaves out the fields the style sets",
        )

    if wanted("schema"):
        schema = command("schema", _schema, "Print the JSON Schema of content files (for editors).")
        schema.add_argument(
            "--style", action="store_true", help="print the JSON Schema of style files instead"
        )
    return parser


def _contents(paths: Sequence[Path]) -> list[Path]:
    from .bulk import expand

    return expand(list(paths) or [Path(DEFAULT_CONTENT)])


def _report(problems: Sequence[Problem]) -> None:
    """Print problems, the first :data:`MAX_REPORTED` of each kind in full, then a count."""
    from collections import Counter

    total = Counter((problem.severity, problem.expected) for problem in problems)
    shown: Counter[tuple[str, str | None]] = Counter()
    for problem in problems:
        kind = (problem.severity, problem.expected)
        shown[kind] += 1
        if shown[kind] <= MAX_REPORTED:
            _say(str(problem))
        elif shown[kind] == MAX_REPORTED + 1:
            more = total[kind] - MAX_REPORTED
            _say(
                f"{problem.location}: {problem.severity}: and {more:,} more like the "
                f"{MAX_REPORTED} above"
                + (f"; expected {problem.expected}" if problem.expected else "")
            )


def _say(text: str) -> None:
    """Print to stderr, control characters from the content shown escaped (\\x1b), not run."""
    print(_CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text), file=sys.stderr)


def _built(result: Result, formats: Sequence[str] = ("pdf",), verb: str = "wrote") -> str:
    pages = _counted(result.pages, "page")
    files = [result.output] if "pdf" in formats else []
    files += [path for path in (result.preview, result.web) if path]
    names = ", ".join(map(str, files[:-1])) + " and " * (len(files) > 1) + str(files[-1])
    return (
        f"{verb} {names} ({pages}, {PAPERS[result.paper]}, {result.fit}) in {result.seconds:.2f} s"
    )


def _build(args: argparse.Namespace) -> int:
    contents = _contents(args.content)
    if args.output and len(contents) > 1:
        print("briefing: -o/--output takes one content file; got several", file=sys.stderr)
        return EXIT_CONTENT
    if len(contents) == 1:
        from ..pipeline import build

        result = build(contents[0], args.output, args.paper, args.format)
        _report(result.warnings)
        print(_built(result, args.format))
        return EXIT_OK
    from .bulk import build_many

    outcomes = build_many(contents, args.paper, args.format, args.jobs, _progress())
    rows = []
    for outcome in outcomes:
        if outcome.result is None:
            _report(outcome.problems)
            if outcome.failure:
                _say(f"briefing: {outcome.content}: {outcome.failure}")
            rows.append((str(outcome.content), "-", "-", "-", "failed"))
            continue
        done = outcome.result
        _report(done.warnings)
        status = f"ok, {_counted(len(done.warnings), 'warning')}" if done.warnings else "ok"
        rows.append(
            (str(outcome.content), str(done.pages), done.fit, f"{done.seconds:.2f} s", status)
        )
    _table(("file", "pages", "fit", "time", "status"), rows)
    failed = sum(outcome.result is None for outcome in outcomes)
    print(f"{len(outcomes) - failed} built, {failed} failed")
    if any(outcome.failure for outcome in outcomes):
        return EXIT_INTERNAL
    return EXIT_CONTENT if failed else EXIT_OK


def _progress() -> Callable[[int, int], None]:
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        filled = round(30 * done / total)
        end = "\n" if done == total else ""
        print(
            f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}",
            end=end,
            file=sys.stderr,
            flush=True,
        )

    return show


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, ["-" * w for w in widths], *rows):
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _check(args: argparse.Namespace) -> int:
    from ..errors import ContentError
    from ..pipeline import check, check_style, is_style

    status = EXIT_OK
    for content in _contents(args.content):
        try:
            if is_style(content):
                check_style(content)
                print(f"{content}: ok (a style file)")
                continue
            _, warnings = check(content, args.paper)
        except ContentError as error:
            _report(error.problems)
            status = EXIT_CONTENT
            continue
        _report(warnings)
        print(f"{content}: ok" + (f", {_counted(len(warnings), 'warning')}" if warnings else ""))
    return status


def _counted(count: int, noun: str) -> str:
    """``1 warning``, ``3 warnings``."""
    return f"{count} {noun}{'s' * (count != 1)}"


def _told(
    kept: str, built: Callable[[Result], str], before: bool
) -> Callable[[Result | None, list[Problem], float], None]:
    """How watch and preview tell each outcome, at the time it came: its problems, then what
    was built or kept; ``before`` is whether a good ``kept`` was there before the first."""
    good = before

    def report(result: Result | None, problems: list[Problem], seconds: float) -> None:
        nonlocal good
        import time

        _report(problems)
        now = time.strftime("%H:%M:%S")
        if result is None:
            left = f"{_counted(len(problems), 'problem')} to fix"
            said = f"kept the last good {kept}" if good else f"no {kept} yet"
            print(f"{now} {said} ({left})", flush=True)
        else:
            good = True
            print(f"{now} {built(result)}", flush=True)

    return report


def _a_folder(content: Path, command: str) -> bool:
    """Whether ``content`` is a folder, which ``watch`` and ``preview`` do not follow (said)."""
    if not content.is_dir():
        return False
    _say(
        f"briefing: {command} follows one content file; got the folder {content} (briefing "
        f"build {content} builds every sheet in it); expected a content file such as "
        f"{content / DEFAULT_CONTENT}"
    )
    return True


def _watch(args: argparse.Namespace) -> int:
    from .watch import watch

    if _a_folder(args.content, "watch"):
        return EXIT_CONTENT
    suffix = next(f".{kind}" for kind in ("pdf", "png", "html") if kind in args.format)
    target = args.output or args.content.with_suffix(suffix)
    report = _told("PDF", lambda result: _built(result, args.format, "built"), target.is_file())
    print(f"watching {args.content} (Ctrl-C to stop)", flush=True)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C during a build stops watch too
        watch(args.content, args.output, args.paper, args.format, report)
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from .live import everywhere, preview

    if _a_folder(args.content, "preview"):
        return EXIT_CONTENT

    def shown(result: Result) -> str:
        if args.output:
            return _built(result, verb="built")
        return f"updated the page ({PAPERS[result.paper]}, {result.fit}) in {result.seconds:.2f} s"

    def ready(url: str) -> None:
        print(f"previewing {args.content} at {url} (Ctrl-C to stop)", flush=True)
        if everywhere(args.host):
            print(
                f"briefing: warning: --host {args.host or repr('')} serves the page to every "
                "machine that can reach this one; expected --host 127.0.0.1 (the default) to "
                "keep it on this machine",
                file=sys.stderr,
                flush=True,
            )
        if args.open:
            import webbrowser

            webbrowser.open(url)

    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C during a build stops preview too
        preview(
            args.content,
            args.output,
            args.paper,
            args.host,
            args.port,
            ready,
            _told("page", shown, False),
        )
    return EXIT_OK


def _book(args: argparse.Namespace) -> int:
    from .book import build_book

    result = build_book(_contents(args.content), args.output, args.title, args.paper, args.order)
    _report(result.warnings)
    book = PAPERS[result.paper]
    for content, own in result.relaid:
        print(f"{content}: its {PAPERS[own]} page laid out again on {book}, the book's paper")
    for content in result.restyled:
        print(f"{content}: set in the book's design ({result.family}, its colours), not its own")
    print(
        f"wrote {result.output} ({result.pages} pages: cover, contents and "
        f"{_counted(result.sheets, 'sheet')}) in {result.seconds:.2f} s"
    )
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    import datetime
    from importlib.resources import files

    path = Path(args.name)
    if path.name in ("", ".."):  # '', '.' or '..': a folder
        _say(f"briefing: the name {args.name!r} is not a file's; expected a name such as my-sheet")
        return EXIT_CONTENT
    if not path.suffix:
        path = path.with_suffix(".yaml")
    if _CONTROL.search(str(path)):
        _say(f"briefing: the name {str(path)!r} has a control character; expected a file name")
        return EXIT_CONTENT
    title = path.stem.replace("-", " ").replace("_", " ").title()
    if path.name == DEFAULT_CONTENT:
        title = "Country Name"
    starter = files("briefing.commands").joinpath("starter.yaml").read_text(encoding="utf-8")
    text = starter.format(
        file=path, title=_yaml_text(title), date=datetime.date.today(), schema=SCHEMA_NAME
    )
    if args.style is not None:
        text = _styled(text, args.style, path)
    text = _aligned(text)
    path.parent.mkdir(parents=True, exist_ok=True)  # as build -o makes its output's folder
    try:
        with path.open("x", encoding="utf-8") as file:  # never through a link, never over a file
            file.write(text)
    except FileExistsError:
        _say(
            f"briefing: {path} already exists; expected the name of a new file "
            "(briefing new my-sheet)"
        )
        return EXIT_CONTENT
    schema = _write_schema(path.parent / SCHEMA_NAME)
    print(f"wrote {path}{schema}; edit it, then run: briefing build {path}")
    return EXIT_OK


def _write_schema(path: Path) -> str:
    """Write the content schema to ``path`` for editors, over an older one but never over a
    file of another kind (nor through a link); say what was written."""
    from ..content.schema import json_schema
    from ..output import write_atomic

    text = json_schema() + "\n"
    try:
        there = None if path.is_symlink() else path.read_text(encoding="utf-8")
    except FileNotFoundError:
        there = ""
    except (OSError, ValueError):
        there = None
    if there is None or there == text or (there and '"title": "briefing content"' not in there):
        return ""  # not ours to replace, or as it should be
    write_atomic(path, text.encode())
    return f" and {path} (for editors)"


def _aligned(text: str) -> str:
    """The starter with its end-of-line comments in one column, whatever the values' lengths."""
    lines = []
    for line in text.splitlines():
        value, sep, comment = line.partition("  # ")
        if sep and not line.lstrip().startswith("#"):
            line = f"{value.rstrip():<{_COMMENT_COLUMN - 2}} # {comment.lstrip()}"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _styled(starter: str, style: Path, path: Path) -> str:
    """The starter naming ``style`` (checked first), without the fields the style sets."""
    import json

    from ..content.reader import read
    from ..content.style import fields
    from ..pipeline import check_style

    check_style(style)
    given = fields(read(style))
    name = json.dumps(os.path.relpath(style, path.parent), ensure_ascii=False)
    head = [
        "# The house style: the fields this sheet shares; its own values win.",
        f"style: {name}",
    ]
    kept = [line for line in starter.splitlines() if line.split(":", 1)[0] not in given]
    at = next(i for i, line in enumerate(kept) if line and not line.startswith("#"))
    return "\n".join([*kept[:at], *head, "", *kept[at:]]) + "\n"


def _yaml_text(text: str) -> str:
    """``text`` as a YAML value: as it is if YAML reads it back as that text, else quoted."""
    import json

    words = re.fullmatch(r"[^\W\d_][^\W_]*(?: [^\W\d_][^\W_]*)*", text)
    if words and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)


def _schema(args: argparse.Namespace) -> int:
    from ..content.schema import json_schema

    print(json_schema(style=args.style))
    return EXIT_OK
