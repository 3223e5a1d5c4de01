"""Configuration: found upward, validated with errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from newslint.config import Config, find_config_file, load_config
from newslint.errors import ConfigError
from newslint.findings import Severity


def test_found_upward_in_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.newslint]\nignore = ["repeated-word"]\n'
        '[tool.newslint.severity]\nname-spelling = "error"\n', encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    config = load_config(start=deep)
    assert config.ignore == ("repeated-word",)
    assert config.severity == {"name-spelling": Severity.ERROR}
    assert config.root == tmp_path


def test_pyproject_without_newslint_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('select = ["NL1"]\n', encoding="utf-8")
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert find_config_file(inner) == (tmp_path / "newslint.toml").resolve()
    assert load_config(start=inner).select == ("NL1",)


def test_paths_are_relative_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "newslint.toml").write_text('facts = ["sheets/story.toml"]\n', encoding="utf-8")
    assert load_config(start=tmp_path).facts == (tmp_path / "sheets" / "story.toml",)


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('selct = ["NL1"]\n', "unknown key 'selct'"),
        ('select = "NL1"\n', "wrong type for 'select': expected a list of strings"),
        ("jobs = 0\n", "wrong type for 'jobs'"),
        ('[severity]\nrepeated-word = "fatal"\n', "unknown severity 'fatal'"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_names_file_and_key(tmp_path: Path, body: str, fragment: str) -> None:
    path = tmp_path / "newslint.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(start=tmp_path)
    message = str(info.value)
    assert fragment in message
    assert str(path) in message
    assert "\n" not in message


def test_unknown_key_in_pyproject_names_line(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text('[tool.newslint]\nselect = ["NL1"]\nbogus = 1\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(start=tmp_path)
    assert str(info.value).startswith(f"{path}:3: [tool.newslint.bogus] unknown key 'bogus'")


def test_defaults_without_any_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config == Config(root=config.root)
