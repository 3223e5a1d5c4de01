"""Fact-sheet rules: the article against what the desk verified.

Every rule here needs a fact sheet (``--facts`` or ``facts = [...]`` in the
configuration) and is skipped without one. Names are found with the sheet's one
compiled index (``newslint.names``), numbers with the grammars in
``newslint.grammars.numbers``, titles with the lexicon in ``newslint/data/titles.toml``.
Every message says what the sheet says and where: the sheet file, line and entry.
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import Iterable, Sequence

from newslint.document import Document, Span
from newslint.facts import Count, Event, Person, Source, Term
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_re
from newslint.rule import Context, Rule

# The name index, the titles lexicon and the number grammars are imported by the rules
# that use them: every rule here is skipped without a fact sheet, as most runs are.

_HYPHEN_WORD_RE = lazy_re(r"[-‐‑]\w")


def _where(source: Source | None) -> str:
    return f" ({source})" if source else ""


def _quote_list(items: Iterable[str]) -> str:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(item.casefold(), item)
    return ", ".join(f'"{t}"' for t in seen.values())


def _sentence(doc: Document, offset: int) -> Span:
    return doc.sentence_at(offset) or Span(0, len(doc.prose))


class NameSpelling(Rule):
    code = "NL201"
    name = "name-spelling"
    severity = Severity.ERROR
    summary = "A name spelled the way the fact sheet lists as wrong, or a term miscapitalised."
    fixable = True
    needs_facts = True
    docs = """
## What it does
Finds a person's or term's spelling that the fact sheet lists under `wrong`
("Sergei Lavrov" where the sheet says "Sergey Lavrov"; "the Hague" where it says
"The Hague"), and a term of two or more words written in another capitalisation
than the sheet's ("Rome statute" for "Rome Statute"). Matching is by whole words,
across line breaks and Markdown emphasis, with straight or curly apostrophes and
possessives ("Sergei Lavrov's").

Left alone: a capitalisation slip inside a compound ("the Hague-based court", where
"the" belongs to the court), all-capital text, the headline (often title case), a
difference only in the first letter at the start of a sentence, and single-word
terms in another case unless listed under `wrong` ("Labour" the party and "labour"
the noun are both right).

## Why is this bad?
A misspelled name is the correction desks print most often; the sheet records the
house spelling someone verified.

## Example
```text
Wang Yi met Sergei Lavrov in Moscow on Monday.
```

## Use instead
```text
Wang Yi met Sergey Lavrov in Moscow on Monday.
```

```toml facts
[[person]]
name = "Sergey Lavrov"
also = ["Lavrov"]
wrong = ["Sergei Lavrov"]
```

The fix replaces the wrong spelling with the sheet's `name`.
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        from newslint.names import index_for, normalize

        index = index_for(ctx.facts)
        prose = doc.prose
        reported: set[tuple[int, int]] = set()
        for hit in index.names_in(prose):
            if hit.role != "wrong" or (hit.start, hit.end) in reported:
                continue
            entry = hit.entry
            case_only = normalize(hit.form).casefold() == normalize(entry.name).casefold()
            if case_only and _HYPHEN_WORD_RE.match(prose, hit.end):
                continue  # "the Hague-based court": "the" belongs to the court
            reported.add((hit.start, hit.end))
            yield self._violation(doc, hit.start, hit.end, entry, listed=True)
        for start, end, term in index.term_case_variants(prose):
            found = prose[start:end]
            if (start, end) in reported or found.isupper():
                continue
            if doc.headline is not None and doc.headline.start <= start < doc.headline.end:
                continue
            if _HYPHEN_WORD_RE.match(prose, end):
                continue
            if _differs_only_first(found, term.name) and _sentence(doc, start).start == start:
                continue  # "The Hague" vs "the Hague": sentence capitals are free
            reported.add((start, end))
            yield self._violation(doc, start, end, term, listed=False)

    def _violation(
        self, doc: Document, start: int, end: int, entry: Person | Term, *, listed: bool
    ) -> Violation:
        found = " ".join(doc.prose[start:end].split())
        why = "lists it as a wrong spelling" if listed else f'writes "{entry.name}"'
        message = (
            f'Write "{entry.name}", not "{found}": the fact sheet {why}{_where(entry.source)}.'
        )
        fix = None
        if doc.text[start:end] == doc.prose[start:end]:  # no markup inside the span
            fix = Fix(start, end, entry.name, title=f'Replace with "{entry.name}"')
        return Violation(start, end, message, fix)


def _differs_only_first(found: str, name: str) -> bool:
    from newslint.names import normalize

    a, b = normalize(found), normalize(name)
    return a[:1].casefold() == b[:1].casefold() and a[1:] == b[1:]


class TitleMismatch(Rule):
    code = "NL202"
    name = "title-mismatch"
    severity = Severity.ERROR
    summary = "A person given a title the fact sheet does not list for them."
    needs_facts = True
    docs = """
## What it does
Finds a title written before a person's name ("Defence Minister Wang Yi", "China's
Defence Minister, Wang Yi,") or in an apposition after it ("Wang Yi, China's defence
minister,") that is not among that person's `titles` on the fact sheet. Titles are
compared without regard to case. What counts as a title is data: the head words
(minister, president, secretary, spokesperson, adviser, leader...) and the words that
may stand in a title are in `newslint/data/titles.toml`.

Deliberately forgiving:
- nationality words and a country's possessive are ignored ("Chinese Defence Minister"
  and "China's Defence Minister" both compare as "defence minister");
- a less specific title passes ("Minister Wang" when the sheet says "Foreign
  Minister"), and so does one with an extra modifier ("Kremlin leader" for "leader");
- a past title is not checked ("former", "then", "ex-", "outgoing": the sheet lists
  titles held now); "acting", "interim" and the like are ignored;
- a rank word is part of the title and must match ("Deputy Foreign Minister" is not
  "Foreign Minister"; nor is "Prime Minister" a "Minister");
- honorifics ("Mr", "Dr", "Lord") are not titles; relational words ("counterpart",
  "aide", "friend") are not titles;
- a person whose sheet entry lists no titles, and a name two people share, are not
  checked.

## Why is this bad?
Giving someone the wrong office is a factual error that needs a correction, and it
is easy to make when several ministers appear in one story.

## Example
```text
Defence Minister Wang Yi arrived in Moscow on Monday.
```

## Use instead
```text
Foreign Minister Wang Yi arrived in Moscow on Monday.
```

```toml facts
[[person]]
name = "Wang Yi"
also = ["Wang"]
titles = ["Foreign Minister", "top diplomat"]
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        from newslint.names import index_for
        from newslint.titles import compatible, title_after, title_before

        index = index_for(ctx.facts)
        prose = doc.prose
        for hit in index.names_in(prose):
            person = hit.entry
            if not isinstance(person, Person) or not person.titles:
                continue
            if len({id(p) for p in index.people_named(hit.form)}) > 1:
                continue  # "Wang" for two people: whose title is it?
            if hit.role == "also" and _another_persons_name(prose, hit.start, hit.end):
                continue  # "Andy Clarke" is not the sheet's Charles Clarke
            sentence = _sentence(doc, hit.start)
            found = title_before(prose, hit.start, sentence.start)
            if found is not None:
                start, end, words, comma = found
                if comma and not _closes_apposition(prose, hit.end, sentence.end):
                    pass  # "after meeting the president, Putin said": not a title
                elif not compatible(words, person.titles):
                    yield self._violation(start, end, words, person)
            for start, end, words in title_after(prose, hit.end, sentence.end):
                if not compatible(words, person.titles):
                    yield self._violation(start, end, words, person)

    def _violation(self, start: int, end: int, words: Sequence[str], person: Person) -> Violation:
        title = " ".join(words)
        return Violation(
            start,
            end,
            f'"{title}" is not a title the fact sheet gives {person.name}; it lists '
            f"{_quote_list(person.titles)}{_where(person.source)}.",
        )


_WORD_BEFORE_RE = lazy_re(r"([^\W\d_][\w'’\-]*\.?)[ \t]*$")
_WORD_AFTER_RE = lazy_re(r"[ \t]+([^\W\d_][\w'’\-]*)")


def _another_persons_name(prose: str, start: int, end: int) -> bool:
    """Whether a short form (a surname) is part of someone else's name: a first name
    or initial before it ("Andy Clarke", "John E. Kelly") or a surname after it
    ("Howard Flight")."""
    from newslint.titles import lexicon

    lex = lexicon()
    before = _WORD_BEFORE_RE.search(prose, max(0, start - 40), start)
    if before:
        word = before.group(1)
        low = word.lower().rstrip(".")
        if (word[:1].isupper() and not lex.is_head(word) and low not in lex.honorifics
                and low not in lex.modifiers and low not in lex.ranks
                and not re.search(r"['’]s?$", word)):
            return True
    after = _WORD_AFTER_RE.match(prose, end)
    return bool(after and after.group(1)[:1].isupper())


def _closes_apposition(prose: str, end: int, sentence_end: int) -> bool:
    rest = prose[end:sentence_end].lstrip(" \t")
    return not rest or rest[0] in ",.;:)—–"


# --- counts -------------------------------------------------------------------------

_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("gt", r"more than|over|upwards of|in excess of|just over|well over|above"),
    ("ge", r"at least|no fewer than|no less than|a minimum of"),
    ("lt", r"fewer than|less than|under|below|just under|well under"),
    ("le", r"up to|at most|no more than|a maximum of"),
    ("near", r"nearly|almost|close to|just shy of|approaching"),
    ("approx", r"about|around|some|roughly|approximately|an estimated|estimated|circa|c\.|"
               r"more or less|or so"),
)
_QUALIFIER_RE = lazy_re(
    r"(?:^|(?<=\W))(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _QUALIFIERS) + r")\s+$",
    re.IGNORECASE,
)
_ANAPHORIC_PAIR_RE = lazy_re(r"(?:^|\W)(?:the|these|those|both|its|their)\s+$", re.IGNORECASE)
_YEAR_RE = lazy_re(r"(?<![\d,.])(1[89]\d\d|20\d\d)(?![\d,])")
_DEFAULT_TOLERANCE = 0.1
# The sentence after one naming the subject is checked only when it opens by referring
# back to it ("It has 500 members"); "Police said 40 officers..." is about someone else.
_REFERS_BACK_RE = lazy_re(
    r"[\"“‘']?(?:It|Its|It's|It’s|They|Their|These|Those|This|All|Both|Altogether|In total|"
    r"Of (?:these|those|them|its|their))\b"
)


_SET_IN_YEAR_RE = lazy_re(
    r"^\W*(?:in|by|until|as of|at the end of)\s+(?:\w+\s+)?(1[89]\d\d|20\d\d)\b|"
    r"\b(?:by|until|as of)\s+(?:\w+\s+)?(1[89]\d\d|20\d\d)\b",
    re.IGNORECASE,
)


def _set_in_another_year(sentence: str, this_year: int | None) -> bool:
    m = _SET_IN_YEAR_RE.search(sentence)
    if m is None:
        return False
    year = int(m.group(1) or m.group(2))
    return year != this_year


def _consistent(claimed: float, qualifier: str | None, value: int, tolerance: float) -> bool:
    if qualifier is None:
        return claimed == value
    if qualifier == "gt":
        return value > claimed
    if qualifier == "ge":
        return value >= claimed
    if qualifier == "lt":
        return value < claimed
    if qualifier == "le":
        return value <= claimed
    if qualifier == "near":
        return claimed * (1 - tolerance) <= value <= claimed
    return abs(value - claimed) <= tolerance * max(claimed, value)  # approx


_MEANING = {
    "gt": "more than", "ge": "at least", "lt": "fewer than", "le": "at most",
    "near": "just under", "approx": "about",
}  # fmt: skip


class CountMismatch(Rule):
    code = "NL203"
    name = "count-mismatch"
    severity = Severity.ERROR
    summary = "A number the fact sheet fixes, written differently."
    needs_facts = True
    docs = """
## What it does
In a sentence that names one of a count's `about` subjects, or in the sentence after
one when that sentence opens by referring back ("It has...", "Its...", "They...",
"Of these..."), finds a number followed by one of the count's `nouns` ("124 member states")
that disagrees with the sheet's `value`. Numbers may be digits ("123", "1,200"),
words ("one hundred and twenty-three", "two dozen") or mixed ("1.2 million").

A number joined to a noun's singular counts too when it describes the whole: "the
124-member ICC", "a 120-nation court" (not "a three-member panel").

What the words before a number claim, and so what is checked:
- no qualifier: an exact claim; the number must equal `value`;
- "more than", "over", "upwards of": `value` must be greater; "at least": greater or
  equal; "fewer than", "less than", "under": smaller; "up to", "at most": smaller or
  equal;
- "nearly", "almost", "close to": `value` must be at most the number and within the
  tolerance below it ("nearly 125" fits 123; "almost 120" does not);
- "about", "around", "some", "roughly", "an estimated": within the tolerance either
  side.

The tolerance is 10% of the number; set it with the option `tolerance` (a fraction,
e.g. `0.05`). Left alone: a sentence set in another year than the article's ("In
2002, 60 countries had ratified...", "by 2010"); a year ("in 2002 member states..."), "the two"/"both"
(a pair already named, not a count), and, in a sentence that states the right
number, any other number (a part of the whole: "of the 123 members, 33 countries...");
when the article states the right number in any checked sentence, a smaller exact
number is taken to count a part too ("Ten countries joined the EU in May").

## Why is this bad?
A count the desk has verified is easy to mistype or to take from an old story.

## Example
```text
The ICC has 124 member states, but Russia is not one of them.
```

## Use instead
```text
The ICC has 123 member states, but Russia is not one of them.
```

```toml facts
[[count]]
about = ["ICC", "International Criminal Court"]
value = 123
nouns = ["member states", "members", "countries"]
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        facts = ctx.facts
        if not facts.counts:
            return
        from newslint.names import index_for

        tolerance = float(ctx.options.get("tolerance", _DEFAULT_TOLERANCE))
        index = index_for(facts)
        prose = doc.prose
        mentions = index.about_in(prose)
        if not mentions:
            return
        sentences = doc.sentences
        starts = [s.start for s in sentences]
        todo: dict[int, dict[int, Count]] = {}  # sentence index -> counts to check there
        for offset, count in mentions:
            i = bisect.bisect_right(starts, offset) - 1
            if i < 0:
                continue
            todo.setdefault(i, {})[id(count)] = count
            after = i + 1
            if after < len(sentences) and _REFERS_BACK_RE.match(prose, sentences[after].start):
                todo.setdefault(after, {})[id(count)] = count
        stated = {id(c) for i, counts in todo.items() for c in counts.values()
                  if self._states_value(prose[sentences[i].start : sentences[i].end], c, index)}
        this_year = ctx.article_date.year if ctx.article_date else None
        for i in sorted(todo):
            sentence = sentences[i]
            text = prose[sentence.start : sentence.end]
            if _set_in_another_year(text, this_year):
                continue  # "In 2002, 60 countries had ratified...": history, not the count now
            for count in todo[i].values():
                yield from self._check_sentence(text, sentence.start, count, index, tolerance,
                                                stated)

    @staticmethod
    def _states_value(text: str, count: Count, index) -> bool:
        """Whether ``text`` states the count's exact value before one of its nouns."""
        from newslint.grammars.numbers import cardinal_ending_at

        for noun_start, _, _ in index.nouns(count).find(text):
            found = cardinal_ending_at(text, noun_start)
            if found is not None and found[1] == count.value:
                return True
        return False

    def _check_sentence(
        self, text: str, base: int, count: Count, index, tolerance: float, stated: set[int]
    ) -> Iterable[Violation]:
        from newslint.grammars.numbers import cardinal_ending_at

        claims = []
        for noun_start, noun_end, _ in index.nouns(count).find(text):
            found = cardinal_ending_at(text, noun_start)
            if found is None:
                continue
            start, claimed = found
            if not text[start:noun_start].strip() or not text[start:noun_start][-1:].isspace():
                continue
            number_text = text[start:noun_start].strip()
            if _YEAR_RE.fullmatch(number_text) and not 1800 <= count.value <= 2099:
                continue
            if claimed == 2 and _ANAPHORIC_PAIR_RE.search(text[:start]):
                continue
            q = _QUALIFIER_RE.search(text[:start])
            qualifier = q.lastgroup if q else None
            qstart = q.start() if q else start
            if q and text[q.start()].isspace():
                qstart = q.start() + 1
            claims.append((qstart, noun_end, claimed, qualifier, start))
        for m in _compound_re(count.nouns).finditer(text):  # "the 124-member court"
            if m.start() and text[m.start() - 1].isalnum():
                continue
            if not _names_the_whole(text, m.end(), count):
                continue  # "a three-member panel" counts something else
            from newslint.grammars.numbers import parse_cardinal

            claimed = parse_cardinal(m.group("number"))
            if claimed is not None:
                q = _QUALIFIER_RE.search(text[: m.start()])
                qualifier = q.lastgroup if q else None
                qstart = (q.start() + (1 if text[q.start()].isspace() else 0)) if q else m.start()
                claims.append((qstart, m.end(), claimed, qualifier, m.start()))
        if any(c[3] is None and c[2] == count.value for c in claims):
            return  # the right number is stated; the others count parts of the whole
        for qstart, end, claimed, qualifier, _ in claims:
            if _consistent(claimed, qualifier, count.value, tolerance):
                continue
            if qualifier is None and id(count) in stated and claimed < count.value:
                continue  # the article states the whole elsewhere: "Ten countries joined"
            found = " ".join(text[qstart:end].split())
            subject = count.about[0]
            if qualifier is None:
                what = f"the fact sheet gives {count.value:,} for {subject}"
            else:
                what = (f'"{_MEANING[qualifier]} {_fmt(claimed)}" does not fit the fact sheet\'s '
                        f"{count.value:,} for {subject}")
            yield Violation(
                base + qstart,
                base + end,
                f'"{found}": {what}{_where(count.source)}; write {count.value:,}.'
                if qualifier is None
                else f'"{found}": {what}{_where(count.source)}.',
            )


@functools.lru_cache(maxsize=256)
def _compound_re(nouns: tuple[str, ...]) -> "re.Pattern[str]":
    """A number joined by a hyphen to a count noun's singular: "123-member", "25-nation"."""
    singulars = set()
    for noun in nouns:
        word = noun.split()[0].lower()
        if word.endswith("ies"):
            word = word[:-3] + "y"
        elif word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        singulars.add(re.escape(word))
    number = r"\d{1,3}(?:,\d{3})+|\d+|[a-z]+(?:-[a-z]+)?"
    return re.compile(
        rf"(?P<number>{number})-(?:{'|'.join(sorted(singulars))})\b(?!-)", re.IGNORECASE
    )


_WHOLE_NOUNS_RE = lazy_re(
    r"\s+(?:body|organi[sz]ation|bloc|group|grouping|alliance|union|court|club|assembly|"
    r"tribunal|institution|league|community|federation|coalition|association|network)\b",
    re.IGNORECASE,
)


_AFTER_WHOLE_RE = lazy_re(
    r"(?:\s*(?:[,.;:)'’]|$)|\s+(?:is|was|has|had|have|said|says|will|would|can|could|which|"
    r"that|who|and|or|in|of|on|to|for|with|at|by|as|from|met|meets|voted|votes|ruled|rules|"
    r"agreed|agrees|issued|issues)\b)",
    re.IGNORECASE,
)


def _names_the_whole(text: str, end: int, count: Count) -> bool:
    """Whether the words after "124-member" name the counted whole and end the phrase:
    "the 124-member ICC said", "a 124-member court," but not "a four-nation EU visit"."""
    m = _WHOLE_NOUNS_RE.match(text, end)
    if m is not None:
        return bool(_AFTER_WHOLE_RE.match(text, m.end()))
    low = text.lower()
    for about in count.about:
        m = re.compile(r"\s+" + r"\s+".join(map(re.escape, about.lower().split()))).match(low, end)
        if m is not None and _AFTER_WHOLE_RE.match(text, m.end()):
            return True
    return False


def _fmt(value: float) -> str:
    return f"{value:,}" if isinstance(value, int) or value != int(value) else f"{int(value):,}"


# --- ordinals -----------------------------------------------------------------------

_CONNECTOR_RE = lazy_re(
    r"\s+(?:round|edition|session|meeting|summit|iteration|instal?lment|gathering)\s+of"
    r"(?:\s+the)?\s*$",
    re.IGNORECASE,
)
_ANNUAL_RE = lazy_re(r"\s+(?:annual|biennial|yearly)\s*$", re.IGNORECASE)
_CAP_WORD_RE = lazy_re(r"\s+[A-Z][\w’'\-]*\s*$")


def _ordinal_before(before: str) -> tuple[int, int] | None:
    """An ordinal that counts the event named right after ``before``: (start, value).

    "the fourth " (directly), "the 19th round of the " (a connector), "the 18th
    China-Russian " (up to two capitalised words between).
    """
    from newslint.grammars.numbers import ordinal_ending_at

    ends = [len(before)]
    pos = len(before)
    for _ in range(2):
        m = _CAP_WORD_RE.search(before, 0, pos)
        if not m:
            break
        pos = m.start()
        ends.append(pos)
    for end in list(ends):
        m = _CONNECTOR_RE.search(before, 0, end)
        if m:
            ends.append(m.start())
    for end in list(ends):
        m = _ANNUAL_RE.search(before, 0, end)
        if m:
            ends.append(m.start())
    for end in ends:
        found = ordinal_ending_at(before, end)
        if found is not None:
            return found
    return None


class OrdinalMismatch(Rule):
    code = "NL204"
    name = "ordinal-mismatch"
    severity = Severity.ERROR
    summary = "An event's ordinal that disagrees with the fact sheet."
    needs_facts = True
    docs = """
## What it does
Finds an ordinal written with an event's name or alias ("the fourth Belt and Road
Forum", "the 19th round of the Strategic Security Consultations") that differs from
the event's `ordinal` on the fact sheet ("third", "3rd" and "third" are the same).
The ordinal may stand right before the name, before "round of", "edition of",
"session of" and the like, or before up to two capitalised words ("the 18th
China-Russia Strategic Security Consultations").

Only an event that the sheets list once by that name or alias is checked. Left
alone: a sentence that names another year than the event's ("the first Belt and
Road Forum in 2017" is an earlier edition); plurals ("the first two forums"); an
ordinal after "a", "his", "their" and the like, which counts someone's own
occasions ("his first Oscars", "a first Six Nations win"); and an event name used
as a modifier of a noun such as win, title, match, show ("the third Six Nations
title" counts titles).

## Why is this bad?
Which edition an event is, is a fact that readers check and that is easy to get
wrong when copy is updated from an earlier year.

## Example
```text
Putin flew to Beijing for the fourth Belt and Road Forum.
```

## Use instead
```text
Putin flew to Beijing for the third Belt and Road Forum.
```

```toml facts
[[event]]
name = "Belt and Road Forum"
ordinal = 3
start = 2023-10-17
end = 2023-10-18
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        if not any(e.ordinal for e in ctx.facts.events):
            return
        from newslint.grammars.numbers import ordinal_digits, ordinal_word
        from newslint.names import index_for

        index = index_for(ctx.facts)
        prose = doc.prose
        for hit in index.events_in(prose):
            if len(hit.events) != 1 or hit.events[0].ordinal is None:
                continue
            event = hit.events[0]
            sentence = _sentence(doc, hit.start)
            before = prose[max(sentence.start, hit.start - 120) : hit.start]
            found = _ordinal_before(before)
            if found is None:
                continue
            start, value = found
            if value == event.ordinal:
                continue
            base = hit.start - len(before)
            if _NOT_THE_EVENTS_RE.search(before, 0, start):
                continue  # "a first Six Nations win", "his first Oscars": not the edition
            if _ATTRIBUTIVE_RE.match(prose, hit.end):
                continue  # "the third Six Nations title": counts titles, not editions
            if _other_year(prose[sentence.start : sentence.end], event):
                continue
            written = before[start:].split()[0] if before[start:].split() else ""
            right = (ordinal_digits(event.ordinal) if written[:1].isdigit()
                     else ordinal_word(event.ordinal))
            yield Violation(
                base + start,
                hit.end,
                f'"{" ".join(prose[base + start : hit.end].split())}": the fact sheet says '
                f"{event.name} is the {ordinal_word(event.ordinal)} ({ordinal_digits(event.ordinal)})"
                f"{_where(event.source)}; write \"{right}\".",
            )


# An ordinal after these counts someone's own occasions, not the event's editions.
_NOT_THE_EVENTS_RE = lazy_re(
    r"(?:^|\W)(?:a|an|his|her|their|its|my|our|your|whose)\s+$", re.IGNORECASE
)
# An event name used as a modifier: the ordinal counts the noun after it.
_ATTRIBUTIVE_RE = lazy_re(
    r"\s+(?:win|wins|victory|victories|defeat|defeats|loss|match|matches|game|games|start|"
    r"starts|debut|title|titles|series|campaign|campaigns|show|nomination|nominations|"
    r"appearance|appearances|outing|season|try|tries|cap|caps|trophy|crown|clash|fixture|"
    r"fixtures|performance|goal|goals|point|points|success|triumph|record|hat-trick|"
    r"award|awards|winner|winners|party|parties|ceremony|speech|host|hosting|session|sessions|"
    r"round|rounds|day|days)\b",
    re.IGNORECASE,
)


def _other_year(sentence: str, event: Event) -> bool:
    years = {d.year for d in (event.start, event.end) if d is not None}
    return any(int(y) not in years for y in _YEAR_RE.findall(sentence))


RULES = (NameSpelling, TitleMismatch, CountMismatch, OrdinalMismatch)
