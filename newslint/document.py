"""The document as rules see it.

A parser turns raw text into a ``Document``. ``text`` is what offsets refer to;
``prose`` has the same length, with everything that is not prose to lint (front
matter, code, URLs, HTML comments, Markdown markup) blanked to spaces, line ends
kept. Rules scan ``prose`` and report offsets that are valid in ``text`` as they are.
Tokens, paragraphs and sentences are computed once, on first use, and shared by all
rules: one pass over the text however many rules run.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Mapping, NamedTuple

import regex

from newslint.findings import LineIndex

# A word: letters, digits and marks, with inner apostrophes and hyphens ("don't",
# "Kilroy-Silk", "Xi’s"). Compiled once, at import.
# The standard library's engine is the faster one for this simple pattern (\w is
# Unicode-aware for str patterns; combining marks are added explicitly).
WORD_RE = re.compile(r"[\w\u0300-\u036f]+(?:['’\-][\w\u0300-\u036f]+)*")
_PARAGRAPH_BREAK_RE = regex.compile(r"\n[ \t\r]*\n|\r[ \t]*\r(?!\n)")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    vs v etc inc corp ltd co bros dept est approx fig al ft mt u.s u.k u.n e.g i.e a.m p.m""".split()
)
# A sentence ends at . ! ? or … (and any closing quotes or brackets) followed by
# white space and a capital, a digit or an opening quote; or at the paragraph's end.
_SENTENCE_END_RE = regex.compile(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]*[\p{Lu}\p{N}]|\s*$)""")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def slice(self, text: str) -> str:
        return text[self.start : self.end]


class Token(NamedTuple):
    """A word of the prose with its offsets (a tuple: millions are made per run)."""

    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


@dataclass
class Document:
    """One article, parsed. Build it with a parser; treat it as read-only."""

    path: str
    text: str
    prose: str
    kind: str = "text"  # "text" or "markdown"
    meta: Mapping[str, Any] = field(default_factory=dict)
    headline: Span | None = None  # the headline line (plain text) or first heading
    bom: bool = False

    def __post_init__(self) -> None:
        if len(self.prose) != len(self.text):
            raise ValueError("prose must have the same length as text")

    @property
    def title(self) -> str | None:
        title = self.meta.get("title")
        return str(title) if title is not None else None

    @property
    def date(self) -> _dt.date | None:
        """The front matter date, if any (datelines are read by the date layer)."""
        value = self.meta.get("date")
        if isinstance(value, _dt.datetime):
            return value.date()
        if isinstance(value, _dt.date):
            return value
        return None

    @cached_property
    def lines(self) -> LineIndex:
        return LineIndex(self.text)

    @cached_property
    def tokens(self) -> list[Token]:
        """Every word of the prose, in order, with offsets."""
        new = tuple.__new__  # Token(...) goes through a Python-level __new__: 1.6x slower
        return [new(Token, (m.start(), m.end(), m.group())) for m in WORD_RE.finditer(self.prose)]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Spans of prose between blank lines (the headline is its own paragraph)."""
        spans: list[Span] = []
        start = 0
        for m in _PARAGRAPH_BREAK_RE.finditer(self.prose):
            spans.append(Span(start, m.start()))
            start = m.end()
        spans.append(Span(start, len(self.prose)))
        out = []
        for s in spans:
            chunk = self.prose[s.start : s.end]
            stripped = chunk.strip()
            if not stripped:
                continue
            lead = len(chunk) - len(chunk.lstrip())
            out.append(Span(s.start + lead, s.start + lead + len(stripped)))
        if self.headline is not None:
            h = self.headline
            split: list[Span] = []
            for s in out:
                if s.start <= h.start < s.end and h.end < s.end:
                    split.append(Span(s.start, h.end))
                    rest = self.prose[h.end : s.end]
                    lead = len(rest) - len(rest.lstrip())
                    if rest.strip():
                        split.append(Span(h.end + lead, s.end))
                else:
                    split.append(s)
            out = split
        return out

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans within paragraphs; a cheap splitter that knows abbreviations."""
        out: list[Span] = []
        prose = self.prose
        for para in self.paragraphs:
            start = para.start
            chunk = prose[para.start : para.end]
            for m in _SENTENCE_END_RE.finditer(chunk):
                end = para.start + m.end()
                if end <= start:
                    continue
                if _ends_with_abbreviation(prose, start, para.start + m.start()):
                    continue
                out.append(_trim(prose, start, end))
                start = end
            if start < para.end:
                out.append(_trim(prose, start, para.end))
        return [s for s in out if s.end > s.start]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``, if any."""
        i = _span_index(self.sentences, self._sentence_starts, offset)
        return self.sentences[i] if i >= 0 else None

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (-1 when between paragraphs)."""
        return _span_index(self.paragraphs, self._paragraph_starts, offset)


def _span_index(spans: list[Span], starts: list[int], offset: int) -> int:
    """The index of the span (sorted, not overlapping) holding ``offset``, or -1."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and spans[i].start <= offset < spans[i].end else -1


def _trim(text: str, start: int, end: int) -> Span:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + len(chunk.rstrip()))


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if dot <= start or text[dot] != ".":
        return False
    i = dot
    while i > start and (text[i - 1].isalnum() or text[i - 1] == "."):
        i -= 1
    word = text[i:dot].lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "George W. Bush"
    if word == "no":  # "No. 10", but "said no." ends a sentence
        rest = text[dot + 1 : dot + 4].lstrip()
        return rest[:1].isdigit()
    return word in _ABBREVIATIONS


_LAST_LOWERED: list[tuple[str, str]] = []


def lowered(text: str) -> str:
    """``text.lower()``, kept for the last text: the fact index and the pack rules all
    scan the same prose in lower case, one after another."""
    last = _LAST_LOWERED[0] if _LAST_LOWERED else None  # read once: safe across threads
    if last is not None and last[0] is text:
        return last[1]
    low = text.lower()
    _LAST_LOWERED[:] = [(text, low)]
    return low


_NOT_LINE_END_RE = regex.compile(r"[^\r\n]")


def mask(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span blanked to spaces, line ends kept (for parsers).

    Spans may overlap and come in any order; the result has the same length.
    """
    if not spans:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(_NOT_LINE_END_RE.sub(" ", text[start:end]))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)
