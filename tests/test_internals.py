"""The private parts of dependencies that briefing relies on are all still there."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from io import BytesIO
from types import SimpleNamespace
from typing import Any

import pytest

from briefing.internals import INTERNALS, Internal

from .conftest import ROOT


def _canvas() -> Any:
    from reportlab.pdfgen.canvas import Canvas

    return Canvas(BytesIO())


def _renderer() -> Any:
    from reportlab.graphics import renderPDF
    from reportlab.graphics.shapes import Drawing, Rect

    seen = SimpleNamespace()

    class Recording(renderPDF._PDFRenderer):  # type: ignore[misc]
        def drawRect(self, rect: Any) -> None:
            seen._canvas = self._canvas  # what a renderer's drawing methods draw on

    drawing = Drawing(10, 10)
    drawing.add(Rect(0, 0, 5, 5))
    Recording().draw(drawing, _canvas(), 0, 0)
    return seen


def _face() -> Any:
    from reportlab.pdfbase.ttfonts import TTFont

    return TTFont("internals-test", str(ROOT / "briefing" / "fonts" / "NotoSans-Regular.ttf")).face


def _hyph_dict() -> Any:
    import pyphen

    return pyphen.HyphDict(pyphen.LANGUAGES["en_US"])


# Instances to look for instance attributes on, by their class.
INSTANCES: dict[str, Callable[[], Any]] = {
    "Canvas": _canvas,
    "PDFDocument": lambda: _canvas()._doc,
    "PDFTextObject": lambda: _canvas().beginText(),
    "_PDFRenderer": _renderer,
    "TTFontFace": _face,
    "HyphDict": _hyph_dict,
}


@pytest.mark.parametrize("internal", INTERNALS, ids=lambda i: f"{i.owner or i.module}.{i.name}")
def test_each_private_name_briefing_uses_is_still_there(internal: Internal) -> None:
    module = importlib.import_module(internal.module)
    owner: Any = module
    if internal.owner:
        owner = (
            INSTANCES[internal.owner]() if internal.instance else getattr(module, internal.owner)
        )
    assert hasattr(owner, internal.name), (
        f"{internal.module} no longer has {internal.owner}.{internal.name}, which briefing's "
        f"{internal.use}; see briefing/internals.py"
    )


def test_every_private_name_in_briefing_is_listed() -> None:
    import re

    listed = {internal.name for internal in INTERNALS}
    used = set()
    for path in (ROOT / "briefing").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        used |= set(
            re.findall(r"(?:super\(\)|canvas|face|_doc|_text|renderPDF)\.(_[A-Za-z]\w*)", text)
        )
        used |= set(re.findall(r"pyphen\.(hdcache)", text))
    assert used - listed == set()


def test_python_bidi_reports_a_level_for_each_byte() -> None:
    from briefing.text.shaping import levels

    # Arabic, a bracketed Latin word (brackets paired, UAX #9 rule N0), a trailing space.
    assert levels("أب (a) ", rtl=True) == [1, 1, 1, 1, 2, 1, 1]
    assert levels("a ب", rtl=False) == [0, 0, 1]
