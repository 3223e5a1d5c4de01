"""``newslint server``: the language server, over stdio, on pygls.

- Diagnostics when a document opens and as it changes. Changes are throttled per
  document: the first change after a quiet spell is linted at once (the editor feels
  live); further changes within ``interval`` seconds are coalesced into one lint of the
  latest text at the end of the interval, so a fast typist costs one lint per interval.
- Code actions: each finding's fix as a quick fix (unsafe ones say so and are never
  preferred), and ``source.fixAll.newslint`` for every safe fix at once.
- Hover over a finding: the rule's message and its documentation.
- Configuration and fact sheets: see ``settings.py``; file-change events from the
  client (``workspace/didChangeWatchedFiles``) also re-lint every open document.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Callable

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from newslint import __version__
from newslint.engine import check_document, parse_document
from newslint.findings import Finding, Severity
from newslint.fixing import fix_document_text
from newslint.lsp.positions import UTF8, UTF16, UTF32, PositionMap
from newslint.lsp.settings import Settings, Setup

SOURCE = "newslint"
FIX_ALL = "source.fixAll.newslint"
_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}


@dataclass
class Linted:
    """One lint of one version of a document."""

    version: int | None
    source: str  # the editor's text, BOM included if it has one
    shift: int  # 1 when the text starts with a BOM (findings' offsets do not count it)
    findings: list[Finding]
    positions: PositionMap
    setup: Setup


class Throttle:
    """Runs ``action(key)`` at once for the first request after a quiet spell, and at
    most once per ``interval`` while requests keep coming (always on the latest state)."""

    def __init__(self, interval: float, action: Callable[[str], None]) -> None:
        self.interval = interval
        self.action = action
        self._pending: dict[str, asyncio.TimerHandle] = {}
        self._last: dict[str, float] = {}

    def request(self, key: str) -> None:
        if key in self._pending:
            return  # the scheduled run will see the latest text
        loop = asyncio.get_running_loop()
        wait = self._last.get(key, -1e9) + self.interval - loop.time()
        self._pending[key] = loop.call_later(max(0.0, wait), self._fire, key)

    def cancel(self, key: str) -> None:
        handle = self._pending.pop(key, None)
        if handle is not None:
            handle.cancel()
        self._last.pop(key, None)

    def _fire(self, key: str) -> None:
        self._pending.pop(key, None)
        self._last[key] = asyncio.get_running_loop().time()
        self.action(key)


class NewslintServer(LanguageServer):
    def __init__(self, interval: float = 0.1) -> None:
        super().__init__("newslint", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.settings = Settings()
        self.linted: dict[str, Linted] = {}
        self.throttle = Throttle(interval, self.publish)

    # -- linting ---------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        enc = str(self.workspace.position_encoding or UTF16)
        return {"utf-8": UTF8, "utf-32": UTF32}.get(enc, UTF16)

    def lint(self, uri: str) -> Linted:
        """Lint the document's current text (or return the lint of this very version)."""
        document = self.workspace.get_text_document(uri)
        hit = self.linted.get(uri)
        if hit is not None and hit.version == document.version and hit.source == document.source:
            return hit
        path = to_fs_path(uri) or uri
        setup = self.settings.for_path(path if uri.startswith("file:") else None)
        source = document.source
        # An untitled buffer or an odd extension: the editor's language decides.
        kind = "markdown" if document.language_id == "markdown" and \
            "markdown" in setup.registry.parsers else None
        doc = parse_document(source, path, setup.registry, kind)
        result = check_document(doc, config=setup.config, facts=setup.facts, rules=setup.rules)
        for error in result.errors:  # a rule that failed: the others' findings still count
            self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error,
                                                         f"newslint: {error}"))
        linted = Linted(document.version, source, 1 if doc.bom else 0, result.findings,
                        PositionMap(source, self.encoding), setup)
        self.linted[uri] = linted
        return linted

    def publish(self, uri: str) -> None:
        if uri not in self.workspace.text_documents:
            return  # closed while a lint was scheduled
        try:
            linted = self.lint(uri)
        except Exception as e:  # never let one bad document take the server down
            self.window_log_message(lsp.LogMessageParams(
                lsp.MessageType.Error, f"newslint: linting {uri} failed: {type(e).__name__}: {e}"))
            return
        diagnostics = [self.diagnostic(linted, f) for f in linted.findings]
        for problem in linted.setup.problems:
            diagnostics.insert(0, lsp.Diagnostic(
                range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)),
                message=f"newslint: {problem}", severity=lsp.DiagnosticSeverity.Error,
                source=SOURCE))
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(
            uri=uri, diagnostics=diagnostics, version=linted.version))

    def range_of(self, linted: Linted, start: int, end: int) -> lsp.Range:
        s = linted.positions.to_lsp(start + linted.shift)
        e = linted.positions.to_lsp(end + linted.shift)
        return lsp.Range(lsp.Position(*s), lsp.Position(*e))

    def diagnostic(self, linted: Linted, f: Finding) -> lsp.Diagnostic:
        return lsp.Diagnostic(
            range=self.range_of(linted, f.start, f.end),
            message=f.message,
            severity=_SEVERITY.get(f.severity, lsp.DiagnosticSeverity.Warning),
            code=f.code,
            source=SOURCE,
            data={"rule": f.rule, "fixable": f.fix is not None},
        )

    def findings_in(self, linted: Linted, rng: lsp.Range) -> list[Finding]:
        start = linted.positions.to_offset(rng.start.line, rng.start.character) - linted.shift
        end = linted.positions.to_offset(rng.end.line, rng.end.character) - linted.shift
        return [f for f in linted.findings if f.start <= end and start <= f.end]

    # -- code actions and hover ------------------------------------------------------

    def code_actions(self, uri: str, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        linted = self.lint(uri)
        only = params.context.only
        actions: list[lsp.CodeAction] = []
        if not only or any(lsp.CodeActionKind.QuickFix.value.startswith(k) or
                           k.startswith(lsp.CodeActionKind.QuickFix.value) for k in only):
            for f in self.findings_in(linted, params.range):
                if f.fix is None:
                    continue
                title = f.fix.title or f"Fix {f.code} {f.rule}"
                if not f.fix.safe:
                    title += " (unsafe: check the meaning)"
                edit = lsp.TextEdit(self.range_of(linted, f.fix.start, f.fix.end), f.fix.replacement)
                actions.append(lsp.CodeAction(
                    title=title, kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[self.diagnostic(linted, f)],
                    edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
                    is_preferred=f.fix.safe))
            for f in self.findings_in(linted, params.range):
                actions.append(self.disable_line(uri, linted, f))
        if not only or any(FIX_ALL.startswith(k) for k in only):
            fix_all = self.fix_all(uri, linted)
            if fix_all is not None:
                actions.append(fix_all)
        return actions

    def disable_line(self, uri: str, linted: Linted, f: Finding) -> lsp.CodeAction:
        """Suppress the rule on the finding's line, with a comment at the line's end (a
        comment on a line of its own would split a plain-text paragraph)."""
        line0, _ = linted.positions.to_lsp(f.start + linted.shift)
        end = lsp.Position(*linted.positions.to_lsp(linted.positions.to_offset(line0, 1 << 30)))
        edit = lsp.TextEdit(lsp.Range(end, end), f" <!-- newslint: disable-line={f.rule} -->")
        return lsp.CodeAction(title=f"Disable {f.rule} ({f.code}) for this line",
                              kind=lsp.CodeActionKind.QuickFix,
                              diagnostics=[self.diagnostic(linted, f)],
                              edit=lsp.WorkspaceEdit(changes={uri: [edit]}))

    def fix_all(self, uri: str, linted: Linted) -> lsp.CodeAction | None:
        if not any(f.fix is not None and f.fix.safe for f in linted.findings):
            return None
        body = linted.source[linted.shift:]
        setup = linted.setup
        path = to_fs_path(uri) or uri
        fixed = fix_document_text(body, path=path, config=setup.config, facts=setup.facts,
                                  registry=setup.registry, rules=setup.rules,
                                  first=linted.findings)
        if fixed.text == body:
            return None
        end = linted.positions.to_lsp(len(linted.source))
        edit = lsp.TextEdit(lsp.Range(lsp.Position(0, 0), lsp.Position(*end)),
                            linted.source[:linted.shift] + fixed.text)
        return lsp.CodeAction(title=f"Fix all safe newslint findings ({len(fixed.fixed)})",
                              kind=FIX_ALL, edit=lsp.WorkspaceEdit(changes={uri: [edit]}))

    def hover(self, uri: str, position: lsp.Position) -> lsp.Hover | None:
        linted = self.lint(uri)
        offset = linted.positions.to_offset(position.line, position.character) - linted.shift
        here = [f for f in linted.findings if f.start <= offset <= f.end]
        if not here:
            return None
        parts = []
        for f in here:
            rule = linted.setup.registry.rules.get(f.rule)
            docs = (rule.docs or "").strip() if rule is not None else ""
            parts.append(f"**{f.code} {f.rule}** ({f.severity.value})\n\n{f.message}"
                         + (f"\n\n{docs}" if docs else ""))
        first = here[0]
        return lsp.Hover(
            contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown,
                                       value="\n\n---\n\n".join(parts)),
            range=self.range_of(linted, first.start, first.end))

    def relint_all(self) -> None:
        self.settings.clear()
        self.linted.clear()
        for uri in list(self.workspace.text_documents):
            self.throttle.request(uri)


def build_server(interval: float = 0.1) -> NewslintServer:
    server = NewslintServer(interval)

    @server.feature(lsp.INITIALIZED)
    async def initialized(ls: NewslintServer, params: lsp.InitializedParams) -> None:
        caps = ls.client_capabilities.workspace
        watch = caps and caps.did_change_watched_files
        if watch and watch.dynamic_registration:
            watchers = [lsp.FileSystemWatcher(glob_pattern="**/*.toml")]
            try:
                await ls.client_register_capability_async(lsp.RegistrationParams(registrations=[
                    lsp.Registration(id="newslint-watch-toml",
                                     method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                                     register_options=lsp.DidChangeWatchedFilesRegistrationOptions(
                                         watchers=watchers))]))
            except Exception:  # the client refused: re-stat on each lint still works
                pass

    @server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: NewslintServer, params: lsp.DidOpenTextDocumentParams) -> None:
        ls.throttle.cancel(params.text_document.uri)
        ls.publish(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: NewslintServer, params: lsp.DidChangeTextDocumentParams) -> None:
        ls.throttle.request(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: NewslintServer, params: lsp.DidSaveTextDocumentParams) -> None:
        ls.throttle.request(params.text_document.uri)

    @server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: NewslintServer, params: lsp.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        ls.throttle.cancel(uri)
        ls.linted.pop(uri, None)
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched(ls: NewslintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
        ls.relint_all()

    @server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION, lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]))
    def code_action(ls: NewslintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
        return ls.code_actions(params.text_document.uri, params)

    @server.feature(lsp.TEXT_DOCUMENT_HOVER)
    def hover(ls: NewslintServer, params: lsp.HoverParams) -> lsp.Hover | None:
        return ls.hover(params.text_document.uri, params.position)

    return server


def serve(interval: float = 0.1) -> None:
    build_server(interval).start_io()


__all__ = ["NewslintServer", "Throttle", "build_server", "serve"]
