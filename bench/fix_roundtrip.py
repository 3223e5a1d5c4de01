"""``newslint lint --fix`` run twice on COPIES of article folders.

Checks, for every file:
1. the second run changes nothing (same bytes, not even rewritten: same mtime);
2. the first run changed nothing outside the fixed spans: its output equals the original
   with each applied fix's replacement spliced in at its span, pass by pass, as worked
   out here independently from the findings of the library (`lint --format json` gives
   the same findings);
3. encoding, BOM and line-end style are kept.
Prints counts and timings; exits 1 if any check fails.

    .venv/bin/python bench/fix_roundtrip.py [FOLDER ...]   (default: examples/ and
    ../shared/corpus/dev/)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newslint.config import load_config  # noqa: E402
from newslint.discover import discover  # noqa: E402
from newslint.engine import active_rules, check_document, parse_document  # noqa: E402
from newslint.facts import EMPTY_FACTS  # noqa: E402
from newslint.fixing import read_raw  # noqa: E402
from newslint.plugins import default_registry  # noqa: E402
from newslint.runner import lint_sources  # noqa: E402

NEWSLINT = [sys.executable, "-m", "newslint"]


def snapshot(folder: Path) -> dict[Path, tuple[bytes, int]]:
    return {p: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file() and ".newslint_cache" not in p.parts}


def splice(text: str, findings) -> str:
    """Independent of newslint.fixing: the fixes in order, skipping any that overlaps."""
    out, pos, last_insert = [], 0, -1
    for f in sorted((f for f in findings if f.fix is not None and f.fix.safe),
                    key=lambda f: (f.fix.start, f.fix.end)):
        s, e, r = f.fix.start, f.fix.end, f.fix.replacement
        if s < pos or (s == e and s == last_insert) or text[s:e] == r:
            continue
        if "\r\n" in text and "\n" in r and "\r\n" not in r:
            r = r.replace("\n", "\r\n")
        out += [text[pos:s], r]
        pos, last_insert = e, (s if s == e else last_insert)
    return "".join(out) + text[pos:]


def expected_after_fix(folder: Path) -> dict[str, str]:
    """What --fix should leave in each file, from the library's findings."""
    old = os.getcwd()
    os.chdir(folder)
    try:
        config = load_config()
        registry = default_registry(config)
        rules = active_rules(registry, config)
        facts = EMPTY_FACTS
        if config.facts:
            from newslint.facts_loader import load_facts

            facts = load_facts([str(p) for p in config.facts])
        sources, _ = discover(["."], exclude=config.exclude)
        outcome = lint_sources(sources, config=config, facts=facts, registry=registry,
                               rules=rules, cache=None)
        expected = {}
        for file in outcome.files:
            if not any(f.fix is not None and f.fix.safe for f in file.findings):
                continue
            raw = read_raw(file.path, config.encoding)
            bom = "\ufeff" if raw.text.startswith("\ufeff") else ""
            text, findings = raw.text[len(bom):], file.findings
            for _ in range(10):
                new = splice(text, findings)
                if new == text:
                    break
                text = new
                doc = parse_document(text, file.path, registry)
                findings = check_document(doc, config=config, facts=facts, rules=rules).findings
            expected[os.path.normpath(file.path)] = bom + text
        return expected
    finally:
        os.chdir(old)


def line_end_style(data: bytes) -> tuple[bool, bool]:
    return (b"\r\n" in data, b"\n" in data.replace(b"\r\n", b""))


def check_folder(src: Path) -> bool:
    work = Path(tempfile.mkdtemp(prefix="newslint-fix-")) / src.name
    shutil.copytree(src, work, ignore=shutil.ignore_patterns(".newslint_cache"))
    for p in [work, *work.rglob("*")]:
        p.chmod(p.stat().st_mode | 0o200)  # the corpus is read-only; its copies are not
    try:
        expected = expected_after_fix(work)
        before = snapshot(work)
        t0 = time.perf_counter()
        first = subprocess.run([*NEWSLINT, "lint", "--fix", "--no-cache", "."], cwd=work,
                               capture_output=True, text=True)
        t1 = time.perf_counter()
        middle = snapshot(work)
        second = subprocess.run([*NEWSLINT, "lint", "--fix", "--no-cache", "."], cwd=work,
                                capture_output=True, text=True)
        t2 = time.perf_counter()
        after = snapshot(work)
        problems = []
        changed = [p for p in before if before[p][0] != middle[p][0]]
        for p in after:
            if after[p] != middle[p]:
                problems.append(f"{p}: the second --fix run changed it")
        for p in changed:
            rel = os.path.normpath(os.path.relpath(p, work))
            want = expected.get(rel)
            raw = read_raw(str(p))
            if want is None:
                problems.append(f"{rel}: changed, but no safe fix was expected")
            elif raw.text != want:
                problems.append(f"{rel}: text outside the fixed spans changed")
            if line_end_style(before[p][0]) != line_end_style(middle[p][0]) and \
                    line_end_style(middle[p][0]) != (False, False):
                problems.append(f"{rel}: line-end style changed")
            if before[p][0][:3] == b"\xef\xbb\xbf" and middle[p][0][:3] != b"\xef\xbb\xbf":
                problems.append(f"{rel}: BOM lost")
        for rel in expected:
            if (work / rel) not in changed and read_raw(str(work / rel)).text != expected[rel]:
                problems.append(f"{rel}: a safe fix was expected but the file is unchanged")
        if first.returncode == 2 or second.returncode == 2:
            problems.append(f"a run failed: {first.stderr.strip()} {second.stderr.strip()}")
        fixed_line = [ln for ln in first.stderr.splitlines() if "fixed" in ln or "nothing" in ln]
        print(f"{src}: {len(before)} files; run 1 ({t1 - t0:.2f} s) changed {len(changed)} "
              f"[{'; '.join(fixed_line)}]; run 2 ({t2 - t1:.2f} s) changed "
              f"{sum(1 for p in after if after[p] != middle[p])}; exit {first.returncode} then "
              f"{second.returncode}; {len(problems)} problems")
        for problem in problems[:20]:
            print("  " + problem)
        return not problems
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path,
                        default=[ROOT / "examples", ROOT.parent / "shared" / "corpus" / "dev"])
    args = parser.parse_args()
    ok = all([check_folder(f) for f in args.folders])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
