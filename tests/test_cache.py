"""The start-up cache: what it gives back is what ReportLab and pyphen would have made."""

from __future__ import annotations

import io
import marshal
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pyphen
import pytest
from pikepdf import PdfImage
from PIL import Image
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont

from briefing import cache, fonts
from briefing.text import hyphenation

from .conftest import ROOT, SAMPLE, run_process

FACES = sorted(path.stem for path in fonts.FONT_DIR.glob("*.ttf"))


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder for this test, in this process and in the commands it runs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "briefing"


@pytest.mark.parametrize("name", FACES)
def test_a_cached_face_is_the_parsed_face(cache_home: Path, name: str) -> None:
    parsed = TTFont(name, str(fonts.FONT_DIR / f"{name}.ttf"))
    fonts._load(name)  # parses and stores
    assert [p.name.split(".")[0] for p in cache_home.iterdir()] == [name]
    cached = fonts._load(name)  # restores
    assert vars(cached).keys() == vars(parsed).keys()
    assert vars(cached.face).keys() == vars(parsed.face).keys()
    for key, value in vars(parsed.face).items():
        restored = getattr(cached.face, key)
        if key == "_pdfScale":
            assert [restored(v) for v in (0, 1, 733)] == [value(v) for v in (0, 1, 733)]
        else:
            assert type(restored) is type(value) and restored == value, key
            if isinstance(value, TTFNameBytes):
                assert restored.ustr == value.ustr
    for key, value in vars(parsed).items():
        if key not in ("face", "encoding", "state"):
            assert getattr(cached, key) == value, key
    assert type(cached.encoding) is type(parsed.encoding)
    assert cached.face.makeSubset([0, 65, 66]) == parsed.face.makeSubset([0, 65, 66])


def test_hyphenation_patterns_come_back_as_pyphen_parsed_them(cache_home: Path) -> None:
    path = pyphen.LANGUAGES["en_US"]
    parsed = pyphen.HyphDict(path)
    for _ in range(2):  # the first call stores, the second loads
        pyphen.hdcache.pop(path, None)
        hyphenation.load_patterns("en_US")
        loaded = pyphen.hdcache[path]
        assert loaded is not parsed
        assert (loaded.patterns, loaded.maxlen) == (parsed.patterns, parsed.maxlen)
    assert len(list(cache_home.iterdir())) == 1
    assert pyphen.Pyphen(lang="en_US").inserted("international") == "in-ter-na-tion-al"


def test_storing_an_entry_keeps_only_its_newest_versions(cache_home: Path) -> None:
    """Installs sharing the folder (their files differ in time) keep an entry each; past
    :data:`cache.VERSIONS`, the oldest go."""
    for number in range(cache.VERSIONS + 1):
        cache.store("NotoSans-Bold", f"1-{number}", {"a": number})
        os.utime(cache_home / f"NotoSans-Bold.1-{number}", ns=(number, number))
        cache.store("NotoSans-BoldItalic", "1-a", {"b": 2})
    assert sorted(p.name for p in cache_home.iterdir()) == [
        *(f"NotoSans-Bold.1-{number}" for number in range(1, cache.VERSIONS + 1)),
        "NotoSans-BoldItalic.1-a",
    ]
    assert cache.load("NotoSans-Bold", "1-1") == {"a": 1}
    assert cache.load("NotoSans-Bold", "1-0") is None


def test_what_marshal_cannot_keep_is_not_kept(cache_home: Path) -> None:
    class Number(int):
        pass

    cache.store("odd", "1", {"a": (Number(3),)})
    assert not cache_home.exists() or not list(cache_home.iterdir())


def test_kept_results_are_stored_when_new_and_start_afresh_past_the_most(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_kept", [])  # these entries are this test's alone
    kept = cache.Kept("things", lambda: "1")
    assert kept.get("a face", "word") is None
    kept.put("a face", "word", (1, 2))
    cache.flush()
    again = cache.Kept("things", lambda: "1")
    assert again.get("a face", "word") == (1, 2)
    stored = (cache_home / "things.1").stat().st_mtime_ns
    cache.flush()  # nothing new: not written again
    assert (cache_home / "things.1").stat().st_mtime_ns == stored
    assert cache.Kept("things", lambda: "2").get("a face", "word") is None  # another key
    monkeypatch.setattr(again, "most", 1)
    again.put("another face", "word", 3)
    again.flush()  # two results, over the most: only this process's are kept
    fresh = cache.Kept("things", lambda: "1")
    assert fresh.get("a face", "word") is None
    assert fresh.get("another face", "word") == 3


def test_a_process_that_stores_nothing_keeps_its_newest_results_only(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A process that stores no entry (a long ``preview``) keeps at most an entry's most
    results in memory: past them, it starts afresh with the newest."""
    monkeypatch.setattr(cache, "_kept", [])
    kept = cache.Kept("things", lambda: "1", most=2)
    for word in ("a", "bb", "ccc"):
        kept.put("a face", word, len(word))
    assert [kept.get("a face", word) for word in ("a", "bb", "ccc")] == [None, None, 3]


def _build(tmp_path: Path, name: str) -> bytes:
    out = tmp_path / f"{name}.pdf"
    result = run_process("build", SAMPLE, "-o", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("damage", [b"\x00 not marshal data", marshal.dumps(("x", [1]))])
def test_builds_are_the_same_with_an_empty_a_full_or_a_damaged_cache(
    cache_home: Path, tmp_path: Path, damage: bytes
) -> None:
    first = _build(tmp_path, "empty")
    entries = sorted(p.name.split(".")[0] for p in cache_home.iterdir())
    assert entries == [
        "NotoSans-Bold",
        "NotoSans-Regular",
        "hyph_en_US",
        "hyphens",
        "lines",
        "shapes",
    ]
    assert _build(tmp_path, "full") == first
    for entry in cache_home.iterdir():
        entry.write_bytes(damage)
    assert _build(tmp_path, "damaged") == first
    assert all(entry.read_bytes() != damage for entry in cache_home.iterdir())  # made again


# A build in a new process that counts the line-break searches it makes (``Breaker.search``)
_COUNTED = """
import sys
from briefing.commands import cli
from briefing.text import linebreak
searched, search = [], linebreak.Breaker.search
linebreak.Breaker.search = lambda *args: searched.append(1) or search(*args)
cli.main(["build", sys.argv[1], "-o", sys.argv[2]])
print("searched", len(searched))
"""


def test_a_build_of_a_sheet_built_before_breaks_none_of_its_paragraphs_again(
    cache_home: Path, tmp_path: Path
) -> None:
    """The lines found for each paragraph, at each width and by each rule the fit tries, are
    kept in the cache: the sample built again in a new process searches for none (the first
    build, for some hundred), and its PDF is the first's, byte for byte."""
    searched = []
    for name in ("first", "again"):
        out = tmp_path / f"{name}.pdf"
        done = subprocess.run(
            [sys.executable, "-c", _COUNTED, str(SAMPLE), str(out)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        searched.append(int(done.stdout.split("searched ")[-1]))
    assert searched[0] > 100 and searched[1] == 0
    assert (tmp_path / "first.pdf").read_bytes() == (tmp_path / "again.pdf").read_bytes()


def test_a_cache_folder_that_cannot_be_made_only_means_no_cache(
    cache_home: Path, tmp_path: Path
) -> None:
    cache_home.parent.mkdir()
    cache_home.write_text("a file where the folder would be")
    first = _build(tmp_path, "uncached")
    assert _build(tmp_path, "again") == first
    assert cache_home.read_text() == "a file where the folder would be"


EXAMPLE = ROOT / "examples" / "mali-blocks.yaml"


def _photo_of(pdf: bytes) -> Image.Image:
    """The one photo of a built page, as its pixels."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        (image,) = document.pages[0].get_images().values()
        return PdfImage(image).as_pil_image().convert("RGB")


def test_a_photo_is_read_once_and_again_when_its_file_changes(
    cache_home: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.yaml"
    shutil.copy(EXAMPLE, sheet)
    photo = shutil.copy(EXAMPLE.with_name("mali-niger-river.jpg"), tmp_path)
    built = tmp_path / "sheet.pdf"

    def build() -> bytes:
        result = run_process("build", sheet, "-o", built, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        return built.read_bytes()

    first = build()
    entries = sorted(p for p in cache_home.iterdir() if p.name.startswith("photo-"))
    assert sorted(p.name.split(".")[0].endswith("-drawn") for p in entries) == [False, True]
    # Red pictures of the same sizes in the entries: a build that gives red used them.
    for entry in entries:
        kept = marshal.loads(entry.read_bytes())
        loaded = isinstance(kept, tuple)  # the photo as loaded, with its size; else as drawn
        with Image.open(io.BytesIO(kept[0] if loaded else kept)) as picture:
            red = io.BytesIO()
            Image.new("RGB", picture.size, (255, 0, 0)).save(red, "JPEG")
        entry.write_bytes(marshal.dumps((red.getvalue(), *kept[1:]) if loaded else red.getvalue()))
    assert _photo_of(build()).getpixel((5, 5)) == pytest.approx((254, 0, 0), abs=3)
    # A saved photo is read again (its time changes): the page is the first one again.
    stat = Path(photo).stat()
    os.utime(photo, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert build() == first


def test_only_the_newest_photos_are_kept(cache_home: Path) -> None:
    for number in range(5):
        cache.store(f"photo-{number}", "1-a", b"jpeg")
        os.utime(cache_home / f"photo-{number}.1-a", ns=(number * 10**9, number * 10**9))
    cache.store("NotoSans-Bold", "1-a", {"a": 1})
    cache.prune("photo-", 2)
    assert sorted(p.name for p in cache_home.iterdir()) == [
        "NotoSans-Bold.1-a",
        "photo-3.1-a",
        "photo-4.1-a",
    ]
