"""The pipeline: content file -> model -> checks -> layout -> PDF bytes -> atomic write."""

from __future__ import annotations

import datetime
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from . import checks, layout, pdf
from .errors import ContentError, Problem
from .model import Content, load
from .output import write_atomic
from .reader import Source, parse, read
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


def check(content: ContentSource) -> tuple[Content, list[Problem]]:
    """Validate content without rendering: the model and its warnings, or :class:`ContentError`."""
    model = load(_source(content))
    theme = themed(model.design)
    problems = checks.glyph_problems(model, theme.family) + checks.colour_problems(model, theme)
    if problems:
        raise ContentError(problems)
    return model, checks.warnings(model)


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
    base = Path.cwd() if isinstance(content, dict) else Path(content).parent
    data, page = render(model, paper, base)
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
    if isinstance(content, dict):
        return parse(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "<dict>")
    return read(content)
