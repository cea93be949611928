"""The text styles of a page at one scale, from the theme.

Body text and the lead are hyphenated (by language, if it hyphenates); everything else
(headings, the title, names, labels, facts) never breaks inside a word, and steps its size down
when one word is wider than its box. Ragged text is balanced. Every style runs in the language's
direction, draws its script with the script's faces, and breaks Chinese between characters;
headings and the band are in capitals only in a script that has them.
"""

from __future__ import annotations

from ..fonts import Faces, script_faces
from ..language import Language
from ..text.typeset import Style
from ..theme import Theme

CASED = frozenset({"Latn", "Cyrl"})  # the scripts with capitals, of the languages offered


def text_styles(theme: Theme, faces: Faces, language: Language, scale: float) -> dict[str, Style]:
    """Every text style of a page in ``language``, at ``scale`` (the band, footer and marking
    do not scale)."""
    t = theme
    size = t.body_size * scale
    small = max(t.source_size * scale, t.min_small_text)  # a source line, a photo's credit
    capitals = language.script in CASED
    writing = {
        "direction": language.direction,
        "script_faces": script_faces(language.script, faces.family),
        "cjk": language.script == "Hans",
    }

    def style(points: float, colour: str, leading: float, **extra: object) -> Style:
        return Style(faces, points, points * leading, colour, **writing, **extra)  # type: ignore[arg-type]

    body = style(
        size,
        t.ink,
        t.body_leading,
        align="justify",
        hyphenation=language.hyphenation,
        space_after=t.paragraph_gap * scale,
    )
    heading = style(
        t.heading_size * scale,
        t.primary,
        t.heading_leading,
        bold=True,
        balance=True,
        uppercase=capitals,
        space_before=t.section_gap * scale,
        space_after=t.heading_gap * scale,
        keep_with_next=True,
    )
    return {
        "body": body,
        "item": body._replace(space_after=t.item_gap * scale),
        "bullet": style(size, t.primary, t.body_leading, bold=True),
        "heading": heading,
        "side heading": heading._replace(space_before=0.0),
        "title": style(t.title_size * scale, t.primary, t.title_leading, bold=True, balance=True),
        "subtitle": style(t.subtitle_size * scale, t.accent, t.heading_leading, balance=True),
        "lead": style(t.lead_size * scale, t.ink, t.lead_leading, balance=True),
        "value": style(
            t.figure_value_size * scale, t.primary, t.figure_leading, bold=True, balance=True
        ),
        "label": style(t.figure_label_size * scale, t.muted, t.small_leading, balance=True),
        "fact label": style(t.fact_size * scale, t.primary, t.small_leading, bold=True),
        "fact": style(t.fact_size * scale, t.ink, t.small_leading),
        "band": style(t.band_size, t.on_primary, t.heading_leading, bold=True, uppercase=capitals),
        "office": style(t.band_size, t.on_primary_muted, t.heading_leading),
        "footer": style(t.footer_size, t.muted, t.small_leading),
        "date": style(t.footer_size, t.muted, t.small_leading, align="right"),
        "caption": style(t.caption_size * scale, t.ink, t.small_leading, balance=True),
        "source": style(small, t.muted, t.small_leading),
        "cell": style(t.table_size * scale, t.ink, t.small_leading),
        "cell head": style(t.table_size * scale, t.primary, t.small_leading, bold=True),
        "marking": style(t.marking_size, t.ink, t.marking_leading, bold=True, align="center"),
    }
