"""Rule packs are data: fuzz the pack loader, and stop a hostile pattern.

The loader may only raise newslint's own errors, one line naming the pack file. A
pattern with catastrophic backtracking in a user pack is stopped by the regex time
limit and reported naming the pack and the rule; the run's other rules and files go on.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newslint.config import Config
from newslint.errors import NewslintError
from newslint.facts import EMPTY_FACTS
from newslint.rule import Context
from newslint.packs import load_pack

from . import toml_gen

_TMP = Path(tempfile.mkdtemp(prefix="newslint-pack-fuzz-"))

RULE_KEYS = ["kind", "code", "name", "severity", "default", "summary", "message",
             "description", "why", "ignore-case", "whole-words", "examples", "tokens", "swap",
             "either", "terms", "token", "max", "scope"]
VALID_PACK = """\
[pack]
name = "desk"

[[rule]]
kind = "existence"
code = "XD101"
name = "no-shouting"
summary = "A banned word."
tokens = ["WOW", "(a|b)+c"]

[[rule]]
kind = "substitution"
code = "XD102"
name = "towards"
summary = "toward, not towards."
swap = { "towards" = "toward", "(\\\\w+)ise\\\\b" = "\\\\1ize" }

[[rule]]
kind = "occurrence"
code = "XD103"
name = "few-buts"
summary = "Not too many buts."
token = "\\\\bbut\\\\b"
max = 2
scope = "sentence"
"""


def examples(n: int) -> settings:
    return settings(max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _load(data: bytes | str) -> None:
    path = _TMP / "desk.toml"
    path.write_bytes(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data)
    try:
        rules = load_pack(path)
    except NewslintError as e:
        text = str(e)
        assert "\n" not in text and text.startswith(str(path)), text
        return
    for rule in rules:  # what loads must also run
        list(rule.check(_DOC, _CTX))


def _doc():
    from newslint.config import Config
    from newslint.engine import parse_document
    from newslint.plugins import cached_registry

    text = "WOW, towards the realise but but but aab c.\n"
    return parse_document(text, "a.txt", cached_registry(Config()))


_DOC = _doc()
_CTX = Context(config=Config(), facts=EMPTY_FACTS, options={}, article_date=None)


@examples(200)
@given(st.binary(max_size=300))
def test_pack_loader_random_bytes(data: bytes) -> None:
    _load(data)


@examples(150)
@given(st.dictionaries(st.sampled_from(["pack", "rule"]) | st.text(max_size=5),
                       st.lists(toml_gen.table(RULE_KEYS), max_size=3)
                       | toml_gen.table(["name", "description"]), max_size=3))
def test_pack_loader_random_toml(doc: dict) -> None:
    _load(toml_gen.dumps(doc))


@examples(300)
@given(st.data())
def test_pack_loader_edited_valid_pack(data: st.DataObject) -> None:
    _load(toml_gen.mutate(VALID_PACK, data))


def test_valid_pack_loads() -> None:
    assert [r.name for r in load_pack(_write_valid())] == ["no-shouting", "towards", "few-buts"]


def _write_valid() -> Path:
    path = _TMP / "valid.toml"
    path.write_text(VALID_PACK, encoding="utf-8")
    return path


HOSTILE = """\
[pack]
name = "careless"

[[rule]]
kind = "existence"
code = "XC101"
name = "nested-repeats"
summary = "A pattern that backtracks for ever on a long run of letters."
tokens = ["(a|aa)+$"]
whole-words = false
"""


def test_catastrophic_pattern_is_stopped_named_and_the_run_goes_on(cli, isolated: Path) -> None:
    (isolated / "careless.toml").write_text(HOSTILE, encoding="utf-8")
    (isolated / "newslint.toml").write_text('packs = ["careless.toml"]\n', encoding="utf-8")
    (isolated / "a.txt").write_text("Ministers met in in Rome.\n" + "a" * 40 + "!\n",
                                    encoding="utf-8")
    (isolated / "b.txt").write_text("They said the the plan was good.\n", encoding="utf-8")
    result = cli("lint", "--format", "json", "--select", "NL101,XC", "a.txt", "b.txt")
    assert result.status == 2
    found = [(f["path"], f["rule"], f["line"], f["column"]) for f in json.loads(result.out)]
    assert found == [("a.txt", "repeated-word", 1, 18), ("b.txt", "repeated-word", 1, 15)]
    [error] = result.err.splitlines()  # b.txt has no long run of letters: not stopped there
    assert error.startswith("newslint: error: a.txt: "), error
    assert "rule pack 'careless'" in error and "nested-repeats (XC101)" in error, error
    assert "simplify it" in error
