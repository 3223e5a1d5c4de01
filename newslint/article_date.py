"""The article's own date: the day its relative words ("on Monday", "last month") and
year-less dates ("Sept. 18") are counted from.

In order: the front matter ``date``; else a dateline ("BEIJING, Sept 18, 2023 (AFP) –";
"LONDON (Reuters) -" has none); else the fact sheet's ``date``; else the ``--date``
option. A dateline without a year ("WASHINGTON, Sept. 18 (Reuters) -") takes the year
nearest the sheet's date or ``--date``, and gives nothing when neither is known.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

import regex

from newslint.grammars.dates import DateMention, parse, resolve_date

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.facts import Facts
    from newslint.rule import Context

# A dateline opens a line near the top: a place (often in capitals, perhaps with a
# region), a comma, a date, perhaps the agency in brackets, then a dash.
_DATELINE_RE = regex.compile(
    r"^[ \t]*\p{Lu}[\p{L}.'’ \-]{1,40}?(?:,[ \t]*\p{Lu}[\p{L}.'’ \-]{1,30}?)?,[ \t]*"
    r"(?P<date>[^\n()–—]{4,40}?)[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[-–—]",
    regex.MULTILINE,
)
_HEAD_CHARS = 800  # a dateline is in the first lines, after any headline


def _dateline(doc: "Document") -> tuple["DateMention", int, int] | None:
    head = doc.prose[:_HEAD_CHARS]
    for m in _DATELINE_RE.finditer(head):
        mention = parse(m.group("date").rstrip(" ,"))
        if mention is not None and mention.kind == "date" and mention.first is not None:
            return mention, m.start("date"), m.start("date") + mention.end
    return None


def dateline_span(doc: "Document") -> tuple[int, int] | None:
    """Where the dateline's date is: it dates the article, not anything in the story."""
    found = _dateline(doc)
    return (found[1], found[2]) if found else None


def dateline_date(doc: "Document", reference: _dt.date | None = None) -> _dt.date | None:
    """The date in the article's dateline, if it has one with a usable date."""
    found = _dateline(doc)
    if found is None or found[0].first is None:
        return None
    return resolve_date(found[0].first, reference)


def article_date(
    doc: "Document", facts: "Facts | None" = None, fallback: _dt.date | None = None
) -> _dt.date | None:
    """The article's date: front matter, dateline, fact sheet, then ``fallback`` (--date)."""
    if doc.date is not None:
        return doc.date
    sheet = facts.date if facts is not None else None
    found = dateline_date(doc, sheet or fallback)
    if found is not None:
        return found
    return sheet or fallback


def context_date(doc: "Document", ctx: "Context") -> _dt.date | None:
    """The article's date as rules see it.

    The engine may already have put the front matter, sheet or ``--date`` date in
    ``ctx.article_date``; the front matter and a dateline still take precedence.
    """
    if doc.date is not None:
        return doc.date
    sheet = ctx.facts.date if ctx.facts is not None else None
    fallback = ctx.article_date or sheet
    return dateline_date(doc, fallback) or fallback
