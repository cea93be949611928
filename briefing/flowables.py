"""ReportLab's ``Flowable`` and ``Image``, without the rest of its page-layout package.

``reportlab.platypus`` loads all of ReportLab's page layout on import (paragraphs and their
parser, tables, document templates: about 60 ms of every start), and any import of one of its
modules runs it first. briefing draws its own text and needs only its flowables: the package
is put in place without running its ``__init__``. A name asked of the package is its
flowables' (``from reportlab.platypus import Flowable``, as ReportLab's graphics ask), or the
``__init__`` runs in full then (``from reportlab.platypus import Paragraph`` still works).
"""

from __future__ import annotations

import importlib.util
import sys
import types
from collections.abc import Callable, Hashable
from typing import Any


class _Apart(types.ModuleType):
    """``reportlab.platypus`` before its ``__init__`` has run."""

    def __getattr__(self, name: str) -> Any:
        flowables = sys.modules.get("reportlab.platypus.flowables")
        if flowables is not None and name in flowables.__all__:
            return getattr(flowables, name)  # what the package takes from it, as it is
        spec = self.__spec__
        wanted = name == "__all__" or not name.startswith("__")  # (``import *`` asks __all__)
        if not wanted or spec is None or spec.loader is None:
            raise AttributeError(f"module {self.__name__!r} has no attribute {name!r}")
        self.__class__ = types.ModuleType  # type: ignore[assignment]  # the whole package, once
        spec.loader.exec_module(self)
        return getattr(self, name)


def _package_apart() -> None:
    """``reportlab.platypus`` imported without its ``__init__``, unless it is already."""
    if "reportlab.platypus" in sys.modules:
        return
    spec = importlib.util.find_spec("reportlab.platypus")
    if spec is not None and spec.loader is not None:
        package = importlib.util.module_from_spec(spec)
        package.__class__ = _Apart
        sys.modules["reportlab.platypus"] = package


_package_apart()

from reportlab.platypus.flowables import Flowable, Image  # noqa: E402

__all__ = ["Flowable", "Image", "filled"]

Kept = dict[Hashable, tuple[object, list[str]]]


def filled(
    canvas: Any, colour: Any, kept: Kept, key: Hashable, owner: object, draw: Callable[[], None]
) -> None:
    """Draw with ``draw`` filled in ``colour`` (a ReportLab colour), the graphics state saved
    and restored about it; its operators are kept in ``kept`` under ``key`` (with ``owner``)
    and written again as they were the next time, where ``key`` and the same ``owner`` ask
    (they hold all else the drawing depends on), the colour's opacity is the one set (then
    set by no operator) and no colour space is enforced (shapes drawn in every build: an
    Arabic run's marks, a QR code's modules)."""
    again = canvas._enforceColorSpace is None and colour.alpha == canvas._extgstate.getValue("ca")
    known = kept.get(key) if again else None
    canvas.saveState()
    start = len(canvas._code)
    if known is not None and known[0] is owner:
        canvas._code += known[1]
        canvas._doc.ensureMinPdfVersion("transparency")  # as setting the opacity does
    else:
        canvas.setFillColor(colour)
        draw()
        if again:
            if len(kept) > 20_000:
                kept.clear()
            kept[key] = (owner, canvas._code[start:])
    canvas.restoreState()
