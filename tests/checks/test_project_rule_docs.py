"""The documented examples of cross-article rules, run as a repository.

A project rule's Example and Use instead blocks hold several articles, each after a
``==> path <==`` line; ``newslint.articles`` splits them and lints them together. The
Example must give at least one finding of the rule, the Use instead none.
(``tests/test_rule_docs.py`` runs single-article examples for the other rules.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.articles import lint_articles, split_articles
from newslint.config import Config, config_from_mapping
from newslint.plugins import default_registry
from newslint.rule import ProjectRule, doc_examples

PROJECT_RULES = sorted((r for r in default_registry(Config()).rules.values()
                        if isinstance(r, ProjectRule)), key=lambda r: r.code)


def test_there_are_project_rules() -> None:
    assert "name-inconsistent-across" in {r.name for r in PROJECT_RULES}


@pytest.mark.parametrize("rule", PROJECT_RULES, ids=lambda r: r.name)
def test_project_rule_examples_run_as_a_repository(rule) -> None:
    examples = doc_examples(rule.docs)
    assert examples.bad and examples.good
    config = config_from_mapping({"select": [rule.name]}, path=None, root=Path.cwd())
    for block, want in [(b, True) for b in examples.bad] + [(g, False) for g in examples.good]:
        articles = dict(split_articles(block))
        assert len(articles) >= 2, f"{rule.name}: an example repository needs two articles"
        found = [f for fs in lint_articles(articles, config=config).values() for f in fs
                 if f.rule == rule.name]
        assert bool(found) == want, f"{rule.name}: {'no' if want else 'unexpected'} finding:\n{block}\n{found}"
