"""Plugin discovery without reading every installed package's metadata on each run.

``importlib.metadata.entry_points`` imports ``importlib.metadata`` (with ``email``,
``zipfile`` and friends: about 25 ms, a fifth of newslint's start-up) and reads every
distribution's metadata. The answer only changes when packages are installed or
removed, so it is kept in the cache folder (``entry-points.json``), keyed by a cheap
fingerprint: the names of the ``*.dist-info`` and ``*.egg-info`` folders on ``sys.path``
and the modification time of their ``entry_points.txt`` (one ``scandir`` per folder).
Installing, removing or upgrading a package changes a name or a time, and so the key.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any, NamedTuple

_FILE = "entry-points.json"
_FORMAT = 1


class EntryPoint(NamedTuple):
    """What newslint uses of an ``importlib.metadata.EntryPoint`` (a NamedTuple: every
    run makes this class, and a dataclass costs ten times as much to make)."""

    name: str
    value: str
    group: str
    dist_name: str | None = None
    dist_version: str | None = None

    def load(self) -> Any:
        spec = self.value.split("[", 1)[0].strip()  # drop "[extras]"
        module_name, _, attrs = spec.partition(":")
        obj: Any = importlib.import_module(module_name.strip())
        for attr in filter(None, attrs.strip().split(".")):
            obj = getattr(obj, attr)
        return obj


def scan(group: str) -> list[EntryPoint]:
    """The group's entry points, read from the installed packages' metadata."""
    found = _scan_folders(group)
    return found if found is not None else _scan_metadata(group)


def _normalize(name: str) -> str:
    """``importlib.metadata``'s name key: PEP 503 with dashes as underscores."""
    import re

    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _scan_folders(group: str) -> list[EntryPoint] | None:
    """What ``importlib.metadata.entry_points(group=...)`` finds, without importing it
    (``importlib.metadata`` with ``email``, ``zipfile`` and ``csv`` is ~25 ms, which a
    ``--no-cache`` or first run paid): the ``*.dist-info`` and ``*.egg-info`` folders of
    ``sys.path`` in the same order, the first of a name winning, ``entry_points.txt``
    read the same way. None for what only ``importlib.metadata`` handles (zip files and
    ``.egg`` folders on ``sys.path``, other finders that list distributions)."""
    if any(hasattr(f, "find_distributions") and f is not _path_finder()
           for f in sys.meta_path):
        return None
    infos: dict[str, str] = {}  # normalized name -> the first folder of that name
    for root in sys.path:
        if os.path.basename(root).lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(root or ".")
        except OSError:
            if os.path.isfile(root):  # a zip file: importlib.metadata reads those
                return None
            continue
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")):
                key = _normalize(low.rpartition(".")[0].partition("-")[0])
                infos.setdefault(key, os.path.join(root, child))
    out = []
    for folder in infos.values():
        text = _read(os.path.join(folder, "entry_points.txt"))
        if text is None:
            continue
        entries = _section(text, group)
        if not entries:
            continue
        name, version = _name_and_version(folder)
        out.extend(EntryPoint(n, v, group, name, version) for n, v in entries)
    return out


def _path_finder() -> Any:
    from importlib.machinery import PathFinder

    return PathFinder


def _read(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8") as fh:
            return fh.read()
    except (OSError, ValueError):
        return None


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` pairs of ``[group]``, parsed as ``importlib.metadata`` does."""
    out = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section == group:
            name, _, value = line.partition("=")
            out.append((name.strip(), value.strip()))
    return out


def _name_and_version(folder: str) -> tuple[str | None, str | None]:
    """``Name`` and ``Version`` from the distribution's METADATA (or PKG-INFO) headers."""
    text = _read(os.path.join(folder, "METADATA")) or _read(os.path.join(folder, "PKG-INFO"))
    headers: dict[str, str] = {}
    for line in (text or "").splitlines():
        if not line.strip():
            break  # the body (the long description) follows the first blank line
        key, sep, value = line.partition(":")
        if sep and not line[:1].isspace():
            headers.setdefault(key.strip().lower(), value.strip())
    return headers.get("name"), headers.get("version")


def _scan_metadata(group: str) -> list[EntryPoint]:
    from importlib import metadata

    try:
        found = metadata.entry_points(group=group)
    except Exception:  # a broken distribution's metadata
        return []
    out = []
    for ep in found:
        dist = getattr(ep, "dist", None)
        out.append(EntryPoint(ep.name, ep.value, group, getattr(dist, "name", None),
                              getattr(dist, "version", None)))
    return out


def fingerprint(paths: list[str] | None = None) -> str:
    from newslint.cache import blake2b

    h = blake2b(digest_size=16)
    h.update(f"{_FORMAT}:{sys.version}\0".encode())
    for folder in paths if paths is not None else sys.path:
        folder = folder or os.getcwd()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        dists = [e for e in entries if e.name.endswith((".dist-info", ".egg-info"))]
        if dists:  # folders without packages (the script's, the working one) don't count
            h.update(f"{folder}\0".encode("utf-8", "surrogateescape"))
        for entry in dists:
            try:
                mtime = os.stat(os.path.join(entry.path, "entry_points.txt")).st_mtime_ns
            except OSError:
                mtime = 0
            h.update(f"{entry.name}:{mtime}\0".encode("utf-8", "surrogateescape"))
    return h.hexdigest()


_SEEN: dict[tuple[str, str], list[EntryPoint]] = {}  # within one process


def entry_points(group: str, cache_dir: Path | None = None) -> list[EntryPoint]:
    """The group's entry points, from ``cache_dir`` when nothing was installed since;
    ``cache_dir=None`` always scans (and writes nothing). Asked again in the same
    process with the same folder, the first answer is reused."""
    if cache_dir is None:
        return scan(group)
    memo = (group, str(cache_dir))
    if memo not in _SEEN:
        _SEEN[memo] = _cached(group, cache_dir)
    return list(_SEEN[memo])


def _cached(group: str, cache_dir: Path) -> list[EntryPoint]:
    import json
    key = fingerprint()
    path = cache_dir / _FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") == key and group in data.get("groups", {}):
            return [EntryPoint(*row) for row in data["groups"][group]]
    except (OSError, ValueError, TypeError, AttributeError):
        data = None
    found = scan(group)
    _write(path, {"key": key, "groups": {group: [
        [e.name, e.value, e.group, e.dist_name, e.dist_version] for e in found]}})
    return found


def _write(path: Path, data: dict) -> None:
    import json
    import tempfile

    from newslint.cache import ensure_root

    try:
        ensure_root(path.parent)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    except OSError:
        return  # a read-only cache: scan every time
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, path)
    except OSError:
        try:
            os.unlink(tmp)
        except OSError:
            pass
