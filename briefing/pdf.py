"""Draw a laid-out page to PDF bytes: metadata, determinism and tagged structure (PDF/UA).

Every piece of page content is either inside a marked-content sequence tied to a structure
element (MCID, ParentTree, StructParents) or marked as an Artifact. The structure tree follows
the layout's reading order: Document, then H1/H2/P, Sect, L/LI and Figure groups.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas

from . import __version__
from .language import LANGUAGES
from .layout import Page, Placed, Shape
from .markup import escape

_GROUPS = {"Sect": "Sect", "L": "L", "LI": "LI", "Figure": "Div", "Div": "Div"}


@dataclass(frozen=True)
class Metadata:
    """What the PDF says about itself."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    epoch: int | None = None  # creation time; SOURCE_DATE_EPOCH wins over it


def render(page: Page, meta: Metadata) -> bytes:
    """The page as a tagged, deterministic one-page PDF."""
    ascii85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller, and faster
    try:
        return _render(page, meta)
    finally:
        rl_config.useA85 = ascii85


def _render(page: Page, meta: Metadata) -> bytes:
    buffer = io.BytesIO()
    canvas = _TaggedCanvas(
        buffer,
        pagesize=(page.width, page.height),
        invariant=1,
        initialFontName=page.font,
        lang=LANGUAGES[meta.language].tag,
        pageCompression=1,
    )
    canvas._doc._timeStamp = _timestamp(meta.epoch)
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    canvas.setKeywords(", ".join(meta.keywords))
    canvas.setCreator(f"briefing {__version__}")
    canvas.setViewerPreference("DisplayDocTitle", "true")
    with canvas.artifact():
        for shape in page.shapes:
            _draw_shape(canvas, shape)
    for item in page.items:
        with canvas.element(item):
            item.flowable.drawOn(canvas, item.x, item.y)
    canvas.showPage()
    canvas.finish(meta)
    canvas.save()
    return buffer.getvalue()


def _timestamp(epoch: int | None) -> TimeStamp:
    stamp = TimeStamp(invariant=True)
    if epoch is not None and not os.environ.get("SOURCE_DATE_EPOCH", "").strip():
        stamp.t, stamp.lt = epoch, time.gmtime(epoch)
        stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


def _draw_shape(canvas: Canvas, shape: Shape) -> None:
    colour = HexColor(shape.colour)
    if shape.kind == "rect":
        canvas.setFillColor(colour)
        canvas.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)
    else:
        canvas.setStrokeColor(colour)
        canvas.setLineWidth(shape.line_width)
        canvas.line(shape.x, shape.y, shape.x + shape.width, shape.y + shape.height)


@dataclass
class _Element:
    role: str
    children: list[_Element | int | tuple[str, Any]] = field(default_factory=list)
    alt: str | None = None


class _TaggedCanvas(Canvas):
    """A canvas that records marked content and link annotations for the structure tree."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._root = _Element("Document")
        self._groups: dict[tuple[str, ...], _Element] = {}
        self._elements: dict[int, _Element] = {}
        self._mcids: list[_Element] = []  # the element of each MCID, in MCID order
        self._links: list[tuple[_Element, PDFDictionary]] = []
        self._current: _Element | None = None

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Mark what is drawn inside as decoration, outside the structure."""
        self.addLiteral("/Artifact BMC")
        yield
        self.addLiteral("EMC")

    @contextmanager
    def element(self, item: Placed) -> Iterator[None]:
        """Mark what is drawn inside as (part of) the structure element of ``item``."""
        element = self._elements.get(item.element)
        if element is None:
            element = self._elements[item.element] = _Element(item.role, alt=item.alt)
            self._parent(item.parents).children.append(element)
        mcid = len(self._mcids)
        self._mcids.append(element)
        element.children.append(mcid)
        self.addLiteral(f"/{item.role} <</MCID {mcid}>> BDC")
        self._current = element
        yield
        self._current = None
        self.addLiteral("EMC")

    def _parent(self, keys: tuple[str, ...]) -> _Element:
        parent = self._root
        for depth in range(len(keys)):
            path = keys[: depth + 1]
            group = self._groups.get(path)
            if group is None:
                group = self._groups[path] = _Element(_GROUPS[keys[depth].split(":")[0]])
                parent.children.append(group)
            parent = group
        return parent

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        if self._current is not None and isinstance(annotation, PDFDictionary):
            link = _Element("Link")
            self._current.children.append(link)
            annotation["StructParent"] = 1 + len(self._links)
            uri = annotation["A"]["URI"].s if "A" in annotation.dict else ""
            annotation["Contents"] = PDFString(f"Link to {uri}")
            self._links.append((link, annotation))
        super()._addAnnotation(annotation, name, addtopage)

    def finish(self, meta: Metadata) -> None:
        """Write the structure tree, ParentTree, MarkInfo and XMP metadata (after ``showPage``)."""
        doc = self._doc
        page = doc.Pages.pages[-1]
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.StructParents = 0
        page.Tabs = PDFName("S")
        page_ref = doc.Reference(page)
        tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        tree_ref = doc.Reference(tree_root)
        refs: dict[int, Any] = {}

        def build(element: _Element, parent_ref: Any) -> Any:
            node = PDFDictionary(
                {"Type": PDFName("StructElem"), "S": PDFName(element.role), "P": parent_ref}
            )
            if element.alt:
                node["Alt"] = PDFString(element.alt)
            ref = doc.Reference(node)
            refs[id(element)] = ref
            kids: list[Any] = []
            for child in element.children:
                if isinstance(child, int):
                    kids.append(child)
                    node["Pg"] = page_ref
                elif isinstance(child, _Element):
                    kids.append(build(child, ref))
            for link, annotation in self._links:
                if link is element:
                    kids.append(
                        PDFDictionary(
                            {
                                "Type": PDFName("OBJR"),
                                "Obj": doc.Reference(annotation),
                                "Pg": page_ref,
                            }
                        )
                    )
            node["K"] = PDFArray(kids)
            return ref

        document = build(self._root, tree_ref)
        nums: list[Any] = [0, PDFArray([refs[id(element)] for element in self._mcids])]
        for index, (link, _) in enumerate(self._links, start=1):
            nums += [index, refs[id(link)]]
        tree_root["K"] = document
        tree_root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        tree_root["ParentTreeNextKey"] = 1 + len(self._links)
        catalog = doc.Catalog
        catalog.StructTreeRoot = tree_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        xmp = _xmp(meta).encode("utf-8")
        catalog.Metadata = doc.Reference(
            pdfdoc.PDFStream(
                PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), xmp, ()
            )
        )


def _xmp(meta: Metadata) -> str:
    keywords = escape(", ".join(meta.keywords))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li>
   </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{escape(meta.subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{LANGUAGES[meta.language].tag}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>ReportLab PDF Library - www.reportlab.com</pdf:Producer>
   <xmp:CreatorTool>briefing {__version__}</xmp:CreatorTool>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""
