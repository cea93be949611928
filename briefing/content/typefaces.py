"""The design's typefaces: a shipped family by name, or an office's own font files, read and
checked (``brand``) with each problem located at the line that names the file; and the
letters an office's faces lack, which the shipped family behind them sets.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..brand import FaceFile, Family, FontFileError, read
from ..errors import Problem
from ..fonts import backing, charset, describe, register
from .fields import Text
from .model import Design, FontFace, Typeface

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
    read; an error in ``problems`` for each face that cannot be used, with Noto Sans in its
    family's place, so that the rest of the sheet is still checked."""
    font = _family(design.font, base, problems)
    heading = _family(design.heading_font, base, problems) if design.heading_font else font
    return font, heading


def _family(typeface: str | Typeface, base: Path, problems: list[Problem]) -> Chosen:
    if isinstance(typeface, str):
        return str(typeface)
    faces: list[FaceFile | None] = []
    for named in (typeface.regular, typeface.bold, typeface.italic, typeface.bold_italic):
        faces.append(_face(named, base, problems) if named is not None else None)
    regular, bold, italic, bold_italic = faces
    if regular is None or bold is None:
        return "Noto Sans"
    return Family(regular, bold, italic, bold_italic)


def _face(named: Text | FontFace, base: Path, problems: list[Problem]) -> FaceFile | None:
    """A face named in a design, read (or from the cache); None, with a problem at the file's
    name, if it cannot be used."""
    file = named if isinstance(named, Text) else named.file
    index = 0 if isinstance(named, Text) or named.index is None else named.index
    if index != int(index):
        problems.append(file.problem(f"the face index {index:g} is not a whole number", "0, 1, 2…"))
        return None
    face = FaceFile(
        str((file.folder(base) / file).resolve()),
        int(index),
        "" if isinstance(named, Text) else str(named.instance or ""),
        ()
        if isinstance(named, Text)
        else tuple((str(k), float(v)) for k, v in (named.axes or {}).items()),
    )
    try:
        read(face)
    except FontFileError as error:
        problems.append(file.problem(str(error), error.expected))
        return None
    return face


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
