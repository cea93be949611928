"""The private parts of dependencies that briefing relies on, listed in one place.

Each is a name a dependency does not promise to keep, or data of its own that briefing writes
to: an upgrade may rename or remove it without notice. ``tests/test_internals.py`` checks that
every one is still there and behaves as used, so an upgrade that changes one fails loudly there
rather than as a wrong PDF; it also reads briefing's code (its syntax tree) for every private
name used on a dependency's objects and every write into one, so that this list is complete;
and ``pyproject.toml`` caps those dependencies below their next major version.
"""

from __future__ import annotations

from typing import NamedTuple


class Internal(NamedTuple):
    """A private name: the module and class (or ``""`` for the module) it lives in, and why."""

    module: str
    owner: str
    name: str
    use: str
    instance: bool = False  # an attribute of instances, set by the owner's __init__ or methods


INTERNALS = (
    Internal(
        "reportlab.platypus.flowables",
        "",
        "__all__",
        "flowables.py: the names reportlab.platypus takes from its flowables, given by the "
        "package before its __init__ (which loads all of ReportLab's page layout) has run",
    ),
    Internal(
        "reportlab.pdfgen.canvas",
        "Canvas",
        "_addAnnotation",
        "pdf/writer.py: a link annotation that the Link element holds is added to the page",
    ),
    Internal(
        "reportlab.pdfgen.canvas",
        "Canvas",
        "_absRect",
        "pdf/writer.py: a link's rectangle in page coordinates",
    ),
    Internal(
        "reportlab.pdfgen.canvas",
        "Canvas",
        "_bookmarkReference",
        "pdf/writer.py: links within a book point at a bookmark",
    ),
    Internal(
        "reportlab.pdfgen.canvas",
        "Canvas",
        "_doc",
        "pdf/writer.py: the document, for the catalog, the creation time and the structure tree",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.pdfdoc",
        "PDFDocument",
        "_timeStamp",
        "pdf/writer.py: the creation time is the content's date, for byte-identical output",
        instance=True,
    ),
    Internal(
        "reportlab.pdfgen.textobject",
        "PDFTextObject",
        "_code",
        "pdf/writer.py: marked-content operators inside an open text object; textbox.py: "
        "kerned glyphs written into it",
        instance=True,
    ),
    *(
        Internal(
            "reportlab.pdfgen.textobject",
            "PDFTextObject",
            name,
            "text/textbox.py: kerned glyphs written as ReportLab's textOut writes them, from "
            "their kerning found once",
            instance=True,
        )
        for name in ("_canvas", "_curSubset", "_fontsize", "_leading")
    ),
    *(
        Internal(
            "reportlab.pdfgen.textobject",
            "PDFTextObject",
            name,
            "text/textbox.py: a run's colour set as ReportLab's setFillColor sets it, its "
            "operator found once",
            instance=True,
        )
        for name in ("_enforceColorSpace", "_fillColorObj")
    ),
    *(
        Internal(
            "reportlab.pdfgen.canvas",
            "Canvas",
            name,
            "text/textbox.py: a line's text object written at once, as ReportLab's writes it: "
            "its colour in the colour space it enforces (none), its opacity set only where the "
            "state's differs; flowables.py: shapes written again as they were (an Arabic "
            "run's marks, a QR code) on the same terms",
            instance=True,
        )
        for name in ("_enforceColorSpace", "_extgstate")
    ),
    Internal(
        "reportlab.pdfgen.canvas",
        "Canvas",
        "_fillMode",
        "flowables.py: shapes written again (an Arabic run's marks, a QR code) as they were "
        "drawn in the same fill mode",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "ShapedStr",
        "__shapeData__",
        "text/textbox.py: the advances and offsets of kerned glyphs, read to write them",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "",
        "uharfbuzz",
        "text/shaping.py: set once a sheet needs shaping, as ReportLab is loaded without it",
    ),
    Internal(
        "bidi",
        "",
        "get_display",
        "text/shaping.py: the embedding levels are read from its debug report (debug=True)",
    ),
    Internal(
        "reportlab.pdfgen.canvas",
        "Canvas",
        "_code",
        "pdf/writer.py: where marked content goes, and an empty sequence between link parts "
        "is undone",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.pdfdoc",
        "PDFPage",
        "__NoDefault__",
        "pdf/writer.py: pages also write StructParents and Tabs",
    ),
    Internal(
        "reportlab.pdfbase.pdfdoc",
        "PDFCatalog",
        "__NoDefault__",
        "pdf/writer.py: the catalog also writes OutputIntents (PDF/A)",
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "",
        "makeToUnicodeCMap",
        "pdf/writer.py: the maps it writes (named toUnicodeCMap:…) are read back and written "
        "again without U+0000 for unused codes (PDF/UA, PDF/A)",
    ),
    Internal(
        "reportlab.pdfbase.pdfdoc",
        "PDFImageXObject",
        "_filters",
        "pdf/writer.py: an image ReportLab encoded in ASCII85 is written binary",
        instance=True,
    ),
    Internal(
        "reportlab.graphics.renderPDF",
        "_PDFRenderer",
        "_tracker",
        "graphics/lettering.py: the font, size, colour and anchor a chart's string is drawn in",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFontFace",
        "charToGlyph",
        "text/shaping.py: a shaped glyph is given a private-use code of its own",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFontFace",
        "glyphToChar",
        "text/shaping.py: ... and the glyph is found by that code when the font is subset",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFontFace",
        "charWidths",
        "text/shaping.py: ... and the code gets the glyph's width",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFont",
        "shapable",
        "text/shaping.py: set again once ReportLab has uharfbuzz (it is loaded without it)",
    ),
    Internal(
        "reportlab.graphics.renderPDF",
        "",
        "_PDFRenderer",
        "content/pictures.py: SVG logos drawn with raster images as image objects",
    ),
    Internal(
        "reportlab.graphics.renderPDF",
        "_PDFRenderer",
        "_canvas",
        "content/pictures.py: the canvas the renderer draws on",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFontFace",
        "_ttf_data",
        "brand.py: parsed fonts restored from the cache get their file's bytes back",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFontFace",
        "_pdfScale",
        "brand.py: parsed fonts restored from the cache get their scale back",
        instance=True,
    ),
    Internal(
        "reportlab.pdfbase.ttfonts",
        "TTFontFace",
        "makeSubset",
        "fonts.py: the embedded subsets a face makes are remembered between builds; "
        "text/widened.py: a subset embeds a glyph for each glyph index the codes map to, "
        "from glyphPos and hmetrics",
    ),
    *(
        Internal(
            "reportlab.pdfbase.ttfonts",
            "TTFontFace",
            name,
            "text/widened.py: a glyph drawn wider (before a kashida) is copied past the face's "
            "own, with its wider advance, for the subset to embed as a glyph of its own",
            instance=True,
        )
        for name in ("glyphPos", "hmetrics")
    ),
    Internal(
        "pyphen",
        "",
        "hdcache",
        "text/hyphenation.py: patterns parsed once are put straight into pyphen's own cache",
    ),
    Internal(
        "pyphen",
        "HyphDict",
        "patterns",
        "text/hyphenation.py: the parsed patterns kept in briefing's cache",
        instance=True,
    ),
    Internal(
        "pyphen",
        "HyphDict",
        "maxlen",
        "text/hyphenation.py: kept with the patterns",
        instance=True,
    ),
    Internal(
        "pyphen",
        "HyphDict",
        "cache",
        "text/hyphenation.py: set empty on patterns restored from the cache",
        instance=True,
    ),
)
