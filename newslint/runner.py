"""Lints many files: reads each (the I/O edge), runs the pure engine, collects results.

Errors never stop the run: a file that cannot be read or a rule that fails is
recorded and reported, and the other files and rules go on.

A run, in order:

1. read every file (bytes), look it up in the cache (``newslint.cache``) by path,
   bytes and run settings;
2. lint the misses: in this process when there are few (a pool costs more than it
   saves), else in worker processes (``newslint.parallel``), results in input order;
3. project rules over every file's summaries (cached ones included);
4. the outcome in input order: identical, findings and errors and exit status, whatever
   ``--jobs`` is and whether the cache was warm.

Memory: only each file's text and findings are kept (formatters and ``--fix`` need the
text); documents (tokens, sentences) are dropped as soon as a file is checked.

Context files (for cross-article rules, issue 9): ``lint_sources(..., context=[...])``
lints extra files only for their project-rule summaries; their findings and errors are
not reported. ``summaries_for(paths, ...)`` returns those summaries directly. Both go
through the cache, so a pre-commit run over one file with a repository of unchanged
context files stays fast.
"""

from __future__ import annotations

import contextlib
import gc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from newslint.config import Config
from newslint.discover import Source
from newslint.engine import (
    ActiveRule,
    DocumentResult,
    check_document,
    check_project,
    iter_project_rules,
    parse_document,
    resolve_article_date,
)
from newslint.errors import NewslintError
from newslint.facts import Facts
from newslint.findings import Finding, LineIndex
from newslint.formatters.base import FileResult
from newslint.reading import read_source_text
from newslint.registry import Registry
from newslint.suppressions import merge_unsuppressed

if TYPE_CHECKING:
    from newslint.document import Document

# Below this much text to lint, worker processes cost more than they save.
PARALLEL_MIN_BYTES = 256 * 1024
PARALLEL_MIN_FILES = 8
_USE_CONFIG = object()


@dataclass
class RunOutcome:
    files: list[FileResult] = field(default_factory=list)
    errors: list[NewslintError] = field(default_factory=list)
    # Only standard input's document is kept (``--fix`` needs its BOM); other files'
    # documents are dropped once checked, to keep memory flat on large runs.
    documents: list[DocumentResult] = field(default_factory=list)
    summaries: dict[str, dict[str, object]] = field(default_factory=dict)  # path -> rule -> summary
    cache_hits: int = 0
    linted: int = 0  # files that went through the rules (cache misses)

    @property
    def exit_status(self) -> int:
        if self.errors:
            return 2
        return 1 if any(f.findings for f in self.files) else 0


@dataclass
class _Item:
    """One file's way through the run."""

    source: Source
    report: bool  # False for a context file: summaries only
    text: str | None = None
    key: str | None = None
    findings: tuple[Finding, ...] = ()
    summaries: dict[str, object] = field(default_factory=dict)
    errors: list[NewslintError] = field(default_factory=list)
    document: DocumentResult | None = None
    done: bool = False  # read and, when it had to be, linted: its summaries are final


@dataclass
class _State:
    """What a worker needs; installed once per worker, never sent per file."""

    config: Config
    facts: Facts
    registry: Registry
    rules: Sequence[ActiveRule]
    cache: Any  # newslint.cache.Cache | None


def lint_sources(
    sources: Sequence[Source],
    *,
    config: Config,
    facts: Facts,
    registry: Registry,
    rules: Sequence[ActiveRule],
    context: Sequence[Source] = (),
    jobs: int | None = None,
    cache: Any = _USE_CONFIG,
) -> RunOutcome:
    """Lint ``sources`` (reported) and ``context`` (summaries only).

    ``jobs``: worker processes (default: ``config.jobs``, else every core);
    ``cache``: a ``newslint.cache.Cache``, None for none, default from ``config``.
    """
    if cache is _USE_CONFIG:
        cache = _cache_for(config, rules)
    state = _State(config, facts, registry, rules, cache)
    reported = {s.path for s in sources}
    items = [_Item(s, True) for s in sources]
    items += [_Item(s, False) for s in _unique(context) if s.path not in reported]

    from newslint.parallel import catch_interrupts, raise_if_interrupted

    with catch_interrupts():  # a Ctrl-C is never lost, even in a __del__
        misses = []
        for item in items:
            raise_if_interrupted()
            if _read(item, state):
                misses.append(item)
            else:
                item.done = True
        project_key = _project_key(items, cache)
        # Cross-article findings of an unchanged run come from the cache; otherwise the
        # project rules that can take the summaries as they come get them so.
        found = cache.get_project(project_key) if project_key else None
        feeder = None
        if found is None and iter_project_rules(rules):
            feeder = _Feeder(items, _gatherers(rules, config, facts))
            feeder.advance()
        _check_all(misses, state, jobs, feeder)

    outcome = RunOutcome(linted=len(misses))
    outcome.cache_hits = sum(1 for i in items if i.text is not None) - len(misses)
    for item in items:
        if item.text is not None:
            outcome.summaries[item.source.path] = item.summaries
        if not item.report:
            continue
        outcome.errors.extend(item.errors)
        if item.text is None:
            continue
        lines = LineIndex(item.text) if item.findings else None
        outcome.files.append(FileResult(item.source.path, item.findings, lines, item.text))
        if item.document is not None:
            outcome.documents.append(item.document)
    if iter_project_rules(rules):
        _add_project_findings(outcome, config=config, facts=facts, rules=rules,
                              cache=cache, project_key=project_key, found=found,
                              gathered=feeder.results() if feeder else None)
    return outcome


class _Feeder:
    """The summaries, in the run's order, to the project rules' gatherers
    (``ProjectRule.gather``) as the files are done: a parallel run works out most of
    the cross-article check while its workers lint, not after them."""

    def __init__(self, items: list[_Item], gatherers: dict[str, Any]) -> None:
        self.items, self.gatherers = items, gatherers
        self.next = 0
        self.failed: dict[str, BaseException] = {}

    def advance(self) -> None:
        """Feed every file done from the first one not fed yet."""
        items, gatherers = self.items, self.gatherers
        while self.next < len(items) and items[self.next].done:
            item = items[self.next]
            self.next += 1
            if item.text is None or not gatherers:
                continue
            for name, gatherer in gatherers.items():
                if name in item.summaries and name not in self.failed:
                    try:
                        gatherer.add(item.source.path, item.summaries[name])
                    except Exception as e:  # reported as the rule failing across articles
                        self.failed[name] = e

    def results(self) -> dict[str, Any]:
        self.advance()
        return {name: _Failed(self.failed[name]) if name in self.failed else gatherer
                for name, gatherer in self.gatherers.items()}


class _Failed:
    """A gatherer whose ``add`` raised: its findings raise the same."""

    def __init__(self, error: BaseException) -> None:
        self.error = error

    def findings(self) -> Any:
        raise self.error


def _gatherers(rules: Sequence[ActiveRule], config: Config, facts: Facts) -> dict[str, Any]:
    """The gatherers of the project rules that have one (and will run)."""
    from newslint.engine import rule_context

    out: dict[str, Any] = {}
    for active in iter_project_rules(rules):
        rule = active.rule
        if rule.needs_facts and facts.empty:
            continue
        try:
            gatherer = rule.gather(rule_context(rule, config, facts, config.date))
        except Exception:  # noqa: BLE001 - check_project, at the end, will report it
            gatherer = None
        if gatherer is not None:
            out[rule.name] = gatherer
    return out


def _project_key(items: list[_Item], cache: Any) -> str | None:
    """The cache key of this run's cross-article findings; None when a file has no key
    (standard input, no cache)."""
    if cache is None:
        return None
    files = []
    for item in items:
        if item.text is not None and item.key is None:
            return None
        files.append((item.source.path, item.key, item.report))
    return cache.project_key(files)


def summaries_for(
    sources: Sequence[Source],
    *,
    config: Config,
    facts: Facts,
    registry: Registry,
    rules: Sequence[ActiveRule],
    jobs: int | None = None,
) -> dict[str, dict[str, object]]:
    """Project-rule summaries of ``sources`` (path -> rule name -> summary), from the
    cache where the files are unchanged; unreadable files are left out."""
    outcome = lint_sources((), config=config, facts=facts, registry=registry, rules=rules,
                           context=sources, jobs=jobs)
    return outcome.summaries


def _cache_for(config: Config, rules: Sequence[ActiveRule]) -> Any:
    if not config.cache:
        return None
    from newslint.cache import Cache

    return Cache.for_run(config, rules)  # None under $NEWSLINT_NO_CACHE too


def _unique(sources: Sequence[Source]) -> list[Source]:
    seen: set[str] = set()
    out = []
    for s in sources:
        if s.path not in seen:
            seen.add(s.path)
            out.append(s)
    return out


def _read(item: _Item, state: _State) -> bool:
    """Read and decode the file; fill in a cache hit. True when it must be linted."""
    source = item.source
    try:
        data, item.text = read_source_text(source, state.config)  # size limit, clear errors
    except NewslintError as e:
        if item.report:
            item.errors.append(e)
        return False
    if state.cache is None or source.stdin:
        return True
    item.key = state.cache.key(source.path, data)
    hit = state.cache.get(item.key)
    if hit is None:
        return True
    item.findings, item.summaries = hit.findings, dict(hit.summaries)
    return False


def _check_all(items: list[_Item], state: _State, jobs: int | None,
               feeder: _Feeder | None = None) -> None:
    """Lint the misses, here or in workers; results land in the items, in order (and
    go to ``feeder`` as they do)."""
    if not items:
        return
    from newslint.timelimit import alarm_handler

    with alarm_handler():  # rule time limits: one handler for the run, workers inherit it
        _check_misses(items, state, jobs, feeder)


def _check_misses(items: list[_Item], state: _State, jobs: int | None,
                  feeder: _Feeder | None) -> None:
    from newslint.parallel import (available_cpus, can_run_parallel, raise_if_interrupted,
                                   run_ordered)
    from newslint.splitting import SPLIT_MIN_CHARS, rule_groups

    jobs = jobs or state.config.jobs or available_cpus()
    size = sum(len(i.text or "") for i in items)
    small = len(items) < PARALLEL_MIN_FILES or size < PARALLEL_MIN_BYTES
    # A large document is split by rules between the workers (``newslint.splitting``).
    groups = rule_groups(state.rules, jobs) if jobs > 1 else []
    large = [i for i in items if len(i.text or "") >= SPLIT_MIN_CHARS] if len(groups) > 1 else []
    if jobs > 1 and (large or not small) and can_run_parallel(state):
        # The large documents' parts first: the longest tasks start first, alone.
        tasks: list[tuple] = [("rules", i.source.path, i.text, g) for i in large for g in groups]
        split = {id(i) for i in large}
        tasks += [("file", i.source.path, i.text, i.key) for i in items if id(i) not in split]
        results = run_ordered(_check_task, tasks, state=state, jobs=jobs,
                              alone=len(large) * len(groups))
        parts = {id(i): [next(results) for _ in groups] for i in large}
        for item in items:
            if id(item) in parts:
                result = _finish_large(state, item, parts.pop(id(item)))
                item.findings, item.errors, item.summaries, item.document = result
            else:
                item.findings, item.errors, item.summaries = next(results)
            # Rule failures of context files are not this run's to report.
            if not item.report:
                item.errors = []
            _finished(item, feeder)
        for _ in results:  # none left: lets the pool close and join
            pass
        return
    for item in items:
        raise_if_interrupted()
        keep = item.source.stdin
        result = _check_one(state, item.source.path, item.text or "", item.key, keep_document=keep)
        item.findings, errors, item.summaries, item.document = result
        item.errors = errors if item.report else []
        _finished(item, feeder)


def _finished(item: _Item, feeder: _Feeder | None) -> None:
    """``item``'s results are in: on to the cross-article gatherers."""
    item.done = True
    if feeder is not None:
        feeder.advance()


def _check_task(state: _State, task: tuple) -> Any:
    what, path, text, arg = task
    if what == "rules":
        return _check_rules(state, path, text, arg)
    findings, errors, summaries, _ = _check_one(state, path, text, arg)
    return findings, errors, summaries


def _check_rules(state: _State, path: str, text: str, only: list[int]) -> Any:
    """One group of rules over a large document (in a worker): a ``RuleResults``, or
    the error of a parser that failed."""
    from newslint.engine import check_rules

    with _no_collection():
        try:
            doc, date = _parsed(state, path, text)
        except NewslintError as e:
            return e
        out = check_rules(doc, config=state.config, facts=state.facts, rules=state.rules,
                          article_date=date, only=set(only))
        del doc  # before collections resume (see _check_one)
    return out


def _parsed(state: _State, path: str, text: str) -> tuple[Document, Any]:
    """The document and its article date, as ``check_document`` would make them."""
    doc = parse_document(text, path, state.registry)
    return doc, resolve_article_date(doc, state.facts, state.config.date)


def _finish_large(state: _State, item: _Item, parts: list[Any]) -> tuple:
    """The groups' results of one large document merged as one ``check_document``
    would give them (suppressions and NL901 need every finding, so they run here)."""
    from newslint.engine import finish_document

    failed = [p for p in parts if isinstance(p, NewslintError)]
    if failed:
        return (), [failed[0]], {}, None
    path, text = item.source.path, item.text or ""
    with _no_collection():
        doc, date = _parsed(state, path, text)
        result = finish_document(doc, parts, config=state.config, facts=state.facts,
                                 rules=state.rules, article_date=date)
        findings = _stored(state, item.key, result)
        out = findings, list(result.errors), result.summaries, \
            (result if item.source.stdin else None)
        del doc, result  # before collections resume (see _check_one)
    return out


def _check_one(state: _State, path: str, text: str, key: str | None,
               keep_document: bool = False) -> tuple:
    """Parse and check one file; store the result in the cache when it is clean."""
    with _no_collection():
        try:
            doc = parse_document(text, path, state.registry)
        except NewslintError as e:  # a plugin parser that failed on this file
            return (), [e], {}, None
        result = check_document(doc, config=state.config, facts=state.facts, rules=state.rules)
        findings = _stored(state, key, result)
        out = findings, list(result.errors), result.summaries, (result if keep_document else None)
        # Dropped before collections resume: the first allocation after would otherwise
        # start one that walks the whole document's objects, still alive, for nothing.
        del doc, result
    return out


def _stored(state: _State, key: str | None, result: DocumentResult) -> tuple[Finding, ...]:
    """``result``'s findings, put in the cache under ``key`` when every rule ran."""
    findings = tuple(result.findings)
    if key is not None and state.cache is not None and not result.errors:
        state.cache.put(key, findings, result.summaries)
    return findings


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while one document is checked.

    A document's tokens, spans and mentions are millions of live objects in a large
    file, and every full collection walks them all again: on one 50 MB article that was
    about 15% of the CPU time, for nothing, as a rule's work makes next to no
    reference cycles. Collections happen between documents as usual."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _add_project_findings(outcome: RunOutcome, *, config: Config, facts: Facts,
                          rules: Sequence[ActiveRule], cache: Any = None,
                          project_key: str | None = None,
                          found: dict[str, list[Finding]] | None = None,
                          gathered: dict[str, Any] | None = None) -> None:
    """Cross-article rules: every summary in, findings merged into their files
    (``found``: from the cache, when no file of the run changed)."""
    if found is None:
        lengths = {f.path: len(f.text or "") for f in outcome.files}
        found, errors = check_project(outcome.summaries, config=config, facts=facts,
                                      rules=rules, lengths=lengths, gathered=gathered)
        outcome.errors.extend(errors)
        if project_key and not errors and not outcome.errors:
            cache.put_project(project_key, found)
    if not found:
        return
    for i, file in enumerate(outcome.files):
        extra = found.get(file.path)
        if not extra:
            continue
        merged, lines = merge_unsuppressed(file.findings, extra, file.text or "", file.lines)
        outcome.files[i] = FileResult(file.path, merged, lines, file.text)
