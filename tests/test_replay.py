"""A warm-cache run answered without loading the rules reports exactly what a full run
reports (newslint.replay), and a run that cannot be answered that way is a full run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newslint import replay
from newslint.config import Config
from newslint.entrypoints import EntryPoint

PROBE = """
import json, os, sys
from newslint.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as e:
    status = e.code
with open(os.environ["NEWSLINT_TEST_MODULES"], "w") as fh:
    json.dump(sorted(sys.modules), fh)
sys.stdout.flush()
os._exit(status)
"""

ARTICLES = {
    "monday.txt": "Ministers meet in Geneva\n\nForeign Minister Sergey Lavrov met Antonio "
                  "Guterres in Geneva. Olaf Scholz will join\nthem on Friday.\n",
    "tuesday.txt": "Talks go on in Geneva\n\nSergey Lavrov said the talks with Antonio "
                   "Guterres were were useful. Olaf Scholz agreed.\n",
    "wednesday.txt": "Talks end in Geneva\n\nSergei Lavrov left Geneva after meeting Antonio "
                     "Guterres and Olaf Scholz.\n",
    "quiet.txt": "Quiet day at the harbour\n\nNothing happened "
                 "<!-- newslint: disable=repeated-word --> today.\n",
}


def _run(args: list[str], cwd: Path, stdin: str | None = None) -> tuple[int, str, str, set[str]]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NEWSLINT_NO_CACHE", "NEWSLINT_CACHE_DIR", "NEWSLINT_DISABLE_PLUGINS")}
    env["NEWSLINT_TEST_MODULES"] = str(cwd / "modules.json")
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)
    modules = set(json.loads((cwd / "modules.json").read_text(encoding="utf-8")))
    return done.returncode, done.stdout, done.stderr, modules


def _output(result: tuple[int, str, str, set[str]]) -> tuple[int, str, str]:
    return result[:3]


def _replayed(result: tuple[int, str, str, set[str]]) -> bool:
    return not {"newslint.engine", "newslint.checks", "newslint.runner"} & result[3]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")  # a repository: context
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("args", [
    ["lint", "wednesday.txt"],  # cross-article finding from unchanged context files
    ["lint", "--format", "json", "."],
    ["lint", "."],
    ["lint", "--format", "github", "tuesday.txt", "quiet.txt"],
    ["lint", "--statistics", "--exit-zero", "monday.txt", "tuesday.txt"],
    ["lint", "--select", "NL101", "missing.txt", "tuesday.txt"],
    ["lint", "--ignore", "NL601", "utf32.txt", "tuesday.txt"],  # a read error
])
def test_warm_run_reports_what_a_full_run_reports(repo: Path, args: list[str]) -> None:
    if "utf32.txt" in args:
        (repo / "utf32.txt").write_bytes(b"\xff\xfe\x00\x00bad")
    full = _run([*args[:1], "--no-cache", *args[1:]], repo)
    first = _run(args, repo)
    second = _run(args, repo)
    assert _output(first) == _output(full)
    assert _output(second) == _output(full)
    assert full[1] or full[2]  # the case has something to report
    assert not _replayed(first) and _replayed(second)


def test_an_unreadable_file_among_cross_article_checks_means_a_full_run(repo: Path) -> None:
    (repo / "utf32.txt").write_bytes(b"\xff\xfe\x00\x00bad")  # the project result is
    full = _run(["lint", "--no-cache", "."], repo)  # never cached with a read error
    _run(["lint", "."], repo)
    warm = _run(["lint", "."], repo)
    assert "UTF-32" in warm[2] and "NL601" in warm[1]
    assert _output(warm) == _output(full) and not _replayed(warm)


def test_a_changed_file_is_linted_again(repo: Path) -> None:
    _run(["lint", "."], repo)
    assert _replayed(_run(["lint", "."], repo))
    (repo / "tuesday.txt").write_text(ARTICLES["tuesday.txt"].replace("were were", "were"),
                                      encoding="utf-8")
    full = _run(["lint", "--no-cache", "."], repo)
    again = _run(["lint", "."], repo)
    assert "were were" not in again[1]
    assert _output(again) == _output(full) and not _replayed(again)


def test_a_changed_context_file_changes_the_cross_article_findings(repo: Path) -> None:
    _run(["lint", "wednesday.txt"], repo)
    assert "NL601" in _run(["lint", "wednesday.txt"], repo)[1]
    for name in ("monday.txt", "tuesday.txt"):  # now most articles write "Sergei"
        (repo / name).write_text(ARTICLES[name].replace("Sergey", "Sergei"), encoding="utf-8")
    full = _run(["lint", "--no-cache", "wednesday.txt"], repo)
    again = _run(["lint", "wednesday.txt"], repo)
    assert "NL601" not in again[1]
    assert _output(again) == _output(full) and not _replayed(again)
    assert _replayed(_run(["lint", "wednesday.txt"], repo))


def test_other_settings_are_not_answered_with_the_old_run_key(repo: Path) -> None:
    _run(["lint", "."], repo)
    assert _replayed(_run(["lint", "."], repo))
    full = _run(["lint", "--no-cache", "--ignore", "NL601", "."], repo)
    changed = _run(["lint", "--ignore", "NL601", "."], repo)
    assert "NL601" not in changed[1]
    assert _output(changed) == _output(full) and not _replayed(changed)
    (repo / "newslint.toml").write_text('ignore = ["NL101"]\n', encoding="utf-8")
    configured = _run(["lint", "."], repo)
    assert "NL101" not in configured[1] and not _replayed(configured)


@pytest.mark.parametrize("args", [["lint", "--format", "sarif", "."],
                                  ["lint", "--diff", "tuesday.txt"]])
def test_runs_that_need_the_rules_load_them(repo: Path, args: list[str]) -> None:
    full = _run([*args[:1], "--no-cache", *args[1:]], repo)
    _run(args, repo)
    warm = _run(args, repo)
    assert _output(warm) == _output(full) and not _replayed(warm)


def test_standard_input_is_never_replayed(repo: Path) -> None:
    text = ARTICLES["tuesday.txt"]
    _run(["lint", "tuesday.txt"], repo)
    first = _run(["lint", "-"], repo, stdin=text)
    second = _run(["lint", "-"], repo, stdin=text)
    assert "were were" in second[1] and not _replayed(second)
    assert _output(first) == _output(second)


def test_no_settings_key_with_a_third_party_plugin_or_without_a_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)  # set for the test session
    config = Config(root=tmp_path)
    builtin = [EntryPoint("builtin_checks", "newslint.checks", "newslint")]
    monkeypatch.setattr("newslint.plugins.plugin_entry_points", lambda config=None: builtin)
    assert replay.settings_key(config) is not None
    assert replay.settings_key(config.with_overrides(cache=False)) is None
    third = [*builtin, EntryPoint("house", "house_rules:plugin", "newslint")]
    monkeypatch.setattr("newslint.plugins.plugin_entry_points", lambda config=None: third)
    assert replay.settings_key(config) is None


def test_settings_key_follows_the_configuration_and_the_sheets(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    sheet = tmp_path / "story.facts.toml"
    sheet.write_text('[sheet]\nname = "story"\n', encoding="utf-8")
    base = Config(root=tmp_path, cache_dir=tmp_path / "cache")
    keys = {replay.settings_key(c) for c in (
        base, base.with_overrides(ignore=("NL101",)), base.with_overrides(facts=(sheet,)))}
    assert len(keys) == 3
    with_sheet = replay.settings_key(base.with_overrides(facts=(sheet,)))
    sheet.write_text('[sheet]\nname = "another story"\n', encoding="utf-8")
    assert replay.settings_key(base.with_overrides(facts=(sheet,))) != with_sheet
