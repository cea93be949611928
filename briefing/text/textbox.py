"""``TextBox``: a paragraph's ``Setting``, as a ReportLab flowable that draws its lines.

Takes a ``setting.Setting``; gives its lines drawn on the flowable's canvas, the last stage of
the text engine (``typeset`` runs them all: runs in, a flowable out).

Each line is drawn with canvas text objects: real spaces between words (stretched with the word
spacing operator on justified lines), a space at the end of a line that ends between words, and
a soft hyphen at a hyphenated line end, so the text layer reads as whole words. Links are
underlined (unless their spec says not) and drawn inside the canvas's ``link`` context, which
ties their text and annotation to one Link element.

A line that holds right-to-left or shaped text is drawn in reading order, each run in a text
object of its own at its place in display order, its glyphs left to right: the readers of
the text put right-to-left runs back in reading order themselves (docs/readers.md).
"""

from __future__ import annotations

import math
from functools import cache, lru_cache
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary, ref

from reportlab.lib.colors import Color, HexColor
from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from ..content.runs import Runs
from ..flowables import Flowable, Kept, filled
from ..language import BIDI_CONTROLS
from . import shaping
from .line import PlacedRun, SetLine, several_parts
from .measure import SOFT_HYPHEN, measure
from .setting import KEPT, Recent, Setting, set_lines
from .spec import TypeSpec

_UNDERLINE_OFFSET = 0.12  # below the baseline, in ems
_UNDERLINE_WIDTH = 0.06  # in ems
_LINK_BELOW, _LINK_ABOVE = 0.25, 0.8  # a link's clickable area around its baseline, in ems
# PDFium (Chrome) reads the text objects of a line in the order they start, left to right, and
# puts the parts of a right-to-left line in reverse order: the letters, figures and signs between
# them of a left-to-right run (an address, a telephone number) came out backwards
# ("org.example@info"). Such a run is made a line of its own to PDFium (``_parts``): raised by a
# hair and started where the words before it start, with an invisible text object after it
# lowered by as much, the objects that meet there starting and ending with an empty glyph
# (docs/readers.md).
_HAIR = 0.01  # points: how far such a run is raised, and the object after it lowered
_BACK = 250.0  # thousandths of an em: how far left of where it starts a part's last glyph goes


class _Ends(NamedTuple):
    """An empty glyph before a run's glyphs and after them, for PDFium: the move (thousandths of
    an em, to the left) after the first, and before the last; None where there is none. And
    the glyphs of the runs drawn in its text object after its own (``_Part.tail``), each after
    its move."""

    first: float | None = None
    last: float | None = None
    tail: tuple[tuple[str, float], ...] = ()


class _Part(NamedTuple):
    """How one run of a right-to-left line is drawn for PDFium (``_parts``): where its text
    object starts (None: where the run does) and how far it is raised; whether it starts with
    an empty glyph, and ends with one moved back past its start; and where an invisible text
    object after it starts (None: no such object); and the runs after it, with no
    right-to-left letter, drawn in its text object (``tail``), which PDFium then reads after
    it on its line (a full stop after an address: a line of their own, or left of it)."""

    start: float | None = None
    rise: float = 0.0
    first: bool = False
    last: bool = False
    end: float | None = None
    tail: tuple[int, ...] = ()


_NO_ENDS = _Ends()


class TextBox(Flowable):
    """Lines ``first`` to ``first + count`` of a paragraph set at one width (all of them, or
    one part of a split)."""

    def __init__(self, width: float, setting: Setting, first: int = 0, count: int = -1) -> None:
        super().__init__()
        self.setting, self.first = setting, first
        self.spec = spec = setting.spec
        self.count = len(setting.lines) - first if count < 0 else count
        self.size = setting.size
        self.leading = spec.leading * setting.size / spec.size
        self.width = width
        self.height = self.count * self.leading

    def reading(self) -> str:
        """The text of this box's lines in reading order, as typed (a line-end hyphen, the
        controls of the bidirectional algorithm and kashidas left out), and the space after."""
        measured = self.setting.measured
        items, fragments = measured.items, measured.fragments
        out = []
        for line in self.setting.lines[self.first : self.first + self.count]:
            out += [
                fragments[i].text for i in range(line.start, line.end) if items[i].kind != "penalty"
            ]
            out.append(" " if items[line.end].kind == "glue" else "")
        text = "".join(out).replace(SOFT_HYPHEN, "").replace(shaping.JOINER, "")  # (a break)
        return "".join(char for char in text if char not in BIDI_CONTROLS).lstrip()

    def ends_with_hyphen(self, line: int) -> bool:
        """Whether line ``line`` (from this box's first) ends with a hyphen."""
        return self.setting.lines[self.first + line].hyphen

    def part(self, first: int, count: int) -> TextBox:
        """Lines ``first`` to ``first + count`` of this box, as they are set."""
        if first == 0 and count == self.count:
            return self
        return TextBox(self.width, self.setting, self.first + first, count)

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        """Draw at ``x``, ``y`` as ``Flowable.drawOn`` does, without keeping ``canvas`` on the
        box: threads building one sheet at once draw the same box (``typeset``)."""
        canvas.saveState()
        canvas.translate(x, y)
        self._draw(canvas)
        canvas.restoreState()

    def _draw(self, canvas: Canvas) -> None:
        """The lines, top down, the first baseline one font size below the top: a text object
        a line, links inside the canvas's link context, underlines after."""
        spec, size = self.spec, self.size
        y = self.height - size
        room = self.width - spec.indent
        for index in range(self.first, self.first + self.count):
            line = self.setting.drawn(index)
            shift = _shift(spec, room, line.width)
            rtl = spec.direction == "rtl"  # (a left-to-right paragraph has no plan to make)
            if not rtl and _plain(canvas, line, shift, y, size):  # most lines
                for run in line.runs:
                    _marks(canvas, run, line, shift + run.x, y, size)
                y -= self.leading
                continue
            underlines = []
            reach = _reach(line.runs, shift)  # one link annotation a link and line
            starts = [_start(line, run, shift) for run in line.runs] if rtl else []
            parts = _parts(line, starts) if rtl else {}
            # A line in display order: a text object a run, each at its place.
            drawn = [[run] for run in line.runs] if line.visual else [line.runs]
            tails = {k for part in parts.values() for k in part.tail}
            for index, runs in enumerate(drawn):
                if index in tails:  # drawn with the run before it
                    continue
                part = parts.get(index, _Part())
                x = shift + (runs[0].x if line.visual else 0.0)
                text = canvas.beginText(x if part.start is None else part.start, y + part.rise)
                spaces, glyphs = (
                    shaping.lead(runs[0].shown, runs[0].font) if line.visual else (0, 0)
                )
                if part.start is None and (spaces or glyphs):  # word spacing skips its first
                    # space, letter spacing moves its first glyph (``_start``)
                    text.moveCursor(spaces * line.word_space - glyphs * line.char_space, 0)
                ends = _NO_ENDS
                if index in parts:  # the runs drawn in this text object, where they start
                    placed = [(line.runs[k], starts[k]) for k in (index, *part.tail)]
                    ends = _ends(part, line, placed, size)
                # Word and letter spacing and the horizontal scale last past the text object:
                # set for a line, and undone after it. A run with no ink (a space of its own)
                # is drawn without them: its object then has no width, and PDFium passes over
                # it, as over a space's glyph with no letter spacing (docs/readers.md).
                has_ink = not line.visual or any(run.text.strip() for run in runs)
                if has_ink:
                    _spacing(text, line)
                for run in runs:
                    text.setFont(run.font, size)
                    _fill(text, run.colour)
                    if not run.link:
                        _out(text, run, ends)
                        continue
                    left, right = shift + run.x, shift + run.x + run.width
                    rect = None
                    if run.link in reach:
                        start, end = reach.pop(run.link)
                        rect = (start, y - _LINK_BELOW * size, end, y + _LINK_ABOVE * size)
                    with canvas.link(run.link, rect, (id(self.setting), run.link)):
                        _out(text, run, ends)
                    if spec.underline_links and run.width:
                        trailing = line.word_space if run.text.endswith(" ") else 0.0
                        if line.visual and shaping.has_rtl(run.text):  # its end is on its left
                            underlines.append((left + trailing, right, run.colour))
                        else:
                            underlines.append((left, right - trailing, run.colour))
                if has_ink:
                    _spacing(text, line, undo=True)
                canvas.drawText(text)
                for run in runs:
                    _marks(canvas, run, line, shift + run.x, y, size)
                if part.end is not None:  # invisible: it ends the run's line for PDFium
                    text = canvas.beginText(part.end, y - _HAIR)
                    text.setFont(runs[0].font, size)
                    text.setTextRenderMode(3)
                    _glyphs_out(text, shaping.unseen(runs[0].font), runs[0].font, _NO_ENDS)
                    text.setTextRenderMode(0)
                    canvas.drawText(text)
            for left, right, colour in underlines:
                canvas.saveState()
                canvas.setStrokeColor(_colour(colour))
                canvas.setLineWidth(_UNDERLINE_WIDTH * size)
                under = y - _UNDERLINE_OFFSET * size
                canvas.line(left, under, right, under)
                canvas.restoreState()
            y -= self.leading


def _out(text: PDFTextObject, run: PlacedRun, ends: _Ends) -> None:
    """Draw a run: its glyphs, shaped or reordered for display when it has them, whose codes
    read back as its letters (see ``shaping.shaped``), or its text; with the empty glyphs
    of its ``ends`` where it can."""
    drawn = _drawn(run)
    if _glyphs_out(text, drawn, run.font, ends):
        return
    if run.glyphs:
        shaping.shapable(run.font)
    text.textOut(drawn)
    for glyphs, move in ends.tail:  # each a text object of its own, at its place
        text._code.append(f"[{fp_str(move)}] TJ")
        text.textOut(glyphs)


def _drawn(run: PlacedRun) -> str:
    """What is drawn of ``run``: its glyphs, or what is shown of it (see ``_out``)."""
    if run.glyphs:
        return run.glyphs
    shown = run.shown or run.text
    return shown.glyphs if isinstance(shown, shaping.Drawn) else shown


def _start(line: SetLine, run: PlacedRun, shift: float) -> float:
    """Where the first glyph of ``run`` (of a line drawn a run at a time) is drawn: its word
    spacing skips a first space drawn before it, letter spacing moves a first empty glyph."""
    if not line.visual:
        return shift
    spaces, glyphs = shaping.lead(run.shown, run.font)
    return shift + run.x + spaces * line.word_space - glyphs * line.char_space


def _parts(line: SetLine, starts: list[float]) -> dict[int, _Part]:
    """How the runs of a right-to-left line are drawn so that PDFium reads each left-to-right
    run of several parts where it stands, by its index (the others as they are).

    Each such run is raised by ``_HAIR`` and its text object started where the first run of
    its stretch of the line starts (the rightmost, read first), an invisible object after it
    lowered by ``_HAIR`` at that place too. PDFium starts a line there: at an object that
    starts level with the one before, where both meet at an empty glyph and one is a little
    above or below the other, and the one before ends left of where it starts. The next run
    with ink starts the next stretch, unless the runs after it have no right-to-left letter
    (a full stop): they are drawn in its text object (``_tail``).

    A line with no right-to-left letter PDFium reads left to right: a full stop after its
    last word, drawn left of it, came first (".info@example.org"); the runs after the first
    are drawn in its text object."""
    runs = line.runs
    if not all(shaping.nothing(run.font) for run in runs):
        return {}
    inked = [index for index, run in enumerate(runs) if run.text.strip()]
    if not any(shaping.has_rtl(run.text) for run in runs):
        tail = _tail(runs, inked[0]) if inked else ()
        return {inked[0]: _Part(tail=tail)} if tail else {}
    plan: dict[int, _Part] = {}
    anchor = inked[0]  # the first run of the stretch of the line that PDFium reads at once
    for index, run in enumerate(runs):
        if not run.glyphs or not several_parts(run.text):
            continue  # not left to right, or one part
        part = plan.get(index, _Part())
        if index > anchor:
            plan[anchor] = plan.get(anchor, _Part())._replace(last=True)
            part = part._replace(start=starts[anchor], first=True)
        tail = _tail(runs, index)  # the rest of the line: no line after it to end
        part = part._replace(rise=_HAIR, last=not tail, tail=tail)
        following = [k for k in inked if k > index]  # (PDFium passes over a space's object)
        if following and not tail:
            part = part._replace(end=starts[anchor])
            plan[following[0]] = _Part(first=True)
            anchor = following[0]
        plan[index] = part
    return plan


def _tail(runs: list[PlacedRun], index: int) -> tuple[int, ...]:
    """The runs after run ``index`` of a line, if PDFium may read them on its line: each with
    ink, glyphs, no right-to-left letter and no marks, in its face and colour, and no link."""
    head, tail = runs[index], range(index + 1, len(runs))
    while tail and not runs[tail[-1]].text.strip():  # a space at the end: drawn as it is
        tail = tail[:-1]
    fits = all(
        run.text.strip()
        and not shaping.has_rtl(run.text)
        and (run.font, run.colour) == (head.font, head.colour)
        and not run.link
        and not (isinstance(run.shown, shaping.Drawn) and run.shown.marks)
        for run in (runs[k] for k in tail)
    )
    return tuple(tail) if fits and not head.link else ()


def _ends(part: _Part, line: SetLine, runs: list[tuple[PlacedRun, float]], size: float) -> _Ends:
    """The empty glyphs a run is drawn with (``_parts``), and the runs of its tail, each with
    where its first glyph starts: the move after the first empty glyph undoes its letter
    spacing, and goes from where its object starts; each run of the tail is moved to from the
    end of the one before; the move before the last empty glyph goes back past the start."""
    (run, start), *tail = runs
    origin = start if part.start is None else part.start
    first = (origin + line.char_space - start) * 1000 / size if part.first else None
    end, moves = start + run.width, []
    for after, at in tail:
        moves.append((_drawn(after), (end - at) * 1000 / size))
        end = at + after.width
    back = (end - origin + 2 * line.char_space) * 1000 / size + _BACK
    return _Ends(first, back if part.last else None, tuple(moves))


def _marks(canvas: Canvas, run: PlacedRun, line: SetLine, x: float, y: float, size: float) -> None:
    """Draw the marks of a run of right-to-left glyphs, starting at ``x`` on baseline ``y``,
    as outlines in its colour (see ``shaping.shaped``); written again as they were the last
    time the run was drawn at the same place (``filled``)."""
    shown = run.shown
    if not isinstance(shown, shaping.Drawn) or not shown.marks:
        return

    def draw() -> None:
        for mark in shown.marks:
            operations, units = shaping.outline(mark.font, mark.gid)
            left = (
                x
                + mark.x * size / 1000
                + mark.glyphs * line.char_space
                + mark.spaces * line.word_space
            )
            bottom = y + mark.y * size / 1000
            path = canvas.beginPath()
            for operation, points in operations:
                placed = [
                    (left if k % 2 == 0 else bottom) + value * size / units
                    for k, value in enumerate(points)
                ]
                getattr(path, operation)(*placed)
            canvas.drawPath(path, stroke=0, fill=1)

    key = (id(shown), x, y, size, line.char_space, line.word_space, run.colour, canvas._fillMode)
    filled(canvas, _colour(run.colour), _marked, key, shown, draw)


_marked: Kept = {}  # what the marks of each run last wrote (kept while its line's setting is)


def _glyphs_out(text: PDFTextObject, glyphs: str, font_name: str, ends: _Ends) -> bool:
    """Draw kerned glyphs (a ``ShapedStr`` on one baseline, or codes at their advances) as
    ReportLab's ``textOut`` does, operator for operator (``_glyph_operator``): False, drawing
    nothing, where ReportLab's own way is needed."""
    document = text._canvas._doc
    size, leading = text._fontsize, text._leading
    found = _glyph_operator(glyphs, font_name, ends, document, text._curSubset, size, leading)
    if found is None:
        return False
    text._code.append(found[0])
    text._curSubset = found[1]
    return True


def _glyph_operator(
    glyphs: str,
    font_name: str,
    ends: _Ends,
    document: Any,
    current: int,
    size: float,
    leading: float,
) -> tuple[str, int] | None:
    """The operators that show ``glyphs`` (with the empty glyphs of ``ends``) in ``document``,
    the font's subset ``current`` set before them, and the subset they set: from their groups
    between kerning adjustments (``_groups``, found once in a process). None where ReportLab's
    own way is needed (glyphs in two subsets of the font, marks raised or lowered). The
    operator is written again as it was the last time the same glyphs were drawn with the
    same codes (a rebuild of the lines a process kept)."""
    font = getFont(font_name)
    found = _groups(glyphs) if hasattr(glyphs, "__shapeData__") else [(0, len(glyphs), "")]
    if found is None:
        return None
    groups, (first, last, tail) = list(found), ends
    for more, move in tail:  # the runs drawn after this one, each moved to
        extra = _groups(more) if hasattr(more, "__shapeData__") else [(0, len(more), "")]
        if extra is None:
            return None
        start, end, after = groups[-1]
        groups[-1] = (start, end, _adjustment([float(after or 0), move]))
        groups += [(start + len(glyphs), end + len(glyphs), after) for start, end, after in extra]
        glyphs += more
    empty = "" if ends == _Ends() else shaping.nothing(font_name) or ""
    if first is not None:  # pdf.js drops the move after a glyph it skips: moved in two
        moved = [(0, 1, "1"), (1, 1, fp_str(first - 1))] if first else [(0, 1, "")]
        groups = moved + [(start + 1, end + 1, after) for start, end, after in groups]
        glyphs = empty + glyphs
    if last is not None:
        start, end, after = groups[-1]
        moves = [float(move) for move in (after, fp_str(last)) if move]
        groups[-1] = (start, end, _adjustment(moves))
        groups.append((end, end + 1, ""))
        glyphs += empty
    split = _split(font, glyphs, document)
    if len(split) != 1:
        return None
    subset, codes = split[0]
    shown = _shown(glyphs, ends, codes, groups)
    if subset != current:
        name = _subset_name(font, subset, document)
        shown = f"{_font_set(name, size, leading)} {shown}"
    return shown, subset


@lru_cache(maxsize=256)
def _font_set(name: str, size: float, leading: float) -> str:
    """The operators that set a font subset, its size and leading, as ReportLab writes them."""
    return f"{name} {fp_str(size)} Tf {fp_str(leading)} TL"


def _split(font: Any, glyphs: str, document: Any) -> list[tuple[int, bytes]]:
    """``font.splitString(glyphs, document)``: the codes ``document`` gives ``glyphs``, in the
    subsets of ``font`` they fall in. Glyphs that ReportLab gave codes in its first subset
    earlier (seen here: it never changes a code it gave) are looked up; only the others are
    split, in the order they come (ReportLab gives codes in the order it meets glyphs)."""
    if not glyphs:
        return font.splitString(glyphs, document)
    table, seen, _ = _coded(font, document)
    if not seen.issuperset(glyphs):
        new = "".join(dict.fromkeys(glyph for glyph in glyphs if glyph not in seen))
        split: list[tuple[int, bytes]] = font.splitString(new, document)
        if len(split) != 1 or split[0][0] != 0:  # in another subset: split as ReportLab does
            return font.splitString(glyphs, document)
        table.update(zip(map(ord, new), split[0][1], strict=True))
        seen.update(new)
    return [(0, glyphs.translate(table).encode("latin-1"))]


class _Coded(NamedTuple):
    """What a document gave a font's glyphs in its first subset, as ReportLab split them."""

    table: dict[int, int]  # each glyph's code
    seen: set[str]  # the glyphs coded
    name: list[str]  # the subset's name, once asked for


def _coded(font: Any, document: Any) -> _Coded:
    """What ``document`` gave ``font``'s glyphs (the last document drawn on found at once)."""
    global _last
    last = _last
    if last is not None and last[0]() is document:
        fonts = last[1]
    else:
        fonts = _codes.setdefault(document, {})
        _last = (ref(document), fonts)
    coded = fonts.get(font.fontName)
    if coded is None:
        coded = fonts[font.fontName] = _Coded({}, set(), [])
    return coded


def _subset_name(font: Any, subset: int, document: Any) -> str:
    """``font.getSubsetInternalName(subset, document)``, the first's asked once a document."""
    if subset:
        return str(font.getSubsetInternalName(subset, document))
    name = _coded(font, document).name
    if not name:
        name.append(font.getSubsetInternalName(0, document))
    return name[0]


_codes: WeakKeyDictionary[Any, dict[str, _Coded]] = WeakKeyDictionary()
_last: tuple[ref[Any], dict[str, _Coded]] | None = None


def _shown(glyphs: str, ends: _Ends, codes: bytes, groups: list[tuple[int, int, str]]) -> str:
    """The operator that shows ``glyphs`` (with the empty glyphs of ``ends``) under their
    ``codes``, in their ``groups``: their TJ array, or Tj for one group without adjustments;
    kept for the next time they are drawn with the same codes."""
    kept = _written.get(id(glyphs))
    if kept is not None and kept[0] is glyphs and kept[1] == ends and kept[2] == codes:
        return kept[3]
    parts = [
        part
        for start, end, after in groups
        for part in (f"({escapePDF(codes[start:end])})" if end > start else "", after)
        if part
    ]
    if len(parts) == 1 and parts[0].startswith("("):
        shown = f"{parts[0]} Tj"
    else:
        shown = f"[{' '.join(parts)}] TJ"
    if len(_written) > _KEPT_GROUPS:
        _written.clear()
    _written[id(glyphs)] = (glyphs, ends, codes, shown)
    return shown


# What each run of glyphs last wrote (kept while its line's setting is): ends, codes, operator.
_written: dict[int, tuple[str, _Ends, bytes, str]] = {}

# The groups of each run of glyphs drawn (kept while its line's setting is): ReportLab's TJ
# array for it, but for the codes, which each document gives anew.
_group_cache: dict[int, tuple[str, list[tuple[int, int, str]] | None]] = {}


def _groups(glyphs: str) -> list[tuple[int, int, str]] | None:
    """The glyphs between kerning adjustments, as ReportLab's TJ array holds them: for each
    group its first and last glyph (a leading adjustment: an empty group) and the adjustment
    after it ("" where there is none); None for glyphs raised or lowered."""
    known = _group_cache.get(id(glyphs))
    if known is not None and known[0] is glyphs:
        return known[1]
    data = glyphs.__shapeData__  # type: ignore[attr-defined]
    found: list[tuple[int, int, str]] | None = _grouped(data)
    if any(glyph.y_offset or glyph.cluster < 0 for glyph in data):
        found = None
    if len(_group_cache) > _KEPT_GROUPS:
        _group_cache.clear()
    _group_cache[id(glyphs)] = (glyphs, found)
    return found


_KEPT_GROUPS = 20_000


def _grouped(data: list[Any]) -> list[tuple[int, int, str]]:
    """``_groups`` of glyphs on one baseline, from their shape data."""
    found: list[tuple[int, int, str]] = []
    pending: list[float] = [-data[0].x_offset] if data else []
    start = 0
    for index, glyph in enumerate(data):
        if any(pending):  # an adjustment before this glyph ends the group before it
            found.append((start, index, _adjustment(pending)))
            start = index
        pending = [glyph.width - glyph.x_advance + glyph.x_offset]
        if index + 1 < len(data):
            pending.append(-data[index + 1].x_offset)
    if data:
        found.append((start, len(data), _adjustment(pending) if any(pending) else ""))
    return found


def _adjustment(numbers: list[float]) -> str:
    """Kerning adjustments between two glyphs, summed as ReportLab writes them ("" for 0)."""
    value = fp_str(sum(number for number in numbers if number))
    return "" if value == "0" else value


def _plain(canvas: Canvas, line: SetLine, x: float, y: float, size: float) -> bool:
    """Draw a line of runs in turn with no link as ``TextBox.draw`` draws it, operator for
    operator, its operators joined at once: False, drawing nothing, where its own way is
    needed (runs each at its place, a link, a colour's opacity to set, glyphs ReportLab
    splits itself). The operators are written again as they were the last time the line was
    drawn at the same place with the same codes (``_lines``)."""
    if line.visual or canvas._enforceColorSpace is not None:
        return False
    alpha, document = canvas._extgstate.getValue("ca"), canvas._doc
    codes = []  # each run's glyphs as the document codes them, and the subset it names
    for run in line.runs:
        if run.link or _colour(run.colour).alpha != alpha:
            return False
        font = getFont(run.font)
        split = _split(font, _drawn(run), document)
        if len(split) != 1:
            return False
        codes.append((_subset_name(font, split[0][0], document), split[0][1]))
    key = (x, y, size, codes)
    kept = _lines.get(id(line))
    if kept is None or kept[0] is not line or kept[1] != key:
        written = _line_operators(line, x, y, size, document)
        if written is None:
            return False
        if len(_lines) > _KEPT_GROUPS:
            _lines.clear()
        kept = _lines[id(line)] = (line, key, written)
    if line.runs:
        document.ensureMinPdfVersion("transparency")  # as setting a run's opacity does
    canvas._code.append(kept[2])
    return True


# What each plain line last wrote (kept while its setting is): where, in which size and codes.
_lines: dict[int, tuple[SetLine, tuple[float, float, float, list[tuple[str, bytes]]], str]] = {}


def _line_operators(line: SetLine, x: float, y: float, size: float, document: Any) -> str | None:
    """The text object of a plain line (``_plain``) at ``x``, ``y`` in ``document``, or None."""
    before, after = _spacing_operators(line.word_space, line.char_space, line.scale)
    out = ["BT", _origin(x, y), *before]
    for run in line.runs:
        found = _glyph_operator(_drawn(run), run.font, _NO_ENDS, document, -1, size, size * 1.2)
        if found is None:
            return None
        out += (_fill_operator(run.colour), found[0])
    return " ".join([*out, *after, "ET"])


def _origin(x: float, y: float) -> str:
    """The operator that starts a text object at ``x``, ``y``, as ReportLab writes it."""
    return f"1 0 0 1 {fp_str(x, y)} Tm"


def _spacing(text: PDFTextObject, line: SetLine, undo: bool = False) -> None:
    """Set a line's word and letter spacing and horizontal scale where they differ from the
    defaults; with ``undo``, set them back, as they last past the text object."""
    text._code += _spacing_operators(line.word_space, line.char_space, line.scale)[undo]


@lru_cache(maxsize=1024)
def _spacing_operators(
    word: float, char: float, scale: float
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The operators that set word spacing ``word``, letter spacing ``char`` and horizontal
    scale ``scale`` where they differ from the defaults (0, 0, 100%), and those that set them
    back, as ReportLab's ``setWordSpace``, ``setCharSpace`` and ``setHorizScale`` write them."""
    changed = [
        (f"{fp_str(value)} {operator}", f"{fp_str(default)} {operator}")
        for value, default, operator, differs in (
            (word, 0.0, "Tw", word),
            (char, 0.0, "Tc", char),
            (scale * 100, 100.0, "Tz", scale != 1.0),
        )
        if differs
    ]
    return tuple(set_ for set_, _ in changed), tuple(undo for _, undo in changed)


def _reach(runs: list[PlacedRun], shift: float) -> dict[str, tuple[float, float]]:
    """Where each link of a line starts and ends (from its leftmost run to its rightmost:
    a link of Arabic and Latin words is drawn in several runs)."""
    reach: dict[str, tuple[float, float]] = {}
    if not any(run.link for run in runs):  # (most lines)
        return reach
    for run in sorted(runs, key=lambda run: run.width == 0):  # a space at the end: its own
        if run.link:
            left, right = reach.get(run.link, (math.inf, -math.inf))
            if run.width or left > right:
                left, right = min(left, shift + run.x), max(right, shift + run.x + run.width)
            reach[run.link] = (left, right)
    return reach


def _shift(spec: TypeSpec, room: float, width: float) -> float:
    """Where a line of ``width`` starts: at the indent on the start side (the right in a
    right-to-left paragraph), or at the other side, or centred."""
    if spec.align == "center":
        return (0.0 if spec.direction == "rtl" else spec.indent) + (room - width) / 2
    flush_end = spec.align == "right"
    if spec.direction == "rtl":
        return 0.0 if flush_end else room - width
    return spec.indent + (room - width if flush_end else 0.0)


@cache
def _colour(hex_colour: str) -> Color:
    return HexColor(hex_colour)


def _fill(text: PDFTextObject, hex_colour: str) -> None:
    """Set a run's colour as ReportLab's ``setFillColor`` does (an operator a run), with the
    operator found once, and its opacity only where it is not the one set (where ReportLab
    writes nothing)."""
    colour = _colour(hex_colour)
    if text._enforceColorSpace is not None:
        text.setFillColor(colour)
        return
    text._fillColorObj = colour
    text._code.append(_fill_operator(hex_colour))
    canvas = text._canvas
    if colour.alpha == canvas._extgstate.getValue("ca"):
        canvas._doc.ensureMinPdfVersion("transparency")  # as setting it does
    else:
        text.setFillAlpha(colour.alpha)


@cache
def _fill_operator(hex_colour: str) -> str:
    colour = _colour(hex_colour)
    return f"{fp_str((colour.red, colour.green, colour.blue))} rg"


def typeset(runs: Runs, spec: TypeSpec, width: float) -> TextBox:
    """``runs`` set in ``spec`` at ``width`` points: the same box for the same text, spec and
    width in a process (the fit's trials ask for most of a page's boxes in every arrangement,
    and every build of ``watch`` and ``preview`` again)."""
    key = (runs, spec, width)
    box = _boxes.get(key)
    if box is None:
        box = TextBox(width, set_lines(measure(runs, spec), spec, width))
        _boxes.put(key, box)
    return box


_boxes: Recent[tuple[Runs, TypeSpec, float], TextBox] = Recent(KEPT)
