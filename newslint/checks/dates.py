"""Dates that do not hold together: weekdays, lengths, event dates, impossible days.

All four rules read the same parsed date mentions (``newslint.grammars.dates``), found
once per document, and count year-less dates from the article's own date
(``newslint.article_date``). Without an article date, a rule that needs a year stays
quiet rather than guess.
"""

from __future__ import annotations

import datetime as _dt
from typing import Iterable, Iterator, Sequence

from newslint.article_date import dateline_span
from newslint.document import Document, Span
from newslint.facts import Event
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_regex
from newslint.grammars.dates import (
    WEEKDAY_NAMES,
    DateMention,
    PartialDate,
    date_mentions,
    resolve_date,
    resolve_range,
)
from newslint.rule import Context, Rule

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_AP_WEEKDAYS = ("Mon.", "Tues.", "Wed.", "Thurs.", "Fri.", "Sat.", "Sun.")


def _quote(text: str) -> str:
    """Found text for a one-line message: line breaks and runs of spaces made one space."""
    return " ".join(text.split())


def format_date(d: _dt.date) -> str:
    return f"{d.day} {_MONTH_NAMES[d.month - 1]} {d.year}"


def format_range(start: _dt.date, end: _dt.date) -> str:
    """"17–18 October 2023", "30 September – 2 October 2023", or one day."""
    if start == end:
        return format_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {_MONTH_NAMES[end.month - 1]} {end.year}"
    if start.year == end.year:
        return f"{start.day} {_MONTH_NAMES[start.month - 1]} – {format_date(end)}"
    return f"{format_date(start)} – {format_date(end)}"


def _weekday_like(original: str, weekday: int) -> str:
    """``weekday`` written the way ``original`` was: full, abbreviated, capitals."""
    bare = original.rstrip(".")
    if original.endswith("."):
        name = WEEKDAY_NAMES[weekday][:3] + "." if len(bare) == 3 else _AP_WEEKDAYS[weekday]
    else:
        name = WEEKDAY_NAMES[weekday]
    return name.upper() if bare.isupper() else name


def _mentions_by_sentence(doc: Document) -> dict[Span, list[DateMention]]:
    """Date mentions per sentence, leaving out the dateline's (it dates the article).
    Built once per document for the rules that ask; read-only."""
    cached = doc.__dict__.get("_newslint_mentions_by_sentence")
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    out: dict[Span, list[DateMention]] = {}
    dateline = dateline_span(doc)
    for m in date_mentions(doc):
        if dateline is not None and dateline[0] <= m.start < dateline[1]:
            continue
        sentence = doc.sentence_at(m.start)
        if sentence is not None:
            out.setdefault(sentence, []).append(m)
    doc.__dict__["_newslint_mentions_by_sentence"] = out
    return out


def _events_by_sentence(doc: Document, ctx: Context) -> dict[Span, list[tuple[int, int, tuple[Event, ...]]]]:
    """Sheet events named in each sentence, with their spans (events with dates only).
    Built once per document and sheet for the rules that ask; read-only."""
    if not any(e.start is not None for e in ctx.facts.events):
        return {}
    cached = doc.__dict__.get("_newslint_events_by_sentence")
    if cached is not None and cached[0] is ctx.facts:
        return cached[1]  # type: ignore[no-any-return]
    from newslint.names import index_for

    out: dict[Span, list[tuple[int, int, tuple[Event, ...]]]] = {}
    for hit in index_for(ctx.facts).events_in(doc.prose):
        events = tuple(e for e in hit.events if e.start is not None)
        sentence = doc.sentence_at(hit.start)
        if events and sentence is not None:
            out.setdefault(sentence, []).append((hit.start, hit.end, events))
    doc.__dict__["_newslint_events_by_sentence"] = (ctx.facts, out)
    return out


# Words that may stand between an event's name and the date or weekday it is given,
# when that date is the event's own: "the talks will open in Moscow on Friday", "the
# summit, held from 16 to 18 October". Any other word ("announced", "shown", "he")
# means the date belongs to something else in the sentence, and the pair is skipped.
_LINKING_WORDS = frozenset(
    """on in at the a an of from between to and will would shall is are was were be been
    being has have had due set expected scheduled planned held hold holds holding take
    takes took taking taken place open opens opened opening begin begins began begun
    beginning start starts started starting end ends ended ending close closes closed
    closing run runs ran running continue continues continued resume resumes resumed
    convene convenes convened meet meets met which that this its their annual""".split()
)
_GAP_WORD_RE = lazy_regex(r"[\p{L}\p{N}'’\-]+|[^\s\p{L}\p{N}]")
_EVENT_NEAR = 40  # characters between an event's name and its date: one clause


_NEXT_WORD_RE = lazy_regex(r"\s*([\p{L}\p{N}'’\-]+)")


def _attached(prose: str, event: tuple[int, int], date: tuple[int, int]) -> bool:
    """Whether a date (or weekday) is the event's own: close, in one clause, joined to
    the event's name by linking words only; and, when it comes first ("Last month the
    Brit Awards announced..."), with the event's name not the subject of another verb."""
    start, end = (event[1], date[0]) if event[0] < date[0] else (date[1], event[0])
    if end - start > _EVENT_NEAR:
        return False
    for token in _GAP_WORD_RE.findall(prose, start, max(start, end)):
        if token in ",()":
            continue
        if token[0].isupper() and token[0].isalpha():
            continue  # a place or a name: "in Beijing", "(SSCC)"
        if token.lower() not in _LINKING_WORDS:
            return False
    if date[0] < event[0]:
        after = _NEXT_WORD_RE.match(prose, event[1])
        if after is not None and after.group(1).lower() not in _LINKING_WORDS:
            return False
    return True


def _event_days(event: Event) -> tuple[_dt.date, _dt.date]:
    assert event.start is not None
    return event.start, event.end or event.start


# ---------------------------------------------------------------------------------


class WeekdayMismatch(Rule):
    code = "NL301"
    name = "weekday-mismatch"
    severity = Severity.ERROR
    summary = "A weekday that is not the day of the date beside it, or of the event it names."
    fixable = True
    docs = """
## What it does
Finds a weekday written beside a date it does not fall on ("Tuesday, Sept. 18, 2023":
18 September 2023 was a Monday), and offers the right weekday. A date without a year
takes the year that puts it nearest the article's date (front matter, dateline, fact
sheet or `--date`), and is flagged only when the weekday fits it in no year within
twelve months of that date (copy in January announces "Saturday 20 August" for the
summer); with no article date such a date is left alone.

With a fact sheet, it also reads a bare weekday ("on Tuesday") given to a sheet event
("the security talks will open on Tuesday": joined to the event's name by linking words
only, as in `date-mismatch`): counted from the article's date, forwards for the future
tense ("will"), backwards for the past ("said", "held"), either way otherwise, the
weekday must land on one of the event's days. A sentence that also gives a date is left
to `date-mismatch`; without an article date the weekday is left alone.

The fix is applied by `--fix` when the year is written; when the year was inferred it
is offered as an unsafe fix, since the date may be the wrong half.

## Why is this bad?
Weekdays and dates are typed separately and checked by nobody; a reader who sees both
cannot tell which one is wrong, and a wrong day sends people to an event that is over.

## Example
```text
The talks opened in Moscow on Tuesday, Sept. 18, 2023, the ministry said.
```

```text
MOSCOW, Sept. 18, 2023 (Newsdesk) – The security talks will open on Friday.
```

## Use instead
```text
The talks opened in Moscow on Monday, Sept. 18, 2023, the ministry said.
```

```text
MOSCOW, Sept. 18, 2023 (Newsdesk) – The security talks will open on Monday.
```

```toml facts
[[event]]
name = "Strategic Security Consultations"
also = ["security talks"]
start = 2023-09-18
end = 2023-09-21
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        mentions = date_mentions(doc)
        if not mentions:
            return
        reference = ctx.article_date
        yield from self._beside_dates(doc, mentions, reference)
        if reference is not None and ctx.facts.events and any(
            m.kind == "weekday" and m.relative == "on" and m.weekday is not None for m in mentions
        ):  # a bare "on Tuesday": only then are the sheet's events looked for
            yield from self._for_events(doc, ctx, reference)

    def _beside_dates(
        self, doc: Document, mentions: Sequence[DateMention], reference: _dt.date | None
    ) -> Iterator[Violation]:
        for m in mentions:
            if m.weekday is None or m.weekday_span is None or m.first is None:
                continue
            if m.first.day is None or not m.first.valid:
                continue
            if m.kind == "range" and m.weekday_span[0] > m.start:
                continue  # "Sept. 18-21 (Monday)": which day it names is unclear
            day = resolve_date(m.first, reference)
            if day is None or day.weekday() == m.weekday:
                continue
            if m.first.year is None and reference is not None and _fits_another_year(
                m.first, m.weekday, reference
            ):
                continue  # "on Saturday 20 August", announced in January for the summer
            ws, we = m.weekday_span
            written = doc.text[ws:we]
            right = _weekday_like(written, day.weekday())
            year_note = "" if m.first.year is not None else " (the year nearest the article's date)"
            yield Violation(
                ws,
                we,
                f"'{written}' does not match the date beside it: {format_date(day)}{year_note} "
                f"is a {WEEKDAY_NAMES[day.weekday()]}; write '{right}' or correct the date",
                Fix(ws, we, right, f"Change '{written}' to '{right}'", safe=m.first.year is not None),
            )

    def _for_events(self, doc: Document, ctx: Context, reference: _dt.date) -> Iterator[Violation]:
        events = _events_by_sentence(doc, ctx)
        if not events:
            return
        for sentence, mentions in _mentions_by_sentence(doc).items():
            named = events.get(sentence)
            if not named or any(m.kind in ("date", "range") for m in mentions):
                continue
            text = doc.prose[sentence.start : sentence.end]
            for m in mentions:
                if m.kind != "weekday" or m.relative != "on" or m.weekday is None:
                    continue
                near = [(hs, he, evs) for hs, he, evs in named
                        if _attached(doc.prose, (hs, he), (m.start, m.end))]  # fmt: skip
                if not near:
                    continue
                candidates = _counted_days(reference, m.weekday, _tense(text))
                spans = [_event_days(e) for _, _, evs in near for e in evs]
                if any(s <= c <= e for c in candidates for s, e in spans):
                    continue
                if any((e - s).days >= 6 for s, e in spans):
                    continue  # an event of a week or more has every weekday
                event = near[0][2][0]
                start, end = _event_days(event)
                assert m.weekday_span is not None
                ws, we = m.weekday_span
                written = doc.text[ws:we]
                counted = " or ".join(format_date(c) for c in candidates)
                yield Violation(
                    ws,
                    we,
                    f"'on {written}' does not fall on the {event.name}: counted from the "
                    f"article's date ({format_date(reference)}) it is {counted}, but the fact "
                    f"sheet dates the event {format_range(start, end)}; give the right weekday "
                    "or the date",
                )


def _fits_another_year(date: PartialDate, weekday: int, reference: _dt.date) -> bool:
    """True when, in some year within twelve months of ``reference``, ``date`` falls on
    ``weekday``: the writer's year is then as likely as the nearest one."""
    for year in (reference.year - 1, reference.year, reference.year + 1):
        day = date.with_year(year).date()
        if day is not None and abs((day - reference).days) <= 366 and day.weekday() == weekday:
            return True
    return False


_FUTURE_RE = lazy_regex(
    r"(?i)\b(?:will|won['’]t|shall|(?:is|are)\s+(?:due|set|expected|scheduled|going|to)"
    r"|upcoming|next|later\s+this)\b",
)
_PAST_RE = lazy_regex(
    r"(?i)\b(?:was|were|had|did|said|began|begun|held|met|started|opened|closed|ended|arrived"
    r"|visited|attended|took|came|went|travell?ed|last|ago|earlier)\b",
)


def _tense(sentence: str) -> str:
    """"future", "past" or "either": the direction to count a bare weekday."""
    future = _FUTURE_RE.search(sentence) is not None
    past = _PAST_RE.search(sentence) is not None
    if future and not past:
        return "future"
    if past and not future:
        return "past"
    return "either"


def _counted_days(reference: _dt.date, weekday: int, tense: str) -> list[_dt.date]:
    """The day a bare weekday names, counted from ``reference`` (this week's, or last)."""
    out = []
    if tense in ("past", "either"):
        out.append(reference - _dt.timedelta(days=(reference.weekday() - weekday) % 7))
    if tense in ("future", "either"):
        ahead = reference + _dt.timedelta(days=(weekday - reference.weekday()) % 7)
        if ahead not in out:
            out.append(ahead)
    return sorted(out)


# ---------------------------------------------------------------------------------

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "forty-eight": 48, "seventy-two": 72,
                      "twenty-four": 24, "thirty-six": 36})  # fmt: skip
_DURATION_RE = lazy_regex(
    r"(?i)(?<![\w\-])(?P<n>[1-9][0-9]{0,2}|%s)-(?P<unit>day|week|hour|night)(?:-long)?(?![\w\-])"
    % "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)),
)
_NEAR = 100  # characters between a stated length and the range it describes


def _range_days(first: PartialDate, last: PartialDate, reference: _dt.date | None) -> set[int]:
    """Days in a range, first and last included; every answer the unknown year allows."""
    if reference is not None or first.year is not None or last.year is not None:
        span = resolve_range(first, last, reference)
        return {(span[1] - span[0]).days + 1} if span else set()
    out = set()
    for year in (2023, 2024):  # a leap year and a common one
        span = resolve_range(first, last, _dt.date(year, first.month, 1))
        if span:
            out.add((span[1] - span[0]).days + 1)
    return out


def _length_fits(n: int, unit: str, days: int) -> bool:
    if unit == "day":
        return n == days
    if unit == "night":
        return n == days - 1
    if unit == "week":
        return abs(days - 7 * n) <= 1
    return 24 * (days - 1) <= n <= 24 * days  # hours: "48-hour" from Monday to Wednesday


class DurationMismatch(Rule):
    code = "NL302"
    name = "duration-mismatch"
    severity = Severity.WARNING
    summary = 'A stated length that disagrees with the stated range ("a four-day visit from 18 to 22 September").'
    docs = """
## What it does
Finds a length written as an adjective ("four-day", "two-week", "48-hour",
"three-night") next to a date range in the same sentence ("from 18 to 22 September",
"Sept. 30–Oct. 2", "between March 20 and 22") that it does not fit. Days count both
ends of the range (18 to 22 September is five days); nights one fewer; a week may be a
day longer or shorter; hours must fit between the first and the last day. A sentence
with more than one length or range is left alone: which goes with which is unclear.

## Why is this bad?
The length and the dates are usually edited at different times; when they disagree the
reader cannot tell which to trust.

## Example
```text
The minister begins a four-day visit from 18 to 22 September.
```

## Use instead
```text
The minister begins a five-day visit from 18 to 22 September.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        mentions = date_mentions(doc)
        if not any(m.kind == "range" for m in mentions):
            return
        reference = ctx.article_date
        for sentence, found in _mentions_by_sentence(doc).items():
            ranges = [m for m in found if m.kind == "range"]
            if len(ranges) != 1:
                continue
            r = ranges[0]
            text = doc.prose[sentence.start : sentence.end]
            lengths = list(_DURATION_RE.finditer(text))
            if len(lengths) != 1:
                continue
            length = lengths[0]
            ls, le = sentence.start + length.start(), sentence.start + length.end()
            gap = r.start - le if ls < r.start else ls - r.end
            if gap > _NEAR:
                continue
            assert r.first is not None and r.last is not None
            if not (r.first.valid and r.last.valid):
                continue
            days = _range_days(r.first, r.last, reference)
            n_text = length.group("n")
            n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text.lower()]
            unit = length.group("unit").lower()
            if not days or any(_length_fits(n, unit, d) for d in days):
                continue
            d = min(days)
            yield Violation(
                ls,
                le,
                f"'{_quote(length.group())}' does not fit '{_quote(r.text)}', which is {d} days counting "
                f"both ends; correct the length or the dates",
            )


# ---------------------------------------------------------------------------------

# A date that belongs to someone's statement, not to the event: "Xi said on 3 March".
_ATTRIBUTED_RE = lazy_regex(
    r"(?i)\b(?:said|says|told|announced|added|reported|wrote|statement|briefing|interview"
    r"|confirmed|revealed)\b[\s,]*(?:on|in)?\s*$",
)
def _relative_days(m: DateMention, reference: _dt.date) -> list[tuple[_dt.date, _dt.date]]:
    """The spans of days "last month", "next week", "this weekend" may mean."""
    step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}.get(m.relative or "")
    if step is None:
        return []
    if m.unit == "month":
        index = reference.year * 12 + reference.month - 1 + step
        first = _dt.date(index // 12, index % 12 + 1, 1)
        last = (first + _dt.timedelta(days=32)).replace(day=1) - _dt.timedelta(days=1)
        return [(first, last)]
    monday = reference - _dt.timedelta(days=reference.weekday())
    # "next weekend" may be the coming one or the one after.
    steps = [0, 1] if (m.unit, m.relative) == ("weekend", "next") else [step]
    out = []
    for k in steps:
        start = monday + _dt.timedelta(days=7 * k)
        if m.unit == "weekend":
            out.append((start + _dt.timedelta(days=5), start + _dt.timedelta(days=6)))
        else:
            out.append((start, start + _dt.timedelta(days=6)))
    return out


def _fits_event(m: DateMention, event: Event, reference: _dt.date | None) -> bool | None:
    """Whether the mention agrees with the event's days (None: cannot tell)."""
    start, end = _event_days(event)
    if m.kind == "relative":
        if reference is None:
            return None
        spans = _relative_days(m, reference)
        return any(a <= end and start <= b for a, b in spans) if spans else None
    ref = start  # a date without a year is read in the year nearest the event
    if m.kind == "date" and m.first is not None:
        day = resolve_date(m.first, ref)
        return None if day is None else start <= day <= end
    if m.kind == "range" and m.first is not None and m.last is not None:
        span = resolve_range(m.first, m.last, ref)
        return None if span is None else start <= span[0] and span[1] <= end
    if m.kind == "month" and m.first is not None:
        months = set()
        d = start.replace(day=1)
        while d <= end:
            months.add((d.year, d.month))
            d = (d + _dt.timedelta(days=32)).replace(day=1)
        if m.first.year is not None:
            return (m.first.year, m.first.month) in months
        return m.first.month in {mo for _, mo in months}
    return None


class DateMismatch(Rule):
    code = "NL303"
    name = "date-mismatch"
    severity = Severity.ERROR
    summary = "A sheet event given a date or date range that disagrees with the fact sheet."
    needs_facts = True
    docs = """
## What it does
Finds a fact-sheet event (its `name` or an `also` form) given a date, a date range or
a month ("in March") that does not fall within the event's `start` and `end`. The date
checked is the one nearest the event's name in the same sentence, and only when the
words between them link the two ("the summit, held from 16 to 18 October", "the forum
will open in Beijing on Oct. 17"); a date that belongs to another verb ("the election
will be announced on Monday", "Xi said on 3 March") is left alone. A date without a
year is read in the year nearest the event, so only its day and month are compared.
With an article date, "last month", "this week", "next weekend" and the like are
checked too.
When a sentence names several events, the date must fit one of them.

## Why is this bad?
Event dates are the facts readers act on. The fact sheet holds the verified dates; copy
that disagrees with it is wrong, whichever of the two was typed last.

## Example
```text
Putin will attend the Belt and Road Forum in Beijing on Oct. 19.
```

## Use instead
```text
Putin will attend the Belt and Road Forum in Beijing on Oct. 17.
```

```toml facts
[[event]]
name = "Belt and Road Forum"
start = 2023-10-17
end = 2023-10-18
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        reference = ctx.article_date
        if not any(_checkable(m, reference) for m in date_mentions(doc)):
            return  # no date to check: the sheet's events need not be looked for
        events = _events_by_sentence(doc, ctx)
        if not events:
            return
        mentions = _mentions_by_sentence(doc)
        for sentence, named in events.items():
            dated = [m for m in mentions.get(sentence, ()) if _checkable(m, reference)]
            dated = [m for m in dated if not _ATTRIBUTED_RE.search(doc.prose, sentence.start, m.start)]
            if not dated:
                continue
            chosen: dict[int, DateMention] = {}
            for hs, he, _ in named:
                # The event's own date: the nearest of those joined to its name.
                own = [m for m in dated if _attached(doc.prose, (hs, he), (m.start, m.end))]
                if own:
                    nearest = min(own, key=lambda m: _distance(doc.prose, m.start, m.end, hs, he))
                    chosen[nearest.start] = nearest
            all_events = [e for _, _, evs in named for e in evs]
            for m in chosen.values():
                verdicts = [_fits_event(m, e, reference) for e in all_events]
                if any(v is None or v for v in verdicts):
                    continue
                event = all_events[0]
                start, end = _event_days(event)
                yield Violation(
                    m.start,
                    m.end,
                    f"'{_quote(m.text)}' does not match the fact sheet's dates for the {event.name} "
                    f"({format_range(start, end)}); correct the date",
                )


def _checkable(m: DateMention, reference: _dt.date | None) -> bool:
    """Whether date-mismatch can check the mention against an event's days."""
    return (
        m.kind in ("date", "range")
        or (m.kind == "month" and m.preposition == "in")
        or (m.kind == "relative" and reference is not None)
    )


def _distance(prose: str, s1: int, e1: int, s2: int, e2: int) -> int:
    """Characters between two spans, a CRLF line end counting as one (so a file's line
    ends never change which date is nearest)."""
    if e1 <= s2:
        a, b = e1, s2
    elif e2 <= s1:
        a, b = e2, s1
    else:
        return 0
    return b - a - prose.count("\r\n", a, b)


# ---------------------------------------------------------------------------------


class InvalidDate(Rule):
    code = "NL304"
    name = "invalid-date"
    severity = Severity.ERROR
    summary = 'A date that does not exist ("Feb. 30", "Sept. 31", "31 April").'
    docs = """
## What it does
Finds a day the month does not have: "Feb. 30", "Sept. 31", "31 April", also as either
end of a range ("September 30-31"). 29 February is flagged only when the year is
written and is not a leap year.

## Why is this bad?
An impossible date is a typing slip that hides the real date; the reader cannot
recover it.

## Example
```text
The report is due on 31 April, the ministry said.
```

## Use instead
```text
The report is due on 30 April, the ministry said.
```
"""

    def check(self, doc: Document, ctx: Context) -> Iterable[Violation]:
        for m in date_mentions(doc):
            if m.kind not in ("date", "range"):
                continue
            for part in (m.first, m.last):
                if part is None or part.day is None or part.valid:
                    continue
                month = _MONTH_NAMES[part.month - 1] if 1 <= part.month <= 12 else None
                if month is None:
                    why = f"there is no month {part.month}"
                elif part.month == 2 and part.day == 29 and part.year is not None:
                    why = f"{part.year} is not a leap year"
                else:
                    days = part.days_in_month()
                    why = f"{month} has {days} days"
                yield Violation(m.start, m.end, f"'{_quote(m.text)}' is not a date: {why}; correct the day")
                break


RULES = (WeekdayMismatch, DurationMismatch, DateMismatch, InvalidDate)
