"""Every rule documents itself with examples, and the examples are run (pylint, ruff).

For each registered rule: the summary is one line; the docs have the sections
"What it does", "Why is this bad?", "Example" and "Use instead"; every Example gives
at least one finding of that rule and every Use instead gives none.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config, config_from_mapping
from newslint.engine import lint_text
from newslint.facts import EMPTY_FACTS
from newslint.plugins import default_registry
from newslint.rule import ProjectRule, doc_examples, doc_sections

import tomli

REGISTRY = default_registry(Config())
RULES = sorted(REGISTRY.rules.values(), key=lambda r: r.code)
SECTIONS = ("what it does", "why is this bad?", "example", "use instead")


def _facts(source: str | None, tmp_path: Path):
    if not source:
        return EMPTY_FACTS
    from newslint.facts_loader import load_facts

    sheet = tmp_path / "example.facts.toml"
    sheet.write_text(source, encoding="utf-8")
    return load_facts([str(sheet)])


def _config(rule, options: str | None) -> Config:
    data: dict = {"select": [rule.name]}
    if options:
        data["rules"] = {rule.name: tomli.loads(options)}
    return config_from_mapping(data, path=None, root=Path.cwd())


def test_there_are_rules() -> None:
    assert "repeated-word" in REGISTRY.rules


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_is_documented(rule) -> None:
    assert rule.summary and "\n" not in rule.summary.strip()
    sections = doc_sections(rule.docs)
    missing = [s for s in SECTIONS if s not in sections]
    assert not missing, f"{rule.name}: docs lack sections {missing}"
    examples = doc_examples(rule.docs)
    assert examples.bad, f"{rule.name}: no bad example"
    assert examples.good, f"{rule.name}: no good example"


@pytest.mark.parametrize("rule", [r for r in RULES if not isinstance(r, ProjectRule)],
                         ids=lambda r: r.name)
def test_rule_examples_run(rule, tmp_path: Path) -> None:
    examples = doc_examples(rule.docs)
    facts = _facts(examples.facts, tmp_path)
    config = _config(rule, examples.options)
    path = "example.md" if examples.markdown else "example.txt"
    for bad in examples.bad:
        found = [f for f in lint_text(bad, path=path, config=config, facts=facts)
                 if f.rule == rule.name]
        assert found, f"{rule.name}: the Example gives no finding:\n{bad}"
    for good in examples.good:
        found = [f for f in lint_text(good, path=path, config=config, facts=facts)
                 if f.rule == rule.name]
        assert not found, f"{rule.name}: the Use instead example gives {found}"
