"""``--fix`` never damages a file, even when writing fails part-way (disk full, a
vanished folder): the original is left as it was, no temporary file is left behind,
the failure is one line naming the file, and the other files are still fixed."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from ..conftest import write

BAD = "Headline\n\nOfficials said the the plan would go ahead.\n"
FIXED = "Headline\n\nOfficials said the plan would go ahead.\n"


def test_disk_full_while_writing_a_fix_leaves_the_original(cli, isolated: Path,
                                                            monkeypatch) -> None:
    a = write(isolated / "a.txt", BAD)
    b = write(isolated / "b.txt", BAD)
    a.chmod(0o640)
    import newslint.fixing as fixing

    real_fsync = os.fsync
    calls = {"n": 0}

    def full_disk(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 1:  # the first file's temporary copy cannot be completed
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(fixing.os, "fsync", full_disk)
    result = cli("lint", "--fix", "--select", "NL101", "a.txt", "b.txt")
    assert result.status == 2
    assert a.read_text(encoding="utf-8") == BAD  # untouched
    assert stat.S_IMODE(a.stat().st_mode) == 0o640
    assert b.read_text(encoding="utf-8") == FIXED  # the run went on
    errors = [ln for ln in result.err.splitlines() if ln.startswith("newslint: error:")]
    assert errors == ["newslint: error: a.txt: cannot write the fixed file: No space left on device"]
    assert sorted(p.name for p in isolated.iterdir()) == ["a.txt", "b.txt", "newslint.toml"]


def test_rename_failing_leaves_the_original_and_no_temporary_file(cli, isolated: Path,
                                                                  monkeypatch) -> None:
    a = write(isolated / "a.txt", BAD)
    import newslint.fixing as fixing

    def refuse(src, dst):
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(fixing.os, "replace", refuse)
    result = cli("lint", "--fix", "--select", "NL101", "a.txt")
    assert result.status == 2
    assert a.read_text(encoding="utf-8") == BAD
    assert "a.txt: cannot write the fixed file: Invalid cross-device link" in result.err
    assert sorted(p.name for p in isolated.iterdir()) == ["a.txt", "newslint.toml"]


def test_file_deleted_before_its_fix_is_written(cli, isolated: Path, monkeypatch) -> None:
    write(isolated / "a.txt", BAD)
    b = write(isolated / "b.txt", BAD)
    import newslint.fixing as fixing

    real = fixing.read_raw

    def vanish_then_read(path: str, encoding: str = "utf-8"):
        if path == "a.txt":
            os.unlink(path)  # removed after the lint, before the fix reads it again
        return real(path, encoding)

    monkeypatch.setattr(fixing, "read_raw", vanish_then_read)
    result = cli("lint", "--fix", "--select", "NL101", "a.txt", "b.txt")
    assert result.status == 2
    assert not (isolated / "a.txt").exists()  # not recreated from stale text
    assert b.read_text(encoding="utf-8") == FIXED
    [error] = [ln for ln in result.err.splitlines() if ln.startswith("newslint: error:")]
    assert error.startswith("newslint: error: a.txt: ")
