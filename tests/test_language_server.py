"""The editor agrees with ``briefing check``: the YAML language server, given briefing's schema,
marks no sheet or style that check accepts, marks every mistake the schema can state (on the
line check names, for a line pasted at the wrong indentation), and its snippets for a chart and
a photo write every field they need."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import briefing
from briefing import ContentError

from .conftest import ROOT, run
from .content import test_errors
from .content.test_schema import CHECK_ONLY
from .language_server import Server


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of sheets as a writer keeps them: the schemas beside them, no schema lines."""
    folder = tmp_path_factory.mktemp("sheets")
    (folder / "briefing.schema.json").write_text(run("schema", cwd=ROOT).stdout, "utf-8")
    (folder / "style.schema.json").write_text(run("schema", "--style", cwd=ROOT).stdout, "utf-8")
    return folder


def _readme_setting() -> dict[str, list[str]]:
    """The workspace setting the README shows, as a writer would copy it."""
    readme = (ROOT / "README.md").read_text("utf-8")
    block = re.search(r"```json\n(\{\n  \"yaml\.schemas\".*?)```", readme, re.DOTALL)
    assert block is not None, "the README shows no yaml.schemas setting"
    setting: dict[str, list[str]] = json.loads(block.group(1))["yaml.schemas"]
    return setting


@pytest.fixture(scope="module")
def server(workspace: Path) -> Iterator[Server]:
    """The server in the sheets' folder, with the README's workspace setting."""
    started = Server(workspace, _readme_setting())
    try:
        yield started
    finally:
        started.close()


def test_every_example_sheet_and_style_is_clean_in_the_editor(
    server: Server, workspace: Path
) -> None:
    sheets = [ROOT / "content.yaml", *sorted((ROOT / "examples").rglob("*.yaml"))]
    marked = server.marks_of(dict.fromkeys(sheets))  # each with its own schema line
    assert {path: marks for path, marks in marked.items() if marks} == {}
    assert run("new", "burkina", cwd=workspace).returncode == 0  # names the schema it wrote
    assert server.marks(workspace / "burkina.yaml") == []
    folder = workspace / "house-style"  # copied elsewhere, by the workspace setting alone
    shutil.copytree(ROOT / "examples" / "house-style", folder)
    texts: dict[Path, str | None] = {}
    for path in sorted(folder.glob("*.yaml")):
        lines = path.read_text("utf-8").splitlines(keepends=True)[1:]  # no schema line
        if path.name == "house.yaml":  # a style names its own schema, over the setting
            lines.insert(0, "# yaml-language-server: $schema=../style.schema.json\n")
        texts[path] = "".join(lines)
    assert {path.name: m for path, m in server.marks_of(texts).items() if m} == {}


def _check(path: Path) -> list[tuple[int, str]]:
    """The line and message of each error check finds in ``path``."""
    try:
        briefing.check(path)
    except ContentError as error:
        return [(p.location.line, p.message) for p in error.problems if p.severity == "error"]
    return []


CASES = {name: text for name, (text, _) in test_errors.CASES.items() if isinstance(text, str)}


def test_the_editor_marks_every_mistake_the_schema_can_state(
    server: Server, workspace: Path
) -> None:
    folder = workspace / "cases"
    folder.mkdir()
    paths = {}
    for index, (name, text) in enumerate(CASES.items()):
        paths[name] = folder / f"case{index}.yaml"
        paths[name].write_text(text, "utf-8")
    all_marked = server.marks_of(dict.fromkeys(paths.values()))
    for name, path in paths.items():
        found = _check(path)
        assert found, name
        marked = all_marked[path]
        stated = [m for _, m in found if not any(re.search(p, m) for p in CHECK_ONLY)]
        if stated:
            assert marked, f"{name}: the editor marks nothing; check says {stated}"
        if "pasted" in name or "not indented" in name:  # the editor marks the line check names
            assert found[0][0] in {line for line, _, _ in marked}, (name, marked, found)


def test_snippets_write_every_field_a_chart_and_a_photo_need(
    server: Server, workspace: Path
) -> None:
    text = "organization: O\ntitle: T\nsections:\n  - heading: A\n    blocks:\n      - \n"
    offered = server.completions(workspace / "snippet.yaml", text, 6, 9)
    snippets = {item["label"]: item.get("insertText", "") for item in offered}
    assert re.search(r"\btype: ", snippets["chart"]) and "title: " in snippets["chart"]
    assert "file: " in snippets["photo"] and "alt: " in snippets["photo"]
    assert "columns:" in snippets["table"] and "rows:" in snippets["table"]
