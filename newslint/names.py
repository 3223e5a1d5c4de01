"""One fast index of every name a fact sheet lists, built once per ``Facts``.

No loop over entries per sentence, and almost nothing compiled per sheet:

- people and term spellings (most of a big sheet), matched with their case: one fixed
  pattern finds the words that may begin with a capital, a table of first words says
  which could begin a form, and only those are compared word by word (``CasedForms``);
  the few forms that begin otherwise ("the Hague") are one small trie;
- events, count subjects and term capitalisation, matched in any case: one trie of
  their distinct first words over a lower-cased copy of the text, shared by all three
  (``FoldedForms``).

So scanning costs the same for a sheet of ten names as for ten thousand. Forms match
as whole words, with any run of whitespace between words (a line break, or Markdown
emphasis blanked to spaces), straight or curly apostrophes, any hyphen, and a
possessive after the name ("Xi’s"); "Xi’an" is not "Xi".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from newslint.document import lowered
from newslint.facts import Count, Event, Facts, Person, Term
from newslint.lazy import lazy_re

_APOSTROPHES = "'’‘ʼ"
_HYPHENS = "-‐‑"
# After a form: not inside a word. A possessive ("Xi’s") is allowed; "Xi’an" is not.
# (The stdlib ``re`` is used here, not ``regex``: for a trie it skips to candidate
# first characters and scans many times faster. Its ``\w`` is Unicode-aware; the word
# boundary before a match is checked in Python, which keeps that skip working.)
_END = r"(?:(?=['’]s(?!\w))|(?!\w|['’][^\W\d_]))"
_SPACE_RE = lazy_re(r"\s+")


def normalize(form: str) -> str:
    """The lookup key of a form or of matched text: one space, one apostrophe, one hyphen."""
    if _SIMPLE_FORM_RE.fullmatch(form):
        return form  # words and single spaces only (most names): nothing to change
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


class FoldedForms:
    """Forms matched in any case (events, count subjects, nouns, term capitalisation).

    A small trie of the forms' distinct first words, compiled once per sheet, finds
    candidates in a lower-cased copy of the text (same offsets whenever lower-casing
    keeps the length, which is nearly always; otherwise the text is skipped); the
    rest of each form is compared word by word, as in ``CasedForms``. Forms of several
    kinds share one scan: ``find_all`` gives the hits of each kind.
    """

    def __init__(self, forms: Iterable[str | tuple[str, str]]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str, str]]] = {}
        seen: set[tuple[str, str]] = set()
        for item in forms:
            kind, form = item if isinstance(item, tuple) else ("", item)
            form = form.lower()
            if not form.strip() or (kind, form) in seen:
                continue
            seen.add((kind, form))
            parsed = _split(form)
            if parsed is not None:
                words, gaps = parsed
                self._by_first.setdefault(words[0], []).append((words, gaps, kind, form))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: (c[2], -len(c[0])))  # by kind, longest first
        # The words scanned for: the first words, except a common one ("the court")
        # whose forms all have a further word; those are found by their least common
        # later word ("court") and traced back to where they would start.
        self._firsts: set[str] = set()
        self._anchors: dict[str, list[tuple[int, str]]] = {}
        for first, candidates in self._by_first.items():
            if first not in _COMMON_WORDS or any(len(c[0]) < 2 for c in candidates):
                self._firsts.add(first)
                continue
            for words, _, _, _ in candidates:
                k = max(range(1, len(words)),
                        key=lambda i: (words[i] not in _COMMON_WORDS, len(words[i]), -i))
                anchors = self._anchors.setdefault(words[k], [])
                if (k, first) not in anchors:
                    anchors.append((k, first))
        scan = self._scan_words = sorted(self._firsts | self._anchors.keys())
        # Whole words only. (The look-behind costs the scan its skip to the first
        # letters; it is used only for more words than _FIND_EACH_UP_TO, whose first
        # letters are most of the alphabet anyway: 104 -> 88 ms over dev for 2,422.)
        self._scan = (re.compile(r"(?<![^\W_])(?:" + trie_pattern(scan) + r")(?![^\W_])")
                      if scan else None)
        self._last: tuple[str, dict[str, list[tuple[int, int, str]]]] | None = None

    def find_all(self, text: str) -> dict[str, list[tuple[int, int, str]]]:
        """Hits by kind: (start, end, lower-cased form), no overlaps within a kind.
        Kept for the last text scanned."""
        last = self._last
        if last is not None and last[0] is text:
            return last[1]
        hits: dict[str, list[tuple[int, int, str]]] = {}
        low = lowered(text)
        if self._scan is not None and len(low) == len(text):
            by_first = self._by_first
            busy: dict[str, int] = {}
            for start in sorted(starts := self._starts(low)):
                if start and _is_word_char(low[start - 1]):
                    continue  # inside a word
                if start >= 2 and low[start - 1] in _APOSTROPHES and low[start - 2].isalnum():
                    continue
                first = starts[start]
                done: set[str] = set()
                for words, gaps, kind, form in by_first[first]:
                    if kind in done or busy.get(kind, -1) > start:
                        continue
                    end = _extend(low, start + len(first), words, gaps)
                    if end is not None:
                        hits.setdefault(kind, []).append((start, end, form))
                        busy[kind] = end
                        done.add(kind)
        self._last = (text, hits)
        return hits

    def _starts(self, low: str) -> dict[int, str]:
        """Offset -> first word, of every word of ``low`` that is a form's first word
        and may start one: all of them for a scanned first word, those a later word
        of a form leads back to for a common one."""
        starts: dict[int, str] = {}
        firsts, anchors = self._firsts, self._anchors
        for p, word in self._words_at(low):
            if word in firsts:
                starts[p] = word
            for k, first in anchors.get(word, ()):
                span = _word_before(low, p, k)
                if span is not None and low[span[0] : span[1]] == first:
                    starts[span[0]] = first
        return starts

    def _words_at(self, low: str) -> Iterator[tuple[int, str]]:
        """(offset, word) of every whole word of ``low`` that is scanned for. A few
        words are looked for one by one (a substring search runs at memory speed);
        many, by one pass of their trie."""
        n = len(low)
        if len(self._scan_words) <= _FIND_EACH_UP_TO:
            find = low.find
            for word in self._scan_words:
                size = len(word)
                p = find(word)
                while p >= 0:
                    end = p + size
                    if (not p or not low[p - 1].isalnum()) and (end == n or not low[end].isalnum()):
                        yield p, word
                    p = find(word, end)
            return
        search = self._scan.search  # type: ignore[union-attr]
        pos = 0
        while (m := search(low, pos)) is not None:
            p = m.start()
            if p and low[p - 1].isalnum():
                pos = p + 1  # inside a word: a real one may still start further on
                continue
            pos = m.end()
            yield p, m.group()

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Hits of forms given without a kind."""
        return self.find_all(text).get("", [])


def _word_before(text: str, pos: int, k: int) -> tuple[int, int] | None:
    """(start, end) of the ``k``-th run of letters and digits before ``pos``."""
    isalnum = str.isalnum
    for _ in range(k):
        while pos and not isalnum(text[pos - 1]):
            pos -= 1
        if not pos:
            return None
        end = pos
        while pos and isalnum(text[pos - 1]):
            pos -= 1
    return pos, end


# Up to this many words to scan for, each is searched for as a substring (at memory
# speed); more, and one pass of their trie costs less.
_FIND_EACH_UP_TO = 32

# Words too common to scan for as the first word of a form ("the court", "a week of
# action"): a scan would stop at each of them in every article.
_COMMON_WORDS = frozenset(
    """the a an of and or in on at to for by with from as into over under about after
    before this that these those its his her their our new""".split()
)


def _split(form: str) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """A form's words and the separators between them (None when it has no words)."""
    if _SIMPLE_FORM_RE.fullmatch(form):
        words = tuple(form.split(" "))
        return words, ("",) * (len(words) - 1)
    units = [(m.start(), m.end(), m.group()) for m in _UNIT_RE.finditer(form)]
    if not units:
        return None
    words = tuple(u[2] for u in units)
    return words, tuple(_gap_key(form[a[1] : b[0]]) for a, b in zip(units, units[1:]))


def fold(form: str) -> str:
    """The key of a form matched in any case."""
    return normalize(form).lower()


_UNIT_RE = lazy_re(r"[^\W_]+")  # a run of letters and digits
_SIMPLE_FORM_RE = lazy_re(r"[^\W_]+(?: [^\W_]+)*")  # words and single spaces only
# A word that may start with a capital letter (Latin, Greek, Cyrillic); the lookup
# table of first words decides. Compiled once: no per-sheet compiling.
# (No look-behind for the word boundary: it would cost the scan its first-character
# skip, three times slower; the boundary is checked on each hit instead.)
_CAPITAL_WORD_RE = lazy_re(r"[A-ZÀ-ÖØ-ÞĀ-ɏͰ-ϿЀ-ӿ][^\W_]*")
_CAPITAL_START_RE = lazy_re(r"[A-ZÀ-ÖØ-ÞĀ-ɏͰ-ϿЀ-ӿ]")
_GAP_TABLE = str.maketrans({**{a: "'" for a in _APOSTROPHES}, **{h: "-" for h in _HYPHENS}})


def _gap_key(gap: str) -> str:
    """What separates two words, compared without whitespace: "" for spaces, "'", "-"."""
    return "".join(gap.split()).translate(_GAP_TABLE)


class CasedForms:
    """Forms matched with their case, by a dictionary of first words.

    A sheet's people and terms are most of its size, and nearly all of their forms
    begin with a capital. Those are found without compiling anything for the sheet:
    one fixed pattern finds words that may begin with a capital, the first-word table
    says which could begin a form, and only those are compared word by word. The
    few forms that begin otherwise ("the Hague", "de Gaulle") are one small trie.
    """

    def __init__(self, forms: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...], str]]] = {}
        other: list[str] = []
        for form in forms:
            parsed = _split(form)
            if parsed is None:
                continue
            words, gaps = parsed
            first = words[0]
            if form.startswith(first) and _CAPITAL_WORD_RE.fullmatch(first) and first[0].isupper():
                self._by_first.setdefault(first, []).append((words, gaps, form))
            else:
                other.append(form)
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))  # the longest form first
        # First word -> the second words of its forms (none when one is a single word):
        # "The" is looked for only in a text holding "Hague".
        self._seconds: dict[str, tuple[str, ...]] = {
            first: () if any(len(c[0]) < 2 for c in candidates)
            else tuple(dict.fromkeys(c[0][1] for c in candidates))
            for first, candidates in self._by_first.items()
        }
        self._other = compile_forms(other) if other else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, form) of every form in ``text``, longest at each place, no overlaps."""
        hits: list[tuple[int, int, str]] = []
        by_first = self._by_first
        busy = -1
        for start, first in self._firsts_at(text):
            if start < busy or (start and text[start - 1].isalnum()):
                continue  # inside a hit, or inside a word ("iPhone")
            if start >= 2 and text[start - 1] in _APOSTROPHES and text[start - 2].isalnum():
                continue  # "O’Brien": not a word of its own
            for words, gaps, form in by_first[first]:
                end = _extend(text, start + len(first), words, gaps)
                if end is not None:
                    hits.append((start, end, form))
                    busy = end
                    break
        if self._other is not None:
            extra = [(m.start(), m.end(), normalize(m.group())) for m in find_words(self._other, text)]
            if extra:
                merged: list[tuple[int, int, str]] = []
                for hit in sorted(hits + extra, key=lambda h: (h[0], -h[1])):
                    if not merged or hit[0] >= merged[-1][1]:
                        merged.append(hit)
                hits = merged
        return hits


    def _firsts_at(self, text: str) -> list[tuple[int, str]]:
        """(offset, word), in order, of the capitalised words of ``text`` that some
        form begins with: those words are picked from the text's distinct capitalised
        words, and only they are looked for (the text's other capitals cost no Python)."""
        by_first = self._by_first
        seconds = self._seconds
        present = [w for w in set(_CAPITAL_WORD_RE.findall(text)) if w in by_first
                   and (not (after := seconds[w]) or any(x in text for x in after))]
        if not present:
            return []
        found: list[tuple[int, str]] = []
        n = len(text)
        find = text.find
        for word in present:
            size = len(word)
            p = find(word)
            while p >= 0:
                end = p + size
                if end == n or not text[end].isalnum():
                    if p and not text[p - 1].isalnum() and _CAPITAL_START_RE.match(text, p - 1):
                        # After a capital that is no letter ("҂"): where the scan
                        # of capitalised words would start is not clear; let it say.
                        return [(m.start(), m.group()) for m in _CAPITAL_WORD_RE.finditer(text)
                                if m.group() in by_first]
                    # (One inside a word, "iPhone", is left for the caller to refuse.)
                    found.append((p, word))
                p = find(word, end)
        found.sort()
        return found


def _extend(text: str, pos: int, words: tuple[str, ...], gaps: tuple[str, ...]) -> int | None:
    """The end of a form whose first word ends at ``pos``, or None when it is not there."""
    search = _UNIT_RE.search
    for word, gap in zip(words[1:], gaps):
        m = search(text, pos)
        if m is None or m.group() != word or _gap_key(text[pos : m.start()]) != gap:
            return None
        pos = m.end()
    if pos < len(text) and text[pos] in _APOSTROPHES:
        m = _UNIT_RE.match(text, pos + 1)
        if m is not None and m.group() not in ("s", "S"):
            return None  # "Xi’an" is not "Xi"; "Xi’s" is
    return pos


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
        self.names = CasedForms(self._forms)
        # Multi-word terms in any capitalisation, to catch "the hague"-style slips the
        # sheet did not list. (Single words are left out: "Labour" the party and
        # "labour" the noun are both right.)
        self._terms_ci: dict[str, Term] = {}
        for term in facts.terms:
            if " " in normalize(term.name):
                self._terms_ci.setdefault(fold(term.name), term)
        # Events: case does not matter ("the third Belt and Road forum" is the event).
        self._events: dict[str, list[Event]] = {}
        for event in facts.events:
            for form in {fold(f) for f in (event.name, *event.also)}:
                self._events.setdefault(form, []).append(event)
        # Count subjects ("ICC", "the court"); their nouns are matched per sentence.
        self._about: dict[str, list[Count]] = {}
        for count in facts.counts:
            for form in {fold(f) for f in count.about}:
                self._about.setdefault(form, []).append(count)
        self.folded = FoldedForms(
            [*(("term", f) for f in self._terms_ci), *(("event", f) for f in self._events),
             *(("about", f) for f in self._about)]
        )
        self._noun_res: dict[tuple[str, ...], FoldedForms] = {}
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
        for start, end, key in self.names.find(prose):
            for entry, role, form in forms.get(key, ()):
                hits.append(NameHit(start, end, entry, role, form))
        self._last_names = (prose, hits)
        return hits

    def events_in(self, prose: str) -> list[EventHit]:
        events = self._events
        return [
            EventHit(start, end, tuple(events.get(key, ())))
            for start, end, key in self.folded.find_all(prose).get("event", ())
        ]

    def about_in(self, prose: str) -> list[tuple[int, Count]]:
        """(offset, count) for every mention of a count's subject."""
        about = self._about
        return [
            (start, count)
            for start, _, key in self.folded.find_all(prose).get("about", ())
            for count in about.get(key, ())
        ]

    def nouns(self, count: Count) -> FoldedForms:
        """The count's nouns ("member states"), any case, compiled once per list of nouns."""
        forms = self._noun_res.get(count.nouns)
        if forms is None:
            forms = self._noun_res[count.nouns] = FoldedForms(count.nouns)
        return forms

    def term_case_variants(self, prose: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term): multi-word terms in another capitalisation than the sheet's."""
        for start, end, key in self.folded.find_all(prose).get("term", ()):
            found = normalize(prose[start:end])
            term = self._terms_ci.get(key)
            if term is not None and found != normalize(term.name) and found not in self._forms:
                yield start, end, term

    def people_named(self, form: str) -> Sequence[Person]:
        """People with ``form`` as a right or wrong spelling."""
        return [e for e, _, _ in self._forms.get(normalize(form), ()) if isinstance(e, Person)]


def index_for(facts: Facts) -> NameIndex:
    """The index of ``facts``, built on first use and kept with the Facts object."""
    index = facts._cache.get("names")
    if index is None:
        index = facts._cache["names"] = NameIndex(facts)
    return index
