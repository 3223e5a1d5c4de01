"""Code-point offsets to LSP positions in each position encoding, and back."""

from __future__ import annotations

import pytest

from newslint.lsp.positions import UTF8, UTF16, UTF32, PositionMap

TEXT = "ab\r\n😀x\néé\rz"


@pytest.mark.parametrize(
    "offset, utf16, utf32, utf8",
    [
        (0, (0, 0), (0, 0), (0, 0)),
        (2, (0, 2), (0, 2), (0, 2)),
        (4, (1, 0), (1, 0), (1, 0)),  # after \r\n
        (5, (1, 2), (1, 1), (1, 4)),  # after the emoji: 2 UTF-16 units, 4 UTF-8 bytes
        (6, (1, 3), (1, 2), (1, 5)),
        (9, (2, 2), (2, 2), (2, 4)),  # é is 2 UTF-8 bytes
        (10, (3, 0), (3, 0), (3, 0)),  # a lone \r ends a line too
        (11, (3, 1), (3, 1), (3, 1)),
    ],
)
def test_round_trip(offset, utf16, utf32, utf8) -> None:
    for encoding, expected in ((UTF16, utf16), (UTF32, utf32), (UTF8, utf8)):
        positions = PositionMap(TEXT, encoding)
        assert positions.to_lsp(offset) == expected, encoding
        assert positions.to_offset(*expected) == offset, encoding


def test_positions_past_the_end_clamp() -> None:
    positions = PositionMap(TEXT)
    assert positions.to_offset(0, 99) == 2  # end of line, before \r\n
    assert positions.to_offset(99, 0) == len(TEXT)
