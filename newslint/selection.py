"""Which rules run: ``select`` / ``ignore`` by name, code or code prefix.

The most specific selector wins (a rule name or full code beats a prefix, a longer
prefix beats a shorter one), so ``select = ["NL"]`` with ``ignore = ["NL101"]`` runs
every NL rule but NL101, and ``ignore = ["NL1"]`` with ``select = ["NL101"]`` runs
NL101 alone of the NL1 family. ``ALL`` matches every rule.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from newslint.rule import Rule


def specificity(selector: str, rule: Rule) -> int:
    """How specifically ``selector`` names ``rule``; -1 when it does not match it."""
    if selector == rule.name:
        return 1000
    if selector == "ALL":
        return 0
    code = rule.code
    if code.startswith(selector.upper()) and selector:
        return len(selector)
    return -1


def best_match(selectors: Iterable[str], rule: Rule) -> int:
    return max((specificity(s, rule) for s in selectors), default=-1)


def is_enabled(rule: Rule, select: Sequence[str] | None, extend_select: Sequence[str],
               ignore: Sequence[str]) -> bool:
    chosen = list(extend_select)
    if select is not None:
        chosen += list(select)
    on = best_match(chosen, rule)
    off = best_match(ignore, rule)
    if on < 0 and off < 0:
        return rule.default and select is None
    if on < 0:
        return False
    if off < 0:
        return True
    return on > off


def unknown_selectors(selectors: Iterable[str], rules: Sequence[Rule]) -> list[str]:
    """Selectors that match no registered rule (almost always a typo)."""
    return [s for s in selectors if s != "ALL" and all(specificity(s, r) < 0 for r in rules)]
