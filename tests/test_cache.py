"""The cache: a hit gives the identical result; what changes a finding changes the key;
runs sharing a cache folder are safe; --no-cache writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newslint import runner
from newslint.cache import Cache, cache_dir, run_key
from newslint.config import Config
from newslint.discover import discover
from newslint.facts import EMPTY_FACTS

from .speed_articles import setup, write_articles

SHEET = """
[[person]]
name = "Anna Lindqvist"
wrong = ["Ana Lindqvist"]
"""


@pytest.fixture(autouse=True)
def cache_on(monkeypatch):
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    monkeypatch.delenv("NEWSLINT_CACHE_DIR", raising=False)


def _lint(folder: Path, cache_root: Path, config: Config | None = None, *, jobs: int = 1):
    config, registry, rules = setup(config or Config(root=folder))
    cache = Cache(cache_root, run_key(config, rules))
    sources, _ = discover([str(folder)])
    return runner.lint_sources(sources, config=config, facts=EMPTY_FACTS, registry=registry,
                               rules=rules, jobs=jobs, cache=cache)


def _findings(outcome):
    return [(f.path, f.findings) for f in outcome.files]


def test_a_warm_run_returns_identical_findings_and_summaries(tmp_path: Path) -> None:
    write_articles(tmp_path / "desk", 12)
    cold = _lint(tmp_path / "desk", tmp_path / "cache")
    warm = _lint(tmp_path / "desk", tmp_path / "cache")
    assert (cold.linted, cold.cache_hits) == (12, 0)
    assert (warm.linted, warm.cache_hits) == (0, 12)
    assert _findings(warm) == _findings(cold)
    assert warm.summaries == cold.summaries  # project rules see the same summaries
    assert any(f.code == "XT601" for _, fs in _findings(warm) for f in fs)


def test_parallel_workers_fill_the_cache_for_the_next_run(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 0)
    write_articles(tmp_path / "desk", 20)
    cold = _lint(tmp_path / "desk", tmp_path / "cache", jobs=2)
    warm = _lint(tmp_path / "desk", tmp_path / "cache", jobs=2)
    assert warm.cache_hits == 20 and _findings(warm) == _findings(cold)


def test_changed_content_is_linted_again(tmp_path: Path) -> None:
    paths = write_articles(tmp_path / "desk", 4)
    _lint(tmp_path / "desk", tmp_path / "cache")
    paths[2].write_text("Short headline\n\nA fresh fresh paragraph.\n", encoding="utf-8")
    again = _lint(tmp_path / "desk", tmp_path / "cache")
    assert (again.linted, again.cache_hits) == (1, 3)
    changed = next(f for f in again.files if f.path == str(paths[2]))
    assert [(f.code, f.start) for f in changed.findings] == [("NL101", 24)]


def test_configuration_changes_the_key(tmp_path: Path) -> None:
    base = Config(root=tmp_path)
    _, _, rules = setup(base)
    key = run_key(base, rules)
    assert run_key(Config(root=tmp_path), rules) == key  # stable
    for changed in (replace(base, rules={"repeated-word": {"x": 1}}),
                    replace(base, encoding="latin-1"),
                    replace(base, severity={"repeated-word": base.severity.get("x") or "info"}),
                    replace(base, headline_style="title")):
        assert run_key(changed, rules) != key
    ignored = replace(base, ignore=("NL101",))
    _, _, fewer = setup(ignored)
    assert run_key(ignored, fewer) != key
    # Settings that cannot change findings keep the key (and the cache warm).
    assert run_key(replace(base, jobs=7, format="json"), rules) == key


def test_selection_change_relints_and_drops_the_rule(tmp_path: Path) -> None:
    write_articles(tmp_path / "desk", 3)
    _lint(tmp_path / "desk", tmp_path / "cache")
    quiet = _lint(tmp_path / "desk", tmp_path / "cache", Config(root=tmp_path, ignore=("NL101",)))
    assert quiet.linted == 3
    assert not any(f.code == "NL101" for r in quiet.files for f in r.findings)


def test_fact_sheet_content_changes_the_key(tmp_path: Path) -> None:
    sheet = tmp_path / "story.facts.toml"
    sheet.write_text(SHEET, encoding="utf-8")
    config = Config(root=tmp_path, facts=(sheet,))
    _, _, rules = setup(config)
    before = run_key(config, rules)
    sheet.write_text(SHEET.replace("Ana Lindqvist", "Anne Lindqvist"), encoding="utf-8")
    assert run_key(config, rules) != before


def test_rule_pack_content_changes_the_key(tmp_path: Path) -> None:
    pack = tmp_path / "house.toml"
    pack.write_text("# empty pack\n", encoding="utf-8")
    config = Config(root=tmp_path, packs=(pack,))
    _, _, rules = setup(config, project_rule=False)
    before = run_key(config, rules)
    pack.write_text("# another pack\n", encoding="utf-8")
    assert run_key(config, rules) != before


def test_corrupt_entries_are_misses_and_get_rewritten(tmp_path: Path) -> None:
    write_articles(tmp_path / "desk", 5)
    cold = _lint(tmp_path / "desk", tmp_path / "cache")
    entries = sorted(p for p in (tmp_path / "cache").rglob("*")
                     if p.is_file() and p.parent.name.startswith("v") and not p.name.startswith("p"))
    assert len(entries) == 5  # one per file (the "p..." entry is the cross-article result)
    entries[0].write_bytes(b"")
    entries[1].write_bytes(b"not a pickle at all")
    entries[2].write_bytes(entries[2].read_bytes()[:20])
    again = _lint(tmp_path / "desk", tmp_path / "cache")
    assert (again.linted, again.cache_hits) == (3, 2)
    assert _findings(again) == _findings(cold)
    assert _lint(tmp_path / "desk", tmp_path / "cache").cache_hits == 5


def test_an_unwritable_cache_folder_does_not_fail_the_run(tmp_path: Path) -> None:
    write_articles(tmp_path / "desk", 3)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    outcome = _lint(tmp_path / "desk", blocker)
    assert outcome.errors == [] and outcome.linted == 3


def _cli(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k not in ("NEWSLINT_NO_CACHE", "NEWSLINT_CACHE_DIR")}
    full.update(env)
    return subprocess.Popen([sys.executable, "-m", "newslint", "lint", *args], cwd=cwd,
                            env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_two_concurrent_runs_sharing_a_cache_are_safe(tmp_path: Path) -> None:
    write_articles(tmp_path / "desk", 60, paragraphs=6)
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")
    reference = _cli(["--no-cache", "desk"], tmp_path).communicate()
    runs = [_cli(["--jobs", "2", "desk"], tmp_path) for _ in range(2)]
    results = [p.communicate(timeout=120) for p in runs]
    assert all(p.returncode == 1 for p in runs)
    assert all(r == reference for r in results)
    warm = _cli(["desk"], tmp_path).communicate()
    assert warm == reference
    leftovers = [p.name for p in (tmp_path / ".newslint_cache").rglob(".tmp-*")]
    assert leftovers == []


def test_no_cache_writes_nothing(tmp_path: Path, cli) -> None:
    write_articles(tmp_path / "desk", 3)
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")
    result = cli("lint", "--no-cache", "desk", cwd=tmp_path)
    assert result.status == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["desk", "newslint.toml"]
    cli("lint", "desk", cwd=tmp_path)
    assert cache_dir(Config(root=tmp_path)).is_dir()  # and without the flag, it does


def test_cache_dir_setting_and_environment(tmp_path: Path, monkeypatch) -> None:
    assert cache_dir(Config(root=tmp_path)) == tmp_path / ".newslint_cache"
    assert cache_dir(Config(root=tmp_path, cache_dir=tmp_path / "elsewhere")) == tmp_path / "elsewhere"
    monkeypatch.setenv("NEWSLINT_CACHE_DIR", str(tmp_path / "env"))
    assert cache_dir(Config(root=tmp_path)) == tmp_path / "env"


def test_old_run_folders_are_pruned_when_a_new_one_starts(tmp_path: Path) -> None:
    root = tmp_path / "cache"
    for i in range(12):
        folder = root / f"v1-old{i:02d}"
        folder.mkdir(parents=True)
        (folder / "entry").write_bytes(b"x")
        os.utime(folder, (1_000_000 + i, 1_000_000 + i))
    recent = root / "v1-recent"
    recent.mkdir()
    write_articles(tmp_path / "desk", 1)
    _lint(tmp_path / "desk", root)
    left = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert "v1-recent" in left  # unused for less than a month
    assert not any(name.startswith("v1-old") for name in left)  # a month old
    assert len(left) == 2  # and the new run's own folder


def test_no_more_than_eight_run_folders_are_kept(tmp_path: Path) -> None:
    import time as _time

    root = tmp_path / "cache"
    now = _time.time()
    for i in range(10):
        folder = root / f"v1-recent{i:02d}"
        folder.mkdir(parents=True)
        os.utime(folder, (now - 100 + i, now - 100 + i))
    write_articles(tmp_path / "desk", 1)
    _lint(tmp_path / "desk", root)
    left = sorted(p.name for p in root.iterdir() if p.is_dir())
    assert len(left) == 8
    assert [n for n in left if n.startswith("v1-recent")] == [f"v1-recent{i:02d}" for i in range(3, 10)]


def test_unchanged_run_reuses_cross_article_findings(tmp_path: Path, monkeypatch) -> None:
    from .speed_articles import SameHeadline

    paths = write_articles(tmp_path / "desk", 8)
    cold = _lint(tmp_path / "desk", tmp_path / "cache")
    assert any(f.code == "XT601" for r in cold.files for f in r.findings)

    def broken(self, summaries, ctx):
        raise RuntimeError("check_project ran")

    monkeypatch.setattr(SameHeadline, "check_project", broken)
    warm = _lint(tmp_path / "desk", tmp_path / "cache")
    assert warm.errors == []  # nothing changed: the project result came from the cache
    assert _findings(warm) == _findings(cold)
    paths[3].write_text("Town hall story number 3\n\nA changed changed paragraph.\n", encoding="utf-8")
    edited = _lint(tmp_path / "desk", tmp_path / "cache")
    assert any("check_project ran" in str(e) for e in edited.errors)  # one file changed: it runs


def test_editing_a_built_in_pack_in_a_source_tree_changes_the_key(monkeypatch) -> None:
    """An editable install reads the built-in packs from rules/, outside the package:
    cached results must not outlive an edit there."""
    import os

    from newslint import cache
    from newslint.packs import builtin_pack_paths

    pack = builtin_pack_paths()[0]
    monkeypatch.setattr(cache, "_PACKAGE_FINGERPRINT", None)
    before = cache._package_fingerprint()
    st = pack.stat()
    try:
        os.utime(pack, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        monkeypatch.setattr(cache, "_PACKAGE_FINGERPRINT", None)
        assert cache._package_fingerprint() != before
    finally:
        os.utime(pack, ns=(st.st_atime_ns, st.st_mtime_ns))
