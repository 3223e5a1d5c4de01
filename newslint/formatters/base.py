"""The formatter contract and the located view of findings that formatters print."""

from __future__ import annotations

from typing import IO, Any, ClassVar, NamedTuple, Sequence

from newslint.findings import Finding, LineIndex


class FileResult(NamedTuple):
    """One file's findings with what is needed to locate them (NamedTuples, not
    dataclasses: every run, a cached one too, makes these classes at start-up)."""

    path: str
    findings: tuple[Finding, ...]
    lines: LineIndex | None = None
    text: str | None = None  # kept for formatters that quote or diff


class RunResult(NamedTuple):
    files: tuple[FileResult, ...]
    rules: Sequence[Any] = ()  # the active Rule objects

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.files for f in r.findings]


def locate(finding: Finding, lines: LineIndex) -> dict[str, Any]:
    """The SPEC's JSON fields for one finding (1-based lines, code-point columns)."""
    start = lines.position(finding.start)
    end = lines.position(finding.end)
    fix = None
    if finding.fix is not None:
        fs = lines.position(finding.fix.start)
        fe = lines.position(finding.fix.end)
        fix = {
            "replacement": finding.fix.replacement,
            "line": fs.line,
            "column": fs.column,
            "end_line": fe.line,
            "end_column": fe.column,
            "title": finding.fix.title,
            "safe": finding.fix.safe,
        }
    return {
        "path": finding.path,
        "rule": finding.rule,
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": start.line,
        "column": start.column,
        "end_line": end.line,
        "end_column": end.column,
        "offset": finding.start,
        "end_offset": finding.end,
        "fix": fix,
    }


class Formatter:
    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""

    def write(self, result: RunResult, stream: IO[str]) -> None:
        raise NotImplementedError
