"""pre-commit runs ``newslint lint --fix`` and fails the commit when it fixed a file."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NEWSLINT = Path(sys.executable).with_name("newslint")
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")


@pytest.mark.skipif(shutil.which("git") is None or not PRE_COMMIT.exists()
                    or not NEWSLINT.exists(), reason="needs git, pre-commit and newslint installed")
def test_a_fixed_file_fails_the_hook_and_then_passes(tmp_path) -> None:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / ".cache"), "GIT_AUTHOR_NAME": "t",
           "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    repo = tmp_path / "desk"
    repo.mkdir()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)

    run("git", "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks:\n      - id: newslint\n        name: newslint\n"
        f"        entry: {NEWSLINT} lint --fix\n        language: system\n"
        "        files: \\.(txt|md)$\n")
    story = repo / "story.txt"
    story.write_text("Talks open\n\nThe envoys met in in Geneva.\n")
    run("git", "add", ".")
    first = run(str(PRE_COMMIT), "run", "--all-files")
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert story.read_text() == "Talks open\n\nThe envoys met in Geneva.\n"
    run("git", "add", ".")
    second = run(str(PRE_COMMIT), "run", "--all-files")
    assert second.returncode == 0, second.stdout + second.stderr
