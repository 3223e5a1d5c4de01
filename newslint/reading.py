"""Reading articles from disk or standard input into text, with clear errors."""

from __future__ import annotations

import codecs
import sys
from dataclasses import dataclass

from newslint.errors import ReadError


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    encoding: str
    newline_bom: bool = False


def decode(data: bytes, path: str, encoding: str = "utf-8") -> str:
    """Bytes to text. UTF-16/32 with a BOM are recognised; a UTF-8 BOM is kept in the
    text (the engine strips it, so columns do not count it)."""
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return "\ufeff" + data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(f"invalid UTF-16 at byte {e.start}", path=path) from None
    if b"\x00" in data[:8192]:
        raise ReadError("binary file (contains NUL bytes), not an article; skipped", path=path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ReadError(
            f"not valid {encoding} at byte {e.start}; pass --encoding (e.g. cp1252) "
            f"or set encoding in the configuration", path=path) from None
    except LookupError:
        raise ReadError(f"unknown encoding {encoding!r}", path=path) from None


def read_source(path: str, *, stdin: bool = False, encoding: str = "utf-8") -> str:
    if stdin:
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except IsADirectoryError:
            raise ReadError("is a folder, not a file", path=path) from None
        except OSError as e:
            raise ReadError(f"cannot read: {e.strerror or e}", path=path) from None
    return decode(data, path, encoding)
