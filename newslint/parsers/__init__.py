"""Built-in document parsers, registered as a plugin like any other."""

from __future__ import annotations

from typing import Callable

from newslint.hookspecs import hookimpl
from newslint.parsers.base import Parser
from newslint.parsers.markdown import MarkdownParser
from newslint.parsers.text import PlainTextParser

__all__ = ["MarkdownParser", "Parser", "PlainTextParser"]


@hookimpl
def newslint_register_parsers(register: Callable[[Parser], None]) -> None:
    register(PlainTextParser())
    register(MarkdownParser())
