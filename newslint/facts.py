"""Fact sheets: what the desk verified, loaded into one immutable value.

Loading and validation live in ``facts_loader``; the name index rules match with
lives in ``names``. Every fact carries its ``Source`` so a finding can say where the
sheet's version comes from.

The facts are immutable NamedTuples rather than frozen dataclasses: every full run
imports this module, and making a dataclass costs ten times as much (~0.5 ms each).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import NamedTuple


class Source(NamedTuple):
    """Where a fact came from: the sheet file, its table, the entry's line and name."""

    path: str
    table: str
    line: int | None = None
    entry: str | None = None  # the entry's name, when it has one

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        name = f' "{self.entry}"' if self.entry else ""
        return f"{where} [[{self.table}]]{name}"


class Person(NamedTuple):
    name: str
    also: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    source: Source | None = None


class Term(NamedTuple):
    name: str
    wrong: tuple[str, ...] = ()
    source: Source | None = None


class Count(NamedTuple):
    about: tuple[str, ...]
    value: int
    nouns: tuple[str, ...]
    source: Source | None = None


class Event(NamedTuple):
    name: str
    also: tuple[str, ...] = ()
    ordinal: int | None = None
    start: _dt.date | None = None
    end: _dt.date | None = None
    source: Source | None = None


@dataclass(frozen=True)
class Facts:
    """Every loaded sheet merged. Empty when no sheet is given."""

    sheet_name: str | None = None
    date: _dt.date | None = None
    people: tuple[Person, ...] = ()
    terms: tuple[Term, ...] = ()
    counts: tuple[Count, ...] = ()
    events: tuple[Event, ...] = ()
    extra: dict = field(default_factory=dict, hash=False)  # plugin fact kinds, by table name
    paths: tuple[str, ...] = ()
    # Indexes built from these facts on first use (see ``newslint.names.index_for``):
    # built once per Facts object however many documents are linted.
    _cache: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def empty(self) -> bool:
        return not (self.people or self.terms or self.counts or self.events or self.extra)


EMPTY_FACTS = Facts()
