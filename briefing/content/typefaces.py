"""The design's typefaces: a shipped family by name, or an office's own font files, read and
checked (``brand``) with each problem located at the line that names the file; the
letters an office's faces lack, which the shipped family behind them sets; and italics that
print upright (a family without an italic face, a script without italics).
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any

from ..brand import FaceFile, Family, FontFileError, read_all
from ..errors import Problem
from ..fonts import backing, charset, describe, register
from ..language import LANGUAGES
from . import markup
from .fields import Text
from .model import Design, FontFace, Typeface
from .runs import Run

Chosen = str | Family  # a shipped family's name, or an office's faces
# The fields printed in the heading font (the organization, in the band, and in the footer in
# the font, is in both): the title, subtitle, headings, key figures, fact labels, the band.
_DISPLAYED = re.compile(
    r"(title|subtitle|office|organization|sections\[\d+\]\.heading|key_figures\[\d+\]\.(value|label)"
    r"|at_a_glance\[\d+\]\.label)"
)
_SHOWN = 6  # letters a warning names


def chosen(design: Design, base: Path, problems: list[Problem]) -> tuple[Chosen, Chosen]:
    """The design's font and heading font, each a shipped family's name or an office's faces
    read (those not yet read, together); an error in ``problems`` at the file's name for each
    face that cannot be used, with Noto Sans in its family's place, so that the rest of the
    sheet is still checked."""
    typefaces = [design.font, design.heading_font or design.font]
    named: dict[int, FaceFile | None] = {}  # by the id of each face's file name: its face
    files: list[Text] = []
    for typeface in typefaces:
        for given in _given(typeface) if not isinstance(typeface, str) else ():
            if given is not None and id(_file(given)) not in named:
                files.append(_file(given))
                named[id(files[-1])] = _face(given, base, problems)
    read = read_all([face for face in named.values() if face is not None])
    for file in files:
        face = named[id(file)]
        error = read.get(face) if face is not None else None
        if isinstance(error, FontFileError):
            problems.append(file.problem(str(error), error.expected))
            named[id(file)] = None
    font, heading = (_family(typeface, named) for typeface in typefaces)
    return font, heading


def _family(typeface: str | Typeface, named: dict[int, FaceFile | None]) -> Chosen:
    """A shipped family's name, or an office's faces (Noto Sans if one cannot be used)."""
    if isinstance(typeface, str):
        return str(typeface)
    given = _given(typeface)
    faces = [named[id(_file(face))] if face is not None else None for face in given]
    if any(face is None for face, said in zip(faces, given, strict=True) if said is not None):
        return "Noto Sans"
    regular, bold, italic, bold_italic = faces
    assert regular is not None and bold is not None  # required: given
    return Family(regular, bold, italic, bold_italic)


def _given(typeface: Typeface) -> tuple[Text | FontFace | None, ...]:
    return typeface.regular, typeface.bold, typeface.italic, typeface.bold_italic


def _file(face: Text | FontFace) -> Text:
    return face if isinstance(face, Text) else face.file


def _face(named: Text | FontFace, base: Path, problems: list[Problem]) -> FaceFile | None:
    """The face a design names, with its file's full path; None, with a problem, for a
    collection's index that is not a whole number."""
    file = _file(named)
    if isinstance(named, Text):
        return FaceFile(str((file.folder(base) / file).resolve()))
    index = named.index or 0
    if index != int(index):
        problems.append(file.problem(f"the face index {index:g} is not a whole number", "0, 1, 2…"))
        return None
    axes = tuple((str(tag), float(value)) for tag, value in (named.axes or {}).items())
    return FaceFile(
        str((file.folder(base) / file).resolve()), int(index), str(named.instance or ""), axes
    )


def families_of(text: Text, font: Chosen, heading: Chosen) -> list[Chosen]:
    """The families ``text`` is printed in: the heading font for the title, headings, key
    figures and labels, the font for the rest, both for the organization."""
    if font == heading:
        return [font]
    if text.field == "organization":
        return [heading, font]
    return [heading] if _DISPLAYED.fullmatch(text.field) else [font]


def borrowed(text: Text, family: Chosen, offsets: list[int]) -> tuple[list[int], list[Problem]]:
    """Of the characters of ``text`` at ``offsets``, which an office's ``family`` lacks, those
    that the shipped family behind it draws: a warning that they are set in it; the offsets of
    the others, which no face of the sheet draws."""
    if not offsets or isinstance(family, str):
        return offsets, []
    faces = register(family, italic=False)
    shipped = backing(faces)
    if shipped is None:
        return offsets, []
    drawn = charset(shipped)
    lent = [offset for offset in offsets if text[offset] in drawn]
    if not lent:
        return offsets, []
    letters = list(dict.fromkeys(text[offset] for offset in lent))
    named = ", ".join(describe(char) for char in letters[:_SHOWN])
    more = f" and {len(letters) - _SHOWN} more" if len(letters) > _SHOWN else ""
    warning = text.problem(
        f"{faces.family} has no {named}{more}: set in {shipped.family}, the shipped family "
        "closest to it",
        f"letters {faces.family} has, or a font that has these (this may print unevenly)",
        lent[0],
        "warning",
    )
    return [offset for offset in offsets if offset not in set(lent)], [warning]


def upright(
    texts: list[Text], formatted: dict[int, Any], font: Chosen, heading: Chosen
) -> list[Problem]:
    """A warning at the first text with *italic* words that an office's family without an
    italic face sets: they are set upright."""
    for text in texts:
        lacking = [
            f for f in families_of(text, font, heading) if isinstance(f, Family) and not f.italic
        ]
        value = formatted.get(id(text)) or ()
        paragraphs: list[Any] = value if isinstance(value, list) else [value]  # blocks, or inline
        runs = (run for p in paragraphs for run in getattr(p, "runs", p))
        if lacking and any(isinstance(run, Run) and run.italic for run in runs):
            family = register(lacking[0], italic=False).family
            return [
                text.problem(
                    f"{family} has no italic face: the *italic* words here (and any others) are "
                    "set upright",
                    "an 'italic:' font file for it in the design, or no *italic*",
                    severity="warning",
                )
            ]
    return []


_UPRIGHT = {"Arab": "Arabic", "Hebr": "Hebrew", "Hans": "Chinese"}  # scripts with no italics


def upright_script(text: Text, formatted: Any, language: str) -> list[Problem]:
    """A warning at the first italic of ``text`` in a language whose script has no italic
    face (Arabic, Hebrew, Chinese): it would print upright, its emphasis lost unsaid."""
    script = LANGUAGES[language].script if language in LANGUAGES else "Latn"
    if script not in _UPRIGHT:
        return []
    paragraphs = (
        formatted if isinstance(formatted, list) else [markup.Paragraph("paragraph", formatted)]
    )
    runs = (run for paragraph in paragraphs for run in paragraph.runs)
    italic = next((run.text for run in runs if isinstance(run, Run) and run.italic), None)
    if italic is None:
        return []
    at = str(text).find(italic)
    while at > 0 and str(text)[at - 1] in "*_":  # at the marks that open it
        at -= 1
    return [
        text.problem(
            f"'{italic}' is marked italic, but {_UPRIGHT[script]} type has no italics: it "
            "prints upright, like the words around it",
            "**bold** for emphasis, or quotation marks for a title",
            at if at >= 0 else None,
            "warning",
        )
    ]


def own_words(design: Design, font: Chosen, heading: Chosen, language: str) -> list[Problem]:
    """A warning, at the file of an office's face, for the letters of the words the page
    prints itself in it that it lacks ("At a glance" and "Contacts" in the heading font, in
    capitals where the script has them; "Read it online" and the date line in the font): they
    are set in the shipped family behind it."""
    words = LANGUAGES.get(language)
    if words is None:
        return []
    months = " ".join(words.date_line(datetime.date(2024, month, 1)) for month in range(1, 13))
    labels = f"{words.glance} {words.contacts}"
    found = []
    for typeface, family, printed in (
        (design.heading_font or design.font, heading, f"{labels} {labels.upper()}"),
        (design.font, font, f"{words.online} {months}"),
    ):
        if isinstance(typeface, str) or isinstance(family, str):
            continue
        faces = register(family, italic=False)
        drawn, shipped = charset(faces), backing(faces)
        lacking = sorted({c for c in printed if not c.isspace() and c not in drawn})
        if lacking and shipped is not None:
            named = ", ".join(describe(char) for char in lacking[:_SHOWN])
            more = f" and {len(lacking) - _SHOWN} more" if len(lacking) > _SHOWN else ""
            found.append(
                _file(typeface.regular).problem(
                    f"{faces.family} has no {named}{more}, which the page's own words in it "
                    f"need: set in {shipped.family}, the shipped family closest to it",
                    f"a font that has the letters of {language!r} (this may print unevenly)",
                    severity="warning",
                )
            )
    return found
