"""Shared test helpers: run the CLI in-process, write small articles."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from newslint.cli import main

# CI runs the property tests with a fixed seed, so a red run is reproducible and a
# green one is not luck; locally every run explores new examples.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@dataclass
class CliResult:
    status: int
    out: str
    err: str

    @property
    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run ``newslint ARGS`` in-process (optionally in another folder)."""

    def run(*args: str, cwd: Path | None = None, stdin: str | None = None) -> CliResult:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        if stdin is not None:
            import io
            import sys

            monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8"))))
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return CliResult(status, captured.out, captured.err)

    return run


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """A temporary working folder with no configuration above it that we control."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSLINT_DISABLE_PLUGINS", raising=False)
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")
    return tmp_path


def write(path: Path, text: str, encoding: str = "utf-8", newline: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = text if newline is None else text.replace("\n", newline)
    path.write_bytes(data.encode(encoding))
    return path


def findings_of(result: CliResult) -> list[tuple[str, int, int]]:
    return [(f["rule"], f["line"], f["column"]) for f in result.json]


os.environ.setdefault("NEWSLINT_NO_CACHE", "1")
