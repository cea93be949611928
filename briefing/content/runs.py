"""Typed text: what the content stage hands the text engine, each piece saying what it is.

A paragraph's text is a tuple of runs (stretches of text in one weight, slant and link) and line
breaks. Nothing downstream parses text for its formatting: every character of a run prints as
typed, ``<`` and ``&`` included. Adjacent runs are kept apart only where the formatting
changes (as Markdown's tags fall), so the engine measures a word in one face as one piece.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

_SCHEME = re.compile(r"^https?://(www\.)?", re.IGNORECASE)
RUN_IN_WORDS = 8  # words a run-in head has at most
SOFT = "\n"  # a line break in the source inside a paragraph, until :func:`wide_joined`
_SPACES = re.compile(f"[ {SOFT}]+")
_WHITE = re.compile(r"[ \t\n\r\f\v]+")  # white space that breaks; not the no-break spaces


class Run(NamedTuple):
    """A stretch of text in one weight and slant, perhaps a link."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""  # the link's target (already checked); "" for none
    colour: str = ""  # the link's colour; "" for the paragraph's


class LineBreak(NamedTuple):
    """A line break: Markdown's hard break, or between a contact's lines."""


BREAK = LineBreak()
Runs = tuple[Run | LineBreak, ...]  # a paragraph's text


def plain(text: str, bold: bool = False) -> Runs:
    """``text`` as typed, its runs of white space one space (a no-break space is kept: it is
    typed to hold a number to its unit, or written so, in French, before a colon)."""
    return (Run(_spaced(text), bold),)


def link(href: str, text: str, colour: str = "") -> Runs:
    """A link to ``href`` (already checked) showing ``text`` as typed."""
    return (Run(_spaced(text), link=href, colour=colour),)


@functools.lru_cache(maxsize=4096)  # a sheet's labels and headings, at every trial scale
def _spaced(text: str) -> str:
    return _WHITE.sub(" ", text).strip(" ")


def shown_address(address: str) -> str:
    """A web address as printed: without ``https://`` and ``www.`` (the link keeps them)."""
    return _SCHEME.sub("", address)


def joined(*parts: Runs) -> Runs:
    """``parts`` as one text: a run that goes on in the formatting of the one before it joins
    it, as the words of one string would (a source line's label and its source)."""
    out: list[Run | LineBreak] = []
    for run in (run for part in parts for run in part):
        last = out[-1] if out else None
        if isinstance(run, Run) and isinstance(last, Run) and run[1:] == last[1:]:
            out[-1] = last._replace(text=last.text + run.text)
        elif not isinstance(run, Run) or run.text:
            out.append(run)
    return tuple(out)


def emboldened(runs: Runs) -> Runs:
    """``runs`` in bold (a caption's title)."""
    return tuple(run._replace(bold=True) if isinstance(run, Run) else run for run in runs)


def run_in(runs: Runs) -> bool:
    """Whether a paragraph opens with a run-in head: a bold phrase of a few words that ends
    in punctuation ("**Corrections.** INL's program ..."), so it starts a topic of its own."""
    first = runs[0] if runs else None
    if not isinstance(first, Run) or not first.bold or len(runs) < 2:
        return False
    head = first.text.strip()
    return 0 < len(head.split()) <= RUN_IN_WORDS and unicodedata.category(head[-1]) == "Po"


@functools.cache
def _wide(character: str) -> bool:
    """Whether a character is set wide (Chinese, Japanese; not Korean, whose words are spaced)."""
    return (
        unicodedata.east_asian_width(character) in "WF" and not 0xAC00 <= ord(character) <= 0xD7A3
    )


def wide_joined(runs: list[Run | LineBreak]) -> list[Run | LineBreak]:
    """``runs`` with their source line breaks (:data:`SOFT`) as spaces, except where a line
    breaks between two wide characters, as in Chinese, which has no spaces between words
    (CSS Text's rule for segment breaks); spaces typed after a full-width punctuation mark
    before a wide character go too, since the mark's width holds its space."""
    text = "".join(run.text if isinstance(run, Run) else "\0" for run in runs)
    dropped = []  # the spans of spaces that go
    for match in _SPACES.finditer(text):
        start, end = match.span()
        before, after = text[start - 1 : start], text[end : end + 1]
        if before and after and _wide(before) and _wide(after):
            typed = " " in match.group()  # spaces typed, not a line break alone
            if not typed or unicodedata.category(before).startswith("P"):
                dropped.append((start, end))
    if not dropped:  # every line break a space
        return [
            run._replace(text=run.text.replace(SOFT, " ")) if isinstance(run, Run) else run
            for run in runs
        ]
    kept = list(text.replace(SOFT, " "))
    for start, end in dropped:
        kept[start:end] = [""] * (end - start)
    out: list[Run | LineBreak] = []
    at = 0
    for run in runs:
        if isinstance(run, Run):
            out.append(run._replace(text="".join(kept[at : at + len(run.text)])))
            at += len(run.text)
        else:
            out.append(run)
            at += 1
    return out
