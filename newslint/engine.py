"""Runs the active rules over one document. Pure: no file I/O, no printing.

``lint_text`` is the public entry point for tools and batch engines; ``check_document``
also returns rule failures, which the CLI reports without stopping the run.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any, Callable, Container, Iterable, Mapping, Sequence, TypeVar

from newslint.config import Config
from newslint.document import Document
from newslint.errors import NewslintError, PluginError
from newslint.facts import EMPTY_FACTS, Facts
from newslint.findings import Finding, Fix, Severity, Violation
from newslint.registry import Registry
from newslint.rule import Context, ProjectRule, Rule, SuppressionReviewer
from newslint.selection import is_enabled
from newslint.suppressions import Directive, apply_suppressions
from newslint.timelimit import RuleTimeout, arm, disarm, limit_for, time_limit, watchdog_ready


T = TypeVar("T")


class RuleError(NewslintError):
    """A rule that raised or returned garbage; the other rules still ran."""


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    severity: Severity


@dataclass
class DocumentResult:
    document: Document
    findings: list[Finding]
    errors: list[RuleError] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    summaries: dict[str, object] = field(default_factory=dict)  # project rule -> summary


def active_rules(registry: Registry, config: Config) -> list[ActiveRule]:
    """The rules this configuration turns on, with their effective severity."""
    out = []
    for rule in registry.rules.values():
        if not is_enabled(rule, config.select, config.extend_select, config.ignore):
            continue
        severity = config.severity.get(rule.name) or config.severity.get(rule.code) or rule.severity
        out.append(ActiveRule(rule, severity))
    return out


def resolve_article_date(doc: Document, facts: Facts, fallback: _dt.date | None) -> _dt.date | None:
    """Front matter, then dateline, then sheet, then --date (see ``newslint.article_date``)."""
    from newslint.article_date import article_date

    return article_date(doc, facts, fallback)


def parse_document(text: str, path: str, registry: Registry, kind: str | None = None) -> Document:
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    parser = registry.parsers.get(kind) if kind else None
    parser = parser or registry.parser_for(path)
    try:
        doc = parser.parse(text, path)
    except Exception as e:  # a plugin's parser: this file fails, the run goes on
        raise PluginError(f"parser {getattr(parser, 'name', parser)!r} failed on this file: "
                          f"{type(e).__name__}: {e}; file not linted", path=path) from None
    doc.bom = bom
    return doc


class _Guard:
    """Runs one rule's work with the time limit, turning any failure into a RuleError,
    so that a broken or slow rule costs only its own findings."""

    def __init__(self, errors: list[RuleError], budget: float, path: str | None) -> None:
        self.errors, self.budget, self.path = errors, budget, path
        # The run's watchdog when it ticks here (the runner's case): a clock read a rule.
        self.watched = budget > 0 and watchdog_ready()

    def run(self, rule: Rule, work: Callable[..., T], *args: Any, across: bool = False,
            partial: bool = True) -> T | None:
        """``work(*args)``, or None when it failed; ``across``: a cross-article check;
        ``partial``: a timeout loses the rule's findings (not only a summary)."""
        try:
            if self.watched:
                arm(self.budget)
                try:
                    return work(*args)
                finally:
                    disarm()
            with time_limit(self.budget):
                return work(*args)
        except RuleTimeout:
            where = "across articles" if across else "on this file"
            lost = " its findings here are missing;" if partial and not across else ""
            self._fail(rule, f"stopped after {self.budget:g} s {where} (rule-time-limit);{lost}")
        except Exception as e:
            where = " across articles" if across else ""
            self._fail(rule, f"failed{where}: {type(e).__name__}: {e};")
        return None

    def _fail(self, rule: Rule, what: str) -> None:
        self.errors.append(RuleError(
            f"rule {rule.name} ({rule.code}, from {rule.origin}) {what} other rules still ran",
            path=self.path))


@dataclass
class RuleResults:
    """What some of the rules found in one document, before suppressions.

    ``check_rules`` makes one; ``finish_document`` merges several (the rules of a large
    document split between worker processes) into the ``DocumentResult`` that one
    ``check_document`` over every rule would give. Rules are named by their index in
    the run's rule list, so the parts travel between processes as plain data.
    """

    findings: list[Finding] = field(default_factory=list)
    errors: list[tuple[int, RuleError]] = field(default_factory=list)  # (rule index, error)
    summaries: list[tuple[int, str, object]] = field(default_factory=list)  # index, name, summary
    ran: list[int] = field(default_factory=list)  # rules that ran without failing


def check_document(
    doc: Document,
    *,
    config: Config,
    facts: Facts,
    rules: Sequence[ActiveRule],
) -> DocumentResult:
    """Every active rule over ``doc``; a rule that fails is recorded, not fatal."""
    article_date = resolve_article_date(doc, facts, config.date)
    part = check_rules(doc, config=config, facts=facts, rules=rules, article_date=article_date)
    return finish_document(doc, [part], config=config, facts=facts, rules=rules,
                           article_date=article_date)


def is_late(rule: Rule) -> bool:
    """A rule about the suppressions: it runs after every other rule's findings."""
    return isinstance(rule, SuppressionReviewer)


def check_rules(
    doc: Document,
    *,
    config: Config,
    facts: Facts,
    rules: Sequence[ActiveRule],
    article_date: _dt.date | None,
    only: Container[int] | None = None,
) -> RuleResults:
    """The rules of ``rules`` (those whose index is in ``only``, default all) over
    ``doc``, suppression reviewers aside; findings unsuppressed."""
    out = RuleResults()
    length = len(doc.text)
    errors: list[RuleError] = []
    guard = _Guard(errors, limit_for(config.rule_time_limit, length), doc.path)

    for index, active, rule, is_project in _plan(rules, facts).early:
        if only is not None and index not in only:
            continue
        ctx = rule_context(rule, config, facts, article_date)
        if is_project:
            summary = guard.run(rule, _collected, rule, doc, ctx, partial=False)
            if summary is not None:
                out.summaries.append((index, rule.name, summary[0]))
                out.ran.append(index)
        else:
            batch = guard.run(rule, _checked, rule, active.severity, doc, ctx, length)
            if batch is not None:
                out.findings.extend(batch)
                out.ran.append(index)
        if errors:
            out.errors.extend((index, e) for e in errors)
            errors.clear()
    return out


def _checked(rule: Rule, severity: Severity, doc: Document, ctx: Context,
             length: int) -> list[Finding]:
    """One rule's findings in ``doc``, checked and stamped. (A function given its
    arguments, not a closure made for each rule and article.)"""
    path = doc.path
    return [_stamp(v, rule, severity, path, length) for v in rule.check(doc, ctx)]


def _collected(rule: ProjectRule, doc: Document, ctx: Context) -> tuple[Any]:
    """A project rule's summary of ``doc``, in a tuple (a summary may be None)."""
    return (rule.collect(doc, ctx),)


@dataclass(frozen=True)
class _Plan:
    """What ``check_rules`` and ``finish_document`` go through for every document,
    worked out once per list of rules: (index, active rule, rule, is a project rule)
    of the rules that run first, and the suppression reviewers that run last."""

    early: tuple[tuple[int, ActiveRule, Rule, bool], ...]
    late: tuple[ActiveRule, ...]


_LAST_PLAN: list[tuple[tuple[ActiveRule, ...], Facts, _Plan]] = []


def _plan(rules: Sequence[ActiveRule], facts: Facts) -> _Plan:
    snapshot = tuple(rules)
    last = _LAST_PLAN[0] if _LAST_PLAN else None  # read once: safe across threads
    if last is not None and last[1] is facts and last[0] == snapshot:
        return last[2]
    early, late = [], []
    for index, active in enumerate(rules):
        rule = active.rule
        if rule.needs_facts and facts.empty:
            continue
        if is_late(rule):
            late.append(active)
        else:
            early.append((index, active, rule, isinstance(rule, ProjectRule)))
    plan = _Plan(tuple(early), tuple(late))
    _LAST_PLAN[:] = [(snapshot, facts, plan)]
    return plan


def finish_document(
    doc: Document,
    parts: Sequence[RuleResults],
    *,
    config: Config,
    facts: Facts,
    rules: Sequence[ActiveRule],
    article_date: _dt.date | None,
) -> DocumentResult:
    """The parts merged in rule order, suppressions applied, then the suppression
    reviewers (NL901), which need every other rule's findings."""
    findings: list[Finding] = []
    for part in parts:
        findings.extend(part.findings)
    errors = [e for _i, e in sorted((x for p in parts for x in p.errors), key=lambda x: x[0])]
    summaries = {name: summary for _i, name, summary in
                 sorted((x for p in parts for x in p.summaries), key=lambda x: x[0])}
    findings, directives = apply_suppressions(findings, doc.text, lambda: doc.lines)
    length = len(doc.text)
    late_errors: list[RuleError] = []
    late = _plan(rules, facts).late
    if late:
        ran_at = parts[0].ran if len(parts) == 1 else sorted(i for p in parts for i in p.ran)
        ran = [rules[i].rule for i in ran_at]  # (one part's are in rule order already)
        guard = _Guard(late_errors, limit_for(config.rule_time_limit, length), doc.path)
    for active in late:
        rule = active.rule
        assert isinstance(rule, SuppressionReviewer)
        ctx = rule_context(rule, config, facts, article_date)
        batch = guard.run(rule, lambda: [
            _stamp(v, rule, active.severity, doc.path, length)
            for v in rule.check_suppressions(doc, ctx, directives, ran)])
        findings.extend(batch or ())
    findings.sort()
    return DocumentResult(doc, findings, errors + late_errors, directives, summaries)


def check_project(
    summaries: dict[str, dict[str, object]],
    *,
    config: Config,
    facts: Facts,
    rules: Sequence[ActiveRule],
    lengths: dict[str, int],
    gathered: Mapping[str, Any] | None = None,
) -> tuple[dict[str, list[Finding]], list[RuleError]]:
    """Project rules over every document's summary: ``summaries[path][rule name]``.

    ``gathered``: by rule name, a ``Gatherer`` (``ProjectRule.gather``) that has been
    fed those summaries already; its findings stand for ``check_project``'s.
    Returns findings by path (only for paths in ``lengths``, the files reported on)
    and the failures of rules that raised.
    """
    out: dict[str, list[Finding]] = {}
    errors: list[RuleError] = []
    guard = _Guard(errors, limit_for(config.rule_time_limit, sum(lengths.values())), None)
    for active in iter_project_rules(rules):
        rule = active.rule
        if rule.needs_facts and facts.empty:
            continue
        assert isinstance(rule, ProjectRule)
        gatherer = gathered.get(rule.name) if gathered else None
        per_rule = {} if gatherer is not None else \
            {p: s[rule.name] for p, s in summaries.items() if rule.name in s}
        ctx = rule_context(rule, config, facts, config.date)

        def work(rule: ProjectRule = rule, active: ActiveRule = active, ctx: Context = ctx,
                 per_rule: dict = per_rule, gatherer: Any = gatherer
                 ) -> dict[str, list[Finding]]:
            found: dict[str, list[Finding]] = {}
            produced = gatherer.findings() if gatherer is not None else \
                rule.check_project(per_rule, ctx)
            for path, v in produced:
                if path in lengths:
                    found.setdefault(path, []).append(
                        _stamp(v, rule, active.severity, path, lengths[path]))
            return found

        for path, batch in (guard.run(rule, work, across=True) or {}).items():
            out.setdefault(path, []).extend(batch)
    return out, errors


def rule_context(rule: Rule, config: Config, facts: Facts,
                 article_date: _dt.date | None) -> Context:
    """What ``rule`` may consult besides the document (across articles, the date is
    the run's ``--date``)."""
    # (made from a tuple: the keyword call cost a microsecond, 24 times an article)
    return _new_context(Context, (config, facts, config.rule_options(rule.name), article_date))


_new_context = tuple.__new__


def _stamp(v: Violation, rule: Rule, severity: Severity, path: str, length: int) -> Finding:
    if not isinstance(v, Violation):
        raise TypeError(f"check() yielded {type(v).__name__}, not a Violation")
    if not (_is_int(v.start) and _is_int(v.end) and 0 <= v.start <= v.end <= length):
        raise ValueError(f"violation span {v.start!r}..{v.end!r} outside the document (0..{length})")
    if not isinstance(v.message, str):
        raise TypeError(f"violation message is {type(v.message).__name__}, not a string")
    fix = v.fix
    if fix is not None and not isinstance(fix, Fix):
        raise TypeError(f"violation fix is {type(fix).__name__}, not a Fix")
    if fix is not None and not (_is_int(fix.start) and _is_int(fix.end)
                                and 0 <= fix.start <= fix.end <= length):
        raise ValueError(f"fix span {fix.start!r}..{fix.end!r} outside the document")
    if fix is not None and not isinstance(fix.replacement, str):
        raise TypeError(f"fix replacement is {type(fix.replacement).__name__}, not a string")
    return Finding(path, v.start, v.end, rule.code, rule.name, severity, v.message, fix)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def lint_text(
    text: str,
    *,
    path: str = "-",
    config: Config | None = None,
    facts: Facts | None = None,
    kind: str | None = None,
    registry: Registry | None = None,
) -> list[Finding]:
    """Lint one article given as a string; returns its findings in position order."""
    return lint_text_result(text, path=path, config=config, facts=facts, kind=kind,
                            registry=registry).findings


def lint_text_result(
    text: str,
    *,
    path: str = "-",
    config: Config | None = None,
    facts: Facts | None = None,
    kind: str | None = None,
    registry: Registry | None = None,
    rules: Sequence[ActiveRule] | None = None,
) -> DocumentResult:
    from newslint.plugins import cached_registry

    config = config or _DEFAULT_CONFIG
    registry = registry or cached_registry(config)
    rules = rules if rules is not None else _cached_active_rules(registry, config)
    doc = parse_document(text, path, registry, kind)
    return check_document(doc, config=config, facts=facts or EMPTY_FACTS, rules=rules)


_ACTIVE: dict[tuple[int, int], tuple[Registry, Config, list[ActiveRule]]] = {}


def _cached_active_rules(registry: Registry, config: Config) -> list[ActiveRule]:
    """Selection is worked out once per registry and configuration, not per call."""
    key = (id(registry), id(config))
    hit = _ACTIVE.get(key)
    if hit is not None and hit[0] is registry and hit[1] is config:
        return hit[2]
    rules = active_rules(registry, config)
    _ACTIVE[key] = (registry, config, rules)
    return rules


def iter_project_rules(rules: Iterable[ActiveRule]) -> list[ActiveRule]:
    return [a for a in rules if isinstance(a.rule, ProjectRule)]


_DEFAULT_CONFIG = Config()
