"""Where a run's time goes: CPU time per rule over a folder (a benchmark, not a test).

    python bench/rule_times.py [FOLDER] [--facts FILE] [--top 20]

Lints every article in this process, one rule at a time per document (the same
order and shared ``Document`` caches as a real run), and prints each rule's CPU time,
its share, and the time spent parsing documents. The first rule to touch
``doc.tokens``, ``doc.sentences`` or a shared scan pays for building it, so the
figures are "this rule, given the rules before it"; ``--shared-first`` builds the
shared structures (words, tokens, paragraphs and sentences, the name and date scans)
before any rule and times each, to show each rule's own cost. Cyclic garbage collection is off while a document is
checked, as in a real run.
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from newslint.config import load_config
from newslint.discover import discover
from newslint.engine import active_rules, parse_document, resolve_article_date, rule_context
from newslint.facts import EMPTY_FACTS
from newslint.plugins import default_registry
from newslint.rule import ProjectRule

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
DEFAULT_FACTS = ROOT.parent / "shared" / "seed-story.facts.toml"


def _shared() -> list[tuple[str, Callable[[Any], Any]]]:
    from newslint.grammars.dates import date_mentions
    from newslint.proper_names import CONNECTORS, name_mentions

    return [
        ("(shared: words)", lambda doc: doc.words),
        ("(shared: tokens)", lambda doc: doc.tokens),
        ("(shared: paragraphs, sentences)", lambda doc: (doc.paragraphs, doc.sentences)),
        ("(shared: name scan)", lambda doc: (name_mentions(doc),
                                             name_mentions(doc, CONNECTORS, min_words=2))),
        ("(shared: date scan)", date_mentions),
    ]


_SHARED = _shared()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--shared-first", action="store_true")
    args = parser.parse_args(argv)

    config = load_config()
    registry = default_registry(config)
    rules = active_rules(registry, config)
    facts = EMPTY_FACTS
    if args.facts:
        from newslint.facts_loader import load_facts

        facts = load_facts([str(args.facts)])
    sources, _ = discover([str(args.folder)])
    spent: dict[str, float] = defaultdict(float)
    clock = time.process_time
    total_start = clock()
    for source in sources:
        text = Path(source.path).read_text(encoding="utf-8")
        gc.disable()  # as the runner checks a document: collections only between documents
        t = clock()
        doc = parse_document(text, source.path, registry)
        spent["(parse document)"] += clock() - t
        if args.shared_first:
            for label, build in _SHARED:
                t = clock()
                build(doc)
                spent[label] += clock() - t
        t = clock()
        date = resolve_article_date(doc, facts, config.date)
        spent["(article date)"] += clock() - t
        for active in rules:
            rule = active.rule
            if rule.needs_facts and facts.empty:
                continue
            ctx = rule_context(rule, config, facts, date)
            t = clock()
            try:
                if isinstance(rule, ProjectRule):
                    rule.collect(doc, ctx)
                else:
                    list(rule.check(doc, ctx))
            except Exception as e:  # noqa: BLE001 - a benchmark reports and goes on
                spent[f"{rule.name} (failed: {type(e).__name__})"] += 0
            spent[f"{rule.code} {rule.name}"] += clock() - t
        gc.enable()
    total = clock() - total_start
    print(f"{len(sources)} files, {len(rules)} active rules, facts: "
          f"{args.facts.name if args.facts else 'none'}; CPU {total:.2f} s in all")
    for name, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {seconds:7.3f} s  {100 * seconds / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
