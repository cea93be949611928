"""The Markdown of content text: paragraphs, lists, emphasis, links, code spans, escapes, breaks.

A port of markdown-it's rules for exactly this part of CommonMark: what markdown-it-py parses
with its "zero" preset and the rules list, emphasis, link, escape, newline and backticks, token
for token (the tests compare the two on random text). Everything else CommonMark knows
(headings, quotes, code blocks, HTML, entities, images, reference links) stays text. It exists
because markdown-it-py loads 68 modules to start, about 15 ms: half of all that briefing may
add to the start of ReportLab. This module loads in well under a millisecond.

The code follows markdown-it's own (MIT License; copyright 2014 Vitaly Puzrin and Alex Kocharin,
and 2020 ExecutableBookProject for the Python port; the notice is in LICENSE.markdown-it).
"""

from __future__ import annotations

import contextlib
import re
import unicodedata

# Which rules this port follows, recorded as markdown-it-py's port.yaml records its own; the
# test extra pins markdown-it-py to the release that follows the same markdown-it version.
PORT = {
    "package": "markdown-it/markdown-it",
    "version": "14.1.0",
    "commit": "0fe7ccb4b7f30236fb05f623be6924961d296d3d",
    "date": "Mar 19, 2024",
    "via": "markdown-it-py 4.3.0",
}
MAX_NESTING = 20  # markdown-it's limit on nested lists and links

_TERMINATORS = re.compile(r"[\n\\`*_\[\]]")  # where an inline rule may start, or a label end
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_WHITESPACE = frozenset("\t\n\v\f\r \xa0\u1680\u202f\u205f\u3000") | frozenset(
    map(chr, range(0x2000, 0x200B))
)
_TRIM = "".join(sorted(_WHITESPACE | {"\u2028", "\u2029"}))  # what JavaScript trims
_UNESCAPE = re.compile(
    r"\\([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])|&([a-z#][a-z0-9]{1,31});", re.I
)
_BAD_SCHEME = re.compile(r"^(vbscript|javascript|file|data):")
_GOOD_DATA = re.compile(r"^data:image/(gif|png|jpeg|webp);")


class Token:
    """A token as markdown-it names them.

    Blocks: ``bullet_list_open``, ``ordered_list_open`` (``start``), ``list_item_open``, their
    ``_close``, and ``inline`` (``children``). Inline: ``text`` and ``code_inline``
    (``content``), ``softbreak``, ``hardbreak``, ``em_open``, ``strong_open``, ``link_open``
    (``href``) and their ``_close``.
    """

    __slots__ = ("children", "content", "href", "start", "type")

    def __init__(self, kind: str, content: str = "") -> None:
        self.type = kind
        self.content = content
        self.href = ""
        self.start = 1
        self.children: list[Token] = []

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.content!r})"


def parse(text: str) -> list[Token]:
    """The block tokens of ``text``, each ``inline`` one with its inline tokens."""
    src = _normalize(text)
    if not src:
        return []
    state = _Blocks(src)
    state.tokenize(0, state.line_max)
    for token in state.tokens:
        if token.type == "inline":
            token.children = _inline(token.content)
    return state.tokens


def destination_at(text: str, pos: int) -> str | None:
    """The ``href`` a ``link_open`` token gives for a link destination written at ``pos``."""
    found = _destination(text, pos, len(text)) if pos < len(text) else None
    return _normalize_link(found[0]) if found else None


def parse_inline(text: str) -> list[Token]:
    """The inline tokens of ``text``, taken as one paragraph."""
    return _inline(_normalize(text))


def _normalize(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")


# -- blocks: paragraphs and lists ----------------------------------------------------------------


class _Blocks:
    """Lines of the source with their indentation, as markdown-it's StateBlock keeps them."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.begin: list[int] = []  # where each line starts
        self.end: list[int] = []  # where it ends (its newline)
        self.shift: list[int] = []  # its first non-space character, from its start
        self.count: list[int] = []  # its indentation, tabs expanded
        start, length = 0, len(src)
        while start < length:
            end = src.find("\n", start)
            if end < 0:
                end = length
            indent = offset = 0
            pos = start
            while pos < end and src[pos] in " \t":
                indent += 1
                offset += 4 - offset % 4 if src[pos] == "\t" else 1
                pos += 1
            if pos == end == length:
                break
            self._line(start, end, indent, offset)
            start = end + 1 if end < length else length
        self._line(length, length, 0, 0)
        self.line_max = len(self.begin) - 1  # not counting the last, empty line
        self.line = 0
        self.indent = 0  # markdown-it's blkIndent
        self.list_indent = -1
        self.level = 0
        self.tokens: list[Token] = []

    def _line(self, start: int, end: int, shift: int, count: int) -> None:
        self.begin.append(start)
        self.end.append(end)
        self.shift.append(shift)
        self.count.append(count)

    def push(self, kind: str, nesting: int) -> Token:
        self.level += nesting
        token = Token(kind)
        self.tokens.append(token)
        return token

    def is_empty(self, line: int) -> bool:
        return self.begin[line] + self.shift[line] >= self.end[line]

    def tokenize(self, line: int, end: int) -> None:
        while line < end:
            while line < self.line_max and self.is_empty(line):
                line += 1
            self.line = line
            if line >= end or self.count[line] < self.indent:
                break
            if self.level >= MAX_NESTING:
                self.line = end
                break
            if not self.list(line, end, silent=False):
                self.paragraph(line)
            line = self.line
            if line < end and self.is_empty(line):
                line += 1
                self.line = line

    def paragraph(self, start: int) -> None:
        following, end = start + 1, self.line_max
        while following < end and not self.is_empty(following):
            indent = self.count[following]
            if 0 <= indent <= self.indent + 3 and self.list(following, end, silent=True):
                break
            following += 1
        content = self.lines(start, following, self.indent).strip(_TRIM)
        self.line = following
        self.push("inline", 0).content = content

    def lines(self, begin: int, end: int, indent: int) -> str:
        """The text of lines ``begin`` to ``end``, less ``indent`` columns of indentation."""
        parts = []
        for line in range(begin, end):
            column, first = 0, self.begin[line]
            last = self.end[line] + 1 if line + 1 < end else self.end[line]
            while first < last and column < indent:
                char = self.src[first]
                if char in " \t":
                    column += 4 - column % 4 if char == "\t" else 1
                elif first - self.begin[line] < self.shift[line]:
                    column += 1
                else:
                    break
                first += 1
            spaces = " " * (column - indent) if column > indent else ""
            parts.append(spaces + self.src[first:last])
        return "".join(parts)

    def _bullet(self, line: int) -> int:
        pos, end = self.begin[line] + self.shift[line], self.end[line]
        if pos >= len(self.src) or self.src[pos] not in "*-+":
            return -1
        pos += 1
        if pos < end and self.src[pos] not in " \t":
            return -1
        return pos

    def _ordered(self, line: int) -> int:
        start = pos = self.begin[line] + self.shift[line]
        end = self.end[line]
        if pos + 1 >= end or not "0" <= self.src[pos] <= "9":
            return -1
        pos += 1
        while True:
            if pos >= end:
                return -1
            char = self.src[pos]
            pos += 1
            if "0" <= char <= "9":
                if pos - start >= 10:
                    return -1
                continue
            if char in ").":
                break
            return -1
        if pos < end and self.src[pos] not in " \t":
            return -1
        return pos

    def list(self, start: int, end: int, silent: bool) -> bool:
        if (
            self.list_indent >= 0
            and self.count[start] - self.list_indent >= 4
            and self.count[start] < self.indent
        ):
            return False
        # silent: asked by a paragraph whether this line ends it
        interrupts = silent and self.count[start] >= self.indent
        after = self._ordered(start)
        ordered = after >= 0
        if ordered:
            first = self.begin[start] + self.shift[start]
            number = int(self.src[first : after - 1])
            if interrupts and number != 1:
                return False
        else:
            after = self._bullet(start)
            if after < 0:
                return False
        if interrupts and _skip(self.src, after, len(self.src), " \t") >= self.end[start]:
            return False
        if silent:
            return True
        marker = self.src[after - 1]
        opening = self.push("ordered_list_open" if ordered else "bullet_list_open", 1)
        if ordered:
            opening.start = number
        following = start
        while following < end:
            pos, maximum = after, self.end[following]
            initial = offset = (
                self.count[following] + after - (self.begin[start] + self.shift[start])
            )
            while pos < maximum:
                char = self.src[pos]
                if char == "\t":
                    offset += 4 - offset % 4
                elif char == " ":
                    offset += 1
                else:
                    break
                pos += 1
            content_start = pos
            gap = 1 if content_start >= maximum else offset - initial
            if gap > 4:
                gap = 1
            self.push("list_item_open", 1)
            old_shift, old_count = self.shift[start], self.count[start]
            old_list_indent = self.list_indent
            self.list_indent, self.indent = self.indent, initial + gap
            self.shift[start] = content_start - self.begin[start]
            self.count[start] = offset
            if content_start >= maximum and self.is_empty(start + 1):
                self.line = min(self.line + 2, end)
            else:
                self.tokenize(start, end)
            self.indent, self.list_indent = self.list_indent, old_list_indent
            self.shift[start], self.count[start] = old_shift, old_count
            self.push("list_item_close", -1)
            following = start = self.line
            if following >= end or self.count[following] < self.indent:
                break
            after = self._ordered(following) if ordered else self._bullet(following)
            if after < 0 or marker != self.src[after - 1]:
                break
        self.push("ordered_list_close" if ordered else "bullet_list_close", -1)
        self.line = following
        return True


# -- inline: emphasis, links, code spans, escapes and breaks -------------------------------------


class _Delimiter:
    __slots__ = ("close", "end", "length", "marker", "open", "token")

    def __init__(self, marker: str, length: int, token: int, open_: bool, close: bool) -> None:
        self.marker, self.length, self.token = marker, length, token
        self.end = -1
        self.open, self.close = open_, close


class _Inline:
    """markdown-it's StateInline, for the rules of this subset."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = 0
        self.pos_max = len(src)
        self.level = 0
        self.pending = ""
        self.tokens: list[Token] = []
        self.delimiters: list[_Delimiter] = []
        self.every_delimiters = [self.delimiters]  # one list per nesting (link) level
        self.outer_delimiters: list[list[_Delimiter]] = []
        self.cache: dict[int, int] = {}
        self.backtick_runs: dict[int, int] | None = None

    def push_pending(self) -> None:
        self.tokens.append(Token("text", self.pending))
        self.pending = ""

    def push(self, kind: str, nesting: int = 0) -> Token:
        if self.pending:
            self.push_pending()
        token = Token(kind)
        if nesting < 0:
            self.level -= 1
            self.delimiters = self.outer_delimiters.pop()
        if nesting > 0:
            self.level += 1
            self.outer_delimiters.append(self.delimiters)
            self.delimiters = []
            self.every_delimiters.append(self.delimiters)
        self.tokens.append(token)
        return token

    def tokenize(self) -> None:
        end = self.pos_max
        while self.pos < end:
            if self.level < MAX_NESTING and self.rule(silent=False):
                if self.pos >= end:
                    break
                continue
            self.pending += self.src[self.pos]
            self.pos += 1
        if self.pending:
            self.push_pending()

    def rule(self, silent: bool) -> bool:
        return (
            self.text(silent)
            or self.newline(silent)
            or self.escape(silent)
            or self.backticks(silent)
            or self.emphasis(silent)
            or self.link(silent)
        )

    def skip_token(self) -> None:
        start = self.pos
        if start in self.cache:
            self.pos = self.cache[start]
            return
        found = False
        if self.level < MAX_NESTING:
            self.level += 1
            found = self.rule(silent=True)
            self.level -= 1
        else:
            self.pos = self.pos_max
        if not found:
            self.pos += 1
        self.cache[start] = self.pos

    def text(self, silent: bool) -> bool:
        found = _TERMINATORS.search(self.src, self.pos)
        pos = found.start() if found else self.pos_max
        if pos == self.pos:
            return False
        if not silent:
            self.pending += self.src[self.pos : pos]
        self.pos = pos
        return True

    def newline(self, silent: bool) -> bool:
        pos = self.pos
        if self.src[pos] != "\n":
            return False
        if not silent:
            pending = self.pending
            if pending.endswith("  "):
                self.pending = pending.rstrip(" ")
                self.push("hardbreak")
            else:
                self.pending = pending.removesuffix(" ")
                self.push("softbreak")
        self.pos = _skip(self.src, pos + 1, self.pos_max, " \t")
        return True

    def escape(self, silent: bool) -> bool:
        pos = self.pos
        if self.src[pos] != "\\" or pos + 1 >= self.pos_max:
            return False
        pos += 1
        char = self.src[pos]
        if char == "\n":
            if not silent:
                self.push("hardbreak")
            self.pos = _skip(self.src, pos + 1, self.pos_max, " \t")
            return True
        if not silent:
            self.push("text_special").content = char if char in _ESCAPABLE else "\\" + char
        self.pos = pos + 1
        return True

    def backticks(self, silent: bool) -> bool:
        start = self.pos
        if self.src[start] != "`":
            return False
        pos = start + 1
        while pos < self.pos_max and self.src[pos] == "`":
            pos += 1
        marker = self.src[start:pos]
        if self.backtick_runs is None:
            self.backtick_runs = _backtick_runs(self.src)
        if self.backtick_runs.get(len(marker), -1) >= pos:
            match_end = pos
            while (
                match_start := self.src.find("`", match_end)
            ) != -1 and match_start < self.pos_max:
                match_end = match_start + 1
                while match_end < len(self.src) and self.src[match_end] == "`":
                    match_end += 1
                if match_end > self.pos_max:
                    break
                if match_end - match_start == len(marker):
                    if not silent:
                        content = self.src[pos:match_start].replace("\n", " ")
                        if content[:1] == content[-1:] == " " and content.strip(" "):
                            content = content[1:-1]
                        self.push("code_inline").content = content
                    self.pos = match_end
                    return True
        if not silent:
            self.pending += marker
        self.pos = pos
        return True

    def emphasis(self, silent: bool) -> bool:
        start = self.pos
        marker = self.src[start]
        if silent or marker not in "_*":
            return False
        length, can_open, can_close = self.scan_delimiters(start, marker == "*")
        for _ in range(length):
            self.push("text").content = marker
            token = len(self.tokens) - 1
            self.delimiters.append(_Delimiter(marker, length, token, can_open, can_close))
        self.pos += length
        return True

    def scan_delimiters(self, start: int, intraword: bool) -> tuple[int, bool, bool]:
        marker = self.src[start]
        pos = start
        while pos < self.pos_max and self.src[pos] == marker:
            pos += 1
        last = self.src[start - 1] if start > 0 else " "
        following = self.src[pos] if pos < self.pos_max else " "
        last_punct, next_punct = _punctuation(last), _punctuation(following)
        last_space, next_space = last in _WHITESPACE, following in _WHITESPACE
        # CommonMark's flanking rules, with its CJK-friendly amendment: Chinese, Japanese and
        # Korean characters, their punctuation too, stand beside a run as punctuation does
        # ("**替代发展。**在" is bold), and their punctuation inside it as a letter does
        last_cjk, next_cjk = _cjk(last), _cjk(following)
        last_other, next_other = last_punct and not last_cjk, next_punct and not next_cjk
        left = not (next_space or (next_other and not (last_space or last_punct or last_cjk)))
        right = not (last_space or (last_other and not (next_space or next_punct or next_cjk)))
        can_open = left and (intraword or not right or last_punct)
        can_close = right and (intraword or not left or next_punct)
        return pos - start, can_open, can_close

    def link(self, silent: bool) -> bool:
        if self.src[self.pos] != "[":
            return False
        maximum = self.pos_max
        label_start = self.pos + 1
        label_end = self.link_label(self.pos)
        if label_end < 0:
            return False
        pos = label_end + 1
        if pos >= maximum or self.src[pos] != "(":
            return False  # reference links are not part of this subset
        pos = _skip(self.src, pos + 1, maximum)
        if pos >= maximum:
            return False
        href = ""
        destination = _destination(self.src, pos, maximum)
        if destination is not None:
            href = _normalize_link(destination[0])
            if _valid(href):
                pos = destination[1]
            else:
                href = ""
            start = pos
            pos = _skip(self.src, pos, maximum)
            title_end = _title(self.src, pos, maximum)
            if pos < maximum and start != pos and title_end >= 0:
                pos = _skip(self.src, title_end, maximum)
        if pos >= maximum or self.src[pos] != ")":
            return False
        pos += 1
        if not silent:
            self.pos, self.pos_max = label_start, label_end
            self.push("link_open", 1).href = href
            self.tokenize()
            self.push("link_close", -1)
        self.pos, self.pos_max = pos, maximum
        return True

    def link_label(self, start: int) -> int:
        """Where the label of a link opened at ``start`` ends, or -1 (as parseLinkLabel does,
        with nested links refused)."""
        old = self.pos
        self.pos = start + 1
        level = 1
        while self.pos < self.pos_max:
            marker = self.src[self.pos]
            if marker == "]":
                level -= 1
                if level == 0:
                    end, self.pos = self.pos, old
                    return end
            before = self.pos
            self.skip_token()
            if marker == "[":
                if before == self.pos - 1:
                    level += 1
                else:
                    self.pos = old
                    return -1
        self.pos = old
        return -1


def _inline(src: str) -> list[Token]:
    state = _Inline(src)
    state.tokenize()
    for delimiters in state.every_delimiters:
        _pair(delimiters)
    for delimiters in state.every_delimiters:
        _emphasize(state.tokens, delimiters)
    return _join(state.tokens)


def _backtick_runs(src: str) -> dict[int, int]:
    """Each length of a run of backticks, and where the last run of that length starts."""
    runs: dict[int, int] = {}
    pos = 0
    while (start := src.find("`", pos)) != -1:
        pos = start + 1
        while pos < len(src) and src[pos] == "`":
            pos += 1
        runs[pos - start] = start
    return runs


def _punctuation(char: str) -> bool:
    return char in _ESCAPABLE or unicodedata.category(char).startswith(("P", "S"))


def _cjk(char: str) -> bool:
    """Whether ``char`` is a Chinese, Japanese or Korean character or punctuation mark (wide,
    fullwidth or halfwidth, or Hangul), not an emoji: the amendment's CJK character."""
    code = ord(char)
    if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF:  # emoji and their symbols
        return False
    hangul = 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF
    return hangul or unicodedata.east_asian_width(char) in ("W", "F", "H")


def _skip(src: str, pos: int, maximum: int, chars: str = " \t\n") -> int:
    """The first position from ``pos`` whose character is not one of ``chars``."""
    while pos < maximum and src[pos] in chars:
        pos += 1
    return pos


def _destination(src: str, pos: int, maximum: int) -> tuple[str, int] | None:
    """A link destination starting at ``pos``: its text and where it ends, or None."""
    start = pos
    if src[pos] == "<":
        pos += 1
        while pos < maximum:
            char = src[pos]
            if char in "\n<":
                return None
            if char == ">":
                return _unescape(src[start + 1 : pos]), pos + 1
            pos += 2 if char == "\\" and pos + 1 < maximum else 1
        return None
    level = 0
    while pos < maximum:
        char = src[pos]
        if char == " " or char < " " or char == "\x7f":
            break
        if char == "\\" and pos + 1 < maximum:
            if src[pos + 1] == " ":
                break
            pos += 2
            continue
        if char == "(":
            level += 1
            if level > 32:
                return None
        if char == ")":
            if level == 0:
                break
            level -= 1
        pos += 1
    if start == pos or level != 0:
        return None
    return _unescape(src[start:pos]), pos


def _title(src: str, pos: int, maximum: int) -> int:
    """Where a link title starting at ``pos`` ends, or -1 (briefing does not show titles)."""
    if pos >= maximum or src[pos] not in "\"'(":
        return -1
    closing = ")" if src[pos] == "(" else src[pos]
    pos += 1
    while pos < maximum:
        char = src[pos]
        if char == closing:
            return pos + 1
        if char == "(" and closing == ")":
            return -1
        if char == "\\" and pos + 1 < maximum:
            pos += 1
        pos += 1
    return -1


def _unescape(text: str) -> str:
    """Backslash escapes and character references replaced, as in a link destination."""
    if "\\" not in text and "&" not in text:
        return text

    def replace(match: re.Match[str]) -> str:
        if match.group(1):
            return match.group(1)
        from html.entities import html5  # only when an entity appears

        name = match.group(2)
        if f"{name};" in html5:
            return html5[f"{name};"]
        number = re.fullmatch(r"#([0-9]{1,8})|#[xX]([0-9a-fA-F]{1,8})", name)
        if number:
            code = int(number.group(1), 10) if number.group(1) else int(number.group(2), 16)
            if _valid_code(code):
                return chr(code)
        return match.group()

    return _UNESCAPE.sub(replace, text)


def _valid_code(code: int) -> bool:
    return not (
        0xD800 <= code <= 0xDFFF
        or 0xFDD0 <= code <= 0xFDEF
        or code & 0xFFFF in (0xFFFF, 0xFFFE)
        or code <= 0x08
        or code == 0x0B
        or 0x0E <= code <= 0x1F
        or 0x7F <= code <= 0x9F
        or code > 0x10FFFF
    )


def _normalize_link(url: str) -> str:
    """A link destination as markdown-it writes it: percent-encoded, host names in punycode."""
    import mdurl

    parsed = mdurl.parse(url, slashes_denote_host=True)
    if parsed.hostname and (not parsed.protocol or parsed.protocol in _RECODE_HOST):
        with contextlib.suppress(UnicodeError, ValueError):  # left as written, as markdown-it does
            parsed = parsed._replace(hostname=_punycode(parsed.hostname))
    if not parsed.hostname or ":" not in parsed.hostname:
        return str(mdurl.encode(mdurl.format(parsed)))
    # an IPv6 host: its parts are encoded before format() adds the brackets
    encode = mdurl.encode
    return str(
        mdurl.format(
            parsed._replace(
                protocol=parsed.protocol and encode(parsed.protocol),
                auth=parsed.auth and encode(parsed.auth),
                hostname=encode(parsed.hostname),
                pathname=parsed.pathname and encode(parsed.pathname),
                search=parsed.search and encode(parsed.search),
                hash=parsed.hash and encode(parsed.hash),
            )
        )
    )


_RECODE_HOST = ("http:", "https:", "mailto:")


def _punycode(host: str) -> str:
    """Non-ASCII labels of a host name in punycode, as markdown-it's copy of punycode.js does
    (in ``user@host``, only the host; past a second ``@``, nothing)."""
    parts = host.split("@")
    prefix, domain = (f"{parts[0]}@", parts[1]) if len(parts) > 1 else ("", host)
    labels = re.split("[.\u3002\uff0e\uff61]", domain)
    return prefix + ".".join(
        "xn--" + label.encode("punycode").decode() if re.search("[^\0-\x7e]", label) else label
        for label in labels
    )


def _valid(url: str) -> bool:
    url = url.strip().lower()
    return bool(_GOOD_DATA.search(url)) if _BAD_SCHEME.search(url) else True


def _pair(delimiters: list[_Delimiter]) -> None:
    """Match each closing emphasis delimiter with its opener (markdown-it's balance_pairs)."""
    if not delimiters:
        return
    bottoms: dict[str, list[int]] = {}
    header, last_token = 0, -2
    jumps: list[int] = []
    for closer_index, closer in enumerate(delimiters):
        jumps.append(0)
        if delimiters[header].marker != closer.marker or last_token != closer.token - 1:
            header = closer_index
        last_token = closer.token
        if not closer.close:
            continue
        bottom = bottoms.setdefault(closer.marker, [-1] * 6)
        slot = (3 if closer.open else 0) + closer.length % 3
        opener_index = header - jumps[header] - 1
        new_bottom = opener_index
        while opener_index > bottom[slot]:
            opener = delimiters[opener_index]
            if opener.marker == closer.marker and opener.open and opener.end < 0:
                odd = (
                    (opener.close or closer.open)
                    and (opener.length + closer.length) % 3 == 0
                    and (opener.length % 3 != 0 or closer.length % 3 != 0)
                )
                if not odd:
                    jump = (
                        jumps[opener_index - 1] + 1
                        if opener_index > 0 and not delimiters[opener_index - 1].open
                        else 0
                    )
                    jumps[closer_index] = closer_index - opener_index + jump
                    jumps[opener_index] = jump
                    closer.open = False
                    opener.end = closer_index
                    opener.close = False
                    new_bottom = -1
                    last_token = -2
                    break
            opener_index -= jumps[opener_index] + 1
        if new_bottom != -1:
            bottoms[closer.marker][(3 if closer.open else 0) + closer.length % 3] = new_bottom


def _emphasize(tokens: list[Token], delimiters: list[_Delimiter]) -> None:
    """Turn matched delimiters into em and strong tokens (markdown-it's emphasis postProcess)."""
    i = len(delimiters) - 1
    while i >= 0:
        start = delimiters[i]
        if start.end == -1:
            i -= 1
            continue
        end = delimiters[start.end]
        strong = (
            i > 0
            and delimiters[i - 1].end == start.end + 1
            and delimiters[i - 1].marker == start.marker
            and delimiters[i - 1].token == start.token - 1
            and delimiters[start.end + 1].token == end.token + 1
        )
        kind = "strong" if strong else "em"
        tokens[start.token].type = f"{kind}_open"
        tokens[end.token].type = f"{kind}_close"
        tokens[start.token].content = tokens[end.token].content = ""
        if strong:
            tokens[delimiters[i - 1].token].content = ""
            tokens[delimiters[start.end + 1].token].content = ""
            i -= 1
        i -= 1


def _join(tokens: list[Token]) -> list[Token]:
    """Adjacent text merged into one token, escapes included (fragments_join and text_join)."""
    joined: list[Token] = []
    for token in tokens:
        if token.type == "text_special":
            token.type = "text"
        if token.type == "text" and joined and joined[-1].type == "text":
            joined[-1].content += token.content
        else:
            joined.append(token)
    return joined
