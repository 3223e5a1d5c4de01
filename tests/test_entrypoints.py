"""Plugin discovery reads the installed packages' entry points exactly as
``importlib.metadata`` does, without importing it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from newslint import entrypoints
from newslint.entrypoints import EntryPoint


def _dist(site: Path, folder: str, metadata: str, entry_points: str | None) -> None:
    info = site / folder
    info.mkdir(parents=True)
    name = "PKG-INFO" if folder.endswith(".egg-info") else "METADATA"
    (info / name).write_text(metadata, encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    first, second = tmp_path / "first", tmp_path / "second"
    _dist(first, "house_rules-1.2.dist-info",
          "Metadata-Version: 2.1\nName: House-Rules\nVersion: 1.2\n\nName: not a header\n",
          "# a comment\n[console_scripts]\nhouse = house_rules:main\n\n"
          "[newslint]\nhouse = house_rules.plugin:Plugin [extra]\n  style=house_rules.style\n")
    _dist(first, "desk.tools-0.3.egg-info", "Metadata-Version: 1.0\nName: desk.tools\nVersion: 0.3\n",
          "[newslint]\ndesk = desk_tools\n")
    _dist(first, "no_plugins-2.0.dist-info", "Metadata-Version: 2.1\nName: no-plugins\nVersion: 2.0\n",
          None)
    # The same distribution again further down sys.path: the first one wins.
    _dist(second, "House.Rules-0.9.dist-info", "Metadata-Version: 2.1\nName: House.Rules\nVersion: 0.9\n",
          "[newslint]\nold = house_rules.old\n")
    _dist(second, "wire-5.dist-info", "Metadata-Version: 2.1\nName: wire\nVersion: 5\n",
          "[newslint]\nwire = wire_plugin\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    return tmp_path


def test_folder_scan_finds_what_importlib_metadata_finds(site: Path) -> None:
    found = entrypoints._scan_folders("newslint")
    assert found is not None
    assert found == entrypoints._scan_metadata("newslint")  # the same order too
    assert {(e.name, e.value, e.dist_name, e.dist_version) for e in found} == {
        ("house", "house_rules.plugin:Plugin [extra]", "House-Rules", "1.2"),
        ("style", "house_rules.style", "House-Rules", "1.2"),
        ("desk", "desk_tools", "desk.tools", "0.3"),
        ("wire", "wire_plugin", "wire", "5"),
    }
    assert entrypoints._scan_folders("console_scripts") == entrypoints._scan_metadata(
        "console_scripts")


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(site: Path) -> None:
    archive = site / "plugins.zip"
    archive.write_bytes(b"PK\x05\x06" + b"\0" * 18)  # an empty zip archive
    sys.path.append(str(archive))
    assert entrypoints._scan_folders("newslint") is None
    assert [e.name for e in entrypoints.scan("newslint")] == [
        e.name for e in entrypoints._scan_metadata("newslint")]


def test_loading_an_entry_point_ignores_extras() -> None:
    ep = EntryPoint("x", "newslint.entrypoints:EntryPoint [extra]", "newslint")
    assert ep.load() is EntryPoint
