"""The private parts of dependencies that briefing relies on are all still there."""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
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
            seen._tracker = self._tracker  # the state they draw in

    drawing = Drawing(10, 10)
    drawing.add(Rect(0, 0, 5, 5))
    Recording().draw(drawing, _canvas(), 0, 0)
    return seen


def _text_object() -> Any:
    """A text object that has been given a colour (which it keeps as ReportLab does)."""
    text = _canvas().beginText()
    text.setFillColor(importlib.import_module("reportlab.lib.colors").black)
    return text


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
    "PDFTextObject": _text_object,
    "ShapedStr": lambda: importlib.import_module("reportlab.pdfbase.ttfonts").ShapedStr("a", []),
    "PDFImageXObject": lambda: importlib.import_module("reportlab.pdfbase.pdfdoc").PDFImageXObject(
        "image"
    ),
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


# Names that look private but are Python's own, or the standard library's documented API.
PYTHON = {*dir(object), *dir(type), "__dict__", "__name__", "__file__", "__version__"}
STANDARD = {"_replace", "_fields", "_asdict", "_make", "_exit"}
DEPENDENCIES = ("reportlab", "svglib", "pyphen", "bidi", "PIL", "yaml")
MUTATORS = {"append", "extend", "insert", "setdefault", "update", "pop", "clear", "remove", "add"}


def _private(name: str) -> bool:
    return name.startswith("_") and name not in PYTHON


@functools.cache
def _words(path: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", Path(path).read_text(encoding="utf-8", errors="replace")))


@functools.cache
def _dependencies() -> tuple[frozenset[str], frozenset[str]]:
    """Every word in the dependencies' code, and the names of the functions it defines."""
    words: set[str] = set()
    defined: set[str] = set()
    for name in DEPENDENCIES:
        module = importlib.import_module(name)
        for path in Path(str(module.__file__)).parent.rglob("*.py"):
            words |= _words(str(path))
            defined |= set(re.findall(r"^\s*def (\w+)", path.read_text("utf-8", "replace"), re.M))
    return frozenset(words), frozenset(defined)


def _claimed(cls: type, name: str) -> bool:
    """Whether a class from outside briefing that ``cls`` inherits from has or uses ``name``."""
    for base in cls.__mro__:
        if base.__module__.split(".")[0] in ("briefing", "builtins", "typing"):
            continue
        if name in vars(base):
            return True
        source = inspect.getsourcefile(base)
        if source is not None and name in _words(source):
            return True
    return False


def _modules() -> Iterator[tuple[Path, Any, ast.Module]]:
    for path in sorted((ROOT / "briefing").rglob("*.py")):
        if path.name != "__main__.py":
            parts = path.relative_to(ROOT).with_suffix("").parts
            name = ".".join(parts).removesuffix(".__init__")
            yield path, importlib.import_module(name), ast.parse(path.read_text("utf-8"))


def _uses_and_writes() -> tuple[dict[str, list[str]], set[str]]:
    """The private names briefing uses on a dependency's objects (or gives its subclasses,
    where they would clash), and the names of a dependency's data it writes into, each with
    where; and every name briefing's code holds."""
    words, defined = _dependencies()
    found: dict[str, list[str]] = {}
    held: set[str] = set()
    own: set[str] = set()  # private names briefing's own classes hold
    elsewhere: list[tuple[str, str]] = []
    writes: list[tuple[str, str]] = []
    attributes: set[str] = set()  # the names briefing gives its own objects
    for path, module, tree in _modules():
        held |= _words(str(path))
        on_self: set[int] = set()
        for top in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            cls = getattr(module, top.name, None)
            for node in ast.walk(top):
                named = node.attr if isinstance(node, ast.Attribute) else None
                if isinstance(node, ast.FunctionDef):
                    attributes.add(node.name)
                elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                    attributes.add(node.target.id)
                elif isinstance(node, ast.Assign):
                    attributes |= {t.id for t in node.targets if isinstance(t, ast.Name)}
                if named is None or not _is_self(node):
                    continue
                on_self.add(id(node))
                if isinstance(node.ctx, ast.Store):
                    attributes.add(named)
                if not _private(named):
                    continue
                if cls is None or _claimed(cls, named):
                    found.setdefault(named, []).append(f"{path.name}:{node.lineno}")
                else:
                    own.add(named)
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute) and id(node) not in on_self and _private(node.attr):
                elsewhere.append((node.attr, where))
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
                and len(node.args) > 1
                and isinstance(node.args[1], ast.Constant)
                and _private(str(node.args[1].value))
            ):
                elsewhere.append((str(node.args[1].value), where))
        writes += _writes(tree, path, defined)
    for name, where in elsewhere:  # private: briefing's own unless a dependency uses it too
        if name not in STANDARD and (name in words or name not in own | attributes):
            found.setdefault(name, []).append(where)
    for name, where in writes:
        if name not in attributes:
            found.setdefault(name, []).append(where)
    return found, held


def _is_self(node: ast.AST) -> bool:
    return isinstance(node, ast.Attribute) and (
        isinstance(node.value, ast.Name) and node.value.id == "self"
    )


def _writes(tree: ast.Module, path: Path, defined: frozenset[str]) -> Iterator[tuple[str, str]]:
    """Writes into a dependency's data: an item set in, or a method that changes, an object's
    attribute; an attribute set on a dependency's module; a method replaced by a function."""
    imported = {
        alias.asname or alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
        if (getattr(node, "module", None) or alias.name).split(".")[0] in DEPENDENCIES
    }
    for node in ast.walk(tree):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        target: ast.AST | None = None
        if isinstance(node, ast.Subscript) and isinstance(node.ctx, (ast.Store, ast.Del)):
            target = node.value
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            target = node.func.value if node.func.attr in MUTATORS else None
        in_sys = isinstance(target, ast.Attribute) and getattr(target.value, "id", "") == "sys"
        if isinstance(target, ast.Attribute) and not _is_self(target) and not in_sys:
            yield target.attr, where
        if isinstance(node, ast.Assign):
            for stored in node.targets:
                if not isinstance(stored, ast.Attribute) or _is_self(stored):
                    continue
                on_module = isinstance(stored.value, ast.Name) and stored.value.id in imported
                patched = isinstance(node.value, ast.Lambda) and stored.attr in defined
                if on_module or patched:
                    yield stored.attr, where


def test_every_private_name_and_write_into_a_dependency_is_listed() -> None:
    """The list cannot drift: what briefing's syntax tree shows it relies on is listed, and
    what is listed is still in briefing's code."""
    found, held = _uses_and_writes()
    listed = {internal.name for internal in INTERNALS}
    words, _ = _dependencies()
    unlisted = {
        name: places
        for name, places in found.items()
        if name not in listed and (_private(name) or name in words)
    }
    assert unlisted == {}, "add these to briefing/internals.py"
    assert {name for name in listed if name not in held} == set(), "no longer used"


def test_python_bidi_reports_a_level_for_each_byte() -> None:
    from briefing.text.shaping import levels

    # Arabic, a bracketed Latin word (brackets paired, UAX #9 rule N0), a trailing space.
    assert levels("أب (a) ", rtl=True) == [1, 1, 1, 1, 2, 1, 1]
    assert levels("a ب", rtl=False) == [0, 0, 1]


def test_a_glyph_copied_wider_is_embedded_as_a_glyph_of_its_own() -> None:
    """ReportLab's subset still reads a glyph index's outline from ``glyphPos`` and its advance
    from ``hmetrics`` (``briefing/text/widened.py``)."""
    from fontTools.ttLib import TTFont

    from briefing.text import widened

    face = _face()
    gid = face.charToGlyph[ord("a")]
    advance, _ = face.hmetrics[gid]
    face.charToGlyph[0xE000] = widened.glyph(face, gid, advance + 300)
    embedded = TTFont(BytesIO(face.makeSubset([ord("a"), 0xE000])))
    cmap = next(iter(embedded["cmap"].tables)).cmap
    glyf, hmtx = embedded["glyf"], embedded["hmtx"]
    plain, wide = cmap[0], cmap[1]
    assert plain != wide
    assert hmtx[plain][0] == advance and hmtx[wide][0] == advance + 300
    assert glyf[plain].getCoordinates(glyf)[0] == glyf[wide].getCoordinates(glyf)[0]


_PLATYPUS = """
import json, sys
from briefing.pipeline import build
build(sys.argv[1], sys.argv[2])
built = "reportlab.platypus.paragraph" in sys.modules
from reportlab.platypus import Flowable, Image
asked = "reportlab.platypus.paragraph" in sys.modules
from reportlab.platypus import *
print(json.dumps([built, asked, Paragraph.__name__, SimpleDocTemplate.__name__]))
"""


def test_reportlabs_page_layout_loads_only_when_asked_for(tmp_path: Path) -> None:
    """A build, and ReportLab's graphics asking the package for ``Flowable``, load none of
    ReportLab's paragraphs (``briefing/flowables.py``); a name of the rest, or ``import *``,
    loads the package whole as before."""
    result = subprocess.run(
        [sys.executable, "-c", _PLATYPUS, str(ROOT / "content.yaml"), str(tmp_path / "x.pdf")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split("\n")[-2] == '[false, false, "Paragraph", "SimpleDocTemplate"]'
