"""The validation stage: every content rule, run before any layout by ``check`` and ``build`` alike.

Fields and their limits (the model), formatting and links (markup), the logo, characters the
font cannot draw, colour contrast; then the writer's warnings. Every problem of a file is found
in one run: a wrong field never hides the problems of the others.
"""

from __future__ import annotations

import re
import typing
import unicodedata
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from reportlab.lib.pagesizes import A4, LETTER

from ..brand import CJK_EXTRA, cjk_file
from ..errors import ContentError, Problem
from ..fonts import backing, describe, drawn_by, lacking, missing, register, script_faces
from ..language import CJK_LETTERS, LANGUAGES, SCALE, Language, words_for
from ..theme import Theme
from . import markup
from .design import colour_problems, size_problems, themed
from .fields import Cell, Text
from .markup import Paragraph
from .model import Block as ModelBlock
from .model import Chart, Content, Design, Photo, Section, Table
from .reader import Source
from .runs import Run, Runs, plain
from .typefaces import Chosen, borrowed, chosen, families_of, own_words, upright, upright_script
from .validate import Validated, validate, validate_style

if TYPE_CHECKING:
    from .pictures import Picture

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z]\b")
# acronyms introduced in parentheses, alone or several: (MOH), (AML/CFT), (UN, AU), and in
# Chinese text's full-width ones: （INL）
_INTRODUCED = re.compile(rf"[(（]\s*{_ACRONYM.pattern}(?:\s*[/,、]\s*{_ACRONYM.pattern})*\s*[)）]")
# a line pasted from a web page or a word processor with its bullet or dash still on, under
# another line of text: Markdown runs the two into one paragraph
_PASTED_BULLET = re.compile(r"\S[ \t]*\n[ \t]*([•·–—])[ \t]*\S")
_LOPSIDED_WORDS = 150  # a section this long may be lopsided,
_LOPSIDED_FACTOR = 3  # if it is this many times the median of the others,
_LOPSIDED_PEERS = 3  # and there are at least this many others to take the median of
MAX_BLOCKS = 500  # paragraphs and list items in all the sections
MAX_FIGURES = 40  # charts, tables and photos in all the sections
MAX_ROWS = 200  # table rows in all the sections
_OVERRIDE = re.compile("[\u202d\u202e]")  # LEFT-TO-RIGHT and RIGHT-TO-LEFT OVERRIDE
_MAYBE_MARKS = re.compile("[^\x00-\u02ff]+")  # where marks may be: none comes before U+0300
MAX_MARKS = 4  # on one letter: Vietnamese stacks 2, vowelled Arabic and pointed Hebrew 3
MAX_WORD = 300  # characters without a space: a long web address fits; a longer word is pasted
# Chinese breaks anywhere; compiled by ``re`` when a text first has a run that long at all
_LONG_WORD = rf"[^\s\u200b{CJK_LETTERS}]{{{MAX_WORD + 1},}}"


class ChartShown(NamedTuple):
    """A chart ready to draw: its title and source as runs, its values in order."""

    chart: Chart
    title: Runs  # printing the title as typed
    source: Runs | None  # the same
    categories: list[str]  # plain text, in the order written
    series: list[tuple[str, list[float]]]  # each series' name ("" for data) and value per category


class TableShown(NamedTuple):
    """A table ready to set: every text as runs, and which columns hold numbers."""

    table: Table
    caption: Runs | None
    header: list[Runs]
    rows: list[list[Runs]]  # as many cells as the header
    numeric: list[bool]  # whether each column holds numbers (set flush right)
    source: Runs | None


class PhotoShown(NamedTuple):
    """A photo ready to place: the loaded image, its caption and credit as runs."""

    photo: Photo
    picture: Picture  # upright (EXIF orientation applied), RGB, at most 300 dpi at full width
    caption: Runs | None
    credit: Runs | None


# One block of a section, ready for layout: text's paragraphs and list items, or a figure.
Shown = list[Paragraph] | ChartShown | TableShown | PhotoShown


class Checked(NamedTuple):
    """Content that passed every check, with its formatted text as runs and its logo: what the
    layout takes."""

    content: Content
    theme: Theme
    lead: Runs | None
    labels: list[Runs]  # each key figure's label
    facts: list[Runs]  # each fact's value
    sections: list[list[Paragraph]]  # each section's body
    blocks: list[list[Shown]]  # each section's blocks, in order, after its body
    logo: Picture | None
    warnings: list[Problem]
    words: Language  # the language's words, its numbers in the writer's digits


def examine(source: Source, base: Path) -> tuple[Checked | None, list[Problem]]:
    """Every problem of a parsed file in file order, the writer's warnings too where every
    field reads as written (else guesses: under 'bdy:' a section has no text); the content as
    the layout takes it, also with errors where it can be (:func:`_composable`). ``base`` is
    the folder that file names in the content (the logo, photos) start from; a file name
    written in the content's style file starts from the style file's folder."""
    validated = validate(source)
    content = validated.content
    if source.style is not None:  # its values not used here are checked too
        validated.problems.extend(validate_style(source.style).problems)
    design: Design = validated.fields.get("design", Design())  # even when other fields are wrong
    wrong = len(validated.problems)  # fields not read as written
    theme = themed(design, chosen(design, base, validated.problems))
    faces_read = len(validated.problems) == wrong
    problems, formatted, logo = _rules(validated, theme, base)
    problems += size_problems(source, theme)
    language = validated.fields.get("language", "en")
    problems += own_words(design, theme.family, theme.heading_family, language)
    photos = _photos(validated, theme, base, problems)
    if content is not None and not wrong:
        problems += warnings(content) + _photo_warnings(content, theme, photos)
    problems.sort(key=attrgetter("location"))
    if content is None:
        return None, problems
    if any(p.severity == "error" for p in problems):
        from .pictures import empty, outlined  # each that cannot be loaded: an empty box

        photos = outlined(content, photos, base)
        if not (faces_read and _composable(validated, content, formatted, photos)):
            return None, problems
        if logo is None and content.logo is not None:
            logo = empty(content.logo.file, theme.logo_height, theme.logo_height)
    return Checked(
        content,
        theme,
        formatted[id(content.lead)] if content.lead else None,
        [formatted[id(figure.label)] for figure in content.key_figures],
        [formatted[id(fact.value)] for fact in content.at_a_glance],
        [formatted[id(s.body)] if s.body else [] for s in content.sections],
        [[_shown(block, formatted, photos) for block in s.blocks] for s in content.sections],
        logo,
        problems,
        words_for(content.language, content),
    ), problems


def _composable(
    validated: Validated, content: Content, formatted: dict[int, Any], photos: dict[int, Picture]
) -> bool:
    """Whether content with errors can be laid out to measure it: every entry and object read
    whole (a field of a wrong type is simply absent; a character no font has is set as the
    font's blank, a wrong link as text), every photo's size known, no word, paragraph or figure
    past the limits that spare the layout's time."""
    shown = [b.photo for s in content.sections for b in s.blocks if b.photo is not None]
    bodies = [text for text in validated.texts if text.markdown == "blocks"]
    return (
        validated.whole
        and all(id(photo) in photos for photo in shown)
        and not any(_long_words(text) for text in validated.texts)
        and not _crowded(bodies, formatted)
        and not _crowded_figures(validated.built)
    )


# A number as a table cell holds it: 3,100,000  -4.5  $1.2  12%  (250)  € 40  2.5bn  1 200 €
# $96.0 million (no two repeats that can match the same spaces: linear, whatever a cell holds);
# compiled by ``re`` when a table is first read (a millisecond, and most sheets have none)
_NUMBER = rf"(?i)^[-+−(]?\s*(?:[$€£¥]\s*)?[-−]?\d[\d,.\s\u00a0\u202f]*(?:{SCALE}\s*)?[$€£¥]?\)?$"
_MINUS = re.compile(r"(^|\s|\()-(?=\s*[$€£¥]?\s*\d)")  # a hyphen written as a minus sign
MIN_PHOTO_DPI = 150  # a photo with fewer pixels per inch across a column prints blurred
_NO_NUMBER = {"", "-", "–", "—", "n/a", "N/A", "…"}  # a cell of a column of numbers left empty


def _numeric(cells: list[Cell]) -> bool:
    """Whether a table column holds numbers (and nothing else but empty cells): set flush right."""
    written = [cell.replace("*", "").strip() for cell in cells]
    given = [cell for cell in written if cell not in _NO_NUMBER]
    return bool(given) and all(re.match(_NUMBER, cell) for cell in given)


def _minus_signs(runs: Runs) -> Runs:
    """A number's hyphens written as minus signs."""
    return tuple(
        r._replace(text=_MINUS.sub("\\1\u2212", r.text)) if isinstance(r, Run) else r for r in runs
    )


def _shown(block: ModelBlock, formatted: dict[int, Any], photos: dict[int, Picture]) -> Shown:
    """A block of a section, ready for layout."""
    if block.text is not None:
        return typing.cast(list[Paragraph], formatted[id(block.text)])
    if block.chart is not None:
        chart = block.chart
        named = chart.series or {Text(""): chart.data or {}}
        categories = list(next(iter(named.values())))
        series = [
            (str(name), [float(values[category]) for category in categories])
            for name, values in named.items()
        ]
        source = plain(chart.source) if chart.source else None
        return ChartShown(chart, plain(chart.title), source, [str(c) for c in categories], series)
    if block.table is not None:
        table = block.table
        numeric = [_numeric([row[i] for row in table.rows]) for i in range(len(table.columns))]
        return TableShown(
            table,
            formatted[id(table.caption)] if table.caption else None,
            [formatted[id(column)] for column in table.columns],
            [
                [
                    _minus_signs(formatted[id(c)]) if n else formatted[id(c)]
                    for c, n in zip(row, numeric, strict=True)
                ]
                for row in table.rows
            ],
            numeric,
            plain(table.source) if table.source else None,
        )
    photo = typing.cast(Photo, block.photo)
    return PhotoShown(
        photo,
        photos[id(photo)],
        formatted[id(photo.caption)] if photo.caption else None,
        plain(photo.credit) if photo.credit else None,
    )


def _photos(
    validated: Validated, theme: Theme, base: Path, problems: list[Problem]
) -> dict[int, Picture]:
    """Every photo read (even in entries that failed), loaded, by its id; a problem for each
    that cannot be."""
    pictures: dict[int, Picture] = {}
    if not any(isinstance(photo, Photo) for photo in validated.built):
        return pictures
    from .pictures import load_photo  # Pillow and ReportLab's graphics only for pictures

    # the largest a photo can print: the larger paper within its safe edges
    widest = (
        max(LETTER[0], A4[0]) - 2 * theme.safe_edge,
        max(LETTER[1], A4[1]) - 2 * theme.safe_edge,
    )
    for photo in validated.built:
        if isinstance(photo, Photo):
            found: list[Problem] = []
            picture = load_photo(photo, photo.file.folder(base), found, widest)
            problems += [p._replace(field=p.field or photo.file.field) for p in found]
            if picture is not None:
                pictures[id(photo)] = picture
    return pictures


def check_style(source: Source) -> None:
    """Run every rule a style file's values must pass on their own (fields, the logo, glyphs,
    colours); raise :class:`ContentError` with all it finds."""
    validated = validate_style(source)
    design: Design = validated.fields.get("design", Design())
    base = Path(source.path).parent
    problems, _, _ = _rules(
        validated, themed(design, chosen(design, base, validated.problems)), base
    )
    problems += size_problems(source, themed(design))
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)


def _rules(
    validated: Validated, theme: Theme, base: Path
) -> tuple[list[Problem], dict[int, Any], Picture | None]:
    """The problems of validated fields, each once (the model's, formatting and links, glyphs,
    colours, the logo), every formatted text's runs by its id, and the logo."""
    problems = list(validated.problems)
    texts = validated.texts
    formatted: dict[int, Any] = {}  # id of a text -> its runs
    language = validated.fields.get("language", "en")  # even when other fields are wrong
    for text in texts:
        for family in families_of(text, theme.family, theme.heading_family):
            problems += _glyph_problems(text, family, language)
        problems += _stacked_marks(text)
        problems += [_override(text, found.start()) for found in _OVERRIDE.finditer(text)]
        problems += _long_words(text)
        if text.markdown == "inline":
            formatted[id(text)] = markup.inline(text, problems, theme.link)
        elif text.markdown == "blocks":
            formatted[id(text)] = markup.blocks(text, problems, theme.link)
        if id(text) in formatted:
            problems += upright_script(text, formatted[id(text)], language)
    problems += upright(texts, formatted, theme.family, theme.heading_family)
    problems += _crowded([t for t in texts if t.markdown == "blocks"], formatted)
    problems += _crowded_figures(validated.built)
    design: Design = validated.fields.get("design", Design())
    problems += colour_problems(design, theme)
    logo, declared = None, validated.fields.get("logo")
    if declared is not None:
        from .pictures import load_logo  # ReportLab's graphics load only for pictures

        found: list[Problem] = []
        logo = load_logo(declared, declared.file.folder(base), found)
        problems += [p._replace(field=p.field or declared.file.field) for p in found]
    return list(dict.fromkeys(problems)), formatted, logo


def _crowded(bodies: list[Text], formatted: dict[int, Any]) -> list[Problem]:
    """An error if the section bodies hold more paragraphs and list items than any page could,
    located at the body that passes the limit: laying them all out would take long for nothing."""
    total = 0
    for body in bodies:
        total += len(formatted[id(body)])
        if total > MAX_BLOCKS:
            count = sum(len(formatted[id(other)]) for other in bodies)
            return [
                body.problem(
                    f"the sections hold {count:,} paragraphs and list items",
                    f"at most {MAX_BLOCKS} in all (a page holds far fewer)",
                )
            ]
    return []


def _crowded_figures(built: list[Any]) -> list[Problem]:
    """An error if the sections hold more charts, tables and photos, or table rows, than any
    page could, located at the one that passes the limit: laying them out would take long."""
    figures = [f for f in built if isinstance(f, (Chart, Table, Photo))]
    found = []
    if len(figures) > MAX_FIGURES:
        found.append(
            _where(figures[MAX_FIGURES]).problem(
                f"the sections hold {len(figures):,} charts, tables and photos",
                f"at most {MAX_FIGURES} in all (a page holds far fewer)",
            )
        )
    tables = [f for f in figures if isinstance(f, Table)]
    total = 0
    for table in tables:
        total += len(table.rows)
        if total > MAX_ROWS:
            count = sum(len(other.rows) for other in tables)
            row = table.rows[len(table.rows) - (total - MAX_ROWS)]  # the first past the limit
            found.append(
                (row[0] if row else table.columns[0]).problem(
                    f"the tables hold {count:,} rows",
                    f"at most {MAX_ROWS} in all (a page holds far fewer)",
                )
            )
            break
    return found


def _where(figure: Chart | Table | Photo) -> Text:
    """A text of a chart, table or photo that says where it is written."""
    if isinstance(figure, Chart):
        return figure.title
    return figure.columns[0] if isinstance(figure, Table) else figure.file


def _glyph_problems(text: Text, chosen: Chosen, language: str) -> list[Problem]:
    """The characters of ``text`` that the fonts of ``language`` (its Latin family and its
    script's) cannot draw: a warning for the letters an office's family lacks that the shipped
    family behind it draws (``typefaces.borrowed``); a warning for each run of letters that
    another language's fonts draw (Hebrew in an Arabic sheet: the typesetter sets it in that
    family, but the sheet's language is not that text's; the right one is suggested), else an
    error for each."""
    script = LANGUAGES[language].script
    absent = missing(text, chosen, script)
    if not absent:  # the usual case: no problem to word
        return []
    latin = register(chosen, italic=False)
    family = latin.family
    faces = script_faces(script, family)
    behind = backing(latin)  # an office's font: the shipped one
    named = f"{family} (the office's, in the design)" if behind is not None else family
    fonts = f"fonts {named} and {faces.family}" if faces is not None else f"font {named}"
    if behind is not None:  # (which sets what the office's lacks)
        fonts += f", nor in {behind.family} behind it"
    scripts = f"{_SCRIPT_NAMES[script]}, " if faces is not None else ""
    scripts += "Latin, Greek or Cyrillic"
    offsets, lent = borrowed(text, chosen, absent)
    found: list[tuple[int, Problem]] = [(0, warning) for warning in lent]  # by offset
    run: tuple[int, int, str] | None = None  # the other script's run being read: start, end, script
    for offset in offsets:
        other = drawn_by(text[offset])
        if other is None:
            expected = f"letters, digits and punctuation of {scripts} script (replace or remove "
            expected += "this character)"
            letters = _letters_of(text[offset])
            if letters:  # a presentation form, as text copied from an old PDF often has
                expected = f"the letters it is a form of, '{letters}', typed as letters: the font "
                expected += "gives each letter its form"
            char = text[offset]
            if lacking(char, fonts) and cjk_file() is None:
                expected = f"a character these fonts have, or the full Chinese face: {CJK_EXTRA}"
            problem = text.problem(
                f"the character {describe(char)} is not in the {fonts}{lacking(char, fonts)}",
                expected,
                offset,
            )
            found.append((offset, problem))
        elif run is not None and run[2] == other and not _has_letters(text[run[1] : offset]):
            run = (run[0], offset + 1, other)
        else:
            if run is not None:
                found.append((run[0], _other_script(text, run, family, language)))
            run = (offset, offset + 1, other)
    if run is not None:
        found.append((run[0], _other_script(text, run, family, language)))
    return [problem for _, problem in sorted(found, key=lambda pair: pair[0])]


def _stacked_marks(text: Text) -> list[Problem]:
    """An error at each letter that carries more marks than any script stacks on one (text
    pasted from a prank or a broken converter): drawn, they tower over the lines above; and at
    a mark with no letter under it, which would print in the margin."""
    problems = []
    for stretch in _MAYBE_MARKS.finditer(text):
        marks = 0  # a character before U+0300 is no mark
        for offset in range(*stretch.span()):
            char = text[offset]
            marks = marks + 1 if unicodedata.combining(char) else 0
            if marks == 1 and (offset == 0 or text[offset - 1].isspace()):
                message = f"the mark {describe(char)} has no letter under it"
                expected = "the mark typed after the letter it belongs on, or no mark"
                problems.append(text.problem(message, expected, offset))
            if marks == MAX_MARKS + 1:
                message = f"a letter carries more than {MAX_MARKS} accents or vowel marks, stacked"
                expected = f"at most {MAX_MARKS} marks on one letter; remove the extra ones"
                problems.append(text.problem(message, expected, offset))
    return problems


def _override(text: Text, offset: int) -> Problem:
    """The error of a bidi override (pasted, or a prank): a browser reorders the letters after
    it on the web page, the PDF does not."""
    return text.problem(
        f"the character {describe(text[offset])} would reorder the letters after it on the web "
        "page, not in the PDF",
        "no override: every script is set in its own direction (remove it)",
        offset,
    )


def _long_words(text: Text) -> list[Problem]:
    """An error at each word longer than any line can hold or a reader would type (setting it
    would take the text engine minutes)."""
    if len(text) <= MAX_WORD or max(map(len, text.split()), default=0) <= MAX_WORD:
        return []
    return [
        text.problem(
            f"a word of {len(found.group()):,} characters with no space",
            f"words of at most {MAX_WORD} characters (a long web address is one, and fits)",
            found.start(),
        )
        for found in re.finditer(_LONG_WORD, text)
    ]


def _family_of(script: str, design: str) -> str:
    """The family that draws ``script`` beside the Latin family ``design``."""
    faces = script_faces(script, design)
    return faces.family if faces is not None else design


def _letters_of(char: str) -> str:
    """The letters that a presentation form (Arabic ﻩ, the ligature ﷲ, Hebrew ﬠ) stands for;
    "" for any other character."""
    if not ("\ufb1d" <= char <= "\ufdff" or "\ufe70" <= char <= "\ufeff"):
        return ""
    letters = unicodedata.normalize("NFKC", char)
    return letters if letters != char else ""


_SCRIPT_NAMES = {"Arab": "Arabic", "Hebr": "Hebrew", "Hans": "Chinese"}
_SHOWN = 24  # characters of another script's run that its warning quotes


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _other_script(text: Text, run: tuple[int, int, str], family: str, language: str) -> Problem:
    """A warning for text in a script the sheet's language is not written in."""
    start, end, script = run
    shown = text[start:end] if end - start <= _SHOWN else text[start : start + _SHOWN] + "…"
    codes = [code for code, words in LANGUAGES.items() if words.script == script]
    suggested = " or ".join(f"'language: {code}'" for code in codes)
    name = _SCRIPT_NAMES[script]
    return text.problem(
        f"'{shown}' is {name} text in a sheet in language '{language}': it is set in "
        f"{_family_of(script, family)}, but the PDF marks it, and screen readers read it, as "
        f"'{language}'",
        f"{suggested} for a sheet in {name}, or text in the sheet's language",
        start,
        "warning",
    )


def warnings(content: Content) -> list[Problem]:
    """Writer's warnings: acronyms used before they are spelled out, pasted bullets, and empty
    or outsized sections."""
    found = _acronym_warnings(content) + _pasted_bullets(content) + _sources_said(content)
    found += _marks_as_typed(content)
    words = [words_of(section) for section in content.sections]
    for index, (section, count) in enumerate(zip(content.sections, words, strict=True)):
        if not count:
            if not section.blocks:
                found.append(
                    section.heading.problem(
                        f"the section '{section.heading}' has no text",
                        "a 'body:' with the section's text, or 'blocks:', or no section",
                        severity="warning",
                    )
                )
            continue
        others = sorted(w for i, w in enumerate(words) if w and i != index)
        if len(others) < _LOPSIDED_PEERS:
            continue
        middle = len(others) // 2
        typical = (others[middle] + others[~middle]) / 2
        if count > _LOPSIDED_WORDS and count > _LOPSIDED_FACTOR * typical:
            found.append(
                section.heading.problem(
                    f"the section '{section.heading}' has {count} words, over three times as "
                    f"many as the median of the other sections ({typical:g})",
                    "sections of similar length, or this one split in two",
                    severity="warning",
                )
            )
    return found


def _photo_warnings(content: Content, theme: Theme, photos: dict[int, Picture]) -> list[Problem]:
    """Photos that would print blurred across a column, and decorative photos given an alt
    that no one is read."""
    column = (LETTER[0] - 2 * theme.margin_x - theme.column_gap) / 2  # of the usual layout
    least = round(column / 72 * MIN_PHOTO_DPI)
    found = []
    for section in content.sections:
        for block in section.blocks:
            photo = block.photo
            if photo is None:
                continue
            picture = photos.get(id(photo))
            if picture is not None and picture.width < least:
                found.append(
                    photo.file.problem(
                        f"the photo '{photo.file}' is {picture.width:.0f} pixels wide: about "
                        f"{picture.width / column * 72:.0f} dpi across a column, which prints "
                        "blurred",
                        f"a photo at least {least} pixels wide ({MIN_PHOTO_DPI} dpi across a "
                        "column)",
                        severity="warning",
                    )
                )
            if photo.decorative and photo.alt:
                found.append(
                    photo.alt.problem(
                        "a decorative photo's alt is never read: a decorative photo is left out "
                        "for screen readers",
                        "no 'alt:' on a decorative photo, or 'decorative: false' for one that "
                        "shows what the text is about",
                        severity="warning",
                    )
                )
    return found


def words_of(section: Section) -> int:
    """How many words a section's text has: its body and its text blocks."""
    texts = [section.body] + [block.text for block in section.blocks]
    return sum(len(text.split()) for text in texts if text)


def _running(content: Content) -> list[Text]:
    """The running text, which may hold formatting: lead, figure labels, facts, section bodies
    and the text blocks after them."""
    running = [content.lead] if content.lead else []
    running += [figure.label for figure in content.key_figures]
    running += [fact.value for fact in content.at_a_glance]
    for section in content.sections:
        running += [section.body] if section.body else []
        running += [block.text for block in section.blocks if block.text is not None]
    return running


def _acronym_warnings(content: Content) -> list[Problem]:
    """Running text must spell out an acronym at its first use: ``Ministry of Health (MOH)``,
    or several at once: ``Anti-Money Laundering and Countering Terrorism Financing (AML/CFT)``."""
    introduced: set[str] = set()
    found = []
    for text in _running(content):
        spelled = [match.span() for match in _INTRODUCED.finditer(text)]
        for match in _ACRONYM.finditer(text):
            acronym = match.group()
            if acronym in introduced:
                continue
            introduced.add(acronym)
            if not any(start < match.start() < end for start, end in spelled):
                found.append(
                    text.problem(
                        f"'{acronym}' is used before it is spelled out",
                        f"the full name followed by ({acronym}) at its first use",
                        match.start(),
                        "warning",
                    )
                )
    return found


# bold or italic marks around words, or a link: formatting, in a field that prints as typed
_MARKS = re.compile(r"\*\*\S[^*]*\*\*|(?<![*\w])\*\S[^*]*\*(?![*\w])|\[[^\]]+\]\([^)\s]+\)")


def _marks_as_typed(content: Content) -> list[Problem]:
    """Formatting marks in a chart's title, unit or source, a table's source or a photo's
    credit: fields that print as typed."""
    fields: list[tuple[str, Text | None]] = []
    for block in (block for section in content.sections for block in section.blocks):
        if block.chart:
            chart = block.chart
            named = (("title", chart.title), ("unit", chart.unit), ("source", chart.source))
            fields += [(f"chart's {name}", text) for name, text in named]
        elif block.table:
            fields.append(("table's source", block.table.source))
        elif block.photo:
            fields.append(("photo's credit", block.photo.credit))
    found = []
    for name, text in fields:
        match = _MARKS.search(text) if text is not None else None
        if text is not None and match is not None:
            found.append(
                text.problem(
                    f"the {name} has formatting ('{match.group()}'), which prints as typed there",
                    "plain text: a chart's title, unit and source, a table's source and a "
                    "photo's credit are not formatted",
                    severity="warning",
                )
            )
    return found


def _sources_said(content: Content) -> list[Problem]:
    """A chart's or table's source that starts with the word the page prints before it."""
    word = LANGUAGES[content.language].source.split("{")[0].strip(" :\u00a0")  # Source, Fuente
    said = re.compile(rf"\s*{re.escape(word)}\s*:", re.IGNORECASE)
    sources = [
        figure.source
        for section in content.sections
        for block in section.blocks
        for figure in (block.chart, block.table)
        if figure is not None and figure.source is not None
    ]
    found = []
    for source in sources:
        match = said.match(source)
        if match is not None:
            found.append(
                source.problem(
                    f"the source starts with '{match.group().strip()}', which the page prints "
                    "before it",
                    "the source alone, such as 'INL program records'",
                    severity="warning",
                )
            )
    return found


def _pasted_bullets(content: Content) -> list[Problem]:
    """Lines of a section body (or text block) starting with a pasted bullet or dash run
    together: say so."""
    found = []
    for text in _running(content):
        if text.markdown != "blocks":
            continue
        match = _PASTED_BULLET.search(text)
        if match is not None:
            found.append(
                text.problem(
                    f"the line starting '{match.group(1)}' runs into the line above it: "
                    f"'{match.group(1)}' does not start a list item",
                    "a list: lines starting '- ' (or '1. ', '2. ' for a numbered one)",
                    match.start(1),
                    "warning",
                )
            )
    return found
