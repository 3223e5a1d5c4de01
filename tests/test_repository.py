"""Which files form the repository that cross-article rules read as context."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config
from newslint.discover import Source
from newslint.repository import context_sources, glob_regex, repository_files


@pytest.mark.parametrize("pattern, path, matches", [
    ("**/*.md", "a.md", True),
    ("**/*.md", "news/2023/a.md", True),
    ("**/*.md", "a.txt", False),
    ("*.md", "news/a.md", False),
    ("news/**", "news/2023/a.txt", True),
    ("news/*.txt", "news/2023/a.txt", False),
    ("news/?.txt", "news/a.txt", True),
    ("desk[1].txt", "desk[1].txt", True),
])
def test_glob_regex(pattern: str, path: str, matches: bool) -> None:
    assert bool(glob_regex(pattern).match(path)) == matches


def _tree(root: Path) -> None:
    for rel in ("a.txt", "news/b.md", "news/c.txt", ".git/d.txt", ".venv/e.md", "notes.rst"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("x\n", encoding="utf-8")


def test_default_repository_is_every_article_below_the_configuration(tmp_path: Path) -> None:
    _tree(tmp_path)
    config = Config(path=str(tmp_path / "newslint.toml"), root=tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in repository_files(config)] == [
        "a.txt", "news/b.md", "news/c.txt"]


def test_no_configuration_file_no_repository(tmp_path: Path) -> None:
    _tree(tmp_path)
    assert repository_files(Config(root=tmp_path)) == []


def test_configured_globs_and_exclude(tmp_path: Path, monkeypatch) -> None:
    _tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    config = Config(path=str(tmp_path / "newslint.toml"), root=tmp_path,
                    repository=("news/**",), exclude=("*.md",))
    assert context_sources(config, [Source("news/c.txt")]) == []
    assert context_sources(config, [Source("a.txt")]) == [Source("news/c.txt")]


def test_real_path_matches_os_realpath_through_linked_folders_and_files(tmp_path) -> None:
    import os

    from newslint.discover import RealPaths

    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "a.md").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "desk", tmp_path / "linked-desk")
    os.symlink(tmp_path / "desk" / "a.md", tmp_path / "desk" / "b.md")
    real_path = RealPaths()
    for path in ("desk/a.md", "linked-desk/a.md", "desk/b.md", "linked-desk/b.md",
                 "desk/../desk/a.md", "linked-desk/../linked-desk/a.md", "missing/c.md"):
        full = str(tmp_path / path)
        assert real_path(full) == os.path.realpath(full), path
