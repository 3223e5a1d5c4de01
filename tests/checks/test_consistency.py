"""In-article consistency rules: planted errors in articles we wrote, exact places out."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import config_from_mapping
from newslint.engine import lint_text


def run(rule: str, text: str) -> list[tuple[str, int, int]]:
    config = config_from_mapping({"select": [rule]}, path=None, root=Path.cwd())
    findings = lint_text(text, path="story.txt", config=config)
    out = []
    for f in findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        out.append((f.rule, line, column))
    return out


def messages(rule: str, text: str) -> list[str]:
    config = config_from_mapping({"select": [rule]}, path=None, root=Path.cwd())
    return [f.message for f in lint_text(text, path="story.txt", config=config)]


NAMES = """Talks in Moscow

Foreign Minister Sergey Lavrov met Ukrainian President Volodymyr Zelensky's envoy.

Mr Lavrov said the meeting was useful. Sergei Lavrov later left for Beijing.

Mr Zelenskyy's office said Mr Kilroy-Silk and Robert Kilroy-Silke were not invited.
"""


def test_name_variants_reported_at_the_less_frequent_spelling() -> None:
    found = run("name-inconsistent", NAMES)
    assert ("name-inconsistent", 5, 40) in found  # Sergei (Sergey is in the house form)
    assert ("name-inconsistent", 7, 4) in found  # Zelenskyy
    assert len(found) == 3  # and one Kilroy-Silk/Kilroy-Silke (a tie: the later one)
    # Once each: nothing says which is right, and the message does not pretend to.
    assert ('"Zelenskyy" here, but "Zelensky" on line 3, as often (once each): one spelling '
            'of this name is wrong; check which and use it throughout.'
            ) in messages("name-inconsistent", NAMES)


def test_name_variant_with_a_majority_names_the_house_spelling() -> None:
    text = ("Kyiv talks\n\nPresident Volodymyr Zelensky met the envoys on Monday. Mr Zelensky "
            "said the talks would go on.\n\nMr Zelenskyy's office confirmed the date.\n")
    assert run("name-inconsistent", text) == [("name-inconsistent", 5, 4)]
    assert messages("name-inconsistent", text) == [
        '"Zelenskyy" is spelled "Zelensky" on line 3 (2 times): use one spelling of this name.']


@pytest.mark.parametrize("text", [
    "Brothers\n\nEd Miliband and David Miliband both spoke. Ed Miliband won.\n",
    "Cabinet\n\nGordon Brown met Des Browne. Mr Brown and Mr Browne agreed.\n",
    "Map\n\nRussia said Russian troops would stay. Iran and Iraq met.\n",
    "Leaders\n\nAyatollah Ruhollah Khomenei founded the state; Ayatollah Ali Khamenei leads it.\n",
])
def test_different_people_and_derived_words_are_quiet(text: str) -> None:
    assert run("name-inconsistent", text) == []


def test_number_inconsistent() -> None:
    text = ("Warrant\n\nThe court's 123 member states must act.\n\n"
            "Any of the 124 member states could arrest him. The 123 member states met.\n")
    assert run("number-inconsistent", text) == [("number-inconsistent", 5, 12)]


@pytest.mark.parametrize("text", [
    "Drives\n\nThe 40 gigabyte hard drive costs more than the 80 gigabyte hard drive.\n",
    "Polls\n\nIn 2001 general election and 2005 general election results.\n",
    "Jobs\n\nSome 10 years ago 20 years ago.\n",
])
def test_number_quiet(text: str) -> None:
    assert run("number-inconsistent", text) == []


def test_title_inconsistent() -> None:
    text = ("Wang in Moscow\n\nForeign Minister Wang Yi arrived. Foreign Minister Wang Yi spoke.\n\n"
            "Defence Minister Wang Yi left on Tuesday.\n")
    assert run("title-inconsistent", text) == [("title-inconsistent", 5, 1)]


def test_title_quiet_for_two_people_and_former_titles() -> None:
    text = ("Cabinet\n\nForeign Secretary David Miliband met Energy Secretary Ed Miliband.\n\n"
            "Former Home Secretary Charles Clarke and Home Secretary John Reid spoke.\n")
    assert run("title-inconsistent", text) == []


def test_capitalization_inconsistent() -> None:
    text = ("Forum\n\nThe Belt and Road Forum opens. The third Belt and Road Forum is big.\n\n"
            "Critics of the Belt and Road forum stayed away.\n")
    assert run("capitalization-inconsistent", text) == [("capitalization-inconsistent", 5, 16)]


@pytest.mark.parametrize("text, found", [
    # A longer name's places are not also places of a shorter one inside it: "Road
    # Forum" stands alone once, against "Road forum" twice.
    ("Forum\n\nThe Belt and Road Forum opens. Belt and Road Forum again. A Road Forum "
     "met. The Road forum met twice, the Road forum said.\n", [(3, 61)]),
    # The other casing across a line end, and with a possessive.
    ("Forum\n\nThe Belt and Road Forum opens. The Belt and Road Forum is big.\n\n"
     "Critics of the Belt and Road\nforum's plan stayed away.\n", [(5, 16)]),
    # Case-folding that changes the length ("ß" -> "ss") takes the word-by-word way.
    ("Straße\n\nThe Große Straße opens. The Große Straße is long.\n\n"
     "Critics of the Große straße stayed away.\n", [(5, 16)]),
    # Written one way each, however often: nothing to report.
    ("Forum\n\nThe Belt and Road Forum opens. The Belt and Road Forum is big.\n\n"
     "The belt and road forum.\n", []),
])
@pytest.mark.parametrize("search_limit", [None, 0])
def test_capitalization_places(text: str, found: list[tuple[int, int]], search_limit: int | None,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    if search_limit is not None:  # as in a long document: one pass over the words
        from newslint.checks import consistency

        monkeypatch.setattr(consistency, "_FIND_LIMIT", search_limit)
    assert run("capitalization-inconsistent", text) == [
        ("capitalization-inconsistent", line, column) for line, column in found]


def test_capitalization_quiet_for_titles_and_sentence_starts() -> None:
    text = ("Blair\n\nPrime Minister Tony Blair spoke. The prime minister said so.\n\n"
            "Human rights groups met. Human Rights Watch said so.\n")
    assert run("capitalization-inconsistent", text) == []


def test_spelling_inconsistent_reports_minority_with_fix() -> None:
    text = ("Budget\n\nThe defence budget and the defence review.\n\n"
            "The defense secretary organised it and organized the rest.\n")
    config = config_from_mapping({"select": ["spelling-inconsistent"]}, path=None, root=Path.cwd())
    found = lint_text(text, path="story.txt", config=config)
    assert [(f.rule, text[f.start:f.end]) for f in found] == [
        ("spelling-inconsistent", "defense"), ("spelling-inconsistent", "organized")]
    assert found[0].fix is not None and found[0].fix.replacement == "defence"


def test_spelling_leaves_names_alone() -> None:
    text = "Pentagon\n\nThe US Department of Defense spoke about the defence of Europe.\n"
    assert run("spelling-inconsistent", text) == []


def test_example_article_gives_each_planted_error() -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "consistency-harbour-deal.md"
    text = example.read_text(encoding="utf-8")
    config = config_from_mapping({"select": ["NL4", "NL5"]}, path=None, root=Path.cwd())
    found = lint_text(text, path="harbour.md", config=config)
    got = [(f.rule, text.count("\n", 0, f.start) + 1) for f in found]
    assert got == [
        ("number-inconsistent", 18), ("capitalization-inconsistent", 19),
        ("spelling-inconsistent", 21), ("name-inconsistent", 22),
        ("unbalanced-brackets", 22), ("doubled-punctuation", 23),
        ("title-inconsistent", 25),
    ]


def _invented_surnames() -> list[str]:
    """Many made-up surnames with one first letter, some one or two edits apart, with
    accents, possessives and lengths either side of the edit limits (5 and 10)."""
    parts = ["an", "bel", "cor", "dra", "enk", "fol", "gri", "hov", "ist", "jum"]
    words = {"S" + a + b + c for a in parts for b in parts[:5] for c in ("", "ov", "enko")}
    variants = set()
    for w in sorted(words)[:120]:
        variants |= {w[:3] + w[4:], w[:4] + "x" + w[4:], w[:-1] + "y", w + "e",
                     w[:2] + "é" + w[3:], w + "'s", w[:2] + w[3] + w[2] + w[4:]}
    return sorted(words | variants)


def test_surname_pairs_index_keeps_every_variant_pair() -> None:
    from newslint.checks.consistency import _INDEX_FROM, _candidate_pairs
    from newslint.proper_names import spelling_variants

    forms = _invented_surnames()
    assert len(forms) > 10 * _INDEX_FROM  # the indexed path, not the all-pairs one
    every = {(i, j) for i in range(len(forms)) for j in range(i + 1, len(forms))
             if spelling_variants(forms[i], forms[j])}
    assert len(every) > 300
    candidates = _candidate_pairs(forms)
    assert candidates == sorted(set(candidates))
    assert every <= set(candidates)
    assert len(candidates) < len(forms) ** 2 // 20  # and far fewer than all pairs


def test_name_inconsistent_in_a_long_document_with_many_surnames() -> None:
    names = sorted({"S" + a + b for a in ("an", "bel", "cor", "dra", "enk", "fol", "gri")
                    for b in ("ov", "ski", "enko", "berg", "wick", "mond", "ley")})
    assert len(names) >= 40
    paragraphs = [f"Mr {n} spoke on day {k}." for k, n in enumerate(names)]
    text = ("Long list\n\nThe reporter Anna Stravinsky wrote the first draft of the "
            "report on Monday.\n\n" + "\n\n".join(
                f"{p} The committee heard him out and then moved on." for p in paragraphs)
            + "\n\nMr Stravinski said the report was late.\n")
    found = run("name-inconsistent", text)
    last_line = text.count("\n")
    assert found == [("name-inconsistent", last_line, 4)]


def test_given_name_variants_with_a_possessive_surname() -> None:
    text = ("Talks\n\nForeign Minister Sergey Lavrov arrived. Sergey Lavrov spoke first.\n\n"
            "Later Sergei Lavrov's aides left.\n")
    assert run("name-inconsistent", text) == [("name-inconsistent", 5, 7)]


# ------------------------------------------------ name-inconsistent's pre-check

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint.checks import consistency as C  # noqa: E402
from newslint.document import Document  # noqa: E402
from newslint.proper_names import fold_accents, name_mentions, spelling_variants, strip_possessive  # noqa: E402


def _reference_variants_possible(mentions) -> bool:
    """The pre-check as first written: every pair of surnames of one first letter
    within two letters of length, then every pair of given names of one surname."""
    by_letter: dict[str, list[tuple[int, str, str]]] = {}
    for form in {strip_possessive(m.name[-1].text) for m in mentions}:
        if C._name_word(form):
            folded = fold_accents(strip_possessive(form))
            by_letter.setdefault(form[:1], []).append((len(folded), folded, form))
    for forms in by_letter.values():
        if len(forms) >= C._INDEX_FROM:
            return True
        forms.sort()
        for x, (la, fa, a) in enumerate(forms):
            for lb, fb, b in forms[x + 1 :]:
                if lb - la <= 2 and (spelling_variants(a, b) or spelling_variants(b, a)):
                    return True
    given_names: dict[str, set[str]] = {}
    for m in mentions:
        if len(m.name) >= 2:
            given_names.setdefault(strip_possessive(m.name[-1].text), set()).add(m.name[0].text)
    return any(spelling_variants(a, b) or spelling_variants(b, a)
               for firsts in given_names.values() for a in firsts for b in firsts if a < b)


_NAME_WORDS = ["Mr", "Sergey", "Sergei", "Lavrov", "Lavrov’s", "Lavrovs", "Zelensky", "Zelenskyy",
               "Zelenský", "ZELENSKY", "Washington", "Williamson", "Kilroy-Silk", "Kilroy-Silke",
               "Distribution", "Distributors", "Annabelle", "Anabelle", "Ed", "David", "Miliband",
               "Russia", "Russian", "Abcdefghijk", "Abcdefghikj", "Abcdefghxyk", "Abcdefghij", "Abcdefghijkl",
               "Bo", "Bö"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_NAME_WORDS), min_size=1, max_size=3), max_size=12))
@example([["Sergey", "Lavrov"], ["Sergei", "Lavrov"]])
@example([["Mr", "Abcdefghijk"], ["Abcdefghikj"]])
@example([["Mr", "Bo"], ["Bö"]])
@example([["Mr", "Abcdefghij"], ["Abcdefghijkl"]])
def test_pre_check_agrees_with_comparing_every_pair(runs: list[list[str]]) -> None:
    text = "Headline\n\n" + "".join(f"He met {' '.join(run)} on Monday. " for run in runs)
    mentions = name_mentions(Document("a.txt", text, text))
    assert C._variants_possible(mentions) == _reference_variants_possible(mentions)


@pytest.mark.parametrize("a, b, distance", [
    ("washington", "williamson", 4), ("distribution", "distributors", 2), ("abc", "abc", 0),
    ("abcdefghijk", "abcdefghikj", 0), ("abcdefghij", "abcdefghijkl", 2),
])
def test_bag_distance(a: str, b: str, distance: int) -> None:
    assert C._bag_distance(a, b) == C._bag_distance(b, a) == distance


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Belt", "road", " ", "  ", "\n", "\n\n", "\n\n\n", "\t", "\r\n",
                                 "\xa0", "\u2028", "\x1c", "é", "’"]), max_size=20))
@example(["\n", "Belt", "\n\n", "road", " "])
def test_single_spaced_is_split_and_joined(parts: list[str]) -> None:
    text = "".join(parts)
    assert C._single_spaced(text) == " ".join(text.split())
