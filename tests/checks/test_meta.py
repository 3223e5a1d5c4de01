"""NL901 unused-suppression: a suppression comment that suppresses nothing."""

from __future__ import annotations

import types

import pytest

from newslint.cli import main
from newslint.config import Config
from newslint.engine import lint_text
from newslint.findings import LineIndex
from newslint.fixing import apply_fixes
from newslint.hookspecs import hookimpl
from newslint.plugins import default_registry
from newslint.rule import Rule

ON = ("repeated-word", "unused-suppression")


class _NeedsFacts(Rule):
    code = "NL299"
    name = "test-needs-facts"
    summary = "test"
    needs_facts = True

    def check(self, doc, ctx):
        return ()


_PLUGIN = types.SimpleNamespace(
    __name__="test_meta_plugin",
    newslint_register_rules=hookimpl(lambda register: register(_NeedsFacts())),
)


def _nl901(text: str, select=ON, ignore=()):
    config = Config(select=tuple(select), ignore=tuple(ignore))
    registry = default_registry(config, extra=[_PLUGIN])
    found = lint_text(text, path="a.txt", config=config, registry=registry)
    lines = LineIndex(text)
    return [(lines.position(f.start).line, lines.position(f.start).column)
            for f in found if f.rule == "unused-suppression"], found


@pytest.mark.parametrize(
    "text, expected",
    [
        # used: it suppresses the repeat on the next line
        ("T\n\n<!-- newslint: disable-next-line=repeated-word -->\nIt was the the end.\n", []),
        ("T\n\nIt was the the end. <!-- newslint: disable-line=NL101 -->\n", []),
        ("T\n\n<!-- newslint: disable=NL1 -->\nthe the\n<!-- newslint: enable=NL1 -->\n", []),
        # unused: nothing to suppress
        ("T\n\n<!-- newslint: disable-next-line=repeated-word -->\nIt was the end.\n", [(3, 1)]),
        ("T\n\nIt was the end. <!-- newslint: disable-line=NL101 -->\n", [(3, 17)]),
        ("T\n\n<!-- newslint: disable-next-line -->\nIt was the end.\n", [(3, 1)]),
        # a repeat on another line is not the one it names
        ("T\n\n<!-- newslint: disable-next-line=NL101 -->\nOne.\nthe the\n", [(3, 1)]),
        # the region suppressed nothing; its enable did its job of closing it
        ("T\n\n<!-- newslint: disable=NL101 -->\nOne.\n<!-- newslint: enable=NL101 -->\n",
         [(3, 1)]),
        # an enable that closes nothing
        ("T\n\nOne.\n<!-- newslint: enable=NL101 -->\n", [(4, 1)]),
        # naming itself: deliberate, never reported
        ("T\n\n<!-- newslint: disable-next-line=unused-suppression -->\nOne.\n", []),
        ("T\n\n<!-- newslint: disable-next-line=NL101,NL9 -->\nOne.\n", []),
        # a rule that did not run (no fact sheet) may need the comment elsewhere
        ("T\n\n<!-- newslint: disable-next-line=test-needs-facts -->\nOne.\n", []),
        # a name no rule in this run answers to (switched off, or another plugin's)
        ("T\n\n<!-- newslint: disable-next-line=NL555 -->\nOne.\n", []),
    ],
)
def test_unused_suppressions(text, expected) -> None:
    assert _nl901(text)[0] == expected


def test_a_comment_for_a_rule_switched_off_is_not_unused() -> None:
    text = "T\n\n<!-- newslint: disable-next-line=repeated-word -->\nIt was the end.\n"
    assert _nl901(text, select=("unused-suppression",))[0] == []
    assert _nl901(text, select=("NL",), ignore=("NL101",))[0] == []
    assert _nl901(text, select=ON)[0] == [(3, 1)]


@pytest.mark.parametrize(
    "text, fixed",
    [
        ("T\n\n<!-- newslint: disable-next-line -->\nOne.\n", "T\n\nOne.\n"),
        ("T\r\n\r\n  <!-- newslint: disable-next-line -->  \r\nOne.\r\n", "T\r\n\r\nOne.\r\n"),
        ("T\n\nOne. <!-- newslint: disable-line=NL101 -->\nTwo.\n", "T\n\nOne.\nTwo.\n"),
        ("T\n\nOne.\n<!-- newslint: disable-next-line -->", "T\n\nOne.\n"),
    ],
)
def test_the_fix_deletes_the_comment(text, fixed) -> None:
    _, found = _nl901(text)
    assert apply_fixes(text, found)[0] == fixed


def test_fix_removes_unused_comments_end_to_end(tmp_path, capsys) -> None:
    f = tmp_path / "a.txt"
    f.write_text("T\n\n<!-- newslint: disable-next-line=NL101 -->\nIt was the end.\n"
                 "<!-- newslint: disable-next-line=NL101 -->\nIt was the the end.\n")
    assert main(["lint", "--fix", str(f)]) == 0
    assert f.read_text() == "T\n\nIt was the end.\n" \
        "<!-- newslint: disable-next-line=NL101 -->\nIt was the the end.\n"
    assert main(["lint", str(f)]) == 0


@pytest.mark.parametrize(
    "line, message, fixed",
    [
        ("It was the the end. <!-- newslint: disable-line=NL101,NL5 -->",
         'Unused "NL5" in suppression "disable-line=NL101,NL5": it suppresses nothing here; '
         "remove it from the comment.",
         "It was the the end. <!-- newslint: disable-line=NL101 -->"),
        ("It was the the end. <!-- newslint: disable-line=NL5,repeated-word,NL7 -->",
         'Unused "NL5", "NL7" in suppression "disable-line=NL5,repeated-word,NL7": they '
         "suppress nothing here; remove them from the comment.",
         "It was the the end. <!-- newslint: disable-line=repeated-word -->"),
        # NL555 names no rule that ran: it stays, and is not reported
        ("It was the end. <!-- newslint: disable-line=NL101,NL555 -->",
         'Unused "NL101" in suppression "disable-line=NL101,NL555": it suppresses nothing '
         "here; remove it from the comment.",
         "It was the end. <!-- newslint: disable-line=NL555 -->"),
    ],
)
def test_rules_a_comment_names_in_vain(line, message, fixed) -> None:
    text = f"T\n\n{line}\n"
    _, found = _nl901(text, select=("NL1", "NL5", "NL7", "NL9"))
    [f] = [f for f in found if f.rule == "unused-suppression"]
    assert f.message == message
    assert apply_fixes(text, [f])[0] == f"T\n\n{fixed}\n"
