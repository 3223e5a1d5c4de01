"""The README's "JSON output (version 1)" is the contract: the output has exactly the
documented fields, and the README's example is what newslint prints for its article."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newslint.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _section() -> str:
    text = README.read_text(encoding="utf-8")
    m = re.search(r"^### JSON output \(version 1\)\n(.*?)(?=^#{2,3} )", text, re.M | re.S)
    assert m, "README lacks the section 'JSON output (version 1)'"
    return m.group(1)


def _tables(section: str) -> list[set[str]]:
    tables = []
    for block in re.findall(r"((?:^\|.*\|\n)+)", section, re.M):
        fields: set[str] = set()
        for row in block.splitlines()[2:]:
            fields.update(re.findall(r"`([a-z_]+)`", row.split("|")[1]))
        tables.append(fields)
    return tables


@pytest.fixture
def output(tmp_path, monkeypatch, capsys) -> list[dict]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "talks.txt").write_text("Talks open\n\nThe envoys met in in Geneva.\n")
    assert main(["lint", "--format", "json", "desk/talks.txt"]) == 1
    return json.loads(capsys.readouterr().out)


def test_fields_are_the_documented_ones(output) -> None:
    finding_fields, fix_fields = _tables(_section())
    [item] = output
    assert set(item) == finding_fields
    assert set(item["fix"]) == fix_fields


def test_the_readme_example_is_real_output(output) -> None:
    example = re.search(r"```json\n(.*?)```", _section(), re.S).group(1)
    assert json.loads(example) == output


def test_nothing_found_is_an_empty_array(tmp_path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text("Talks open\n\nThe envoys met in Geneva.\n")
    assert main(["lint", "--format", "json", str(f)]) == 0
    assert json.loads(capsys.readouterr().out) == []
