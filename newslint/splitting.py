"""One large document on several cores: its rules split into groups, a worker each.

Why rules, not sections of the text: on a long document most of the time goes to
rules that weigh the whole article (capitalization-inconsistent, name-inconsistent,
name-inconsistent-across's summary: about two thirds of the rules' CPU time on the
dev corpus written end to end as one file), whose findings for one paragraph depend on
every other paragraph; rules that look at one paragraph at a time are a small share.
Cutting the text would change findings or save little. Each group instead runs over
the whole document, so every finding is the one a single process finds, by
construction; the price is that every worker parses and tokenises the document itself
(about a fifth of one process's time).

The groups are balanced by each rule's typical cost on long text (``_COST``, measured
with ``bench/rule_times.py --shared-first`` on the dev corpus as one 3.4 MB file);
a rule not listed costs 1. The weights only balance the load: wrong ones cost speed,
never findings.
"""

from __future__ import annotations

from typing import Sequence

from newslint.engine import ActiveRule, is_late

# A document this long (in characters) is linted by several workers when --jobs allows.
SPLIT_MIN_CHARS = 1 << 20
# At most this many groups: each worker holds its own copy of the document's tokens
# and spans (tens of bytes per byte of text), and past the group holding the heaviest
# rule more groups shorten nothing.
MAX_GROUPS = 4

# Hundredths of a second a rule took on the dev corpus as one file (3.4 MB), measured
# again after the speed work of 2026-11-23 (bench/rule_times.py --shared-first).
_COST: dict[str, int] = {
    "capitalization-inconsistent": 52,  # with the shared name scan, which it runs first
    "name-inconsistent-across": 39,
    "name-inconsistent": 33,
    "weekday-mismatch": 11,
    "common-misspelling": 10,
    "name-spelling": 8,
    "confusable-phrase": 6,
    "date-mismatch": 6,
    "spelling-inconsistent": 5,
    "title-inconsistent": 4,
    "repeated-word": 3,
    "doubled-punctuation": 3,
    "per-cent-consistency": 3,
    "unbalanced-brackets": 3,
    "number-inconsistent": 2,
}


def rule_groups(rules: Sequence[ActiveRule], n: int) -> list[list[int]]:
    """The indexes of ``rules`` (suppression reviewers aside: they run after the
    others) in at most ``n`` (and ``MAX_GROUPS``) non-empty groups of about equal cost,
    each in rule order.

    Heaviest rule first, each to the group with the least cost so far."""
    indexes = [i for i, a in enumerate(rules) if not is_late(a.rule)]
    indexes.sort(key=lambda i: -_COST.get(rules[i].rule.name, 1))
    groups: list[list[int]] = [[] for _ in range(max(1, min(n, MAX_GROUPS)))]
    loads = [0] * len(groups)
    for i in indexes:
        g = loads.index(min(loads))
        groups[g].append(i)
        loads[g] += _COST.get(rules[i].rule.name, 1)
    return [sorted(g) for g in groups if g]


__all__ = ["MAX_GROUPS", "SPLIT_MIN_CHARS", "rule_groups"]
