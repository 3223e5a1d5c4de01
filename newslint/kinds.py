"""The kinds of rule a TOML rule pack can declare (Vale's "extends").

Each kind is a small ``Rule`` subclass built from one pack entry: ``existence`` (flag
these words or patterns), ``substitution`` (write X, not Y; fixable), ``consistency``
(one of these forms per article), ``capitalization`` (these terms always cased so;
fixable) and ``occurrence`` (at most N matches per sentence or paragraph, e.g. words).

Patterns are compiled once, with the ``regex`` module, and every scan runs with a
time limit: a careless pattern in a user's pack fails that rule on that article
(reported by name, the run goes on) instead of hanging the run. Packs are data:
nothing in them is executed.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Iterable, Iterator, Mapping

import regex

from newslint.document import Document
from newslint.document import lowered as document_lowered
from newslint.errors import NewslintError
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_re, lazy_regex
from newslint.rule import Context, Rule

if TYPE_CHECKING:
    import re

TIMEOUT = 0.5  # seconds a pattern may run over one article
WORD_PATTERN = r"[\p{L}\p{N}\p{M}]+(?:['’\-][\p{L}\p{N}\p{M}]+)*"  # a word, as doc.tokens
_WORD_START = r"(?<![\p{L}\p{N}_])"
_WORD_END = r"(?![\p{L}\p{N}_])"


class PatternTimeout(NewslintError):
    """A pack pattern that ran out of time on one article."""


@dataclass(frozen=True)
class Source:
    """Where a pack rule comes from, for messages."""

    pack: str  # the pack's name
    path: str  # the pack file


def spaces_to_whitespace(pattern: str) -> str:
    """A plain space in a pattern matches any run of white space, line breaks included,
    so "free reign" is found where a line wraps between the words. Spaces inside a
    character class or escaped are left as they are."""
    if " " not in pattern:
        return pattern
    out: list[str] = []
    i, n, in_class = 0, len(pattern), False
    while i < n:
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == " ":
            while i + 1 < n and pattern[i + 1] == " ":
                i += 1
            out.append(r"\s+")
            i += 1
            continue
        out.append(c)
        i += 1
    return "".join(out)


def wrap_pattern(pattern: str, *, whole_words: bool) -> str:
    """The pattern as it is run: spaces as white space, whole words when asked."""
    body = f"(?:{spaces_to_whitespace(pattern)})"
    return _WORD_START + body + _WORD_END if whole_words else body


def compile_pattern(pattern: str, *, ignore_case: bool, whole_words: bool) -> "regex.Pattern[str]":
    """Compile one pack pattern (raises ``regex.error`` with ``pos``)."""
    body = wrap_pattern(pattern, whole_words=whole_words)
    flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return regex.compile(body, flags)
    except regex.error:
        # Only now compile it bare, so a position in the error is the user's position.
        regex.compile(pattern, flags)
        raise


_PLAIN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -',")
_PLAIN_ESCAPES = frozenset("sSdDwW!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MAX_PLAIN_DEPTH = 20


def plain_groups(pattern: str) -> int | None:
    """How many capturing groups ``pattern`` has when it is in a small grammar that
    always compiles (plain characters, ``\\s``-style and punctuation escapes, groups,
    non-capturing groups and lookarounds holding alternatives, ``?`` ``*`` ``+`` on a
    character or group); None otherwise, and the pattern must be compiled to be
    checked. Lets a pack defer compiling to first use without hiding an error."""
    n = len(pattern)
    pos = 0
    groups = 0

    class _NotPlain(Exception):
        pass

    def alternatives(depth: int) -> None:
        sequence(depth)
        while pos < n and pattern[pos] == "|":
            advance(1)
            sequence(depth)

    def advance(k: int) -> None:
        nonlocal pos
        pos += k

    def sequence(depth: int) -> None:
        while pos < n and pattern[pos] not in "|)":
            repeatable = atom(depth)
            if pos < n and pattern[pos] in "?*+":
                if not repeatable:
                    raise _NotPlain
                advance(1)

    def atom(depth: int) -> bool:
        nonlocal groups
        c = pattern[pos]
        if c == "(":
            if depth >= _MAX_PLAIN_DEPTH:
                raise _NotPlain
            repeatable = True
            if pattern.startswith("(?:", pos):
                advance(3)
            elif pattern.startswith(("(?=", "(?!"), pos):
                advance(3)
                repeatable = False
            elif pattern.startswith(("(?<=", "(?<!"), pos):
                advance(4)
                repeatable = False
            elif pattern.startswith("(?", pos):
                raise _NotPlain
            else:
                advance(1)
                groups += 1
            alternatives(depth + 1)
            if pos >= n or pattern[pos] != ")":
                raise _NotPlain
            advance(1)
            return repeatable
        if c == "\\":
            if pattern[pos + 1 : pos + 2] not in _PLAIN_ESCAPES or pos + 1 >= n:
                raise _NotPlain
            advance(2)
            return True
        if c in _PLAIN_CHARS:
            advance(1)
            return True
        raise _NotPlain

    try:
        alternatives(0)
    except _NotPlain:
        return None
    return groups if pos == n else None


class PackPattern:
    """A pack pattern, compiled on first use when ``plain_groups`` vouches that it
    compiles (so a rule that never runs, or whose literal never occurs, costs nothing
    at start-up); any other pattern is compiled at load, so errors still show there.
    Offers what the kinds use of a compiled pattern: ``pattern``, ``groups`` and
    ``finditer``."""

    __slots__ = ("pattern", "groups", "flags", "_compiled")

    def __init__(self, pattern: str, *, ignore_case: bool, whole_words: bool,
                 groups: int | None = None) -> None:
        self.pattern = wrap_pattern(pattern, whole_words=whole_words)
        self.flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
        self._compiled: "regex.Pattern[str] | None" = None
        if groups is None:
            self._compiled = compile_pattern(pattern, ignore_case=ignore_case,
                                             whole_words=whole_words)
            groups = self._compiled.groups
        self.groups = groups

    @property
    def compiled(self) -> "regex.Pattern[str]":
        if self._compiled is None:
            self._compiled = regex.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, *args: Any, **kwargs: Any) -> Iterator["regex.Match[str]"]:
        return self.compiled.finditer(*args, **kwargs)


# No space: a space in a pattern matches any white space (see spaces_to_whitespace).
_LITERAL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-',")
_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def required_literal(pattern: str, *, spaces: bool = False) -> str:
    """A lower-case string that every match of ``pattern`` contains, or "" when that
    is not certain: the longest run of plain characters outside any group, with no
    quantifier on it, in a pattern with no top-level ``|``. Conservative on purpose:
    anything unusual (inline flags, braces, back-references, other escapes, non-ASCII)
    gives "", so a rule skips a pattern only when its text cannot match.

    With ``spaces``, a run may hold spaces, each standing for a run of white space
    (see ``spaces_to_whitespace``): "could of" for "could of(?! course)", where the
    plain literal is "could"; words are then separated by one space."""
    runs: list[str] = []
    run: list[str] = []
    depth = 0
    i, n = 0, len(pattern)

    def end_run() -> None:
        if depth == 0 and run:
            found = "".join(run)
            if spaces:
                found = " ".join(w for w in found.split(" ") if w)
            if found:
                runs.append(found)
        run.clear()

    while i < n:
        c = pattern[i]
        if c == "\\":
            nxt = pattern[i + 1 : i + 2]
            if not nxt or not nxt.isascii() or (nxt.isalnum() and nxt not in "sSdDwWbB"):
                return ""
            end_run()
            i += 2
            continue
        if c == "[":
            end_run()
            j = i + 1
            if pattern[j : j + 1] == "^":
                j += 1
            if pattern[j : j + 1] == "]":
                j += 1
            while j < n and pattern[j] != "]":
                if pattern[j] == "[":
                    return ""
                j += 2 if pattern[j] == "\\" else 1
            if j >= n:
                return ""
            i = j + 1
            continue
        if c == "(":
            if pattern.startswith("(?", i) and not pattern.startswith(_GROUP_OPENERS, i):
                return ""  # inline flags, named groups, ...: no promise
            end_run()
            depth += 1
            i += 1
            continue
        if c == ")":
            end_run()
            depth -= 1
            if depth < 0:
                return ""
            i += 1
            continue
        if c == "|" and depth == 0 or c == "{":
            return ""
        if c in "?*+":
            if run:
                run.pop()  # the quantified character is not required
            end_run()
            i += 1
            continue
        if depth == 0 and c.isascii() and c.lower() in _LITERAL_CHARS:
            run.append(c.lower())
        elif spaces and depth == 0 and c == " ":
            run.append(" ")
        else:
            end_run()
        i += 1
    end_run()
    return max(runs, key=len, default="")


def lowered(text: str) -> str:
    """``text`` lower-cased for literal prefilters (shared with the fact index through
    ``document.lowered``). "ſ" (long s) matches "s" ignoring case but lower-cases to
    itself, so it is read as "s" here."""
    low = document_lowered(text)
    return low.replace("\u017f", "s") if "\u017f" in low else low


_GROUP_REF_RE = lazy_regex(r"\\(\d)")


def group_refs(replacement: str) -> list[int]:
    """The group numbers a replacement refers to (``\\1`` .. ``\\9``)."""
    return [int(g) for g in _GROUP_REF_RE.findall(replacement)]


def expand(m: "regex.Match[str]", replacement: str) -> str:
    """``replacement`` with ``\\1`` .. ``\\9`` filled from ``m`` (an unmatched group is
    empty); nothing else in it is special, so a pack's text is taken as written."""
    return _GROUP_REF_RE.sub(lambda g: m.group(int(g.group(1))) or "", replacement)


def _match_case(found: str, replacement: str) -> str:
    """Carry a capital at the start of ``found`` over to ``replacement``."""
    if found[:1].isupper() and replacement[:1].islower():
        if found.isupper() and len(found) > 1:
            return replacement.upper()
        return replacement[:1].upper() + replacement[1:]
    return replacement


class PackRule(Rule):
    """A rule built from a pack entry; attributes are set per instance."""

    kind: ClassVar[str] = ""

    def __init__(self, *, code: str, name: str, severity: Severity, summary: str, docs: str,
                 message: str, default: bool, source: Source) -> None:
        self.code = code
        self.name = name
        self.severity = severity
        self.summary = summary
        self.docs = docs
        self.message = message
        self.default = default
        self.source = source
        self.origin = f"pack {source.pack}"

    def _scan(self, pattern: "regex.Pattern[str]", text: str, pos: int = 0,
              endpos: int | None = None) -> Iterator["regex.Match[str]"]:
        try:
            yield from pattern.finditer(text, pos, len(text) if endpos is None else endpos,
                                        timeout=TIMEOUT)
        except TimeoutError:
            raise PatternTimeout(
                f"rule pack {self.source.pack!r} ({self.source.path}), rule {self.name} "
                f"({self.code}): pattern {pattern.pattern!r} ran over {TIMEOUT}s on this "
                f"article; simplify it (avoid nested repeats such as (a+)+)"
            ) from None

    def _message(self, **values: Any) -> str:
        # A match may wrap across a line: quote it on one line.
        values = {k: " ".join(v.split()) if isinstance(v, str) else v for k, v in values.items()}
        try:
            return self.message.format(**values)
        except (KeyError, IndexError, ValueError):
            return self.message


class Existence(PackRule):
    """Flag every match of any of ``tokens``."""

    kind = "existence"

    def __init__(self, *, patterns: "regex.Pattern[str]", **kw: Any) -> None:
        super().__init__(**kw)
        self.pattern = patterns

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        for m in self._scan(self.pattern, doc.prose):
            if m.end() > m.start():
                yield Violation(m.start(), m.end(), self._message(match=m.group()))


class Substitution(PackRule):
    """Write X, not Y: each pattern in ``swap`` with its replacement (fixable)."""

    kind = "substitution"
    fixable = True

    def __init__(self, *, swaps: list[tuple["regex.Pattern[str]", str]],
                 literals: list[str] | None = None, phrases: list[str] | None = None,
                 sources: list[str] | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.swaps = swaps
        # The patterns as the pack writes them: literals and phrases are read from
        # them on first use, not at start-up, unless given.
        self._sources = sources
        self._literals = literals
        self._phrases = phrases
        self._prepared = False

    @property
    def literals(self) -> list[str]:
        """Per pattern, a lower-case literal every match contains ("" = always scan)."""
        if self._literals is None:
            self._literals = ([required_literal(p) for p in self._sources] if self._sources
                              else [""] * len(self.swaps))
        return self._literals

    @property
    def phrases(self) -> list[str]:
        """Per pattern, a lower-case phrase every match contains, its words separated
        by white space ("could of": ``required_literal(..., spaces=True)``), or "";
        sharper than the literal ("could" is in most articles, "could of" in few)."""
        if self._phrases is None:
            self._phrases = ([required_literal(p, spaces=True) for p in self._sources]
                             if self._sources else [""] * len(self.swaps))
        return self._phrases

    def _prepare(self) -> None:
        self._gates = [_phrase_gate(p) for p in self.phrases]
        # The patterns whose literal is one word ("occured", "goverment") with a rare
        # character to enter it at (see ``any_of_pattern``): one scan of the lower-cased
        # text tells whether any of those literals is there at all, and in most
        # articles none is. The scan costs about as much as ten substring tests, so it
        # stands in for ten or more.
        self._one_word = [bool(lit) and " " not in phrase and _has_rare_character(lit)
                          for lit, phrase in zip(self.literals, self.phrases)]
        words = {lit for lit, one in zip(self.literals, self._one_word) if one}
        self._any_word = (lazy_re(any_of_pattern(sorted(words)))
                          if len(words) >= _ANY_OF_MIN else None)
        # (pattern, replacement, literal, gate) of every swap, and of those a text with
        # none of the one-word literals may still match: looped over without a test each.
        self._entries = [(pattern, replacement, literal, gate) for (pattern, replacement),
                         literal, gate in zip(self.swaps, self.literals, self._gates)]
        self._entries_past_words = [e for e, one in zip(self._entries, self._one_word)
                                    if not one]
        self._prepared = True

    def _matches(self, prose: str) -> Iterator[tuple["regex.Match[str]", str]]:
        # One scan per pattern: each keeps the engine's fast search for its literal
        # start (a joined alternation would lose it and run slower); a pattern whose
        # required literal is not in the lower-cased text cannot match and is skipped.
        if not self._prepared:
            self._prepare()
        low = lowered(prose)
        # "İ" matches "i" ignoring case but lower-cases to "i" and a combining dot: a
        # phrase could then miss a match that its literal (all the rule ever promised)
        # did not; such a text is read with the literals alone.
        dotted = "\u0307" in low
        none_of_the_words = self._any_word is not None and self._any_word.search(low) is None
        # (With none of the one-word literals in the text, those swaps cannot match.)
        for pattern, replacement, literal, gate in (
                self._entries_past_words if none_of_the_words else self._entries):
            if gate is not None and not dotted:
                if gate not in low if isinstance(gate, str) else gate.search(low) is None:
                    continue
            elif literal and literal not in low:
                continue
            for m in self._scan(pattern, prose):
                yield m, replacement

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        seen: set[int] = set()
        for m, replacement in self._matches(doc.prose):
            if m.end() == m.start() or m.start() in seen:
                continue
            seen.add(m.start())
            to = _match_case(m.group(), expand(m, replacement))
            fix = None
            if doc.text[m.start() : m.end()] == m.group():
                fix = Fix(m.start(), m.end(), to, title=f'Write "{to}"')
            yield Violation(m.start(), m.end(),
                            self._message(match=m.group(), replacement=to), fix)


_ANY_OF_MIN = 10  # literals, for one ``any_of_pattern`` scan to beat a test for each
# English letters, the rarest first: where ``any_of_pattern`` enters each literal.
_LETTERS_BY_FREQUENCY = "zqxjkvbpygfwmucldrhsnioate"
_RARITY = {c: i for i, c in enumerate(_LETTERS_BY_FREQUENCY)}
_RARE = _LETTERS_BY_FREQUENCY.index("l")  # "zqxjkvbpygfwmuc": 1-2.5% of the letters each


def _has_rare_character(literal: str) -> bool:
    """Whether ``literal`` has a character rarer than "l" ("harrass" has none: entered
    at its "h", it would be tried at one character in twenty-five)."""
    return any(_RARITY.get(c, -1) < _RARE for c in literal)


def any_of_pattern(literals: list[str]) -> str:
    """An ``re`` pattern that matches where any of ``literals`` ends, so that one
    ``search`` tells whether any of them is in a text.

    A plain alternation is tried at nearly every character (its literals start with
    most letters of the alphabet) and runs slower than a substring test per literal.
    Here each literal is entered at its rarest character ("accomodat" at the "m",
    "sieze" at the "z"), the rest of it up to its end follows as a trie, and a
    look-behind checks the whole literal: the engine skips ahead over every character
    no literal is entered at, which is most of them."""
    root: dict[str, dict] = {}
    for literal in literals:
        entry = min(range(len(literal)), key=lambda i: _RARITY.get(literal[i], -1))
        node = root
        for ch in literal[entry:]:
            node = node.setdefault(ch, {})
        node.setdefault("", {})[literal] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [re_escape(ch) + build(child) for ch, child in node.items() if ch]
        branches += ["(?<=%s)" % re_escape(whole) for whole in node.get("", {})]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return build(root) if root else r"(?!x)x"


def re_escape(text: str) -> str:
    import re

    return re.escape(text)


def _phrase_gate(phrase: str) -> "str | re.Pattern[str] | None":
    """What to look for in the lower-cased text before scanning: the phrase itself
    when it is one word, else its words joined by white space, as an ``re`` pattern
    (compiled on first use; the ``re`` engine's ``\\s`` takes in every character the
    ``regex`` engine's does)."""
    if not phrase:
        return None
    if " " not in phrase:
        return phrase
    return lazy_re(r"\s+".join(map(re_escape, phrase.split(" "))))


class Consistency(PackRule):
    """One form per article: for each set in ``either``, the less frequent form is
    reported at each place (on a tie, the later one)."""

    kind = "consistency"
    fixable = True

    def __init__(self, *, sets: list[list[tuple[str, "regex.Pattern[str]"]]], **kw: Any) -> None:
        super().__init__(**kw)
        self.sets = sets  # (the form as written in the pack, its compiled pattern)
        self.literals = {label: required_literal(label) for forms in sets for label, _ in forms}
        # As for substitutions: the phrase with its spaces ("per cent", where the
        # literal "cent" is also in "percent", "recent" and "century").
        self._gates = {label: _phrase_gate(required_literal(label, spaces=True))
                       for forms in sets for label, _ in forms}

    def _may_match(self, label: str, low: str, dotted: bool) -> bool:
        gate = self._gates[label]
        if gate is not None and not dotted:
            return gate in low if isinstance(gate, str) else gate.search(low) is not None
        literal = self.literals[label]
        return not literal or literal in low

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        low = lowered(doc.prose)
        dotted = "\u0307" in low  # see Substitution._matches
        for forms in self.sets:
            # A form that cannot match is not scanned, and with fewer than two forms
            # left there is nothing to report.
            forms = [(label, pattern) for label, pattern in forms
                     if self._may_match(label, low, dotted)]
            if len(forms) < 2:
                continue
            found: dict[str, list[regex.Match[str]]] = defaultdict(list)
            for label, pattern in forms:
                found[label].extend(self._scan(pattern, doc.prose))
            used = {k: v for k, v in found.items() if v}
            if len(used) < 2:
                continue
            order = sorted(used, key=lambda k: (-len(used[k]), used[k][0].start()))
            keep = order[0]
            first = used[keep][0]
            line = doc.lines.position(first.start()).line
            for other in order[1:]:
                for m in used[other]:
                    to = _match_case(m.group(), first.group())
                    yield Violation(
                        m.start(), m.end(),
                        self._message(match=m.group(), other=first.group(), line=line),
                        Fix(m.start(), m.end(), to, title=f'Write "{to}"'))


class Capitalization(PackRule):
    """These terms are always cased so: a match ignoring case that is cased otherwise
    is reported (fixable)."""

    kind = "capitalization"
    fixable = True

    def __init__(self, *, terms: list[str], pattern: "regex.Pattern[str]", **kw: Any) -> None:
        super().__init__(**kw)
        self.terms = {" ".join(t.split()).casefold(): t for t in terms}
        self.pattern = pattern

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        for m in self._scan(self.pattern, doc.prose):
            found = m.group()
            term = self.terms.get(" ".join(found.split()).casefold())
            if term is None or " ".join(found.split()) == term:
                continue
            fix = None
            if doc.text[m.start() : m.end()] == found and "\n" not in found:
                fix = Fix(m.start(), m.end(), term, title=f'Write "{term}"')
            yield Violation(m.start(), m.end(), self._message(match=found, term=term), fix)


class Occurrence(PackRule):
    """At most ``max`` matches of ``token`` (default: a word) in each ``scope``
    (sentence or paragraph); the scope is reported."""

    kind = "occurrence"

    def __init__(self, *, pattern: "regex.Pattern[str]", limit: int, scope: str,
                 words: bool = False, **kw: Any) -> None:
        super().__init__(**kw)
        self.pattern = pattern
        self.words = words  # the token is a word: count the document's own tokens
        self.limit = limit
        self.scope = scope

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        limit = ctx.options.get("max", self.limit) if isinstance(ctx.options, Mapping) else self.limit
        spans = doc.sentences if self.scope == "sentence" else doc.paragraphs
        words = self.words
        starts = doc.tokens.starts if words else ()
        for span in spans:
            if words:  # the document's own words: counted without scanning again
                count = bisect.bisect_left(starts, span.end) - bisect.bisect_left(starts, span.start)
            else:
                count = sum(1 for _ in self._scan(self.pattern, doc.prose, span.start, span.end))
            if count > limit:
                yield Violation(span.start, span.end,
                                self._message(count=count, max=limit, scope=self.scope))


KINDS: dict[str, type[PackRule]] = {
    k.kind: k for k in (Existence, Substitution, Consistency, Capitalization, Occurrence)
}
