"""The validation stage: every content rule, run before any layout by ``check`` and ``build`` alike.

Fields and their limits (the model), formatting and links (markup), the logo, characters the
font cannot draw, colour contrast; then the writer's warnings. Every problem of a file is found
in one run: a wrong field never hides the problems of the others.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from . import markup
from .errors import ContentError, Problem
from .fonts import SCRIPTS, describe, drawn_by, missing, script_faces
from .language import LANGUAGES
from .markup import Block
from .model import Content, Design, Text, Validated, validate, validate_style
from .reader import Source
from .theme import MIN_CONTRAST, Theme, contrast, grayscale, text_pairs, themed

if TYPE_CHECKING:
    from .images import Picture

_ACRONYM = re.compile(r"\b[A-Z][A-Z0-9]*[A-Z]\b")
# acronyms introduced in parentheses, alone or several: (MOH), (AML/CFT), (UN, AU), and in
# Chinese text's full-width ones: （INL）
_INTRODUCED = re.compile(rf"[(（]\s*{_ACRONYM.pattern}(?:\s*[/,、]\s*{_ACRONYM.pattern})*\s*[)）]")
# a line pasted from a web page or a word processor with its bullet or dash still on, under
# another line of text: Markdown runs the two into one paragraph
_PASTED_BULLET = re.compile(r"\S[ \t]*\n[ \t]*([•·–—])[ \t]*\S")
_LOPSIDED_WORDS = 150  # a section this long may be lopsided,
_LOPSIDED_FACTOR = 3  # if it is this many times the median of the others,
_LOPSIDED_PEERS = 3  # and there are at least this many others to take the median of
MAX_BLOCKS = 500  # paragraphs and list items in all the sections


class Prepared(NamedTuple):
    """Valid content, with its formatted text as ReportLab markup and its logo, for layout."""

    content: Content
    theme: Theme
    lead: str | None
    labels: list[str]  # each key figure's label
    facts: list[str]  # each fact's value
    sections: list[list[Block]]  # each section's body
    logo: Picture | None
    warnings: list[Problem]


def prepare(source: Source, base: Path) -> Prepared:
    """Run every content rule on a parsed file; raise :class:`ContentError` with all it finds.

    ``base`` is the folder that file names in the content (the logo) start from; a file name
    written in the content's style file starts from the style file's folder.
    """
    validated = validate(source)
    content = validated.content
    if source.style is not None:  # its values not used here are checked too
        validated.problems.extend(validate_style(source.style).problems)
    design: Design = validated.fields.get("design", Design())  # even when other fields are wrong
    theme = themed(design)
    problems, formatted, logo = _rules(validated, theme, base)
    if content is None or any(p.severity == "error" for p in problems):
        raise ContentError(problems)
    return Prepared(
        content,
        theme,
        formatted[id(content.lead)] if content.lead else None,
        [formatted[id(figure.label)] for figure in content.key_figures],
        [formatted[id(fact.value)] for fact in content.at_a_glance],
        [formatted[id(s.body)] if s.body else [] for s in content.sections],
        logo,
        problems + warnings(content),  # the rules' own are warnings only, here
    )


def check_style(source: Source) -> None:
    """Run every rule a style file's values must pass on their own (fields, the logo, glyphs,
    colours); raise :class:`ContentError` with all it finds."""
    validated = validate_style(source)
    design: Design = validated.fields.get("design", Design())
    problems, _, _ = _rules(validated, themed(design), Path(source.path).parent)
    if any(p.severity == "error" for p in problems):
        raise ContentError(problems)


def folder_of(text: Text, base: Path) -> Path:
    """The folder that a file name written in ``text`` starts from: its style file's folder if
    it was written there, else ``base``."""
    source, node = text.source, text.node
    if source is None or node is None or node.start_mark is None:
        return base
    file = source.file_of(node.start_mark)
    return base if file is source else Path(file.path).parent


def _rules(
    validated: Validated, theme: Theme, base: Path
) -> tuple[list[Problem], dict[int, Any], Picture | None]:
    """The problems of validated fields, each once (the model's, formatting and links, glyphs,
    colours, the logo), every formatted text's markup by its id, and the logo."""
    problems = list(validated.problems)
    texts = validated.texts
    formatted: dict[int, Any] = {}  # id of a text -> its markup
    language = validated.fields.get("language", "en")  # even when other fields are wrong
    for text in texts:
        problems += _glyph_problems(text, theme.family, language)
        if text.markdown == "inline":
            formatted[id(text)] = markup.inline(text, problems, theme.link)
        elif text.markdown == "blocks":
            formatted[id(text)] = markup.blocks(text, problems, theme.link)
    problems += _crowded([t for t in texts if t.markdown == "blocks"], formatted)
    design: Design = validated.fields.get("design", Design())
    problems += colour_problems(design, theme)
    logo, declared = None, validated.fields.get("logo")
    if declared is not None:
        from .images import load_logo  # ReportLab's graphics load only for pictures

        found: list[Problem] = []
        logo = load_logo(declared, folder_of(declared.file, base), found)
        problems += [p._replace(field=p.field or declared.file.field) for p in found]
    return list(dict.fromkeys(problems)), formatted, logo


def _crowded(bodies: list[Text], formatted: dict[int, Any]) -> list[Problem]:
    """An error if the section bodies hold more paragraphs and list items than any page could,
    located at the body that passes the limit: laying them all out would take long for nothing."""
    total = 0
    for body in bodies:
        total += len(formatted[id(body)])
        if total > MAX_BLOCKS:
            count = sum(len(formatted[id(other)]) for other in bodies)
            return [
                body.problem(
                    f"the sections hold {count:,} paragraphs and list items",
                    f"at most {MAX_BLOCKS} in all (a page holds far fewer)",
                )
            ]
    return []


def _glyph_problems(text: Text, family: str, language: str) -> list[Problem]:
    """The characters of ``text`` that the fonts of ``language`` (its Latin family and its
    script's) cannot draw: a warning for each run of letters that another language's fonts
    draw (Hebrew in an Arabic sheet: the typesetter sets it in that family, but the sheet's
    language is not that text's; the right one is suggested), else an error for each."""
    script = LANGUAGES[language].script
    faces = script_faces(script)
    fonts = f"fonts {family} and {faces.family}" if faces is not None else f"font {family}"
    scripts = f"{_SCRIPT_NAMES[script]}, " if faces is not None else ""
    scripts += "Latin, Greek or Cyrillic"
    found: list[tuple[int, Problem]] = []  # by offset
    run: tuple[int, int, str] | None = None  # the other script's run being read: start, end, script
    for offset in missing(text, family, script):
        other = drawn_by(text[offset])
        if other is None:
            problem = text.problem(
                f"the character {describe(text[offset])} is not in the {fonts}",
                f"letters, digits and punctuation of {scripts} script (replace or remove this "
                "character)",
                offset,
            )
            found.append((offset, problem))
        elif run is not None and run[2] == other and not _has_letters(text[run[1] : offset]):
            run = (run[0], offset + 1, other)
        else:
            if run is not None:
                found.append((run[0], _other_script(text, run, language)))
            run = (offset, offset + 1, other)
    if run is not None:
        found.append((run[0], _other_script(text, run, language)))
    return [problem for _, problem in sorted(found, key=lambda pair: pair[0])]


_SCRIPT_NAMES = {"Arab": "Arabic", "Hebr": "Hebrew", "Hans": "Chinese"}
_SHOWN = 24  # characters of another script's run that its warning quotes


def _has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def _other_script(text: Text, run: tuple[int, int, str], language: str) -> Problem:
    """A warning for text in a script the sheet's language is not written in."""
    start, end, script = run
    shown = text[start:end] if end - start <= _SHOWN else text[start : start + _SHOWN] + "…"
    codes = [code for code, words in LANGUAGES.items() if words.script == script]
    suggested = " or ".join(f"'language: {code}'" for code in codes)
    name = _SCRIPT_NAMES[script]
    return text.problem(
        f"'{shown}' is {name} text in a sheet in language '{language}': it is set in "
        f"{SCRIPTS[script][0]}, but the PDF marks it, and screen readers read it, as '{language}'",
        f"{suggested} for a sheet in {name}, or text in the sheet's language",
        start,
        "warning",
    )


def colour_problems(design: Design, theme: Theme) -> list[Problem]:
    """An error for each design colour whose text falls under 4.5:1 contrast, in colour or gray."""
    problems = []
    chosen = {name: getattr(design, name) for name in ("primary", "accent")}
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
                        colour.problem(
                            f"the {name} colour {colour} gives {use} a contrast of only "
                            f"{ratio:.1f}:1{kind}",
                            f"a colour with at least {MIN_CONTRAST}:1 contrast for {use}, in "
                            "colour "
                            "and when photocopied in gray (darker for text on white, for example)",
                        )
                    )
                    break
    return problems


def warnings(content: Content) -> list[Problem]:
    """Writer's warnings: acronyms used before they are spelled out, pasted bullets, and empty
    or outsized sections."""
    found = _acronym_warnings(content) + _pasted_bullets(content)
    words = [len((s.body or "").split()) for s in content.sections]
    for index, (section, count) in enumerate(zip(content.sections, words, strict=True)):
        if not count:
            found.append(
                section.heading.problem(
                    f"the section '{section.heading}' has no text",
                    "a 'body:' with the section's text, or no section",
                    severity="warning",
                )
            )
            continue
        others = sorted(w for i, w in enumerate(words) if w and i != index)
        if len(others) < _LOPSIDED_PEERS:
            continue
        middle = len(others) // 2
        typical = (others[middle] + others[~middle]) / 2
        if count > _LOPSIDED_WORDS and count > _LOPSIDED_FACTOR * typical:
            found.append(
                section.heading.problem(
                    f"the section '{section.heading}' has {count} words, over three times as "
                    f"many as the median of the other sections ({typical:g})",
                    "sections of similar length, or this one split in two",
                    severity="warning",
                )
            )
    return found


def _running(content: Content) -> list[Text]:
    """The running text, which may hold formatting: lead, figure labels, facts, section bodies."""
    running = [content.lead] if content.lead else []
    running += [figure.label for figure in content.key_figures]
    running += [fact.value for fact in content.at_a_glance]
    return running + [section.body for section in content.sections if section.body]


def _acronym_warnings(content: Content) -> list[Problem]:
    """Running text must spell out an acronym at its first use: ``Ministry of Health (MOH)``,
    or several at once: ``Anti-Money Laundering and Countering Terrorism Financing (AML/CFT)``."""
    introduced: set[str] = set()
    found = []
    for text in _running(content):
        spelled = [match.span() for match in _INTRODUCED.finditer(text)]
        for match in _ACRONYM.finditer(text):
            acronym = match.group()
            if acronym in introduced:
                continue
            introduced.add(acronym)
            if not any(start < match.start() < end for start, end in spelled):
                found.append(
                    text.problem(
                        f"'{acronym}' is used before it is spelled out",
                        f"the full name followed by ({acronym}) at its first use",
                        match.start(),
                        "warning",
                    )
                )
    return found


def _pasted_bullets(content: Content) -> list[Problem]:
    """Lines of a section body starting with a pasted bullet or dash run together: say so."""
    found = []
    for text in (section.body for section in content.sections if section.body):
        match = _PASTED_BULLET.search(text)
        if match is not None:
            found.append(
                text.problem(
                    f"the line starting '{match.group(1)}' runs into the line above it: "
                    f"'{match.group(1)}' does not start a list item",
                    "a list: lines starting '- ' (or '1. ', '2. ' for a numbered one)",
                    match.start(1),
                    "warning",
                )
            )
    return found
