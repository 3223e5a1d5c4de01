"""Rule packs: house rules as TOML data, registered like any other rules.

A pack is a TOML file with an optional ``[pack]`` table (``name``, ``description``)
and one ``[[rule]]`` table per rule::

    [[rule]]
    kind = "substitution"          # existence | substitution | consistency |
                                   # capitalization | occurrence
    code = "NL701"                 # a family prefix and three digits
    name = "month-abbreviation"    # kebab-case
    severity = "warning"           # error | warning | info (default warning)
    default = true                 # on unless the configuration turns it off
    summary = "One line for `newslint rules`."
    message = 'Write "{replacement}", not "{match}".'
    description = "What it does (Markdown)."
    why = "Why is this bad? (Markdown)."
    ignore-case = false            # patterns match regardless of case
    whole-words = true             # patterns match whole words only
    swap = { "Sept\\." = "September" }
    examples = { bad = ["..."], good = ["..."] }   # run as tests, shown by `explain`

Kind-specific keys: ``tokens`` (existence: a list of patterns), ``swap`` (substitution:
pattern -> replacement; ``\\1`` .. ``\\9`` insert the pattern's groups, nothing else in
a replacement is special), ``either`` (consistency: a list of lists of
patterns), ``terms`` (capitalization: the terms as they must be cased), ``token``,
``max`` and ``scope`` (occurrence: pattern, limit, "sentence" or "paragraph").
Message templates may use ``{match}``, ``{replacement}``, ``{other}``, ``{line}``,
``{term}``, ``{count}``, ``{max}``.

Built-in packs live in the top-level ``rules/`` folder of the source tree, shipped in
the wheel as ``newslint/_packs/``; the user's are listed by the ``packs`` key of the
configuration (files, or folders of ``*.toml``). An entry that cannot be used is a
``RulePackError`` naming the pack file, the entry and the key; a pattern that does
not compile also gives its position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import regex

from newslint.config import Config
from newslint.errors import NewslintError, RulePackError
from newslint.findings import Severity
from newslint.hookspecs import hookimpl
from newslint.kinds import (KINDS, WORD_PATTERN, PackPattern, PackRule, Source, group_refs,
                            plain_groups)
from newslint.rule import CODE_RE, NAME_RE, Rule

import tomli

_COMMON_KEYS = {"kind", "code", "name", "severity", "default", "summary", "message",
                "description", "why", "ignore-case", "whole-words", "examples"}
_KIND_KEYS = {
    "existence": {"tokens"},
    "substitution": {"swap"},
    "consistency": {"either"},
    "capitalization": {"terms"},
    "occurrence": {"token", "max", "scope"},
}
_DEFAULT_MESSAGES = {
    "existence": 'Avoid "{match}".',
    "substitution": 'Write "{replacement}", not "{match}".',
    "consistency": '"{match}" here but "{other}" on line {line}: use one form.',
    "capitalization": 'Write "{term}", not "{match}".',
    "occurrence": "{count} in this {scope}; the limit is {max}.",
}


def builtin_pack_dir() -> Path | None:
    """The built-in packs: ``newslint/_packs`` in a wheel, ``rules/`` in a source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_packs", here.parent / "rules"):
        if candidate.is_dir() and any(candidate.glob("*.toml")):
            return candidate
    return None


def builtin_pack_paths() -> list[Path]:
    folder = builtin_pack_dir()
    return sorted(folder.glob("*.toml")) if folder else []


def user_pack_paths(config: Config) -> list[Path]:
    """The files the ``packs`` key lists (a folder stands for its ``*.toml`` files)."""
    out: list[Path] = []
    for p in config.packs:
        path = Path(p)
        if not path.is_absolute():
            path = Path(config.root) / path
        if path.is_dir():
            out.extend(sorted(path.glob("*.toml")))
        else:
            out.append(path)
    return out


def _line_of(source: str, needle: str) -> int | None:
    for i, line in enumerate(source.splitlines(), 1):
        if needle in line:
            return i
    return None


def load_pack(path: Path) -> list[PackRule]:
    """Every rule of one pack file, compiled; ``RulePackError`` when any is unusable."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise RulePackError(f"cannot read rule pack: {e.strerror or e}", path=str(path)) from None
    try:
        source = raw.decode("utf-8-sig")
        data = tomli.loads(source)
    except UnicodeDecodeError:
        raise RulePackError("rule pack is not UTF-8 text", path=str(path)) from None
    except tomli.TOMLDecodeError as e:
        raise RulePackError(f"invalid TOML: {e}", path=str(path)) from None
    unknown = set(data) - {"pack", "rule"}
    if unknown:
        raise RulePackError(f"unknown table {sorted(unknown)[0]!r}; a pack has [pack] and "
                            "[[rule]] tables", path=str(path))
    meta = data.get("pack", {})
    if not isinstance(meta, dict):
        raise RulePackError("[pack] must be a table", path=str(path), key="pack")
    pack_name = str(meta.get("name") or path.stem)
    entries = data.get("rule", [])
    if not isinstance(entries, list):
        raise RulePackError("rules must be [[rule]] tables", path=str(path), key="rule")
    src = Source(pack_name, str(path))
    return [_build(entry, i, src, source) for i, entry in enumerate(entries)]


class _Entry:
    """Reads one ``[[rule]]`` table, raising errors that name file, entry and key."""

    def __init__(self, data: dict[str, Any], index: int, src: Source, text: str) -> None:
        self.data = data
        self.src = src
        self.text = text
        name = data.get("name")
        self.label = f"rule {name!r}" if isinstance(name, str) else f"rule #{index + 1}"
        self.line = _line_of(text, f'"{name}"') if isinstance(name, str) else None

    def error(self, message: str, key: str | None = None, line: int | None = None) -> RulePackError:
        where = f"{self.label}" + (f", key {key!r}" if key else "")
        return RulePackError(f"{where}: {message}", path=self.src.path, line=line or self.line)

    def get(self, key: str, kind: type | tuple[type, ...], default: Any = ...) -> Any:
        if key not in self.data:
            if default is ...:
                raise self.error("is required", key)
            return default
        value = self.data[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind in (int, (int,)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            raise self.error(f"expected {names}, got {type(value).__name__}", key)
        return value

    def strings(self, key: str) -> list[str]:
        value = self.get(key, list)
        if not value or not all(isinstance(v, str) and v for v in value):
            raise self.error("expected a non-empty list of strings", key)
        return value

    def compile(self, pattern: str, key: str, ignore_case: bool, whole_words: bool,
                groups: int | None = None) -> PackPattern:
        """The pattern, compiled now unless it is plain (see ``plain_groups``) or
        ``groups`` vouches for it: then on first use, as it cannot fail."""
        if groups is None:
            groups = plain_groups(pattern)
        try:
            return PackPattern(pattern, ignore_case=ignore_case, whole_words=whole_words,
                               groups=groups)
        except regex.error as e:
            pos = getattr(e, "pos", None)
            at = f" at position {pos + 1}" if pos is not None else ""
            line = _line_of(self.text, pattern.replace("\\", "\\\\")) or _line_of(self.text, pattern)
            raise self.error(f"pattern {pattern!r} does not compile{at}: {e.msg if hasattr(e, 'msg') else e}",
                             key, line) from None


def _build(data: Any, index: int, src: Source, text: str) -> PackRule:
    if not isinstance(data, dict):
        raise RulePackError(f"rule #{index + 1} is not a table", path=src.path)
    e = _Entry(data, index, src, text)
    kind = e.get("kind", str)
    if kind not in KINDS:
        raise e.error(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}", "kind")
    unknown = set(data) - _COMMON_KEYS - _KIND_KEYS[kind]
    if unknown:
        allowed = ", ".join(sorted(_COMMON_KEYS | _KIND_KEYS[kind]))
        raise e.error(f"unknown key for kind {kind!r}; expected one of: {allowed}",
                      sorted(unknown)[0])
    code, name = e.get("code", str), e.get("name", str)
    if not CODE_RE.match(code):
        raise e.error(f"code {code!r} is not a family prefix and three digits (e.g. NL701)", "code")
    if not NAME_RE.match(name):
        raise e.error(f"name {name!r} is not kebab-case", "name")
    try:
        severity = Severity.parse(e.get("severity", str, "warning"))
    except ValueError as err:
        raise e.error(str(err), "severity") from None
    ignore_case = e.get("ignore-case", bool, False)
    whole_words = e.get("whole-words", bool, True)
    summary = e.get("summary", str)
    if "\n" in summary.strip():
        raise e.error("must be one line", "summary")
    message = e.get("message", str, _DEFAULT_MESSAGES[kind])
    docs = _docs(e, src, kind)
    common = dict(code=code, name=name, severity=severity, summary=summary.strip(), docs=docs,
                  message=message, default=e.get("default", bool, True), source=src)
    cls = KINDS[kind]
    if kind == "existence":
        tokens = e.strings("tokens")
        joined = "|".join(f"(?:{t})" for t in tokens)
        try:
            groups = plain_groups(joined)
            pattern = PackPattern(joined, ignore_case=ignore_case, whole_words=whole_words,
                                  groups=groups)
        except regex.error:
            for t in tokens:  # name the token that does not compile, with its position
                e.compile(t, "tokens", ignore_case, whole_words)
            pattern = e.compile(joined, "tokens", ignore_case, whole_words)
        return cls(patterns=pattern, **common)
    if kind == "substitution":
        swap = e.get("swap", dict)
        if not swap or not all(isinstance(v, str) for v in swap.values()):
            raise e.error("expected a table of pattern = replacement strings", "swap")
        swaps = [(e.compile(k, "swap", ignore_case, whole_words), v) for k, v in swap.items()]
        for pattern, replacement in swaps:
            missing = [n for n in group_refs(replacement) if n > pattern.groups]
            if missing:
                raise e.error(f"replacement {replacement!r} refers to group \\{missing[0]}, but "
                              f"its pattern has {pattern.groups} group(s)", "swap")
        return cls(swaps=swaps, sources=list(swap), **common)
    if kind == "consistency":
        either = e.get("either", list)
        if not either or not all(isinstance(s, list) and len(s) >= 2
                                 and all(isinstance(f, str) for f in s) for s in either):
            raise e.error("expected a list of lists of two or more patterns", "either")
        sets = [[(f, e.compile(f, "either", ignore_case, whole_words)) for f in forms]
                for forms in either]
        return cls(sets=sets, **common)
    if kind == "capitalization":
        terms = e.strings("terms")
        alternatives = sorted((r"\s+".join(regex.escape(w) for w in t.split()) for t in terms),
                              key=len, reverse=True)
        pattern = e.compile("|".join(alternatives), "terms", True, whole_words)
        return cls(terms=terms, pattern=pattern, **common)
    # occurrence
    token = e.get("token", str, WORD_PATTERN)
    limit = e.get("max", int)
    scope = e.get("scope", str, "sentence")
    if scope not in ("sentence", "paragraph"):
        raise e.error(f'unknown scope {scope!r}; expected "sentence" or "paragraph"', "scope")
    # The default token is newslint's own word pattern (known to compile); with it the
    # rule counts the document's tokens and never uses the pattern.
    pattern = e.compile(token, "token", ignore_case, False, 0 if token == WORD_PATTERN else None)
    return cls(pattern=pattern, limit=limit, scope=scope, words=token == WORD_PATTERN, **common)


def _docs(e: _Entry, src: Source, kind: str) -> str:
    """Rule docs in the built-in rules' format, from the entry's text and examples."""
    description = e.get("description", str, "").strip() or e.get("summary", str)
    why = e.get("why", str, "").strip() or "A house-style rule: see the pack's description."
    examples = e.get("examples", dict, {})
    unknown = set(examples) - {"bad", "good"}
    if unknown:
        raise e.error(f"unknown key {sorted(unknown)[0]!r}; expected bad and good", "examples")
    bad = examples.get("bad", [])
    good = examples.get("good", [])
    for key, value in (("bad", bad), ("good", good)):
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise e.error("expected a list of strings", f"examples.{key}")

    def fences(texts: list[str]) -> str:
        return "\n\n".join(f"```text\n{t.strip(chr(10))}\n```" for t in texts)

    parts = [
        "## What it does", description, "",
        f"From the rule pack `{src.pack}` ({Path(src.path).name}); kind `{kind}`.", "",
        "## Why is this bad?", why, "",
    ]
    if bad:
        parts += ["## Example", fences(bad), ""]
    if good:
        parts += ["## Use instead", fences(good), ""]
    return "\n" + "\n".join(parts)


@hookimpl
def newslint_register_rules(register: Callable[[Rule], None], config: Config) -> None:
    """Register the built-in packs, then the user's; report every broken pack, after
    registering the rules of the others."""
    problems: list[NewslintError] = []
    for path in builtin_pack_paths() + user_pack_paths(config):
        try:
            rules = load_pack(path)
        except RulePackError as err:
            problems.append(err)
            continue
        for rule in rules:
            try:
                register(rule)
            except NewslintError as err:
                problems.append(RulePackError(str(err), path=str(path)))
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise RulePackError("; ".join(str(p) for p in problems))


__all__ = ["builtin_pack_dir", "builtin_pack_paths", "load_pack", "user_pack_paths",
           "newslint_register_rules"]
