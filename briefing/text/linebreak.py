"""Whole-paragraph line breaking: Knuth and Plass's total fit over boxes, glue and penalties.

Takes a paragraph's items (``measure`` makes them) and a line width; gives the chosen lines,
which ``setting`` tries at several tolerances and ``line`` places.

Every line of a paragraph is chosen together, to keep the sum of the lines' demerits least:
demerits grow with the cube of how far a line's spaces stretch or shrink, and with hyphens,
hyphens on consecutive lines, lines of very different tightness next to each other (the best
way to each break is kept for each class of tightness, as TeX does), a short last line
(``last_line``), and where the rules ask, neighbouring lines that look unlike as drawn (their
word spaces and glyph widths, by the square: ``Breaker.drawn``); the line before the last
never ends with a hyphen, unless the rules allow it. Widths are in ems (a paragraph is measured
once at unit size), and a paragraph is broken at every trial scale by dividing the line width
by the size.

``Breaker`` does the work that does not depend on the width once (cumulative widths, the legal
breaks). The search then runs forward from each reachable break: the line ends a start can reach
lie in a narrow window of the cumulative widths, found by bisection, so each start costs a few
trials rather than one for every legal break.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import marshal
import math
from itertools import pairwise
from pathlib import Path
from typing import Literal, NamedTuple

from .. import cache
from . import spread as spreading
from .spread import COMPRESSION, MOST_LETTER_SPACING, STEPS, spread

INFINITE = 10_000  # a penalty this high forbids a break; its negative forces one
# Words that belong together ("18 months", "FY 2010"): a break between them costs this, and
# is taken only by rules that ``untie`` (no setting within the tolerance keeps them together).
TIE = 5_000.0
# A break inside a web or e-mail address at its own marks ("/", before "." or "-"): a line of
# nothing but the address's pieces (or a line of Chinese) that ends there may end short, as a
# ragged line does, by ``ADDRESS_RAG`` of the line at a ratio of 1, rather than break the
# address between letters.
ADDRESS_BREAK = 30.0
# At a mark inside its host name ("www | .state.gov"): where nothing else fits, after its
# path's syllables, before its path's letters.
HOST_BREAK = 2_500.0  # (a value no other break costs: it tells the break apart)
ADDRESS_MARKS = (ADDRESS_BREAK, HOST_BREAK)
ADDRESS_RAG = 0.15
# The largest stretch ratio of a line, unless the rules say otherwise: spaces stretch by half
# their width at a ratio of 1 (``measure.SPACE_STRETCH``), so at most to 1.59 times their width.
TOLERANCE = 1.18
# A last line narrower than this, in ems (a word of about four letters: "and", "it."), is a
# short word alone, which rule 4 never allows where another setting exists.
SHORT_LAST = 2.5

Kind = Literal["box", "glue", "penalty"]


class Item(NamedTuple):
    """A box (something drawn), glue (a space that may stretch or shrink) or a penalty (a place
    to break at some cost, adding ``width`` if taken, such as a hyphen). A box's ``stretch``
    and ``shrink`` are how far it grows (by letter spacing or a kashida) and tightens, at
    most (``Rules.tracking``). Glue before a web or e-mail address carries ``ADDRESS_BREAK``
    as its penalty (a break there costs nothing more): a line of words may end short there, as
    at the address's marks, where the rules say (``Rules.address_words``)."""

    kind: Kind
    width: float
    stretch: float = 0.0
    shrink: float = 0.0
    penalty: float = 0.0
    flagged: bool = False  # a hyphen: consecutive flagged breaks cost more
    letter: bool = False  # between two letters with no mark (an address): as a hyphen is taken
    kern: float = 0.0  # the kerning the box before a break takes with the letter after it, in
    # ems (less than none: closer), given back where the line ends there


class Rules(NamedTuple):
    """How a paragraph is broken: its costs and limits."""

    tolerance: float = TOLERANCE  # the largest stretch ratio (1: all the glue's stretch)
    emergency: bool = False  # also allow, from each start, the longest line past the tolerance
    hyphenate: bool = True  # break at hyphenation points (penalties that add a hyphen's width)
    # and between an address's letters
    ragged: float = 0.0  # stretch at the end of every line, for unjustified text (0: justified)
    balance: bool = False  # the last line counts like the others (ragged text: even lines)
    line_penalty: float = 10.0
    double_hyphen: float = 10_000.0  # two hyphenated lines in a row
    most_hyphens: int = 2  # hyphenated lines in a row, at most
    fitness: float = 10_000.0  # a line two classes tighter or looser than the one before (TeX's)
    clash: float = 1_000_000.0  # a very loose line beside a tight one: as bad as a hyphen
    runt: float = 3_000_000.0  # a last line holding a single word: worse than a loose line or
    # a hyphen (not than one after two letters, or in a name)
    lone: float = 1e9  # a last line shorter than ``SHORT_LAST``: worse than any jump in tightness
    hyphen_before_last: bool = False  # the line before the last may end with a hyphen (else
    # never: its tail would start the last line)
    expand: float = 0.0  # how far boxes stretch at a ratio of 1, by their width
    compress: float = 0.0  # and how far they shrink at a ratio of -1
    tracking: float = 0.0  # how much of boxes' own stretch and shrink (letter spacing) counts
    grow: float = math.inf  # how far a line's boxes stretch together at most (Arabic: kashidas)
    # boxes grow only for what the spaces cannot take (kashidas): a line's class of tightness
    # is then its spaces' own, as drawn
    spaces_first: bool = False
    looseness: int = 0  # lines more than the best breaks take (TeX's \looseness), if they can
    # Latin, Cyrillic and Greek: how neighbouring lines differ as drawn (``Breaker.drawn``), their
    # word spaces in natural spaces and their glyphs' expansion as ``_GLYPHS`` natural spaces at
    # its most, costs by the square, times this
    even: float = 0.0
    untie: bool = False  # words that belong together may part (at ``TIE``)
    # a line of words may end short at an address's marks, or before it, as its pieces' lines
    # (an address that breaks at its marks only, right to left: its line may not fill)
    address_words: bool = False
    squeeze: float = 1.0  # how much of its shrink a line's badness and class count (Chinese:
    # punctuation's blank halves compressed before ideographs part, as clreq orders them)
    cjk: bool = False  # Chinese: a line that ends inside an address may end short


class Line(NamedTuple):
    """A chosen line: items ``start`` to ``end`` (the break, excluded from what is drawn)."""

    start: int
    end: int
    ratio: float  # how far its glue stretches (> 0) or shrinks (< 0), 1 being all of it
    hyphen: bool  # ends at a flagged penalty
    fit: int = 1  # its class of tightness (``_fitness``), as its spaces are drawn


_WORST = 10.0  # a line's stretch ratio counts as this at most: a line that cannot stretch
# (break, hyphenated lines in a row, lines so far if counted, the fitness class of its line, and
# where neighbours' differences cost, its word space as drawn in steps of ``_SHADE`` natural
# spaces and its glyphs' expansion in ``STEPS``)
_Key = tuple[int, int, int, int, int, int]
_SHADE = 0.1
_GLYPHS = 0.5  # natural spaces: how far apart glyphs at their widest and at their own width look


class Breaker:
    """A paragraph's items, prepared for breaking at any width."""

    def __init__(self, items: list[Item]) -> None:
        if not items or items[-1].penalty > -INFINITE:
            raise ValueError("a paragraph's items must end with a forced break")
        self.items = items
        count = len(items)
        total_w, total_y, total_z, total_b, total_t, total_s, glues = (
            [0.0] * (count + 1),
            [0.0] * (count + 1),
            [0.0] * (count + 1),
            [0.0] * (count + 1),
            [0.0] * (count + 1),
            [0.0] * (count + 1),
            [0] * (count + 1),
        )
        w = y = z = b = t = s = 0.0
        g = 0
        for index, item in enumerate(items):
            total_w[index], total_y[index], total_z[index], total_b[index] = w, y, z, b
            total_t[index], total_s[index] = t, s
            glues[index] = g
            if item.kind != "penalty":
                w += item.width
                if item.kind == "glue":
                    y, z, g = y + item.stretch, z + item.shrink, g + 1
                else:
                    b, t, s = b + item.width, t + item.stretch, s + item.shrink
        total_w[count], total_y[count], total_z[count], total_b[count] = w, y, z, b
        total_t[count], total_s[count] = t, s
        glues[count] = g
        self.total_w, self.total_y, self.total_z, self.glues = total_w, total_y, total_z, glues
        self.total_b = total_b  # the boxes' width, which glyph expansion stretches
        self.total_t = total_t  # how far the boxes grow (letter spacing, kashidas), at most
        self.total_s = total_s  # and how far they tighten
        # Boxes drawn after a box with no space between (a word's syllables), before each
        # item: letter spacing goes between them too, as it is drawn.
        self.joins = [0] * (count + 1)
        joined, box = 0, False
        for index, item in enumerate(items):
            self.joins[index] = joined
            if item.kind != "penalty":
                joined += box and item.kind == "box"
                box = item.kind == "box"
        self.joins[count] = joined
        self.points = [
            i
            for i, item in enumerate(items)
            if (item.kind == "penalty" and item.penalty < INFINITE)
            or (item.kind == "glue" and i > 0 and items[i - 1].kind == "box")
        ]
        self._tightest: dict[tuple[float, float], list[float]] = {}
        self.forced = [i for i in self.points if items[i].penalty <= -INFINITE]
        self.forced_at = frozenset(self.forced)
        self.extra = [item.width - item.kern if item.kind == "penalty" else 0.0 for item in items]
        self.hyphened = [item.kind == "penalty" and item.width > 0 for item in items]
        # Breaks inside a word: at a hyphen added, or between two letters of an address.
        self.inside = [item.kind == "penalty" and (item.width > 0 or item.letter) for item in items]
        # A penalty's cost, or None for glue; forced breaks are the paragraph's (or a line's) end.
        self.cost = [item.penalty if item.kind == "penalty" else None for item in items]
        self.flagged = [item.flagged for item in items]
        self.tie = [item.kind == "penalty" and item.penalty == TIE for item in items]
        self.rag = [item.penalty in ADDRESS_MARKS for item in items]  # (and before an address)
        self.ahead = [item.kind == "glue" and item.penalty == ADDRESS_BREAK for item in items]
        self.starts = [_line_start(items, i) for i in range(count)]
        # For each item: the first legal break at or after it, and the index (among the breaks)
        # just past the forced break that ends its line.
        self.first_point = [bisect.bisect_left(self.points, i) for i in range(count + 1)]
        self.limit_point = [
            bisect.bisect_right(self.points, self.forced[bisect.bisect_left(self.forced, i)])
            if i <= self.forced[-1]
            else len(self.points)
            for i in range(count + 1)
        ]

    def tightest(self, compress: float, tracking: float) -> list[float]:
        """Each break's width at full shrink (spaces, glyphs by ``compress`` and letter
        spacing by ``tracking``): past the last that fits so, no line end fits."""
        found = self._tightest.get((compress, tracking))
        if found is None:
            w, z, b, s = self.total_w, self.total_z, self.total_b, self.total_s
            found = [w[i] - z[i] - compress * b[i] - tracking * s[i] for i in self.points]
            self._tightest[compress, tracking] = found
        return found

    def last_line(self, start: int, end: int, rules: Rules) -> float:
        """What a paragraph's last line (or the last before a line break), items ``start`` to
        ``end``, costs beyond its badness: ``rules.lone`` if it is shorter than ``SHORT_LAST``
        (a short word alone), else ``rules.runt`` if it holds a single word (as InDesign's and
        later breakers' last-line demerits; TeX has none)."""
        if self.total_w[end] - self.total_w[start] < SHORT_LAST:
            return rules.lone
        return rules.runt if self.glues[end] == self.glues[start] else 0.0

    def drawn(self, start: int, end: int, width: float) -> tuple[float, float]:
        """A justified line of items ``start`` to ``end`` (the break) at ``width``, as ``spread``
        draws it: its word space in natural spaces (0: it has none), and the share of their most
        its glyphs' expansion and letter spacing (between syllables too) take, less than none
        where they tighten; its spaces take the room first, the glyphs only past 1.5 natural
        spaces, or 0.83."""
        w, b = self.total_w, self.total_b
        glue = w[end] - w[start] - b[end] + b[start]
        if not glue:
            return 0.0, 0.0
        extra = width - w[end] + w[start] - self.extra[end]
        totals = self.total_y if extra > 0 else self.total_z
        give = totals[end] - totals[start]
        if not give:
            return 1.0, 0.0
        joins = self.joins[end] - self.joins[start + 1] + self.hyphened[end]
        glyphs = COMPRESSION * (b[end] - b[start]) + self.total_t[end] - self.total_t[start]
        shared = spread(
            extra, give, glyphs + MOST_LETTER_SPACING * joins, TOLERANCE if extra > 0 else 1.0
        )
        space = 1.0 + math.copysign(shared.spaces * give + shared.rest, extra) / glue
        return space, math.copysign(shared.share, extra)

    def breaks(self, width: float, rules: Rules) -> list[Line] | None:
        """The lines of least total demerits (:meth:`search`), found once for the same items,
        width and rules across processes (:data:`_kept`): the next build of a sheet, or of
        another with the same paragraphs, breaks none of them again."""
        arguments = (self.digest, width, tuple(rules))
        found = _kept.get("lines", arguments)
        if found is not None:
            return [Line(*line) for line in found] if found else None
        lines = self.search(width, rules)
        _kept.put("lines", arguments, () if lines is None else tuple(map(tuple, lines)))
        return lines

    @functools.cached_property
    def digest(self) -> str:
        """The items' fingerprint: what :meth:`search` reads of them, whatever process."""
        items = marshal.dumps([tuple(item) for item in self.items], 2)  # (2: no references)
        return hashlib.blake2b(items, digest_size=16).hexdigest()

    def search(self, width: float, rules: Rules) -> list[Line] | None:
        """The lines of least total demerits, or None if no sequence of breaks keeps every line
        within ``rules.tolerance`` and ``width``."""
        points, extra, cost, flagged_at = self.points, self.extra, self.cost, self.flagged
        tie, rag, ahead, inside, forced = (
            self.tie,
            self.rag,
            self.ahead,
            self.inside,
            self.forced_at,
        )
        total_w, total_y, total_z, glues = self.total_w, self.total_y, self.total_z, self.glues
        total_b, total_t, total_s = self.total_b, self.total_t, self.total_s
        expand, compress, tracking, grow = rules.expand, rules.compress, rules.tracking, rules.grow
        spaces_first = rules.spaces_first
        tightest, starts, first_point, limit_point = (
            self.tightest(compress, tracking),
            self.starts,
            self.first_point,
            self.limit_point,
        )
        tolerance, ragged, balance, emergency = (
            rules.tolerance,
            rules.ragged,
            rules.balance,
            rules.emergency,
        )
        line_penalty, most, worst = rules.line_penalty, rules.most_hyphens, _WORST
        hyphenate, hyphen_before_last = rules.hyphenate, rules.hyphen_before_last
        even, squeeze, cjk = rules.even, rules.squeeze, rules.cjk
        end_of_paragraph = self.forced[-1]
        # For each node: (total demerits, the node its line started from, its line's ratio, and
        # as drawn where neighbours' differences cost, its word space in natural spaces, 0 if it
        # has none or ends short, and its glyphs' expansion).
        best: dict[_Key, tuple[float, _Key | None, float, tuple[float, float]]] = {
            (-1, 0, 0, 1, 0, 0): (0.0, None, 0.0, (0.0, 0.0))
        }
        order: list[_Key] = [(-1, 0, 0, 1, 0, 0)]
        # A node is kept for each fitness class its line may end in, as TeX does, but only while
        # it is within what neighbouring classes can cost of the best at its break: no worse
        # one can win after it.
        least: dict[tuple[int, int, int], float] = {(-1, 0, 0): 0.0}
        adjacent = max(rules.fitness, rules.clash)
        counted = 1 if rules.looseness else 0  # lines are told apart only for a looseness
        done = 0
        bisect_right, insort = bisect.bisect_right, bisect.insort
        while done < len(order):
            key = order[done]
            done += 1
            start_break, hyphens, count, fitness, _, _ = key
            if start_break == end_of_paragraph:
                continue
            so_far, _, _, before = best[key]
            if so_far > least[start_break, hyphens, count] + adjacent:
                continue
            start = starts[start_break] if start_break >= 0 else 0
            base_w, base_y, base_z = total_w[start], total_y[start], total_z[start]
            base_b, base_t, base_s = total_b[start], total_t[start], total_s[start]
            reach = base_w - base_z - compress * base_b - tracking * base_s + width
            last = min(bisect_right(tightest, reach), limit_point[start])
            loose = False  # whether a line past the tolerance was taken from here
            for j in range(last - 1, first_point[start] - 1, -1):
                end = points[j]
                penalty = cost[end]
                if (inside[end] and not hyphenate) or (tie[end] and not rules.untie):
                    continue
                natural = total_w[end] - base_w + extra[end]
                final = penalty is not None and penalty <= -INFINITE
                too_loose = False
                spaced = None
                if natural > width:
                    shrink = total_z[end] - base_z + compress * (total_b[end] - base_b)
                    shrink += tracking * (total_s[end] - base_s)
                    if natural - shrink > width + 1e-9:
                        continue  # too long even at full shrink
                    ratio = (width - natural) / shrink if shrink else 0.0
                elif final and not (balance and start_break >= 0):
                    ratio = 0.0  # the last line may end short
                else:
                    stretch = total_y[end] - base_y + ragged + expand * (total_b[end] - base_b)
                    if rag[end] and (
                        rules.address_words
                        or (not ahead[end] and (cjk or glues[end] == glues[start]))
                    ):  # an address's pieces alone, any line of Chinese (which keeps its grid)
                        # ending in one, or words before one, as the rules say
                        stretch += ADDRESS_RAG * width
                    grown = tracking * min(total_t[end] - base_t, grow)
                    if spaces_first and stretch:  # spaces to their stretch, then kashidas
                        # (all of theirs at the tolerance), then spaces: how spaces are drawn
                        spaced = width - natural
                        spaced = min(spaced, max(stretch, spaced - grown * tolerance)) / stretch
                    stretch += grown
                    if stretch:
                        ratio = (width - natural) / stretch
                    else:  # a line that cannot stretch is as good as it gets only when full
                        ratio = 0.0 if natural > width - 1e-9 else worst
                    if ratio > tolerance:
                        if final:
                            ratio = tolerance  # a short balanced last line is still allowed
                        elif loose or not emergency:
                            break  # earlier ends are shorter still
                        else:
                            too_loose = True
                flagged = flagged_at[end] and not final
                run = hyphens + 1 if flagged else 0
                if run > most:
                    continue
                loose = loose or too_loose
                if ratio > worst:
                    ratio = worst
                felt = ratio * squeeze if ratio < 0 else ratio
                badness = line_penalty + 100.0 * felt * felt * abs(felt)
                demerits = badness * badness
                if penalty is not None and not final:
                    demerits += penalty * penalty if penalty > 0 else -penalty * penalty
                    if flagged and hyphens:
                        demerits += rules.double_hyphen
                fit = _fitness(felt if spaced is None else spaced)
                drawn = (0.0, 0.0)
                if even and not final:
                    drawn = self.drawn(start, end, width)
                    demerits += even * apart(before, drawn)
                if start_break >= 0:
                    if fit - fitness > 1 or fitness - fit > 1:
                        demerits += rules.clash if fit - fitness in (3, -3) else rules.fitness
                    if final and start_break not in forced:  # (a line after a line break
                        # is as it was typed)
                        demerits += self.last_line(start, end, rules)
                    if final and hyphens and not hyphen_before_last:
                        continue
                total = so_far + demerits
                group = (end, run, count + counted)
                floor = least.get(group)
                if floor is None or total < floor:
                    least[group] = total
                elif total > floor + adjacent:
                    continue
                new_key = (*group, fit, round(drawn[0] / _SHADE), round(drawn[1] * STEPS))
                known = best.get(new_key)
                if known is None:
                    best[new_key] = (total, key, ratio, drawn)
                    insort(order, new_key, lo=done)
                elif total < known[0]:
                    best[new_key] = (total, key, ratio, drawn)
        ends = [(found[0], k) for k, found in best.items() if k[0] == end_of_paragraph]
        if ends and rules.looseness:  # of the line counts that keep the tolerance, the one asked
            wanted = min(ends)[1][2] + rules.looseness
            ends = [(total, k) for total, k in ends if k[2] == wanted]
        if not ends:
            return None
        lines: list[Line] = []
        now: _Key | None = min(ends)[1]
        while now is not None and now[0] >= 0:
            _, previous, ratio, _ = best[now]
            assert previous is not None
            begin = starts[previous[0]] if previous[0] >= 0 else 0
            lines.append(Line(begin, now[0], ratio, now[1] > 0, now[3]))
            now = previous
        lines.reverse()
        return lines


def _searched() -> str:
    """The key of the lines kept: this module's file and the spreading's (all the search reads
    but its arguments)."""
    return cache.key_of(Path(__file__), "lines", cache.key_of(Path(spreading.__file__)))


# Lines found in earlier processes, by items, width and rules: the sample's 190 take 38 kB,
# loaded in a tenth of a millisecond; at most 5,000 (a long sidebar sheet's fit asks for more,
# which are kept alone: what a build of another sheet loads and does not use stays small)
_kept = cache.Kept("lines", _searched, 5_000)


def jumps(lines: list[Line], apart: int = 1) -> int:
    """How many neighbouring lines (the last aside, which may end short) are more than
    ``apart`` classes of tightness apart (2: a very loose line beside a tight one)."""
    classes = [line.fit for line in lines[:-1]]
    return sum(abs(a - b) > apart for a, b in pairwise(classes))


def apart(above: tuple[float, float], below: tuple[float, float]) -> float:
    """How far two neighbouring lines as drawn (``Breaker.drawn``) are apart, squared: their
    word spaces' difference and their glyphs' (as ``_GLYPHS`` natural spaces at their most);
    nothing where either has no spaces or ends short."""
    if not above[0] or not below[0]:
        return 0.0
    return (above[0] - below[0]) ** 2 + (_GLYPHS * (above[1] - below[1])) ** 2


def _fitness(ratio: float) -> int:
    """How tight a line is: 0 tight, 1 decent, 2 loose, 3 very loose (as TeX classes them)."""
    return 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3


def _line_start(items: list[Item], after: int) -> int:
    """Where a line begins after a break at ``after``: glue and penalties there are dropped."""
    index = after + 1
    while index < len(items) and items[index].kind != "box":
        if items[index].kind == "penalty" and items[index].penalty <= -INFINITE:
            break
        index += 1
    return index
