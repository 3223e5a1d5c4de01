"""Fact-sheet loading: every problem one line naming file, line, table and key."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from newslint.errors import FactSheetError
from newslint.facts import EMPTY_FACTS, Source
from newslint.facts_loader import check_sheet, load_facts

from tests.conftest import SHARED, write

GOOD = """\
[sheet]
name = "Harbour strike"
date = 2024-03-04

[[person]]
name = "Aoife Brennan"
also = ["Brennan"]
wrong = ["Aoife Brenan"]
titles = ["union leader", "general secretary"]

[[term]]
name = "Port Authority"
wrong = ["port authority"]

[[count]]
about = ["the union"]
value = 412
nouns = ["members", "dockers"]

[[event]]
name = "Harbour Talks"
also = ["talks"]
ordinal = 2
start = 2024-03-04
end = 2024-03-06
"""


def sheet(tmp_path: Path, text: str, name: str = "story.facts.toml") -> str:
    return str(write(tmp_path / name, text))


def test_good_sheet_loads_with_sources(tmp_path: Path) -> None:
    path = sheet(tmp_path, GOOD)
    facts = load_facts([path])
    assert facts.sheet_name == "Harbour strike"
    assert facts.date == _dt.date(2024, 3, 4)
    (person,) = facts.people
    assert person.name == "Aoife Brennan"
    assert person.wrong == ("Aoife Brenan",)
    assert person.source == Source(path, "person", 5, "Aoife Brennan")
    assert str(person.source) == f'{path}:5 [[person]] "Aoife Brennan"'
    assert facts.counts[0].value == 412
    assert facts.counts[0].source.entry == "the union"
    assert facts.events[0].ordinal == 2
    assert facts.events[0].end == _dt.date(2024, 3, 6)
    assert facts.paths == (path,)


def test_no_sheet_is_empty_facts() -> None:
    assert load_facts([]) is EMPTY_FACTS


def test_seed_sheet_summary() -> None:
    errors, summary = check_sheet(SHARED / "seed-story.facts.toml")
    assert errors == []
    assert summary == "10 people, 3 terms, 1 count, 4 events"


def test_event_end_defaults_to_start(tmp_path: Path) -> None:
    facts = load_facts([sheet(tmp_path, '[[event]]\nname = "Vote"\nstart = 2024-05-02\n')])
    assert facts.events[0].end == _dt.date(2024, 5, 2)


BAD = """\
[sheet]
name = "Harbour strike"
date = "2024-03-04"
colour = "blue"

[[person]]
name = "Aoife Brennan"
titles = "union leader"
aliases = ["Brennan"]

[[person]]
also = ["Nobody"]

[[person]]
name = "Aoife  Brennan"

[[term]]
name = "Port Authority"
wrong = ["Port Authority"]

[[count]]
about = ["the union"]
value = "412"

[[event]]
name = "Harbour Talks"
start = 2024-03-04T09:00:00
ordinal = 0

[[event]]
name = "Ballot"
start = 2024-03-09
end = 2024-03-01

[[persons]]
name = "Typo"
"""


def test_every_problem_is_one_line_with_file_line_table_and_key(tmp_path: Path) -> None:
    path = sheet(tmp_path, BAD)
    errors, _ = check_sheet(path)
    got = [(e.line, e.key, e.message.split(":")[0]) for e in errors]
    assert got == [
        (3, "sheet.date", "`date` is not a date"),
        (4, "sheet.colour", "unknown key `colour` (expected one of"),
        (8, "person.titles", '"Aoife Brennan"'),
        (9, "person.aliases", '"Aoife Brennan"'),
        (11, "person.name", "entry 2"),
        (15, "person.name", '"Aoife  Brennan" is listed twice in [[person]] (first at ' + path),
        (19, "term.wrong", '"Port Authority"'),
        (21, "count.nouns", '"the union"'),
        (23, "count.value", '"the union"'),
        (27, "event.start", '"Harbour Talks"'),
        (28, "event.ordinal", '"Harbour Talks"'),
        (33, "event.end", '"Ballot"'),
        (35, "persons", "unknown table `persons` (expected one of"),
    ]
    for e in errors:
        line = str(e)
        assert "\n" not in line
        assert line.startswith(f"{path}:{e.line}:{e.column}: [{e.key}] ")
    messages = {e.key: e.message for e in errors if e.line != 15}
    assert "must be a list of strings" in messages["person.titles"]
    assert "missing `name`" in messages["person.name"]
    assert "also listed as a right spelling" in messages["term.wrong"]
    assert "missing `nouns`" in messages["count.nouns"]
    assert "whole number" in messages["count.value"]
    assert "date and time" in messages["event.start"]
    assert "before `start`" in messages["event.end"]


def test_load_facts_raises_the_first_problem(tmp_path: Path) -> None:
    path = sheet(tmp_path, BAD)
    with pytest.raises(FactSheetError) as info:
        load_facts([path])
    assert info.value.line == 3 and info.value.key == "sheet.date"


def test_column_is_where_the_key_starts(tmp_path: Path) -> None:
    errors, _ = check_sheet(sheet(tmp_path, '[[person]]\n  name = "A"\n  titels = ["x"]\n'))
    assert [(e.line, e.column, e.key) for e in errors] == [(3, 3, "person.titels")]


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = sheet(tmp_path, '[[person]]\nname = "A"\nname = "B"\n')
    errors, _ = check_sheet(path)
    assert [(e.line, e.column) for e in errors] == [(3, 11)]
    assert str(errors[0]).startswith(f"{path}:3:11: TOML syntax error: ")


def test_table_instead_of_array_of_tables(tmp_path: Path) -> None:
    errors, _ = check_sheet(sheet(tmp_path, '[person]\nname = "A"\n'))
    assert [(e.line, e.key) for e in errors] == [(1, "person")]
    assert "[[person]]" in errors[0].message


def test_wrong_form_equal_to_another_entrys_right_form(tmp_path: Path) -> None:
    text = '[[person]]\nname = "Li Wei"\n\n[[person]]\nname = "Li Wen"\nwrong = ["Li Wei"]\n'
    errors, _ = check_sheet(sheet(tmp_path, text))
    assert [(e.line, e.key) for e in errors] == [(6, "person.wrong")]
    assert 'a right form of "Li Wei"' in errors[0].message


def test_a_name_may_be_a_term_and_an_event(tmp_path: Path) -> None:
    text = '[[term]]\nname = "Harbour Talks"\n\n[[event]]\nname = "Harbour Talks"\nordinal = 2\n'
    assert check_sheet(sheet(tmp_path, text))[0] == []


def test_duplicate_across_two_sheets(tmp_path: Path) -> None:
    a = sheet(tmp_path, '[[person]]\nname = "Aoife Brennan"\n', "a.toml")
    b = sheet(tmp_path, '\n[[person]]\nname = "Aoife Brennan"\n', "b.toml")
    with pytest.raises(FactSheetError) as info:
        load_facts([a, b])
    assert (info.value.path, info.value.line) == (b, 3)
    assert "listed twice" in info.value.message


def test_sheets_merge(tmp_path: Path) -> None:
    a = sheet(tmp_path, '[sheet]\nname = "A"\n[[person]]\nname = "Aoife Brennan"\n', "a.toml")
    b = sheet(tmp_path, '[sheet]\ndate = 2024-01-02\n[[term]]\nname = "Port Authority"\n', "b.toml")
    facts = load_facts([a, b])
    assert (facts.sheet_name, facts.date) == ("A", _dt.date(2024, 1, 2))
    assert [p.name for p in facts.people] == ["Aoife Brennan"]
    assert [t.name for t in facts.terms] == ["Port Authority"]


def test_missing_and_unreadable_files(tmp_path: Path) -> None:
    with pytest.raises(FactSheetError, match="cannot read fact sheet"):
        load_facts([str(tmp_path / "nope.toml")])
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b'[[person]]\nname = "Jos\xe9"\n')
    with pytest.raises(FactSheetError, match="not UTF-8"):
        load_facts([str(bad)])


def test_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes('\ufeff[[person]]\nname = "Aoife Brennan"\n'.encode("utf-8"))
    assert load_facts([str(path)]).people[0].name == "Aoife Brennan"


@dataclass(frozen=True)
class Quote:
    who: str
    said: str


class QuoteKind:
    """A plugin's fact kind: verified quotations."""

    table = "quote"

    def parse(self, entry, source):
        if set(entry) != {"who", "said"}:
            raise FactSheetError("a quote needs exactly `who` and `said`", key="said")
        return Quote(entry["who"], entry["said"])

    def names(self, obj):
        return [obj.said]


def test_plugin_fact_kind(tmp_path: Path) -> None:
    text = '[[quote]]\nwho = "Aoife Brennan"\nsaid = "We stand together."\n'
    path = sheet(tmp_path, text)
    with pytest.raises(FactSheetError, match="unknown table `quote`"):
        load_facts([path])
    facts = load_facts([path], kinds=[QuoteKind()])
    assert facts.extra == {"quote": (Quote("Aoife Brennan", "We stand together."),)}
    assert not facts.empty
    errors, summary = check_sheet(path, [QuoteKind()])
    assert errors == [] and summary.endswith(", 1 quote")
    bad = sheet(tmp_path, text + '\n[[quote]]\nwho = "X"\n', "bad.toml")
    errors, _ = check_sheet(bad, [QuoteKind()])
    assert [(e.line, e.key) for e in errors] == [(5, "quote.said")]


def test_plugin_kind_through_the_hook(tmp_path: Path) -> None:
    from newslint.config import Config
    from newslint.hookspecs import hookimpl
    from newslint.plugins import default_registry

    class Plugin:
        __name__ = "quotes"

        @staticmethod
        @hookimpl
        def newslint_register_fact_kinds(register):
            register(QuoteKind())

    registry = default_registry(Config(), extra=[Plugin()])
    path = sheet(tmp_path, '[[quote]]\nwho = "A"\nsaid = "B"\n')
    facts = load_facts([path], kinds=registry.fact_kinds.values())
    assert facts.extra["quote"] == (Quote("A", "B"),)


def test_facts_check_command(cli, tmp_path: Path) -> None:
    good = sheet(tmp_path, GOOD, "good.toml")
    result = cli("facts", "check", good)
    assert (result.status, result.out) == (0, f"{good}: 1 person, 1 term, 1 count, 1 event\n")
    bad = sheet(tmp_path, BAD, "bad.toml")
    result = cli("facts", "check", bad)
    assert result.status == 2
    lines = result.out.splitlines()
    assert len(lines) == 13
    assert lines[0].startswith(f"{bad}:3:1: [sheet.date] ")


def test_lint_with_a_broken_sheet_fails_with_one_line(cli, isolated: Path) -> None:
    write(isolated / "a.txt", "Headline\n\nAoife Brennan spoke.\n")
    bad = sheet(isolated, BAD, "bad.toml")
    result = cli("lint", "--facts", bad, "a.txt")
    assert result.status == 2
    assert result.err.strip().endswith('not "2024-03-04"')
    assert len(result.err.strip().splitlines()) == 1


# -- the layout: headers at once, keys and columns on demand -------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newslint import facts_loader as FL  # noqa: E402


def _reference_layout(source: str):
    """The layout as first written: every line scanned at once."""
    root = FL._Section(None)
    tables, arrays, columns = {}, {}, {}
    current = root
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.lstrip()
        if not line or line[0] == "#":
            continue
        columns[number] = len(raw) - len(line) + 1
        if line[0] == "[":
            if m := FL._ARRAY_HEADER_RE.match(line):
                current = FL._Section(number)
                arrays.setdefault(FL._unquote(m["name"]), []).append(current)
            elif m := FL._TABLE_HEADER_RE.match(line):
                current = FL._Section(number)
                tables.setdefault(FL._unquote(m["name"]), current)
        elif m := FL._KEY_RE.match(line):
            current.keys.setdefault(FL._unquote(m["key"]), number)
    return root, tables, arrays, columns


_LINES = st.sampled_from([
    "[[person]]", "  [[person]]", "[[term]]", "[sheet]", "[sheet]  # again", '["odd name"]',
    'name = "Tony Blair"', '  also = ["Blair"]', "titles = [", '  "Prime Minister",', "]",
    "# a comment", "", "   ", "date = 2005-05-05", "[not a header", 'wrong = ["x"]'])
_BREAKS = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r", "\u2028", "\x0c"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_LINES, _BREAKS), max_size=25))
def test_layout_gives_the_lines_of_a_scan_of_every_line(lines) -> None:
    source = "".join(text + brk for text, brk in lines)
    layout = FL._Layout.scan(source)
    root, tables, arrays, columns = _reference_layout(source)
    # The headers, before any key is asked for.
    assert {k: [s.header_line for s in v] for k, v in layout.arrays.items()} == \
        {k: [s.header_line for s in v] for k, v in arrays.items()}
    assert {k: s.header_line for k, s in layout.tables.items()} == \
        {k: s.header_line for k, s in tables.items()}
    # Then the keys and columns, in the same sections.
    layout.column(1)
    assert layout.columns == columns
    assert layout.root.keys == root.keys
    assert {k: [s.keys for s in v] for k, v in layout.arrays.items()} == \
        {k: [s.keys for s in v] for k, v in arrays.items()}
    assert {k: s.keys for k, s in layout.tables.items()} == {k: s.keys for k, s in tables.items()}
