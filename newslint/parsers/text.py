"""Plain text: wire copy and the like. URLs and HTML comments are not prose."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newslint.lazy import lazy_regex
from newslint.parsers.base import Parser

if TYPE_CHECKING:
    from newslint.document import Document

_V1 = 0x100  # regex.V1 (naming it would import ``regex`` at start-up)

URL_RE = lazy_regex(
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'“”‘’()\[\]]*[^\s<>\"'“”‘’()\[\].,;:!?]|"
    r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b",
    _V1,
)
HTML_COMMENT_RE = lazy_regex(r"<!--.*?-->", re.DOTALL)  # re's DOTALL is regex's
_HEADLINE_RE = lazy_regex(r"\A[ \t]*\S[^\r\n]*(?=\r?\n[ \t]*\r?\n)")


def plain_spans(text: str) -> list[tuple[int, int]]:
    """Spans that are never prose in any kind of document."""
    spans = [m.span() for m in HTML_COMMENT_RE.finditer(text)] if "<!--" in text else []
    # Every URL or address has one of these on its line (no match crosses a line
    # end): the pattern, which tries at every word, reads those lines only. (Over a
    # whole 3.4 MB file holding one "@" it took 0.18 s, most of that file's parsing.)
    lines = []
    for marker in ("://", "www.", "@"):
        at = text.find(marker)
        while at != -1:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            lines.append((start, end))
            at = text.find(marker, end)
    if lines:
        finditer = URL_RE.finditer
        spans += [m.span() for start, end in sorted(set(lines))
                  for m in finditer(text, start, end)]
    return spans


class PlainTextParser(Parser):
    name = "text"
    extensions = (".txt", ".text", "")

    def parse(self, text: str, path: str) -> Document:
        from newslint.document import Document, Span, mask

        prose = mask(text, plain_spans(text))
        headline = None
        m = _HEADLINE_RE.match(prose)
        if m and len(m.group().split()) <= 25:
            headline = Span(m.start() + (len(m.group()) - len(m.group().lstrip())), m.end())
        return Document(path=path, text=text, prose=prose, kind="text", headline=headline)
