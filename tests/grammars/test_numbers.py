"""Number grammars: table-driven, every way news copy writes a number."""

from __future__ import annotations

import pytest

from newslint.grammars.numbers import (
    cardinal_ending_at,
    ordinal_digits,
    ordinal_ending_at,
    ordinal_word,
    parse_cardinal,
    parse_ordinal,
)

CARDINALS = [
    # digits
    ("0", 0),
    ("7", 7),
    ("123", 123),
    ("1,200", 1200),
    ("12,345,678", 12345678),
    ("2.5", 2.5),
    # words
    ("zero", 0),
    ("seven", 7),
    ("Seven", 7),
    ("twelve", 12),
    ("twenty", 20),
    ("twenty-three", 23),
    ("twenty three", 23),
    ("one hundred", 100),
    ("a hundred", 100),
    ("one hundred and twenty-three", 123),
    ("one hundred twenty", 120),
    ("nine hundred and ninety-nine", 999),
    ("a thousand", 1000),
    ("two thousand and five", 2005),
    ("two million three hundred thousand and five", 2300005),
    ("a million", 1_000_000),
    # dozens
    ("a dozen", 12),
    ("two dozen", 24),
    ("half a dozen", 6),
    ("3 dozen", 36),
    # mixed
    ("1.2 million", 1_200_000),
    ("3 thousand", 3000),
    ("2 billion", 2_000_000_000),
    ("1.5bn", 1_500_000_000),
    ("5m", 5_000_000),
    ("20k", 20_000),
]

NOT_CARDINALS = [
    "", "a", "the", "hundred", "one two", "million thousand", "two million three million",
    "nineteen ninety", "third", "3rd", "twenty-first", "dozen dozen", "1,20", "seventy-ten",
]

ORDINALS = [
    ("first", 1),
    ("First", 1),
    ("second", 2),
    ("third", 3),
    ("twelfth", 12),
    ("eighteenth", 18),
    ("twentieth", 20),
    ("twenty-first", 21),
    ("twenty first", 21),
    ("ninety-ninth", 99),
    ("hundredth", 100),
    ("one hundredth", 100),
    ("one hundred and first", 101),
    ("a hundred and tenth", 110),
    ("1st", 1),
    ("2nd", 2),
    ("3rd", 3),
    ("4th", 4),
    ("11th", 11),
    ("12th", 12),
    ("13th", 13),
    ("18th", 18),
    ("21st", 21),
    ("22nd", 22),
    ("101st", 101),
    ("111th", 111),
]

NOT_ORDINALS = ["", "three", "3", "3th", "1th", "11st", "12nd", "twenty", "first second", "thirdly"]


@pytest.mark.parametrize(("text", "value"), CARDINALS)
def test_cardinal(text: str, value: float) -> None:
    assert parse_cardinal(text) == value


@pytest.mark.parametrize("text", NOT_CARDINALS)
def test_not_cardinal(text: str) -> None:
    assert parse_cardinal(text) is None


@pytest.mark.parametrize(("text", "value"), ORDINALS)
def test_ordinal(text: str, value: int) -> None:
    assert parse_ordinal(text) == value


@pytest.mark.parametrize("text", NOT_ORDINALS)
def test_not_ordinal(text: str) -> None:
    assert parse_ordinal(text) is None


def test_ordinal_words_and_digits_round_trip() -> None:
    for n in range(1, 1000):
        assert parse_ordinal(ordinal_word(n)) == n
        assert parse_ordinal(ordinal_digits(n)) == n
    assert ordinal_word(3) == "third"
    assert ordinal_word(21) == "twenty-first"
    assert ordinal_digits(23) == "23rd"


SPANS = [
    # text, the word the number must end before, (number text, value)
    ("the court's 123 member states", "member", ("123", 123)),
    ("about one hundred and twenty-three countries", "countries", ("one hundred and twenty-three", 123)),
    ("some two dozen members", "members", ("two dozen", 24)),
    ("a dozen members", "members", ("a dozen", 12)),
    ("roughly 1.2 million people", "people", ("1.2 million", 1_200_000)),
    ("with 1,200\nmembers", "members", ("1,200", 1200)),
    ("the members", "members", None),
    ("an ICC member", "member", None),
    ("in third place", "place", None),
]


@pytest.mark.parametrize(("text", "before", "expected"), SPANS)
def test_cardinal_ending_at(text: str, before: str, expected) -> None:
    found = cardinal_ending_at(text, text.index(before))
    if expected is None:
        assert found is None
    else:
        start, value = found
        number, want = expected
        assert value == want
        assert text[start:].startswith(number)


@pytest.mark.parametrize(
    ("text", "before", "expected"),
    [
        ("China's third Belt", "Belt", ("third", 3)),
        ("the 18th round", "round", ("18th", 18)),
        ("the twenty-first session", "session", ("twenty-first", 21)),
        ("the one hundred and first meeting", "meeting", ("one hundred and first", 101)),
        ("the forum", "forum", None),
        ("three forums", "forums", None),
    ],
)
def test_ordinal_ending_at(text: str, before: str, expected) -> None:
    found = ordinal_ending_at(text, text.index(before))
    if expected is None:
        assert found is None
    else:
        start, value = found
        assert (text[start : text.index(before)].strip(), value) == expected
