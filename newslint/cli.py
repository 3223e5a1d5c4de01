"""The command line: ``newslint lint | rules | explain | facts check``.

Thin: parses arguments, builds configuration, calls the runner and a formatter, and
turns every ``NewslintError`` into one line on stderr with exit status 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, NoReturn, Sequence

from newslint import __version__
from newslint.errors import NewslintError, UsageError

if TYPE_CHECKING:
    import datetime as _dt

    from newslint.config import Config
    from newslint.facts import Facts

# The configuration (dataclasses, enum) and everything after it are imported by the
# commands that use them: ``newslint --version`` and ``--help`` need only argparse.

EXIT_OK, EXIT_FOUND, EXIT_FAILED = 0, 1, 2


def _columns() -> int:
    """``shutil.get_terminal_size().columns`` without importing shutil (with bz2 and
    lzma, ~2 ms): argparse asks for the width each time an argument is added."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class _HelpFormatter(argparse.HelpFormatter):
    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         _columns() - 2 if width is None else width)  # as argparse does


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line and a NewslintError."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _csv(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


def _date(value: str) -> _dt.date:
    import datetime as _dt

    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {value!r}; write YYYY-MM-DD") from None


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = -1
    if jobs < 0:
        raise argparse.ArgumentTypeError(f"not a number of worker processes: {value!r}; "
                                         f"write a whole number (0: one per core)")
    return jobs


def _encoding(value: str) -> str:
    from newslint.reading import check_encoding

    try:
        return check_encoding(value)
    except ValueError as e:
        raise argparse.ArgumentTypeError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newslint", description="A consistency linter for news copy.")
    parser.add_argument("--version", action="version", version=f"newslint {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    lint = sub.add_parser("lint", help="lint articles (files, folders or - for stdin)")
    lint.add_argument("paths", nargs="*", metavar="PATH", help="file, folder or - (default: .)")
    lint.add_argument("--facts", action="append", default=[], metavar="FILE",
                      help="a fact sheet (TOML); repeatable")
    lint.add_argument("--format", default=None, metavar="FORMAT",
                      help="output format: text (default), json, or one a plugin adds")
    lint.add_argument("--select", type=_csv, metavar="RULES",
                      help="only these rules (names, codes or code prefixes, comma-separated)")
    lint.add_argument("--extend-select", type=_csv, metavar="RULES",
                      help="these rules as well as the selected ones")
    lint.add_argument("--ignore", type=_csv, metavar="RULES", help="not these rules")
    lint.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    lint.add_argument("--unsafe-fixes", action="store_true",
                      help="with --fix or --diff, also apply fixes that could change meaning")
    lint.add_argument("--diff", action="store_true", help="show fixes as a diff; write nothing")
    lint.add_argument("--stdin-filename", metavar="NAME",
                      help="the name to report (and choose a parser by) for standard input")
    lint.add_argument("--config", type=Path, metavar="FILE", help="configuration file to use")
    lint.add_argument("--date", type=_date, metavar="YYYY-MM-DD",
                      help="the article date when an article has none of its own")
    lint.add_argument("--encoding", type=_encoding, metavar="NAME",
                      help="text encoding of the articles (e.g. cp1252 for legacy archives)")
    lint.add_argument("--jobs", "-j", type=_jobs, metavar="N", help="worker processes")
    lint.add_argument("--no-cache", action="store_true", help="do not read or write the cache")
    lint.add_argument("--statistics", action="store_true", help="print a count per rule")
    lint.add_argument("--exit-zero", action="store_true",
                      help="exit 0 even when findings are reported")

    sub.add_parser("rules", help="list every rule: code, name, severity, summary").add_argument(
        "--format", choices=("text", "json"), default="text")
    explain = sub.add_parser("explain", help="a rule's documentation, with examples")
    explain.add_argument("rule", metavar="RULE", help="rule name or code")
    for name in ("rules", "explain"):
        sub.choices[name].add_argument("--config", type=Path, metavar="FILE",
                                       help="configuration file (for rule packs it lists)")

    facts = sub.add_parser("facts", help="fact sheet tools")
    facts_sub = facts.add_subparsers(dest="facts_command", parser_class=_Parser, metavar="ACTION")
    sub.add_parser("server", help="the language server for editors (LSP over stdio)")
    check = facts_sub.add_parser("check", help="validate fact sheets")
    check.add_argument("files", nargs="+", metavar="FILE")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    out, err = sys.stdout, sys.stderr
    try:
        args = build_parser().parse_args(argv)
        if args.command == "lint":
            return cmd_lint(args, out, err)
        if args.command == "rules":
            return cmd_rules(args, out)
        if args.command == "explain":
            return cmd_explain(args, out)
        if args.command == "facts":
            return cmd_facts(args, out, err)
        if args.command == "server":
            return cmd_server(args)
        build_parser().print_help(out)
        return EXIT_FAILED
    except NewslintError as e:
        err.write(f"newslint: error: {e}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _ignore_further_interrupts()  # a second Ctrl-C while exiting must not kill us
        err.write("newslint: interrupted\n")
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED
    except Exception as e:  # a bug (ours or a plugin's): one line, not a traceback
        if os.environ.get("NEWSLINT_DEBUG"):
            raise
        err.write(f"newslint: internal error: {type(e).__name__}: {e}; this is a bug in "
                  f"newslint or a plugin: set NEWSLINT_DEBUG=1 to see the traceback\n")
        return EXIT_FAILED


def run() -> NoReturn:
    """The console script and ``python -m newslint``: ``main``, then out at once.

    A run holds many objects (summaries, findings, compiled patterns), and freeing them
    one by one as the interpreter shuts down took ~40 ms of a 1.2 s corpus run. The
    output is flushed first; under coverage measurement the usual exit runs, so that
    coverage can save its data."""
    status = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away before the last of the output
            if stream is sys.stdout:
                _silence_stdout()
            status = status or EXIT_FAILED
        except (OSError, ValueError):
            pass
    if "coverage" in sys.modules:
        sys.exit(status)
    os._exit(status)


def _ignore_further_interrupts() -> None:
    """After the first Ctrl-C the run is already stopping. Python puts SIGINT back to
    the system default while it shuts down (while a pool's workers are reaped), so a
    second Ctrl-C there would kill the process by the signal instead of exiting 130."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        try:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        except (ValueError, OSError):
            pass


def _silence_stdout() -> None:
    """After the reader of our output went away, keep Python from complaining at exit."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def config_from_args(args: argparse.Namespace) -> Config:
    from newslint.config import load_config

    config = load_config(getattr(args, "config", None))
    overrides = {}
    if getattr(args, "select", None) is not None:
        overrides["select"] = tuple(args.select)
    if getattr(args, "extend_select", None):
        overrides["extend_select"] = config.extend_select + tuple(args.extend_select)
    if getattr(args, "ignore", None):
        overrides["ignore"] = config.ignore + tuple(args.ignore)
    for name in ("date", "encoding", "jobs", "format"):
        value = getattr(args, name, None)
        if value is not None:
            overrides[name] = value
    if getattr(args, "facts", None):
        overrides["facts"] = tuple(Path(p) for p in args.facts)
    if getattr(args, "no_cache", False):
        overrides["cache"] = False
    return config.with_overrides(**overrides)


def load_fact_sheets(config: Config, kinds=()) -> Facts:
    """The run's fact sheets (``--facts`` replaces the configuration's ``facts``).

    ``kinds`` are the fact-sheet table kinds plugins registered."""
    if not config.facts:
        from newslint.facts import EMPTY_FACTS

        return EMPTY_FACTS
    try:
        from newslint.facts_loader import load_facts
    except ImportError:
        raise UsageError("fact sheets are not supported by this build") from None
    return load_facts([str(p) for p in config.facts], kinds=list(kinds))


def _registry_and_rules(config: Config, err: IO[str]):
    from newslint.engine import active_rules
    from newslint.plugins import default_registry
    from newslint.selection import unknown_selectors

    registry = default_registry(config)
    rules_all = list(registry.rules.values())
    for selector in unknown_selectors(
        [*(config.select or ()), *config.extend_select, *config.ignore], rules_all
    ):
        if registry.problems:  # likely the broken plugin's rules: say so, lint the rest
            registry.problems.append(UsageError(
                f"unknown rule {selector!r} in select/ignore (a plugin above failed to "
                f"load; its rules are skipped)"))
            continue
        raise UsageError(f"unknown rule {selector!r} in select/ignore; "
                         f"'newslint rules' lists the rules")
    return registry, active_rules(registry, config)


def _repository_context(config: Config, rules, sources, listed: list | None = None) -> list:
    """The repository's other articles, read for cross-article rules only (issue 9);
    ``listed``: the same list, when an attempt to answer from the cache made it."""
    from newslint.engine import iter_project_rules

    if not iter_project_rules(rules):
        return []
    if listed is not None:
        return listed
    from newslint.repository import context_sources

    return context_sources(config, sources)


def _lint_from_cache(args: argparse.Namespace, config: Config, found: tuple,
                     out: IO[str], err: IO[str]) -> tuple[int | None, list | None]:
    """A run whose files are all unchanged, reported from the cache without loading a
    rule (``newslint.replay``): the exit status, or None when a full run is needed
    (nothing printed); and the repository's context files if they were listed."""
    from newslint import replay

    sources, problems = found
    replayed, context = replay.replay(config, sources)
    if replayed is None:
        return None, context
    from newslint.formatters.base import RunResult

    for p in problems:
        err.write(f"newslint: {'error' if p.fatal else 'warning'}: {p.path}: {p.message}\n")
    replay.formatter(config.format).write(RunResult(tuple(replayed.files), ()), out)
    for e in replayed.errors:
        err.write(f"newslint: error: {e}\n")
    if args.statistics:
        _write_statistics(replayed, err)
    status = replayed.exit_status
    if any(p.fatal for p in problems):
        status = EXIT_FAILED
    if args.exit_zero and status == EXIT_FOUND:
        status = EXIT_OK
    return status, context


def cmd_lint(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    from newslint.discover import discover

    config = config_from_args(args)
    found = listed = None
    if config.cache and not (args.fix or args.diff):  # --no-cache: nothing to answer from
        try:
            found = discover(args.paths or ["."], exclude=config.exclude,
                             stdin_filename=args.stdin_filename)
        except NewslintError:
            found = None  # reported below, after the errors a full run reports first
        if found is not None:
            status, listed = _lint_from_cache(args, config, found, out, err)
            if status is not None:
                return status

    from newslint.parallel import catch_interrupts

    with catch_interrupts():  # a Ctrl-C swallowed by a __del__ is still seen
        return _lint_in_full(args, config, found, listed, out, err)


def _lint_in_full(args: argparse.Namespace, config: Config, found: tuple | None,
                  listed: list | None, out: IO[str], err: IO[str]) -> int:
    """Load the rules and lint (the files the cache could not answer for)."""
    from newslint.discover import discover
    from newslint.formatters.base import RunResult
    from newslint.runner import lint_sources

    registry, rules = _registry_and_rules(config, err)
    facts = load_fact_sheets(config, registry.fact_kinds.values())
    fmt = registry.formatters.get(config.format)
    if fmt is None:
        raise UsageError(f"unknown format {config.format!r}; choose from: "
                         + ", ".join(sorted(registry.formatters)))
    sources, problems = found or discover(args.paths or ["."], exclude=config.exclude,
                                          stdin_filename=args.stdin_filename)
    for problem in registry.problems:
        err.write(f"newslint: error: {problem}\n")
    for p in problems:
        err.write(f"newslint: {'error' if p.fatal else 'warning'}: {p.path}: {p.message}\n")
    context = _repository_context(config, rules, sources, listed)
    outcome = lint_sources(sources, config=config, facts=facts, registry=registry, rules=rules,
                           context=context)
    if not registry.problems and not any(s.stdin for s in sources):
        _remember_run_key(config, rules)
    fixes = None
    if args.fix or args.diff:  # fixed findings are not reported; the rest are
        from newslint.fixing import run_fixes

        fixes = run_fixes(outcome, sources, config=config, facts=facts, registry=registry,
                          rules=rules, unsafe=args.unsafe_fixes, write=not args.diff,
                          context=context)
    if fixes is not None and args.diff:
        fixes.write_diff(out)
    elif fixes is not None and fixes.stdin_text is not None:
        out.write(fixes.stdin_text)  # stdin --fix: the fixed text out, the report to stderr
        fmt.write(RunResult(tuple(outcome.files), tuple(a.rule for a in rules)), err)
    else:
        fmt.write(RunResult(tuple(outcome.files), tuple(a.rule for a in rules)), out)
    for e in outcome.errors:
        err.write(f"newslint: error: {e}\n")
    if args.statistics:
        _write_statistics(outcome, err)
    status = outcome.exit_status
    if fixes is not None:
        fixes.write_summary(err, diff=args.diff, remaining=sum(len(f.findings) for f in outcome.files))
        if args.diff and status != EXIT_FAILED:
            status = EXIT_FOUND if fixes.changed else EXIT_OK
    if registry.problems or any(p.fatal for p in problems):
        status = EXIT_FAILED
    if args.exit_zero and status == EXIT_FOUND:
        status = EXIT_OK
    return status


def _remember_run_key(config: Config, rules) -> None:
    """Let the next run with these settings answer from the cache (``newslint.replay``)."""
    if not config.cache:
        return
    from newslint.cache import cache_enabled, run_key
    from newslint.engine import iter_project_rules
    from newslint.replay import remember

    if cache_enabled(config):
        remember(config, run_key(config, rules), bool(iter_project_rules(rules)))


def _write_statistics(outcome, stream: IO[str]) -> None:
    counts: dict[tuple[str, str], int] = {}
    for f in (f for r in outcome.files for f in r.findings):
        counts[(f.code, f.rule)] = counts.get((f.code, f.rule), 0) + 1
    for (code, rule), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        stream.write(f"{n:6d}  {code}  {rule}\n")


def cmd_rules(args: argparse.Namespace, out: IO[str]) -> int:
    from newslint.config import load_config
    from newslint.engine import active_rules
    from newslint.plugins import default_registry

    config = load_config(args.config)
    registry = default_registry(config)
    on = {a.rule.name for a in active_rules(registry, config)}
    rules = sorted(registry.rules.values(), key=lambda r: r.code)
    if args.format == "json":
        import json

        json.dump([{"code": r.code, "name": r.name, "severity": r.severity.value,
                    "summary": r.summary, "enabled": r.name in on, "fixable": r.fixable,
                    "origin": r.origin} for r in rules], out, indent=2)
        out.write("\n")
        return EXIT_OK
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        mark = " " if r.name in on else "-"
        out.write(f"{r.code} {mark} {r.name:<{width}}  {r.severity.value:<7}  {r.summary}\n")
    out.write("\n'-' marks rules that are off in this configuration.\n")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace, out: IO[str]) -> int:
    from newslint.config import load_config
    from newslint.plugins import default_registry

    config = load_config(args.config)
    registry = default_registry(config)
    rule = registry.rule(args.rule)
    if rule is None:
        raise UsageError(f"no rule named {args.rule!r}; 'newslint rules' lists them")
    fix = "fixable" if rule.fixable else "not fixable"
    default = "on by default" if rule.default else "off by default"
    out.write(f"# {rule.name} ({rule.code})\n\n{rule.summary}\n\n"
              f"Severity: {rule.severity.value}; {default}; {fix}; from {rule.origin}.\n")
    out.write(rule.docs.rstrip() + "\n")
    return EXIT_OK


def cmd_facts(args: argparse.Namespace, out: IO[str], err: IO[str]) -> int:
    if args.facts_command != "check":
        raise UsageError("expected 'newslint facts check FILE'")
    try:
        from newslint.facts_loader import check_sheet
    except ImportError:
        raise UsageError("fact sheets are not supported by this build") from None
    from newslint.config import Config
    from newslint.plugins import default_registry

    kinds = list(default_registry(Config()).fact_kinds.values())  # plugin table kinds
    status = EXIT_OK
    for path in args.files:
        errors, summary = check_sheet(path, kinds)
        if errors:
            status = EXIT_FAILED
            for e in errors:
                out.write(f"{e}\n")
        else:
            out.write(f"{path}: {summary}\n")
    return status


def cmd_server(args: argparse.Namespace) -> int:
    """The language server; pygls is an optional dependency (the ``lsp`` extra)."""
    import importlib.util

    if importlib.util.find_spec("pygls") is None:
        raise UsageError("the language server needs pygls: pip install 'newslint[lsp]'")
    from newslint.lsp.server import serve

    serve()
    return EXIT_OK
