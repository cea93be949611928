"""The start-up cache: what it gives back is what ReportLab and pyphen would have made."""

from __future__ import annotations

import marshal
from pathlib import Path

import pyphen
import pytest
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont

from briefing import cache, fonts, hyphenation

from .conftest import ROOT, SAMPLE, run

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
        hyphenation.prepare("en_US")
        loaded = pyphen.hdcache[path]
        assert loaded is not parsed
        assert (loaded.patterns, loaded.maxlen) == (parsed.patterns, parsed.maxlen)
    assert len(list(cache_home.iterdir())) == 1
    assert pyphen.Pyphen(lang="en_US").inserted("international") == "in-ter-na-tion-al"


def test_storing_an_entry_replaces_its_older_versions(cache_home: Path) -> None:
    cache.store("NotoSans-Bold", "1-a", {"a": 1})
    cache.store("NotoSans-BoldItalic", "1-a", {"b": 2})
    cache.store("NotoSans-Bold", "1-b", {"a": 3})
    assert sorted(p.name for p in cache_home.iterdir()) == [
        "NotoSans-Bold.1-b",
        "NotoSans-BoldItalic.1-a",
    ]
    assert cache.load("NotoSans-Bold", "1-b") == {"a": 3}
    assert cache.load("NotoSans-Bold", "1-a") is None


def test_what_marshal_cannot_keep_is_not_kept(cache_home: Path) -> None:
    class Number(int):
        pass

    cache.store("odd", "1", {"a": (Number(3),)})
    assert not cache_home.exists() or not list(cache_home.iterdir())


def _build(tmp_path: Path, name: str) -> bytes:
    out = tmp_path / f"{name}.pdf"
    result = run("build", SAMPLE, "-o", out, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


@pytest.mark.parametrize("damage", [b"\x00 not marshal data", marshal.dumps(("x", [1]))])
def test_builds_are_the_same_with_an_empty_a_full_or_a_damaged_cache(
    cache_home: Path, tmp_path: Path, damage: bytes
) -> None:
    first = _build(tmp_path, "empty")
    entries = sorted(p.name.split(".")[0] for p in cache_home.iterdir())
    assert entries == ["NotoSans-Bold", "NotoSans-Regular", "hyph_en_US"]
    assert _build(tmp_path, "full") == first
    for entry in cache_home.iterdir():
        entry.write_bytes(damage)
    assert _build(tmp_path, "damaged") == first
    assert all(entry.read_bytes() != damage for entry in cache_home.iterdir())  # made again


def test_a_cache_folder_that_cannot_be_made_only_means_no_cache(
    cache_home: Path, tmp_path: Path
) -> None:
    cache_home.parent.mkdir()
    cache_home.write_text("a file where the folder would be")
    first = _build(tmp_path, "uncached")
    assert _build(tmp_path, "again") == first
    assert cache_home.read_text() == "a file where the folder would be"
