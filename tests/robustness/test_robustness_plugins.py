"""Broken plugins, installed for real (a throwaway distribution with a ``newslint``
entry point on PYTHONPATH), run through the CLI in a subprocess: each is reported by
name, and the run's other rules and files go on. ``NEWSLINT_DISABLE_PLUGINS`` and the
``disable-plugins`` configuration key switch one off.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ..plugin_dist import make_plugin, run_newslint

HEADER = '''
from newslint import Rule, Severity, Violation, Fix
from newslint.hookspecs import hookimpl

def rule(code, name, check):
    cls = type(name.title().replace("-", ""), (Rule,), {
        "code": code, "name": name, "severity": Severity.WARNING,
        "summary": "A test rule.", "docs": "", "check": check})
    return cls()
'''

PLUGINS = {
    "nlx_import_error": "import no_such_module_anywhere\n",
    "nlx_exits_on_import": "import sys\nsys.exit(3)\n",
    "nlx_hook_raises": HEADER + '''
@hookimpl
def newslint_register_rules(register, config):
    raise RuntimeError("cannot start")
''',
    "nlx_registers_garbage": HEADER + '''
@hookimpl
def newslint_register_rules(register, config):
    register("not a rule")
''',
    "nlx_garbage_findings": HEADER + '''
def yields_a_string(self, doc, ctx):
    yield "a finding?"
def out_of_range(self, doc, ctx):
    yield Violation(0, len(doc.text) + 10, "too far")
def float_offsets(self, doc, ctx):
    yield Violation(0.5, 1, "half a character")
def bad_fix(self, doc, ctx):
    yield Violation(0, 1, "bad fix", fix=Fix(0, 1, 42))
def returns_none(self, doc, ctx):
    return None

@hookimpl
def newslint_register_rules(register, config):
    register(rule("XG101", "yields-a-string", yields_a_string))
    register(rule("XG102", "out-of-range", out_of_range))
    register(rule("XG103", "float-offsets", float_offsets))
    register(rule("XG104", "bad-fix", bad_fix))
    register(rule("XG105", "returns-none", returns_none))
''',
    "nlx_misspelled_hook": HEADER + '''
@hookimpl
def newslint_register_rule(register, config):
    pass
''',
    "nlx_bad_parser": '''
from newslint.hookspecs import hookimpl
from newslint.parsers.base import Parser

class Exploding(Parser):
    name = "story"
    extensions = (".story",)
    def parse(self, text, path):
        raise ValueError("cannot parse stories")

@hookimpl
def newslint_register_parsers(register):
    register(Exploding())
''',
    "nlx_hangs_on_import": "while True:\n    pass\n",
    "nlx_hangs_in_hook": HEADER + '''
@hookimpl
def newslint_register_rules(register, config):
    while True:
        try:
            sum(range(1000))
        except Exception:
            pass
''',
    "nlx_slow_project": HEADER + '''
from newslint import ProjectRule

def spin():
    while True:
        try:
            sum(range(1000))
        except Exception:
            pass

class SlowCollect(ProjectRule):
    code, name, severity, summary, docs = "XP101", "slow-collect", Severity.WARNING, "x", ""
    def collect(self, doc, ctx):
        spin()
    def check_project(self, summaries, ctx):
        return ()

class SlowAcross(ProjectRule):
    code, name, severity, summary, docs = "XP102", "slow-across", Severity.WARNING, "x", ""
    def collect(self, doc, ctx):
        return len(doc.text)
    def check_project(self, summaries, ctx):
        spin()
        yield

@hookimpl
def newslint_register_rules(register, config):
    register(SlowCollect())
    register(SlowAcross())
''',
    "nlx_slow": HEADER + '''
def forever(self, doc, ctx):
    while True:            # never finishes, and swallows ordinary exceptions
        try:
            sum(range(1000))
        except Exception:
            pass
    yield

@hookimpl
def newslint_register_rules(register, config):
    register(rule("XS101", "never-finishes", forever))
''',
}

A = "Ministers met in in Rome.\n"  # NL101 at 1:18
B = "They said the the plan was good.\n"  # NL101 at 1:15
EXPECTED = [("a.txt", "repeated-word", 1, 18), ("b.txt", "repeated-word", 1, 15)]


def _setup(tmp_path: Path, name: str, config: str = "") -> tuple[Path, Path]:
    site = make_plugin(tmp_path / "site", name, PLUGINS[name])
    work = tmp_path / "work"
    work.mkdir()
    (work / "newslint.toml").write_text(config, encoding="utf-8")
    (work / "a.txt").write_text(A, encoding="utf-8")
    (work / "b.txt").write_text(B, encoding="utf-8")
    return site, work


def _lint(site: Path, work: Path, *extra: str, select: str = "NL101",
          env: dict[str, str] | None = None):
    run = run_newslint(["lint", "--format", "json", "--select", select, *extra,
                        "a.txt", "b.txt"], site=site, cwd=work, env=env)
    assert "Traceback" not in run.stderr, run.stderr
    found = [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(run.stdout)]
    return run, found


@pytest.mark.parametrize("name,needle", [
    ("nlx_import_error", "plugin 'nlx_import_error' (nlx_import_error) failed to load: "
                         "ModuleNotFoundError"),
    ("nlx_exits_on_import", "plugin 'nlx_exits_on_import' (nlx_exits_on_import) failed to load: "
                            "SystemExit: 3"),
    ("nlx_hook_raises", "plugin 'nlx_hook_raises' raised in newslint_register_rules: "
                        "RuntimeError: cannot start"),
    ("nlx_registers_garbage", "plugin nlx_registers_garbage registered str 'not a rule', "
                              "not a newslint Rule"),
    ("nlx_misspelled_hook", "plugin 'nlx_misspelled_hook' has a hook newslint does not know"),
])
def test_plugin_that_cannot_load_or_register_is_named_once(tmp_path: Path, name: str,
                                                           needle: str) -> None:
    site, work = _setup(tmp_path, name)
    run, found = _lint(site, work)
    assert run.returncode == 2
    assert found == EXPECTED  # the built-in rules ran on every file
    [line] = run.stderr.splitlines()
    assert line.startswith("newslint: error: ") and needle in line, line
    assert f"NEWSLINT_DISABLE_PLUGINS={name}" in line or "not a newslint Rule" in line \
        or "raised in" in line


def test_rules_returning_garbage_are_named_per_file_and_others_run(tmp_path: Path) -> None:
    site, work = _setup(tmp_path, "nlx_garbage_findings")
    run, found = _lint(site, work, select="NL101,XG")
    assert run.returncode == 2
    assert found == EXPECTED
    errors = run.stderr.splitlines()
    assert len(errors) == 10  # five rules, two files
    for path in ("a.txt", "b.txt"):
        mine = [e for e in errors if e.startswith(f"newslint: error: {path}: ")]
        assert [e.split(" failed: ")[1].split(";")[0] for e in mine] == [
            "TypeError: check() yielded str, not a Violation",
            f"ValueError: violation span 0..{len(A if path == 'a.txt' else B) + 10} "
            f"outside the document (0..{len(A if path == 'a.txt' else B)})",
            "ValueError: violation span 0.5..1 outside the document (0..%d)"
            % len(A if path == "a.txt" else B),
            "TypeError: fix replacement is int, not a string",
            "TypeError: 'NoneType' object is not iterable",
        ]
        assert all("from nlx_garbage_findings" in e for e in mine)


def test_parser_that_fails_fails_only_its_file(tmp_path: Path) -> None:
    site, work = _setup(tmp_path, "nlx_bad_parser")
    (work / "c.story").write_text("A story.\n", encoding="utf-8")
    run = run_newslint(["lint", "--format", "json", "c.story", "a.txt", "b.txt"],
                       site=site, cwd=work)
    assert run.returncode == 2
    found = [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(run.stdout)]
    assert found == EXPECTED
    assert run.stderr.splitlines() == [
        "newslint: error: c.story: parser 'story' failed on this file: ValueError: cannot "
        "parse stories; file not linted"]


def test_rule_that_never_finishes_is_stopped_and_named(tmp_path: Path) -> None:
    site, work = _setup(tmp_path, "nlx_slow", "rule-time-limit = 0.3\n")
    started = time.monotonic()
    run, found = _lint(site, work, "--jobs", "1", select="NL101,XS")
    elapsed = time.monotonic() - started
    assert run.returncode == 2
    assert found == EXPECTED
    assert run.stderr.splitlines() == [
        f"newslint: error: {p}: rule never-finishes (XS101, from nlx_slow) stopped after 0.3 s "
        f"on this file (rule-time-limit); its findings here are missing; other rules still ran"
        for p in ("a.txt", "b.txt")]
    assert elapsed < 60  # generous: only a hang fails this


@pytest.mark.parametrize("how", ["env", "config"])
def test_a_broken_plugin_can_be_switched_off(tmp_path: Path, how: str) -> None:
    config = 'disable-plugins = ["nlx_hook_raises"]\n' if how == "config" else ""
    site, work = _setup(tmp_path, "nlx_hook_raises", config)
    env = {"NEWSLINT_DISABLE_PLUGINS": "nlx_hook_raises"} if how == "env" else None
    run, found = _lint(site, work, env=env)
    assert (run.returncode, run.stderr) == (1, "")
    assert found == EXPECTED


def test_selecting_the_rules_of_a_plugin_that_failed_does_not_stop_the_run(tmp_path: Path) -> None:
    site, work = _setup(tmp_path, "nlx_import_error", 'extend-select = ["XG1"]\n')
    run, found = _lint(site, work)
    assert run.returncode == 2
    assert found == EXPECTED
    errors = run.stderr.splitlines()
    assert len(errors) == 2 and "failed to load" in errors[0]
    assert errors[1] == ("newslint: error: unknown rule 'XG1' in select/ignore (a plugin above "
                         "failed to load; its rules are skipped)")


@pytest.mark.parametrize("name,needle", [
    ("nlx_hangs_on_import", "plugin 'nlx_hangs_on_import' (nlx_hangs_on_import) took more than "
                            "0.3 s to import and was stopped (rule-time-limit)"),
    ("nlx_hangs_in_hook", "plugin 'nlx_hangs_in_hook' took more than 0.3 s in "
                          "newslint_register_rules and was stopped (rule-time-limit)"),
])
def test_plugin_that_hangs_while_loading_is_stopped_and_named(tmp_path: Path, name: str,
                                                              needle: str) -> None:
    site, work = _setup(tmp_path, name, "rule-time-limit = 0.3\n")
    run, found = _lint(site, work)
    assert run.returncode == 2
    assert found == EXPECTED
    [line] = run.stderr.splitlines()
    assert line.startswith("newslint: error: ") and needle in line, line


def test_project_rules_that_never_finish_are_stopped_and_named(tmp_path: Path) -> None:
    site, work = _setup(tmp_path, "nlx_slow_project", "rule-time-limit = 0.3\n")
    run, found = _lint(site, work, "--jobs", "1", select="NL101,XP")
    assert run.returncode == 2
    assert found == EXPECTED
    assert run.stderr.splitlines() == [
        *(f"newslint: error: {p}: rule slow-collect (XP101, from nlx_slow_project) stopped "
          f"after 0.3 s on this file (rule-time-limit); other rules still ran"
          for p in ("a.txt", "b.txt")),
        "newslint: error: rule slow-across (XP102, from nlx_slow_project) stopped after 0.3 s "
        "across articles (rule-time-limit); other rules still ran"]
