"""Load TOML fact sheets into ``Facts``, with errors a desk editor can act on.

Every problem is one line naming the file, the line, the table and the key. tomli
gives no positions for values, so lines are found by scanning the sheet's source for
its table headers (``[[person]]``) and the ``key =`` lines under them.

Table kinds are pluggable: a plugin registers a ``FactKind`` through the
``newslint_register_fact_kinds`` hook and its entries land in ``Facts.extra``.
A table no kind claims is an error, so a typo such as ``[[persons]]`` is caught.
"""

from __future__ import annotations

import datetime as _dt
import tomli
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence, runtime_checkable

from newslint.errors import FactSheetError
from newslint.facts import Count, Event, Facts, Person, Source, Term
from newslint.lazy import lazy_re


@runtime_checkable
class FactKind(Protocol):
    """A kind of fact-sheet table, such as ``[[person]]``.

    ``table`` is the name of the TOML array of tables. ``parse`` turns one entry
    into an object (it may raise ``FactSheetError`` with ``key=`` set, or
    ``ValueError``/``TypeError``, to reject the entry). A kind may also define
    ``names(obj) -> Iterable[str]``: names that must be unique within the kind.
    """

    table: str

    def parse(self, entry: Mapping[str, Any], source: Source) -> object: ...


class EntryErrors(FactSheetError):
    """Several problems in one entry (built-in kinds report them all at once)."""

    def __init__(self, errors: list[FactSheetError]) -> None:
        super().__init__(errors[0].message, key=errors[0].key)
        self.errors = errors


# --- field checking for the built-in kinds ---------------------------------------

_FieldCheck = Callable[[Any], "str | None"]  # returns a problem, or None when fine


def _is_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return f"must be a string in quotes, not {_type_name(value)}"
    if not value.strip():
        return "must not be empty"
    return None


def _is_str_list(value: Any) -> str | None:
    if isinstance(value, str):
        return f'must be a list of strings, e.g. ["{value}"], not a single string'
    if not isinstance(value, list):
        return f"must be a list of strings, not {_type_name(value)}"
    for item in value:
        if not isinstance(item, str):
            return f"must hold only strings; {item!r} is {_type_name(item)}"
        if not item.strip():
            return "must not hold an empty string"
    return None


def _is_nonempty_str_list(value: Any) -> str | None:
    problem = _is_str_list(value)
    if problem is None and not value:
        return "must list at least one string"
    return problem


def _is_count(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a whole number without quotes, not {_type_name(value)}"
    if value < 0:
        return "must not be negative"
    return None


def _is_ordinal(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return f"must be a whole number such as 3 (for 'third'), not {_type_name(value)}"
    if value < 1:
        return "must be 1 or more"
    return None


def _is_date(value: Any) -> str | None:
    if isinstance(value, _dt.datetime):
        return "is a date and time; write the date alone, e.g. 2023-10-17"
    if isinstance(value, _dt.date):
        return None
    if isinstance(value, str):
        return f'is not a date: write it without quotes as YYYY-MM-DD, e.g. 2023-10-17, not "{value}"'
    return f"is not a date: write it as YYYY-MM-DD, e.g. 2023-10-17, not {_type_name(value)}"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return f'a string ("{value}")'
    if isinstance(value, int):
        return f"a number ({value})"
    if isinstance(value, float):
        return f"a decimal number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, (_dt.date, _dt.time)):
        return f"a date/time ({value})"
    return type(value).__name__


@dataclass(frozen=True)
class TableKind:
    """A built-in kind described by its fields, checked generically."""

    table: str
    fields: Mapping[str, _FieldCheck]
    required: tuple[str, ...]
    build: Callable[[Mapping[str, Any], Source], object]
    check_entry: Callable[[Mapping[str, Any]], list[tuple[str, str]]] | None = None

    def parse(self, entry: Mapping[str, Any], source: Source) -> object:
        problems: list[FactSheetError] = []
        for key in self.required:
            if key not in entry:
                problems.append(FactSheetError(f"missing `{key}`", key=key))
        for key, value in entry.items():
            check = self.fields.get(key)
            if check is None:
                known = ", ".join(self.fields)
                problems.append(
                    FactSheetError(f"unknown key `{key}` (expected one of: {known})", key=key)
                )
                continue
            problem = check(value)
            if problem:
                problems.append(FactSheetError(f"`{key}` {problem}", key=key))
        if not problems and self.check_entry is not None:
            for key, message in self.check_entry(entry):
                problems.append(FactSheetError(message, key=key))
        if problems:
            raise EntryErrors(problems)
        return self.build(entry, source)

    def names(self, obj: object) -> Iterable[str]:
        name = getattr(obj, "name", None)
        return [name] if name else []


def _tuple(entry: Mapping[str, Any], key: str) -> tuple[str, ...]:
    return tuple(_norm_space(s) for s in entry.get(key, ()))


def _norm_space(s: str) -> str:
    return " ".join(s.split())


def _event_checks(entry: Mapping[str, Any]) -> list[tuple[str, str]]:
    start, end = entry.get("start"), entry.get("end")
    if start is not None and end is not None and end < start:
        return [("end", f"`end` ({end}) is before `start` ({start})")]
    return []


PERSON = TableKind(
    table="person",
    fields={"name": _is_str, "also": _is_str_list, "wrong": _is_str_list, "titles": _is_str_list},
    required=("name",),
    build=lambda e, src: Person(
        name=_norm_space(e["name"]),
        also=_tuple(e, "also"),
        wrong=_tuple(e, "wrong"),
        titles=_tuple(e, "titles"),
        source=src,
    ),
)
TERM = TableKind(
    table="term",
    fields={"name": _is_str, "wrong": _is_str_list},
    required=("name",),
    build=lambda e, src: Term(name=_norm_space(e["name"]), wrong=_tuple(e, "wrong"), source=src),
)
COUNT = TableKind(
    table="count",
    fields={"about": _is_nonempty_str_list, "value": _is_count, "nouns": _is_nonempty_str_list},
    required=("about", "value", "nouns"),
    build=lambda e, src: Count(
        about=_tuple(e, "about"), value=e["value"], nouns=_tuple(e, "nouns"), source=src
    ),
)
EVENT = TableKind(
    table="event",
    fields={
        "name": _is_str,
        "also": _is_str_list,
        "ordinal": _is_ordinal,
        "start": _is_date,
        "end": _is_date,
    },
    required=("name",),
    build=lambda e, src: Event(
        name=_norm_space(e["name"]),
        also=_tuple(e, "also"),
        ordinal=e.get("ordinal"),
        start=e.get("start"),
        end=e.get("end", e.get("start")),
        source=src,
    ),
    check_entry=_event_checks,
)
BUILTIN_KINDS: tuple[TableKind, ...] = (PERSON, TERM, COUNT, EVENT)
_SHEET_KEYS: Mapping[str, _FieldCheck] = {"name": _is_str, "date": _is_date}


# --- positions: where tables and keys are in the source -----------------------------

_ARRAY_HEADER_RE = lazy_re(r"\[\[\s*(?P<name>[^\]\s]+)\s*\]\]")
_TABLE_HEADER_RE = lazy_re(r"\[\s*(?P<name>[^\[\]\s]+)\s*\]")
_KEY_RE = lazy_re(r"""(?P<key>[A-Za-z0-9_\-]+|"[^"\n]*"|'[^'\n]*')\s*=""")


@dataclass
class _Section:
    header_line: int | None  # None for the root, before any header
    keys: dict[str, int] = field(default_factory=dict)


@dataclass
class _Layout:
    """Line numbers of a sheet's headers and keys, found by scanning its source.

    The headers are found at once (every entry's source names its header's line); the
    keys' lines and the columns only when an error asks for them, as most sheets have
    none (on a 10,000-entry sheet the scan of every line took ~0.1 s of each run)."""

    root: _Section
    tables: dict[str, _Section]  # [sheet]
    arrays: dict[str, list[_Section]]  # [[person]], in order
    columns: dict[int, int] = field(default_factory=dict)  # line -> column of its key/header
    source: str | None = None  # kept until the keys are scanned

    def column(self, line: int | None) -> int | None:
        self._scan_keys()
        return self.columns.get(line) if line is not None else None

    @classmethod
    def scan(cls, source: str) -> "_Layout":
        if _ODD_LINE_BREAK_RE.search(source):
            # Line breaks other than "\n" (which splitlines() counts too): line by line.
            layout = cls(_Section(None), {}, {}, source=source)
            layout._scan_keys()
            return layout
        tables: dict[str, _Section] = {}
        arrays: dict[str, list[_Section]] = {}
        number, at = 1, 0
        for m in _HEADER_LINE_RE.finditer(source):
            number += source.count("\n", at, m.start())
            at = m.start()
            line = m.group().lstrip()
            if a := _ARRAY_HEADER_RE.match(line):
                arrays.setdefault(_unquote(a["name"]), []).append(_Section(number))
            elif t := _TABLE_HEADER_RE.match(line):
                tables.setdefault(_unquote(t["name"]), _Section(number))
        return cls(_Section(None), tables, arrays, source=source)

    def _scan_keys(self) -> None:
        """Every line: the keys' lines and the columns, into the sections already made
        (in the order their headers come; any header not met yet is added)."""
        source = self.source
        if source is None:
            return
        self.source = None
        current = self.root
        columns = self.columns
        met: dict[str, int] = {}  # table -> the array headers met so far
        for number, raw in enumerate(source.splitlines(), start=1):
            line = raw.lstrip()
            if not line or line[0] == "#":
                continue
            columns[number] = len(raw) - len(line) + 1
            if line[0] == "[":
                if m := _ARRAY_HEADER_RE.match(line):
                    name = _unquote(m["name"])
                    sections = self.arrays.setdefault(name, [])
                    k = met[name] = met.get(name, 0) + 1
                    if k > len(sections):
                        sections.append(_Section(number))
                    current = sections[k - 1]
                elif m := _TABLE_HEADER_RE.match(line):
                    first = self.tables.setdefault(_unquote(m["name"]), _Section(number))
                    # (a repeated [table] header: its keys go to a section of its own,
                    # which nothing looks up)
                    current = first if first.header_line == number else _Section(number)
            elif m := _KEY_RE.match(line):
                current.keys.setdefault(_unquote(m["key"]), number)

    def entry(self, table: str, index: int) -> _Section | None:
        sections = self.arrays.get(table, [])
        return sections[index] if index < len(sections) else None

    def line_of(self, section: _Section | None, key: str | None, fallback: str) -> int | None:
        if section is not None and key is None and section.header_line is not None:
            return section.header_line  # (most calls: no keys needed)
        self._scan_keys()
        if section is not None:
            if key is not None and key in section.keys:
                return section.keys[key]
            if section.header_line is not None:
                return section.header_line
        if fallback in self.root.keys:
            return self.root.keys[fallback]
        return None


# A line that may be a header ("[sheet]", "[[person]]"), and line breaks that
# splitlines() counts besides "\n" (a sheet holding one is scanned line by line).
_HEADER_LINE_RE = lazy_re(r"(?m)^[^\S\n]*\[[^\n]*")
_ODD_LINE_BREAK_RE = lazy_re("[\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _unquote(name: str) -> str:
    if len(name) >= 2 and name[0] == name[-1] and name[0] in "\"'":
        return name[1:-1]
    return name


# --- loading ----------------------------------------------------------------------

_AT_RE = lazy_re(r"\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)\s*$")


@dataclass
class _Sheet:
    """One file's parsed contents, before sheets are merged."""

    path: str
    name: str | None = None
    date: _dt.date | None = None
    entries: dict[str, list[tuple[object, _Section | None]]] = field(default_factory=dict)
    # Every entry's name, parsed or not, so a duplicate is reported even beside an
    # entry with another problem.
    names: dict[str, list[tuple[str, _Section | None]]] = field(default_factory=dict)
    layout: _Layout | None = None


def _read_sheet(path: str, kinds: Mapping[str, FactKind], errors: list[FactSheetError]) -> _Sheet:
    sheet = _Sheet(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        errors.append(FactSheetError(f"cannot read fact sheet: {exc.strerror or exc}", path=path))
        return sheet
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(FactSheetError(f"fact sheet is not UTF-8 text ({exc.reason})", path=path))
        return sheet
    source = source.removeprefix("\ufeff")
    try:
        data = tomli.loads(source)
    except tomli.TOMLDecodeError as exc:
        text = str(exc)
        m = _AT_RE.search(text)
        line = int(m["line"]) if m else None
        column = int(m["col"]) if m else None
        message = _AT_RE.sub("", text) if m else text
        errors.append(
            FactSheetError(f"TOML syntax error: {message}", path=path, line=line, column=column)
        )
        return sheet
    layout = sheet.layout = _Layout.scan(source)

    def err(message: str, line: int | None, key: str | None) -> None:
        errors.append(
            FactSheetError(message, path=path, line=line, column=layout.column(line), key=key)
        )

    for top, value in data.items():
        if top == "sheet":
            section = layout.tables.get("sheet")
            if not isinstance(value, dict):
                err("`sheet` must be a table: [sheet]", layout.line_of(None, None, top), "sheet")
                continue
            for key, item in value.items():
                line = layout.line_of(section, key, top)
                check = _SHEET_KEYS.get(key)
                if check is None:
                    err(f"unknown key `{key}` (expected one of: name, date)", line, f"sheet.{key}")
                elif problem := check(item):
                    err(f"`{key}` {problem}", line, f"sheet.{key}")
                elif key == "name":
                    sheet.name = item
                else:
                    sheet.date = item
            continue
        kind = kinds.get(top)
        if kind is None:
            section = layout.entry(top, 0) or layout.tables.get(top)
            known = ", ".join(["sheet", *kinds])
            err(
                f"unknown table `{top}` (expected one of: {known})",
                layout.line_of(section, None, top),
                top,
            )
            continue
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            err(
                f"`{top}` must be an array of tables, each entry under its own [[{top}]] header",
                layout.line_of(layout.tables.get(top), None, top),
                top,
            )
            continue
        parsed = sheet.entries.setdefault(top, [])
        for index, entry in enumerate(value):
            section = layout.entry(top, index)
            name = entry.get("name") if isinstance(entry.get("name"), str) else None
            about = entry.get("about")
            if name is None and isinstance(about, list) and about and isinstance(about[0], str):
                name = about[0]  # a count is known by its first subject
            line = layout.line_of(section, None, top)
            source_ = Source(path, top, line, _norm_space(name) if name else None)
            label = f'"{name}"' if name else f"entry {index + 1}"
            if isinstance(entry.get("name"), str) and isinstance(kind, TableKind):
                sheet.names.setdefault(top, []).append((entry["name"], section))
            try:
                obj = kind.parse(entry, source_)
            except EntryErrors as exc:
                for e in exc.errors:
                    err(f"{label}: {e.message}", layout.line_of(section, e.key, top), _key(top, e.key))
                continue
            except FactSheetError as exc:
                err(f"{label}: {exc.message}", layout.line_of(section, exc.key, top), _key(top, exc.key))
                continue
            except (ValueError, TypeError, KeyError) as exc:
                err(f"{label}: {exc}", line, top)
                continue
            parsed.append((obj, section))
    return sheet


def _key(table: str, key: str | None) -> str:
    return f"{table}.{key}" if key else table


def _cross_checks(
    sheets: Sequence[_Sheet], kinds: Mapping[str, FactKind], errors: list[FactSheetError]
) -> None:
    """Problems between entries: a name listed twice, a wrong form that is a right one."""
    for table, kind in kinds.items():
        names_of = getattr(kind, "names", None)
        if names_of is None:
            continue
        seen: dict[str, tuple[_Sheet, _Section | None]] = {}  # (lines only for errors)
        for sheet in sheets:
            if isinstance(kind, TableKind):
                named = sheet.names.get(table, [])
            else:
                named = [(n, sec) for obj, sec in sheet.entries.get(table, []) for n in names_of(obj)]
            for name, section in named:
                folded = _norm_space(name).casefold()
                if folded not in seen:
                    seen[folded] = (sheet, section)
                    continue
                first_sheet, first_section = seen[folded]
                first = f"{first_sheet.path}:{_line(first_sheet, first_section, 'name', table)}"
                line = _line(sheet, section, "name", table)
                errors.append(
                    FactSheetError(
                        f'"{name}" is listed twice in [[{table}]] (first at {first}); '
                        "merge the two entries",
                        path=sheet.path,
                        line=line,
                        column=_column(sheet, line),
                        key=f"{table}.name",
                    )
                )
    # A wrong spelling equal to a right one (of any person or term) would flag the
    # house spelling itself.
    right: dict[str, str] = {}
    for sheet in sheets:
        for table in ("person", "term"):
            for obj, _ in sheet.entries.get(table, []):
                for form in (obj.name, *getattr(obj, "also", ())):  # type: ignore[attr-defined]
                    right.setdefault(form, obj.name)  # type: ignore[attr-defined]
    for sheet in sheets:
        for table in ("person", "term"):
            for obj, section in sheet.entries.get(table, []):
                for form in obj.wrong:  # type: ignore[attr-defined]
                    if form in right:
                        owner = right[form]
                        whose = "" if owner == obj.name else f' (a right form of "{owner}")'  # type: ignore[attr-defined]
                        errors.append(
                            FactSheetError(
                                f'"{obj.name}": wrong spelling "{form}" is also listed as a right '  # type: ignore[attr-defined]
                                f"spelling{whose}; remove it from one of the lists",
                                path=sheet.path,
                                line=_line(sheet, section, "wrong", table),
                                column=_column(sheet, _line(sheet, section, "wrong", table)),
                                key=f"{table}.wrong",
                            )
                        )


def _line(sheet: _Sheet, section: _Section | None, key: str, table: str) -> int | None:
    return sheet.layout.line_of(section, key, table) if sheet.layout else None


def _column(sheet: _Sheet, line: int | None) -> int | None:
    return sheet.layout.column(line) if sheet.layout else None


def _merge(sheets: Sequence[_Sheet], kinds: Mapping[str, FactKind]) -> Facts:
    def all_of(table: str) -> tuple:
        return tuple(obj for s in sheets for obj, _ in s.entries.get(table, []))

    names = [s.name for s in sheets if s.name]
    dates = [s.date for s in sheets if s.date]
    extra = {t: all_of(t) for t in kinds if t not in _BUILTIN_TABLES and all_of(t)}
    return Facts(
        sheet_name="; ".join(names) if names else None,
        date=dates[0] if dates else None,
        people=all_of("person"),
        terms=all_of("term"),
        counts=all_of("count"),
        events=all_of("event"),
        extra=extra,
        paths=tuple(s.path for s in sheets),
    )


_BUILTIN_TABLES = frozenset(k.table for k in BUILTIN_KINDS)


def fact_kinds(extra: Iterable[FactKind] = ()) -> dict[str, FactKind]:
    """Built-in kinds plus ``extra`` (plugin kinds), by table name."""
    kinds: dict[str, FactKind] = {k.table: k for k in BUILTIN_KINDS}
    for kind in extra:
        table = getattr(kind, "table", None)
        if not isinstance(table, str) or not callable(getattr(kind, "parse", None)):
            raise FactSheetError(f"fact kind {kind!r} has no `table` name or no `parse` method")
        if table == "sheet" or table in kinds:
            raise FactSheetError(f"fact kind for table `{table}` is registered twice")
        kinds[table] = kind
    return kinds


def _collect(
    paths: Iterable[str | Path], kinds: Iterable[FactKind] | None
) -> tuple[list[_Sheet], dict[str, FactKind], list[FactSheetError]]:
    table_kinds = fact_kinds(kinds or ())
    errors: list[FactSheetError] = []
    sheets = [_read_sheet(str(p), table_kinds, errors) for p in paths]
    _cross_checks(sheets, table_kinds, errors)
    return sheets, table_kinds, errors


def load_facts(paths: Iterable[str | Path], kinds: Iterable[FactKind] | None = None) -> Facts:
    """Load and merge fact sheets; raise ``FactSheetError`` for the first problem.

    ``kinds`` are extra table kinds (the registry's ``fact_kinds``, from the ``newslint_register_fact_kinds`` hook).
    """
    paths = list(paths)
    if not paths:
        from newslint.facts import EMPTY_FACTS

        return EMPTY_FACTS
    sheets, table_kinds, errors = _collect(paths, kinds)
    if errors:
        raise errors[0]
    return _merge(sheets, table_kinds)


def check_sheet(
    path: str | Path, kinds: Iterable[FactKind] | None = None
) -> tuple[list[FactSheetError], str]:
    """Every problem in one sheet (in file order) and a one-line summary of its contents."""
    sheets, table_kinds, errors = _collect([path], kinds)
    errors.sort(key=lambda e: (e.line or 0, e.column or 0))
    facts = _merge(sheets, table_kinds)
    return errors, summarize(facts)


def summarize(facts: Facts) -> str:
    """"10 people, 3 terms, 1 count, 4 events" (plus plugin tables)."""

    def n(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    parts = [
        n(len(facts.people), "person", "people"),
        n(len(facts.terms), "term", "terms"),
        n(len(facts.counts), "count", "counts"),
        n(len(facts.events), "event", "events"),
    ]
    parts += [f"{len(v)} {t}" for t, v in facts.extra.items()]
    return ", ".join(parts)
