"""What the plugins registered: rules, parsers and formatters, refusing duplicates."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newslint.errors import PluginError
from newslint.rule import Rule, validate_rule

if TYPE_CHECKING:
    from newslint.formatters.base import Formatter
    from newslint.parsers.base import Parser


class Registry:
    """Filled by the plugins' registration hooks (a plain class: a dataclass costs
    half a millisecond of every start-up to make)."""

    def __init__(self) -> None:
        self.rules: dict[str, Rule] = {}  # by name, in registration order
        self.parsers: dict[str, Parser] = {}
        self.formatters: dict[str, Formatter] = {}
        self.fact_kinds: dict[str, object] = {}
        self.problems: list[PluginError] = []  # reported, not fatal
        self._codes: dict[str, Rule] = {}

    def __repr__(self) -> str:
        return (f"Registry({len(self.rules)} rules, parsers {sorted(self.parsers)}, "
                f"formatters {sorted(self.formatters)}, {len(self.problems)} problems)")

    def add_rule(self, rule: Rule, origin: str = "") -> None:
        if isinstance(rule, type) and issubclass(rule, Rule):
            rule = rule()
        if not isinstance(rule, Rule):
            raise PluginError(f"plugin {origin or '?'} registered {type(rule).__name__} "
                              f"{_short(rule)}, not a newslint Rule; it was ignored")
        if origin and getattr(rule, "origin", "newslint") == "newslint" and origin != "newslint":
            try:
                rule.origin = origin
            except AttributeError:
                pass
        problems = validate_rule(rule)
        if problems:
            raise PluginError(f"plugin {origin or '?'}: rule {rule!r}: " + "; ".join(problems))
        if rule.name in self.rules:
            other = self.rules[rule.name]
            raise PluginError(
                f"rule name {rule.name!r} registered twice (by {other.origin} and {origin or rule.origin})"
            )
        if rule.code in self._codes:
            other = self._codes[rule.code]
            raise PluginError(
                f"rule code {rule.code} registered twice ({other.name} by {other.origin}, "
                f"{rule.name} by {origin or rule.origin})"
            )
        self.rules[rule.name] = rule
        self._codes[rule.code] = rule

    def add_parser(self, parser: Parser) -> None:
        if parser.name in self.parsers:
            raise PluginError(f"parser {parser.name!r} registered twice")
        self.parsers[parser.name] = parser

    def add_formatter(self, formatter: Formatter) -> None:
        if formatter.name in self.formatters:
            raise PluginError(f"output format {formatter.name!r} registered twice")
        self.formatters[formatter.name] = formatter

    def rule(self, key: str) -> Rule | None:
        """A rule by name or code."""
        return self.rules.get(key) or self._codes.get(key.upper())

    def parser_for(self, path: str) -> Parser:
        """The parser for a file name: by extension, plain text when unknown."""
        lower = path.lower()
        best: Parser | None = None
        for parser in self.parsers.values():
            for ext in parser.extensions:
                if ext and lower.endswith(ext):
                    best = parser
        return best or self.parsers.get("text") or next(iter(self.parsers.values()))


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
