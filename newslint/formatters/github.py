"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` a finding,
which the Actions runner shows as an annotation on the pull request's diff."""

from __future__ import annotations

from typing import IO

from newslint.findings import LineIndex
from newslint.formatters.base import Formatter, RunResult

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(value: str) -> str:
    """The message part (after ``::``)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A property value (``file=``, ``title=``): ``:`` and ``,`` would end it early."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(Formatter):
    name = "github"
    summary = "GitHub Actions annotations (::error file=...,line=...::message)"

    def write(self, result: RunResult, stream: IO[str]) -> None:
        for file in result.files:
            lines = file.lines or LineIndex(file.text or "")
            for f in file.findings:
                s, e = lines.position(f.start), lines.position(f.end)
                props = {
                    "file": f.path,
                    "line": str(s.line),
                    "col": str(s.column),
                    "endLine": str(e.line),
                    "endColumn": str(e.column),
                    "title": f"{f.code} {f.rule}",
                }
                joined = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
                level = _LEVELS.get(f.severity.value, "warning")
                stream.write(f"::{level} {joined}::{escape_data(f.message)}\n")
