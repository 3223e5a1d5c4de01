"""--fix and --diff: what is spliced in, what is kept, and that a second run is a no-op."""

from __future__ import annotations

import codecs
import json
import os
import stat
import sys
import types

import pytest

from newslint.cli import main
from newslint.config import Config
from newslint.discover import Source
from newslint.engine import active_rules
from newslint.facts import EMPTY_FACTS
from newslint.findings import Finding, Fix, Severity, Violation
from newslint.fixing import apply_fixes, run_fixes, unified_diff
from newslint.hookspecs import hookimpl
from newslint.plugins import default_registry
from newslint.rule import Rule
from newslint.runner import lint_sources

ARTICLE = "Ministers meet\n\nThey will attend the the forum in Beijing.\n"
FIXED = "Ministers meet\n\nThey will attend the forum in Beijing.\n"


def _finding(start: int, end: int, replacement: str, safe: bool = True) -> Finding:
    return Finding("a.txt", start, end, "NL999", "test-rule", Severity.WARNING, "m",
                   Fix(start, end, replacement, "t", safe))


@pytest.mark.parametrize(
    "fixes, expected, applied",
    [
        ([(0, 1, "A")], "Abcdef", 1),
        ([(0, 1, "A"), (2, 3, "C")], "AbCdef", 2),
        ([(0, 3, "X"), (2, 4, "Y")], "Xdef", 1),  # overlap: the later one waits
        ([(2, 4, "Y"), (0, 3, "X")], "Xdef", 1),  # order given does not matter
        ([(1, 1, "+"), (1, 1, "-")], "a+bcdef", 1),  # two inserts at one point: one waits
        ([(0, 1, "A"), (1, 2, "B")], "ABcdef", 2),  # touching spans do not overlap
        ([(0, 1, "a")], "abcdef", 0),  # a no-op is not counted as a fix
    ],
)
def test_apply_fixes_splices_non_overlapping_fixes(fixes, expected, applied) -> None:
    text, done = apply_fixes("abcdef", [_finding(*f) for f in fixes])
    assert text == expected
    assert len(done) == applied


def test_unsafe_fixes_need_the_flag() -> None:
    findings = [_finding(0, 1, "A", safe=False)]
    assert apply_fixes("abc", findings) == ("abc", [])
    assert apply_fixes("abc", findings, unsafe=True)[0] == "Abc"


def test_a_replacement_takes_the_files_line_ends() -> None:
    text, _ = apply_fixes("a b\r\nc\r\n", [_finding(1, 2, "\n")])
    assert text == "a\r\nb\r\nc\r\n"


def _write(path, data: bytes, mode: int | None = None):
    path.write_bytes(data)
    if mode is not None:
        path.chmod(mode)
    return path


def test_fix_rewrites_in_place_and_a_second_run_changes_nothing(tmp_path, capsys) -> None:
    f = _write(tmp_path / "a.txt", ARTICLE.encode())
    assert main(["lint", "--fix", str(f)]) == 0  # everything fixed: nothing left to report
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "fixed 1 finding in 1 file; 0 remaining" in captured.err
    assert f.read_text() == FIXED
    before = os.stat(f).st_mtime_ns
    assert main(["lint", "--fix", str(f)]) == 0
    assert f.read_text() == FIXED
    assert os.stat(f).st_mtime_ns == before  # not even rewritten
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".newslint-")]


def test_fix_keeps_crlf_bom_and_permissions(tmp_path) -> None:
    raw = codecs.BOM_UTF8 + ARTICLE.replace("\n", "\r\n").encode()
    f = _write(tmp_path / "a.txt", raw, 0o640)
    assert main(["lint", "--fix", str(f)]) == 0
    assert f.read_bytes() == codecs.BOM_UTF8 + FIXED.replace("\n", "\r\n").encode()
    assert stat.S_IMODE(os.stat(f).st_mode) == 0o640


def test_fix_keeps_utf16_and_a_legacy_encoding(tmp_path) -> None:
    u16 = _write(tmp_path / "u16.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))
    assert main(["lint", "--fix", str(u16)]) == 0
    assert u16.read_bytes() == codecs.BOM_UTF16_LE + FIXED.encode("utf-16-le")
    text = ARTICLE.replace("Ministers", "Ministères")
    cp = _write(tmp_path / "cp.txt", text.encode("cp1252"))
    assert main(["lint", "--fix", "--encoding", "cp1252", str(cp)]) == 0
    assert cp.read_bytes() == FIXED.replace("Ministers", "Ministères").encode("cp1252")


def test_fix_through_a_symlink_rewrites_the_target(tmp_path) -> None:
    target = _write(tmp_path / "real.txt", ARTICLE.encode())
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert main(["lint", "--fix", str(link)]) == 0
    assert link.is_symlink()
    assert target.read_text() == FIXED


def test_findings_left_after_fixing_decide_the_exit_status(tmp_path, capsys) -> None:
    # A repeat across a Markdown emphasis marker is reported, but has no fix.
    f = _write(tmp_path / "a.md", b"# Title\n\nIt was the *the* best. It was the the end.\n")
    assert main(["lint", "--fix", "--format", "json", str(f)]) == 1
    out = capsys.readouterr().out
    assert '"line": 3' in out and out.count('"rule": "repeated-word"') == 1
    assert f.read_text() == "# Title\n\nIt was the *the* best. It was the end.\n"


def test_diff_shows_fixes_and_writes_nothing(tmp_path, capsys) -> None:
    f = _write(tmp_path / "a.txt", ARTICLE.encode())
    assert main(["lint", "--diff", str(f)]) == 1
    captured = capsys.readouterr()
    assert captured.out == unified_diff(str(f), ARTICLE, FIXED)
    assert "-They will attend the the forum in Beijing.\n" in captured.out
    assert "+They will attend the forum in Beijing.\n" in captured.out
    assert "would fix 1 finding in 1 file" in captured.err
    assert f.read_text() == ARTICLE
    g = _write(tmp_path / "b.txt", FIXED.encode())
    assert main(["lint", "--diff", str(g)]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("bom", [""])  # a BOM on stdin: the runner drops it (reported)
def test_stdin_fix_prints_the_fixed_text(monkeypatch, capsys, bom) -> None:
    monkeypatch.setattr(sys, "stdin", types.SimpleNamespace(
        buffer=types.SimpleNamespace(read=lambda: (bom + ARTICLE).encode())))
    assert main(["lint", "--fix", "--no-cache", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out == bom + FIXED


class _Unsafe(Rule):
    """Swaps "Peking" for "Beijing": a change of meaning an editor must approve."""

    code = "NL998"
    name = "test-unsafe"
    summary = "test"

    def check(self, doc, ctx):
        i = doc.text.find("Peking")
        if i >= 0:
            yield Violation(i, i + 6, "m", Fix(i, i + 6, "Beijing", "t", safe=False))


_PLUGIN = types.SimpleNamespace(
    __name__="test_unsafe_plugin",
    newslint_register_rules=hookimpl(lambda register: register(_Unsafe())),
)


@pytest.mark.parametrize("unsafe, expected", [(False, "In Peking.\n"), (True, "In Beijing.\n")])
def test_unsafe_fixes_are_applied_only_when_asked(tmp_path, unsafe, expected) -> None:
    f = _write(tmp_path / "a.txt", b"In Peking.\n")
    config = Config(select=("test-unsafe",))
    registry = default_registry(config, extra=[_PLUGIN])
    rules = active_rules(registry, config)
    sources = [Source(str(f))]
    outcome = lint_sources(sources, config=config, facts=EMPTY_FACTS, registry=registry,
                           rules=rules)
    run = run_fixes(outcome, sources, config=config, facts=EMPTY_FACTS, registry=registry,
                    rules=rules, unsafe=unsafe)
    assert f.read_text() == expected
    assert len(outcome.files[0].findings) == (0 if unsafe else 1)
    assert run.fixed_count == (1 if unsafe else 0)


def test_a_read_only_file_is_not_fixed(tmp_path, capsys) -> None:
    f = _write(tmp_path / "a.txt", ARTICLE.encode(), 0o444)
    assert main(["lint", "--fix", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"newslint: error: {f}: the file is read-only; fixes not written" in err
    assert f.read_text() == ARTICLE


def test_cross_article_findings_survive_a_fix(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "monday.txt").write_text(
        "Ministers meet in Geneva\n\nForeign Minister Sergey Lavrov met Antonio Guterres in "
        "Geneva. Olaf Scholz will join them on Friday.\n")
    (tmp_path / "tuesday.txt").write_text(
        "Talks go on in Geneva\n\nSergey Lavrov said the talks with Antonio Guterres were "
        "useful. Olaf Scholz agreed.\n")
    (tmp_path / "wednesday.txt").write_text(
        "Talks end in Geneva\n\nSergei Lavrov left Geneva after after meeting Antonio Guterres "
        "and Olaf Scholz.\n")
    assert main(["lint", "--no-cache", "--format", "json", "."]) == 1
    before = {(f["path"], f["rule"]) for f in json.loads(capsys.readouterr().out)}
    assert before == {("wednesday.txt", "name-inconsistent-across"),
                      ("wednesday.txt", "repeated-word")}
    assert main(["lint", "--no-cache", "--fix", "--format", "json", "."]) == 1
    after = json.loads(capsys.readouterr().out)
    assert [(f["path"], f["rule"], f["line"], f["column"]) for f in after] == [
        ("wednesday.txt", "name-inconsistent-across", 3, 1)]
    assert "after after" not in (tmp_path / "wednesday.txt").read_text()
