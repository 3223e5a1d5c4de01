"""The name index: whole words, any whitespace, apostrophes, possessives, one scan."""

from __future__ import annotations

from newslint.facts import Event, Facts, Person, Term
from newslint.names import compile_forms, find_words, index_for

FACTS = Facts(
    people=(
        Person("Sergey Lavrov", also=("Lavrov",), wrong=("Sergei Lavrov",)),
        Person("Xi Jinping", also=("Xi",)),
        Person("Seán Ó Briain", also=("Ó Briain",)),
        Person("Kim Jong Un", wrong=("Kim Jong-un",)),
    ),
    terms=(Term("The Hague", wrong=("the Hague",)),),
    events=(Event("Belt and Road Forum", ordinal=3),),
)


def hits(text: str) -> list[tuple[str, str, str]]:
    return [(text[h.start : h.end], h.entry.name, h.role) for h in index_for(FACTS).names_in(text)]


def test_whole_words_longest_form_first() -> None:
    assert hits("Sergei Lavrov met Lavrov's aide; Lavrovs and XiJinping are not names.") == [
        ("Sergei Lavrov", "Sergey Lavrov", "wrong"),
        ("Lavrov", "Sergey Lavrov", "also"),
    ]


def test_line_break_and_blanked_emphasis_between_words() -> None:
    assert hits("met Sergei\nLavrov and Sergei  Lavrov") == [
        ("Sergei\nLavrov", "Sergey Lavrov", "wrong"),
        ("Sergei  Lavrov", "Sergey Lavrov", "wrong"),
    ]


def test_possessives_and_apostrophes() -> None:
    assert hits("Xi’s visit, Xi's plan, not Xi’an or Xian") == [
        ("Xi", "Xi Jinping", "also"),
        ("Xi", "Xi Jinping", "also"),
    ]


def test_unicode_names_and_hyphens() -> None:
    assert hits("Seán Ó Briain and Kim Jong‑un spoke; ÓBriain did not.") == [
        ("Seán Ó Briain", "Seán Ó Briain", "name"),
        ("Kim Jong‑un", "Kim Jong Un", "wrong"),
    ]


def test_case_matters_for_spellings() -> None:
    assert hits("in The Hague, to the Hague, THE HAGUE") == [
        ("The Hague", "The Hague", "name"),
        ("the Hague", "The Hague", "wrong"),
    ]


def test_events_match_in_any_case() -> None:
    index = index_for(FACTS)
    found = [(h.start, h.events[0].name) for h in index.events_in("the third Belt and Road forum")]
    assert found == [(10, "Belt and Road Forum")]


def test_a_match_inside_a_word_does_not_hide_a_real_one() -> None:
    pattern = compile_forms(["ali Wei Ko", "Wei Ko"])
    assert [m.group() for m in find_words(pattern, "Bali Wei Ko")] == ["Wei Ko"]


def test_index_is_built_once_per_facts() -> None:
    facts = Facts(people=(Person("Aoife Brennan"),))
    assert index_for(facts) is index_for(facts)
    assert index_for(Facts(people=(Person("Aoife Brennan"),))) is not index_for(facts)


def test_large_sheet() -> None:
    people = tuple(Person(f"Person{i} Surname{i}", wrong=(f"Persson{i} Surname{i}",)) for i in range(3000))
    facts = Facts(people=people)
    index = index_for(facts)
    text = "Yesterday Persson2999 Surname2999 met Person17 Surname17."
    assert [(text[h.start : h.end], h.role) for h in index.names_in(text)] == [
        ("Persson2999 Surname2999", "wrong"),
        ("Person17 Surname17", "name"),
    ]
