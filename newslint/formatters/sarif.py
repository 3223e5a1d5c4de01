"""SARIF 2.1.0, shaped for GitHub code scanning (``github/codeql-action/upload-sarif``).

Columns count Unicode code points, as everywhere in newslint, and the run says so
(``columnKind``); SARIF's default would be UTF-16 code units. Paths are written as
relative URIs with forward slashes, which code scanning resolves against the
repository root.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, Iterable

from newslint import __version__
from newslint.findings import Finding, LineIndex
from newslint.formatters.base import Formatter, RunResult

# json, urllib and the rule docs parser are imported when a SARIF log is written: every
# run registers this formatter, few use it.

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/newslint/newslint"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_FAMILIES = {"NL1": "word-mechanics", "NL2": "fact-sheet", "NL3": "dates",
             "NL4": "consistency", "NL5": "typography", "NL6": "across-articles",
             "NL7": "house-style", "NL9": "suppressions"}


def artifact_uri(path: str) -> str:
    """A relative URI for a path under the working folder; a ``file:`` URI otherwise."""
    if path == "-":
        return "stdin"
    p = Path(path)
    if p.is_absolute():
        try:
            p = p.resolve().relative_to(Path.cwd().resolve())
        except (ValueError, OSError):
            return p.as_uri()
    from urllib.parse import quote

    rel = os.path.normpath(str(p)).replace(os.sep, "/")
    return quote(rel, safe="/")


def _first_paragraph(markdown: str) -> str:
    for block in markdown.strip().split("\n\n"):
        block = " ".join(block.split())
        if block:
            return block
    return ""


def rule_descriptor(rule: Any) -> dict[str, Any]:
    from newslint.rule import doc_sections

    severity = getattr(rule.severity, "value", str(rule.severity))
    docs = (rule.docs or "").strip()
    full = _first_paragraph(doc_sections(docs).get("what it does", "")) or rule.summary
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": full},
        "help": {"text": docs or rule.summary, "markdown": docs or rule.summary},
        "defaultConfiguration": {"level": _LEVELS.get(severity, "warning")},
        "properties": {"tags": ["newslint", _FAMILIES.get(rule.code[:3], "plugin")],
                       "fixable": bool(getattr(rule, "fixable", False))},
    }


def _region(lines: LineIndex, start: int, end: int) -> dict[str, int]:
    s, e = lines.position(start), lines.position(end)
    return {"startLine": s.line, "startColumn": s.column, "endLine": e.line, "endColumn": e.column}


def sarif_result(f: Finding, lines: LineIndex, rule_index: dict[str, int]) -> dict[str, Any]:
    uri = artifact_uri(f.path)
    location = {"artifactLocation": {"uri": uri}, "region": _region(lines, f.start, f.end)}
    result: dict[str, Any] = {
        "ruleId": f.code,
        "level": _LEVELS.get(f.severity.value, "warning"),
        "message": {"text": f.message},
        "locations": [{"physicalLocation": location}],
        "properties": {"rule": f.rule},
    }
    if f.code in rule_index:
        result["ruleIndex"] = rule_index[f.code]
    if f.fix is not None:
        result["fixes"] = [{
            "description": {"text": f.fix.title or f"Replace with {f.fix.replacement!r}"},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri},
                "replacements": [{
                    "deletedRegion": _region(lines, f.fix.start, f.fix.end),
                    "insertedContent": {"text": f.fix.replacement},
                }],
            }],
            "properties": {"safe": f.fix.safe},
        }]
    return result


def sarif_log(result: RunResult, extra_rules: Iterable[Any] = ()) -> dict[str, Any]:
    rules: dict[str, Any] = {}
    for rule in (*result.rules, *extra_rules):
        rules.setdefault(rule.code, rule)
    ordered = sorted(rules.values(), key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(ordered)}
    results = []
    for file in result.files:
        lines = file.lines or LineIndex(file.text or "")
        results.extend(sarif_result(f, lines, index) for f in file.findings)
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newslint",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(r) for r in ordered],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


class SarifFormatter(Formatter):
    name = "sarif"
    summary = "SARIF 2.1.0, for GitHub code scanning and other analysis dashboards"

    def write(self, result: RunResult, stream: IO[str]) -> None:
        import json

        json.dump(sarif_log(result), stream, ensure_ascii=False, indent=2)
        stream.write("\n")
