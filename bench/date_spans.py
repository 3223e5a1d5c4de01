"""Date layer on a folder of articles: date-like spans, parsed spans, date alarms.

    .venv/bin/python bench/date_spans.py [FOLDER] [--facts FILE] [--date YYYY-MM-DD]

Prints how many spans the cheap scan marks as date-like, how many of them parse (and
what kinds of date they hold), whether the fast path and the grammar agree on every
span, the CPU time of each stage (process time, so a busy machine does not inflate
it), and every finding of the date rules (NL301-NL304), one a line, for reading.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import sys
import time
from pathlib import Path

from newslint import lint_text
from newslint.config import Config
from newslint.facts_loader import load_facts
from newslint.findings import LineIndex
from newslint.grammars.dates import grammar, parse_span, scan

DATE_RULES = ("weekday-mismatch", "duration-mismatch", "date-mismatch", "invalid-date")
DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT))
    parser.add_argument("--facts", action="append", default=[])
    parser.add_argument("--date", type=dt.date.fromisoformat)
    args = parser.parse_args(argv)

    paths = sorted(p for p in Path(args.folder).iterdir() if p.suffix in (".txt", ".md"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    words = sum(len(t.split()) for t in texts)

    t0 = time.process_time()
    grammar()
    t_build = time.process_time() - t0

    t0 = time.process_time()
    spans = [scan(t) for t in texts]
    t_scan = time.process_time() - t0

    t0 = time.process_time()
    kinds: collections.Counter[str] = collections.Counter()
    parsed = 0
    for text, found in zip(texts, spans):
        for start, end in found:
            mentions = parse_span(text, start, end)
            parsed += bool(mentions)
            kinds.update(m.kind for m in mentions)
    t_parse = time.process_time() - t0
    n_spans = sum(len(s) for s in spans)
    differ = sum(
        parse_span(text, start, end) != parse_span(text, start, end, use_grammar=True)
        for text, found in zip(texts, spans)
        for start, end in found
    )

    print(f"articles: {len(paths)}  words: {words}  characters: {sum(map(len, texts))}")
    print(f"date-like spans (scan): {n_spans}")
    print(f"spans parsed: {parsed} ({parsed / max(n_spans, 1):.1%})")
    print("date mentions by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    print(f"spans where the fast path and the grammar disagree: {differ}")
    print(f"CPU time: grammar build {t_build * 1000:.0f} ms, scan {t_scan * 1000:.0f} ms, "
          f"parse {t_parse * 1000:.0f} ms")  # fmt: skip

    facts = load_facts(args.facts) if args.facts else None
    config = Config(select=DATE_RULES, date=args.date)
    per_rule: collections.Counter[str] = collections.Counter()
    alarms = []
    t0 = time.process_time()
    for path, text in zip(paths, texts):
        index = LineIndex(text)
        for f in lint_text(text, path=str(path), config=config, facts=facts):
            per_rule[f.rule] += 1
            p = index.position(f.start)
            alarms.append(f"{path.name}:{p.line}:{p.column}: {f.code} [{f.rule}] {f.message}")
    t_lint = time.process_time() - t0
    print(f"date rules: {len(alarms)} alarms "
          f"({len(alarms) / max(words, 1) * 10000:.2f} per 10,000 words) "
          f"in {t_lint:.2f} s of lint_text")  # fmt: skip
    for rule in DATE_RULES:
        print(f"  {rule}: {per_rule[rule]}")
    for line in alarms:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
