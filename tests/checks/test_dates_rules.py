"""Date rules: planted date errors in, exact findings out; right dates left alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newslint import lint_text
from newslint.config import Config
from newslint.facts_loader import load_facts
from newslint.findings import LineIndex

DATE_RULES = ("weekday-mismatch", "duration-mismatch", "date-mismatch", "invalid-date")

SHEET = """
[sheet]
name = "Test story"

[[event]]
name = "Belt and Road Forum"
also = ["Belt and Road summit"]
start = 2023-10-17
end = 2023-10-18

[[event]]
name = "Strategic Security Consultations"
also = ["security talks"]
start = 2023-09-18
end = 2023-09-21
"""


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    path: Path = tmp_path_factory.mktemp("facts") / "story.facts.toml"
    path.write_text(SHEET, encoding="utf-8")
    return load_facts([path])


def found(text: str, facts=None, date: dt.date | None = None) -> list[tuple[str, int, int, str]]:
    index = LineIndex(text)
    out = []
    config = Config(select=DATE_RULES, date=date)
    for f in lint_text(text, path="story.txt", config=config, facts=facts):
        p = index.position(f.start)
        out.append((f.rule, p.line, p.column, text[f.start : f.end]))
    return out


PLANTED = """Ministers meet in Moscow

BEIJING, Sept 18, 2023 (AFP) – The minister opened the talks on Tuesday, Sept. 18,
with a visit planned from Sept. 30–Oct. 2 (Saturday) and a briefing on Wednesday, Sept. 20.

He begins a four-day tour of the region from 18 to 22 September.
A 48-hour strike is planned between March 20 and 23, the union said.

The report is due on Sept. 31, and the review on 31 April.
"""


def test_planted_errors_without_a_sheet() -> None:
    assert found(PLANTED) == [
        ("weekday-mismatch", 3, 65, "Tuesday"),
        ("duration-mismatch", 6, 13, "four-day"),
        ("duration-mismatch", 7, 3, "48-hour"),
        ("invalid-date", 9, 22, "Sept. 31"),
        ("invalid-date", 9, 50, "31 April"),
    ]


@pytest.mark.parametrize("line_end", ["\n", "\r\n", "\r"])
def test_a_date_wrapped_after_its_weekday_is_read_whatever_the_line_ends(line_end: str) -> None:
    # Hard-wrapped copy: the weekday ends one line, its date opens the next. A CRLF
    # file is read as the LF one is (it was not: its weekday went unchecked).
    text = ("Talks\n\nThe ministers met on Monday,\nOctober 16, 2023, and again on Friday,\n"
            "2023-10-21.\n").replace("\n", line_end)
    assert found(text) == [("weekday-mismatch", 4, 32, "Friday")]  # 21 October is a Saturday


def test_weekday_fix_keeps_the_form_and_is_safe_with_a_year() -> None:
    text = "It began on TUES., Sept. 18, 2023, and ended Thurs., Sept. 21, 2023.\n"
    (f,) = lint_text(text, config=Config(select=("weekday-mismatch",)))
    assert f.fix is not None
    assert (text[f.start : f.end], f.fix.replacement, f.fix.safe) == ("TUES.", "MON.", True)
    assert "18 September 2023 is a Monday" in f.message


def test_weekday_without_year_or_article_date_stays_quiet() -> None:
    text = "The vote is on Tuesday, Sept. 18, officials said.\n"
    assert found(text) == []
    assert found(text, date=dt.date(2023, 9, 1)) == [("weekday-mismatch", 1, 16, "Tuesday")]


def test_weekday_that_fits_the_other_year_is_left_alone() -> None:
    # Written in January 2005 about the summer: 20 August 2005 is a Saturday.
    text = "The band will play on Saturday 20 August, the promoters said.\n"
    assert found(text, date=dt.date(2005, 1, 15)) == []
    assert found(text, date=dt.date(2005, 1, 15)) == found(text, date=dt.date(2005, 6, 1))


RIGHT = """Ministers meet in Moscow

BEIJING, Sept 18, 2023 (AFP) – The minister opened the security talks on Monday,
Sept. 18, with a four-day programme from 18 to 21 September and a 48-hour pause
between Oct. 1 and 2. The Belt and Road Forum follows on Oct. 17–18 (Tuesday), and a
two-week tour from 1 to 14 November. Leap day: 29 February 2024.
"""


def test_right_dates_give_nothing(facts) -> None:
    assert found(RIGHT, facts) == []


EVENTS = """Ministers meet in Moscow

BEIJING, Sept 18, 2023 (AFP) – The security talks will open on Friday in Moscow.

Putin will attend the Belt and Road Forum in Beijing on Oct. 19, aides said.
The Belt and Road summit, held from 16 to 18 October, drew 130 countries.
The Belt and Road Forum takes place in November, organisers said on Sept. 3.
"""


def test_event_dates_and_weekdays_against_the_sheet(facts) -> None:
    assert found(EVENTS, facts) == [
        ("weekday-mismatch", 3, 64, "Friday"),
        ("date-mismatch", 5, 57, "Oct. 19"),
        ("date-mismatch", 6, 32, "from 16 to 18 October"),
        ("date-mismatch", 7, 37, "in November"),
    ]


def test_event_weekday_counts_in_the_direction_of_the_tense(facts) -> None:
    # Article of Thursday 21 September: "on Monday" in the past is the 18th (talks
    # under way); in the future it is the 25th (talks over).
    past = "The security talks opened on Monday, the ministry said.\n"
    future = "The security talks will open on Monday.\n"
    day = dt.date(2023, 9, 21)
    assert found(past, facts, date=day) == []
    assert found(future, facts, date=day) == [("weekday-mismatch", 1, 33, "Monday")]


def test_event_weekday_needs_an_article_date(facts) -> None:
    assert found("The security talks will open on Friday.\n", facts) == []


def test_date_belonging_to_a_statement_is_skipped(facts) -> None:
    text = "Xi said on Sept. 3 that Putin would attend the Belt and Road Forum.\n"
    assert found(text, facts) == []


def test_date_far_from_the_event_name_is_skipped(facts) -> None:
    text = (
        "Putin, who last travelled abroad before the warrant was issued on 10 March and "
        "has stayed at home since then, will attend the Belt and Road Forum.\n"
    )
    assert found(text, facts) == []


def test_date_mismatch_needs_a_sheet() -> None:
    assert found("Putin will attend the Belt and Road Forum on Oct. 19.\n") == []


def test_feb_29_is_invalid_only_in_a_known_common_year() -> None:
    text = "It was signed on 29 February 2023. It ends on Feb. 29.\n"
    assert found(text) == [("invalid-date", 1, 18, "29 February 2023")]


def test_duration_needs_one_length_and_one_range() -> None:
    text = "After a three-day delay and a two-week wait, talks run from 18 to 22 May.\n"
    assert found(text) == []


def test_example_article_gives_its_planted_errors() -> None:
    path = Path(__file__).resolve().parents[2] / "examples" / "dates-trade-talks.txt"
    text = path.read_text(encoding="utf-8")
    assert found(text) == [
        ("weekday-mismatch", 7, 24, "Wednesday"),
        ("duration-mismatch", 8, 1, "three-day"),
        ("invalid-date", 11, 73, "April 31"),
    ]


def test_messages_are_one_line_when_a_date_spans_lines() -> None:
    text = "It opened on Tuesday\nSeptember 31, 2023.\n"
    (f,) = lint_text(text, config=Config(select=DATE_RULES))
    assert f.rule == "invalid-date"
    assert "\n" not in f.message and "'on Tuesday September 31, 2023'" in f.message


def test_relative_month_and_week_against_the_sheet(facts) -> None:
    text = (
        "Putin will attend the Belt and Road Forum next month, aides said.\n"
        "The security talks last week were cordial.\n"
        "The Belt and Road Forum this week drew 130 countries.\n"
    )
    # An article of Monday 18 September 2023: the forum (17-18 October) is next month;
    # the talks (18-21 September) are this week, not last week; the forum is not this week.
    assert found(text, facts, date=dt.date(2023, 9, 18)) == [
        ("date-mismatch", 2, 20, "last week"),
        ("date-mismatch", 3, 25, "this week"),
    ]
    assert found(text, facts) == []  # no article date: relative words mean nothing


def test_date_before_an_event_that_does_something_else(facts) -> None:
    text = (
        "On Oct. 3 the Belt and Road Forum announced a new secretariat.\n"
        "On Oct. 3 the Belt and Road Forum opened in Beijing.\n"
    )
    assert found(text, facts) == [("date-mismatch", 2, 4, "Oct. 3")]


def test_crlf_line_ends_do_not_change_which_date_is_the_events() -> None:
    from newslint.facts import Event, Facts

    facts = Facts(events=(Event("Belt and Road Forum", start=dt.date(2023, 10, 17),
                                end=dt.date(2023, 10, 18)),))
    config = Config(select=("date-mismatch",))
    text = "Sept. 18, 2023, Belt and Road Forum\nfrom 18 to 22 September "
    for newline in ("\n", "\r\n"):
        article = text.replace("\n", newline)
        found = lint_text(article, path="story.txt", config=config, facts=facts)
        lines = LineIndex(article)
        assert [(f.rule, lines.position(f.start)) for f in found] == [
            ("date-mismatch", lines.position(lines.offset(2, 1)))]
