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
import sys
from dataclasses import dataclass, field
from functools import cached_property, partial
from array import array
from itertools import accumulate
from typing import Any, Iterator, Mapping, NamedTuple, Sequence, overload

from newslint.findings import LineIndex
from newslint.lazy import lazy_re, lazy_regex

# A word: letters, digits and marks, with inner apostrophes and hyphens ("don't",
# "Kilroy-Silk", "Xi’s"). Compiled on first use.
# The standard library's engine is the faster one for this simple pattern (\w is
# Unicode-aware for str patterns; combining marks are added explicitly).
_WORD = r"[\w\u0300-\u036f]+(?:['’\-][\w\u0300-\u036f]+)*"
WORD_RE = lazy_re(_WORD)
# split: gap, word, gap, word, ..., gap. The same words: letters and the marks between
# them are disjoint classes, so nothing is ever given back; possessive (Python 3.11+),
# the engine keeps no backtracking state for each word (splitting dev: ~13% faster).
_WORD_SPLIT_RE = lazy_re(
    r"([\w\u0300-\u036f]++(?:['’\-][\w\u0300-\u036f]++)*+)" if sys.version_info >= (3, 11)
    else f"({_WORD})"
)
_PARAGRAPH_BREAK_RE = lazy_re(r"\n[ \t\r]*\n|\r[ \t]*\r(?!\n)")
_LF_PARAGRAPH_BREAK_RE = lazy_re(r"\n[ \t\r]*\n")  # the same, for text without "\r"
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep rev hon
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    vs v etc inc corp ltd co bros dept est approx fig al ft mt u.s u.k u.n e.g i.e a.m p.m""".split()
)
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))
# A sentence ends at . ! ? or … (and any closing quotes or brackets) followed by
# white space and a capital, a digit or an opening quote; or at the paragraph's end.
# A Markdown ATX heading line ("## Title"): capitalised by headline style, not as prose.
_HEADING_LINE_RE = lazy_regex(r"(?m)^[ ]{0,3}#{1,6}[ \t][^\n]*$")
_SENTENCE_END_RE = lazy_regex(r"""[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]*[\p{Lu}\p{N}]|\s*$)""")


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def __init__(self, start: int, end: int) -> None:
        # Frozen: the generated __init__ sets each field through object.__setattr__,
        # at twice the cost; tens of thousands are made per run.
        d = self.__dict__
        d["start"] = start
        d["end"] = end

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


# Token(...) goes through a Python-level __new__; this is the tuple's own, in C.
_new_token = partial(tuple.__new__, Token)


class Tokens(Sequence[Token]):
    """A document's tokens, read like a list of ``Token`` (a slice is a list). Held as
    two arrays of offsets and the words, each ``Token`` made when it is read: a list of
    them took ~20 bytes per character of a long document (580,000 tuples and their
    offsets as int objects for a 3.4 MB file, in every worker that reads them). A rule
    that goes through every word reads ``starts``, ``ends`` and ``words`` instead."""

    __slots__ = ("starts", "ends", "words")

    def __init__(self, starts: array, ends: array, words: list[str]) -> None:
        self.starts, self.ends, self.words = starts, ends, words

    def __len__(self) -> int:
        return len(self.words)

    @overload
    def __getitem__(self, i: int) -> Token: ...

    @overload
    def __getitem__(self, i: slice) -> list[Token]: ...

    def __getitem__(self, i: int | slice) -> Token | list[Token]:
        if isinstance(i, slice):
            return list(map(_new_token, zip(self.starts[i], self.ends[i], self.words[i])))
        return _new_token((self.starts[i], self.ends[i], self.words[i]))

    def __iter__(self) -> Iterator[Token]:
        return map(_new_token, zip(self.starts, self.ends, self.words))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Tokens, list, tuple)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # (as a list's: not hashable)

    def __repr__(self) -> str:
        return f"Tokens({list(self)!r})"


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
    def headings(self) -> list[Span]:
        """The Markdown heading lines (none in plain text), shared by the rules that
        treat headings apart from prose."""
        if self.kind != "markdown":
            return []
        return [Span(*m.span()) for m in _HEADING_LINE_RE.finditer(self.text)]

    @cached_property
    def tokens(self) -> "Tokens":
        """Every word of the prose, in order, with offsets."""
        # One split gives the words and the gaps between them; the running sum of
        # their lengths gives every offset. No Python code runs per word.
        words = self.words
        if "tokens" in self.__dict__:  # a long text: made with the words
            return self.__dict__["tokens"]
        parts = self.__dict__.pop("_word_parts", None) or _WORD_SPLIT_RE.split(self.prose)
        offsets = array(_offset_code(self.prose), accumulate(map(len, parts)))  # part ends
        return Tokens(offsets[0:-1:2], offsets[1::2], words)  # (the last part is a gap)

    @cached_property
    def words(self) -> list[str]:
        """The text of each token, in order (``[t.text for t in doc.tokens]``). Read
        alone, it costs the split only: the tokens are made when first asked for."""
        if len(self.prose) >= _CHUNKED_FROM:
            tokens = _long_text_tokens(self.prose)
            self.__dict__["tokens"] = tokens
            return tokens.words
        parts = _WORD_SPLIT_RE.split(self.prose)
        self.__dict__["_word_parts"] = parts  # for the tokens' offsets
        return parts[1::2]

    @cached_property
    def paragraphs(self) -> list[Span]:
        """Spans of prose between blank lines (the headline is its own paragraph)."""
        spans: list[Span] = []
        start = 0
        # Without a carriage return only the first alternative can match, and alone
        # it is searched for at memchr speed (the alternation is ten times slower).
        breaks = _PARAGRAPH_BREAK_RE if "\r" in self.prose else _LF_PARAGRAPH_BREAK_RE
        for m in breaks.finditer(self.prose):
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
    def _paragraph_sentences(self) -> list[list[Span] | None]:
        return [None] * len(self.paragraphs)

    def _sentences_of(self, index: int) -> list[Span]:
        """The sentences of one paragraph, split on first use: ``sentence_at`` splits
        only the paragraphs something asks about."""
        cache = self._paragraph_sentences
        spans = cache[index]
        if spans is None:
            spans = cache[index] = _split_sentences(self.prose, self.paragraphs[index])
        return spans

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans within paragraphs; a cheap splitter that knows abbreviations."""
        out: list[Span] = []
        for i in range(len(self.paragraphs)):
            out.extend(self._sentences_of(i))
        return out

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset``, if any."""
        i = self.paragraph_index(offset)
        if i < 0:
            return None  # sentences lie within paragraphs
        for s in self._sentences_of(i):
            if s.start <= offset < s.end:
                return s
            if s.start > offset:
                break
        return None

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph holding ``offset`` (-1 when between paragraphs)."""
        return _span_index(self.paragraphs, self._paragraph_starts, offset)


# From this many characters, words and tokens are made a piece of text at a time, each
# word interned (see ``_long_text_tokens``).
_CHUNKED_FROM = 1 << 20
_CHUNK = 1 << 18
_SPACE_RE = lazy_re(r"\s")


def _long_text_tokens(prose: str) -> Tokens:
    """``Tokens`` of a long text, the same as one split of it would give, made a piece
    at a time (cut at white space, which no word holds) with every word interned: one
    string per distinct word, where a split of the whole made one per occurrence and
    held them all with the gaps at once. On the 52 MB file that was about 750 MB in
    each worker that reads the words, and the page faults of touching it cost more
    than the interning."""
    words: list[str] = []
    code = _offset_code(prose)
    starts, ends = array(code), array(code)
    intern = sys.intern
    for base, cut in _pieces(prose):
        parts = _WORD_SPLIT_RE.split(prose[base:cut])
        offsets = array(code, accumulate(map(len, parts), initial=base))
        starts.extend(offsets[1:-1:2])
        ends.extend(offsets[2::2])
        words.extend(map(intern, parts[1::2]))
    return Tokens(starts, ends, words)


def _offset_code(text: str) -> str:
    """The ``array`` type of a text's offsets: 4 bytes each below 4 G characters."""
    return "I" if len(text) < 1 << 32 and array("I").itemsize >= 4 else "q"


def _pieces(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of consecutive pieces of ``text`` of about ``_CHUNK`` characters,
    each after the first starting at a white-space character."""
    n = len(text)
    base = 0
    while base < n:
        cut = n
        if base + _CHUNK < n:
            m = _SPACE_RE.search(text, base + _CHUNK)
            cut = m.start() if m is not None else n
        yield base, cut
        base = cut


def _span_index(spans: list[Span], starts: list[int], offset: int) -> int:
    """The index of the span (sorted, not overlapping) holding ``offset``, or -1."""
    i = bisect.bisect_right(starts, offset) - 1
    return i if i >= 0 and spans[i].start <= offset < spans[i].end else -1


def _split_sentences(prose: str, para: Span) -> list[Span]:
    """The sentences of one paragraph, in order, none empty."""
    out: list[Span] = []
    start = para.start
    for m in _SENTENCE_END_RE.finditer(prose, para.start, para.end):
        mark, end = m.span()
        if end <= start:
            continue
        if prose[mark] == "." and _ends_with_abbreviation(prose, start, mark):
            continue
        # The sentence ends with its mark (never white space): only its start is trimmed.
        chunk = prose[start:end]
        first = end - len(chunk.lstrip())
        if end > first:
            out.append(Span(first, end))
        start = end
    if start < para.end:
        span = _trim(prose, start, para.end)
        if span.end > span.start:
            out.append(span)
    return out


def _trim(text: str, start: int, end: int) -> Span:
    chunk = text[start:end]
    lead = len(chunk) - len(chunk.lstrip())
    return Span(start + lead, start + len(chunk.rstrip()))


def _ends_with_abbreviation(text: str, start: int, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if dot <= start or text[dot] != ".":
        return False
    i = dot
    # A word longer than the longest abbreviation is none: no need to read all of it.
    stop = max(start, dot - _LONGEST_ABBREVIATION - 1)
    while i > stop and (text[i - 1].isalnum() or text[i - 1] == "."):
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
    if len(text) >= _CHUNKED_FROM and not text.isascii():
        # A piece at a time: lower() of a text past ASCII works in a buffer of three
        # 4-byte characters for each one (41 MB beside the 3.4 MB file, 630 MB beside
        # the 52 MB one). Cut at white space, every character has the neighbours that
        # decide its lower case (the Greek final sigma).
        low = "".join([text[a:b].lower() for a, b in _pieces(text)])
    else:
        low = text.lower()
    _LAST_LOWERED[:] = [(text, low)]
    return low


_NOT_LINE_END_RE = lazy_re(r"[^\r\n]")


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
