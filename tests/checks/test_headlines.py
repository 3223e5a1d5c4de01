"""headline-mismatch (NL602) and headline-case (NL603): articles in, findings out."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import config_from_mapping
from newslint.engine import lint_text
from newslint.facts import Facts, Person, Term
from newslint.findings import LineIndex


def _run(text: str, rule: str, path: str = "a.txt", facts: Facts | None = None, **config):
    cfg = config_from_mapping({"select": [rule], **config}, path=None, root=Path.cwd())
    out = []
    for f in lint_text(text, path=path, config=cfg, facts=facts):
        pos = LineIndex(text).position(f.start)
        out.append((pos.line, pos.column, f.message, f.fix.replacement if f.fix else None))
    return out


BODY = "\n\nPresident Vladimir Putin arrived in Beijing on Monday for talks on trade.\n"


@pytest.mark.parametrize("headline, style, fixed", [
    ("Putin visits Beijing for talks", "sentence", None),
    ("Putin Visits Beijing For Talks", "sentence", "Putin visits Beijing for talks"),
    ("putin visits Beijing", "sentence", "Putin visits Beijing"),
    ("Putin visits Beijing for talks on trade", "title", "Putin Visits Beijing for Talks on Trade"),
    ("Putin Visits Beijing for Talks on Trade", "title", None),
    ("Putin Visits Beijing For Talks", "title", "Putin Visits Beijing for Talks"),
    ("Putin Visits Beijing With Xi", "title", None),  # "with": either, by house
    ("Trade talks: What Putin wants", "sentence", None),  # after a colon: either
    ("Putin Visits Beijing: what Now", "title", None),  # "what" opens a clause
    ("UN and EU welcome Putin visit", "sentence", None),  # acronyms
])
def test_headline_case(headline: str, style: str, fixed: str | None) -> None:
    found = _run(headline + BODY, "headline-case", **{"headline-style": style})
    if fixed is None:
        assert found == []
    else:
        assert [(f[0], f[1], f[3]) for f in found] == [(1, 1, fixed)]


def test_headline_case_is_quiet_without_a_style() -> None:
    assert _run("Putin Visits Beijing For Talks" + BODY, "headline-case") == []


def test_rule_option_sets_the_style() -> None:
    found = _run("Putin Visits Beijing For Talks" + BODY, "headline-case",
                 rules={"headline-case": {"style": "sentence"}})
    assert found[0][2] == ('Headline is not in sentence case ("Visits", "For", "Talks"); '
                           'write "Putin visits Beijing for talks"')


def test_names_come_from_the_fact_sheet() -> None:
    facts = Facts(people=(Person("Xi Jinping", also=("Xi",)),), terms=(Term("The Hague"),))
    text = "Court in The Hague summons Xi\n\nThe court met on Monday.\n"
    assert _run(text, "headline-case", facts=facts, **{"headline-style": "sentence"}) == []
    lower = "Court summons xi\n\nThe court met on Monday.\n"
    found = _run(lower, "headline-case", facts=facts, **{"headline-style": "sentence"})
    assert [f[3] for f in found] == ["Court summons Xi"]


def test_a_name_written_only_in_the_headline_is_left_alone() -> None:
    # "Man Utd" is not in the body, but nothing else says the headline is title case.
    text = "Shares rise on new Man Utd offer\n\nManchester United shares rose.\n"
    assert _run(text, "headline-case", **{"headline-style": "sentence"}) == []


def test_markdown_heading_and_front_matter_title() -> None:
    md = "---\ntitle: Putin Visits Beijing For Talks\n---\n# Putin Visits Beijing For Talks\n" + BODY
    found = _run(md, "headline-case", path="a.md", **{"headline-style": "sentence"})
    assert [(f[0], f[1], f[3]) for f in found] == [(4, 3, "Putin visits Beijing for talks")]
    only_title = "---\ntitle: Putin Visits Beijing For Talks\n---\n" + BODY
    found = _run(only_title, "headline-case", path="a.md", **{"headline-style": "sentence"})
    assert [(f[0], f[1], f[3]) for f in found] == [(2, 8, "Putin visits Beijing for talks")]


@pytest.mark.parametrize("title, heading, expected", [
    ("Minister resigns over report", "Minister quits over report", True),
    ("Minister resigns over report", "Minister Resigns Over Report!", False),
    ("Q&A: the budget", "Q and A - The Budget", False),
    ("Zelenský visits Paris", "Zelensky visits Paris", False),
])
def test_headline_mismatch(title: str, heading: str, expected: bool) -> None:
    md = f"---\ntitle: {title}\n---\n# {heading}\n\nThe minister spoke.\n"
    found = _run(md, "headline-mismatch", path="a.md")
    assert bool(found) == expected
    if expected:
        assert (found[0][0], found[0][1]) == (4, 3)
        assert found[0][2] == (f'The heading "{heading}" differs from the front matter '
                               f'title "{title}"; make them the same')


def test_headline_mismatch_ignores_a_first_subhead() -> None:
    md = "---\ntitle: Minister resigns\n---\n## Background\n\nThe minister spoke.\n"
    assert _run(md, "headline-mismatch", path="a.md") == []


def test_a_first_subhead_is_not_the_headline() -> None:
    md = "---\ntitle: Putin visits Beijing\n---\n## Talks On Trade And Energy\n" + BODY
    assert _run(md, "headline-case", path="a.md", **{"headline-style": "sentence"}) == []
    bare = "## Talks On Trade And Energy\n" + BODY
    assert _run(bare, "headline-case", path="a.md", **{"headline-style": "sentence"}) == []
