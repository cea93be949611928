"""PDF objects whose bytes are made at once, as ReportLab formats them.

The structure tree has an element for every paragraph, heading and list item of a page: made
as ReportLab's ``PDFDictionary`` and ``PDFArray`` objects, each key, number and reference was
formatted through ReportLab's generic ``format`` (about a millisecond of the sample's warm
render). Here they are written straight to bytes, laid out as ReportLab lays them out (its
setting ``pdfMultiLine`` included), so that the file is the same byte for byte
(``tests/pdf/test_conformance.py`` compares the two).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFName, PDFObject


class Formatted(PDFObject):
    """An object whose bytes are made already (set ``data`` before the document is saved)."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


def dictionary(entries: dict[str, bytes]) -> bytes:
    """A dictionary of formatted values, its keys in order, as ``PDFDictionary`` writes it."""
    items = [name(key) + b" " + value for key, value in sorted(entries.items())]
    if rl_config.pdfMultiLine:
        return b"<<\n" + b"\n ".join(items) + b"\n>>"
    for index in reversed(range(6, len(items), 6)):
        items.insert(index, b"\n ")
    return b"<<\n" + b" ".join(items) + b"\n>>"


def array(items: list[bytes]) -> bytes:
    """An array of formatted values, as ``PDFArray`` writes it."""
    if rl_config.pdfMultiLine:
        return b"[ " + b"\n ".join(items) + b" ]"
    for index in reversed(range(10, len(items), 10)):
        items.insert(index, b"\n ")
    return b"[ " + b" ".join(items) + b" ]"


@lru_cache(maxsize=256)
def name(text: str) -> bytes:
    """A PDF name, as ``PDFName`` writes it."""
    return str(PDFName(text)).encode("latin-1")


def number(value: float) -> bytes:
    """A number, as ReportLab writes it."""
    return fp_str(value).encode("ascii")


def reference(document: Any, ref: Any) -> bytes:
    """A reference to an object registered in ``document``, as ``PDFObjectReference`` writes it."""
    return b"%d %d R" % document.idToObjectNumberAndVersion[ref.name]
