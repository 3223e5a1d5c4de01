"""Several articles linted together, in memory: the pure core of a repository run.

``lint_articles({path: text})`` runs every rule over each article and the
cross-article rules over all of them, with no file I/O, so tests, rule docs and batch
engines can lint a small repository held in strings.

Rule docs show a repository as one fenced block of articles, each after a line
``==> path <==`` (the way ``head`` prints several files); ``split_articles`` reads it.
"""

from __future__ import annotations

import re
from typing import Mapping

from newslint.config import Config
from newslint.engine import (
    active_rules,
    check_document,
    check_project,
    iter_project_rules,
    parse_document,
)
from newslint.facts import EMPTY_FACTS, Facts
from newslint.findings import Finding
from newslint.lazy import lazy_regex
from newslint.registry import Registry
from newslint.suppressions import apply_suppressions

_MARKER_RE = lazy_regex(r"^==> (.+?) <==[ \t]*\n", re.MULTILINE)  # regex's MULTILINE bit


def split_articles(block: str, default: str = "example.txt") -> list[tuple[str, str]]:
    """``[(path, text)]`` of a block of ``==> path <==`` articles (one article when
    the block has no marker line). Each article's trailing blank lines are dropped."""
    markers = list(_MARKER_RE.finditer(block))
    if not markers:
        return [(default, block)]
    out = []
    for i, m in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(block)
        out.append((m.group(1).strip(), block[m.end() : end].rstrip("\n") + "\n"))
    return out


def lint_articles(
    articles: Mapping[str, str],
    *,
    config: Config | None = None,
    facts: Facts | None = None,
    registry: Registry | None = None,
    report: set[str] | None = None,
) -> dict[str, list[Finding]]:
    """Findings per path (in position order) for articles linted as one repository.

    ``report``: the paths to report on (default: all); the others are context, as in
    a pre-commit run.
    """
    from newslint.plugins import cached_registry

    config = config or Config()
    facts = facts or EMPTY_FACTS
    registry = registry or cached_registry(config)
    rules = active_rules(registry, config)
    report = set(articles) if report is None else set(report)
    findings: dict[str, list[Finding]] = {}
    summaries: dict[str, dict[str, object]] = {}
    texts: dict[str, str] = {}
    for path, text in articles.items():
        doc = parse_document(text, path, registry)
        result = check_document(doc, config=config, facts=facts, rules=rules)
        summaries[path] = result.summaries
        if path in report:
            findings[path] = list(result.findings)
            texts[path] = doc.text
    if iter_project_rules(rules):
        lengths = {p: len(t) for p, t in texts.items()}
        found, _errors = check_project(summaries, config=config, facts=facts, rules=rules,
                                       lengths=lengths)
        for path, extra in found.items():
            from newslint.findings import LineIndex

            kept, _ = apply_suppressions(extra, texts[path], LineIndex(texts[path]))
            findings[path] = sorted([*findings[path], *kept])
    return findings


__all__ = ["lint_articles", "split_articles"]
