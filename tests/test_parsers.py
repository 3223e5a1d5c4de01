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
