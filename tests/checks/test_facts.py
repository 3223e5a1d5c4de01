"""Fact-sheet rules: errors planted in short articles, exact findings out."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import lint_text
from newslint.config import Config
from newslint.facts_loader import load_facts
from newslint.findings import LineIndex

RULES = ("name-spelling", "title-mismatch", "count-mismatch", "ordinal-mismatch")
CONFIG = Config(select=RULES)

SHEET = """\
[sheet]
name = "Harbour strike"

[[person]]
name = "Aoife Brennan"
also = ["Brennan"]
wrong = ["Aoife Brenan", "Aoife Brennen"]
titles = ["general secretary", "union leader", "Unite general secretary"]

[[person]]
name = "Tomás Ó Riada"
also = ["Ó Riada"]
wrong = ["Thomas O'Reedy"]
titles = ["Transport Minister", "minister for transport"]

[[person]]
name = "Grace Okafor"
also = ["Okafor"]

[[term]]
name = "Port Authority"
wrong = ["port authority", "Port authority"]

[[term]]
name = "Dún Laoghaire Harbour"

[[count]]
about = ["the union", "Unite"]
value = 412
nouns = ["members", "dockers", "workers"]

[[event]]
name = "Harbour Talks"
also = ["harbour negotiations"]
ordinal = 2
start = 2024-03-04
end = 2024-03-06
"""


@pytest.fixture(scope="module")
def facts(tmp_path_factory):
    path = tmp_path_factory.mktemp("facts") / "harbour.facts.toml"
    path.write_text(SHEET, encoding="utf-8")
    return load_facts([str(path)])


def found(text: str, facts, path: str = "story.txt", config: Config = CONFIG):
    index = LineIndex(text)
    out = []
    for f in lint_text(text, path=path, config=config, facts=facts):
        p = index.position(f.start)
        out.append((f.rule, p.line, p.column, text[f.start : f.end]))
    return out


def messages(text: str, facts, path: str = "story.txt") -> list[str]:
    return [f.message for f in lint_text(text, path=path, config=CONFIG, facts=facts)]


# --- name-spelling -------------------------------------------------------------------


def test_wrong_spellings_found_and_fixed(facts) -> None:
    text = (
        "Dockers walk out\n\n"
        "Aoife Brenan led the walkout. The port authority said\n"
        "talks with Aoife\nBrennen's union would resume.\n"
    )
    assert found(text, facts) == [
        ("name-spelling", 3, 1, "Aoife Brenan"),
        ("name-spelling", 3, 35, "port authority"),
        ("name-spelling", 4, 12, "Aoife\nBrennen"),
    ]
    finding = lint_text(text, config=CONFIG, facts=facts)[0]
    assert finding.fix.replacement == "Aoife Brennan"
    assert 'Write "Aoife Brennan", not "Aoife Brenan"' in finding.message
    assert 'harbour.facts.toml:4 [[person]] "Aoife Brennan"' in finding.message


def test_term_in_another_capitalisation(facts) -> None:
    text = "Ships left Dún Laoghaire harbour early. Dún Laoghaire Harbour reopened.\n"
    assert found(text, facts) == [("name-spelling", 1, 12, "Dún Laoghaire harbour")]
    assert 'writes "Dún Laoghaire Harbour"' in messages(text, facts)[0]


def test_capitalisation_left_alone_where_it_is_free(facts) -> None:
    text = (
        "DÚN LAOGHAIRE HARBOUR SHUT\n\n"
        "Port Authority staff joined. The port authority-owned quay was quiet.\n"
    )
    assert found(text, facts) == []


def test_wrong_spelling_in_markdown_emphasis(facts) -> None:
    text = "# Strike\n\nTalks with *Aoife* Brenan ended.\n"
    got = lint_text(text, path="story.md", config=CONFIG, facts=facts)
    assert [(f.rule, text[f.start : f.end]) for f in got] == [("name-spelling", "Aoife* Brenan")]
    assert got[0].fix is None  # the markup inside the span must not be lost


def test_apostrophe_forms(facts) -> None:
    text = "Thomas O’Reedy’s office said Tomás Ó Riada would attend.\n"
    assert found(text, facts) == [("name-spelling", 1, 1, "Thomas O’Reedy")]


# --- title-mismatch ------------------------------------------------------------------

TITLES = """\
Strike talks stall

Health Minister Tomás Ó Riada met union leaders on Monday.
Aoife Brennan, the union's treasurer, said members were united.
Unite's Deputy General Secretary, Aoife Brennan, spoke next.
"""


def test_titles_planted(facts) -> None:
    assert found(TITLES, facts) == [
        ("title-mismatch", 3, 1, "Health Minister"),
        ("title-mismatch", 4, 20, "union's treasurer"),
        ("title-mismatch", 5, 1, "Unite's Deputy General Secretary"),
    ]
    first = messages(TITLES, facts)[0]
    assert first.startswith('"Health Minister" is not a title the fact sheet gives Tomás Ó Riada; '
                            'it lists "Transport Minister", "minister for transport" (')
    assert 'harbour.facts.toml:10 [[person]] "Tomás Ó Riada")' in first


GOOD_TITLES = """\
Strike talks stall

Transport Minister Tomás Ó Riada met union leaders on Monday.
Irish Transport Minister Tomás Ó Riada, minister for transport, spoke.
The minister for transport, Tomás Ó Riada, later left.
Minister Ó Riada said he was hopeful.
Acting Transport Minister Ó Riada was in Cork.
Former Health Minister Tomás Ó Riada once held talks too.
Mr Ó Riada and Dr Brennan shook hands.
Unite general secretary Aoife Brennan, a former docker, said members were united.
After meeting the health minister, Brennan said nothing.
Her counterpart, Aoife Brennan, and the union leader Aoife Brennan agreed.
Okafor, the new harbour master, was not on the sheet's list of titles.
Aoife Brennan, Transport Minister Tomás Ó Riada and Grace Okafor met.
"""


def test_titles_left_alone(facts) -> None:
    assert found(GOOD_TITLES, facts) == []


def test_synonyms_name_the_same_office(tmp_path: Path) -> None:
    sheet = tmp_path / "s.toml"
    sheet.write_text('[[person]]\nname = "Grace Okafor"\ntitles = ["port spokesperson", "Harbour boss"]\n',
                     encoding="utf-8")
    facts = load_facts([str(sheet)])
    text = "Port spokesman Grace Okafor met Harbour chief Grace Okafor. Harbour chair Grace Okafor left.\n"
    assert found(text, facts) == [("title-mismatch", 1, 61, "Harbour chair")]


def test_deputy_is_a_different_office(facts) -> None:
    text = "Deputy Transport Minister Tomás Ó Riada spoke.\n"
    assert found(text, facts) == [("title-mismatch", 1, 1, "Deputy Transport Minister")]


# --- count-mismatch ------------------------------------------------------------------

COUNTS = """\
Dockers vote

The union has 413 members at the port. All four hundred and twelve dockers voted.
Unite said more than 420 members backed action.
It said about 300 workers joined the picket.
Unite added that nearly 400 members stayed home.
"""


def test_counts_planted(facts) -> None:
    assert found(COUNTS, facts) == [
        ("count-mismatch", 3, 15, "413 members"),
        ("count-mismatch", 4, 12, "more than 420 members"),
        ("count-mismatch", 5, 9, "about 300 workers"),
        ("count-mismatch", 6, 18, "nearly 400 members"),
    ]
    first, second = messages(COUNTS, facts)[:2]
    assert first.startswith('"413 members": the fact sheet gives 412 for the union (')
    assert first.endswith('[[count]] "the union"); write 412.')
    assert second.startswith('"more than 420 members": "more than 420" does not fit the fact sheet\'s 412')


GOOD_COUNTS = """\
Dockers vote

The union has 412 members at the port. Four hundred and twelve dockers voted.
Unite said more than 400 members backed action, about 420 by one count.
Of the union's 412 members, 300 workers joined the picket.
The union said the two workers were hurt. Both members were treated.
Unite was founded in 2007. In 2007 members voted to merge.
The union said nearly 415 members and almost 413 dockers took part.
Police said 40 officers attended; the council said 30 workers cleaned up.
In 2019, the union had 380 members. By 2021 Unite had 395 members at the port.
"""


def test_counts_left_alone(facts) -> None:
    assert found(GOOD_COUNTS, facts) == []


def test_smaller_number_is_a_part_when_the_article_states_the_whole(facts) -> None:
    text = "Unite has 412 members.\n\nUnite said 40 members joined in May, and 500 members voted.\n"
    assert found(text, facts) == [("count-mismatch", 3, 42, "500 members")]
    alone = "Unite said 40 members joined in May.\n"
    assert found(alone, facts) == [("count-mismatch", 1, 12, "40 members")]


def test_count_in_the_sentence_after_the_subject(facts) -> None:
    text = "Unite called the strike. It has 500 members in Dublin. Another 70 members live abroad.\n"
    assert found(text, facts) == [("count-mismatch", 1, 33, "500 members")]


def test_hyphenated_count_of_the_whole(facts) -> None:
    text = ("Unite, the 413-member union, voted. Unite has a three-member panel, a 412-member\n"
            "body and a two-union Unite office.\n")
    assert found(text, facts) == [("count-mismatch", 1, 12, "413-member")]


def test_count_tolerance_option(facts) -> None:
    from newslint.config import Config

    text = "The union said about 440 members voted.\n"
    assert found(text, facts) == []  # within 10%
    strict = Config(select=RULES, rules={"count-mismatch": {"tolerance": 0.05}})
    assert found(text, facts, config=strict) == [("count-mismatch", 1, 16, "about 440 members")]


# --- ordinal-mismatch ----------------------------------------------------------------

ORDINALS = """\
Third round of Harbour Talks

The third Harbour Talks opened on Monday.
Unions said the 3rd round of the Harbour Talks would be the last.
"""


def test_ordinals_planted(facts) -> None:
    assert found(ORDINALS, facts) == [
        ("ordinal-mismatch", 1, 1, "Third round of Harbour Talks"),
        ("ordinal-mismatch", 3, 5, "third Harbour Talks"),
        ("ordinal-mismatch", 4, 17, "3rd round of the Harbour Talks"),
    ]
    msgs = messages(ORDINALS, facts)
    assert 'the fact sheet says Harbour Talks is the second (2nd)' in msgs[1]
    assert msgs[1].endswith('[[event]] "Harbour Talks"); write "second".')
    assert msgs[2].endswith('write "2nd".')


GOOD_ORDINALS = """\
Harbour Talks resume

The second Harbour Talks opened on Monday, the 2nd round of the harbour negotiations.
The first Harbour Talks in 2019 collapsed.
On the third day of the Harbour Talks, both sides met.
The first two Harbour Talks were short.
It was his first Harbour Talks and a third Harbour Talks success for the union.
The fourth Harbour Talks session ran late.
"""


def test_ordinals_left_alone(facts) -> None:
    assert found(GOOD_ORDINALS, facts) == []


def test_event_listed_twice_by_an_alias_is_not_checked(tmp_path: Path) -> None:
    sheet = tmp_path / "two.toml"
    sheet.write_text(
        '[[event]]\nname = "Spring Summit"\nalso = ["the summit"]\nordinal = 2\n\n'
        '[[event]]\nname = "Autumn Summit"\nalso = ["the summit"]\nordinal = 5\n',
        encoding="utf-8",
    )
    facts = load_facts([str(sheet)])
    text = "Leaders met at the fourth Spring Summit. It was the fourth the summit.\n"
    assert found(text, facts) == [("ordinal-mismatch", 1, 20, "fourth Spring Summit")]


def test_rules_need_a_sheet() -> None:
    assert found("Health Minister Tomás Ó Riada met 413 members.\n", None) == []
