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
    """Files to lint, in a stable order, and the paths that could not be searched."""
    exclude = tuple(exclude)
    sources: list[Source] = []
    problems: list[DiscoveryProblem] = []
    seen: set[str] = set()
    for given in paths:
        if given == "-":
            sources.append(Source(stdin_filename or "-", stdin=True))
            continue
        p = Path(given)
        if p.is_dir():
            for s in _walk(p, problems):
                if s not in seen and not (exclude and _excluded(s, exclude)):
                    seen.add(s)
                    sources.append(Source(s))
        elif p.exists() or p.is_symlink():
            # A file named explicitly is linted whatever its extension.
            if given not in seen:
                seen.add(given)
                sources.append(Source(given))
        else:
            problems.append(DiscoveryProblem(given, "no such file or folder; check the path"))
    return sources, problems


def _walk(root: Path, problems: list[DiscoveryProblem]) -> Iterator[str]:
    """Article files under ``root`` (each as ``str(Path(folder) / name)`` would write
    it, without a ``Path`` a file), following symlinked folders but searching each real
    folder once: a link back to an ancestor (a loop) is a warning, a second link to a
    folder already searched is skipped quietly."""
    visited: dict[tuple[int, int], str] = {}

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
                yield name if base == "." else join(base, name)


def _is_ancestor(first: str, folder: str) -> bool:
    a, b = Path(first).parts, Path(folder).parts
    return len(a) < len(b) and b[:len(a)] == a
