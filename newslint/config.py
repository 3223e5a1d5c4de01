"""Configuration: ``[tool.newslint]`` in pyproject.toml or a ``newslint.toml``.

Found by searching upward from the working folder; the first file that has newslint
settings wins. Keys are kebab-case; an unknown key or a wrong type is a ``ConfigError``
naming the file and the key. Paths in the file are relative to the file's folder.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Mapping

from newslint.errors import ConfigError
from newslint.findings import Severity
from newslint.lazy import lazy_re

CONFIG_FILES = ("newslint.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    """The settings of one run; command-line options are merged in by the CLI."""

    path: str | None = None  # the file it came from
    root: Path = field(default_factory=Path.cwd)  # relative paths resolve here
    select: tuple[str, ...] | None = None  # None: the default rule set
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)  # by name or code
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)  # per-rule options
    facts: tuple[Path, ...] = ()
    packs: tuple[Path, ...] = ()
    exclude: tuple[str, ...] = ()
    encoding: str = "utf-8"
    date: _dt.date | None = None
    format: str = "text"
    disable_plugins: tuple[str, ...] = ()
    jobs: int | None = None
    cache: bool = True
    cache_dir: Path | None = None
    repository: tuple[str, ...] = ()  # globs of the files that form the repository
    headline_style: str | None = None
    max_file_size: int = 10_000_000  # bytes; 0: no limit (newslint.reading.DEFAULT_MAX_BYTES)
    rule_time_limit: float = 10.0  # seconds per rule per MB of article; 0: no limit

    def rule_options(self, name: str) -> Mapping[str, Any]:
        return self.rules.get(name, {})

    def with_overrides(self, **changes: Any) -> "Config":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _str_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError("a list of strings")
    return tuple(value)


def _path_list(root: Path) -> Callable[[Any], tuple[Path, ...]]:
    def convert(value: Any) -> tuple[Path, ...]:
        return tuple((root / p) for p in _str_list(value))

    return convert


def _string(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError("a string")
    return value


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("true or false")
    return value


def _positive_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise TypeError("a whole number of at least 1")
    return value


def _date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise TypeError("a date such as 2023-09-18")


def _severity_table(value: Any) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise TypeError('a table such as { repeated-word = "warning" }')
    out = {}
    for k, v in value.items():
        if not isinstance(v, str):
            raise TypeError(f'a severity string for {k!r} ("error", "warning" or "info")')
        try:
            out[k] = Severity.parse(v)
        except ValueError:
            raise TypeError(f'"error", "warning" or "info" for {k!r}; unknown severity {v!r}') from None
    return out


def _rules_table(value: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise TypeError("a table of tables, one per rule name: [tool.newslint.rules.<name>]")
    return {k: dict(v) for k, v in value.items()}


def _encoding(value: Any) -> str:
    from newslint.reading import check_encoding

    try:
        return check_encoding(_string(value))
    except ValueError as e:
        raise TypeError(f"a known encoding: {e}") from None


_SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "mb": 1000**2, "gb": 1000**3,
               "kib": 1024, "mib": 1024**2, "gib": 1024**3}


def _size(value: Any) -> int:
    """Bytes, as a whole number or a string such as "20MB" or "512 KiB"; 0 is no limit."""
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    if isinstance(value, str):
        number = value.strip().rstrip("bBiIkKmMgG ").strip()
        unit = value.strip()[len(number):].strip().lower()
        if number.isascii() and number.isdigit() and unit in _SIZE_UNITS:
            return int(number) * _SIZE_UNITS[unit]
    raise TypeError('a size in bytes, e.g. 20000000 or "20MB" (0 for no limit)')


def _seconds(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value >= 0:
        raise TypeError("a number of seconds, e.g. 10 (0 for no limit)")
    return float(value)


def _headline_style(value: Any) -> str:
    if value not in ("sentence", "title"):
        raise TypeError('"sentence" or "title"')
    return value


def _schema(root: Path) -> dict[str, tuple[str, Callable[[Any], Any]]]:
    """TOML key -> (Config field, converter raising TypeError with what is expected)."""
    return {
        "select": ("select", _str_list),
        "extend-select": ("extend_select", _str_list),
        "ignore": ("ignore", _str_list),
        "severity": ("severity", _severity_table),
        "rules": ("rules", _rules_table),
        "facts": ("facts", _path_list(root)),
        "packs": ("packs", _path_list(root)),
        "exclude": ("exclude", _str_list),
        "encoding": ("encoding", _encoding),
        "max-file-size": ("max_file_size", _size),
        "rule-time-limit": ("rule_time_limit", _seconds),
        "date": ("date", _date),
        "format": ("format", _string),
        "disable-plugins": ("disable_plugins", _str_list),
        "jobs": ("jobs", _positive_int),
        "cache": ("cache", _bool),
        "cache-dir": ("cache_dir", lambda v: root / _string(v)),
        "repository": ("repository", _str_list),
        "headline-style": ("headline_style", _headline_style),
    }


def config_from_mapping(data: Mapping[str, Any], *, path: str | None, root: Path) -> Config:
    """Validate a ``[tool.newslint]`` table into a ``Config``."""
    schema = _schema(root)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in schema:
            known = ", ".join(sorted(schema))
            raise ConfigError(
                f"unknown key {key!r}; expected one of: {known}", path=path,
                line=_line_of(path, key), key=f"tool.newslint.{key}" if path and path.endswith("pyproject.toml") else key,
            )
        name, convert = schema[key]
        try:
            values[name] = convert(value)
        except TypeError as e:
            raise ConfigError(
                f"wrong type for {key!r}: expected {e}", path=path, line=_line_of(path, key),
                key=key,
            ) from None
    return Config(path=path, root=root, **values)


def _line_of(path: str | None, key: str) -> int | None:
    """The line where ``key =`` (or its table header, ``[key]``) first appears."""
    if not path:
        return None
    headers = tuple(f"[{p}{key}{end}" for p in ("", "tool.newslint.") for end in ("]", "."))
    try:
        for i, line in enumerate(Path(path).read_text(encoding="utf-8-sig").split("\n"), 1):
            stripped = line.strip()
            if stripped.startswith(key) and stripped[len(key):].lstrip().startswith("="):
                return i
            if stripped.replace(" ", "").startswith(headers):
                return i
    except OSError:
        return None
    return None


_TOML_AT = lazy_re(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def _toml_position(message: str, raw: bytes) -> tuple[str, int | None, int | None]:
    """tomli's "(at line 3, column 7)" moved into the error's position."""
    m = _TOML_AT.search(message)
    if not m:
        return message, None, None
    if m.group(1):
        return message[:m.start()], int(m.group(1)), int(m.group(2))
    return message[:m.start()], raw.rstrip().count(b"\n") + 1, None  # at end of document


def read_config_file(path: Path) -> Config | None:
    """The Config in ``path``, or None when it has no newslint settings."""
    # Imported here (~3 ms), which a run without a configuration file need not pay.
    import tomli
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise ConfigError(f"cannot read configuration: {e.strerror or e}", path=str(path)) from None
    try:
        data = tomli.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError("configuration is not UTF-8 text", path=str(path)) from None
    except tomli.TOMLDecodeError as e:
        message, line, column = _toml_position(str(e), raw)
        raise ConfigError(f"invalid TOML: {message}", path=str(path), line=line,
                          column=column) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        if not isinstance(tool, dict) or "newslint" not in tool:
            return None
        table = tool["newslint"]
    else:
        tool = data.get("tool")
        if "tool" in data and not isinstance(tool, dict):
            raise ConfigError("tool must be a table: [tool.newslint]", path=str(path),
                              line=_line_of(str(path), "tool"), key="tool")
        table = tool.get("newslint", data) if "tool" in data else data
    if not isinstance(table, dict):
        raise ConfigError("[tool.newslint] must be a table", path=str(path), key="tool.newslint")
    return config_from_mapping(table, path=str(path), root=path.parent)


def find_config_file(start: Path) -> Path | None:
    """The nearest newslint.toml, or pyproject.toml with [tool.newslint], upward."""
    start = start.resolve()
    for folder in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml" and not _mentions_newslint(candidate):
                    continue
                return candidate
    return None


def _mentions_newslint(path: Path) -> bool:
    try:
        return "[tool.newslint" in path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return False


def load_config(explicit: Path | None = None, start: Path | None = None) -> Config:
    """The run's configuration: ``--config FILE``, else the nearest one, else defaults."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("configuration file not found; check the --config path",
                              path=str(explicit))
        return read_config_file(explicit) or Config(path=str(explicit), root=explicit.parent)
    found = find_config_file(start or Path.cwd())
    if found is None:
        return Config(root=(start or Path.cwd()))
    return read_config_file(found) or Config(root=found.parent)
