"""The documentation stays true: schema file, field reference, README commands."""

from __future__ import annotations

import dataclasses
import json

from briefing.content.model import (
    Block,
    Chart,
    Contact,
    Content,
    Design,
    Fact,
    Figure,
    Logo,
    Photo,
    Section,
    Table,
)

from .conftest import ROOT, run

KINDS = (Content, Figure, Fact, Contact, Section, Logo, Design, Block, Chart, Table, Photo)


def test_committed_schema_matches_briefing_schema() -> None:
    result = run("schema", cwd=ROOT)
    assert result.returncode == 0
    committed = (ROOT / "docs" / "content.schema.json").read_text(encoding="utf-8")
    assert json.loads(result.stdout) == json.loads(committed)


def test_content_yaml_names_the_schema_for_editors() -> None:
    first = (ROOT / "content.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=docs/content.schema.json"


def test_every_field_is_documented() -> None:
    text = (ROOT / "docs" / "content.md").read_text(encoding="utf-8")
    for kind in KINDS:
        for field in dataclasses.fields(kind):
            assert f"`{field.name}`" in text, field.name


def test_docs_state_the_limits_the_validator_and_schema_use() -> None:
    from briefing.content.fields import limits

    lines = (ROOT / "docs" / "content.md").read_text(encoding="utf-8").splitlines()
    rows: dict[str, list[str]] = {}  # the table rows about each field
    for line in lines:
        if line.startswith("| `"):
            rows.setdefault(line.split("|")[1].strip(), []).append(line)
    schema = json.loads(run("schema", cwd=ROOT).stdout)
    section = schema["properties"]["sections"]["items"]
    block = section["properties"]["blocks"]["items"]
    objects = {
        Content: schema,
        Design: schema["properties"]["design"],
        Section: section,
        Chart: block["properties"]["chart"],
        Table: block["properties"]["table"],
    }
    stated = 0
    for kind in KINDS:
        for field in dataclasses.fields(kind):
            said = limits(kind, field.name)
            if said:
                stated += 1
                assert any(said in row for row in rows[f"`{field.name}`"]), field.name
                where = objects[kind]
                assert f"({said})" in where["properties"][field.name]["description"]
    assert stated >= 9


def test_readme_commands_and_help_agree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && briefing build" in readme
    assert "pip install -e '.[test]' && pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest\n" in ci
    top = run("--help", cwd=ROOT).stdout
    for command in ("build", "check", "schema", "preview"):
        assert command in top
        assert f"briefing {command}" in readme
    build = run("build", "--help", cwd=ROOT).stdout
    for option in ("--output", "--paper", "--debug", "CONTENT"):
        assert option in build
    preview = run("preview", "--help", cwd=ROOT).stdout
    row = next(line for line in readme.splitlines() if line.startswith("| `briefing preview "))
    for option in ("[CONTENT]", "--port N", "--open", "--host H", "-o OUTPUT", "--paper"):
        assert option in preview and option in row
    for endpoint in ("`/`", "`/page.png`", "`/page.pdf`", "`/events`"):
        assert f"| {endpoint} |" in readme


def test_the_model_offers_exactly_the_languages_the_page_knows() -> None:
    import typing

    from briefing.language import LANGUAGES

    hints = typing.get_type_hints(Content)
    assert set(typing.get_args(hints["language"])) == set(LANGUAGES)
