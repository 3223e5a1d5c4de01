"""One error hierarchy, so the CLI can print any of them as one line and exit 2."""

from __future__ import annotations


class NewslintError(Exception):
    """A problem the user can act on: names the file, the place and what to do."""

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.key = key

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        key = f"[{self.key}] " if self.key else ""
        return f"{where}{key}{self.message}".translate(_ONE_LINE)


# Line breaks (as str.splitlines counts them) shown escaped, so an error from a key or
# value that holds one is still one line.
_ONE_LINE = {ord(c): repr(c)[1:-1] for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


class ConfigError(NewslintError):
    """Bad configuration: unknown key, wrong type, unreadable file."""


class FactSheetError(NewslintError):
    """A fact sheet that cannot be used as it is."""


class RulePackError(NewslintError):
    """A TOML rule pack entry that cannot be compiled."""


class PluginError(NewslintError):
    """A plugin that failed to load or broke a hook's contract."""


class ReadError(NewslintError):
    """A file that cannot be read or decoded as text."""


class UsageError(NewslintError):
    """Bad command-line usage."""
