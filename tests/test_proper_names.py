"""The reusable name layer: mentions with offsets, and spelling variants."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.engine import parse_document
from newslint.plugins import default_registry
from newslint.proper_names import name_mentions, spelling_variants

REGISTRY = default_registry(Config())


@pytest.mark.parametrize("a, b, same", [
    ("Sergei", "Sergey", True),
    ("Zelensky", "Zelenskyy", True),
    ("Kilroy-Silk", "Kilroy-Silke", True),
    ("Zelenský", "Zelensky", True),
    ("Sergei Lavrov", "Sergey Lavrov", True),
    ("Khodorkovsky", "Khordokovsky", True),
    ("Ed", "David", False),
    ("Ed Miliband", "David Miliband", False),
    ("Russia", "Russian", False),
    ("Iraq", "Iraqi", False),
    ("Court", "Courts", False),
    ("Blair", "Blair", False),
    ("Lavrov", "Sergey Lavrov", False),
    ("Iran", "Iraq", False),
])
def test_spelling_variants(a: str, b: str, same: bool) -> None:
    assert spelling_variants(a, b) is same
    assert spelling_variants(b, a) is same


def test_name_mentions_split_titles_and_offsets() -> None:
    text = "Talks\n\nBut Foreign Minister Wang Yi met Mr Sergey Lavrov and Ludwig van Beethoven.\n"
    doc = parse_document(text, "a.txt", REGISTRY)
    got = [(m.text, m.name_text, [t.text for t in m.titles], m.sentence_initial, m.person_like)
           for m in name_mentions(doc)]
    assert ("But Foreign Minister Wang Yi", "Wang Yi", ["Foreign", "Minister"], True, False) == got[1][:4] + (False,)
    assert got[2] == ("Mr Sergey Lavrov", "Sergey Lavrov", ["Mr"], False, True)
    assert got[3][0] == "Ludwig van Beethoven"
    m = name_mentions(doc)[2]
    assert text[m.start:m.end] == "Mr Sergey Lavrov"


# The scan finds runs with one regular expression; ``_scan_tokens`` walks the words one
# by one and is the reference: the two must agree on every text.
_TRICKY = [
    "Talks\n\nBut Foreign Minister Wang Yi met Mr Sergey Lavrov and Ludwig van Beethoven.\n",
    "The Belt and Road Forum met on Monday. Ludwig van Monday left; Anna de la Cruz stayed.",
    "O'Neill's men met Kilroy-Silk’s aide and the BBC's Jean-Luc Picard in Xi’an.",
    "Élodie Durand met Ölkü Şahin and the élite of Zürich, Ñandú and Ǆemal.",
    "Paris élan Foo; Ⅻ Roman and Ⅻ. Straße Weg ß Ärger in Ⅻ Ⅻ.",
    "New\r\nYork and New\n\nJersey, then New \r\n York and New\r\r\nYork.",
    "A\u00a0B meet\u2003C D at\tE F. the Hague and The Hague of Holland.",
    "Mc\u0301Donald and \u0301Ann, _Init and 2005Smith met 3M Corp in de Gaulle Street.",
    "Secretary of State for Work and Pensions John Smith of the Department for Work.",
    "Osama bin Laden of Al Qaeda and Ibn al Haytham della Robbia of The Hague y Gasset.",
]


def _both(text: str, connectors: frozenset[str], multi: bool) -> tuple[list, list]:
    from newslint import proper_names as pn

    doc = parse_document(text, "a.txt", REGISTRY)
    return (list(map(tuple, pn._scan(doc, connectors, multi))),
            list(map(tuple, pn._scan_tokens(doc, connectors, multi))))


def _shared(text: str, path: str = "a.txt") -> tuple[tuple[list, list], tuple[list, list]]:
    from newslint import proper_names as pn

    doc = parse_document(text, path, REGISTRY)
    names, terms = pn._scan_shared(doc)
    return ((list(map(tuple, names)), list(map(tuple, terms))),
            (list(map(tuple, pn._scan_tokens(doc, pn.NAME_PARTICLES))),
             list(map(tuple, pn._scan_tokens(doc, frozenset(pn.CONNECTORS), True)))))


@pytest.mark.parametrize("text", _TRICKY)
@pytest.mark.parametrize("multi", [False, True])
def test_scan_agrees_with_the_word_by_word_scan(text: str, multi: bool) -> None:
    from newslint.proper_names import CONNECTORS, NAME_PARTICLES

    for connectors in (NAME_PARTICLES, frozenset(CONNECTORS)):
        fast, reference = _both(text, connectors, multi)
        assert fast == reference
    fast, reference = _shared(text)
    assert fast == reference


def test_scan_agrees_on_random_text() -> None:
    from hypothesis import given
    from hypothesis import strategies as st

    from newslint.proper_names import CONNECTORS, NAME_PARTICLES

    pieces = st.sampled_from(
        ["Anna", "Bob", "de", "van", "and", "of", "the", "Monday", "May", "Mr", "said",
         "É", "élan", "Ⅻ", "ß", "O'Neill", "Kilroy-Silk", "Xi’s", "’", "-", "'", ".", ",",
         " ", "  ", "\n", "\r\n", "\r", "\n\n", "\t", "\u00a0", "\u0301", "3", "_", "BBC"])

    @given(st.lists(pieces, max_size=30))
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        for connectors in (NAME_PARTICLES, frozenset(CONNECTORS)):
            for multi in (False, True):
                fast, reference = _both(text, connectors, multi)
                assert fast == reference, text
        fast, reference = _shared(text)
        assert fast == reference, text

    check()


def test_shared_scan_on_markdown_where_prose_is_not_the_text() -> None:
    text = ("# The Belt and Road Forum\n\nThe **Belt and Road** Forum met [Sergey Lavrov]"
            "(https://example.org/Lavrov) and *Wang* Yi of `Code Name` at The Hague.\n")
    fast, reference = _shared(text, "a.md")
    assert fast == reference
    assert fast[0]  # mentions found: the test looks at something


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeé", min_size=5, max_size=12),
       st.text(alphabet="abcdeé", min_size=5, max_size=12), st.integers(1, 2))
def test_within_edits_agrees_with_regex_fuzzy_matching(a: str, b: str, edits: int) -> None:
    """within_edits replaced a fuzzy regex compiled per pair: same answers on the
    words it judges (five letters or more)."""
    import regex

    from newslint.proper_names import within_edits

    fuzzy = regex.compile(r"(?:%s){e<=%d}" % (regex.escape(a), edits), regex.BESTMATCH)
    assert within_edits(a, b, edits) == (fuzzy.fullmatch(b) is not None)
