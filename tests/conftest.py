"""Shared helpers: run the real command line (in this process, or in a new one), build content."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import textwrap
import traceback
from collections.abc import Iterable
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
    """Run the command line ``briefing ARGS`` in this process, as from ``cwd`` with ``env`` added
    to the environment, capturing its output and exit code as ``python -m briefing`` gives them
    (a fresh process for each costs a quarter of a second: see :func:`run_process` for tests
    that are about one)."""
    from briefing.commands.cli import main

    argv = list(map(str, args))
    stdout, stderr = io.StringIO(), io.StringIO()
    with (
        pytest.MonkeyPatch.context() as patch,
        contextlib.redirect_stdout(stdout),
        contextlib.redirect_stderr(stderr),
    ):
        patch.chdir(cwd)
        patch.setenv("COLUMNS", os.environ.get("COLUMNS", "80"))  # help as wide as in a pipe
        for name, value in (env or {}).items():
            patch.setenv(name, value)
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse: --help, --version and bad arguments
            code = _exit_code(stop, stderr)
        except Exception:  # noqa: BLE001 - printed as the process would print it, dying
            traceback.print_exc(file=stderr)
            code = 1
    return subprocess.CompletedProcess(argv, code, stdout.getvalue(), stderr.getvalue())


def _exit_code(stop: SystemExit, stderr: io.StringIO) -> int:
    """The exit code Python gives a process that ends with ``stop``."""
    if stop.code is None or isinstance(stop.code, int):
        return stop.code or 0
    print(stop.code, file=stderr)
    return 1


def run_process(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m briefing ARGS`` in a fresh process, as a user would, capturing its output:
    for what only a new process shows (the cache read at start-up, output across processes)."""
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=environment,
        timeout=600,  # against a hung process, not a timing: drawing the full Chinese face takes
        # two minutes on a busy machine of two cores
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


FIT_MESSAGES = ("the page is ", "the sections are set in the ")  # how the fit's warnings start
FIT = tuple(f": warning: {start}" for start in FIT_MESSAGES)


def unfitted(problems: Iterable[object]) -> list[str]:
    """The problems as printed, without the fit's warnings (a test sheet is short: its page is
    part empty, or set in one column of larger type), for tests about the content's own."""
    return [str(p) for p in problems if not any(f in f": {p}" for f in FIT)]


def without_fit(output: str) -> str:
    """Command output without the lines of the fit's warnings."""
    lines = output.splitlines(keepends=True)
    return "".join(line for line in lines if not any(f in line for f in FIT))
