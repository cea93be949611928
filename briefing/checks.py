"""Checks on validated content: characters the font cannot draw (errors) and writer's warnings."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .errors import Problem
from .fonts import describe, missing
from .model import Content, Text
from .theme import MIN_CONTRAST, Theme, contrast, grayscale, text_pairs

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z]\b")
_SPELLED_OUT = r"\(\s*{}\s*\)"


def texts(content: Content) -> Iterator[Text]:
    """Every piece of text the page prints, in reading order."""
    yield content.organization
    for optional in (content.office, content.title, content.subtitle, content.lead):
        if optional:
            yield optional
    for figure in content.key_figures:
        yield from (figure.value, figure.label)
    for section in content.sections:
        yield section.heading
        if section.body:
            yield section.body
    if content.footer:
        yield content.footer


def glyph_problems(content: Content, family: str) -> list[Problem]:
    """An error for each character of the content that the font family cannot draw."""
    problems = []
    for text in texts(content):
        for offset in missing(text, family):
            problems.append(
                Problem(
                    f"the character {describe(text[offset])} is not in the font {family}",
                    text.locate(offset),
                    "letters, digits and punctuation of Latin, Greek or Cyrillic "
                    "script (replace or remove this character)",
                )
            )
    return problems


def colour_problems(content: Content, theme: Theme) -> list[Problem]:
    """An error for each design colour whose text falls under 4.5:1 contrast, in colour or gray."""
    problems = []
    chosen = {name: getattr(content.design, name) for name in ("primary", "accent")}
    for use, (fore, back) in text_pairs(theme).items():
        for name, colour in chosen.items():
            if colour is None or colour.upper() not in (fore.upper(), back.upper()):
                continue
            for kind, a, b in (
                ("", fore, back),
                (" in grayscale", grayscale(fore), grayscale(back)),
            ):
                ratio = contrast(a, b)
                if ratio < MIN_CONTRAST:
                    problems.append(
                        Problem(
                            f"the {name} colour {colour} gives {use} a contrast of only "
                            f"{ratio:.1f}:1{kind}",
                            colour.locate(),
                            f"a colour with at least {MIN_CONTRAST}:1 contrast for {use}, in "
                            "colour "
                            "and when photocopied in gray (darker for text on white, for example)",
                        )
                    )
                    break
    return problems


def warnings(content: Content) -> list[Problem]:
    """Writer's warnings: acronyms used before they are spelled out, empty or outsized sections."""
    found = _acronym_warnings(content)
    words = [len((s.body or "").split()) for s in content.sections]
    for section, count in zip(content.sections, words, strict=True):
        where = section.heading.locate()
        if not count:
            found.append(
                Problem(
                    f"the section '{section.heading}' has no text",
                    where,
                    "a 'body:' with the section's text, or no section",
                    severity="warning",
                )
            )
            continue
        others = [w for w in words if w] or [count]
        others.remove(count)
        typical = sorted(others)[len(others) // 2] if others else 0
        if others and count > 150 and count > 3 * typical:
            found.append(
                Problem(
                    f"the section '{section.heading}' has {count} words, over three times as "
                    f"many as a typical section here ({typical})",
                    where,
                    "sections of similar length, or this one split in two",
                    severity="warning",
                )
            )
    return found


def _acronym_warnings(content: Content) -> list[Problem]:
    """Running text (lead, figure labels, section bodies) must spell out an acronym at first use."""
    running = [content.lead] if content.lead else []
    running += [figure.label for figure in content.key_figures]
    running += [section.body for section in content.sections if section.body]
    introduced: set[str] = set()
    found = []
    for text in running:
        for match in _ACRONYM.finditer(text):
            acronym = match.group()
            if acronym in introduced:
                continue
            introduced.add(acronym)
            around = text[max(match.start() - 2, 0) : match.end() + 2]
            if not re.search(_SPELLED_OUT.format(re.escape(acronym)), around):
                found.append(
                    Problem(
                        f"'{acronym}' is used before it is spelled out",
                        text.locate(match.start()),
                        f"the full name followed by ({acronym}) at its first use",
                        severity="warning",
                    )
                )
    return found
