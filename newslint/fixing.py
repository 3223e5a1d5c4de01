"""Applying fixes: ``--fix`` rewrites files in place, ``--diff`` shows what it would do.

Fixes are spliced into the text in position order; a fix that overlaps one already
taken is left for the next pass, and the document is linted again until no fix applies
(a fixed point), so one ``--fix`` run leaves nothing for a second run to do. Files are
written atomically (a temporary file in the same folder, then ``os.replace``) in the
encoding they were read in, with their BOM, line ends and permissions.
"""

from __future__ import annotations

import codecs
import difflib
import os
import stat
import tempfile
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from newslint.config import Config
from newslint.engine import ActiveRule, check_document, iter_project_rules, parse_document
from newslint.errors import NewslintError, ReadError
from newslint.facts import Facts
from newslint.findings import Finding
from newslint.reading import decode
from newslint.registry import Registry

MAX_PASSES = 10  # fixes that keep producing new fixes stop here


class FixWriteError(NewslintError):
    """A fixed file that could not be written; the original is left as it was."""


def applicable(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def apply_fixes(
    text: str, findings: Iterable[Finding], *, unsafe: bool = False
) -> tuple[str, list[Finding]]:
    """``text`` with every applicable, non-overlapping fix spliced in.

    Returns the new text and the findings whose fixes were applied. Two fixes overlap
    when their spans share a character, or when both insert at the same point (their
    order would be a guess); the later one waits for the next pass.
    """
    chosen = sorted((f for f in findings if applicable(f, unsafe)),
                    key=lambda f: (f.fix.start, f.fix.end))  # type: ignore[union-attr]
    crlf = "\r\n" in text
    parts: list[str] = []
    applied: list[Finding] = []
    pos = 0
    last_insert = -1
    for f in chosen:
        fix = f.fix
        assert fix is not None
        if fix.start < pos or (fix.start == fix.end and fix.start == last_insert):
            continue
        if text[fix.start:fix.end] == fix.replacement:
            continue  # a no-op: nothing to apply
        replacement = fix.replacement
        if crlf and "\n" in replacement and "\r\n" not in replacement:
            replacement = replacement.replace("\n", "\r\n")  # keep the file's line ends
        parts.append(text[pos:fix.start])
        parts.append(replacement)
        pos = fix.end
        if fix.start == fix.end:
            last_insert = fix.start
        applied.append(f)
    if not applied:
        return text, []
    parts.append(text[pos:])
    return "".join(parts), applied


@dataclass
class FixedText:
    text: str  # the document text (no BOM) after every pass
    fixed: list[Finding] = field(default_factory=list)  # every finding whose fix was applied
    remaining: list[Finding] = field(default_factory=list)  # findings in the final text
    passes: int = 0


def fix_document_text(
    text: str,
    *,
    path: str,
    config: Config,
    facts: Facts,
    registry: Registry,
    rules: Sequence[ActiveRule],
    unsafe: bool = False,
    first: Sequence[Finding] | None = None,
    max_passes: int = MAX_PASSES,
) -> FixedText:
    """Fix ``text`` (BOM stripped) to a fixed point. ``first``: findings already known
    for ``text`` (saves the first lint and keeps cross-article findings' fixes)."""
    result = FixedText(text)
    findings = list(first) if first is not None else None
    while True:
        if findings is None:
            doc = parse_document(result.text, path, registry)
            findings = check_document(doc, config=config, facts=facts, rules=rules).findings
        if result.passes >= max_passes:
            break
        new_text, applied = apply_fixes(result.text, findings, unsafe=unsafe)
        if not applied:
            break
        result.text = new_text
        result.fixed.extend(applied)
        result.passes += 1
        findings = None
    result.remaining = list(findings)
    return result


@dataclass(frozen=True)
class RawFile:
    """A file as read for fixing: its text (BOM included) and how to write it back."""

    path: str
    text: str
    encoding: str  # the codec to encode the text after the BOM with
    bom: bytes  # the BOM bytes to write first (empty when none)


def read_raw(path: str, encoding: str = "utf-8") -> RawFile:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as e:
        raise ReadError(f"cannot read: {e.strerror or e}", path=path) from None
    text = decode(data, path, encoding)
    for bom, codec in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return RawFile(path, text, codec, bom)
    return RawFile(path, text, encoding, b"")


def encode(raw: RawFile, text: str) -> bytes:
    """``text`` (BOM included, as read) in the file's own encoding."""
    if raw.bom:
        body = text[1:] if text.startswith("\ufeff") else text
        return raw.bom + body.encode(raw.encoding)
    return text.encode(raw.encoding)


def write_atomic(path: str, data: bytes) -> None:
    """Replace ``path`` with ``data`` so a reader sees the old file or the new one, never
    half of one; permissions are kept, and a symlink keeps pointing at the same file."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except OSError as e:
        raise FixWriteError(f"cannot write the fixed file: {e.strerror or e}", path=path) from None
    if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        # A rename would get past the read-only bit; someone set it on purpose.
        raise FixWriteError("the file is read-only; fixes not written", path=path)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".newslint-", suffix=".tmp")
    except OSError as e:
        raise FixWriteError(f"cannot write the fixed file: {e.strerror or e}", path=path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise FixWriteError(f"cannot write the fixed file: {e.strerror or e}", path=path) from None


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff of one file, line ends kept as they are in the file."""
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True),
        fromfile=f"a/{path}", tofile=f"b/{path}")
    out = []
    for line in lines:
        out.append(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n")
    return "".join(out)


@dataclass
class FileFix:
    path: str
    before: str  # text as read, BOM included
    after: str
    fixed: list[Finding]
    remaining: list[Finding]

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class FixRun:
    """What ``--fix`` / ``--diff`` did to a run: per-file fixes and the updated outcome."""

    files: list[FileFix] = field(default_factory=list)
    errors: list[NewslintError] = field(default_factory=list)
    stdin_text: str | None = None  # the fixed standard input, printed instead of a report

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def fixed_count(self) -> int:
        return sum(len(f.fixed) for f in self.changed)

    def write_diff(self, stream) -> None:
        for f in self.changed:
            stream.write(unified_diff(f.path, f.before, f.after))

    def write_summary(self, stream, *, diff: bool, remaining: int) -> None:
        n, files = self.fixed_count, len(self.changed)
        noun = "finding" if n == 1 else "findings"
        where = f"{files} file" + ("" if files == 1 else "s")
        if diff:
            stream.write(f"newslint: would fix {n} {noun} in {where}\n" if n
                         else "newslint: nothing to fix\n")
        elif n:
            stream.write(f"newslint: fixed {n} {noun} in {where}; {remaining} remaining\n")
        else:
            stream.write(f"newslint: nothing to fix; {remaining} remaining\n")


def run_fixes(
    outcome,
    sources: Sequence,
    *,
    config: Config,
    facts: Facts,
    registry: Registry,
    rules: Sequence[ActiveRule],
    unsafe: bool = False,
    write: bool = True,
    context: Sequence = (),
) -> FixRun:
    """Fix every file of a finished run (``outcome`` from the runner, updated in place:
    each fixed file's findings become those left after fixing).

    Files whose findings carry no applicable fix are not touched or even re-read.
    Standard input is never written: its fixed text is kept in ``stdin_text``.
    ``context``: the repository's other articles, as the run had them (cross-article
    rules read them when the files are linted again after fixing).
    """
    from newslint.formatters.base import FileResult
    from newslint.findings import LineIndex

    run = FixRun()
    stdin_paths = {s.path for s in sources if getattr(s, "stdin", False)}
    boms = {d.document.path: d.document.bom for d in getattr(outcome, "documents", ())}
    for i, file in enumerate(list(outcome.files)):
        is_stdin = file.path in stdin_paths
        if is_stdin:
            bom = "\ufeff" if boms.get(file.path) else ""
            raw = None
            before = bom + (file.text or "")
        else:
            if not any(applicable(f, unsafe) for f in file.findings):
                continue
            try:
                raw = read_raw(file.path, config.encoding)
            except NewslintError as e:
                run.errors.append(e)
                continue
            before = raw.text
            bom = "\ufeff" if before.startswith("\ufeff") else ""
        body = before[len(bom):]
        first = file.findings if file.text is not None and body == file.text else None
        fixed = fix_document_text(body, path=file.path, config=config, facts=facts,
                                  registry=registry, rules=rules, unsafe=unsafe, first=first)
        after = bom + fixed.text
        result = FileFix(file.path, before, after, fixed.fixed, fixed.remaining)
        if is_stdin:
            run.stdin_text = after
        elif write and result.changed:
            try:
                data = encode(raw, after)
            except UnicodeEncodeError as e:
                run.errors.append(FixWriteError(
                    f"a fix cannot be written in {raw.encoding} ({e.reason}); file left as it was",
                    path=file.path))
                continue
            try:
                write_atomic(file.path, data)
            except FixWriteError as e:
                run.errors.append(e)
                continue
        run.files.append(result)
        if result.changed or is_stdin:
            outcome.files[i] = FileResult(file.path, tuple(sorted(fixed.remaining)),
                                          LineIndex(fixed.text), fixed.text)
    if write and run.changed and iter_project_rules(rules):
        _relint_for_project_rules(outcome, sources, config=config, facts=facts,
                                  registry=registry, rules=rules, context=context)
    outcome.errors.extend(run.errors)
    return run


def _relint_for_project_rules(outcome, sources, **kwargs) -> None:
    """Cross-article findings depend on every file: after writing fixes, lint the files
    again so the findings reported are those of the files as they now are."""
    from newslint.runner import lint_sources

    on_disk = [s for s in sources if not getattr(s, "stdin", False)]
    fresh = {f.path: f for f in lint_sources(on_disk, **kwargs).files}
    for i, file in enumerate(outcome.files):
        if file.path in fresh:
            outcome.files[i] = fresh[file.path]
