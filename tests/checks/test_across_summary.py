"""name-inconsistent-across (NL601): the compact summary and the cheap edit test agree
with what they replace."""

from __future__ import annotations

import pickle
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from newslint.checks.across import NameInconsistentAcross, _compact_all, compact
from newslint.proper_names import within_edits as _within_edits
from newslint.config import config_from_mapping
from newslint.engine import parse_document
from newslint.facts import EMPTY_FACTS
from newslint.plugins import default_registry
from newslint.rule import Context

CONFIG = config_from_mapping({}, path=None, root=Path.cwd())
RULE = NameInconsistentAcross()
CTX = Context(config=CONFIG, facts=EMPTY_FACTS, options={}, article_date=None)

ONE = """Ministers meet in Geneva

Foreign Minister Sergey Lavrov met Antonio Guterres in Geneva. Sergey Lavrov said
little. Olaf Scholz will join them; the Hague is next.
"""
TWO = """Talks go on in Geneva

Sergey Lavrov said the talks with Antonio Guterres were useful. Olaf Scholz agreed.
"""
THREE = """Talks end in Geneva

Sergei Lavrov left Geneva after meeting Antonio Guterres and Olaf Scholz. Sergei
Lavrov did not go to The Hague.
"""


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@given(st.text("abc", max_size=7), st.text("abc", max_size=7), st.sampled_from([1, 2]))
def test_within_edits_is_levenshtein(a: str, b: str, limit: int) -> None:
    assert _within_edits(a, b, limit) == (_levenshtein(a, b) <= limit)


def _summaries() -> dict:
    docs = {name: parse_document(text, name, default_registry(CONFIG)) for name, text in
            (("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE))}
    return {name: RULE.collect(doc, CTX) for name, doc in docs.items()}


def test_summary_lists_each_form_once_with_every_place() -> None:
    one = _summaries()["one.txt"]
    at = one["forms"].index("Sergey Lavrov")
    assert one["keys"][at] == "sergeylavrov"
    first = ONE.index("Sergey Lavrov")
    second = ONE.index("Sergey Lavrov", first + 1)
    spans = [int.from_bytes(one["spans"][i : i + 4], "little")
             for i in range(0, len(one["spans"]), 4)]
    counts = [int.from_bytes(one["counts"][i : i + 4], "little")
              for i in range(0, len(one["counts"]), 4)]
    before = 2 * sum(counts[:at])
    assert counts[at] == 2
    assert spans[before : before + 4] == [first, first + 13, second, second + 13]


def test_forms_with_a_word_beside_are_kept_raw_for_the_project_check() -> None:
    one = _summaries()["one.txt"]
    xforms = one["xforms"].split("\0")
    assert "the Hague" in xforms and "the Hague" not in one["forms"]
    at = xforms.index("the Hague")
    spans = [int.from_bytes(one["xspans"][i : i + 4], "little")
             for i in range(0, len(one["xspans"]), 4)]
    assert spans[2 * at : 2 * at + 2] == [ONE.index("the Hague"), ONE.index("the Hague") + 9]
    assert "lavrov" in one["heads"].split("\0")


@given(st.lists(st.text(st.sampled_from("aZé&-’' .\u0301ßİΣςﬁ\u00a0x"), min_size=1, max_size=8),
                min_size=1, max_size=6))
def test_compact_all_is_compact_of_each(forms: list[str]) -> None:
    assert _compact_all("\0".join(forms)) == [compact(f) for f in forms]


def test_findings_are_the_same_from_pickled_summaries() -> None:
    summaries = _summaries()
    direct = list(RULE.check_project(summaries, CTX))
    cached = list(RULE.check_project(
        {p: pickle.loads(pickle.dumps(s)) for p, s in summaries.items()}, CTX))
    assert sorted((p, v.start, v.message) for p, v in direct) == [
        ("one.txt", ONE.index("the Hague"),
         '"the Hague" here, but 1 other article writes "The Hague" (e.g. three.txt); '
         'use one form across the repository'),
        ("three.txt", THREE.index("Sergei Lavrov"),
         '"Sergei Lavrov" here (2 times), but 2 other articles write "Sergey Lavrov" '
         '(e.g. one.txt); use one form across the repository')]
    assert cached == direct


def test_names_joined_by_of_or_and_with_spaces_only() -> None:
    from newslint.checks.across import _joined
    from newslint.proper_names import name_mentions

    text = ("Talks\n\nThe Bank  of  England met the Belt and Road Forum. Bank of\n"
            "England staff and Bank of May Day came.\n")
    doc = parse_document(text, "j.txt", default_registry(CONFIG))
    joined = [(m.text, [t.text for t in m.words]) for m in _joined(name_mentions(doc), doc)]
    assert joined == [("The Bank  of  England", ["The", "Bank", "of", "England"]),
                      ("Belt and Road Forum", ["Belt", "and", "Road", "Forum"]),
                      ("Bank of May Day", ["Bank", "of", "May", "Day"])]


_NAMES = ["Sergey", "Sergei", "Serguei", "Zelensky", "Zelenskyy", "Zelenský", "Kilroy-Silk",
          "Kilroy-Silke", "Davies", "Davis", "Daviés", "Mohammed", "Mohamed", "Lavrov",
          "Lavrova", "van", "Łukasz", "Lukasz", "Abdullah", "Abdulla"]


@given(st.lists(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3), max_size=25))
def test_spelling_pairs_are_every_close_pair(names: list[list[str]]) -> None:
    from newslint.checks.across import _close_words, _fold, _spelling_pairs
    from newslint.proper_names import spelling_variants

    spellable: dict[str, str] = {}
    for words in names:
        form = " ".join(words)
        spellable.setdefault(compact(form), form)
    expected = set()
    items = list(spellable.items())
    for x, (ka, fa) in enumerate(items):
        for kb, fb in items[x + 1 :]:
            wa, wb = fa.split(), fb.split()
            if len(wa) != len(wb):
                continue
            for i in range(len(wa)):
                fold_a, fold_b = [_fold(w) for w in wa], [_fold(w) for w in wb]
                if fold_a[:i] + fold_a[i + 1 :] != fold_b[:i] + fold_b[i + 1 :]:
                    continue
                if min(len(fold_a[i]), len(fold_b[i])) < 5 or fold_a[i][0] != fold_b[i][0] \
                        or abs(len(fold_a[i]) - len(fold_b[i])) > 2:
                    continue
                if _close_words(wa[i], wb[i]) and spelling_variants(wa, wb):
                    expected.add(frozenset((ka, kb)))
    assert {frozenset(p) for p in _spelling_pairs(spellable)} == expected


@given(st.text(st.sampled_from(" abcXY1'’-.éßĲ\u0301\u00aa"), max_size=12))
def test_word_after_is_the_lower_word_pattern(tail: str) -> None:
    from newslint.checks.across import _LOWER_WORD_RE, _word_after

    prose = "Name " + tail
    m = _LOWER_WORD_RE.match(prose, 4)
    assert _word_after(prose, 4) == (m.group(1) if m else "")


def test_sheet_keys_in_one_pass_equal_the_keys_one_by_one() -> None:
    from types import SimpleNamespace

    from newslint.checks.across import _sheet_keys, compact

    people = [SimpleNamespace(name="Zoë Ó Briain", also=("Ó Briain",), wrong=("Zoe O'Brian",)),
              SimpleNamespace(name="Li-Na Wang", also=(), wrong=("Li Na  Wang",))]
    terms = [SimpleNamespace(name="AT&T Stadium", wrong=("AT & T stadium",))]
    events = [SimpleNamespace(name="Belt and Road Forum", also=("BRF",))]
    for extra in ((), (SimpleNamespace(name="Odd\0Name", wrong=()),)):
        facts = SimpleNamespace(people=people, terms=[*terms, *extra], events=events)
        forms = ["Zoë Ó Briain", "Ó Briain", "Zoe O'Brian", "Li-Na Wang", "Li Na  Wang",
                 "AT&T Stadium", "AT & T stadium", "Belt and Road Forum", "BRF",
                 *(e.name for e in extra)]
        keys = {compact(f) for f in forms}
        assert _sheet_keys(facts) == frozenset(keys | {"the" + k for k in keys})
    assert _sheet_keys(SimpleNamespace(people=[], terms=[], events=[])) == frozenset()
