"""The quality helper catches each defect, on small tagged pages made to have it."""

from __future__ import annotations

import io

import pikepdf
import pytest

from ..quality import PageQuality, measure, source_text

SIZE = 10.0
SPACE = 2.78  # Helvetica's space at 10 pt
Paragraph = list[tuple[float, float, str]]  # lines: x, baseline, text


def made(paragraphs: list[Paragraph], tw: float = 0.0, art: str = "") -> bytes:
    """A Letter page with each paragraph a P in a Sect (one MCID each), in Helvetica 10 pt with
    word spacing ``tw``, and ``art``, untagged drawing operators."""
    pdf = pikepdf.new()
    stream = [art]
    for mcid, lines in enumerate(paragraphs):
        stream.append(f"/P <</MCID {mcid}>> BDC BT /F1 {SIZE} Tf {tw} Tw")
        stream += [f"1 0 0 1 {x} {y} Tm ({text}) Tj" for x, y, text in lines]
        stream.append("ET EMC")
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Dictionary(  # code 173 draws U+00AD, the soft hyphen
                BaseEncoding=pikepdf.Name.WinAnsiEncoding,
                Differences=[173, pikepdf.Name("/uni00AD")],
            ),
        )
    )
    page = pikepdf.Page(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            Contents=pdf.make_stream("\n".join(stream).encode("latin-1")),
        )
    )
    pdf.pages.append(page)
    where = pdf.pages[0].obj
    elements = [
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S="/P", K=i, Pg=where))
        for i in range(len(paragraphs))
    ]
    section = pdf.make_indirect(pikepdf.Dictionary(S="/Sect", K=pikepdf.Array(elements)))
    document = pdf.make_indirect(pikepdf.Dictionary(S="/Document", K=pikepdf.Array([section])))
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot, K=document)
    )
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def measured(
    paragraphs: list[Paragraph], source: str, tw: float = 0.0, art: str = ""
) -> PageQuality:
    return measure(made(paragraphs, tw, art), source)[0]


def column(x: float, top: float, texts: list[str]) -> Paragraph:
    """Lines stacked downwards from baseline ``top``, 12 pt apart."""
    return [(x, top - 12 * i, text) for i, text in enumerate(texts)]


def test_clean_paragraphs_have_no_defects() -> None:
    first = column(72, 700, ["The police and corrections ", "systems"])
    page = measured(
        [first, column(72, 660, ["reduce crime."])],
        "The police and corrections systems reduce crime.",
    )
    assert page.figures() == {
        "loose": 0,
        "loosest": 1.0,
        "hyphenated": 0,
        "hyphen runs": 0,
        "column-end hyphens": 0,
        "short fragments": 0,
        "broken": 0,
        "ragged": 0,
        "foot gap %": None,
        "edge in": 1.0,
        "edge text in": 1.0,
        "glued": 0,
        "split": 0,
        "missing": 0,
        "kerned %": None,  # (a face not bundled: its kerning is not read)
    }
    assert page.text_layer == "The police and corrections systems\nreduce crime."


@pytest.mark.parametrize(("tw", "loose"), [(0.0, 0), (2.7, 0), (5.6, 1)])
def test_word_spaces_are_measured_in_natural_spaces(tw: float, loose: int) -> None:
    page = measured([column(72, 700, ["one two three"])], "one two three", tw=tw)
    assert page.loosest == pytest.approx((SPACE + tw) / SPACE, abs=0.01)
    assert len(page.loose) == loose


def test_a_wide_gap_in_untagged_text_parts_it_instead_of_counting_as_a_space() -> None:
    art = "BT /F1 10 Tf 1 0 0 1 72 40 Tm (Footer) Tj 1 0 0 1 500 40 Tm (Updated) Tj ET"
    page = measured([column(72, 700, ["Text"])], "Text Footer", art=art)
    assert page.loose == () and len(page.lines) == 3


def test_runs_of_three_hyphenated_line_ends_are_reported() -> None:
    two = ["devel-", "oped par-", "tial text"]
    three = ["devel-", "oped par-", "tial pro-", "grams end"]
    page = measured(
        [column(72, 700, two), column(72, 600, three)], "developed partial programs text end"
    )
    assert page.hyphenated == 5
    assert page.hyphen_runs == (("devel-", "oped par-", "tial pro-"),)


def test_a_hyphen_at_the_foot_of_a_column_is_reported() -> None:
    lines = [*column(72, 120, ["the country is the least devel-"]), (320, 700, "oped of all")]
    page = measured([lines], "the country is the least developed of all")
    assert page.column_end_hyphens == ("the country is the least devel-",)
    assert page.split_words == ("devel-oped",)
    assert page.missing_words == ("developed",)


def test_a_word_broken_without_a_hyphen_is_told_from_a_break_at_a_space() -> None:
    lines = ["U.S. COUNTERNAR", "COTICS GOALS and", "corrections"]
    page = measured([column(72, 700, lines)], "U.S. Counternarcotics Goals and corrections")
    assert page.broken_words == ("COUNTERNAR|COTICS",)
    assert page.glued_words == ("andcorrections",)
    assert page.split_words == ()
    assert sorted(page.missing_words) == ["and", "corrections"]  # the break left no space


def test_a_web_address_may_break_anywhere_in_its_path_but_a_word_not_inside() -> None:
    source = "see https://www.state.gov/bureau-of-affairs/releases now"
    at_a_slash = measured(
        [column(72, 700, ["see https://www.state.gov/", "bureau-of-affairs/releases now"])], source
    )
    in_its_path = measured(  # as LaTeX's xurl breaks a long address
        [column(72, 700, ["see https://www.state.gov/bureau-of-aff", "airs/releases now"])], source
    )
    word = measured(
        [column(72, 700, ["see the bureau of aff", "airs now"])], "see the bureau of affairs now"
    )
    assert at_a_slash.broken_words == ()
    assert in_its_path.broken_words == ()
    assert word.broken_words == ("aff|airs",)


def test_the_gap_under_each_column_runs_to_the_footer_rule_or_a_block_below() -> None:
    rule = "0 0 0 RG 0.6 w 72 60 m 540 60 l S"
    block = "BT /F1 10 Tf 1 0 0 1 72 200 Tm (Contacts) Tj ET"  # under the left column only
    left = column(72, 400, ["left column text", "ends here"])  # last baseline 388
    right = column(320, 400, ["right column", "goes on", "lower"])  # last baseline 376
    page = measured(
        [left, right],
        "left column text ends here right column goes on lower",
        art=f"{rule} {block}",
    )
    gaps = [c.gap for c in page.columns]
    assert gaps[0] == pytest.approx(388 - 200 - SIZE)  # down to the top of "Contacts"
    descent = 0.207 * SIZE  # Helvetica's, under the baseline
    assert gaps[1] == pytest.approx(376 - descent - 60, abs=0.01)  # down to the rule
    assert page.columns[1].share == pytest.approx(gaps[1] / 792)
    assert page.columns[0].last == "ends here"


def test_the_nearest_ink_to_the_edge_counts_shapes_but_not_white_ones() -> None:
    art = "1 1 1 rg 0 0 612 792 re f 0.2 0.2 0.2 rg 600 300 8 8 re f"
    page = measured([column(15, 700, ["near the edge"])], "near the edge", art=art)
    assert page.edge_text == pytest.approx(15)
    assert page.edge_ink == pytest.approx(4)


def test_source_text_keeps_printed_words_and_drops_formatting() -> None:
    content = {
        "title": "Niger",
        "date": "2019-05-01",
        "sections": [
            {
                "heading": "Results",
                "body": "**Bold** and *italic*, a [link](https://x.org).\n\n- item \\*",
            }
        ],
        "online": "https://www.state.gov/inl",
        "design": {"layout": "sidebar"},
    }
    assert source_text(content).split() == [
        "Niger", "Results", "Bold", "and", "italic,", "a", "link.", "item", "*",
        "https://www.state.gov/inl",
    ]  # fmt: skip


def actual(text: str, glyphs: str) -> str:
    """Part of a line's text: ``glyphs`` drawn inside a Span whose /ActualText is ``text``."""
    return f") Tj /Span <</ActualText ({text})>> BDC ({glyphs}) Tj EMC ("


@pytest.mark.parametrize("hyphen", ["\xad", actual("", "-")], ids=["soft hyphen", "ActualText"])
def test_a_line_end_hyphen_the_text_layer_drops_keeps_words_whole(hyphen: str) -> None:
    lines = [f"the least devel{hyphen}", "oped of all"]
    page = measured([column(72, 700, lines)], "the least developed of all")
    assert page.hyphenated == 1
    assert page.text_layer == "the least developed of all"
    assert (page.glued_words, page.split_words, page.missing_words) == ((), (), ())


def test_hyphenation_leaving_fewer_than_two_letters_before_or_three_after() -> None:
    lines = ["U.S. and IN\xad", "L's police ad\xad", "ded this U.S.-", "based"]
    page = measured([column(72, 700, lines)], "U.S. and INL's police added this U.S.-based")
    assert page.short_fragments == ("IN\xad|L's",)  # "U.S.-|based" is the word's own hyphen


RAGGED_LINES = ["one two three four five six", "seven eight", "nine", "see www.state.gov/", "inl"]
RAGGED_SOURCE = "one two three four five six seven eight nine see www.state.gov/inl"


def test_a_line_of_a_justified_paragraph_ending_short_is_ragged() -> None:
    page = measured([column(72, 700, RAGGED_LINES)], RAGGED_SOURCE, tw=1.0)  # spaces justified
    assert page.ragged == ("seven eight",)  # nor one word, nor a line ending in an address


def test_a_paragraph_set_ragged_on_purpose_every_space_natural_is_not() -> None:
    page = measured([column(72, 700, RAGGED_LINES)], RAGGED_SOURCE)
    assert page.ragged == ()


def test_words_placed_apart_without_space_glyphs_are_measured_and_glued() -> None:
    one = 3 * 5.56  # "one" in Helvetica at 10 pt
    gap = 3 * 0.26 * SIZE  # three natural spaces of Noto, assumed for a font with no space drawn
    lines = [(72, 700, "one"), (72 + one + gap, 700, "two")]
    page = measured([lines], "one two")
    assert page.loosest == pytest.approx(3.0)
    assert page.glued_words == ("onetwo",)
