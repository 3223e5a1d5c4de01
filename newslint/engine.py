"""Runs the active rules over one document. Pure: no file I/O, no printing.

``lint_text`` is the public entry point for tools and batch engines; ``check_document``
also returns rule failures, which the CLI reports without stopping the run.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from newslint.config import Config
from newslint.document import Document
from newslint.errors import NewslintError, PluginError
from newslint.facts import EMPTY_FACTS, Facts
from newslint.findings import Finding, Fix, Severity, Violation
from newslint.registry import Registry
from newslint.rule import Context, ProjectRule, Rule
from newslint.selection import is_enabled
from newslint.suppressions import Directive, apply_suppressions
from newslint.timelimit import RuleTimeout, limit_for, time_limit


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


def check_document(
    doc: Document,
    *,
    config: Config,
    facts: Facts,
    rules: Sequence[ActiveRule],
) -> DocumentResult:
    """Every active rule over ``doc``; a rule that fails is recorded, not fatal."""
    article_date = resolve_article_date(doc, facts, config.date)
    findings: list[Finding] = []
    errors: list[RuleError] = []
    summaries: dict[str, object] = {}
    length = len(doc.text)
    ran: list[Rule] = []  # rules that ran without failing
    budget = limit_for(getattr(config, "rule_time_limit", 0.0), length)  # 0: none
    late: list[tuple[ActiveRule, Context]] = []  # rules about the suppressions (NL901)
    for active in rules:
        rule = active.rule
        if rule.needs_facts and facts.empty:
            continue
        ctx = Context(config=config, facts=facts, options=config.rule_options(rule.name),
                      article_date=article_date)
        if getattr(rule, "after_suppressions", False):
            late.append((active, ctx))
            continue
        if isinstance(rule, ProjectRule):
            try:
                with time_limit(budget):
                    summaries[rule.name] = rule.collect(doc, ctx)
                ran.append(rule)
            except RuleTimeout:
                errors.append(RuleError(
                    f"rule {rule.name} ({rule.code}, from {rule.origin}) stopped after "
                    f"{budget:g} s on this file (rule-time-limit); other rules still ran",
                    path=doc.path))
            except Exception as e:
                errors.append(RuleError(
                    f"rule {rule.name} ({rule.code}, from {rule.origin}) failed: "
                    f"{type(e).__name__}: {e}; other rules still ran", path=doc.path))
            continue
        try:
            with time_limit(budget):
                produced = list(rule.check(doc, ctx))
            batch = [_stamp(v, rule, active.severity, doc.path, length) for v in produced]
        except RuleTimeout:
            errors.append(RuleError(
                f"rule {rule.name} ({rule.code}, from {rule.origin}) stopped after {budget:g} s "
                f"on this file (rule-time-limit); its findings here are missing; other rules "
                f"still ran", path=doc.path))
            continue
        except Exception as e:
            errors.append(RuleError(
                f"rule {rule.name} ({rule.code}, from {rule.origin}) failed: "
                f"{type(e).__name__}: {e}; other rules still ran", path=doc.path))
            continue
        findings.extend(batch)
        ran.append(rule)
    findings, directives = apply_suppressions(findings, doc.text, doc.lines)
    for active, ctx in late:
        rule = active.rule
        try:
            produced = list(rule.check_suppressions(doc, ctx, directives, ran))
            findings.extend(_stamp(v, rule, active.severity, doc.path, length) for v in produced)
        except Exception as e:
            errors.append(RuleError(
                f"rule {rule.name} ({rule.code}, from {rule.origin}) failed: "
                f"{type(e).__name__}: {e}; other rules still ran", path=doc.path))
    findings.sort()
    return DocumentResult(doc, findings, errors, directives, summaries)


def check_project(
    summaries: dict[str, dict[str, object]],
    *,
    config: Config,
    facts: Facts,
    rules: Sequence[ActiveRule],
    lengths: dict[str, int],
) -> tuple[dict[str, list[Finding]], list[RuleError]]:
    """Project rules over every document's summary: ``summaries[path][rule name]``.

    Returns findings by path (only for paths in ``lengths``, the files reported on)
    and the failures of rules that raised.
    """
    out: dict[str, list[Finding]] = {}
    errors: list[RuleError] = []
    for active in iter_project_rules(rules):
        rule = active.rule
        if rule.needs_facts and facts.empty:
            continue
        assert isinstance(rule, ProjectRule)
        per_rule = {p: s[rule.name] for p, s in summaries.items() if rule.name in s}
        ctx = Context(config=config, facts=facts, options=config.rule_options(rule.name),
                      article_date=config.date)
        budget = limit_for(getattr(config, "rule_time_limit", 0.0), sum(lengths.values()))
        try:
            with time_limit(budget):
                produced = list(rule.check_project(per_rule, ctx))
            for path, v in produced:
                if path in lengths:
                    out.setdefault(path, []).append(
                        _stamp(v, rule, active.severity, path, lengths[path]))
        except RuleTimeout:
            errors.append(RuleError(
                f"rule {rule.name} ({rule.code}, from {rule.origin}) stopped after {budget:g} s "
                f"across articles (rule-time-limit); other rules still ran"))
        except Exception as e:
            errors.append(RuleError(
                f"rule {rule.name} ({rule.code}, from {rule.origin}) failed across articles: "
                f"{type(e).__name__}: {e}; other rules still ran"))
    return out, errors


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
