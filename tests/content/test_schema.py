"""The JSON Schema (what an editor checks as the writer types) accepts exactly what ``briefing
check`` accepts: every example, sheet and style, and every bad input the suite makes, both ways.
Where check refuses what no JSON Schema can state (a file on disk, a font, the page's length),
the case says why; the schema is never stricter than check."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import briefing
from briefing import ContentError

from ..conftest import MINIMAL, ROOT, run
from . import test_blocks_validation, test_errors, test_validation

# What check refuses that a schema cannot state, each with why; a case refused for one of these
# alone may pass the schema.
CHECK_ONLY = {
    r"is not in the fonts? ": "which characters a font draws",
    r"the link target ": "a link inside formatted text",
    r"was not found|is not a readable|cannot be read|"
    r"a web address, not a file|million pixels|not a file that can be read": "a file on disk",
    r"contrast of only": "the contrast of two colours",
    r"runs about|leave \d+ pt|is \d+ pt tall|pt wide": "the page's layout",
    r"duplicate key|the alias": "the YAML text, which editors check themselves",
    r"^found text '[\d.]+(in|mm|cm)'": "a length written with a unit",
    r"which the first series does not|has no value for": "the names of a chart's categories",
    r"the sections hold|the tables hold": "counts across the whole sheet",
    r"not a finite number": "YAML's infinity, which JSON has not",
    r"has no 'organization'": "what the style file a sheet names holds",
}


class _Loader(yaml.SafeLoader):
    """YAML as the language server reads it (YAML 1.2): dates stay text, 1e9 is a number."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(r"^[-+]?(\d+\.?\d*|\.\d+)[eE][-+]?\d+$"),
    list("-+0123456789."),
)


def _validator(style: bool = False) -> jsonschema.Draft202012Validator:
    schema = json.loads(run("schema", *(["--style"] if style else []), cwd=ROOT).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def schemas() -> dict[bool, jsonschema.Draft202012Validator]:
    return {False: _validator(), True: _validator(style=True)}


def _cases() -> dict[str, str]:
    """Every content text the suite checks, good and bad, by a name."""
    cases = {f"errors: {name}": text for name, (text, _) in test_errors.CASES.items()}
    cases.update({f"schema: {n}": text for n, (text, _) in test_validation.SCHEMA_CASES.items()})
    cases.update({f"good: {name}": text for name, text in test_validation.GOOD_CASES.items()})
    cases.update(
        {
            f"blocks: {name}": test_blocks_validation.HEAD + text
            for name, (text, *_) in test_blocks_validation.CASES.items()
        }
    )
    cases["blocks: the issue's example"] = test_blocks_validation.EXAMPLE
    cases["a decorative photo, its alt empty"] = (
        test_blocks_validation.HEAD + "      - photo: {file: photo.jpg, alt: , decorative: true}\n"
    )
    cases["rows one cell short"] = test_blocks_validation.HEAD + (
        "      - table: {columns: [A, B], rows: [[a, b], [c]]}\n"
    )
    cases["series of different lengths"] = test_blocks_validation.HEAD + (
        "      - chart: {type: bar, title: T, series: {A: {x: 1, y: 2}, B: {x: 1}}}\n"
    )
    cases["a sheet naming a style, without organization"] = MINIMAL.replace(
        "organization: Test Office\n", "style: house.yaml\n"
    )
    cases["a sheet naming a style that lacks organization"] = MINIMAL.replace(
        "organization: Test Office\n", "style: bare.yaml\n"
    )
    return {name: text for name, text in cases.items() if isinstance(text, str)}


CASES = _cases()


def _verdicts(
    path: Path, validator: jsonschema.Draft202012Validator, style: bool = False
) -> tuple[list[str], list[str]]:
    """The errors check finds in ``path`` and those the schema finds, each a list of messages."""
    try:
        if style:
            briefing.pipeline.check_style(path)
        else:
            briefing.check(path)
        checked = []
    except ContentError as error:
        checked = [p.message for p in error.problems if p.severity == "error"]
    data = yaml.load(path.read_text("utf-8"), _Loader)
    return checked, [error.message for error in validator.iter_errors(data)]


def _agree(name: str, checked: list[str], schema: list[str]) -> None:
    if not checked:
        assert not schema, f"{name}: the schema refuses what check accepts: {schema}"
        return
    if schema:
        return
    unsaid = [m for m in checked if not any(re.search(p, m) for p in CHECK_ONLY)]
    assert not unsaid, f"{name}: the schema accepts what check refuses: {unsaid}"


@pytest.mark.parametrize("case", CASES)
def test_the_schema_and_check_agree_on_every_case_of_the_suite(
    case: str, tmp_path: Path, schemas: dict[bool, jsonschema.Draft202012Validator]
) -> None:
    test_blocks_validation._files(tmp_path)
    (tmp_path / "house.yaml").write_text("organization: House\n", "utf-8")
    (tmp_path / "bare.yaml").write_text("office: A bureau\n", "utf-8")
    path = tmp_path / "content.yaml"
    path.write_text(CASES[case], "utf-8")
    try:
        yaml.load(CASES[case], _Loader)
    except yaml.YAMLError:  # not YAML: no schema applies, the editor marks the syntax, as check
        with pytest.raises(ContentError):
            briefing.check(path)
        return
    _agree(case, *_verdicts(path, schemas[False]))


def test_the_schema_and_check_agree_on_every_example_and_style(
    tmp_path: Path, schemas: dict[bool, jsonschema.Draft202012Validator]
) -> None:
    assert run("new", "starter", cwd=tmp_path).returncode == 0
    sheets = [ROOT / "content.yaml", tmp_path / "starter.yaml"]
    sheets += sorted((ROOT / "examples").rglob("*.yaml"))
    styles = [path for path in sheets if briefing.pipeline.is_style(path)]
    assert [path.name for path in styles] == ["house.yaml"]
    for path in sheets:
        style = path in styles
        checked, schema = _verdicts(path, schemas[style], style)
        assert not checked and not schema, (path, checked, schema)
    # each sheet of the house style without the fields it leaves to the style, and with them
    folder = tmp_path / "house-style"
    shutil.copytree(ROOT / "examples" / "house-style", folder)
    shutil.copy(ROOT / "examples" / "seal.svg", tmp_path)
    for path in sorted(folder.glob("*.yaml")):
        if path.name != "house.yaml":
            text = path.read_text("utf-8")
            path.write_text(text.replace("style: house.yaml\n", "organization: Own\n"), "utf-8")
            _agree(path.name, *_verdicts(path, schemas[False]))
            path.write_text("organization: Own\n" + text, "utf-8")
            _agree(path.name, *_verdicts(path, schemas[False]))


def test_the_new_rules_the_schema_states(
    schemas: dict[bool, jsonschema.Draft202012Validator],
) -> None:
    """Each rule check knows across fields, as the schema now states it too."""
    schema: dict[str, Any] = schemas[False].schema
    assert "organization" not in schema["required"]  # unless the sheet names no style
    block = schema["properties"]["sections"]["items"]["properties"]["blocks"]["items"]
    photo = block["properties"]["photo"]
    assert photo["required"] == ["file", "alt"]  # so an editor's snippet writes 'alt:'
    chart = block["properties"]["chart"]
    assert chart["properties"]["type"]["type"] == "string" and "type" in chart["required"]
