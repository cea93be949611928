"""Problems found in content, each located at ``file:line:column``."""

from __future__ import annotations

from typing import Literal, NamedTuple


class Location(NamedTuple):
    """A 1-based position in a source file; line 0 for content that has no lines (a dict)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}" if self.line else self.path


class Problem(NamedTuple):
    """One error or warning about the content, with where it is and what was expected.

    ``field`` is the path of the field it is about, such as ``sections[0].body``; content given
    as a dict has no lines, and is located by that path alone.
    """

    message: str
    location: Location
    expected: str | None = None
    severity: Literal["error", "warning"] = "error"
    field: str = ""

    def __str__(self) -> str:
        where = self.location if self.location.line else self.field or self.location
        text = f"{where}: {self.severity}: {self.message}"
        return f"{text}; expected {self.expected}" if self.expected else text


class ContentError(Exception):
    """The content cannot be built; ``problems`` says every reason found, in file order."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: p.location)
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(ValueError):
    """An argument the API or the command line cannot use: a clash of files, an unknown paper."""
