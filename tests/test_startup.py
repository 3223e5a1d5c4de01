"""Start-up imports only what a run needs (behaviour: which modules get imported)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from newslint.entrypoints import entry_points, fingerprint

PROBE = """
import json, sys
from newslint.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as e:
    status = e.code
print(json.dumps({"status": status, "modules": sorted(sys.modules)}), file=sys.stderr)
"""

ARTICLE = "Ferry timetable vote delayed\n\nThe council will decide next month after a late request.\n"


def _probe(args: list[str], cwd: Path) -> tuple[int, set[str]]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSLINT_NO_CACHE", "NEWSLINT_CACHE_DIR")}
    done = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)
    report = json.loads(done.stderr.strip().splitlines()[-1])
    return report["status"], set(report["modules"])


def test_version_imports_no_engine_no_rules_no_metadata(tmp_path: Path) -> None:
    status, modules = _probe(["--version"], tmp_path)
    assert status == 0
    assert not {"newslint.engine", "newslint.checks", "pyparsing", "importlib.metadata",
                "multiprocessing"} & modules


def test_small_article_needs_no_grammar_and_no_metadata_scan_once_cached(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")
    (tmp_path / "small.txt").write_text(ARTICLE, encoding="utf-8")
    status, first = _probe(["lint", "small.txt"], tmp_path)
    assert status == 0
    assert "pyparsing" not in first  # no date in the article: the grammar is not built
    assert "multiprocessing" not in first  # one file: no worker pool
    status, second = _probe(["lint", "small.txt"], tmp_path)
    assert status == 0
    assert "importlib.metadata" not in second  # plugin list read from the cache folder
    assert "pyparsing" not in second


def test_entry_point_cache_follows_installs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    before = fingerprint([str(site)])
    info = site / "demo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "entry_points.txt").write_text("[newslint]\ndemo = demo_plugin\n", encoding="utf-8")
    assert fingerprint([str(site)]) != before  # installing changes the key
    cache = tmp_path / "cache"
    found = entry_points("newslint", cache)
    again = entry_points("newslint", cache)
    assert [e.name for e in again] == [e.name for e in found]
    data = json.loads((cache / "entry-points.json").read_text(encoding="utf-8"))
    assert "newslint" in data["groups"]
