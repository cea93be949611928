"""Inline Markdown in content text, turned into ReportLab paragraph markup.

Only bold, italic, links and (in section bodies) paragraphs and lists are formatting; every other
character, ``<``, ``&`` and ReportLab's own tags included, is escaped and prints as typed.
"""

from __future__ import annotations

import re
from typing import Literal, NamedTuple
from urllib.parse import urlsplit

from ..errors import Problem
from . import markdown
from .fields import Text
from .markdown import Token

LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^https?://(www\.)?", re.IGNORECASE)
MAX_LIST_DEPTH = 8  # lists within lists; markdown-it's parser drops text past 10
_DESTINATION = re.compile(r"\]\([ \t\n]*")  # where a link's destination may start


class Block(NamedTuple):
    """One paragraph or list item of a text, as ReportLab markup."""

    kind: Literal["paragraph", "item"]
    markup: str
    label: str = ""  # the bullet or number of an item
    depth: int = 0  # how deep an item is nested
    path: tuple[str, ...] = ()  # an item's lists and items, outermost first: ("L:1", "LI:1")


def inline(text: Text, problems: list[Problem], link_color: str = "") -> str:
    """ReportLab markup for a one-paragraph field: inline formatting only."""
    return _inline(markdown.parse_inline(text), text, problems, link_color)


def escape(text: str) -> str:
    """``text`` with the characters that are markup in XML escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def quoteattr(text: str) -> str:
    """``text`` as a quoted XML attribute value."""
    return '"' + escape(text).replace('"', "&quot;") + '"'


def plain(text: str) -> str:
    """ReportLab markup that prints ``text`` exactly as typed."""
    return escape(" ".join(text.split()))


def shown_address(address: str) -> str:
    """A web address as printed: without ``https://`` and ``www.`` (the link keeps them)."""
    return _SCHEME.sub("", address)


def link(href: str, text: str, colour: str = "") -> str:
    """Markup for a link to ``href`` (already checked) showing ``text`` as typed."""
    return f"{_link_open(href, colour)}{plain(text)}</a>"


def _link_open(href: str, colour: str) -> str:
    shown = f" color={quoteattr(colour)}" if colour else ""
    return f'<a href={quoteattr(href)}{shown} underline="1">'


def blocks(text: Text, problems: list[Problem], link_color: str = "") -> list[Block]:
    """The paragraphs and list items of a section body."""
    result: list[Block] = []
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
            markup = _inline(token.children, text, problems, link_color)
            if not lists:
                result.append(Block("paragraph", markup))
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
            result.append(Block("item", markup, label, len(lists) - 1, tuple(path)))
    return result


def _inline(tokens: list[Token], text: Text, problems: list[Problem], link_color: str) -> str:
    out: list[str] = []
    open_links: list[bool] = []  # whether each open link was kept
    starts: list[tuple[int, str]] = []  # where each kept link's text begins, and its address
    searched = 0  # where the search for the next link's destination in ``text`` starts
    for token in tokens:
        kind = token.type
        if kind == "text" or kind == "code_inline":
            out.append(escape(token.content))
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("<br/>")
        elif kind in ("strong_open", "strong_close", "em_open", "em_close"):
            tag = "b" if kind.startswith("strong") else "i"
            out.append(f"<{tag}>" if kind.endswith("open") else f"</{tag}>")
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
            out.append(_link_open(href, link_color))
            starts.append((len(out), href))
        elif kind == "link_close" and open_links.pop():
            start, href = starts.pop()
            if "".join(out[start:]) in (escape(href), escape(href.rstrip("/"))):
                out[start:] = [escape(shown_address(href))]  # an address shown as itself
            out.append("</a>")
    return "".join(out).strip()


def _destination_of(text: str, href: str, start: int) -> int:
    """Where the destination of the link whose ``href`` (percent-encoded as the parser gives
    it) is written in ``text``, searching from ``start``; where the search started if nowhere."""
    for match in _DESTINATION.finditer(text, start):
        if markdown.destination_at(text, match.end()) == href:
            return match.end()
    return start
