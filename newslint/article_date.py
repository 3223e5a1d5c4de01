"""The article's own date: the day its relative words ("on Monday", "last month") and
year-less dates ("Sept. 18") are counted from.

In order: the front matter ``date`` (a TOML/YAML date, or text such as "2023-09-18" or
"September 18, 2023"); else a dateline ("BEIJING, Sept 18, 2023 (AFP) –";
"LONDON (Reuters) -" has none); else the fact sheet's ``date``; else the ``--date``
option. A dateline without a year ("WASHINGTON, Sept. 18 (Reuters) -") takes the year
nearest the sheet's date or ``--date``, and gives nothing when neither is known.
"""

from __future__ import annotations

import datetime as _dt
from typing import TYPE_CHECKING

from newslint.grammars.dates import DateMention, parse, resolve_date
from newslint.lazy import lazy_regex

if TYPE_CHECKING:
    from newslint.document import Document
    from newslint.facts import Facts

# A dateline opens a line near the top: a place (often in capitals, perhaps with a
# region), a comma, a date, perhaps the agency in brackets, then a dash.
_DATELINE_RE = lazy_regex(
    r"[ \t]*\p{Lu}[\p{L}.'’ \-]{1,40}?(?:,[ \t]*\p{Lu}[\p{L}.'’ \-]{1,30}?)?,[ \t]*"
    r"(?P<date>[^\n()–—]{4,40}?)[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[-–—]"
)
_HEAD_LINES = 6  # a dateline opens one of the first lines of text, after any headline


def _dateline(doc: "Document") -> tuple["DateMention", int, int] | None:
    """The dateline's date mention and where it is (cached on the document)."""
    cached = doc.__dict__.get("_newslint_dateline", False)
    if cached is not False:
        return cached  # type: ignore[no-any-return]
    found = None
    prose = doc.prose
    start = 0
    seen = 0  # lines with text: blanked front matter does not count
    while seen < _HEAD_LINES:
        end = prose.find("\n", start)
        end = len(prose) if end < 0 else end
        line = prose[start : min(end, start + 160)]
        seen += bool(line.strip())
        # A comma, a dash and a capital first, before the pattern is tried (three
        # substring tests: a generator over the dashes cost more than they do).
        if ("," in line and ("-" in line or "–" in line or "—" in line)
                and line.lstrip()[:1].isupper()
                # The place before the first comma: a capital and 1 to 40 more characters
                # (most lines with a comma and a dash fail here, before the pattern).
                and 2 <= line.lstrip(" \t").find(",") <= 41):
            m = _DATELINE_RE.match(prose, start, min(end, start + 160))
            if m is not None:
                mention = parse(m.group("date").rstrip(" ,"))
                if mention is not None and mention.kind == "date" and mention.first is not None:
                    found = (mention, m.start("date"), m.start("date") + mention.end)
                    break
        if end >= len(prose):
            break
        start = end + 1
    doc.__dict__["_newslint_dateline"] = found
    return found


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


def front_matter_date(doc: "Document") -> _dt.date | None:
    """The front matter ``date``, also when written as text ("September 18, 2023")."""
    if doc.date is not None:
        return doc.date
    value = doc.meta.get("date")
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    mention = parse(text)
    if mention is None or mention.kind != "date" or mention.first is None:
        return None
    return mention.first.date()  # only a full date with its year


def article_date(
    doc: "Document", facts: "Facts | None" = None, fallback: _dt.date | None = None
) -> _dt.date | None:
    """The article's date: front matter, dateline, fact sheet, then ``fallback`` (--date)."""
    front = front_matter_date(doc)
    if front is not None:
        return front
    sheet = facts.date if facts is not None else None
    found = dateline_date(doc, sheet or fallback)
    if found is not None:
        return found
    return sheet or fallback
