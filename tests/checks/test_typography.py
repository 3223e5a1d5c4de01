"""Typography rules: planted errors, exact rule, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import config_from_mapping
from newslint.engine import lint_text


def run(rule: str, text: str, path: str = "story.txt") -> list[tuple[str, int, int]]:
    config = config_from_mapping({"select": [rule]}, path=None, root=Path.cwd())
    out = []
    for f in lint_text(text, path=path, config=config):
        line = text.count("\n", 0, f.start) + 1
        out.append((f.rule, line, f.start - (text.rfind("\n", 0, f.start) + 1) + 1))
    return out


def test_mixed_quotes_reports_minority_with_direction() -> None:
    text = "Vote\n\n“We will act,” she said. “Soon.”\n\n\"Not soon enough,\" he said.\n"
    assert run("mixed-quotes", text) == [("mixed-quotes", 5, 1), ("mixed-quotes", 5, 18)]
    config = config_from_mapping({"select": ["mixed-quotes"]}, path=None, root=Path.cwd())
    fixes = [f.fix.replacement for f in lint_text(text, path="s.txt", config=config)]
    assert fixes == ["“", "”"]


def test_unbalanced_quotes_allows_running_quotation() -> None:
    text = ('Vote\n\n"We have no choice," she said. "Our hands are tied.\n\n'
            '"We vote on Monday," she added.\n')
    assert run("unbalanced-quotes", text) == []


@pytest.mark.parametrize("text, expected", [
    ('Vote\n\n"We have no choice, she said.\n\nThe vote is on Monday.\n', [(3, 1)]),
    ('Vote\n\nWe have no choice," she said.\n', [(3, 19)]),
    ("Vote\n\n“We have “no” choice, she said.\n", [(3, 1)]),
])
def test_unbalanced_quotes(text: str, expected: list[tuple[int, int]]) -> None:
    assert run("unbalanced-quotes", text) == [("unbalanced-quotes", *e) for e in expected]


@pytest.mark.parametrize("text, expected", [
    ("Court\n\nThe court (ICC issued a warrant.\n", [(3, 11)]),
    ("Court\n\nThe court ICC) issued a warrant.\n", [(3, 14)]),
    ("Court\n\nThe court (ICC] issued a warrant.\n", [(3, 11)]),
    ("Court\n\nThe court (ICC) issued [a] warrant.\n", []),
    ("Steps\n\nThe plan: a) cut taxes; b) spend more.\n", []),
    ("TV\n\nShameless (Channel 4) and The Boosh (BBC Three) won.\n", []),
    # Brackets are paired per paragraph: each paragraph's own, in order.
    ("Court\n\nNo brackets here.\n\nA (b [c) d] e.\n\nFine (yes).\n\nLast ]\n",
     [(5, 3), (5, 6), (9, 6)]),
    ("Steps\n\n(a) cut taxes; b) spend more; (c stay.\n", [(3, 31)]),
])
def test_unbalanced_brackets(text: str, expected: list[tuple[int, int]]) -> None:
    assert run("unbalanced-brackets", text) == [("unbalanced-brackets", *e) for e in expected]


def test_doubled_space_ignores_markdown_markers() -> None:
    assert run("doubled-space", "Markets\n\nShares rose  sharply.\n") == [("doubled-space", 3, 12)]
    assert run("doubled-space", "# Markets\n\nShares **rose** sharply.  \nNext line.\n", "s.md") == []


@pytest.mark.parametrize("text, expected", [
    ("Vote\n\nThe vote is on Monday,, the whip said.\n", [(3, 22)]),
    ("Vote\n\nThe vote is on Monday,. Then more.\n", [(3, 22)]),
    ("Vote\n\nShares in Acme Ltd.. rose.\n", [(3, 19)]),
    ("Vote\n\nShares in Acme Inc., the maker, rose... a lot.\n", []),
    ("Vote\n\nSo.. anyway, they won.\n", []),
    ("Vote\n\nNo doubled marks: only one, then another; fine.\n", []),
    ("Vote\n\nFirst... then; more,, and more;;\n", [(3, 20), (3, 31)]),
])
def test_doubled_punctuation(text: str, expected: list[tuple[int, int]]) -> None:
    assert run("doubled-punctuation", text) == [("doubled-punctuation", *e) for e in expected]
