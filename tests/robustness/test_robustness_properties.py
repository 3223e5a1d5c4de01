"""Any text in, sane findings out: property tests through the pure engine with every
rule selected and a seed-like fact sheet.

For each generated article: no rule fails; every finding lies inside the text; its
line and column agree with an independent count; one lint's fixes never overlap;
fixing to a fixed point leaves no finding with an applicable fix, and a second fix
run changes nothing.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import active_rules, lint_text_result
from newslint.facts_loader import load_facts
from newslint.findings import Finding
from newslint.fixing import MAX_PASSES, applicable, apply_fixes, fix_document_text
from newslint.formatters.base import locate
from newslint.findings import LineIndex
from newslint.plugins import cached_registry

# A sheet in the SPEC's format, written for these tests (names from the SPEC's example).
SHEET = """
[sheet]
name = "property-test sheet"
date = 2023-09-18

[[person]]
name = "Sergey Lavrov"
also = ["Lavrov"]
wrong = ["Sergei Lavrov"]
titles = ["Foreign Minister", "foreign minister", "top diplomat"]

[[person]]
name = "Kim Jong Un"
wrong = ["Kim Jong-un"]
titles = ["leader"]

[[term]]
name = "The Hague"
wrong = ["the Hague"]

[[term]]
name = "Belt and Road Forum"
wrong = ["Belt and Road forum"]

[[count]]
about = ["ICC", "International Criminal Court", "the court"]
value = 123
nouns = ["member states", "members", "countries"]

[[event]]
name = "Belt and Road Forum"
also = ["Belt and Road summit"]
ordinal = 3
start = 2023-10-17
end = 2023-10-18
"""

CONFIG = Config(select=("ALL",))
REGISTRY = cached_registry(CONFIG)
RULES = active_rules(REGISTRY, CONFIG)
with tempfile.TemporaryDirectory() as _tmp:
    _sheet = Path(_tmp) / "story.facts.toml"
    _sheet.write_text(SHEET, encoding="utf-8")
    FACTS = load_facts([_sheet])

# Pieces that make the rules fire: names right and wrong, titles, counts, ordinals,
# weekdays beside dates, ranges and durations, repeated words, variant spellings,
# suppressions, Markdown markup and every kind of line end.
WORDS = [
    "the", "The", "the the", "a", "in in", "had had", "said", "on", "of", "and", "was",
    "Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Foreign Minister", "Defence Minister",
    "Kim Jong Un", "Kim Jong-un", "leader", "the Hague", "The Hague", "ICC", "the court",
    "124 member states", "123 members", "one hundred", "third", "second",
    "Belt and Road Forum", "Belt and Road forum", "Belt and Road summit",
    "Tuesday", "Monday,", "Sept. 18, 2023", "18 September 2023", "September 31, 2023",
    "from 18 to 22 September", "four-day visit", "2023-10-17", "organisation",
    "organization", "Colour", "colour", "Mr Lavrov", "Smith", "Smyth", "5,000", "5000",
    "<!-- newslint: disable-next-line=NL101 -->", "<!-- newslint: disable -->",
    "<!-- newslint: enable -->", "e.g.", "U.S.", "\u2014", "\u201cquoted\u201d", "caf\u00e9",
    "\u00e9\u0301", "\U0001F600", "\u200b", "\ufeff", "\t",
]
MARKUP = ["# ", "## ", "**", "*", "_", "`", "```\n", "[", "](https://example.org/a)",
          "> ", "- ", "1. ", "---\n", "<b>", "</b>", "<!-- note -->", "\\"]
SEPARATORS = [" ", " ", " ", "\n", "\r\n", "\r", "\n\n", "\r\n\r\n", ". ", ", ", "  "]

news_text = st.lists(
    st.tuples(st.sampled_from(WORDS + MARKUP), st.sampled_from(SEPARATORS)),
    max_size=60,
).map(lambda parts: "".join(w + s for w, s in parts))

# Whole sentences, so that the sentence-level rules (counts, ordinals, weekdays,
# durations, titles) see what they look for.
TEMPLATES = [
    "On {weekday}, {date}, the {ordinal} Belt and Road Forum opened in Beijing.",
    "The ICC, which has {n} member states, said the the ruling stands.",
    "{title} {name} met reporters on {weekday}.",
    "Delegates began a {days}-day visit from {d1} to {d2} September.",
    "{name} spoke first; later {name2} replied, and the {ordinal} round ended.",
    "The organisation said the organization would meet at {place} on {date}.",
]
FILLERS = {
    "weekday": ["Monday", "Tuesday", "Sunday", "tuesday"],
    "date": ["Sept. 18, 2023", "18 September 2023", "2023-10-17", "Feb. 30, 2023", "Oct 17"],
    "ordinal": ["third", "second", "3rd", "fourth", "first"],
    "n": ["123", "124", "one hundred and twenty-three", "12,3", "1e3"],
    "title": ["Foreign Minister", "Defence Minister", "top diplomat", "President", ""],
    "name": ["Sergey Lavrov", "Sergei Lavrov", "Lavrov", "Kim Jong-un", "Kim Jong Un"],
    "name2": ["Sergei Lavrov", "Mr Lavrov", "Lavrov's", "LAVROV"],
    "days": ["four", "five", "4", "two"],
    "d1": ["18", "17", "31"], "d2": ["22", "21", "18", "40"],
    "place": ["the Hague", "The Hague", "THE HAGUE"],
}
sentence = st.sampled_from(TEMPLATES).flatmap(
    lambda t: st.fixed_dictionaries({k: st.sampled_from(v) for k, v in FILLERS.items()})
    .map(lambda d: t.format(**d)))
news_sentences = st.lists(st.tuples(sentence, st.sampled_from(SEPARATORS)), max_size=12).map(
    lambda parts: "Headline\n\n" + "".join(a + b for a, b in parts))

front_matter = st.sampled_from(
    ["", "---\ntitle: A story\ndate: 2023-09-19\n---\n", "---\ndate: not a date\n---\n",
     "---\n: [broken\n---\n", "---\n"])
markdown_text = st.tuples(front_matter, news_text).map("".join)

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=400)

_LINE_END = re.compile(r"\r\n|\r|\n")


def _reference_position(text: str, offset: int) -> tuple[int, int]:
    """Line and column counted independently of ``LineIndex``."""
    line, start = 1, 0
    for m in _LINE_END.finditer(text):
        if m.end() > offset:  # (an offset between \r and \n is still on the line)
            break
        line, start = line + 1, m.end()
    return line, offset - start + 1


def _check(text: str, path: str) -> None:
    result = lint_text_result(text, path=path, config=CONFIG, facts=FACTS, registry=REGISTRY,
                              rules=RULES)
    assert result.errors == [], [str(e) for e in result.errors]
    body = result.document.text  # the text the offsets refer to (BOM stripped)
    assert body == (text[1:] if text.startswith("\ufeff") else text)
    lines = LineIndex(body)
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(body), f
        assert f.message.strip() and "\n" not in f.message, f
        located = locate(f, lines)
        assert (located["line"], located["column"]) == _reference_position(body, f.start), f
        assert (located["end_line"], located["end_column"]) == _reference_position(body, f.end), f
        if f.fix is not None:
            assert 0 <= f.fix.start <= f.fix.end <= len(body), f
    _check_fixes_do_not_overlap(result.findings)
    _check_fix_to_fixed_point(body, path, result.findings)


def _check_fixes_do_not_overlap(findings: list[Finding]) -> None:
    """One rule's fixes never overlap; fixes of different rules may (a doubled space
    inside a repeated word), and ``apply_fixes`` then takes a non-overlapping set and
    leaves the rest for the next pass."""
    by_rule: dict[str, list[tuple[int, int]]] = {}
    for f in findings:
        if f.fix is not None:
            by_rule.setdefault(f.rule, []).append((f.fix.start, f.fix.end))
    for rule, spans in by_rule.items():
        _assert_disjoint(sorted(spans), rule)


def _assert_disjoint(spans: list[tuple[int, int]], what: str) -> None:
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2 and not (s1 == e1 == s2 == e2), f"{what}: fixes {s1}..{e1} and {s2}..{e2} overlap"


def _check_fix_to_fixed_point(body: str, path: str, findings: list[Finding]) -> None:
    kwargs = dict(path=path, config=CONFIG, facts=FACTS, registry=REGISTRY, rules=RULES)
    _, applied = apply_fixes(body, findings)
    _assert_disjoint(sorted((f.fix.start, f.fix.end) for f in applied if f.fix), "one pass")
    fixed = fix_document_text(body, first=findings, **kwargs)
    assert fixed.passes < MAX_PASSES, "fixes kept producing new fixes"
    # Nothing a fix was meant to remove is left: no remaining finding has a fix to apply.
    left = [f for f in fixed.remaining if applicable(f, unsafe=False)]
    assert left == [], [(f.rule, f.message) for f in left]
    again = fix_document_text(fixed.text, **kwargs)
    assert again.text == fixed.text and again.fixed == []


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@examples(300)
@given(news_text)
def test_news_like_plain_text(text: str) -> None:
    _check(text, "story.txt")


@examples(100)
@given(news_sentences, st.sampled_from(["story.txt", "story.md"]))
def test_news_like_sentences(text: str, path: str) -> None:
    _check(text, path)


@examples(300)
@given(markdown_text)
def test_news_like_markdown(text: str) -> None:
    _check(text, "story.md")


@examples(500)
@given(any_text, st.sampled_from(["story.txt", "story.md"]))
def test_arbitrary_unicode(text: str, path: str) -> None:
    _check(text, path)


@examples(300)
@given(st.lists(st.sampled_from(WORDS + MARKUP + SEPARATORS) | any_text, max_size=30))
def test_news_words_mixed_with_arbitrary_unicode(parts: list[str]) -> None:
    _check("".join(parts), "story.md")


def _located(text: str, path: str) -> list[tuple]:
    result = lint_text_result(text, path=path, config=CONFIG, facts=FACTS, registry=REGISTRY,
                              rules=RULES)
    lines = LineIndex(result.document.text)
    return sorted((f.rule, locate(f, lines)["line"], locate(f, lines)["column"],
                   locate(f, lines)["end_line"], locate(f, lines)["end_column"])
                  for f in result.findings)


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@examples(150)
@given(news_sentences | news_text | markdown_text, st.sampled_from(["story.txt", "story.md"]))
def test_crlf_files_get_the_same_findings_as_lf_files(text: str, path: str) -> None:
    """Windows line ends change nothing: same rules, same lines and columns."""
    text = _lf(text)
    assert _located(text.replace("\n", "\r\n"), path) == _located(text, path)


@examples(100)
@given(news_sentences | news_text)
def test_lone_cr_plain_text_gets_the_same_findings_as_lf(text: str) -> None:
    """Old Mac line ends in plain text (Markdown's block syntax is defined on \\n)."""
    text = _lf(text)
    assert _located(text.replace("\n", "\r"), "story.txt") == _located(text, "story.txt")
