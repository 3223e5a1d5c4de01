"""``path:line:column: CODE [rule-name] message``, one finding a line."""

from __future__ import annotations

from typing import IO

from newslint.findings import LineIndex
from newslint.formatters.base import Formatter, RunResult


class TextFormatter(Formatter):
    name = "text"
    summary = "one finding a line: path:line:column: CODE [rule-name] message"

    def write(self, result: RunResult, stream: IO[str]) -> None:
        for file in result.files:
            lines = file.lines or LineIndex(file.text or "")
            for f in file.findings:
                pos = lines.position(f.start)
                stream.write(f"{f.path}:{pos.line}:{pos.column}: {f.code} [{f.rule}] {f.message}\n")
