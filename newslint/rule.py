"""The rule contract: identity, documentation and a ``check`` over a whole document.

A rule declares its code, name, severity, summary and docs in one place. Its docs are
Markdown with the sections "What it does", "Why is this bad?", "Example" and "Use
instead"; the fenced blocks under Example and Use instead are run as tests (and a
``toml facts`` block, when present, is the fact sheet for both).
"""

from __future__ import annotations

import datetime as _dt
import re
from types import MappingProxyType
from typing import (TYPE_CHECKING, Any, ClassVar, Iterable, Mapping, NamedTuple, Protocol,
                    Sequence)

from newslint.findings import Severity, Violation
from newslint.lazy import lazy_re, lazy_regex

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.document import Document
    from newslint.facts import Facts
    from newslint.suppressions import Directive

# ``re``, not ``regex``: every registered rule is checked against these, and an ASCII
# pattern needs nothing of ``regex`` (whose import is ~7 ms of start-up).
CODE_RE = lazy_re(r"^[A-Z]{1,4}[0-9]{3}$")
NAME_RE = lazy_re(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")


_NO_OPTIONS: Mapping[str, Any] = MappingProxyType({})


class Context(NamedTuple):
    """What a rule may consult besides the document: all of it read-only. (A NamedTuple:
    the engine makes one per rule and article, and it is quicker to make and to define
    than a frozen dataclass.)"""

    config: "Config"
    facts: "Facts"
    options: Mapping[str, Any] = _NO_OPTIONS  # the rule's own options
    article_date: _dt.date | None = None  # front matter, dateline, sheet or --date


class Rule:
    """Base class for a rule written in Python.

    Subclasses set the class attributes and implement ``check``. Rule packs build
    instances with the same attributes set per instance.
    """

    code: ClassVar[str] | str = ""
    name: ClassVar[str] | str = ""
    severity: ClassVar[Severity] | Severity = Severity.WARNING
    summary: ClassVar[str] | str = ""
    docs: ClassVar[str] | str = ""
    default: ClassVar[bool] | bool = True  # on unless the configuration turns it off
    fixable: ClassVar[bool] | bool = False
    needs_facts: ClassVar[bool] | bool = False  # skipped quietly when no sheet is loaded
    origin: str = "newslint"  # the plugin or pack that provides it

    def check(self, doc: "Document", ctx: Context) -> Iterable[Violation]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.code} {self.name}>"


class ProjectRule(Rule):
    """A rule that looks across every article in a run.

    ``collect`` summarises one document (the summary must be picklable, so it can be
    cached and computed in worker processes); ``check_project`` sees every summary and
    yields ``(path, violation)`` pairs. ``check`` is unused for project rules.
    """

    def check(self, doc: "Document", ctx: Context) -> Iterable[Violation]:
        return ()

    def collect(self, doc: "Document", ctx: Context) -> Any:
        raise NotImplementedError

    def check_project(
        self, summaries: Mapping[str, Any], ctx: Context
    ) -> Iterable[tuple[str, Violation]]:
        raise NotImplementedError

    def gather(self, ctx: Context) -> "Gatherer | None":
        """Optional: the project check fed one summary at a time as the files are
        linted, so that what it can work out per article is done while the workers
        lint, not after the last file, when only one core is at work. It must find
        exactly what ``check_project`` finds from the same summaries in the same
        order. ``add`` is not held to ``rule-time-limit`` (``findings`` is): keep it
        to work in proportion to one summary. None (the default): ``check_project``
        runs once every file is in."""
        return None


class Gatherer(Protocol):
    """What ``ProjectRule.gather`` gives: ``add`` for each summary, in the order
    ``check_project`` would see them, then ``findings`` once."""

    def add(self, path: str, summary: Any) -> None: ...

    def findings(self) -> Iterable[tuple[str, Violation]]: ...


class SuppressionReviewer(Rule):
    """A rule that judges the inline suppression directives once the others have run.

    The engine does not call ``check``; it calls ``check_suppressions`` after
    suppressions are applied, with every directive (``used`` set) and the rules that
    ran on the document.
    """

    def check(self, doc: "Document", ctx: Context) -> Iterable[Violation]:
        return ()

    def check_suppressions(
        self, doc: "Document", ctx: Context, directives: "Sequence[Directive]",
        ran: Sequence[Rule],
    ) -> Iterable[Violation]:
        raise NotImplementedError


def validate_rule(rule: Rule) -> list[str]:
    """Problems with a rule's declared identity (empty when it is well formed)."""
    problems = []
    if not isinstance(rule.code, str) or not CODE_RE.match(rule.code):
        problems.append(f"code {rule.code!r} is not a family prefix and three digits (e.g. NL101)")
    if not isinstance(rule.name, str) or not NAME_RE.match(rule.name):
        problems.append(f"name {rule.name!r} is not kebab-case")
    if not isinstance(rule.severity, Severity):
        problems.append(f"severity {rule.severity!r} is not a Severity")
    if not rule.summary:
        problems.append("summary is empty")
    return problems


# ``re``'s MULTILINE and DOTALL are ``regex``'s (same bits), without importing ``regex``.
_SECTION_RE = lazy_regex(r"^##\s+(.+?)\s*$", re.MULTILINE)
_FENCE_RE = lazy_regex(r"^```([^\n]*)\n(.*?)^```\s*$", re.MULTILINE | re.DOTALL)


class DocExamples(NamedTuple):  # not a dataclass: a tenth of the start-up cost
    bad: tuple[str, ...]
    good: tuple[str, ...]
    facts: str | None  # a TOML fact sheet for the examples
    options: str | None  # TOML for the rule's options in the examples
    markdown: bool = False  # examples are Markdown rather than plain text


def doc_sections(docs: str) -> dict[str, str]:
    """Split rule docs into their ``## `` sections."""
    sections: dict[str, str] = {}
    matches = list(_SECTION_RE.finditer(docs))
    for i, m in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(docs)
        sections[m.group(1).strip().lower()] = docs[m.end() : end].strip("\n")
    return sections


def doc_examples(docs: str) -> DocExamples:
    """The runnable examples in a rule's docs."""
    sections = doc_sections(docs)
    facts = options = None
    bad: list[str] = []
    good: list[str] = []
    markdown = False
    for title, body in sections.items():
        for m in _FENCE_RE.finditer(body):
            info, code = m.group(1).strip().lower(), m.group(2)
            if info.startswith("toml") and "facts" in info:
                facts = code
            elif info.startswith("toml") and "options" in info:
                options = code
            elif title.startswith("example"):
                bad.append(code)
                markdown = markdown or info.startswith("markdown")
            elif title.startswith("use instead"):
                good.append(code)
    return DocExamples(tuple(bad), tuple(good), facts, options, markdown)
