"""A page compressed from where it last differed: zlib's bytes, and a rebuild's PDF a fresh
process's."""

from __future__ import annotations

import random
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest

from briefing.pdf import deflate
from briefing.pipeline import render, run_checks

ROOT = Path(__file__).resolve().parents[2]
_FRESH = """
import sys
from briefing.pipeline import render, run_checks
sys.stdout.buffer.write(render(run_checks(sys.argv[1]), sys.argv[2])[0])
"""


def test_a_page_compressed_on_from_a_kept_state_is_zlibs_bytes() -> None:
    """Pages edited anywhere (in a state's first byte, its last, past the end), shorter and
    longer, each compressed on from the recent page that shares most: zlib's bytes; and a
    page so long that its states are kept further apart."""
    chance = random.Random(7)
    page = bytes(chance.choices(b"BT ET Tj TJ 0123456789 ()/F1+0\n", k=5 * deflate.STEP + 99))
    for _ in range(200):
        data = bytearray(page[: chance.randint(0, len(page))] if chance.random() < 0.3 else page)
        for _ in range(chance.randint(0, 2)):
            at = chance.choice([0, deflate.STEP - 1, deflate.STEP, chance.randint(0, len(data))])
            data[at:at] = bytes(chance.choices(b"xyz", k=chance.randint(0, 40)))
        assert deflate.compress(bytes(data)) == zlib.compress(bytes(data), deflate.LEVEL)
    long = page * deflate.MOST  # its states further apart, as many as a page keeps at most
    for data in (
        b"",
        long,
        long[:-1] + b"x",
        long[: len(long) // 2] + b"y" + long[len(long) // 2 :],
    ):
        assert deflate.compress(data) == zlib.compress(data, deflate.LEVEL)
    assert len(deflate._recent[-1].states) <= deflate.MOST


def _fed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many bytes each compressor made from now on is fed (not one that goes on from a
    state kept before)."""
    fed: list[int] = []
    make = zlib.compressobj

    class Counted:
        def __init__(self, state: Any) -> None:
            self.state = state
            fed.append(0)
            self.index = len(fed) - 1

        def compress(self, data: bytes) -> bytes:
            fed[self.index] += len(data)
            return bytes(self.state.compress(data))

        def copy(self) -> Any:
            return self.state.copy()

        def flush(self) -> bytes:
            return bytes(self.state.flush())

    monkeypatch.setattr(deflate.zlib, "compressobj", lambda level: Counted(make(level)))
    return fed


@pytest.mark.parametrize(
    ("old", "new", "paper", "resumed"),
    [
        ("date: 2019-05-01", "date: 2019-05-02", "letter", True),  # the last words drawn
        ("proactively respond", "proactively answer", "letter", True),  # a paragraph
        ("date: 2019-05-01", "date: 2019-05-01\ndesign:\n  font: Noto Serif", "letter", False),
        ("date: 2019-05-01", "date: 2019-05-01", "a4", False),  # its paper
    ],
)
def test_a_rebuild_after_an_edit_is_the_pdf_a_fresh_process_makes(
    old: str,
    new: str,
    paper: str,
    resumed: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sheet built, edited and built again in one process (as watch and preview build it)
    is the PDF a fresh process builds of the edited sheet (its date, a paragraph, its faces,
    its paper); edited past the page's first state (its date, the last words drawn, or a
    paragraph), its page is compressed on from a state kept."""
    sheet = tmp_path / "sheet.yaml"
    text = (ROOT / "content.yaml").read_text(encoding="utf-8")
    sheet.write_text(text, encoding="utf-8")
    render(run_checks(sheet))
    assert old in text
    sheet.write_text(text.replace(old, new), encoding="utf-8")
    fed = _fed(monkeypatch)
    again = render(run_checks(sheet), paper)[0]
    fresh = subprocess.run(
        [sys.executable, "-c", _FRESH, str(sheet), paper], capture_output=True, check=True
    ).stdout
    assert again == fresh
    assert (fed == [0]) is resumed  # it went on from a state kept: the new compressor unfed
