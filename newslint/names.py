"""One fast index of every name a fact sheet lists, built once per ``Facts``.

All forms (names, ``also`` and ``wrong`` spellings) are compiled into ONE regular
expression shaped as a character trie, so scanning an article costs about the same for
a sheet of ten names as for ten thousand: the engine follows one branch of the trie
per position instead of trying every name. Forms match as whole words, with any run
of whitespace (a line break, or Markdown emphasis blanked to spaces) between words,
straight or curly apostrophes, and a possessive after the name ("Xi’s").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from newslint.facts import Count, Event, Facts, Person, Term

_APOSTROPHES = "'’‘ʼ"
_HYPHENS = "-‐‑"
# After a form: not inside a word. A possessive ("Xi’s") is allowed; "Xi’an" is not.
# (The stdlib ``re`` is used here, not ``regex``: for a trie of thousands of forms it
# skips to candidate first characters and scans ten times faster. Its ``\w`` is
# Unicode-aware; the word boundary before a form is checked in Python, which keeps
# that first-character skip working.)
_END = r"(?:(?=['’]s(?!\w))|(?!\w|['’][^\W\d_]))"
_SPACE_RE = re.compile(r"\s+")


def normalize(form: str) -> str:
    """The lookup key of a form or of matched text: one space, one apostrophe, one hyphen."""
    out = _SPACE_RE.sub(" ", form.strip())
    for a in _APOSTROPHES[1:]:
        out = out.replace(a, "'")
    for h in _HYPHENS[1:]:
        out = out.replace(h, "-")
    return out


def _symbols(form: str) -> list[str]:
    """A form as regex pieces: one per character, whitespace/apostrophe/hyphen classes."""
    pieces: list[str] = []
    for ch in normalize(form):
        if ch == " ":
            pieces.append(r"\s+")
        elif ch == "'":
            pieces.append("[" + _APOSTROPHES + "]")
        elif ch == "-":
            pieces.append("[" + _HYPHENS + "]")
        else:
            pieces.append(re.escape(ch))
    return pieces


def trie_pattern(forms: Iterable[str], *, ignore_case: bool = False) -> str:
    """A regex alternation of ``forms``, factored as a trie, longest match first."""
    root: dict = {}
    for form in forms:
        if not form.strip():
            continue
        node = root
        pieces = _symbols(form.lower() if ignore_case else form)
        for piece in pieces:
            node = node.setdefault(piece, {})
        node[""] = {}  # end of a form

    def build(node: dict) -> str:
        branches = [piece + build(child) for piece, child in node.items() if piece]
        # Longer continuations first, so the longest form wins; the engine backtracks
        # to a shorter one when the longer fails the word boundary.
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    if not root:
        return r"(?!x)x"  # matches nothing
    return build(root)


def compile_forms(forms: Iterable[str], *, ignore_case: bool = False) -> "re.Pattern[str]":
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile("(?:" + trie_pattern(forms, ignore_case=ignore_case) + ")" + _END, flags)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M")


def find_words(pattern: "re.Pattern[str]", text: str) -> Iterator["re.Match[str]"]:
    """Matches of ``pattern`` that start a word (not preceded by a letter or digit)."""
    pos = 0
    search = pattern.search
    while True:
        m = search(text, pos)
        if m is None:
            return
        start = m.start()
        if start and _is_word_char(text[start - 1]):
            pos = start + 1  # inside a word: a real form may still start further on
            continue
        yield m
        pos = max(m.end(), start + 1)


_LAST_LOWERED: list[tuple[str, str]] = []


def _lowered(text: str) -> str:
    """``text.lower()``, kept for the last text (several scans share it)."""
    if _LAST_LOWERED and _LAST_LOWERED[0][0] is text:
        return _LAST_LOWERED[0][1]
    low = text.lower()
    _LAST_LOWERED[:] = [(text, low)]
    return low


class FoldedForms:
    """Forms matched in any case.

    The stdlib's IGNORECASE loses the first-character skip that makes the trie fast,
    so the trie of lower-cased forms scans a lower-cased copy of the text instead
    (same offsets whenever lower-casing keeps the length, which is nearly always;
    otherwise an IGNORECASE pattern is compiled on demand).
    """

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = sorted({f.lower() for f in forms})
        self._plain = compile_forms(self.forms)
        self._ignore_case: "re.Pattern[str] | None" = None

    def find(self, text: str) -> Iterator["re.Match[str]"]:
        low = _lowered(text)
        if len(low) == len(text):
            return find_words(self._plain, low)
        if self._ignore_case is None:
            self._ignore_case = compile_forms(self.forms, ignore_case=True)
        return find_words(self._ignore_case, text)


def fold(form: str) -> str:
    """The key of a form matched in any case."""
    return normalize(form).lower()


@dataclass(frozen=True)
class NameHit:
    """A sheet form found in the prose."""

    start: int
    end: int
    entry: Person | Term  # whose form it is
    role: str  # "name", "also" or "wrong"
    form: str  # the form as the sheet writes it


@dataclass(frozen=True)
class EventHit:
    start: int
    end: int
    events: tuple[Event, ...]  # every event listing this name or alias


class NameIndex:
    """People, terms, events and count subjects of one ``Facts``, ready to scan."""

    def __init__(self, facts: Facts) -> None:
        self.facts = facts
        # Person and term spellings: case matters ("the Hague" is wrong, "The Hague" right).
        self._forms: dict[str, list[tuple[Person | Term, str, str]]] = {}
        for person in facts.people:
            self._add(person, "name", person.name)
            for form in person.also:
                self._add(person, "also", form)
            for form in person.wrong:
                self._add(person, "wrong", form)
        for term in facts.terms:
            self._add(term, "name", term.name)
            for form in term.wrong:
                self._add(term, "wrong", form)
        self.names_re = compile_forms(self._forms)
        # Multi-word terms in any capitalisation, to catch "the hague"-style slips the
        # sheet did not list. (Single words are left out: "Labour" the party and
        # "labour" the noun are both right.)
        self._terms_ci: dict[str, Term] = {}
        for term in facts.terms:
            if " " in normalize(term.name):
                self._terms_ci.setdefault(fold(term.name), term)
        self.terms_ci = FoldedForms(self._terms_ci)
        # Events: case does not matter ("the third Belt and Road forum" is the event).
        self._events: dict[str, list[Event]] = {}
        for event in facts.events:
            for form in {fold(f) for f in (event.name, *event.also)}:
                self._events.setdefault(form, []).append(event)
        self.events_ci = FoldedForms(self._events)
        # Count subjects ("ICC", "the court") and nouns ("member states").
        self._about: dict[str, list[Count]] = {}
        for count in facts.counts:
            for form in {fold(f) for f in count.about}:
                self._about.setdefault(form, []).append(count)
        self.about_ci = FoldedForms(self._about)
        self._noun_res: dict[int, FoldedForms] = {}
        self._last_names: tuple[str, list[NameHit]] | None = None

    def _add(self, entry: Person | Term, role: str, form: str) -> None:
        self._forms.setdefault(normalize(form), []).append((entry, role, form))

    def names_in(self, prose: str) -> list[NameHit]:
        """Every person/term form in ``prose`` (cached for the last text scanned)."""
        last = self._last_names
        if last is not None and last[0] is prose:
            return last[1]
        hits: list[NameHit] = []
        forms = self._forms
        for m in find_words(self.names_re, prose):
            for entry, role, form in forms.get(normalize(m.group()), ()):
                hits.append(NameHit(m.start(), m.end(), entry, role, form))
        self._last_names = (prose, hits)
        return hits

    def events_in(self, prose: str) -> list[EventHit]:
        events = self._events
        return [
            EventHit(m.start(), m.end(), tuple(events.get(fold(m.group()), ())))
            for m in self.events_ci.find(prose)
        ]

    def counts_named_in(self, text: str) -> list[Count]:
        """Counts whose ``about`` terms ``text`` names, in sheet order, each once."""
        found: dict[int, Count] = {}
        for m in self.about_ci.find(text):
            for count in self._about.get(fold(m.group()), ()):
                found.setdefault(id(count), count)
        return list(found.values())

    def about_in(self, prose: str) -> list[tuple[int, Count]]:
        """(offset, count) for every mention of a count's subject."""
        about = self._about
        return [
            (m.start(), count)
            for m in self.about_ci.find(prose)
            for count in about.get(fold(m.group()), ())
        ]

    def nouns(self, count: Count) -> FoldedForms:
        """The count's nouns ("member states"), any case, compiled once per count."""
        forms = self._noun_res.get(id(count))
        if forms is None:
            forms = self._noun_res[id(count)] = FoldedForms(count.nouns)
        return forms

    def term_case_variants(self, prose: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term): multi-word terms in another capitalisation than the sheet's."""
        for m in self.terms_ci.find(prose):
            found = normalize(prose[m.start() : m.end()])
            term = self._terms_ci.get(found.lower())
            if term is not None and found != normalize(term.name) and found not in self._forms:
                yield m.start(), m.end(), term

    def is_form(self, text: str) -> bool:
        return normalize(text) in self._forms

    def people_named(self, form: str) -> Sequence[Person]:
        """People with ``form`` as a right or wrong spelling."""
        return [e for e, _, _ in self._forms.get(normalize(form), ()) if isinstance(e, Person)]


def index_for(facts: Facts) -> NameIndex:
    """The index of ``facts``, built on first use and kept with the Facts object."""
    index = facts._cache.get("names")
    if index is None:
        index = facts._cache["names"] = NameIndex(facts)
    return index
