"""Titles: finding the title an article gives a person, and comparing it with the sheet's.

The words that make a title (heads such as "minister"), the modifiers that may stand
in one, honorifics and qualifiers are data in ``newslint/data/titles.toml``. Two
places are recognised: before the name ("Chinese Defence Minister Li Shangfu",
"China's Foreign Minister, Wang Yi,") and in an apposition after it ("Nikolai
Patrushev, secretary of Moscow's security council,").

Comparison is deliberately forgiving, because an editor stops reading a linter after a
few false alarms: nationality words and a country's possessive are ignored on both
sides; a title less specific than the sheet's ("Minister" for "Foreign Minister") or
more specific by a modifier ("Kremlin leader" for "leader") is accepted; a past
qualifier ("former", "then") skips the check; "acting" and the like are ignored; but a
rank word ("deputy", "vice", "prime") must match the sheet.
"""

from __future__ import annotations

import functools
import re
from typing import Mapping, NamedTuple, Sequence

from newslint.lazy import lazy_re

_DEMONYM_RE = lazy_re(r"^[a-z]+(?:an|ese|ish|i|ch)$")
_POSSESSIVE_RE = lazy_re(r"^(?P<stem>.+?)['’]s?$")


class Lexicon(NamedTuple):  # a NamedTuple: a tenth of a dataclass's start-up cost
    heads: frozenset[str]
    modifiers: frozenset[str]
    ranks: frozenset[str]
    past: frozenset[str]
    transparent: frozenset[str]
    honorifics: frozenset[str]
    determiners: frozenset[str]
    places: frozenset[str]
    synonyms: Mapping[str, str]  # word -> the form it is compared as

    def is_head(self, word: str) -> bool:
        w = word.lower().rstrip(".")
        return w in self.heads or ("-" in w and any(p in self.heads for p in w.split("-")))

    def is_place(self, word: str) -> bool:
        """A nationality or place word: "Chinese", "U.S.", "Kremlin" (never a head)."""
        w = word.lower()
        if w in self.places:
            return True
        if self.is_head(w) or w in self.modifiers:
            return False
        return word[:1].isupper() and bool(_DEMONYM_RE.match(w))

    def normalize(self, words: Sequence[str]) -> tuple[str, ...] | None:
        """The words of a title as compared; None when a past qualifier makes it moot."""
        out: list[str] = []
        for raw in words:
            word = raw.strip(",")
            low = word.lower()
            if not low:
                continue
            if low in self.past or low.startswith("ex-") or low.endswith(("-elect", "-designate")):
                return None  # a title held before or after now: "former", "president-elect"
            if _POSSESSIVE_RE.match(word) and not self.is_head(word):
                continue  # "China's", "Moscow's", "Putin's"
            if low in self.transparent or low in self.honorifics:
                continue
            if not out and low in self.determiners:
                continue
            if self.is_place(word):
                continue
            out.append(self.synonyms.get(low, low))
        return tuple(out)


@functools.cache
def lexicon() -> Lexicon:
    # Imported here: only a run with a fact sheet naming titles reads the lexicon.
    from importlib import resources

    import tomli
    data = tomli.loads(
        resources.files("newslint").joinpath("data/titles.toml").read_text(encoding="utf-8")
    )
    words = data["lexicon"]
    synonyms = {v.lower(): k.lower() for k, vs in data.get("synonyms", {}).items() for v in vs}
    return Lexicon(
        **{k: frozenset(w.lower() for w in words[k]) for k in Lexicon.__annotations__ if k != "synonyms"},
        synonyms=synonyms,
    )


def compatible(found: Sequence[str], titles: Sequence[str]) -> bool:
    """Whether a title written in an article agrees with one of the sheet's ``titles``."""
    lex = lexicon()
    phrase = lex.normalize(found)
    if phrase is None or not any(lex.is_head(w) for w in phrase):
        return True
    for title in titles:
        listed = lex.normalize(title.split())
        if listed is None:
            continue
        if _agrees(phrase, listed, lex):
            return True
        # "president of China" against "President": compare what comes before "of".
        if "of" in phrase and _agrees(phrase[: phrase.index("of")], listed, lex):
            return True
        if "of" in listed and _agrees(phrase, listed[: listed.index("of")], lex):
            return True
    return False


def _agrees(phrase: tuple[str, ...], listed: tuple[str, ...], lex: Lexicon) -> bool:
    if not phrase or not listed:
        return False
    if phrase == listed:
        return True
    n, m = len(phrase), len(listed)
    if n < m and listed[m - n :] == phrase:
        return True  # less specific: "Minister" for "Foreign Minister"
    if m < n and phrase[n - m :] == listed:
        extra = phrase[: n - m]
        # A rank word, or a hyphenated head led by one ("vice-president"), changes the
        # office; "under-pressure" does not.
        return not any(
            w in lex.ranks or (w.split("-")[0] in lex.ranks and lex.is_head(w)) for w in extra
        )
    return False


# --- finding titles in text ---------------------------------------------------------

_TOKEN_RE = lazy_re(
    r"(?:[A-Z]\.){2,}|[^\W\d_][\w'’\-.]*[\w'’]|[^\W\d_]|\d[\w,.]*|[,;:()\"“”‘—–]|\S"
)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _TOKEN_RE.finditer(text)]


_NOT_IN_TITLES = frozenset(
    """on in at but and or when after before meanwhile yesterday today tonight last earlier
    later as while if so since during with without for from by to of said says told tells
    it he she they we i also however then there here this that
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december""".split()
)


def _word_ok(word: str, lex: Lexicon) -> bool:
    """May ``word`` stand inside a title (before its head)?"""
    low = word.lower()
    if low in lex.determiners or (low in _NOT_IN_TITLES and low not in lex.past):
        return False
    if word[:1].isupper() or lex.is_head(word) or low in lex.modifiers or low in lex.ranks:
        return True
    if low in lex.past or low in lex.transparent or low.startswith("ex-"):
        return True
    return lex.is_place(word)


def title_before(
    text: str, name_start: int, sentence_start: int
) -> tuple[int, int, list[str], bool] | None:
    """The title written just before a name: (start, end, words, comma), or None.

    ``comma`` is true when a comma stands between the title and the name.

    ``text[sentence_start:name_start]`` is searched backwards: honorifics are skipped,
    an optional comma is allowed ("Foreign Minister, Wang Yi"), then the word next to
    the name must be a head word and the title runs back over words that may stand in
    a title. A possessive ("China's") ends it.
    """
    lex = lexicon()
    sentence_start = max(sentence_start, name_start - 160)  # a title is a few words long
    toks = _tokens(text[sentence_start:name_start])
    i = len(toks) - 1
    while i >= 0 and toks[i][2].lower().rstrip(".") in lex.honorifics:
        i -= 1
    comma = i >= 0 and toks[i][2] == ","
    if comma:
        i -= 1
    if i < 0 or not lex.is_head(toks[i][2]):
        return None
    words = []
    start, end = toks[i][0], toks[i][1]
    while i >= 0:
        word = toks[i][2]
        if not _word_ok(word, lex):
            if word.lower() in ("a", "an"):
                return None  # "how good a prime minister Brown will make": not a title
            break
        words.append(word)
        start = toks[i][0]
        i -= 1
        if _POSSESSIVE_RE.match(word) and not lex.is_head(word):
            break
    words.reverse()
    return (sentence_start + start, sentence_start + end, words, comma) if words else None


_APPOSITION_END_RE = lazy_re(r"[,;:().!?\"“”—–]|\s-\s|$")


def title_after(text: str, name_end: int, sentence_end: int) -> list[tuple[int, int, list[str]]]:
    """Titles in an apposition after a name ("Wang Yi, China's foreign minister,").

    Returns (start, end, words) per title ("X, foreign minister and top diplomat,"
    gives two); empty when what follows the comma is not made only of title words.
    """
    lex = lexicon()
    rest = text[name_end:sentence_end]
    m = re.match(r"\s*,\s*", rest)
    if not m:
        return []
    body_start = name_end + m.end()
    body = rest[m.end() :]
    # The apposition runs to the next comma or stop; "U.S." keeps its full stops.
    masked = re.sub(r"(?:[A-Z]\.){2,}", lambda x: "U" * len(x.group()), body)
    cut = _APPOSITION_END_RE.search(masked)
    phrase = body[: cut.start()] if cut else body
    if len(phrase) > 100:
        return []
    titles = []
    pos = 0
    for sep in [*re.finditer(r"\s+and\s+", phrase), None]:
        stop = sep.start() if sep else len(phrase)
        part = phrase[pos:stop]
        words = part.split()
        if not words or not _is_title_phrase(words, lex):
            return []
        lead = len(part) - len(part.lstrip())
        start = body_start + pos + lead
        end = start + len(part.strip())
        if words[0].lower() in lex.determiners and len(words) > 1:
            start = text.index(words[1], start + len(words[0]), end)  # "the defence secretary"
            words = words[1:]
        titles.append((start, end, words))
        pos = sep.end() if sep else pos
    return titles


def _is_title_phrase(words: list[str], lex: Lexicon) -> bool:
    """determiner? (modifier | capitalised | place | possessive)* HEAD+ (of complement)?"""
    i = 0
    if words[0].lower() in lex.determiners:
        i = 1
    head_seen = False
    while i < len(words):
        word = words[i]
        low = word.lower()
        if low == "of" and head_seen:
            complement = words[i + 1 :]
            return 0 < len(complement) <= 5 and all(
                w.lower() == "the" or _word_ok(w, lex) or _POSSESSIVE_RE.match(w) for w in complement
            )
        if lex.is_head(word):
            head_seen = True
        elif head_seen and word[:1].isupper():
            return False  # "President Xi": a name after the head, so a list of people
        elif not (_word_ok(word, lex) or _POSSESSIVE_RE.match(word)):
            return False
        i += 1
    return head_seen and lex.is_head(words[-1])
