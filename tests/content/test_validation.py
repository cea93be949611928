"""One validation stage: `check`, `build` and the API refuse the same content with the same
problems; the JSON Schema agrees with the validator; writer's warnings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import briefing
from briefing import ContentError

from ..conftest import MINIMAL, ROOT, SAMPLE, run, write
from .test_errors import CASES

GOOD = MINIMAL


def _api_problems(call: Any, *args: Any) -> list[str]:
    with pytest.raises(ContentError) as error:
        call(*args)
    return [str(problem) for problem in error.value.problems]


def test_check_build_and_the_api_refuse_the_same_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = []
    for index, (content, _) in enumerate(CASES.values()):
        names.append(f"case{index}.yaml")
        path = tmp_path / names[-1]
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    checked = run("check", *names, cwd=tmp_path)
    built = run("build", "-j", "1", *names, cwd=tmp_path)
    assert checked.returncode == built.returncode == 2
    assert not list(tmp_path.glob("*.pdf"))
    monkeypatch.chdir(tmp_path)
    for name in names:
        lines = [line for line in checked.stderr.splitlines() if line.startswith(f"{name}:")]
        assert lines, name
        assert [line for line in built.stderr.splitlines() if line.startswith(f"{name}:")] == lines
        assert _api_problems(briefing.check, name) == lines
        assert _api_problems(briefing.build, name, "out.pdf") == lines
    assert not list(tmp_path.glob("*.pdf"))


def test_a_wrong_required_field_hides_neither_the_logo_nor_the_colours(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    extra = "design:\n  primary: '#FFFF00'\nlogo:\n  file: seal.png\n  alt: The seal\n"
    path.write_text(GOOD.replace("title: Testland", "title: [a, b]") + extra, "utf-8")
    with pytest.raises(ContentError) as error:
        briefing.check(path)
    problems = error.value.problems
    assert str(problems[0]).startswith(f"{path}:2:8: error: found a list; expected text")
    assert str(problems[1]).startswith(f"{path}:7:12: error: the primary colour #FFFF00 gives")
    assert str(problems[-1]).startswith(f"{path}:9:9: error: the image 'seal.png' was not found")
    assert {p.field for p in problems} == {"title", "design.primary", "logo.file"}


def test_dict_content_is_located_by_field_path(tmp_path: Path) -> None:
    content = {
        "organization": "Office",
        "title": "Testland",
        "date": "May 21, 2012",
        "sections": [{"heading": "One", "bdy": "See [a](ftp://x)."}],
    }
    with pytest.raises(ContentError) as error:
        briefing.build(content, tmp_path / "out.pdf")
    assert [str(problem) for problem in error.value.problems] == [
        "date: error: found text 'May 21, 2012'; expected a date written YYYY-MM-DD, "
        "such as 2019-05-01",
        "sections[0].bdy: error: unknown key 'bdy' in a section; expected 'body', the key "
        "nearest to it",
        "sections[0].bdy: error: the link target 'ftp://x' is not a web or e-mail address; "
        "expected a link starting https://, http:// or mailto:",
    ]
    assert not (tmp_path / "out.pdf").exists()


def test_file_problems_carry_their_field_path(tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    content = "at_a_glance:\n  - label: A\n    value: '[x](ftp://y)'\nlogo: {file: x.png, alt: X}\n"
    path.write_text(GOOD + content, "utf-8")
    with pytest.raises(ContentError) as error:
        briefing.check(path)
    assert [(p.field, str(p.location)) for p in error.value.problems] == [
        ("at_a_glance[0].value", f"{path}:8:17"),
        ("logo.file", f"{path}:9:14"),
    ]


# -- the JSON Schema --------------------------------------------------------------------------


class _Loader(yaml.SafeLoader):
    """YAML as an editor's language server reads it: dates stay text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    result = run("schema", cwd=ROOT)
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def _examples(schema: dict[str, Any]) -> list[tuple[dict[str, Any], Any]]:
    found = [(schema, example) for example in schema.get("examples", [])]
    for sub in schema.get("properties", {}).values():
        found += _examples(sub)
    if "items" in schema:
        found += _examples(schema["items"])
    return found


def test_every_example_is_valid(validator: jsonschema.Draft202012Validator, tmp_path: Path) -> None:
    examples = _examples(validator.schema)
    assert len(examples) > 20
    for schema, example in examples:
        assert jsonschema.Draft202012Validator(schema).is_valid(example), (schema, example)
    assert run("new", "starter", cwd=tmp_path).returncode == 0
    files = [SAMPLE, tmp_path / "starter.yaml", *sorted((ROOT / "examples").glob("*.yaml"))]
    for path in files:
        assert validator.is_valid(yaml.load(path.read_text("utf-8"), _Loader)), path
        briefing.check(path)


GOOD_CASES = {
    "numbers, dates and yes where text is expected": GOOD
    + "key_figures:\n  - value: 2018\n    label: yes\n  - value: 2019-05-01\n    label: 1.5\n",
    "optional fields left empty": GOOD + "office:\nlead:\nlogo:\n",
    "margins with a unit": GOOD + "design:\n  margins: 20mm\n  min_body_size: 7.5\n",
}


@pytest.mark.parametrize("case", GOOD_CASES)
def test_schema_and_validator_accept_the_same_good_content(
    case: str, tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    path = tmp_path / "content.yaml"
    path.write_text(GOOD_CASES[case], encoding="utf-8")
    briefing.check(path)
    assert validator.is_valid(yaml.load(GOOD_CASES[case], _Loader))


# Each bad case, and whether the schema can say so (the rest only the validator knows).
SCHEMA_CASES = {
    "unknown key": (GOOD.replace("title:", "titel:"), True),
    "list for text": (GOOD.replace("title: Testland", "title: [a, b]"), True),
    "empty text": (GOOD.replace("title: Testland", "title: ' '"), True),
    "bad date": (GOOD + "date: May 21, 2012\n", True),
    "bad paper": (GOOD + "paper: legal\n", True),
    "five key figures": (GOOD + "key_figures:\n" + "  - value: 1\n    label: one\n" * 5, True),
    "no sections": (GOOD.split("sections:")[0] + "sections: []\n", True),
    "online not a web address": (GOOD + "online: www.state.gov\n", True),
    "bad e-mail": (GOOD + "contacts:\n  - name: A\n    email: a at b\n", True),
    "margins in points too small": (GOOD + "design:\n  margins: 10\n", True),
    "body size too large": (GOOD + "design:\n  min_body_size: 14\n", True),
    "unquoted colour": (GOOD + "design:\n  primary: #112E51\n", True),
    "short colour": (GOOD + "design:\n  primary: '#112E5'\n", True),
    "margins with a unit too large": (GOOD + "design:\n  margins: 2in\n", False),
    "character the font lacks": (GOOD.replace("Testland\n", "Testland ☃\n", 1), False),
    "link to a local file": (GOOD.replace("A short", "A [a](ftp://x) short"), False),
    "missing logo": (GOOD + "logo:\n  file: nowhere.png\n  alt: A seal\n", False),
    "colour without contrast": (GOOD + "design:\n  primary: '#FFFF00'\n", False),
}


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_schema_and_validator_agree_where_the_schema_can_say(
    case: str, tmp_path: Path, validator: jsonschema.Draft202012Validator
) -> None:
    content, expressible = SCHEMA_CASES[case]
    path = tmp_path / "content.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ContentError):
        briefing.check(path)
    assert validator.is_valid(yaml.load(content, _Loader)) is not expressible


# -- writer's warnings ------------------------------------------------------------------------


def test_writers_warnings_on_pasted_bullets_acronym_groups_and_few_sections(
    tmp_path: Path,
) -> None:
    write(
        tmp_path / "content.yaml",
        """\
        organization: Office
        title: Testland
        lead: Anti-Money Laundering and Countering Terrorism Financing (AML/CFT) and the
          African Union and United Nations (AU, UN) work, with the IMF.
        sections:
          - heading: Pasted
            body: |
              Our programs:
              • police training
              • border posts
          - heading: Short
            body: Another short section.
          - heading: Long
            body: LONG
        """.replace("LONG", " ".join(["Plenty of words here."] * 90)),
    )
    result = run("check", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "content.yaml: ok, 2 warnings\n")
    assert result.stderr.splitlines() == [
        "content.yaml:4:60: warning: 'IMF' is used before it is spelled out; expected the full "
        "name followed by (IMF) at its first use",
        "content.yaml:9:7: warning: the line starting '•' runs into the line above it: '•' does "
        "not start a list item; expected a list: lines starting '- ' (or '1. ', '2. ' for a "
        "numbered one)",
    ]
