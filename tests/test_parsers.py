"""What parsers hide from rules, and what they read from front matter."""

from __future__ import annotations

import datetime as dt

from newslint.parsers import MarkdownParser, PlainTextParser

MD = """---
title: "Talks: day one"
date: 2023-09-18
tags: [a, b]
---
# Wang arrives in *Moscow*

The talks began on Monday. See `the the` and https://example.com/the/the here.

<!-- the the in a comment -->

```
the the in a code block
```

A [link text](https://example.com/x) and **bold** words.
"""


def test_front_matter_is_read_and_not_linted() -> None:
    doc = MarkdownParser().parse(MD, "a.md")
    assert doc.title == "Talks: day one"
    assert doc.date == dt.date(2023, 9, 18)
    assert "Talks" not in doc.prose


def test_toml_front_matter() -> None:
    doc = MarkdownParser().parse('+++\ntitle = "T"\ndate = 2023-10-17\n+++\nBody.\n', "a.md")
    assert doc.title == "T" and doc.date == dt.date(2023, 10, 17)
    assert doc.prose.strip() == "Body."


def test_code_urls_comments_and_markup_are_blanked() -> None:
    doc = MarkdownParser().parse(MD, "a.md")
    assert len(doc.prose) == len(doc.text)
    assert "the the" not in doc.prose
    assert "example.com" not in doc.prose
    assert "link text" in doc.prose
    assert "*" not in doc.prose and "#" not in doc.prose
    assert doc.prose.count("\n") == doc.text.count("\n")


def test_markdown_headline_is_first_heading() -> None:
    doc = MarkdownParser().parse(MD, "a.md")
    assert doc.headline is not None
    assert doc.headline.slice(doc.text) == "Wang arrives in *Moscow*"


def test_plain_text_headline_is_first_line_before_a_blank_line() -> None:
    doc = PlainTextParser().parse("Talks open in Moscow\n\nWang arrived on Monday.\n", "a.txt")
    assert doc.headline is not None and doc.headline.slice(doc.text) == "Talks open in Moscow"
    assert [p.slice(doc.text) for p in doc.paragraphs] == [
        "Talks open in Moscow", "Wang arrived on Monday."]


def test_sentences_know_abbreviations_and_initials() -> None:
    doc = PlainTextParser().parse(
        'Mr. Wang met George W. Bush on Sept. 18. "Yes," he said. Then U.S. aides left.',
        "a.txt")
    assert [s.slice(doc.text) for s in doc.sentences] == [
        "Mr. Wang met George W. Bush on Sept. 18.", '"Yes," he said.', "Then U.S. aides left."]


# -- URLs and addresses: the pattern reads only the lines holding a marker ------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint.parsers.text import URL_RE, plain_spans  # noqa: E402

_URL_PIECES = st.sampled_from(["https://", "www.", "@", "news", ".org", "/a", ".", " ", "\n",
                               "\r\n", "mail", "-", "x+y", "é", "(", ")", "<!--", "-->", ","])


@settings(max_examples=300, deadline=None)
@given(st.lists(_URL_PIECES, max_size=30).map("".join))
@example("Write to desk@example.org or see https://example.org/a.\nwww.bbc.co.uk, too")
def test_url_spans_are_those_of_a_scan_of_the_whole_text(text: str) -> None:
    whole = [m.span() for m in URL_RE.finditer(text)]
    comments = [s for s in plain_spans(text) if text[s[0]:s[0] + 4] == "<!--"]
    assert [s for s in plain_spans(text) if s not in comments] == whole


def test_an_address_in_a_long_file_is_found_on_its_line() -> None:
    text = "A line of prose.\n" * 2000 + "Mail tips to desk@example.org today.\n" + "More.\n" * 50
    doc = PlainTextParser().parse(text, "long.txt")
    at = text.index("desk@")
    assert doc.prose[at : at + len("desk@example.org")].strip() == ""
    assert doc.prose[:at] == text[:at]
