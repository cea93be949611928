"""The pipeline: content file -> validation stage -> layout -> PDF bytes -> atomic write."""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import layout
from .content import checks, style
from .content.model import Content
from .content.reader import MAX_BYTES, Source, read
from .errors import ContentError, Location, Problem, UsageError
from .output import write_together
from .pdf import writer as pdf

FORMATS = ("pdf", "png", "html")
PAPERS = ("letter", "a4")
_DICT = Location("<dict>", 0, 0)
_EPOCH = datetime.date(1970, 1, 1)
ContentSource = str | Path | dict[str, Any]


class Result(NamedTuple):
    """What a build made."""

    output: Path
    pages: int
    paper: str
    scale: float
    body_size: float
    seconds: float
    warnings: list[Problem]
    preview: Path | None = None  # the PNG, when asked for
    web: Path | None = None  # the web page, when asked for

    @property
    def fit(self) -> str:
        """The fit as the CLI reports it: ``fit 92%, body 9.2 pt``."""
        return f"fit {self.scale:.0%}, body {self.body_size:.1f} pt"


def prepare(content: ContentSource) -> checks.Prepared:
    """Run every content rule (the stage both ``check`` and ``build`` run), or raise
    :class:`ContentError` with every problem found."""
    source, base = _source(content), _base(content)
    if not isinstance(content, dict) and style.is_style(source):  # a file, not a sheet
        raise ContentError(
            [
                Problem(
                    "this is a style file (sheet-wide fields, no title or sections), not a sheet",
                    Location(source.path, 1, 1),
                    "a content file, which may name this style with 'style:' (briefing check "
                    "validates a style file on its own)",
                )
            ]
        )
    return checks.prepare(style.attach(source, base), base)


def is_style(path: str | Path) -> bool:
    """Whether a file is a style file (sheet-wide fields, no title or sections), not a sheet."""
    try:
        return style.is_style(read(path))
    except ContentError:
        return False


def check_style(path: str | Path) -> None:
    """Validate a style file on its own, or raise :class:`ContentError` with every problem."""
    checks.check_style(read(path))


def check(content: ContentSource) -> tuple[Content, list[Problem]]:
    """Validate content without rendering: the model and its warnings, or :class:`ContentError`."""
    prepared = prepare(content)
    return prepared.content, prepared.warnings


def lay_out(prepared: checks.Prepared, paper: str | None = None) -> layout.Page:
    """The page of validated content, fitted."""
    return layout.compose(prepared, paper or prepared.content.paper)


def title_of(model: Content) -> str:
    """The sheet's title as the PDF, a book's contents and its bookmarks show it."""
    return f"{model.title}: {model.subtitle}" if model.subtitle else str(model.title)


def epoch_of(date: datetime.date | None) -> int | None:
    """A content date as the PDF's creation time (midnight UTC)."""
    return (date - _EPOCH).days * 86_400 if date else None


def metadata(model: Content) -> pdf.Metadata:
    """What the PDF of ``model`` says about itself."""
    subject = " – ".join(str(part) for part in (model.subtitle, model.office) if part)
    keywords = tuple(str(k) for k in (model.title, model.subtitle, model.organization) if k)
    return pdf.Metadata(
        title=title_of(model),
        author=str(model.organization),
        subject=subject or str(model.title),
        keywords=keywords + tuple(str(s.heading) for s in model.sections),
        language=model.language,
        epoch=epoch_of(model.date),
    )


def render(prepared: checks.Prepared, paper: str | None = None) -> tuple[bytes, layout.Page]:
    """Lay out and draw validated content; return the PDF bytes and the page they show."""
    page = lay_out(prepared, paper)
    return pdf.render([page], metadata(prepared.content)), page


class Made(NamedTuple):
    """A build held in memory: its result and PDF, and the files :func:`build` writes."""

    result: Result
    pdf: bytes
    files: list[tuple[Path, bytes]]  # each path with its bytes: the PDF, its PNG, its web page


def build(
    content: ContentSource,
    output: str | Path | None = None,
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
) -> Result:
    """Build one briefing from a content file (or a dict) and write it atomically.

    ``output`` defaults to the content file's name with ``.pdf``; ``formats`` may add ``png``,
    a preview written beside the PDF, and ``html``, the web page written beside it. Raises
    :class:`ContentError` for problems in the content; the previous output is then left
    untouched.
    """
    start = time.perf_counter()
    made = make(content, output, paper, formats)
    write_together(made.files)
    return made.result._replace(seconds=time.perf_counter() - start)


def make(
    content: ContentSource,
    output: str | Path | None = None,
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
) -> Made:
    """Build as :func:`build` does, writing nothing."""
    start = time.perf_counter()
    paper, formats = checked_paper(paper), _formats(formats)
    if not isinstance(content, (dict, str, Path)) or content == "":
        raise UsageError(f"content is a file name or a dict; got {content!r}")
    if output is not None:
        if not str(output):
            raise UsageError("output is an empty file name; expected a path such as sheet.pdf")
        target = Path(output)
    elif isinstance(content, dict):
        raise UsageError("an output path is needed when content is given as a dict")
    else:
        target = Path(content).with_suffix(".pdf")
    prepared = prepare(content)
    model, warnings = prepared.content, prepared.warnings
    preview = target.with_suffix(".png") if "png" in formats else None
    web = target.with_suffix(".html") if "html" in formats else None
    written = [path for path in (target if "pdf" in formats else None, preview, web) if path]
    refuse_overwriting(written, sources(content, model))
    data, page = render(prepared, paper)
    files = [(target, data)] if "pdf" in formats else []
    if preview is not None:
        from .pdf.png import png

        files.append((preview, png(data)))
    if web is not None:
        from .html.page import page as web_page

        files.append((web, web_page(prepared, title_of(model))))
    result = Result(
        target,
        1,
        paper or model.paper,
        page.scale,
        page.body_size,
        time.perf_counter() - start,
        warnings,
        preview,
        web,
    )
    return Made(result, data, files)


def sources(content: ContentSource, model: Content) -> set[Path]:
    """The files a build of ``content`` reads: the content file, its style file, logo and
    photos."""
    base = _base(content)
    found = set() if isinstance(content, dict) else {Path(content).resolve()}
    if model.style is not None:
        found.add((base / str(model.style)).resolve())
    named = [model.logo.file] if model.logo is not None else []
    named += [b.photo.file for s in model.sections for b in s.blocks if b.photo is not None]
    for file in named:
        found.add((checks.folder_of(file, base) / str(file)).resolve())
    return found


def refuse_overwriting(outputs: Sequence[Path], inputs: set[Path]) -> None:
    """Raise :class:`UsageError` if an output would replace a file the build reads."""
    for output in outputs:
        if output.resolve() in inputs:
            raise UsageError(
                f"the output {output} is a file the build reads (a content file, its style, a "
                "logo or a photo); expected another name, such as the content file's name ending "
                ".pdf"
            )


def checked_paper(paper: str | None) -> str | None:
    """A paper size in lower case (``A4`` is ``a4``), or :class:`UsageError`."""
    if paper is None or paper.lower() in PAPERS:
        return paper and paper.lower()
    raise UsageError(f"paper is one of {', '.join(PAPERS)}; got {paper!r}")


def _formats(formats: Sequence[str]) -> tuple[str, ...]:
    if isinstance(formats, str) or not formats or set(formats) - set(FORMATS):
        raise UsageError(f"formats are some of {', '.join(FORMATS)}; got {formats!r}")
    return tuple(formats)


def _bounded(content: dict[str, Any]) -> None:
    """Refuse a dict that a content file could not hold, before any work: one larger than a
    file may be, bytes, or a number too long to print."""
    size, problems = 0, []
    stack: list[tuple[str, Any]] = [("", content)]
    while stack:
        path, value = stack.pop()
        size += 8  # about what a key or a list item takes in a file
        if isinstance(value, str):
            size += len(value)
        elif isinstance(value, dict):
            stack += ((f"{path}.{key}" if path else str(key), item) for key, item in value.items())
        elif isinstance(value, (list, tuple)):
            stack += ((f"{path}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, (bytes, bytearray)):
            problems.append(Problem("found bytes", _DICT, "text (decode bytes first)", field=path))
        elif isinstance(value, int) and value.bit_length() > 64:
            problems.append(Problem("found a number of over 19 digits", _DICT, "text", field=path))
        if size > MAX_BYTES:
            raise ContentError(
                [Problem("the content is larger than a 1 MB file", _DICT, "a few kilobytes")]
            )
    if problems:
        raise ContentError(problems)


def _source(content: ContentSource) -> Source:
    """A content file read and parsed, or a dict as the same node tree, without lines: its
    problems are located by field path (``sections[0].body``)."""
    if not isinstance(content, dict):
        return read(content)
    _bounded(content)
    import yaml

    try:
        root = yaml.representer.SafeRepresenter(sort_keys=False).represent_data(content)
    except yaml.representer.RepresenterError as error:
        value = error.args[1] if len(error.args) > 1 else error
        raise ContentError(
            [
                Problem(
                    f"found {type(value).__name__} {value!r}",
                    Location("<dict>", 0, 0),
                    "text, numbers, dates, lists and dicts",
                )
            ]
        ) from None
    return Source("<dict>", "", root)


def _base(content: ContentSource) -> Path:
    """The folder that file names in the content (the logo) start from."""
    return Path.cwd() if isinstance(content, dict) else Path(content).parent
