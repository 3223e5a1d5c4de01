"""The language server, driven by a real LSP client in another process (pytest-lsp)."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("pygls", reason="the language server needs the lsp extra (pygls)")
pytest_lsp = pytest.importorskip("pytest_lsp", reason="pytest-lsp drives the server in tests")
from lsprotocol import types as lsp  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

pytestmark = pytest.mark.asyncio

# "😀" is one code point but two UTF-16 code units: columns after it differ.
ARTICLE = "Talks resume\n\nEnvoys 😀 met in in Geneva.\n"
REPEAT_CP = ARTICLE.split("\n")[2].index("in in") + 3  # the second "in", in code points


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "newslint", "server"]))
async def client(lsp_client: LanguageClient):
    lsp_client.registrations = []

    @lsp_client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        lsp_client.registrations.extend(params.registrations)

    yield
    await lsp_client.shutdown_session()


async def _start(client: LanguageClient, root: Path, encodings=None) -> lsp.InitializeResult:
    caps = lsp.ClientCapabilities(
        general=lsp.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True)),
    )
    return await client.initialize_session(lsp.InitializeParams(
        capabilities=caps, root_uri=root.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=root.as_uri(), name="desk")]))


async def _open(client: LanguageClient, path: Path, text: str) -> list[lsp.Diagnostic]:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def _change(client: LanguageClient, path: Path, version: int, text: str,
                  rng: lsp.Range | None = None) -> list[lsp.Diagnostic]:
    uri = path.as_uri()
    change = (lsp.TextDocumentContentChangePartial(range=rng, text=text) if rng
              else lsp.TextDocumentContentChangeWholeDocument(text=text))
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return list(client.diagnostics[uri])


async def test_diagnostics_on_open_use_utf16_columns(client, tmp_path) -> None:
    result = await _start(client, tmp_path)
    assert result.capabilities.hover_provider
    await asyncio.sleep(0.05)
    assert [r.method for r in client.registrations] == [lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    [d] = await _open(client, tmp_path / "a.txt", ARTICLE)
    assert (d.code, d.source, d.severity) == ("NL101", "newslint", lsp.DiagnosticSeverity.Warning)
    # The emoji counts twice in UTF-16: one column more than in code points.
    assert d.range == lsp.Range(lsp.Position(2, REPEAT_CP + 1), lsp.Position(2, REPEAT_CP + 3))


async def test_utf32_when_the_client_prefers_it(client, tmp_path) -> None:
    result = await _start(client, tmp_path, encodings=[lsp.PositionEncodingKind.Utf32])
    assert result.capabilities.position_encoding == lsp.PositionEncodingKind.Utf32
    [d] = await _open(client, tmp_path / "a.txt", ARTICLE)
    assert d.range.start == lsp.Position(2, REPEAT_CP)


async def test_diagnostics_follow_changes(client, tmp_path) -> None:
    await _start(client, tmp_path)
    path = tmp_path / "a.txt"
    assert len(await _open(client, path, ARTICLE)) == 1
    # An incremental edit after the emoji, in UTF-16 units: delete the second "in ".
    start = lsp.Position(2, REPEAT_CP + 1)
    assert await _change(client, path, 2, "", lsp.Range(start, lsp.Position(2, REPEAT_CP + 4))) == []
    # Several quick edits are coalesced; the diagnostics are those of the last text.
    uri = path.as_uri()
    for version, text in ((3, "T\n\nthe the\n"), (4, "T\n\na a b b\n")):
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangeWholeDocument(text=text)]))
    for _ in range(3):
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        if client.diagnostics[uri] and len(client.diagnostics[uri]) == 2:
            break
    assert [d.range.start.character for d in client.diagnostics[uri]] == [2, 6]


async def test_code_actions_apply_the_fix(client, tmp_path) -> None:
    await _start(client, tmp_path)
    path = tmp_path / "a.txt"
    [d] = await _open(client, path, ARTICLE)
    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()), range=d.range,
        context=lsp.CodeActionContext(diagnostics=[d])))
    quick = [a for a in actions if a.kind == lsp.CodeActionKind.QuickFix]
    assert len(quick) == 2 and quick[0].is_preferred and not quick[1].is_preferred
    [disable] = quick[1].edit.changes[path.as_uri()]
    line_end = lsp.Position(2, len(ARTICLE.split("\n")[2]) + 1)  # + 1: the emoji's 2 units
    assert disable.range == lsp.Range(line_end, line_end)
    assert disable.new_text == " <!-- newslint: disable-line=repeated-word -->"
    [edit] = quick[0].edit.changes[path.as_uri()]
    # Deletes " in" before the second "in": from after the first "in" to the end.
    assert edit.range == lsp.Range(lsp.Position(2, REPEAT_CP), lsp.Position(2, REPEAT_CP + 3))
    assert edit.new_text == ""
    fix_all = [a for a in actions if a.kind == "source.fixAll.newslint"]
    assert fix_all[0].edit.changes[path.as_uri()][0].new_text == ARTICLE.replace("in in", "in")


async def test_hover_explains_the_rule(client, tmp_path) -> None:
    await _start(client, tmp_path)
    path = tmp_path / "a.txt"
    [d] = await _open(client, path, ARTICLE)
    hover = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()), position=d.range.start))
    assert "**NL101 repeated-word**" in hover.contents.value
    assert "## What it does" in hover.contents.value
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        text_document=lsp.TextDocumentIdentifier(uri=path.as_uri()), position=lsp.Position(0, 0)))
    assert nothing is None


async def test_configuration_is_picked_up_and_reloaded(client, tmp_path) -> None:
    config = tmp_path / "newslint.toml"
    config.write_text('ignore = ["repeated-word"]\n')
    await _start(client, tmp_path)
    path = tmp_path / "a.txt"
    assert await _open(client, path, ARTICLE) == []
    # The editor reports the change: every open document is linted again.
    config.write_text("ignore = []\n")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        changes=[lsp.FileEvent(uri=config.as_uri(), type=lsp.FileChangeType.Changed)]))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert [d.code for d in client.diagnostics[path.as_uri()]] == ["NL101"]
    # No event: the next edit still sees the new configuration (files are re-stat'ed).
    config.write_text('ignore = ["NL1"]\n')
    assert await _change(client, path, 2, ARTICLE + "\n") == []
    # A broken configuration is shown, not fatal.
    config.write_text("ignore = [\n")
    diagnostics = await _change(client, path, 3, ARTICLE)
    assert diagnostics[0].range.start == lsp.Position(0, 0)
    assert "invalid TOML" in diagnostics[0].message
    assert [d.code for d in diagnostics[1:]] == ["NL101"]


async def test_close_clears_diagnostics(client, tmp_path) -> None:
    await _start(client, tmp_path)
    path = tmp_path / "a.txt"
    assert await _open(client, path, ARTICLE)
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(
        lsp.TextDocumentIdentifier(uri=path.as_uri())))
    await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[path.as_uri()]) == []


async def test_fact_sheets_are_picked_up_and_reloaded(client, tmp_path) -> None:
    (tmp_path / "newslint.toml").write_text('facts = ["story.facts.toml"]\n')
    sheet = tmp_path / "story.facts.toml"
    sheet.write_text('[[person]]\nname = "Sergey Lavrov"\nwrong = ["Sergei Lavrov"]\n')
    await _start(client, tmp_path)
    path = tmp_path / "a.txt"
    text = "Talks\n\nSergei Lavrov arrived on Monday.\n"
    [d] = await _open(client, path, text)
    assert d.code == "NL201" and d.range.start == lsp.Position(2, 0)
    sheet.write_text('[[person]]\nname = "Sergei Lavrov"\nwrong = ["Sergey Lavrov"]\n')
    assert await _change(client, path, 2, text + "\n") == []
    sheet.write_text('[[person]]\nname = "Sergei Lavrov"\nwrong = ["Sergey Lavrov"]\nbad = 1\n')
    [d] = await _change(client, path, 3, text)
    assert "fact sheet" in d.message and "bad" in d.message


async def test_the_editors_language_picks_the_parser(client, tmp_path) -> None:
    await _start(client, tmp_path)
    text = "# Talks\n\nType `the the` to see it.\n"
    for uri, language, expected in (("untitled:Untitled-1", "markdown", 0),
                                    ("untitled:Untitled-2", "plaintext", 1)):
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        assert len(client.diagnostics[uri]) == expected, language
