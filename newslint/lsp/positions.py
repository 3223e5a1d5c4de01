"""Offsets (code points, as newslint counts) to LSP positions and back.

LSP counts a line's characters in UTF-16 code units unless client and server agree on
UTF-8 or UTF-32; a character outside the Basic Multilingual Plane (most emoji) is two
UTF-16 units but one code point, so columns past it differ.
"""

from __future__ import annotations

from newslint.findings import LineIndex

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(segment: str, encoding: str) -> int:
    """How many ``encoding`` units ``segment`` takes."""
    if encoding == UTF32:
        return len(segment)
    if encoding == UTF8:
        return len(segment.encode("utf-8", "surrogatepass"))
    if segment.isascii():
        return len(segment)
    return len(segment) + sum(1 for c in segment if ord(c) > 0xFFFF)


class PositionMap:
    """Converts between offsets into ``text`` and (0-based line, character) pairs."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.lines = LineIndex(text)

    def _line_start(self, line0: int) -> int:
        return self.lines.offset(line0 + 1, 1)

    def to_lsp(self, offset: int) -> tuple[int, int]:
        pos = self.lines.position(offset)
        start = self._line_start(pos.line - 1)
        return pos.line - 1, units(self.text[start:start + pos.column - 1], self.encoding)

    def to_offset(self, line0: int, character: int) -> int:
        """The offset of an LSP position; past the end of a line clamps to its end."""
        if line0 < 0:
            return 0
        if line0 >= self.lines.line_count:
            return len(self.text)
        start = self._line_start(line0)
        end = self._line_start(line0 + 1) if line0 + 1 < self.lines.line_count else len(self.text)
        while end > start and self.text[end - 1] in "\r\n":
            end -= 1
        if self.encoding == UTF32:
            return min(start + character, end)
        seen = 0
        i = start
        while i < end and seen < character:
            seen += units(self.text[i], self.encoding)
            i += 1
        return i
