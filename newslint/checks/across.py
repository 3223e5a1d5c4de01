"""Consistency across a repository of articles: one spelling of a name everywhere.

Each article is summarised once (cacheable, picklable): every multi-word proper name
it writes, with offsets, plus the other names it mentions (its *context*) and how often
each surname occurs. The project check groups the forms of the whole repository:

- forms that are the same letters written differently (capitals, hyphens, spaces,
  accents: "the Hague"/"The Hague", "Belt and Road forum"/"Belt and Road Forum",
  "Kim Jong-un"/"Kim Jong Un");
- names that differ in the spelling of exactly one word ("Sergei"/"Sergey Lavrov"),
  judged by ``newslint.proper_names.spelling_variants`` and accepted only when the
  articles using each spelling share other names: different people with similar names
  ("David Davis", "David Davies") turn up in different stories, one person spelled two
  ways turns up in the same story.

The form most articles use is the repository's; an article that uses only another form
is reported, naming the repository's form, how many articles use it, and one of them.
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter, defaultdict
from functools import lru_cache
from itertools import islice
from typing import Any, Iterable, Mapping, Sequence

from newslint.document import Document, Token
from newslint.findings import Fix, Severity, Violation
from newslint.lazy import lazy_re, lazy_regex
from newslint.proper_names import (
    HONORIFICS,
    NAME_PARTICLES,
    Mention,
    fold_accents,
    name_mentions,
    spelling_variants,
    strip_possessive,
    within_edits,
)
from newslint.rule import Context, ProjectRule

# Function words that open a sentence; a capital there says nothing about the name.
_OPENERS = frozenset(
    """A An The This That These Those It Its He She They We I You His Her Their Our My
    But And Or So Yet If When While Where What Which Who Why How As At By For From In
    Into On Of Off Out Over To Under Up With Without After Before Since Until During
    Despite Although Though However Meanwhile Also Now Then There Here Some Many Most
    More All Any Each Both No Not One Last Next New Other Only Even Still Yesterday Today
    Tomorrow Earlier Later According Instead Former Ex Senior Top Veteran""".split()
)
_TERM_CONNECTORS = NAME_PARTICLES | {"of", "and"}
_COMPACT_RE = lazy_regex(r"[\s\-‐‑'’.]+")
_LOWER_WORD_RE = lazy_regex(r"[ ]([\p{Ll}][\p{Ll}\p{M}]{2,})(?![\p{L}\p{N}'’\-])")
# _LOWER_WORD_RE over ASCII: the word, or an empty match (no group) where a character
# past ASCII starts or ends the small letters, so that the regex module decides.
# (The ASCII characters that end a word, listed: "[^A-Za-z0-9'\-\x80-\U0010ffff]" is the
# same class, and took 4 ms to compile, in every worker.)
_ASCII_LOWER_RE = lazy_re(r" ([a-z]{3,})(?=[\x00-&(-,./:-@\[-`{-\x7f]|\Z)|(?= [a-z]*[^\x00-\x7f])")
_COMPOUND_TAIL_RE = lazy_regex(r"[\-‐‑]\p{Ll}{3,}$")
_PREPOSITIONS_AFTER = "of for at in on to from with by and or the".split()
_PREPOSITION_AFTER_RE = lazy_regex(
    r"[ ]+(?:" + "|".join(_PREPOSITIONS_AFTER) + r")[ ]+\p{Lu}")
# What may follow the first space of a match (most names are followed by a word that
# starts otherwise: no regex call for those).
_PREPOSITION_STARTS = frozenset(" " + "".join(w[0] for w in _PREPOSITIONS_AFTER))
_OF_BEFORE_RE = lazy_regex(r"\p{Lu}[\p{L}\p{M}'’\-]*[ ]+of[ ]+$")
_DEMONYM_RE = lazy_regex(r"(?:an|ese|ish|ch|man|men)$")
_VOWELS = frozenset("aeiou")
MIN_SHARED_CONTEXT = 2  # other names two spellings' articles must share
SUMMARY_VERSION = 4  # summaries of another shape (an old cache) are ignored


@lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return word.casefold() if word.isascii() else fold_accents(word)


@lru_cache(maxsize=65536)
def compact(form: str) -> str:
    """The letters of a form: case, accents, spaces, hyphens, apostrophes ignored."""
    return _COMPACT_RE.sub("", _fold(form.replace("&", "and")))


def _capitals(form: str) -> int:
    return sum(1 for c in form if c.isupper())


class NameInconsistentAcross(ProjectRule):
    code = "NL601"
    name = "name-inconsistent-across"
    severity = Severity.WARNING
    summary = ("A name spelled or capitalised differently from the other articles of the "
               "repository (\"Sergei Lavrov\" where most write \"Sergey Lavrov\").")
    docs = """
## What it does
Looks across every article of the repository (the files linted, plus the files of the
`repository` configuration, read through the cache) and collects how each person and
multi-word proper name is spelled and capitalised. An article that writes a name
differently from the form most articles use is reported: the message names the other
form, how many articles use it and one of them. Findings go only to the files linted,
so a pre-commit run reports in the changed files alone.

Two kinds of difference count: the same letters written differently ("the Hague" and
"The Hague", "Belt and Road forum", "Kim Jong-un" and "Kim Jong Un"), and one word of
a name spelled differently ("Sergei Lavrov" and "Sergey Lavrov"). The second is
reported only when the articles using each spelling also name the same other people
or places, so two people with similar names in different stories are not confused.
When the articles split evenly, capitals win between forms that differ only in case,
then the form whose articles mention the person more often; when they are still even,
nothing is reported, as no form is the repository's (set `report-ties = true` in
`[tool.newslint.rules.name-inconsistent-across]` to report both sides; and
`min-shared-context`, 2 by default, is how many other names two articles must share
to count as one story). An article that
uses both forms is left to `name-inconsistent`, and a name that the fact sheet lists is
left to `name-spelling`.

The examples below hold several articles each, one after each `==> path <==` line.

## Why is this bad?
Readers see a desk's articles side by side. "Sergei Lavrov" in one and "Sergey
Lavrov" in the next looks careless even when each article is consistent with itself.

## Example
```text
==> monday.txt <==
Ministers meet in Geneva

Foreign Minister Sergey Lavrov met Antonio Guterres in Geneva. Olaf Scholz will join
them on Friday.

==> tuesday.txt <==
Talks go on in Geneva

Sergey Lavrov said the talks with Antonio Guterres were useful. Olaf Scholz agreed.

==> wednesday.txt <==
Talks end in Geneva

Sergei Lavrov left Geneva after meeting Antonio Guterres and Olaf Scholz.
```

## Use instead
```text
==> monday.txt <==
Ministers meet in Geneva

Foreign Minister Sergey Lavrov met Antonio Guterres in Geneva. Olaf Scholz will join
them on Friday.

==> tuesday.txt <==
Talks go on in Geneva

Sergey Lavrov said the talks with Antonio Guterres were useful. Olaf Scholz agreed.

==> wednesday.txt <==
Talks end in Geneva

Sergey Lavrov left Geneva after meeting Antonio Guterres and Olaf Scholz.
```
"""

    # -- one article ----------------------------------------------------------------

    def collect(self, doc: Document, ctx: Context) -> dict[str, Any]:
        """Names, the forms with a word beside them, and surnames, in columns.

        Names (compared by spelling too): one entry per distinct form, in order of
        first use: ``forms[i]``, ``keys[i]`` (its letters) and ``counts[i]`` places,
        whose ``(start, end)`` follow one another in ``spans``. A name with the word
        before or after it ("the Hague", "Belt and Road forum": compared by letters)
        matters only where some article writes a name with the same letters, which only
        the project check knows: those forms are kept raw (``xforms``, joined by NUL,
        repeats included; ``xspans``) and keyed there. ``context`` holds the keys of
        names dropped after they counted as context ("The Office for ..."); the rest
        of the context is ``keys``. ``heads``: every name's last word, case-folded,
        joined by NUL. A few strings and int arrays, not an object per mention, keep a
        large repository's summaries small in memory and cache.
        """
        skip = _skipped_spans(doc)
        forms: dict[tuple[str, int], tuple[int, int, str]] = {}  # (form, start) -> (start, end, form)
        popped: list[str] = []  # names that count as context only
        xforms: list[str] = []
        xspans: list[int] = []
        lasts: list[str] = []  # every name's last word
        mentions = name_mentions(doc)
        if len(skip) == 1:  # the headline: one comparison a mention, not a generator
            a, b = skip[0]
            mentions = [m for m in mentions if not a <= m.start < b]
        else:
            mentions = [m for m in mentions if not any(a <= m.start < b for a, b in skip)]
        prose = doc.prose
        for mention in mentions:
            words = mention[3]
            if len(words) == 1:
                _record_word(prose, mention, xforms, xspans, lasts)
                continue
            text = mention[2]
            if "'" in text or "’" in text:  # a possessive may end a name inside
                for name in _names(mention):
                    _record(prose, name, mention, forms, popped, xforms, xspans, lasts)
                continue
            # Most runs: one name, what _names gives without its possessive split.
            if mention[6] and words[0][2] in _OPENERS:
                words = words[1:]
            _record(prose, _without_titles(words), mention, forms, popped, xforms, xspans, lasts)
        for mention in _joined(mentions, doc):  # "Bank of England", "Belt and Road Forum"
            for name in _names(mention):
                _record(prose, name, mention, forms, popped, xforms, xspans, None)
        grouped: dict[str, list[int]] = {}
        # (start, end, form) is unique ((form, start) keys the dict): plain tuple order
        for start, end, form in sorted(forms.values()):
            places = grouped.get(form)
            if places is None:
                grouped[form] = [start, end]
            else:
                places.extend((start, end))
        spans: list[int] = []
        for places in grouped.values():
            spans.extend(places)
        keys = _compact_all("\0".join(grouped)) if grouped else []
        extra: tuple[str, ...] = ()
        if popped:
            extra = tuple(sorted(set(_compact_all("\0".join(popped))).difference(keys)))
        return {
            "version": SUMMARY_VERSION,
            "forms": tuple(map(_intern, grouped)),
            "keys": tuple(map(_intern, keys)),
            "counts": _pack([len(places) >> 1 for places in grouped.values()]),
            "spans": _pack(spans),
            "context": extra,
            "xforms": "\0".join(xforms),
            "xspans": _pack(xspans),
            "heads": "\0".join(lasts).casefold(),
        }

    # -- the repository ---------------------------------------------------------------

    def check_project(self, summaries: Mapping[str, Any], ctx: Context
                      ) -> Iterable[tuple[str, Violation]]:
        gatherer = self.gather(ctx)
        for path, summary in summaries.items():
            gatherer.add(path, summary)
        return gatherer.findings()

    def gather(self, ctx: Context) -> "_Gatherer":
        """The project check taking the summaries one at a time, as the workers finish
        them: what can be worked out per article (how each name's letters are written,
        the blocks of close spellings) is, so that little is left once the last
        article is in."""
        return _Gatherer(ctx)


class _Gatherer:
    """``NameInconsistentAcross.check_project``, a summary at a time (``add``), then
    ``findings``."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.summaries: dict[str, Any] = {}
        # First pass, cheap: which letters are written in more than one way.
        self.forms_of: dict[str, set[str]] = {}
        self.spellable: dict[str, str] = {}  # key -> a form of kind "n"
        self.names: set[str] = set()  # forms written as names (not only with a word beside)
        self.contexts: dict[str, frozenset[str]] = {}
        self.heads = _Heads()
        self.blocks = _PairBlocks()
        self.xkeys: dict[str, str] = {}  # path -> the keys of its "xforms", NUL-joined

    def add(self, path: str, summary: Any) -> None:
        self.summaries[path] = summary
        if not isinstance(summary, dict) or summary.get("version") != SUMMARY_VERSION:
            return
        keys = summary["keys"]
        self.contexts[path] = frozenset(keys).union(summary["context"])
        self.heads.raw[path] = summary["heads"]
        if summary["xforms"]:
            self.xkeys[path] = _compact_joined(summary["xforms"])
        forms_of, spellable = self.forms_of, self.spellable
        for form, key in zip(summary["forms"], keys):
            seen = forms_of.get(key)
            if seen is None:
                forms_of[key] = {form}
            elif form not in seen:
                seen.add(form)
            if key not in spellable:
                spellable[key] = form
                self.blocks.add(key, form)
        self.names.update(summary["forms"])

    def findings(self) -> Iterable[tuple[str, Violation]]:
        ctx = self.ctx
        min_shared = int(ctx.options.get("min-shared-context", MIN_SHARED_CONTEXT))
        report_ties = bool(ctx.options.get("report-ties", False))
        sheet_keys = _sheet_keys(ctx.facts)
        summaries, forms_of = self.summaries, self.forms_of
        names, contexts, heads = self.names, self.contexts, self.heads
        # The forms with a word beside a name, where they have a name's letters.
        beside = _beside(summaries, contexts, forms_of.keys() | sheet_keys, self.xkeys)
        for by_form in beside.values():
            for form, (key, _places) in by_form.items():
                seen = forms_of.get(key)
                if seen is None:
                    forms_of[key] = {form}
                elif form not in seen:
                    seen.add(form)
        pairs = self.blocks.pairs()
        wanted = {k for k, fs in forms_of.items() if len(fs) > 1}
        wanted.update(k for pair in pairs for k in pair)
        wanted.update(sheet_keys.intersection(forms_of))
        # Second pass: where those are written. key -> form -> path -> spans
        uses: dict[str, dict[str, dict[str, list[tuple[int, int]]]]] = {}
        for path, summary in summaries.items():
            if path not in contexts:
                continue
            spans, at = _unpack(summary["spans"]), 0
            for form, key, count in zip(summary["forms"], summary["keys"],
                                        _unpack(summary["counts"])):
                if key in wanted:
                    uses.setdefault(key, {}).setdefault(form, {}).setdefault(path, []).extend(
                        zip(spans[at : at + 2 * count : 2], spans[at + 1 : at + 2 * count : 2]))
                at += 2 * count
            for form, (key, places) in beside.get(path, {}).items():
                if key in wanted:
                    uses.setdefault(key, {}).setdefault(form, {}).setdefault(path, []).extend(places)

        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.get(k, k) != k:
                k = parent[k]
            return k

        linked: set[str] = set()
        for a, b in pairs:
            if _share_context(uses[a], uses[b], contexts, {a, b}, min_shared):
                linked.update((a, b))
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[ra] = rb
        clusters: dict[str, list[str]] = defaultdict(list)
        for key, by_form in uses.items():
            if len(by_form) > 1 or key in linked:
                clusters[find(key)].append(key)

        # Where the sheet decides, name-spelling reports; a part of such a name ("Road
        # forum" in "Belt and Road forum") is not reported here either.
        decided: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for k in sheet_keys.intersection(uses):
            for per_path in uses[k].values():
                for path, spans in per_path.items():
                    decided[path].extend(spans)
        found: dict[str, list[Violation]] = defaultdict(list)
        for keys in clusters.values():
            if any(k in sheet_keys for k in keys):
                continue  # the fact sheet decides: name-spelling reports it
            by_form: dict[str, dict[str, list[tuple[int, int]]]] = {}
            for k in keys:
                by_form.update(uses[k])
            if len(by_form) < 2 or not names.intersection(by_form):
                continue  # "Worldcom from"/"WorldCom from": no name form to judge by
            related = _related(contexts, set(keys), min_shared)
            for path, v in _cluster_findings(by_form, heads, related, report_ties):
                if not any(v.start < e and s < v.end for s, e in decided.get(path, ())):
                    found[path].append(v)
        for path, vs in found.items():
            for v in _without_overlaps(vs):
                yield path, v


def _record(prose: str, name: list, mention: Mention, forms: dict, popped: list[str],
            xforms: list[str], xspans: list[int], lasts: list[str] | None) -> None:
    """One name of a mention: its form (two words or more), the forms with the word
    before or after it, and its last word (``lasts``, when the mention's own)."""
    last = name[-1][2]
    if len(name) > 1 and ("-" in last or "‐" in last or "‑" in last) \
            and _COMPOUND_TAIL_RE.search(last):
        name = name[:-1]  # "Pop Idol-style": the name is "Pop Idol"
        trailing = False
    else:
        trailing = name[-1] is mention[3][-1]
    words = [t[2] if "'" not in t[2] and "’" not in t[2]  # most: no call
             else strip_possessive(t[2]) for t in name]
    start = name[0][0]
    end = name[-1][0] + len(words[-1])
    form = " ".join(words)
    if lasts is not None:
        lasts.append(words[-1])
    if not form[1:2].islower() and (form.upper() == form if form.isascii()  # (ASCII: exact)
                                    else not any(c.islower() for c in form)):
        return  # "NEW YORK" in a dateline: capitals say nothing
    last = words[-1]
    if last in _TITLE_FORMS if last[:1].isascii() else _is_title(last):
        return  # "Russian President": a title, not a name (title rules judge those)
    if len(words) >= 2:
        forms.setdefault((form, start), (start, end, form))
    # "the Hague" beside "The Hague": the article before the name. Not when the
    # name goes on ("the Office for National Statistics" is not "The Office"), nor
    # inside one ("News of the World"), nor for a person ("the Australian").
    spaced = prose.startswith(" ", end)  # both patterns after the name need it
    if len(words) <= 2 and spaced and prose[end + 1 : end + 2] in _PREPOSITION_STARTS \
            and _PREPOSITION_AFTER_RE.match(prose, end):
        if words[0] == "The" and len(words) == 2:
            forms.pop((form, start), None)
            popped.append(form)  # still context
    elif name[0] is mention[3][0] and start >= 4 and prose[start - 4 : start] == "the " \
            and (start == 4 or not prose[start - 5].isalnum()) \
            and not _OF_BEFORE_RE.search(prose, max(0, start - 60), start - 4) \
            and not (len(words) == 1 and _DEMONYM_RE.search(words[0])):
        xforms.append("the " + form)
        xspans.extend((start - 4, end))
    # "Belt and Road forum" beside "Belt and Road Forum": the word after the name
    # (not after one word opening a sentence: "Human rights" says nothing).
    if mention[6] and len(words) == 1 and name[0] is mention[3][0]:
        return
    if trailing and spaced and last == name[-1][2]:
        after = _word_after(prose, end)
        if after and not (after in _TITLE_FORMS if after[:1].isascii() else _is_title(after)):
            xforms.append(form + " " + after)
            xspans.extend((start, end + 1 + len(after)))


def _record_word(prose: str, mention: Mention, xforms: list[str], xspans: list[int],
                 lasts: list[str]) -> None:
    """``_record`` of a one-word mention (most of them), with its steps that cannot
    apply to one word left out: what it gives is the same."""
    tok = mention[3][0]
    text = tok[2]
    initial = mention[6]
    if initial and text in _OPENERS:
        return  # no name left
    if "'" in text or "’" in text:
        word = strip_possessive(text)
    else:
        word = text
    start = tok[0]
    end = start + len(word)
    lasts.append(word)
    if not word[1:2].islower() and (word.upper() == word if word.isascii()  # (ASCII: exact)
                                    else not any(c.islower() for c in word)):
        return  # capitals say nothing
    if word in _TITLE_FORMS if word[:1].isascii() else _is_title(word):
        return
    spaced = prose.startswith(" ", end)  # both patterns after the name need it
    if spaced and prose[end + 1 : end + 2] in _PREPOSITION_STARTS \
            and _PREPOSITION_AFTER_RE.match(prose, end):
        pass  # "the Office for National Statistics" is not "The Office"
    elif start >= 4 and prose[start - 4 : start] == "the " \
            and (start == 4 or not prose[start - 5].isalnum()) \
            and not _OF_BEFORE_RE.search(prose, max(0, start - 60), start - 4) \
            and not _DEMONYM_RE.search(word):
        xforms.append("the " + word)
        xspans.extend((start - 4, end))
    if initial or word != text or not spaced:
        return
    after = _word_after(prose, end)
    if after and not (after in _TITLE_FORMS if after[:1].isascii() else _is_title(after)):
        xforms.append(word + " " + after)
        xspans.extend((start, end + 1 + len(after)))


def _word_after(prose: str, end: int) -> str:
    """The word of small letters after the space at ``end`` (3 letters or more, a
    whole word), or "": ``_LOWER_WORD_RE``, with ``re`` reading ASCII (nearly every
    case) and the ``regex`` pattern asked only when a letter past ASCII is involved."""
    m = _ASCII_LOWER_RE.match(prose, end)
    if m is None:
        return ""
    word = m.group(1)
    if word is None:  # a character past ASCII: the regex decides
        m = _LOWER_WORD_RE.match(prose, end)
        return m.group(1) if m else ""
    return word


def _compact_all(joined: str) -> list[str]:
    """``compact`` of each of the forms joined by NUL, in a few calls over the whole
    string (folding, accents and the removed marks all act on one character at a
    time, and none of them touches a NUL)."""
    return _compact_joined(joined).split("\0")


def _compact_joined(joined: str) -> str:
    """``_compact_all``'s keys, still joined by NUL (one string to keep, not many)."""
    joined = joined.replace("&", "and")
    if joined.isascii():  # most: folding is lower(), the marks go in one translate()
        global _ASCII_MARKS
        if _ASCII_MARKS is None:
            _ASCII_MARKS = str.maketrans("", "", "".join(
                chr(c) for c in range(128) if _COMPACT_RE.fullmatch(chr(c))))
        return joined.lower().translate(_ASCII_MARKS)
    return _COMPACT_RE.sub("", _fold_accents_all(joined))


_ASCII_MARKS: dict[int, Any] | None = None  # the ASCII characters compact() removes


_fold_accents_all = fold_accents.__wrapped__  # not cached: long strings, seen once


_intern = sys.intern  # one string object per name across the summaries of a process


def _pack(numbers: Iterable[int]) -> bytes:
    """Non-negative ints as little-endian 32-bit bytes: a summary column that costs 4
    bytes a number in memory and in the cache (an ``array`` pickles with a header)."""
    packed = array("I", numbers)
    if sys.byteorder != "little":  # pragma: no cover - big-endian machines
        packed.byteswap()
    return packed.tobytes()


def _unpack(data: bytes) -> array:
    numbers = array("I")
    numbers.frombytes(data)
    if sys.byteorder != "little":  # pragma: no cover - big-endian machines
        numbers.byteswap()
    return numbers


class _Heads:
    """Surname counts per path, made into a dict only for the paths a finding weighs."""

    def __init__(self) -> None:
        self.raw: dict[str, str] = {}  # path -> the last words joined by NUL
        self._made: dict[str, dict[str, int]] = {}

    def get(self, path: str, default: Any = None) -> Any:
        made = self._made.get(path)
        if made is None:
            if path not in self.raw:
                return default
            raw = self.raw[path]
            made = self._made[path] = Counter(raw.split("\0")) if raw else {}
        return made


def _beside(summaries: Mapping[str, Any], paths: Iterable[str], wanted: Any,
            xkeys: Mapping[str, str]
            ) -> dict[str, dict[str, tuple[str, list[tuple[int, int]]]]]:
    """path -> form -> (key, places) of the forms with a word beside a name whose
    letters are ``wanted``; each place once, in order (an article may give one twice:
    as part of a longer name, and alone). ``xkeys``: each path's forms' keys,
    NUL-joined."""
    out: dict[str, dict[str, tuple[str, list[tuple[int, int]]]]] = {}
    for path in paths:
        summary = summaries[path]
        joined = summary["xforms"]
        if not joined:
            continue
        keys = xkeys[path].split("\0")  # (compacted as the summary came in)
        hits = [i for i, key in enumerate(keys) if key in wanted]
        if not hits:
            continue
        forms = joined.split("\0")
        spans = _unpack(summary["xspans"])
        places: dict[tuple[str, int], tuple[str, int]] = {}  # (form, start) -> (key, end)
        for i in hits:
            places.setdefault((forms[i], spans[2 * i]), (keys[i], spans[2 * i + 1]))
        by_form: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        for (form, start), (key, end) in sorted(places.items()):
            entry = by_form.get(form)
            if entry is None:
                by_form[form] = (key, [(start, end)])
            else:
                entry[1].append((start, end))
        out[path] = by_form
    return out


def _joined(mentions: list[Mention], doc: Document) -> Iterable[Mention]:
    """Runs of names joined by "of" or "and" (spaces only around it): the gaps between
    the mentions looked at in one comprehension, not a second scan of the words."""
    prose = doc.prose
    # (a gap longer than " and " has two spaces on one side, or it is not a link)
    links = [j for j, (x, y) in enumerate(zip(mentions, islice(mentions, 1, None)))
             if (y[0] - x[1] <= 5 or prose[x[1] + 1] == " " or prose[y[0] - 2] == " ")
             and (gap := prose[x[1] : y[0]]).strip(" ") in _JOIN_WORDS
             and gap[0] == " " and gap[-1] == " "]
    n = len(links)
    k = 0
    while k < n:  # each run of consecutive links is one name
        i = j = links[k]
        connectors: list[Token] = []
        while True:
            a = mentions[j][1]
            gap = prose[a : mentions[j + 1][0]]
            at = a + len(gap) - len(gap.lstrip(" "))
            word = gap.strip(" ")
            connectors.append(Token(at, at + len(word), word))
            j += 1
            k += 1
            if k == n or links[k] != j:
                break
        words: list[Token] = []
        for m in range(i, j + 1):
            words.extend(mentions[m][3])
            if m < j:
                words.append(connectors[m - i])
        first, last = mentions[i], mentions[j]
        yield Mention(first.start, last.end, doc.text[first.start : last.end], tuple(words),
                      tuple(words), (), first.sentence_initial)


_JOIN_WORDS = frozenset(("of", "and"))


# Honorifics and title words as written, or with a small first letter.
_TITLE_FORMS = HONORIFICS | {h[:1].lower() + h[1:] for h in HONORIFICS}


def _is_title(word: str) -> bool:
    """The word is a title whatever the case of its first letter ("President",
    "president"). Every honorific starts with an ASCII capital: for a word that starts
    with an ASCII character, a set lookup says the same."""
    if word[:1].isascii():
        return word in _TITLE_FORMS
    return word[:1].upper() + word[1:] in HONORIFICS


def _names(mention: Mention) -> Iterable[list]:
    """The names in a run of capitalised words: split after a possessive ("Russia's
    Vladimir Putin"), titles in front dropped ("Foreign Minister Wang Yi")."""
    words = list(mention.words)
    if mention.sentence_initial and words and words[0].text in _OPENERS:
        words = words[1:]
    segment: list = []
    for tok in words:
        segment.append(tok)
        text = tok.text
        if ("'" in text or "’" in text) and strip_possessive(text) != text:
            yield _without_titles(segment)
            segment = []
    if segment:
        yield _without_titles(segment)


def _without_titles(segment: Sequence) -> Sequence:
    """Titles off the front while two words of name remain ("Tory Party" stays)."""
    i = 0
    n = len(segment)
    while i < n - 2 and segment[i][2].rstrip(".") in HONORIFICS:
        i += 1
    while i < n - 1 and segment[i][2] in _TERM_CONNECTORS:
        i += 1
    return segment[i:] if i else segment


def _skipped_spans(doc: Document) -> list[tuple[int, int]]:
    """The headline and Markdown headings: capitalised by headline style, not as names."""
    spans = []
    if doc.headline is not None:
        spans.append((doc.headline.start, doc.headline.end))
    spans.extend((h.start, h.end) for h in doc.headings)
    return spans


def _sheet_keys(facts: Any) -> frozenset[str]:
    forms: list[str] = []
    for person in getattr(facts, "people", ()):
        forms.extend((person.name, *person.also, *person.wrong))
    for term in getattr(facts, "terms", ()):
        forms.extend((term.name, *term.wrong))
    for event in getattr(facts, "events", ()):
        forms.extend((event.name, *event.also))
    if not forms:
        return frozenset()
    # One pass over a big sheet (10,000 entries: 72 -> ~10 ms, paid once a run, after
    # the workers); a form holding a NUL itself is keyed one by one.
    if any("\0" in f for f in forms):
        keys = set(map(compact, forms))
    else:
        keys = set(_compact_all("\0".join(forms)))
    return frozenset(keys | {"the" + k for k in keys})


def _spelling_pairs(spellable: Mapping[str, str]) -> Iterable[tuple[str, str]]:
    """Pairs of names that differ in exactly one word, a close spelling of its partner.

    Blocked by "every other word, and the first letter of this one", so only names
    that could be variants meet; lengths more than two apart never do.
    """
    blocks = _PairBlocks()
    for key, form in spellable.items():
        blocks.add(key, form)
    return blocks.pairs()


class _PairBlocks:
    """The blocks of ``_spelling_pairs``, filled a name at a time: a name joining a
    block is compared there and then with the names already in it (the tests are
    symmetric, so the pairs are those of comparing each block's names at the end)."""

    def __init__(self) -> None:
        self.members: dict[tuple, list[tuple[str, str, int]]] = {}  # (key, form, length)
        self.found: list[tuple[str, str]] = []
        self.seen: set[frozenset[str]] = set()

    def _put(self, block: tuple, key: str, form: str, words: list[str], length: int) -> None:
        """``form`` into ``block``; ``length``: its word's folded length."""
        i = block[1]
        members = self.members.get(block)
        if members is None:  # (the form is kept, not its words: made again to compare)
            self.members[block] = [(key, form, length)]
            return
        for other, other_form, other_length in members:
            shorter, gap = min(length, other_length), abs(length - other_length)
            if gap > 2 or (gap == 2 and shorter < 9):
                continue  # _close_words allows one edit below 9 letters, two from 9
            pair = frozenset((key, other))
            if len(pair) < 2 or pair in self.seen:
                continue
            other_words = other_form.split()
            if _close_words(other_words[i], words[i]) and spelling_variants(other_words, words):
                self.seen.add(pair)
                self.found.append((other, key))
        members.append((key, form, length))

    def add(self, key: str, form: str) -> None:
        words = form.split()
        # (an ASCII form folds as a whole: one call, not one a word)
        folded = form.lower().split() if form.isascii() else [_fold(w) for w in words]
        # A word shorter than 5 letters, or not capitalised, never pairs: _close_words
        # takes only capitalised words, and spelling_variants no word shorter than 5
        # letters (accents aside, which _fold has already made equal).
        if len(folded) == 2:  # most names: the loop below, unrolled
            f, g = folded
            if len(f) >= 5 and words[0][:1].isupper():
                self._put((2, 0, f[0], g), key, form, words, len(f))
            if len(g) >= 5 and words[1][:1].isupper():
                self._put((2, 1, g[0], f), key, form, words, len(g))
            return
        n = len(words)
        for i in range(n):
            f = folded[i]
            if len(f) >= 5 and words[i][:1].isupper():
                self._put((n, i, f[0], *folded[:i], *folded[i + 1 :]), key, form, words, len(f))

    def pairs(self) -> list[tuple[str, str]]:
        return self.found


def _close_words(a: str, b: str) -> bool:
    """A stricter test than ``spelling_variants`` for words of different articles."""
    if not (a[:1].isupper() and b[:1].isupper()):
        return False
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return False  # same letters: grouped by key already
    if not within_edits(fa, fb, 2 if min(len(fa), len(fb)) >= 9 else 1):
        return False
    # "Maria"/"Mario", "Louis"/"Louise", "Daniel"/"Daniela": different names.
    if len(fa) == len(fb) and fa[:-1] == fb[:-1] and fa[-1] in _VOWELS and fb[-1] in _VOWELS:
        return False
    short, long_ = sorted((fa, fb), key=len)
    if long_.startswith(short) and long_[len(short):] in ("a", "e", "s", "es", "ne"):
        return False
    return True


def _share_context(a: Mapping[str, Mapping[str, Any]], b: Mapping[str, Mapping[str, Any]],
                   contexts: Mapping[str, frozenset[str]], own: set[str], need: int) -> bool:
    """Whether the articles using ``a`` and those using ``b`` name ``need`` others alike."""
    paths_a = {p for per_path in a.values() for p in per_path}
    paths_b = {p for per_path in b.values() for p in per_path}
    if paths_a & paths_b:
        return False  # one article with both: two people, or name-inconsistent's finding
    ctx_a = frozenset().union(*(contexts.get(p, frozenset()) for p in paths_a))
    ctx_b = frozenset().union(*(contexts.get(p, frozenset()) for p in paths_b))
    return len((ctx_a & ctx_b) - own) >= need


def _related(contexts: Mapping[str, frozenset[str]], own: set[str], need: int):
    """Whether two articles name ``need`` others alike: side by side, on one story."""
    def related(a: str, b: str) -> bool:
        return len((contexts.get(a, frozenset()) & contexts.get(b, frozenset())) - own) >= need
    return related


def _cluster_findings(by_form: Mapping[str, Mapping[str, list[tuple[int, int]]]],
                      heads: "_Heads",
                      related, report_ties: bool = False) -> Iterable[tuple[str, Violation]]:
    def score(form: str) -> tuple:
        paths = by_form[form]
        last = form.split()[-1].casefold()
        mentions = sum(heads.get(p, {}).get(last, 0) for p in paths)
        occurrences = sum(len(spans) for spans in paths.values())
        return (len(paths), _capitals(form), mentions, occurrences)

    ranked = sorted(by_form, key=lambda f: (score(f), f), reverse=True)
    top = ranked[0]
    tied = score(ranked[1]) == score(top)
    if tied and not report_ties:
        return  # no form is the repository's: nothing to measure an article against
    for form in ranked[1:] if not tied else ranked:
        other = ranked[1] if form == top else top
        other_paths = by_form[other]
        for path, spans in by_form[form].items():
            if path in other_paths:
                continue  # uses both: an in-article inconsistency
            if not any(related(path, p) for p in other_paths):
                continue  # no article on the same story writes the other form
            n = len(other_paths)
            example = sorted(other_paths)[0]
            if tied:
                verb = f'as many articles ({n}) write "{other}"'
            else:
                verb = (f'{n} other article{"s" if n != 1 else ""} '
                        f'write{"s" if n == 1 else ""} "{other}"')
            times = f" ({len(spans)} times)" if len(spans) > 1 else ""
            message = (f'"{form}" here{times}, but {verb} (e.g. {example}); '
                       f'use one form across the repository')
            start, end = min(spans)
            yield path, Violation(start, end, message,
                                  Fix(start, end, other, f'Write "{other}"', safe=False))


def _without_overlaps(vs: list[Violation]) -> list[Violation]:
    """The longest of overlapping findings ("Belt and Road forum" over "Road forum")."""
    kept: list[Violation] = []
    for v in sorted(vs, key=lambda v: (-(v.end - v.start), v.start)):
        if all(v.end <= k.start or k.end <= v.start for k in kept):
            kept.append(v)
    return sorted(kept, key=lambda v: v.start)


RULES = (NameInconsistentAcross,)
