"""Bad configuration and fact sheets: fuzzed, and table-driven.

Fuzzing (hypothesis): random bytes, random TOML built from each loader's own keys with
values of every type, and random edits of a valid file. The only exceptions that may
escape a loader are newslint's own (``NewslintError``), each one line naming the file.

Table: every malformed input reached through the CLI gives exactly one line naming the
file, the line, the key and what is expected; never a traceback.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Config, _schema, read_config_file
from newslint.errors import NewslintError
from newslint.facts_loader import check_sheet, load_facts

from . import toml_gen

_TMP = Path(tempfile.mkdtemp(prefix="newslint-fuzz-"))
CONFIG_KEYS = sorted(_schema(Path(".")))
SHEET_TABLES = {
    "person": ["name", "also", "wrong", "titles"],
    "term": ["name", "wrong"],
    "count": ["about", "value", "nouns"],
    "event": ["name", "also", "ordinal", "start", "end"],
}
VALID_SHEET = """\
[sheet]
name = "A council story"
date = 2024-03-05

[[person]]
name = "Ann Example"
also = ["Example"]
wrong = ["Anne Example"]
titles = ["council leader"]

[[term]]
name = "Northtown Council"
wrong = ["Northtown council"]

[[count]]
about = ["the council"]
value = 48
nouns = ["councillors", "members"]

[[event]]
name = "Budget Summit"
ordinal = 2
start = 2024-03-04
end = 2024-03-06
"""
VALID_CONFIG = """\
[tool.newslint]
select = ["ALL"]
ignore = ["NL101"]
exclude = ["drafts/*"]
encoding = "utf-8"
date = 2024-03-05
max-file-size = "5MB"
jobs = 2

[tool.newslint.severity]
repeated-word = "error"

[tool.newslint.rules.repeated-word]
allow = ["that that"]
"""


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _write(name: str, data: bytes | str) -> Path:
    path = _TMP / name
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    return path


def _one_line_naming(err: NewslintError, path: Path) -> None:
    text = str(err)
    assert "\n" not in text and "\r" not in text, text
    assert text.startswith(str(path)), text


# --- configuration ---------------------------------------------------------------

def _load_config(path: Path) -> None:
    try:
        result = read_config_file(path)
    except NewslintError as e:
        _one_line_naming(e, path)
        return
    assert result is None or isinstance(result, Config)


@examples(300)
@given(st.binary(max_size=300))
def test_config_loader_random_bytes(data: bytes) -> None:
    _load_config(_write("newslint.toml", data))


@examples(300)
@given(toml_gen.table(CONFIG_KEYS), st.booleans())
def test_config_loader_random_toml(table: dict, in_pyproject: bool) -> None:
    if in_pyproject:
        _load_config(_write("pyproject.toml", toml_gen.dumps({"tool": {"newslint": table}})))
    else:
        _load_config(_write("newslint.toml", toml_gen.dumps(table)))


@examples(300)
@given(st.data())
def test_config_loader_edited_valid_file(data: st.DataObject) -> None:
    _load_config(_write("pyproject.toml", toml_gen.mutate(VALID_CONFIG, data)))


# --- fact sheets -------------------------------------------------------------------

def _load_sheet(path: Path) -> None:
    try:
        load_facts([path])
    except NewslintError as e:
        _one_line_naming(e, path)
    errors, _summary = check_sheet(str(path))
    for e in errors:
        assert isinstance(e, NewslintError)
        _one_line_naming(e, path)


sheet_docs = st.fixed_dictionaries({}, optional={
    "sheet": toml_gen.table(["name", "date"]) | toml_gen.values,
    **{t: st.lists(toml_gen.table(keys), max_size=3) | toml_gen.values
       for t, keys in SHEET_TABLES.items()},
    "persons": st.lists(toml_gen.table(["name"]), max_size=2),
})


@examples(300)
@given(st.binary(max_size=300))
def test_fact_sheet_loader_random_bytes(data: bytes) -> None:
    _load_sheet(_write("story.facts.toml", data))


@examples(250)
@given(sheet_docs)
def test_fact_sheet_loader_random_toml(doc: dict) -> None:
    _load_sheet(_write("story.facts.toml", toml_gen.dumps(doc)))


@examples(400)
@given(st.data())
def test_fact_sheet_loader_edited_valid_sheet(data: st.DataObject) -> None:
    _load_sheet(_write("story.facts.toml", toml_gen.mutate(VALID_SHEET, data)))


def test_generated_toml_is_toml() -> None:
    """The writer above produces real TOML (else the fuzzing would only test syntax errors)."""
    import tomllib

    doc = {"a": 1, "b": ["x", 2.5], "t": {"k": True}, "p": [{"name": "N", "d": toml_gen._dt.date(2024, 1, 2)}]}
    assert tomllib.loads(toml_gen.dumps(doc)) == doc
    assert load_facts([_write("ok.facts.toml", VALID_SHEET)]).people
    assert read_config_file(_write("pyproject.toml", VALID_CONFIG)).max_file_size == 5_000_000


# --- one line naming file, line, key and what is expected ----------------------------

CONFIG_CASES = [
    # (newslint.toml text, line, key, expected words)
    ('select = "NL101"\n', 1, "select", "expected a list of strings"),
    ("# a comment\n\njobs = 0\n", 3, "jobs", "a whole number of at least 1"),
    ('cache = "yes"\n', 1, "cache", "true or false"),
    ('date = "next week"\n', 1, "date", "a date such as 2023-09-18"),
    ('colour = "blue"\n', 1, "colour", "unknown key 'colour'; expected one of:"),
    ('[severity]\nrepeated-word = "fatal"\n', 1, "severity",
     '"error", "warning" or "info" for \'repeated-word\'; unknown severity \'fatal\''),
    ('max-file-size = -5\n', 1, "max-file-size", "a size in bytes"),
    ('encoding = "ebcdic-9"\n', 1, "encoding", "unknown encoding 'ebcdic-9'"),
    ('headline-style = "shouty"\n', 1, "headline-style", '"sentence" or "title"'),
]


@pytest.mark.parametrize("text,line,key,expected", CONFIG_CASES,
                         ids=[c[2] for c in CONFIG_CASES])
def test_bad_config_is_one_line_with_file_line_key(cli, isolated: Path, text: str, line: int,
                                                   key: str, expected: str) -> None:
    (isolated / "newslint.toml").write_text(text, encoding="utf-8")
    (isolated / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = cli("lint", "a.txt")
    assert result.status == 2 and result.out == ""
    [message] = result.err.splitlines()
    assert message.startswith(f"newslint: error: {isolated / 'newslint.toml'}:{line}: [{key}] "), message
    assert expected in message, message


def test_invalid_toml_in_config_names_file_and_line(cli, isolated: Path) -> None:
    (isolated / "newslint.toml").write_text('select = ["NL101"\n', encoding="utf-8")
    result = cli("lint", "a.txt")
    [message] = result.err.splitlines()
    assert result.status == 2
    assert message.startswith(f"newslint: error: {isolated / 'newslint.toml'}:1: invalid TOML: ")


SHEET_CASES = [
    # (fact sheet text, line, key, expected words)
    ('[[person]]\nname = "A B"\ntitles = "Mayor"\n', 3, "person.titles", "must be a list of strings"),
    ('[[count]]\nabout = ["x"]\nvalue = "12"\nnouns = ["y"]\n', 3, "count.value", "whole number"),
    ('[[event]]\nname = "E"\nstart = "2024-01-02"\n', 3, "event.start", "YYYY-MM-DD"),
    ('[[persons]]\nname = "A B"\n', 1, "persons", "unknown table"),
    ('[sheet]\nnmae = "x"\n', 2, "sheet.nmae", "unknown key"),
    ('[[term]]\nname = "X"\n\n[[term]]\nname = "X"\n', 5, "term.name", "X"),
]


@pytest.mark.parametrize("text,line,key,expected", SHEET_CASES, ids=[c[2] for c in SHEET_CASES])
def test_bad_fact_sheet_is_one_line_with_file_line_key(cli, isolated: Path, text: str, line: int,
                                                       key: str, expected: str) -> None:
    sheet = isolated / "story.facts.toml"
    sheet.write_text(text, encoding="utf-8")
    (isolated / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = cli("lint", "--facts", str(sheet), "a.txt")
    assert result.status == 2 and result.out == ""
    [message] = result.err.splitlines()
    # The column, where given, is where the key starts (SPEC: "line:column").
    assert message.startswith((f"newslint: error: {sheet}:{line}: [{key}] ",
                               f"newslint: error: {sheet}:{line}:1: [{key}] ")), message
    assert expected in message, message


USAGE_CASES = [
    (["--jobs", "-3"], "argument --jobs/-j: not a number of worker processes: '-3'"),
    (["--jobs", "many"], "argument --jobs/-j: not a number of worker processes: 'many'"),
    (["--date", "2023-02-30"], "argument --date: not a date: '2023-02-30'; write YYYY-MM-DD"),
    (["--format", "xml"], "unknown format 'xml'; choose from:"),
    (["--select", "NL999"], "unknown rule 'NL999' in select/ignore"),
    (["--config", "missing.toml"], "missing.toml: configuration file not found"),
    (["--facts", "missing.toml"], "missing.toml: cannot read fact sheet"),
]


@pytest.mark.parametrize("args,expected", USAGE_CASES, ids=[c[0][0] + "=" + c[0][1] for c in USAGE_CASES])
def test_bad_command_line_values_are_one_line(cli, isolated: Path, args: list[str],
                                              expected: str) -> None:
    (isolated / "a.txt").write_text("Fine.\n", encoding="utf-8")
    result = cli("lint", *args, "a.txt")
    assert result.status == 2 and result.out == ""
    [message] = result.err.splitlines()
    assert message.startswith("newslint: error: ") and expected in message, message
