"""Dates as news copy writes them, found cheaply and parsed precisely.

Wire and broadcast copy writes one date many ways: "Sept. 18, 2023", "18 September",
"the 18th of September", "September 18-21", "from 18 to 21 September", "Sept. 30–Oct. 2",
"between March 20 and 22", "2023-09-18", a weekday before or after a date ("Monday,
Sept. 18", "Sept. 18 (Monday)") and relative words ("on Monday", "last month").

Two stages keep this fast: a regex scan finds the few spans of an article that look
like dates (a month or weekday name, an ISO date, "last/next week"), and a pyparsing
grammar, built once on first use, parses only those spans, trying only where a word
starts. Most spans hold one simple form (a single date, a month, a weekday); one regex
reads those, held to the grammar's answers by a property test and by
``bench/date_spans.py``, and the grammar reads the rest (ranges, "between", a weekday
in brackets, ISO dates). Nothing here knows the article's own date; ``resolve_date``
and ``resolve_range`` take it as the reference that supplies a missing year.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterator

from newslint.lazy import lazy_re, lazy_regex

if TYPE_CHECKING:
    import pyparsing as pp

    from newslint.document import Document

_MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
_MONTH_ABBREVIATIONS = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
    "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ABBREVIATIONS = {
    "Mon": 0, "Tue": 1, "Tues": 1, "Wed": 2, "Thu": 3, "Thur": 3, "Thurs": 3,
    "Fri": 4, "Sat": 5, "Sun": 6,
}  # fmt: skip

# Lower-case word (no full stop) -> month number / weekday number (Monday = 0).
MONTHS: dict[str, int] = {m.lower(): i for i, m in enumerate(_MONTH_NAMES, 1)}
MONTHS.update({a.lower(): n for a, n in _MONTH_ABBREVIATIONS.items()})
WEEKDAYS: dict[str, int] = {d.lower(): i for i, d in enumerate(WEEKDAY_NAMES)}
WEEKDAYS.update({a.lower(): n for a, n in _WEEKDAY_ABBREVIATIONS.items()})


def _cased(words: list[str]) -> list[str]:
    """Title case and capitals ("September", "SEPTEMBER"), longest first."""
    out = {w for word in words for w in (word, word.upper())}
    return sorted(out, key=lambda w: (-len(w), w))


_FULL_MONTHS = _cased(_MONTH_NAMES)
_ABBR_MONTHS = _cased(list(_MONTH_ABBREVIATIONS))
_FULL_WEEKDAYS = _cased(list(WEEKDAY_NAMES))
_ABBR_WEEKDAYS = _cased(list(_WEEKDAY_ABBREVIATIONS))


def _trie(words: list[str]) -> str:
    """An alternation of ``words`` (letters only) as a trie; at each place the longest
    word that matches is tried first, as in an alternation sorted longest first."""
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict[str, dict]) -> str:
        branches = [ch + build(child) for ch, child in node.items() if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return build(root)


# Token patterns shared by the scan and the grammar (plain ``re`` syntax). Each list of
# words is a trie: the same matches as the words longest first, in a pattern a third
# the size (faster to compile, here and in the patterns built on these).
_MONTH_RE = r"(?:%s)(?![A-Za-z])|(?:%s)(?:\.|(?![A-Za-z]))" % (
    _trie(_FULL_MONTHS),
    _trie(_ABBR_MONTHS),
)
_FULL_MONTH_RE = r"(?:%s)(?![A-Za-z])" % _trie(_FULL_MONTHS)
_FULL_WEEKDAY_RE = r"(?:%s)(?![A-Za-z])" % _trie(_FULL_WEEKDAYS)
# An abbreviated weekday needs its full stop: "Sun" alone is a newspaper.
_WEEKDAY_RE = r"%s|(?:%s)\." % (_FULL_WEEKDAY_RE, _trie(_ABBR_WEEKDAYS))
# A day of the month: not part of a larger number ("18,000", "18.5", "1:30") nor of a
# compound ("18-year-old").
_DAY_RE = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?![0-9A-Za-z])(?![.,:]\d)(?!-[A-Za-z])"
# A year, not a 24-hour time ("1 March 2000 GMT").
_YEAR_RE = (
    r"(?:1[89]|20)[0-9]{2}(?![0-9A-Za-z])(?![.,:]\d)"
    r"(?![ \t]*(?:GMT|BST|UTC|CET|CEST|EST|EDT|PST|PDT|hrs|h|local\s+time)(?![A-Za-z]))"
)
_ISO_RE = r"([12][0-9]{3})-([01][0-9])-([0-3][0-9])(?![0-9])"
_DASH_RE = r"[-–—]|(?:to|until|till|through|thru)(?![A-Za-z])"
_REL_RE = r"(?:[Oo]n|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)(?![A-Za-z])"
_UNIT_RE = r"(?:weekend|week|month)(?![A-Za-z])"  # "last year" dates nothing a rule checks

# ---------------------------------------------------------------------------------
# The cheap scan.

# Three scans: month and weekday words (one ``re`` alternation, factored as a trie so
# each capital letter costs a comparison or two), the middle of an ISO date, and the
# unit of "last month" / "next week" (plain substring search). One combined pattern
# is twenty times slower.
_WORD_ANCHOR_RE = lazy_re(
    r"(?:%s)(?![A-Za-z])\.?" % _trie(_FULL_MONTHS + _ABBR_MONTHS + _FULL_WEEKDAYS + _ABBR_WEEKDAYS)
)
_ABBR_WEEKDAY_SET = frozenset(_ABBR_WEEKDAYS)
_ISO_ANCHOR_RE = lazy_re(r"-[01][0-9]-[0-3][0-9](?![0-9])")
_ISO_YEAR_RE = lazy_re(r"(?<![0-9])[12][0-9]{3}$")
_UNITS = ("weekend", "week", "month")  # the longest first, as _UNIT_RE tries them
_REL_BEFORE_RE = lazy_re(r"(?<![A-Za-z])%s\s+$" % _REL_RE)
_LEFT_TOKEN = (
    r"(?:(?<![\p{L}\p{N}])(?:[Ff]rom|[Bb]etween|[Oo]n|[Ii]n|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming"
    r"|[Tt]he|of|to|and|until|till|through|\d{1,2}(?:st|nd|rd|th)?)(?![\p{L}\p{N}])|[-–—,])"
)
# Searched backwards, ending where the anchor starts or one line end before it (a date
# hard-wrapped after "Monday,"): any line end, so that CRLF text reads as LF text does.
_LEFT_RE = lazy_regex(r"(?r)(?:%s[ \t]*){1,6}(?:\r\n|\n|\r)?\Z" % _LEFT_TOKEN)
_RIGHT_RE = lazy_regex(
    r"(?:[ \t]*(?:[,()\-–—]|(?:to|and|until|till|through|of|the)(?![\p{L}])"
    r"|\d{1,4}(?:st|nd|rd|th)?(?![\p{L}\p{N}])|%s|%s))*" % (_MONTH_RE, _WEEKDAY_RE)
)
_LOOKBEHIND = 48


def _anchors(prose: str) -> list[tuple[int, int, str | None]]:
    """(start, end, month-or-weekday word or None) of every date anchor, in order."""
    found: list[tuple[int, int, str | None]] = []
    for m in _WORD_ANCHOR_RE.finditer(prose):
        start = m.start()
        if start and prose[start - 1].isalnum():
            continue
        word = m.group()
        if word in _ABBR_WEEKDAY_SET:  # "Sun" without its full stop
            continue
        found.append((start, m.end(), word))
    for m in _ISO_ANCHOR_RE.finditer(prose):
        if _ISO_YEAR_RE.search(prose, max(0, m.start() - 5), m.start()):
            found.append((m.start() - 4, m.end(), None))
    for start, end in _unit_words(prose):
        if start and prose[start - 1].isalpha():
            continue
        rel = _REL_BEFORE_RE.search(prose, max(0, start - 12), start)
        if rel is not None:
            found.append((rel.start(), end, None))
    found.sort()
    return found


def _unit_words(prose: str) -> list[tuple[int, int]]:
    """(start, end) of "weekend", "week" and "month" not followed by a letter, in order:
    the matches of ``(?:weekend|week|month)(?![A-Za-z])``, found by substring search."""
    out = []
    for stem in ("week", "month"):
        find = prose.find
        i = find(stem)
        while i >= 0:
            for unit in _UNITS:
                if prose.startswith(unit, i):
                    end = i + len(unit)
                    if end == len(prose) or not _is_ascii_letter(prose[end]):
                        out.append((i, end))
                        break
            i = find(stem, i + 1)
    out.sort()
    return out


def _is_ascii_letter(ch: str) -> bool:
    return "a" <= ch <= "z" or "A" <= ch <= "Z"


def scan(prose: str) -> list[tuple[int, int]]:
    """Spans of ``prose`` that look like dates; cheap, generous, merged."""
    spans: list[tuple[int, int]] = []
    for start, end, word in _anchors(prose):
        left = _LEFT_RE.search(prose, max(0, start - _LOOKBEHIND), start)
        if left is not None:
            start = left.start()
        right = _RIGHT_RE.match(prose, end)
        if right is not None:
            end = right.end()
        chunk = prose[start:end].rstrip(" \t,.(-–—")
        end = start + len(chunk)
        if word is not None and not _date_like(word, chunk):
            continue
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


_HAS_DIGIT_RE = lazy_regex(r"\d")
_IN_MONTH_RE = lazy_regex(r"(?<![\p{L}])[Ii]n\s+\w+")


_FULL_WORDS = frozenset(w.lower() for w in _MONTH_NAMES + list(WEEKDAY_NAMES))


def _date_like(word: str, chunk: str) -> bool:
    """A month or weekday word that is a date, not "May" the name or "Sun." the paper."""
    if _HAS_DIGIT_RE.search(chunk):
        return True
    bare = word.rstrip(".").lower()
    if bare == "may":
        return _IN_MONTH_RE.match(chunk) is not None
    return bare in _FULL_WORDS


# ---------------------------------------------------------------------------------
# What the grammar yields.


@dataclass(frozen=True)
class PartialDate:
    """A calendar date that may lack its year (and, for "in March", its day)."""

    month: int
    day: int | None = None
    year: int | None = None

    def days_in_month(self) -> int:
        """Days in the month; February has 29 when the year is unknown."""
        if self.month == 2 and self.year is None:
            return 29
        return calendar.monthrange(self.year or 2001, self.month)[1]

    @property
    def valid(self) -> bool:
        return 1 <= self.month <= 12 and (self.day is None or 1 <= self.day <= self.days_in_month())

    def with_year(self, year: int) -> "PartialDate":
        return PartialDate(self.month, self.day, year)

    def date(self) -> _dt.date | None:
        """The date when day and year are known and the date exists."""
        if self.day is None or self.year is None:
            return None
        try:
            return _dt.date(self.year, self.month, self.day)
        except ValueError:
            return None


@dataclass(frozen=True)
class DateMention:
    """One date expression found in the prose; offsets are into the document.

    ``kind`` is "date" (a day), "range" (``first`` to ``last``), "month" ("in March",
    "September 2023"), "weekday" (a weekday with no date: "on Monday", "last Friday") or
    "relative" ("next week", "last month": ``relative`` and ``unit`` set).
    """

    start: int
    end: int
    text: str
    kind: str
    first: PartialDate | None = None
    last: PartialDate | None = None
    weekday: int | None = None  # Monday = 0
    weekday_span: tuple[int, int] | None = None
    relative: str | None = None  # "on", "last", "next", "this", "coming", "past"
    unit: str | None = None  # "week", "month", "year", "weekend"
    preposition: str | None = None  # for months: "in", "since", "by"...


# ---------------------------------------------------------------------------------
# The grammar, built on first use.

_GRAMMAR: "pp.ParserElement | None" = None


def _int_of(tokens: Any) -> int:
    return int(re.match(r"\d+", tokens[0]).group())  # type: ignore[union-attr]


def _month_of(tokens: Any) -> int:
    return MONTHS[tokens[0].rstrip(".").lower()]


def _weekday_of(tokens: Any) -> int:
    return WEEKDAYS[tokens[0].rstrip(".").lower()]


def grammar() -> "pp.ParserElement":
    """The date grammar (built once; pyparsing is imported only when first needed)."""
    global _GRAMMAR
    if _GRAMMAR is not None:
        return _GRAMMAR
    import pyparsing as pp

    def kw(word: str) -> pp.ParserElement:
        return pp.Regex(r"(?:%s|%s)(?![A-Za-z])" % (word, word.capitalize())).suppress()

    month = pp.Regex(_MONTH_RE).set_parse_action(_month_of)
    full_month = pp.Regex(_FULL_MONTH_RE).set_parse_action(_month_of)
    day = pp.Regex(_DAY_RE).set_parse_action(_int_of)
    # A year is on the same line: a number opening the next line is something else.
    year = pp.Regex(_YEAR_RE).set_parse_action(_int_of).set_whitespace_chars(" \t")
    dash = pp.Regex(_DASH_RE).suppress()
    comma = pp.Opt(pp.Suppress(","))
    the = pp.Opt(kw("the"))
    of = pp.Opt(kw("of"))
    weekday = pp.Located(pp.Regex(_WEEKDAY_RE).set_parse_action(_weekday_of))
    full_weekday = pp.Located(pp.Regex(_FULL_WEEKDAY_RE).set_parse_action(_weekday_of))
    iso = pp.Regex(_ISO_RE).set_parse_action(
        lambda t: [(int(t[0][:4]), int(t[0][5:7]), int(t[0][8:10]))]
    )

    # Left-factored (each form shares its head with the ranges built on it) so a
    # failed alternative never re-reads the month and day.
    us_year = pp.Opt(comma + year("y2"))
    us = (
        month("m1") + day("d1")
        + pp.Opt((pp.Opt(pp.Suppress(",") + year("y1")) + dash + month("m2") + day("d2"))
                 | (dash + day("d2")))
        + us_year
    )  # fmt: skip
    uk = the + day("d1") + (
        (dash + the + day("d2") + of + month("m1") + pp.Opt(year("y2")))
        | (of + month("m1") + pp.Opt(year("y1"))
           + pp.Opt(dash + the + day("d2") + of + month("m2") + pp.Opt(year("y2"))))
    )  # fmt: skip
    between = kw("between") + (
        (month("m1") + day("d1") + kw("and") + pp.Opt(month("m2")) + day("d2") + us_year)
        | (the + day("d1") + (
            (of + month("m1") + kw("and") + the + day("d2") + of + month("m2"))
            | (kw("and") + the + day("d2") + of + month("m1"))
        ) + pp.Opt(year("y2")))
    )  # fmt: skip
    date_core = iso("iso") | us | uk
    dated = (
        (pp.Opt(kw("on")) + weekday("wd") + comma + date_core)
        | (pp.Opt(kw("from")) + date_core + pp.Opt(pp.Suppress("(") + weekday("wd") + pp.Suppress(")")))
        | between
    )
    preposition = pp.Regex(_PREP_RE)
    month_only = (preposition("prep") + full_month("m1") + pp.Opt(year("y2"))) | (
        month("m1") + year("y2")
    )
    relative_weekday = pp.Opt(pp.Regex(_REL_RE)("rel")) + full_weekday("wd") + ~(
        comma + date_core
    )
    relative_unit = pp.Regex(_REL_RE)("rel") + pp.Regex(_UNIT_RE)("unit")
    _GRAMMAR = (dated | month_only | relative_unit | relative_weekday).streamline()
    return _GRAMMAR


def _mention(result: Any, start: int, end: int, text: str, base: int) -> DateMention:
    """Turn one grammar match into a ``DateMention`` (offsets shifted by ``base``)."""
    wd = result.get("wd")
    weekday = weekday_span = None
    if wd is not None:
        weekday = wd[1][0]
        weekday_span = (base + wd[0], base + wd[2])
    where = dict(start=base + start, end=base + end, text=text)
    if "iso" in result:
        y, m, d = result["iso"]
        first = PartialDate(m, d, y)
        return DateMention(**where, kind="date", first=first, weekday=weekday,
                           weekday_span=weekday_span)  # fmt: skip
    if "unit" in result:
        return DateMention(**where, kind="relative", relative=result["rel"].lower(),
                           unit=result["unit"])  # fmt: skip
    if "m1" not in result:
        rel = result.get("rel")
        return DateMention(**where, kind="weekday", weekday=weekday, weekday_span=weekday_span,
                           relative=rel.lower() if rel else None)  # fmt: skip
    m1 = result["m1"]
    y2 = result.get("y2")
    if "d2" not in result and y2 is None:
        y2 = result.get("y1")  # "18 September 2023": the year read before a range could start
    if "d1" not in result:
        prep = result.get("prep")
        return DateMention(**where, kind="month", first=PartialDate(m1, None, y2),
                           preposition=prep.lower() if prep else None)  # fmt: skip
    d1 = result["d1"]
    if "d2" not in result:
        return DateMention(**where, kind="date", first=PartialDate(m1, d1, y2),
                           weekday=weekday, weekday_span=weekday_span)  # fmt: skip
    m2 = result.get("m2", m1)
    last = PartialDate(m2, result["d2"], y2)
    y1 = result.get("y1")
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, last.day) else y2 - 1
    return DateMention(**where, kind="range", first=PartialDate(m1, d1, y1), last=last,
                       weekday=weekday, weekday_span=weekday_span)  # fmt: skip


_WORD_START_RE = lazy_re(r"(?<![\w.])\w")
_PREP_RE = (
    r"(?:[Mm]id-|(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Dd]uring|[Ll]ate|[Ee]arly|[Mm]id"
    r"|[Ll]ast|[Nn]ext|[Tt]his|[Cc]oming|[Pp]ast)(?![A-Za-z]))"
)
# Most spans hold one simple form: a single date ("Monday, Sept. 18", "5 May 2005"), a
# month ("in March"), a weekday or a relative word. This regex reads those exactly as
# the grammar does (tests and the bench hold the two to the same answers) at a tenth of
# the cost; the grammar reads every span with a range, "between", brackets or ISO.
_DAY_DIGIT_RE = lazy_re(r"(?<![0-9])(?!%s)[0-9]" % _YEAR_RE)
# What only the grammar reads: ranges, "between", a weekday in brackets, ISO dates.
_NEEDS_GRAMMAR_RE = lazy_re(
    r"[-–—(]|(?<![A-Za-z])(?:to|until|till|through|thru|and|[Bb]etween)(?![A-Za-z])"
)
_SIMPLE_FORMS_RE = lazy_re(
    r"(?<![\w.])(?:"
    # a single date, perhaps after a weekday: "Monday, Sept. 18", "on 5 May 2005"
    r"(?:(?:[Oo]n(?![A-Za-z])\s*)?(?P<swd>%(wd)s)\s*,?\s*|(?:[Ff]rom(?![A-Za-z])\s*)?)"
    r"(?:(?P<um>%(month)s)\s*(?P<ud>%(day)s)(?:(?:\s*,)?[ \t]*(?P<uy>%(year)s))?"
    r"|(?:[Tt]he(?![A-Za-z])\s*)?(?P<kd>%(day)s)\s*(?:of(?![A-Za-z])\s*)?(?P<km>%(month)s)"
    r"(?:[ \t]*(?P<ky>%(year)s))?)"
    # a month: "in March", "September 2023"
    r"|(?P<prep>%(prep)s)\s*(?P<m1>%(full_month)s)(?:[ \t]*(?P<y>%(year)s))?"
    r"|(?P<m1b>%(month)s)[ \t]*(?P<yb>%(year)s)"
    # relative words: "next week", "on Monday", "last Friday"
    r"|(?P<rel>%(rel)s)\s*(?P<unit>%(unit)s)|(?:(?P<wrel>%(rel)s)\s*)?(?P<wd>%(full_wd)s))"
    % dict(wd=_WEEKDAY_RE, month=_MONTH_RE, day=_DAY_RE, year=_YEAR_RE, prep=_PREP_RE,
           full_month=_FULL_MONTH_RE, rel=_REL_RE, unit=_UNIT_RE, full_wd=_FULL_WEEKDAY_RE)
)  # fmt: skip

# A single date where a weekday may stand before one: a relative weekday followed by it
# is no relative weekday ("last Monday, Sept. 18": the grammar reads "Monday, Sept. 18").
_DATE_NEXT_RE = lazy_re(
    r"\s*,?\s*(?:(?:%(month)s)\s*(?:%(day)s)"
    r"|(?:[Tt]he(?![A-Za-z])\s*)?(?:%(day)s)\s*(?:of(?![A-Za-z])\s*)?(?:%(month)s))"
    % dict(month=_MONTH_RE, day=_DAY_RE)
)

_CONTEXT = 32


def _simple_forms(text: str, start: int, end: int) -> list[DateMention]:
    out = []
    # Every form opens a word (the pattern starts with ``_WORD_START_RE``'s look-behind
    # and a letter or digit), so it is tried only where a word starts, as ``finditer``
    # would find it: the first match at or after the end of the last. It reads a
    # little past the span: what follows counts ("2000 GMT" is a time).
    match = _SIMPLE_FORMS_RE.match
    stop = end + _CONTEXT
    pos = start
    for w in _WORD_START_RE.finditer(text, start, end):
        if w.start() < pos:
            continue
        m = match(text, w.start(), stop)
        if m is None:
            continue
        if m.group("wrel") and _DATE_NEXT_RE.match(text, m.end(), stop):
            continue  # as the grammar reads it: the weekday opens the date that follows
        pos = m.end()
        where = dict(start=m.start(), end=m.end(), text=m.group())
        if m.group("ud") or m.group("kd"):
            day = _int_of([m.group("ud") or m.group("kd")])
            month = _month_of([m.group("um") or m.group("km")])
            year = m.group("uy") or m.group("ky")
            wd = m.group("swd")
            out.append(DateMention(**where, kind="date",
                                   first=PartialDate(month, day, int(year) if year else None),
                                   weekday=_weekday_of([wd]) if wd else None,
                                   weekday_span=(m.start("swd"), m.end("swd")) if wd else None))  # fmt: skip
        elif m.group("m1") or m.group("m1b"):
            prep = m.group("prep")
            year = m.group("y") or m.group("yb")
            first = PartialDate(_month_of([m.group("m1") or m.group("m1b")]), None,
                                int(year) if year else None)  # fmt: skip
            out.append(DateMention(**where, kind="month", first=first,
                                   preposition=prep.lower() if prep else None))  # fmt: skip
        elif m.group("unit"):
            out.append(DateMention(**where, kind="relative", relative=m.group("rel").lower(),
                                   unit=m.group("unit")))  # fmt: skip
        else:
            rel = m.group("wrel")
            out.append(DateMention(**where, kind="weekday", weekday=_weekday_of([m.group("wd")]),
                                   weekday_span=(m.start("wd"), m.end("wd")),
                                   relative=rel.lower() if rel else None))  # fmt: skip
    return out


def parse_span(
    text: str, start: int = 0, end: int | None = None, *, use_grammar: bool = False
) -> list[DateMention]:
    """Every date expression starting in ``text[start:end]`` (a span from ``scan``).

    The grammar reads ``text`` itself, so what follows the span still counts ("2000
    GMT" is a time, not a year); it is tried only where a word starts. A span with no
    day digits, or with no range, "between", bracket or ISO date, is read by
    ``_SIMPLE_FORMS_RE`` instead, unless ``use_grammar`` (the tests and
    ``bench/date_spans.py`` compare the two).
    """
    if end is None:
        end = len(text)
    if not use_grammar and (
        _DAY_DIGIT_RE.search(text, start, end) is None
        or _NEEDS_GRAMMAR_RE.search(text, start, end) is None
    ):
        return _simple_forms(text, start, end)
    import pyparsing as pp

    g = grammar()
    out = []
    pos = start
    for m in _WORD_START_RE.finditer(text, start, end):
        i = m.start()
        if i < pos:
            continue
        try:
            stop, result = g._parse(text, i)  # anchored at a word start; no rescans
        except pp.ParseException:
            continue
        stop = i + len(text[i:stop].rstrip())  # a failed optional tail skips spaces
        out.append(_mention(result, i, stop, text[i:stop], 0))
        pos = stop
    return out


def parse(text: str) -> DateMention | None:
    """The one date expression that is the whole of ``text`` (for tests and datelines)."""
    found = parse_span(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.rstrip()):
        return found[0]
    return None


def find_dates(prose: str) -> Iterator[DateMention]:
    """Every date expression in ``prose``: the scan, then the grammar on its spans."""
    last_end = 0
    for start, end in scan(prose):
        for mention in parse_span(prose, start, end):
            if mention.start >= last_end:  # a date read past its span is not read twice
                yield mention
                last_end = mention.end


def date_mentions(doc: "Document") -> list[DateMention]:
    """The document's date expressions, parsed once and shared by every date rule."""
    cached = doc.__dict__.get("_newslint_date_mentions")
    if cached is None:
        cached = list(find_dates(doc.prose))
        doc.__dict__["_newslint_date_mentions"] = cached
    return cached


# ---------------------------------------------------------------------------------
# Years.


def nearest_year(date: PartialDate, reference: _dt.date) -> int | None:
    """The year that puts ``date`` nearest ``reference`` (None when it never exists)."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        d = date.with_year(year).date()
        if d is None:
            continue
        distance = abs((d - reference).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def resolve_date(date: PartialDate, reference: _dt.date | None) -> _dt.date | None:
    """The calendar date meant: its own year, else the one nearest ``reference``."""
    if date.day is None:
        return None
    if date.year is not None:
        return date.date()
    if reference is None:
        return None
    year = nearest_year(date, reference)
    return date.with_year(year).date() if year is not None else None


def resolve_range(
    first: PartialDate, last: PartialDate, reference: _dt.date | None
) -> tuple[_dt.date, _dt.date] | None:
    """First and last day of a range; the last inherits the first's year (or the next)."""
    start = resolve_date(first, reference)
    if start is None:
        return None
    year = last.year
    if year is None:
        year = start.year if (last.month, last.day) >= (start.month, start.day) else start.year + 1
    end = last.with_year(year).date()
    if end is None or end < start:
        return None
    return start, end
