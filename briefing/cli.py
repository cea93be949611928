"""The ``briefing`` command: a thin shell over the library; ReportLab loads only to build."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_INTERNAL, EXIT_CONTENT = 0, 1, 2
DEFAULT_CONTENT = "content.yaml"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 built, 2 bad content, 1 internal error)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return EXIT_OK
    command: Callable[[argparse.Namespace], int] = args.run
    try:
        return command(args)
    except KeyboardInterrupt:
        return EXIT_OK
    except Exception as error:
        from .errors import ContentError

        if isinstance(error, ContentError):
            _report(error.problems)
            return EXIT_CONTENT
        if isinstance(error, OSError) and not args.debug:
            print(f"briefing: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
            return EXIT_INTERNAL
        if args.debug:
            raise
        print(
            f"briefing: internal error: {error!r} (run again with --debug for details)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="briefing",
        description="Turn a YAML content file into a print-ready, one-page PDF "
        "briefing. Run 'briefing COMMAND --help' for a command's options.",
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

    build = command(
        "build",
        _build,
        "Build PDFs from content files (writes NAME.pdf beside NAME.yaml unless -o is given).",
    )
    build.add_argument(
        "content",
        nargs="*",
        type=Path,
        metavar="CONTENT",
        help=f"content files (default: {DEFAULT_CONTENT})",
    )
    build.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="OUTPUT",
        help="where to write the PDF (only with one content file)",
    )
    build.add_argument(
        "--paper",
        choices=("letter", "a4"),
        help="paper size; overrides 'paper:' in the content (default: letter)",
    )
    check = command(
        "check",
        _check,
        "Validate content files without building; print errors and writer's warnings.",
    )
    check.add_argument(
        "content",
        nargs="*",
        type=Path,
        metavar="CONTENT",
        help=f"content files (default: {DEFAULT_CONTENT})",
    )
    command("schema", _schema, "Print the JSON Schema of content files (for editors).")
    return parser


def _contents(args: argparse.Namespace) -> list[Path]:
    return list(args.content) or [Path(DEFAULT_CONTENT)]


def _report(problems: Sequence[object]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _build(args: argparse.Namespace) -> int:
    from .errors import ContentError
    from .pipeline import build

    contents = _contents(args)
    if args.output and len(contents) > 1:
        print("briefing: -o/--output takes one content file; got several", file=sys.stderr)
        return EXIT_CONTENT
    status = EXIT_OK
    for content in contents:
        try:
            result = build(content, args.output, args.paper)
        except ContentError as error:
            _report(error.problems)
            status = EXIT_CONTENT
            continue
        _report(result.warnings)
        pages = "1 page" if result.pages == 1 else f"{result.pages} pages"
        paper = {"letter": "Letter", "a4": "A4"}[result.paper]
        print(f"wrote {result.output} ({pages}, {paper}, {result.fit}) in {result.seconds:.2f} s")
    return status


def _check(args: argparse.Namespace) -> int:
    from .errors import ContentError
    from .pipeline import check

    status = EXIT_OK
    for content in _contents(args):
        try:
            _, warnings = check(content)
        except ContentError as error:
            _report(error.problems)
            status = EXIT_CONTENT
            continue
        _report(warnings)
        print(f"{content}: ok" + (f", {len(warnings)} warning(s)" if warnings else ""))
    return status


def _schema(args: argparse.Namespace) -> int:
    from .schema import json_schema

    print(json_schema())
    return EXIT_OK
