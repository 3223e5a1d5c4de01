"""Inline suppressions in Markdown and plain text."""

from __future__ import annotations

import pytest

from newslint import lint_text
from newslint.config import Config

CONFIG = Config(select=("repeated-word",))


def _lines(text: str, path: str = "a.md") -> list[int]:
    findings = lint_text(text, path=path, config=CONFIG)
    return [text.count("\n", 0, f.start) + 1 for f in findings]


def test_disable_until_enable() -> None:
    text = ("One the the.\n<!-- newslint: disable=repeated-word -->\nTwo the the.\n"
            "<!-- newslint: enable=repeated-word -->\nThree the the.\n")
    assert _lines(text) == [1, 5]


def test_disable_next_line_by_code() -> None:
    text = "<!-- newslint: disable-next-line=NL101 -->\nOne the the.\nTwo the the.\n"
    assert _lines(text) == [3]


def test_disable_line_and_prefix() -> None:
    assert _lines("One the the. <!-- newslint: disable-line=NL1 -->\nTwo a a.\n") == [2]


def test_bare_disable_silences_every_rule_in_plain_text() -> None:
    assert _lines("<!-- newslint: disable -->\nOne the the.\n", path="a.txt") == []


@pytest.mark.parametrize("other", ["name-spelling", "NL2"])
def test_directive_for_another_rule_does_not_suppress(other: str) -> None:
    assert _lines(f"<!-- newslint: disable-next-line={other} -->\nOne the the.\n") == [2]
