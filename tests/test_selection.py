"""select / ignore: names, codes, prefixes; the most specific wins."""

from __future__ import annotations

import pytest

from newslint.findings import Severity
from newslint.rule import Rule
from newslint.selection import is_enabled, unknown_selectors


class _R(Rule):
    def __init__(self, code: str, name: str, default: bool = True) -> None:
        self.code, self.name, self.default = code, name, default
        self.severity, self.summary = Severity.WARNING, "x"


RW = _R("NL101", "repeated-word")
NS = _R("NL201", "name-spelling")
OFF = _R("NL702", "house-thing", default=False)


@pytest.mark.parametrize(
    "rule, select, extend, ignore, expected",
    [
        (RW, None, (), (), True),
        (OFF, None, (), (), False),
        (OFF, None, ("NL7",), (), True),
        (RW, ("NL2",), (), (), False),
        (RW, ("NL",), (), ("NL101",), False),
        (RW, ("NL101",), (), ("NL1",), True),  # the longer match wins
        (RW, ("NL1",), (), ("NL10",), False),
        (RW, ("repeated-word",), (), ("NL10",), True),  # a name beats any prefix
        (RW, None, (), ("repeated-word",), False),
        (RW, ("ALL",), (), ("NL1",), False),
        (OFF, ("ALL",), (), (), True),
        (RW, ("NL1",), (), ("NL1",), False),  # a tie goes to ignore
    ],
)
def test_is_enabled(rule, select, extend, ignore, expected) -> None:
    assert is_enabled(rule, select, extend, ignore) is expected


def test_unknown_selectors_are_reported() -> None:
    assert unknown_selectors(["NL1", "repeated-wrod", "XX", "ALL"], [RW, NS]) == [
        "repeated-wrod", "XX"]
