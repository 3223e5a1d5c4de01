"""Inline suppressions, written as HTML comments in Markdown and plain text alike::

    <!-- newslint: disable=repeated-word -->       off from here ...
    <!-- newslint: enable=repeated-word -->        ... to here
    <!-- newslint: disable-next-line=NL101 -->     off for the next line only
    <!-- newslint: disable-line=name-spelling -->  off for this line
    <!-- newslint: disable -->                     every rule off (until enable)

Rules are named by name, code or code prefix, comma-separated. Each directive records
whether it suppressed anything, so unused ones can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, NamedTuple, Sequence

from newslint.findings import Finding, LineIndex
from newslint.lazy import lazy_regex

DIRECTIVE_RE = lazy_regex(
    r"<!--\s*newslint:\s*(?P<action>disable-next-line|disable-line|disable|enable)"
    r"(?:\s*=\s*(?P<rules>[\w\-, ]+?))?\s*-->",
    re.IGNORECASE,  # the same bit as regex.IGNORECASE, without importing regex
)


@dataclass
class Directive:
    action: str
    rules: tuple[str, ...]  # empty: every rule
    start: int
    end: int
    line: int
    used: bool = field(default=False, compare=False)
    used_rules: set[str] = field(default_factory=set, compare=False)  # selectors that hit

    def matches(self, finding: Finding) -> bool:
        if not self.rules:
            return True
        hits = [r for r in self.rules if r == finding.rule or finding.code.startswith(r.upper())]
        self.used_rules.update(hits)
        return bool(hits)


class _Region(NamedTuple):  # not a dataclass: a tenth of the start-up cost
    directive: Directive
    start: int  # offset
    end: int  # offset, exclusive


def parse_directives(text: str, lines: LineIndex) -> list[Directive]:
    out = []
    for m in DIRECTIVE_RE.finditer(text):
        rules = tuple(r.strip() for r in (m.group("rules") or "").split(",") if r.strip())
        out.append(Directive(m.group("action").lower(), rules, m.start(), m.end(),
                             lines.position(m.start()).line))
    return out


def _regions(directives: list[Directive], lines: LineIndex, length: int) -> list[_Region]:
    regions: list[_Region] = []
    open_: list[Directive] = []
    for d in directives:
        if d.action == "disable":
            open_.append(d)
        elif d.action == "enable":
            still = []
            for o in open_:
                closes = not d.rules or (o.rules and set(o.rules) <= set(d.rules))
                if closes:
                    regions.append(_Region(o, o.start, d.start))
                    d.used = True  # an enable that closes a region is doing its job
                else:
                    still.append(o)
            open_ = still
        elif d.action == "disable-line":
            regions.append(_Region(d, lines.offset(d.line, 1), lines.offset(d.line + 1, 1)))
        elif d.action == "disable-next-line":
            regions.append(_Region(d, lines.offset(d.line + 1, 1), lines.offset(d.line + 2, 1)))
    for o in open_:
        regions.append(_Region(o, o.start, length))
    return regions


def merge_unsuppressed(own: Sequence[Finding], extra: list[Finding], text: str,
                       lines: LineIndex | None) -> tuple[tuple[Finding, ...], LineIndex]:
    """A file's findings with cross-article ones merged in, in order, those its
    suppression comments silence left out (they were found after the file's own
    suppressions ran); and the file's line index, made if it had none."""
    lines = lines or LineIndex(text)
    kept, _ = apply_suppressions(extra, text, lines)
    return tuple(sorted((*own, *kept))), lines


def apply_suppressions(
    findings: list[Finding], text: str, lines: LineIndex | Callable[[], LineIndex]
) -> tuple[list[Finding], list[Directive]]:
    """The findings no directive suppresses, and every directive with ``used`` set.
    ``lines`` may be a function that makes the index: most texts hold no directive and
    need none."""
    if "newslint" not in text:
        return findings, []
    if not isinstance(lines, LineIndex):
        lines = lines()
    directives = parse_directives(text, lines)
    if not directives:
        return findings, []
    regions = _regions(directives, lines, len(text))
    kept = []
    for f in findings:
        hit = False
        for r in regions:
            if r.start <= f.start < r.end and r.directive.matches(f):
                r.directive.used = True
                hit = True
        if not hit:
            kept.append(f)
    return kept, directives
