"""The date grammar: every form news copy uses, table-driven; the scan; years."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.grammars.dates import (
    PartialDate,
    find_dates,
    nearest_year,
    parse,
    parse_span,
    resolve_date,
    resolve_range,
    scan,
)

P = PartialDate

# text -> (kind, first, last, weekday)
PARSES = [
    ("Sept. 18, 2023", "date", P(9, 18, 2023), None, None),
    ("Sept 18", "date", P(9, 18), None, None),
    ("September 18th", "date", P(9, 18), None, None),
    ("18 September 2023", "date", P(9, 18, 2023), None, None),
    ("18th September", "date", P(9, 18), None, None),
    ("the 18th of September", "date", P(9, 18), None, None),
    ("2023-09-18", "date", P(9, 18, 2023), None, None),
    ("SEPT 18, 2023", "date", P(9, 18, 2023), None, None),
    ("Feb. 30", "date", P(2, 30), None, None),
    ("September 18-21", "range", P(9, 18), P(9, 21), None),
    ("Oct. 17–18", "range", P(10, 17), P(10, 18), None),
    ("Oct. 17 to 18, 2023", "range", P(10, 17, 2023), P(10, 18, 2023), None),
    ("Sept. 30–Oct. 2", "range", P(9, 30), P(10, 2), None),
    ("Dec. 30, 2023 - Jan. 2, 2024", "range", P(12, 30, 2023), P(1, 2, 2024), None),
    ("Dec. 30 - Jan. 2, 2024", "range", P(12, 30, 2023), P(1, 2, 2024), None),
    ("from 18 to 21 September", "range", P(9, 18), P(9, 21), None),
    ("18-21 September 2023", "range", P(9, 18, 2023), P(9, 21, 2023), None),
    ("30 September – 2 October 2023", "range", P(9, 30, 2023), P(10, 2, 2023), None),
    ("from Sept. 30, 2023 to Oct. 2", "range", P(9, 30, 2023), P(10, 2), None),
    ("between March 20 and 22", "range", P(3, 20), P(3, 22), None),
    ("between March 30 and April 2", "range", P(3, 30), P(4, 2), None),
    ("between 20 and 22 March", "range", P(3, 20), P(3, 22), None),
    ("between 30 March and 2 April 2024", "range", P(3, 30, 2024), P(4, 2, 2024), None),
    ("Monday, Sept. 18", "date", P(9, 18), None, 0),
    ("Tues., Sept. 18, 2023", "date", P(9, 18, 2023), None, 1),
    ("on Sunday 27 February", "date", P(2, 27), None, 6),
    ("Monday the 18th of September", "date", P(9, 18), None, 0),
    ("Sept. 18 (Monday)", "date", P(9, 18), None, 0),
    ("Friday, 14 June 2024", "date", P(6, 14, 2024), None, 4),
    ("on Monday", "weekday", None, None, 0),
    ("last Friday", "weekday", None, None, 4),
    ("Wednesday", "weekday", None, None, 2),
    ("last month", "relative", None, None, None),
    ("next week", "relative", None, None, None),
    ("this weekend", "relative", None, None, None),
    ("in March", "month", P(3), None, None),
    ("in May", "month", P(5), None, None),
    ("September 2023", "month", P(9, None, 2023), None, None),
    ("in February 2022", "month", P(2, None, 2022), None, None),
    ("mid-October", "month", P(10), None, None),
]


@pytest.mark.parametrize("text,kind,first,last,weekday", PARSES, ids=[p[0] for p in PARSES])
def test_parses(text, kind, first, last, weekday) -> None:
    m = parse(text)
    assert m is not None, text
    assert (m.kind, m.first, m.last, m.weekday) == (kind, first, last, weekday)


NOT_DATES = [
    "Theresa May said",
    "the Sun reported",
    "Mark Marshall",
    "18,000 people in Sept",
    "an 18-year-old",
    "March 45",
    "the Monetary Policy Committee",
    "Sunderland won",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_dates(text: str) -> None:
    assert [m.text for m in find_dates(text) if m.kind in ("date", "range")] == []


def test_last_year_dates_nothing() -> None:
    assert parse("last year") is None
    assert parse("this year") is None


def test_a_time_is_not_a_year() -> None:
    (m,) = find_dates("Blackburn v Burnley, Tuesday, 1 March 2000 GMT")
    assert (m.text, m.first) == ("Tuesday, 1 March", P(3, 1))


def test_a_year_stays_on_its_line() -> None:
    (m,) = [m for m in find_dates("kick-off on 1 March\n2004 was a good year") if m.first]
    assert m.first == P(3, 1)


def test_weekday_span_points_at_the_weekday() -> None:
    text = "It opened on Sept. 18 (Monday) in Moscow."
    (m,) = find_dates(text)
    assert m.weekday_span is not None
    assert text[m.weekday_span[0] : m.weekday_span[1]] == "Monday"
    assert text[m.start : m.end] == "Sept. 18 (Monday)"


def test_offsets_in_running_text() -> None:
    text = "BEIJING, Sept 18, 2023 (AFP) – Talks run from 18 to 21 September, said Wang."
    found = [(text[m.start : m.end], m.kind) for m in find_dates(text)]
    assert found == [("Sept 18, 2023", "date"), ("from 18 to 21 September", "range")]


SIMPLE_SPANS = [
    "on Monday", "last Friday", "in March 2005", "September 2023", "next week and last month",
    "in May", "Monday and Tuesday", "since January", "this weekend", "mid-October",
]  # fmt: skip


@pytest.mark.parametrize("text", SIMPLE_SPANS)
def test_simple_forms_read_as_the_grammar_reads_them(text: str) -> None:
    assert parse_span(text) == parse_span(text, use_grammar=True)
    assert parse_span(text)


def test_scan_finds_only_date_like_spans() -> None:
    text = "Theresa May met Mark on Monday. The Sun. Prices rose in May and on 5 June 2004."
    spans = [text[s:e] for s, e in scan(text)]
    assert spans == ["on Monday", "in May and on 5 June 2004"]  # neighbours merge


# (partial date, reference) -> resolved
RESOLVE = [
    (P(9, 18), dt.date(2023, 9, 1), dt.date(2023, 9, 18)),
    (P(1, 3), dt.date(2023, 12, 20), dt.date(2024, 1, 3)),
    (P(12, 28), dt.date(2024, 1, 5), dt.date(2023, 12, 28)),
    (P(9, 18, 2020), dt.date(2023, 9, 1), dt.date(2020, 9, 18)),
    (P(9, 18), None, None),
    (P(2, 30), dt.date(2023, 9, 1), None),
    (P(2, 29), dt.date(2023, 9, 1), dt.date(2024, 2, 29)),
]


@pytest.mark.parametrize("date,reference,expected", RESOLVE)
def test_resolve_date(date, reference, expected) -> None:
    assert resolve_date(date, reference) == expected


def test_nearest_year_skips_years_without_the_date() -> None:
    assert nearest_year(P(2, 29), dt.date(2023, 1, 1)) == 2024


def test_range_crossing_the_new_year() -> None:
    assert resolve_range(P(12, 30), P(1, 2), dt.date(2023, 12, 1)) == (
        dt.date(2023, 12, 30),
        dt.date(2024, 1, 2),
    )


def test_invalid_dates_know_their_month() -> None:
    assert not P(9, 31).valid
    assert not P(4, 31).valid
    assert P(2, 29).valid  # year unknown: it may be a leap year
    assert not P(2, 29, 2023).valid
    assert P(2, 29, 2024).valid


_TOKENS = [
    "on", "On", "from", "the", "of", "in", "last", "next", "between", "and", "to", "-", "–",
    ",", "(", ")", "Monday", "Tues.", "Sun", "Sept.", "Sept", "September", "May", "Feb",
    "18", "18th", "3", "31", "2023", "2000", "GMT", "week", "month", "year", "said",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), min_size=1, max_size=8), st.sampled_from([" ", ""]))
def test_simple_forms_agree_with_the_grammar_on_any_tokens(tokens: list[str], sep: str) -> None:
    text = " ".join(tokens) if sep else "".join(t if t in ",()" else " " + t for t in tokens)
    assert parse_span(text) == parse_span(text, use_grammar=True)


# The cheap scan's shortcuts, held to the plain patterns they stand for.
_SCAN_TOKENS = [
    "week", "weekend", "weekends", "Weekend", "weekly", "month", "months", "monthly", "x",
    "Sept", "Sept.", "Sep", "SEPT", "September", "Septembers", "Mon", "Mon.", "Monday",
    "Mondays", "Sun", "Sun.", "MAY", "May", "Mayor", "Jun", "June", "Junes", "2023-09-18",
    "last", "on", " ", "  ", "\n", ",", ".", "é", "1",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SCAN_TOKENS), max_size=12).map("".join))
def test_anchor_scans_match_the_plain_patterns(text: str) -> None:
    import re

    from newslint.grammars import dates as d

    units = re.compile(r"(?:weekend|week|month)(?![A-Za-z])")
    assert d._unit_words(text) == [m.span() for m in units.finditer(text)]
    words = sorted(d._FULL_MONTHS + d._ABBR_MONTHS + d._FULL_WEEKDAYS + d._ABBR_WEEKDAYS,
                   key=lambda w: (-len(w), w))
    alternation = re.compile(r"(?:%s)(?![A-Za-z])\.?" % "|".join(words))
    assert [m.span() for m in d._WORD_ANCHOR_RE.finditer(text)] == [
        m.span() for m in alternation.finditer(text)
    ]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS + ["x", "Mid-", "mid-", ".", "in", "In"]), max_size=10),
       st.data())
def test_simple_forms_are_tried_where_words_start_as_finditer_would(tokens: list[str],
                                                                     data: st.DataObject) -> None:
    from newslint.grammars import dates as d

    text = " ".join(tokens)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    reference = []
    for m in d._SIMPLE_FORMS_RE.finditer(text, start, end + d._CONTEXT):
        if m.start() >= end:
            break
        reference.append((m.start(), m.end()))
    assert [(x.start, x.end) for x in d._simple_forms(text, start, end)] == reference


@pytest.mark.parametrize("text", [
    "last Monday Sept. 18", "next Friday, 18 September", "this Tuesday the 5th of May 2005",
    "last Monday", "on Friday Sept.",
])
def test_a_relative_weekday_before_a_date_opens_the_date(text: str) -> None:
    # The fast path reads these as the grammar does: "last Monday, Sept. 18" is the
    # date Monday, Sept. 18 (its weekday checked against the date), not "last Monday".
    assert parse_span(text) == parse_span(text, use_grammar=True)


def test_weekday_after_last_is_checked_against_its_date() -> None:
    from newslint.engine import lint_text

    text = "Talks\n\nThe talks opened last Tuesday, Sept. 18, 2023, in Moscow.\n"
    found = [(f.rule, text[f.start:f.end]) for f in lint_text(text, path="a.txt")
             if f.rule == "weekday-mismatch"]
    assert found == [("weekday-mismatch", "Tuesday")]
