"""In-article consistency: the article disagreeing with itself, no fact sheet needed.

Each rule finds the forms one thing takes in the article, and when there are two, it
reports the less frequent form at each place it occurs, pointing to the line of the
other (on a tie, the later form is the one reported: the first is taken as meant).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Iterator

import regex

from newslint.document import Document
from newslint.findings import Fix, Severity, Violation
from newslint.proper_names import (
    CONNECTORS,
    PLACE_WORDS,
    Mention,
    is_sentence_initial,
    name_mentions,
    spelling_variants,
    strip_possessive,
)
from newslint.rule import Context, Rule


@dataclass(frozen=True)
class Place:
    """One occurrence of one form."""

    start: int
    end: int
    form: str


def _minority(groups: dict[str, list[Place]]) -> tuple[str, list[str]]:
    """The form to keep (most frequent; on a tie the first used) and the others."""
    order = sorted(groups, key=lambda f: (-len(groups[f]), groups[f][0].start))
    return order[0], order[1:]


def _line(doc: Document, offset: int) -> int:
    return doc.lines.position(offset).line


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


# --------------------------------------------------------------------------- names


class NameInconsistent(Rule):
    code = "NL401"
    name = "name-inconsistent"
    severity = Severity.WARNING
    summary = 'One person\'s name spelled two ways in one article ("Sergei" ... "Sergey").'
    docs = """
## What it does
Compares the capitalised names in an article and finds one name spelled two ways:
"Sergei Lavrov" and "Sergey Lavrov", "Zelensky" and "Zelenskyy", "Kilroy-Silk" and
"Kilroy-Silke". It reports the less frequent spelling at each place, pointing to the
line of the other. A name counts as a person's when it has an honorific ("Mr", "Dr")
or a given name and a surname. Different people who share a family name ("Ed and
David Miliband", "Gordon Brown" and "Des Browne") are left alone: their given names
differ. Plurals and derived words ("Russia", "Russian") are never variants.

## Why is this bad?
Readers notice a name spelled two ways, and one of the two is wrong. Transliterated
names (Russian, Ukrainian, Arabic) are the usual victims when copy is merged from two
wires.

## Example
```text
Lavrov meets Wang in Moscow

Russian Foreign Minister Sergey Lavrov met his Chinese counterpart on Monday.

Mr Lavrov said the talks were useful. Sergei Lavrov will visit Beijing in October.
```

## Use instead
```text
Lavrov meets Wang in Moscow

Russian Foreign Minister Sergey Lavrov met his Chinese counterpart on Monday.

Mr Lavrov said the talks were useful. Sergey Lavrov will visit Beijing in October.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        mentions = [m for m in name_mentions(doc) if m.name]
        yield from _surname_variants(doc, mentions)
        yield from _given_name_variants(doc, mentions)


def _person_forms(mentions: list[Mention]) -> tuple[dict[str, list[Place]], dict[str, set[str]], set[str]]:
    """Surname form -> places; surname form -> given names seen; forms seen as persons."""
    places: dict[str, list[Place]] = defaultdict(list)
    given: dict[str, set[str]] = defaultdict(set)
    persons: set[str] = set()
    for m in mentions:
        sur = m.surname
        assert sur is not None
        form = strip_possessive(sur.text)
        if not _name_word(form):
            continue
        if m.sentence_initial and len(m.words) == 1:
            # A lone capital opening a sentence may be any word; count it only as a
            # further place of a form seen elsewhere.
            places[form].append(Place(sur.start, sur.start + len(form), form))
            continue
        places[form].append(Place(sur.start, sur.start + len(form), form))
        if m.person_like:
            persons.add(form)
            if m.given:
                given[form].add(" ".join(strip_possessive(t.text) for t in m.given))
    return places, given, persons


_NAME_WORD_RE = regex.compile(r"^\p{Lu}[\p{Ll}\p{M}'’\-\p{Lu}]*\p{Ll}[\p{Ll}\p{M}]*$")


def _name_word(form: str) -> bool:
    return bool(_NAME_WORD_RE.match(form)) and len(form) >= 4 and form not in PLACE_WORDS


def _list_like(doc: Document, offset: int) -> bool:
    """A team sheet or a list of names ("Horan, Horgan, Miller"): names there are many
    and alike, and a near-miss is more often two people than one misspelled."""
    i = doc.paragraph_index(offset)
    if i < 0:
        return False
    para = doc.paragraphs[i]
    chunk = doc.prose[para.start : para.end]
    words = max(1, len(chunk.split()))
    return words < 4 or (chunk.count(",") + chunk.count(";")) / words >= 0.2


def _compatible(g1: set[str], g2: set[str]) -> bool:
    """Given names that could belong to one person (none known counts as could)."""
    if not g1 or not g2:
        return True
    return all(_same_given(a, b) for a in g1 for b in g2)


def _same_given(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    if a == b or spelling_variants(wa, wb):
        return True
    # "George W" and "George": one person with and without a middle initial.
    return len(wa) != len(wb) and wa[0] == wb[0]


def _surname_variants(doc: Document, mentions: list[Mention]) -> Iterator[Violation]:
    places, given, persons = _person_forms(mentions)
    forms = sorted(places)
    reported: set[tuple[int, int]] = set()
    for i, a in enumerate(forms):
        for b in forms[i + 1 :]:
            if a[:1] != b[:1] or not (a in persons or b in persons):
                continue
            if not spelling_variants(a, b) or not _compatible(given[a], given[b]):
                continue
            keep, others = _minority({a: places[a], b: places[b]})
            first_keep = places[keep][0].start
            for other in others:
                for p in places[other]:
                    if (p.start, p.end) in reported or _list_like(doc, p.start):
                        continue
                    reported.add((p.start, p.end))
                    yield Violation(
                        p.start, p.end,
                        f'"{other}" is spelled "{keep}" on line {_line(doc, first_keep)} '
                        f'({_times(len(places[keep]))}): use one spelling of this name.',
                        Fix(p.start, p.end, keep, title=f'Write "{keep}"', safe=False),
                    )


def _given_name_variants(doc: Document, mentions: list[Mention]) -> Iterator[Violation]:
    """"Sergei Lavrov" ... "Sergey Lavrov": one surname, given names spelled two ways."""
    by_surname: dict[str, dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
    for m in mentions:
        if len(m.name) < 2 or not m.person_like:
            continue
        first = m.name[0]
        form = first.text
        if not _name_word(form):
            continue
        by_surname[strip_possessive(m.name[-1].text)][form].append(
            Place(first.start, first.end, form))
    for groups in by_surname.values():
        if len(groups) < 2:
            continue
        keep, others = _minority(groups)
        for other in others:
            if not spelling_variants(keep, other):
                continue  # "Ed" and "David" Miliband: two people
            for p in groups[other]:
                if _list_like(doc, p.start):
                    continue
                yield Violation(
                    p.start, p.end,
                    f'"{other}" is spelled "{keep}" on line {_line(doc, groups[keep][0].start)} '
                    f'({_times(len(groups[keep]))}): use one spelling of this name.',
                    Fix(p.start, p.end, keep, title=f'Write "{keep}"', safe=False),
                )


RULES = (NameInconsistent,)
