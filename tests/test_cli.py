"""The command line as the SPEC fixes it: formats, exit status, errors, config."""

from __future__ import annotations

from pathlib import Path

from .conftest import findings_of, write
from .plugin_dist import run_newslint

SPEC_FIELDS = {"path", "rule", "code", "severity", "message", "line", "column",
               "end_line", "end_column", "fix"}


def test_json_finding_has_every_spec_field(cli, isolated: Path) -> None:
    write(isolated / "a.md", "Delegates will attend the\nthe forum.\n")
    result = cli("lint", "--format", "json", "a.md")
    assert result.status == 1
    [finding] = result.json
    assert SPEC_FIELDS <= set(finding)
    assert finding == finding | {
        "path": "a.md", "rule": "repeated-word", "code": "NL101", "severity": "warning",
        "line": 2, "column": 1, "end_line": 2, "end_column": 4,
        "fix": finding["fix"] | {"replacement": "", "line": 1, "column": 26, "end_line": 2,
                                 "end_column": 4},
    }
    assert "the the" in finding["message"] and "delete" in finding["message"]


def test_clean_file_gives_empty_array_and_zero(cli, isolated: Path) -> None:
    write(isolated / "clean.md", "Delegates will attend the forum.\n")
    result = cli("lint", "--format", "json", "clean.md")
    assert (result.status, result.json, result.err) == (0, [], "")


def test_missing_file_is_one_line_on_stderr_and_two(cli, isolated: Path) -> None:
    write(isolated / "a.md", "Fine.\n")
    result = cli("lint", "missing.md", "a.md")
    assert result.status == 2
    assert result.err.splitlines() == [
        "newslint: error: missing.md: no such file or folder; check the path"]


def test_parent_pyproject_ignore_silences_rule(cli, tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.newslint]\nignore = ["repeated-word"]\n')
    write(tmp_path / "desk" / "a.md", "Delegates will attend the\nthe forum.\n")
    result = cli("lint", "--format", "json", "a.md", cwd=tmp_path / "desk")
    assert (result.status, result.json) == (0, [])


def test_text_format_line(cli, isolated: Path) -> None:
    write(isolated / "a.txt", "Headline\n\nThey met in in Rome.\n")
    result = cli("lint", "a.txt")
    assert result.out == ('a.txt:3:13: NL101 [repeated-word] Repeated word "in in": '
                          'delete the second "in".\n')


def test_folder_is_searched_for_articles(cli, isolated: Path) -> None:
    write(isolated / "desk" / "a.md", "the the\n")
    write(isolated / "desk" / "sub" / "b.markdown", "a a\n")
    write(isolated / "desk" / "c.txt", "of of\n")
    write(isolated / "desk" / "notes.rst", "the the\n")
    result = cli("lint", "--format", "json", "desk")
    assert sorted({f["path"] for f in result.json}) == [
        str(Path("desk/a.md")), str(Path("desk/c.txt")), str(Path("desk/sub/b.markdown"))]


def test_stdin_with_filename_picks_markdown(cli, isolated: Path) -> None:
    result = cli("lint", "--format", "json", "--stdin-filename", "story.md", "-",
                 stdin="Attend the *the* forum.\n")
    assert [(f["path"], f["line"], f["column"]) for f in result.json] == [("story.md", 1, 13)]


def test_select_and_ignore_on_command_line(cli, isolated: Path) -> None:
    write(isolated / "a.txt", "the the\n")
    assert cli("lint", "--ignore", "NL1", "a.txt").status == 0
    assert cli("lint", "--select", "NL101", "--ignore", "NL1", "a.txt").status == 1


def test_unknown_rule_in_select_is_a_usage_error(cli, isolated: Path) -> None:
    result = cli("lint", "--select", "repeated-wrod", ".")
    assert result.status == 2
    assert result.err == ("newslint: error: unknown rule 'repeated-wrod' in select/ignore; "
                          "'newslint rules' lists the rules\n")


def test_severity_override_from_configuration(cli, isolated: Path) -> None:
    write(isolated / "newslint.toml", '[severity]\nrepeated-word = "error"\n')
    write(isolated / "a.txt", "the the\n")
    assert cli("lint", "--format", "json", "a.txt").json[0]["severity"] == "error"


def test_bad_configuration_is_one_line(cli, isolated: Path) -> None:
    write(isolated / "newslint.toml", 'ignore = "repeated-word"\n')
    result = cli("lint", ".")
    assert result.status == 2
    assert len(result.err.splitlines()) == 1
    assert "newslint.toml:1: [ignore] wrong type for 'ignore'" in result.err


def test_bad_usage_is_one_line(cli, isolated: Path) -> None:
    result = cli("lint", "--frobnicate")
    assert result.status == 2 and len(result.err.splitlines()) == 1


def test_rules_and_explain(cli, isolated: Path) -> None:
    rules = cli("rules")
    assert rules.status == 0
    assert any(line.startswith("NL101") and "repeated-word" in line
               for line in rules.out.splitlines())
    explain = cli("explain", "repeated-word")
    assert explain.status == 0
    assert "## Example" in explain.out and "## Use instead" in explain.out
    assert cli("explain", "no-such-rule").status == 2


def test_python_dash_m_and_exit_status(tmp_path: Path) -> None:
    write(tmp_path / "newslint.toml", "")
    write(tmp_path / "a.md", "attend the\nthe forum\n")
    run = run_newslint(["lint", "--format", "json", "a.md"], cwd=tmp_path)
    assert run.returncode == 1
    assert '"rule": "repeated-word"' in run.stdout


def test_a_reader_gone_before_the_output_gives_status_two_and_no_noise(tmp_path: Path) -> None:
    """The console script leaves without tearing the interpreter down (newslint.cli.run):
    its output is flushed first, and a closed pipe there is one more exit status 2."""
    import os
    import subprocess
    import sys

    write(tmp_path / "newslint.toml", "")
    write(tmp_path / "a.md", "attend the\nthe forum\n")
    complete = run_newslint(["lint", "a.md"], cwd=tmp_path)
    assert complete.returncode == 1 and complete.stdout.count("repeated-word") == 1
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will read what newslint writes
    try:
        gone = subprocess.run([sys.executable, "-m", "newslint", "lint", "a.md"], cwd=tmp_path,
                              stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert gone.returncode == 2
    assert gone.stderr == ""  # no "Exception ignored ... BrokenPipeError", no traceback


def test_findings_in_file_then_position_order(cli, isolated: Path) -> None:
    write(isolated / "b.txt", "x x and y y\n")
    write(isolated / "a.txt", "p p\n")
    result = cli("lint", "--format", "json", "b.txt", "a.txt")
    assert [(f["path"], f["column"]) for f in result.json] == [
        ("b.txt", 3), ("b.txt", 11), ("a.txt", 3)]
    assert findings_of(result)[0] == ("repeated-word", 1, 3)
