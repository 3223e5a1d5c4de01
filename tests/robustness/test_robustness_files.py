"""Bad files: every case is a normal lint or one clear line naming the file; the other
files are still linted; exit status 2 when anything could not be read.

Each test here backs one row of the table in docs/robustness.md.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ..conftest import write

GOOD = "Officials said the the plan would go ahead.\n"  # NL101 at 1:20 (the second "the")


def _lines(text: str) -> list[str]:
    return text.splitlines()


def _only_good_linted(result, good: str = "good.txt") -> None:
    """The readable file was linted and reported as usual."""
    assert [ln.split(":")[0] for ln in _lines(result.out)] == [good]
    assert f"{good}:1:20: NL101 [repeated-word]" in result.out


def _one_error(result, path: str, *needles: str) -> None:
    errors = _lines(result.err)
    assert len(errors) == 1, result.err
    assert errors[0].startswith(f"newslint: error: {path}: "), errors[0]
    for needle in needles:
        assert needle in errors[0], errors[0]


@pytest.fixture
def good(isolated: Path) -> Path:
    write(isolated / "good.txt", GOOD)
    return isolated


def test_binary_file_is_one_error_and_others_still_linted(cli, good: Path) -> None:
    (good / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    result = cli("lint", "image.txt", "good.txt")
    assert result.status == 2
    _one_error(result, "image.txt", "binary file", "NUL byte at byte 8", "skipped")
    _only_good_linted(result)


def test_invalid_utf8_names_file_byte_offset_and_line(cli, good: Path) -> None:
    (good / "legacy.txt").write_bytes("Headline\n\nThe caf\xe9 opened.\n".encode("cp1252"))
    result = cli("lint", "legacy.txt", "good.txt")
    assert result.status == 2
    _one_error(result, "legacy.txt", "not valid utf-8 at byte 17 (line 3)", "--encoding")
    _only_good_linted(result)


def test_cp1252_archive_with_encoding_option(cli, isolated: Path) -> None:
    # \x93 \x94 are cp1252 curly quotes: undefined in latin-1's C1 range as text.
    write(isolated / "old.txt", "\u201cCaf\u00e9\u201d owners said the the rent rose.\n", "cp1252")
    result = cli("lint", "--encoding", "cp1252", "old.txt")
    assert result.status == 1, result.err
    assert _lines(result.out) == [
        'old.txt:1:24: NL101 [repeated-word] Repeated word "the the": delete the second "the".']


def test_latin1_archive_with_encoding_config_key(cli, isolated: Path) -> None:
    (isolated / "newslint.toml").write_text('encoding = "latin-1"\n', encoding="utf-8")
    write(isolated / "old.txt", "Gr\u00fc\u00dfe from the the mayor.\n", "latin-1")
    result = cli("lint", "old.txt")
    assert result.status == 1, result.err
    assert "old.txt:1:16: NL101" in result.out


def test_unknown_encoding_is_one_usage_line(cli, good: Path) -> None:
    result = cli("lint", "--encoding", "klingon-8", "good.txt")
    assert result.status == 2 and result.out == ""
    assert _lines(result.err) == [
        "newslint: error: argument --encoding: unknown encoding 'klingon-8'; use a Python "
        "codec name such as utf-8, cp1252 or latin-1 (see 'newslint lint --help')"]


def test_unknown_encoding_in_config_names_file_line_and_key(cli, good: Path) -> None:
    (good / "newslint.toml").write_text('# settings\nencoding = "klingon-8"\n', encoding="utf-8")
    result = cli("lint", "good.txt")
    assert result.status == 2 and result.out == ""
    [line] = _lines(result.err)
    assert line.startswith(f"newslint: error: {good / 'newslint.toml'}:2: [encoding] ")
    assert "unknown encoding 'klingon-8'" in line


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_linted_with_true_columns(cli, isolated: Path, codec: str) -> None:
    bom = "\ufeff".encode(codec)
    (isolated / "wide.txt").write_bytes(bom + "Headline\n\nMinisters met in in Rome.\n".encode(codec))
    result = cli("lint", "wide.txt")
    assert result.status == 1, result.err
    assert "wide.txt:3:18: NL101" in result.out  # the BOM is not counted as a column


def test_utf8_bom_is_not_counted_in_columns(cli, isolated: Path) -> None:
    (isolated / "bom.txt").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    result = cli("lint", "bom.txt")
    assert "bom.txt:1:20: NL101" in result.out


def test_utf32_is_refused_with_advice(cli, good: Path) -> None:
    (good / "wide.txt").write_bytes("Text.\n".encode("utf-32"))
    result = cli("lint", "wide.txt", "good.txt")
    assert result.status == 2
    _one_error(result, "wide.txt", "UTF-32", "save it as UTF-8")
    _only_good_linted(result)


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "lone-cr"])
def test_crlf_and_lone_cr_give_true_lines_and_columns(cli, isolated: Path, newline: str) -> None:
    write(isolated / "ends.txt", "Headline\n\nFirst line.\nSo the the end.\n", newline=newline)
    result = cli("lint", "--format", "json", "ends.txt")
    [f] = result.json
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (4, 8, 4, 11)
    # The fix deletes " the" and nothing of the line end.
    assert (f["fix"]["line"], f["fix"]["column"], f["fix"]["end_column"]) == (4, 7, 11)


def test_empty_file_is_a_clean_lint(cli, isolated: Path) -> None:
    (isolated / "empty.txt").write_bytes(b"")
    (isolated / "empty.md").write_bytes(b"")
    result = cli("lint", "empty.txt", "empty.md")
    assert (result.status, result.out, result.err) == (0, "", "")


def test_one_megabyte_line_is_linted_to_its_last_column(cli, isolated: Path) -> None:
    words = ("alpha beta gamma delta " * 45_000)  # about 1 MB on one line
    write(isolated / "long.txt", words + "the the end.\n")
    result = cli("lint", "long.txt")
    assert result.status == 1, result.err
    assert _lines(result.out) == [
        f'long.txt:1:{len(words) + 5}: NL101 [repeated-word] Repeated word "the the": '
        f'delete the second "the".']


def test_file_over_the_size_limit_is_skipped_with_one_line(cli, good: Path) -> None:
    (good / "newslint.toml").write_text('max-file-size = "100KB"\n', encoding="utf-8")
    write(good / "dump.txt", "Some words here.\n" * 8000)  # 136 KB
    result = cli("lint", "dump.txt", "good.txt")
    assert result.status == 2
    _one_error(result, "dump.txt", "too large to be an article (136 KB, over the 100 KB limit)",
               "max-file-size")
    _only_good_linted(result)


def test_size_limit_zero_lints_any_size(cli, isolated: Path) -> None:
    (isolated / "newslint.toml").write_text("max-file-size = 0\n", encoding="utf-8")
    write(isolated / "big.txt", "Some words here.\n" * 8000 + "the the\n")
    assert cli("lint", "big.txt").status == 1


def test_default_size_limit_applies_to_standard_input(cli, isolated: Path) -> None:
    (isolated / "newslint.toml").write_text('max-file-size = "1KB"\n', encoding="utf-8")
    result = cli("lint", "-", stdin="word " * 400)
    assert result.status == 2
    assert _lines(result.err) == [
        "newslint: error: -: too large to be an article (2 KB, over the 1 KB limit); skipped; "
        "raise max-file-size in the configuration to lint it"]


def test_bad_size_limit_in_config_says_what_is_expected(cli, good: Path) -> None:
    (good / "newslint.toml").write_text('max-file-size = "huge"\n', encoding="utf-8")
    result = cli("lint", "good.txt")
    assert result.status == 2
    assert "[max-file-size] wrong type for 'max-file-size': expected a size in bytes" in result.err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="running as root: chmod 000 does not stop root reading a file "
                           "(the simulated test below covers this case)")
def test_unreadable_file_in_a_folder_real_permissions(cli, good: Path) -> None:
    secret = write(good / "secret.txt", GOOD)
    secret.chmod(0)
    try:
        result = cli("lint", ".")
    finally:
        secret.chmod(0o644)
    assert result.status == 2
    _one_error(result, "secret.txt", "permission denied")
    _only_good_linted(result)


def test_unreadable_file_in_a_folder_simulated(cli, good: Path, monkeypatch) -> None:
    """The same case as the chmod test, with the open refused as the kernel would."""
    write(good / "secret.txt", GOOD)
    import newslint.reading as reading

    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if os.path.basename(path) == "secret.txt":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(reading.os, "open", refusing_open)
    result = cli("lint", ".")
    assert result.status == 2
    _one_error(result, "secret.txt", "permission denied: cannot read it; skipped")
    _only_good_linted(result)


def test_file_symlink_loop_is_one_error(cli, good: Path) -> None:
    os.symlink("b.txt", good / "a.txt")
    os.symlink("a.txt", good / "b.txt")
    result = cli("lint", ".")
    assert result.status == 2
    errors = _lines(result.err)
    assert errors == [f"newslint: error: {n}: symlink loop (too many levels of symbolic "
                      f"links); skipped" for n in ("a.txt", "b.txt")]
    _only_good_linted(result)


def test_folder_symlink_loop_is_searched_once_with_a_warning(cli, good: Path) -> None:
    write(good / "desk" / "story.txt", "A clean story.\n")
    os.symlink("..", good / "desk" / "up")
    result = cli("lint", ".")
    assert result.status == 1  # a finding in good.txt; the loop lost nothing
    assert _lines(result.err) == [
        "newslint: warning: desk/up: symlink loop: leads back to ., already searched; "
        "not searched again"]
    _only_good_linted(result)


def test_broken_symlink_is_one_error(cli, good: Path) -> None:
    os.symlink("gone.txt", good / "link.txt")
    result = cli("lint", ".")
    assert result.status == 2
    _one_error(result, "link.txt", "broken symlink")
    _only_good_linted(result)


def test_file_deleted_during_the_run(cli, good: Path, monkeypatch) -> None:
    write(good / "doomed.txt", GOOD)
    import newslint.discover as discover_mod

    real = discover_mod.discover

    def discover_then_delete(*args, **kwargs):
        found = real(*args, **kwargs)
        (good / "doomed.txt").unlink()  # gone between the search and the read
        return found

    monkeypatch.setattr(discover_mod, "discover", discover_then_delete)
    result = cli("lint", ".")
    assert result.status == 2
    _one_error(result, "doomed.txt", "no longer exists (deleted or moved during the run?)")
    _only_good_linted(result)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this system")
def test_named_pipe_is_refused_without_blocking(cli, good: Path) -> None:
    os.mkfifo(good / "pipe.txt")  # opening it for a blocking read would hang forever
    result = cli("lint", ".")
    assert result.status == 2
    _one_error(result, "pipe.txt", "not a regular file")
    _only_good_linted(result)


def test_missing_path_is_one_error_and_others_still_linted(cli, good: Path) -> None:
    result = cli("lint", "nowhere.txt", "good.txt")
    assert result.status == 2
    _one_error(result, "nowhere.txt", "no such file or folder")
    _only_good_linted(result)


def test_invalid_utf8_on_standard_input(cli, isolated: Path, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"caf\xe9 the the\n")))
    result = cli("lint", "--stdin-filename", "story.txt", "-")
    assert result.status == 2
    _one_error(result, "story.txt", "not valid utf-8 at byte 3 (line 1)")


def test_read_errors_keep_json_output_valid(cli, good: Path) -> None:
    (good / "bin.txt").write_bytes(b"\x00\x01")
    result = cli("lint", "--format", "json", "bin.txt", "good.txt")
    assert result.status == 2
    assert [f["path"] for f in result.json] == ["good.txt"]
    _one_error(result, "bin.txt", "binary file")


def test_corrupt_or_blocked_cache_is_ignored(cli, good: Path, monkeypatch) -> None:
    monkeypatch.delenv("NEWSLINT_NO_CACHE", raising=False)
    first = cli("lint", "good.txt")
    assert first.status == 1
    cache = good / ".newslint_cache"
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert entries, "the run wrote no cache"
    for p in entries:  # every cache file overwritten with garbage
        p.write_bytes(b"\x00\xff garbage \x80" * 3)
    assert (cli("lint", "good.txt").status, cli("lint", "good.txt").out) == (1, first.out)
    import shutil

    shutil.rmtree(cache)
    cache.write_text("not a folder", encoding="utf-8")  # the cache cannot be created
    again = cli("lint", "good.txt")
    assert (again.status, again.out) == (1, first.out)
    assert "Traceback" not in again.err and "internal error" not in again.err


@pytest.mark.parametrize(("limit", "expected"),
                         [(100, 20), (20, 20), (19, None), (10, None), (None, 20)])
def test_file_that_grew_since_it_was_measured_is_read_whole_or_refused(
        tmp_path: Path, limit: int | None, expected: int | None) -> None:
    from newslint.errors import ReadError
    from newslint.reading import _read_limited

    grown = tmp_path / "grown.txt"
    grown.write_bytes(b"x" * 20)  # measured at 5 bytes, 20 by the time it is read
    fd = os.open(grown, os.O_RDONLY)
    try:
        if expected is None:
            with pytest.raises(ReadError, match="too large"):
                _read_limited(fd, "grown.txt", limit, 5)
        else:
            assert len(_read_limited(fd, "grown.txt", limit, 5)) == expected
    finally:
        os.close(fd)
