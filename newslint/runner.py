"""Lints many files: reads each (the I/O edge), runs the pure engine, collects results.

Errors never stop the run: a file that cannot be read or a rule that fails is
recorded and reported, and the other files and rules go on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from newslint.config import Config
from newslint.discover import Source
from newslint.engine import ActiveRule, DocumentResult, check_document, parse_document
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
    return outcome
