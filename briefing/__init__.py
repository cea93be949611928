"""briefing: turn a YAML content file into a print-ready, one-page PDF briefing.

The public API is :func:`build`, :func:`check`, :class:`ContentError` and :class:`UsageError`;
they load ReportLab only when first used, so importing the package (and ``briefing --help``)
stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__ as __version__

__all__ = ["ContentError", "Problem", "Result", "UsageError", "build", "check"]

if TYPE_CHECKING:
    from .errors import ContentError, Problem, UsageError
    from .pipeline import Result, build, check


def __getattr__(name: str) -> Any:
    if name in ("build", "check", "Result"):
        from . import pipeline as module

        return getattr(module, name)
    if name in ("ContentError", "Problem", "UsageError"):
        from . import errors

        return getattr(errors, name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")
