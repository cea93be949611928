"""Read YAML text into a node tree that remembers where every value was written.

Only what a content file needs is accepted: UTF-8 text of bounded size, no duplicate keys and no
aliases (which could expand without bound). Every problem becomes a located :class:`Problem`.
"""

from __future__ import annotations

import bisect
import errno
import functools
import io
import os
import re
import stat
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from ..errors import ContentError, Location, Problem

MAX_BYTES = 1_000_000
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Source(NamedTuple):
    """A parsed content file: its text, its YAML node tree and the name to report it by.

    A content file that names a style file holds the style's values in its tree too, each
    node marked with the name of the file it was written in (``style``).
    """

    path: str
    text: str
    root: yaml.Node | None
    style: Source | None = None  # the style file whose values the tree also holds

    def file_of(self, mark: Any) -> Source:
        """The file a YAML mark is in: this one, or its style file."""
        style = self.style
        return style if style is not None and mark.name == style.path else self

    def at(self, mark: Any) -> Location:
        """The location of a YAML mark, in the file it is in."""
        return Location(self.file_of(mark).path, mark.line + 1, mark.column + 1)

    def folder(self, node: yaml.Node, base: Path) -> Path:
        """The folder that a file name written at ``node`` starts from: its style file's folder
        if it was written there, else ``base`` (a dict's nodes, which have no marks, too)."""
        if node.start_mark is None:
            return base
        file = self.file_of(node.start_mark)
        return base if file is self else Path(file.path).parent

    def locate(self, node: yaml.Node, offset: int | None = None) -> Location:
        """Where ``node`` was written, or with ``offset`` where that character of its value is.

        The character is matched to the source by its count among the same characters (escape
        sequences aside, a value's characters appear in the source in order); each value and
        each file is indexed once, so locating many characters takes linear time.
        """
        if offset is None or not isinstance(node, yaml.ScalarNode):
            return self.at(node.start_mark)
        file = self.file_of(node.start_mark)
        char = node.value[offset]
        nth = bisect.bisect_left(_occurrences(node.value).get(char, []), offset)
        written = _occurrences(file.text, node.start_mark.index, node.end_mark.index).get(char, [])
        if nth >= len(written):  # written as an escape sequence: point at the value itself
            return self.at(node.start_mark)
        return position(file.path, file.text, written[nth])


def key_of(node: yaml.Node) -> str | None:
    """The name a mapping's key node gives, or None if it is not a scalar."""
    return node.value if isinstance(node, yaml.ScalarNode) else None


def value_of(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value of ``key`` in a mapping node, or None (also if ``node`` is not a mapping)."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return next((value for name, value in node.value if key_of(name) == key), None)


def position(path: str, text: str, index: int) -> Location:
    """The location of ``text[index]``, counting line breaks as YAML does (CR, LF or CRLF)."""
    starts = _line_starts(text)
    line = bisect.bisect_right(starts, index)
    return Location(path, line, index - starts[line - 1] + 1)


_BREAK = re.compile("\r\n?|[\n\x85\u2028\u2029]")
# compiled by ``re`` when first used (a few ms), for a file YAML refuses
_UNPRINTABLE = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"


@functools.lru_cache(maxsize=4)
def _line_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in _BREAK.finditer(text))]


@functools.lru_cache(maxsize=64)
def _occurrences(text: str, start: int = 0, end: int | None = None) -> dict[str, list[int]]:
    """The indices in ``text`` of each character of ``text[start:end]``."""
    found: dict[str, list[int]] = {}
    for index, char in enumerate(text[start:end], start):
        found.setdefault(char, []).append(index)
    return found


def read(path: str | Path) -> Source:
    """Read and parse a content file; raise :class:`ContentError` for anything unreadable."""
    shown = str(path)
    try:  # opened without waiting, so that a named pipe is refused rather than waited on
        with open(os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise ContentError(
                    [
                        Problem(
                            "this is not a file but a folder, a pipe or a device",
                            Location(shown, 1, 1),
                            "a content file",
                        )
                    ]
                )
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ContentError([_not_found(Path(path))]) from None
    except OSError as error:
        looped = error.errno == errno.ELOOP
        problem = "a link that leads back to itself" if looped else "cannot read the file"
        problem += "" if looped else f": {error.strerror or error}"
        raise ContentError(
            [Problem(problem, Location(shown, 1, 1), "a readable content file")]
        ) from None
    kind = next((kind for magic, kind in _NOT_TEXT.items() if data.startswith(magic)), None)
    if kind is not None:
        raise ContentError(
            [
                Problem(
                    f"this is {kind}, not a content file", Location(shown, 1, 1), _content_of(path)
                )
            ]
        )
    if len(data) > MAX_BYTES:
        raise ContentError(
            [
                Problem(
                    f"the file is larger than {MAX_BYTES // 1_000_000} MB",
                    Location(shown, 1, 1),
                    "a content file of a few kilobytes",
                )
            ]
        )
    return parse(_decode(data, shown), shown)


# The first bytes of files a writer may name by mistake: what was built, or what was pasted from.
_NOT_TEXT = {
    b"%PDF": "a PDF",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"PK\x03\x04": "a Word document (or another zipped file)",
    b"\xd0\xcf\x11\xe0": "an old Word or Excel document",
}


def _content_of(path: str | Path) -> str:
    """What a content file is, naming the one beside ``path`` that it was probably meant as."""
    sheet = Path(path).with_suffix(".yaml")
    beside = f", such as {sheet}" if sheet.is_file() and sheet != Path(path) else ""
    return f"the YAML content file that briefing reads{beside}"


def _not_found(path: Path) -> Problem:
    """A content file that is not there, and the one that probably was meant."""
    sheet = path.with_suffix(".yaml")
    if path.suffix != ".yaml" and sheet.is_file():
        expected = f"{sheet}, the content file of that name"
    else:
        expected = "the name of a content file, such as content.yaml"
    return Problem(f"there is no file {path}", Location(str(path), 1, 1), expected)


def _decode(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        good = data[: error.start].decode("utf-8-sig")
        raise ContentError(
            [
                Problem(
                    f"byte 0x{data[error.start]:02X} is not UTF-8 text",
                    position(path, good, len(good)),
                    "a file saved as UTF-8 (choose UTF-8 in your editor's Save As)",
                )
            ]
        ) from None


def parse(text: str, path: str = "<content>") -> Source:
    """Parse YAML text; raise :class:`ContentError` on syntax errors, duplicate keys or aliases."""
    text = text.removeprefix("\ufeff")
    stream = io.StringIO(text)
    stream.name = path  # every mark names its file
    try:
        root = yaml.compose(stream, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(error, text, path)]) from None
    except yaml.YAMLError as error:  # unmarked: unprintable characters and the like
        raise ContentError([_unmarked_problem(error, text, path)]) from None
    except RecursionError:
        raise ContentError(
            [
                Problem(
                    "the file is nested too deeply",
                    Location(path, 1, 1),
                    "at most a few levels of indentation",
                )
            ]
        ) from None
    source = Source(path, text, root)
    problems = _structure_problems(source)
    if problems:
        raise ContentError(problems)
    return source


def _structure_problems(source: Source) -> list[Problem]:
    """Duplicate keys and aliases, found in one pass that visits each node once."""
    problems: list[Problem] = []
    seen: set[int] = set()
    aliased = False
    stack = [source.root] if source.root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            aliased = True
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in first:
                        line = first[key.value].start_mark.line + 1
                        problems.append(
                            Problem(
                                f"duplicate key '{key.value}' (first written on line {line})",
                                source.at(key.start_mark),
                                "each key once; merge the two or rename one",
                            )
                        )
                    else:
                        first[key.value] = key
                stack.extend((key, value))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    if aliased:
        problems.extend(
            Problem(
                f"the alias '*{event.anchor}' repeats content",
                source.at(event.start_mark),
                "each value written out in full (anchors and aliases are not supported)",
            )
            for event in yaml.parse(source.text, Loader=_Loader)
            if isinstance(event, yaml.AliasEvent) and event.start_mark is not None
        )
    return problems


_LONGEST_KEY = 1024  # characters of a name before ': ' that YAML reads as one

_SYNTAX_HINTS = (
    (
        "tab character",
        "a tab character is used for indentation",
        "spaces for indentation (YAML forbids tabs)",
    ),
    (
        "'\\t'",
        "a tab character is used for indentation",
        "spaces for indentation (YAML forbids tabs)",
    ),
    (
        "while scanning a quoted scalar",
        "quoted text is never closed",
        "a closing quote to match this one",
    ),
    (
        "mapping values are not allowed",
        "unexpected ': ' here",
        "this line indented like the keys above it, or text containing ': ' put in quotes",
    ),
    (
        "could not find expected ':'",
        "a line is neither 'key: value' nor a list item",
        "'key: value', or '- item' under a list",
    ),
    (
        "expected <block end>",
        "the indentation does not line up with the lines above",
        "this line indented like the other keys at its level",
    ),
    (
        "did not find expected key",
        "the indentation does not line up with the lines above",
        "this line indented like the other keys at its level",
    ),
    (
        "did not find expected '-' indicator",
        "a list item is indented differently from the others",
        "every '- ' item of a list at the same indentation",
    ),
)


_INDICATOR = re.compile(r"^(\s*(?:-\s+)?[^\s:#][^:#]*:\s+|\s*-\s+)([\[{*&!%@`])")


def _leading_indicator(text: str, mark: Any) -> tuple[str, int, int] | None:
    """The YAML indicator that starts a value on the error's line, as (char, line, column)."""
    if mark is None:
        return None
    lines = text.splitlines()
    for line in range(min(mark.line, len(lines) - 1), max(mark.line - 2, -1), -1):
        match = _INDICATOR.match(lines[line])
        if match:
            return match.group(2), line + 1, match.start(2) + 1
    return None


def _unmarked_problem(error: yaml.YAMLError, text: str, path: str) -> Problem:
    """A character YAML does not allow (a NUL, an escape code), located where it is."""
    bad = re.search(_UNPRINTABLE, text)
    if bad is None:
        return Problem(str(error), Location(path, 1, 1), "valid YAML")
    return Problem(
        f"the control character U+{ord(bad.group()):04X} is not allowed in a content file",
        position(path, text, bad.start()),
        "text without control characters (delete this one; it is often invisible)",
    )


# a line that starts text: a block after '|' or '>' ('body: |', '- lead: >-', '- |'), or plain
# text after its key ('body: Some words'); the key, if any, in group 2, the '|' or '>' in group 3
_TEXT_START = re.compile(
    r"^( *(?:- +)*)(?:([^\s#:'\"\[{-][^#:]*?): +)?(?:([|>][-+1-9]*)[ \t]*(?:#.*)?"
    r"|[^\s|>'\"\[{&*!%@`#-][^#]*)$"
)
# a line that YAML may rightly read after text ends: a field, a list item, a comment
_STRUCTURE = re.compile(r"^ *(?:-(?:\s|$)|#|[a-z][a-z0-9_]*:(?:\s|$)|---|\.\.\.)")


def _short_text_line(text: str, path: str, before: int) -> Problem | None:
    """A line of text indented too little, so that YAML ended the text there and failed on a
    later line: the commonest mistake, pasting a paragraph at the wrong indentation. Only the
    last such line at or before line ``before`` (0-based), and only if it does not look like
    YAML that may rightly follow the text."""
    lines = _BREAK.split(text)
    found: Problem | None = None
    index = 0
    while index <= min(before, len(lines) - 1):
        start = _TEXT_START.match(lines[index])
        index += 1
        header = index  # its line number
        if start is None or (start.group(2) is None and start.group(3) is None):
            continue  # not text, or a list item's plain text, which needs no more lines
        parent = len(start.group(1))  # the column of the key (or of the list item's text)
        indicator = start.group(3)
        first = next((i for i in range(index, len(lines)) if lines[i].strip()), len(lines))
        block = indicator is not None and first < len(lines) and _indent(lines[first]) > parent
        least = _indent(lines[first]) if block else parent + 1  # text lines, as YAML reads them
        index = next(
            (i for i in range(index, len(lines)) if lines[i].strip() and _indent(lines[i]) < least),
            len(lines),
        )
        if index > before:
            break
        line = lines[index]
        if "\t" in line[: len(line) - len(line.lstrip())] or _STRUCTURE.match(line):
            continue  # a tab is said as such; a key or list item may rightly end the text
        named = f"the '{start.group(2).strip()}' text" if start.group(2) else "the text"
        after = f" after '{indicator}'" if indicator else ""
        written = _indent(line)
        if block:
            expected = (
                f"at least {least} spaces before it, like the text's first line (line {first + 1})"
            )
        else:
            expected = f"at least {parent + 2} spaces before it, further in than line {header}"
        found = Problem(
            f"this line looks like part of {named}{after} on line {header}, but is indented "
            f"{written} space{'s' * (written != 1)}, which ends that text",
            Location(path, index + 1, written + 1),
            expected,
        )
    return found


_BRACKETS = {"flow sequence": ("[", "]"), "flow mapping": ("{", "}")}


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unclosed(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem | None:
    """A list in brackets (a table row) or a mapping in braces left open at the end of its line:
    said at the bracket, not at the next line, where YAML finds out. Without a comma after
    the bracket it is text that starts with one (``[DRAFT``), said as such elsewhere."""
    opened, found = error.context_mark, error.problem_mark
    kind = next((k for k in _BRACKETS if k in (error.context or "")), None)
    if kind is None or opened is None or found is None or found.line == opened.line:
        return None
    if "," not in _BREAK.split(text)[opened.line][opened.column :]:
        return None
    bracket, closing = _BRACKETS[kind]
    return Problem(
        f"the '{bracket}' here is not closed on its line",
        Location(path, opened.line + 1, opened.column + 1),
        f"'{closing}' after the last item, on the same line, such as [a, b, \"3,100,000\"]",
    )


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    if mark is not None:
        short = _short_text_line(text, path, mark.line)
        if short is not None:
            return short
    unclosed = _unclosed(error, text, path)
    if unclosed is not None:
        return unclosed
    described = f"{error.context or ''} {error.problem or ''}"
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        described += " tab character"
    indicator = _leading_indicator(text, error.problem_mark)
    if indicator is not None:
        char, line, column = indicator
        return Problem(
            f"text starting with '{char}' is read as YAML syntax, not as text",
            Location(path, line, column),
            "the whole text in quotes, or written on the next lines after '|'",
        )
    if "mapping values are not allowed" in described and mark is not None:
        written = text.splitlines()[mark.line]
        start = len(written) - len(written.lstrip(" -"))
        if mark.column - start > _LONGEST_KEY:  # YAML reads no longer name before ': '
            return Problem(
                f"a name of {mark.column - start:,} characters before ':'",
                Location(path, mark.line + 1, start + 1),
                f"a name of at most {_LONGEST_KEY:,} characters (YAML reads no longer one)",
            )
    hint = next((hint for hint in _SYNTAX_HINTS if hint[0] in described), None)
    if hint is None:
        message, expected = f"YAML syntax error: {error.problem}", "valid YAML"
    else:
        message, expected = hint[1], hint[2]
        if hint[0].startswith("while scanning a quoted") and error.context_mark is not None:
            mark = error.context_mark  # where the quote was opened
    location = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path, 1, 1)
    return Problem(message, location, expected)
