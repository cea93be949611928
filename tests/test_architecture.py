"""The package's shape: one folder per stage, imports that run one way, small modules, one name
for one thing. Read from the source (AST), so that the file tree stays the architecture."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "briefing"
# The stages in the order data flows through them; a module may import its own stage, an earlier
# one, or what every stage shares (the modules at the top, but for the public API's).
STAGES = ("content", "text", "graphics", "layout", "pdf", "html", "commands")
SHARED = {
    "errors",
    "language",
    "theme",
    "fonts",
    "brand",
    "cache",
    "flowables",
    "output",
    "internals",
    "version",
}
API = {"__init__", "pipeline"}  # the public API: the stages joined, under the commands
ENTRY = "__main__"  # ``python -m briefing``: the command line
MOST_AT_TOP = 13
LONGEST = 700  # lines
PORTS = {"content/markdown.py"}  # follows its upstream (markdown-it) rule for rule: kept whole


def _modules() -> dict[str, Path]:
    return {
        ".".join(path.relative_to(PACKAGE).with_suffix("").parts): path
        for path in PACKAGE.rglob("*.py")
    }


def _rank(module: str) -> float:
    """Where a module stands in the flow: shared first, then the stages (the API between the pdf
    stage and the commands), then the entry point."""
    head = module.split(".")[0]
    if head in SHARED:
        return 0
    if head in API:
        return STAGES.index("commands") + 0.5
    if head == ENTRY:
        return len(STAGES) + 1
    return STAGES.index(head) + 1


def _imports(module: str, path: Path) -> set[str]:
    """The package's modules that ``module`` imports (at any depth in the file)."""
    package = module.split(".")[:-1]
    modules = _modules()
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            target = [*base, *(node.module.split(".") if node.module else [])]
            init = ".".join([*target, "__init__"])
            if node.module and ".".join(target) in modules:  # names from a module
                found.add(".".join(target))
                continue
            for alias in node.names:
                name = ".".join([*target, alias.name])
                # a module, a package (its __init__), or a name from a package's __init__
                found.add(next(m for m in (name, f"{name}.__init__", init) if m in modules))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("briefing."):
            found.add(node.module.removeprefix("briefing."))  # type: ignore[union-attr]
    return {name for name in found if name and name != module}


def test_few_modules_at_the_top() -> None:
    top = sorted(path.stem for path in PACKAGE.glob("*.py"))
    assert len(top) <= MOST_AT_TOP, top
    assert set(top) <= SHARED | API | {ENTRY}, set(top) - SHARED - API


def test_every_folder_is_a_stage() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    assert folders <= set(STAGES), folders - set(STAGES)


def test_no_module_too_long() -> None:
    long = {
        str(path.relative_to(PACKAGE)): n
        for path in PACKAGE.rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > LONGEST
    }
    assert set(long) <= PORTS, long


def test_imports_run_one_way() -> None:
    modules = _modules()
    backwards = []
    for module, path in modules.items():
        for target in _imports(module, path):
            if _rank(target) > _rank(module):
                backwards.append(f"{module} -> {target}")
    assert not backwards, backwards


def test_no_two_modules_import_each_other() -> None:
    modules = _modules()
    graph = {m: {t for t in _imports(m, p) if t in modules} for m, p in modules.items()}
    mutual = sorted(f"{a} <-> {b}" for a in graph for b in graph[a] if a < b and a in graph[b])
    assert not mutual, mutual


def test_one_name_for_one_thing() -> None:
    defined: dict[str, list[str]] = defaultdict(list)
    for module, path in _modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                defined[node.name].append(module)
    twice = {name: where for name, where in defined.items() if len(where) > 1}
    assert not twice, twice
