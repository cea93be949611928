"""The type specs of a page at one scale, from the theme.

Body text and the lead are hyphenated (by language, if it hyphenates); everything else
(headings, the title, names, labels, facts) never breaks inside a word, and steps its size down
when one word is wider than its box. Ragged text is balanced. Every spec runs in the language's
direction, draws its script with the script's faces, and breaks Chinese between characters;
headings and the band are in capitals only in a script that has them.
"""

from __future__ import annotations

import functools

from ..fonts import Faces, script_faces
from ..language import Language
from ..text.spec import TypeSpec
from ..theme import Theme

CASED = frozenset({"Latn", "Cyrl"})  # the scripts with capitals, of the languages offered


@functools.lru_cache(maxsize=1024)
def type_specs(
    theme: Theme,
    faces: Faces,
    language: Language,
    scale: float,
    body_scale: float | None = None,
    display: Faces | None = None,
) -> dict[str, TypeSpec]:
    """Every type spec of a page in ``language``: the title, lead, key figures and headings
    at ``scale``, the body and the text set with it (lists, facts, tables, captions) at
    ``body_scale`` (the same unless given: the body stops growing at its longest comfortable
    line before the rest of the design does). The band, footer and marking do not scale. The
    gap after a paragraph is half a body line, after a list item a quarter, and above a heading
    a whole one, so that baselines keep to one grid. Headings are never smaller than the
    body, and the subtitle stays as much larger than it as designed. The title, subtitle,
    headings, key figures, fact labels and the band are in the ``display`` faces (the
    design's heading font), if given. Kept in the process (each trial size's, for every
    arrangement and build), so the one dict is shared: read, never changed."""
    t = theme
    grown, scale = scale, scale if body_scale is None else body_scale
    text = max(grown, scale)  # the lead and labels stay larger than the body, as designed
    size = t.body_size * scale
    line = size * t.body_leading
    small = max(t.source_size * scale, t.min_small_text)  # a source line, a photo's credit
    capitals = language.script in CASED
    writing = {
        "direction": language.direction,
        "script_faces": script_faces(language.script, faces.family),
        "cjk": language.script == "Hans",
    }

    def spec(points: float, colour: str, leading: float, **extra: object) -> TypeSpec:
        return TypeSpec(faces, points, points * leading, colour, **writing, **extra)  # type: ignore[arg-type]

    def shown(points: float, colour: str, leading: float, **extra: object) -> TypeSpec:
        return spec(points, colour, leading, **extra)._replace(faces=display or faces)

    body = spec(
        size,
        t.ink,
        t.body_leading,
        align="justify",
        hyphenation=language.hyphenation,
        space_after=line / 2,
    )
    heading = shown(
        max(t.heading_size * grown, size),
        t.primary,
        t.heading_leading,
        bold=True,
        balance=True,
        uppercase=capitals,
        space_before=line,
        space_after=t.heading_gap * scale,
        keep_with_next=True,
    )
    return {
        "body": body,
        "item": body._replace(space_after=line / 4),
        "bullet": spec(size, t.primary, t.body_leading, bold=True),
        "heading": heading,
        "side heading": heading._replace(space_before=0.0),
        "title": shown(t.title_size * grown, t.primary, t.title_leading, bold=True, balance=True),
        "subtitle": shown(t.subtitle_size * text, t.accent, t.heading_leading, balance=True),
        "lead": spec(t.lead_size * text, t.ink, t.lead_leading, balance=True),
        "value": shown(
            t.figure_value_size * grown, t.primary, t.figure_leading, bold=True, balance=True
        ),
        "label": shown(t.figure_label_size * text, t.muted, t.small_leading, balance=True),
        "fact label": shown(t.fact_size * scale, t.primary, t.small_leading, bold=True),
        "fact": spec(t.fact_size * scale, t.ink, t.small_leading),
        "band": shown(t.band_size, t.on_primary, t.heading_leading, bold=True, uppercase=capitals),
        "office": shown(t.band_size, t.on_primary_muted, t.heading_leading),
        "footer": spec(t.footer_size, t.muted, t.small_leading),
        "date": spec(t.footer_size, t.muted, t.small_leading, align="right"),
        "caption": spec(t.caption_size * scale, t.ink, t.small_leading, balance=True),
        "source": spec(small, t.muted, t.small_leading),
        "cell": spec(t.table_size * scale, t.ink, t.small_leading),
        "cell head": spec(t.table_size * scale, t.primary, t.small_leading, bold=True),
        "marking": spec(t.marking_size, t.ink, t.marking_leading, bold=True, align="center"),
    }
