"""Document: the shared tokens, paragraphs and sentences rules read."""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.document import WORD_RE, Document, Span, Token

ARTICLE = (
    "Talks open\n\n"
    "Mr. Lavrov met Wang Yi on Monday. They didn't agree.\n\n"
    "The Kilroy-Silk plan (see No. 10) was dropped... Then A. B. Jones spoke!\n"
    "Café owners said “No.” 3 more came.\n"
)


def doc_of(text: str, headline: Span | None = None) -> Document:
    return Document("a.txt", text, text, headline=headline)


def test_tokens_are_words_with_offsets() -> None:
    doc = doc_of("Xi’s plan, don't  re-run it: Café e\u0301t\u00e9 𝐀b 42.")
    assert [(t.start, t.end, t.text) for t in doc.tokens] == [
        (m.start(), m.end(), m.group()) for m in WORD_RE.finditer(doc.prose)
    ]
    assert [t.text for t in doc.tokens][:3] == ["Xi’s", "plan", "don't"]
    assert all(type(t) is Token for t in doc.tokens)
    assert doc.tokens[1].start == 5 and doc.tokens[1].lower == "plan"


def test_tokens_read_like_a_list_of_token() -> None:
    import bisect

    doc = doc_of("Xi’s plan, don't  re-run it: Café e\u0301t\u00e9 𝐀b 42.")
    tokens = doc.tokens
    as_list = [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(doc.prose)]
    assert len(tokens) == len(as_list) and list(tokens) == as_list and tokens == as_list
    assert tokens[-1] == as_list[-1] and tokens[2:5] == as_list[2:5]
    assert type(tokens[2:5]) is list and type(tokens[0]) is Token
    assert tokens.index(as_list[3]) == 3 and as_list[4] in tokens
    assert bisect.bisect_left(tokens, (as_list[2].start,)) == 2
    assert list(tokens.starts) == [t.start for t in as_list]
    assert list(tokens.ends) == [t.end for t in as_list] and tokens.words == doc.words
    assert tokens != as_list[:-1] and tokens != "not tokens"
    try:
        tokens[len(as_list)]
    except IndexError:
        pass
    else:
        raise AssertionError("no IndexError past the end")


def test_words_are_the_token_texts_whichever_is_read_first() -> None:
    first_words = doc_of(ARTICLE)
    words = first_words.words
    assert words == [t.text for t in first_words.tokens]
    first_tokens = doc_of(ARTICLE)
    tokens = first_tokens.tokens
    assert first_tokens.words == [t.text for t in tokens] == words


def test_words_alone_make_no_tokens() -> None:
    doc = doc_of(ARTICLE)
    words = doc.words
    assert "tokens" not in doc.__dict__
    assert [t.text for t in doc.tokens] == words and doc.words is words
    assert "_word_parts" not in doc.__dict__  # the split is not kept once the tokens are made


def test_empty_and_blank_text() -> None:
    for text in ("", "   \n\n  "):
        doc = doc_of(text)
        assert doc.tokens == [] and doc.words == []
        assert doc.paragraphs == [] and doc.sentences == []
        assert doc.sentence_at(0) is None
    dots = doc_of("...")
    assert dots.words == [] and dots.sentences == [Span(0, 3)] == [dots.sentence_at(1)]


def test_sentences_know_abbreviations_and_initials() -> None:
    doc = doc_of(ARTICLE)
    got = [s.slice(doc.prose) for s in doc.sentences]
    assert got == [
        "Talks open",
        "Mr. Lavrov met Wang Yi on Monday.",
        "They didn't agree.",
        "The Kilroy-Silk plan (see No. 10) was dropped...",
        "Then A. B. Jones spoke!",
        "Café owners said “No.”",
        "3 more came.",
    ]


def test_sentence_at_splits_only_the_paragraph_it_is_asked_about() -> None:
    doc = doc_of(ARTICLE)
    offset = ARTICLE.index("agree")
    sentence = doc.sentence_at(offset)
    assert sentence is not None and sentence.slice(doc.prose) == "They didn't agree."
    split = [s is not None for s in doc._paragraph_sentences]
    assert split == [False, True, False]
    assert "sentences" not in doc.__dict__
    # The full list is built from the same spans.
    assert sentence in doc.sentences
    assert doc.sentence_at(ARTICLE.index("\n\nThe")) is None  # between paragraphs


def test_span_is_a_frozen_value() -> None:
    span = Span(3, 7)
    assert span == Span(3, 7) and hash(span) == hash(Span(3, 7)) and span != Span(3, 8)
    assert {span: 1}[Span(3, 7)] == 1
    assert dataclasses.replace(span, end=9) == Span(3, 9)
    assert repr(span) == "Span(start=3, end=7)"
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 4  # type: ignore[misc]


def _reference_sentences(doc: Document) -> list[tuple[int, int]]:
    """The splitter as it was: every paragraph split up front, then looked up."""
    return [(s.start, s.end) for s in doc.sentences]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("aZ .!?…\"'”’)](“‘([\n\r\t0É\u0301-") + ["Mr", "No", "U.S"]),
                max_size=40).map("".join))
def test_sentence_at_agrees_with_the_sentence_list(text: str) -> None:
    lazy = doc_of(text)
    answers = [lazy.sentence_at(o) for o in range(len(text) + 1)]
    spans = _reference_sentences(doc_of(text))
    for offset, got in enumerate(answers):
        want = next(((s, e) for s, e in spans if s <= offset < e), None)
        assert ((got.start, got.end) if got else None) == want
    assert [(t.start, t.end, t.text) for t in lazy.tokens] == [
        (m.start(), m.end(), m.group()) for m in re.finditer(WORD_RE.pattern, text)
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("aZ9_ '’‘-‐.\n\u0301\u0300é𝐀ßİ"), max_size=40))
def test_tokens_are_the_word_pattern_matches(text: str) -> None:
    # The split that makes the tokens (possessive on Python 3.11+) finds exactly
    # what the shared word pattern finds.
    doc = doc_of(text)
    assert [(t.start, t.end, t.text) for t in doc.tokens] == [
        (m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=list("aZ9_ '’-.\n\t\u0301é𝐀"), max_size=60), st.integers(1, 9))
def test_long_text_tokens_are_the_split_of_the_whole(text: str, chunk: int) -> None:
    # A long text is split a piece at a time, cut at white space: the same words
    # at the same offsets as one split of the whole, with every word interned.
    from newslint import document

    saved = document._CHUNKED_FROM, document._CHUNK
    document._CHUNKED_FROM, document._CHUNK = 0, chunk  # every text "long", tiny pieces
    try:
        doc = doc_of(text)
        words = doc.words
        tokens = doc.tokens
    finally:
        document._CHUNKED_FROM, document._CHUNK = saved
    assert [(t.start, t.end, t.text) for t in tokens] == [
        (m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)
    ]
    assert tokens.words is words
    for a, b in zip(words, words[1:]):
        assert a != b or a is b


def test_a_long_article_has_one_string_per_distinct_word() -> None:
    text = "The talks went on. " * 60_000  # over a million characters
    doc = doc_of(text)
    assert len(doc.words) == 4 * 60_000 and len({id(w) for w in doc.words}) == 4
    assert doc.tokens[-1] == Token(len(text) - 4, len(text) - 2, "on")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=list("aZ \n\tΣσΟΔΥΣ.İẞﬁǅ\u0301é"), max_size=60), st.integers(1, 9))
def test_a_long_text_is_lowered_as_a_whole(text: str, chunk: int) -> None:
    # Lowered a piece at a time, cut at white space: "ΟΔΥΣ" keeps its final sigma,
    # "İ" and "ﬁ" grow alike.
    from newslint import document

    saved = document._CHUNKED_FROM, document._CHUNK
    document._CHUNKED_FROM, document._CHUNK = 0, chunk
    try:
        document._LAST_LOWERED.clear()
        low = document.lowered(text + "é")  # (past ASCII: the pieces are used)
    finally:
        document._CHUNKED_FROM, document._CHUNK = saved
        document._LAST_LOWERED.clear()
    assert low == (text + "é").lower()
