"""A run whose every file is unchanged, answered from the cache without the rules.

A warm-cache run spent most of its start-up building what it then never used: the
plugin manager, every rule module (with their grammars and the rule packs' patterns)
and the engine, only to compute the cache's run key from the active rules. Which
rules are active, and so the run key, is fixed by what the key is made of anyway:
newslint's own files, the installed plugins, the configuration and the bytes of the
fact sheets and rule packs it names. So a full run remembers its run key under a
fingerprint of exactly those (``run-keys.json`` in the cache folder), and the next
run with the same fingerprint looks its files up directly.

``replay`` gives up (returns None, having printed nothing) whenever it cannot answer
exactly as a full run would: a file or the cross-article result is not in the cache,
standard input, a third-party plugin installed (its rules are not in newslint's
files), an output format that needs the rule objects (SARIF), or no remembered key.
The caller then runs normally, which is never slower than before, and remembers the
key for next time (``remember``).
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Sequence

if TYPE_CHECKING:
    from pathlib import Path

    from newslint.cache import Cache
    from newslint.config import Config
    from newslint.discover import Source
    from newslint.errors import NewslintError
    from newslint.formatters.base import FileResult

_FILE = "run-keys.json"
_FORMAT = 1
_KEEP = 16  # remembered settings per cache folder (one per configuration in use)
# Output formats that print findings only (the SARIF log also describes the rules).
FORMATS = {"text": ("newslint.formatters.text", "TextFormatter"),
           "json": ("newslint.formatters.json", "JsonFormatter"),
           "github": ("newslint.formatters.github", "GithubFormatter")}


class Replayed:
    """What ``cmd_lint`` reports after a run: the files in input order and the read
    errors of reported files (a ``RunOutcome`` without the rules)."""

    def __init__(self, files: list[FileResult], errors: list[NewslintError]) -> None:
        self.files = files
        self.errors = errors

    @property
    def exit_status(self) -> int:  # as RunOutcome's
        if self.errors:
            return 2
        return 1 if any(f.findings for f in self.files) else 0


def settings_key(config: Config) -> str | None:
    """A fingerprint of everything that decides the active rules and the run key but
    the rules themselves; None when the run key cannot be known without loading
    plugins (a third-party plugin is installed) or the cache is off."""
    from newslint.cache import (FORMAT, _file_digest, _package_fingerprint, blake2b,
                                cache_enabled, config_fingerprint)
    from newslint.plugins import BUILTIN_PLUGINS, disabled_plugins, plugin_entry_points

    if not cache_enabled(config):
        return None
    eps = plugin_entry_points(config)
    if any(BUILTIN_PLUGINS.get(ep.name) != ep.value for ep in eps):
        return None
    from newslint import __version__

    h = blake2b(digest_size=20)
    parts: list[Any] = [
        _FORMAT, FORMAT, __version__, sys.version_info[:2], _package_fingerprint(),
        sorted(disabled_plugins(config)),
        [(ep.name, ep.value, ep.dist_name, ep.dist_version) for ep in eps],
        config_fingerprint(config),
        [(label, str(p), _file_digest(p)) for label, paths in
         (("facts", config.facts), ("packs", config.packs)) for p in paths],
    ]
    for part in parts:
        h.update(repr(part).encode("utf-8", "surrogateescape"))
        h.update(b"\0")
    return h.hexdigest()


def _load(folder: Path) -> dict[str, list]:
    import json

    try:
        data = json.loads((folder / _FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    runs = data.get("runs")
    return runs if isinstance(runs, dict) else {}


def remember(config: Config, run_key: str, project: bool) -> None:
    """After a full run without plugin problems: the run key of these settings."""
    from newslint.cache import cache_dir

    key = settings_key(config)
    if key is None:
        return
    folder = cache_dir(config)
    runs = _load(folder)
    if runs.get(key) == [run_key, project]:
        return
    runs.pop(key, None)
    runs[key] = [run_key, project]  # newest last; the oldest go first
    runs = dict(list(runs.items())[-_KEEP:])
    _write(folder, {"format": _FORMAT, "runs": runs})


def _write(folder: Path, data: dict) -> None:
    import json
    import tempfile

    from newslint.cache import ensure_root

    try:
        ensure_root(folder)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, folder / _FILE)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass


def replay(config: Config, sources: Sequence[Source]
           ) -> tuple[Replayed | None, list[Source] | None]:
    """The run's result from the cache alone, or None (nothing printed) when a full
    run is needed. Mirrors ``newslint.runner.lint_sources`` for cache hits. Also the
    repository's context files when they were listed (so a full run need not list
    them again), else None."""
    if config.format not in FORMATS or any(s.stdin for s in sources):
        return None, None
    key = settings_key(config)
    if key is None:
        return None, None
    from newslint.cache import Cache, cache_dir

    root = cache_dir(config)
    remembered = _load(root).get(key)
    if not (isinstance(remembered, list) and len(remembered) == 2):
        return None, None
    run_key, project = remembered
    cache = Cache(root, str(run_key))
    if not project:
        return _from_cache(config, cache, sources, [], False), None
    from newslint.repository import context_sources

    context = context_sources(config, sources)
    return _from_cache(config, cache, sources, context, True), context


def _from_cache(config: Config, cache: Cache, sources: Sequence[Source],
                context: Sequence[Source], project: bool) -> Replayed | None:
    from newslint.errors import NewslintError
    from newslint.findings import LineIndex
    from newslint.formatters.base import FileResult
    from newslint.reading import read_source_text

    reported = {s.path for s in sources}
    seen: set[str] = set()
    items = [(s, True) for s in sources]
    for s in context:  # runner._unique, then the files already reported left out
        if s.path not in seen and s.path not in reported:
            items.append((s, False))
        seen.add(s.path)
    errors: list[NewslintError] = []
    read: list[tuple[str, bool, str | None, str | None]] = []  # path, report, text, key
    for source, report in items:
        try:
            data, text = read_source_text(source, config)
        except NewslintError as e:
            if report:
                errors.append(e)
            read.append((source.path, report, None, None))
            continue
        key = cache.key(source.path, data)
        if not os.path.exists(cache.folder / key):
            return None  # a changed file: give up before reading any entry
        read.append((source.path, report, text, key))
    found = None
    if project:
        found = cache.get_project(cache.project_key([(p, k, r) for p, r, _, k in read]))
        if found is None:
            return None
    files: list[FileResult] = []
    # Context files' entries are not read: they only feed the cross-article result,
    # which came from the cache whole.
    for path, report, text, key in read:
        if not report or key is None:
            continue
        hit = cache.get(key)
        if hit is None:
            return None
        files.append(FileResult(path, hit.findings,
                                LineIndex(text) if hit.findings else None, text))
    if found is not None:
        files = [_merged(f, found.get(f.path)) for f in files]
    return Replayed(files, errors)


def _merged(file: FileResult, extra: list | None) -> FileResult:
    """The file's cross-article findings merged in, as the runner does."""
    if not extra:
        return file
    from newslint.formatters.base import FileResult
    from newslint.suppressions import merge_unsuppressed

    merged, lines = merge_unsuppressed(file.findings, extra, file.text or "", file.lines)
    return FileResult(file.path, merged, lines, file.text)


def formatter(name: str) -> Any:
    """A built-in formatter by name, importing only its module."""
    import importlib

    module, cls = FORMATS[name]
    return getattr(importlib.import_module(module), cls)()
