"""Shared helpers: run the real command line, build content, read PDFs back."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content.yaml"
SEED = Path(__file__).resolve().parent / "data" / "seed.txt"

MINIMAL = """\
organization: Test Office
title: Testland
sections:
  - heading: Overview
    body: A short paragraph about Testland.
"""


def run(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefing ARGS`` as a user would, capturing its output."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )


def write(path: Path, text: str) -> Path:
    """Write dedented YAML text to ``path``."""
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture(scope="session", autouse=True)
def _cache_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A cache folder of the test run's own, so that the photos tests make do not pile up in
    the user's (a test of the cache gives itself an empty one)."""
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Niger sample, built once through the command line."""
    out = tmp_path_factory.mktemp("sample") / "niger.pdf"
    result = run("build", SAMPLE, "-o", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out
