"""Draw laid-out pages to PDF bytes: metadata, determinism, tagged structure (PDF/UA-1, PDF/A-2a).

Every piece of page content is either inside a marked-content sequence tied to a structure
element (MCID, ParentTree, StructParents) or marked as an Artifact. The structure tree follows
the layout's reading order: Document, then H1/H2/P, Sect, L/LI and Figure groups. The file
also meets PDF/A-2a: an sRGB output intent, XMP with both identifiers, printable annotations
and the stream syntax PDF/A asks for (see :class:`_PdfaDocument`).
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from reportlab import rl_config
from reportlab.lib.colors import HexColor
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFString
from reportlab.pdfbase.pdfutils import asciiBase85Decode
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..language import LANGUAGES, Language
from ..layout import Group, Page, Placed, Shape, Tag
from ..text import shaping
from ..text.textbox import TextBox
from . import deflate, objects

_GROUPS: dict[str, Group] = {  # a parent key's prefix: the element it is
    "Sect": "Sect",
    "L": "L",
    "LI": "LI",
    "Figure": "Div",
    "Div": "Div",
    "Part": "Part",
    "TOC": "TOC",
    "TOCI": "TOCI",
    "Table": "Table",
    "THead": "THead",
    "TBody": "TBody",
    "TR": "TR",
}


class Metadata(NamedTuple):
    """What the PDF says about itself."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    creator: str  # the program and its version, as the file names them
    epoch: int | None = None  # creation time; SOURCE_DATE_EPOCH wins over it


def render(
    pages: Sequence[Page],
    meta: Metadata,
    outline: Sequence[tuple[str, int]] = (),
    languages: Sequence[str] = (),
) -> bytes:
    """The pages as a tagged, deterministic PDF that meets PDF/UA-1 and PDF/A-2a.

    ``outline`` lists bookmarks as (title, page index); links to a bookmarked page are described
    by its title. Every page can be linked to by the name ``page-N`` (N counting from 1). With
    several pages, each page's structure is a Part in the language of ``languages[index]``
    (the document's language when not given).
    """
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
    canvas.setCreator(meta.creator)
    canvas.setProducer(_PRODUCER)
    canvas.setViewerPreference("DisplayDocTitle", "true")
    canvas.titles = {f"page-{index + 1}": title for title, index in outline}
    for number, page in enumerate(pages, start=1):
        canvas.words = LANGUAGES[languages[number - 1] if languages else meta.language]
        canvas.setPageSize((page.width, page.height))
        canvas.bookmarkPage(f"page-{number}")
        with canvas.artifact():
            for shape in page.shapes:
                _draw_shape(canvas, shape)
        part = (f"Part:{number}",) if len(pages) > 1 else ()
        for item in page.items:
            _name_font(item.flowable, page.font)
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


_Rect = tuple[float, float, float, float]


class _Mcid(NamedTuple):
    page: int
    mcid: int


class _Annotation(NamedTuple):
    dictionary: PDFDictionary
    page: int


@dataclass
class _Element:
    role: Tag
    children: list[_Element | _Mcid | _Annotation] = field(default_factory=list)
    alt: str | None = None
    lang: str | None = None
    bbox: _Rect | None = None  # a figure's bounds on its page
    actual: str = ""  # right-to-left text in reading order (its glyphs are drawn left to right)


class _TaggedCanvas(Canvas):
    """A canvas that records marked content and link annotations for the structure tree.

    ``words`` is the language of the page being drawn, which describes its links; ``titles``
    maps bookmark names to the titles that describe links to them.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._doc.__class__ = _PdfaDocument  # made by ReportLab's Canvas, with no other way in
        self.words: Language = LANGUAGES["en"]
        self.titles: dict[str, str] = {}
        self._root = _Element("Document")
        self._groups: dict[tuple[str, ...], _Element] = {}
        self._elements: dict[tuple[str, ...], _Element] = {}
        self._link_elements: dict[tuple[int, object], _Element] = {}
        self._mcids: list[list[_Element]] = [[]]  # per page, the element of each MCID
        self._annotations: list[tuple[_Element, PDFDictionary]] = []  # with their Link
        self._current: _Element | None = None
        self._text: PDFTextObject | None = None  # a text object begun and not yet drawn
        # the element resumed after a link, and where its operator went (with the length then)
        self._resumed: tuple[_Element, list[str], int] | None = None

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
        box = item.flowable
        if isinstance(box, TextBox) and box.setting.rtl:  # a part in each column: the next
            text = box.reading()  # after the space this one ends with, or inside a word
            if shaping.has_rtl(text) or element.actual:
                element.actual += text
        if item.role == "Figure":  # its bounds, for reflow and for readers that show it
            box = (item.x, item.y, item.x + item.width, item.y + item.height)
            old = element.bbox or box
            element.bbox = (
                min(old[0], box[0]),
                min(old[1], box[1]),
                max(old[2], box[2]),
                max(old[3], box[3]),
            )
        self._begin(element)
        self._current = element
        yield
        self._current = None
        self._literal("EMC")

    @contextmanager
    def link(self, uri: str, rect: _Rect | None, key: object) -> Iterator[None]:
        """Draw what is inside as (part of) the link ``key`` of the current element.

        The element's marked content is ended, and what is drawn inside goes into the marked
        content of a Link element, a child of the current element at this point in reading
        order (made at the first use of ``key`` in this element; later uses, such as a link's
        second line, add to it). Each use with a ``rect`` adds a link annotation to ``uri`` (a
        web or mailto address, or ``#name`` for a page in this document) over ``rect`` (x1, y1,
        x2, y2 in the current user space) that the Link element holds (None: the text goes on
        one drawn before, under its annotation). Then the element's marked content
        resumes. It may be used inside a text object begun with ``beginText``.
        """
        parent = self._current
        if parent is None:
            raise RuntimeError("link() is only drawn inside element()")
        sink = self._sink()
        resumed = self._resumed
        if resumed and resumed[0] is parent and resumed[1] is sink and resumed[2] == len(sink):
            sink.pop()  # nothing drawn since the element resumed after a link: resume it later
            self._mcids[-1].pop()
            parent.children.pop()
        else:
            sink.append("EMC")
        link = self._link_elements.get((id(parent), key))
        if link is None:
            link = self._link_elements[id(parent), key] = _Element("Link")
            parent.children.append(link)
        self._begin(link)
        if rect is not None:
            self._annotate(link, uri, rect)
        self._current = link
        yield
        self._current = parent
        self._literal("EMC")
        self._begin(parent)
        sink = self._sink()
        self._resumed = (parent, sink, len(sink))

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        """A text object, into which marked content goes until it is drawn."""
        self._text = super().beginText(x, y, direction)
        return self._text

    def drawText(self, aTextObject: PDFTextObject) -> None:
        """Draw a text object (and end it: marked content goes to the page again)."""
        if aTextObject is self._text:
            self._text = None
        super().drawText(aTextObject)

    def _begin(self, element: _Element) -> None:
        """Open a marked-content sequence for ``element`` with the page's next MCID."""
        page_mcids = self._mcids[-1]
        mcid = len(page_mcids)
        page_mcids.append(element)
        element.children.append(_Mcid(len(self._mcids) - 1, mcid))
        self._literal(f"/{element.role} <</MCID {mcid}>> BDC")

    def _literal(self, operator: str) -> None:
        """Add a marked-content operator to the open text object, or else to the page."""
        self._sink().append(operator)

    def _sink(self) -> list[str]:
        """Where drawing operators go now (ReportLab's text objects have no public way)."""
        return self._code if self._text is None else self._text._code

    def _parent(self, keys: tuple[str, ...]) -> _Element:
        parent = self._root
        for depth in range(len(keys)):
            path = keys[: depth + 1]
            group = self._groups.get(path)
            if group is None:
                role = _GROUPS[keys[depth].split(":")[0]]
                lang = self.words.tag if role == "Part" else None
                group = self._groups[path] = _Element(role, lang=lang)
                parent.children.append(group)
            parent = group
        return parent

    def _annotate(self, link: _Element, uri: str, rect: _Rect) -> None:
        """A link annotation to ``uri`` over ``rect``, held by ``link``."""
        annotation = PDFDictionary(
            {
                "Type": PDFName("Annot"),
                "Subtype": PDFName("Link"),
                "Rect": PDFArray(self._absRect(rect, 1)),
                "Border": PDFArray([0, 0, 0]),
            }
        )
        if uri.startswith("#"):
            annotation["Dest"] = self._bookmarkReference(uri[1:])
            annotation["Contents"] = PDFString(self._describe_page(uri[1:]))
        else:
            action = {"S": PDFName("URI"), "URI": PDFString(uri)}
            annotation["A"] = PDFDictionary(action)
        self._tie(link, annotation)
        self._addAnnotation(annotation)

    def _tie(self, link: _Element, annotation: PDFDictionary) -> None:
        """Make ``annotation`` printable, describe it, and let the Link element hold it."""
        annotation["F"] = 4  # Print
        if "A" in annotation.dict:
            annotation["Contents"] = PDFString(self.words.describe_link(annotation["A"]["URI"].s))
        link.children.append(_Annotation(annotation, len(self._mcids) - 1))
        self._annotations.append((link, annotation))

    def _describe_page(self, name: str) -> str:
        number = int(name.removeprefix("page-"))
        return self.words.describe_page(self.titles.get(name, str(number)), number)

    def showPage(self) -> None:
        super().showPage()
        self._mcids.append([])

    def finish(self, meta: Metadata) -> None:
        """Write the structure tree, ParentTree, MarkInfo, output intent and XMP metadata."""
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
        refs: dict[int, bytes] = {}  # each element's reference
        first_key = len(pages)  # ParentTree keys after the pages' are the annotations'
        for key, (_, annotation) in enumerate(self._annotations, start=first_key):
            annotation["StructParent"] = key

        pages_at = [objects.reference(doc, ref) for ref in page_refs]

        def build(element: _Element, parent: bytes) -> bytes:
            node = objects.Formatted()
            ref = doc.Reference(node)
            refs[id(element)] = at = objects.reference(doc, ref)
            entries = {"Type": b"/StructElem", "S": objects.name(element.role), "P": parent}
            for key, text in (("Alt", element.alt), ("Lang", element.lang)):
                if text:
                    entries[key] = PDFString(text).format(doc)
            if element.actual:  # what Acrobat and screen readers read (docs/readers.md)
                entries["ActualText"] = PDFString(element.actual.rstrip()).format(doc)
            if element.bbox:
                bounds = objects.array([objects.number(round(v, 2)) for v in element.bbox])
                entries["A"] = objects.dictionary({"O": b"/Layout", "BBox": bounds})
            if element.role == "TH":  # a header cell heads its column
                entries["A"] = objects.dictionary({"O": b"/Table", "Scope": b"/Column"})
            kids: list[bytes] = []
            for child in element.children:
                if isinstance(child, _Mcid):
                    entries["Pg"] = pages_at[child.page]
                    kids.append(objects.number(child.mcid))
                elif isinstance(child, _Annotation):
                    objr = {
                        "Type": b"/OBJR",
                        "Obj": objects.reference(doc, doc.Reference(child.dictionary)),
                        "Pg": pages_at[child.page],
                    }
                    kids.append(objects.dictionary(objr))
                else:
                    kids.append(build(child, at))
            entries["K"] = objects.array(kids)
            node.data = objects.dictionary(entries)
            return at

        document = build(self._root, objects.reference(doc, tree_ref))
        nums: list[bytes] = []
        for index, owners in enumerate(self._mcids[: len(pages)]):
            owned = objects.array([refs[id(element)] for element in owners])
            nums += [objects.number(index), owned]
        for key, (link, _) in enumerate(self._annotations, start=first_key):
            nums += [objects.number(key), refs[id(link)]]
        tree_root["K"] = objects.Formatted(document)
        parent_tree = objects.dictionary({"Nums": objects.array(nums)})
        tree_root["ParentTree"] = doc.Reference(objects.Formatted(parent_tree))
        tree_root["ParentTreeNextKey"] = first_key + len(self._annotations)
        catalog = doc.Catalog
        catalog.__NoDefault__ = [*catalog.__NoDefault__, "OutputIntents"]
        catalog.StructTreeRoot = tree_ref
        catalog.MarkInfo = PDFDictionary({"Marked": "true"})
        catalog.OutputIntents = PDFArray([_output_intent(doc)])
        xmp = _xmp(meta, doc._timeStamp).encode("utf-8")
        header = PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")})
        catalog.Metadata = doc.Reference(pdfdoc.PDFStream(header, xmp, None))  # unfiltered


_PRODUCER = "ReportLab PDF Library - www.reportlab.com"


def _output_intent(doc: Any) -> PDFDictionary:
    """The sRGB output intent that PDF/A asks of a file that paints in DeviceRGB."""
    profile = pdfdoc.PDFStream(PDFDictionary({"N": 3}), _srgb(), [pdfdoc.PDFZCompress])
    return PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString("sRGB IEC61966-2.1"),
            "Info": PDFString("sRGB IEC61966-2.1"),
            "DestOutputProfile": doc.Reference(profile),
        }
    )


@cache
def _srgb() -> bytes:
    return Path(__file__).with_name("sRGB.icc").read_bytes()


def _escaped(text: str) -> str:
    """``text`` as XML character data (as ``html.escape`` without quotes, which would load the
    ``html`` package and its entities, a millisecond of every build)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xmp(meta: Metadata, stamp: TimeStamp) -> str:
    keywords = _escaped(", ".join(meta.keywords))
    date = "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}Z".format(*stamp.YMDhms)
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt>
    <rdf:li xml:lang="x-default">{_escaped(meta.title)}</rdf:li>
   </rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{_escaped(meta.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt>
    <rdf:li xml:lang="x-default">{_escaped(meta.subject)}</rdf:li>
   </rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>{LANGUAGES[meta.language].tag}</rdf:li></rdf:Bag></dc:language>
   <pdf:Keywords>{keywords}</pdf:Keywords>
   <pdf:Producer>{_PRODUCER}</pdf:Producer>
   <xmp:CreatorTool>{_escaped(meta.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <pdfaid:part>2</pdfaid:part>
   <pdfaid:conformance>A</pdfaid:conformance>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
  <rdf:Description rdf:about=""
    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
     <pdfaProperty:name>part</pdfaProperty:name>
     <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
     <pdfaProperty:category>internal</pdfaProperty:category>
     <pdfaProperty:description>Part of ISO 14289 followed</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


# What PDF/A needs that ReportLab has no option for is done here, in this document's objects
# only (never by changing ReportLab's module globals, which other threads' documents share):
# tests/pdf/test_conformance.py checks each piece against the ReportLab installed, and
# briefing/internals.py lists the private behaviour relied on.


class _PdfaDocument(pdfdoc.PDFDocument):
    """A document whose streams are binary (smaller, and faster), each with an end-of-line
    (not counted in ``/Length``) before its ``endstream`` (PDF/A), and whose ToUnicode maps map
    only the codes a font subset uses. Each stream object is changed as it is registered,
    which every stream is before it is written."""

    def Reference(self, obj: Any, name: str | None = None) -> Any:
        """Register ``obj`` (as ReportLab does), made as PDF/A asks first."""
        kind = _PDFA_KINDS.get(type(obj))
        if kind is not None:
            obj.__class__ = kind
        if name is not None and name.startswith(_TO_UNICODE):
            obj.content = _own_cmap(name.removeprefix(_TO_UNICODE), obj.content)
        if type(obj) is pdfdoc.PDFTrueTypeFont and isinstance(obj.Widths, PDFArray):
            # its widths, most likely the same in the next build
            obj.Widths = _numbers(tuple(obj.Widths.sequence), rl_config.pdfMultiLine)
        return super().Reference(obj, name)


@lru_cache(maxsize=64)
def _numbers(numbers: tuple[float, ...], multiline: bool) -> bytes:
    """A PDF array of ``numbers``, formatted as ReportLab formats it (under its setting
    ``pdfMultiLine``), once for each."""
    return bytes(PDFArray(numbers).format(None))


_TO_UNICODE = "toUnicodeCMap:"  # how ReportLab's TrueType fonts name their ToUnicode maps


@lru_cache(maxsize=64)
def _own_cmap(name: str, cmap: str) -> bytes:
    """briefing's ToUnicode map of a font subset for ReportLab's own ``cmap`` of it, made once
    for each (the next build of the same text writes the same subsets): the text a code
    stands for never changes in a process. In bytes (as the Flate filter encodes it), so that
    it is compressed once too (``_Deflate``)."""
    return _to_unicode_cmap(name, _codes(cmap)).encode("utf-8")


def _codes(cmap: str) -> list[int]:
    """The character of each code in ReportLab's own ToUnicode map of a font subset (0 for a
    code the subset leaves unused): its ``<code> <character>`` lines, in code order."""
    listed = cmap.partition("beginbfchar")[2]
    return [int(char, 16) for char in re.findall(r"^<[0-9A-F]{2}> <([0-9A-F]+)>$", listed, re.M)]


def _with_eol(formatted: bytes) -> bytes:
    """A stream object as ReportLab formats it, with CR LF before its ``endstream`` (not LF
    alone: data ending in CR would make CR LF read as the end-of-line)."""
    head, end, tail = formatted.rpartition(b"endstream")
    if (end, tail) != (b"endstream", b"\n"):
        raise RuntimeError("ReportLab formats streams in a way briefing does not know")
    return head + b"\r\nendstream\n"


class _Stream(pdfdoc.PDFStream):
    """A stream written binary, with an end-of-line before ``endstream``."""

    filters: list[Any] | None

    def format(self, document: Any) -> bytes:
        if self.filters:
            self.filters = [
                _DEFLATE if f is pdfdoc.PDFZCompress else f
                for f in self.filters
                if f is not pdfdoc.PDFBase85Encode
            ]
        return _with_eol(super().format(document))


class _Deflate(pdfdoc.PDFStreamFilterZCompress):
    """ReportLab's Flate filter, keeping what it made of binary data: a font subset, its
    ToUnicode map or the colour profile, the same bytes in each build of the same text, is
    compressed once. A page's drawing operators, new in each build, are compressed at level 5
    rather than zlib's default 6: half the time (the sample's page 1.1 -> 0.56 ms), the files
    0.2% larger (the corpus's sheets on both papers: 5,366,247 -> 5,377,906 bytes in all);
    and from where they last differed (``deflate``)."""

    def encode(self, text: str | bytes) -> bytes:
        if isinstance(text, bytes):
            return _deflated(text)
        return deflate.compress(text.encode("utf-8"))


@lru_cache(maxsize=64)
def _deflated(data: bytes) -> bytes:
    return zlib.compress(data)


_DEFLATE = _Deflate()


class _Image(pdfdoc.PDFImageXObject):
    """An image written binary (ReportLab encodes it in ASCII85 as it reads it), with an
    end-of-line before ``endstream``."""

    _filters: tuple[str, ...]
    streamContent: bytes

    def format(self, document: Any) -> bytes:
        if _A85 in self._filters:
            self.streamContent = asciiBase85Decode(self.streamContent)
            self._filters = tuple(f for f in self._filters if f != _A85)
        return _with_eol(super().format(document))


_A85 = "ASCII85Decode"
_PDFA_KINDS: dict[type, type] = {pdfdoc.PDFStream: _Stream, pdfdoc.PDFImageXObject: _Image}


def _to_unicode_cmap(name: str, subset: Sequence[int]) -> str:
    """A ToUnicode CMap of a font subset, ``subset[code]`` being the character of each code.

    ReportLab's own maps the codes a subset leaves unused to U+0000, which PDF/UA and PDF/A
    forbid; this one leaves them out (and keeps to 100 entries a block, as CMaps must). A
    shaped glyph (drawn under a private-use code) maps to the letters it was shaped from; one
    that stands for no letters of its own (a cluster's second glyph, a kashida added to
    justify) to a zero-width space, as the validators refuse an empty mapping.
    """
    if max(subset) < shaping.FIRST_SPECIAL:  # letters only: each code is its character
        pairs = [f"<{code:02X}> <{char:04X}>" for code, char in enumerate(subset) if char]
    else:
        face = name.partition("+")[2]
        pairs = [
            f"<{code:02X}> <{_utf16(shaping.source(face, char) or _NOTHING)}>"
            for code, char in enumerate(subset)
            if char
        ]
    blocks = [pairs[start : start + 100] for start in range(0, len(pairs), 100)]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
            f"/CMapName /{name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            *(f"{len(b)} beginbfchar\n" + "\n".join(b) + "\nendbfchar" for b in blocks),
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


_NOTHING = "\u200b"  # what a glyph that stands for no letters reads as


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def _name_font(flowable: Any, font: str) -> None:
    """Start a ReportLab drawing in the page's font rather than its default, Helvetica, which
    would otherwise sit unembedded in the page's resources (drawings here have no text)."""
    shapes = sys.modules.get("reportlab.graphics.shapes")  # loaded only for pictures
    if shapes is not None and isinstance(flowable, shapes.Drawing):
        flowable.initialFontName = font
