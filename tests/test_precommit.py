"""The real pre-commit, in a temporary git repository, using this checkout as the hook
repository: it fails on a bad article and passes on a clean one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import REPO

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_pre_commit_hook_fails_on_bad_article_and_passes_on_clean(tmp_path: Path) -> None:
    repo = tmp_path / "desk"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.com")
    _git(repo, "config", "user.name", "Desk")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n- repo: local_checkout\n  rev: x\n  hooks:\n  - id: newslint\n",
        encoding="utf-8")
    (repo / "newslint.toml").write_text("", encoding="utf-8")
    (repo / "story.md").write_text("Delegates will attend the\nthe forum.\n", encoding="utf-8")
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "pre-commit-home"),
               PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("NEWSLINT_DISABLE_PLUGINS", None)

    def try_repo() -> subprocess.CompletedProcess[str]:
        _git(repo, "add", "-A")
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), "newslint",
             "--all-files"], cwd=repo, env=env, capture_output=True, text=True, timeout=600)

    bad = try_repo()
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "story.md:2:1: NL101 [repeated-word]" in bad.stdout

    (repo / "story.md").write_text("Delegates will attend the forum.\n", encoding="utf-8")
    good = try_repo()
    assert good.returncode == 0, good.stdout + good.stderr
    assert "Passed" in good.stdout
