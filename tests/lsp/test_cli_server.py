"""``newslint server`` without the optional pygls: one clear line, exit 2."""

from __future__ import annotations

import importlib.util

from newslint.cli import main


def test_server_without_pygls_says_how_to_install_it(monkeypatch, capsys) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pygls" else real(name, *a))
    assert main(["server"]) == 2
    err = capsys.readouterr().err
    assert err == "newslint: error: the language server needs pygls: pip install 'newslint[lsp]'\n"
