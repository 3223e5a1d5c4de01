"""Meta rules: findings about newslint's own markup in the article."""

from __future__ import annotations

from typing import Iterable, Sequence

from newslint.document import Document
from newslint.findings import Fix, Severity, Violation
from newslint.rule import Context, ProjectRule, Rule, SuppressionReviewer
from newslint.selection import specificity
from newslint.suppressions import Directive


class UnusedSuppression(SuppressionReviewer):
    code = "NL901"
    name = "unused-suppression"
    severity = Severity.WARNING
    summary = "An inline <!-- newslint: disable... --> comment that suppresses nothing."
    fixable = True
    docs = """
## What it does
Finds a suppression comment (`<!-- newslint: disable... -->`) that suppressed no
finding in this run, a rule named in one that suppressed nothing (the comment's other
rules did), and an `enable` that closes no `disable`. A comment naming a rule
that is switched off, or that did not run (a fact-sheet rule with no sheet loaded), is
left alone: it may be needed in another configuration. A comment that names
`unused-suppression` (NL901) itself is never reported. The fix deletes the comment (its
whole line when it stands alone), or the unused rules from it.

## Why is this bad?
A suppression outlives the slip it was written for: the sentence is rewritten, the
comment stays, and it silently hides the next real mistake on that line. Removing dead
ones keeps suppressions honest, as ruff's RUF100 does for `noqa` comments.

## Example
```text
Talks resume in Geneva

<!-- newslint: disable-next-line -->
Envoys from both sides will meet on Monday.
```

## Use instead
```text
Talks resume in Geneva

Envoys from both sides will meet on Monday.
```
"""

    def check_suppressions(
        self, doc: Document, ctx: Context, directives: Sequence[Directive], ran: Sequence[Rule]
    ) -> Iterable[Violation]:
        any_project_rule = any(isinstance(r, ProjectRule) for r in ran)
        for d in directives:
            if _names_self(d, self):
                continue
            if not d.rules:
                # Cross-article findings are suppressed after this rule runs, so a blanket
                # comment may yet be used by one of them: say nothing rather than guess.
                if not d.used and not any_project_rule:
                    yield self._whole(doc, d)
                continue
            if d.action == "enable":
                if not d.used and _all_ran(d.rules, ran):
                    yield self._whole(doc, d)
                continue
            dead = [s for s in d.rules if s not in d.used_rules and _all_ran([s], ran)]
            if len(dead) == len(d.rules):
                yield self._whole(doc, d)
            elif dead:
                kept = [s for s in d.rules if s not in dead]
                names = ", ".join(f'"{s}"' for s in dead)
                what = "it suppresses nothing here; remove it" if len(dead) == 1 else \
                    "they suppress nothing here; remove them"
                yield Violation(
                    d.start, d.end,
                    f"Unused {names} in suppression {_describe(d)}: {what} from the comment.",
                    Fix(d.start, d.end, f"<!-- newslint: {d.action}={','.join(kept)} -->",
                        title="Remove " + names + " from the suppression comment"))

    def _whole(self, doc: Document, d: Directive) -> Violation:
        return Violation(d.start, d.end, f"Unused suppression {_describe(d)}: it suppresses "
                         f"nothing here; delete it.", _removal(doc.text, d))


def _names_self(d: Directive, rule: Rule) -> bool:
    return any(specificity(s, rule) > 0 for s in d.rules)


def _all_ran(selectors: Sequence[str], ran: Sequence[Rule]) -> bool:
    """Every selector names at least one rule, and every rule it names ran (a rule
    that is off could have needed the comment), and none of them is cross-article."""
    for s in selectors:
        matched = [r for r in ran if specificity(s, r) >= 0]
        if not matched or any(isinstance(r, ProjectRule) for r in matched):
            return False
    return True


def _describe(d: Directive) -> str:
    if d.action == "enable":
        return f'"enable{"=" + ",".join(d.rules) if d.rules else ""}" (closes no disable)'
    return f'"{d.action}{"=" + ",".join(d.rules) if d.rules else ""}"'


def _removal(text: str, d: Directive) -> Fix:
    """Delete the comment; its whole line, line end included, when nothing else is on it."""
    line_start = max(text.rfind("\n", 0, d.start), text.rfind("\r", 0, d.start)) + 1
    line_end = d.end
    while line_end < len(text) and text[line_end] in " \t":
        line_end += 1
    alone = not text[line_start:d.start].strip(" \t")
    if alone and (line_end == len(text) or text[line_end] in "\r\n"):
        if text.startswith("\r\n", line_end):
            line_end += 2
        elif line_end < len(text):
            line_end += 1
        return Fix(line_start, line_end, "", title="Delete the unused suppression comment")
    start = d.start
    while start > line_start and text[start - 1] in " \t":
        start -= 1
    return Fix(start, d.end, "", title="Delete the unused suppression comment")


RULES = (UnusedSuppression,)
