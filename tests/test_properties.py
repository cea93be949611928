"""Property tests: any content tree or any text ends in a one-page PDF or a located error."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from briefing import ContentError, build
from briefing.content.reader import parse

LOCATED = re.compile(r"^<(dict|content)>:\d+:\d+: (error|warning): .+")

words = st.text(min_size=1, max_size=40)
latin = st.text(st.characters(codec="latin-1", exclude_categories=("Cc",)), min_size=1, max_size=60)
prose = st.one_of(words, latin, st.lists(latin, min_size=1, max_size=30).map(" ".join))
value = st.one_of(
    prose,
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.none(),
    st.lists(words, max_size=2),
)
section = st.fixed_dictionaries({"heading": prose}, optional={"body": prose})
figure = st.fixed_dictionaries({"value": prose, "label": prose})
fact = st.fixed_dictionaries({"label": prose, "value": prose})
contact = st.fixed_dictionaries(
    {"name": prose}, optional={"role": prose, "email": prose, "phone": prose}
)
design = st.fixed_dictionaries(
    {},
    optional={
        "layout": st.sampled_from(["two-column", "single-column", "sidebar"]),
        "font": st.sampled_from(["Noto Sans", "Noto Serif"]),
        "margins": st.sampled_from(["0.25in", "1.5in", "54", "20mm"]),
        "min_body_size": st.sampled_from([6, 8, 12]),
    },
)
plausible = st.fixed_dictionaries(
    {"organization": prose, "title": prose, "sections": st.lists(section, min_size=1, max_size=6)},
    optional={
        "lead": prose,
        "subtitle": prose,
        "office": prose,
        "footer": prose,
        "key_figures": st.lists(figure, max_size=4),
        "at_a_glance": st.lists(fact, max_size=6),
        "contacts": st.lists(contact, max_size=3),
        "online": st.sampled_from(["https://www.state.gov/inl", "http://example.org/x"]),
        "marking": prose,
        "design": design,
        "language": st.sampled_from(["en", "fr", "es", "pt"]),
        "paper": st.sampled_from(["letter", "a4"]),
    },
)
broken = st.dictionaries(
    st.sampled_from(
        [
            "organization",
            "title",
            "sections",
            "lead",
            "titel",
            "key_figures",
            "language",
            "paper",
            "date",
        ]
    ),
    st.one_of(value, st.lists(st.dictionaries(words, value), max_size=3)),
)
content = st.one_of(plausible, plausible, broken)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content)
def test_any_content_tree_builds_one_page_or_reports_located_problems(tree: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "out.pdf"
        try:
            result = build(tree, out)
        except ContentError as error:
            assert error.problems
            for problem in error.problems:  # a dict has no lines: its field path says where
                assert problem.location == ("<dict>", 0, 0)
                where = problem.field or "<dict>"
                assert str(problem).startswith(f"{where}: {problem.severity}: "), str(problem)
            assert not out.exists()
            return
        assert result.pages == 1
        assert len(PdfReader(out).pages) == 1


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_parses_or_reports_a_located_problem(text: str) -> None:
    try:
        parse(text)
    except ContentError as error:
        assert all(LOCATED.match(str(problem)) for problem in error.problems)
