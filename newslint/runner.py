"""Lints many files: reads each (the I/O edge), runs the pure engine, collects results.

Errors never stop the run: a file that cannot be read or a rule that fails is
recorded and reported, and the other files and rules go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from newslint.config import Config
from newslint.discover import Source
from newslint.engine import (
    ActiveRule,
    DocumentResult,
    check_document,
    check_project,
    iter_project_rules,
    parse_document,
)
from newslint.suppressions import apply_suppressions
from newslint.errors import NewslintError
from newslint.facts import Facts
from newslint.formatters.base import FileResult
from newslint.reading import read_source
from newslint.registry import Registry


@dataclass
class RunOutcome:
    files: list[FileResult] = field(default_factory=list)
    errors: list[NewslintError] = field(default_factory=list)
    documents: list[DocumentResult] = field(default_factory=list)

    @property
    def exit_status(self) -> int:
        if self.errors:
            return 2
        return 1 if any(f.findings for f in self.files) else 0


def lint_sources(
    sources: Sequence[Source],
    *,
    config: Config,
    facts: Facts,
    registry: Registry,
    rules: Sequence[ActiveRule],
) -> RunOutcome:
    outcome = RunOutcome()
    for source in sources:
        try:
            text = read_source(source.path, stdin=source.stdin, encoding=config.encoding)
        except NewslintError as e:
            outcome.errors.append(e)
            continue
        doc = parse_document(text, source.path, registry)
        result = check_document(doc, config=config, facts=facts, rules=rules)
        outcome.errors.extend(result.errors)
        outcome.documents.append(result)
        outcome.files.append(FileResult(source.path, tuple(result.findings), doc.lines, doc.text))
    if iter_project_rules(rules):
        _add_project_findings(outcome, config=config, facts=facts, rules=rules)
    return outcome


def _add_project_findings(outcome: RunOutcome, *, config: Config, facts: Facts,
                          rules: Sequence[ActiveRule]) -> None:
    """Cross-article rules: every summary in, findings merged into their files."""
    summaries = {r.document.path: r.summaries for r in outcome.documents}
    lengths = {f.path: len(f.text or "") for f in outcome.files}
    found, errors = check_project(summaries, config=config, facts=facts, rules=rules,
                                  lengths=lengths)
    outcome.errors.extend(errors)
    if not found:
        return
    for i, file in enumerate(outcome.files):
        extra = found.get(file.path)
        if not extra:
            continue
        kept, _ = apply_suppressions(extra, file.text or "", file.lines)
        merged = tuple(sorted((*file.findings, *kept)))
        outcome.files[i] = FileResult(file.path, merged, file.lines, file.text)
