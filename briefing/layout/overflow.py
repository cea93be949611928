"""What to tell a writer about the fit: content that cannot fit even at the smallest type (how
far past the page it runs, where, and about how much to cut), content set in the other layout,
content too short to fill the page (how full it is, and about how much would fill it), and
columns that end apart (about how many more words where would end them together)."""

from __future__ import annotations

import math

from ..content.checks import words_of
from ..content.model import Content
from ..content.reader import value_of
from ..errors import Location, Problem
from .columns import Column
from .exhibits import Exhibit
from .sidebar import Sidebar
from .variants import Layout


def overflow_problem(layout: Layout) -> Problem:
    """Why the content, measured at the floor in ``layout``, does not fit, and what to cut."""
    t, c = layout.theme, layout.sheet.content
    frame = layout.frame(1.0)
    needed, room = layout.demand(1.0)
    over = needed - room
    floor = f"{t.min_body_size:g} pt"
    body_room = frame.body_top - frame.body_bottom
    least = 3 * layout.specs["body"].leading
    if body_room < least:  # the fixed parts alone fill the page
        fixed = {
            "the title": layout.title.height,
            "the lead": layout.lead.height,
            "the header band": layout.band.height,
        }
        names = ["the key figures", "the facts", "the contacts and QR code"]
        if frame.side:
            fixed["the sidebar"] = frame.side
        else:
            fixed.update(zip(names, (r.height for r in layout.extras), strict=True))
        largest = max(fixed, key=lambda name: fixed[name])
        first = c.lead if largest == "the lead" and c.lead else c.title
        return Problem(
            f"the parts above and beside the sections leave {max(body_room, 0):.0f} pt for them "
            f"even with text at the {floor} floor; {largest} alone takes "
            f"{fixed[largest]:.0f} pt of the page's {layout.height:.0f}",
            first.locate(),
            f"a shorter {largest.removeprefix('the ')}",
        )
    tallest = max(
        (b.box for b in layout.blocks if isinstance(b.box, Exhibit)),
        key=lambda exhibit: exhibit.height,
        default=None,
    )
    if tallest is not None and tallest.height > body_room:  # it fits in no column
        shrink = {"table": "fewer rows", "chart": "fewer categories", "photo": "a smaller photo"}
        return Problem(
            f"the {tallest.kind} is {tallest.height:.0f} pt tall even with text at the {floor} "
            f"floor, and a column holds {body_room:.0f} pt; a {tallest.kind} is never split "
            "between columns",
            tallest.written.locate(),
            f"{shrink[tallest.kind]}, or less text in it",
        )
    if frame.side and frame.side - frame.side_room >= over - 0.01:  # the sidebar runs over
        closing = layout.closing if isinstance(layout, Sidebar) else 0  # parts moved to a row
        held = [  # what the panel holds, and where each starts (facts first: the longest)
            (name, first)
            for name, first, moved in (
                ("key figures", c.key_figures[0].value if c.key_figures else None, False),
                ("facts", c.at_a_glance[0].label if c.at_a_glance else None, closing > 1),
                ("contacts", c.contacts[0].name if c.contacts else None, closing > 0),
            )
            if first is not None and not moved
        ]
        names = [name for name, _ in held] + ["QR code"] * (c.online is not None and not closing)
        order = held[1:] + held[:1]  # facts, contacts, then key figures
        kinds = [name for name, _ in order] or ["parts"]
        listed = f"{', '.join(kinds[:-1])} or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
        return Problem(
            f"the sidebar ({', '.join(names)}) runs about {over:.0f} pt past the page even "
            f"with text at the {floor} floor",
            (order[0][1] if order else c.sections[0].heading).locate(),
            f"fewer or shorter {listed}, or the two-column layout",
        )
    leading = layout.specs["body"].leading
    counts = [words_of(s) for s in c.sections]
    words = sum(counts)
    exhibits, shown, cut = _cut(layout)
    each = ", ".join(f"{s.heading} {n}" for s, n in zip(c.sections, counts, strict=True))
    per_column = "per column " if layout.columns > 1 else ""
    # figures alone are blamed only where cutting words would gut the text and removing the
    # figures would be enough
    if exhibits and cut > words / 2 and shown >= over:
        largest = max(exhibits, key=lambda exhibit: exhibit.height)
        return Problem(
            f"the content runs about {over:.0f} pt {per_column}past the page even with body "
            f"text at the {floor} floor; its {len(exhibits)} charts, tables and photos take "
            f"about {shown:.0f} pt {per_column}of it"
            + (f"; words per section: {each}" if words else ""),
            largest.written.locate(),
            f"fewer or smaller charts, tables or photos (the largest is this {largest.kind}, "
            f"{largest.height:.0f} pt tall), or fewer words",
        )
    longest = max(range(len(counts)), key=lambda index: counts[index])
    figures = ""
    if exhibits and shown < over:
        figures = (
            f"; its {len(exhibits)} charts, tables and photos take about {shown:.0f} pt "
            f"{per_column}of it, so fewer words are needed even without them"
        )
    return Problem(
        f"the content runs about {over:.0f} pt ({round(over / leading)} line"
        f"{'s' * (round(over / leading) != 1)} {per_column}at "
        f"{floor}) past the page even with body text at the {floor} floor{figures}; "
        f"words per section: {each}",
        c.sections[longest].heading.locate(),
        f"about {cut} fewer words in the sections (they hold {words}; this one, the longest, "
        f"{counts[longest]})",
    )


def _cut(layout: Layout) -> tuple[list[Exhibit], float, int]:
    """The charts, tables and photos of content measured at the floor in ``layout``, the
    height they take (a column's share), and about how many fewer words in the sections would
    fit it: as many as the lines of their paragraphs and list items in the height that runs
    past the page hold (their headings and gaps stay)."""
    needed, room = layout.demand(1.0)
    words = sum(words_of(s) for s in layout.sheet.content.sections)
    exhibits = [b.box for b in layout.blocks if isinstance(b.box, Exhibit)]
    shown = sum(e.height + e.before for e in exhibits) / layout.columns
    text = sum(b.lines * b.leading for b in layout.blocks if b.role in _TEXT) / layout.columns
    return exhibits, shown, max(1, round(words * (needed - room) / max(text, 1.0)))


def _layout_named(content: Content) -> Location:
    """Where the writer named the layout (``design: layout:``, in the content file or its style
    file), for a warning about the arrangement; the title's place if it is not named there."""
    source = content.title.source
    node = value_of(value_of(source.root, "design"), "layout") if source else None
    if source is None or node is None or node.start_mark is None:
        return content.title.locate()
    return source.at(node.start_mark)


_TEXT = ("P", "LBody")  # the roles of the blocks that hold the sections' words
_LETTERS_A_WORD = 6  # with the space after it, in English, French, Spanish, Portuguese


def switched_warning(
    layout: Layout, instead: str, apart: float = 0.0, named: Layout | None = None
) -> Problem:
    """The sections are set in ``layout``'s arrangement instead of the ``instead`` one, which
    would leave the page emptier, or its columns (a sidebar's panel and main text) ending
    ``apart`` body lines apart (to a half line), if more than one; or which, as the writer
    ``named`` it (measured at its floor), holds them only in lines longer than comfortable."""
    t, c = layout.theme, layout.sheet.content
    if named is not None:
        cut, words = _cut(named)[2], sum(words_of(s) for s in c.sections)
        fewer = f", or about {cut} fewer words in the sections to keep {instead}"
        return Problem(
            f"the sections are set in the {layout.name} layout: the {instead} layout holds "
            f"them only in lines of more than the {t.long_line} characters that read "
            "comfortably",
            _layout_named(c),
            # fewer words to keep the layout named, unless that would gut the text
            f"design: layout: {layout.name} to keep it so{fewer if cut <= words / 2 else ''}",
            "warning",
            "design.layout",
        )
    apart = round(apart * 2) / 2
    if instead == "sidebar":
        why = (
            f"its panel and main text (or the columns run on under the panel) would end "
            f"{apart:g} lines apart"
            if apart > 1
            else "it would leave more of the page blank"
        )
        row = " (its key figures in a row above them)" if c.key_figures else ""
        return Problem(
            f"the sections are set in the {layout.name} layout, with no side panel{row}: in "
            f"the sidebar layout {why}, at every size and panel width tried",
            _layout_named(c),
            f"more key figures or facts to fill the panel, or design: layout: {layout.name} to "
            "keep it so",
            "warning",
            "design.layout",
        )
    why = (
        f"they split so unevenly between the {instead} layout's columns that these would end "
        f"{apart:g} lines apart"
        if apart > 1
        else f"the text is too short to fill the page in the {instead} layout"
    )
    return Problem(
        f"the sections are set in the {layout.name} layout, in larger type: {why}",
        _layout_named(c),
        f"design: layout: {layout.name} to keep it so, design: layout: {instead} to keep "
        f"{instead}, or more text",
        "warning",
        "design.layout",
    )


def long_warning(layout: Layout, held: Layout) -> Problem | None:
    """The body's lines are longer than read comfortably, in the layout the writer named,
    which no arrangement holds in lines comfortable to read; with about how many fewer words
    the one that holds most (``held``, measured at its floor) would. None if, at the size the
    page took, they are not."""
    t, body = layout.theme, layout.specs["body"]
    letters = layout.column_width / (layout.sheet.em_per_letter(body) * body.size)
    if round(letters) <= t.long_line:
        return None
    return Problem(
        f"the body's lines hold about {letters:.0f} characters in the {layout.name} layout, "
        f"more than the {t.long_line} that read comfortably, with body text at "
        f"{body.size:.1f} pt: no layout holds the sections in shorter lines",
        _layout_named(layout.sheet.content),
        f"about {_cut(held)[2]} fewer words in the sections, to set them in lines of at most "
        f"{t.long_line} characters in the {held.name} layout",
        "warning",
        "design.layout",
    )


def wide_warning(layout: Layout) -> Problem:
    """The lead runs across the whole width, its lines longer than read comfortably: the
    page is full even at the smallest type."""
    t, c, lead = layout.theme, layout.sheet.content, layout.specs["lead"]
    letters = layout.lead_width() / (layout.sheet.em_per_letter(lead) * lead.size)
    return Problem(
        f"the lead runs across the whole width, about {letters:.0f} characters a line, more "
        f"than the {t.long_line} that read comfortably: the page is full even with body text "
        f"at the {t.min_body_size:g} pt floor",
        c.lead.locate() if c.lead else c.title.locate(),
        f"a shorter lead, or fewer words in the sections, to keep its lines to {t.long_line}",
        "warning",
        "lead",
    )


def short_warning(layout: Layout, blank: float) -> Problem:
    """The content leaves ``blank`` of the page's height empty even at its largest type: the
    largest its lines allow, or (where a larger size would set a paragraph badly or end the
    columns apart) the largest that composes the page well."""
    c, body = layout.sheet.content, layout.specs["body"]
    capped = layout.body_scale < layout.scale - 1e-6 or layout.scale >= layout.theme.max_scale
    largest = (
        "the largest that keeps its lines comfortable to read"
        if capped
        else "the largest at which its paragraphs set well and its columns end together"
    )
    letters = layout.column_width / (layout.sheet.em_per_letter(body) * body.size)
    lines = blank * layout.height / body.leading * layout.columns
    more = max(10, int(round(lines * letters / _LETTERS_A_WORD, -1)))
    return Problem(
        f"the page is {1 - blank:.0%} full: {blank:.0%} of its height is left blank at the foot "
        f"even with body text at {body.size:.1f} pt, {largest}",
        c.sections[-1].heading.locate(),
        f"about {more} more words, or a photo, chart or table, to fill it",
        "warning",
        f"sections[{len(c.sections) - 1}]",
    )


def panel_warning(layout: Layout, filled: float) -> Problem:
    """The sidebar's panel is mostly empty tint beside the main text: its parts take only
    ``filled`` of its height."""
    c = layout.sheet.content
    return Problem(
        f"the sidebar's panel is {1 - filled:.0%} empty: its key figures, facts and contacts "
        f"take {filled:.0%} of its height beside the main text",
        _layout_named(c),
        "more key figures or facts, or the two-column layout, which sets the key figures in a "
        "row above the sections (design: layout: two-column, or no layout)",
        "warning",
        "design.layout",
    )


def apart_warning(layout: Layout, columns: list[Column], apart: float) -> Problem:
    """The columns end ``apart`` body lines apart (more than one): no break between them ends
    them together at a size that sets the text well. About as many more words as those lines
    hold, in the section that ends the shorter column, lengthen it to end with the other."""
    c, body = layout.sheet.content, layout.specs["body"]
    ends = [max((piece.top + piece.height for piece in column), default=0.0) for column in columns]
    short = columns[ends.index(min(ends))]
    last = short[-1].block if short else len(layout.blocks) - 1
    section = max(sum(block.role == "H2" for block in layout.blocks[: last + 1]) - 1, 0)
    letters = layout.column_width / (layout.sheet.em_per_letter(body) * body.size)
    more = 5 * math.ceil(apart * letters / _LETTERS_A_WORD / 5)
    heading = c.sections[section].heading
    return Problem(
        f"the columns end {apart:.1f} lines apart: no break between them ends them together "
        "at a size that sets the text well",
        heading.locate(),
        f"about {more} more words in the section '{heading}', which ends the shorter column",
        "warning",
        f"sections[{section}]",
    )
