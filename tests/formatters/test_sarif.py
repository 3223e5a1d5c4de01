"""--format sarif: valid SARIF 2.1.0 (checked against the OASIS schema), shaped for
GitHub code scanning."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from newslint.cli import main
from newslint.config import Config
from newslint.engine import active_rules, lint_text
from newslint.findings import Finding, Fix, LineIndex, Severity
from newslint.formatters.base import FileResult, RunResult
from newslint.formatters.sarif import SarifFormatter, artifact_uri
from newslint.plugins import default_registry

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA.exists():
        pytest.skip(f"SARIF schema not found at {SCHEMA} (CI keeps it in ../shared/schemas/)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(schema)


def _rules():
    config = Config()
    return tuple(a.rule for a in active_rules(default_registry(config), config))


def _sarif(files, rules=None) -> dict:
    stream = io.StringIO()
    SarifFormatter().write(RunResult(tuple(files), rules if rules is not None else _rules()), stream)
    return json.loads(stream.getvalue())


def _file(path: str, text: str, findings) -> FileResult:
    return FileResult(path, tuple(findings), LineIndex(text), text)


def test_a_real_run_validates_against_the_schema(tmp_path, capsys, validator, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.txt").write_text("Talks open\n\nThe envoys met in in Geneva.\n")
    (tmp_path / "desk" / "b.md").write_text("# Talks\n\nNothing wrong here.\n")
    assert main(["lint", "--format", "sarif", "desk"]) == 1
    log = json.loads(capsys.readouterr().out)
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    [result] = run["results"]
    assert result["ruleId"] == "NL101"
    assert result["level"] == "warning"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "desk/a.txt"},
        "region": {"startLine": 3, "startColumn": 19, "endLine": 3, "endColumn": 21},
    }
    [fix] = result["fixes"]
    assert fix["artifactChanges"][0]["replacements"] == [{
        "deletedRegion": {"startLine": 3, "startColumn": 18, "endLine": 3, "endColumn": 21},
        "insertedContent": {"text": ""},
    }]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "NL101"


def test_every_active_rule_is_described(validator) -> None:
    rules = _rules()
    log = _sarif([], rules)
    assert not list(validator.iter_errors(log))
    described = log["runs"][0]["tool"]["driver"]["rules"]
    assert {d["id"] for d in described} == {r.code for r in rules}
    for d in described:
        assert d["name"] and d["shortDescription"]["text"] and d["fullDescription"]["text"]
        assert d["help"]["markdown"].startswith("## What it does")
    assert log["runs"][0]["results"] == []


def test_columns_count_code_points_past_emoji(validator) -> None:
    text = "Emoji \U0001F600 and the the end.\n"
    findings = lint_text(text, path="e.txt")
    log = _sarif([_file("e.txt", text, findings)])
    assert not list(validator.iter_errors(log))
    region = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert (region["startColumn"], region["endColumn"]) == (text.index("the end") + 1,
                                                            text.index("the end") + 4)


@pytest.mark.parametrize("severity, level", [(Severity.ERROR, "error"),
                                             (Severity.WARNING, "warning"),
                                             (Severity.INFO, "note")])
def test_severity_maps_to_sarif_level(severity, level, validator) -> None:
    text = "abc\n"
    f = Finding("x.txt", 0, 3, "NL101", "repeated-word", severity, "m",
                Fix(0, 3, "x\ny", "title", safe=False))
    log = _sarif([_file("x.txt", text, [f])])
    assert not list(validator.iter_errors(log))
    result = log["runs"][0]["results"][0]
    assert result["level"] == level
    assert result["fixes"][0]["description"]["text"] == "title"
    assert result["fixes"][0]["properties"] == {"safe": False}


@pytest.mark.parametrize("path, uri", [("a/b.txt", "a/b.txt"), ("./a/b c.txt", "a/b%20c.txt"),
                                       ("-", "stdin")])
def test_artifact_uris_are_relative_with_forward_slashes(path, uri) -> None:
    assert artifact_uri(path) == uri
