"""The runner: parallel runs give exactly the serial result; context files; Ctrl-C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newslint import runner
from newslint.discover import Source, discover
from newslint.facts import EMPTY_FACTS

from .speed_articles import setup, write_articles


def _run(sources, *, jobs, context=(), cache=None, project_rule=True):
    config, registry, rules = setup(project_rule=project_rule)
    return runner.lint_sources(sources, config=config, facts=EMPTY_FACTS, registry=registry,
                               rules=rules, jobs=jobs, cache=cache, context=context)


def _view(outcome):
    return ([(f.path, [(x.code, x.start, x.end, x.message) for x in f.findings])
             for f in outcome.files], [str(e) for e in outcome.errors], outcome.exit_status)


@pytest.fixture
def always_parallel(monkeypatch):
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 0)


def test_parallel_output_is_identical_to_serial(tmp_path: Path, always_parallel) -> None:
    write_articles(tmp_path / "desk", 40)
    (tmp_path / "desk" / "story_900.txt").write_bytes(b"\xff\xfe\x00broken")  # unreadable
    sources, _ = discover([str(tmp_path / "desk")])
    serial = _run(sources, jobs=1)
    parallel = _run(sources, jobs=2)
    assert _view(parallel) == _view(serial)
    codes = {x.code for f in serial.files for x in f.findings}
    assert {"NL101", "XT601"} <= codes  # doubled words, and the cross-article rule
    assert serial.exit_status == 2  # the unreadable file
    assert parallel.linted == 40


def test_parallel_run_gathers_project_summaries_from_workers(tmp_path, always_parallel) -> None:
    write_articles(tmp_path, 14)
    sources, _ = discover([str(tmp_path)])
    outcome = _run(sources, jobs=2)
    assert len(outcome.summaries) == 14
    assert all("test-same-headline" in s for s in outcome.summaries.values())
    same = [f for r in outcome.files for f in r.findings if f.code == "XT601"]
    assert len(same) == 14  # 7 headlines, each used twice


def test_context_files_give_summaries_but_no_findings(tmp_path: Path) -> None:
    paths = write_articles(tmp_path, 8)
    reported = [Source(str(paths[0]))]
    context = [Source(str(p)) for p in paths[1:]]
    alone = _run(reported, jobs=1)
    assert not any(f.code == "XT601" for f in alone.files[0].findings)
    outcome = _run(reported, jobs=1, context=context)
    assert [f.path for f in outcome.files] == [str(paths[0])]
    assert len(outcome.summaries) == 8
    # story_000 and story_007 share a headline; only the reported file gets a finding.
    assert [f.code for f in outcome.files[0].findings if f.code == "XT601"] == ["XT601"]


def test_summaries_for_reads_every_file(tmp_path: Path) -> None:
    paths = write_articles(tmp_path, 3)
    config, registry, rules = setup()
    got = runner.summaries_for([Source(str(p)) for p in paths] + [Source(str(tmp_path / "gone.txt"))],
                               config=config, facts=EMPTY_FACTS, registry=registry, rules=rules)
    assert sorted(got) == sorted(str(p) for p in paths)
    assert got[str(paths[1])]["test-same-headline"][2] == "Town hall story number 1"


def test_cli_jobs_flag_gives_the_same_output(tmp_path: Path, cli, monkeypatch) -> None:
    write_articles(tmp_path / "desk", 30)
    monkeypatch.setattr(runner, "PARALLEL_MIN_BYTES", 0)
    one = cli("lint", "--no-cache", "--jobs", "1", str(tmp_path / "desk"))
    two = cli("lint", "--no-cache", "--jobs", "2", str(tmp_path / "desk"))
    assert one.status == two.status == 1
    assert one.out == two.out and one.out.count("NL101") >= 10


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out.extend(int(x) for x in text)
    return out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_ctrl_c_stops_a_parallel_run_with_status_130_and_no_orphans(tmp_path: Path) -> None:
    write_articles(tmp_path / "desk", 600, paragraphs=30)
    env = dict(os.environ, NEWSLINT_NO_CACHE="1")
    proc = subprocess.Popen([sys.executable, "-m", "newslint", "lint", "--jobs", "2",
                             str(tmp_path / "desk")], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) == 2, "the run never started its workers"
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert "Traceback" not in err and "interrupted" in err
    time.sleep(0.2)
    alive = [w for w in workers if Path(f"/proc/{w}").exists()
             and "zombie" not in Path(f"/proc/{w}/status").read_text()]
    assert alive == []


# -- project rules fed as the files come in (ProjectRule.gather) ----------------------

_MONDAY = ("Ministers meet in Geneva\n\nForeign Minister Sergey Lavrov met Antonio Guterres "
           "in Geneva. Olaf Scholz will join them on Friday.\n")
_TUESDAY = ("Talks go on in Geneva\n\nSergey Lavrov said the talks with Antonio Guterres "
            "were useful. Olaf Scholz agreed.\n")
_WEDNESDAY = ("Talks end in Geneva\n\nSergei Lavrov left Geneva after meeting Antonio "
              "Guterres and Olaf Scholz.\n")


def _geneva_desk(folder: Path) -> list[Source]:
    folder.mkdir()
    for k in range(4):  # the story told four times over: four misspellings to find
        for day, text in (("mon", _MONDAY), ("tue", _TUESDAY), ("wed", _WEDNESDAY)):
            (folder / f"{k}_{day}.txt").write_text(text, encoding="utf-8")
    sources, _ = discover([str(folder)])
    return sources


def _across(outcome) -> list[tuple[str, int, str]]:
    return [(Path(f.path).name, x.start, x.message) for f in outcome.files for x in f.findings
            if x.code == "NL601"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_gathered_cross_article_findings_are_those_of_check_project(
        tmp_path: Path, always_parallel, jobs: int) -> None:
    from newslint.engine import check_project

    sources = _geneva_desk(tmp_path / "desk")
    config, _registry, rules = setup(project_rule=False)
    outcome = _run(sources, jobs=jobs, project_rule=False)
    found = _across(outcome)
    assert [(name, start) for name, start, _ in found] == [
        (f"{k}_wed.txt", 21) for k in range(4)]
    assert 'Sergey Lavrov' in found[0][2]
    # The same summaries, all at once, through check_project: the same findings.
    lengths = {f.path: len(f.text) for f in outcome.files}
    whole, errors = check_project(outcome.summaries, config=config, facts=EMPTY_FACTS,
                                  rules=rules, lengths=lengths)
    assert errors == []
    assert sorted((Path(p).name, x.start, x.message) for p, xs in whole.items() for x in xs) \
        == sorted(found)


def test_a_gatherer_that_fails_is_reported_and_the_rest_goes_on(
        tmp_path: Path, always_parallel, monkeypatch) -> None:
    from newslint.checks import across

    calls = []

    def broken(self, path, summary):
        calls.append(path)
        if len(calls) == 3:
            raise RuntimeError("broken on purpose")

    monkeypatch.setattr(across._Gatherer, "add", broken)
    sources = _geneva_desk(tmp_path / "desk")
    outcome = _run(sources, jobs=2, project_rule=False)
    assert len(calls) == 3  # not fed again once it failed
    assert [str(e) for e in outcome.errors] == [
        "rule name-inconsistent-across (NL601, from builtin_checks) failed across articles: "
        "RuntimeError: broken on purpose; other rules still ran"]
    assert _across(outcome) == []
    assert outcome.files and outcome.exit_status == 2


def test_no_gathering_when_the_cross_article_result_is_cached(
        tmp_path: Path, always_parallel, monkeypatch) -> None:
    from newslint.cache import Cache, run_key

    sources = _geneva_desk(tmp_path / "desk")
    config, _registry, rules = setup(project_rule=False)
    made = []
    real = runner._gatherers
    monkeypatch.setattr(runner, "_gatherers", lambda *a: made.append(1) or real(*a))
    key = run_key(config, rules)
    first = _run(sources, jobs=2, project_rule=False, cache=Cache(tmp_path / "cache", key))
    again = _run(sources, jobs=2, project_rule=False, cache=Cache(tmp_path / "cache", key))
    assert _across(again) == _across(first) != []
    assert made == [1]  # the second run took the cross-article findings from the cache


def test_a_spawned_pool_gives_the_serial_result(tmp_path: Path, always_parallel,
                                                 monkeypatch) -> None:
    """Where fork is not available (macOS, Windows) workers are spawned and the run's
    state is pickled to them once: same findings, same order."""
    from newslint import parallel

    sources = _geneva_desk(tmp_path / "desk")
    serial = _run(sources, jobs=1, project_rule=False)
    monkeypatch.setattr(parallel, "_start_method", lambda: "spawn")
    pools = []
    real = parallel.run_ordered
    monkeypatch.setattr(parallel, "run_ordered", lambda *a, **k: pools.append(1) or real(*a, **k))
    spawned = _run(sources, jobs=2, project_rule=False)
    assert pools == [1]  # the workers ran (the state pickles): no quiet fall-back to one process
    assert _view(spawned) == _view(serial)
    assert _across(spawned) != []
