"""name-inconsistent-across (NL601): small repositories of articles in, exact findings out."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.articles import lint_articles, split_articles
from newslint.config import config_from_mapping
from newslint.facts import Facts, Person
from newslint.findings import LineIndex

RULE = "name-inconsistent-across"
CONFIG = config_from_mapping({"select": [RULE]}, path=None, root=Path.cwd())

# Three articles on one story: they share Antonio Guterres, Olaf Scholz, Geneva.
MONDAY = """Ministers meet in Geneva

Foreign Minister Sergey Lavrov met Antonio Guterres in Geneva. Olaf Scholz will join
them at the Palace of Nations, where the talks go on at the Hague Tribunal's old hall.
"""
TUESDAY = """Talks go on in Geneva

Sergey Lavrov said the talks with Antonio Guterres were useful. Olaf Scholz agreed,
and The Hague will host the next round.
"""
WEDNESDAY = """Talks end in Geneva

Sergei Lavrov left Geneva after meeting Antonio Guterres and Olaf Scholz. Officials
flew on to the Hague for the next round. Sergei Lavrov did not go.
"""
# Another story: a different person with a similar name, no shared context.
SPORT = """Striker signs for Lyon

Sergei Lavrova, the Olympic fencer, praised the coaching staff at Lyon. Marie Dubois
and Jean Martin also spoke to reporters about the new season.
"""


def _found(articles: dict[str, str], **kw) -> list[tuple[str, int, int, str]]:
    out = []
    for path, findings in sorted(lint_articles(articles, config=CONFIG, **kw).items()):
        for f in findings:
            if f.rule == RULE:
                pos = LineIndex(articles[path]).position(f.start)
                out.append((path, pos.line, pos.column, articles[path][f.start : f.end]))
    return out


def test_minority_spelling_and_capitals_reported_in_minority_article_only() -> None:
    found = _found({"mon.txt": MONDAY, "tue.txt": TUESDAY, "wed.txt": WEDNESDAY})
    assert found == [
        ("wed.txt", 3, 1, "Sergei Lavrov"),
        ("wed.txt", 4, 12, "the Hague"),
    ]


def test_message_names_other_form_count_and_one_article() -> None:
    findings = lint_articles({"mon.txt": MONDAY, "tue.txt": TUESDAY, "wed.txt": WEDNESDAY},
                             config=CONFIG)["wed.txt"]
    lavrov = [f for f in findings if "Lavrov" in f.message][0]
    assert lavrov.message == (
        '"Sergei Lavrov" here (2 times), but 2 other articles write "Sergey Lavrov" '
        "(e.g. mon.txt); use one form across the repository")
    assert lavrov.fix is not None and lavrov.fix.replacement == "Sergey Lavrov"
    assert not lavrov.fix.safe


def test_different_people_with_similar_names_in_other_stories_are_not_confused() -> None:
    # "Sergei Lavrova" is one edit from "Sergei Lavrov" but her article shares no names.
    found = _found({"mon.txt": MONDAY, "tue.txt": TUESDAY, "sport.txt": SPORT})
    assert found == []


def test_only_the_files_reported_on_get_findings() -> None:
    articles = {"mon.txt": MONDAY, "tue.txt": TUESDAY, "wed.txt": WEDNESDAY}
    assert _found(articles) and lint_articles(articles, config=CONFIG,
                                              report={"mon.txt"}) == {"mon.txt": []}


def test_even_split_is_reported_on_both_sides_only_when_asked() -> None:
    one = "Talks\n\nAnna Kowalska met Piotr Nowak and Ewa Zielinska in Warsaw.\n"
    two = "More talks\n\nAnna Kovalska met Piotr Nowak and Ewa Zielinska again.\n"
    assert _found({"one.txt": one, "two.txt": two}) == []
    ties = config_from_mapping({"select": [RULE], "rules": {RULE: {"report-ties": True}}},
                               path=None, root=Path.cwd())
    found = lint_articles({"one.txt": one, "two.txt": two}, config=ties)
    assert [(p, f.message) for p, fs in sorted(found.items()) for f in fs] == [
        ("one.txt", '"Anna Kowalska" here, but as many articles (1) write "Anna Kovalska" '
                    "(e.g. two.txt); use one form across the repository"),
        ("two.txt", '"Anna Kovalska" here, but as many articles (1) write "Anna Kowalska" '
                    "(e.g. one.txt); use one form across the repository")]


def test_fact_sheet_names_are_left_to_name_spelling() -> None:
    facts = Facts(people=(Person("Sergey Lavrov", wrong=("Sergei Lavrov",)),))
    found = _found({"mon.txt": MONDAY, "tue.txt": TUESDAY, "wed.txt": WEDNESDAY}, facts=facts)
    assert [f[3] for f in found] == ["the Hague"]


@pytest.mark.parametrize("text", [
    # the name at the start of a sentence says nothing about "The"
    "Story\n\nThe Hague is quiet. Antonio Guterres and Olaf Scholz met there.\n",
    # "the Office for National Statistics" is not "The Office"
    "Story\n\nAntonio Guterres and Olaf Scholz quoted the Hague for Justice Institute.\n",
    # a headline in title case is not a spelling
    "The Hague Talks Resume\n\nAntonio Guterres and Olaf Scholz met again.\n",
])
def test_no_evidence_no_finding(text: str) -> None:
    other = "Story\n\nAntonio Guterres and Olaf Scholz flew to The Hague on Monday.\n"
    assert _found({"a.txt": text, "b.txt": other}) == []


def test_split_articles_reads_marker_lines() -> None:
    block = "==> a.txt <==\nOne\n\nBody one.\n\n==> b/c.md <==\n# Two\n\nBody two.\n"
    assert split_articles(block) == [("a.txt", "One\n\nBody one.\n"),
                                     ("b/c.md", "# Two\n\nBody two.\n")]
    assert split_articles("Just one\n") == [("example.txt", "Just one\n")]


# -- end to end, from the command line --------------------------------------------


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "newslint.toml").write_text('select = ["name-inconsistent-across"]\n',
                                            encoding="utf-8")
    (tmp_path / "2023").mkdir()
    (tmp_path / "2023" / "mon.txt").write_text(MONDAY, encoding="utf-8")
    (tmp_path / "2023" / "tue.txt").write_text(TUESDAY, encoding="utf-8")
    (tmp_path / "wed.txt").write_text(WEDNESDAY, encoding="utf-8")
    return tmp_path


def test_one_file_run_reads_the_repository_and_reports_in_that_file(cli, repo: Path) -> None:
    result = cli("lint", "wed.txt", cwd=repo)
    assert result.status == 1
    lines = result.out.splitlines()
    assert [line.split(" [")[0] for line in lines] == [
        "wed.txt:3:1: NL601", "wed.txt:4:12: NL601"]
    assert "e.g. 2023/mon.txt" in lines[0]


def test_one_file_run_of_a_majority_file_reports_nothing(cli, repo: Path) -> None:
    result = cli("lint", "2023/mon.txt", cwd=repo)
    assert (result.status, result.out) == (0, "")


def test_warm_run_gives_the_same_findings(cli, repo: Path) -> None:
    first = cli("lint", "wed.txt", cwd=repo).out
    assert first and cli("lint", "wed.txt", cwd=repo).out == first


def test_repository_globs_limit_the_context(cli, repo: Path) -> None:
    (repo / "newslint.toml").write_text(
        'select = ["name-inconsistent-across"]\nrepository = ["wed.txt"]\n', encoding="utf-8")
    assert cli("lint", "wed.txt", cwd=repo).out == ""


def test_without_a_configuration_file_only_the_files_passed_count(cli, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(MONDAY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(WEDNESDAY, encoding="utf-8")
    result = cli("lint", "--select", RULE, "b.txt", cwd=tmp_path)
    assert result.out == ""  # a.txt is not read: there is no repository
    # One article each way: the one naming him more often (b.txt, twice) wins.
    both = cli("lint", "--select", RULE, "a.txt", "b.txt", cwd=tmp_path)
    assert both.status == 1 and both.out.startswith("a.txt:3:18: NL601")


def test_a_spelling_used_by_two_articles_wins_over_one() -> None:
    one = "Talks\n\nNathalie Press met Imelda Staunton and Mike Leigh in London.\n"
    two = "Awards\n\nNathalie Press, Imelda Staunton and Mike Leigh were praised.\n"
    three = "Films\n\nNatalie Press joined Imelda Staunton and Mike Leigh on stage.\n"
    found = _found({"one.txt": one, "two.txt": two, "three.txt": three})
    assert found == [("three.txt", 3, 1, "Natalie Press")]


def test_files_outside_the_repository_get_no_context(cli, repo: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "wed.txt"
    elsewhere.write_text(WEDNESDAY, encoding="utf-8")
    result = cli("lint", "--config", str(repo / "newslint.toml"), str(elsewhere), cwd=repo)
    assert result.out == ""


def test_part_of_a_name_the_sheet_decides_is_not_reported() -> None:
    from newslint.facts import Term

    facts = Facts(terms=(Term("Belt and Road Forum", wrong=("Belt and Road forum",)),))
    one = "Forum\n\nXi Jinping opened the Belt and Road Forum with Vladimir Putin.\n"
    two = "Forum\n\nXi Jinping and Vladimir Putin spoke at the Belt and Road Forum.\n"
    three = "Forum\n\nVladimir Putin left the Belt and Road forum before Xi Jinping.\n"
    articles = {"one.txt": one, "two.txt": two, "three.txt": three}
    assert [f[3] for f in _found(articles)] == ["Belt and Road forum"]
    assert _found(articles, facts=facts) == []


def test_is_title_matches_its_definition() -> None:
    from newslint.checks.across import _is_title
    from newslint.proper_names import HONORIFICS

    words = [*HONORIFICS, *(h.lower() for h in HONORIFICS), *(h[0].lower() + h[1:] for h in HONORIFICS),
             "", "said", "ſir", "ıdris", "Ärzte", "mR", "3rd", "’s", "ﬆ", "Sir", "sir"]
    for word in words:
        assert _is_title(word) == (word[:1].upper() + word[1:] in HONORIFICS), word


def test_the_ascii_word_after_a_name_ends_where_the_regex_word_would() -> None:
    # _ASCII_LOWER_RE reads "X word" forms over ASCII; a character past ASCII after the
    # word leaves the decision to the regex module (an empty match, no group).
    from newslint.checks.across import _ASCII_LOWER_RE

    for code in [*range(0x3000), 0xFFFD, 0x1F600, 0x10FFFF]:
        c = chr(code)
        m = _ASCII_LOWER_RE.match(" abc" + c)
        if not c.isascii():
            assert m is not None and m.group(1) is None, hex(code)
        elif "a" <= c <= "z":
            assert m is not None and m.group(1) == "abc" + c, hex(code)
        elif c.isalnum() or c in "'-":
            assert m is None, hex(code)
        else:
            assert m is not None and m.group(1) == "abc", hex(code)
