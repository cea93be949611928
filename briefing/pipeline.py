"""The pipeline: content file -> validation stage -> layout -> PDF bytes -> atomic write."""

from __future__ import annotations

import contextlib
import datetime
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import cache, layout
from .content import checks, style
from .content.model import Content
from .content.reader import MAX_BYTES, Source, read, value_of
from .errors import ContentError, Location, Problem, UsageError
from .output import checked_formats, checked_paper, real, write_together
from .pdf import writer as pdf
from .version import __version__

_DICT = Location("<dict>", 0, 0)
_EPOCH = datetime.date(1970, 1, 1)
ContentSource = str | Path | dict[str, Any]

CREATOR = f"briefing {__version__}"  # the program the PDF names as its creator


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
    blank: float = 0.0  # the share of the page's height left at the foot (:func:`layout.fit_line`)

    @property
    def fit(self) -> str:
        """The fit as the CLI reports it: ``type at 92% of the design size, body 8.8 pt, page
        97% full``."""
        return layout.fit_line(self.scale, self.body_size, self.blank)


def run_checks(content: ContentSource, paper: str | None = None) -> checks.Checked:
    """Run every content rule (the stage both ``check`` and ``build`` run), or raise
    :class:`ContentError` with every problem found: with the content's errors, the page's too,
    laid out on ``paper`` (or the content's own) where it still can be (:func:`_measured`)."""
    return _checked(_attached(content), _base(content), paper)


def examined(content: ContentSource) -> tuple[checks.Checked | None, list[Problem]]:
    """A sheet's every problem, errors and warnings (not its page's), and its content as the
    layout takes it, even with errors where it can still be laid out (None where not);
    :class:`ContentError` if it cannot be read."""
    return checks.examine(_attached(content), _base(content))


def _checked(source: Source, base: Path, paper: str | None) -> checks.Checked:
    """:func:`run_checks` of a sheet read and parsed."""
    checked, problems = checks.examine(source, base)
    if checked is not None and not any(p.severity == "error" for p in problems):
        return checked
    raise ContentError(problems + (_measured(checked, paper) if checked is not None else []))


def _measured(checked: checks.Checked, paper: str | None) -> list[Problem]:
    """The errors of the page of content with errors, laid out only to measure it (nothing is
    drawn): content past the page, a figure that cannot be set. Its warnings (a page short, a
    layout changed) wait for the whole content; none where it cannot be laid out after all (no
    guess, and no traceback in place of the content's own errors)."""
    try:
        lay_out(checked, paper)
    except ContentError as error:
        return error.problems
    except Exception:  # noqa: BLE001 - the content's errors say what to mend first
        return []
    return []


def _attached(content: ContentSource) -> Source:
    """A sheet read and parsed, with its style file's values; :class:`ContentError` if either
    cannot be read, or if it is a style file itself."""
    source = _source(content)
    if not isinstance(content, dict) and style.is_style(source, Path(content)):  # not a sheet
        raise ContentError(
            [
                Problem(
                    "this is a style file (the sheet-wide fields that sheets share), not a sheet",
                    Location(source.path, 1, 1),
                    "a content file, which may name this style with 'style:' (briefing check "
                    "validates a style file on its own)",
                )
            ]
        )
    return style.attach(source, _base(content))


def is_style(path: str | Path) -> bool:
    """Whether a file is a style file (sheet-wide fields, no title or sections), not a sheet."""
    try:
        return style.is_style(read(path), Path(path))
    except ContentError:
        return False


def check_style(path: str | Path) -> None:
    """Validate a style file on its own, or raise :class:`ContentError` with every problem."""
    checks.check_style(read(path))


def check(content: ContentSource, paper: str | None = None) -> tuple[Content, list[Problem]]:
    """Validate content without rendering: the model and its warnings, or :class:`ContentError`.

    The page is laid out too (a few milliseconds), on ``paper`` or the content's own, so that
    content too long for it fails here as it fails to build.
    """
    paper = checked_paper(paper)
    checked = run_checks(content, paper)
    page = lay_out(checked, paper)
    return checked.content, [*checked.warnings, *page.warnings]


def lay_out(checked: checks.Checked, paper: str | None = None) -> layout.Page:
    """The page of validated content, fitted."""
    return layout.compose(checked, paper or checked.content.paper)


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
        creator=CREATOR,
        epoch=epoch_of(model.date),
    )


def render(checked: checks.Checked, paper: str | None = None) -> tuple[bytes, layout.Page]:
    """Lay out and draw validated content; return the PDF bytes and the page they show."""
    page = lay_out(checked, paper)
    return pdf.render([page], metadata(checked.content)), page


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
    cache.flush()  # the words shaped and hyphenated, for the next build
    return made.result._replace(seconds=time.perf_counter() - start)


def make(
    content: ContentSource,
    output: str | Path | None = None,
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
) -> Made:
    """Build as :func:`build` does, writing nothing."""
    start = time.perf_counter()
    paper, formats = checked_paper(paper), checked_formats(formats)
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
    source = _attached(content)
    checked = _checked(source, _base(content), paper)
    model, warnings = checked.content, checked.warnings
    preview = target.with_suffix(".png") if "png" in formats else None
    web = target.with_suffix(".html") if "html" in formats else None
    written = [path for path in (target if "pdf" in formats else None, preview, web) if path]
    if len(set(written)) < len(written):  # -o sheet.png --format pdf,png: one would be lost
        raise UsageError(
            f"the output {target} would be the PDF and its {target.suffix[1:].upper()} "
            "beside it at once; expected an output ending .pdf"
        )
    refuse_overwriting(written, _named(content, source))
    data, page = render(checked, paper)
    files = [(target, data)] if "pdf" in formats else []
    if preview is not None:
        from .pdf.png import png

        files.append((preview, png(data)))
    if web is not None:
        from .html.page import page as web_page

        files.append((web, web_page(checked, title_of(model), page.closing)))
    result = Result(
        target,
        1,
        paper or model.paper,
        page.scale,
        page.body_size,
        time.perf_counter() - start,
        [*warnings, *page.warnings],
        preview,
        web,
        page.blank,
    )
    return Made(result, data, files)


def sources(content: ContentSource) -> set[Path]:
    """The files a build of ``content`` reads: the content file, its style file, and the logo,
    photos and font files it names, even when it has errors (``watch`` follows them all).

    The file is read as a build reads it, with the same limits; whatever is wrong with it is
    the build's to report. A style file that cannot be read is still one the build reads.
    """
    try:
        source = _source(content)
    except ContentError:
        return _own(content)
    with contextlib.suppress(ContentError):
        source = style.attach(source, _base(content))
    return _named(content, source)


def _named(content: ContentSource, source: Source) -> set[Path]:
    """The files a build of ``content`` reads, as its node tree names them (with its style
    file's values, if attached), each relative to the file it is written in."""
    base, root = _base(content), source.root
    found = _own(content)
    name = style.name_in(root)
    if name is not None and "\0" not in name:  # a NUL names no file: the build says so
        found.add(real(base / name))
    files = [value_of(value_of(root, "logo"), "file")]
    for font in (value_of(value_of(root, "design"), key) for key in ("font", "heading_font")):
        for face in (value_of(font, key) for key in ("regular", "bold", "italic", "bold_italic")):
            files.append(value_of(face, "file") if isinstance(face, yaml.MappingNode) else face)
    sections = value_of(root, "sections")
    for section in sections.value if isinstance(sections, yaml.SequenceNode) else []:
        blocks = value_of(section, "blocks")
        for block in blocks.value if isinstance(blocks, yaml.SequenceNode) else []:
            files.append(value_of(value_of(block, "photo"), "file"))
    for file in files:
        if isinstance(file, yaml.ScalarNode) and "\0" not in file.value:
            found.add(real(source.folder(file, base) / file.value))
    return found


def _own(content: ContentSource) -> set[Path]:
    """The content file itself, if it is one."""
    return set() if isinstance(content, dict) else {real(content)}


def refuse_overwriting(outputs: Sequence[Path], inputs: set[Path]) -> None:
    """Raise :class:`UsageError` if an output would replace a file the build reads."""
    for output in outputs:
        if real(output) in inputs:
            raise UsageError(
                f"the output {output} is a file the build reads (a content file, its style, a "
                "logo, a photo or a font); expected another name, such as the content file's name "
                "ending .pdf"
            )


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
