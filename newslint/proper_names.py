"""Capitalised name sequences in an article, and "same name, different spelling".

Shared by the in-article consistency rules (``name-inconsistent``) and the
cross-article rules, so both agree on what a name is and on when two spellings are
one name misspelled rather than two names:

- ``name_mentions(doc)`` lists every run of capitalised words in the prose ("Foreign
  Minister Wang Yi", "Mr Kilroy-Silk", "Belt and Road Forum") with offsets, the
  honorifics and titles in front split off from the name itself, and whether the run
  opens a sentence (where a capital says nothing).
- ``spelling_variants(a, b)`` says whether two words or names are spellings of one
  name ("Sergei"/"Sergey", "Zelensky"/"Zelenskyy", "Kilroy-Silk"/"Kilroy-Silke"),
  using the ``regex`` module's fuzzy matching, and refuses the pairs that are
  different words by grammar ("Russia"/"Russian", "Iraq"/"Iraqi", "Court"/"Courts").

Everything here is pure and cheap: one ``re`` scan of ``doc.prose`` finds the runs,
and only they become Python objects.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Iterator, NamedTuple, Sequence

from newslint.document import Token
from newslint.lazy import lazy_re, lazy_regex

if TYPE_CHECKING:
    from newslint.document import Document

__all__ = [
    "Mention",
    "HONORIFICS",
    "TITLE_WORDS",
    "NAME_PARTICLES",
    "PLACE_WORDS",
    "CONNECTORS",
    "name_mentions",
    "spelling_variants",
    "strip_possessive",
    "fold_accents",
    "is_sentence_initial",
    "is_person_like",
]

# Words that stand before a name and are not part of it.
HONORIFICS = frozenset(
    """Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Baroness Baron Prof Professor Rev Reverend
    Sheikh Ayatollah Imam Rabbi Prince Princess King Queen Pope Cardinal Archbishop Bishop Judge Justice Gen
    General Col Colonel Maj Major Capt Captain Lt Sgt Sergeant Cpl Corporal Adm Admiral
    Insp Inspector Det Supt Superintendent Commander Chief Constable Officer PC Sen
    Senator Rep Gov Governor President Vice Premier Chancellor Secretary Minister
    Prime Deputy Shadow Acting Foreign Home Defence Defense Finance Trade Health
    Education Culture Interior Justice Energy Environment Transport Economy Culture
    Sports Culture Ambassador Commissioner Mayor Speaker Leader Chairman Chairwoman
    Chair Director Spokesman Spokeswoman Spokesperson Envoy Adviser Advisor Coach
    Manager Boss Striker Midfielder Defender Goalkeeper Captain Chief Executive Head
    Coroner Dean Saint St Labour Tory Conservative Democrat Republican Liberal""".split()
)
# The head words of job titles (used by title-inconsistent too).
TITLE_WORDS = frozenset(
    """President Premier Chancellor Secretary Minister Governor Senator Ambassador
    Commissioner Mayor Speaker Leader Chairman Chairwoman Chair Director Spokesman
    Spokeswoman Spokesperson Envoy Adviser Advisor Coach Manager Executive""".split()
)
# Lower-case particles inside a person's name ("Ludwig van Beethoven").
NAME_PARTICLES = frozenset("de del della der den di da dos du van von bin bint ibn al el la le".split())
# Lower-case words inside a multi-word proper name ("Belt and Road Forum").
CONNECTORS = frozenset("of and the for de del der van von du da la le al y".split())
# Capitalised words that open a sentence without naming anything.
_FUNCTION_WORDS = frozenset(
    """A An The This That These Those It Its He She They We I You His Her Their Our My
    But And Or So Yet If When While Where What Which Who Whom Whose Why How As At By For
    From In Into On Of Off Out Over To Under Up With Without After Before Since Until
    During Despite Although Though However Meanwhile Also Now Then There Here Some Many
    Most More Much All Any Each Every Both Few No Not Nor One Two Three Four Five Six
    Seven Eight Nine Ten Last Next First Second Third New Other Such Only Even Just
    Still Already Yesterday Today Tomorrow Earlier Later According Instead Indeed Mr
    Asked Speaking Writing Like Unlike Among Between Around About Against Along""".split()
)
_HAS_LOWER_RE = lazy_regex(r"\p{Ll}")
_POSSESSIVE_RE = lazy_re(r"['’]s$|(?<=s)['’]$")
_SENTENCE_OPENERS = frozenset(".!?:…")
_OPENING_MARKS = frozenset("\"'“‘([—–-*#>|")
# A demonym or adjective built from a place: never a spelling variant of its place.
_DERIVED_SUFFIXES = ("n", "s", "es", "i", "ese", "ish", "ian", "ans", "ns", "ern", "ers")


class Mention(NamedTuple):
    """A run of capitalised words in the prose (offsets into ``doc.text``).

    ``words`` are all the words of the run, lower-case particles included; ``name``
    is the run after its last honorific or title word and, when the run opens a sentence,
    without a leading function word ("But Mr Lavrov" -> "Lavrov"). ``titles`` are the
    honorific and title words that were split off.
    """

    start: int
    end: int
    text: str
    words: tuple["Token", ...]
    name: tuple["Token", ...]
    titles: tuple["Token", ...]
    sentence_initial: bool

    @property
    def surname(self) -> "Token | None":
        """The last word of the name (possessive kept: see ``strip_possessive``)."""
        return self.name[-1] if self.name else None

    @property
    def given(self) -> tuple["Token", ...]:
        """The name's words before the surname ("Sergei" in "Sergei Lavrov")."""
        return self.name[:-1]

    @property
    def name_text(self) -> str:
        return " ".join(strip_possessive(t.text) for t in self.name)

    @property
    def person_like(self) -> bool:
        """An honorific in front, or a given name and a surname that both look like
        names (computed on each access: keep the result if you need it twice)."""
        return is_person_like(self)


def is_person_like(m: Mention) -> bool:
    """``m.person_like``, without the attribute look-ups (asked of many mentions)."""
    name = m[4]
    if not name:
        return False
    for t in m[5]:
        if t[2].rstrip(".") in _PERSONAL_HONORIFICS:
            return True
    if len(name) < 2:
        return False  # one capitalised word at most
    words = [t[2] for t in name if t[2][:1].isupper()]
    return 2 <= len(words) <= 4 and all(map(_looks_like_name, words))


_PERSONAL_HONORIFICS = frozenset(
    "Mr Mrs Ms Miss Mx Dr Sir Dame Lord Lady Baroness Prof Professor Sheikh".split()
)


@lru_cache(maxsize=16384)
def _looks_like_name(word: str) -> bool:
    word = strip_possessive(word)
    return (
        len(word) >= 2
        and bool(_HAS_LOWER_RE.search(word))
        and word not in HONORIFICS
        and word not in _FUNCTION_WORDS
        and word not in _COMMON_CAPITALISED
    )


# Capitalised words that are seldom a person's name (institutions, days, months).
_COMMON_CAPITALISED = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Party Council
    Court House Office Street Road Committee Commission Union Bank Group Company Club
    Department Ministry Government Parliament Assembly Forum Summit Association
    University College School Hospital Police Service Agency Board Trust Fund Centre
    Center Airport Station Cup League Championship Open Games Prize Awards Award
    Festival Museum Gallery Church Cathedral Square Park Bridge Island Islands River
    North South East West Northern Southern Eastern Western Central Great United
    Kingdom States Republic Federation Organisation Organization Institute Society
    Foundation Corporation Inc Ltd Plc Television Radio News Times Post Journal BBC
    Economics Analysis Analysts Economists Research Capital Partners Securities
    Associates Consulting Holdings Investments Markets Services Systems Technologies""".split()
)


# Countries, peoples and regions that sit one letter from another word ("Greece",
# "Greene"; "German", "Germany"): never taken for a person's name.
PLACE_WORDS = frozenset(
    """Africa African America American Americans Argentina Argentine Argentinas Asia
    Asian Austria Austrian Australia Australian Belgium Belgian Britain British Briton
    Canada Canadian Chile Chilean China Chinese Cuba Cuban Denmark Danish Dane Egypt
    Egyptian England English Europe European France French Gaza German Germans Germany
    Greece Greek Holland Dutch India Indian Iran Iranian Iraq Iraqi Ireland Irish Israel
    Israeli Italy Italian Japan Japanese Kenya Kenyan Korea Korean Libya Libyan Mali
    Malta Mexico Mexican Nigeria Nigerian Norway Norwegian Pakistan Pakistani Paris
    Poland Polish Portugal Portuguese Russia Russian Scotland Scottish Scot Scots Spain
    Spanish Sweden Swedish Swede Syria Syrian Turkey Turkish Ukraine Ukrainian Wales
    Welsh Yemen Yemeni London Londoner Moscow Berlin Rome Roman Romania Romanian Serbia
    Serbian Croatia Croatian Bosnia Bosnian Austin Boston Jersey Guernsey""".split()
)


_CALENDAR = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December""".split()
)


def strip_possessive(word: str) -> str:
    """``"Xi’s"`` -> ``"Xi"``, ``"Jones’"`` -> ``"Jones"``."""
    if "'" not in word and "’" not in word:
        return word
    return _POSSESSIVE_RE.sub("", word)


@lru_cache(maxsize=8192)
def fold_accents(word: str) -> str:
    """The word without diacritics, case-folded: ``"Zelenský"`` -> ``"zelensky"``."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def is_sentence_initial(prose: str, offset: int) -> bool:
    """True when nothing but quotes/brackets/markup stands between ``offset`` and the
    start of the text, a line start, or a sentence-ending mark."""
    i = offset - 1
    while i >= 0 and (prose[i] in " \t" or prose[i] in _OPENING_MARKS):
        i -= 1
    return i < 0 or prose[i] in "\n\r" or prose[i] in _SENTENCE_OPENERS


def name_mentions(doc: "Document", connectors: Iterable[str] = NAME_PARTICLES,
                  min_words: int = 1) -> list[Mention]:
    """Every maximal run of capitalised words in ``doc.prose``, in order.

    Words in a run are separated by spaces (a single line break too, not a blank
    line); a lower-case word from ``connectors`` may join two capitalised words
    ("Ludwig van Beethoven"; pass ``CONNECTORS`` for "Belt and Road Forum"). A lone
    function word ("The", "But") is not a mention. ``min_words=2`` gives only the
    runs of two words or more (a scan that skips the rest: most runs are one word).
    Cached per document.
    """
    connectors = frozenset(connectors)
    key = (connectors, min_words > 1)
    cache = doc.__dict__.get("_newslint_name_mentions")
    if cache is None:
        cache = {}
        try:
            object.__setattr__(doc, "_newslint_name_mentions", cache)
        except Exception:  # pragma: no cover - a frozen or slotted document
            pass
    result = cache.get(key)
    if result is None:
        if key in _SHARED_KEYS:
            # The two scans the built-in rules use are one: runs joined by either
            # set of connectors, cut where a connector of the other set joined them.
            names, terms = _scan_shared(doc)
            cache[_SHARED_KEYS[0]] = names
            cache[_SHARED_KEYS[1]] = terms
            result = cache[key]
        else:
            result = cache[key] = _scan(doc, connectors, min_words > 1)
    if min_words > 2:
        return [m for m in result if len(m.words) >= min_words]
    return result


def _joinable(gap: str) -> bool:
    if gap == " ":
        return True
    return gap != "" and not gap.strip() and _line_breaks(gap) <= 1


def _line_breaks(gap: str) -> int:
    """Line ends in ``gap``, counting \r\n as one (as ``LineIndex`` does)."""
    return gap.count("\n") + gap.count("\r") - gap.count("\r\n")


# One run of capitalised words, found by one ``re`` scan of the prose (the runs are a
# small part of the text: no Python work per word). The pieces follow ``WORD_RE``:
_W = r"[\w\u0300-\u036f]"  # a word character
# The rest of a word after its first character (greedy: the whole word).
_REST = _W + r"*(?:['’\-]" + _W + r"+)*"
# A capital: A-Z, or a letter past Latin-1 (checked with ``str.isupper`` on the run).
_CAP = r"[^\W\d_a-zªµºß-öø-ÿ]"
# After a first character: it starts a word (no word, nor a word and an apostrophe or
# hyphen, before it). Placed after the character so the scan keeps its fast skip to
# candidate first characters.
_STARTS_WORD = r"(?<!" + _W + r".)(?<!" + _W + r"['’\-].)"
# Between two words of a run: white space, one line end at most ("\r\n" is one).
_GAP = r"(?=\s)[^\S\r\n]*(?:\r\n?|\n)?[^\S\r\n]*"
_WORD_END = r"(?!" + _W + r"|['’\-]" + _W + r")"


def _run_pattern(connectors: frozenset[str], multi: bool) -> str:
    """A maximal run: capitalised words, a connector joining two of them ("Ludwig van
    Beethoven"), never a connector before a weekday or month."""
    cap_word = _CAP + _REST
    calendar = "(?:" + "|".join(sorted(_CALENDAR)) + ")" + _WORD_END
    joins = _GAP + "(?:" + cap_word
    if connectors:
        words = "|".join(sorted(re.escape(c) for c in connectors))
        joins += "|(?:" + words + ")" + _GAP + "(?!" + calendar + ")" + cap_word
    return "(" + _CAP + _STARTS_WORD + _REST + ")(?:" + joins + "))" + ("+" if multi else "*")


_NON_SPACE_RE = lazy_re(r"\S+")
_TERM_CONNECTORS = frozenset(CONNECTORS)
_ALL_CONNECTORS = NAME_PARTICLES | _TERM_CONNECTORS
# (connectors, two words or more) of the scans ``_scan_shared`` makes as one.
_SHARED_KEYS = ((NAME_PARTICLES, False), (_TERM_CONNECTORS, True))
_RUN_PATTERNS: dict[tuple[frozenset[str], bool], "re.Pattern[str]"] = {}


def _runs_re(connectors: frozenset[str], multi: bool = False) -> "re.Pattern[str]":
    """The scan for runs (of two words or more when ``multi``), compiled on first use."""
    pattern = _RUN_PATTERNS.get((connectors, multi))
    if pattern is None:
        pattern = _RUN_PATTERNS[(connectors, multi)] = re.compile(_run_pattern(connectors, multi))
    return pattern


def _scan(doc: "Document", connectors: frozenset[str], multi: bool = False) -> list[Mention]:
    """The runs of one ``re`` scan, made into mentions (words split at white space).

    The scan takes any letter but a-z as a capital; a run holding a word whose first
    letter is not upper case (a rare non-ASCII one) sends the whole article to the
    word-by-word scan, so the runs are exactly that scan's.
    """
    prose = doc.prose
    text = doc.text
    out: list[Mention] = []
    append = out.append
    new = tuple.__new__
    function_words = _FUNCTION_WORDS
    words_in = _NON_SPACE_RE.finditer
    for m in _runs_re(connectors, multi).finditer(prose):
        start, end = m.span()
        word = m.group()
        if m.end(1) == end:  # one word: most runs
            if word in function_words:
                continue
            if not word.isascii() and not word[0].isupper():
                return _scan_tokens(doc, connectors, multi)
            run: tuple[Token, ...] = (new(Token, (start, end, word)),)
            append(new(Mention, (start, end, text[start:end], run, run, (),
                                 is_sentence_initial(prose, start))))
            continue
        run = tuple([new(Token, (w.start(), w.end(), w.group())) for w in words_in(prose, start, end)])
        if not word.isascii() and not all(t[2][0].isupper() or t[2] in connectors for t in run):
            return _scan_tokens(doc, connectors, multi)
        append(_mention(prose, text, run))
    return out


def _scan_shared(doc: "Document") -> tuple[list[Mention], list[Mention]]:
    """``_scan(doc, NAME_PARTICLES)`` and ``_scan(doc, CONNECTORS, multi=True)`` from one
    scan with both sets of connectors.

    A run of that scan holds the runs of each set: cut it at the connectors of the
    other set only (a connector always stands between two capitalised words). Most
    runs hold no connector at all and are one mention, shared by both lists.
    """
    prose = doc.prose
    text = doc.text
    same = text is prose  # nearly always (nothing blanked): a run's text is its match
    names: list[Mention] = []
    terms: list[Mention] = []
    append = names.append
    new = tuple.__new__
    function_words = _FUNCTION_WORDS
    for m in _runs_re(_ALL_CONNECTORS).finditer(prose):
        word = m.group()
        if word in function_words:
            continue  # (one word: a run of more never is one)
        start, end = m.span()
        if m.end(1) == end:  # one word: most runs
            if not word.isascii() and not word[0].isupper():
                return _scan_tokens(doc, NAME_PARTICLES), _scan_tokens(doc, _TERM_CONNECTORS, True)
            run: tuple[Token, ...] = (new(Token, (start, end, word)),)
            # (a word after a space after a letter or digit opens no sentence)
            initial = not (start >= 2 and prose[start - 1] == " " and prose[start - 2].isalnum()) \
                and is_sentence_initial(prose, start)
            append(new(Mention, (start, end, word if same else text[start:end], run, run, (),
                                 initial)))
            continue
        run = _words(prose, start, end, word)
        # (ASCII words in title case: every one capitalised, no connector to look for)
        joins = [] if word.isascii() and word.istitle() else \
            [k for k, t in enumerate(run) if not t[2][0].isupper()]
        if not word.isascii() and not all(run[k][2] in _ALL_CONNECTORS for k in joins):
            return _scan_tokens(doc, NAME_PARTICLES), _scan_tokens(doc, _TERM_CONNECTORS, True)
        if not joins:
            mention = _mention(prose, text, run, word if same else None)
            append(mention)
            terms.append(mention)
            continue
        for piece in _pieces(run, joins, NAME_PARTICLES):
            if len(piece) > 1:
                append(_mention(prose, text, piece))
            elif piece[0][2] not in function_words:
                append(_mention(prose, text, piece))
        for piece in _pieces(run, joins, _TERM_CONNECTORS):
            if len(piece) > 1:
                terms.append(_mention(prose, text, piece))
    return names, terms


def _words(prose: str, start: int, end: int, run: str) -> tuple[Token, ...]:
    """The words of a run (``run`` is ``prose[start:end]``), split at white space."""
    new = tuple.__new__
    if "  " not in run and run.isprintable():  # single spaces only: offsets by length
        parts = run.split(" ")
        if len(parts) == 2:  # most runs of more than one word
            first, second = parts
            cut = start + len(first)
            return (new(Token, (start, cut, first)), new(Token, (cut + 1, end, second)))
        words = []
        pos = start
        for part in parts:
            words.append(new(Token, (pos, pos + len(part), part)))
            pos += len(part) + 1
        return tuple(words)
    return tuple([new(Token, (w.start(), w.end(), w.group()))
                  for w in _NON_SPACE_RE.finditer(prose, start, end)])


def _pieces(run: tuple[Token, ...], joins: list[int], connectors: frozenset[str]
            ) -> Iterator[tuple[Token, ...]]:
    """``run`` cut at its connectors (indexes ``joins``) that are not in ``connectors``."""
    start = 0
    for k in joins:
        if run[k][2] not in connectors:
            yield run[start:k]
            start = k + 1
    yield run[start:]


def _scan_tokens(doc: "Document", connectors: frozenset[str], multi: bool = False) -> list[Mention]:
    """Word by word over ``doc.tokens``: the reference, for articles the scan cannot take."""
    prose = doc.prose
    text = doc.text
    tokens = doc.tokens
    out: list[Mention] = []
    n = len(tokens)
    caps = [t.text[0].isupper() for t in tokens]
    i = 0
    while i < n:
        if not caps[i]:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < n:
            gap = prose[run[-1].end : tokens[j].start]
            if not _joinable(gap):
                break
            if caps[j]:
                run.append(tokens[j])
                j += 1
                continue
            # A connector joins only when a capitalised word follows it.
            if tokens[j].text in connectors and j + 1 < n and caps[j + 1] \
                    and tokens[j + 1].text not in _CALENDAR \
                    and _joinable(prose[tokens[j].end : tokens[j + 1].start]):
                run.append(tokens[j])
                run.append(tokens[j + 1])
                j += 2
                continue
            break
        if len(run) > 1 or (not multi and run[0].text not in _FUNCTION_WORDS):
            out.append(_mention(prose, text, tuple(run)))
        i = j
    return out


def _mention(prose: str, text: str, run: tuple["Token", ...], span: str | None = None) -> Mention:
    """The mention of ``run`` (``span``: its text, when the caller has it)."""
    start = run[0][0]
    end = run[-1][1]
    # (a word after a space after a letter or digit opens no sentence)
    initial = not (start >= 2 and prose[start - 1] == " " and prose[start - 2].isalnum()) \
        and is_sentence_initial(prose, start)
    first = run[0][2]
    k = 1 if initial and first in _FUNCTION_WORDS and first not in HONORIFICS else 0
    # The name starts after the last honorific or title word (never its last word:
    # "Governor Mervyn King"): "Supreme Leader Ayatollah Ali Khamenei" -> "Ali Khamenei".
    titles_end = k
    for idx in range(len(run) - 2, k - 1, -1):
        word = run[idx][2]
        if word in HONORIFICS or (word[-1:] == "." and word[:-1] in HONORIFICS):
            titles_end = idx + 1
            break
    return tuple.__new__(Mention, (start, end, text[start:end] if span is None else span, run,
                                   run[titles_end:], run[k:titles_end], initial))


def _allowed_edits(shorter: int) -> int:
    if shorter >= 10:
        return 2
    if shorter >= 5:
        return 1
    return 0


def within_edits(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of ``a`` and ``b`` (insertions, deletions, substitutions)
    at most ``limit``: a banded table, stopped as soon as a row is past the limit."""
    if abs(len(a) - len(b)) > limit:
        return False
    if limit == 1:
        return _one_edit_possible(a, b)
    if _bag_distance(a, b) > limit:
        return False  # most pairs: no table needed
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _bag_distance(a: str, b: str) -> int:
    """The letters of one word missing from the other, the larger count: never more
    than the edit distance ("washington"/"williamson": 4), so a pair further apart is
    refused without the table (or the fuzzy match) that would say so."""
    counts = Counter(a)
    counts.subtract(b)
    values = counts.values()
    return max(sum(v for v in values if v > 0), -sum(v for v in values if v < 0))


def _derived(a: str, b: str) -> bool:
    """``b`` is ``a`` with a grammatical ending ("Russia" -> "Russian", "Courts")."""
    if len(a) > len(b):
        a, b = b, a
    if b.startswith(a) and b[len(a):] in _DERIVED_SUFFIXES:
        return True
    # "Palestine"/"Palestinian", "Britain"/"Briton": a shared stem, a suffix each.
    stem = a[:-1]
    return b.startswith(stem) and b[len(stem):] in ("ian", "ians", "an", "ans", "ese")


def spelling_variants(a: str | Sequence[str], b: str | Sequence[str]) -> bool:
    """Whether ``a`` and ``b`` are two spellings of one name.

    Words or whole names (a sequence of words, or a string of words separated by
    spaces) are compared word by word: names with different numbers of words are not
    variants, and every word must be equal or a close spelling of its partner, at
    least one differing. Case is ignored (capitalisation is a different problem).
    A word pair is close when they share a first letter, are at least 5 letters long
    and differ by one edit (two from 10 letters: insertion, deletion or substitution),
    or differ only in accents ("Zelenský"). Plurals,
    possessives and derived words are not variants ("Russia"/"Russian",
    "Iraq"/"Iraqi"): ``spelling_variants("Ed", "David")`` is False.
    """
    wa = a.split() if isinstance(a, str) else list(a)
    wb = b.split() if isinstance(b, str) else list(b)
    if len(wa) != len(wb) or not wa:
        return False
    differing = 0
    for x, y in zip(wa, wb):
        x, y = strip_possessive(x), strip_possessive(y)
        if x.casefold() == y.casefold():
            continue
        if not _word_variants(x, y):
            return False
        differing += 1
    return differing > 0


def _word_variants(x: str, y: str) -> bool:
    fx, fy = fold_accents(x), fold_accents(y)
    if fx == fy:
        return True  # accents only
    if fx[:1] != fy[:1]:
        return False
    if _derived(fx, fy):
        return False
    edits = _allowed_edits(min(len(fx), len(fy)))
    return edits > 0 and within_edits(fx, fy, edits)


def _one_edit_possible(a: str, b: str) -> bool:
    """Levenshtein distance at most 1 (lengths at most 1 apart): a common prefix and
    suffix leave at most one character of the longer word."""
    if len(a) > len(b):
        a, b = b, a
    p = 0
    while p < len(a) and a[p] == b[p]:
        p += 1
    q = 0
    while q < len(a) - p and a[-1 - q] == b[-1 - q]:
        q += 1
    return p + q >= len(b) - 1
