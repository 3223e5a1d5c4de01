"""Reading articles from disk or standard input into text, with clear errors.

Everything a repository can hold ends here as text or as one ``ReadError`` line that
names the file and what to do: binary files, bad bytes (with their offset), legacy
encodings, pipes and devices (never opened for a blocking read), files too large to be
articles, files that vanish or loop between the search and the read.
"""

from __future__ import annotations

import codecs
import errno
import os
import stat
import sys
from typing import TYPE_CHECKING

from newslint.errors import ReadError

if TYPE_CHECKING:
    from newslint.config import Config
    from newslint.discover import Source

# Far above any article (the dev corpus's largest is well under 100 KB); a file over
# it is a data dump or a log, and linting it would cost seconds and gigabytes.
DEFAULT_MAX_BYTES = 10_000_000
_SNIFF = 8192  # bytes looked at for NULs (how git and grep tell binary from text)
_UTF32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)  # checked before UTF-16's


def decode(data: bytes, path: str, encoding: str = "utf-8") -> str:
    """Bytes to text. UTF-16 with a BOM is recognised whatever ``encoding`` says; a
    BOM is kept as ``\\ufeff`` (the engine strips it, so columns do not count it)."""
    if data.startswith(_UTF32_BOMS):
        raise ReadError("UTF-32 text is not supported; save it as UTF-8", path=path)
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        try:
            return "\ufeff" + data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise ReadError(f"invalid UTF-16 at byte {e.start}", path=path) from None
    nul = data.find(b"\x00", 0, _SNIFF)
    if nul >= 0:
        raise ReadError(
            f"binary file (NUL byte at byte {nul}), not an article; skipped "
            f"(UTF-16 text needs a byte-order mark)", path=path)
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise ReadError(
            f"not valid {encoding} at byte {e.start} (line {line}): "
            f"{data[e.start:e.start + 4]!r}...; if the file is in a legacy encoding, "
            f"pass --encoding (e.g. cp1252) or set encoding in the configuration",
            path=path) from None
    except LookupError:
        raise ReadError(f"unknown encoding {encoding!r}; use a Python codec name such as "
                        f"utf-8, cp1252 or latin-1", path=path) from None


def check_encoding(name: str) -> str:
    """``name`` if Python knows the codec; else ``ValueError`` saying what to write."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}; use a Python codec name such as "
                         f"utf-8, cp1252 or latin-1") from None
    return name


def read_bytes(path: str, *, stdin: bool = False,
               max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of one article file (or standard input), or a one-line ``ReadError``."""
    limit = max_bytes or None
    if stdin:  # read whole, like any reader of standard input; then held to the limit
        data = sys.stdin.buffer.read()
        if limit is not None and len(data) > limit:
            raise ReadError(_too_large(len(data), limit), path=path)
        return data
    try:
        # Non-blocking, so a named pipe is refused below instead of hanging the run.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise ReadError(_os_problem(e, path), path=path) from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ReadError("is a folder, not a file", path=path)
        if not stat.S_ISREG(st.st_mode):
            raise ReadError("not a regular file (a pipe, socket or device); skipped; "
                            "use - to lint standard input", path=path)
        if limit is not None and st.st_size > limit:
            raise ReadError(_too_large(st.st_size, limit), path=path)
        return _read_limited(fd, path, limit, st.st_size)
    except OSError as e:
        raise ReadError(_os_problem(e, path), path=path) from None
    finally:
        os.close(fd)


def read_source_bytes(source: "Source", config: "Config") -> bytes:
    """A discovered source's bytes under the run's size limit."""
    return read_bytes(source.path, stdin=source.stdin,
                      max_bytes=config.max_file_size)


def read_source_text(source: "Source", config: "Config") -> tuple[bytes, str]:
    """A source's bytes (for its cache key) and its text, decoded with the run's
    encoding, without a byte-order mark (offsets skip it)."""
    data = read_source_bytes(source, config)
    text = decode(data, source.path, config.encoding)
    return data, text[1:] if text.startswith("\ufeff") else text


def _read_limited(fd: int, path: str, limit: int | None, size: int) -> bytes:
    """Up to ``limit`` bytes (and one more, to see a file over it) of the open file.

    ``os.read`` of the size measured plus one byte: a buffered file object cost more
    than the read itself (~5 us a file), and asking for the whole limit allocates it
    first. A file that grew since it was measured is read on, a MiB at a time."""
    cap = None if limit is None else limit + 1
    want = size + 1 if cap is None else min(size + 1, cap)
    parts: list[bytes] = []
    got = 0
    while cap is None or got < cap:
        chunk = os.read(fd, want - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
        if got == want:
            want = got + (1 << 20) if cap is None else min(got + (1 << 20), cap)
    data = parts[0] if len(parts) == 1 else b"".join(parts)
    if limit is not None and len(data) > limit:
        raise ReadError(_too_large(None, limit), path=path)
    return data


def _too_large(size: int | None, limit: int) -> str:
    what = f"{_human(size)}, over" if size is not None else "over"
    return (f"too large to be an article ({what} the {_human(limit)} limit); "
            f"skipped; raise max-file-size in the configuration to lint it")


def _human(n: int) -> str:
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def _os_problem(e: OSError, path: str) -> str:
    if e.errno == errno.ENOENT:
        if os.path.islink(path):
            return "broken symlink: its target does not exist"
        return "no longer exists (deleted or moved during the run?); skipped"
    if e.errno == errno.ELOOP:
        return "symlink loop (too many levels of symbolic links); skipped"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied: cannot read it; skipped"
    if e.errno == errno.EISDIR:
        return "is a folder, not a file"
    return f"cannot read: {e.strerror or e}"
