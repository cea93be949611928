"""Every language: its labels, dates and plurals, its fonts and their coverage, the glyph
check's errors and warnings, and that a Latin sheet loads nothing of the other scripts."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pikepdf
import pyphen
import pytest
import yaml
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from briefing.fonts import FONT_DIR, SCRIPTS, charset, missing, script_faces
from briefing.language import LANGUAGES

from .conftest import run, without_fit

# A sheet's words in each language: title, organization, heading, body (an acronym spelled out,
# a year and a percentage among the words), a fact's label and value, a contact's name and role.
WORDS = {
    "en": (
        "Niger",
        "U.S. Department of State",
        "Overview",
        "The Bureau (INL) has worked with Niger since 2018 and raised its budget by 20%.",
        "Capital",
        "Niamey",
        "Embassy",
        "Political Section",
    ),
    "fr": (
        "Niger",
        "Département d’État",
        "Aperçu",
        "Le Bureau (INL) aide le Niger depuis 2018 et a relevé son budget de 20 %.",
        "Capitale",
        "Niamey",
        "Ambassade",
        "Section politique",
    ),
    "es": (
        "Níger",
        "Departamento de Estado",
        "Panorama",
        "La Oficina (INL) apoya a Níger desde 2018 y elevó su presupuesto un 20%.",
        "Capital",
        "Niamey",
        "Embajada",
        "Sección política",
    ),
    "pt": (
        "Níger",
        "Departamento de Estado",
        "Panorama",
        "O Gabinete (INL) apoia o Níger desde 2018 e aumentou o seu orçamento em 20%.",
        "Capital",
        "Niamey",
        "Embaixada",
        "Secção política",
    ),
    "ru": (
        "Нигер",
        "Государственный департамент США",
        "Обзор",
        "Бюро по борьбе с наркотиками "
        "(INL) с 2018 года помогает Нигеру и увеличило его бюджет на 20%.",
        "Столица",
        "Ниамей",
        "Посольство США",
        "Политический отдел",
    ),
    "uk": (
        "Нігер",
        "Державний департамент США",
        "Огляд",
        "Бюро з питань наркотиків (INL) з 2018 "
        "року допомагає Нігеру й збільшило його бюджет на 20%.",
        "Столиця",
        "Ніамей",
        "Посольство США",
        "Політичний відділ",
    ),
    "ar": (
        "النيجر",
        "وزارة الخارجية الأمريكية",
        "نظرة عامة",
        "يساعد مكتب مكافحة المخدرات (INL) النيجر منذ عام 2018 ورفع ميزانيته بنسبة 20%.",
        "العاصمة",
        "نيامي",
        "السفارة الأمريكية",
        "القسم السياسي",
    ),
    "fa": (
        "نیجر",
        "وزارت امور خارجه آمریکا",
        "نمای کلی",
        "دفتر مبارزه با مواد مخدر (INL) از سال "
        "۲۰۱۸ به نیجر کمک می‌کند و بودجه آن را ۲۰٪ افزایش داد.",
        "پایتخت",
        "نیامی",
        "سفارت آمریکا",
        "بخش سیاسی",
    ),
    "he": (
        "ניז׳ר",
        "משרד החוץ של ארצות הברית",
        "סקירה",
        "הלשכה לענייני סמים (INL) מסייעת לניז׳ר מאז 2018 והגדילה את תקציבה ב־20%.",
        "בירה",
        "ניאמיי",
        "שגרירות ארצות הברית",
        "המחלקה המדינית",
    ),
    "zh": (
        "尼日尔",
        "美国国务院",
        "概况",
        "国际麻醉品和执法事务局（INL）自2018年起帮助尼日尔，预算增加了20%。",
        "首都",
        "尼亚美",
        "美国大使馆",
        "政治处",
    ),
}
DATE = datetime.date(2026, 3, 5)


def _content(code: str, **more: object) -> dict[str, object]:
    title, organization, heading, body, label, value, name, role = WORDS[code]
    return {
        "organization": organization,
        "title": title,
        "date": DATE.isoformat(),
        "language": code,
        "online": "https://www.state.gov/inl-niger",
        "at_a_glance": [{"label": label, "value": value}],
        "contacts": [{"name": name, "role": role, "email": "inl@example.org"}],
        "sections": [{"heading": heading, "body": body}],
        **more,
    }


def _build(tmp_path: Path, content: dict[str, object]) -> subprocess.CompletedProcess[str]:
    (tmp_path / "sheet.yaml").write_text(yaml.safe_dump(content, allow_unicode=True), "utf-8")
    return run("build", "sheet.yaml", cwd=tmp_path)


def _fonts(pdf: Path) -> set[str]:
    with pikepdf.open(pdf) as document:
        fonts = document.pages[0].Resources.Font.values()
        return {str(font.BaseFont).split("+")[-1] for font in fonts}


@pytest.mark.parametrize("code", ["ru", "ar", "fa", "he", "zh"])
def test_a_sheet_in_another_script_passes_pdf_ua_and_pdf_a(tmp_path: Path, code: str) -> None:
    from .pdf.test_conformance import failures, unembedded

    assert _build(tmp_path, _content(code)).returncode == 0
    assert failures(tmp_path / "sheet.pdf") == []
    assert unembedded(tmp_path / "sheet.pdf") == []


def test_the_sheets_of_every_language_are_written() -> None:
    assert set(WORDS) == set(LANGUAGES)


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_a_sheet_in_each_language_builds_in_its_fonts_and_language(
    tmp_path: Path, code: str
) -> None:
    words = LANGUAGES[code]
    result = _build(tmp_path, _content(code))
    assert result.returncode == 0, result.stderr
    shown = without_fit(result.stderr)  # a short sheet: set in one column, or part empty
    assert "error" not in shown and "warning" not in shown, shown
    with pikepdf.open(tmp_path / "sheet.pdf") as document:
        assert str(document.Root.Lang) == words.tag
    faces = script_faces(words.script)
    expected = {"NotoSans-Regular"} | ({faces.regular, faces.bold} if faces else set())
    assert expected <= _fonts(tmp_path / "sheet.pdf")
    if words.direction == "ltr":  # right-to-left lines: read back by the shaping tests
        text = " ".join(PdfReader(tmp_path / "sheet.pdf").pages[0].extract_text().split())
        for label in (words.glance, words.contacts, words.online, words.date_line(DATE)):
            assert " ".join(label.split()).upper() in text.upper(), label  # headings in capitals


@pytest.mark.parametrize("code", sorted(LANGUAGES))
def test_every_label_is_written_and_drawn_by_the_languages_fonts(code: str) -> None:
    words = LANGUAGES[code]
    labels = [value for value in words._replace(hyphenation="-") if isinstance(value, str)]
    assert all([*labels, *words.months, *words.sheets]) and len(set(words.months)) == 12
    texts = [
        words.date_line(DATE),
        words.count_sheets(1),
        words.count_sheets(7),
        words.describe_page("Niger", 2),
        words.describe_link("mailto:inl@example.org"),
        words.qr_alt("https://example.org"),
        words.glance,
        words.contacts,
        words.online,
        words.contents,
        words.book,
    ]
    for text in texts:
        assert "{" not in text, text
        assert missing(text, "Noto Sans", words.script) == [], text
        assert missing(text, "Noto Serif", words.script) == [], text
    assert (words.hyphenation == "") == (words.script not in ("Latn", "Cyrl"))
    if words.hyphenation:
        assert pyphen.language_fallback(words.hyphenation) is not None
    assert words.direction == ("rtl" if words.script in ("Arab", "Hebr") else "ltr")


def test_dates_in_russian_and_ukrainian_take_the_genitive_and_the_year_word() -> None:
    assert LANGUAGES["ru"].date_line(DATE) == "Обновлено 5 марта 2026\u00a0г."
    assert LANGUAGES["uk"].date_line(DATE) == "Оновлено 5 березня 2026\u00a0р."
    assert LANGUAGES["ru"].date_line(datetime.date(2026, 5, 21)) == "Обновлено 21 мая 2026\u00a0г."
    assert LANGUAGES["uk"].date_line(datetime.date(2026, 11, 1)).startswith("Оновлено 1 листопада")


def test_dates_of_the_other_scripts() -> None:
    assert LANGUAGES["ar"].date_line(DATE) == "آخر تحديث: 5 مارس 2026"
    assert LANGUAGES["fa"].date_line(DATE) == "آخرین به\u200cروزرسانی: ۵ مارس ۲۰۲۶"
    assert LANGUAGES["he"].date_line(DATE) == "עודכן ב־5 במרץ 2026"
    assert LANGUAGES["zh"].date_line(DATE) == "更新于2026年3月5日"
    assert LANGUAGES["zh"].date_line(datetime.date(2026, 12, 25)) == "更新于2026年12月25日"


@pytest.mark.parametrize(
    ("code", "counts"),
    [
        ("en", {1: "1 briefing", 2: "2 briefings", 0: "0 briefings"}),
        (
            "ru",
            {
                1: "1 справка",
                3: "3 справки",
                5: "5 справок",
                11: "11 справок",
                21: "21 справка",
                22: "22 справки",
                112: "112 справок",
            },
        ),
        ("uk", {1: "1 довідка", 4: "4 довідки", 12: "12 довідок", 31: "31 довідка"}),
        (
            "ar",
            {
                1: "نشرة واحدة",
                2: "نشرتان",
                3: "3 نشرات",
                10: "10 نشرات",
                11: "11 نشرة",
                99: "99 نشرة",
                100: "100 نشرة",
                103: "103 نشرات",
            },
        ),
        ("fa", {1: "۱ برگه", 12: "۱۲ برگه"}),
        ("he", {1: "תדריך אחד", 2: "שני תדריכים", 3: "3 תדריכים", 10: "10 תדריכים"}),
        ("zh", {1: "1份简报", 12: "12份简报"}),
    ],
)
def test_how_many_sheets_a_book_holds_takes_the_languages_plural(
    code: str, counts: dict[int, str]
) -> None:
    assert {n: LANGUAGES[code].count_sheets(n) for n in counts} == counts


def test_persian_writes_its_numbers_in_persian_digits() -> None:
    assert LANGUAGES["fa"].describe_page("نیجر", 12) == "نیجر، صفحه ۱۲"
    assert LANGUAGES["ar"].describe_page("النيجر", 12) == "النيجر، الصفحة 12"


def test_the_digits_typed_are_read_only_for_a_language_with_digits_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A sheet in a language written in Western digits is not read for its digits (each
    build of an English sheet walked its whole content); a Persian one is, and keeps the
    Western digits its writer typed."""
    import briefing.language as language

    read: list[object] = []
    typed = language._typed
    monkeypatch.setattr(language, "_typed", lambda value: (read.append(value), typed(value))[1])
    content = ["Niger 2024"]  # (a part of the content model: its fields' text)
    assert language.words_for("en", content) is LANGUAGES["en"]
    assert read == []
    assert language.words_for("fa", content).digits == "0123456789"
    assert read[0] is content


def test_a_character_no_font_of_the_sheet_draws_is_an_error_naming_the_fonts(
    tmp_path: Path,
) -> None:
    assert _build(tmp_path, _content("ar")).returncode == 0
    before = (tmp_path / "sheet.pdf").read_bytes()
    content = _content("ar")
    content["title"] = "النيجر ☃"
    result = _build(tmp_path, content)
    assert result.returncode == 2
    line = (tmp_path / "sheet.yaml").read_text("utf-8").splitlines().index("title: النيجر ☃")
    assert (
        f"sheet.yaml:{line + 1}:15: error: the character '☃' (U+2603 SNOWMAN) is not in the "
        "fonts Noto Sans and Noto Sans Arabic; expected letters, digits and punctuation of "
        "Arabic, Latin, Greek or Cyrillic script (replace or remove this character)"
    ) in result.stderr
    assert (tmp_path / "sheet.pdf").read_bytes() == before


def test_a_presentation_form_pasted_from_an_old_pdf_names_the_letters_to_type(
    tmp_path: Path,
) -> None:
    content = _content("ar")
    content["title"] = "النيجر ﷲ"
    result = _build(tmp_path, content)
    assert result.returncode == 2
    assert (
        "error: the character 'ﷲ' (U+FDF2 ARABIC LIGATURE ALLAH ISOLATED FORM) is not in the "
        "fonts Noto Sans and Noto Sans Arabic; expected the letters it is a form of, 'الله', "
        "typed as letters: the font gives each letter its form"
    ) in result.stderr
    assert not (tmp_path / "sheet.pdf").exists()


@pytest.mark.parametrize(
    ("code", "text", "script", "suggested"),
    [
        ("ar", "شالوم שלום עולם", "Hebrew", "'language: he'"),
        ("zh", "尼日尔 النيجر", "Arabic", "'language: ar' or 'language: fa'"),
        ("en", "Niger 尼日尔", "Chinese", "'language: zh'"),
        ("he", "ניז׳ר 尼日尔", "Chinese", "'language: zh'"),
    ],
)
def test_text_in_a_script_the_language_does_not_use_is_a_warning(
    tmp_path: Path, code: str, text: str, script: str, suggested: str
) -> None:
    result = _build(tmp_path, _content(code, subtitle=text))
    assert result.returncode == 0, result.stderr
    foreign = text.split(" ", 1)[1]
    [line] = [line for line in result.stderr.splitlines() if "text in a sheet" in line]
    assert re.match(rf"sheet\.yaml:\d+:\d+: warning: '{foreign}' is {script} text in a", line)
    assert line.endswith(
        f"expected {suggested} for a sheet in {script}, or text in the sheet's language"
    )
    faces = script_faces({"Arabic": "Arab", "Hebrew": "Hebr", "Chinese": "Hans"}[script])
    assert faces is not None and faces.regular in _fonts(tmp_path / "sheet.pdf")  # drawn in it


def test_one_warning_for_a_run_of_another_script_and_one_for_each_run(tmp_path: Path) -> None:
    content = _content("en", subtitle="شالوم (Shalom) and שלום, or 平安")
    result = _build(tmp_path, content)
    warned = re.findall(r"warning: '([^']*)' is (\w+) text", result.stderr)
    assert warned == [("شالوم", "Arabic"), ("שלום", "Hebrew"), ("平安", "Chinese")]


def _charset(script: str) -> frozenset[str]:
    faces = script_faces(script)
    assert faces is not None
    return charset(faces)


def test_the_shipped_script_faces_cover_their_languages() -> None:
    arabic, hebrew, chinese = (_charset(script) for script in ("Arab", "Hebr", "Hans"))
    assert set("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأؤإئةى") <= arabic
    assert set("پچژگکی۰۱۲۳۴۵۶۷۸۹٪،؛؟\u200c") <= arabic  # Persian letters, digits and marks
    assert set("אבגדהוזחטיכךלמםנןסעפףצץקרשת") <= hebrew
    assert {chr(c) for c in range(0x05B0, 0x05BE)} <= hebrew  # vowel points
    assert set("־׳״") <= hebrew
    pairs = (bytes((row, cell)) for row in range(0xB0, 0xD8) for cell in range(0xA1, 0xFF))
    level_1 = {c for pair in pairs for c in pair.decode("gb2312", "ignore")}
    assert len(level_1) == 3755 and level_1 <= chinese
    assert set("，。、；：？！“”‘’（）《》【】…—·") <= chinese
    presentation = {chr(c) for c in range(0xFE70, 0xFEFF)}
    assert not presentation & arabic  # HarfBuzz reaches those glyphs through GSUB


@pytest.mark.parametrize(("family", "stem"), list(SCRIPTS.values()))
def test_a_script_familys_faces_are_truetype_and_cover_the_same_characters(
    family: str, stem: str
) -> None:
    regular, bold = (TTFont(FONT_DIR / f"{stem}-{style}.ttf") for style in ("Regular", "Bold"))
    assert "glyf" in regular and "glyf" in bold  # ReportLab embeds TrueType outlines only
    assert set(regular.getBestCmap()) == set(bold.getBestCmap())
    assert regular["OS/2"].usWeightClass < bold["OS/2"].usWeightClass  # a real bold
    assert f"{family}:\nCopyright" in (FONT_DIR / "OFL.txt").read_text(encoding="utf-8")


def _shape(font: Path, text: str) -> list[int]:
    import uharfbuzz as hb

    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(hb.Font(hb.Face(hb.Blob.from_file_path(str(font)))), buffer, {})
    return [info.codepoint for info in buffer.glyph_infos]


@pytest.mark.parametrize("style", ["Regular", "Bold"])
@pytest.mark.parametrize("family", ["NotoSansArabic", "NotoNaskhArabic"])
def test_the_subset_arabic_faces_still_shape(family: str, style: str) -> None:
    font = FONT_DIR / f"{family}-{style}.ttf"
    for word in ("لا", "سلام", "پژوهش"):
        isolated = [glyph for letter in reversed(word) for glyph in _shape(font, letter)]
        shaped = _shape(font, word)
        assert 0 not in shaped  # no missing glyph
        assert shaped != isolated, word  # joined forms, or the lam-alef ligature


_LATIN_BUILD = """
import json, sys
import briefing
from reportlab.pdfbase import pdfmetrics
briefing.build(json.loads(sys.argv[1]), sys.argv[2])
print(json.dumps({"harfbuzz": "uharfbuzz" in sys.modules, "bidi": "bidi" in sys.modules,
                  "fonts": sorted(pdfmetrics.getRegisteredFontNames())}))
"""


@pytest.mark.parametrize("code", ["en", "ru"])
def test_a_latin_or_cyrillic_sheet_loads_no_bidi_and_no_script_font(
    tmp_path: Path, code: str
) -> None:
    content = json.dumps(_content(code))
    result = subprocess.run(
        [sys.executable, "-c", _LATIN_BUILD, content, str(tmp_path / "sheet.pdf")],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},  # its words new to it
    )
    loaded = json.loads(result.stdout)
    assert loaded["harfbuzz"] and not loaded["bidi"]  # shaped (kerned), never reordered
    stems = [stem for _, stem in SCRIPTS.values()]
    assert not [name for name in loaded["fonts"] if name.startswith(tuple(stems))]
    assert (tmp_path / "sheet.pdf").exists()


@pytest.mark.parametrize(
    ("design", "arabic"),
    [("Noto Sans", "NotoSansArabic-Regular"), ("Noto Serif", "NotoNaskhArabic-Regular")],
)
def test_arabic_is_set_in_the_face_that_matches_the_designs_latin_family(
    tmp_path: Path, design: str, arabic: str
) -> None:
    assert _build(tmp_path, _content("ar", design={"font": design})).returncode == 0
    fonts = _fonts(tmp_path / "sheet.pdf")
    assert arabic in fonts
    assert not {f for f in fonts if "Arabic" in f} - {arabic, arabic.replace("Regular", "Bold")}


def test_chinese_lines_folded_in_the_source_join_with_no_space(tmp_path: Path) -> None:
    """A line break inside a Chinese paragraph is no space (CSS Text's segment break rule),
    nor is a space typed after a full-width mark; a break beside a Latin word still is."""
    content = _content("zh")
    content["sections"] = [
        {
            "heading": "背景",
            "body": "蒙古国\n转运毒品，\n并支持 INL\n项目。 经过改革。",
        }
    ]
    assert _build(tmp_path, content).returncode == 0
    text = PdfReader(tmp_path / "sheet.pdf").pages[0].extract_text().replace("\n", "")
    assert "蒙古国转运毒品，并支持 INL 项目。经过改革。" in text


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_key_figure_value_never_wraps_even_when_set_to_fit_exactly(
    tmp_path: Path, paper: str
) -> None:
    """A value set smaller to fit its cell fits it on one line (it was set exactly as wide as
    the cell, and rounding wrapped "4,700 公里" before its last character)."""
    content = _content("zh")
    content["paper"] = paper
    content["key_figures"] = [
        {"value": "4,700 公里", "label": "与中国接壤的陆地边界"},
        {"value": "340 万", "label": "全国人口"},
        {"value": "2014", "label": "INL 在蒙古国启动项目"},
    ]
    assert _build(tmp_path, content).returncode == 0
    with pdfplumber.open(tmp_path / "sheet.pdf") as pdf:
        value = [c for c in pdf.pages[0].chars if c["text"] in "4,700公里" and c["size"] > 14]
    assert "".join(c["text"] for c in value).startswith("4,700公里")
    assert max(c["y0"] for c in value) - min(c["y0"] for c in value) < 6  # one line
