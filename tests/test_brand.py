"""An office's own typefaces: font files named in the design or the house style, read back from
the PDFs built with them (the faces embedded, where each text is set, the words, the standards),
and every kind of file that cannot be used refused at the line that names it."""

from __future__ import annotations

import base64
import io
import re
import shutil
import string
from pathlib import Path

import page
import pdfplumber
import pikepdf
import pytest
from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

from briefing import brand
from briefing.brand import FaceFile
from briefing.pipeline import sources

from .conftest import MINIMAL, ROOT, run, write

HOUSE = ROOT / "examples" / "house-style"
FONTS = HOUSE / "fonts"
CALADEA, CABIN = FONTS / "Caladea-Regular.ttf", FONTS / "Cabin-Regular.otf"
KARLA = Path(__file__).parent / "data" / "fonts" / "Karla[wght].ttf"
SHEET = """\
organization: Test Office
title: Testland
key_figures:
  - value: 20%
    label: of the budget
sections:
  - heading: Overview
    body: The office fits official affairs, *first* and **fluently**, in Testland.
design:
{design}
"""
OWN = """\
  font:
    regular: fonts/Caladea-Regular.ttf
    bold: fonts/Caladea-Bold.ttf
    italic: fonts/Caladea-Italic.ttf
  heading_font:
    regular: fonts/Cabin-Regular.otf
    bold: fonts/Cabin-Bold.otf
"""


def _folder(tmp_path: Path) -> Path:
    shutil.copytree(FONTS, tmp_path / "fonts")
    return tmp_path


def _build(folder: Path, design: str, name: str = "sheet") -> tuple[Path, object]:
    sheet = write(folder / f"{name}.yaml", SHEET.format(design=design))
    out = folder / f"{name}.pdf"
    return out, run("build", sheet, "-o", out, cwd=folder)


def _fonts_of(path: Path) -> dict[str, str]:
    """Each font of the page, by its name without the subset tag: the kind of its font file."""
    with pikepdf.open(path) as document:
        found = {}
        for font in document.pages[0].Resources.Font.values():
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            kind = next(k for k in ("/FontFile2", "/FontFile3", "/FontFile") if k in descriptor)
            found[str(font.BaseFont).split("+")[-1]] = kind
        return found


def _faces_of_words(path: Path) -> dict[str, set[str]]:
    """The fonts each word of the page is drawn in (a hyphenated word's last part's)."""
    with pdfplumber.open(path) as document:
        words = document.pages[0].extract_words(extra_attrs=["fontname"])
    found: dict[str, set[str]] = {}
    part = ""  # a word hyphenated at a line's end, until its last part
    for word in words:
        text = part + word["text"]
        part = text[:-1] if text.endswith("\xad") else ""
        if not part:
            found.setdefault(text, set()).add(_named(word["fontname"]))
    return found


def _named(font: str) -> str:
    """A font's name without its subset tag, nor the digest that tells apart two faces of one
    name in one process (here, the tests')."""
    return re.sub(r"-[0-9a-f]{8}$", "", font.split("+")[-1])


def test_the_house_style_sets_every_sheet_in_the_offices_faces(tmp_path: Path) -> None:
    for sheet in ("benin", "ghana", "togo"):
        out = tmp_path / f"{sheet}.pdf"
        result = run("build", HOUSE / f"{sheet}.yaml", "-o", out, cwd=ROOT)
        assert result.returncode == 0, result.stderr
        fonts = _fonts_of(out)
        # embedded as TrueType (the CFF face converted), and no shipped Latin face needed
        assert fonts["Caladea-Regular"] == fonts["Cabin-Bold"] == "/FontFile2"
        assert not [name for name in fonts if name.startswith("Noto")], fonts
        with pdfplumber.open(out) as document:
            chars = document.pages[0].chars
        largest = max(c["size"] for c in chars)  # the title's
        title = {c["fontname"].split("+")[-1] for c in chars if c["size"] == largest}
        assert title == {"Cabin-Bold"}
        assert failures(out) == [], sheet


def failures(path: Path) -> list[str]:
    found = []
    for profile in ("ua1", "2a"):
        report = page.validate_pdf(path, profile=profile)
        assert report.rules.total > 100
        found += [f"{profile} {f.rule_id}: {f.message}" for f in report.failures]
    return found


def test_text_headings_and_figures_are_set_in_their_faces_kerned_with_whole_words(
    tmp_path: Path,
) -> None:
    out, result = _build(_folder(tmp_path), OWN)
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    words = _faces_of_words(out)
    assert words["Testland"] == {"Cabin-Bold"}  # the title
    assert words["OVERVIEW"] == {"Cabin-Bold"}  # a heading
    assert words["20%"] == {"Cabin-Bold"} and words["budget"] == {"Cabin-Regular"}
    assert words["Testland."] == {"Caladea-Regular"}  # the body
    assert words["first"] == {"Caladea-Italic"} and words["fluently"] == {"Caladea-Bold"}
    with pdfplumber.open(out) as document:
        text = document.pages[0].extract_text().replace("\xad\n", "")  # a word hyphenated
    # the face's ligatures (fi, ffi) read back as their letters
    assert "The office fits official affairs, first and fluently, in Testland." in " ".join(
        text.split()
    )
    assert failures(out) == []


def test_the_faces_own_kerning_and_ligatures_shape_the_text(tmp_path: Path) -> None:
    from briefing.fonts import register
    from briefing.text.shaping import shape

    faces = register(
        brand.Family(FaceFile(str(CALADEA)), FaceFile(str(FONTS / "Caladea-Bold.ttf")))
    )
    units = TTFont(CALADEA)
    to = shape("To", faces.regular, False)
    t_advance = units["hmtx"][units.getBestCmap()[ord("T")]][0]
    assert to[0].x_advance < t_advance  # T kerned towards o, from the face's GPOS
    karla = register(
        brand.Family(FaceFile(str(KARLA)), FaceFile(str(KARLA), axes=(("wght", 700),)))
    )
    assert len(shape("fi", karla.regular, False)) == 1  # the face's fi ligature (GSUB liga)
    assert len(shape("fi", karla.regular, False, ligatures=False)) == 2


def test_a_collection_a_variable_font_and_woff_are_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    collection = TTCollection()
    collection.fonts = [TTFont(FONTS / "Caladea-Bold.ttf"), TTFont(CALADEA)]
    collection.save(folder / "fonts" / "Caladea.ttc")
    woff = TTFont(FONTS / "Caladea-Italic.ttf")
    woff.flavor = "woff"
    woff.save(folder / "fonts" / "Caladea-Italic.woff")
    shutil.copy(KARLA, folder / "fonts")
    design = """\
  font:
    regular: {file: fonts/Caladea.ttc, index: 1}
    bold: {file: fonts/Caladea.ttc, index: 0}
    italic: fonts/Caladea-Italic.woff
  heading_font:
    regular: {file: "fonts/Karla[wght].ttf", instance: Regular}
    bold: {file: "fonts/Karla[wght].ttf", axes: {wght: 720}}
"""
    out, result = _build(folder, design)
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    words = _faces_of_words(out)
    assert words["Testland."] == {"Caladea-Regular"}
    assert words["first"] == {"Caladea-Italic"}
    assert words["Testland"] == {"Karla-Regular-wght720"}  # the bold, at the axis value given
    assert words["budget"] == {"Karla-Regular-Regular"}
    assert failures(out) == []
    design = design.replace("index: 1}", "index: 2}")
    error = _refused(folder, design, "fonts/Caladea.ttc")
    assert "the collection Caladea.ttc has no face 2; expected an index from 0 to 1" in error


def _refused(folder: Path, design: str, needle: str) -> str:
    """The one error a design gives, which must name ``needle``, at the line naming the file;
    exit 2, and the PDF built before untouched."""
    out, good = _build(folder, OWN)
    assert good.returncode == 0, good.stderr  # type: ignore[attr-defined]
    before = out.read_bytes()
    out, result = _build(folder, design)
    assert result.returncode == 2, result.stderr  # type: ignore[attr-defined]
    assert out.read_bytes() == before
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]  # type: ignore[attr-defined]
    assert len(errors) == 1, result.stderr  # type: ignore[attr-defined]
    lines = (folder / "sheet.yaml").read_text(encoding="utf-8").splitlines()
    where = re.match(r".*sheet\.yaml:(\d+):(\d+): error: ", errors[0])
    assert where is not None, errors[0]
    line, column = int(where.group(1)), int(where.group(2))
    assert lines[line - 1][column - 1 :].startswith(needle), (lines[line - 1], errors[0])
    return errors[0]


def test_a_missing_font_file_is_an_error_at_its_line(tmp_path: Path) -> None:
    design = OWN.replace("fonts/Caladea-Bold.ttf", "fonts/Caladea-Heavy.ttf")
    error = _refused(_folder(tmp_path), design, "fonts/Caladea-Heavy.ttf")
    assert "the font file" in error and "Caladea-Heavy.ttf is not there" in error


def test_a_truncated_font_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "fonts" / "Cut.ttf").write_bytes(CALADEA.read_bytes()[:3000])
    error = _refused(folder, OWN.replace("fonts/Caladea-Bold.ttf", "fonts/Cut.ttf"), "fonts/Cut")
    assert "Cut.ttf is damaged or cut short" in error


def test_a_file_that_is_not_a_font_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    shutil.copy(ROOT / "examples" / "mali-niger-river.jpg", folder / "fonts" / "Photo.ttf")
    error = _refused(folder, OWN.replace("fonts/Cabin-Bold.otf", "fonts/Photo.ttf"), "fonts/Photo")
    assert "Photo.ttf is not a font file: it is a JPEG image" in error


def test_a_face_without_the_latin_letters_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    font = TTFont(CALADEA)
    options = subset.Options()
    cutter = subset.Subsetter(options)
    cutter.populate(text="0123456789ABC")
    cutter.subset(font)
    font.save(folder / "fonts" / "Digits.ttf")
    error = _refused(
        folder, OWN.replace("fonts/Caladea-Regular.ttf", "fonts/Digits.ttf"), "fonts/D"
    )
    assert "Digits.ttf lacks 49 of the 52 Latin letters" in error


def test_a_face_whose_licence_forbids_embedding_is_an_error_at_its_line(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    font = TTFont(CALADEA)
    font["OS/2"].fsType = 0x0002
    font.save(folder / "fonts" / "Restricted.ttf")
    design = OWN.replace("fonts/Caladea-Regular.ttf", "fonts/Restricted.ttf")
    error = _refused(folder, design, "fonts/Restricted.ttf")
    assert "the licence of Restricted.ttf forbids embedding it in a PDF" in error
    assert "fsType 0x0002: restricted licence" in error


def test_a_wrong_index_instance_or_axis_is_an_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    shutil.copy(KARLA, folder / "fonts")
    karla = '"fonts/Karla[wght].ttf"'
    cases = {
        f"{{file: {karla}, instance: Heavy}}": "has no instance 'Heavy'",
        f"{{file: {karla}, axes: {{wght: 950}}}}": "axis 'wght' has no value 950",
        f"{{file: {karla}, axes: {{wdth: 80}}}}": "has no axis 'wdth'",
        "{file: fonts/Caladea-Bold.ttf, index: 2}": "holds one face, not a collection",
        "{file: fonts/Caladea-Bold.ttf, instance: Bold}": "is not a variable font",
    }
    for face, said in cases.items():
        design = OWN.replace("bold: fonts/Caladea-Bold.ttf", f"bold: {face}")
        assert said in _refused(folder, design, face.split(",")[0].removeprefix("{file: "))


def test_woff2_is_refused_clearly_without_brotli(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    data = bytearray(CALADEA.read_bytes())
    data[:4] = b"wOF2"  # read no further than its signature without brotli
    (folder / "fonts" / "Caladea.woff2").write_bytes(bytes(data))
    if brand._has_brotli():
        pytest.skip("brotli is installed here: WOFF2 is read")
    design = OWN.replace("fonts/Caladea-Bold.ttf", "fonts/Caladea.woff2")
    error = _refused(folder, design, "fonts/Caladea.woff2")
    assert "a WOFF2 web font, which needs the brotli package" in error


def test_a_font_file_too_large_is_refused_before_it_is_read(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    with (folder / "fonts" / "Huge.ttf").open("wb") as huge:
        huge.truncate(brand.MAX_BYTES + 1)  # sparse: nothing written
    error = _refused(folder, OWN.replace("fonts/Cabin-Bold.otf", "fonts/Huge.ttf"), "fonts/Huge")
    assert "Huge.ttf is 32 MB; expected a font file of at most 32 MB" in error


def test_reading_a_face_is_held_to_its_time_and_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    face = FaceFile(str(folder / "fonts" / "Caladea-Bold.ttf"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(brand, "_read", {})
    monkeypatch.setattr(brand, "TIME_LIMIT", 0.05)
    with pytest.raises(brand.FontFileError, match=r"Caladea-Bold\.ttf took over 0\.05 s"):
        brand.read(face)
    monkeypatch.setattr(brand, "TIME_LIMIT", 60.0)
    monkeypatch.setattr(brand, "MEMORY_LIMIT", 8 * 2**20)  # too little to start Python
    with pytest.raises(brand.FontFileError, match="took more than 8 MB of memory"):
        brand.read(face)
    assert not list((tmp_path / "cache").glob("briefing/face-*"))  # nothing kept of either


def test_a_face_is_read_once_then_taken_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(brand, "_read", {})
    face = FaceFile(str(CABIN))
    first = brand.read(face)
    assert len(list((tmp_path / "cache").glob("briefing/face-*"))) == 1
    monkeypatch.setattr(brand, "_read", {})  # a new process: only the cache remains

    def never(*_: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr(brand, "_convert_apart", never)
    assert brand.read(face) == first
    assert TTFont(io.BytesIO(first.data))["head"].glyphDataFormat == 0  # TrueType outlines
    assert "glyf" in TTFont(io.BytesIO(first.data)) and first.family == "Cabin"


def test_a_letter_the_face_lacks_is_set_in_the_shipped_family_with_a_warning(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    sheet = SHEET.format(design=OWN).replace("heading: Overview", "heading: Ŋgaoundéré")
    write(folder / "sheet.yaml", sheet)
    out = folder / "sheet.pdf"
    result = run("build", folder / "sheet.yaml", "-o", out, cwd=folder)
    assert result.returncode == 0, result.stderr
    line = next(n for n, text in enumerate(sheet.splitlines(), 1) if "Ŋgaoundéré" in text)
    assert (
        f"sheet.yaml:{line}:14: warning: Cabin has no 'Ŋ' (U+014A LATIN CAPITAL LETTER ENG): "
        "set in Noto Sans, the shipped family closest to it"
    ) in result.stderr
    with pdfplumber.open(out) as document:
        chars = document.pages[0].chars
    eng = next(c for c in chars if c["text"] == "Ŋ")
    assert eng["fontname"].split("+")[-1] == "NotoSans-Bold"
    assert {c["fontname"].split("+")[-1] for c in chars if c["text"] == "G"} == {"Cabin-Bold"}
    assert failures(out) == []


def test_a_letter_the_pages_own_words_need_is_warned_at_the_face_that_lacks_it(
    tmp_path: Path,
) -> None:
    """Spanish prints "Leer en línea" under the QR code: a face without 'í' sets it in Noto."""
    folder = _folder(tmp_path)
    font = TTFont(CALADEA)
    cutter = subset.Subsetter(subset.Options())
    cutter.populate(text=string.ascii_letters + string.digits + string.punctuation + " ")
    cutter.subset(font)
    font.save(folder / "fonts" / "Plain.ttf")
    design = OWN.replace("fonts/Caladea-Regular.ttf", "fonts/Plain.ttf")
    sheet = SHEET.format(design=design) + "language: es\nonline: https://example.org/es\n"
    write(folder / "sheet.yaml", sheet)
    result = run("check", folder / "sheet.yaml", cwd=folder)
    assert result.returncode == 0, result.stderr
    line = next(n for n, text in enumerate(sheet.splitlines(), 1) if "Plain.ttf" in text)
    assert (
        f"sheet.yaml:{line}:14: warning: Caladea has no 'í' (U+00ED LATIN SMALL LETTER I WITH "
        "ACUTE), which the page's own words in it need: set in Noto Serif"
    ) in result.stderr, result.stderr


def test_a_letter_no_face_has_is_an_error_naming_the_face(tmp_path: Path) -> None:
    # the office's heading font, and the shipped family that sets what it lacks
    folder = _folder(tmp_path)
    out, built = _build(folder, OWN)
    assert built.returncode == 0  # type: ignore[attr-defined]
    before = out.read_bytes()
    sheet = SHEET.format(design=OWN).replace("heading: Overview", "heading: Snow ☃")
    write(folder / "sheet.yaml", sheet)
    result = run("build", folder / "sheet.yaml", "-o", out, cwd=folder)
    assert result.returncode == 2
    assert (
        "sheet.yaml:7:19: error: the character '☃' (U+2603 SNOWMAN) is not in the font Cabin "
        "(the office's, in the design), nor in Noto Sans behind it; expected letters, digits "
        "and punctuation"
    ) in result.stderr
    assert out.read_bytes() == before


def test_right_to_left_and_chinese_text_fall_back_to_the_shipped_script_faces(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    sheet = SHEET.format(design=OWN).replace(
        "organization: Test Office", "language: ar\norganization: Test Office"
    )
    sheet = sheet.replace("in Testland.", "in Testland. مكتب الشؤون الدولية 中文")
    write(folder / "sheet.yaml", sheet)
    out = folder / "sheet.pdf"
    result = run("build", folder / "sheet.yaml", "-o", out, cwd=folder)
    assert result.returncode == 0, result.stderr
    fonts = _fonts_of(out)
    assert "NotoNaskhArabic-Regular" in fonts  # Naskh beside a face with serifs
    assert "NotoSansCJKsc-Regular" in fonts and "Caladea-Regular" in fonts
    assert failures(out) == []


def test_the_design_says_what_a_font_may_be(tmp_path: Path) -> None:
    sheet = write(tmp_path / "sheet.yaml", MINIMAL + "design:\n  font: Comic\n")
    result = run("check", sheet, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        "sheet.yaml:7:9: error: found text 'Comic'; expected one of 'Noto Sans', 'Noto Serif', "
        "or 'regular:' and 'bold:' indented under it"
    ) in result.stderr
    sheet = write(tmp_path / "sheet.yaml", MINIMAL + "design:\n  font:\n    bold: b.ttf\n")
    result = run("check", sheet, cwd=tmp_path)
    assert "sheet.yaml:8:5: error: a typeface has no 'regular'" in result.stderr


def test_font_files_in_a_style_are_relative_to_the_style(tmp_path: Path) -> None:
    _folder(tmp_path / "house")
    write(tmp_path / "house" / "house.yaml", "design:\n" + OWN)
    write(tmp_path / "sheet.yaml", "style: house/house.yaml\n" + MINIMAL)
    out = tmp_path / "sheet.pdf"
    result = run("build", tmp_path / "sheet.yaml", "-o", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert {"Caladea-Regular", "Cabin-Bold"} <= set(_fonts_of(out))
    # watch rebuilds when a font file changes, and no output may replace one
    assert (tmp_path / "house" / "fonts" / "Cabin-Bold.otf").resolve() in sources(
        out.with_suffix(".yaml")
    )
    shutil.rmtree(tmp_path / "house" / "fonts")
    result = run("build", tmp_path / "sheet.yaml", "-o", out, cwd=tmp_path)
    assert result.returncode == 2
    assert "house.yaml:3:14: error: the font file" in result.stderr


def test_the_web_page_embeds_the_offices_faces_for_its_text_and_headings(tmp_path: Path) -> None:
    out = tmp_path / "ghana.pdf"
    result = run("build", HOUSE / "ghana.yaml", "-o", out, "--format", "html", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    web = out.with_suffix(".html").read_text(encoding="utf-8")
    faces = re.findall(
        r'font-family:"([^"]+)";font-weight:(\d+);font-style:(\w+);src:url\(data:'
        r"font/woff;base64,([^)]+)\)",
        web,
    )
    named = {}
    for family, weight, style, data in faces:
        font = TTFont(io.BytesIO(base64.b64decode(data)))
        named[family, weight, style] = str(font["name"].getDebugName(1))
    assert named[("briefing", "400", "normal")] == "Caladea"
    assert named[("briefing display", "700", "normal")] == "Cabin"
    assert '--display:"briefing display","briefing script",sans-serif' in web


def test_faces_read_together_each_report_their_own_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "fonts" / "Cut.ttf").write_bytes(CALADEA.read_bytes()[:3000])
    shutil.copy(ROOT / "examples" / "mali-niger-river.jpg", folder / "fonts" / "Photo.otf")
    design = OWN.replace("fonts/Caladea-Bold.ttf", "fonts/Cut.ttf")
    design = design.replace("fonts/Cabin-Bold.otf", "fonts/Photo.otf")
    sheet = write(folder / "sheet.yaml", SHEET.format(design=design))
    result = run("check", sheet, cwd=folder)
    assert result.returncode == 2
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 2, result.stderr
    assert "sheet.yaml:12:11: error: Cut.ttf is damaged or cut short" in errors[0]
    assert "sheet.yaml:16:11: error: Photo.otf is not a font file: it is a JPEG image" in errors[1]


def test_italic_words_in_a_family_without_italics_are_set_upright_with_a_warning(
    tmp_path: Path,
) -> None:
    folder = _folder(tmp_path)
    design = OWN.replace("    italic: fonts/Caladea-Italic.ttf\n", "")
    out, result = _build(folder, design)
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    assert (
        "sheet.yaml:8:11: warning: Caladea has no italic face: the *italic* words here (and any "
        "others) are set upright"
    ) in result.stderr  # type: ignore[attr-defined]
    assert _faces_of_words(out)["first"] == {"Caladea-Regular"}


def test_a_font_file_changed_between_builds_is_read_again(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    brand_file = folder / "fonts" / "Brand.ttf"
    shutil.copy(CALADEA, brand_file)
    design = OWN.replace("fonts/Caladea-Regular.ttf", "fonts/Brand.ttf")
    out, result = _build(folder, design)
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    assert _faces_of_words(out)["Testland."] == {"Caladea-Regular"}
    brand_file.write_bytes(CABIN.read_bytes())  # as a save in watch: the same process
    out, result = _build(folder, design)
    assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
    assert _faces_of_words(out)["Testland."] == {"Cabin-Regular"}


def test_a_sheet_in_an_offices_faces_is_byte_identical_from_a_cold_or_warm_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    built = []
    for cache_home in ("cold", "cold", "fresh"):  # read anew, from the cache, read anew
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / cache_home))
        monkeypatch.setattr(brand, "_read", {})
        out, result = _build(folder, OWN)
        assert result.returncode == 0, result.stderr  # type: ignore[attr-defined]
        built.append(out.read_bytes())
    assert built[0] == built[1] == built[2]
