"""Built-in output formats, registered as a plugin like any other."""

from __future__ import annotations

from typing import Callable

from newslint.formatters.base import FileResult, Formatter, RunResult, locate
from newslint.formatters.github import GithubFormatter
from newslint.formatters.json import JsonFormatter
from newslint.formatters.sarif import SarifFormatter
from newslint.formatters.text import TextFormatter
from newslint.hookspecs import hookimpl

__all__ = ["FileResult", "Formatter", "RunResult", "locate"]


@hookimpl
def newslint_register_formatters(register: Callable[[Formatter], None]) -> None:
    register(TextFormatter())
    register(JsonFormatter())
    register(SarifFormatter())
    register(GithubFormatter())
