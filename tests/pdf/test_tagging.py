"""The tagged structure (PDF/UA), read back with pikepdf."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pikepdf

from ..conftest import MINIMAL, run, write

PAINT = {"Tj", "TJ", "'", '"', "f", "f*", "F", "S", "s", "B", "B*", "b", "b*", "Do", "sh"}


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(element: Any, out: list[tuple[int, str, list[int]]], depth: int = 0) -> None:
    kids = _kids(element)
    out.append((depth, str(element.S), [int(k) for k in kids if isinstance(k, int)]))
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            _walk(kid, out, depth + 1)


def structure(pdf: pikepdf.Pdf) -> list[tuple[int, str, list[int]]]:
    out: list[tuple[int, str, list[int]]] = []
    _walk(pdf.Root.StructTreeRoot.K, out)
    return out


def marked_content(pdf: pikepdf.Pdf) -> tuple[list[int], list[str]]:
    """MCIDs in content order, and any painting operator found outside marked content."""
    mcids, untagged, depth = [], [], 0
    for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
        op = str(operator)
        if op in ("BDC", "BMC"):
            depth += 1
            if op == "BDC" and "/MCID" in operands[1]:
                mcids.append(int(operands[1].MCID))
        elif op == "EMC":
            depth -= 1
        elif op in PAINT and depth == 0:
            untagged.append(op)
    assert depth == 0
    return mcids, untagged


def test_structure_mirrors_the_content(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        tree = structure(pdf)
    roles = [(depth, role) for depth, role, _ in tree]
    assert roles[:6] == [(0, "/Document"), (1, "/P"), (1, "/P"), (1, "/H1"), (1, "/P"), (1, "/P")]
    assert roles.count((1, "/Div")) == 4  # the key figures, value and label each
    sections = [i for i, r in enumerate(roles) if r == (1, "/Sect")]
    assert len(sections) == 3
    for index in sections:
        assert roles[index + 1] == (2, "/H2")
    assert roles[-2:] == [(1, "/P"), (1, "/P")]  # footer and date come last


def test_every_mcid_is_reachable_and_nothing_is_untagged(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        mcids, untagged = marked_content(pdf)
        in_tree = sorted(m for _, _, ms in structure(pdf) for m in ms)
        parents = pdf.Root.StructTreeRoot.ParentTree.Nums
        page = pdf.pages[0].obj
        assert int(page.StructParents) == 0 and page.Tabs == "/S"
        assert int(parents[0]) == 0
        owners = parents[1]
        assert len(owners) == len(mcids)
        for mcid in mcids:
            assert mcid in [int(k) for k in _kids(owners[mcid]) if isinstance(k, int)]
    assert untagged == []
    assert mcids == sorted(mcids) == in_tree == list(range(len(mcids)))


def test_reading_order_of_the_structure_is_the_text_order(sample_pdf: Path) -> None:
    from pypdf import PdfReader

    text = PdfReader(sample_pdf).pages[0].extract_text()
    assert text.index("Niger") < text.index("CONTEXT AND CHALLENGES") < text.index("RESULTS")
    assert text.index("RESULTS") < text.index("the country.") < text.index("Updated")


def test_catalog_and_xmp_metadata(sample_pdf: Path) -> None:
    with pikepdf.open(sample_pdf) as pdf:
        assert pdf.check_pdf_syntax() == []  # qpdf's own check of the file
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == "en-US"
        assert root.ViewerPreferences.DisplayDocTitle is True
        with pdf.open_metadata() as meta:
            assert meta["dc:title"] == "Niger: INL Program Overview"
            assert meta["pdfuaid:part"] == "1"
            assert meta["dc:creator"] == ["U.S. Department of State"]


def built_with_body(tmp_path: Path, body: str) -> Path:
    """Build the minimal sheet with ``body`` as its section's text; return the PDF."""
    write(tmp_path / "content.yaml", MINIMAL.replace("A short paragraph about Testland.", body))
    assert run("build", cwd=tmp_path).returncode == 0
    return tmp_path / "content.pdf"


def built_roles(tmp_path: Path, body: str) -> list[tuple[int, str]]:
    """(depth, role) of every structure element of the sheet built with ``body``."""
    with pikepdf.open(built_with_body(tmp_path, body)) as pdf:
        return [(d, r) for d, r, _ in structure(pdf)]


def test_links_are_tied_to_link_elements(tmp_path: Path) -> None:
    body = "See the [INL site](https://www.state.gov/inl) for more."
    with pikepdf.open(built_with_body(tmp_path, body)) as pdf:
        annotation = pdf.pages[0].Annots[0]
        key = int(annotation.StructParent)
        assert str(annotation.Contents) == "Link to https://www.state.gov/inl"
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        link = dict(zip(nums[::2], nums[1::2], strict=True))[key]
        assert link.S == "/Link"
        objr = next(k for k in _kids(link) if isinstance(k, pikepdf.Dictionary))
        assert objr.Type == "/OBJR" and objr.Obj.objgen == annotation.objgen
        assert link.P.S == "/P"


def test_lists_are_tagged_as_lists(tmp_path: Path) -> None:
    roles = built_roles(tmp_path, "|\n      Intro.\n\n      - one\n      - two\n")
    start = roles.index((1, "/Sect"))
    assert roles[start + 1 : start + 10] == [
        (2, "/H2"),
        (2, "/P"),
        (2, "/L"),
        (3, "/LI"),
        (4, "/Lbl"),
        (4, "/LBody"),
        (3, "/LI"),
        (4, "/Lbl"),
        (4, "/LBody"),
    ]


def test_nested_lists_and_items_of_several_paragraphs(tmp_path: Path) -> None:
    body = "|\n      - one\n\n        more of one\n      - two\n        - nested\n"
    roles = built_roles(tmp_path, body)
    start = roles.index((2, "/L"))
    assert roles[start : start + 11] == [
        (2, "/L"),
        (3, "/LI"),
        (4, "/Lbl"),
        (4, "/LBody"),
        (4, "/LBody"),  # one bullet, two paragraphs
        (3, "/LI"),
        (4, "/Lbl"),
        (4, "/LBody"),
        (4, "/L"),
        (5, "/LI"),
        (6, "/Lbl"),
    ]
    from pypdf import PdfReader

    text = " ".join(PdfReader(tmp_path / "content.pdf").pages[0].extract_text().split())
    assert "• one more of one • two – nested" in text
