"""Inline Markdown in content text, turned into typed runs (``runs``).

Only bold, italic, links and (in section bodies) paragraphs and lists are formatting; every other
character, ``<`` and ``&`` included, prints as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Literal, NamedTuple, TypeVar
from urllib.parse import urlsplit

from ..errors import Problem
from . import markdown
from .fields import Text
from .markdown import Token
from .runs import BREAK, SOFT, LineBreak, Run, Runs, shown_address, wide_joined

LINK_SCHEMES = ("http", "https", "mailto")
MAX_LIST_DEPTH = 8  # lists within lists; markdown-it's parser drops text past 10
_DESTINATION = re.compile(r"\]\([ \t\n]*")  # where a link's destination may start
T = TypeVar("T")


class Paragraph(NamedTuple):
    """One paragraph of a section body, or one list item, as runs."""

    kind: Literal["paragraph", "item"]
    runs: Runs
    label: str = ""  # the bullet or number of an item
    depth: int = 0  # how deep an item is nested
    path: tuple[str, ...] = ()  # an item's lists and items, outermost first: ("L:1", "LI:1")


def inline(text: Text, problems: list[Problem], link_color: str = "") -> Runs:
    """The runs of a one-paragraph field: inline formatting only."""
    return _kept(
        ("inline", str(text), link_color),
        problems,
        lambda: _inline(markdown.parse_inline(text), text, problems, link_color),
    )


def blocks(text: Text, problems: list[Problem], link_color: str = "") -> list[Paragraph]:
    """The paragraphs and list items of a section body."""
    found = _kept(
        ("blocks", str(text), link_color), problems, lambda: _blocks(text, problems, link_color)
    )
    return list(found)


# Texts parsed in this process without a problem, by kind, text and link colour: a rebuild
# (watch, preview, a batch) parses only the texts that changed.
_parsed: dict[tuple[str, str, str], Any] = {}
_MOST_PARSED = 4096


def _kept(key: tuple[str, str, str], problems: list[Problem], parse: Callable[[], T]) -> T:
    """What ``parse`` gives for ``key``, parsed once if it adds nothing to ``problems`` (a text
    with problems is parsed again, to report them where they are)."""
    known: T | None = _parsed.get(key)
    if known is None:
        count = len(problems)
        known = parse()
        if len(problems) == count:
            if len(_parsed) >= _MOST_PARSED:
                _parsed.clear()
            _parsed[key] = known
    return known


def _blocks(text: Text, problems: list[Problem], link_color: str) -> list[Paragraph]:
    result: list[Paragraph] = []
    lists: list[tuple[str, int]] = []  # (kind, next number) for each open list
    path: list[str] = []  # keys of the open lists and items, for the structure tree
    count = 0
    labelled = True  # whether the open item's first paragraph has been given its label
    last = ""  # the text of the last paragraph or item, where a too deep list is reported
    for token in markdown.parse(text):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open", "list_item_open"):
            count += 1
            path.append(f"{'LI' if kind == 'list_item_open' else 'L'}:{count}")
            if kind == "list_item_open":
                labelled = False
            else:
                lists.append((kind, token.start))
                if len(lists) == MAX_LIST_DEPTH + 1:  # deeper, the parser drops text
                    problems.append(
                        Problem(
                            f"a list is nested {len(lists)} levels deep",
                            text.locate(max(text.find(last), 0)),
                            f"lists nested at most {MAX_LIST_DEPTH} levels deep",
                        )
                    )
        elif kind in ("bullet_list_close", "ordered_list_close", "list_item_close"):
            path.pop()
            if kind != "list_item_close":
                lists.pop()
        elif kind == "inline":
            last = token.content
            runs = _inline(token.children, text, problems, link_color)
            if not lists:
                result.append(Paragraph("paragraph", runs))
                continue
            label = ""
            if not labelled:
                list_kind, number = lists[-1]
                if list_kind == "ordered_list_open":
                    label = f"{number}."
                    lists[-1] = (list_kind, number + 1)
                else:
                    label = "•" if len(lists) == 1 else "–"
                labelled = True
            result.append(Paragraph("item", runs, label, len(lists) - 1, tuple(path)))
    return result


def _inline(tokens: list[Token], text: Text, problems: list[Problem], link_color: str) -> Runs:
    """The runs of a paragraph's inline tokens: text between two changes of formatting is one
    run; an address shown as itself is printed without its scheme; white space at either end
    (outside any formatting) is dropped."""
    out: list[Run | LineBreak] = []
    bold = italic = 0
    links: list[str] = []  # the open kept links' targets
    open_links: list[bool] = []  # whether each open link was kept
    starts: list[tuple[int, int]] = []  # each kept link's first run and the changes before it
    changes = 0  # changes of formatting (and breaks) so far
    first = last = -1  # the changes before the first run and after the last
    searched = 0  # where the search for the next link's destination in ``text`` starts
    for token in tokens:
        kind = token.type
        if kind in ("text", "code_inline", "softbreak"):
            piece = SOFT if kind == "softbreak" else token.content
            previous = out[-1] if out else None
            if isinstance(previous, Run) and last == changes:  # no change since: it goes on
                out[-1] = previous._replace(text=previous.text + piece)
                continue
            href = links[-1] if links else ""
            out.append(Run(piece, bold > 0, italic > 0, href, link_color if href else ""))
            first, last = (changes if first < 0 else first), changes
            continue
        if kind == "hardbreak":
            out.append(BREAK)
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            step = 1 if kind.endswith("open") else -1
            if kind.startswith("strong"):
                bold += step
            else:
                italic += step
        elif kind == "link_open":
            href = token.href
            if urlsplit(href).scheme.lower() not in LINK_SCHEMES:
                offset = _destination_of(text, href, searched)
                searched = offset + 1
                problems.append(
                    text.problem(
                        f"the link target '{href}' is not a web or e-mail address",
                        "a link starting https://, http:// or mailto:",
                        offset,
                    )
                )
                open_links.append(False)
                continue
            open_links.append(True)
            links.append(href)
            starts.append((len(out), changes + 1))
        elif kind == "link_close" and open_links.pop():
            start, before = starts.pop()
            href = links.pop()
            shown = out[start:]
            if (  # an address shown as itself, its text all one run
                changes == before
                and len(shown) == 1
                and isinstance(shown[0], Run)
                and shown[0].text in (href, href.rstrip("/"))
            ):
                out[start] = shown[0]._replace(text=shown_address(href))
        else:
            continue
        changes += 1
    return _stripped(wide_joined(out), first == 0, last == changes)


def _stripped(runs: list[Run | LineBreak], leading: bool, trailing: bool) -> Runs:
    """``runs`` without white space at the start (if ``leading``: their first run comes before
    any change of formatting) and at the end (if ``trailing``), and without a run left empty."""
    if leading and isinstance(runs[0], Run):
        runs[0] = runs[0]._replace(text=runs[0].text.lstrip())
    if trailing and isinstance(runs[-1], Run):
        runs[-1] = runs[-1]._replace(text=runs[-1].text.rstrip())
    return tuple(run for run in runs if not isinstance(run, Run) or run.text)


def _destination_of(text: str, href: str, start: int) -> int:
    """Where the destination of the link whose ``href`` (percent-encoded as the parser gives
    it) is written in ``text``, searching from ``start``; where the search started if nowhere."""
    for match in _DESTINATION.finditer(text, start):
        if markdown.destination_at(text, match.end()) == href:
            return match.end()
    return start
