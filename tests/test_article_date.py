"""The article's own date: front matter, dateline, fact sheet, then --date."""

from __future__ import annotations

import datetime as dt

import pytest

from newslint.article_date import article_date, dateline_date
from newslint.document import Document
from newslint.facts import Facts

SHEET = Facts(date=dt.date(2023, 10, 1))
FALLBACK = dt.date(2023, 11, 5)


def doc(text: str, meta: dict | None = None) -> Document:
    return Document("story.txt", text, prose=text, meta=meta or {})


DATELINES = [
    ("BEIJING, Sept 18, 2023 (AFP) – China's top diplomat", dt.date(2023, 9, 18)),
    ("\n\nBEIJING, Sept 18, 2023 (AFP) – China's top diplomat", dt.date(2023, 9, 18)),
    ("Talks in Moscow\n\nMOSCOW, 18 September 2023 — The talks", dt.date(2023, 9, 18)),
    ("WASHINGTON, D.C., Sept. 18, 2023 (AP) - The", dt.date(2023, 9, 18)),
    ("LONDON (Reuters) - Shares fell", None),
    ("Putin, 70, said - no more", None),
    ("The talks began on Sept. 18, 2023 - officials said", None),
]


@pytest.mark.parametrize("text,expected", DATELINES)
def test_dateline(text: str, expected: dt.date | None) -> None:
    assert dateline_date(doc(text)) == expected


def test_dateline_without_a_year_takes_the_nearest_to_the_reference() -> None:
    d = doc("WASHINGTON, Sept. 18 (Reuters) - The talks")
    assert dateline_date(d) is None
    assert dateline_date(d, dt.date(2024, 1, 10)) == dt.date(2023, 9, 18)


def test_order_front_matter_dateline_sheet_fallback() -> None:
    text = "BEIJING, Sept 18, 2023 (AFP) – China's top diplomat"
    front = dt.date(2023, 9, 20)
    assert article_date(doc(text, {"date": front}), SHEET, FALLBACK) == front
    assert article_date(doc(text), SHEET, FALLBACK) == dt.date(2023, 9, 18)
    assert article_date(doc("LONDON (Reuters) - x"), SHEET, FALLBACK) == SHEET.date
    assert article_date(doc("LONDON (Reuters) - x"), Facts(), FALLBACK) == FALLBACK
    assert article_date(doc("LONDON (Reuters) - x"), None, None) is None


def test_dateline_after_front_matter() -> None:
    from newslint.parsers.markdown import MarkdownParser

    text = "---\ntitle: Talks\nauthor: A. Writer\ndesk: world\ntags: [a, b]\nx: 1\ny: 2\n---\n\n# Talks\n\nMOSCOW, Sept. 18, 2023 (AP) - The talks began.\n"
    doc = MarkdownParser().parse(text, "story.md")
    assert dateline_date(doc) == dt.date(2023, 9, 18)


@pytest.mark.parametrize(
    "value,expected",
    [
        (dt.date(2023, 9, 18), dt.date(2023, 9, 18)),
        ("2023-09-18", dt.date(2023, 9, 18)),
        ("2023-09-18T10:00:00Z", dt.date(2023, 9, 18)),
        ("September 18, 2023", dt.date(2023, 9, 18)),
        ("18 Sept 2023", dt.date(2023, 9, 18)),
        ("Sept. 18", None),  # no year: not the article's date
        ("soon", None),
        (2023, None),
    ],
)
def test_front_matter_date_as_written(value, expected) -> None:
    from newslint.article_date import front_matter_date

    assert front_matter_date(doc("Text.", {"date": value})) == expected
