"""repeated-word: typos in, exact findings out; legitimate doubles left alone."""

from __future__ import annotations

import sys

import pytest

from newslint import lint_text
from newslint.config import Config
from newslint.findings import LineIndex

CONFIG = Config(select=("repeated-word",))


def found(text: str, path: str = "story.txt") -> list[tuple[int, int, str]]:
    index = LineIndex(text)
    out = []
    for f in lint_text(text, path=path, config=CONFIG):
        p = index.position(f.start)
        out.append((p.line, p.column, text[f.start:f.end]))
    return out


ARTICLE = """Rail strike called off

Union leaders called off the the strike on Tuesday after talks
that ran late into the night. The deal, which had had several false
starts, covers pay for for two years and was welcomed by by commuters.

Talks resumed on Wednesday, officials said, and the
the agreement will be put to a vote of of members next week.
"""


def test_planted_typos_are_found_exactly() -> None:
    assert found(ARTICLE) == [
        (3, 30, "the"),
        (5, 58, "by"),
        (8, 1, "the"),
        (8, 40, "of"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The court had had enough of the delays.",
        "She said that that plan was dead.",
        "Federer won 6-3 6 6 in the first set.",  # scores and figures
        "Fans of Duran Duran and Bafana Bafana queued.",
        "It was the moment she had been waiting for for years.",
        "The row has been placed in in the past year's accounts.",
        "It was very very close, he said.",
        'The crowd chanted "no no no".',
        "Dissipated in in-fighting, the party split.",
        "A strong year for Nike\n\nNike has reported higher sales.",  # headline then body
        "The vote ended in a tie. A tie is rare.",
        "He paused, paused again, then spoke.",
    ],
)
def test_legitimate_doubles_are_not_flagged(text: str) -> None:
    assert found(text) == []


def test_markdown_emphasis_and_paragraphs() -> None:
    text = "# Talks in Rome\n\nRome was *the* *the* host.\n\nHost cities vary.\n"
    assert found(text, "story.md") == [(3, 17, "the")]


def test_markdown_heading_then_repeated_word_on_next_line() -> None:
    assert found("# Summit ends\nSummit leaders left.\n", "story.md") == []


def test_capitalised_demonym_doubles_are_typos() -> None:
    assert found("But British British casinos objected.") == [(1, 13, "British")]


def test_fix_removes_the_second_word_across_a_line_break() -> None:
    text = "attend the\nthe forum"
    [finding] = lint_text(text, path="a.txt", config=CONFIG)
    fix = finding.fix
    assert fix is not None and fix.safe
    assert text[: fix.start] + fix.replacement + text[fix.end :] == "attend the forum"


def test_no_fix_when_markup_sits_between_the_words() -> None:
    [finding] = lint_text("attend **the** the forum", path="a.md", config=CONFIG)
    assert finding.fix is None


def test_runs_and_case_and_neighbours_that_only_share_a_prefix() -> None:
    # A run of three words is one repeat where a comma stands between; case is
    # ignored; "the theory" and "so sol" are not repeats; a doubled name is left
    # alone; the words around each repeat are the right ones however many words
    # come before.
    text = ("Results\n\nThe theory held. It fell, fell fell again; The the board met,"
            " and Xi’s Xi’s aides said so sol. Ünited ünited fans cheered cheered.\n")
    assert found(text) == [
        (3, 32, "fell"),
        (3, 48, "the"),
        (3, 103, "ünited"),
        (3, 123, "cheered"),
    ]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="possessive repeats: Python 3.11+")
@pytest.mark.parametrize("words", [
    "the the", "a ab b ba", "x x x", "The the", "ab abc abc ab", "", "a", "so sol so so",
])
def test_repeat_scan_forms_agree(words: str) -> None:
    # The possessive form (Python 3.11+) and the look-ahead form (3.10) find the same
    # repeats in the words joined by spaces.
    import re

    low = " " + words.lower()
    possessive = re.compile(r" ([^ ]++)(?= \1(?: |$))")
    lookahead = re.compile(r" (?=([^ ]+))\1(?= \1(?: |$))")
    assert [m.start(1) for m in possessive.finditer(low)] == [
        m.start(1) for m in lookahead.finditer(low)]
