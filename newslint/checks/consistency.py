"""In-article consistency: the article disagreeing with itself, no fact sheet needed.

Each rule finds the forms one thing takes in the article, and when there are two, it
reports the less frequent form at each place it occurs, pointing to the line of the
other (on a tie, the later form is the one reported; the names rule then says that
either may be the slip).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from itertools import compress, islice
from operator import itemgetter
from typing import Iterable, Iterator, NamedTuple

from newslint.document import Document, Tokens
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_regex
from newslint.proper_names import (
    CONNECTORS,
    PLACE_WORDS,
    Mention,
    _allowed_edits,
    _bag_distance,
    _one_edit_possible,
    fold_accents,
    is_person_like,
    is_sentence_initial,
    name_mentions,
    spelling_variants,
    strip_possessive,
)
from newslint.rule import Context, Rule


class Place(NamedTuple):
    """One occurrence of one form (a tuple: an article has hundreds)."""

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
line of the other. When both spellings are used as often, it reports the later one and
says that either may be the slip ("Activison" first, "Activision" after is as likely
as the reverse): check which is right. A name counts as a person's when it has an
honorific ("Mr", "Dr") or a given name and a surname. Different people who share a family name ("Ed and
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
        mentions = name_mentions(doc)
        if not _variants_possible(mentions):
            return  # most articles: no two names in it are close spellings
        places, given, persons, people = _person_forms(mentions)
        yield from _surname_variants(doc, places, given, persons)
        yield from _given_name_variants(doc, people)


def _variants_possible(mentions: list[Mention]) -> bool:
    """Whether two surnames, or two given names before one surname, are spelling
    variants: without that, neither check can report. Asked of the distinct words only,
    before anything is looked up per mention."""
    # (The mentions' names and last words picked in C: an article has hundreds.)
    names = list(map(_NAME, mentions))
    by_letter: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for entry in set(map(_surname_entry, set(map(_TEXT, map(_LAST, names))))):
        if entry is not None:
            by_letter[entry[2][:1]].append(entry)
    for forms in by_letter.values():  # (the rule pairs only forms with one first letter)
        if len(forms) < 2:
            continue
        if len(forms) >= _INDEX_FROM:
            return True  # a long document: the rule's own index of close pairs decides
        forms.sort()
        n = len(forms)
        for x in range(n - 1):
            la, fa, a = forms[x]
            # Sorted by length: the later forms are as long or longer. Below five
            # letters only an accent may differ (forms folded alike are adjacent); then
            # one letter of length, from ten letters two (``_may_be_variants``).
            reach = _allowed_edits(la)
            for y in range(x + 1, n):
                lb, fb, b = forms[y]
                if lb - la > reach or (not reach and fb != fa):
                    break
                if _may_be_variants(fa, fb) and _variants_either_way(a, b):
                    return True
    given: dict[str, set[str]] = defaultdict(set)
    multi = list(compress(names, map((2).__le__, map(len, names))))  # two words or more
    for surname, first in set(zip(map(_TEXT, map(_LAST, multi)), map(_TEXT, map(_FIRST, multi)))):
        given[strip_possessive(surname)].add(first)
    for firsts in given.values():
        if len(firsts) >= 2:
            ordered = sorted(firsts)
            folded = [_folded_word(w) for w in ordered]  # (the cheap test first, as above)
            n = len(ordered)
            if any(_may_be_variants(folded[x], folded[y])
                   and _variants_either_way(ordered[x], ordered[y])
                   for x in range(n) for y in range(x + 1, n)):
                return True
    return False


def _folded_word(word: str) -> str:
    """A word as ``_may_be_variants`` compares it: no possessive, case and accents folded."""
    word = strip_possessive(word)
    return word.casefold() if word.isascii() else fold_accents(word)


_NAME = itemgetter(4)  # Mention.name
_FIRST = itemgetter(0)
_LAST = itemgetter(-1)


@lru_cache(maxsize=16384)
def _surname_entry(word: str) -> tuple[int, str, str] | None:
    """(folded length, folded form, form) of a mention's last word, when it is a name
    word (the form without a possessive)."""
    form = strip_possessive(word)
    if not _name_word(form):
        return None
    folded = _folded_word(form)
    return len(folded), folded, form
_TEXT = itemgetter(2)  # Token.text


def _variants_either_way(a: str, b: str) -> bool:
    """``spelling_variants`` in both orders (the rule asks in its own order)."""
    return spelling_variants(a, b) or spelling_variants(b, a)


def _person_forms(mentions: list[Mention]) -> tuple[dict[str, list[Place]], dict[str, set[str]],
                                                   set[str], list[Mention]]:
    """Surname form -> places; surname form -> given names seen; forms seen as persons;
    the persons' mentions of two words or more (for their given names).

    Whether a mention is a person's is asked only where the answer is used.
    """
    places: dict[str, list[Place]] = defaultdict(list)
    given: dict[str, set[str]] = defaultdict(set)
    persons: set[str] = set()
    people: list[Mention] = []
    for m in mentions:
        name = m.name
        if not name:
            continue
        person = None
        if len(name) >= 2:
            person = is_person_like(m)
            if person:
                people.append(m)
        sur = name[-1]
        text = sur[2]
        form = text if "'" not in text and "’" not in text else strip_possessive(text)
        if not _name_word(form):
            continue
        places[form].append(Place(sur[0], sur[0] + len(form), form))
        if m.sentence_initial and len(m.words) == 1:
            # A lone capital opening a sentence may be any word; count it only as a
            # further place of a form seen elsewhere.
            continue
        if person is None:
            person = is_person_like(m)
        if person:
            persons.add(form)
            if len(name) >= 2:
                given[form].add(" ".join(strip_possessive(t.text) for t in name[:-1]))
    return places, given, persons, people


_NAME_WORD_RE = lazy_regex(r"^\p{Lu}[\p{Ll}\p{M}'’\-\p{Lu}]*\p{Ll}[\p{Ll}\p{M}]*$")


@lru_cache(maxsize=16384)
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


def _deletions(word: str, depth: int) -> set[str]:
    """``word`` and every string made from it by deleting up to ``depth`` characters
    (each set of positions once: two deletions are made in order, not both ways)."""
    found = {word}
    if depth <= 0:
        return found
    n = len(word)
    ones = [word[:k] + word[k + 1 :] for k in range(n)]
    found.update(ones)
    if depth == 1:
        return found
    # Deleting position k >= i from ``ones[i]`` deletes position k + 1 > i of ``word``.
    found.update([w[:k] + w[k + 1 :] for i, w in enumerate(ones) for k in range(i, n - 1)])
    if depth > 2:  # (no allowance is this large; kept exact all the same)
        for _ in range(depth - 2):
            found |= {w[:k] + w[k + 1 :] for w in found for k in range(len(w))}
    return found


# Below this many forms with one first letter, comparing every pair is cheaper than
# indexing them (an article has a few dozen surnames; a long document, thousands).
_INDEX_FROM = 40


def _candidate_pairs(forms: list[str]) -> list[tuple[int, int]]:
    """Index pairs ``i < j``, in order, of the sorted ``forms`` that can be spelling
    variants: those sharing a first letter (the rule requires it), and in a long
    document only the close ones (see ``_close_pairs``)."""
    pairs: list[tuple[int, int]] = []
    start = 0
    while start < len(forms):
        end = start + 1
        while end < len(forms) and forms[end][:1] == forms[start][:1]:
            end += 1  # sorted: the forms with one first letter are adjacent
        if end - start < _INDEX_FROM:
            pairs.extend((i, j) for i in range(start, end) for j in range(i + 1, end))
        else:
            pairs.extend(_close_pairs(forms, start, end))
        start = end
    return pairs


def _close_pairs(forms: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """The pairs of ``forms[start:end]`` whose words are close enough to be variants.

    Exact, not a heuristic: variants' accent-folded words are within
    ``_allowed_edits`` edits (none below five letters), so they share a string reached
    from both by that many deletions at most (a substitution is a deletion on each
    side; an insertion, one on the other). Keying the forms by those strings finds
    every such pair without comparing all pairs.
    """
    owner: dict[str, int] = {}  # key -> the first form with it
    shared: dict[str, list[int]] = {}  # key -> every form with it, when two or more have it
    claim = owner.setdefault
    for i in range(start, end):
        folded = fold_accents(strip_possessive(forms[i]))
        # The forms here share their first letter, and two words that do are as many
        # edits apart as the rest of them: only the rest is keyed.
        for key in _deletions(folded[1:], _allowed_edits(len(folded))):
            first = claim(key, i)
            if first != i:
                ids = shared.get(key)
                if ids is None:
                    shared[key] = [first, i]
                else:
                    ids.append(i)
    pairs: set[tuple[int, int]] = set()
    for ids in shared.values():  # (each in increasing order)
        for x, i in enumerate(ids):
            for j in ids[x + 1 :]:
                pairs.add((i, j))
    return sorted(pairs)


def _surname_variants(doc: Document, places: dict[str, list[Place]], given: dict[str, set[str]],
                      persons: set[str]) -> Iterator[Violation]:
    forms = sorted(places)
    # Case- and accent-folded: a cheap test of length and first letter before the
    # fuzzy match (see ``_may_be_variants``).
    folded = [fold_accents(strip_possessive(f)) for f in forms]
    reported: set[tuple[int, int]] = set()
    for i, j in _candidate_pairs(forms):
        a, b = forms[i], forms[j]
        if a[:1] != b[:1] or not (a in persons or b in persons):
            continue
        if not _may_be_variants(folded[i], folded[j]):
            continue
        if not spelling_variants(a, b) or not _compatible(given[a], given[b]):
            continue
        keep, others = _minority({a: places[a], b: places[b]})
        for other in others:
            for p in places[other]:
                if (p.start, p.end) in reported or _list_like(doc, p.start):
                    continue
                reported.add((p.start, p.end))
                yield _name_variant(doc, p, other, keep, places[keep], len(places[other]))


def _name_variant(doc: Document, p: Place, other: str, keep: str, kept: list[Place],
                  count: int) -> Violation:
    """The finding at ``p``, a place of ``other``. On a tie nothing says which spelling
    is right (the first is as likely to be the slip: "Activison ... Activision"), so
    the message asks the editor to check rather than naming the other as correct."""
    where = f'"{keep}" on line {_line(doc, kept[0].start)}'
    if count == len(kept):
        message = (f'"{other}" here, but {where}, as often ({_times(count)} each): one '
                   f'spelling of this name is wrong; check which and use it throughout.')
    else:
        message = (f'"{other}" is spelled {where} ({_times(len(kept))}): use one spelling '
                   f'of this name.')
    return Violation(p.start, p.end, message,
                     Fix(p.start, p.end, keep, title=f'Write "{keep}"', safe=False))


def _may_be_variants(fa: str, fb: str) -> bool:
    """False when two folded one-word forms cannot be ``spelling_variants``: not equal
    (accents only), and not one first letter, five letters and within the edits that
    their length allows (the cheap tests of ``_word_variants``, without its fuzzy match)."""
    if fa == fb:
        return True
    if fa[:1] != fb[:1]:
        return False
    edits = _allowed_edits(min(len(fa), len(fb)))
    if edits == 0 or abs(len(fa) - len(fb)) > edits:
        return False
    if edits == 1:
        return _one_edit_possible(fa, fb)
    return _bag_distance(fa, fb) <= edits


def _given_name_variants(doc: Document, people: list[Mention]) -> Iterator[Violation]:
    """"Sergei Lavrov" ... "Sergey Lavrov": one surname, given names spelled two ways.
    ``people``: the person-like mentions of two words or more, in order."""
    by_surname: dict[str, dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
    for m in people:
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
                yield _name_variant(doc, p, other, keep, groups[keep], len(groups[other]))


# ------------------------------------------------------------------------- numbers

_NUMBER_PHRASE_RE = lazy_regex(
    r"(?<![\p{L}\p{N}.,£$€¥#/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\p{L}\p{N}%]|[.,]\d|-)"
    r"[ \t]+((?:[\p{Ll}][\p{Ll}-]*)(?:[ \t]+[\p{Ll}][\p{Ll}-]*){1,2})",
    0x100,  # regex.V1
)
# A noun phrase stops at the first of these: "123 member states of the court".
_PHRASE_STOP = frozenset(
    """the a an of in to and or for on at from by with who that which were was is are
    have has had will would could should may might can be been being said says say
    but as than then after before since during over under into its their his her
    this these those each per who whom whose when where while if so not no more less
    fewer out up off about around against between among""".split()
)
# Numbers of these say nothing fixed about "the same thing": they are times, sizes,
# scores, ranks or money, and articles legitimately give several.
_UNIT_WORDS = frozenset(
    """million billion trillion thousand hundred bn m k per cent percent year years
    month months week weeks day days hour hours minute minutes second seconds decade
    decades century centuries time times mile miles km kilometres metres meters feet
    ft inches yards kg tonnes tons pounds dollars euros pence points point goals goal
    runs wickets games matches sets place places th st nd rd times minutes-old old
    people men women children cases pupils students votes seats members""".split()
)


class NumberInconsistent(Rule):
    code = "NL402"
    name = "number-inconsistent"
    severity = Severity.WARNING
    summary = 'The same quantity of the same thing stated two ways ("123 member states" ... "124").'
    docs = """
## What it does
Finds a figure followed by a noun phrase of two words ("123 member states",
"4,500 steel jobs") that the article later gives with another figure ("124 member
states"). It reports the less frequent figure, pointing to the line of the other.
Only figures close enough to be one figure mistyped are compared (within 10%, digits
transposed, a digit dropped): "40 gigabyte" and "80 gigabyte" drives are two things.
Years, money, percentages, times, distances, scores and single-word nouns ("5
people", "10 years") are not compared: articles give many of those.

## Why is this bad?
Two figures for one fixed quantity mean one of them is wrong; a reader cannot tell
which.

## Example
```text
Court issues warrant

The warrant obliges the court's 123 member states to arrest him.

Any of the 124 member states could act on it.
```

## Use instead
```text
Court issues warrant

The warrant obliges the court's 123 member states to arrest him.

Any of the 123 member states could act on it.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        groups: dict[str, dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
        prose = doc.prose
        for m in _NUMBER_PHRASE_RE.finditer(prose):
            number = m.group(1)
            value = int(number.replace(",", ""))
            if 1900 <= value <= 2100 and "," not in number:
                continue  # a year
            words = []
            for w in m.group(2).split():
                if w in _PHRASE_STOP:
                    break
                words.append(w)
            if len(words) < 2 or words[0] in _UNIT_WORDS or words[-1] in _UNIT_WORDS:
                continue
            if prose[m.end(2) : m.end(2) + 1].isalpha():
                continue
            key = " ".join(words[:2])  # "member states", whatever verb follows
            groups[key][number.replace(",", "")].append(Place(m.start(1), m.end(1), number))
        for noun, by_value in groups.items():
            if len(by_value) != 2:
                continue  # three or more figures: a series ("2, 5 and 9 ..."), not a slip
            a, b = by_value
            if not _slip(a, b):
                continue  # "40 gigabyte" and "80 gigabyte" drives: two things
            keep, others = _minority(by_value)
            first = by_value[keep][0]
            for other in others:
                for p in by_value[other]:
                    yield Violation(
                        p.start, p.end,
                        f'"{p.form} {noun}" here, but "{first.form} {noun}" on line '
                        f"{_line(doc, first.start)}: give one figure, or say what changed.",
                    )


def _slip(a: str, b: str) -> bool:
    """Figures close enough to be one figure mistyped or misremembered: within 10%
    ("123"/"124"), the same digits transposed ("125"/"152"), or a digit dropped
    ("1500"/"150")."""
    x, y = int(a), int(b)
    if max(x, y) and abs(x - y) / max(x, y) <= 0.1:
        return True
    if len(a) == len(b) and sorted(a) == sorted(b):
        return True
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(
        long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# -------------------------------------------------------------------------- titles

_HEAD_WORDS = frozenset(
    "Minister Secretary Chancellor President Governor Commissioner Spokesman Spokeswoman "
    "Leader General".split())
_BARE_HEADS = frozenset("Chancellor President Governor".split())
_MODIFIER_WORDS = frozenset(
    """Prime Deputy Vice Shadow Acting Junior Foreign Home Defence Defense Finance Trade
    Health Education Culture Interior Justice Energy Environment Transport Economy
    Economic Sport Sports Industry Agriculture Treasury Europe European Media
    Immigration Information Development Security Homeland Chief Attorney Solicitor
    Commerce Employment Tourism Planning Science""".split())
_PAST_WORDS = frozenset("Former Then Outgoing Late Ex".split())
_PAST_BEFORE_RE = lazy_regex(r"(?:former|then|then-|outgoing|ex-|late|incoming|new|next|future)\s*$")


def _past_before(prose: str, start: int) -> bool:
    return bool(_PAST_BEFORE_RE.search(prose[max(0, start - 12) : start]))


class TitleInconsistent(Rule):
    code = "NL403"
    name = "title-inconsistent"
    severity = Severity.WARNING
    summary = 'One person given two conflicting titles ("Foreign Minister" ... "Defence Minister").'
    docs = """
## What it does
Reads the titles written before a person's name ("Foreign Minister Wang Yi",
"Home Secretary Charles Clarke") and finds one person given two different titles of
the same kind: "Foreign Minister Wang Yi" and later "Defence Minister Wang Yi". The
less frequent title is reported, pointing to the other. Titles of different kinds
("Labour leader", "Prime Minister") can both be true and are not compared; nor is a
title marked "former" or "then". A title before a surname alone is matched to the
full name only when one person in the article has that surname.

## Why is this bad?
A wrong title misinforms the reader about who said or did what, and it is the kind of
error a correction column has to fix.

## Example
```text
Wang arrives in Moscow

Foreign Minister Wang Yi landed in Moscow on Monday.

Defence Minister Wang Yi will meet his counterpart on Tuesday.
```

## Use instead
```text
Wang arrives in Moscow

Foreign Minister Wang Yi landed in Moscow on Monday.

Foreign Minister Wang Yi will meet his counterpart on Tuesday.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        prose = doc.prose
        found: list[tuple[str, str, Place]] = []  # (person, head word, place of title)
        for m in name_mentions(doc):
            if not m.titles or not m.name:
                continue
            words = [t.text for t in m.titles]
            heads = [i for i, w in enumerate(words) if w in _HEAD_WORDS]
            if not heads:
                continue
            h = heads[-1]
            start = h
            while start > 0 and words[start - 1] in _MODIFIER_WORDS:
                start -= 1
            if start == h and words[h] not in _BARE_HEADS:
                continue  # "Minister Wang" alone says little
            if any(w in _PAST_WORDS for w in words[: h + 1]) or _past_before(prose, m.start):
                continue  # "former", "then": a title held before
            name = [strip_possessive(t.text) for t in m.name]
            if not all(w[:1].isupper() for w in name):
                continue
            title = " ".join(words[start : h + 1])
            place = Place(m.titles[start].start, m.titles[h].end, title)
            found.append((" ".join(name), words[h], place))
        if len(found) < 2:
            return
        full_names = {p for p, _, _ in found if " " in p}
        full_names |= {m.name_text for m in name_mentions(doc) if len(m.name) >= 2 and m.person_like}
        by_surname: dict[str, set[str]] = defaultdict(set)
        for full in full_names:
            by_surname[full.split()[-1]].add(full)
        groups: dict[tuple[str, str], dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
        for person, head, place in found:
            if " " not in person:
                candidates = by_surname.get(person, set())
                if len(candidates) != 1:
                    continue
                person = next(iter(candidates))
            groups[(person, head)][place.form.casefold()].append(place)
        for (person, head), by_title in groups.items():
            if len(by_title) < 2:
                continue
            keep, others = _minority(by_title)
            first = by_title[keep][0]
            for other in others:
                for p in by_title[other]:
                    yield Violation(
                        p.start, p.end,
                        f'{person} is "{p.form}" here but "{first.form}" on line '
                        f"{_line(doc, first.start)}: use the right title in both places.",
                    )




# -------------------------------------------------------------------- capitalization

_CAP_MIN_WORDS = 2


class CapitalizationInconsistent(Rule):
    code = "NL404"
    name = "capitalization-inconsistent"
    severity = Severity.WARNING
    summary = 'A multi-word proper name capitalised two ways ("Belt and Road Forum" ... "forum").'
    fixable = True
    docs = """
## What it does
Finds a proper name of two or more words capitalised one way in one place and
another way elsewhere in the article: "Belt and Road Forum" and "Belt and Road
forum", "Labour Party" and "Labour party". Only names that keep a capital on their
first word in both forms are compared, so a title before a name ("Prime Minister
Tony Blair") and the same words used as a description ("the prime minister") are
left alone; a capital that merely opens a sentence is not counted. The less frequent
casing is reported and can be fixed to the other; when both are used equally often
nothing is reported (there is no house form to hold either to).

## Why is this bad?
Capitalisation tells the reader what is a name; writing one name two ways looks
careless and can make the reader wonder whether two things are meant.

## Example
```text
Putin to attend forum

Putin will attend the third Belt and Road Forum in October.

He attended the first Belt and Road forum in 2017. The Belt and Road Forum is
held every two years.
```

## Use instead
```text
Putin to attend forum

Putin will attend the third Belt and Road Forum in October.

He attended the first Belt and Road Forum in 2017. The Belt and Road Forum is
held every two years.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        prose = doc.prose
        headline = doc.headline
        candidates: dict[str, str] = {}
        for m in name_mentions(doc, CONNECTORS, min_words=2):
            if headline is not None and headline.start <= m.start < headline.end:
                continue
            words = m.words
            if m.sentence_initial:
                words = words[1:]
            while words and not words[0][2][:1].isupper():
                words = words[1:]
            if len(words) < _CAP_MIN_WORDS or sum(
                    1 for w in words if w[2][:1].isupper()) < _CAP_MIN_WORDS:
                continue
            text = " ".join([w[2] for w in words])
            candidates.setdefault(text.casefold(), text)
        if not candidates or _one_casing_each(prose, candidates):
            return
        # Every occurrence of each candidate, whatever its casing: only the capitalised
        # words that can start a candidate are looked at (one with a small letter ends
        # in "a description, not the name" below, and blocks nothing).
        lengths: dict[str, set[int]] = defaultdict(set)
        # A candidate's second word, by its first: most capitalised words that open
        # some candidate are not followed by one (2 in 3 on a long file), and are
        # passed over on one look-up.
        seconds: dict[str, set[str]] = defaultdict(set)
        for key in candidates:
            words = key.split()
            lengths[words[0]].add(len(words))
            seconds[words[0]].add(words[1])
        longest_first = {w: sorted(sizes, reverse=True) for w, sizes in lengths.items()}
        tokens = doc.tokens
        # (offsets and words read straight from the tokens' arrays: no Token made)
        starts, ends, all_words = tokens.starts, tokens.ends, doc.words
        n = len(tokens)
        groups: dict[str, dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
        skip_until = 0  # occurrences do not overlap: "Belt and Road Forum" is not also "Road Forum"
        for i in _capitalised_words(prose, tokens, lengths, all_words):
            if i < skip_until or i + 1 >= n:
                continue
            start = starts[i]
            first = all_words[i].casefold()
            after = all_words[i + 1]
            following = seconds[first]
            if after.casefold() not in following \
                    and strip_possessive(after).casefold() not in following:
                continue  # (the second word of every size, possessive or not)
            if headline is not None and headline.start <= start < headline.end:
                continue
            for size in longest_first[first]:
                if i + size > n:
                    continue
                last = i + size - 1
                if not all(_joinable_gap(prose[ends[k] : starts[k + 1]]) for k in range(i, last)):
                    continue
                words = all_words[i : last + 1]
                words[-1] = strip_possessive(words[-1])
                key = " ".join(words).casefold()
                if key not in candidates:
                    continue
                if not words[0][:1].isupper():
                    break  # "the belt and road": a description, not the name
                end = starts[last] + len(words[-1])
                found = prose[start:end]
                if found.isupper():
                    break  # SHOUTED for emphasis, not a second casing of the name
                form = " ".join(words)
                if all(w.islower() for w in words[1:]) and is_sentence_initial(prose, start):
                    break  # "Human rights groups ..." opening a sentence: a description
                groups[key][form].append(Place(start, end, form))
                skip_until = i + size
                break
        for key, by_form in groups.items():
            if len(by_form) < 2:
                continue
            keep, others = _minority(by_form)
            first = by_form[keep][0]
            for other in others:
                if len(by_form[other]) >= len(by_form[keep]):
                    continue  # a tie: no house form to hold the other to
                if _only_first_differs(keep, other):
                    continue
                for p in by_form[other]:
                    replacement = _respace(doc.text[p.start : p.end], keep)
                    yield Violation(
                        p.start, p.end,
                        f'"{other}" is capitalised "{keep}" on line {_line(doc, first.start)}: '
                        f"write it one way.",
                        Fix(p.start, p.end, replacement, title=f'Write "{keep}"')
                        if replacement is not None else None,
                    )


def _only_first_differs(a: str, b: str) -> bool:
    wa, wb = a.split(), b.split()
    return wa[1:] == wb[1:]


_SPACES_RE = lazy_regex(r"(\s+)")


def _respace(original: str, form: str) -> str | None:
    """``form`` with the original's spacing (a line break stays a line break)."""
    parts = _SPACES_RE.split(original)
    words = form.split()
    if len(parts[::2]) != len(words):
        return None
    parts[::2] = words
    return "".join(parts)


# Searches of the whole prose, one per candidate, cost (candidates x characters): above
# this, a single pass over the words (same result) is cheaper.
_FIND_LIMIT = 1 << 21


def _one_casing_each(prose: str, candidates: dict[str, str]) -> bool:
    """True when every candidate is written one way wherever it starts with a capital:
    then no candidate can have two forms, and the rule has nothing to report.

    Compared in the prose with each run of white space made one space (how a name's
    words are joined in its form), case-folded for the places of any casing. Counted
    with overlaps, so equal counts mean the same places.
    """
    if len(candidates) * len(prose) > _FIND_LIMIT:
        return False  # a long document: a search per candidate would be quadratic
    spaced = _single_spaced(prose)
    folded = spaced.casefold()
    if len(folded) != len(spaced):
        return False  # folding moved the offsets: no quick answer
    find = folded.find
    for key, form in candidates.items():
        first = find(key)
        if find(key, first + 1) < 0:
            continue  # one place only (its own): one form
        if _places(spaced, form, spaced) != _places(folded, key, spaced):
            return False
    return True


def _single_spaced(text: str) -> str:
    """``" ".join(text.split())``: each run of white space one space, none at the ends.

    Most articles have only single spaces and line breaks, and a blank line between
    paragraphs: three passes of ``str`` methods in C make those one space each and
    show that no other white space is left, without a string per word."""
    out = text.replace("\n\n", "\n").replace("\n", " ")
    # (Every white space character but the space is unprintable.)
    if "  " not in out and out.isprintable():
        return out.strip(" ")
    return " ".join(text.split())


def _places(text: str, sub: str, spaced: str) -> int:
    """Places of ``sub`` in ``text``, overlaps counted, where ``spaced`` has a capital."""
    count = 0
    find = text.find
    pos = find(sub)
    while pos >= 0:
        if spaced[pos].isupper():
            count += 1
        pos = find(sub, pos + 1)
    return count


def _capitalised_words(prose: str, tokens: Tokens, lengths: dict[str, set[int]],
                       words: list[str] | None = None) -> list[int]:
    """Indexes, in order, of the capitalised tokens that may start an occurrence of a
    candidate (case-folded text one of ``lengths``' first words) and matter.

    Found with ``str.find`` in the case-folded prose, not by folding every word (when
    folding changes the prose's length, "ß" -> "ss", offsets would not line up, and
    when the searches would cost more than a pass, every word is folded instead). An occurrence starting with a small letter is never
    counted, nor blocks another. Nor do the occurrences of a first word that is
    followed by the very same text wherever it is (the only one, most often): its
    candidates have one form each, so they count only when they may block another
    occurrence, one starting within their reach.
    """
    by_first: dict[str, list[int]] = {}
    folded = prose.casefold() if len(lengths) * len(prose) <= _FIND_LIMIT else ""
    if len(folded) != len(prose):
        # (and in a long document with many first words, where a search for each
        # would be quadratic: one pass over the words instead)
        words = tokens.words if words is None else words
        # (the capitalised words' indexes, found in C: a word's first character, tested)
        for i in compress(range(len(words)), map(str.isupper, map(itemgetter(0), words))):
            key = words[i].casefold()
            if key in lengths:
                by_first.setdefault(key, []).append(i)
    else:
        n = len(tokens)
        starts, ends = tokens.starts, tokens.ends
        find = folded.find
        for word in lengths:
            size = len(word)
            pos = find(word)
            while pos >= 0:
                if prose[pos].isupper():
                    i = bisect_left(starts, pos)
                    if i < n and starts[i] == pos and ends[i] == pos + size:
                        by_first.setdefault(word, []).append(i)
                pos = find(word, pos + 1)
    found: list[int] = []
    alike: dict[int, int] = {}  # index -> the most words a candidate from it spans
    n = len(tokens)
    starts, ends = tokens.starts, tokens.ends
    for word, ids in by_first.items():
        found.extend(ids)
        reach = max(lengths[word])
        if len(ids) > 1:  # the same text after each? (most differ within a few places)
            first = prose[starts[ids[0]] : ends[min(ids[0] + reach, n) - 1]]
            if any(prose[starts[i] : ends[min(i + reach, n) - 1]] != first
                   for i in islice(ids, 1, None)):
                continue
        for i in ids:
            alike[i] = reach
    found.sort()
    if not alike:
        return found
    last = len(found) - 1
    return [i for x, i in enumerate(found)
            if i not in alike or (x < last and found[x + 1] < i + alike[i])]


def _joinable_gap(gap: str) -> bool:
    return gap == " " or (gap != "" and not gap.strip()
                          and gap.count("\n") + gap.count("\r") - gap.count("\r\n") <= 1)


# ------------------------------------------------------------------------ spelling

# British and American spellings of one word family: (British, American) stems with
# the endings both take. Only whole lower-case words are compared: "Department of
# Defense" and "Pearl Harbor" are names, and names keep their own spelling.
_ISE_STEMS = """real recogn organ critic apolog emphas summar categor character legal
    modern normal privat minim maxim priorit stabil subsid industrial capital
    central decentral neutral revital mobil author final special civil hospital
    jeopard harmon computer energ fertil standard victim global familiar optim
    util commercial naturaliz national sympath scrutin agon antagon terror
    memorial monopol polar sensit destabil marginal penal visual""".split()
_ISE_ENDINGS = (("ise", "ize"), ("ises", "izes"), ("ised", "ized"), ("ising", "izing"),
                ("isation", "ization"), ("isations", "izations"), ("iser", "izer"),
                ("isers", "izers"))
_OUR_STEMS = """colo favo hono behavio neighbo labo harbo rumo humo vigo endeavo flavo
    armo odo savo glamo tumo vapo""".split()
_OUR_ENDINGS = (("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"),
                ("ourite", "orite"), ("ourites", "orites"), ("ourable", "orable"),
                ("ourhood", "orhood"), ("ourful", "orful"), ("ourers", "orers"),
                ("ourer", "orer"), ("ourism", "orism"))
_LL_STEMS = """travel cancel label model fuel counsel signal total channel level
    marshal tunnel equal dial duel jewel libel pencil rival shovel""".split()
_LL_ENDINGS = (("led", "ed"), ("ling", "ing"), ("ler", "er"), ("lers", "ers"))
_PAIRS = """defence defense|offence offense|pretence pretense|centre center|centres centers|
    centred centered|theatre theater|theatres theaters|metre meter|metres meters|
    litre liter|litres liters|fibre fiber|calibre caliber|sombre somber|spectre specter|
    analyse analyze|analysed analyzed|analysing analyzing|paralyse paralyze|
    paralysed paralyzed|catalogue catalog|aluminium aluminum|jewellery jewelry|
    manoeuvre maneuver|manoeuvres maneuvers|pyjamas pajamas|sceptic skeptic|
    sceptical skeptical|scepticism skepticism|plough plow|mould mold|moustache mustache|
    fulfil fulfill|enrol enroll|instalment installment|kerb curb|grey gray|
    tyre tire|tyres tires|cheque check|cheques checks|storey story|storeys stories|
    programme program|programmes programs|ageing aging|oestrogen estrogen|
    anaesthetic anesthetic|paediatric pediatric|foetus fetus|diarrhoea diarrhea|
    leukaemia leukemia|haemorrhage hemorrhage|encyclopaedia encyclopedia|
    whisky whiskey|yoghurt yogurt|draught draft|gaol jail|cosy cozy|
    practise practice|licence license""".replace("\n", " ")
# Pairs that are not a variety mix in British copy: both forms are British words
# with different meanings ("check", "story", "tire", "draft", "practice", "license",
# "program" of a computer, "whiskey" of Ireland, "curb" as a verb).
_NOT_A_MIX = frozenset("""cheque cheques storey storeys tyre tyres kerb draught practise
    licence programme programmes whisky ageing""".split())


def _spelling_table() -> dict[str, tuple[str, str, str]]:
    """word -> (family, variety, the same word in the other variety)."""
    table: dict[str, tuple[str, str, str]] = {}

    def add(british: str, american: str) -> None:
        if british in _NOT_A_MIX or british == american:
            return
        table[british] = (british, "British", american)
        table[american] = (british, "American", british)

    for stem in _ISE_STEMS:
        for b, a in _ISE_ENDINGS:
            add(stem + b, stem + a)
    for stem in _OUR_STEMS:
        for b, a in _OUR_ENDINGS:
            add(stem + b, stem + a)
    for stem in _LL_STEMS:
        for b, a in _LL_ENDINGS:
            add(stem + b, stem + a)
    for pair in _PAIRS.split("|"):
        b, a = pair.split()
        add(b, a)
    # Words that exist in both varieties with another meaning.
    for word in ("humor", "labor", "rumor", "savor", "ardor", "meter", "meters",
                 "center", "mold", "story", "check", "modeler"):
        pass
    return table


_SPELLINGS = _spelling_table()
_SPELLING_WORDS = frozenset(_SPELLINGS)
_LOWER_WORD_RE = lazy_regex(r"(?<![\p{L}'’-])\p{Ll}+(?![\p{L}'’-])", 0x100)  # regex.V1


class SpellingInconsistent(Rule):
    code = "NL405"
    name = "spelling-inconsistent"
    severity = Severity.WARNING
    summary = 'British and American spellings of one word mixed in one article ("defence" ... "defense").'
    fixable = True
    docs = """
## What it does
Finds a word spelled the British way in one place and the American way in another
in the same article: "defence" and "defense", "organise" and "organize",
"travelled" and "traveled", "colour" and "color". The less frequent spelling is
reported and can be fixed to the other. Names keep their own spelling ("Department
of Defense", "Pearl Harbor"), so only lower-case words are compared; pairs that are
two British words with different meanings ("cheque"/"check", "storey"/"story",
"practise"/"practice") are left alone.

## Why is this bad?
A house writes one variety of English. A mix usually means copy was merged from two
sources, and the odd spelling looks like a typo to the reader.

## Example
```text
Budget talks

The defence budget will rise next year.

Critics said the defense review came too late.
```

## Use instead
```text
Budget talks

The defence budget will rise next year.

Critics said the defence review came too late.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        # Most articles hold no word of the table, or one variety only: found with a
        # set of the article's words, before looking at any word one by one (or
        # making the tokens).
        found = _SPELLING_WORDS.intersection(doc.words)  # the tokens' texts
        if len({_SPELLINGS[w][0] for w in found}) == len(found):
            return  # no family with two of its words: none written two ways
        families: dict[str, dict[str, list[Place]]] = defaultdict(lambda: defaultdict(list))
        tokens = doc.tokens
        for i, word in enumerate(doc.words):
            if word in found:  # (offsets read only for the table's words)
                family, variety, _ = _SPELLINGS[word]
                families[family][variety].append(Place(tokens.starts[i], tokens.ends[i], word))
        for family, by_variety in families.items():
            if len(by_variety) < 2:
                continue
            keep, others = _minority(by_variety)
            first = by_variety[keep][0]
            for other in others:
                for p in by_variety[other]:
                    to = _SPELLINGS[p.form][2]
                    yield Violation(
                        p.start, p.end,
                        f'{other} spelling "{p.form}" in an article that writes '
                        f'"{first.form}" ({keep}, line {_line(doc, first.start)}): write "{to}".',
                        Fix(p.start, p.end, to, title=f'Write "{to}"'),
                    )


RULES = (NameInconsistent, NumberInconsistent, TitleInconsistent,
         CapitalizationInconsistent, SpellingInconsistent)
