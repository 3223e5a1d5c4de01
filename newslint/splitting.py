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
with ``bench/rule_times.py --shared-first`` on the dev corpus as one 3.4 MB file; a
rule not listed costs 1) and by what the rules share (``_SHARED``: the name scan, the
tokens, the sentences, the date scan): a group builds each structure its rules read,
so rules that read one are put together where the balance allows. On that file this
took the slower worker from 1.8 to about 1.3 s of CPU. The weights only balance the
load: wrong ones cost speed, never findings.
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

# Hundredths of a second a rule took on the dev corpus as one file (3.4 MB), its shared
# structures built already (bench/rule_times.py --shared-first, 2026-11-23).
_COST: dict[str, int] = {
    "capitalization-inconsistent": 27,
    "name-inconsistent": 25,
    "name-inconsistent-across": 22,
    "common-misspelling": 10,
    "name-spelling": 8,
    "confusable-phrase": 6,
    "date-mismatch": 5,
    "spelling-inconsistent": 4,
    "title-inconsistent": 4,
    "repeated-word": 3,
    "doubled-punctuation": 3,
    "per-cent-consistency": 3,
    "unbalanced-brackets": 2,
    "number-inconsistent": 2,
}

# What the document builds once for every rule that reads it (cached on it): its cost
# in the same hundredths, and the rules that read it. A group pays for each structure
# its rules read, once: rules that share one go together unless the balance says not.
_SHARED: dict[str, tuple[int, frozenset[str]]] = {
    "name scan": (20, frozenset({"name-inconsistent-across", "name-inconsistent",
                                 "title-inconsistent", "capitalization-inconsistent"})),
    "words and tokens": (26, frozenset({"capitalization-inconsistent", "spelling-inconsistent",
                                        "repeated-word"})),
    "paragraphs and sentences": (11, frozenset({"name-inconsistent", "duration-mismatch",
                                                "title-mismatch", "count-mismatch",
                                                "unbalanced-brackets"})),
    "date scan": (12, frozenset({"weekday-mismatch", "duration-mismatch", "date-mismatch",
                                 "invalid-date"})),
}


def rule_groups(rules: Sequence[ActiveRule], n: int) -> list[list[int]]:
    """The indexes of ``rules`` (suppression reviewers aside: they run after the
    others) in at most ``n`` (and ``MAX_GROUPS``) non-empty groups of about equal cost,
    each in rule order.

    Heaviest rule first, each to the group it costs least to finish: its own cost, plus
    the shared structures it reads that the group has not built yet."""
    indexes = [i for i, a in enumerate(rules) if not is_late(a.rule)]
    indexes.sort(key=lambda i: -_COST.get(rules[i].rule.name, 1))
    groups: list[list[int]] = [[] for _ in range(max(1, min(n, MAX_GROUPS)))]
    loads = [0] * len(groups)
    built: list[set[str]] = [set() for _ in groups]
    for i in indexes:
        name = rules[i].rule.name
        reads = {s for s, (_cost, readers) in _SHARED.items() if name in readers}

        def finished(g: int) -> tuple[int, int]:
            extra = sum(_SHARED[s][0] for s in reads - built[g])
            return loads[g] + _COST.get(name, 1) + extra, loads[g]

        g = min(range(len(groups)), key=finished)
        loads[g] = finished(g)[0]
        built[g] |= reads
        groups[g].append(i)
    return [sorted(g) for g in groups if g]


__all__ = ["MAX_GROUPS", "SPLIT_MIN_CHARS", "rule_groups"]
