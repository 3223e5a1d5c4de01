"""A JSON array of findings in file then position order (the SPEC's fields)."""

from __future__ import annotations

from typing import IO

from newslint.findings import LineIndex
from newslint.formatters.base import Formatter, RunResult, locate


class JsonFormatter(Formatter):
    name = "json"
    summary = "a JSON array of findings, for editors and scripts"

    def write(self, result: RunResult, stream: IO[str]) -> None:
        items = []
        for file in result.files:
            lines = file.lines or LineIndex(file.text or "")
            items.extend(locate(f, lines) for f in file.findings)
        import json  # here: the text format, the usual one, needs no json

        json.dump(items, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
