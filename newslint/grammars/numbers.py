"""Cardinal and ordinal numbers as news copy writes them.

Cardinals: digits ("123", "1,200", "2.5"), words ("one hundred and twenty-three",
"two dozen", "a dozen", "half a dozen", "a thousand"), and mixed ("1.2 million",
"3 thousand", "£1.2bn" minus the currency). Ordinals: words ("third",
"twenty-first", "one hundred and first", "hundredth") and digits ("3rd", "18th").

Parsing is two-stage: ``NUMBER_PHRASE_RE`` is a cheap scan for runs of number words
and digits; the pyparsing grammars, built once on first use, run only on those runs.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any, Callable

from newslint.lazy import lazy_re

if TYPE_CHECKING:
    import pyparsing as pp

UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 10**12}
SCALE_SUFFIXES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000, "tn": 10**12}
UNIT_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
}  # fmt: skip
TEEN_ORDINALS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
}  # fmt: skip
TENS_ORDINALS = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip

_NUMBER_WORDS = [
    *UNITS, *TEENS, *TENS, *SCALES, "hundred", "dozen", "zero", "half",
    *UNIT_ORDINALS, *TEEN_ORDINALS, *TENS_ORDINALS, "hundredth", "thousandth", "millionth",
]  # fmt: skip
_WORD_ALT = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?(?:k|m|bn|tn)?|\d+(?:st|nd|rd|th)"
_TOKEN = rf"(?:{_DIGITS}|(?:{_WORD_ALT})(?:-(?:{_WORD_ALT}))?)"
# A run of number tokens, possibly led by "a"/"an" ("a dozen") and joined by "and",
# "a" ("half a dozen"), spaces or hyphens: the only spans the grammars ever see.
# Compiled on first use: about 5 ms of start-up otherwise (the alternation is long).
NUMBER_PHRASE_RE = lazy_re(
    rf"(?<![\w.,])(?:(?:an?|half)\s+)*{_TOKEN}(?:(?:\s+|\s*-\s*|\s+and\s+|\s+an?\s+){_TOKEN})*(?![\w])",
    re.IGNORECASE,
)
ORDINAL_RE = lazy_re(
    rf"(?<![\w.,])(?:{_TOKEN})(?:(?:\s+|-|\s+and\s+){_TOKEN})*(?![\w])", re.IGNORECASE
)


def _words(table: dict[str, int]) -> "pp.ParserElement":
    import pyparsing as pp

    return pp.MatchFirst(
        [pp.CaselessKeyword(w).set_parse_action(pp.replace_with(v)) for w, v in
         sorted(table.items(), key=lambda kv: -len(kv[0]))]
    )


@functools.cache
def _grammars() -> tuple["pp.ParserElement", "pp.ParserElement"]:
    """(cardinal, ordinal), built on first use."""
    import pyparsing as pp

    hyphen = pp.Suppress(pp.Literal("-"))
    and_ = pp.Suppress(pp.CaselessKeyword("and"))
    a = pp.Suppress(pp.CaselessKeyword("a") | pp.CaselessKeyword("an"))

    unit = _words(UNITS)
    teen = _words(TEENS)
    tens = _words(TENS)
    below100 = (tens + pp.Optional(pp.Optional(hyphen) + unit)).set_parse_action(
        lambda t: sum(t)
    ) | teen | unit
    hundred = pp.Suppress(pp.CaselessKeyword("hundred"))
    hundreds = ((below100 | a.copy().set_parse_action(lambda: 1)) + hundred).set_parse_action(
        lambda t: t[0] * 100
    ) + pp.Optional(pp.Optional(and_) + below100)
    below1000 = (hundreds | below100).set_parse_action(lambda t: sum(t))
    scale = _words(SCALES)

    # "two million three hundred thousand and five": groups with strictly falling scales.
    group = below1000 + pp.Optional(scale, default=1)
    a_scaled = (a.copy().set_parse_action(lambda: 1) + scale)  # "a million"

    def total(t: pp.ParseResults) -> int:
        values = list(t)
        pairs = list(zip(values[0::2], values[1::2]))
        scales = [s for _, s in pairs]
        if any(b >= a_ for a_, b in zip(scales, scales[1:])):
            raise pp.ParseException("", 0, "scales must fall: 'two million three thousand'")
        return sum(v * s for v, s in pairs)

    word_number = ((a_scaled | group) + pp.ZeroOrMore(pp.Optional(and_ | pp.Suppress(",")) + group)
                   ).set_parse_action(total)

    dozen = pp.Suppress(pp.CaselessKeyword("dozen"))
    half_a_dozen = (pp.CaselessKeyword("half") + a + dozen).set_parse_action(pp.replace_with(6))
    dozens = half_a_dozen | ((below100 | a.copy().set_parse_action(lambda: 1)) + dozen).set_parse_action(
        lambda t: t[0] * 12
    )

    digits = pp.Regex(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").set_parse_action(
        lambda t: _to_number(t[0].replace(",", ""))
    )
    suffixed = pp.Regex(r"(?P<num>\d+(?:\.\d+)?)(?P<suf>k|m|bn|tn)", flags=re.IGNORECASE
                        ).set_parse_action(
        lambda t: _scaled(_to_number(t["num"]), SCALE_SUFFIXES[t["suf"].lower()])
    )
    mixed = (digits + scale).set_parse_action(lambda t: _scaled(t[0], t[1]))
    digit_dozen = (digits + dozen).set_parse_action(lambda t: _scaled(t[0], 12))
    zero = pp.CaselessKeyword("zero").set_parse_action(pp.replace_with(0))

    cardinal = (dozens | suffixed | mixed | digit_dozen | digits | word_number | zero) + pp.StringEnd()

    unit_ord = _words(UNIT_ORDINALS)
    teen_ord = _words(TEEN_ORDINALS)
    tens_ord = _words(TENS_ORDINALS)
    below100_ord = (
        (tens + pp.Optional(hyphen) + unit_ord).set_parse_action(lambda t: sum(t))
        | tens_ord | teen_ord | unit_ord
    )
    hundredth = pp.Suppress(pp.CaselessKeyword("hundredth"))
    ord_hundreds = (
        ((below100 | a.copy().set_parse_action(lambda: 1)) + hundredth).set_parse_action(
            lambda t: t[0] * 100)
        | ((below100 | a.copy().set_parse_action(lambda: 1)) + hundred + pp.Optional(and_)
           + below100_ord).set_parse_action(lambda t: t[0] * 100 + t[1])
        | hundredth.copy().set_parse_action(lambda: 100)
    )
    digit_ord = pp.Regex(r"\d+(?:st|nd|rd|th)", flags=re.IGNORECASE).add_condition(
        lambda t: _suffix_ok(t[0])
    ).add_parse_action(lambda t: int(t[0][:-2]))
    ordinal = (digit_ord | ord_hundreds | below100_ord) + pp.StringEnd()
    return cardinal.streamline(), ordinal.streamline()


def _to_number(text: str) -> int | float:
    value = float(text) if "." in text else int(text)
    return value


def _scaled(value: int | float, scale: int) -> int | float:
    out = value * scale
    return int(round(out)) if abs(out - round(out)) < 1e-6 else out


def _suffix_ok(text: str) -> bool:
    n, suffix = int(text[:-2]), text[-2:].lower()
    if n % 100 in (11, 12, 13):
        return suffix == "th"
    return suffix == {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def _normalize(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().replace("‑", "-").replace("‐", "-"))


def parse_cardinal(text: str) -> int | float | None:
    """The value of ``text`` if all of it is a cardinal number, else None."""
    import pyparsing as pp

    cardinal, _ = _grammars()
    try:
        return cardinal.parse_string(_normalize(text), parse_all=True)[0]
    except pp.ParseException:
        return None


def parse_ordinal(text: str) -> int | None:
    """The value of ``text`` if all of it is an ordinal ("third", "3rd"), else None."""
    import pyparsing as pp

    _, ordinal = _grammars()
    try:
        return ordinal.parse_string(_normalize(text), parse_all=True)[0]
    except pp.ParseException:
        return None


def cardinal_ending_at(text: str, end: int, *, window: int = 80) -> tuple[int, int | float] | None:
    """The longest cardinal number ending exactly at ``end`` (before spaces), as (start, value).

    Only the run of number words and digits found by a regex is parsed, and the run is
    shortened from the left until it parses ("the 123" -> "123", "a dozen" stays).
    """
    return _phrase_ending_at(text, end, window, NUMBER_PHRASE_RE, parse_cardinal)


def ordinal_ending_at(text: str, end: int, *, window: int = 60) -> tuple[int, int] | None:
    """The ordinal ending at ``end`` (spaces before ``end`` skipped), as (start, value)."""
    return _phrase_ending_at(text, end, window, ORDINAL_RE, parse_ordinal)


def _phrase_ending_at(text: str, end: int, window: int, candidates: re.Pattern[str],
                      parse: Callable[[str], Any]) -> tuple[int, Any] | None:
    """The cheap scan finds the candidate run that ends at ``end``; the grammar parses the
    longest tail of it that is a number."""
    stop = end
    while stop > 0 and text[stop - 1] in " \t\r\n":
        stop -= 1
    lo = max(0, stop - window)
    chunk = text[lo:stop]
    best = None
    for m in candidates.finditer(chunk):
        if m.end() == len(chunk):
            best = m
    if best is None:
        return None
    phrase = best.group()
    for start in [0] + [w.end() for w in re.finditer(r"[\s-]+", phrase)]:
        value = parse(phrase[start:])
        if value is not None:
            return lo + best.start() + start, value
    return None


def ordinal_digits(n: int) -> str:
    """3 -> "3rd", 11 -> "11th", 21 -> "21st"."""
    if n % 100 in (11, 12, 13):
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }"


def ordinal_word(n: int) -> str:
    """3 -> "third", 21 -> "twenty-first", 101 -> "one hundred and first" (below 1,000)."""
    if not 0 < n < 1000:
        return ordinal_digits(n)
    by_value = {v: w for w, v in {**UNIT_ORDINALS, **TEEN_ORDINALS, **TENS_ORDINALS}.items()}
    cardinals = {v: w for w, v in {**UNITS, **TEENS, **TENS}.items()}
    hundreds, rest = divmod(n, 100)
    if rest == 0:
        return f"{cardinals[hundreds]} hundredth"
    if rest in by_value:
        tail = by_value[rest]
    else:
        tens, unit = divmod(rest, 10)
        tail = f"{cardinals[tens * 10]}-{by_value[unit]}"
    return f"{cardinals[hundreds]} hundred and {tail}" if hundreds else tail
