"""The readers of a PDF's text that people use, run on a built PDF: PDFium (Chrome and Edge:
viewing, copying, searching; ``pypdfium2``), pdf.js (Firefox; ``pdfjs-dist`` under Node) and
pypdf (Python tools), with the measure the issues use: the share of the source's words each
returns whole, and in order.

pdf.js runs ``pdfjs_text.mjs`` (beside this file) under Node, from the folder that holds
``node_modules/pdfjs-dist``: ``PDFJS_DIR`` or this repository (``npm install pdfjs-dist@5``).
Without Node or pdfjs-dist the pdf.js tests are skipped, unless :data:`REQUIRED` is
``required`` in the environment (``.ci/run`` sets it): then they fail.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any, NoReturn

import pdfplumber
import pypdfium2
import pytest
from pypdf import PdfReader

from briefing.text.shaping import EDGE_SPACE

from .conftest import ROOT

REQUIRED = "BRIEFING_READER_TESTS"  # "required": a machine without pdf.js fails the tests
SCRIPT = Path(__file__).with_name("pdfjs_text.mjs")
_WORD = re.compile(r"[^\W_]+")
_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2066-\u2069\u0640\u061c]")
_JOIN = re.compile(r"[\u00ad\ufffe]\s*")  # a soft hyphen (PDFium: U+FFFE) ends a line in a word
_HANZI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
NOTHING = "\u200b"  # what a glyph that stands for no letters reads as (``pdf.writer``)


def pdfium(path: Path) -> str:
    """The text PDFium gives, page by page, a line a line."""
    document = pypdfium2.PdfDocument(path)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    return "\n".join(page.replace("\r\n", "\n") for page in pages)


def pypdf(path: Path) -> str:
    """The text pypdf gives, page by page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def pdfjs(path: Path) -> str:
    """The text pdf.js gives (as Firefox's text layer has it), a line a line."""
    node = shutil.which("node")
    folder = Path(os.environ.get("PDFJS_DIR") or ROOT)
    if node is None:
        unavailable("node not found: the pdf.js tests need Node.js (Debian's nodejs)")
    if not (folder / "node_modules" / "pdfjs-dist").is_dir():
        unavailable(f"pdfjs-dist not found in {folder}: npm install pdfjs-dist@5 there")
    done = subprocess.run(
        [node, str(SCRIPT), str(path.resolve())],
        capture_output=True,
        text=True,
        cwd=folder,
        env={**os.environ, "NODE_PATH": str(folder / "node_modules")},
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-500:]
    return done.stdout


READERS = {"pdfium": pdfium, "pdf.js": pdfjs, "pypdf": pypdf}


def printed(text: str) -> str:
    """``text`` (read from a PDF) without the mark a space at the end of a right-to-left run
    reads with (``shaping.EDGE_SPACE``): what a reader sees."""
    return text.replace(EDGE_SPACE, "")


def typed(text: str) -> str:
    """``text`` as a search compares it: without format characters (the zero-width spaces of
    empty glyphs, the Arabic letter marks of spaces at a run's end, the marks a bracket in a
    right-to-left line reads with), its white space one space."""
    return " ".join("".join(c for c in text if unicodedata.category(c) != "Cf").split())


def chrome_finds(text: str, phrase: str) -> bool:
    """Whether Chrome's find in a PDF finds ``phrase`` in ``text`` (PDFium's): Chromium's
    ``PDFiumEngine::SearchUsingICU`` makes each run of white space one space and drops
    zero-width spaces and U+FFFE, then searches with ICU's collation, which ignores format
    characters (the Arabic letter mark) and, ignoring case, marks (docs/readers.md)."""

    def searched(some: str) -> str:
        some = re.sub(r"\s+", " ", some).replace(NOTHING, "").replace("\ufffe", "")
        return "".join(c for c in some if unicodedata.category(c) not in ("Cf", "Mn")).casefold()

    return searched(phrase) in searched(text)


def page_words(page: Any, **options: Any) -> list[dict[str, Any]]:
    """pdfplumber's words of ``page``, the spaces read with a mark (``printed``) taken for
    spaces: they part words; without the zero-width spaces empty glyphs read as (a kashida's,
    or those a right-to-left line is drawn with for PDFium: ``textbox._parts``)."""
    chars = [c if printed(c["text"]).strip() else {**c, "text": " "} for c in page.chars]
    words = pdfplumber.utils.extract_words(chars, **options)  # type: ignore[attr-defined]
    return [{**word, "text": word["text"].replace(NOTHING, "")} for word in words]


def words(text: str) -> list[str]:
    """The words of ``text`` as the measure counts them: NFKC, without invisible characters
    and line-end soft hyphens, lower case, each Chinese character a word."""
    text = _INVISIBLE.sub("", _JOIN.sub("", unicodedata.normalize("NFKC", text)))
    text = _HANZI.sub(lambda match: f" {match.group(0)} ", text)
    return [word.lower() for word in _WORD.findall(text)]


def score(source: str, read: str) -> tuple[float, float]:
    """(words, order): the share of the words of ``source`` that ``read`` has at all, and the
    share matched in one alignment in order (a reversed word or line lowers both)."""
    wanted, got = words(source), words(read)
    have = set(got)
    found = sum(word in have for word in wanted) / max(len(wanted), 1)
    matcher = difflib.SequenceMatcher(None, wanted, got, autojunk=False)
    aligned = sum(block.size for block in matcher.get_matching_blocks())
    return found, aligned / max(len(wanted), 1)


def unavailable(reason: str) -> NoReturn:
    """Skip a pdf.js test for ``reason``, or fail it where the environment says the readers
    are :data:`REQUIRED` (``.ci/run``)."""
    if os.environ.get(REQUIRED) == "required":
        pytest.fail(f"{reason} ({REQUIRED}=required)", pytrace=False)
    pytest.skip(reason)
