"""Plugins: an outside package adds a rule through the entry-point group, and a rule
that raises is reported by name while every other rule still runs on every file."""

from __future__ import annotations

import json
from pathlib import Path

from newslint.config import Config
from newslint.engine import active_rules, check_document, parse_document
from newslint.facts import EMPTY_FACTS
from newslint.hookspecs import hookimpl
from newslint.plugins import build_manager, build_registry
from newslint.rule import Rule

from .plugin_dist import make_plugin, run_newslint

SHOUTING = '''
from newslint import Rule, Severity, Violation
from newslint.hookspecs import hookimpl
import regex

class Shouting(Rule):
    code = "XS101"
    name = "shouting"
    severity = Severity.INFO
    summary = "A word in capitals."
    docs = "## What it does\\nFlags SHOUTING.\\n"

    def check(self, doc, ctx):
        for m in regex.finditer(r"\\b[A-Z]{4,}\\b", doc.prose):
            yield Violation(m.start(), m.end(), f"{m.group()!r} is in capitals; write it in lower case.")

@hookimpl
def newslint_register_rules(register, config):
    register(Shouting())
'''

BROKEN = '''
from newslint import Rule, Severity
from newslint.hookspecs import hookimpl

class Boom(Rule):
    code = "XB101"
    name = "boom"
    severity = Severity.ERROR
    summary = "Always fails."

    def check(self, doc, ctx):
        raise RuntimeError("kaboom")

@hookimpl
def newslint_register_rules(register, config):
    register(Boom())
'''


def _articles(tmp_path: Path) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "newslint.toml").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("They said the the plan was GOOD.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Ministers met in in Rome.\n", encoding="utf-8")
    return tmp_path


def test_outside_plugin_rule_appears_in_cli_output(tmp_path: Path) -> None:
    site = make_plugin(tmp_path / "site", "newslint_shouting", SHOUTING)
    work = _articles(tmp_path / "work")
    run = run_newslint(["lint", "a.txt"], site=site, cwd=work)
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        'a.txt:1:15: NL101 [repeated-word] Repeated word "the the": delete the second "the".',
        "a.txt:1:28: XS101 [shouting] 'GOOD' is in capitals; write it in lower case.",
    ]
    listed = run_newslint(["rules"], site=site, cwd=work).stdout
    assert "XS101" in listed and "shouting" in listed


def test_rule_that_raises_is_reported_and_others_still_run(tmp_path: Path) -> None:
    site = make_plugin(tmp_path / "site", "newslint_boom", BROKEN)
    work = _articles(tmp_path / "work")
    run = run_newslint(["lint", "--format", "json", "a.txt", "b.txt"], site=site, cwd=work)
    assert run.returncode == 2
    found = [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(run.stdout)]
    assert found == [("a.txt", "repeated-word", 1, 15), ("b.txt", "repeated-word", 1, 18)]
    errors = run.stderr.splitlines()
    assert len(errors) == 2
    assert all("rule boom (XB101, from newslint_boom) failed: RuntimeError: kaboom" in e
               for e in errors)
    assert errors[0].startswith("newslint: error: a.txt:") and "b.txt" in errors[1]


def test_plugin_that_fails_to_import_is_reported_by_name(tmp_path: Path) -> None:
    site = make_plugin(tmp_path / "site", "newslint_badimport", "import does_not_exist_xyz\n")
    work = _articles(tmp_path / "work")
    run = run_newslint(["lint", "a.txt"], site=site, cwd=work)
    assert run.returncode == 2
    assert "plugin 'newslint_badimport'" in run.stderr and "failed to load" in run.stderr
    assert "[repeated-word]" in run.stdout
    quiet = run_newslint(["lint", "a.txt"], site=site, cwd=work,
                         env={"NEWSLINT_DISABLE_PLUGINS": "newslint_badimport"})
    assert quiet.returncode == 1 and quiet.stderr == ""


class _Dup:
    class Again(Rule):
        code = "NL101"
        name = "repeated-word-again"
        summary = "duplicate code"

    @staticmethod
    @hookimpl
    def newslint_register_rules(register, config):
        register(_Dup.Again())


def test_registry_refuses_a_duplicate_code() -> None:
    config = Config()
    pm = build_manager(config, entry_points=False, extra=[_Dup])
    registry = build_registry(pm, config)
    assert any("rule code NL101 registered twice" in str(p) for p in registry.problems)
    assert registry.rules["repeated-word"].code == "NL101"


def test_builtins_register_through_the_same_hooks_without_entry_points() -> None:
    config = Config()
    registry = build_registry(build_manager(config, entry_points=False), config)
    assert {"text", "markdown"} <= set(registry.parsers)
    assert {"text", "json"} <= set(registry.formatters)
    assert "repeated-word" in registry.rules
    doc = parse_document("A a test.", "x.txt", registry)
    result = check_document(doc, config=config, facts=EMPTY_FACTS,
                            rules=active_rules(registry, config))
    assert [f.rule for f in result.findings] == ["repeated-word"]
