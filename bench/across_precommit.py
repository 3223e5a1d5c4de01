"""A pre-commit run over one file in a repository of many articles, cold and warm.

    .venv/bin/python bench/across_precommit.py [FOLDER] [--runs N] [--all-rules]

Copies FOLDER (default: the 1,526 dev articles) into a temporary repository with a
``newslint.toml``, then times ``newslint lint ONE_FILE`` as pre-commit runs it: the
other articles are read as context for name-inconsistent-across (NL601), through the
cache. Prints the wall time of: a cold run (empty cache), a warm run (nothing changed),
and a run after the one file was edited (the usual commit: one miss, the rest hits),
each the median of N runs; then the project check alone (in process), and the
findings of the one file. Only ``name-inconsistent-across`` runs unless --all-rules.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
NEWSLINT = [sys.executable, "-m", "newslint"]


ENV: dict[str, str] | None = None


CPU: list[float] = []  # CPU seconds (user + system) of each timed run, in order


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(cmd: list[str], cwd: Path) -> tuple[float, str]:
    """Wall time of one run (its CPU time goes to ``CPU``: on a shared, loaded machine
    the wall time mostly measures the others)."""
    cpu = _children_cpu()
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=ENV)
    elapsed = time.perf_counter() - start
    CPU.append(_children_cpu() - cpu)
    if run.returncode not in (0, 1):
        raise SystemExit(f"newslint failed ({run.returncode}): {run.stderr.strip()}")
    return elapsed, run.stdout


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--all-rules", action="store_true")
    ap.add_argument("--snapshot", action="store_true",
                    help="run a frozen copy of the package: in a tree others are editing, "
                         "every edit changes the cache key and no run is warm")
    args = ap.parse_args(argv)
    source = Path(args.folder)
    files = sorted(p for p in source.rglob("*") if p.suffix in (".txt", ".md"))
    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp:
        repo = Path(tmp) / "repo"
        if args.snapshot:
            global ENV
            package = Path(__file__).resolve().parent.parent / "newslint"
            shutil.copytree(package, Path(tmp) / "code" / "newslint",
                            ignore=shutil.ignore_patterns("__pycache__"))
            ENV = {**os.environ, "PYTHONPATH": str(Path(tmp) / "code")}
        for p in files:
            target = repo / p.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p, target)
        select = "" if args.all_rules else 'select = ["name-inconsistent-across"]\n'
        (repo / "newslint.toml").write_text(select, encoding="utf-8")
        one = files[len(files) // 2].relative_to(source)
        cmd = [*NEWSLINT, "lint", str(one)]
        cache = repo / ".newslint_cache"

        cold = []
        for _ in range(args.runs):
            shutil.rmtree(cache, ignore_errors=True)
            cold.append(_time(cmd, repo)[0])
        cold_cpu = CPU[-args.runs:]
        warm = [_time(cmd, repo)[0] for _ in range(args.runs)]
        warm_cpu = CPU[-args.runs:]
        edited = []
        for i in range(args.runs):
            with open(repo / one, "a", encoding="utf-8") as fh:
                fh.write(f"\nAn added line {i}.\n")
            edited.append(_time(cmd, repo)[0])
        edited_cpu = CPU[-args.runs:]
        _, out = _time(cmd, repo)
        with tempfile.TemporaryDirectory(prefix="newslint-bench-alone-") as alone:
            shutil.copyfile(repo / one, Path(alone) / one.name)
            select = [] if args.all_rules else ["--select", "name-inconsistent-across"]
            no_context = _time([*NEWSLINT, "lint", "--no-cache", *select, one.name],
                               Path(alone))[0]
            no_context_cpu = CPU[-1]
        project = _project_check_time(repo, args.all_rules)

    print(f"repository: {len(files)} articles from {source}")
    print(f"one file: {one}; rules: {'all default' if args.all_rules else 'NL601 only'}")
    print("                        wall: median [runs]        CPU (user+sys): median")
    for label, wall, cpu in (("cold (empty cache)", cold, cold_cpu),
                             ("warm (nothing changed)", warm, warm_cpu),
                             ("one file edited", edited, edited_cpu)):
        print(f"{label:<24}{statistics.median(wall):6.2f} s {_fmt(wall):<22}"
              f"{statistics.median(cpu):6.2f} s")
    print(f"{'one file, no repository':<24}{no_context:6.2f} s {'':<22}{no_context_cpu:6.2f} s")
    print(f"load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"project check alone (summaries in memory): {project * 1000:.0f} ms")
    print(f"findings in {one}: {len(out.splitlines())}")
    for line in out.splitlines():
        print("  " + line)
    return 0


def _fmt(xs: list[float]) -> str:
    return "[" + ", ".join(f"{x:.2f}" for x in xs) + "]"


def _project_check_time(repo: Path, all_rules: bool) -> float:
    """check_project over every article's summary, as a warm run does after reading."""
    from newslint.config import Config, config_from_mapping
    from newslint.engine import active_rules, check_document, check_project, parse_document
    from newslint.facts import EMPTY_FACTS
    from newslint.plugins import default_registry

    config = Config() if all_rules else config_from_mapping(
        {"select": ["name-inconsistent-across"]}, path=None, root=repo)
    registry = default_registry(config)
    rules = active_rules(registry, config)
    summaries = {}
    lengths = {}
    for p in sorted(repo.rglob("*.txt")):
        doc = parse_document(p.read_text(encoding="utf-8"), str(p), registry)
        summaries[str(p)] = check_document(doc, config=config, facts=EMPTY_FACTS,
                                           rules=rules).summaries
        lengths[str(p)] = len(doc.text)
    start = time.perf_counter()
    check_project(summaries, config=config, facts=EMPTY_FACTS, rules=rules, lengths=lengths)
    return time.perf_counter() - start


if __name__ == "__main__":
    raise SystemExit(main())
