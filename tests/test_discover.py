"""Which files a run finds, and how their paths are written in the report."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.discover import discover


@pytest.fixture()
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for rel in ("a.txt", "b.md", "skip.py", "sub/c.markdown", "sub/deeper/d.TXT"):
        (tmp_path / rel).write_text("Text\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("given, expected", [
    (".", ["a.txt", "b.md", "sub/c.markdown", "sub/deeper/d.TXT"]),
    ("./sub", ["sub/c.markdown", "sub/deeper/d.TXT"]),
    ("sub/", ["sub/c.markdown", "sub/deeper/d.TXT"]),
    ("sub//deeper", ["sub/deeper/d.TXT"]),
    ("sub/./deeper/", ["sub/deeper/d.TXT"]),
])
def test_paths_are_written_as_pathlib_writes_them(desk: Path, given: str,
                                                   expected: list[str]) -> None:
    sources, problems = discover([given])
    assert problems == []
    assert [s.path for s in sources] == [str(Path(e)) for e in expected]


def test_an_absolute_folder_gives_absolute_paths_and_exclude_applies(desk: Path) -> None:
    sources, _ = discover([str(desk) + "/"])
    assert [s.path for s in sources] == [str(desk / "a.txt"), str(desk / "b.md"),
                                         str(desk / "sub" / "c.markdown"),
                                         str(desk / "sub" / "deeper" / "d.TXT")]
    sources, _ = discover(["."], exclude=["*.md", "sub/deeper/*"])
    assert [s.path for s in sources] == ["a.txt", str(Path("sub/c.markdown"))]


def test_a_file_found_under_two_names_is_listed_once(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    desk, shared = tmp_path / "desk", tmp_path / "shared"
    desk.mkdir()
    shared.mkdir()
    (desk / "b-story.md").write_text("Text\n", encoding="utf-8")
    (shared / "wire.txt").write_text("Text\n", encoding="utf-8")
    (desk / "a-link.md").symlink_to(desk / "b-story.md")  # found first, by name
    (desk / "c-wire.txt").symlink_to(shared / "wire.txt")  # a file outside the search
    (desk / "d-wire.txt").symlink_to(shared / "wire.txt")  # and a second link to it
    monkeypatch.chdir(tmp_path)
    sources, problems = discover(["desk"])
    assert problems == []
    # The story under its own name, the outside file under its first link.
    assert [s.path for s in sources] == [str(Path("desk/b-story.md")), str(Path("desk/c-wire.txt"))]
    # With the outside folder searched too, the wire story is listed under its own name.
    assert [s.path for s in discover(["desk", "shared"])[0]] == [
        str(Path("desk/b-story.md")), str(Path("shared/wire.txt"))]
    # A file named on the command line is listed as named.
    assert [s.path for s in discover(["desk/a-link.md", "desk"])[0]] == [
        str(Path("desk/a-link.md")), str(Path("desk/b-story.md")), str(Path("desk/c-wire.txt"))]
