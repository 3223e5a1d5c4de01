"""The name index: whole words, any whitespace, apostrophes, possessives, one scan."""

from __future__ import annotations

import re

import pytest

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


# ----------------------------------------------------------------- the two scans
# Reference scans (the plain forms of the index's fast ones): every word of the text
# that may start a form is tried, in order. The index must find exactly what they do.

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import newslint.names as names  # noqa: E402
from newslint.names import CasedForms, FoldedForms  # noqa: E402

FOLDED_FORMS = [("about", "the court"), ("term", "the hague"), ("about", "court"),
                ("event", "the state visit"), ("event", "state visit"), ("about", "a week of action"),
                ("term", "belt and road forum"), ("event", "the the court"), ("event", "xi’s visit")]
CASED_FORMS = ["The Hague", "The Court", "Kim Jong-un", "Kim", "Lavrov", "O’Brien", "the Hague",
               "Xi", "Xi Jinping", "ÉPutin"]
_WORDS = ["the", "The", "THE", "court", "Court", "hague", "Hague", "a", "week", "of", "action",
          "state", "visit", "xi", "Xi", "Jinping", "Kim", "Jong", "un", "Lavrov", "O", "Brien",
          "belt", "and", "road", "forum", "thehague", "courts", "Éputin", "Putin", "É", "҂", "ͺ"]
_GAPS = [" ", "  ", "\n", "-", "’", "'", ", ", ".", "_", "\u0301", "", " & "]


def _reference_folded(forms: FoldedForms, text: str) -> dict[str, list[tuple[int, int, str]]]:
    low = text.lower()
    first = re.compile("(?:" + names.trie_pattern(sorted(forms._by_first)) + r")(?![^\W_])")
    hits: dict[str, list[tuple[int, int, str]]] = {}
    busy: dict[str, int] = {}
    for m in find_words(first, low):
        start = m.start()
        if start >= 2 and low[start - 1] in names._APOSTROPHES and low[start - 2].isalnum():
            continue
        done: set[str] = set()
        for words, gaps, kind, form in forms._by_first[m.group()]:
            if kind in done or busy.get(kind, -1) > start:
                continue
            end = names._extend(low, m.end(), words, gaps)
            if end is not None:
                hits.setdefault(kind, []).append((start, end, form))
                busy[kind] = end
                done.add(kind)
    return hits


def _reference_cased(forms: CasedForms, text: str) -> list[tuple[int, int, str]]:
    hits: list[tuple[int, int, str]] = []
    busy = -1
    for m in names._CAPITAL_WORD_RE.finditer(text):
        candidates = forms._by_first.get(m.group())
        start = m.start()
        if not candidates or start < busy or (start and text[start - 1].isalnum()):
            continue
        if start >= 2 and text[start - 1] in names._APOSTROPHES and text[start - 2].isalnum():
            continue
        for words, gaps, form in candidates:
            end = names._extend(text, m.end(), words, gaps)
            if end is not None:
                hits.append((start, end, form))
                busy = end
                break
    if forms._other is not None:
        extra = [(m.start(), m.end(), names.normalize(m.group())) for m in find_words(forms._other, text)]
        merged: list[tuple[int, int, str]] = []
        for hit in sorted(hits + extra, key=lambda h: (h[0], -h[1])):
            if not merged or hit[0] >= merged[-1][1]:
                merged.append(hit)
        hits = merged
    return hits


_TEXTS = st.lists(st.tuples(st.sampled_from(_WORDS), st.sampled_from(_GAPS)), max_size=30).map(
    lambda parts: "".join(w + g for w, g in parts))


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.booleans())
@example("the court, the\ncourt’s and bathe court", True)
@example("the court, the\ncourt’s and bathe court", False)
def test_folded_scan_finds_what_trying_every_word_finds(text: str, one_by_one: bool) -> None:
    forms = FoldedForms(FOLDED_FORMS)
    limit = names._FIND_EACH_UP_TO
    names._FIND_EACH_UP_TO = 1000 if one_by_one else 0  # substring searches, or the trie
    try:
        assert forms.find_all(text) == _reference_folded(forms, text)
    finally:
        names._FIND_EACH_UP_TO = limit


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
@example("҂Kim met Kim; ́Kim, ÉPutin")  # after a capital that is no letter: not a word
@example("the  court’s and the\ncourt")
def test_cased_scan_finds_what_trying_every_capital_finds(text: str) -> None:
    forms = CasedForms(CASED_FORMS)
    assert forms.find(text) == _reference_cased(forms, text)


def test_a_common_first_word_is_found_from_a_later_word() -> None:
    forms = FoldedForms(FOLDED_FORMS)
    assert "the" not in forms._scan_words and "court" in forms._scan_words
    text = "To the\nCourt, bathe court; the, court; The  Hague's; the state visit."
    assert forms.find_all(text) == {
        "about": [(3, 12, "the court"), (20, 25, "court"), (32, 37, "court")],
        "term": [(39, 49, "the hague")],
        "event": [(53, 68, "the state visit")],
    }


def test_the_is_looked_for_only_where_its_next_word_is() -> None:
    forms = CasedForms(["The Hague", "Lavrov"])
    assert forms._firsts_at("The talks. The end. Lavrov") == [(20, "Lavrov")]
    assert forms.find("The talks in The Hague") == [(13, 22, "The Hague")]


@pytest.mark.parametrize("form, key", [
    ("Sergey Lavrov", "Sergey Lavrov"),
    (" Kim  Jong‑un\n", "Kim Jong-un"),
    ("Xi’s", "Xi's"),
    ("Belt and\nRoad", "Belt and Road"),
    ("Ó Briain", "Ó Briain"),
    ("Li_Wei", "Li_Wei"),
])
def test_normalize(form: str, key: str) -> None:
    assert names.normalize(form) == key
