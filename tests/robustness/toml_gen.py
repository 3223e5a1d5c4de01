"""Hypothesis strategies for TOML documents (valid TOML, arbitrary shapes) and a small
writer, for fuzzing the loaders of configuration, fact sheets and rule packs."""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
from typing import Any

from hypothesis import strategies as st

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(k: str) -> str:
    return k if _BARE.match(k) else json.dumps(k, ensure_ascii=False)


def value(v: Any) -> str:
    """One TOML value, inline."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (_dt.datetime, _dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return "[" + ", ".join(value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{_key(k)} = {value(x)}" for k, x in v.items()) + "}"
    raise TypeError(type(v))


def dumps(doc: dict[str, Any], prefix: str = "") -> str:
    """A document: scalars first, then ``[table]`` and ``[[array of tables]]`` sections."""
    lines, sections = [], []
    for k, v in doc.items():
        full = f"{prefix}.{_key(k)}" if prefix else _key(k)
        if isinstance(v, dict) and v and all(isinstance(x, (dict, list)) for x in v.values()):
            sections.append(f"[{full}]\n" + dumps(v, full))
        elif isinstance(v, dict):
            sections.append(f"[{full}]\n" + "".join(f"{_key(a)} = {value(b)}\n" for a, b in v.items()))
        elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            for entry in v:
                sections.append(f"[[{full}]]\n"
                                + "".join(f"{_key(a)} = {value(b)}\n" for a, b in entry.items()))
        else:
            lines.append(f"{_key(k)} = {value(v)}\n")
    return "".join(lines) + "\n".join(["", *sections] if sections else [])


scalars = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(),
    st.booleans(),
    st.dates(),
    st.datetimes(),
    st.times(),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3),
    max_leaves=6,
)


def table(keys: list[str]) -> st.SearchStrategy[dict[str, Any]]:
    """A table whose keys are mostly ``keys`` (the loader's own), some random."""
    key = st.sampled_from(keys) | st.text(min_size=1, max_size=8)
    return st.dictionaries(key, values, max_size=6)


def mutate(text: str, data: st.DataObject) -> str:
    """``text`` with a few random edits: deletions, insertions, duplicated lines."""
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["delete", "insert", "dup", "swap"]))
        i = data.draw(st.integers(0, len(text)))
        if kind == "delete":
            text = text[:i] + text[i + data.draw(st.integers(1, 5)):]
        elif kind == "insert":
            piece = data.draw(st.sampled_from(
                ['"', "'", "[", "]", "[[", "=", "\n", ",", "#", "{", "}", "0", "-", "\\", "\x00",
                 "\ufeff", "é", "true", '""', "[]", "1979-05-27", "\r"]) | st.text(max_size=3))
            text = text[:i] + piece + text[i:]
        else:
            lines = text.split("\n")
            j = data.draw(st.integers(0, max(0, len(lines) - 1)))
            if kind == "dup":
                lines.insert(j, lines[j] if lines else "")
            elif len(lines) > 1:
                k = data.draw(st.integers(0, len(lines) - 1))
                lines[j], lines[k] = lines[k], lines[j]
            text = "\n".join(lines)
    return text
