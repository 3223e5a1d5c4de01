"""Markdown with front matter.

Front matter (``---`` YAML or ``+++`` TOML) is read for its ``title`` and ``date`` and
not linted; code blocks, inline code, HTML, URLs and link targets are not linted; the
markup itself (emphasis markers, heading hashes, list bullets) is blanked so rules see
"the *the*" as two words in a row.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import TYPE_CHECKING, Any

from newslint.lazy import lazy_regex
from newslint.parsers.base import Parser
from newslint.parsers.text import plain_spans

if TYPE_CHECKING:
    from newslint.document import Document

# Patterns are compiled on first use. ``re``'s DOTALL and MULTILINE are ``regex``'s
# bits; V1 is named here so start-up need not import ``regex`` for a flag.
_V1 = 0x100

_FRONT_RE = lazy_regex(
    r"\A(?:\ufeff)?(?P<fence>---|\+\+\+)[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)?^(?P=fence)[ \t]*\r?$\n?",
    re.DOTALL | re.MULTILINE,
)
_FENCED_RE = lazy_regex(
    r"^[ ]{0,3}(?P<f>`{3,}|~{3,})[^\n]*\n.*?(?:^[ ]{0,3}(?P=f)[`~]*[ \t]*\r?$|\Z)",
    re.DOTALL | re.MULTILINE,
)
_INDENTED_RE = lazy_regex(r"(?:(?<=\A)|(?<=\n[ \t]*\n))(?:(?: {4}|\t)[^\n]*(?:\n|\Z))+")
_INLINE_CODE_RE = lazy_regex(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
_HTML_TAG_RE = lazy_regex(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_IMAGE_RE = lazy_regex(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_RE = lazy_regex(r"(\[)[^\]\n]*(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_REFDEF_RE = lazy_regex(r"^[ ]{0,3}\[[^\]\n]+\]:[^\r\n]*(?=\r?$)", re.MULTILINE)
_AUTOLINK_RE = lazy_regex(r"<(?:https?|ftp|mailto):[^>\s]*>")
_LINE_MARKUP_RE = lazy_regex(
    r"^(?:[ \t]*>)*[ \t]*(?:#{1,6}(?=[ \t]|$)|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))?",
    re.MULTILINE,
)
_CLOSING_HASHES_RE = lazy_regex(r"(?<=\S)[ \t]+#+[ \t]*(?=\r?$)", re.MULTILINE)
_HRULE_RE = lazy_regex(r"^[ ]{0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})(?=\r?$)", re.MULTILINE)
_SETEXT_RE = lazy_regex(r"^[ ]{0,3}(?:=+|-+)[ \t]*(?=\r?$)", re.MULTILINE)
# Emphasis markers at word edges: "*word*", "**word**", "_word_", "~~word~~".
_EMPHASIS_RE = lazy_regex(
    r"(?<![\p{L}\p{N}\\])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![\p{L}\p{N}])",
    _V1,
)
_HEADING_RE = lazy_regex(r"^[ ]{0,3}#{1,6}[ \t]+(?P<title>[^\r\n]*?)[ \t]*#*[ \t]*\r?$", re.MULTILINE)
_YAML_LINE_RE = lazy_regex(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")
_YAML_COMMENT_RE = lazy_regex(r"\s+#.*$")
_YAML_DATE_RE = lazy_regex(r"^(\d{4})-(\d{2})-(\d{2})(?:[ Tt](\d{2}):(\d{2})(?::(\d{2}))?.*)?$")


def _yaml_scalar(value: str) -> Any:
    """The few YAML scalars front matter needs: strings, quoted strings, dates."""
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
        return value[1:-1]
    if value.startswith("#"):
        return ""
    value = _YAML_COMMENT_RE.sub("", value)
    m = _YAML_DATE_RE.match(value)
    if m:
        try:
            return _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return value
    return value


def parse_front_matter(fence: str, body: str) -> dict[str, Any]:
    """Front matter as a dict; unreadable front matter gives what could be read."""
    if fence == "+++":
        import tomli
        try:
            return tomli.loads(body)
        except tomli.TOMLDecodeError:
            return {}
    meta: dict[str, Any] = {}
    for line in body.splitlines():
        if line[:1] in (" ", "\t", "-", "#"):
            continue  # nested values and lists: not needed for title and date
        m = _YAML_LINE_RE.match(line)
        if m:
            meta[m.group("key")] = _yaml_scalar(m.group("value"))
    return meta


class MarkdownParser(Parser):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd")

    def parse(self, text: str, path: str) -> Document:
        from newslint.document import Document, Span, mask

        spans: list[tuple[int, int]] = []
        meta: dict[str, Any] = {}
        body_start = 0
        m = _FRONT_RE.match(text)
        if m:
            meta = parse_front_matter(m.group("fence"), m.group("body"))
            spans.append(m.span())
            body_start = m.end()
        code: list[tuple[int, int]] = [x.span() for x in _FENCED_RE.finditer(text, body_start)]
        code += [x.span() for x in _INDENTED_RE.finditer(text, body_start)]
        code += [x.span() for x in _INLINE_CODE_RE.finditer(text, body_start)]
        spans += code
        spans += plain_spans(text)
        for rx in (_HTML_TAG_RE, _IMAGE_RE, _REFDEF_RE, _AUTOLINK_RE, _HRULE_RE, _SETEXT_RE,
                   _CLOSING_HASHES_RE):
            spans += [x.span() for x in rx.finditer(text, body_start)]
        for x in _LINK_RE.finditer(text, body_start):
            spans.append(x.span(1))
            spans.append(x.span(2))
        for x in _LINE_MARKUP_RE.finditer(text, body_start):
            if x.end() > x.start():
                spans.append(x.span())
        for x in _EMPHASIS_RE.finditer(text, body_start):
            spans.append(x.span())
        prose = mask(text, spans)
        headline = None
        in_code = _covered(code)
        for h in _HEADING_RE.finditer(text, body_start):
            if not in_code(h.start()):
                headline = Span(h.start("title"), h.end("title"))
                break
        return Document(path=path, text=text, prose=prose, kind="markdown", meta=meta,
                        headline=headline)


def _covered(spans: list[tuple[int, int]]):
    ordered = sorted(spans)

    def inside(offset: int) -> bool:
        return any(s <= offset < e for s, e in ordered)

    return inside
