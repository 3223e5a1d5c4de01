"""Fact sheets end to end: --facts, the `facts` configuration key, --fix, the example."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import REPO, findings_of, write

FACT_RULES = "name-spelling,title-mismatch,count-mismatch,ordinal-mismatch"

SHEET = """\
[[person]]
name = "Aoife Brennan"
also = ["Brennan"]
wrong = ["Aoife Brenan"]
titles = ["general secretary"]
"""

OTHER = """\
[[count]]
about = ["the union"]
value = 412
nouns = ["members"]
"""

ARTICLE = "Dockers walk out\n\nGeneral secretary Aoife Brenan said the union has 413 members.\n"


def test_example_article_with_its_configured_sheet(cli, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = cli("lint", "--no-cache", "--config", "examples/newslint.toml", "--format", "json",
                 "examples/facts-ferry-strike.md")
    assert result.status == 1
    assert findings_of(result) == [
        ("ordinal-mismatch", 8, 5),
        ("name-spelling", 11, 2),
        ("count-mismatch", 14, 64),
        ("name-spelling", 17, 1),
        ("title-mismatch", 17, 19),
    ]
    assert "examples/story.facts.toml:34 [[event]]" in result.json[0]["message"]


def test_example_sheet_checks_clean(cli, monkeypatch) -> None:
    monkeypatch.chdir(REPO)
    result = cli("facts", "check", "examples/story.facts.toml")
    assert (result.status, result.out) == (
        0, "examples/story.facts.toml: 3 people, 1 term, 1 count, 1 event\n")


def test_facts_option_is_repeatable(cli, isolated: Path) -> None:
    write(isolated / "a.txt", ARTICLE)
    write(isolated / "people.toml", SHEET)
    write(isolated / "counts.toml", OTHER)
    one = cli("lint", "--select", FACT_RULES, "--format", "json", "--facts", "people.toml", "a.txt")
    assert findings_of(one) == [("name-spelling", 3, 19)]
    both = cli("lint", "--select", FACT_RULES, "--format", "json", "--facts", "people.toml",
               "--facts", "counts.toml", "a.txt")
    assert findings_of(both) == [("name-spelling", 3, 19), ("count-mismatch", 3, 51)]


def test_config_key_is_relative_to_the_config_file(cli, isolated: Path) -> None:
    write(isolated / "newslint.toml", 'facts = ["sheets/people.toml"]\n')
    write(isolated / "sheets" / "people.toml", SHEET)
    write(isolated / "desk" / "a.txt", ARTICLE)
    result = cli("lint", "--select", FACT_RULES, "--format", "json", "a.txt",
                 cwd=isolated / "desk")
    assert findings_of(result) == [("name-spelling", 3, 19)]
    # --facts replaces the configured sheets.
    write(isolated / "desk" / "counts.toml", OTHER)
    result = cli("lint", "--select", FACT_RULES, "--format", "json", "--facts", "counts.toml",
                 "a.txt", cwd=isolated / "desk")
    assert findings_of(result) == [("count-mismatch", 3, 51)]


def test_without_a_sheet_the_fact_rules_are_quiet(cli, isolated: Path) -> None:
    write(isolated / "a.txt", ARTICLE)
    result = cli("lint", "--select", FACT_RULES, "a.txt")
    assert (result.status, result.out) == (0, "")


def test_fix_writes_the_sheets_spelling(cli, isolated: Path) -> None:
    path = write(isolated / "a.txt", ARTICLE)
    write(isolated / "people.toml", SHEET)
    cli("lint", "--select", "name-spelling", "--facts", "people.toml", "--fix", "a.txt")
    assert path.read_text(encoding="utf-8") == ARTICLE.replace("Aoife Brenan", "Aoife Brennan")


def test_missing_sheet_is_a_run_failure(cli, isolated: Path) -> None:
    write(isolated / "a.txt", ARTICLE)
    result = cli("lint", "--facts", "nope.toml", "a.txt")
    assert result.status == 2
    assert "nope.toml" in result.err and "cannot read fact sheet" in result.err
