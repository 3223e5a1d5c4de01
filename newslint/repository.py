"""The repository a run belongs to: the articles that cross-article rules compare.

A pre-commit hook passes only the changed files, but "Sergei" in the one changed
article is wrong only because the other articles write "Sergey". So when a
cross-article rule is on, the run also reads the repository's other articles as
*context*: their summaries feed the project rules (through the cache, so unchanged
files cost one small read each) and their findings are not reported.

Which files: the ``repository`` globs of the configuration, relative to the
configuration's folder. With a configuration file that sets none, every ``*.md``,
``*.markdown`` and ``*.txt`` below its folder. With no configuration file at all there
is no repository beyond the files passed (linting one file in a home folder must not
read the whole folder), nor when none of the files passed lies in the configuration's
folder. ``exclude`` globs and tool folders (.git, .venv, caches) are
always left out.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable, Sequence

from newslint.config import Config
from newslint.discover import _SKIP_DIRS, RealPaths, Source, _excluded

DEFAULT_GLOBS = ("**/*.md", "**/*.markdown", "**/*.txt")


def glob_regex(pattern: str) -> re.Pattern[str]:
    """A glob on ``/``-separated relative paths: ``**/`` any folders (or none), ``*``
    and ``?`` within one path segment. (``re``, not ``regex``: these few constructs
    mean the same in both, and a warm-cache run then needs no ``regex`` at all.)"""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def repository_globs(config: Config) -> tuple[str, ...]:
    if config.repository:
        return config.repository
    return DEFAULT_GLOBS if config.path else ()


def repository_files(config: Config) -> list[Path]:
    """Every file of the repository, sorted."""
    globs = repository_globs(config)
    if not globs:
        return []
    patterns = [glob_regex(g[2:] if g.startswith("./") else g) for g in globs]
    root = Path(config.root)
    out: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        rel_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel_folder == "." else rel_folder + "/"
        for name in sorted(files):
            rel = prefix + name
            if any(p.match(rel) for p in patterns):
                out.append(Path(folder) / name)
    return out


def context_sources(config: Config, sources: Sequence[Source]) -> list[Source]:
    """The repository's files that are not among ``sources`` (compared by real path),
    named relative to the working folder when they are below it."""
    real_path = RealPaths()
    given = {real_path(s.path) for s in sources if s.path != "-"}
    root = os.path.realpath(config.root)
    if not any(g == root or g.startswith(root.rstrip(os.sep) + os.sep) for g in given):
        return []  # the files linted are not in this repository
    out: list[Source] = []
    cwd = os.getcwd()
    for path in repository_files(config):
        real = real_path(str(path))
        if real in given:
            continue
        shown = _shown(path, cwd)
        if _excluded(shown, config.exclude):
            continue
        out.append(Source(shown))
    return out


def _shown(path: Path, cwd: str) -> str:
    absolute = os.path.abspath(path)
    try:
        return os.path.relpath(absolute, cwd)
    except ValueError:  # another drive (Windows)
        return absolute


__all__: Iterable[str] = ["DEFAULT_GLOBS", "context_sources", "glob_regex", "repository_files"]
