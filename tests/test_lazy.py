"""Lazy patterns behave like the compiled patterns they stand for."""

import re

import regex

from newslint.lazy import lazy_re, lazy_regex


def test_lazy_regex_matches_like_compiled() -> None:
    lazy = lazy_regex(r"\b(\w+) \1\b", regex.IGNORECASE)
    text = "The the cat sat sat."
    assert [m.span() for m in lazy.finditer(text)] == [(0, 7), (12, 19)]
    assert lazy.search("no repeats here") is None
    assert lazy.pattern == r"\b(\w+) \1\b"
    assert lazy.sub(r"\1", text) == "The cat sat."


def test_lazy_regex_named_lists() -> None:
    lazy = lazy_regex(r"\b\L<words>\b", words=["Hague", "Lavrov"])
    assert lazy.findall("In The Hague, Lavrov spoke.") == ["Hague", "Lavrov"]


def test_lazy_re_groupindex_before_first_match() -> None:
    lazy = lazy_re(r"(?P<day>\d+) (?P<month>[A-Z][a-z]+)")
    assert dict(lazy.groupindex) == {"day": 1, "month": 2}
    match = lazy.match("18 September")
    assert match is not None and match["month"] == "September"
    assert lazy.split("a 1 May b", maxsplit=1) == re.compile(
        r"(?P<day>\d+) (?P<month>[A-Z][a-z]+)").split("a 1 May b", maxsplit=1)


def test_lazy_pattern_errors_surface_on_first_use() -> None:
    lazy = lazy_re(r"(unclosed")
    try:
        lazy.search("x")
    except re.error:
        pass
    else:
        raise AssertionError("a bad pattern must fail when first used")
