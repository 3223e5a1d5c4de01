"""Does a big fact sheet cost more than a small one? (A benchmark, not a test.)

Lints the dev corpus with every default rule plus the four fact rules, once with a
10-entry sheet and once with a generated 10,000-entry sheet (7,000 people, 2,000
terms, 500 counts, 500 events), and prints the wall-clock time of each run (best of
three, a fresh ``newslint`` process each, no cache; wall-clock and CPU time) and their
ratio. The goal is a
ratio under 1.5: names are matched through one compiled trie per sheet, so a sheet's
size should cost its loading and compiling, not a scan per entry.

    .venv/bin/python bench/facts_scaling.py [--corpus DIR] [--jobs 1] [--only-fact-rules]
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NEWSLINT = Path(sys.executable).with_name("newslint")
FACT_RULES = "name-spelling,title-mismatch,count-mismatch,ordinal-mismatch"

SMALL = """\
[[person]]
name = "Tony Blair"
also = ["Blair"]
titles = ["Prime Minister"]

[[person]]
name = "Gordon Brown"
also = ["Brown"]
wrong = ["Gordon Browne"]
titles = ["Chancellor"]

[[person]]
name = "Michael Howard"
also = ["Howard"]
titles = ["Conservative leader", "Tory leader"]

[[person]]
name = "Charles Kennedy"
also = ["Kennedy"]
titles = ["Liberal Democrat leader"]

[[person]]
name = "Jack Straw"
titles = ["Foreign Secretary"]

[[term]]
name = "Downing Street"
wrong = ["Downing street"]

[[term]]
name = "Liberal Democrats"

[[count]]
about = ["EU", "European Union"]
value = 25
nouns = ["member states", "members"]

[[count]]
about = ["WTO"]
value = 148
nouns = ["members"]

[[event]]
name = "Academy Awards"
also = ["Oscars"]
ordinal = 77
start = 2005-02-27
"""

_SYLLABLES = "ka ro mi ten sha lo vi dre an el son berg ov ic ez ma tu ran hel gor wy ne st".split()


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def big_sheet(rng: random.Random) -> str:
    """10,000 entries with unique names; wrong forms never equal a right form."""
    used: set[str] = set()

    def fresh(words: int) -> str:
        while True:
            name = " ".join(_word(rng) for _ in range(words))
            if name not in used:
                used.add(name)
                return name

    out = []
    people = [fresh(2) for _ in range(7000)]
    wrongs = [fresh(2) for _ in range(7000)]
    for name, wrong in zip(people, wrongs):
        out.append(
            f'[[person]]\nname = "{name}"\nalso = ["{name.split()[-1]}"]\nwrong = ["{wrong}"]\n'
            f'titles = ["{rng.choice(["Foreign", "Defence", "Health"])} Minister", "leader"]\n'
        )
    for _ in range(2000):
        out.append(f'[[term]]\nname = "{fresh(3)}"\nwrong = ["{fresh(3)}"]\n')
    for _ in range(500):
        out.append(
            f'[[count]]\nabout = ["{fresh(2)}"]\nvalue = {rng.randint(2, 500)}\n'
            f'nouns = ["members", "countries"]\n'
        )
    for _ in range(500):
        out.append(f'[[event]]\nname = "{fresh(2)} Summit"\nordinal = {rng.randint(1, 40)}\n')
    return "\n".join(out)


def run(sheet: Path, corpus: Path, jobs: int, only_facts: bool) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of the newslint process)."""
    select = ["--select" if only_facts else "--extend-select", FACT_RULES]
    cmd = [str(NEWSLINT), "lint", "--no-cache", "--jobs", str(jobs), "--facts", str(sheet),
           *select, "--format", "json", str(corpus)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"newslint failed ({done.returncode}): {done.stderr.strip()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared/corpus/dev")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only-fact-rules", action="store_true",
                        help="run the four fact rules alone, where a sheet's size shows most")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        small = Path(tmp, "small.facts.toml")
        small.write_text(SMALL, encoding="utf-8")
        big = Path(tmp, "big.facts.toml")
        big.write_text(big_sheet(random.Random(2024)), encoding="utf-8")
        check = subprocess.run([str(NEWSLINT), "facts", "check", str(big)], capture_output=True,
                               text=True)
        print(f"big sheet: {check.stdout.strip().split(': ', 1)[-1]}")
        only = args.only_fact_rules
        smalls, bigs = [], []
        for _ in range(args.repeat):  # interleaved, so a busy spell hits both alike
            smalls.append(run(small, args.corpus, args.jobs, only))
            bigs.append(run(big, args.corpus, args.jobs, only))
        wall_small, wall_big = min(w for w, _ in smalls), min(w for w, _ in bigs)
        cpu_small, cpu_big = min(c for _, c in smalls), min(c for _, c in bigs)
    files = sum(1 for _ in args.corpus.glob("*.txt"))
    rules = "the four fact rules alone" if args.only_fact_rules else "default rules + fact rules"
    print(f"corpus: {args.corpus} ({files} files), {rules}, jobs={args.jobs}, "
          f"best of {args.repeat}")
    print(f"10-entry sheet:     {wall_small:.2f} s wall, {cpu_small:.2f} s CPU")
    print(f"10,000-entry sheet: {wall_big:.2f} s wall, {cpu_big:.2f} s CPU")
    print(f"ratio: {wall_big / wall_small:.2f} wall, {cpu_big / cpu_small:.2f} CPU (goal < 1.5; "
          "CPU time is the steadier figure on a shared machine)")


if __name__ == "__main__":
    main()
