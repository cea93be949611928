"""Setting: a paragraph broken into lines at one width and size, each line placed once.

Takes ``Measured`` items and a ``TypeSpec``; gives a ``Setting``: the lines ``linebreak``
chooses, first without hyphens, then with, then looser with letter spacing, and each line
placed for drawing (``line.place``) once, when first asked for; kept in the process for the
same paragraph, spec and width. Justified Chinese is set on a grid: lines of whole characters.
A justified Latin, Cyrillic or Greek paragraph that no setting keeps within the tolerance at
its width is set ragged instead, every line (and still strained, so the page weighs another
size). One that keeps it only by parting a number from its unit ("$3.5 | million") is set
ragged too, where that takes no more lines, and strained as well: the page weighs it as a
paragraph too loose to justify, and tries smaller sizes, further, for one that keeps them
together and justified (no setting on a line more keeps them within the tolerance either).
A paragraph whose neighbouring lines' word spaces, as drawn, are far apart is set again on as
many lines, with no more hyphens, their differences costing (``_evener``).
No line before a paragraph's last ends with a hyphen (its tail would start the last line): a
paragraph that only such a hyphen keeps within the tolerance is set ragged, and is awkward (as
a hyphen there weighed before: the page weighs another size).
A justified Arabic paragraph counts on a kashida of one tatweel in three words of a line at
most; one that needs them longer, or in more words, is awkward: the page weighs another size
(``kashida``). A word alone on its last line is taken up by kashidas of two tatweels in those
few words, where they can, never by kashidas in every word.
Text that must not break inside
a word (headings, names, labels: ragged, without hyphenation) is set smaller when one word is
wider than its box; justified text breaks such a word anywhere, as a last resort
(``measure.split_boxes``). ``unbroken`` sets text on lines as long as it needs: its natural
width, the one measure of text that is not broken (a chart's label, a table's column).
"""

from __future__ import annotations

import functools
import math
from collections import OrderedDict
from collections.abc import Hashable
from itertools import pairwise
from typing import Generic, TypeVar

from ..content.runs import Runs
from . import kashida, shaping
from .line import SCRIPT_TOLERANCE, SetLine, place
from .linebreak import SHORT_LAST, TOLERANCE, Breaker, Line, Rules, apart, jumps
from .measure import SOFT_HYPHEN, Measured, measure, split_boxes
from .spec import TypeSpec
from .spread import COMPRESSION

UNBROKEN = 1e5  # points: a width no one line of text needs to break at
_SMALLEST_STEP = 0.5  # how far text that must not break may step down for a wide word
_UNHYPHENATED = 1.0  # the tolerance of lines set without hyphenating
_TRACKED = 4.0  # the tolerance of lines that letter spacing helps
EXPANSION = COMPRESSION / TOLERANCE  # how far glyphs stretch at a ratio of 1 (2% at the tolerance)
_RAGGED = 3.0  # stretch at a ragged line's end, in ems: how uneven ragged lines may be
_RAGGED_ALONE = 1.5  # the tolerance of ragged lines that take up a word alone on the last
# Chinese: a line's punctuation set half-width counts as a ratio of -0.3 at most: dearer than
# a line set natural (two such lines cost more than a line saved), cheaper than a line of up to
# 33 ideographs spaced an em apart in all (clreq: compress first, then spread)
_SQUEEZE = 0.3
_JUMP = 1e8  # what a line two classes tighter or looser than the one before costs, to smooth
# Of a paragraph's lines that go on, the share its hyphens may reach to set it without a loose
# line beside a tight one (a page's share stays within 15%: few paragraphs need them)
_SMOOTHING = 0.25

# A paragraph two of whose neighbouring lines' word spaces, as drawn, differ by more than this
# many natural spaces is set again with their differences costing ``_EVEN`` by their square (a
# hyphen costs 10 times as much, a line at the tolerance a third): ``_evener``
_UNEVEN = 0.3
_EVEN = 1e5


class Setting:
    """A paragraph broken into lines at one width, and the size it is set at; each line is
    placed for drawing when first asked for, and kept (``drawn``)."""

    def __init__(
        self,
        measured: Measured,
        spec: TypeSpec,
        size: float,
        room: float,
        lines: list[Line],
        strained: bool = False,
        awkward: bool = False,
    ) -> None:
        self.measured, self.spec, self.size = measured, spec, size
        self.room = room  # the line width, at unit size
        self.lines = lines
        self.strained = strained  # a line had to be looser than letter spacing can make good
        # only a hyphen ending the last line but one would have justified it (it is set ragged
        # instead), or words that belong together part,
        # or Arabic words take longer kashidas, or more of them, than a typographer's few
        self.awkward = awkward
        self._drawn: list[SetLine | None] = [None] * len(lines)

    def drawn(self, index: int) -> SetLine:
        """Line ``index`` as drawn."""
        line = self._drawn[index]
        if line is None:
            last = index == len(self.lines) - 1
            line = place(self.measured, self.spec, self.size, self.room, self.lines[index], last)
            self._drawn[index] = line
        return line

    @functools.cached_property
    def rtl(self) -> bool:
        """Whether the paragraph holds a right-to-left letter (Hebrew, Arabic)."""
        return shaping.has_rtl("".join(fragment.text for fragment in self.measured.fragments))

    @property
    def width(self) -> float:
        """The widest line's width, in points."""
        return max((self.drawn(i).width for i in range(len(self.lines))), default=0.0)


def unbroken(runs: Runs, spec: TypeSpec) -> Setting:
    """``runs`` set in ``spec`` on lines as long as they need (only a line break breaks one)."""
    return set_lines(measure(runs, spec), spec, UNBROKEN)


@functools.lru_cache(maxsize=4096)
def natural_width(runs: Runs, spec: TypeSpec) -> float:
    """How wide ``runs`` are drawn in ``spec`` unbroken (their widest line), in points: the
    measure of text placed by its width (a chart's labels, a contents page's numbers)."""
    return unbroken(runs, spec).width


def set_lines(measured: Measured, spec: TypeSpec, width: float) -> Setting:
    """The paragraph broken into lines of ``width`` points, at the spec's size or, when text
    that must not break (ragged and unhyphenated) has a word wider than the line, smaller;
    broken and placed once in a process for the same paragraph, spec and width (the layout's
    trials of a build, and every build of ``watch`` and ``preview`` where it did not change)."""
    key = (id(measured.breaker), spec, width)
    known = _settings.get(key)
    if known is not None and known[0] is measured.breaker:
        return known[1]
    setting = _set_lines(measured, spec, width)
    _settings.put(key, (measured.breaker, setting))
    return setting


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Recent(Generic[K, V]):
    """Results kept in the process by their arguments, up to ``most``, the least recently
    used going first (never all at once: a sheet's own trials stay)."""

    def __init__(self, most: int) -> None:
        self.most = most
        self._kept: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The result kept for ``key``, or None."""
        found = self._kept.get(key)
        if found is not None:
            self._kept.move_to_end(key)
        return found

    def put(self, key: K, value: V) -> None:
        """Keep ``value`` for ``key``."""
        while len(self._kept) >= self.most:
            self._kept.popitem(last=False)
        self._kept[key] = value

    def clear(self) -> None:
        """Forget every result."""
        self._kept.clear()


# Each paragraph's settings by its breaker (held, so that its id names it), spec and width: a
# sheet's fit trials on both papers ask for up to about 9,000 (an Arabic sidebar sheet on A4
# weighs sixteen arrangements at ten sizes each).
KEPT = 16_384
_settings: Recent[tuple[int, TypeSpec, float], tuple[Breaker, Setting]] = Recent(KEPT)


@functools.lru_cache(maxsize=4096)
def looser(setting: Setting, looseness: int = 1) -> Setting | None:
    """``setting``'s paragraph set ``looseness`` lines longer (TeX's \\looseness; shorter if
    negative), for columns that end a line apart: Latin, Greek or Cyrillic within the
    tolerance with hyphens and letter spacing, as smooth as ``_smoother`` sets them; Arabic
    with kashidas of at most ``kashida.LONGEST`` tatweels in a few words of a line, Hebrew
    with letter spacing, with no loose line beside a tight one; None if it cannot be, or is
    not justified, or is Chinese."""
    spec, measured = setting.spec, setting.measured
    if spec.align != "justify" or spec.cjk:
        return None
    breaker, room = measured.breaker, setting.room
    if measured.shaped or spec.direction == "rtl":
        kashidas = _kashidas(measured)
        script = Rules(
            tolerance=SCRIPT_TOLERANCE, tracking=1 / SCRIPT_TOLERANCE, address_words=True
        )
        tried = _rungs(script, kashidas)[: kashida.LONGEST] if kashidas else [script]
        alone = _alone(breaker, setting.lines)
        for rules in tried:
            lines = breaker.breaks(room, rules._replace(looseness=looseness))
            if (
                lines is not None
                and len(lines) == len(setting.lines) + looseness
                and not jumps(lines)
                and (alone or not _alone(breaker, lines))
            ):
                return Setting(measured, spec, setting.size, room, lines)
        return None
    rules = Rules(
        expand=EXPANSION,
        compress=COMPRESSION,
        tracking=1 / TOLERANCE,
        most_hyphens=1,
        looseness=looseness,
    )
    lines = breaker.breaks(room, rules)
    if lines is None or len(lines) != len(setting.lines) + looseness:
        return None
    if _short(breaker, lines) and not _short(breaker, setting.lines):
        return None  # not at the cost of a short word alone on its last line
    if jumps(lines):  # a loose line beside a tight one
        lines = _smoother(breaker, room, rules, lines)
    lines = _evener(breaker, room, rules, lines)
    return Setting(measured, spec, setting.size, room, lines)


def _hyphens(lines: list[Line]) -> int:
    """How many of ``lines`` end with a hyphen."""
    return sum(line.hyphen for line in lines)


def _smoother(breaker: Breaker, room: float, rules: Rules, lines: list[Line]) -> list[Line]:
    """``lines``, or the paragraph set on as many lines with fewer neighbouring lines more
    than one class of tightness apart (or as few, and no word alone on its last line, but
    never a short word alone where it had none), within the tolerance with letter spacing: without
    hyphens if that sets none, else the one of the two with fewer, with no more hyphens than
    it has (one more to part a very loose line from a tight one) or ``_SMOOTHING`` of its
    lines that go on, none on its last line but one nor two in a row."""
    smooth = rules._replace(
        tolerance=TOLERANCE,
        emergency=False,
        fitness=_JUMP,
        clash=_JUMP,
        most_hyphens=1,
    )
    hyphens = _hyphens(lines)
    budget = max(hyphens + bool(jumps(lines, 2)), int(_SMOOTHING * (len(lines) - 1) + 1e-9))
    best = lines
    for tried in (smooth._replace(hyphenate=False), smooth):
        found = breaker.breaks(room, tried)
        if found is not None and len(found) != len(lines):  # as many lines (TeX's looseness)
            more = len(lines) - len(found) + tried.looseness
            found = breaker.breaks(room, tried._replace(looseness=more))
        if (
            found is not None
            and len(found) == len(lines)
            and (jumps(found), _alone(breaker, found)) < (jumps(best), _alone(breaker, best))
            and _hyphens(found) <= budget
            and (_short(breaker, best) or not _short(breaker, found))
        ):
            best = found
        if not jumps(best) and not _alone(breaker, best):
            break
    return best


def _unevenness(breaker: Breaker, room: float, lines: list[Line]) -> list[float]:
    """How far each two neighbouring lines that go on in their paragraph are apart, as drawn
    (``apart``): their word spaces' difference in natural spaces, with their glyphs' expansion
    and letter spacing's (lines of no spaces aside)."""
    drawn = [breaker.drawn(line.start, line.end, room) for line in lines[:-1]]
    return [math.sqrt(apart(a, b)) for a, b in pairwise(drawn) if a[0] and b[0]]


def _evener(breaker: Breaker, room: float, rules: Rules, lines: list[Line]) -> list[Line]:
    """``lines``, or, where two neighbours' word spaces are more than ``_UNEVEN`` apart as
    drawn, the paragraph set on as many lines with the squares of their differences costing
    ``_EVEN`` (``Rules.even``), if that sets them nearer, with no more hyphens nor lines two
    classes of tightness from the one before (the page weighs the paragraph as it did), none
    ending inside a word where one ended at a typed hyphen, nor two neighbours further apart."""
    apart = _unevenness(breaker, room, lines)
    if max(apart, default=0.0) <= _UNEVEN or any(line.ratio > TOLERANCE for line in lines[:-1]):
        return lines
    hyphens = _hyphens(lines)
    tried = rules._replace(
        tolerance=TOLERANCE, emergency=False, even=_EVEN, most_hyphens=1, hyphenate=hyphens > 0
    )
    found = breaker.breaks(room, tried)
    if found is not None and len(found) != len(lines):  # as many lines (TeX's looseness)
        more = len(lines) - len(found) + tried.looseness
        found = breaker.breaks(room, tried._replace(looseness=more))
    if found is None or len(found) != len(lines) or jumps(found) > jumps(lines):
        return lines
    nearer = _unevenness(breaker, room, found)
    if (
        _hyphens(found) > hyphens
        or _inside(breaker, found) > _inside(breaker, lines)
        or max(nearer, default=0.0) > max(apart)
        or sum(d * d for d in nearer) >= sum(d * d for d in apart)
    ):
        return lines
    return found


def _inside(breaker: Breaker, lines: list[Line]) -> int:
    """How many of ``lines`` end inside a word (a hyphen added, not typed)."""
    return sum(breaker.inside[line.end] for line in lines)


def _runt(breaker: Breaker, lines: list[Line]) -> bool:
    """Whether the last of several ``lines`` holds a single word."""
    last = lines[-1]
    return len(lines) > 1 and breaker.glues[last.end] == breaker.glues[last.start]


def _alone(breaker: Breaker, lines: list[Line] | None) -> bool:
    """Whether the last of several ``lines`` holds a single word, or a short one alone."""
    return lines is not None and (_runt(breaker, lines) or _short(breaker, lines))


def _short(breaker: Breaker, lines: list[Line] | None) -> bool:
    """Whether the last of several ``lines`` is a short word alone (``SHORT_LAST``), which
    rule 4 never allows where another setting exists; not after a line break, nor if there
    are no lines."""
    if lines is None or len(lines) < 2 or lines[-2].end in breaker.forced_at:
        return False
    last = lines[-1]
    return breaker.total_w[last.end] - breaker.total_w[last.start] < SHORT_LAST


def _least_loose(breaker: Breaker, room: float, rules: Rules) -> list[Line] | None:
    """The lines whose loosest line is least loose (to a hundredth of the tolerance), when
    none can be within ``rules.tolerance``: the smallest tolerance up to ``_TRACKED`` that
    some setting keeps, found by halving; None if none up to ``_TRACKED`` does."""
    best = breaker.breaks(room, rules._replace(tolerance=_TRACKED))
    low, high = rules.tolerance, _TRACKED
    while best is not None and high - low > 0.01 * rules.tolerance:
        middle = (low + high) / 2
        found = breaker.breaks(room, rules._replace(tolerance=middle))
        if found is None:
            low = middle
        else:
            best, high = found, middle
    return best


def _kashidas(measured: Measured) -> float:
    """How far an Arabic word of the paragraph grows by a kashida, at most (0: none does)."""
    return max(
        (
            i.stretch
            for i, f in zip(measured.items, measured.fragments, strict=True)
            if shaping.joins(f.text)
        ),
        default=0.0,
    )


def _rungs(rules: Rules, kashidas: float) -> list[Rules]:
    """``rules`` for an Arabic paragraph, by the kashidas they count on, the fewest first: a
    tatweel in ``kashida.MOST`` words of a line at most (``kashidas`` the widest), then longer,
    to ``kashida.LONGEST`` tatweels; then in as many words as it takes; then twice as long."""
    few = rules._replace(
        tolerance=TOLERANCE,
        grow=kashida.MOST * kashidas,
        spaces_first=True,
        fitness=_JUMP,
        clash=_JUMP,
    )
    rungs = [few._replace(tracking=n / TOLERANCE) for n in range(1, kashida.LONGEST + 1)]
    rungs.append(rungs[-1]._replace(grow=math.inf))
    rungs.append(rungs[-1]._replace(tracking=2 * kashida.LONGEST / TOLERANCE))
    return rungs


def _kashida_lines(
    breaker: Breaker, room: float, rules: Rules, kashidas: float
) -> tuple[list[Line] | None, Rules, bool]:
    """An Arabic paragraph's lines, as a typographer sets them: spaces to 1.6 natural and a
    kashida of one tatweel in ``kashida.MOST`` words of a line at most (``kashidas`` the
    widest); else kashidas longer, to ``kashida.LONGEST`` tatweels; else in as many words as it
    takes; else twice as long, where no word is left; each the next too where its
    lines set a loose line beside a tight one, if that sets none (a line classed by its spaces
    as drawn, to 1.5 natural before kashidas, and a line two classes from the one before
    costing as much as it can). Lines found that leave a word alone on the last line (or a
    short word) give way to the next rungs' of a few words' kashidas, to ``kashida.LONGEST``
    tatweels, that take it up with no loose line beside a tight one: the paragraph is no more
    awkward for it. The rules of the lines found (else of the last tried), and whether they
    needed more than the first."""
    rungs = _rungs(rules, kashidas)
    found: tuple[list[Line], Rules, bool] | None = None
    for rung, tried in enumerate(rungs):
        lines = breaker.breaks(room, tried)
        if lines is not None and found is None:
            found = lines, tried, rung > 0
        if lines is not None and not jumps(lines):  # (a loose line beside a tight one)
            for later in rungs[rung + 1 : kashida.LONGEST] if _alone(breaker, lines) else ():
                other = breaker.breaks(room, later)  # a word alone taken up by kashidas
                if other is not None and not jumps(other) and not _alone(breaker, other):
                    return other, later, rung > 0
            return lines, tried, rung > 0
    return found or (None, rungs[-1], True)


def _set_lines(measured: Measured, spec: TypeSpec, width: float) -> Setting:
    size = spec.size
    room = (width - spec.indent) / size
    whole = not spec.hyphenation and spec.align != "justify"  # never broken inside words
    if whole and measured.widest > room > 0:  # smaller, to half size at most
        step = max(room / measured.widest, _SMALLEST_STEP)
        size *= step
        room /= step
    if measured.widest > room:
        measured = split_boxes(measured, max(room, 1e-3), spec.faces, False, spec.hyphenation)
    justified = spec.align == "justify"
    if spec.cjk and justified and room >= 1:  # Chinese on a grid: lines of whole characters
        room = math.floor(room + 1e-6)
    glyph_lines = not (spec.cjk or measured.shaped or spec.direction == "rtl")
    tolerance = TOLERANCE if glyph_lines else SCRIPT_TOLERANCE
    rules = Rules(
        tolerance=tolerance,
        ragged=0.0 if justified else _RAGGED,
        balance=spec.balance,
        squeeze=_SQUEEZE if spec.cjk else 1.0,
        cjk=spec.cjk,
    )
    if justified and glyph_lines:  # glyphs stretch and shrink a little (hz)
        rules = rules._replace(expand=EXPANSION, compress=COMPRESSION)
    kashidas = 0.0  # how far an Arabic word grows by a kashida, at most
    if justified and not glyph_lines and not spec.cjk:  # kashidas and letter spacing help
        rules = rules._replace(tracking=1 / SCRIPT_TOLERANCE, address_words=True)  # Arabic,
        # Hebrew: letter spacing from the first, and a line before an address's pieces short
        kashidas = _kashidas(measured)
    longer = False  # an Arabic paragraph's kashidas longer, or in more words, than a few
    if kashidas:
        lines, rules, longer = _kashida_lines(measured.breaker, room, rules, kashidas)
    else:  # first without hyphenating, if every line then is about as good as it gets (TeX)
        lines = measured.breaker.breaks(
            room, rules._replace(tolerance=_UNHYPHENATED, hyphenate=False)
        )
        if justified and glyph_lines:  # then letter spacing may help too, a little
            rules = rules._replace(tracking=1 / TOLERANCE)
            if lines is None or _runt(measured.breaker, lines):  # still without hyphens, if
                # it can (and a word alone on the last line taken up, if that can be)
                found = measured.breaker.breaks(room, rules._replace(hyphenate=False))
                if lines is None or (found is not None and not _runt(measured.breaker, found)):
                    lines = found
        for tried in (rules._replace(most_hyphens=1), rules):  # hyphens, never two in a row;
            # two in a row only where nothing else works (or takes up a short word alone)
            if lines is None or _short(measured.breaker, lines):
                found = measured.breaker.breaks(room, tried)
                if lines is None or (found is not None and not _short(measured.breaker, found)):
                    lines = found
    if lines is None and justified and glyph_lines and not spec.cjk:  # never a hyphen before
        # the last line (its tail would start that line): where only one keeps the tolerance, the
        # paragraph is set ragged, and weighs a line at a column's foot (the page tries sizes)
        ending = measured.breaker.breaks(room, rules._replace(hyphen_before_last=True))
        if ending is not None:
            instead = _ragged(measured, spec, width)
            instead.strained, instead.awkward = False, True
            return instead
    untied = False
    if lines is None and justified:  # words that belong together part, not to gape a line
        lines = measured.breaker.breaks(room, rules._replace(untie=True))
        untied = lines is not None
    if untied and lines is not None and glyph_lines and not spec.cjk:  # or rather, ragged
        instead = _ragged(measured, spec, width)
        if len(instead.lines) <= len(lines):  # if that takes no more lines
            instead.strained, instead.awkward = True, True
            return instead
    if lines is None:  # some line must be loose: as little as can be, letter spacing taking
        lines = _least_loose(measured.breaker, room, rules)  # what spaces cannot
    if lines is None:  # a line must be looser still: the least loose, then
        rules = rules._replace(tolerance=_TRACKED, emergency=True)
        lines = measured.breaker.breaks(room, rules)
    strained = lines is None
    if lines is None:  # and three hyphenated lines in a row, if there is no other way
        lines = measured.breaker.breaks(room, rules._replace(most_hyphens=len(measured.items)))
    if lines is None:  # boxes that may not part are too wide together: they part
        hyphen = max(item.width for item in measured.items if item.kind == "penalty")
        measured = split_boxes(
            measured, max(room - hyphen, 1e-3), spec.faces, True, spec.hyphenation
        )
        rules = rules._replace(most_hyphens=len(measured.items), hyphen_before_last=True)
        lines = measured.breaker.breaks(room, rules)
    if lines is None:  # a column narrower than a letter and a hyphen: the lines overrun it
        lines = measured.breaker.breaks(max(room, measured.widest + hyphen), rules)
    if lines is None:
        raise RuntimeError("a paragraph could not be broken into lines")
    if not justified and _alone(measured.breaker, lines):  # ragged lines shorter, if that
        # takes up a word alone on the last
        found = measured.breaker.breaks(
            room, rules._replace(tolerance=_RAGGED_ALONE, hyphenate=False)
        )
        if found is not None and not _alone(measured.breaker, found):
            lines = found
    if justified and glyph_lines and jumps(lines):  # a loose line beside a tight one
        lines = _smoother(measured.breaker, room, rules, lines)
    if justified and glyph_lines and not spec.cjk:
        lines = _evener(measured.breaker, room, rules, lines)
    # The line before the last hyphenated (only where boxes too wide for the line parted: its
    # tail starts the last line) makes a paragraph awkward, so the page weighs another size, as
    # a paragraph set ragged for want of one does (a two-line list item's first line too:
    # another size may set it whole); so does a number
    # parted from its unit ("$3.5 | million"), which no setting within the tolerance keeps, and
    # Arabic lines that need kashidas longer, or in more words, than a typographer's few, and
    # a short word alone on the last line where no setting takes it up (rule 4).
    before_last = len(lines) > 1 and measured.fragments[lines[-2].end].text == SOFT_HYPHEN
    awkward = before_last or untied or longer or _short(measured.breaker, lines)
    setting = Setting(measured, spec, size, room, lines, strained, awkward)
    # A line of words too loose for its spaces, glyphs and letter spacing is strained (a line
    # of one or two words beside a long address is not).
    loose = [i for i, line in enumerate(lines[:-1]) if line.ratio > tolerance]
    for i in loose if justified else []:
        line = setting.drawn(i)
        ragged = line.word_space == 0 and not glyph_lines  # set ragged: too loose to justify
        if (line.strained or ragged) and sum(run.text.count(" ") for run in line.runs) > 2:
            setting.strained = True
            break
    if justified and setting.strained and glyph_lines and not spec.cjk:
        return _ragged(measured, spec, width)
    return setting


def _ragged(measured: Measured, spec: TypeSpec, width: float) -> Setting:
    """A justified paragraph no setting of which keeps its spaces within the tolerance at
    ``width`` (a narrow column), set ragged instead, as a designer would rather than let it
    gape (or part a number from its unit): hyphenated as ragged text is, and still strained
    (the page weighs another size)."""
    ragged = spec._replace(align="left")
    setting = _set_lines(measure(measured.runs, ragged), ragged, width)
    setting.strained = True
    return setting
