"""Which files a run lints: paths from the command line, folders searched for
articles, ``exclude`` globs from the configuration."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown")
_SKIP_DIRS = {".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
              ".newslint_cache", ".tox", ".mypy_cache", ".pytest_cache"}


@dataclass(frozen=True)
class Source:
    """One thing to lint: a file path as given, or standard input (``path == "-"``)."""

    path: str  # as it will be reported
    stdin: bool = False


@dataclass(frozen=True)
class DiscoveryProblem:
    path: str
    message: str
    fatal: bool = True  # False: a warning; every file was still found (exit status kept)


def _excluded(path: str, patterns: Iterable[str]) -> bool:
    norm = path.replace(os.sep, "/")
    return any(fnmatch.fnmatch(norm, p) or fnmatch.fnmatch(os.path.basename(norm), p)
               for p in patterns)


def discover(
    paths: Iterable[str], *, exclude: Iterable[str] = (), stdin_filename: str | None = None
) -> tuple[list[Source], list[DiscoveryProblem]]:
    """Files to lint, in a stable order, and the paths that could not be searched.

    A file found in a folder is listed once however many names lead to it: a symlink to
    a file that the search also finds under its own name is left out, and of several
    links to one file outside the search, the first is kept. A file named on the
    command line is listed as named."""
    exclude = tuple(exclude)
    found: list[Source | tuple[str, str, bool]] = []  # named sources; (path, real, linked)
    problems: list[DiscoveryProblem] = []
    for given in paths:
        if given == "-":
            found.append(Source(stdin_filename or "-", stdin=True))
            continue
        p = Path(given)
        if p.is_dir():
            found.extend(_walk(p, problems))
        elif p.exists() or p.is_symlink():
            found.append(Source(given))  # named explicitly: linted whatever its extension
        else:
            problems.append(DiscoveryProblem(given, "no such file or folder; check the path"))
    regular = {f[1] for f in found if type(f) is tuple and not f[2]}
    sources: list[Source] = []
    seen: set[str] = set()
    taken: set[str] = set()  # real paths of the files found in folders
    for f in found:
        if type(f) is not tuple:
            if f.stdin or f.path not in seen:
                seen.add(f.path)
                sources.append(f)
            continue
        path, real, linked = f
        if path in seen or (exclude and _excluded(path, exclude)):
            continue
        if real in taken or (linked and real in regular):
            continue  # another name of a file listed (or to be listed under its own)
        seen.add(path)
        taken.add(real)
        sources.append(Source(path))
    return sources, problems


def _walk(root: Path, problems: list[DiscoveryProblem]) -> Iterator[tuple[str, str, bool]]:
    """(path, real path, is a symlink) of the article files under ``root`` (each path as
    ``str(Path(folder) / name)`` would write it, without a ``Path`` a file), following
    symlinked folders but searching each real folder once: a link back to an ancestor
    (a loop) is a warning, a second link to a folder already searched is skipped
    quietly."""
    visited: dict[tuple[int, int], str] = {}
    real_paths = RealPaths()

    def onerror(err: OSError) -> None:
        problems.append(DiscoveryProblem(str(err.filename or root),
                                         f"cannot read folder: {err.strerror or err}"))

    for folder, dirs, files in os.walk(root, onerror=onerror, followlinks=True):
        try:
            st = os.stat(folder)
            key = (st.st_dev, st.st_ino)
        except OSError as e:  # vanished since it was listed
            onerror(e)
            dirs[:] = []
            continue
        first = visited.get(key)
        if first is not None:
            if _is_ancestor(first, folder):
                problems.append(DiscoveryProblem(
                    str(Path(folder)), f"symlink loop: leads back to {first}, already searched; "
                            f"not searched again", fatal=False))
            dirs[:] = []
            continue
        visited[key] = folder
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        base = str(Path(folder))
        join = os.path.join
        for name in sorted(files):
            if name.lower().endswith(ARTICLE_SUFFIXES):
                path = name if base == "." else join(base, name)
                yield (path, *real_paths.resolve(path))


class RealPaths:
    """``os.path.realpath(path)`` for files, each folder resolved once, and listed once
    for its symlinked entries, for all the files in it (realpath walks every component
    of every path: ~30 ms for the dev corpus; a test of each file for a link, 3 ms)."""

    def __init__(self) -> None:
        self.cwd = os.getcwd()
        self.folders: dict[str, tuple[str, frozenset[str] | None]] = {}

    def __call__(self, path: str) -> str:
        return self.resolve(path)[0]

    def resolve(self, path: str) -> tuple[str, bool]:
        """The file's real path, and whether ``path`` names it through a symlink."""
        # Not abspath: its lexical ".." would skip a linked folder that realpath follows.
        folder, name = os.path.split(os.path.join(self.cwd, path))
        known = self.folders.get(folder)
        if known is None:
            try:
                with os.scandir(folder) as entries:
                    links: frozenset[str] | None = frozenset(
                        e.name for e in entries if e.is_symlink())
            except OSError:
                links = None  # not listed: each file is asked
            known = self.folders[folder] = (os.path.realpath(folder), links)
        real_folder, links = known
        full = os.path.join(real_folder, name)
        linked = name in links if links is not None else os.path.islink(full)
        return (os.path.realpath(full) if linked else full), linked


def _is_ancestor(first: str, folder: str) -> bool:
    a, b = Path(first).parts, Path(folder).parts
    return len(a) < len(b) and b[:len(a)] == a
