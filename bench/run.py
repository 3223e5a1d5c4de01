"""newslint's speed, side by side with proselint and a single regex pass (a benchmark,
not a test: it prints figures).

    pip install -e '.[bench]'        # proselint 0.16.0 and pyinstrument
    python bench/run.py [--corpus DIR] [--facts FILE] [--repeat 3] [--quick] [--only SECTION]

Every figure is a whole process, started the way a user starts it, timed by wall clock
(best of ``--repeat``; the 16x and 50 MB inputs run once unless ``--repeat-slow``):

1. throughput on the corpus: newslint with every default rule and the fact sheet
   (default ``--jobs``: every core, and ``--jobs 1``), proselint's default checks on
   the same files (``proselint check DIR``), the three taking turns, each the best of
   ``--repeat`` runs; and one Python regex pass (a repeated-word pattern over every
   file) as the floor; files/s, MiB/s, peak memory and ratios;
2. start-up: one 500-byte article, newslint against proselint;
3. scaling: the corpus copied 1x, 4x and 16x into one folder, and its articles end
   to end as one file, 1x (3.4 MB), 4x and 16x, and a 50 MB file: seconds per MiB
   should stay flat (each row against the 1x of its kind); a run past ``--timeout`` is
   stopped and reported as such; the 1x file, split by rules between the workers, is
   checked to give exactly the findings of ``--jobs 1``;
4. fact-sheet scaling: a 10-entry sheet against a 10,000-entry one (the sheets of
   ``bench/facts_scaling.py``);
5. ``--jobs`` speed-up (``--jobs 1`` against every core);
6. a warm-cache rerun against the cold run that filled the cache.

Peak memory is shown twice: the largest single process (``ru_maxrss``, what
``/usr/bin/time`` reports) and the whole process tree (the sum of every process's
resident memory, sampled every 10 ms; with ``--jobs`` the workers share the parent's
pages copy-on-write, so this sum overstates what the run really holds).

Nothing from the corpus is written into the project: copies go to a temporary folder
that is removed at the end. The machine's other load shows in every figure; run it on
a quiet machine and compare the ratios rather than the seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
NEWSLINT = BIN / "newslint"
PROSELINT = BIN / "proselint"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
DEFAULT_FACTS = ROOT.parent / "shared" / "seed-story.facts.toml"
MIB = 1024 * 1024
SECTIONS = ("throughput", "startup", "scaling", "facts", "jobs", "cache")

FLOOR = r'''
import os, re, sys
pattern = re.compile(r"\b(\w+)\s+\1\b")
found = 0
for folder, _, names in os.walk(sys.argv[1]):
    for name in sorted(names):
        if name.endswith((".txt", ".md")):
            with open(os.path.join(folder, name), encoding="utf-8") as fh:
                found += sum(1 for _ in pattern.finditer(fh.read()))
print(found)
'''

# A made-up 500-byte article for the start-up figure (not from the corpus).
SMALL_ARTICLE = (
    "Harbour council delays ferry timetable vote\n\n"
    "The harbour council postponed its vote on the winter ferry timetable on Tuesday "
    "after residents of the outer islands asked for more time to respond. The council "
    "said the consultation would now close at the end of the month. A spokeswoman for "
    "the operator said the current timetable would stay in place until a decision was "
    "made, and that no sailings would be cut before the spring. Islanders have "
    "complained about cancelled crossings for two winters running. Councillors will "
    "meet again next month.\n"
)


@dataclass
class Run:
    wall: float  # seconds
    cpu: float  # user + system seconds of the process and its children
    rss: int  # bytes: largest single process
    tree: int  # bytes: largest sum over the process tree (sampled)
    status: int


_SAMPLE_SECONDS = 0.01  # (every 50 ms timed the same within the machine's noise)


def _tree_rss(pid: int) -> int:
    total = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (OSError, ValueError):
            continue
    return total


def measure(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None,
            timeout: float | None = None) -> Run:
    """Run ``cmd`` once; wall time, CPU time and peak memory. Past ``timeout`` seconds
    the process (and its workers) are stopped and ``status`` is -1."""
    peak = [0]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    done = threading.Event()
    stopped = [False]

    def stop() -> None:
        if not done.wait(timeout):
            stopped[0] = True
            try:
                os.killpg(proc.pid, 9)
            except OSError:
                pass

    if timeout:
        threading.Thread(target=stop, daemon=True).start()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            done.wait(_SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    if Path("/proc").is_dir():
        sampler.start()
    err = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    proc.returncode = os.waitstatus_to_exitcode(status)
    code = proc.returncode
    if stopped[0]:
        return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, peak[0], -1)
    if code not in (0, 1):
        raise SystemExit(f"failed ({code}): {' '.join(cmd)}\n{err.decode(errors='replace')[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024, peak[0], code)


def best(cmd: list[str], repeat: int, *, cwd: Path, env: dict[str, str] | None = None,
         timeout: float | None = None) -> Run:
    return _best_of([measure(cmd, cwd=cwd, env=env, timeout=timeout)
                     for _ in range(max(1, repeat))])


def _best_of(runs: list[Run]) -> Run:
    """The fastest run, with the largest memory any of them took."""
    fastest = min(runs, key=lambda r: r.wall)
    fastest.rss = max(r.rss for r in runs)
    fastest.tree = max(r.tree for r in runs)
    return fastest


def corpus_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in (".txt", ".md") and p.is_file())


def size_of(paths: list[Path]) -> int:
    return sum(p.stat().st_size for p in paths)


def mib(n: int) -> str:
    return f"{n / MIB:6.1f} MiB"


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "not installed"


def _facts_scaling_module():
    path = HERE / "facts_scaling.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location("facts_scaling", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--facts", type=Path, default=DEFAULT_FACTS)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each fast figure (best)")
    parser.add_argument("--repeat-slow", type=int, default=1,
                        help="runs of the 16x and 50 MB inputs (proselint runs --repeat times)")
    parser.add_argument("--quick", action="store_true", help="skip 16x and the 50 MB file")
    parser.add_argument("--big-mb", type=int, default=50, help="size of the one big file (MB)")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="stop any one scaling run after this many seconds")
    parser.add_argument("--only", action="append", choices=SECTIONS, metavar="SECTION",
                        help=f"run only this section (repeatable): {', '.join(SECTIONS)}")
    args = parser.parse_args(argv)
    wanted = set(args.only or SECTIONS)

    files = corpus_files(args.corpus)
    if not files:
        raise SystemExit(f"no articles in {args.corpus}")
    nbytes = size_of(files)
    have_proselint = PROSELINT.exists()
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"newslint speed benchmark: {cpus} cores, Python {platform.python_version()}, "
          f"{_version([str(NEWSLINT), '--version'])}, "
          f"proselint {_version([str(PROSELINT), 'version']) if have_proselint else 'not installed'}")
    print(f"corpus: {args.corpus} ({len(files):,} files, {nbytes / MIB:.2f} MiB); "
          f"facts: {args.facts.name}; wall clock, best of {args.repeat}")
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    print(f"load average at start: {load:.2f} (other work on the machine slows every figure)")

    with tempfile.TemporaryDirectory(prefix="newslint-bench-") as tmp_name:
        tmp = Path(tmp_name)
        work = tmp / "work"  # neutral working folder: no configuration above it that we know
        work.mkdir()
        (work / "newslint.toml").write_text("max-file-size = 0\n", encoding="utf-8")
        # As installed: bytecode written and reused (pip compiles an installed package;
        # PYTHONDONTWRITEBYTECODE would make newslint, not proselint, compile every run).
        env = {k: v for k, v in os.environ.items()
               if k not in ("NEWSLINT_NO_CACHE", "NEWSLINT_CACHE_DIR", "NEWSLINT_DISABLE_PLUGINS",
                            "PYTHONDONTWRITEBYTECODE")}
        warm_up = work / "warm-up.txt"
        warm_up.write_text(SMALL_ARTICLE + "On 18 September 2023, a Monday.\n", encoding="utf-8")
        measure([str(NEWSLINT), "lint", "--no-cache", "--facts", str(args.facts), str(warm_up)],
                cwd=work, env=env)
        nl = [str(NEWSLINT), "lint", "--no-cache", "--facts", str(args.facts)]

        # 1. Throughput -------------------------------------------------------------
        if wanted & {"throughput", "jobs"}:
            nl_run, nl_one = _throughput(args, files, nbytes, nl, work, env, tmp, cpus,
                                         have_proselint)
        if "startup" in wanted:
            _startup(args, work, env, have_proselint)
        if "scaling" in wanted:
            _scaling(args, files, nbytes, nl, work, env, tmp)
        if "facts" in wanted:
            _facts(args, work, env, tmp)
        if "jobs" in wanted:
            # 5. Jobs ---------------------------------------------------------------
            print(f"\n5. --jobs speed-up on {cpus} cores (figures from 1.)")
            print(f"  --jobs 1 {nl_one.wall:.2f} s, --jobs {cpus} {nl_run.wall:.2f} s: "
                  f"{nl_one.wall / nl_run.wall:.2f}x   (CPU: {nl_one.cpu:.2f} s against "
                  f"{nl_run.cpu:.2f} s)")
        if "cache" in wanted:
            _cache(args, work, env, tmp)
    return 0


def _throughput(args, files, nbytes, nl, work, env, tmp, cpus, have_proselint):
    """1. Throughput on the corpus, side by side; returns the two newslint runs."""
    print("\n1. Throughput on the corpus")
    rows: list[tuple[str, Run]] = []
    # The three take turns, each the best of as many runs: a machine whose speed drifts
    # over the minute this takes slows them alike, and neither gets more draws.
    commands = [[*nl, str(args.corpus)], [*nl, "--jobs", "1", str(args.corpus)]]
    if have_proselint:
        commands.append([str(PROSELINT), "check", str(args.corpus)])
    runs: list[list[Run]] = [[] for _ in commands]
    for _ in range(max(1, args.repeat)):
        for cmd, done in zip(commands, runs):
            done.append(measure(cmd, cwd=work, env=env))
    nl_run, nl_one, *rest = [_best_of(r) for r in runs]
    rows.append((f"newslint, default rules + facts, --jobs {cpus}", nl_run))
    rows.append(("newslint, the same, --jobs 1", nl_one))
    pl_run = rest[0] if rest else None
    if pl_run is not None:
        rows.append(("proselint 0.16, default checks", pl_run))
    floor_py = tmp / "floor.py"
    floor_py.write_text(FLOOR, encoding="utf-8")
    floor = best([sys.executable, str(floor_py), str(args.corpus)], args.repeat, cwd=work, env=env)
    rows.append(("one regex pass (floor)", floor))
    print(f"  {'':44} {'seconds':>8} {'files/s':>9} {'MiB/s':>7} {'CPU s':>6}  "
          f"{'peak memory: largest process / tree':>36}")
    for label, r in rows:
        print(f"  {label:44} {r.wall:8.2f} {len(files) / r.wall:9.0f} "
              f"{nbytes / MIB / r.wall:7.2f} {r.cpu:6.2f}  {mib(r.rss):>17} / {mib(r.tree)}")
    if pl_run:
        print(f"  newslint vs proselint: {pl_run.wall / nl_run.wall:.1f}x faster "
              f"(--jobs 1: {pl_run.wall / nl_one.wall:.1f}x; CPU time: "
              f"{pl_run.cpu / nl_run.cpu:.1f}x less)   [target >= 10x, aim 20x]")
    print(f"  newslint vs the regex floor: {nl_run.wall / floor.wall:.1f}x slower "
          f"(--jobs 1: {nl_one.wall / floor.wall:.1f}x)")
    print(f"  peak memory of the newslint run: {nl_run.rss / MIB:.1f} MiB largest process "
          f"(--jobs 1: {nl_one.rss / MIB:.1f} MiB)   [target < 80 MiB]")
    return nl_run, nl_one


def _startup(args, work, env, have_proselint):
    """2. Start-up on one small article."""
    # 2. Start-up ---------------------------------------------------------------
    print("\n2. Start-up: one 500-byte article")
    small = work / "small.txt"
    small.write_text(SMALL_ARTICLE[:500], encoding="utf-8")
    n = max(5, args.repeat * 3)
    starts = {}
    for label, cmd in (
        ("newslint lint small.txt", [str(NEWSLINT), "lint", str(small)]),
        ("newslint lint --no-cache small.txt", [str(NEWSLINT), "lint", "--no-cache", str(small)]),
        ("newslint --version", [str(NEWSLINT), "--version"]),
        *((("proselint check small.txt", [str(PROSELINT), "check", str(small)]),)
          if have_proselint else ()),
        ("python -c pass", [sys.executable, "-c", "pass"]),
    ):
        runs = sorted(measure(cmd, cwd=work, env=env).wall for _ in range(n))
        starts[label] = runs
        print(f"  {label:44} best {runs[0] * 1000:6.0f} ms   median {runs[len(runs) // 2] * 1000:6.0f} ms")
    if have_proselint:
        ratio = starts["newslint lint small.txt"][0] / starts["proselint check small.txt"][0]
        print(f"  newslint / proselint: {ratio:.2f}   [target <= 1.0]")


def _scaling(args, files, nbytes, nl, work, env, tmp):
    """3. Seconds per MiB as the input grows: folders of copies, and one file."""
    print(f"\n3. Scaling: seconds per MiB as the input grows (each run stopped after "
          f"{args.timeout:.0f} s)")
    big = tmp / "big"
    rows: list[tuple[str, str, float, float]] = []  # label, group, wall/MiB, CPU/MiB
    print(f"  {'':42} {'wall':>9}  {'wall/MiB':>9}  {'CPU/MiB':>9}  {'vs 1x':>6}  "
          f"peak memory: largest process / tree")

    def scaled(label: str, target: Path, size: int, repeat: int, group: str) -> None:
        r = best([*nl, str(target)], repeat, cwd=work, env=env, timeout=args.timeout)
        mibs = size / MIB
        if r.status == -1:
            print(f"  {label:42} stopped after {r.wall:.0f} s (over {r.wall / mibs:.3f} s/MiB)"
                  f"  peak {mib(r.rss)}")
            rows.append((label, group, float("inf"), float("inf")))
            return
        rows.append((label, group, r.wall / mibs, r.cpu / mibs))
        same = [w for _l, g, w, _c in rows if g == group]
        growth = f"{(same[-1] / same[0] - 1) * 100:+5.0f}%" if len(same) > 1 else "     "
        print(f"  {label:42} {r.wall:7.2f} s  {r.wall / mibs:7.3f} s  {r.cpu / mibs:7.3f} s  "
              f"{growth:>6}  {mib(r.rss)} / {mib(r.tree)}")

    for copies in (1, 4) if args.quick else (1, 4, 16):
        folder = big / f"x{copies}"
        for c in range(copies):
            dest = folder / f"copy{c:02d}"
            dest.mkdir(parents=True)
            for f in files:
                shutil.copyfile(f, dest / f.name)
        scaled(f"corpus x{copies} ({len(files) * copies:,} files, {nbytes * copies / MIB:.1f} MiB)",
               folder, nbytes * copies, args.repeat if copies == 1 else 1, "folders")
        shutil.rmtree(folder)
    # The corpus's articles end to end as one file, 1x, 4x and 16x, then a file of
    # --big-mb: one document growing.
    targets = [(c, None) for c in ((1,) if args.quick else (1, 4, 16))]
    if not args.quick:
        targets.append((0, args.big_mb * 1000 * 1000))
    for copies, target_size in targets:
        one = tmp / "one-file.txt"
        with open(one, "wb") as out:
            written = 0
            done = False
            for _ in range(copies or 1 << 30):
                for f in files:
                    data = f.read_bytes().rstrip(b"\n") + b"\n\n"
                    out.write(data)
                    written += len(data)
                    if target_size is not None and written >= target_size:
                        done = True
                        break
                if done:
                    break
        label = f"corpus x{copies} as one file" if copies else f"one file of {written / 1e6:.1f} MB"
        scaled(f"{label} ({written / MIB:.1f} MiB)", one, written, 1, "files")
        if copies == 1:
            _same_findings_split(nl, one, work, env)
        one.unlink()

    def spread(values: list[float]) -> str:
        return f"+{(max(values) / min(values) - 1) * 100:.0f}%" if values else "n/a"

    def worst_growth(group: str) -> str:
        values = [w for _l, g, w, _c in rows if g == group]
        return f"{(max(values[1:]) / values[0] - 1) * 100:+.0f}%" if len(values) > 1 else "n/a"

    # Flat means no larger input costs more per MiB than its 1x; a larger run that is
    # cheaper per MiB (start-up and the pool spread over more files) is not a failure,
    # so the growth against 1x is the target's figure, and the spread is shown beside it.
    print(f"  worst wall time per MiB against its 1x: folders {worst_growth('folders')}, "
          f"one file {worst_growth('files')}   [target within 15%]")
    folder_1x = [w for _l, g, w, _c in rows if g == "folders"][:1]
    file_1x = [w for _l, g, w, _c in rows if g == "files"][:1]
    if folder_1x and file_1x:
        print(f"  the corpus as one file against the same articles as files: "
              f"{(file_1x[0] / folder_1x[0] - 1) * 100:+.0f}% wall per MiB (one file is one "
              f"article to the rules that weigh a whole article, which find more there)")
    print(f"  largest / smallest wall time per MiB: folders "
          f"{spread([w for _l, g, w, _c in rows if g == 'folders'])}, "
          f"one file {spread([w for _l, g, w, _c in rows if g == 'files'])}")
    print(f"  the same in CPU time: folders {spread([c for _l, g, _w, c in rows if g == 'folders'])}, "
          f"one file {spread([c for _l, g, _w, c in rows if g == 'files'])}")


def _same_findings_split(nl: list[str], one: Path, work: Path, env: dict[str, str]) -> None:
    """A large file is split by rules between the workers (newslint.splitting): its
    findings must be exactly those of one process."""
    outputs = []
    for jobs in ([], ["--jobs", "1"]):
        out = subprocess.run([*nl, *jobs, "--format", "json", str(one)], cwd=work, env=env,
                             capture_output=True)
        if out.returncode not in (0, 1):  # e.g. a rule stopped by rule-time-limit
            why = out.stderr.decode(errors="replace").strip().splitlines()[:1]
            print(f"  {'':42} split run not compared: {' '.join(jobs) or 'default --jobs'} "
                  f"exited {out.returncode}: {why[0] if why else ''}")
            return
        outputs.append(out.stdout)
    same = outputs[0] == outputs[1] and outputs[0].strip() != b""
    count = outputs[1].count(b'"code":')
    print(f"  {'':42} findings of the split run identical to --jobs 1: "
          f"{'yes' if same else 'NO'} ({count:,} findings)")


def _facts(args, work, env, tmp):
    # 4. Fact sheets ------------------------------------------------------------
    print("\n4. Fact-sheet scaling: 10 against 10,000 entries (default rules + fact rules)")
    fs = _facts_scaling_module()
    if fs is None:
        print("  bench/facts_scaling.py not found; skipped")
        return
    import random

    small_sheet = tmp / "small.facts.toml"
    small_sheet.write_text(fs.SMALL, encoding="utf-8")
    big_sheet = tmp / "big.facts.toml"
    big_sheet.write_text(fs.big_sheet(random.Random(2024)), encoding="utf-8")
    # The two runs take turns (best of each), so that a machine whose speed drifts
    # slows both alike.
    sheets = (("10 entries", small_sheet), ("10,000 entries", big_sheet))
    runs: dict[str, list[Run]] = {label: [] for label, _ in sheets}
    for _ in range(max(3, args.repeat)):
        for label, sheet in sheets:
            runs[label].append(measure([str(NEWSLINT), "lint", "--no-cache", "--facts", str(sheet),
                                        "--extend-select", fs.FACT_RULES, str(args.corpus)],
                                       cwd=work, env=env))
    times = {}
    for label, _sheet in sheets:
        r = min(runs[label], key=lambda x: x.wall)
        times[label] = r.wall
        print(f"  {label:16} {r.wall:6.2f} s  peak {mib(max(x.rss for x in runs[label]))}")
    print(f"  ratio: {times['10,000 entries'] / times['10 entries']:.2f} (the runs taking turns, "
          f"best of {max(3, args.repeat)} each)   [target < 1.5]")


def _cache(args, work, env, tmp):
    # 6. Cache ------------------------------------------------------------------
    print("\n6. Warm-cache rerun (unchanged files)")
    cache_env = dict(env, NEWSLINT_CACHE_DIR=str(tmp / "cache"))
    cached = [str(NEWSLINT), "lint", "--facts", str(args.facts), str(args.corpus)]
    cold = measure(cached, cwd=work, env=cache_env)
    warm = best(cached, args.repeat, cwd=work, env=cache_env)
    print(f"  cold (fills the cache) {cold.wall:6.2f} s")
    print(f"  warm                   {warm.wall:6.2f} s  peak {mib(warm.rss)}")
    print(f"  warm / cold: {warm.wall / cold.wall:.2f}   [target < 0.20]")

if __name__ == "__main__":
    raise SystemExit(main())
