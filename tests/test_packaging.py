"""What `pip install .` installs: every module and data file of the package, read from the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_the_wheel_holds_every_module_and_data_file(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path, ROOT],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("briefing-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "ls-files", "briefing"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.split()
    assert tracked
    missing = [name for name in tracked if name not in names]
    assert missing == [], "files of the package that pip install . leaves out"
