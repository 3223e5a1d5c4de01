"""A cache of per-file results, so unchanged articles are not linted again.

Pre-commit hooks and editors lint the same files over and over; a file whose bytes,
path and run settings are unchanged gets its findings and project-rule summaries back
from disk instead of going through the rules.

What invalidates an entry (the *run key*, shared by every file of a run, plus the
file's own path and bytes):

- the newslint version, the cache format and the Python version (pickle);
- the newslint package's own files (size and modification time), so an editable
  install whose rules were edited never serves stale results;
- the installed plugins (entry points of the ``newslint`` group, with their
  distribution versions) and the disabled ones;
- the active rules (name, code, origin, severity): selection and plugins;
- the configuration (every field that can change findings);
- the bytes of every fact sheet and rule pack the configuration names.

Layout: ``<cache dir>/v<FORMAT>-<run key>/<entry key>``, one pickle per file. Writes go
to a temporary file in the same folder and are renamed into place (atomic on POSIX and
Windows), so two runs sharing a cache never see half an entry; an unreadable or corrupt
entry is a miss and is overwritten. The cache never fails a run: when the folder cannot
be created or written, the run goes on without it.

The default folder is ``.newslint_cache`` beside the configuration (or in the working
folder), ``cache-dir`` in the configuration, or ``$NEWSLINT_CACHE_DIR``.

A run whose files are all unchanged also gets its cross-article (project-rule)
findings back: they are stored under a key made of every file's entry key (``p...``),
so ``check_project`` is skipped when nothing in the run changed.

For cross-article rules (issue 9): an entry holds the file's project-rule
*summaries* as well as its findings, so ``newslint.runner.summaries_for`` (or
``lint_sources(..., context=...)``) can gather the summaries of a whole repository
while only linting the files a pre-commit run names; unchanged context files are cache
hits.
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Sequence

from newslint import __version__

try:  # blake2 without loading OpenSSL (hashlib's import costs ~7 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.engine import ActiveRule
    from newslint.findings import Finding

FORMAT = 1
CACHE_DIR_ENV = "NEWSLINT_CACHE_DIR"
NO_CACHE_ENV = "NEWSLINT_NO_CACHE"  # set (not "0"): no cache, as --no-cache
DEFAULT_DIRNAME = ".newslint_cache"
_PRUNE_AFTER = 30 * 24 * 3600  # run folders unused this long are removed
_KEEP_RUNS = 8  # and no more than this many are kept
# Config fields that cannot change what a rule finds (or are hashed by content).
_IGNORED_FIELDS = {"path", "jobs", "cache", "cache_dir", "format", "facts", "packs"}


@dataclass(frozen=True)
class Entry:
    """One file's cached result: findings after suppressions, and summaries."""

    findings: tuple["Finding", ...]
    summaries: Mapping[str, Any]


def cache_enabled(config: "Config") -> bool:
    """False for ``--no-cache``, ``cache = false`` or ``$NEWSLINT_NO_CACHE``: then
    nothing is read from or written to the cache folder."""
    return bool(config.cache) and os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def cache_dir(config: "Config") -> Path:
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env)
    if config.cache_dir is not None:
        return Path(config.cache_dir)
    return Path(config.root) / DEFAULT_DIRNAME


class Cache:
    """Entries of one run key in one folder. Every method is safe to call from
    several processes (and several runs) at once."""

    def __init__(self, root: Path, run_key: str) -> None:
        self.root = root
        self.run_key = run_key
        self.folder = root / f"v{FORMAT}-{run_key[:24]}"
        self._ready = False
        self.disabled = False

    @classmethod
    def for_run(cls, config: "Config", rules: Sequence["ActiveRule"]) -> "Cache | None":
        """The run's cache, or None when ``--no-cache`` or ``cache = false``."""
        if not cache_enabled(config):
            return None
        return cls(cache_dir(config), run_key(config, rules))

    def key(self, path: str, data: bytes) -> str:
        h = blake2b(digest_size=20)
        h.update(self.run_key.encode())
        h.update(b"\0")
        h.update(path.encode("utf-8", "surrogateescape"))
        h.update(b"\0")
        h.update(data)
        return h.hexdigest()

    def _load(self, key: str) -> tuple | None:
        """The unpickled tuple stored under ``key``; None for a miss, and for a corrupt
        or foreign entry (which the next write replaces)."""
        if self.disabled:
            return None
        try:
            with open(self.folder / key, "rb") as fh:
                raw = fh.read()
        except OSError:
            return None
        import pickle

        try:
            value = pickle.loads(raw)
        except Exception:
            return None
        return value if isinstance(value, tuple) and value[:1] == (FORMAT,) else None

    def get(self, key: str) -> Entry | None:
        value = self._load(key)
        if value is None or len(value) != 3:
            return None
        _, findings, summaries = value
        if not isinstance(findings, tuple) or not isinstance(summaries, dict):
            return None
        return Entry(findings, summaries)

    def put(self, key: str, findings: Iterable["Finding"], summaries: Mapping[str, Any]) -> None:
        """Store one file's result; an unpicklable summary is just not cached, and a
        folder that cannot be written turns the cache off for the rest of the run."""
        self._write(key, (tuple(findings), dict(summaries)))

    def project_key(self, files: Sequence[tuple[str, str | None, bool]]) -> str:
        """The key of a whole run's cross-article result: every file's path, entry key
        (``None``: unreadable) and whether it is reported, in run order."""
        h = blake2b(digest_size=20)
        h.update(self.run_key.encode())
        for path, key, reported in files:
            h.update(f"\0{path}\0{key}\0{int(reported)}".encode("utf-8", "surrogateescape"))
        return "p" + h.hexdigest()

    def get_project(self, key: str) -> dict[str, list["Finding"]] | None:
        """Project-rule findings by path for an unchanged run, or None."""
        value = self._load(key)
        if value is None or len(value) != 3 or value[1] != "project":
            return None
        return value[2] if isinstance(value[2], dict) else None

    def put_project(self, key: str, found: Mapping[str, list["Finding"]]) -> None:
        self._write(key, ("project", dict(found)))

    def _write(self, key: str, payload: tuple) -> None:
        if self.disabled:
            return
        import pickle
        import tempfile

        try:
            data = pickle.dumps((FORMAT, *payload), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        try:
            self._prepare()
            fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, self.folder / key)
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            self.disabled = True

    def _prepare(self) -> None:
        if self._ready:
            return
        ensure_root(self.root)
        new_folder = not self.folder.exists()
        self.folder.mkdir(parents=True, exist_ok=True)
        if new_folder:
            _prune(self.root, keep=self.folder)
        self._ready = True


def ensure_root(root: Path) -> None:
    """Create the cache folder, marked so git and backups leave it alone (as other
    tools' caches are). Raises OSError when it cannot be created."""
    if root.is_dir():
        return
    root.mkdir(parents=True, exist_ok=True)
    try:
        (root / ".gitignore").write_text("# Created by newslint\n*\n", encoding="utf-8")
        (root / "CACHEDIR.TAG").write_text(
            "Signature: 8a477f597d28d172789f06886806bc55\n"
            "# This file is a cache directory tag created by newslint.\n", encoding="utf-8")
    except OSError:
        pass


def _prune(root: Path, keep: Path) -> None:
    """Remove run folders of old settings: any nobody wrote to for a month, and all but
    the most recent ``_KEEP_RUNS`` (editing newslint's own files starts a new one)."""
    cutoff = time.time() - _PRUNE_AFTER
    try:
        runs = [(e.stat().st_mtime, e.path) for e in os.scandir(root)
                if e.name.startswith(f"v{FORMAT}-") and e.is_dir() and e.path != str(keep)]
    except OSError:
        return
    runs.sort(reverse=True)  # newest first
    for i, (mtime, path) in enumerate(runs):
        if mtime < cutoff or i >= _KEEP_RUNS - 1:
            _remove_run(path)


def _remove_run(path: str) -> None:
    try:
        for entry in os.scandir(path):
            _unlink(entry.path)
        os.rmdir(path)
    except OSError:
        pass  # another run is writing there: it stays


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


# -- the run key --------------------------------------------------------------------


def run_key(config: "Config", rules: Sequence["ActiveRule"]) -> str:
    h = blake2b(digest_size=20)

    def add(*parts: object) -> None:
        for p in parts:
            h.update(repr(p).encode("utf-8", "surrogateescape"))
            h.update(b"\0")

    add(FORMAT, __version__, sys.version_info[:2], _package_fingerprint())
    add(_plugin_fingerprint(config))
    add([(a.rule.name, a.rule.code, getattr(a.rule, "origin", ""), a.severity.value,
          type(a.rule).__module__, type(a.rule).__qualname__) for a in rules])
    add(config_fingerprint(config))
    for label, paths in (("facts", config.facts), ("packs", config.packs)):
        for p in paths:
            add(label, _file_digest(Path(p)))
    return h.hexdigest()


def config_fingerprint(config: "Config") -> str:
    """A stable text of the settings that can change findings (not the file path)."""
    items = [(f.name, _canonical(getattr(config, f.name)))
             for f in fields(config) if f.name not in _IGNORED_FIELDS]
    return repr(items)


def _canonical(value: Any) -> Any:
    if isinstance(value, Mapping):
        return sorted((str(k), _canonical(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return repr(value)


def _file_digest(path: Path) -> str:
    try:
        return blake2b(path.read_bytes(), digest_size=20).hexdigest()
    except OSError as e:  # the loader reports it; the key just must not match
        return f"unreadable:{e.errno}"


_PACKAGE_FINGERPRINT: str | None = None


def _package_fingerprint() -> str:
    """Sizes and times of newslint's own files and built-in packs: cheap (one stat
    each), and it keeps an editable install from serving results of rules since edited."""
    global _PACKAGE_FINGERPRINT
    if _PACKAGE_FINGERPRINT is None:
        root = Path(__file__).resolve().parent
        tops = [root]
        if not (root / "_packs").is_dir():  # a source tree: the built-in packs in rules/
            tops.append(root.parent / "rules")
        h = blake2b(digest_size=16)
        for folder, dirs, files in (walked for top in tops for walked in os.walk(top)):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith((".py", ".toml", ".txt", ".json")):
                    try:
                        st = os.stat(os.path.join(folder, name))
                    except OSError:
                        continue
                    h.update(f"{folder}/{name}:{st.st_size}:{st.st_mtime_ns}\0".encode(
                        "utf-8", "surrogateescape"))
        _PACKAGE_FINGERPRINT = h.hexdigest()
    return _PACKAGE_FINGERPRINT


def _plugin_fingerprint(config: "Config") -> list[Any]:
    """Installed plugins with their versions, and their modules' size and time (so a
    plugin being developed in place does not get stale results either)."""
    from newslint.plugins import disabled_plugins, plugin_entry_points

    out: list[Any] = [sorted(disabled_plugins(config))]
    for ep in plugin_entry_points(config):
        module = sys.modules.get(ep.value.split(":", 1)[0].split("[", 1)[0].strip())
        stamp = None
        file = getattr(module, "__file__", None)
        if file:
            try:
                st = os.stat(file)
                stamp = (st.st_size, st.st_mtime_ns)
            except OSError:
                pass
        out.append((ep.name, ep.value, getattr(ep, "dist_name", None),
                    getattr(ep, "dist_version", None), stamp))
    return out


__all__ = ["Cache", "Entry", "cache_dir", "cache_enabled", "config_fingerprint", "run_key",
           "CACHE_DIR_ENV", "NO_CACHE_ENV"]
