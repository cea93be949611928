"""Draw a laid-out page to PDF bytes: metadata, determinism and tagged structure (PDF/UA).

Every piece of page content is either inside a marked-content sequence tied to a structure
element (MCID, ParentTree, StructParents) or marked as an Artifact. The structure tree follows
the layout's reading order: Document, then H1/H2/P, Sect, L/LI and Figure groups.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

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

_GROUPS = {
    "Sect": "Sect",
    "L": "L",
    "LI": "LI",
    "Figure": "Div",
    "Div": "Div",
    "Part": "Part",
    "TOC": "TOC",
    "TOCI": "TOCI",
}


class Metadata(NamedTuple):
    """What the PDF says about itself."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    epoch: int | None = None  # creation time; SOURCE_DATE_EPOCH wins over it


def render(pages: Sequence[Page], meta: Metadata, outline: Sequence[tuple[str, int]] = ()) -> bytes:
    """The pages as a tagged, deterministic PDF.

    ``outline`` lists bookmarks as (title, page index). Every page can be linked to by the name
    ``page-N`` (N counting from 1). With several pages, each page's structure is a Part.
    """
    ascii85, rl_config.useA85 = rl_config.useA85, 0  # binary streams: smaller, and faster
    try:
        return _render(pages, meta, outline)
    finally:
        rl_config.useA85 = ascii85


def _render(pages: Sequence[Page], meta: Metadata, outline: Sequence[tuple[str, int]]) -> bytes:
    buffer = io.BytesIO()
    first = pages[0]
    canvas = _TaggedCanvas(
        buffer,
        pagesize=(first.width, first.height),
        invariant=1,
        initialFontName=first.font,
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
    for number, page in enumerate(pages, start=1):
        canvas.setPageSize((page.width, page.height))
        canvas.bookmarkPage(f"page-{number}")
        with canvas.artifact():
            for shape in page.shapes:
                _draw_shape(canvas, shape)
        part = (f"Part:{number}",) if len(pages) > 1 else ()
        for item in page.items:
            with canvas.element(item, part):
                item.flowable.drawOn(canvas, item.x, item.y)
        canvas.showPage()
    for title, index in outline:
        canvas.addOutlineEntry(title, f"page-{index + 1}", level=0)
    if outline:
        canvas.showOutline()
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
    children: list[_Element | tuple[int, int]] = field(default_factory=list)  # or (page, MCID)
    alt: str | None = None


class _TaggedCanvas(Canvas):
    """A canvas that records marked content and link annotations for the structure tree."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._root = _Element("Document")
        self._groups: dict[tuple[str, ...], _Element] = {}
        self._elements: dict[tuple[str, ...], _Element] = {}
        self._mcids: list[list[_Element]] = [[]]  # per page, the element of each MCID
        self._links: list[tuple[_Element, PDFDictionary, int]] = []  # with the page index
        self._current: _Element | None = None

    @contextmanager
    def artifact(self) -> Iterator[None]:
        """Mark what is drawn inside as decoration, outside the structure."""
        self.addLiteral("/Artifact BMC")
        yield
        self.addLiteral("EMC")

    @contextmanager
    def element(self, item: Placed, part: tuple[str, ...] = ()) -> Iterator[None]:
        """Mark what is drawn inside as (part of) the structure element of ``item``.

        Items whose role is ``Artifact`` (page numbers) are marked as artifacts instead.
        """
        if item.role == "Artifact":
            with self.artifact():
                yield
            return
        key = (*part, str(item.element))
        element = self._elements.get(key)
        if element is None:
            element = self._elements[key] = _Element(item.role, alt=item.alt)
            self._parent((*part, *item.parents)).children.append(element)
        page_mcids = self._mcids[-1]
        mcid = len(page_mcids)
        page_mcids.append(element)
        element.children.append((len(self._mcids) - 1, mcid))
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
            self._links.append((link, annotation, len(self._mcids) - 1))
            if "A" in annotation.dict:
                annotation["Contents"] = PDFString(f"Link to {annotation['A']['URI'].s}")
        super()._addAnnotation(annotation, name, addtopage)

    def linkRect(
        self,
        contents: str,
        destinationname: str,
        Rect: Any = None,
        addtopage: int = 1,
        name: str | None = None,
        relative: int = 1,
        **_border: Any,  # thickness, colour: links here are drawn without a border
    ) -> None:
        """An internal link, as a dictionary that the structure tree can point at."""
        annotation = PDFDictionary(
            {
                "Type": PDFName("Annot"),
                "Subtype": PDFName("Link"),
                "Rect": PDFArray(self._absRect(Rect, relative)),
                "Border": PDFArray([0, 0, 0]),
                "Dest": self._bookmarkReference(destinationname),
                "Contents": PDFString(f"Link to {contents or destinationname}"),
            }
        )
        self._addAnnotation(annotation, name, addtopage)

    def showPage(self) -> None:
        super().showPage()
        self._mcids.append([])

    def finish(self, meta: Metadata) -> None:
        """Write the structure tree, ParentTree, MarkInfo and XMP metadata (after the pages)."""
        doc = self._doc
        pages = doc.Pages.pages
        page_refs = []
        for index, page in enumerate(pages):
            page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
            page.StructParents = index
            page.Tabs = PDFName("S")
            page_refs.append(doc.Reference(page))
        tree_root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
        tree_ref = doc.Reference(tree_root)
        refs: dict[int, Any] = {}
        first_key = len(pages)  # ParentTree keys after the pages' are the annotations'
        for key, (_, annotation, _) in enumerate(self._links, start=first_key):
            annotation["StructParent"] = key

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
                if isinstance(child, tuple):
                    page_index, mcid = child
                    node["Pg"] = page_refs[page_index]
                    kids.append(mcid)
                else:
                    kids.append(build(child, ref))
            for link, annotation, page_index in self._links:
                if link is element:
                    objr = {
                        "Type": PDFName("OBJR"),
                        "Obj": doc.Reference(annotation),
                        "Pg": page_refs[page_index],
                    }
                    kids.append(PDFDictionary(objr))
            node["K"] = PDFArray(kids)
            return ref

        document = build(self._root, tree_ref)
        nums: list[Any] = []
        for index, owners in enumerate(self._mcids[: len(pages)]):
            nums += [index, PDFArray([refs[id(element)] for element in owners])]
        for key, (link, _, _) in enumerate(self._links, start=first_key):
            nums += [key, refs[id(link)]]
        tree_root["K"] = document
        tree_root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
        tree_root["ParentTreeNextKey"] = first_key + len(self._links)
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
