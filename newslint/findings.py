"""What rules report: immutable findings that hold character offsets.

Line and column are worked out once, when output is written (see ``locate``), so
rules never think about line ends, BOMs or tabs.
"""

from __future__ import annotations

import bisect
import enum
from dataclasses import dataclass, field
from typing import NamedTuple


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @classmethod
    def parse(cls, value: str) -> "Severity":
        try:
            return cls(value.lower())
        except ValueError:
            raise ValueError(
                f"unknown severity {value!r}; expected one of: error, warning, info"
            ) from None


# Fix, Violation and Position are NamedTuples: immutable like frozen dataclasses, but
# a tenth of the cost to define at start-up and cheaper to make in the rules' loops.
class Fix(NamedTuple):
    """Replace ``text[start:end]`` with ``replacement``.

    ``safe`` fixes are applied by ``--fix``; unsafe ones (that could change meaning)
    need ``--unsafe-fixes``.
    """

    start: int
    end: int
    replacement: str
    title: str = ""
    safe: bool = True


class Violation(NamedTuple):
    """What a rule yields: a span of the document and what is wrong with it."""

    start: int
    end: int
    message: str
    fix: Fix | None = None


@dataclass(frozen=True, order=True)
class Finding:
    """A violation stamped with its rule's identity and effective severity."""

    path: str
    start: int
    end: int
    code: str
    rule: str
    severity: Severity = field(compare=False)
    message: str = field(compare=False)
    fix: Fix | None = field(default=None, compare=False)


class Position(NamedTuple):
    line: int  # 1-based
    column: int  # 1-based, in code points


class LineIndex:
    """Maps character offsets to 1-based line and column.

    ``\\r\\n``, a lone ``\\r`` and ``\\n`` each end a line, as editors and LSP count them.
    """

    def __init__(self, text: str) -> None:
        starts = [0]
        i = 0
        n = len(text)
        find_n = text.find
        # Fast path: text without \r only needs \n.
        if "\r" not in text:
            while True:
                j = find_n("\n", i)
                if j < 0:
                    break
                starts.append(j + 1)
                i = j + 1
        else:
            while i < n:
                c = text[i]
                if c == "\n":
                    starts.append(i + 1)
                elif c == "\r":
                    if i + 1 < n and text[i + 1] == "\n":
                        i += 1
                    starts.append(i + 1)
                i += 1
        self._starts = starts
        self._length = n

    def position(self, offset: int) -> Position:
        offset = max(0, min(offset, self._length))
        line = bisect.bisect_right(self._starts, offset) - 1
        return Position(line + 1, offset - self._starts[line] + 1)

    def offset(self, line: int, column: int) -> int:
        """The offset of a 1-based line and column (inverse of ``position``)."""
        if line < 1:
            return 0
        if line > len(self._starts):
            return self._length
        return min(self._starts[line - 1] + column - 1, self._length)

    @property
    def line_count(self) -> int:
        return len(self._starts)
