"""Rule packs: TOML data in, rules out; the built-in pack; broken packs named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint import kinds
from newslint.config import config_from_mapping
from newslint.engine import lint_text
from newslint.errors import NewslintError, RulePackError
from newslint.packs import builtin_pack_paths, load_pack
from newslint.plugins import default_registry
from tests.conftest import findings_of, write

PACK = '''
[pack]
name = "desk"

[[rule]]
kind = "existence"
code = "DK101"
name = "no-slams"
summary = "Headline verbs such as slams."
message = 'Avoid "{match}".'
ignore-case = true
tokens = ["slams?", "blasts?"]
examples = { bad = ["Row\\n\\nThe minister slams critics."], good = ["Row\\n\\nThe minister criticises critics."] }

[[rule]]
kind = "substitution"
code = "DK102"
name = "towards"
summary = "Toward, not towards."
swap = { "towards" = "toward" }

[[rule]]
kind = "consistency"
code = "DK103"
name = "email-form"
summary = "email or e-mail."
either = [["email", "e-mail"]]

[[rule]]
kind = "capitalization"
code = "DK104"
name = "the-hague"
summary = "The Hague."
terms = ["The Hague"]

[[rule]]
kind = "occurrence"
code = "DK105"
name = "short-sentences"
summary = "At most five words."
max = 5
'''


def lint(text: str, select: list[str], packs: list[str], root: Path):
    config = config_from_mapping({"select": select, "packs": packs}, path=None, root=root)
    registry = default_registry(config)
    assert not registry.problems, registry.problems
    return lint_text(text, path="s.txt", config=config, registry=registry)


def test_each_kind(tmp_path: Path) -> None:
    write(tmp_path / "desk.toml", PACK)
    text = ("News\n\nThe minister slams critics. He walked towards the court in the Hague.\n\n"
            "Send an email. Or an e-mail. Then email again, please, everyone, right now.\n")
    found = lint(text, ["DK"], ["desk.toml"], tmp_path)
    got = [(f.code, text[f.start:f.end]) for f in found]
    assert ("DK101", "slams") in got
    assert ("DK102", "towards") in got
    assert ("DK103", "e-mail") in got and ("DK103", "email") not in got
    assert ("DK104", "the Hague") in got
    assert [f.code for f in found].count("DK105") == 2  # the two long sentences
    fixes = {f.code: f.fix.replacement for f in found if f.fix}
    assert fixes["DK102"] == "toward" and fixes["DK104"] == "The Hague" and fixes["DK103"] == "email"


def test_substitution_keeps_capital_and_groups(tmp_path: Path) -> None:
    write(tmp_path / "p.toml", '[[rule]]\nkind = "substitution"\ncode = "DK201"\nname = "spell"\n'
          'summary = "s"\nignore-case = true\nswap = { "recieve(d|s)?" = "receive\\\\1" }\n')
    found = lint("Post\n\nRecieved and recieves.\n", ["DK201"], ["p.toml"], tmp_path)
    assert [f.fix.replacement for f in found] == ["Received", "receives"]


@pytest.mark.parametrize("body, expected", [
    ('[[rule]]\nkind = "existence"\ncode = "DK301"\nname = "bad"\nsummary = "s"\ntokens = ["slam(s"]\n',
     "p.toml:6: rule 'bad', key 'tokens': pattern 'slam(s' does not compile at position 7: missing )"),
    ('[[rule]]\nkind = "nonsense"\ncode = "DK301"\nname = "bad"\nsummary = "s"\n',
     "rule 'bad', key 'kind': unknown kind 'nonsense'"),
    ('[[rule]]\nkind = "existence"\ncode = "DK301"\nname = "bad"\nsummary = "s"\ntokenz = ["x"]\n',
     "rule 'bad', key 'tokenz': unknown key"),
    ('[[rule]]\nkind = "existence"\ncode = "X1"\nname = "bad"\nsummary = "s"\ntokens = ["x"]\n',
     "key 'code': code 'X1'"),
    ('[[rule]]\nkind = "existence"\nname = "bad"\nsummary = "s"\ntokens = ["x"]\n',
     "rule 'bad', key 'code': is required"),
    ('[[rule]\n', "invalid TOML"),
])
def test_broken_pack_is_named(tmp_path: Path, body: str, expected: str) -> None:
    write(tmp_path / "p.toml", body)
    with pytest.raises(RulePackError) as err:
        load_pack(tmp_path / "p.toml")
    assert expected in str(err.value)
    assert "p.toml" in str(err.value)


def test_broken_user_pack_fails_the_run_but_names_it(tmp_path: Path, isolated, cli) -> None:
    write(isolated / "p.toml", '[[rule]]\nkind = "existence"\ncode = "DK301"\nname = "bad"\n'
          'summary = "s"\ntokens = ["slam(s"]\n')
    write(isolated / "newslint.toml", 'packs = ["p.toml"]\n')
    write(isolated / "a.txt", "News\n\nThe the minister spoke.\n")
    result = cli("lint", "a.txt")
    assert result.status == 2
    assert "p.toml" in result.err and "does not compile" in result.err
    assert "repeated-word" in result.out  # the other rules still ran


def test_slow_pattern_times_out_and_names_rule(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(kinds, "TIMEOUT", 0.05)
    write(tmp_path / "p.toml", '[[rule]]\nkind = "existence"\ncode = "DK401"\nname = "slow"\n'
          'summary = "s"\nwhole-words = false\ntokens = ["(?:(?:a|a)+)+b"]\n')
    rule = load_pack(tmp_path / "p.toml")[0]
    from newslint.engine import parse_document

    registry = default_registry(config_from_mapping({}, path=None, root=tmp_path))
    doc = parse_document("x\n\n" + "a" * 40 + "\n", "s.txt", registry)
    with pytest.raises(NewslintError) as err:
        list(rule.check(doc, None))
    assert "slow" in str(err.value) and "DK401" in str(err.value) and "p.toml" in str(err.value)


def test_builtin_pack_is_registered_and_shown(isolated, cli) -> None:
    assert [p.name for p in builtin_pack_paths()] == ["house-style.toml"]
    out = cli("rules").out
    assert "NL701" in out and "month-abbreviation" in out and "common-misspelling" in out
    explained = cli("explain", "NL704").out
    assert "## Example" in explained and "occured" in explained and "house-style" in explained


def test_builtin_pack_from_the_cli(isolated, cli) -> None:
    write(isolated / "a.txt", "Visit\n\nOn Sept. 1, the incident occured. Prices rose 3 per cent "
          "and then 4 percent.\n")
    result = cli("lint", "--format", "json", "a.txt")
    assert findings_of(result) == [
        ("common-misspelling", 3, 26), ("per-cent-consistency", 3, 69)]
    # Agency style abbreviates months, so month-abbreviation is off until a desk asks.
    result = cli("lint", "--format", "json", "--extend-select", "month-abbreviation", "a.txt")
    assert findings_of(result) == [
        ("month-abbreviation", 3, 4), ("common-misspelling", 3, 26),
        ("per-cent-consistency", 3, 69)]


def test_replacement_group_that_does_not_exist_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "p.toml", '[[rule]]\nkind = "substitution"\ncode = "DK501"\nname = "grp"\n'
          'summary = "s"\nswap = { "colou?r" = "hue\\\\2" }\n')
    with pytest.raises(RulePackError) as err:
        load_pack(tmp_path / "p.toml")
    assert "rule 'grp', key 'swap'" in str(err.value) and "group \\2" in str(err.value)


def test_replacement_backslashes_are_text(tmp_path: Path) -> None:
    write(tmp_path / "p.toml", '[[rule]]\nkind = "substitution"\ncode = "DK502"\nname = "slash"\n'
          'summary = "s"\nswap = { "and/or" = "and\\\\or" }\nwhole-words = false\n')
    found = lint("Post\n\nTea and/or coffee.\n", ["DK502"], ["p.toml"], tmp_path)
    assert [f.fix.replacement for f in found] == ["and\\or"]


def test_a_space_in_a_pattern_matches_a_line_break(isolated, cli) -> None:
    write(isolated / "a.txt", "Budget talks\n\nThe new chief was given free\nreign over the "
          "budget.\n")
    result = cli("lint", "--format", "json", "a.txt")
    [finding] = result.json
    assert (finding["rule"], finding["line"], finding["column"]) == ("confusable-phrase", 3, 25)
    assert finding["message"] == 'Write "free rein", not "free reign".'


@pytest.mark.parametrize(
    "pattern, literal",
    [
        ("accomodate", "accomodate"),
        ("free reign", "reign"),  # spaces match any white space: not part of a literal
        ("colou?r", "colo"),
        ("foo|bar", ""),  # a top-level alternative: no promise
        ("a{2}b", ""),
        ("(?i)x", ""),
        ("[a-z]+ing", "ing"),
        ("tow(ed|ing|s)? the line", "line"),
    ],
)
def test_required_literal_is_conservative(pattern: str, literal: str) -> None:
    from newslint.kinds import required_literal

    assert required_literal(pattern) == literal


@pytest.mark.parametrize(
    "pattern, phrase",
    [
        ("free reign", "free reign"),  # each space: a run of white space
        ("could of(?! course)", "could of"),
        ("tow(ed|ing|s)? the line", "the line"),
        ("hon(e|ed|es|ing) in on", "in on"),
        ("a  b", "a b"),
        ("ab ?c", "ab"),  # a quantified space is not required
        ("peaked (my|his) interest", "interest"),
        ("foo|bar baz", ""),
        ("accomodat(e|es)", "accomodat"),
    ],
)
def test_required_phrase_keeps_the_spaces(pattern: str, phrase: str) -> None:
    from newslint.kinds import required_literal

    assert required_literal(pattern, spaces=True) == phrase


CONFUSABLE = ["confusable-phrase"]


@pytest.mark.parametrize("text, found", [
    ("Row\n\nShe could of\n  won.\n", ["could of"]),  # the phrase across a line break
    ("Row\n\nShe could, of course, win. He could of course win.\n", []),
    ("Row\n\nThey COULD OF won and would\u00a0of lost.\n", ["COULD OF", "would\u00a0of"]),
    ("Row\n\nThey hone in on it; THEY HONE İN ON IT.\n", ["hone in on", "HONE İN ON"]),
    # "İ" lower-cases to "i" and a combining dot: the phrase "in on" is not in the
    # lower-cased text, but the pattern matches; the literal "hon" decides, as before.
    ("Row\n\nTHEY HONE İN ON IT.\n", ["HONE İN ON"]),
    ("Row\n\nA sneak peak and free reign. İ.\n", ["sneak peak", "free reign"]),
])
def test_phrase_prefilter_finds_what_the_patterns_find(tmp_path: Path, text: str,
                                                       found: list[str]) -> None:
    got = lint(text, CONFUSABLE, [], tmp_path)
    assert [text[f.start:f.end] for f in got] == found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="abcmuzh-',", min_size=1, max_size=5), min_size=1, max_size=6),
       st.text(alphabet="abcmuzh-', \n", max_size=40))
def test_any_of_pattern_finds_any_literal(literals: list[str], text: str) -> None:
    import re

    from newslint.kinds import any_of_pattern

    found = re.search(any_of_pattern(sorted(set(literals))), text) is not None
    assert found == any(lit in text for lit in literals)


def test_misspellings_found_whichever_literal_the_scan_enters_at(tmp_path: Path) -> None:
    # Literals entered at a rare letter ("sieze" at its "z"), at a common one
    # ("occured" at its "u"), and one tested on its own ("harrass": no rare letter).
    text = "Row\n\nPolice siezed it. It occured twice. They harrassed him. All fine.\n"
    got = lint(text, ["common-misspelling"], [], tmp_path)
    assert [text[f.start:f.end] for f in got] == ["siezed", "occured", "harrassed"]
    assert lint("Row\n\nPolice seized it. It occurred. They harassed him.\n",
                ["common-misspelling"], [], tmp_path) == []


@pytest.mark.parametrize("text, found", [
    ("Prices\n\nPrices rose 3 per\ncent in May and 4 percent in June; 5 per cent later.\n",
     ["percent"]),
    ("Prices\n\nA recent rise of 3 percent this century, 4 percent next.\n", []),
    ("Prices\n\nA rise of 3 PER CENT, then 4 Percent, then 5 per cent.\n", ["Percent"]),
])
def test_consistency_scans_only_forms_whose_phrase_is_there(tmp_path: Path, text: str,
                                                            found: list[str]) -> None:
    got = lint(text, ["per-cent-consistency"], [], tmp_path)
    assert [text[f.start:f.end] for f in got] == found
