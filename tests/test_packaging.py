"""What `pip install .` installs: every module and data file of the package, read from the wheel."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_the_wheel_holds_every_module_and_data_file(tmp_path: Path) -> None:
    tracked = subprocess.run(
        ["git", "ls-files", "briefing"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    assert tracked
    # A copy of what would be committed: a build folder left in the work tree would hide files.
    source = tmp_path / "source"
    for name in [*tracked, "pyproject.toml", "README.md"]:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / name, source / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, source],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in tracked if name not in names]
    assert missing == [], "files of the package that pip install . leaves out"
    # The `briefing` command: the function the wheel's entry point names exists.
    [entry_points] = [name for name in names if name.endswith(".dist-info/entry_points.txt")]
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    target = text.split("[console_scripts]")[1].split("briefing =")[1].split()[0]
    module, function = target.split(":")
    assert callable(getattr(importlib.import_module(module), function)), target
