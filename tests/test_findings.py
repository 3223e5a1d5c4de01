"""Offsets to line and column: CRLF, lone CR, BOM, tabs, non-ASCII."""

from __future__ import annotations

import pytest

from newslint import lint_text
from newslint.config import Config
from newslint.findings import LineIndex, Position


@pytest.mark.parametrize(
    "text, offset, expected",
    [
        ("abc", 0, Position(1, 1)),
        ("abc\ndef", 4, Position(2, 1)),
        ("abc\r\ndef", 5, Position(2, 1)),
        ("abc\r\ndef", 3, Position(1, 4)),
        ("abc\rdef", 4, Position(2, 1)),
        ("a\tb", 2, Position(1, 3)),  # a tab is one column
        ("Xi’s the", 5, Position(1, 6)),  # code points, not bytes
        ("😀 the", 2, Position(1, 3)),  # a non-BMP character is one code point
        ("a\n\nb", 3, Position(3, 1)),
        ("end", 3, Position(1, 4)),
    ],
)
def test_position(text: str, offset: int, expected: Position) -> None:
    assert LineIndex(text).position(offset) == expected


def test_offset_is_inverse_of_position() -> None:
    text = "one\r\ntwo\rthree\nfour"
    index = LineIndex(text)
    for i in range(len(text) + 1):
        p = index.position(i)
        if text[i - 1 : i + 1] != "\r\n":
            assert index.offset(p.line, p.column) == i


def _where(text: str, path: str = "a.txt") -> list[tuple[int, int]]:
    config = Config(select=("repeated-word",))
    findings = lint_text(text, path=path, config=config)
    index = LineIndex(text.lstrip("\ufeff"))
    return [(index.position(f.start).line, index.position(f.start).column) for f in findings]


def test_crlf_bom_and_non_ascii_columns() -> None:
    text = "\ufeffZürich’s mayor said\r\nthe the plan was fine.\r\n"
    assert _where(text) == [(2, 5)]


def test_tabs_count_as_one_column() -> None:
    assert _where("\tWe saw the\tthe plan.") == [(1, 13)]
