"""Headlines: the title and the heading agree, and the house style is kept.

A headline is ``doc.headline``: the first line of a plain-text article when a blank
line follows it (wire copy, the corpus), else the first Markdown heading; failing
both, the front matter ``title``. Whether a capitalised word is a proper name is
learned from the fact sheet and from the article's own body, where a name is
capitalised in mid-sentence and never written in lower case.
"""

from __future__ import annotations

from typing import Iterable, NamedTuple

from newslint.document import WORD_RE, Document, Span
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_regex
from newslint.proper_names import NAME_PARTICLES, fold_accents, is_sentence_initial
from newslint.rule import Context, Rule

_NON_WORD_RE = lazy_regex(r"[^\p{L}\p{N}]+")
_LEVEL_ONE_RE = lazy_regex(r"[ ]{0,3}#[ \t]")
# Lower case in title case, except first and last (Chicago, AP and the Guardian agree).
_MINOR = frozenset("a an the and but or nor of in on at to by for".split())
# Either case is right in title case, by house: AP capitalises these, Chicago does not.
_EITHER = frozenset(
    """as if so up off out via per vs with from into onto upon over than like near past
    about after under until without between through""".split()
)
_ALWAYS_CAPITAL = frozenset(
    """I Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February
    April June July August September October November December""".split()
)  # not "March" and "May", which are verbs too
_OPENS_CLAUSE = frozenset(":?!—–|")
_QUOTES = "\"'“‘"


def _normalise_headline(text: str) -> str:
    folded = fold_accents(text.replace("&", " and "))
    return " ".join(_NON_WORD_RE.sub(" ", folded).split())


class HeadlineMismatch(Rule):
    code = "NL602"
    name = "headline-mismatch"
    severity = Severity.WARNING
    summary = "The front matter title and the article's first heading say different things."
    docs = """
## What it does
Compares a Markdown article's front matter `title` with its first level-one heading
and reports the heading when the two differ in more than case, punctuation and
accents ("&" and "and" count as the same).

## Why is this bad?
Sites show the front matter title in lists, feeds and search results and the heading
on the page; when an editor rewrites one and not the other, readers click one
headline and land on another.

## Example
```markdown
---
title: Minister resigns over housing report
---
# Minister quits over housing report

The housing minister resigned on Tuesday.
```

## Use instead
```markdown
---
title: Minister resigns over housing report
---
# Minister Resigns Over Housing Report!

The housing minister resigned on Tuesday.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        title, heading = doc.title, doc.headline
        if not title or heading is None or doc.kind != "markdown":
            return
        line_start = doc.text.rfind("\n", 0, heading.start) + 1
        if not _LEVEL_ONE_RE.match(doc.text, line_start):
            return  # a first "## Background" is a subhead; the title is the headline
        shown = " ".join(doc.prose[heading.start : heading.end].split())
        if not shown or _normalise_headline(shown) == _normalise_headline(title):
            return
        yield Violation(
            heading.start, heading.end,
            f'The heading "{shown}" differs from the front matter title "{title.strip()}"; '
            f"make them the same",
        )


class _Word(NamedTuple):  # a NamedTuple: a tenth of a dataclass's start-up cost
    start: int
    end: int
    text: str
    first: bool  # the headline's first word
    opens: bool  # first of a clause after ":" or of a quotation: either case will do
    last: bool


class HeadlineCase(Rule):
    code = "NL603"
    name = "headline-case"
    severity = Severity.WARNING
    summary = "A headline that does not follow the house style: sentence case or title case."
    fixable = True
    docs = """
## What it does
Checks the headline against the house style set by `headline-style = "sentence"` or
`"title"` in the configuration (or `style` in this rule's options); says nothing when
no style is set. The headline is the first line of a plain-text article (when a blank
line follows it), else the first Markdown heading, else the front matter `title`.

Sentence case: the first word and proper names capitalised, nothing else. Title case:
every word capitalised except articles, short conjunctions and prepositions ("a", "an",
"the", "and", "but", "or", "nor", "of", "in", "on", "at", "to", "by", "for") in mid
headline; longer prepositions ("with", "from", "over") may go either way. A word is a
proper name when the fact sheet lists it or the article's body capitalises it in mid
sentence and never writes it in lower case, so "Putin visits Beijing" is right in
sentence case. Acronyms, words with inner capitals ("iPhone", "McLaren") and the word
after a colon are left alone. The fix (unsafe) rewrites the headline.

## Why is this bad?
Headlines in one style read as one publication; a headline in another style looks
like copy pasted from elsewhere, and "Putin Visits Beijing" beside "Xi meets Putin"
looks careless.

## Example
```toml options
style = "sentence"
```

```text
Putin Visits Beijing For Talks

President Vladimir Putin arrived in Beijing on Monday for two days of talks.
```

## Use instead
```text
Putin visits Beijing for talks

President Vladimir Putin arrived in Beijing on Monday for two days of talks.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        style = ctx.options.get("style") or ctx.config.headline_style
        if style not in ("sentence", "title"):
            return
        span = _headline_span(doc)
        if span is None:
            return
        words = _headline_words(doc, span)
        if not words:
            return
        vocab = _body_vocabulary(doc, span, {_possessive_base(w.text).casefold() for w in words})
        vocab.names.update(_sheet_words(ctx.facts))
        certain: dict[int, str] = {}
        unsure: dict[int, str] = {}
        for i, w in enumerate(words):
            if w.text[:1].isupper() and _in_pair(words, i, vocab.pairs):
                continue  # "UK Coal", "Hotel Rwanda": a name the body writes so
            expected = _expected(w, style, vocab)
            if expected is not None and expected[0] != w.text:
                (certain if expected[1] else unsure)[w.start] = expected[0]
        # A word the body never uses may be a name ("Man Utd"): changed only in a
        # headline that is plainly in the other style.
        changes = {**certain, **unsure} if len(certain) >= 2 else certain
        if not changes:
            return
        rewritten = list(doc.text[span.start : span.end])
        for start, word in changes.items():  # only first letters change: lengths hold
            rewritten[start - span.start] = word[0]
        fixed_text = "".join(rewritten)
        wrong = [doc.text[s : s + len(t)] for s, t in sorted(changes.items())]
        listed = ", ".join(f'"{t}"' for t in wrong[:4]) + (" ..." if len(wrong) > 4 else "")
        yield Violation(
            span.start, span.end,
            f"Headline is not in {style} case ({listed}); write \"{fixed_text.strip()}\"",
            Fix(span.start, span.end, fixed_text, f"Write the headline in {style} case",
                safe=False),
        )


def _in_pair(words: list[_Word], i: int, pairs: set[tuple[str, str]]) -> bool:
    base = _possessive_base(words[i].text)
    return (i > 0 and (_possessive_base(words[i - 1].text), base) in pairs) or (
        i + 1 < len(words) and (base, _possessive_base(words[i + 1].text)) in pairs)


def _headline_span(doc: Document) -> Span | None:
    """The headline line, a level-one heading, else the front matter title (a first
    "## Background" is a subhead, which houses often write in another style)."""
    heading = doc.headline
    if heading is not None and (doc.kind != "markdown" or _LEVEL_ONE_RE.match(
            doc.text, doc.text.rfind("\n", 0, heading.start) + 1)):
        return heading
    title = doc.title
    if not title:
        return None
    i = doc.text.find(title.strip())
    return Span(i, i + len(title.strip())) if i >= 0 else None


def _headline_words(doc: Document, span: Span) -> list[_Word]:
    # The front matter is blanked in the prose: a title is read from the text.
    text = doc.prose if doc.headline == span else doc.text
    out: list[_Word] = []
    matches = list(WORD_RE.finditer(text, span.start, span.end))
    for i, m in enumerate(matches):
        before = text[matches[i - 1].end() if i else span.start : m.start()]
        opens = any(c in _OPENS_CLAUSE for c in before) or (
            before[-1:] in tuple(_QUOTES) and (len(before) == 1 or before[-2].isspace()))
        out.append(_Word(m.start(), m.end(), m.group(), i == 0, opens and i > 0,
                         i == len(matches) - 1))
    return out


def _body_vocabulary(doc: Document, headline: Span, wanted: set[str]) -> "_Vocabulary":
    """What the body says about the case of the headline's words (``wanted``,
    casefolded): capitalised in mid-sentence or never in lower case, side by side
    with another capitalised word ("UK Coal"), written in lower case. The body only
    ever excuses a capital; demanding one takes the fact sheet (or a weekday): "the
    Bank" in the body does not make "state-owned bank" wrong."""
    mid: set[str] = set()
    capital_any: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    lower: set[str] = set()
    prose = doc.prose
    tokens = doc.tokens
    previous: str | None = None  # the capitalised wanted word just before, if joined
    previous_end = -1
    for tok in tokens:
        if headline.start <= tok.start < headline.end:
            previous = None
            continue
        word = _possessive_base(tok.text)
        key = word.casefold()
        if key not in wanted:
            previous = None
            continue
        if word[:1].isupper() or word[:1].isdigit():
            capital_any.add(word)
            if previous is not None and not prose[previous_end : tok.start].strip():
                pairs.add((previous, word))
            if not is_sentence_initial(prose, tok.start):
                mid.add(word)
            previous, previous_end = word, tok.end
        else:
            if word[:1].islower():
                lower.add(key)
            previous = None
    only_capital = {w for w in capital_any if w.casefold() not in lower}
    return _Vocabulary(set(), mid | only_capital, lower, pairs)


def _sheet_words(facts) -> set[str]:
    cached = facts._cache.get("headline-words") if hasattr(facts, "_cache") else None
    if cached is not None:
        return set(cached)
    words: set[str] = set()
    for entry in (*getattr(facts, "people", ()), *getattr(facts, "terms", ()),
                  *getattr(facts, "events", ())):
        for form in (entry.name, *getattr(entry, "also", ())):
            words.update(w for w in (m.group() for m in WORD_RE.finditer(form))
                         if w[:1].isupper())
    if hasattr(facts, "_cache"):
        facts._cache["headline-words"] = frozenset(words)
    return words


def _possessive_base(word: str) -> str:
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _leave_alone(word: str) -> bool:
    """Acronyms, inner capitals, numbers: their case is their spelling."""
    letters = [c for c in word if c.isalpha()]
    if not letters or any(c.isdigit() for c in word):
        return True
    if all(c.isupper() for c in letters):
        return True  # "UN", and initials: "S Korea", "J&J"
    return any(c.isupper() for c in word[1:].split("-")[0]) or word[0].isalpha() is False


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]


def _lower(word: str) -> str:
    return word[:1].lower() + word[1:]


class _Vocabulary(NamedTuple):
    names: set[str]  # the fact sheet's names: capitalised wherever they stand
    capital_ok: set[str]  # capitalised in mid-sentence in the body, or never in lower case
    lower: set[str]  # in lower case in the body (casefolded)
    pairs: set[tuple[str, str]]  # capitalised words side by side in the body


def _expected(w: _Word, style: str, vocab: _Vocabulary) -> tuple[str, bool] | None:
    """The word as the style wants it and whether that is certain; None when the word
    is right or either case would do."""
    word = w.text
    if _leave_alone(word):
        return None
    base = _possessive_base(word)
    capital = word[:1].isupper()
    key = base.casefold()
    named = _capitalise(base) in vocab.names or _capitalise(base) in _ALWAYS_CAPITAL
    if capital and (named or base in vocab.capital_ok):
        return None
    if not capital and named and len(base) > 1:
        return _capitalise(word), True  # "beijing": the sheet writes "Beijing"
    if w.first:
        return (_capitalise(word), True) if not capital else None
    if w.opens:
        return None
    if style == "sentence":
        if not capital:
            return None
        return _lower(word), key in vocab.lower or key in _MINOR or key in _EITHER
    if key in _EITHER or key in NAME_PARTICLES:
        return None
    if key in _MINOR:
        return None if (w.last or not capital) else (_lower(word), True)
    return None if capital else (_capitalise(word), True)


RULES = (HeadlineMismatch, HeadlineCase)
