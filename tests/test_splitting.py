"""A large document split by rules between workers gives exactly the one-process result."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint import runner, splitting
from newslint.config import Config
from newslint.discover import Source, discover
from newslint.engine import is_late
from newslint.facts_loader import load_facts

from .speed_articles import setup

SHEET = """
[sheet]
name = "Harbour desk"

[[person]]
name = "Ilona Varga"
also = ["Varga"]
wrong = ["Ilona Vargha"]
titles = ["harbour master"]
"""

# Made-up articles with something for most rules to find: a doubled word, a name and a
# company capitalised two ways, British and American spellings, a weekday that is not
# the date's, an impossible date, mixed quotes, a bracket left open, doubled
# punctuation, a sheet's wrong spelling, a used and an unused suppression.
ARTICLES = [
    """Harbour ferry timetable delayed again

The Harbour Ferry Company said on Tuesday 3 March 2025 that the the winter timetable
would slip. Ilona Vargha, the harbour master, said the delay was regrettable.

Islanders said the Harbour Ferry company had promised a decision by 31 April. "We
have waited long enough," one said. A councillor called it “a farce”.

The company's defence of the plan (which it published last week was brief,, and
the defense minister was not consulted.
""",
    """Harbour master defends ferry plan

Ilona Varga said the Harbour Ferry Company would keep two sailings a day.
<!-- newslint: disable-next-line=repeated-word -->
She said the the operator had agreed. Varga said 40 per cent of crossings ran late.

Marta Kowalska of the Island Residents Association said 12 percent ran early.
Martha Kowalska said the association would meet on Friday.
<!-- newslint: disable=doubled-space -->
""",
]


def _text(copies: int) -> str:
    return "\n\n".join(ARTICLES[i % len(ARTICLES)] for i in range(copies))


def _run(sources, *, jobs, facts, select=("NL",)):
    config, registry, rules = setup(Config(select=select), project_rule=False)
    return runner.lint_sources(sources, config=config, facts=facts, registry=registry,
                               rules=rules, jobs=jobs, cache=None)


def _view(outcome):
    return ([(f.path, [(x.code, x.start, x.end, x.severity, x.message, x.fix) for x in f.findings])
             for f in outcome.files], [str(e) for e in outcome.errors], outcome.summaries,
            outcome.exit_status)


@pytest.fixture
def facts(tmp_path: Path):
    sheet = tmp_path / "desk.facts.toml"
    sheet.write_text(SHEET, encoding="utf-8")
    return load_facts([sheet])


@pytest.fixture
def split_counter(monkeypatch):
    """Split every document, however short; count the documents merged from parts."""
    monkeypatch.setattr(splitting, "SPLIT_MIN_CHARS", 0)
    calls: list[str] = []
    finish = runner._finish_large

    def counting(state, item, parts):
        calls.append(item.source.path)
        return finish(state, item, parts)

    monkeypatch.setattr(runner, "_finish_large", counting)
    return calls


def test_split_document_gives_every_finding_of_a_whole_run(tmp_path, facts, split_counter) -> None:
    big = tmp_path / "archive.txt"
    big.write_text(_text(12), encoding="utf-8")
    sources = [Source(str(big))]
    whole = _run(sources, jobs=1, facts=facts)
    split = _run(sources, jobs=2, facts=facts)
    assert split_counter == [str(big)]  # the split path did run
    assert _view(split) == _view(whole)
    codes = {x.code for x in whole.files[0].findings}
    # Rules of both kinds found something: whole-article ones and local ones, the
    # fact sheet's, and the unused-suppression review that needs every finding.
    assert {"NL101", "NL201", "NL301", "NL304", "NL404", "NL405", "NL503", "NL505",
            "NL901"} <= codes


def test_split_documents_among_small_files_keep_input_order(tmp_path, facts, split_counter) -> None:
    desk = tmp_path / "desk"
    desk.mkdir()
    for i in range(6):
        (desk / f"a{i}.txt").write_text(ARTICLES[i % 2], encoding="utf-8")
    (desk / "b_archive.txt").write_text(_text(5), encoding="utf-8")
    (desk / "c_archive.txt").write_text(_text(3), encoding="utf-8")
    sources, _ = discover([str(desk)])
    whole = _run(sources, jobs=1, facts=facts)
    split = _run(sources, jobs=3, facts=facts)
    assert len(split_counter) == 8  # the threshold is 0 here: every file is split
    assert _view(split) == _view(whole)
    assert [Path(f.path).name for f in split.files] == sorted(p.name for p in desk.iterdir())


def test_split_document_with_default_rules_and_no_facts(tmp_path, split_counter) -> None:
    from newslint.facts import EMPTY_FACTS

    big = tmp_path / "archive.txt"
    big.write_text(_text(7), encoding="utf-8")
    sources = [Source(str(big))]
    whole = _run(sources, jobs=1, facts=EMPTY_FACTS, select=None)
    split = _run(sources, jobs=2, facts=EMPTY_FACTS, select=None)
    assert split_counter and _view(split) == _view(whole)


def test_rule_groups_hold_every_rule_once_and_balance_the_heavy_ones() -> None:
    _config, _registry, rules = setup(Config(select=("NL",)), project_rule=False)
    groups = splitting.rule_groups(rules, 2)
    flat = [i for g in groups for i in g]
    assert sorted(flat) == [i for i, a in enumerate(rules) if not is_late(a.rule)]
    assert all(g == sorted(g) for g in groups) and len(groups) == 2
    names = [{rules[i].rule.name for i in g} for g in groups]
    heavy = "capitalization-inconsistent"
    together = [n for n in names if heavy in n][0]
    assert "name-inconsistent-across" not in together  # the two heaviest are apart
    # The rules that read the tokens go with the heaviest, which builds them anyway;
    # the date rules, which share the date scan, stay together.
    assert {"spelling-inconsistent", "repeated-word"} <= together
    assert any({"weekday-mismatch", "date-mismatch", "invalid-date"} <= n for n in names)
    assert splitting.rule_groups(rules, 1) == [flat and sorted(flat)]
    assert len(splitting.rule_groups(rules[:2], 8)) == 2  # never an empty group
    assert len(splitting.rule_groups(rules, 64)) == splitting.MAX_GROUPS


def test_a_failing_rule_is_reported_once_and_not_counted_as_run(tmp_path, facts, split_counter,
                                                                monkeypatch) -> None:
    from newslint.checks.words import RepeatedWord

    def broken(self, doc, ctx):
        raise ValueError("broken on purpose")

    monkeypatch.setattr(RepeatedWord, "check", broken)  # workers are forked: they see it
    big = tmp_path / "archive.txt"
    big.write_text(_text(4), encoding="utf-8")
    sources = [Source(str(big))]
    whole = _run(sources, jobs=1, facts=facts)
    split = _run(sources, jobs=2, facts=facts)
    assert split_counter == [str(big)]
    assert _view(split) == _view(whole)
    assert [e for e in _view(whole)[1] if "repeated-word" in e and "broken on purpose" in e]
    # The rule did not run, so its suppression comment is not reported unused either.
    assert not any(f.code == "NL101" for f in whole.files[0].findings)
