"""--format github: workflow command lines with GitHub's escaping."""

from __future__ import annotations

import io

import pytest

from newslint.cli import main
from newslint.findings import Finding, LineIndex, Severity
from newslint.formatters.base import FileResult, RunResult
from newslint.formatters.github import GithubFormatter, escape_data, escape_property


@pytest.mark.parametrize(
    "value, data, prop",
    [
        ("plain", "plain", "plain"),
        ("100% sure", "100%25 sure", "100%25 sure"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
        ("%0A", "%250A", "%250A"),  # an escape sequence in the text is not decoded
    ],
)
def test_escaping(value, data, prop) -> None:
    assert escape_data(value) == data
    assert escape_property(value) == prop


def test_annotation_line(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Talks\n\nThey met in in Geneva.\n")
    assert main(["lint", "--format", "github", "a.txt"]) == 1
    assert capsys.readouterr().out == (
        "::warning file=a.txt,line=3,col=13,endLine=3,endColumn=15,"
        "title=NL101 repeated-word::Repeated word \"in in\": delete the second \"in\".\n")


def test_levels_and_escaped_paths() -> None:
    text = "x\ny\n"
    findings = (
        Finding("d,1:a.txt", 0, 1, "NL999", "r", Severity.ERROR, "line one\nline two"),
        Finding("d,1:a.txt", 2, 3, "NL998", "s", Severity.INFO, "50%"),
    )
    stream = io.StringIO()
    GithubFormatter().write(RunResult((FileResult("d,1:a.txt", findings, LineIndex(text), text),)),
                            stream)
    assert stream.getvalue().splitlines() == [
        "::error file=d%2C1%3Aa.txt,line=1,col=1,endLine=1,endColumn=2,title=NL999 r"
        "::line one%0Aline two",
        "::notice file=d%2C1%3Aa.txt,line=2,col=1,endLine=2,endColumn=2,title=NL998 s::50%25",
    ]
