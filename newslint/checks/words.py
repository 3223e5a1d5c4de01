"""Word mechanics: slips of the keyboard that spell-checkers miss."""

from __future__ import annotations

import sys
from typing import Iterable

from newslint.document import Document
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_re, lazy_regex
from newslint.rule import Context, Rule

# Doubles that English uses on purpose.
_LEGIT_PAIRS = frozenset(
    """had that very really no so bye hear knock tut ha yeah go night chop well now there
    many far long much more bang boo cha chit choo din dum goody hush la mama papa pom
    tom tsk yum ping quack tick wah woof yo""".split()
)
# A doubled preposition is legitimate when the first closes a clause ("the moment I've
# been waiting for") and the second opens a time phrase ("for years").
_PREPOSITIONS = frozenset("for in on at from about to since during over".split())
_TIME_PHRASE_RE = lazy_regex(
    r"(?i)\s+(?:the\s+(?:past|future|last|next|first|coming|end|start|meantime)\b|recent\b|"
    r"(?:\d+|a|an|several|many|some|two|three|four|five|six|ten)?\s*"
    r"(?:years?|months?|weeks?|days?|hours?|decades?|ages|minutes?|seasons?|a\s+while|"
    r"a\s+long\s+time)\b)",
)
_DEMONYM_RE = lazy_re(r"(?:ish|ese|ian)$")
_GAP_RE = lazy_regex(r"\s+")
# A word followed by the same word, in the words joined by single spaces; the word is
# read once, atomically, not again for every shorter prefix: a possessive repeat where
# the engine has one (Python 3.11), else a look-ahead capture (a third slower).
_REPEAT_RE = lazy_re(
    r" ([^ ]++)(?= \1(?: |$))" if sys.version_info >= (3, 11) else r" (?=([^ ]+))\1(?= \1(?: |$))"
)


class RepeatedWord(Rule):
    code = "NL101"
    name = "repeated-word"
    severity = Severity.WARNING
    summary = 'The same word twice in a row ("the the"), also across a line break.'
    fixable = True
    docs = """
## What it does
Finds a word written twice in a row, ignoring case, line breaks and Markdown emphasis
("the\\nthe", "the *the*"). Doubles that English uses on purpose are left alone: "had
had", "that that", "very very", "no no"; numbers such as tennis scores ("6-3 6 6");
reduplicated names ("Duran Duran", "Bafana Bafana"); a stranded preposition before a
time phrase ("the moment she had waited for for years"); and a word that ends one
paragraph, or the headline, and starts the next.

## Why is this bad?
A doubled word is the commonest slip in edited copy and the eye skips it, above all
across a line break.

## Example
```text
Ministers will attend the
the forum in Beijing next week.
```

## Use instead
```text
Ministers will attend the
forum in Beijing next week.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        words = doc.words  # (the tokens are made only for an article with a repeat)
        if len(words) < 2:
            return
        prose = doc.prose
        text = doc.text
        headings = _heading_line_ends(doc)
        # The words joined by single spaces and lower-cased in one call (no token holds
        # a space and lower-casing adds none); one scan finds each word followed by
        # itself, and only those few are looked at in Python.
        low = " " + " ".join(words).lower()
        i, counted = -1, 0
        for m in _REPEAT_RE.finditer(low):
            i += low.count(" ", counted, m.start(1))  # the index of the first word
            counted = m.start(1)
            tokens = doc.tokens
            a, b = tokens[i], tokens[i + 1]
            gap = prose[a.end : b.start]
            if not _GAP_RE.fullmatch(gap) or _is_paragraph_break(gap):
                continue
            if "\n" in gap and any(a.end <= h <= b.start for h in headings):
                continue
            if _is_legitimate(a.text, b.text, prose, b.end):
                continue
            fix = None
            if text[a.end : b.end] == prose[a.end : b.end]:
                fix = Fix(a.end, b.end, "", title=f'Delete the second "{b.text}"')
            yield Violation(
                b.start, b.end,
                f'Repeated word "{a.text} {b.text}": delete the second "{b.text}".',
                fix,
            )


def _is_paragraph_break(gap: str) -> bool:
    return gap.count("\n") >= 2 or gap.count("\r") >= 2 and "\n" not in gap


def _heading_line_ends(doc: Document) -> list[int]:
    """Offsets where a headline or Markdown heading ends: no repeat runs across them."""
    ends = []
    if doc.headline is not None:
        ends.append(doc.headline.end)
    ends.extend(h.end for h in doc.headings)
    return ends


def _is_legitimate(first: str, second: str, prose: str, after: int) -> bool:
    word = second.lower()
    if any(c.isdigit() for c in word):
        return True  # scores and figures: "6-3 6 6"
    if word in _LEGIT_PAIRS:
        return True
    if first[:1].isupper() and second[:1].isupper() and not _DEMONYM_RE.search(word):
        return True  # a reduplicated name: "Duran Duran", "Bafana Bafana"
    if word in _PREPOSITIONS and _TIME_PHRASE_RE.match(prose, after):
        return True
    return False


RULES = (RepeatedWord,)
