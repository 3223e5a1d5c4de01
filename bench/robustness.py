"""Robustness figures (issue 8): the largest inputs linted, with wall time and peak
memory, and how many hypothesis examples the robustness tests run.

    .venv/bin/python bench/robustness.py            # sizes 1, 10, 50 MB + examples
    .venv/bin/python bench/robustness.py --sizes 1 10 --no-examples

Each lint runs as its own ``newslint lint`` process (no cache, default rules), so the
peak memory (``ru_maxrss`` from ``wait4``) is that one run's. Text is generated: a few
hundred distinct sentences of plain news prose, one paragraph per line, no errors
planted, so the time is the rules' scanning cost, not output.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUBJECTS = ["The council", "A spokesman for the trust", "Local residents", "The minister",
            "Police officers", "The company", "Health officials", "Union leaders"]
VERBS = ["said on Tuesday that", "warned that", "confirmed that", "told reporters that",
         "announced that", "denied claims that"]
CLAUSES = ["the new bridge would cost more than planned", "work on the road would start in May",
           "the hospital had met its targets", "fares would rise by 3% next year",
           "the school would reopen after repairs", "no decision had been taken",
           "the plan had been approved by a narrow margin", "talks would continue next week"]


def article(size: int, seed: int = 1, one_line: bool = False) -> str:
    rnd = random.Random(seed)
    parts = ["Council approves new budget after long debate", ""]
    total = 0
    para: list[str] = []
    while total < size:
        s = f"{rnd.choice(SUBJECTS)} {rnd.choice(VERBS)} {rnd.choice(CLAUSES)}."
        para.append(s)
        total += len(s) + 1
        if not one_line and len(para) == 4:
            parts.append(" ".join(para))
            parts.append("")
            para = []
    parts.append(" ".join(para))
    return "\n".join(parts) + "\n"


def write_article(path: Path, size: int, one_line: bool = False) -> None:
    """Generate the file in a child process: a parent holding 50 MB of text would pass
    its memory high-water mark on to every process it starts (Linux counts it in the
    child's ``ru_maxrss``), and the figures would be the bench's, not newslint's."""
    subprocess.run([sys.executable, __file__, "--write", str(path), str(size),
                    *(["--one-line"] if one_line else [])], check=True)


def run(args: list[str], cwd: Path) -> tuple[int, float, float, float, str]:
    """(exit status, wall seconds, CPU seconds, peak RSS in MB, stderr) of one run."""
    env = dict(os.environ, NEWSLINT_NO_CACHE="1")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newslint", *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    return proc.returncode, seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err


def measure_sizes(sizes_mb: list[float]) -> None:
    print("largest inputs (default rules, no cache, one process each)")
    print(f"{'input':<30} {'bytes':>11} {'status':>6} {'wall s':>7} {'CPU s':>7} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = root / "big.txt"
        cases = [(f"{mb:g} MB article", int(mb * 1e6), False) for mb in sizes_mb]
        cases.append(("1 MB single line", 1_000_000, True))
        (root / "newslint.toml").write_text("max-file-size = 0\n", encoding="utf-8")
        for label, size, one_line in cases:
            write_article(path, size, one_line)
            _row(label, path, root)
        # The default limit: the largest file is refused at once, with one line.
        (root / "newslint.toml").write_text("", encoding="utf-8")
        write_article(path, int(max(sizes_mb) * 1e6))
        err = _row("same, default max-file-size", path, root)
        print("   ", err.strip()[:160])
    with tempfile.TemporaryDirectory() as tmp:  # alone: no other articles as context
        root = Path(tmp)
        (root / "newslint.toml").write_text("", encoding="utf-8")
        (root / "empty.txt").write_text("", encoding="utf-8")
        _row("empty file (start-up)", root / "empty.txt", root)


def _row(label: str, path: Path, root: Path) -> str:
    status, wall, cpu, peak, err = run(["lint", path.name], root)
    print(f"{label:<30} {path.stat().st_size:>11,} {status:>6} {wall:>7.2f} {cpu:>7.2f} {peak:>8.0f}")
    if status == 2 and "too large" not in err:
        print("   ", err.strip().splitlines()[-1][:160])
    return err


def count_examples() -> None:
    """Run the hypothesis tests once and add up the examples each reports."""
    tests = sorted(str(p) for p in (REPO / "tests" / "robustness").glob("test_robustness_*.py")
                   if p.stem.rsplit("_", 1)[-1] in ("properties", "loaders", "packs"))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:cacheprovider",
                           "--hypothesis-show-statistics", *tests],
                          cwd=REPO, capture_output=True, text=True)
    total = 0
    current = None
    per_test: dict[str, int] = {}
    for line in proc.stdout.splitlines():
        m = re.match(r"^(\S+::\S+):$", line)
        if m:
            current = m.group(1).split("::")[-1]
        m = re.search(r"- (\d+) passing, (\d+) failing", line)
        if m and current:
            n = int(m.group(1)) + int(m.group(2))
            per_test[current] = per_test.get(current, 0) + n
            total += n
    print("\nhypothesis examples run (generate and reuse phases, one suite run)")
    for name, n in per_test.items():
        print(f"  {n:6d}  {name}")
    outcome = [ln for ln in proc.stdout.splitlines() if " passed" in ln or " failed" in ln]
    print(f"  {total:6d}  total   (pytest: {outcome[-1].strip() if outcome else proc.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 10, 50],
                        help="article sizes in MB (default: 1 10 50)")
    parser.add_argument("--no-examples", action="store_true", help="skip the hypothesis count")
    parser.add_argument("--write", nargs=2, metavar=("PATH", "BYTES"), help=argparse.SUPPRESS)
    parser.add_argument("--one-line", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write:
        Path(args.write[0]).write_text(article(int(args.write[1]), one_line=args.one_line),
                                       encoding="utf-8")
        return
    measure_sizes(args.sizes)
    if not args.no_examples:
        count_examples()


if __name__ == "__main__":
    main()
