"""Time from ``textDocument/didChange`` to ``textDocument/publishDiagnostics``.

Starts ``newslint server`` as a separate process, drives it with pygls' LSP client over
stdio, opens a ~2,000-word article and times edits one at a time (each after a pause
longer than the server's throttle interval, as when a person types a word and looks),
then prints the median and other percentiles.

    .venv/bin/python bench/lsp_latency.py [--runs 60] [--words 2000] [--facts SHEET]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

# Sentences written for this benchmark (not taken from any corpus), with the kinds of
# things the rules look at: names, titles, dates, weekdays, numbers, ordinals.
SENTENCES = [
    "Foreign ministers from nine countries met in Geneva on Tuesday, 12 March 2024, "
    "to discuss the ceasefire.",
    "The talks, the third round this year, lasted three days and ended without a joint statement.",
    "Delegates said 42 proposals had been tabled, of which 17 were accepted in principle.",
    "Maria Okonkwo, the chief negotiator, told reporters the gap had narrowed.",
    "She said the two sides would return to the table within a fortnight.",
    "Officials in Nairobi welcomed the progress but warned that aid convoys remained stalled.",
    "A spokesman for the UN refugee agency said 1.2 million people had fled since January.",
    "The Secretary-General is expected to visit the region on Friday.",
    "Critics argue the process has been too slow and too dependent on outside powers.",
    "Markets rose 2% on the news, with the currency gaining against the dollar.",
    "In a statement, the ministry said it was committed to a lasting settlement.",
    "Okonkwo added that humanitarian corridors would be the first item on the agenda.",
    "The previous round, held in Addis Ababa in November, collapsed after two days.",
    "Observers said the the mood this time was noticeably warmer.",  # one repeated word
]


def article(words: int) -> str:
    paragraphs = ["Ceasefire talks end in Geneva without deal", ""]
    count = 0
    i = 0
    while count < words:
        para = []
        for _ in range(3):
            s = SENTENCES[i % len(SENTENCES)]
            i += 1
            para.append(s)
            count += len(s.split())
        paragraphs.append(" ".join(para))
        paragraphs.append("")
    return "\n".join(paragraphs)


async def run(runs: int, words: int, facts: str | None, pause: float) -> list[float]:
    work = Path(tempfile.mkdtemp(prefix="newslint-lsp-bench-"))
    if facts:
        (work / "newslint.toml").write_text(f"facts = [{str(Path(facts).resolve())!r}]\n")
    path = work / "article.txt"
    text = article(words)
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()

    client = LanguageClient("newslint-bench", "1")
    arrived: dict[int, float] = {}
    waiters: dict[int, asyncio.Future] = {}

    @client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
        now = time.perf_counter()
        if params.version is not None:
            arrived.setdefault(params.version, now)
            fut = waiters.pop(params.version, None)
            if fut is not None and not fut.done():
                fut.set_result(len(params.diagnostics))

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def on_register(params: lsp.RegistrationParams) -> None:
        return None

    await client.start_io(sys.executable, "-m", "newslint", "server")
    await client.initialize_async(lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(), root_uri=work.as_uri()))
    client.initialized(lsp.InitializedParams())

    loop = asyncio.get_running_loop()
    waiters[1] = loop.create_future()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(
        lsp.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)))
    found = await asyncio.wait_for(waiters[1], 30)
    print(f"article: {len(text.split())} words, {len(text)} characters; "
          f"{found} diagnostics on open", file=sys.stderr)

    timings = []
    line = 2  # the first paragraph
    for version in range(2, runs + 2):
        await asyncio.sleep(pause)
        word = "new " if version % 2 == 0 else ""
        fut = waiters[version] = loop.create_future()
        change: lsp.TextDocumentContentChangeEvent
        if word:
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 0)), text=word)
        else:
            change = lsp.TextDocumentContentChangePartial(
                range=lsp.Range(lsp.Position(line, 0), lsp.Position(line, 4)), text="")
        start = time.perf_counter()
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), [change]))
        await asyncio.wait_for(fut, 30)
        timings.append((arrived[version] - start) * 1000)

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return timings


def in_process_lint_ms(words: int, facts: str | None, runs: int = 30) -> float:
    """The rules' share: parse and lint of the same article in this process."""
    from newslint.lsp.settings import Settings

    work = Path(tempfile.mkdtemp(prefix="newslint-lsp-bench-"))
    if facts:
        (work / "newslint.toml").write_text(f"facts = [{str(Path(facts).resolve())!r}]\n")
    setup = Settings().for_path(str(work / "article.txt"))
    from newslint.engine import check_document, parse_document

    text = article(words)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        doc = parse_document(text, "article.txt", setup.registry)
        check_document(doc, config=setup.config, facts=setup.facts, rules=setup.rules)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--facts", help="a fact sheet for the workspace configuration")
    parser.add_argument("--pause", type=float, default=0.15,
                        help="seconds between edits (over the server's 0.1 s throttle)")
    args = parser.parse_args()
    timings = asyncio.run(run(args.runs, args.words, args.facts, args.pause))
    timings.sort()
    q = statistics.quantiles(timings, n=10)
    print(f"didChange -> publishDiagnostics over {len(timings)} edits of a "
          f"{args.words}-word article{' with a fact sheet' if args.facts else ''}: "
          f"median {statistics.median(timings):.1f} ms, p10 {q[0]:.1f} ms, "
          f"p90 {q[-1]:.1f} ms, max {timings[-1]:.1f} ms")
    print(f"of which linting (parse + rules, in process, same rules): median "
          f"{in_process_lint_ms(args.words, args.facts):.1f} ms")


if __name__ == "__main__":
    main()
