"""The pipeline: content file -> validation stage -> layout -> PDF bytes -> atomic write."""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from . import checks, layout, pdf
from .errors import ContentError, Location, Problem
from .model import Content
from .output import write_atomic
from .reader import Source, read
from .theme import themed

FORMATS = ("pdf", "png")
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

    @property
    def fit(self) -> str:
        """The fit as the CLI reports it: ``fit 92%, body 9.2 pt``."""
        return f"fit {self.scale:.0%}, body {self.body_size:.1f} pt"


def prepare(content: ContentSource) -> checks.Prepared:
    """Run every content rule (the stage both ``check`` and ``build`` run), or raise
    :class:`ContentError` with every problem found."""
    return checks.prepare(_source(content), _base(content))


def check(content: ContentSource) -> tuple[Content, list[Problem]]:
    """Validate content without rendering: the model and its warnings, or :class:`ContentError`."""
    prepared = prepare(content)
    return prepared.content, prepared.warnings


def lay_out(model: Content, paper: str | None = None, base: Path | None = None) -> layout.Page:
    """The page of validated content, fitted. ``base``: the folder file names start from."""
    return layout.compose(model, themed(model.design), paper or model.paper, base or Path.cwd())


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


def render(
    model: Content, paper: str | None = None, base: Path | None = None
) -> tuple[bytes, layout.Page]:
    """Lay out and draw validated content; return the PDF bytes and the page they show."""
    page = lay_out(model, paper, base)
    return pdf.render([page], metadata(model)), page


def build(
    content: ContentSource,
    output: str | Path | None = None,
    paper: str | None = None,
    formats: Sequence[str] = ("pdf",),
) -> Result:
    """Build one briefing from a content file (or a dict) and write it atomically.

    ``output`` defaults to the content file's name with ``.pdf``; ``formats`` may add ``png``,
    a preview written beside the PDF. Raises :class:`ContentError` for problems in the
    content; the previous output is then left untouched.
    """
    start = time.perf_counter()
    unknown = set(formats) - set(FORMATS)
    if unknown or not formats:
        raise ValueError(f"formats are {', '.join(FORMATS)}; got {', '.join(formats)}")
    model, warnings = check(content)
    data, page = render(model, paper, _base(content))
    if output is None:
        if isinstance(content, dict):
            raise ValueError("an output path is needed when content is given as a dict")
        output = Path(content).with_suffix(".pdf")
    target = Path(output)
    preview = None
    if "png" in formats:
        from .preview import png

        preview = target.with_suffix(".png")
        write_atomic(preview, png(data))
    if "pdf" in formats:
        write_atomic(target, data)
    return Result(
        target,
        1,
        paper or model.paper,
        page.scale,
        page.body_size,
        time.perf_counter() - start,
        warnings,
        preview,
    )


def _source(content: ContentSource) -> Source:
    """A content file read and parsed, or a dict as the same node tree, without lines: its
    problems are located by field path (``sections[0].body``)."""
    if not isinstance(content, dict):
        return read(content)
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
