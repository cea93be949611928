"""briefing's Markdown parser gives markdown-it-py's tokens, for every text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from briefing.content import markdown
from briefing.errors import ContentError

from ..conftest import MINIMAL, SAMPLE

REFERENCE = MarkdownIt("zero").enable(
    ["list", "emphasis", "link", "escape", "newline", "backticks"]
)

# Pieces of text that mean something to a Markdown parser, and some that do not.
PIECES = [
    *("*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "<", ">", "\\", "\\*", "\\\n"),
    *("\n", "\n\n", "  \n", "\r\n", " ", "  ", "    ", "\t", "\xa0", "\u2003"),
    *("- ", "+ ", "* ", "1. ", "2) ", "0. ", "-", "1.", "\n- ", "\n1. ", "\n  - ", "\n   1. "),
    *("\n    ", "\n\t", "\n     - ", "\n\n  ", "](", ")[", "(a)", '"t"', "'"),
    *("a", "b c", "x_y", "é", "例", "“", "!", ".", ",", "#", "&amp;", "&#35;"),
    *("http://x.org", "https://例え.jp/ä", "mailto:a@b", "javascript:", "<http://a>"),
]
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map("".join)


def _inline_shape(tokens: list[Any]) -> list[tuple[str, str, str]]:
    shapes = []
    for token in tokens:
        href = ""
        if token.type == "link_open":
            href = token.attrs["href"] if hasattr(token, "attrs") else token.href
        content = token.content if token.type in ("text", "code_inline") else ""
        shapes.append((token.type, content, href))
    return shapes


def reference_blocks(text: str) -> list[tuple[Any, ...]]:
    shapes: list[tuple[Any, ...]] = []
    for token in REFERENCE.parse(text):
        if token.type == "inline":
            shapes.append(("inline", token.content, _inline_shape(token.children or [])))
        elif token.type == "ordered_list_open":
            shapes.append((token.type, int(token.attrs.get("start", 1))))
        elif token.type not in ("paragraph_open", "paragraph_close"):
            shapes.append((token.type,))
    return shapes


def our_blocks(text: str) -> list[tuple[Any, ...]]:
    shapes: list[tuple[Any, ...]] = []
    for token in markdown.parse(text):
        if token.type == "inline":
            shapes.append(("inline", token.content, _inline_shape(token.children)))
        elif token.type == "ordered_list_open":
            shapes.append((token.type, token.start))
        else:
            shapes.append((token.type,))
    return shapes


def assert_same(text: str) -> None:
    assert our_blocks(text) == reference_blocks(text)
    reference = REFERENCE.parseInline(text)[0].children or []
    assert _inline_shape(markdown.parse_inline(text)) == _inline_shape(reference)


def _beside_cjk(text: str) -> bool:
    """Whether an emphasis mark in ``text`` stands beside a Chinese, Japanese or Korean
    character, where briefing follows CommonMark's CJK-friendly amendment."""
    return any(
        char in "*_" and any(markdown._cjk(c) for c in text[max(i - 1, 0) : i + 2])
        for i, char in enumerate(text)
    )


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_random_text_parses_as_markdown_it_parses_it(text: str) -> None:
    assume(not _beside_cjk(text))
    assert_same(text)


# CommonMark's CJK-friendly amendment (its specification's examples, and a Chinese sheet's
# run-in heads): emphasis closed after full-width punctuation, or opened before it, with a
# letter outside; CommonMark leaves the marks as text.
CJK = {
    "**替代发展。**在INL支持下": ["替代发展。"],
    "**「重要」**です。": ["「重要」"],
    "我可以强调**这个`code`**吗": ["这个", "code"],
    "**이 용어(This term)**를 강조해 주세요.": ["이 용어(This term)"],
    "这是*斜体（带括号）。*句子": ["斜体（带括号）。"],
}


@pytest.mark.parametrize("text", CJK)
def test_emphasis_beside_chinese_japanese_and_korean_punctuation(text: str) -> None:
    tokens = markdown.parse_inline(text)
    types = [token.type for token in tokens]
    opened = next(i for i, t in enumerate(types) if t in ("strong_open", "em_open"))
    closed = types.index(types[opened].replace("open", "close"))
    inside = [token.content for token in tokens[opened + 1 : closed]]
    assert inside == CJK[text] and "*" not in "".join(token.content for token in tokens)
    reference = REFERENCE.parseInline(text)[0].children or []  # CommonMark alone: text
    assert not {"strong_open", "em_open"} & {token.type for token in reference}


CASES = [
    *("**a**", "*a*", "***a***", "**a*", "a**b**c", "_a_b", "__init__", "*a **b** c*"),
    *("[l](https://x.org)", "[a](<b c>)", '[a](b "t")', "[a](javascript:x)", "[a [b](c) d](e)"),
    *("[a](http://例え.jp/パス)", "[a](mailto:ü@ex.com)", "[a](&amp;)", "[a\\]](b)", "*[a*](b)"),
    *("`code *x*`", "`` a`b ``", "a  \nb", "a\\\nb", "\\*not\\*", "x<y & z>w", "# heading"),
    *("- a\n- b", "1. a\n2. b", "- a\n  - b\n- c", "- a\n\n  b\n- c", "a\n- b", "a\n2. b", "0. a"),
    *("-\n  a", "- \n- b", "1.\ta", "- a\n+ b", "\t- a", "    code", "- a\nb", "a\r\nb", "a\0b"),
    "- " * 30 + "a",  # deeper than markdown-it's nesting limit
    "".join("  " * i + "- x\n" for i in range(30)),
    "[" * 40 + "a" + "]" * 40,
]


@pytest.mark.parametrize("text", CASES)
def test_tricky_text_parses_as_markdown_it_parses_it(text: str) -> None:
    assert_same(text)


def test_the_sample_parses_as_markdown_it_parses_it() -> None:
    content = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    for text in [content["lead"], *(section["body"] for section in content["sections"])]:
        assert_same(text)
    assert any(token.type == "strong_open" for token in markdown.parse_inline("**Results.** x"))


def test_ordered_lists_number_from_their_first_number_zero_included() -> None:
    from briefing.content.fields import Text
    from briefing.content.markup import blocks

    labels = [b.label for b in blocks(Text("3. three\n4. four\n9. five"), [])]
    assert labels == ["3.", "4.", "5."]
    assert [b.label for b in blocks(Text("0. zero\n1. one"), [])] == ["0.", "1."]


def test_the_port_follows_the_markdown_it_version_of_its_reference() -> None:
    from importlib.metadata import version
    from pathlib import Path

    import markdown_it

    port = yaml.safe_load((Path(markdown_it.__file__).parent / "port.yaml").read_text("utf-8"))
    upstream = next(entry for entry in port if entry["package"] == markdown.PORT["package"])
    assert (upstream["version"], upstream["commit"]) == (
        markdown.PORT["version"],
        markdown.PORT["commit"],
    )
    assert markdown.PORT["via"] == f"markdown-it-py {version('markdown-it-py')}"


def test_entities_load_only_when_one_appears() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from briefing.content import markdown; "
        "markdown.parse('[a](https://x.org/%s) *b*'); before = 'html.entities' in sys.modules; "
        "markdown.parse('[a](https://x.org/&amp;)'); print(before, 'html.entities' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["False", "True"], result.stderr


def test_a_body_parsed_again_is_the_same_and_its_problems_are_located_again(
    tmp_path: Path,
) -> None:
    """Parses kept for a rebuild: a body's paragraphs are a new list each time, and a body with
    a problem reports it where it is written, in each sheet."""
    from briefing.content.fields import Text
    from briefing.content.markup import blocks
    from briefing.pipeline import check

    body = Text("One **two** three.\n\n- four\n- five")
    first = blocks(body, [])
    first.clear()
    assert blocks(body, []) == blocks(Text(str(body)), []) != []
    bad = "    body: See [the page](ftp://example.org).\n"
    for lines in (0, 3):
        sheet = tmp_path / f"sheet{lines}.yaml"
        padding = "".join(f"# line {n}\n" for n in range(lines))
        sheet.write_text(padding + MINIMAL + "  - heading: More\n" + bad, encoding="utf-8")
        with pytest.raises(ContentError) as raised:
            check(sheet)
        assert f"sheet{lines}.yaml:{lines + 7}:" in str(raised.value), str(raised.value)
